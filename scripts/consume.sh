#!/bin/sh
# Install a built tree into a temporary prefix, then build examples/print_model.c
# against the installed package twice, with find_package(mlm) and with
# pkg-config, run both, and require identical output.
# Usage: scripts/consume.sh BUILD_DIR
set -eu
build=${1:?usage: scripts/consume.sh BUILD_DIR}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
example=examples/v1.5.2/valid/tree-species-multi-io.json

cmake -S examples/consumer -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
LD_LIBRARY_PATH="$prefix/lib" "$work/cmake/print_model" "$example" >"$work/out-cmake"

cp -r examples/consumer "$work/pc" && cp examples/print_model.c "$work/print_model.c"
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" make -s -C "$work/pc" -f Makefile.pkgconfig >/dev/null
"$work/pc/print_model" "$example" >"$work/out-pc"

cmp "$work/out-cmake" "$work/out-pc"
grep -q "input" "$work/out-cmake"
echo "consume.sh: print_model built against the installed libmlm with find_package and pkg-config: ok"
