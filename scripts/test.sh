#!/bin/sh
# Quick start 2 (and CI): install what is missing, build from scratch with
# warnings as errors, run the whole test suite, then run it again under
# AddressSanitizer + UndefinedBehaviorSanitizer, under valgrind memcheck,
# the thread-safety test under ThreadSanitizer, and fuzz each harness for a
# short bounded time (MLM_FUZZ_SECONDS, default 20 per harness; 0 skips).
# The ABI check (scripts/abi-check.sh) fails on an incompatible change to the
# public ABI.
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

echo "== public ABI against the committed baseline (abi/libmlm.abi) =="
scripts/abi-check.sh build-test

echo "== install, then build an example against the installed package =="
scripts/consume.sh build-test

echo "== build and test (AddressSanitizer + UndefinedBehaviorSanitizer) =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -DCMAKE_BUILD_TYPE=Debug -DMLM_SANITIZE=ON

step() {
  echo "== $1 =="
  step_start=$(date +%s)
}
step_done() {
  echo "   ($(( $(date +%s) - step_start )) s)"
}

step "valgrind memcheck over the test suite (the gcc build above)"
scripts/valgrind.sh build-test
step_done

step "ThreadSanitizer: test_threads, test_url_missing_libcurl (clang)"
if command -v clang >/dev/null 2>&1; then
  rm -rf build-tsan
  CC=clang cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLM_WERROR=ON \
    -DMLM_BUILD_TOOLS=OFF -DMLM_BUILD_EXAMPLES=OFF \
    -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
    >/dev/null
  cmake --build build-tsan -j"$jobs" --target test_threads test_url_missing_libcurl >/dev/null
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build-tsan -R '^(test_threads|test_url_missing_libcurl)$' --output-on-failure
else
  echo "SKIP: clang is not installed"
fi
step_done

step "bounded fuzzing (${MLM_FUZZ_SECONDS:-20} s per harness)"
if [ "${MLM_FUZZ_SECONDS:-20}" -gt 0 ]; then
  scripts/fuzz.sh "${MLM_FUZZ_SECONDS:-20}"
else
  echo "SKIP: MLM_FUZZ_SECONDS=0"
fi
step_done
