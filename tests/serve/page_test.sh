#!/bin/sh
# The --serve page in a real browser: Debian's chromium, headless, driven by
# puppeteer-core (page_test.js). puppeteer-core is installed with npm into a
# cache in the build folder (never a browser download: the test uses
# /usr/bin/chromium). Skips (77) when chromium, node or npm is missing, or
# when npm cannot install puppeteer-core.
# Usage: page_test.sh MLM_VALIDATE SOURCE_DIR ARTIFACT_DIR
set -eu
validate=$1 src=$2 out=$3
chromium=${MLM_CHROMIUM:-/usr/bin/chromium}
# Under valgrind (MLM_HARDENING_SLOW) the browser's time bounds do not hold;
# the server code it reaches runs under valgrind in the serve_* tests.
[ -z "${MLM_HARDENING_SLOW:-}" ] || { echo "SKIP: not run under valgrind"; exit 77; }
[ -x "$chromium" ] || { echo "SKIP: no chromium at $chromium (Debian: chromium)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "SKIP: node is not installed"; exit 77; }
command -v npm >/dev/null 2>&1 || { echo "SKIP: npm is not installed"; exit 77; }
mkdir -p "$out"
cache=$out/npm
if [ ! -f "$cache/node_modules/puppeteer-core/package.json" ]; then
  mkdir -p "$cache"
  # --no-save: nothing is written to a package.json; the version is pinned here.
  if ! (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 timeout 120 npm install --no-save --no-audit \
        --no-fund --loglevel=error puppeteer-core@24 >"$out/npm.log" 2>&1); then
    echo "SKIP: npm could not install puppeteer-core (see $out/npm.log)"
    exit 77
  fi
fi
NODE_PATH=$cache/node_modules exec timeout 90 node "$src/tests/serve/page_test.js" \
  "$validate" "$src" "$out" "$chromium"
