#!/bin/sh
# How many real-shaped invalid documents `mlm-validate --fix` makes valid
# (issue 19): the wild corpus, the examples' invalid documents and the rule
# fixtures, copied to a temporary folder and fixed there.
#   scripts/fix-coverage.sh [MLM_VALIDATE]   (default build/tools/mlm-validate/mlm-validate)
set -u
V=${1:-build/tools/mlm-validate/mlm-validate}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for set in tests/wild/docs examples/*/invalid tests/rules/fixtures; do
  [ -d "$root/$set" ] || continue
  find "$root/$set" -name '*.json' | sort
done >"$tmp/list"
invalid=0 fixed=0 changed=0 fixes=0
# The rules whose diagnostics carry a fix somewhere in the corpora.
while read -r f; do "$V" --no-config --format json "$f" 2>/dev/null; done <"$tmp/list" |
  python3 -c '
import json, sys
safe, unsafe = set(), set()
for line in sys.stdin:
    try:
        doc = json.loads(line)
    except ValueError:
        continue
    for d in doc.get("diagnostics", []):
        if "fix" in d:
            (safe if d["fix"]["safe"] else unsafe).add(d["rule"])
print("rules with a safe fix: %d (%s)" % (len(safe), " ".join(sorted(safe))))
print("rules with an unsafe fix only: %d (%s)" % (len(unsafe - safe), " ".join(sorted(unsafe - safe))))
'
while read -r f; do
  "$V" -q --no-config "$f" >/dev/null 2>&1; [ $? -eq 1 ] || continue
  invalid=$((invalid + 1))
  cp "$f" "$tmp/doc.json"
  "$V" --fix --no-config --format json "$tmp/doc.json" >"$tmp/out" 2>/dev/null; rc=$?
  n=$(grep -o '"fixed":[0-9]*' "$tmp/out" | head -1 | cut -d: -f2)
  [ "${n:-0}" -gt 0 ] && { changed=$((changed + 1)); fixes=$((fixes + n)); }
  if [ $rc -eq 0 ]; then fixed=$((fixed + 1)); echo "valid after --fix: ${f#$root/}"; fi
done <"$tmp/list"
echo "invalid documents: $invalid; changed by --fix: $changed ($fixes fixes); valid after --fix: $fixed"
