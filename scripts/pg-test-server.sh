#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, on a local port.
#
#   scripts/pg-test-server.sh start   initialises (first time) and starts it; prints its URL
#   scripts/pg-test-server.sh stop    stops it (the data stays for the next start)
#   scripts/pg-test-server.sh url     prints the URL
#   scripts/pg-test-server.sh remove  stops it and deletes its data
#
# Use:  TEST_DATABASE_URL=$(scripts/pg-test-server.sh start) npm test
#
# PG_TEST_PORT (default 54329) and PG_TEST_DIR (default /tmp/pds-loop-pg-<port>) choose where.
# The cluster trusts every local connection and does not fsync: it is for tests only.
set -euo pipefail

port=${PG_TEST_PORT:-54329}
dir=${PG_TEST_DIR:-/tmp/pds-loop-pg-${port}}
data="$dir/data"
url="postgres://postgres@127.0.0.1:${port}/postgres"

find_bin() {
  # initdb and pg_ctl on PATH, else Debian's newest version under /usr/lib/postgresql/*/bin.
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$newest" ]; then
    echo "pg-test-server: no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin (install Debian's postgresql)" >&2
    exit 1
  fi
  echo "$newest"
}

bin=$(find_bin)

# PostgreSQL refuses to run as root: then run it as the postgres user (created if missing).
run_as=""
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  run_as=postgres
fi

as_owner() {
  if [ -n "$run_as" ]; then
    runuser -u "$run_as" -- "$@"
  else
    "$@"
  fi
}

start() {
  mkdir -p "$dir"
  if [ -n "$run_as" ]; then chown "$run_as" "$dir"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    # C collation: text sorts by code point, as SQLite's default BINARY collation does.
    as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  fi
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "$url"
    return
  fi
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "$url"
}

stop() {
  if [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  remove)
    stop
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|url|remove" >&2
    exit 2
    ;;
esac
