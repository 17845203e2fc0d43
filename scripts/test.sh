#!/bin/sh
# Quick start 2 (and CI): install what is missing, build from scratch with
# warnings as errors, run the whole test suite, then run it again under
# AddressSanitizer + UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh test
jobs=$(nproc)

run_suite() {
  dir=$1; shift
  rm -rf "$dir"
  cmake -S . -B "$dir" -DMLM_WERROR=ON -DMLM_CONFORMANCE_WORK="$PWD/.cache/conformance" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" --output-on-failure -j"$jobs"
}

echo "== build and test (gcc, -Werror) =="
run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo

echo "== install, then build an example against the installed package =="
scripts/consume.sh build-test

echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer) =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -DCMAKE_BUILD_TYPE=Debug -DMLM_SANITIZE=ON
