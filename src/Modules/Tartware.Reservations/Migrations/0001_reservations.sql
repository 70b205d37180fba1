-- The reservation pipeline (issue 6): accepted commands with their lifecycle and idempotency keys,
-- the reservations the processor applies, its inbox, offset ledger and dead letters, and the outbox
-- that carries both commands (reservations.events) and facts (reservations.applied).

-- One row per reservation the processor has decided: CONFIRMED and on, or REJECTED with a reason.
-- Price, nights and cancellation terms are a snapshot of what was sold, never re-derived.
create table reservations.reservations (
    tenant_id           uuid          not null,
    id                  uuid          not null,
    property_id         uuid          not null,
    room_type_id        uuid          not null,
    confirmation_number text,
    status              text          not null check (status in ('CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED', 'NO_SHOW', 'REJECTED')),
    arrival             date          not null,
    departure           date          not null,
    adults              integer       not null check (adults between 1 and 20),
    children            integer       not null check (children between 0 and 20),
    guest_id            uuid,
    guest_first_name    text          not null,
    guest_last_name     text          not null,
    guest_email         text,
    guest_phone         text,
    requested_rate_code text,
    rate_code           text,
    rate_plan_id        uuid,
    currency            char(3),
    nightly             jsonb         not null default '[]',
    total               numeric(19,4),
    cancellation        jsonb,
    fallback            jsonb,
    source              text          not null,
    partner_id          text,
    notes               text          check (length(notes) <= 2000),
    room_id             uuid,
    rejection_code      text,
    rejection_detail    text,
    cancel_reason       text,
    version             integer       not null default 1,
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now(),
    primary key (tenant_id, id),
    check (departure > arrival),
    check ((status = 'REJECTED') = (confirmation_number is null)),
    unique (tenant_id, property_id, confirmation_number)
);
create index reservations_list_idx on reservations.reservations (tenant_id, property_id, arrival, id);
create index reservations_guest_idx on reservations.reservations (tenant_id, lower(guest_last_name) text_pattern_ops);

-- Gap-free confirmation numbers: the counter row is locked by the applying transaction, so a
-- rolled-back apply gives its number back.
create table reservations.confirmation_counters (
    tenant_id   uuid   not null,
    property_id uuid   not null,
    last_number bigint not null,
    primary key (tenant_id, property_id)
);

create table reservations.status_history (
    tenant_id      uuid        not null,
    seq            bigint      generated always as identity,
    reservation_id uuid        not null,
    from_status    text,
    to_status      text        not null,
    command_id     uuid        not null,
    actor          text        not null,
    reason         text,
    at             timestamptz not null default now(),
    primary key (tenant_id, seq)
);
create index reservations_status_history_idx on reservations.status_history (tenant_id, reservation_id, seq);

-- Every accepted command and where it is in its lifecycle (Tartware.Messaging CommandLifecycle).
create table reservations.commands (
    tenant_id        uuid        not null,
    id               uuid        not null,
    reservation_id   uuid        not null,
    kind             text        not null check (kind in ('CREATE', 'MODIFY', 'CANCEL', 'CHECK_IN', 'CHECK_OUT', 'NO_SHOW', 'ASSIGN_ROOM')),
    state            text        not null check (state in ('RECEIVED', 'PERSISTED', 'PUBLISHED', 'CONSUMED', 'APPLIED', 'REJECTED', 'DLQ')),
    outbox_id        uuid        not null,
    actor            text        not null,
    correlation_id   text,
    rejection_code   text,
    rejection_detail text,
    redrives         integer     not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index reservations_commands_by_reservation_idx on reservations.commands (tenant_id, reservation_id, created_at);
create index reservations_commands_open_idx on reservations.commands (updated_at) where state in ('PERSISTED', 'PUBLISHED', 'CONSUMED');

create table reservations.command_transitions (
    tenant_id  uuid        not null,
    seq        bigint      generated always as identity,
    command_id uuid        not null,
    from_state text,
    to_state   text        not null,
    actor      text        not null,
    detail     text,
    at         timestamptz not null default now(),
    primary key (tenant_id, seq)
);
create index reservations_command_transitions_idx on reservations.command_transitions (tenant_id, command_id, seq);

-- Idempotency-Key store: written in the transaction that accepts the command, so a key exists if and
-- only if its command does. The request hash tells a replay (same body) from a reuse (409).
create table reservations.idempotency_keys (
    tenant_id    uuid        not null,
    key          text        not null check (length(key) between 1 and 200),
    request_hash text        not null,
    status_code  integer     not null,
    response     jsonb       not null,
    command_id   uuid,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, key)
);

