#!/usr/bin/env bash
# Installs what is missing, builds, starts PostgreSQL, Redis and the dev broker on loopback,
# migrates, seeds demo data and runs `tartware serve --roles all` on http://127.0.0.1:8080.
# Ctrl-C stops everything it started. Safe to run again.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILE=dev
PG_PORT=${TARTWARE_PG_PORT:-15432}
REDIS_PORT=${TARTWARE_REDIS_PORT:-16379}
HTTP_URL=${TARTWARE_URL:-http://127.0.0.1:8080}
# shellcheck source=lib/infra.sh
. "$REPO_ROOT/scripts/lib/infra.sh"

cleanup() {
  trap - EXIT INT TERM
  trap '' PIPE
  set +e
  log "stopping"
  [ -n "${SERVE_PID:-}" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  stop_broker; stop_redis; stop_postgres
  log "stopped"
}
trap cleanup EXIT INT TERM

install_missing
load_secrets
log "building"
dotnet build "$REPO_ROOT/src/Tartware.Host" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
TARTWARE_BIN="$REPO_ROOT/src/Tartware.Host/bin/Release/net10.0/tartware"

start_postgres "$PG_PORT"
start_redis "$REDIS_PORT"
start_broker $(sed -e 's/#.*//' -e '/^\s*$/d' -e 's/^/--topic /' "$REPO_ROOT/deploy/topics.txt")
export_settings
# The mock broker answers empty fetches only after fetch.wait.max.ms and holds a group for the
# session timeout after a member leaves; short values keep a laptop responsive (ADR 0003).
export TARTWARE__Kafka__FetchWaitMaxMs=${TARTWARE__Kafka__FetchWaitMaxMs:-50} TARTWARE__Kafka__SessionTimeoutMs=${TARTWARE__Kafka__SessionTimeoutMs:-6000}
"$TARTWARE_BIN" migrate

"$TARTWARE_BIN" serve --roles all --urls "$HTTP_URL" &
SERVE_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$HTTP_URL/health/ready" 2>/dev/null && break
  kill -0 "$SERVE_PID" 2>/dev/null || die "tartware serve exited during startup"
  sleep 0.5
done
export TARTWARE_BIN TARTWARE_URL="$HTTP_URL"
"$REPO_ROOT/scripts/seed-demo.sh"
log "serving on $HTTP_URL  (API docs $HTTP_URL/docs, readiness $HTTP_URL/health/ready, metrics $HTTP_URL/metrics)"
log "dev broker is in memory and NOT durable; Ctrl-C stops everything"
wait "$SERVE_PID"
