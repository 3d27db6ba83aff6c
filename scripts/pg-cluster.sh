#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, for the server-engine test run and the
# benchmarks.  Usage:
#   scripts/pg-cluster.sh start DIR   → prints the DATABASE_URL on stdout, logs to DIR/server.log
#   scripts/pg-cluster.sh stop DIR    → stops it and removes DIR
# Installs Debian's postgresql package when no server binaries are found (needs root).
# PG_FSYNC=off trades durability for speed (tests); benchmarks leave it on.
set -euo pipefail

find_bindir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?start or stop}
dir=${2:?cluster directory}

case "$cmd" in
  start)
    bindir=$(find_bindir || true)
    if [ -z "$bindir" ]; then
      echo "PostgreSQL server not found: installing Debian's postgresql package (apt-get, as root)…" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      bindir=$(find_bindir)
    fi
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_postgres "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=${PG_FSYNC:-on} -c synchronous_commit=${PG_FSYNC:-on}" >&2
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    bindir=$(find_bindir || true)
    if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
      as_postgres "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
