#!/bin/sh
# valgrind memcheck over the ctest suite of an existing (non-sanitizer) build:
# zero errors and zero definite or indirect leaks, or the run fails.
# Usage: scripts/valgrind.sh BUILD_DIR [extra ctest arguments]
#
# Every test program runs under valgrind, and so does every program a test
# starts (the CLI under the shell-script tests, the children of the
# hardening tests), except system tools (sh, grep, python3, ...).
#
# Left out: the `conformance` label. Those tests run the CLI once per
# mutant and example document (thousands of runs, 5-15 minutes natively),
# hours under valgrind; the same code runs under valgrind in the rules, cli,
# url and fuzz-replay tests, and under AddressSanitizer in the full suite.
#
# Under valgrind the hardening inputs shrink 100-fold with their time and
# memory bounds lifted (MLM_HARDENING_SLOW=1): valgrind is here for memory
# errors, the bounds are checked in the other runs. The allocation-failure
# loops still try every failure point.
set -eu
build=${1:?usage: scripts/valgrind.sh BUILD_DIR [ctest arguments]}
shift
command -v valgrind >/dev/null 2>&1 || { echo "valgrind.sh: valgrind is not installed" >&2; exit 1; }
cd "$(dirname "$0")/.."
jobs=$(nproc)

opts="--tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect"
opts="$opts --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
opts="$opts --track-origins=no --num-callers=30 --trace-children=yes"
opts="$opts --trace-children-skip=/bin/*,/usr/bin/*,/usr/sbin/*,/sbin/*,*python*"
opts="$opts --suppressions=$(pwd)/scripts/valgrind.supp"

rm -rf "$build/Testing/Temporary"/MemoryChecker.* 2>/dev/null || true
status=0
MLM_HARDENING_SLOW=1 \
  ctest --test-dir "$build" -T memcheck -j"$jobs" -LE conformance \
    --overwrite MemoryCheckCommand="$(command -v valgrind)" \
    --overwrite MemoryCheckCommandOptions="$opts" \
    --output-on-failure "$@" || status=$?

# ctest counts defects from the logs; say what they were.
logs=$(ls "$build"/Testing/Temporary/MemoryChecker.*.log 2>/dev/null || true)
bad=""
for log in $logs; do
  if grep -Eq "ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]" "$log"; then
    bad="$bad $log"
  fi
done
if [ -n "$bad" ]; then
  for log in $bad; do
    echo "== $log"
    grep -E "^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|Source and|Argument|.*definitely lost|.*indirectly lost|ERROR SUMMARY|Command:)" "$log" | head -20
  done
  echo "valgrind.sh: memory errors or leaks in:$bad" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "valgrind.sh: tests failed under valgrind" >&2
  exit "$status"
fi
echo "valgrind.sh: $(echo "$logs" | wc -w) programs checked: no errors, no definite or indirect leaks"
