-- Messaging runtime: the audit of operations on messages (outbox requeue now; DLQ replay with the
-- pipeline). A platform table: operators act across tenants, and the rows name the filters they used.
create table messaging.operations_audit (
    id        bigint      generated always as identity primary key,
    at        timestamptz not null default now(),
    actor     text        not null check (length(actor) between 1 and 200),
    operation text        not null,
    detail    jsonb       not null
);

-- Append-only for whoever serves (the default privileges granted them everything).
do $$
declare r text;
begin
    for r in select distinct grantee from information_schema.role_table_grants
             where table_schema = 'messaging' and table_name = 'operations_audit'
               and privilege_type in ('UPDATE', 'DELETE') and grantee <> current_user loop
        execute format('revoke update, delete on messaging.operations_audit from %I', r);
    end loop;
end $$;
