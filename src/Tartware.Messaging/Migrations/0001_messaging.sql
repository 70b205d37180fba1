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
select platform.make_append_only('messaging.operations_audit');
