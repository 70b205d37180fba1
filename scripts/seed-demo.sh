#!/usr/bin/env bash
# Demo data for scripts/up.sh, through the CLI and the public API (never by writing tables).
# Idempotent: the tenant is created once; its credentials are generated on this machine, kept in
# .local/dev/demo-credentials.env (git-ignored) and printed on every run.
# Needs: TARTWARE_BIN, a running platform at TARTWARE_URL, the TARTWARE__ settings exported, curl and jq.
set -euo pipefail
shopt -s inherit_errexit
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

# --- Hotel model and rates (issue 4 item 9), through the public API only --------------------------
# Two properties x four room types (120 rooms in all), BAR and RACK (made with each property), two
# more plans, a 365-day calendar, a few restrictions, a tenant fallback policy and 50 guests. Every
# step is safe to repeat: creates that answer 409 are looked up instead, fills overwrite themselves.
AUTH=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
BODY=/tmp/tartware-seed.body
# call METHOD PATH BODY ALLOWED_STATUSES... : prints the answer; fails on any other status. A 429
# waits for Retry-After and tries again: the seed is a client like any other (per-IP limits hold).
HEADERS=/tmp/tartware-seed.headers
call() {
  local method=$1 path=$2 body=$3; shift 3
  local status attempt args=(-sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "${AUTH[@]}")
  [ -n "$body" ] && args+=(-d "$body")
  for attempt in $(seq 1 20); do
    status=$(curl "${args[@]}" "$URL$path")
    [ "$status" = 429 ] || break
    sleep "$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$HEADERS" | head -1 | grep . || echo 1)"
  done
  for ok in "$@"; do [ "$status" = "$ok" ] && { cat "$BODY"; return 0; }; done
  echo "[tartware] $method $path failed: HTTP $status $(head -c 400 "$BODY")" >&2
  exit 1
}
id_by_code() { jq -r --arg c "$2" '.items[] | select(.code == $c) | .id' <<<"$1"; }
TODAY=$(date -u +%F)
LAST=$(date -u -d '+364 days' +%F)

