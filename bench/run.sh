#!/usr/bin/env bash
# run.sh — the benchmarks (bench/README.md). For each engine: seeds the
# organisation (`isms bench seed`), times `isms audit verify`, starts the
# server and times its first answer, loads each scenario with wrk at c=1 and
# c=64, measures nginx serving the very same bytes (the ceiling), and reads
# the server's memory. Then rewrites bench/RESULTS.md (bench/report.mjs).
# `make bench` runs it after a release build and `scripts/deps.sh bench`.
#
# Settings (environment):
#   BENCH_SIZE      S, M or L (default L)
#   BENCH_PG_SIZE   size for PostgreSQL (default BENCH_SIZE)
#   BENCH_ENGINES   "sqlite postgres" (default), or one of them
#   BENCH_SECONDS   seconds per scenario and concurrency (default 5)
#   BENCH_BUSY      1: the results say they were measured on a busy machine
#   BENCH_OUT       the results file (default bench/RESULTS.md)
#   BENCH_CACHE     where seeded SQLite databases are kept, by commit and
#                   size, for the next run (default var/bench)
#   ISMS_BIN        the binary (default build/isms)
#
# Everything listens on 127.0.0.1 only; the server, nginx and the
# PostgreSQL cluster are started here and stopped by PID on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."

size=${BENCH_SIZE:-L}
pg_size=${BENCH_PG_SIZE:-$size}
engines=${BENCH_ENGINES:-sqlite postgres}
secs=${BENCH_SECONDS:-5}
out=${BENCH_OUT:-bench/RESULTS.md}
cache=${BENCH_CACHE:-var/bench}
bin=${ISMS_BIN:-build/isms}
admin=admin@bench.example.org
export ISMS_ADMIN_PASSWORD=bench-admin-password-not-secret

