#!/usr/bin/env bash
# The pages benchmark from a fresh clone: installs wrk if it is missing, builds the release
# binary, starts a throwaway PostgreSQL cluster, seeds the demo register (80,000 homes by
# default), queues the demo letters, and runs `almen bench pages` and `almen bench portal`.
#
# Usage: scripts/bench-pages.sh [HOMES]   (SECONDS_PER_PAGE, default 10, sets each page's run)
set -euo pipefail
cd "$(dirname "$0")/.."
homes=${1:-80000}
# shellcheck source=scripts/ensure-deps.sh
. scripts/ensure-deps.sh
main
ensure_debian_packages wrk
swift build -c release --product almen
export HOMES_TO_SEED=$homes SECONDS_PER_PAGE=${SECONDS_PER_PAGE:-10}
scripts/with-postgres.sh bash -c '
	set -euo pipefail
	export ALMEN_ENV=development DATABASE_URL=$ALMEN_TEST_POSTGRES_URL LOG_LEVEL=warning
	.build/release/almen seed --migrate --homes "$HOMES_TO_SEED" | tail -n 1
	.build/release/almen digitalpost demo-letters | tail -n 1
	.build/release/almen bench pages --seconds "$SECONDS_PER_PAGE"
	.build/release/almen bench portal --rate 200 --seconds 30
'
