#!/usr/bin/env bash
# The arrears benchmark from a fresh clone: builds the release binary, starts a throwaway
# PostgreSQL cluster, and runs `almen bench arrears` over 600,000 generated leases by default.
#
# Usage: scripts/bench-arrears.sh [LEASES]
set -euo pipefail
cd "$(dirname "$0")/.."
leases=${1:-600000}
# shellcheck source=scripts/ensure-deps.sh
. scripts/ensure-deps.sh
main
swift build -c release --product almen
export LEASES=$leases
scripts/with-postgres.sh bash -c '
	set -euo pipefail
	export ALMEN_ENV=development DATABASE_URL=$ALMEN_TEST_POSTGRES_URL LOG_LEVEL=warning
	.build/release/almen migrate | tail -n 1
	.build/release/almen bench arrears --leases "$LEASES"
'
