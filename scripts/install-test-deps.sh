#!/usr/bin/env bash
# System packages the test suite needs beyond npm: Debian's Chromium for the
# browser tests (Playwright drives it through playwright-core; no browser
# download of its own), and Debian's PyTorch and Dask distributed for the
# sweep's tests (tools/sweep/; this machine and CI reach no other Python
# registry). Safe to run again: it installs only what is missing.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
/usr/bin/python3 -c 'import torch, distributed' >/dev/null 2>&1 ||
  missing+=(python3-torch python3-distributed libopenblas0-pthread)
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "chromium: $(chromium --version 2>/dev/null || echo missing)"
echo "python3: $(/usr/bin/python3 -c 'import torch, distributed; print("torch", torch.__version__, "distributed", distributed.__version__)')"
