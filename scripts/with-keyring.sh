#!/usr/bin/env bash
# Runs a command inside a private D-Bus session that has an unlocked, throw-away GNOME Keyring as its
# Secret Service — so QtKeychain (and Outpost's keychain tests) work on headless machines and in CI:
#
#   OUTPOST_REQUIRE_KEYCHAIN=1 scripts/with-keyring.sh build/dev/tests/unit/keys/keys_tests
#   OUTPOST_REQUIRE_KEYCHAIN=1 scripts/with-keyring.sh ctest --preset dev -L keys
#
# The keyring daemon and the bus run with HOME and XDG_* pointing into a mktemp directory, so a real
# user's keyring is never read or written; the directory is deleted afterwards. The "login" keyring is
# created there with a throw-away password (fed to `gnome-keyring-daemon --unlock` on stdin), which also
# makes it the unlocked default collection: writes then never wait for a password prompt.
# The command itself keeps the caller's HOME and XDG directories. Exit status: the command's.
# Needs: dbus-run-session, dbus-send (package dbus), gnome-keyring-daemon (gnome-keyring).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is not installed; run scripts/install-deps.sh (packages dbus, gnome-keyring)." >&2
    exit 127
  fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/outpost-keyring.XXXXXX")"
cleanup() {
  # The daemon leaves when its bus goes away; wait for that (by its pid) before deleting its files.
  if [ -s "$tmp/keyring.pid" ]; then
    pid="$(cat "$tmp/keyring.pid")"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# What the command gets back after the keyring has been set up.
export OUTPOST_KEYRING_CALLER_HOME="${HOME-}"
for v in XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
  if [ -n "${!v+x}" ]; then export "OUTPOST_KEYRING_CALLER_$v=${!v}"; fi
done

export HOME="$tmp/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"
export OUTPOST_KEYRING_TMP="$tmp"

# No outside bus or keyring; no desktop hints that would steer QtKeychain to KWallet instead of libsecret.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID

inner='
set -euo pipefail
bus_call() { dbus-send --session --print-reply --reply-timeout=5000 "$@"; }

# --unlock reads the login password from stdin and creates the "login" keyring if it does not exist;
# --daemonize returns once the daemon runs and prints the variables clients need.
env_out="$(printf "%s" "outpost-throwaway-keyring" \
           | gnome-keyring-daemon --daemonize --unlock --components=secrets)" || {
  echo "with-keyring: gnome-keyring-daemon did not start" >&2; exit 1; }
while IFS= read -r line; do
  case "$line" in
    GNOME_KEYRING_CONTROL=*|GNOME_KEYRING_PID=*) export "$line" ;;
  esac
done <<<"$env_out"

# The daemon claims org.freedesktop.secrets a moment after it starts: wait for it (at most 10 s).
owned=""
for _ in $(seq 1 100); do
  if bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
       string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then owned=1; break; fi
  sleep 0.1
done
if [ -z "$owned" ]; then
  echo "with-keyring: gnome-keyring-daemon did not register the Secret Service on the bus" >&2; exit 1
fi
pid="$(bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets \
        | awk "/uint32/ {print \$2}")"
printf "%s\n" "$pid" >"$OUTPOST_KEYRING_TMP/keyring.pid"

# The default collection must exist and be unlocked, or the first write would wait for a prompt.
if ! bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets/aliases/default \
       org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null \
     | grep -q "boolean false"; then
  echo "with-keyring: the default keyring collection is missing or locked" >&2; exit 1
fi

# Give the command back the caller directories.
export HOME="$OUTPOST_KEYRING_CALLER_HOME"
for v in XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR; do
  saved="OUTPOST_KEYRING_CALLER_$v"
  if [ -n "${!saved+x}" ]; then export "$v=${!saved}"; else unset "$v"; fi
  unset "$saved"
done
unset OUTPOST_KEYRING_CALLER_HOME OUTPOST_KEYRING_TMP
exec "$@"
'

set +e
dbus-run-session -- bash -c "$inner" with-keyring "$@"
status=$?
set -e
exit "$status"
