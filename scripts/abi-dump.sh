#!/bin/sh
# Write the public ABI of a built libmlm.so as libabigail XML on stdout.
# Only types declared in the installed headers count (include/ and the
# generated mlm_export.h / mlm_version.h), so internal structs may change.
# Usage: scripts/abi-dump.sh BUILD_DIR
set -eu
build=${1:?usage: scripts/abi-dump.sh BUILD_DIR}
cd "$(dirname "$0")/.."
# The library the build links (libmlm.so -> the current SONAME -> the file), not
# whichever versioned file sorts first: a build dir may keep an older one.
lib=$(readlink -f "$build/src/libmlm.so" 2>/dev/null || true)
[ -f "$lib" ] || lib=
[ -n "$lib" ] || { echo "abi-dump.sh: no shared libmlm in $build/src (configure with BUILD_SHARED_LIBS=ON)" >&2; exit 2; }
command -v abidw >/dev/null 2>&1 || { echo "abi-dump.sh: abidw not found (Debian package abigail-tools)" >&2; exit 77; }
# abidw reads types from DWARF: a build without debug information would give
# an empty ABI that every change passes.
if ! readelf -S "$lib" | grep -q '\.debug_info'; then
  echo "abi-dump.sh: $lib has no debug information (build with -g, e.g. CMAKE_BUILD_TYPE=RelWithDebInfo)" >&2
  exit 2
fi
exec abidw --headers-dir include --headers-dir "$build/include" --drop-private-types \
  --no-corpus-path --no-comp-dir-path --short-locs --no-architecture --type-id-style hash "$lib"
