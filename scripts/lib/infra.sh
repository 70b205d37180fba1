#!/usr/bin/env bash
# Shared by scripts/up.sh and scripts/test.sh: install what is missing, start and stop PostgreSQL,
# Redis and the dev broker on loopback only, each profile (dev, test) with its own data and ports.
# Sourced, not executed. Expects REPO_ROOT and PROFILE to be set.

set -euo pipefail

# Never fails: cleanup must go on even when the terminal or a pipe reading our output is gone.
log() { { printf '\033[1;34m[tartware]\033[0m %s\n' "$*" >&2; } 2>/dev/null || true; }
die() { printf '\033[1;31m[tartware] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$bin" ] && echo "$bin"
}

# apt-get update runs at most once, and only when something is missing.
install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  ldconfig -p 2>/dev/null | grep -q 'librdkafka.so.1 ' || packages+=(librdkafka-dev)
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  command -v runuser >/dev/null 2>&1 || packages+=(util-linux)
  command -v jq >/dev/null 2>&1 || packages+=(jq)   # the demo seed reads API answers
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  if [ ${#packages[@]} -gt 0 ]; then
    log "installing: ${packages[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    # Debian starts a system redis/postgres after install; we run our own on other ports.
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is required (dotnet not on PATH)"
  id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# State lives under .local/<profile> unless the postgres OS user cannot reach the checkout
# (e.g. a mktemp -d clone with mode 700); then under /var/tmp, keyed by the checkout path.
state_dir() {
  local local_dir="$REPO_ROOT/.local/$PROFILE"
  mkdir -p "$local_dir"
  if runuser -u postgres -- test -x "$local_dir" 2>/dev/null; then
    echo "$local_dir"
  else
    local key
    key=$(printf '%s' "$REPO_ROOT" | sha1sum | cut -c1-10)
    mkdir -p "/var/tmp/tartware-$key/$PROFILE"
    chmod 755 "/var/tmp/tartware-$key" "/var/tmp/tartware-$key/$PROFILE"
    echo "/var/tmp/tartware-$key/$PROFILE"
  fi
}

# Passwords are generated once per profile, kept out of git (chmod 600).
load_secrets() {
  local file="$REPO_ROOT/.local/$PROFILE/secrets.env"
  mkdir -p "$(dirname "$file")"
  if [ ! -f "$file" ]; then
    umask 077
    {
      echo "PG_SUPER_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
      echo "PG_OWNER_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
      echo "PG_APP_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
      echo "REDIS_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    } >"$file"
  fi
  # shellcheck disable=SC1090
  . "$file"
}

start_postgres() {
  local port=$1 fresh=${2:-no} state bin data
  bin=$(pg_bin); state=$(state_dir); data="$state/pg"
  if [ "$fresh" = yes ] && [ -d "$data" ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
    local pwfile="$state/.pgpw"
    (umask 077; echo "$PG_SUPER_PASSWORD" >"$pwfile"); chown postgres "$pwfile"
    runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --data-checksums --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
  fi
  if runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running ($data)"
  else
    local extra=""
    # Tests prove process-kill safety, not power-loss safety: skip fsync there for speed.
    [ "$PROFILE" = test ] && extra="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    mkdir -p "$state/pglog" && chown postgres:postgres "$state/pglog"
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$state/pglog/postgres.log" -w -t 60 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c max_connections=300 -c shared_buffers=256MB $extra" >/dev/null \
      || die "PostgreSQL did not start; see $state/pglog/postgres.log"
  fi
  PG_SOCKET_DIR="$data"
  psql_super -c "select 1" >/dev/null
  ensure_roles
}

psql_super() {
  runuser -u postgres -- "$(pg_bin)/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

# The owner migrates (and, in the test profile, may create scratch databases); tartware_app serves
# and can bypass nothing: no superuser, no BYPASSRLS, owns no tables.
ensure_roles() {
  local createdb=NOCREATEDB
  [ "$PROFILE" = test ] && createdb=CREATEDB
  psql_super -d postgres <<SQL
select 'create role tartware_owner' where not exists (select from pg_roles where rolname = 'tartware_owner') \gexec
select 'create role tartware_app'   where not exists (select from pg_roles where rolname = 'tartware_app') \gexec
alter role tartware_owner login $createdb nosuperuser nobypassrls password '$PG_OWNER_PASSWORD';
alter role tartware_app login nocreatedb nosuperuser nobypassrls password '$PG_APP_PASSWORD';
select 'create database tartware owner tartware_owner' where not exists (select from pg_database where datname = 'tartware') \gexec
SQL
  psql_super -d tartware -c "revoke create on schema public from public; grant create on schema public to tartware_owner;" >/dev/null
}

stop_postgres() {
  local bin state
  bin=$(pg_bin) || return 0; state=$(state_dir)
  [ -f "$state/pg/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$state/pg" -m fast -w stop >/dev/null 2>&1 || true
}

start_redis() {
  local port=$1 state
  state=$(state_dir)
  if [ -f "$state/redis.pid" ] && kill -0 "$(cat "$state/redis.pid")" 2>/dev/null; then
    log "Redis already running"
    return
  fi
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes --requirepass "$REDIS_PASSWORD" \
    --save '' --appendonly no --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" \
    --dir "$state" >/dev/null
  local i
  for i in $(seq 1 50); do
    redis-cli -p "$port" -a "$REDIS_PASSWORD" --no-auth-warning ping 2>/dev/null | grep -q PONG && return
    sleep 0.1
  done
  die "Redis did not start; see $state/redis.log"
}

stop_redis() {
  local state; state=$(state_dir)
  if [ -f "$state/redis.pid" ]; then
    kill "$(cat "$state/redis.pid")" 2>/dev/null || true
    rm -f "$state/redis.pid"
  fi
}

# The dev broker is `tartware dev-broker`: librdkafka's mock cluster, in memory, NOT durable.
start_broker() {
  local state; state=$(state_dir)
  stop_broker
  "$TARTWARE_BIN" dev-broker --brokers "${BROKERS:-1}" "$@" >"$state/broker.log" 2>&1 &
  echo $! >"$state/broker.pid"
  local i
  for i in $(seq 1 100); do
    if grep -q '^bootstrap.servers=' "$state/broker.log" 2>/dev/null; then
      KAFKA_BOOTSTRAP=$(grep '^bootstrap.servers=' "$state/broker.log" | head -1 | cut -d= -f2-)
      return
    fi
    kill -0 "$(cat "$state/broker.pid")" 2>/dev/null || die "dev broker exited; see $state/broker.log"
    sleep 0.1
  done
  die "dev broker did not print its bootstrap list; see $state/broker.log"
}

stop_broker() {
  local state; state=$(state_dir)
  if [ -f "$state/broker.pid" ]; then
    kill "$(cat "$state/broker.pid")" 2>/dev/null || true
    rm -f "$state/broker.pid"
  fi
}

export_settings() {
  export TARTWARE__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=tartware;Username=tartware_app;Password=$PG_APP_PASSWORD;Maximum Pool Size=50"
  export TARTWARE__Database__MigrationConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=tartware;Username=tartware_owner;Password=$PG_OWNER_PASSWORD"
  export TARTWARE__Redis__Configuration="127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD"
  export TARTWARE__Kafka__BootstrapServers="$KAFKA_BOOTSTRAP"
}
