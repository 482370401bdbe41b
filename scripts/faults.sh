#!/usr/bin/env bash
# The gateway's fault tests from a fresh clone: a throwaway PostgreSQL cluster (which the
# restart-postgres fault restarts), a small seeded register, and `almen bench faults`: each fault
# breaks one part (a worker killed with -9, PostgreSQL restarted, NgDP answering 503, resetting
# connections or answering slowly, the disk full) while a bulk run goes out, and prints a verdict.
# `make test` runs a short version (ALMEN_FAULT_HOUSEHOLDS=25) with the debug binary.
#
# Usage: scripts/faults.sh [HOUSEHOLDS]   (ALMEN_BIN chooses the binary; FAULTS=kill-worker,... some)
set -euo pipefail
cd "$(dirname "$0")/.."
export HOUSEHOLDS=${1:-${ALMEN_FAULT_HOUSEHOLDS:-150}}
# The debug binary, brought up to date, unless ALMEN_BIN names one.
if [[ -z ${ALMEN_BIN:-} ]]; then
	swift build --product almen
	export ALMEN_BIN=.build/debug/almen
fi
export FAULTS=${FAULTS:-}
scripts/with-postgres.sh bash -c '
	set -euo pipefail
	export ALMEN_ENV=development DATABASE_URL=$ALMEN_TEST_POSTGRES_URL LOG_LEVEL=warning
	"$ALMEN_BIN" seed --migrate --homes $(( HOUSEHOLDS * 2 + 100 )) >/dev/null
	"$ALMEN_BIN" bench faults --households "$HOUSEHOLDS" ${FAULTS:+--only "$FAULTS"}
'
