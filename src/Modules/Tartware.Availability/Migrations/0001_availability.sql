-- Availability guard: the inventory ledger per room type and night, the locks that consume it,
-- room-night assignments, the lock audit and the hold-expiry queue.
--
-- Invariant kept by the database, not only the code: on every night
--   sold + held + blocked <= capacity + oversell_limit + forced_allowance
-- where forced_allowance is raised only by an explicitly forced change (with a reason, audited)
-- and shrinks back as locks are released. Claims check the stricter bound without the allowance.

create table availability.inventory_nights (
    tenant_id        uuid        not null,
    property_id      uuid        not null,
    room_type_id     uuid        not null,
    night            date        not null,
    capacity         integer     not null default 0 check (capacity >= 0),
    sold             integer     not null default 0 check (sold >= 0),
    held             integer     not null default 0 check (held >= 0),
    blocked          integer     not null default 0 check (blocked >= 0),
    oversell_limit   integer     not null default 0 check (oversell_limit >= 0),
    forced_allowance integer     not null default 0 check (forced_allowance >= 0),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, property_id, room_type_id, night),
    constraint inventory_nights_no_oversell
        check (sold + held + blocked <= capacity + oversell_limit + forced_allowance)
);

-- Room types the guard keeps nights for, and how far ahead they are materialized. The horizon job
-- reads this table across tenants (worker scope, see the policy below); it holds only ids and a date.
create table availability.room_type_horizons (
    tenant_id           uuid    not null,
    property_id         uuid    not null,
    room_type_id        uuid    not null,
    oversell_limit      integer not null default 0 check (oversell_limit >= 0),
    materialized_through date,
    primary key (tenant_id, property_id, room_type_id)
);

create table availability.inventory_locks (
    tenant_id       uuid        not null,
    id              uuid        not null,
    property_id     uuid        not null,
    room_type_id    uuid,
    room_id         uuid,
    kind            text        not null check (kind in ('HOLD', 'RESERVATION', 'BLACKOUT', 'OUT_OF_ORDER', 'OUT_OF_SERVICE')),
    arrival         date        not null,
    departure       date        not null,
    quantity        integer     not null check (quantity between 1 and 1000),
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RELEASED', 'EXPIRED')),
    expires_at      timestamptz,
    idempotency_key text        not null check (length(idempotency_key) between 1 and 200),
    request_hash    text        not null,
    actor           text        not null,
    reason          text        check (length(reason) <= 500),
    forced          boolean     not null default false,
    -- A blackout that closes every room of its type(s): takes each night's full capacity.
    closes_all      boolean     not null default false,
    release_reason  text        check (length(release_reason) <= 500),
    released_by     text,
    released_at     timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, id),
    check (departure > arrival),
    check (kind <> 'HOLD' or expires_at is not null),
    check (room_type_id is not null or room_id is not null or kind = 'BLACKOUT')
);
create unique index inventory_locks_key on availability.inventory_locks (tenant_id, idempotency_key);
create index inventory_locks_active_idx on availability.inventory_locks (tenant_id, property_id, arrival)
    where status = 'ACTIVE';

-- What each lock takes from each night, so a release returns exactly that and a rebuild can sum it.
create table availability.lock_nights (
    tenant_id    uuid    not null,
    lock_id      uuid    not null,
    property_id  uuid    not null,
    room_type_id uuid    not null,
    night        date    not null,
    bucket       text    not null check (bucket in ('sold', 'held', 'blocked')),
    quantity     integer not null check (quantity >= 0),
    primary key (tenant_id, lock_id, room_type_id, night),
    foreign key (tenant_id, lock_id) references availability.inventory_locks (tenant_id, id)
);
create index lock_nights_night_idx on availability.lock_nights (tenant_id, property_id, room_type_id, night);

-- A room belongs to at most one active stay (or maintenance block) per night: the database says so.
create table availability.room_assignments (
    tenant_id   uuid        not null,
    id          uuid        not null,
    property_id uuid        not null,
    room_id     uuid        not null,
    lock_id     uuid        not null,
    stay        daterange   not null,
    active      boolean     not null default true,
    created_at  timestamptz not null default now(),
    released_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, lock_id) references availability.inventory_locks (tenant_id, id),
    constraint room_assignments_no_double_booking
        exclude using gist (room_id with =, stay with &&) where (active)
);
create index room_assignments_lock_idx on availability.room_assignments (tenant_id, lock_id);

-- Append-only audit of every lock transition (the app role may only insert and read).
create table availability.lock_events (
    tenant_id  uuid        not null,
    id         bigint      generated always as identity,
    lock_id    uuid        not null,
    event      text        not null check (event in ('CREATED', 'RECLAIMED', 'RELEASED', 'EXPIRED', 'MANUAL_RELEASE', 'FORCED', 'SHADOW_OVERRIDE')),
    actor      text        not null,
    reason     text,
    detail     jsonb,
    at         timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index lock_events_lock_idx on availability.lock_events (tenant_id, lock_id, id);

-- Holds waiting for their TTL. The sweeper reads due rows across tenants (worker scope), then
-- expires each hold under its own tenant.
create table availability.hold_expiries (
    tenant_id  uuid        not null,
    lock_id    uuid        not null,
    expires_at timestamptz not null,
    primary key (tenant_id, lock_id)
);
create index hold_expiries_due_idx on availability.hold_expiries (expires_at);

-- inventory.locked / inventory.released facts for topic inventory.events, written in the same
-- transaction as the change (transactional outbox); the dispatcher (role dispatcher) relays them.
-- payload is a serialized tartware.messaging.v1.Envelope. The standard outbox shape of every module.
create table availability.outbox (
    tenant_id       uuid        not null,
    id              uuid        not null,
    -- Insertion order: the facts of one key are published in this order, never overtaking each other.
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
    primary key (tenant_id, id)
);
create index availability_outbox_due_idx on availability.outbox (priority desc, seq)
    where status in ('PENDING', 'FAILED', 'IN_PROGRESS');
create index availability_outbox_key_idx on availability.outbox (tenant_id, message_key, seq) where status <> 'DELIVERED';

-- Row-level security: forced on every table. Two queue tables also admit the guard's own workers
-- (transaction-local app.worker), which see ids and timestamps only, never a business row.
do $$
declare t text;
begin
    foreach t in array array['inventory_nights', 'inventory_locks', 'lock_nights', 'room_assignments', 'lock_events'] loop
        execute format('alter table availability.%I enable row level security', t);
        execute format('alter table availability.%I force row level security', t);
        execute format($p$create policy tenant_isolation on availability.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

alter table availability.room_type_horizons enable row level security;
alter table availability.room_type_horizons force row level security;
create policy tenant_or_horizon_worker on availability.room_type_horizons
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'availability-horizon')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The outbox also admits the platform's dispatcher, which must read every tenant's committed facts to
-- publish them (it sees this table only; every business table stays tenant-only).
alter table availability.outbox enable row level security;
alter table availability.outbox force row level security;
create policy tenant_or_dispatcher on availability.outbox
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'outbox-dispatcher')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'outbox-dispatcher');

alter table availability.hold_expiries enable row level security;
alter table availability.hold_expiries force row level security;
create policy tenant_or_sweeper on availability.hold_expiries
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or current_setting('app.worker', true) = 'availability-sweeper')
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The audit is append-only for whoever serves (the default privileges granted them everything).
select platform.make_append_only('availability.lock_events');
