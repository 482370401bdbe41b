#!/usr/bin/env bash
# The end-to-end letters benchmark from a fresh clone: builds the release binary, starts a
# throwaway PostgreSQL cluster, seeds HOMES homes (80,000 by default) and runs
# `almen bench letters --end-to-end`: a meeting notice to every tenant through the workers and the
# NgDP stand-in, each in its own process (docs/benchmarks.md).
#
# Usage: scripts/bench-letters.sh [HOMES [WORKERS]]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-deps.sh
. scripts/ensure-deps.sh
main
swift build -c release --product almen
export HOMES=${1:-80000} WORKERS=${2:-2}
scripts/with-postgres.sh bash -c '
	set -euo pipefail
	export ALMEN_ENV=development DATABASE_URL=$ALMEN_TEST_POSTGRES_URL LOG_LEVEL=warning
	.build/release/almen seed --migrate --homes "$HOMES" | tail -n 1
	.build/release/almen bench letters --end-to-end --homes "$HOMES" --workers "$WORKERS"
'
