#!/usr/bin/env bash
# Installs the Debian packages yardstick needs to build and test. Idempotent: packages already
# present are skipped, and apt-get update runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libfmt-dev libcli11-dev catch2 libyaml-cpp-dev libcpp-httplib-dev
  libssl-dev zlib1g-dev
  bubblewrap python3 python3-numpy
  # the HTML report's browser test (ctest label `browser`): headless Chromium via chromedriver
  chromium chromium-driver fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
