#!/usr/bin/env bash
# Run Almen as several instances on this machine, the way production runs it: two
# `almen serve` and two `almen worker` processes on one PostgreSQL database, the NgDP
# stand-in as a process of its own, and nginx in front as a round-robin, all on loopback.
#
# Usage: scripts/cluster.sh [--check] [--homes N] [--port P] [--serve-ports P,P,...]
#                           [--sandbox-port P] [--workers N]
#
#   (no --check)  start everything, print where things are, and wait for Ctrl-C (or
#                 SIGTERM); then stop everything and remove the temporary directory.
#   --check       start everything, then prove that it works as several instances: a
#                 resident signs in through the round-robin and is still signed in on
#                 every instance, each instance is ready, and both workers take jobs from
#                 the one queue with none taken twice. Prints `cluster check: PASS` or
#                 `cluster check: FAIL (reasons)` last, stops everything, and exits 0 or 1.
#
# Options (and the environment variables that set the same):
#   --homes N           CLUSTER_HOMES         demo homes to seed (default 300)
#   --port P            CLUSTER_PORT          the round-robin, nginx (default 8080); this is
#                                             ALMEN_PUBLIC_BASE_URL, the address users see
#   --serve-ports LIST  CLUSTER_SERVE_PORTS   one `almen serve` per port (default 8081,8082)
#   --sandbox-port P    CLUSTER_SANDBOX_PORT  the NgDP stand-in (default 8090)
#   --workers N         CLUSTER_WORKERS       `almen worker` processes (default 2)
#
# The binary is ALMEN_BIN, else .build/release/almen, else .build/debug/almen; only when
# none exists is it built (`swift build -c release --product almen`).
#
# The database: DATABASE_URL when it is set (migrated, and seeded only when empty), otherwise
# a throwaway PostgreSQL from scripts/with-postgres.sh (this script runs itself inside it).
# Everything listens on 127.0.0.1 only. nginx (and curl) are installed with apt when missing,
# as root; nginx runs from a temporary prefix, never as the system service. Logs are in the
# temporary directory while it runs (printed at start); set CLUSTER_KEEP_LOGS=1 to keep it.
set -euo pipefail

prog=${0##*/}
caller_dir=$PWD
cd "$(dirname "$0")/.."
root=$PWD

usage() {
	sed -n '/^# Usage:/,/^set -euo pipefail$/{/^set /d;s/^# \{0,1\}//;p;}' "$root/scripts/$prog"
}

die() {
	printf '%s: error: %s\n' "$prog" "$*" >&2
	exit 1
}

say() {
	printf '%s: %s\n' "$prog" "$*" >&2
}

# --- options -------------------------------------------------------------------------

check=false
homes=${CLUSTER_HOMES:-300}
port=${CLUSTER_PORT:-8080}
serve_ports=${CLUSTER_SERVE_PORTS:-8081,8082}
sandbox_port=${CLUSTER_SANDBOX_PORT:-8090}
workers=${CLUSTER_WORKERS:-2}

original_args=("$@")
while [[ $# -gt 0 ]]; do
	case $1 in
	--check) check=true ;;
	--homes | --port | --serve-ports | --sandbox-port | --workers)
		[[ $# -ge 2 ]] || die "$1 needs a value"
		case $1 in
		--homes) homes=$2 ;;
		--port) port=$2 ;;
		--serve-ports) serve_ports=$2 ;;
		--sandbox-port) sandbox_port=$2 ;;
		--workers) workers=$2 ;;
		esac
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		printf '%s: unknown option: %s (see --help)\n' "$prog" "$1" >&2
		exit 2
		;;
	esac
	shift
done

