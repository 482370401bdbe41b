#!/usr/bin/env bash
# `make test`: lints (format and declared imports), builds once, runs the whole suite on SQLite, then the App tests again on a
# throwaway PostgreSQL cluster (scripts/with-postgres.sh), and says which databases passed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# A run that hangs fails after this long, and says so, instead of using up CI's whole budget.
limit="${ALMEN_TEST_TIME_LIMIT:-20m}"
bounded() {
    local status=0
    timeout --kill-after=30s "$limit" "$@" || status=$?
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "✘ Test run stopped: it did not finish within $limit (a test hangs; the log above shows which were still running)"
        # swift test's runner may outlive it in a process group of its own.
        pkill -KILL -f 'AlmenPackageTests.xctest' 2>/dev/null || true
    fi
    return "$status"
}

echo "== Lint (swift format, declared imports)"
lint_status=0
make --no-print-directory lint SWIFT="$swift" || lint_status=$?

echo "== Building (debug, with tests)"
"$swift" build --build-tests

echo "== Domain and App tests on SQLite"
sqlite_status=0
bounded "$swift" test --skip-build 2>&1 | tee "$logs/sqlite.log" || sqlite_status=$?

echo "== App tests on PostgreSQL"
postgres_status=0
bounded scripts/with-postgres.sh "$swift" test --skip-build --filter AppTests 2>&1 | tee "$logs/postgres.log" || postgres_status=$?

echo "== Fault tests, short (workers and the NgDP stand-in as processes, on PostgreSQL)"
faults_status=0
ALMEN_FAULT_HOUSEHOLDS=25 bounded scripts/faults.sh 2>&1 | tee "$logs/faults.log" || faults_status=$?

echo "== Several instances (two servers and two workers behind nginx: scripts/cluster.sh --check)"
cluster_status=0
ALMEN_BIN=.build/debug/almen CLUSTER_PORT=18080 CLUSTER_SERVE_PORTS=18081,18082 CLUSTER_SANDBOX_PORT=18090 \
    bounded scripts/cluster.sh --check 2>&1 | tee "$logs/cluster.log" || cluster_status=$?

echo "== Browser tests (headless Chromium, axe-core WCAG 2.1 AA)"
browser_status=0
bounded scripts/browser-test.sh 2>&1 | tee "$logs/browser.log" || browser_status=$?

# Totals over the runs, from Swift Testing's summary lines ("Test run with N tests ...") and
# its per-test failure lines.
swift_total=$(cat "$logs"/sqlite.log "$logs"/postgres.log | sed -nE 's/.*Test run with ([0-9]+) tests? .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
swift_failed=$(cat "$logs"/sqlite.log "$logs"/postgres.log | grep -cE '^✘ Test .*\) failed' || true)
browser_passed=$(grep -oE '\b[0-9]+ passed' "$logs/browser.log" | tail -1 | cut -d' ' -f1 || true)
browser_failed=$(grep -oE '\b[0-9]+ (failed|error)' "$logs/browser.log" | tail -1 | cut -d' ' -f1 || true)
total=$(( swift_total + ${browser_passed:-0} + ${browser_failed:-0} ))
failed=$(( swift_failed + ${browser_failed:-0} ))
echo
[ "$lint_status" -eq 0 ] && echo "Lint: passed" || echo "Lint: FAILED (make lint; swift format format -i -r Sources Tests fixes the format)"
[ "$sqlite_status" -eq 0 ] && echo "App tests on SQLite: passed" || echo "App tests on SQLite: FAILED"
[ "$postgres_status" -eq 0 ] && echo "App tests on PostgreSQL: passed" || echo "App tests on PostgreSQL: FAILED"
[ "$faults_status" -eq 0 ] && echo "Fault tests: passed" || echo "Fault tests: FAILED"
[ "$cluster_status" -eq 0 ] && echo "Several instances: passed" || echo "Several instances: FAILED"
[ "$browser_status" -eq 0 ] && echo "Browser tests: passed" || echo "Browser tests: FAILED"
echo "tests: $(( ${total:-0} - failed )) passed, $failed failed"
[ "$lint_status" -eq 0 ] && [ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ] && [ "$browser_status" -eq 0 ] && [ "$faults_status" -eq 0 ] && [ "$cluster_status" -eq 0 ] && [ "$total" -gt 0 ]
