#!/bin/sh
# Quick start 1: install what is missing, build, and validate the bundled
# examples. Valid examples must pass (exit 0) and invalid ones must fail
# (exit 1), and the Item examples/write_item builds must pass; the script
# exits non-zero if any expectation is broken.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMLM_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
V=build/tools/mlm-validate/mlm-validate

status=0
valid=$(find examples -path '*/valid/*.json' | sort)
invalid=$(find examples -path '*/invalid/*.json' | sort)
echo "== valid examples (expect: valid) =="
# shellcheck disable=SC2086
$V $valid || { echo "examples.sh: a valid example was rejected" >&2; status=1; }
echo
echo "== invalid examples (expect: errors) =="
for f in $invalid; do
  if $V "$f"; then
    echo "examples.sh: $f was accepted but should be invalid" >&2
    status=1
  fi
done
echo
echo "== an Item built from scratch by examples/write_item (expect: valid) =="
if build/examples/write_item >build/write_item.json 2>/dev/null; then
  $V build/write_item.json || { echo "examples.sh: the Item written by write_item was rejected" >&2; status=1; }
else
  echo "examples.sh: examples/write_item failed" >&2
  status=1
fi
exit $status