-- The processor's inbox: one row per event applied (or rejected); a second delivery finds it and is skipped.
create table reservations.inbox (
    tenant_id    uuid        not null,
    event_id     uuid        not null,
    command_id   uuid,
    processed_at timestamptz not null default now(),
    primary key (tenant_id, event_id)
);

-- The offset ledger: the source of truth for where each consumer group stands. On assignment the
-- processor seeks to offset + 1; Kafka's committed offsets are only a hint. Not tenant data.
create table reservations.reservation_event_offsets (
    consumer_group text        not null,
    topic          text        not null,
    partition      integer     not null,
    "offset"       bigint      not null,
    applied_at     timestamptz not null default now(),
    high_watermark bigint,
    observed_at    timestamptz,
    primary key (consumer_group, topic, partition)
);

-- Messages whose retries ran out, with the original bytes (also published to the DLQ topic).
create table reservations.dead_letters (
    id              uuid        primary key,
    tenant_id       uuid,
    event_id        uuid,
    command_id      uuid,
    reservation_id  uuid,
    event_type      text,
    consumer_group  text        not null,
    topic           text        not null,
    partition       integer     not null,
    "offset"        bigint      not null,
    original        bytea       not null,
    attempts        integer     not null,
    failure_cause   text        not null,
    first_failed_at timestamptz not null,
    dead_at         timestamptz not null default now(),
    status          text        not null default 'PARKED' check (status in ('PARKED', 'REPLAYED', 'DISCARDED')),
    replays         integer     not null default 0,
    replayed_at     timestamptz,
    replayed_by     text
);
create index reservations_dead_letters_parked_idx on reservations.dead_letters (dead_at) where status = 'PARKED';

create table reservations.outbox (
    tenant_id       uuid        not null,
    id              uuid        not null,
    seq             bigint      generated always as identity,
    topic           text        not null,
    message_key     text        not null,
    event_type      text        not null,
    payload         bytea       not null,
    priority        smallint    not null default 0,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'IN_PROGRESS', 'DELIVERED', 'FAILED', 'DLQ')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    command_id      uuid,
    primary key (tenant_id, id)
);
create index reservations_outbox_due_idx on reservations.outbox (priority desc, seq) where status in ('PENDING', 'FAILED', 'IN_PROGRESS');
create index reservations_outbox_key_idx on reservations.outbox (tenant_id, message_key, seq) where status <> 'DELIVERED';
create index reservations_outbox_dlq_idx on reservations.outbox (seq) where status = 'DLQ';

do $$
declare t text;
begin
    foreach t in array array['reservations', 'confirmation_counters', 'status_history', 'command_transitions', 'idempotency_keys', 'inbox'] loop
        execute format('alter table reservations.%I enable row level security', t);
        execute format('alter table reservations.%I force row level security', t);
        execute format($p$create policy tenant_isolation on reservations.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- The stalled-command auditor reads command states across tenants (ids, states and times); it
-- re-drives each one under that command's own tenant.
alter table reservations.commands enable row level security;
alter table reservations.commands force row level security;
create policy tenant_or_auditor on reservations.commands
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'command-auditor')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table reservations.outbox enable row level security;
alter table reservations.outbox force row level security;
create policy tenant_or_dispatcher on reservations.outbox
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'outbox-dispatcher')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'outbox-dispatcher');

-- Dead letters are operations data: the processor parks them (a poison message may carry no
-- readable tenant) and the dlq verbs read them; no tenant request ever does.
alter table reservations.dead_letters enable row level security;
alter table reservations.dead_letters force row level security;
create policy processor_or_operator on reservations.dead_letters
    using (current_setting('app.worker', true) in ('reservation-processor', 'dlq-operator'))
    with check (current_setting('app.worker', true) in ('reservation-processor', 'dlq-operator'));

select platform.make_append_only('reservations.status_history');
select platform.make_append_only('reservations.command_transitions');
