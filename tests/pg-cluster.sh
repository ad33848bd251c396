#!/usr/bin/env bash
# pg-cluster.sh — a throw-away PostgreSQL cluster for the tests, in a
# temporary folder, listening on 127.0.0.1 (a free port) and on a socket in
# that folder. Never touches a server it did not start.
#
#   pg-cluster.sh start           initdb + start; prints shell lines
#                                 ISMS_TEST_PG_DIR=... ISMS_TEST_PG_URL=...
#                                 PGPASSWORD=... (eval them); a PGPASSWORD
#                                 already set (letters and digits) is kept
#   pg-cluster.sh stop DIR        stops the server and removes DIR
#   pg-cluster.sh halt DIR        stops the server, keeps DIR (for restarts)
#   pg-cluster.sh resume DIR      starts a halted server again
#
# The tests trade durability for speed (fsync off); PG_CLUSTER_DURABLE=1 at
# start keeps PostgreSQL's durable defaults (the benchmarks, bench/run.sh).
#
# initdb refuses to run as root: as root the cluster runs as the `postgres`
# system user of Debian's package, which then owns DIR.
set -euo pipefail

pgbin() {
	if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$d" ] || { echo "pg-cluster: no PostgreSQL server binaries (Debian package postgresql)" >&2; exit 1; }
	echo "$d"
}

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
	node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

ctl_start() {
	local dir=$1 port
	local fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	port=$(cat "$dir/port")
	[ -f "$dir/durable" ] && fast=""
	as_owner "$(pgbin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o \
		"-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir $fast \
		 -c max_connections=300" start >/dev/null
}

ctl_stop() {
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	as_owner "$(pgbin)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
}

case "${1:-}" in
start)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/isms-pg-XXXXXX")
	chmod 700 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	password=${PGPASSWORD:-}
	[[ "$password" =~ ^[A-Za-z0-9]{16,}$ ]] || password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
	as_owner sh -c "umask 077; printf '%s\n' '$password' > '$dir/pw'"
	if ! as_owner "$(pgbin)/initdb" -D "$dir/data" -U isms --pwfile="$dir/pw" -E UTF8 --locale=C \
		--auth-host=scram-sha-256 --auth-local=scram-sha-256 >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		exit 1
	fi
	free_port > "$dir/port"
	[ "${PG_CLUSTER_DURABLE:-}" = 1 ] && touch "$dir/durable"
	if ! ctl_start "$dir"; then
		cat "$dir/server.log" >&2 || true
		rm -rf "$dir"
		exit 1
	fi
	echo "ISMS_TEST_PG_DIR=$dir"
	echo "ISMS_TEST_PG_URL=postgres://isms@127.0.0.1:$(cat "$dir/port")"
	echo "PGPASSWORD=$password"
	;;
stop)
	[ -d "${2:-}" ] || exit 0
	ctl_stop "$2" || true
	rm -rf "$2"
	;;
halt) ctl_stop "$2" ;;
resume) ctl_start "$2" ;;
*)
	echo "usage: $0 start | stop DIR | halt DIR | resume DIR" >&2
	exit 2
	;;
esac
