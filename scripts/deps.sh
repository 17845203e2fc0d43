#!/bin/sh
# Install the Debian packages libmlm needs to build and test, if missing.
# Usage: scripts/deps.sh [build|test]   (as root, or with sudo available)
set -eu

# libmicrohttpd: the HTTP server of mlm-validate --serve.
build_pkgs="build-essential cmake pkg-config libjansson-dev libcurl4-openssl-dev libpcre2-dev libmicrohttpd-dev"
# Tests: cmocka; the JSON-Schema-Test-Suite; python3 and openssl for the
# local HTTP(S) test server; valgrind for the memcheck run; doxygen for the
# API documentation check; xmllint (libxml2-utils) for the JUnit report check.
# clang and its runtimes (libFuzzer, ThreadSanitizer: libclang-rt-dev, only a
# Recommends of clang) for the fuzzing and TSan steps of scripts/test.sh.
# abigail-tools (libabigail's abidw/abidiff) for the ABI check against
# abi/libmlm.abi (scripts/abi-check.sh).
# python3-distributed (Dask) for the test of tools/dask/mlm_dask.py, the
# recipe that validates a sharded NDJSON catalog on a Dask cluster.
# chromium and nodejs (with npm) for the test of the --serve page in a headless
# browser (tests/serve/page_test.sh; puppeteer-core comes from npm, never a browser).
# neovim: a real editor, headless, driving mlm-validate --lsp (tests/lsp).
# clang-format: the layout check of the C sources (tidy_clang_format).
test_pkgs="chromium nodejs libcmocka-dev json-schema-test-suite python3 openssl valgrind doxygen libxml2-utils clang libclang-rt-dev abigail-tools python3-distributed neovim clang-format"

case "${1:-build}" in
  build) want="$build_pkgs" ;;
  test) want="$build_pkgs $test_pkgs" ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "deps.sh: missing packages:$missing (run as root to install them)" >&2; exit 1
  fi
else
  SUDO=
fi
echo "deps.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
