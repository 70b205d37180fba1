#!/usr/bin/env bash
# One command for a benchmark: installs what is missing, starts PostgreSQL, Redis and the dev broker
# on loopback on ports apart from up.sh and test.sh (profile "bench", fresh database each run),
# builds Release, runs bench/Tartware.Bench (which starts `tartware serve` itself, one process per
# role), stops everything it started even on failure, and prints where the report is.
#   scripts/bench.sh write|mixed|read|contention|holds|max [--rate N] [--duration 30s] [--kill processor --every 20s]
#                    [--broker-outage 30s] ...
#   scripts/bench.sh --help
# Exit code: the tool's (0 all invariants held, 1 a violation, 2 refused, 3 the run failed).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILE=bench
PG_PORT=${TARTWARE_BENCH_PG_PORT:-35432}
REDIS_PORT=${TARTWARE_BENCH_REDIS_PORT:-36379}
API_PORT=${TARTWARE_BENCH_API_PORT:-38080}
# shellcheck source=lib/infra.sh
. "$REPO_ROOT/scripts/lib/infra.sh"

BENCH_DLL="$REPO_ROOT/bench/Tartware.Bench/bin/Release/net10.0/Tartware.Bench.dll"
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ] || [ $# = 0 ]; then
  dotnet build "$REPO_ROOT/bench/Tartware.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
  dotnet "$BENCH_DLL" --help
  exit 0
fi

OUT="$REPO_ROOT/.local/bench/$(date -u +%Y%m%dT%H%M%SZ)-$1"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  trap '' PIPE
  set +e
  # The tool stops the processes it started; these pid files cover a tool that died first.
  for pid_file in "$OUT"/logs/*.pid; do
    [ -f "$pid_file" ] && kill -9 "$(cat "$pid_file")" 2>/dev/null
    rm -f "$pid_file"
  done
  stop_broker; stop_redis; stop_postgres
  [ -f "$OUT/summary.md" ] && log "report: $OUT/summary.md (report.json, plot-*.svg)"
  exit $rc
}
trap cleanup EXIT INT TERM

install_missing
load_secrets
log "building (Release)"
dotnet build "$REPO_ROOT/src/Tartware.Host" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$REPO_ROOT/bench/Tartware.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
TARTWARE_BIN="$REPO_ROOT/src/Tartware.Host/bin/Release/net10.0/tartware"

start_postgres "$PG_PORT" yes
# pg_stat_statements for the profile in every report (where the database's time went); it needs a restart to load.
psql_super -c "alter system set shared_preload_libraries = 'pg_stat_statements'" >/dev/null
stop_postgres
start_postgres "$PG_PORT" no
psql_super -d tartware -c "create extension if not exists pg_stat_statements" >/dev/null
start_redis "$REDIS_PORT"
# Every topic of deploy/topics.txt, reservation topics included (the mock's auto-created topics would get its default
# partition count, and the processor's parallelism is per partition).
start_broker $(sed -e 's/#.*//' -e '/^\s*$/d' -e 's/^/--topic /' "$REPO_ROOT/deploy/topics.txt")
export_settings
# Larger pool than up.sh: the bench drives hundreds of requests in flight.
export TARTWARE__Database__ConnectionString="${TARTWARE__Database__ConnectionString/Maximum Pool Size=50/Maximum Pool Size=100}"
# The mock broker answers empty fetches only after fetch.wait.max.ms (DEPENDENCIES.md): keep it short.
export TARTWARE__Kafka__FetchWaitMaxMs=50 TARTWARE__Kafka__SessionTimeoutMs=6000
export TARTWARE__Logging__LogLevel__Default=Warning
"$TARTWARE_BIN" migrate >/dev/null
psql_super -d postgres -c "create database bench_pgbench" >/dev/null
# pgbench and psql reach the same server as the superuser, through libpq's variables.
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGPASSWORD=$PG_SUPER_PASSWORD

mkdir -p "$OUT"
log "running: $*   (report in $OUT)"
set +e
# --broker-pid: --broker-outage stops and resumes the dev broker started above (SIGSTOP/SIGCONT, see docs/benchmarks.md).
dotnet "$BENCH_DLL" "$@" --tartware "$TARTWARE_BIN" --api-port "$API_PORT" --out "$OUT" --repo "$REPO_ROOT" --pg-bin "$(pg_bin)" \
  --broker-pid "$(cat "$(state_dir)/broker.pid")"
rc=$?
set -e
exit $rc
