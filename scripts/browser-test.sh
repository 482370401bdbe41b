#!/usr/bin/env bash
# Browser tests: a real headless Chromium drives the real server (SQLite demo on a free port),
# checks the pages as a resident uses them, with JavaScript on and off, and runs axe-core for
# WCAG 2.1 AA. Installs chromium, its driver and the Python packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
ensure_debian_packages chromium chromium-driver python3 python3-venv curl

venv=.build/browser-venv
if [ ! -x "$venv/bin/pytest" ] || ! "$venv/bin/python" -c "import selenium, selenium_axe_python" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r Tests/Browser/requirements.txt
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ALMEN_ENV=development ALMEN_SANDBOX_CLOCK=1 ALMEN_SQLITE_PATH="$work/almen.sqlite" LOG_LEVEL=warning ALMEN_PUBLIC_BASE_URL="http://127.0.0.1:$port"
bin=.build/debug/almen
"$bin" migrate >/dev/null
"$bin" seed --homes 300 >/dev/null
"$bin" serve --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }

status=0
ALMEN_BASE_URL="http://127.0.0.1:$port" "$venv/bin/pytest" -q -p no:cacheprovider Tests/Browser "$@" || status=$?
if [ "$status" -ne 0 ] && [ -s "$work/server.log" ]; then
  # What the server said (warnings and errors) explains most failures seen only in CI.
  echo "== The server's log (last 60 lines)"
  tail -n 60 "$work/server.log" | cut -c1-400
fi
exit "$status"