seed_property() {
  local code=$1 name=$2 zone=$3
  call POST /v1/properties "{\"code\":\"$code\",\"name\":\"$name\",\"timeZone\":\"$zone\",\"currency\":\"EUR\",\"checkInTime\":\"15:00\",\"checkOutTime\":\"11:00\"}" 201 409 >/dev/null
  local pid; pid=$(id_by_code "$(call GET '/v1/properties?limit=200' '' 200)" "$code")
  local floor=0 plans bar_id
  plans=$(call GET "/v1/properties/$pid/rate-plans?limit=200" '' 200); bar_id=$(id_by_code "$plans" BAR)
  # code name bed base-rate rooms
  while read -r rt rtname bed rate rooms; do
    floor=$((floor + 1))
    call POST "/v1/properties/$pid/room-types" "{\"code\":\"$rt\",\"name\":\"${rtname//_/ }\",\"bedType\":\"$bed\",\"baseOccupancy\":2,\"maxAdults\":$([ "$rt" = STE ] && echo 4 || echo 2),\"maxChildren\":2,\"baseRate\":$rate,\"sortOrder\":$floor}" 201 409 >/dev/null
    local rtid; rtid=$(id_by_code "$(call GET "/v1/properties/$pid/room-types?limit=200" '' 200)" "$rt")
    if [ "$(call GET "/v1/properties/$pid/rooms?roomTypeId=$rtid&limit=200" '' 200 | jq '.items | length')" = 0 ]; then
      local list; list=$(jq -nc --arg rt "$rtid" --argjson n "$rooms" --argjson f "$floor" \
        '{rooms: [range(1; $n + 1) | {number: ("\($f)" + (if . < 10 then "0" else "" end) + "\(.)"), floor: $f, roomTypeId: $rt, features: []}]}')
      call POST "/v1/properties/$pid/rooms/bulk" "$list" 201 >/dev/null
    fi
    # BAR: the base rate on weekdays, 15% more on Friday and Saturday nights; CORP: 15% below base.
    call PUT "/v1/properties/$pid/rate-plans/$bar_id/prices" "{\"roomTypeIds\":[\"$rtid\"],\"from\":\"$TODAY\",\"to\":\"$LAST\",\"amount\":$rate}" 200 >/dev/null
    call PUT "/v1/properties/$pid/rate-plans/$bar_id/prices" "{\"roomTypeIds\":[\"$rtid\"],\"from\":\"$TODAY\",\"to\":\"$LAST\",\"weekdays\":[\"FRI\",\"SAT\"],\"amount\":$(jq -n "$rate * 1.15 | . * 100 | round / 100")}" 200 >/dev/null
  done <<'ROOMTYPES'
STD Standard_Double DOUBLE 110 20
SUP Superior_Queen QUEEN 140 15
DLX Deluxe_King KING 190 15
STE Junior_Suite KING 320 10
ROOMTYPES

  call POST "/v1/properties/$pid/rate-plans" "{\"code\":\"NONREF\",\"name\":\"Non-refundable\",\"type\":\"NON_REFUNDABLE\",\"basePlanId\":\"$bar_id\",\"offsetKind\":\"PERCENT\",\"offsetValue\":-12,\"cancellation\":{\"windowHours\":0,\"penalty\":\"FULL_STAY\"},\"channels\":[\"DIRECT\",\"WEBSITE\",\"OTA\"]}" 201 409 >/dev/null
  call POST "/v1/properties/$pid/rate-plans" "{\"code\":\"CORP\",\"name\":\"Corporate\",\"type\":\"CORPORATE\",\"cancellation\":{\"windowHours\":24,\"penalty\":\"FIRST_NIGHT\"},\"channels\":[\"DIRECT\",\"CALL_CENTER\",\"GDS\"]}" 201 409 >/dev/null
  plans=$(call GET "/v1/properties/$pid/rate-plans?limit=200" '' 200)
  local corp_id nonref_id; corp_id=$(id_by_code "$plans" CORP); nonref_id=$(id_by_code "$plans" NONREF)
  local types; types=$(call GET "/v1/properties/$pid/room-types?limit=200" '' 200)
  for rtid in $(jq -r '.items[].id' <<<"$types"); do
    local base; base=$(jq -r --arg id "$rtid" '.items[] | select(.id == $id) | .baseRate' <<<"$types")
    call PUT "/v1/properties/$pid/rate-plans/$corp_id/prices" "{\"roomTypeIds\":[\"$rtid\"],\"from\":\"$TODAY\",\"to\":\"$LAST\",\"amount\":$(jq -n "$base * 0.85 | . * 100 | round / 100")}" 200 >/dev/null
  done
  # A few restrictions: BAR needs 2 nights from Saturdays for 12 weeks, NONREF is closed a week in a
  # month, CORP cannot depart on Sundays for 8 weeks, BAR is closed to arrival on New Year's Eve.
  call PUT "/v1/properties/$pid/rate-plans/$bar_id/restrictions" "{\"from\":\"$TODAY\",\"to\":\"$(date -u -d '+83 days' +%F)\",\"weekdays\":[\"SAT\"],\"minLos\":2}" 200 >/dev/null
  call PUT "/v1/properties/$pid/rate-plans/$nonref_id/restrictions" "{\"from\":\"$(date -u -d '+30 days' +%F)\",\"to\":\"$(date -u -d '+36 days' +%F)\",\"closed\":true}" 200 >/dev/null
  call PUT "/v1/properties/$pid/rate-plans/$corp_id/restrictions" "{\"from\":\"$TODAY\",\"to\":\"$(date -u -d '+55 days' +%F)\",\"weekdays\":[\"SUN\"],\"closedToDeparture\":true}" 200 >/dev/null
  local eve; eve="$(date -u +%Y)-12-31"; [[ "$eve" < "$TODAY" ]] && eve="$(( $(date -u +%Y) + 1 ))-12-31"
  call PUT "/v1/properties/$pid/rate-plans/$bar_id/restrictions" "{\"from\":\"$eve\",\"to\":\"$eve\",\"closedToArrival\":true}" 200 >/dev/null
  echo "$pid"
}
HARBOUR_ID=$(seed_property HARBOUR "Harbour View Lisbon" Europe/Lisbon)
HILLTOP_ID=$(seed_property HILLTOP "Hilltop Porto" Europe/Lisbon)
call PUT /v1/rate-policy '{"allowFallback":true,"maxPriceDeltaPercent":15,"notifyRecipients":["revenue@example.test"]}' 200 >/dev/null

FIRST=(Ana Bruno Carla Diogo Elena Filipe Greta Hugo Ines Joao)
LAST_NAMES=(Almeida Becker Costa Dubois Evans)
for i in $(seq 1 50); do
  email=$(printf 'guest%02d@example.test' "$i")
  if [ "$(call GET "/v1/guests?email=$email" '' 200 | jq '.items | length')" = 0 ]; then
    call POST /v1/guests "{\"firstName\":\"${FIRST[$(( (i - 1) % 10 ))]}\",\"lastName\":\"${LAST_NAMES[$(( (i - 1) / 10 ))]}\",\"email\":\"$email\",\"marketingConsent\":$([ $((i % 3)) = 0 ] && echo true || echo false)}" 201 >/dev/null
  fi
