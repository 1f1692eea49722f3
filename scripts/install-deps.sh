#!/usr/bin/env bash
# Installs everything Outpost needs to build, run and test on Debian 12 / Ubuntu 24.04 (or newer).
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6 (Widgets, Sql, Network, Charts, Svg, PrintSupport, LinguistTools)
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libqt6sql6-psql
  libgl-dev libxkbcommon-dev
  # storage, secrets, crypto, HTTP
  libsqlcipher-dev sqlcipher qtkeychain-qt6-dev libssl-dev libcurl4-openssl-dev
  # our PostgreSQL driver for the server (core/storage/PgDriver) links libpq
  libpq-dev
  # QtKeychain loads libsecret at run time (dlopen): without it there is no Secret Service backend
  libsecret-1-0
  libboost-dev libboost-system-dev libqrencode-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  dbus dbus-x11 gnome-keyring xvfb xauth postgresql imagemagick x11-apps poppler-utils
  fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
