#!/usr/bin/env bash
# Demo data for scripts/up.sh, through the CLI and the public API (never by writing tables).
# Idempotent: the tenant is created once; its credentials are generated on this machine, kept in
# .local/dev/demo-credentials.env (git-ignored) and printed on every run.
# Needs: TARTWARE_BIN, a running platform at TARTWARE_URL, and the TARTWARE__ settings exported.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
URL=${TARTWARE_URL:-http://127.0.0.1:8080}
CREDS="$REPO_ROOT/.local/dev/demo-credentials.env"
mkdir -p "$(dirname "$CREDS")"
if [ ! -f "$CREDS" ]; then
  umask 077
  gen() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20; }
  printf 'DEMO_OWNER=demo.owner\nDEMO_OWNER_PASSWORD=%s\nDEMO_DESK=front.desk\nDEMO_DESK_PASSWORD=%s\n' "$(gen)" "$(gen)" >"$CREDS"
fi
# shellcheck disable=SC1090
. "$CREDS"

set +e
"$TARTWARE_BIN" tenant create --name "Harbour View Hotels (demo)" --slug demo-hotels --type CHAIN \
  --owner-username "$DEMO_OWNER" --owner-email demo.owner@example.test --owner-password "$DEMO_OWNER_PASSWORD" >/dev/null 2>/tmp/tartware-seed.err
rc=$?
set -e
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then cat /tmp/tartware-seed.err >&2; exit $rc; fi   # 3 = already exists

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"$DEMO_OWNER\",\"password\":\"$DEMO_OWNER_PASSWORD\"}" "$URL/v1/auth/login" | json_field accessToken)
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$DEMO_DESK\",\"email\":\"front.desk@example.test\",\"displayName\":\"Front desk\",\"password\":\"$DEMO_DESK_PASSWORD\",\"role\":\"STAFF\"}" \
  "$URL/v1/users")
case "$status" in 201|409) ;; *) echo "[tartware] creating the front-desk user failed: HTTP $status" >&2; exit 1 ;; esac

cat >&2 <<TXT
[tartware] demo tenant "demo-hotels" (CHAIN)
[tartware]   owner:      $DEMO_OWNER / $DEMO_OWNER_PASSWORD
[tartware]   front desk: $DEMO_DESK / $DEMO_DESK_PASSWORD
[tartware]   try: curl -s -H 'Content-Type: application/json' -d '{"username":"$DEMO_OWNER","password":"$DEMO_OWNER_PASSWORD"}' $URL/v1/auth/login
TXT
