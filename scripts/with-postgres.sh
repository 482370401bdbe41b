#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
#
# Creates a fresh cluster in a temporary directory, listening only on
# 127.0.0.1 on a free TCP port (trust authentication, loopback only; the
# Unix socket lives inside the temporary directory), creates the database
# `almen`, exports
#
#   ALMEN_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/almen
#   ALMEN_TEST_POSTGRES_RESTART=<a script that restarts the cluster at once>
#
# (user `postgres` is the cluster's superuser, so tests may CREATE/DROP
# DATABASE and use `almen` as a TEMPLATE), runs COMMAND, then always stops
# the server and removes the directory. Exits with COMMAND's exit status.
#
# PostgreSQL binaries are taken from `pg_config --bindir`, else the highest
# /usr/lib/postgresql/*/bin, else the directory of `initdb` on PATH. If none
# is found and we are root with apt-get, the Debian package `postgresql` is
# installed. As root, the server runs as the `postgres` system user (initdb
# refuses to run as root).
#
# On success the only output of its own is one line on stderr:
#   PostgreSQL 15.x throwaway cluster on 127.0.0.1:PORT
set -euo pipefail

prog=${0##*/}
ready_timeout=30 # seconds

usage() {
	printf 'usage: %s COMMAND [ARGS...]\n' "$prog"
	printf 'Runs COMMAND with ALMEN_TEST_POSTGRES_URL pointing at a throwaway PostgreSQL cluster.\n'
}

die() {
	printf '%s: error: %s\n' "$prog" "$*" >&2
	exit 1
}

if [[ $# -gt 0 && $1 == -- ]]; then shift; fi
if [[ $# -eq 0 ]]; then
	usage >&2
	exit 2
fi
case $1 in -h | --help)
	usage
	exit 0
	;;
esac

if ! command -v -- "$1" >/dev/null 2>&1; then
	printf '%s: error: command not found: %s\n' "$prog" "$1" >&2
	exit 127
fi

is_root=false
if [[ $(id -u) -eq 0 ]]; then is_root=true; fi

# State used by the cleanup trap; set as soon as the thing exists.
pgtmp=""   # temporary directory (cluster, socket, logs)
apt_log="" # apt-get output while installing PostgreSQL
bindir=""  # PostgreSQL server binaries
child=""   # pid of COMMAND
caught=""  # a signal was passed on to COMMAND
woken=""   # set by the signal trap (it interrupts `wait`)

# --- running things as the cluster owner -------------------------------------

# Run "$@" as the user owning the cluster (the `postgres` system user when we
# are root, ourselves otherwise), from inside the temporary directory so that
# an unreadable cwd (e.g. /root) doesn't bother it.
as_pg() {
	if $is_root; then
		if command -v runuser >/dev/null 2>&1; then
			(cd "$pgtmp" && runuser -u postgres -- "$@")
		else
			# shellcheck disable=SC2016
			(cd "$pgtmp" && su postgres -s /bin/sh -c 'exec "$@"' sh "$@")
		fi
	else
		(cd "$pgtmp" && "$@")
	fi
}

# --- cleanup -----------------------------------------------------------------

# shellcheck disable=SC2317 # invoked by trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	set +e
	if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
		kill -KILL "$child" 2>/dev/null
		wait "$child" 2>/dev/null
	fi
	if [[ -n $pgtmp && -f $pgtmp/data/postmaster.pid ]]; then
		if ! as_pg "$bindir/pg_ctl" -D "$pgtmp/data" -m immediate -w -t 30 -s stop >/dev/null 2>&1; then
			local pid
			pid=$(head -n 1 "$pgtmp/data/postmaster.pid" 2>/dev/null)
			if [[ $pid =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null; fi
		fi
	fi
	if [[ -n $pgtmp ]]; then rm -rf -- "$pgtmp"; fi
	if [[ -n $apt_log ]]; then rm -f -- "$apt_log"; fi
	exit "$rc"
}

# On INT/TERM/HUP: while COMMAND runs, pass the signal on to it (a second
# signal kills it) and let the main loop wait for it to finish; before that,
# exit right away. Either way the EXIT trap cleans up.
# shellcheck disable=SC2317 # invoked by trap
on_signal() {
	local sig=$1 num=$2
	woken=$sig
	if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
		if [[ -n $caught ]]; then
			kill -KILL "$child" 2>/dev/null || true
		else
			kill -"$sig" "$child" 2>/dev/null || true
		fi
		caught=$sig
		return 0
	fi
	exit $((128 + num))
}

trap cleanup EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM
trap 'on_signal HUP 1' HUP

# --- locating (or installing) PostgreSQL --------------------------------------

has_server_bins() {
	[[ -n $1 && -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]
}

find_bindir() {
	local d candidates=()
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null) || d=""
		if has_server_bins "$d"; then
			printf '%s\n' "$d"
			return 0
		fi
	fi
	for d in /usr/lib/postgresql/*/bin; do
		if has_server_bins "$d"; then candidates+=("$d"); fi
	done
	if [[ ${#candidates[@]} -gt 0 ]]; then
		printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1
		return 0
	fi
	if d=$(command -v initdb 2>/dev/null); then
		d=$(dirname -- "$(readlink -f -- "$d" 2>/dev/null || printf '%s' "$d")")
		if has_server_bins "$d"; then
			printf '%s\n' "$d"
			return 0
		fi
	fi
	return 1
}

install_postgresql() {
	printf '%s: PostgreSQL not found; installing the Debian package postgresql...\n' "$prog" >&2
	apt_log=$(mktemp)
	# (DPkg::Lock::Timeout: wait for another apt, e.g. unattended-upgrades on a fresh VM)
	local install=(apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 postgresql)
	if ! DEBIAN_FRONTEND=noninteractive "${install[@]}" >"$apt_log" 2>&1; then
		if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
			DEBIAN_FRONTEND=noninteractive "${install[@]}"; } >>"$apt_log" 2>&1; then
			cat "$apt_log" >&2
			die "could not install the Debian package postgresql (apt-get output above)"
		fi
	fi
}

if ! bindir=$(find_bindir); then
	if $is_root && command -v apt-get >/dev/null 2>&1; then
		install_postgresql
		bindir=$(find_bindir) ||
			die "installed the package postgresql, but still can't find initdb/pg_ctl/postgres"
	else
		die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found.
Install the PostgreSQL server, e.g.:
  Debian/Ubuntu: sudo apt-get install postgresql
  macOS:         brew install postgresql@15
or put its bin directory (the one containing initdb) on PATH."
	fi
fi

psql=$bindir/psql
if [[ ! -x $psql ]]; then
	psql=$(command -v psql 2>/dev/null) ||
		die "psql not found (install the PostgreSQL client, e.g. apt-get install postgresql-client)"
fi
pg_isready=$bindir/pg_isready
if [[ ! -x $pg_isready ]]; then pg_isready=$(command -v pg_isready 2>/dev/null || true); fi

if $is_root && ! id -u postgres >/dev/null 2>&1; then
	die "running as root, but there is no 'postgres' system user to run the server as
(initdb refuses to run as root). Create one, e.g.
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
or run this script as an unprivileged user."
fi

# --- temporary directory --------------------------------------------------------

make_tmpdir() {
	pgtmp=$(mktemp -d "${1:-${TMPDIR:-/tmp}}/almen-pg.XXXXXXXX")
	if $is_root; then chown postgres "$pgtmp"; fi
}

make_tmpdir
if $is_root && ! as_pg test -w "$pgtmp" 2>/dev/null; then
	# $TMPDIR isn't reachable by the postgres user; fall back to /tmp.
	rm -rf -- "$pgtmp"
	pgtmp=""
	make_tmpdir /tmp
	as_pg test -w "$pgtmp" 2>/dev/null ||
		die "the postgres user cannot write to the temporary directory $pgtmp"
fi

data=$pgtmp/data
server_log=$pgtmp/server.log

# --- initdb ---------------------------------------------------------------------

as_pg mkdir -p "$pgtmp/socket"
if ! as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust \
	--encoding=UTF8 --locale=C --no-sync >"$pgtmp/initdb.log" 2>&1; then
	cat "$pgtmp/initdb.log" >&2
	die "initdb failed (output above)"
fi

# Trust authentication, on loopback only.
as_pg tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
EOF

# Fast, throwaway settings. Later settings override initdb's defaults.
as_pg tee -a "$data/postgresql.conf" >/dev/null <<EOF

# --- scripts/with-postgres.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '${pgtmp//\'/\'\'}/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 800
shared_buffers = 128MB
EOF

# --- start ------------------------------------------------------------------------

free_port() {
	local py p
	for py in python3 python; do
		if command -v "$py" >/dev/null 2>&1 &&
			p=$("$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null) && [[ $p =~ ^[0-9]+$ ]]; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	# No python: probe random ports for one nobody is listening on.
	local _
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	return 1
}

deadline=$((SECONDS + ready_timeout))
started=false
for _attempt in 1 2 3 4 5; do
	port=$(free_port) || die "could not find a free TCP port on 127.0.0.1"
	rm -f -- "$server_log"
	if as_pg "$bindir/pg_ctl" -D "$data" -l "$server_log" -o "-p $port" \
		-w -t "$ready_timeout" -s start >"$pgtmp/pg_ctl.log" 2>&1; then
		started=true
		break
	fi
	# Someone grabbed the port between our probe and the bind: try another.
	if [[ ! -f $data/postmaster.pid ]] &&
		grep -qE 'could not bind|could not create any TCP/IP sockets' "$server_log" 2>/dev/null; then
		continue
	fi
	break
done

server_failed() {
	{
		printf '%s: error: %s\n' "$prog" "$1"
		printf -- '--- pg_ctl output ---\n'
		cat "$pgtmp/pg_ctl.log" 2>/dev/null
		printf -- '--- server log (%s) ---\n' "$server_log"
		cat "$server_log" 2>/dev/null
	} >&2
	exit 1
}

$started || server_failed "the PostgreSQL server did not start"

is_ready() {
	if [[ -n $pg_isready ]]; then
		"$pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2 >/dev/null 2>&1
	else
		"$psql" -X -q -At -d "postgres://postgres@127.0.0.1:$port/postgres?connect_timeout=2" \
			-c 'select 1' >/dev/null 2>&1
	fi
}

until is_ready; do
	if ((SECONDS >= deadline)); then
		server_failed "the PostgreSQL server is not accepting connections on 127.0.0.1:$port after ${ready_timeout}s"
	fi
	sleep 0.2
done

if ! "$psql" -X -q -v ON_ERROR_STOP=1 -d "postgres://postgres@127.0.0.1:$port/postgres" \
	-c 'CREATE DATABASE almen' >"$pgtmp/createdb.log" 2>&1; then
	cat "$pgtmp/createdb.log" >&2
	die "could not create the database almen (psql output above)"
fi

version=$("$bindir/pg_ctl" --version 2>/dev/null | sed -n 's/^.*(PostgreSQL) \([^ ]*\).*$/\1/p')
printf 'PostgreSQL %s throwaway cluster on 127.0.0.1:%s\n' "${version:-(unknown version)}" "$port" >&2

# --- run the command ----------------------------------------------------------------

export ALMEN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/almen"

# A command that restarts the cluster at once (as a crash would), for the fault tests
# (`almen bench faults`): same data, same port.
restart=$pgtmp/restart
{
	printf '#!/usr/bin/env bash\n# Restarts the throwaway cluster: pg_ctl restart -m immediate.\nset -euo pipefail\ncd %q\n' "$pgtmp"
	if $is_root; then
		if command -v runuser >/dev/null 2>&1; then printf 'exec runuser -u postgres -- '; else printf 'exec su postgres -s /bin/sh -c '"'"'exec "$@"'"'"' sh '; fi
	else
		printf 'exec '
	fi
	printf '%q ' "$bindir/pg_ctl" -D "$data" -l "$server_log" -m immediate -w -t 60 -s restart
	printf '\n'
} >"$restart"
chmod 755 "$restart"
export ALMEN_TEST_POSTGRES_RESTART=$restart

# Run it in the background so that a TERM sent to this script alone is acted
# on at once (bash defers traps while a foreground command runs). `<&0` keeps
# our stdin (background commands otherwise get /dev/null), and `trap -`
# restores the default SIGINT/SIGQUIT handling that bash takes away from
# background commands, so Ctrl-C reaches it as usual.
(
	trap - INT QUIT TERM HUP
	exec "$@"
) <&0 &
child=$!

while :; do
	woken=""
	if wait "$child"; then status=0; else status=$?; fi
	if [[ -z $woken ]]; then break; fi # COMMAND finished
	# A signal arrived while waiting, which interrupts `wait`: keep waiting
	# while COMMAND is still there.
	if ! kill -0 "$child" 2>/dev/null; then
		# It is gone: collect its status, unless the `wait` above already did.
		if wait "$child" 2>/dev/null; then status=0; else
			rc=$?
			if [[ $rc -ne 127 ]]; then status=$rc; fi
		fi
		break
	fi
done
child=""

exit "$status"
