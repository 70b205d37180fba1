-- platform.make_append_only(table): revokes UPDATE and DELETE on an audit table from every role but
-- its owner. The schema's default privileges grant the serving role everything; audit tables
-- (lock events, operations audit, ...) call this right after they are created.
create function platform.make_append_only(target regclass) returns void
language plpgsql as $$
declare r text;
begin
    for r in select distinct grantee from information_schema.role_table_grants g
             join pg_class c on c.oid = target
             join pg_namespace n on n.oid = c.relnamespace
             where g.table_schema = n.nspname and g.table_name = c.relname
               and g.privilege_type in ('UPDATE', 'DELETE') and g.grantee <> current_user loop
        execute format('revoke update, delete on %s from %I', target, r);
    end loop;
end $$;
revoke execute on function platform.make_append_only(regclass) from public;
