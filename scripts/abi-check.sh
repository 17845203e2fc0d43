#!/bin/sh
# Compare the public ABI of a built libmlm.so with the committed baseline
# (abi/libmlm.abi). Additions pass; an incompatible change (a removed or
# changed function, a changed public type) fails. See docs/API.md.
# Usage: scripts/abi-check.sh BUILD_DIR     exit: 0 compatible, 1 break, 77 no abidiff or no debug information
set -eu
build=${1:?usage: scripts/abi-check.sh BUILD_DIR}
cd "$(dirname "$0")/.."
command -v abidiff >/dev/null 2>&1 || { echo "SKIP: abidiff not found (Debian package abigail-tools)"; exit 77; }
lib=$(readlink -f "$build/src/libmlm.so" 2>/dev/null || true)
if [ -f "$lib" ] && ! readelf -S "$lib" | grep -q '\.debug_info'; then
  echo "SKIP: $lib has no debug information to compare (a Release build; CI checks a RelWithDebInfo one)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/abi-dump.sh "$build" >"$work/current.abi"
set +e
abidiff --no-added-syms --harmless "abi/libmlm.abi" "$work/current.abi" >"$work/report" 2>&1
rc=$?
set -e
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change,
# 8 incompatible ABI change.
if [ $((rc & 3)) -ne 0 ]; then
  cat "$work/report"; echo "abi-check.sh: abidiff failed (status $rc)"; exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
  cat "$work/report"
  echo "abi-check.sh: INCOMPATIBLE ABI change against abi/libmlm.abi (above)."
  echo "  Keep the old functions and types, or, if the break is deliberate, bump the SONAME"
  echo "  (CMakeLists.txt project VERSION minor before 1.0) and run scripts/abi-baseline.sh."
  exit 1
fi
added=$(abidiff "abi/libmlm.abi" "$work/current.abi" 2>/dev/null | grep -c "^  \[A\]" || true)
if [ $((rc & 4)) -ne 0 ] || [ "$added" -gt 0 ]; then
  echo "abi-check.sh: compatible ($added addition(s)); run scripts/abi-baseline.sh to record them"
else
  echo "abi-check.sh: the public ABI matches abi/libmlm.abi"
fi
