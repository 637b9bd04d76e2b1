#!/usr/bin/env bash
# Installs what the browser tests of the HTML report need: Debian's Chromium (never a
# browser download), a few fonts, and the Python test extra (Playwright-python drives
# the system Chromium). axe-core is vendored in tests/browser/vendor/, so no npm step.
# Run as root (CI is root). Safe to run again; exits early when all is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY="${PYTHON:-python3}"

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core >/dev/null
fi

if ! "$PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
  "$PY" -m pip install -q "playwright>=1.40,<2"
fi

chromium --version || true
"$PY" -c "import playwright; print('playwright', __import__('importlib.metadata').metadata.version('playwright'))"
