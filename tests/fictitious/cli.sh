#!/bin/sh
# mlm-validate built on the fictitious-release copy of libmlm (see
# CMakeLists.txt here): its version listing, --explain and the validation
# of a 1.6.0 document know the release added through the facts table.
# Usage: cli.sh MLM_VALIDATE_FICTITIOUS SOURCE_DIR
tool=$1 here=$2
fail() { echo "FAIL: $*"; exit 1; }
"$tool" --version | grep -q '1\.5\.2, 1\.6\.0' || fail "--version does not list 1.6.0"
"$tool" --help | grep -q 'Supported MLM versions: .*1\.6\.0' || fail "--help does not list 1.6.0"
"$tool" --explain MLM001 | grep -q 'mlm/v1\.6\.0/schema\.json' || fail "--explain does not show 1.6.0"
"$tool" --mlm-version 1.6.0 "$here/item_1_6_0.json" >/dev/null ||
    fail "--mlm-version 1.6.0 was refused, or the valid 1.6.0 Item failed"
"$tool" "$here/item_1_6_0.json" || fail "a valid 1.6.0 Item failed"
out=$("$tool" --mlm-version 1.5.2 "$here/item_1_6_0.json") && fail "1.5.2 accepted mlm:training_epochs"
echo "$out" | grep -q 'MLM107' || fail "1.5.2 did not name mlm:training_epochs as unknown: $out"
echo "PASS"
