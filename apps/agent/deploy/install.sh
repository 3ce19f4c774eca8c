#!/bin/sh
# Berth agent installer. The web serves this file at /install.sh; "Add host" shows the line that
# runs it:
#
#   curl -fsSL <web>/install.sh | sudo BERTH_JOIN_TOKEN=… sh -s -- --sha256 <hex>
#
# It checks the OS, installs runc, conmon, the CNI plugins and iptables from the distribution,
# downloads the agent bundle from the web (a Node runtime, the agent, the CLI and their prebuilt
# native addons: nothing is compiled here), verifies it against --sha256, installs it under
# --prefix, writes a systemd unit, enrolls with the join token and starts the agent.
#
# Flags: --server URL        the web (default: where this script came from)
#        --sha256 HEX        expected sha256 of the bundle (required; also BERTH_BUNDLE_SHA256)
#        --pin SHA256//B64   pin the web's TLS public key for downloads over https (curl --pinnedpubkey;
#                            also BERTH_PIN); the join token pins the certificate for the agent itself
#        --prefix DIR        install here (default /opt/berth)
#        --data-root DIR     the agent's data root (default /var/lib/berth)
#        --exec-root DIR     the agent's exec root (default /run/berth)
#        --name NAME         host name to report (default: the machine's hostname)
#        --agent-flag FLAG   extra berth-agent flag (repeatable), e.g. --agent-flag --bridge=b1
#        --no-systemd        no unit: start the agent in the background and print "agent pid N"
# Environment: BERTH_JOIN_TOKEN (the one-time token; never put on a command line).
set -eu

SERVER="${BERTH_SERVER:-__BERTH_URL__}"
SHA256="${BERTH_BUNDLE_SHA256:-}"
PIN="${BERTH_PIN:-}"
PREFIX=/opt/berth
DATA_ROOT=/var/lib/berth
EXEC_ROOT=/run/berth
NAME=""
AGENT_FLAGS=""
SYSTEMD=1
PACKAGES="runc conmon containernetworking-plugins iptables iproute2 catatonit attr"

say() { printf '\033[1;36mberth\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mberth: %s\033[0m\n' "$*" >&2; exit 1; }
need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --server) need_arg "$@"; SERVER="$2"; shift 2 ;;
    --sha256) need_arg "$@"; SHA256="$2"; shift 2 ;;
    --pin) need_arg "$@"; PIN="$2"; shift 2 ;;
    --prefix) need_arg "$@"; PREFIX="$2"; shift 2 ;;
    --data-root) need_arg "$@"; DATA_ROOT="$2"; shift 2 ;;
    --exec-root) need_arg "$@"; EXEC_ROOT="$2"; shift 2 ;;
    --name) need_arg "$@"; NAME="$2"; shift 2 ;;
    --agent-flag) need_arg "$@"
      printf '%s' "$2" | grep -Eq '^--[A-Za-z0-9-]+(=[A-Za-z0-9=._/:,@+-]*)?$' ||
        die "--agent-flag takes one berth-agent flag like --bridge=b1, got '$2'"
      AGENT_FLAGS="${AGENT_FLAGS:+$AGENT_FLAGS }$2"; shift 2 ;;
    --no-systemd) SYSTEMD=0; shift ;;
    -h|--help) sed -n '2,24p' "$0" 2>/dev/null || true; exit 0 ;;
    *) die "unknown flag: $1 (see the top of install.sh)" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "run as root (the agent runs containers): curl … | sudo sh"
