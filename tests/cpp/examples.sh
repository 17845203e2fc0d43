#!/bin/sh
# list_models and edit_item (the C++17 face) on the project's examples:
# list_models finds every model below a directory, with inputs, outputs and
# assets, and says which input it cannot read; edit_item writes an Item that
# mlm-validate accepts, with its edits in it.
# Usage: examples.sh LIST_MODELS EDIT_ITEM MLM_VALIDATE SOURCE_DIR
set -u
list=$1 edit=$2 validate=$3 src=$4
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

dir=$src/examples/v1.5.2/valid
"$list" "$dir" >"$work/list" 2>"$work/err" || { cat "$work/err"; fail "list_models exited $?"; }
n=$(find "$dir" -name '*.json' | wc -l)
grep -q "^$n models\$" "$work/list" || { cat "$work/list"; fail "expected $n models"; }
for f in $(find "$dir" -name '*.json' | sort); do
  grep -q "^$f: " "$work/list" || fail "$f is not listed"
done
grep -q '^  input 0 "' "$work/list" || fail "no input listed"
grep -q '^  output 0 "' "$work/list" || fail "no output listed"
grep -q '^  asset "' "$work/list" || fail "no asset listed"
grep -q 'mlm:artifact_type=' "$work/list" || fail "no mlm: field of an asset listed"
grep -q ', shape \[' "$work/list" || fail "no input shape listed"

# An unreadable input: exit 1, named on standard error, the others still listed.
"$list" "$work/missing.json" "$dir/tree-species-multi-io.json" >"$work/list2" 2>"$work/err2"
[ $? = 1 ] || fail "list_models should exit 1 for an unreadable input"
grep -q "missing.json: cannot open" "$work/err2" || { cat "$work/err2"; fail "no message"; }
grep -q "^1 model\$" "$work/list2" || fail "the readable input was not listed"

item=$dir/tree-species-multi-io.json
"$edit" "$item" >"$work/edited.json" 2>"$work/edit-err" ||
  { cat "$work/edit-err"; fail "edit_item exited $?"; }
grep -q '"unlabelled"' "$work/edited.json" || fail "the class was not added"
grep -q 'model-card.html' "$work/edited.json" || fail "the asset was not added"
grep -q '"mlm:framework_version": "2.5.1"' "$work/edited.json" || fail "framework_version not set"
"$validate" "$work/edited.json" >"$work/verdict" 2>&1
grep -q "1 valid, 0 invalid, 0 unreadable; 0 errors" "$work/verdict" ||
  { cat "$work/verdict"; fail "the edited Item is not valid"; }
echo "PASS: list_models listed $n models; edit_item wrote a valid Item"