is_port() { [[ $1 =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= 65535)); }
is_count() { [[ $1 =~ ^[0-9]+$ ]] && (($1 >= 1)); }
is_count "$homes" || die "--homes must be a positive number"
is_count "$workers" || die "--workers must be a positive number"
is_port "$port" || die "--port must be a TCP port"
is_port "$sandbox_port" || die "--sandbox-port must be a TCP port"
IFS=', ' read -r -a serve_port_list <<<"$serve_ports"
[[ ${#serve_port_list[@]} -ge 1 ]] || die "--serve-ports needs at least one port"
for p in "${serve_port_list[@]}"; do is_port "$p" || die "--serve-ports: not a TCP port: $p"; done
all_ports=("$port" "${serve_port_list[@]}" "$sandbox_port")
if [[ $(printf '%s\n' "${all_ports[@]}" | sort -u | wc -l) -ne ${#all_ports[@]} ]]; then
	die "the ports must all differ: ${all_ports[*]}"
fi

# --- before the database: the binary, nginx, curl --------------------------------------

if [[ -z ${_ALMEN_CLUSTER_INNER:-} ]]; then
	if [[ -n ${ALMEN_BIN:-} ]]; then
		case $ALMEN_BIN in /*) ;; *) ALMEN_BIN=$caller_dir/$ALMEN_BIN ;; esac
		[[ -x $ALMEN_BIN ]] || die "ALMEN_BIN is not an executable: $ALMEN_BIN"
	elif [[ -x .build/release/almen ]]; then
		ALMEN_BIN=$root/.build/release/almen
	elif [[ -x .build/debug/almen ]]; then
		ALMEN_BIN=$root/.build/debug/almen
	else
		say "no almen binary; building it (swift build -c release --product almen)"
		swift build -c release --product almen
		ALMEN_BIN=$root/.build/release/almen
	fi
	export ALMEN_BIN
fi

# shellcheck source=scripts/ensure-deps.sh
. scripts/ensure-deps.sh
ensure_debian_packages nginx curl

nginx_bin=$(command -v nginx 2>/dev/null || true)
if [[ -z $nginx_bin && -x /usr/sbin/nginx ]]; then nginx_bin=/usr/sbin/nginx; fi
[[ -n $nginx_bin ]] || die "nginx not found (install it, e.g. apt-get install nginx)"

# A port is taken when something accepts a connection on it.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "${all_ports[@]}"; do
	if port_taken "$p"; then
		die "127.0.0.1:$p is already in use (see ss -ltn); choose other ports with CLUSTER_PORT, CLUSTER_SERVE_PORTS and CLUSTER_SANDBOX_PORT"
	fi
done

# --- the database ------------------------------------------------------------------------

if [[ -z ${_ALMEN_CLUSTER_INNER:-} ]]; then
	export _ALMEN_CLUSTER_INNER=1
	if [[ -z ${DATABASE_URL:-} ]]; then
		# Run again inside a throwaway PostgreSQL; it is removed when we are done.
		exec scripts/with-postgres.sh "$root/scripts/$prog" ${original_args[@]+"${original_args[@]}"}
	fi
	database_owned=false
else
	if [[ -z ${DATABASE_URL:-} ]]; then
		DATABASE_URL=${ALMEN_TEST_POSTGRES_URL:?with-postgres.sh sets ALMEN_TEST_POSTGRES_URL}
		database_owned=true
	else
		database_owned=false
	fi
fi
[[ $DATABASE_URL == postgres://* || $DATABASE_URL == postgresql://* ]] ||
	die "DATABASE_URL must be a PostgreSQL URL: several processes need a shared database"

psql_bin=$(command -v psql 2>/dev/null || true)
if [[ -z $psql_bin ]] && command -v pg_config >/dev/null 2>&1; then
	psql_bin=$(pg_config --bindir)/psql
fi
if $check && [[ ! -x $psql_bin ]]; then
	ensure_debian_packages postgresql-client
	psql_bin=$(command -v psql) || die "psql not found"
fi

# --- the processes, and stopping them --------------------------------------------------------

work="" # temporary directory: logs, nginx prefix, cookie jar
pids=() # long-running children, in the order they started
names=()

# stop_pids PID...: TERM, wait up to 30 s (a stopping worker gives a running job 20 s), then
# KILL what is left, and reap them.
# shellcheck disable=SC2317 # invoked from the cleanup trap
stop_pids() {
	local pid alive deadline=$((SECONDS + 30))
	for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
	while :; do
		alive=false
		for pid in "$@"; do
			if kill -0 "$pid" 2>/dev/null; then alive=true; fi
		done
		if ! $alive || ((SECONDS >= deadline)); then break; fi
		sleep 0.1
	done
	for pid in "$@"; do
		if kill -0 "$pid" 2>/dev/null; then
			say "process $pid did not stop within 30 s; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
		wait "$pid" 2>/dev/null || true
	done
}

# stop_named GLOB...: stop the children whose names match a GLOB, together. nginx's own
# worker processes are stopped with their master (found by parent pid).
# shellcheck disable=SC2317 # invoked from the cleanup trap
stop_named() {
	local i glob group=() kids=()
	for ((i = 0; i < ${#pids[@]}; i++)); do
		if [[ -z ${pids[i]} ]]; then continue; fi
		for glob in "$@"; do
			# shellcheck disable=SC2053 # a glob on purpose
			if [[ ${names[i]} == $glob ]]; then
				if [[ ${names[i]} == nginx ]]; then
					mapfile -t kids < <(pgrep -P "${pids[i]}" 2>/dev/null || true)
					group+=("${kids[@]}")
				fi
				group+=("${pids[i]}")
				pids[i]=""
				break
			fi
		done
	done
	if [[ ${#group[@]} -gt 0 ]]; then stop_pids "${group[@]}"; fi
}

# Stop the children in the order production would: nginx and the servers (nothing new comes
# in), then the workers (which may still be sending to the stand-in), then the stand-in.
# shellcheck disable=SC2317 # invoked from the cleanup trap
stop_all() {
	stop_named nginx 'serve-*'
	stop_named 'worker-*'
	stop_named '*'
	pids=()
	names=()
}

# shellcheck disable=SC2317 # invoked by trap
cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	set +e
	if [[ ${#pids[@]} -gt 0 ]]; then stop_all; fi
	if [[ -n $work ]]; then
		if [[ ${CLUSTER_KEEP_LOGS:-} == 1 ]]; then
			say "logs kept in $work"
		else
			rm -rf -- "$work"
		fi
	fi
	exit "$rc"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

work=$(mktemp -d "${TMPDIR:-/tmp}/almen-cluster.XXXXXXXX")
chmod 755 "$work" # nginx's workers (nobody, when we are root) read the prefix

# start NAME COMMAND...: run COMMAND in the background with its output in $work/NAME.log.
# With setsid each runs in a session (and process group) of its own, so that Ctrl-C at the
# terminal reaches this script only, which then stops them in order (stop_all). (`set -m`
# would do the same, but turning it on and off again loses the INT trap.)
setsid_cmd=()
if command -v setsid >/dev/null 2>&1; then setsid_cmd=(setsid); fi
start() {
	local name=$1
	shift
	"${setsid_cmd[@]}" "$@" >"$work/$name.log" 2>&1 &
	pids+=("$!")
	names+=("$name")
}

pid_of() {
	local i
	for ((i = 0; i < ${#pids[@]}; i++)); do
		if [[ ${names[i]} == "$1" ]]; then
			printf '%s\n' "${pids[i]}"
			return 0
		fi
	done
	return 1
}

# Show the end of a process's log on stderr.
show_log() {
	printf -- '--- %s (last 30 lines of %s.log) ---\n' "$1" "$1" >&2
	tail -n 30 "$work/$1.log" >&2 2>/dev/null || true
}

# wait_http NAME URL: wait until URL answers 2xx (60 s), failing early when NAME has died.
wait_http() {
	local name=$1 url=$2 pid deadline=$((SECONDS + 60))
	pid=$(pid_of "$name")
	until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			show_log "$name"
			die "$name stopped while starting"
		fi
		if ((SECONDS >= deadline)); then
			show_log "$name"
			die "$name does not answer $url after 60 s"
		fi
		sleep 0.2
	done
}

# --- configuration shared by every almen process ------------------------------------------------

base=http://127.0.0.1:$port
# The sandbox logins are left as development configures them: one client secret for every
# process (see AppConfig), and nginx sends /sandbox/ to the first instance, which keeps the codes.

export ALMEN_ENV=development
export DATABASE_URL
export ALMEN_PUBLIC_BASE_URL=$base
export ALMEN_TRUSTED_PROXIES=127.0.0.1
export ALMEN_NGDP_BASE_URL=http://127.0.0.1:$sandbox_port/sandbox/ngdp/apis/v1/
export ALMEN_NGDP_SYSTEM_TOKEN=sandbox-system-token
export ALMEN_NGDP_PUSH_TOKEN=sandbox-push-token
export LOG_LEVEL=${LOG_LEVEL:-info}
bin=$ALMEN_BIN

# --- migrate and seed -------------------------------------------------------------------------------

say "migrating, and seeding $homes homes into an empty database ($bin)"
if ! "$bin" migrate >"$work/migrate.log" 2>&1; then
	show_log migrate
	die "almen migrate failed"
fi
if ! "$bin" seed --homes "$homes" --if-empty >"$work/seed.log" 2>&1; then
	show_log seed
	die "almen seed failed"
fi
say "$(head -n 1 "$work/seed.log")"

# --- start -------------------------------------------------------------------------------------------

start sandbox "$bin" sandbox --hostname 127.0.0.1 --port "$sandbox_port" --app "$base"
serve_names=()
for ((i = 0; i < ${#serve_port_list[@]}; i++)); do
	serve_names+=("serve-$((i + 1))")
	start "serve-$((i + 1))" "$bin" serve --hostname 127.0.0.1 --port "${serve_port_list[i]}"
done
worker_names=()
for ((i = 1; i <= workers; i++)); do
	worker_names+=("worker-$i")
	start "worker-$i" "$bin" worker
done

upstreams=""
for p in "${serve_port_list[@]}"; do upstreams+="		server 127.0.0.1:$p;"$'\n'; done
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
# The round-robin in front of the almen serve processes (scripts/cluster.sh).
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log notice;

events {
	worker_connections 256;
}

http {
	# \$upstream_addr: which instance answered, so the check can see that both did.
	log_format cluster '\$remote_addr [\$time_local] "\$request" \$status upstream=\$upstream_addr rt=\$request_time';
	access_log $work/nginx/access.log cluster;
	client_body_temp_path $work/nginx/client_body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	# The largest body the app takes: a Digital Post push (10 MB of files, 60 MB when an
	# organisation opts in, as MeMo with base64) is up to 90 MB.
	client_max_body_size 90m;

	upstream almen {
		# Round-robin (nginx's default): sessions live in the database, so any instance
		# serves any browser.
$upstreams	}

	server {
		listen 127.0.0.1:$port;
		server_name _;

		# The app checks a form's Origin against Host: pass the address the browser used.
		proxy_set_header Host \$http_host;
		proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
		proxy_set_header X-Forwarded-Proto \$scheme;
		proxy_http_version 1.1;
		proxy_set_header Connection "";

		location / {
			proxy_pass http://almen;
		}

		# The NgDP stand-in's mailboxes, a process of its own.
		location /sandbox/ngdp/ {
			proxy_pass http://127.0.0.1:$sandbox_port;
		}

		# The sandbox MitID and staff logins are mounted in every almen serve, but each keeps
		# its authorization codes in memory and signs ID tokens with a key it made at start-up.
		# The authorize page, the token endpoint and the keys must therefore be one process:
		# the first instance. (A real MitID broker is one external service; the app's own
		# login state, sessions and CSRF tokens are in the database or derived from cookies.)
		location /sandbox/ {
			proxy_pass http://127.0.0.1:${serve_port_list[0]};
		}
	}
}
EOF
start nginx "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"

wait_http sandbox "http://127.0.0.1:$sandbox_port/sandbox/ngdp/postkasse"
for ((i = 0; i < ${#serve_port_list[@]}; i++)); do
	wait_http "${serve_names[i]}" "http://127.0.0.1:${serve_port_list[i]}/health/ready"
done
wait_http nginx "$base/health/ready"
# A worker says "Worker started" at log level info; at a quieter level, still running after
# 10 s is taken as started.
for name in "${worker_names[@]}"; do
	deadline=$((SECONDS + 10))
	until grep -q 'Worker started' "$work/$name.log" 2>/dev/null || ((SECONDS >= deadline)); do
		if ! kill -0 "$(pid_of "$name")" 2>/dev/null; then break; fi
		sleep 0.2
	done
	if ! kill -0 "$(pid_of "$name")" 2>/dev/null; then
		show_log "$name"
		die "$name stopped while starting"
	fi
done

# A URL without its password, if it has one.
redacted() {
	local scheme=${1%%://*} rest=${1#*://} userinfo
	if [[ $rest != *@* ]]; then
		printf '%s\n' "$1"
		return
	fi
	userinfo=${rest%@*}
	if [[ $userinfo == *:* ]]; then userinfo="${userinfo%%:*}:***"; fi
	printf '%s://%s@%s\n' "$scheme" "$userinfo" "${rest##*@}"
}

summary() {
	local i
	printf 'Almen cluster on 127.0.0.1:\n'
	printf '  %-14s %s  (nginx, pid %s)\n' "round-robin" "$base/" "$(pid_of nginx)"
	for ((i = 0; i < ${#serve_port_list[@]}; i++)); do
		printf '  %-14s http://127.0.0.1:%s/  (pid %s)\n' "${serve_names[i]}" "${serve_port_list[i]}" \
			"$(pid_of "${serve_names[i]}")"
	done
	for name in "${worker_names[@]}"; do
		printf '  %-14s pid %s\n' "$name" "$(pid_of "$name")"
	done
	printf '  %-14s http://127.0.0.1:%s/sandbox/ngdp/postkasse  (pid %s)\n' "NgDP stand-in" "$sandbox_port" \
		"$(pid_of sandbox)"
	printf '  %-14s %s%s\n' "PostgreSQL" "$(redacted "$DATABASE_URL")" "$($database_owned && printf ' (throwaway)')"
	printf '  %-14s %s\n' "logs" "$work/"
}

# --- interactive: wait for Ctrl-C -----------------------------------------------------------------------

if ! $check; then
	summary
	printf 'Log in at %s/log-ind (sandbox MitID). Ctrl-C stops everything.\n' "$base"
	while :; do
		for ((i = 0; i < ${#pids[@]}; i++)); do
			if ! kill -0 "${pids[i]}" 2>/dev/null; then
				show_log "${names[i]}"
				die "${names[i]} stopped unexpectedly; stopping the rest"
			fi
		done
		sleep 1
	done
fi

# --- the check --------------------------------------------------------------------------------------------

up_after=$SECONDS
summary
failures=()
fail() {
	failures+=("$1")
	printf '  FAIL: %s\n' "$1"
}

psql_q() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c "$1"; }

html_unescape() {
	sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' <<<"$1"
}

# 1. A resident signs in through the round-robin, with curl and a cookie jar as a browser would.
#    Returns 0 when the session cookie is set; says what went wrong otherwise.
jar=$work/private/cookies.txt # the session cookie: readable by us only
mkdir -m 700 "$work/private"
curl_jar() { curl -sS --max-time 20 -c "$jar" -b "$jar" "$@"; }

sign_in() {
	local location page row action person field name value out code
	local form=()
	# The app stores the login (state, nonce, verifier) and sends the browser to the provider.
	location=$(curl_jar -o /dev/null -w '%{redirect_url}' "$base/log-ind/mitid")
	if [[ $location != "$base/sandbox/mitid/authorize?"* ]]; then
		printf 'GET /log-ind/mitid did not lead to the sandbox MitID (went to "%s")' "$location"
		return 1
	fi
	# The sandbox's page: one form per demo person; take the first linked resident.
	page=$(curl_jar "$location")
	row=$(grep '<li class="card"><form' <<<"$page" | grep -v 'uden CPR-nummer' | head -n 1 || true)
	if [[ -z $row ]]; then
		printf 'the sandbox MitID page lists nobody to sign in as'
		return 1
	fi
	action=$(html_unescape "$(sed -n 's/.*<form method="post" action="\([^"]*\)".*/\1/p' <<<"$row")")
	person=$(sed -n 's/.*>Log ind som \([^<]*\)<.*/\1/p' <<<"$row")
	while IFS= read -r field; do
		name=$(sed -n 's/.*name="\([^"]*\)".*/\1/p' <<<"$field")
		value=$(html_unescape "$(sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$field")")
		form+=(--data-urlencode "$name=$value")
	done < <(grep -o '<input type="hidden" name="[^"]*" value="[^"]*">' <<<"$row")
	# The provider issues a code and sends the browser back to the app's callback.
	out=$(curl_jar -o /dev/null -w '%{http_code} %{redirect_url}' "${form[@]}" "$action")
	code=${out%% *}
	location=${out#* }
	if [[ $location != "$base/log-ind/mitid/retur?"* ]]; then
		printf 'the sandbox MitID answered the chosen person with %s, not a redirect to the callback' "$code"
		return 1
	fi
	# The callback: one instance redeems the code at the provider and starts the session.
	out=$(curl_jar -o /dev/null -w '%{http_code} %{redirect_url}' "$location")
	code=${out%% *}
	location=${out#* }
	if [[ $code != 303 && $code != 302 ]] || ! grep -q 'almen-session' "$jar"; then
		printf 'the login callback answered %s (to "%s") without a session' "$code" "$location"
		return 1
	fi
	printf 'signed in as %s' "$person"
}

printf '\n1. Sign in through the round-robin, then /mit-hjem through it\n'
# The round-robin takes the instances in turn, so where the login callback lands depends on
# how many requests came before it. Sign in until every instance has finished a login (redeemed
# a code at the provider, which runs in the first instance only); N-1 requests in between move
# the next callback on by one instance (a login is two requests through the round-robin).
upstream_of_last() { # the instance nginx sent the last request matching $1 to
	grep "\"$1" "$work/nginx/access.log" | tail -n 1 | sed -n 's/.* upstream=\([^ ]*\) .*/\1/p'
}
finished_on=()
signed_in=false
for ((attempt = 1; attempt <= 2 * ${#serve_port_list[@]} + 2; attempt++)); do
	if ! message=$(sign_in); then
		fail "sign-in: $message"
		break
	fi
	signed_in=true
	callback=$(upstream_of_last 'GET /log-ind/mitid/retur?')
	started=$(upstream_of_last 'GET /log-ind/mitid ')
	printf '  %s: started on %s, callback on %s\n' "$message" "${started:-?}" "${callback:-?}"
	finished_on+=("$callback")
	missing=()
	for p in "${serve_port_list[@]}"; do
		if ! printf '%s\n' "${finished_on[@]}" | grep -qx "127\.0\.0\.1:$p"; then missing+=("$p"); fi
	done
	if [[ ${#missing[@]} -eq 0 ]]; then break; fi
	for ((i = 1; i < ${#serve_port_list[@]}; i++)); do curl -fsS -o /dev/null "$base/health/live" || true; done
done
if $signed_in && [[ ${#missing[@]} -gt 0 ]]; then
	fail "no login callback reached the instance(s) on port ${missing[*]}"
fi

if $signed_in; then
	requests=24
	before=$(wc -l <"$work/nginx/access.log")
	statuses=()
	named=0
	for ((i = 1; i <= requests; i++)); do
		statuses+=("$(curl_jar -o "$work/private/page.html" -w '%{http_code}' "$base/mit-hjem")")
		if grep -q 'class="user-name"' "$work/private/page.html"; then named=$((named + 1)); fi
	done
	ok=$(printf '%s\n' "${statuses[@]}" | grep -c '^200$' || true)
	printf '  GET /mit-hjem x %d: %d answered 200 (%s), %d show the signed-in name\n' "$requests" "$ok" \
		"$(printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{printf "%s%s x %s", sep, $2, $1; sep=", "}')" \
		"$named"
	if [[ $ok -ne $requests ]]; then
		fail "$((requests - ok)) of $requests signed-in requests to /mit-hjem did not answer 200"
	elif [[ $named -ne $requests ]]; then
		fail "$((requests - named)) of $requests pages of /mit-hjem did not show the signed-in resident"
	fi
	served=$(tail -n +"$((before + 1))" "$work/nginx/access.log" | grep '"GET /mit-hjem ' |
		sed -n 's/.* upstream=\([^ ]*\) .*/\1/p' | sort | uniq -c)
	printf '  served by (nginx access log):\n'
	awk '{ print "    " $2 "  x " $1 }' <<<"$served"
	for p in "${serve_port_list[@]}"; do
		if ! grep -q " 127\.0\.0\.1:$p\$" <<<"$served"; then
			fail "no /mit-hjem request reached the instance on port $p"
		fi
	done
fi

printf '\n2. Health of each instance\n'
for ((i = 0; i < ${#serve_port_list[@]}; i++)); do
	out=$(curl -sS --max-time 5 -w ' %{http_code}' "http://127.0.0.1:${serve_port_list[i]}/health/ready" 2>&1 || true)
	printf '  %s :%s/health/ready -> %s\n' "${serve_names[i]}" "${serve_port_list[i]}" "$out"
	if [[ $out != *'"database":"ok"'*' 200' ]]; then fail "${serve_names[i]} is not ready"; fi
done

printf '\n3. Workers share the queue\n'
# Queue a letter to every tenant of a demo department (one job each), and watch the running
# jobs until the queue is empty: every (job, attempt) must have been held by one worker only.
queued=$("$bin" digitalpost demo-letters 2>>"$work/demo-letters.log" | tail -n 1 || true)
printf '  %s\n' "${queued:-demo-letters printed nothing}"
samples=$work/running-jobs.txt
: >"$samples"
due_sql="SELECT count(*) FROM jobs WHERE status IN ('queued', 'running') AND run_at <= now()"
deadline=$((SECONDS + 120))
while :; do
	psql_q "SELECT id, locked_by, attempts FROM jobs WHERE status = 'running'" >>"$samples" 2>>"$work/psql.log" || true
	due=$(psql_q "$due_sql" 2>>"$work/psql.log" || printf '?')
	if [[ $due == 0 ]] || ((SECONDS >= deadline)); then break; fi
	sleep 0.2
done
if [[ $due != 0 ]]; then fail "$due due jobs still waiting after 120 s"; fi
seen=$(awk -F'|' 'NF == 3 { print $2 }' "$samples" | sort | uniq -c)
printf '  workers seen holding jobs (samples of locked_by):\n'
if [[ -n $seen ]]; then awk '{ print "    " $2 "  x " $1 }' <<<"$seen"; else printf '    (none caught running)\n'; fi
double=$(awk -F'|' 'NF == 3 { print $1 "|" $3 "|" $2 }' "$samples" | sort -u |
	awk -F'|' '{ n[$1 "|" $2]++ } END { for (k in n) if (n[k] > 1) c++; print c + 0 }')
printf '  jobs (one attempt) seen held by two workers: %s\n' "$double"
if [[ $double -ne 0 ]]; then fail "$double job attempts were held by two workers"; fi
# Each letter sent to the stand-in has one `sent` event; a letter sent twice would have two.
IFS='|' read -r sent_events sent_letters < <(psql_q "SELECT count(*), count(DISTINCT letter_id) FROM letter_events WHERE event = 'sent'")
printf '  letters sent to the NgDP stand-in: %s, with %s sent events\n' "$sent_letters" "$sent_events"
if [[ $sent_letters -eq 0 ]]; then fail "no letter was sent"; fi
if [[ $sent_events -ne $sent_letters ]]; then fail "$((sent_events - sent_letters)) letters were sent more than once"; fi
printf '  jobs by kind and status:\n'
psql_q "SELECT kind, status, count(*) FROM jobs GROUP BY kind, status ORDER BY kind, status" |
	awk -F'|' '{ printf "    %-28s %-8s %s\n", $1, $2, $3 }'
for name in "${worker_names[@]}"; do
	if kill -0 "$(pid_of "$name")" 2>/dev/null; then
		printf '  %s (pid %s) is running\n' "$name" "$(pid_of "$name")"
	else
		fail "$name has stopped"
	fi
done
errors=$(cat "$work"/worker-*.log | grep -c -E '\[ (error|critical) \]' || true)
printf '  error lines in the workers'"'"' logs: %s\n' "$errors"

printf '\n%d s to migrate, seed and start; %d s to check\n' "$up_after" "$((SECONDS - up_after))"
if [[ ${#failures[@]} -eq 0 ]]; then
	printf 'cluster check: PASS\n'
	exit 0
fi
for name in "${names[@]}"; do show_log "$name"; done
reasons=$(printf '%s; ' "${failures[@]}")
printf 'cluster check: FAIL (%s)\n' "${reasons%; }"
exit 1
