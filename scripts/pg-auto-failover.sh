#!/usr/bin/env bash
# A pg_auto_failover formation on loopback (Debian: apt-get install postgresql-15-auto-failover):
# a monitor, a primary and a secondary, each a pg_autoctl service in the background.
#   eval "$(bash scripts/pg-auto-failover.sh start)"   # exports PG_AUTO_FAILOVER_DIR, DATABASE_URL (multi-host)
#   bash scripts/pg-auto-failover.sh failover "$PG_AUTO_FAILOVER_DIR"   # promotes the secondary, waits
#   bash scripts/pg-auto-failover.sh stop "$PG_AUTO_FAILOVER_DIR"
set -euo pipefail
cmd=${1:-start}
PG_CTL=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
command -v pg_autoctl >/dev/null || { echo "pg_autoctl not found (apt-get install -y postgresql-15-auto-failover)" >&2; exit 1; }
# Each formation keeps pg_autoctl's own config and state in its directory (XDG_*), not in ~postgres.
dir=${2:-}
[ "$cmd" = start ] && dir=$(mktemp -d /tmp/kn-paf.XXXXXX)
[ -n "$dir" ] || { echo "usage: $0 start | failover DIR | stop DIR" >&2; exit 2; }
envs=("PATH=$(dirname "$PG_CTL"):$PATH" "XDG_CONFIG_HOME=$dir/xdg/config" "XDG_DATA_HOME=$dir/xdg/data" "XDG_RUNTIME_DIR=$dir/xdg/run")
run=(env "${envs[@]}")
[ "$(id -u)" = 0 ] && run=(runuser -u postgres -- env "${envs[@]}")
autoctl() { "${run[@]}" pg_autoctl "$@"; }
# Waits until the monitor reports every node in the state wanted (assigned = reported).
wait_states() {
  local dir=$1 want=$2
  for _ in $(seq 1 240); do
    local states
    states=$(autoctl show state --pgdata "$dir/monitor" 2>/dev/null | awk -F'|' 'NR>2 && NF>=7 {gsub(/ /,"",$6); gsub(/ /,"",$7); if ($6==$7) print $6}' | sort | tr '\n' ' ') || true
    [ "$states" = "$want" ] && return 0
    sleep 0.5
  done
  echo "pg_auto_failover did not reach '$want'" >&2
  autoctl show state --pgdata "$dir/monitor" >&2 || true
  return 1
}
case "$cmd" in
  start)
    base=${PG_AUTO_FAILOVER_PORT:-$(( 20000 + RANDOM % 20000 ))}
    [ "$(id -u)" = 0 ] && { id -u postgres >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin postgres; chown postgres "$dir"; }
    common=(--pgctl "$PG_CTL" --hostname 127.0.0.1 --auth trust --no-ssl)
    autoctl create monitor --pgdata "$dir/monitor" --pgport "$base" "${common[@]}" >"$dir/monitor.log" 2>&1
    (setsid "${run[@]}" pg_autoctl run --pgdata "$dir/monitor" >>"$dir/monitor.log" 2>&1 & echo $! >"$dir/monitor.pid")
    monitor="postgres://autoctl_node@127.0.0.1:$base/pg_auto_failover?sslmode=disable"
    for n in 1 2; do
      (setsid "${run[@]}" pg_autoctl create postgres --pgdata "$dir/node$n" --pgport $(( base + n )) --name "node$n" \
        --monitor "$monitor" "${common[@]}" --run >"$dir/node$n.log" 2>&1 & echo $! >"$dir/node$n.pid")
      [ "$n" = 1 ] && wait_states "$dir" "single "
    done
    wait_states "$dir" "primary secondary "
    echo "export PG_AUTO_FAILOVER_DIR=$dir"
    echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$(( base + 1 )),127.0.0.1:$(( base + 2 ))/postgres?target_session_attrs=read-write'"
    ;;
  failover)
    autoctl perform failover --pgdata "$dir/monitor" >"$dir/failover.log" 2>&1
    wait_states "$dir" "primary secondary "
    ;;
  stop)
    for n in node2 node1 monitor; do
      [ -f "$dir/$n.pid" ] && kill -TERM -- "-$(cat "$dir/$n.pid")" 2>/dev/null || true
    done
    for n in node2 node1 monitor; do
      [ -d "$dir/$n" ] && "${run[@]}" "$PG_CTL" -D "$dir/$n" -m immediate -w stop >/dev/null 2>&1 || true
    done
    # The services exit after their Postgres; wait for them before removing their files.
    for n in node2 node1 monitor; do
      [ -f "$dir/$n.pid" ] || continue
      for _ in $(seq 1 100); do kill -0 -- "-$(cat "$dir/$n.pid")" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$(cat "$dir/$n.pid")" 2>/dev/null || true
    done
    rm -rf "$dir" 2>/dev/null || { sleep 1; rm -rf "$dir"; }
    ;;
  *) echo "usage: $0 start | failover DIR | stop DIR" >&2; exit 2 ;;
esac