done
STD_ID=$(id_by_code "$(call GET "/v1/properties/$HARBOUR_ID/room-types?limit=200" '' 200)" STD)

# --- Reservations (issue 6): 24 stays over the next four weeks through the pipeline, once ------------
# Only while the tenant has none, so a second run adds nothing. Prefer: wait makes each one decided
# (201 confirmed, 409/422 refused) before the next; a 202 (the wait ran out) is fine too.
if [ "$(call GET '/v1/reservations?limit=1' '' 200 | jq '.items | length')" = 0 ]; then
  GUESTS=($(call GET '/v1/guests?limit=50' '' 200 | jq -r '.items[].id'))
  SOURCES=(DIRECT WEBSITE FRONT_DESK CALL_CENTER)
  for i in $(seq 0 23); do
    pid=$([ $((i % 2)) = 0 ] && echo "$HARBOUR_ID" || echo "$HILLTOP_ID")
    rtid=$(call GET "/v1/properties/$pid/room-types?limit=200" '' 200 | jq -r ".items[$((i % 4))].id")
    arrival=$(date -u -d "+$((1 + i))days" +%F); departure=$(date -u -d "+$((2 + i + i % 3))days" +%F)
    AUTH+=(-H "Idempotency-Key: demo-seed-$i" -H 'Prefer: wait=10')
    call POST /v1/reservations "{\"propertyId\":\"$pid\",\"roomTypeId\":\"$rtid\",\"arrival\":\"$arrival\",\"departure\":\"$departure\",\"adults\":2,\"guestId\":\"${GUESTS[$i]}\",\"source\":\"${SOURCES[$((i % 4))]}\"}" 201 202 409 422 >/dev/null
    AUTH=("${AUTH[@]:0:${#AUTH[@]}-4}")
  done
fi
RESERVATIONS=$(call GET '/v1/reservations?status=CONFIRMED&limit=200' '' 200 | jq '.items | length')

# --- Rooms commands (issue 6): one room out of order for three nights, five rooms dirty --------------
# Fixed idempotency keys (the block's carries the day): a second run replays the same commands and changes nothing.
HARBOUR_ROOMS=($(call GET "/v1/properties/$HARBOUR_ID/rooms?limit=6" '' 200 | jq -r '.items[].id'))
AUTH+=(-H "Idempotency-Key: demo-room-ooo-$TODAY" -H 'Prefer: wait=10')
call POST "/v1/rooms/${HARBOUR_ROOMS[0]}/out-of-order" "{\"from\":\"$TODAY\",\"to\":\"$(date -u -d '+3 days' +%F)\",\"reason\":\"bathroom leak\",\"force\":true}" 201 202 >/dev/null
AUTH=("${AUTH[@]:0:${#AUTH[@]}-4}")
for i in 1 2 3 4 5; do
  AUTH+=(-H "Idempotency-Key: demo-room-dirty-$i" -H 'Prefer: wait=10')
  call POST "/v1/rooms/${HARBOUR_ROOMS[$i]}/housekeeping-status" '{"status":"DIRTY","reason":"departure"}' 200 202 >/dev/null
  AUTH=("${AUTH[@]:0:${#AUTH[@]}-4}")
done

cat >&2 <<TXT
[tartware] demo tenant "demo-hotels" (CHAIN)
[tartware]   owner:      $DEMO_OWNER / $DEMO_OWNER_PASSWORD
[tartware]   front desk: $DEMO_DESK / $DEMO_DESK_PASSWORD
[tartware]   try: curl -s -H 'Content-Type: application/json' -d '{"username":"$DEMO_OWNER","password":"$DEMO_OWNER_PASSWORD"}' $URL/v1/auth/login
[tartware]   hotels: HARBOUR ($HARBOUR_ID) and HILLTOP ($HILLTOP_ID), 4 room types and 60 rooms each, BAR/RACK/NONREF/CORP, 365-day calendar, 50 guests, $RESERVATIONS confirmed reservations
[tartware]   arrivals: GET $URL/v1/reservations?propertyId=$HARBOUR_ID&arrivalFrom=$(date -u +%F)
[tartware]   room out of order (a room command): GET $URL/v1/rooms/${HARBOUR_ROOMS[0]}/lifecycle
[tartware]   quote:  GET $URL/v1/properties/$HARBOUR_ID/rates/quote?roomTypeId=$STD_ID&arrival=$(date -u -d '+7 days' +%F)&departure=$(date -u -d '+9 days' +%F)&adults=2&rateCode=NONREF
TXT
