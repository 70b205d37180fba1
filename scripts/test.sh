#!/usr/bin/env bash
# Runs every test against real PostgreSQL, Redis and the dev broker (started here, on loopback,
# on ports apart from scripts/up.sh), collects coverage, checks the coverage ratchet, prints the
# module report and ends with one line "N passed, N failed". Non-zero exit on any failure.
# Cleans up its processes whatever happens.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILE=test
PG_PORT=${TARTWARE_TEST_PG_PORT:-25432}
REDIS_PORT=${TARTWARE_TEST_REDIS_PORT:-26379}
# shellcheck source=lib/infra.sh
. "$REPO_ROOT/scripts/lib/infra.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  trap '' PIPE
  set +e
  stop_broker; stop_redis; stop_postgres
  exit $rc
}
trap cleanup EXIT INT TERM

install_missing
load_secrets
log "building (Release)"
dotnet build "$REPO_ROOT/Tartware.slnx" -c Release -nologo -v q -clp:ErrorsOnly
TARTWARE_BIN="$REPO_ROOT/src/Tartware.Host/bin/Release/net10.0/tartware"

start_postgres "$PG_PORT" yes
start_redis "$REDIS_PORT"
start_broker $(sed -e 's/#.*//' -e '/^\s*$/d' -e 's/^/--topic /' "$REPO_ROOT/deploy/topics.txt")
export_settings
export TARTWARE__Kafka__FetchWaitMaxMs=20 TARTWARE__Kafka__SessionTimeoutMs=6000
"$TARTWARE_BIN" migrate >/dev/null

RESULTS="$REPO_ROOT/.local/test/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
log "running tests (culture de-DE, to catch culture-dependent money and date handling)"
FILTER_ARGS=(); REPORT_ARGS=()
if [ -n "${TEST_FILTER:-}" ]; then
  FILTER_ARGS=(--filter "$TEST_FILTER"); REPORT_ARGS=(--skip-coverage)   # a partial run says nothing about coverage
fi
set +e
LANG=de_DE.UTF-8 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet test "$REPO_ROOT/Tartware.slnx" -c Release --no-build -nologo \
  --settings "$REPO_ROOT/build/coverage.runsettings" --collect "Code Coverage" \
  --logger "trx" --results-directory "$RESULTS" "${FILTER_ARGS[@]}"
TEST_RC=$?
set -e

SUMMARY_RC=0
dotnet "$REPO_ROOT/build/Tartware.BuildTools/bin/Release/net10.0/Tartware.BuildTools.dll" report \
  --results "$RESULTS" --repo "$REPO_ROOT" "${REPORT_ARGS[@]}" || SUMMARY_RC=$?
# The last line the tool prints is "N passed, N failed".
if [ $TEST_RC -ne 0 ] || [ $SUMMARY_RC -ne 0 ]; then exit 1; fi
