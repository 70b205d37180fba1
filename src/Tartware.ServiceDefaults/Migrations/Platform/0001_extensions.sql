-- Extensions every module may rely on. Both are "trusted" in PostgreSQL 13+, so the database
-- owner (not a superuser) can create them.
--   btree_gist: equality on scalar columns inside EXCLUDE USING gist (room-night assignments).
--   pgcrypto:   gen_random_bytes for tokens generated in SQL.
create extension if not exists btree_gist;
create extension if not exists pgcrypto;

comment on schema platform is 'Platform-wide objects shared by modules (no tenant data).';
