#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster on a free loopback port, so the server's PostgreSQL
# storage is tested against a real PostgreSQL in CI and on a developer machine:
#
#   scripts/with-postgres.sh ctest --preset dev -R SyncServer
#
# The cluster lives in a mktemp directory (data, unix socket, log) and is stopped and deleted when the
# command ends, however it ends. The command sees OUTPOST_TEST_PG_URL=postgresql://outpost:PASSWORD@127.0.0.1:PORT/postgres;
# each test makes its own database there (CREATE DATABASE) so tests can run in parallel.
# initdb refuses to run as root: as root the cluster runs as the user "postgres" (from the postgresql
# package). Exit status: the command's.
# Needs: initdb and pg_ctl (package postgresql; Debian/Ubuntu keep them in /usr/lib/postgresql/<version>/bin).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

bindir=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v pg_ctl)")"
else
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir="$d"; break; fi
  done
fi
if [ -z "$bindir" ]; then
  echo "with-postgres: initdb/pg_ctl not found; run scripts/install-deps.sh (package postgresql)." >&2
  exit 127
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/outpost-pg.XXXXXX")"
chmod 755 "$tmp"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs the system user \"postgres\" (package postgresql)." >&2
    rm -rf "$tmp"
    exit 127
  fi
  chown postgres: "$tmp"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$tmp/pwfile"
[ ${#as_owner[@]} -eq 0 ] || chown postgres: "$tmp/pwfile"
"${as_owner[@]}" "$bindir/initdb" -D "$tmp/data" -U outpost --pwfile="$tmp/pwfile" -A scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}
rm -f "$tmp/pwfile"

# A free loopback port: a random one, another if PostgreSQL cannot bind it (taken).
port=""
for _ in 1 2 3 4 5 6 7 8; do
  candidate=$((20000 + RANDOM % 40000))
  # fsync stays on: the kill -9 tests rely on acknowledged commits being durable.
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -c unix_socket_directories=$tmp -c max_connections=300" start >/dev/null; then
    port="$candidate"
    break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: PostgreSQL did not start:" >&2
  cat "$tmp/postgres.log" >&2 || true
  exit 1
fi

export OUTPOST_TEST_PG_URL="postgresql://outpost:$password@127.0.0.1:$port/postgres"
set +e
"$@"
status=$?
set -e
exit $status
