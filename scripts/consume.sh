#!/bin/sh
# Install a built tree into a temporary prefix, then build the examples
# (print_model.c, write_item.c, write_item.cpp, and the C++17 list_models.cpp
# and edit_item.cpp) against the installed package
# twice, with find_package(mlm) and with pkg-config, and require: identical
# output of both builds; Items from write_item* that the INSTALLED
# mlm-validate accepts with no error and no warning (run without
# LD_LIBRARY_PATH: it finds libmlm through its install RPATH); the man page
# and the documentation installed.
# Usage: scripts/consume.sh BUILD_DIR
set -eu
build=${1:?usage: scripts/consume.sh BUILD_DIR}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
example=examples/v1.5.2/valid/tree-species-multi-io.json
libdir=$(ls -d "$prefix"/lib* | head -n 1)

cmake -S examples/consumer -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cmake/print_model" "$example" >"$work/out-cmake"

mkdir -p "$work/src"
cp -r examples/consumer "$work/src/pc"
cp examples/print_model.c examples/write_item.c examples/write_item.cpp \
   examples/list_models.cpp examples/edit_item.cpp "$work/src/"
PKG_CONFIG_PATH="$libdir/pkgconfig" make -s -C "$work/src/pc" -f Makefile.pkgconfig >/dev/null
"$work/src/pc/print_model" "$example" >"$work/out-pc"
cmp "$work/out-cmake" "$work/out-pc"
grep -q "input" "$work/out-cmake"

validate=$prefix/bin/mlm-validate
if [ -x "$validate" ]; then
  # No LD_LIBRARY_PATH: the install RPATH must find libmlm.
  env -u LD_LIBRARY_PATH "$validate" --version >/dev/null
  for prog in "$work/src/pc/write_item" "$work/src/pc/write_item_cpp" \
              "$work/cmake/write_item" "$work/cmake/write_item_cpp"; do
    [ -x "$prog" ] || continue
    if [ "${prog#"$work/cmake"}" != "$prog" ]; then
      LD_LIBRARY_PATH="$libdir" "$prog" >"$work/item.json" 2>/dev/null
    else
      "$prog" >"$work/item.json" 2>/dev/null
    fi
    env -u LD_LIBRARY_PATH "$validate" "$work/item.json" >"$work/verdict"
    grep -q "1 valid, 0 invalid, 0 unreadable; 0 errors, 0 warnings" "$work/verdict" ||
      { cat "$work/verdict"; echo "consume.sh: $prog wrote an Item the validator rejects"; exit 1; }
  done
  test -f "$prefix/share/man/man1/mlm-validate.1" ||
    { echo "consume.sh: the man page is not installed"; exit 1; }
fi
# The C++17 face: mlm/mlm.hpp installed, list_models and edit_item built with
# -Wall -Wextra -Wold-style-cast -Werror both ways, and run from the prefix.
test -f "$prefix/include/mlm/mlm.hpp" || { echo "consume.sh: mlm/mlm.hpp is not installed"; exit 1; }
n_models=$(find examples/v1.5.2/valid -name '*.json' | wc -l)
for prog in "$work/cmake/list_models" "$work/src/pc/list_models"; do
  [ -x "$prog" ] || { echo "consume.sh: $prog was not built"; exit 1; }
  LD_LIBRARY_PATH="$libdir" "$prog" examples/v1.5.2/valid >"$work/models"
  grep -q "^$n_models models$" "$work/models" || { cat "$work/models"; echo "consume.sh: $prog"; exit 1; }
done
for prog in "$work/cmake/edit_item" "$work/src/pc/edit_item"; do
  [ -x "$prog" ] || { echo "consume.sh: $prog was not built"; exit 1; }
  LD_LIBRARY_PATH="$libdir" "$prog" "$example" >"$work/edited.json" 2>/dev/null ||
    { echo "consume.sh: $prog failed"; exit 1; }
  grep -q '"unlabelled"' "$work/edited.json" || { echo "consume.sh: $prog did not edit"; exit 1; }
done
test -f "$prefix/share/doc/libmlm/API.md" ||
  { echo "consume.sh: docs/API.md is not installed"; exit 1; }
echo "consume.sh: examples built against the installed libmlm with find_package and pkg-config, write_item Items valid, mlm-validate runs from the prefix: ok"
