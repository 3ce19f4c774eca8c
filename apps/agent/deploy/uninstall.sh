#!/bin/sh
# Removes the Berth agent that install.sh installed. Containers and images stay on the host unless
# --purge is given: then every container is removed first and the data root goes too.
#
#   /opt/berth/uninstall.sh [--prefix DIR] [--purge]
set -eu
PREFIX=$(dirname "$(readlink -f "$0")")
PURGE=0
say() { printf '\033[1;36mberth\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mberth: %s\033[0m\n' "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a value"; PREFIX="$2"; shift 2 ;;
    --purge) PURGE=1; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown flag: $1" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "run as root"
[ -f "$PREFIX/agent.env" ] || die "no Berth agent installed in $PREFIX (no agent.env)"
set -a; . "$PREFIX/agent.env"; set +a
DATA_ROOT="${BERTH_DATA_ROOT:-/var/lib/berth}"
EXEC_ROOT="${BERTH_EXEC_ROOT:-/run/berth}"

if [ "$PURGE" = 1 ] && [ -S "$EXEC_ROOT/agent.sock" ]; then
  ids=$("$PREFIX/bin/berth" --host "unix://$EXEC_ROOT/agent.sock" ps -aq 2>/dev/null || true)
  if [ -n "$ids" ]; then
    say "removing containers: $(echo "$ids" | wc -l)"
    # shellcheck disable=SC2086
    "$PREFIX/bin/berth" --host "unix://$EXEC_ROOT/agent.sock" rm -f $ids
  fi
fi

if [ -f /etc/systemd/system/berth-agent.service ]; then
  systemctl disable --now berth-agent.service 2>/dev/null || true
  rm -f /etc/systemd/system/berth-agent.service
  systemctl daemon-reload 2>/dev/null || true
  [ "$(readlink /usr/local/bin/berth 2>/dev/null)" = "$PREFIX/bin/berth" ] && rm -f /usr/local/bin/berth
fi
if [ -f "$PREFIX/agent.pid" ]; then
  pid=$(cat "$PREFIX/agent.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  fi
fi
rm -rf "$PREFIX/releases" "$PREFIX/current" "$PREFIX/bin" "$PREFIX/agent.env" "$PREFIX/agent.pid" \
  "$PREFIX/agent.log" "$PREFIX/uninstall.sh" "$PREFIX/upgrade"
rmdir "$PREFIX" 2>/dev/null || true
if [ "$PURGE" = 1 ]; then
  rm -rf "$DATA_ROOT"
  say "removed the agent and its data ($DATA_ROOT)"
else
  say "removed the agent; containers, images and the enrollment stay in $DATA_ROOT (--purge removes them)"
fi
