#!/bin/sh
# file_cycles.py must report a circle between two objects it is shown (exit
# 1, the chain named) and accept the same group once the circle is broken.
# Usage: file_cycles_detects.sh PYTHON SCRIPT CC NM
py=$1 script=$2 cc=$3 nm=$4
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/g"
printf 'int b(void);\nint a(void) { return b(); }\n' > "$d/a.c"
printf 'int a(void);\nint b(void) { return 1; }\nint c(void) { return a(); }\n' > "$d/b.c"
"$cc" -c "$d/a.c" -o "$d/g/a.o" && "$cc" -c "$d/b.c" -o "$d/g/b.o" || exit 1
out=$("$py" "$script" "$nm" "$d/g"); rc=$?
echo "$out"
[ "$rc" = 1 ] || { echo "FAIL: expected exit 1 for a circle, got $rc"; exit 1; }
echo "$out" | grep -q 'a -> b -> a' || { echo "FAIL: the chain is not named"; exit 1; }
printf 'int b(void) { return 1; }\n' > "$d/b.c"
"$cc" -c "$d/b.c" -o "$d/g/b.o" || exit 1
"$py" "$script" "$nm" "$d/g" || { echo "FAIL: a group without a circle was refused"; exit 1; }
echo "PASS"
