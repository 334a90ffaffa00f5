#!/usr/bin/env bash
# Install the real servers that the source tests start on loopback: Prometheus + promtool (Debian's
# package) and moto in server mode (an AWS API emulator). Idempotent: does nothing when both are
# already there, so .ci/run can call it on every run.
set -euo pipefail

if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "install-test-servers: installing prometheus (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # The package's service is not wanted: the tests start their own server on a free port.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop prometheus >/dev/null 2>&1 || true; fi
fi

if ! python3 -c "import moto.server" >/dev/null 2>&1; then
  echo "install-test-servers: installing moto[server]"
  # Debian's own python3 refuses pip installs outside a venv (PEP 668); pyenv's python does not.
  python3 -m pip install --quiet 'moto[server]==5.*' ||
    python3 -m pip install --quiet --break-system-packages 'moto[server]==5.*'
fi

echo "install-test-servers: $(prometheus --version 2>&1 | head -n1)"
echo "install-test-servers: moto $(python3 -c 'import moto; print(moto.__version__)')"
