#!/usr/bin/env bash
# Demo data for scripts/up.sh. Idempotent: each step checks before it creates.
# The foundation has no tenant-facing modules yet; the identity, properties and rates issues add
# the demo tenant, its properties, room types, rooms and BAR/RACK rates here, through the CLI and API.
set -euo pipefail
echo "[tartware] demo data: nothing to seed yet (no tenant modules installed)" >&2
