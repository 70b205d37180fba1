-- Identity: tenants, users, memberships, refresh tokens, signing keys, Data Protection keys.
--
-- Tenancy model: tenants and memberships are tenant data (RLS forced). A row is visible when it
-- belongs to the tenant of the unit of work (app.tenant_id) or, for the login and tenant-picker
-- flows that run before a tenant is chosen, to the authenticated user (app.user_id, set only after
-- the password was verified). Users are platform-wide (one person, many hotels' memberships), so
-- they carry no tenant_id; tenant endpoints reach them only through a membership join.

create table identity.tenants (
    id           uuid        primary key,
    name         text        not null check (length(btrim(name)) between 1 and 200),
    slug         text        not null check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    type         text        not null check (type in ('INDEPENDENT', 'CHAIN', 'FRANCHISE', 'MANAGEMENT_COMPANY')),
    status       text        not null default 'ACTIVE' check (status in ('TRIAL', 'ACTIVE', 'SUSPENDED', 'ARCHIVED')),
    entitlements text[]      not null default '{}',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      integer     not null default 1
);
create unique index tenants_slug_key on identity.tenants (slug);

create table identity.users (
    id                 uuid        primary key,
    username           text        not null check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    email              text        not null check (length(email) <= 254 and email like '%_@_%'),
    display_name       text        check (length(display_name) <= 200),
    password_hash      text        not null,
    status             text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    failed_attempts    integer     not null default 0,
    lockout_count      integer     not null default 0,
    locked_until       timestamptz,
    last_failed_at     timestamptz,
    mfa_enabled        boolean     not null default false,
    mfa_secret         bytea,
    mfa_pending_secret bytea,
    mfa_last_step      bigint,
    last_login_at      timestamptz,
    password_changed_at timestamptz not null default now(),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    version            integer     not null default 1
);
create unique index users_username_key on identity.users (username);
create unique index users_email_key on identity.users (lower(email));

create table identity.memberships (
    tenant_id          uuid        not null references identity.tenants (id),
    user_id            uuid        not null references identity.users (id),
    role               text        not null check (role in ('OWNER', 'ADMIN', 'MANAGER', 'STAFF', 'VIEWER')),
    property_ids       uuid[],
    active             boolean     not null default true,
    active_from        timestamptz,
    active_until       timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    version            integer     not null default 1,
    primary key (tenant_id, user_id),
    check (active_until is null or active_from is null or active_until > active_from)
);
create index memberships_user_idx on identity.memberships (user_id);

create table identity.refresh_tokens (
    id          uuid        primary key,
    tenant_id   uuid        not null references identity.tenants (id),
    user_id     uuid        not null references identity.users (id),
    family_id   uuid        not null,
    token_hash  text        not null,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    revoke_reason text,
    replaced_by uuid
);
create unique index refresh_tokens_hash_key on identity.refresh_tokens (token_hash);
create index refresh_tokens_family_idx on identity.refresh_tokens (tenant_id, family_id);

-- Platform tables (no tenant data): token signing keys and the Data Protection key ring that
-- protects their private halves and the MFA secrets. Shared by every process of a deployment.
create table identity.signing_keys (
    kid                 text        primary key,
    algorithm           text        not null default 'ES256',
    private_key_protected bytea     not null,
    created_at          timestamptz not null default now(),
    activates_at        timestamptz not null,
    retires_at          timestamptz
);

create table identity.data_protection_keys (
    friendly_name text        primary key,
    xml           text        not null,
    created_at    timestamptz not null default now()
);

-- Row-level security on tenant tables, forced so not even the owner escapes it.
alter table identity.tenants enable row level security;
alter table identity.tenants force row level security;
create policy tenant_isolation on identity.tenants
    using (id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or exists (select 1 from identity.memberships m
                      where m.tenant_id = tenants.id
                        and m.user_id = nullif(current_setting('app.user_id', true), '')::uuid))
    with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table identity.memberships enable row level security;
alter table identity.memberships force row level security;
create policy tenant_isolation on identity.memberships
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
           or user_id = nullif(current_setting('app.user_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table identity.refresh_tokens enable row level security;
alter table identity.refresh_tokens force row level security;
create policy tenant_isolation on identity.refresh_tokens
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Failed logins per account for the sliding-hour cap (ASVS 2.2.1); pruned as new failures arrive.
create table identity.login_failures (
    user_id   uuid        not null references identity.users (id),
    failed_at timestamptz not null
);
create index login_failures_user_idx on identity.login_failures (user_id, failed_at);
