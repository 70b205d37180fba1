#!/usr/bin/env bash
# Regenerates docs/openapi/v1.json from the code (the drift test then passes). Commit the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARTWARE_UPDATE_OPENAPI=1 TEST_FILTER="FullyQualifiedName~OpenApiTests" exec scripts/test.sh