for tool in wrk nginx curl node; do
	command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
		{ echo "bench: $tool is missing (scripts/deps.sh bench installs it)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "bench: no $bin (ninja -C build)" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d "${TMPDIR:-/tmp}/isms-bench-XXXXXX")
chmod 755 "$work"
results=$work/results.jsonl
server_pid="" nginx_pid="" pg_dir=""

stop_pid() { # PID: TERM, wait for it to end
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() {
	stop_pid "$server_pid"
	stop_pid "$nginx_pid"
	[ -n "$pg_dir" ] && tests/pg-cluster.sh stop "$pg_dir"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
emit() { printf '%s\n' "$1" >> "$results"; }
figure() { # ENGINE NAME VALUE UNIT
	emit "{\"kind\":\"figure\",\"engine\":\"$1\",\"name\":\"$2\",\"value\":$3,\"unit\":\"$4\"}"
	echo "  $2: $3 $4"
}
unavailable() { # ENGINE NAME: a figure whose feature has not landed yet
	emit "{\"kind\":\"figure\",\"engine\":\"$1\",\"name\":\"$2\",\"value\":null,\"unit\":\"\"}"
	echo "  $2: not available yet"
}
timed() { # ENGINE NAME COMMAND...: the command's wall time in ms
	local engine=$1 name=$2 t
	shift 2
	t=$(now_ns)
	"$@" > "$work/timed.log" 2>&1 || { cat "$work/timed.log" >&2; return 1; }
	figure "$engine" "$name" "$(ms_since "$t")" ms
}
free_port() {
	node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
rss_kib() { # PID FIELD (VmRSS or VmHWM)
	awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

# --- seeding -------------------------------------------------------------

# seeded databases are kept by the source they were seeded with, and size
src_key=$(git rev-parse --short HEAD:src 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src 2>/dev/null)" ] ||
	src_key=$src_key-$(git diff HEAD -- src | sha1sum | cut -c1-8)
seed_sqlite() { # SIZE -> $db, $seed_log
	local key="$cache/$src_key-$1"
	if [ ! -f "$key.db" ]; then
		mkdir -p "$cache"
		rm -f "$key.tmp.db"*
		"$bin" init --db "$key.tmp.db" --admin-email "$admin" >/dev/null
		echo "  seeding size $1 (kept as $key.db for the next run)"
		"$bin" bench seed --size "$1" --db "$key.tmp.db" | tee "$key.seed.log" | sed 's/^/    /'
		mv "$key.tmp.db" "$key.db"
	fi
	db=$work/isms.db
	cp "$key.db" "$db"
	seed_log=$key.seed.log
	seed_engine=sqlite
}
# PostgreSQL, in a throw-away cluster with durable commits. Seeding there
# costs a network round trip per statement (about 7 times SQLite's time), so
# by default the SQLite database of the same size moves over the way users
# move (isms backup, isms restore); BENCH_PG_SEED=direct seeds in place.
seed_postgres() { # SIZE -> $db, $seed_log
	if [ -z "$pg_dir" ]; then
		eval "$(PG_CLUSTER_DURABLE=1 tests/pg-cluster.sh start)"
		pg_dir=$ISMS_TEST_PG_DIR
		export PGPASSWORD
	fi
	psql "$ISMS_TEST_PG_URL/postgres" -qc "CREATE DATABASE isms_bench" >/dev/null
	if [ "${BENCH_PG_SEED:-restore}" = direct ]; then
		db=$ISMS_TEST_PG_URL/isms_bench
		seed_log=$work/pg.seed.log
		"$bin" init --db "$db" --admin-email "$admin" >/dev/null
		echo "  seeding size $1"
		"$bin" bench seed --size "$1" --db "$db" | tee "$seed_log" | sed 's/^/    /'
		seed_engine=postgres
		return
	fi
	seed_sqlite "$1"
	"$bin" backup "$work/seed.backup" --db "$db" >/dev/null
	rm -f "$db"
	db=$ISMS_TEST_PG_URL/isms_bench
	timed postgres restore_ms "$bin" restore "$work/seed.backup" --db "$db"
	rm -f "$work/seed.backup"
}

# --- the server ----------------------------------------------------------

start_server() { # ENGINE -> $url, $server_pid; records start and idle RSS
	local t t1 warm
	: > "$work/serve.log"
	t=$(now_ns)
	"$bin" serve --db "$db" --listen 127.0.0.1:0 --quiet > "$work/serve.log" 2>&1 &
	server_pid=$!
	url=""
	while [ -z "$url" ]; do
		kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
		url=$(sed -n 's/^listening on //p' "$work/serve.log")
	done
	curl -sf -o /dev/null "$url/healthz"
	t1=$(now_ns)
	warm=$(now_ns)
	curl -sf -o /dev/null "$url/healthz"
	warm=$(( $(now_ns) - warm ))
	# minus one warm request: what curl itself costs to start
	figure "$1" start_ms $(( (t1 - t - warm) / 1000000 )) ms
	sleep 1
	figure "$1" rss_idle_kib "$(rss_kib "$server_pid" VmRSS)" KiB
}

# --- load ----------------------------------------------------------------

nginx_port=""
start_nginx() {
	local n=$work/nginx
	mkdir -p "$n/root" "$n/tmp"
	nginx_port=$(free_port)
	cat > "$n/nginx.conf" <<EOF
worker_processes $(nproc);
user $(id -un) $(id -gn);
pid $n/nginx.pid;
error_log $n/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	default_type application/octet-stream;
	types { application/json json; text/html html; }
	client_body_temp_path $n/tmp/body;
	proxy_temp_path $n/tmp/proxy;
	fastcgi_temp_path $n/tmp/fastcgi;
	uwsgi_temp_path $n/tmp/uwsgi;
	scgi_temp_path $n/tmp/scgi;
	server {
		listen 127.0.0.1:$nginx_port;
		root $n/root;
	}
}
EOF
	"$nginx_bin" -p "$n" -c "$n/nginx.conf" -e "$n/error.log" -g 'daemon off;' &
	nginx_pid=$!
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
		sleep 0.05
	done
	cat "$n/error.log" >&2
	exit 1
}

load() { # ENGINE SCENARIO TARGET C URL MODE TOKEN [ARG]: one wrk run, one result line
	local engine=$1 scenario=$2 target=$3 c=$4 u=$5 threads line
	shift 5
	threads=$(( c < 2 ? 1 : 2 ))
	line=$(wrk -t"$threads" -c"$c" -d"${secs}s" --timeout 5s -s bench/wrk.lua "$u" -- "$@" "$threads" |
		grep '^{"requests"' | tail -1)
	[ -n "$line" ] || { echo "bench: wrk gave no figures for $scenario" >&2; exit 1; }
	emit "{\"kind\":\"load\",\"engine\":\"$engine\",\"scenario\":\"$scenario\",\"target\":\"$target\",\"c\":$c,${line#\{}"
	echo "  $scenario c=$c $target: $line"
}

declare -A ceiling_done
get_scenario() { # ENGINE NAME PATH: isms, then nginx serving the same bytes
	local engine=$1 name=$2 path=$3 code file
	file=$work/nginx/root/$name
	code=$(curl -s -o "$file" -w '%{http_code}' -H "Authorization: Bearer $token" "$url$path")
	[ "$code" = 200 ] || { echo "bench: GET $path answered $code" >&2; head -c 400 "$file" >&2; exit 1; }
	for c in 1 64; do
		load "$engine" "$name" isms "$c" "$url$path" get "$token"
		if [ -z "${ceiling_done[$name-$c]:-}" ]; then
			load "$engine" "$name" nginx "$c" "http://127.0.0.1:$nginx_port/$name" get -
			ceiling_done[$name-$c]=1
		fi
	done
}

risk_versions() { # "id version" of the first 2,000 risks, shared out between wrk's threads
	for off in 0 500 1000 1500; do
		curl -sf -H "Authorization: Bearer $token" "$url/api/v1/risks?sort=id&limit=500&offset=$off" > "$work/p$off.json"
	done
	node -e 'const fs=require("fs");for(const f of process.argv.slice(1))for(const r of JSON.parse(fs.readFileSync(f)).items)console.log(r.id+" "+r.version)' \
		"$work"/p*.json > "$work/versions.txt"
}

run_engine() { # ENGINE SIZE
	local engine=$1 sz=$2 mid body scale
	echo "== $engine, size $sz"
	"seed_$engine" "$sz"
	[ "$seed_engine" = "$engine" ] && figure "$engine" seed_s "$(sed -n 's/^seeded size .* in \([0-9.]*\) s$/\1/p' "$seed_log")" s
	figure "$engine" audit_entries "$(sed -n 's/^seeded size .*: \([0-9]*\) audit entries.*/\1/p' "$seed_log")" entries
	timed "$engine" audit_verify_ms "$bin" audit verify --db "$db"
	# NIST SP 800-53 rev5 (JSON, 3 MB, 1,007 controls in force) into the seeded database,
	# the whole command: start, parse, one transaction, exit
	catalog=${BENCH_TESTDATA:-../shared/testdata}/oscal-content/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json
	if [ -f "$catalog" ]; then
		timed "$engine" oscal_import_ms "$bin" import oscal "$catalog" --db "$db"
	else
		unavailable "$engine" oscal_import_ms
	fi
	token=$("$bin" token create --user "$admin" --name bench --days 1 --db "$db")
	start_server "$engine"

	mid=$(curl -sf -H "Authorization: Bearer $token" "$url/api/v1/risks?sort=id&limit=1&offset=$(( $(
		curl -sf -H "Authorization: Bearer $token" "$url/api/v1/risks?limit=1" |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))') / 2 ))" |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
	get_scenario "$engine" list_risks_api "/api/v1/risks?status=assessed&sort=-inherent_score&limit=25"
	get_scenario "$engine" one_risk_api "/api/v1/risks/$mid"
	get_scenario "$engine" risk_register_page "/risks"
	get_scenario "$engine" dashboard_page "/"

	# a new risk scored on the current method's scales
	scale=$("$bin" risk method show --db "$db" |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);
			console.log(m.likelihood[1].value+" "+m.impact[2].value)})')
	body="{\"title\":\"Benchmark risk\",\"description\":\"Created by the load test.\",\"likelihood\":${scale% *},\"impact\":${scale#* },\"treatment\":\"modify\"}"
	for c in 1 64; do load "$engine" create_risk isms "$c" "$url/api/v1/risks" post "$token" "$body"; done

	risk_versions
	for c in 1 64; do
		load "$engine" update_risk isms "$c" "$url/api/v1/risks" patch "$token" "$work/versions.txt"
		risk_versions # the next run starts from the versions the records have now
	done

	figure "$engine" rss_peak_kib "$(rss_kib "$server_pid" VmHWM)" KiB
	stop_pid "$server_pid"
	server_pid=""
	"$bin" audit verify --db "$db" | sed 's/^/  after the load: /'
}

start_nginx
for engine in $engines; do
	case $engine in
	sqlite) run_engine sqlite "$size" ;;
	postgres) run_engine postgres "$pg_size" ;;
	*) echo "bench: unknown engine $engine" >&2; exit 2 ;;
	esac
done
figure all binary_bytes "$(stat -c %s "$bin")" bytes

node bench/report.mjs "$results" "$out" "$size" "$pg_size" "$secs" "$bin"
echo "wrote $out"
