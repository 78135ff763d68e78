#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests and the UI benchmark, where it is missing.
# Needs root or sudo (apt-get). playwright-core (an npm dev dependency) drives it; no browser is downloaded by npm.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "install-browser: chromium is missing and this user cannot install packages (run as root, or apt-get install chromium)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium: $(/usr/bin/chromium --version)"
