#!/bin/sh
# include_cycles.py must report a cycle it is shown (exit 1, the chain named)
# and accept the same tree once the cycle is broken (exit 0).
# Usage: include_cycles_detects.sh PYTHON SCRIPT
py=$1 script=$2
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/src/sub" "$d/tools/t" "$d/include/mlm"
printf '#include "b.h"\n' > "$d/src/a.h"
printf '#include "sub/c.h"\n#include <stdio.h>\n' > "$d/src/b.h"
printf '#include "a.h"\n' > "$d/src/sub/c.h"
printf '#include "mlm/x.h"\n#include "missing.h"\n' > "$d/tools/t/main.c"
printf '/* public */\n' > "$d/include/mlm/x.h"
out=$("$py" "$script" "$d"); rc=$?
echo "$out"
[ "$rc" = 1 ] || { echo "FAIL: expected exit 1 for a cycle, got $rc"; exit 1; }
echo "$out" | grep -q 'src/a.h -> src/b.h -> src/sub/c.h -> src/a.h' ||
    { echo "FAIL: the chain is not named"; exit 1; }
printf '/* no include */\n' > "$d/src/sub/c.h"
"$py" "$script" "$d" || { echo "FAIL: a tree without a cycle was refused"; exit 1; }
echo "PASS"
