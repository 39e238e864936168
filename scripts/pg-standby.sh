#!/usr/bin/env bash
# Starts a hot standby of a running PostgreSQL (pg_basebackup -R: streaming replication) on a
# loopback port in a temp dir and prints its URL. The primary must allow replication connections
# from 127.0.0.1 (initdb's default pg_hba.conf with -A trust does, as scripts/pg-throwaway.sh makes).
#   eval "$(bash scripts/pg-standby.sh start "$DATABASE_URL")"   # exports DATABASE_READ_URL, PG_STANDBY_DIR
#   bash scripts/pg-standby.sh stop "$PG_STANDBY_DIR"
set -euo pipefail
cmd=${1:-start}
# shellcheck source=scripts/pg-bin.sh
. "$(dirname "$0")/pg-bin.sh"
run=()
[ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
case "$cmd" in
  start)
    primary=${2:?usage: start PRIMARY_URL}
    BASEBACKUP=$(find_bin pg_basebackup); PG_CTL=$(find_bin pg_ctl)
    # host and port of postgres://user@host:port/db
    hostport=${primary#*@}; hostport=${hostport%%/*}
    host=${hostport%%:*}; pport=${hostport##*:}
    dir=$(mktemp -d /tmp/kn-standby.XXXXXX)
    port=${PG_STANDBY_PORT:-$(( 20000 + RANDOM % 20000 ))}
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    "${run[@]}" "$BASEBACKUP" -h "$host" -p "$pport" -U postgres -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 \
      || { cat "$dir/basebackup.log" >&2; rm -rf "$dir"; exit 1; }
    "${run[@]}" "$PG_CTL" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c hot_standby=on -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
    echo "export PG_STANDBY_DIR=$dir"
    echo "export DATABASE_READ_URL=postgres://postgres@127.0.0.1:$port/${primary##*/}"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    PG_CTL=$(find_bin pg_ctl)
    "${run[@]}" "$PG_CTL" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    [ "${3:-}" = keep ] || rm -rf "$dir"
    ;;
  *) echo "usage: $0 start PRIMARY_URL | stop DIR [keep]" >&2; exit 2 ;;
esac
