#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for trying War Room against PostgreSQL: initdb in a temp
# directory, listening on 127.0.0.1 only, with a `warroom` role and database (the SQL is
# the one README's "Against PostgreSQL" gives for a real server). Prints DATABASE_URL;
# Ctrl-C stops the cluster and deletes its directory. Needs `apt-get install -y postgresql`.
# Same recipe as the tests' tests/support/postgres.ts: initdb refuses to run as root, so as
# root the cluster belongs to (and runs as) the `postgres` user.
set -euo pipefail

port="${WARROOM_PG_PORT:-55432}"
bin="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/warroom-pg-XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
sleeper=''
cleanup() {
  if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null || true; fi
  as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  echo "PostgreSQL stopped; $dir deleted."
}
trap cleanup EXIT
trap 'exit 0' INT TERM

as_owner "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE warroom LOGIN PASSWORD 'warroom';
CREATE DATABASE warroom OWNER warroom;
SQL

echo "Throwaway PostgreSQL on 127.0.0.1:$port (data in $dir). In another terminal:"
echo "  DATABASE_URL=postgres://warroom:warroom@127.0.0.1:$port/warroom npm run dev"
echo "Ctrl-C here stops it and deletes everything."
while true; do
  sleep 3600 &
  sleeper=$!
  wait "$sleeper" || true
done
