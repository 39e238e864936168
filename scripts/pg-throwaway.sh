#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port in a temp dir and prints its URL.
#   eval "$(bash scripts/pg-throwaway.sh start)"   # exports DATABASE_URL and PG_THROWAWAY_DIR
#   bash scripts/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"
set -euo pipefail
cmd=${1:-start}
# shellcheck source=scripts/pg-bin.sh
. "$(dirname "$0")/pg-bin.sh"
case "$cmd" in
  start)
    INITDB=$(find_bin initdb); PG_CTL=$(find_bin pg_ctl)
    dir=$(mktemp -d /tmp/kn-pg.XXXXXX)
    port=${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
    # initdb refuses to run as root: hand the cluster to an unprivileged user when we are root.
    run=()
    if [ "$(id -u)" = 0 ]; then
      id -u postgres >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin postgres
      chown postgres "$dir"; run=(runuser -u postgres --)
    fi
    "${run[@]}" "$INITDB" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${run[@]}" "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PG_THROWAWAY_DIR=$dir"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    PG_CTL=$(find_bin pg_ctl)
    run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$PG_CTL" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
