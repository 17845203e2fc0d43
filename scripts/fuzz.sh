#!/bin/sh
# Short, bounded fuzzing of every libFuzzer harness (CI), or a long run.
# Usage: scripts/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...]
#   default: 20 seconds each for document, locator, schema, fetch, uri, config, migrate,
#   layout, pages, serve and lsp.
# Builds the harnesses with clang (-fsanitize=fuzzer,address,undefined, the
# library instrumented too) in build-fuzz/, starts each from a copy of its
# committed corpus (fuzz/corpus/<name>, never modified here), and fails when
# a harness finds a crash, a leak, a timeout (10 s per input) or an
# out-of-memory (2 GB). A reproducer is left in build-fuzz/run/<name>/;
# add it to fuzz/corpus/<name>/ with the fix, so the replay ctests keep it.
# Skips (exit 0, with a message) when clang or libFuzzer is not available.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
[ $# -gt 0 ] && shift
# every harness has a corpus folder: the list is that of fuzz/corpus/
harnesses=${*:-$(ls fuzz/corpus)}
build=build-fuzz

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz.sh: SKIP: clang is not installed (Debian: clang, libclang-rt-dev)"
  exit 0
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
if ! clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
  echo "fuzz.sh: SKIP: clang cannot link libFuzzer here (Debian: libclang-rt-dev)"
  exit 0
fi

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLM_BUILD_FUZZERS=ON \
  -DMLM_SANITIZE=ON -DMLM_BUILD_TESTS=OFF -DMLM_BUILD_TOOLS=OFF -DMLM_BUILD_EXAMPLES=OFF \
  -DMLM_WERROR=ON >/dev/null
targets=""
for h in $harnesses; do targets="$targets fuzz_$h"; done
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc)" --target $targets >/dev/null

failed=""
for h in $harnesses; do
  run=$build/run/$h
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/artifacts"
  cp fuzz/corpus/"$h"/* "$run/corpus/"
  log=$run/fuzz.log
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$build/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$run/artifacts/" \
       "$run/corpus" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p')
    echo "fuzz.sh: $h: ${runs:-?} inputs in $seconds s, $cov, no finding"
  else
    echo "fuzz.sh: $h: FINDING (log: $log)"
    grep -E "ERROR|SUMMARY|Test unit written|deadly signal|timeout|out-of-memory" "$log" | head -8
    failed="$failed $h"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz.sh: findings in:$failed" >&2
  exit 1
fi
