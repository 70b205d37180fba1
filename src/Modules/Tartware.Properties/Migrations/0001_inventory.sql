-- Inventory: properties, room types, rooms, the per-property amenity catalog, guests.
--
-- Every table is tenant data: tenant_id on each row, RLS enabled and forced, one policy on
-- app.tenant_id (set transaction-locally by the unit of work). Children carry tenant_id too and
-- reference their parent through (tenant_id, id), so a row can never point into another tenant.
-- Codes are stored upper-case; uniqueness is per tenant (properties) or per property (the rest).

create table inventory.properties (
    tenant_id       uuid        not null,
    id              uuid        not null,
    code            text        not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,19}$'),
    name            text        not null check (length(name) between 1 and 200),
    time_zone       text        not null check (length(time_zone) between 1 and 64),
    currency        char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    address         jsonb,
    check_in_time   time        not null,
    check_out_time  time        not null,
    status          text        not null check (status in ('ACTIVE', 'INACTIVE', 'PRE_OPENING')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         integer     not null default 1,
    primary key (tenant_id, id)
);
create unique index properties_code_key on inventory.properties (tenant_id, code);

create table inventory.room_types (
    tenant_id       uuid        not null,
    id              uuid        not null,
    property_id     uuid        not null,
    code            text        not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
    name            text        not null check (length(name) between 1 and 200),
    description     text        check (length(description) <= 2000),
    base_occupancy  integer     not null check (base_occupancy between 1 and 20),
    max_adults      integer     not null check (max_adults between 1 and 20),
    max_children    integer     not null check (max_children between 0 and 20),
    bed_type        text        not null,
    size_sqm        numeric(7,2) check (size_sqm > 0),
    base_rate       numeric(19,4) not null check (base_rate > 0),
    sort_order      integer     not null default 0,
    status          text        not null check (status in ('ACTIVE', 'INACTIVE')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         integer     not null default 1,
    primary key (tenant_id, id),
    foreign key (tenant_id, property_id) references inventory.properties (tenant_id, id)
);
create unique index room_types_code_key on inventory.room_types (tenant_id, property_id, code);

create table inventory.rooms (
    tenant_id           uuid        not null,
    id                  uuid        not null,
    property_id         uuid        not null,
    room_type_id        uuid        not null,
    number              text        not null check (number ~ '^[A-Z0-9][A-Z0-9-]{0,9}$'),
    floor               integer,
    building            text        check (length(building) <= 50),
    status              text        not null check (status in ('AVAILABLE', 'OCCUPIED', 'OUT_OF_ORDER', 'OUT_OF_SERVICE')),
    housekeeping_status text        not null check (housekeeping_status in ('CLEAN', 'DIRTY', 'INSPECTED', 'IN_PROGRESS')),
    features            text[]      not null default '{}',
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    version             integer     not null default 1,
    primary key (tenant_id, id),
    foreign key (tenant_id, property_id) references inventory.properties (tenant_id, id),
    foreign key (tenant_id, room_type_id) references inventory.room_types (tenant_id, id)
);
create unique index rooms_number_key on inventory.rooms (tenant_id, property_id, number);
create index rooms_room_type_idx on inventory.rooms (tenant_id, room_type_id);

-- The property's amenity catalog: canonical entries seeded from code (source CANONICAL, refreshed
-- while not overridden) and the tenant's own entries (source CUSTOM). Never deleted by the seed.
create table inventory.amenity_catalog (
    tenant_id   uuid        not null,
    property_id uuid        not null,
    code        text        not null check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name        text        not null check (length(name) between 1 and 80),
    category    text        not null,
    icon        text        not null,
    tags        text[]      not null default '{}',
    source      text        not null check (source in ('CANONICAL', 'CUSTOM')),
    is_default  boolean     not null default false,
    is_required boolean     not null default false,
    overridden  boolean     not null default false,
    status      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, property_id, code),
    foreign key (tenant_id, property_id) references inventory.properties (tenant_id, id)
);

-- Amenities of a room type. No foreign key to the catalog on purpose: legacy imports and removed
-- custom entries leave codes the drift reconciler reports and repairs.
create table inventory.room_type_amenities (
    tenant_id    uuid        not null,
    room_type_id uuid        not null,
    code         text        not null check (length(code) between 1 and 80),
    source       text        not null default 'MANUAL' check (source in ('MANUAL', 'CLONE', 'LEGACY')),
    metadata     jsonb,
    added_at     timestamptz not null default now(),
    primary key (tenant_id, room_type_id, code),
    foreign key (tenant_id, room_type_id) references inventory.room_types (tenant_id, id) on delete cascade
);

-- Guests are tenant-wide (a guest of one hotel of a chain is known to its other hotels).
create table inventory.guests (
    tenant_id         uuid        not null,
    id                uuid        not null,
    first_name        text        not null check (length(first_name) between 1 and 100),
    last_name         text        not null check (length(last_name) between 1 and 100),
    email             text        check (length(email) <= 254),
    phone             text        check (phone ~ '^\+?[0-9]{5,20}$'),
    address           jsonb,
    nationality       char(2),
    document_type     text,
    document_number   text        check (length(document_number) <= 40),
    date_of_birth     date,
    vip_level         text        not null default 'NONE' check (vip_level in ('NONE', 'SILVER', 'GOLD', 'PLATINUM')),
    preferences       jsonb       not null default '{}',
    marketing_consent boolean     not null default false,
    blacklisted       boolean     not null default false,
    blacklist_reason  text        check (length(blacklist_reason) <= 500),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           integer     not null default 1,
    primary key (tenant_id, id),
    check (not blacklisted or blacklist_reason is not null)
);
create index guests_name_idx on inventory.guests (tenant_id, lower(last_name) text_pattern_ops, lower(first_name) text_pattern_ops);
create index guests_email_idx on inventory.guests (tenant_id, lower(email));
create index guests_phone_idx on inventory.guests (tenant_id, phone);
create index guests_document_idx on inventory.guests (tenant_id, document_number);

-- Row-level security, forced so not even the owner escapes it.
do $$
declare t text;
begin
    foreach t in array array['properties', 'room_types', 'rooms', 'amenity_catalog', 'room_type_amenities', 'guests'] loop
        execute format('alter table inventory.%I enable row level security', t);
        execute format('alter table inventory.%I force row level security', t);
        execute format($p$create policy tenant_isolation on inventory.%I
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    end loop;
end $$;
