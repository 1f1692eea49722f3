#!/usr/bin/env bash
# Sets up everything and runs Outpost on a local demo profile (Debian 12 / Ubuntu 24.04).
#   scripts/run-demo.sh [--contacts N] [--fresh]
# The demo profile lives in ~/.local/share/Outpost/profiles/demo. Its key goes to your desktop keychain
# when one is running; otherwise it is protected by the passphrase "outpost demo passphrase".
set -euo pipefail
cd "$(dirname "$0")/.."

contacts=20000
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    *) echo "usage: $0 [--contacts N] [--fresh]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

bin=build/release/app
cli="$bin/cli/outpost-cli"
app="$bin/desktop/outpost"
profile="${XDG_DATA_HOME:-$HOME/.local/share}/Outpost/profiles/demo"
passphrase="outpost demo passphrase"

if [ "$fresh" = 1 ] && [ -d "$profile" ]; then
  backup="$profile.$(date +%Y%m%d-%H%M%S).bak"
  echo "Moving the old demo profile to $backup"
  mv "$profile" "$backup"
fi

open_args=()
if [ ! -f "$profile/profile.json" ]; then
  echo "Creating the demo profile in $profile"
  if "$cli" profile create --profile "$profile" --name "Demo" 2>/tmp/outpost-demo-keychain.err; then
    echo "The database key is in your keychain."
  else
    echo "No usable keychain ($(head -c 200 /tmp/outpost-demo-keychain.err)); using a passphrase instead."
    rm -rf "$profile"
    printf '%s\n' "$passphrase" | "$cli" profile create --profile "$profile" --name "Demo" --passphrase-stdin
  fi
  echo "Generating $contacts demo contacts"
  if grep -q '"passphrase"' "$profile/profile.json"; then
    printf '%s\n' "$passphrase" | "$cli" demo --profile "$profile" --contacts "$contacts" --passphrase-stdin --quiet
  else
    "$cli" demo --profile "$profile" --contacts "$contacts" --quiet
  fi
fi
if grep -q '"passphrase"' "$profile/profile.json"; then
  echo "Unlock the demo profile with the passphrase: $passphrase"
fi

# A local sync server for the demo team (self-signed certificate, loopback only). It stops with the app.
server="$bin/server/outpost-server"
server_dir="${XDG_DATA_HOME:-$HOME/.local/share}/Outpost/demo-server"
if [ ! -f "$server_dir/accounts.db" ]; then
  echo "Setting up a local sync server in $server_dir (team \"Demo\", user \"demo\", password \"$passphrase\")"
  "$server" cert --out "$server_dir/tls" >/dev/null
  printf '%s\n' "$passphrase" | "$server" init --data "$server_dir" --team Demo --owner demo
fi
"$server" serve --data "$server_dir" --port 8443 --cert "$server_dir/tls/cert.pem" --key "$server_dir/tls/key.pem" \
  >"$server_dir/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
echo "Sync server: https://127.0.0.1:8443 (log: $server_dir/server.log)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Outpost on a virtual X display (Xvfb :99)."
  Xvfb :99 -screen 0 1600x1000x24 >/dev/null 2>&1 &
  export DISPLAY=:99
fi
"$app" --profile "$profile"
