#!/usr/bin/env bash
# System packages the test suite needs beyond npm: Debian's Chromium for the
# browser tests (Playwright drives it through playwright-core; no browser
# download of its own). Safe to run again: it installs only what is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
echo "chromium: $(chromium --version 2>/dev/null)"