case "$SERVER" in http://*|https://*) ;; *) die "--server must be an http(s) URL, got '$SERVER'" ;; esac
SERVER="${SERVER%/}"
printf '%s' "$SHA256" | grep -Eq '^[0-9a-f]{64}$' || die "--sha256 must be the bundle's sha256 (64 hex digits) from the Add host command"
for d in "$PREFIX" "$DATA_ROOT" "$EXEC_ROOT"; do
  case "$d" in /*) ;; *) die "paths must be absolute: $d" ;; esac
done
case "$(uname -s)" in Linux) ;; *) die "Berth's agent runs on Linux only" ;; esac
case "$(uname -m)" in
  x86_64|amd64) ARCH=amd64 ;;
  aarch64|arm64) ARCH=arm64 ;;
  *) die "no agent bundle for $(uname -m)" ;;
esac

# --- what the engine needs from the distribution ---------------------------------------------
have_deps() {
  command -v runc >/dev/null 2>&1 && command -v conmon >/dev/null 2>&1 &&
    command -v iptables >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 &&
    [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/portmap ]
}
OS_ID=""; OS_LIKE=""
if [ -r /etc/os-release ]; then
  OS_ID=$(. /etc/os-release && printf '%s' "${ID:-}")
  OS_LIKE=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
fi
case " $OS_ID $OS_LIKE " in
  *" debian "*|*" ubuntu "*)
    missing=""
    for p in $PACKAGES; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
      say "installing from apt:$missing"
      DEBIAN_FRONTEND=noninteractive apt-get update -q
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    fi ;;
  *)
    have_deps || die "this installer knows apt (Debian, Ubuntu). On ${OS_ID:-this system} install these first, then run it again:
  runc (≥ 1.1), conmon (≥ 2.1), the CNI plugins in /usr/lib/cni (bridge, host-local, portmap, loopback),
  iptables, iproute2 (ip), and optionally catatonit or tini (for --init)" ;;
esac
have_deps || die "runc, conmon, iptables, ip and the CNI plugins (/usr/lib/cni) are still missing"

# --- download and verify ----------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is needed"
fetch() { # URL FILE
  if [ -n "$PIN" ]; then
    # The certificate may be self-signed: the pinned public key is what is trusted.
    curl -fsSL --retry 3 -k --pinnedpubkey "$PIN" -o "$2" "$1"
  else
    curl -fsSL --retry 3 -o "$2" "$1"
  fi
}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
BUNDLE="berth-agent-linux-$ARCH.tar.gz"
say "downloading $SERVER/downloads/$BUNDLE"
fetch "$SERVER/downloads/$BUNDLE" "$TMP/bundle.tar.gz" || die "download failed: $SERVER/downloads/$BUNDLE"
GOT=$(sha256sum "$TMP/bundle.tar.gz" | cut -d' ' -f1)
[ "$GOT" = "$SHA256" ] || die "the bundle's sha256 is $GOT, the command said $SHA256: not installing (tampered, or the web was upgraded since the command was made: copy a new one)"
say "bundle verified (sha256 $GOT)"

# --- install under the prefix: releases/<name>, current -> it -----------------------------------
mkdir -p "$PREFIX/releases"
tar -xzf "$TMP/bundle.tar.gz" -C "$TMP"
RELEASE=$(cd "$TMP" && ls -d berth-agent-*-linux-* | head -n 1)
[ -n "$RELEASE" ] && [ -x "$TMP/$RELEASE/bin/berth-agent" ] || die "the bundle has no bin/berth-agent"
rm -rf "$PREFIX/releases/$RELEASE"
mv "$TMP/$RELEASE" "$PREFIX/releases/$RELEASE"
ln -sfn "releases/$RELEASE" "$PREFIX/current"
mkdir -p "$PREFIX/bin"
ln -sfn ../current/bin/berth-agent "$PREFIX/bin/berth-agent"
ln -sfn ../current/bin/berth "$PREFIX/bin/berth"
cp "$PREFIX/current/share/uninstall.sh" "$PREFIX/uninstall.sh"
chmod 0755 "$PREFIX/uninstall.sh"
mkdir -p "$DATA_ROOT" "$EXEC_ROOT"
chmod 0700 "$DATA_ROOT"
say "installed $RELEASE in $PREFIX"

# --- configuration: flags in agent.env (0600); the token only until enrollment ------------------
CONF="$PREFIX/agent.env"
umask 077
{
  printf 'BERTH_SERVER=%s\n' "$SERVER"
  printf 'BERTH_DATA_ROOT=%s\n' "$DATA_ROOT"
  printf 'BERTH_EXEC_ROOT=%s\n' "$EXEC_ROOT"
  [ -n "$NAME" ] && printf 'BERTH_NAME=%s\n' "$NAME"
  printf 'BERTH_AGENT_FLAGS="%s"\n' "$AGENT_FLAGS"
  [ -n "${BERTH_JOIN_TOKEN:-}" ] && printf 'BERTH_JOIN_TOKEN=%s\n' "$BERTH_JOIN_TOKEN"
} > "$CONF"
umask 022
CREDENTIAL="$DATA_ROOT/agent/credential.json"
[ -n "${BERTH_JOIN_TOKEN:-}" ] || [ -f "$CREDENTIAL" ] ||
  die "BERTH_JOIN_TOKEN is not set and this host is not enrolled: copy the line from Add host"

# The unit reads agent.env itself; --no-systemd exports it to the background agent.
start_background() {
  set -a; . "$CONF"; set +a
  # shellcheck disable=SC2086
  nohup "$PREFIX/bin/berth-agent" $BERTH_AGENT_FLAGS > "$PREFIX/agent.log" 2>&1 < /dev/null &
  echo $! > "$PREFIX/agent.pid"
  echo "agent pid $!"
}

if [ "$SYSTEMD" = 1 ]; then
  command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ] ||
    die "systemd is not running here: use --no-systemd (and start the agent at boot yourself)"
  sed -e "s#@PREFIX@#$PREFIX#g" "$PREFIX/current/share/systemd/berth-agent.service" \
    > /etc/systemd/system/berth-agent.service
  ln -sfn "$PREFIX/bin/berth" /usr/local/bin/berth
  systemctl daemon-reload
  systemctl enable --now berth-agent.service
  say "systemd unit berth-agent.service enabled and started"
else
  start_background
fi

# --- wait for enrollment, then forget the token --------------------------------------------------
i=0
while [ ! -f "$CREDENTIAL" ] && [ $i -lt 60 ]; do
  if [ "$SYSTEMD" = 0 ] && ! kill -0 "$(cat "$PREFIX/agent.pid")" 2>/dev/null; then
    tail -n 20 "$PREFIX/agent.log" >&2 || true
    die "the agent exited before it enrolled (above: the end of $PREFIX/agent.log)"
  fi
  sleep 0.5; i=$((i + 1))
done
if [ -f "$CREDENTIAL" ]; then
  grep -v '^BERTH_JOIN_TOKEN=' "$CONF" > "$CONF.new" && chmod 0600 "$CONF.new" && mv "$CONF.new" "$CONF"
  say "enrolled with $SERVER; the host shows online in the dashboard"
else
  [ "$SYSTEMD" = 1 ] && hint="journalctl -u berth-agent" || hint="$PREFIX/agent.log"
  die "the agent did not enroll within 30 s: see $hint"
fi
