#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the test suite (and for trying
# Firedrill on PostgreSQL locally). Installs Debian's postgresql when missing.
#   scripts/postgres-local.sh start   -> prints the DATABASE_URL to use
#   scripts/postgres-local.sh stop
#   scripts/postgres-local.sh reset <db>  -> drops and recreates a database
set -euo pipefail
cd "$(dirname "$0")/.."
# Below the kernel's ephemeral range (32768-60999): a port there can be taken by any
# outgoing connection of the test run at the moment PostgreSQL starts.
PORT="${PG_TEST_PORT:-25432}"
DIR="${PG_TEST_DIR:-$PWD/.data/postgres}"
RUN_AS=()

# The newest server's bin folder. A folder holding only the client (postgresql-client makes
# /usr/lib/postgresql/N/bin with psql and pg_dump but no initdb) is not a server.
pg_bin() {
  local found
  found=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] && dirname "$found"
  return 0
}

ensure_installed() {
  if [ -z "$(pg_bin)" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "postgres: installing Debian's postgresql" >&2
      apt-get update -qq -o DPkg::Lock::Timeout=300 >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends postgresql >&2
    else
      echo "postgres: PostgreSQL is not installed; run: sudo apt-get install postgresql" >&2
      exit 1
    fi
  fi
}

# As root the server runs as the postgres user, which cannot reach a data folder under a
# project it cannot traverse (a clone in /root, or in a 0700 folder from mktemp: initdb then
# fails with "Permission denied"). Then the data lives in the postgres user's home, one
# folder per project path so two clones never share a server.
resolve_dir() {
  [ "$(id -u)" = 0 ] && [ -z "${PG_TEST_DIR:-}" ] && id postgres >/dev/null 2>&1 || return 0
  mkdir -p "$DIR" && chown postgres: "$DIR"
  if ! runuser -u postgres -- test -w "$DIR" 2>/dev/null; then
    DIR="$(getent passwd postgres | cut -d: -f6)/firedrill-test-$(printf '%s' "$PWD" | sha256sum | cut -c1-12)"
  fi
}

# initdb and postgres refuse to run as root: use the postgres system user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-start}"
case "$cmd" in
  start)
    ensure_installed
    BIN="$(pg_bin)"
    resolve_dir
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$DIR"
    if [ ! -f "$DIR/PG_VERSION" ]; then
      as_owner "$BIN/initdb" -D "$DIR" -U firedrill --auth=trust -E UTF8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
    fi
    echo "postgresql://firedrill@127.0.0.1:$PORT/postgres"
    ;;
  reset)
    db="${2:?database name}"
    BIN="$(pg_bin)"
    "$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U firedrill -d postgres -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"" >/dev/null
    echo "postgresql://firedrill@127.0.0.1:$PORT/$db"
    ;;
  stop)
    BIN="$(pg_bin)"
    resolve_dir
    [ -n "$BIN" ] && [ -f "$DIR/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop|reset <db>" >&2; exit 2 ;;
esac
