#!/usr/bin/env bash
# The real-browser test of the web interface (ctest: browser_ui). Installs
# playwright-core and axe-core as pinned by package-lock.json when node_modules is missing
# or was installed from another lock file (nothing else is downloaded: the
# browser is Debian's chromium), then runs Node's test runner on the test file
# given (ui.test.mjs when none).
# Environment: see ui.test.mjs (COOPDEC_BIN_DIR, COOPDEC_SOURCE_DIR,
# COOPDEC_SCREENSHOT_DIR).
set -euo pipefail
cd "$(dirname "$0")"
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "tests/browser/run.sh : $tool introuvable (Debian : apt-get install nodejs npm)" >&2
    exit 1
  fi
done
# npm ci empties node_modules first, so the stamp only survives a complete install.
if ! cmp -s package-lock.json node_modules/.coopdec-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.coopdec-lock
fi
exec node --test "${1:-ui.test.mjs}"
