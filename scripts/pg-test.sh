#!/usr/bin/env bash
# pg-test.sh: start a throwaway PostgreSQL cluster in a temporary folder
# (initdb + pg_ctl, as the postgres user when run as root), listening only on
# a Unix socket inside that folder, point WORKBENCH_TEST_PG at it and run the
# store tests against it; the cluster and the folder are removed on exit.
#
#   scripts/pg-test.sh                         # go test ./internal/store/...
#   scripts/pg-test.sh -run TestPerAnalyst -v  # extra go test arguments
#   WORKBENCH_LOAD=1 scripts/pg-test.sh -run TestLoadWriters -v -timeout 20m
#   scripts/pg-test.sh -- go test ./...      # any command, with the server up
#
# Needs PostgreSQL's server binaries (Debian: apt-get install -y postgresql).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "pg-test: PostgreSQL's initdb was not found: install it (apt-get install -y postgresql) or set PG_BINDIR" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/workbench-pg.XXXXXX")
as=()
if [ "$(id -u)" = 0 ]; then
	# initdb refuses to run as root: the cluster belongs to postgres.
	chown postgres "$tmp"
	as=(runuser -u postgres --)
fi
# A free port number: the server listens on no TCP address, the number only
# names the socket file, but keep it distinct from any other cluster's.
port=$(( 20000 + RANDOM % 20000 ))
while [ -e "/tmp/.s.PGSQL.$port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	port=$(( 20000 + RANDOM % 20000 ))
done

cleanup() {
	"${as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${as[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --no-sync >"$tmp/initdb.log" 2>&1 ||
	{ cat "$tmp/initdb.log" >&2; exit 1; }
"${as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
	-o "-c listen_addresses='' -k $tmp -p $port -c max_connections=200" start >/dev/null ||
	{ cat "$tmp/server.log" >&2; exit 1; }
"${as[@]}" "$bindir/createdb" -h "$tmp" -p "$port" -U postgres workbench_test

export WORKBENCH_TEST_PG="postgres://postgres@/workbench_test?host=$tmp&port=$port&sslmode=disable"
echo "pg-test: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $tmp (port $port)"
cd "$root"
if [ "${1:-}" = "--" ]; then
	shift
	"$@"
	exit
fi
if [ $# -eq 0 ]; then
	set -- -count=1
fi
go test "$@" ./internal/store/...
