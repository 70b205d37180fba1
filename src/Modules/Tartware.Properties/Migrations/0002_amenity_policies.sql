-- Amenity guardrails per tenant (property_id null: the tenant-wide default) and per property.
-- A null limit inherits (property -> tenant -> deployment option); required codes add up.
create table inventory.amenity_policies (
    tenant_id          uuid        not null,
    property_id        uuid,
    max_custom_entries integer     check (max_custom_entries >= 0),
    max_custom_tags    integer     check (max_custom_tags >= 0),
    required_codes     text[]      not null default '{}',
    updated_at         timestamptz not null default now(),
    foreign key (tenant_id, property_id) references inventory.properties (tenant_id, id)
);
create unique index amenity_policies_scope_key
    on inventory.amenity_policies (tenant_id, coalesce(property_id, '00000000-0000-0000-0000-000000000000'::uuid));

alter table inventory.amenity_policies enable row level security;
alter table inventory.amenity_policies force row level security;
create policy tenant_isolation on inventory.amenity_policies
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
