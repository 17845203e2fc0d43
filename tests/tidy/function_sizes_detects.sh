#!/bin/sh
# function_sizes.py must refuse a function over the limit (exit 1, named)
# and accept the same tree once it is cut (exit 0).
# Usage: function_sizes_detects.sh PYTHON SCRIPT
py=$1 script=$2
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/src"
{
  printf 'static int long_one(int x)\n{\n'
  i=0; while [ $i -lt 160 ]; do printf '    x += %d;\n' $i; i=$((i+1)); done
  printf '    return x;\n}\n\nint short_one(void) { return 0; }\n'
} > "$d/src/a.c"
out=$("$py" "$script" "$d"); rc=$?
echo "$out"
[ "$rc" = 1 ] || { echo "FAIL: expected exit 1 for a 163-line function, got $rc"; exit 1; }
echo "$out" | grep -q 'src/a.c:2: long_one has 163 lines' || { echo "FAIL: not named"; exit 1; }
printf 'static int long_one(int x)\n{\n    return x;\n}\n' > "$d/src/a.c"
"$py" "$script" "$d" || { echo "FAIL: a short function was refused"; exit 1; }
echo "PASS"
