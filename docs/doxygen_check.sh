#!/bin/sh
# API documentation check: run doxygen over the public headers and fail when
# a public function is undocumented or a comment is malformed (other
# warnings, such as undocumented struct members, are listed, not fatal).
# usage: doxygen_check.sh DOXYGEN SOURCE_DIR OUTPUT_DIR    (exit 77 without doxygen)
set -u
doxygen=$1 src=$2 out=$3
if [ -z "$doxygen" ] || ! command -v "$doxygen" >/dev/null 2>&1; then
  echo "SKIP: doxygen is not installed (Debian package doxygen)"; exit 77
fi
mkdir -p "$out"
cd "$src" || exit 1
{ cat docs/Doxyfile; echo "OUTPUT_DIRECTORY = $out"; } >"$out/Doxyfile"
"$doxygen" "$out/Doxyfile" >"$out/log" 2>"$out/warnings" || { cat "$out/warnings"; exit 1; }
fatal=$(grep -E "\((function|typedef|enumeration|macro definition)\) of file .* is not documented|unknown command|unable to resolve|end of file while inside|unbalanced" "$out/warnings")
others=$(grep -c "warning:" "$out/warnings")
if [ -n "$fatal" ]; then
  echo "$fatal"; echo "doxygen_check: public declarations without documentation (above)"; exit 1
fi
[ -f "$out/html/index.html" ] || { echo "doxygen_check: no html/index.html"; exit 1; }
echo "doxygen_check: every public function, type and macro is documented ($others other warnings, e.g. struct members); html in $out/html"
