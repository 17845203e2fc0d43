#!/bin/sh
# Regenerate the committed ABI baseline (abi/libmlm.abi) from a build.
# Run it deliberately, and commit the result, when:
#   - public functions were ADDED (the check passes, but the baseline should
#     grow so that removing them later is caught), e.g. after merging branches;
#   - an incompatible change was made ON PURPOSE, together with a SONAME bump
#     (0.x: the minor version in CMakeLists.txt; from 1.0: the major).
# Usage: scripts/abi-baseline.sh [BUILD_DIR]   (default: build; it is rebuilt)
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_SHARED_LIBS=ON >/dev/null
fi
cmake --build "$build" --target mlm -j"$(nproc)" >/dev/null
scripts/abi-dump.sh "$build" >abi/libmlm.abi.tmp
mv abi/libmlm.abi.tmp abi/libmlm.abi
echo "abi-baseline.sh: wrote abi/libmlm.abi ($(grep -c '<function-decl' abi/libmlm.abi) functions); commit it"
