-- Rates: rate plans, their room-type default rates, the price calendar, restrictions, the fallback
-- policy and the audit of fallback decisions (issue 4 items 6-8). Every table is tenant data with
-- forced RLS. Properties and room types belong to the Properties module (schema inventory): they are
-- referenced by id only, never by foreign key across schemas, so either module can be lifted out.

create table rates.rate_plans (
    tenant_id                 uuid          not null,
    id                        uuid          not null,
    property_id               uuid          not null,
    code                      text          not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,19}$'),
    name                      text          not null check (length(btrim(name)) between 1 and 200),
    description               text          check (length(description) <= 2000),
    type                      text          not null check (type in ('BAR', 'RACK', 'CORPORATE', 'PROMO', 'PACKAGE', 'NON_REFUNDABLE',
                                                                     'GROUP', 'GOVERNMENT', 'MEMBER', 'LONG_STAY', 'OTHER')),
    is_system                 boolean       not null default false,
    base_plan_id              uuid,
    offset_kind               text          check (offset_kind in ('ABSOLUTE', 'PERCENT')),
    offset_value              numeric(19,4),
    cancellation_window_hours integer       not null default 24 check (cancellation_window_hours between 0 and 8760),
    cancellation_penalty      text          not null default 'FIRST_NIGHT'
                                            check (cancellation_penalty in ('NONE', 'FIRST_NIGHT', 'PERCENT', 'FULL_STAY')),
    cancellation_penalty_percent numeric(7,4) check (cancellation_penalty_percent between 0 and 100),
    valid_from                date,
    valid_until               date,
    status                    text          not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
    channels                  text[]        not null default '{}',
    created_at                timestamptz   not null default now(),
    updated_at                timestamptz   not null default now(),
    version                   integer       not null default 1,
    primary key (tenant_id, id),
    check (valid_until is null or valid_from is null or valid_until >= valid_from),
    check ((base_plan_id is null) = (offset_kind is null) and (offset_kind is null) = (offset_value is null)),
    check ((cancellation_penalty = 'PERCENT') = (cancellation_penalty_percent is not null)),
    foreign key (tenant_id, base_plan_id) references rates.rate_plans (tenant_id, id)
);
create unique index rate_plans_code_key on rates.rate_plans (tenant_id, property_id, code);
create index rate_plans_base_idx on rates.rate_plans (tenant_id, base_plan_id) where base_plan_id is not null;

-- The nightly rate of a plan for a room type when the calendar has no price for the night. BAR and
-- RACK get theirs from the room type's base rate at setup.
create table rates.plan_room_rates (
    tenant_id    uuid          not null,
    rate_plan_id uuid          not null,
    room_type_id uuid          not null,
    amount       numeric(19,4) not null check (amount >= 0),
    created_at   timestamptz   not null default now(),
    primary key (tenant_id, rate_plan_id, room_type_id),
    foreign key (tenant_id, rate_plan_id) references rates.rate_plans (tenant_id, id) on delete cascade
);

create table rates.rate_calendar (
    tenant_id    uuid          not null,
    rate_plan_id uuid          not null,
    room_type_id uuid          not null,
    night        date          not null,
    amount       numeric(19,4) not null check (amount >= 0),
    updated_at   timestamptz   not null default now(),
    primary key (tenant_id, rate_plan_id, room_type_id, night),
    foreign key (tenant_id, rate_plan_id) references rates.rate_plans (tenant_id, id) on delete cascade
);

-- A row only where something is restricted; CTD is read on the departure date, LOS on the arrival date.
create table rates.rate_restrictions (
    tenant_id           uuid        not null,
    rate_plan_id        uuid        not null,
    room_type_id        uuid        not null,
    night               date        not null,
    closed              boolean     not null default false,
    closed_to_arrival   boolean     not null default false,
    closed_to_departure boolean     not null default false,
    min_los             integer     check (min_los between 1 and 365),
    max_los             integer     check (max_los between 1 and 365),
    updated_at          timestamptz not null default now(),
    primary key (tenant_id, rate_plan_id, room_type_id, night),
    check (min_los is null or max_los is null or max_los >= min_los),
    foreign key (tenant_id, rate_plan_id) references rates.rate_plans (tenant_id, id) on delete cascade
);

-- property_id null = the tenant's default, used by properties without their own.
create table rates.fallback_policies (
    tenant_id               uuid          not null,
    property_id             uuid,
    allow_fallback          boolean       not null,
    max_price_delta         numeric(19,4) check (max_price_delta >= 0),
    max_price_delta_percent numeric(7,4)  check (max_price_delta_percent >= 0),
    notify_recipients       text[]        not null default '{}',
    updated_at              timestamptz   not null default now(),
    updated_by              text,
    version                 integer       not null default 1
);
create unique index fallback_policies_property_key on rates.fallback_policies (tenant_id, property_id) where property_id is not null;
create unique index fallback_policies_tenant_key on rates.fallback_policies (tenant_id) where property_id is null;

-- Every fallback the resolver made for a caller's write, stored in that write's transaction.
create table rates.fallback_decisions (
    tenant_id       uuid          not null,
    id              uuid          not null,
    property_id     uuid          not null,
    room_type_id    uuid          not null,
    arrival         date          not null,
    departure       date          not null,
    adults          integer       not null,
    children        integer       not null,
    source          text          not null,
    partner_id      text,
    requested_code  text          not null,
    applied_code    text          not null,
    reason          text          not null,
    detail          text          not null,
    currency        text          not null,
    requested_total numeric(19,4),
    applied_total   numeric(19,4) not null,
    price_delta     numeric(19,4),
    escalated       boolean       not null,
    notify_recipients text[]      not null default '{}',
    actor           text,
    correlation_id  text,
    decided_at      timestamptz   not null default now(),
    primary key (tenant_id, id)
);
create index fallback_decisions_time_idx on rates.fallback_decisions (tenant_id, property_id, decided_at);

create table rates.rerate_runs (
    tenant_id      uuid        not null,
    id             uuid        not null,
    property_id    uuid        not null,
    from_date      date        not null,
    to_date        date        not null,
    partner_id     text,
    reason         text,
    examined       integer     not null,
    now_requested  integer     not null,
    still_fallback integer     not null,
    unavailable    integer     not null,
    actor          text,
    ran_at         timestamptz not null default now(),
    primary key (tenant_id, id)
);

create table rates.rerate_results (
    tenant_id      uuid          not null,
    run_id         uuid          not null,
    decision_id    uuid          not null,
    outcome        text          not null check (outcome in ('REQUESTED', 'FALLBACK', 'UNAVAILABLE')),
    applied_code   text,
    previous_total numeric(19,4),
    new_total      numeric(19,4),
    detail         text,
    primary key (tenant_id, run_id, decision_id),
    foreign key (tenant_id, run_id) references rates.rerate_runs (tenant_id, id),
    foreign key (tenant_id, decision_id) references rates.fallback_decisions (tenant_id, id)
);

-- Row-level security on every table, forced so not even the owner escapes it.
do $$
declare t text;
begin
    foreach t in array array['rate_plans', 'plan_room_rates', 'rate_calendar', 'rate_restrictions', 'fallback_policies',
                             'fallback_decisions', 'rerate_runs', 'rerate_results'] loop
        execute format('alter table rates.%I enable row level security', t);
        execute format('alter table rates.%I force row level security', t);
        execute format($p$create policy tenant_isolation on rates.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;
