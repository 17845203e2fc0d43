#!/bin/sh
# One mlm-validate case: cli_test.sh CASE MLM_VALIDATE CLI_JSON_CHECK FIXTURES SCHEMAS
# Each case checks the exit code and the words of the output that a user
# (or a CI parser) relies on.
set -u
case_name=$1 V=$2 CHECK=$3 F=$4 SCHEMAS=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err

fail() { echo "FAIL [$case_name]: $*"; echo "--- stdout"; cat "$out"; echo "--- stderr"; cat "$err"; exit 1; }
run() { "$V" "$@" >"$out" 2>"$err"; rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1"; }
expect_out() { grep -q -- "$1" "$out" || fail "stdout lacks: $1"; }
expect_err() { grep -q -- "$1" "$err" || fail "stderr lacks: $1"; }

case $case_name in
help)
  run --help; expect_rc 0; expect_out "Usage: mlm-validate"; expect_out "Exit status"
  expect_out "--mlm-version" ;;
version)
  run --version; expect_rc 0; expect_out "^mlm-validate [0-9]"; expect_out "1.5.2" ;;
usage)
  run --no-such-option "$F/valid.json"; expect_rc 2; expect_err "unknown option"
  run --format yaml "$F/valid.json"; expect_rc 2; expect_err "unknown format"
  run --mlm-version 9.9 "$F/valid.json"; expect_rc 2; expect_err "supported"
  run --max-filesize; expect_rc 2; expect_err "needs an argument" ;;
missing)
  run "$F/does-not-exist.json" "$F/valid.json"; expect_rc 3
  expect_out "does-not-exist.json: error\[IO\]: cannot open"
  expect_out "1 valid, 0 invalid, 1 unreadable" ;;
malformed)
  run "$F/malformed.json"; expect_rc 3; expect_out "malformed.json:3:[0-9]*: error\[JSON\]" ;;
not_object)
  run "$F/not_object.json"; expect_rc 3; expect_out "error\[NOT-OBJECT\]" ;;
valid)
  run "$F/valid.json"; expect_rc 0; expect_out "1 document checked: 1 valid" ;;
invalid)
  run "$F/invalid.json" "$F/valid.json"; expect_rc 1
  expect_out "invalid.json:[0-9]*:[0-9]*: error\[MLM102\]: .*semantic segmentation"
  expect_out "semantic-segmentation"
  expect_out "(at /properties/mlm:tasks/0)"
  expect_out "1 valid, 1 invalid" ;;
strict)
  run "$F/warning.json"; expect_rc 0; expect_out "warning\["
  run --strict "$F/warning.json"; expect_rc 1
  run --strict --no-warnings "$F/warning.json"; expect_rc 0 ;;
quiet)
  run --quiet "$F/warning.json" "$F/invalid.json"; expect_rc 1
  grep -q "warning\[" "$out" && fail "--quiet printed a warning"
  grep -q "checked" "$out" && fail "--quiet printed the summary"
  expect_out "error\[MLM102\]" ;;
json_report)
  run --format json "$F/valid.json" "$F/invalid.json" "$F/warning.json" "$F/malformed.json"
  expect_rc 3
  [ "$(wc -l <"$out")" -eq 4 ] || fail "expected 4 JSON lines"
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "JSON report does not match schemas/mlm-validate-report.schema.json"; }
  expect_out '"rule":"MLM102"'
  expect_out '"load_error":{"code":"JSON"' ;;
stdin)
  "$V" - <"$F/invalid.json" >"$out" 2>"$err"; rc=$?; expect_rc 1; expect_out "^<stdin>:"
  "$V" <"$F/valid.json" >"$out" 2>"$err"; rc=$?; expect_rc 0 ;;
directory)
  mkdir -p "$tmp/tree/sub" "$tmp/tree/.hidden"
  cp "$F/valid.json" "$tmp/tree/a.json"; cp "$F/invalid.json" "$tmp/tree/sub/b.json"
  cp "$F/invalid.json" "$tmp/tree/.hidden/c.json"; echo "not json" >"$tmp/tree/notes.txt"
  ln -s .. "$tmp/tree/sub/loop"
  if command -v mkfifo >/dev/null 2>&1; then mkfifo "$tmp/tree/pipe.json"; fi
  run "$tmp/tree"; expect_rc 1
  expect_out "2 documents checked: 1 valid, 1 invalid"
  expect_out "sub/b.json:"
  grep -q "c.json" "$out" && fail "hidden folders must be skipped"
  [ -p "$tmp/tree/pipe.json" ] && expect_err "pipe.json: skipped: not a regular file"
  expect_err "loop: skipped: directory loop" ;;
explain)
  run --explain MLM101; expect_rc 0; expect_out "wrong-type"; expect_out "Invalid:"
  run --explain not-a-rule; expect_rc 2
  run --list-rules; expect_rc 0; expect_out "^MLM001" ;;
mlm_version)
  # Forcing a version that does not match the fields makes them wrong.
  run --mlm-version draft "$F/valid.json"; expect_rc 1
  run --mlm-version 1.5.2 "$F/valid.json"; expect_rc 0 ;;
too_large)
  run --max-filesize 100 "$F/valid.json"; expect_rc 3; expect_out "error\[TOO-LARGE\]"
  if [ -e /dev/zero ]; then
    run --max-filesize 1000 /dev/zero; expect_rc 3; expect_out "error\[TOO-LARGE\]"
  fi ;;
full)
  TS="$F/../../schemas"
  run --schema-dir "$TS" --offline --no-cache "$F/valid.json"; expect_rc 0
  sed 's/"id": "crop-mapper-unet"/"id": 7/' "$F/valid.json" >"$tmp/bad-id.json"
  run --schema-dir "$TS" --offline --no-cache "$tmp/bad-id.json"; expect_rc 1
  expect_out "error\[MLM010\]: .*schemas.stacspec.org/v1.0.0/item-spec"
  run --schema-dir "$TS" --offline --no-cache --no-core "$tmp/bad-id.json"; expect_rc 0
  # Without the schema folder, offline: the core schema cannot be resolved.
  run --offline --no-cache "$F/valid.json"; expect_rc 3
  expect_out "error\[SCHEMA\]: .*https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json"
  expect_out "offline"
  # A URL=PATH mapping stands in for a folder.
  run --offline --no-cache --no-extensions \
      --schema-map "https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json=$TS/schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json" \
      "$tmp/bad-id.json"; expect_rc 1; expect_out "MLM010"
  run --schema-dir /nonexistent "$F/valid.json"; expect_rc 2 ;;
custom_schema)
  printf '{"type": "object", "required": ["id"]}' >"$tmp/s.json"
  printf '[1, 2]' >"$tmp/arr.json"
  run --schema "$tmp/s.json" "$F/valid.json"; expect_rc 0
  run --schema "$tmp/s.json" "$tmp/arr.json"; expect_rc 1; expect_out "error\[MLM015\]"
  printf '{"type": ' >"$tmp/broken.json"
  run --schema "$tmp/broken.json" "$F/valid.json"; expect_rc 3 ;;
cache)
  # A schema found through a mapping is not cached; a folder is used as is.
  run --schema-dir "$F/../../schemas" --offline --cache-dir "$tmp/cache" "$F/valid.json"
  expect_rc 0 ;;
ndjson)
  run --ndjson "$F/stream.ndjson"; expect_rc 3
  expect_out "4 documents checked: 2 valid, 1 invalid, 1 unreadable"
  expect_out "stream.ndjson:3:[0-9]*: error\[MLM102\]"
  expect_out "stream.ndjson:4:[0-9]*: error\[JSON\]"
  "$V" --ndjson - <"$F/stream.ndjson" >"$out" 2>"$err"; rc=$?; expect_rc 3
  expect_out "^<stdin>:3:"
  run --ndjson --format json "$F/stream.ndjson"
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "NDJSON report does not match the report schema"; }
  expect_out '"line":3' ;;
feature_collection)
  run "$F/collection-of-items.json"; expect_rc 1
  expect_out "2 documents checked: 1 valid, 1 invalid"
  expect_out "collection-of-items.json:[0-9]*:[0-9]*: error\[MLM102\].*(at /features/1/properties/mlm:tasks/0)"
  run --format json "$F/collection-of-items.json"
  expect_out '"pointer":"/features/1"'
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "report does not match the report schema"; } ;;
jobs_order)
  # Output is in input order whatever the number of threads.
  for k in 1 2 3 4 5 6 7 8; do
    cp "$F/valid.json" "$tmp/a$k.json"; cp "$F/invalid.json" "$tmp/b$k.json"; cp "$F/malformed.json" "$tmp/c$k.json"
  done
  "$V" -j1 "$tmp" >"$tmp/one" 2>&1; rc1=$?
  "$V" -j4 "$tmp" >"$tmp/four" 2>&1; rc4=$?
  [ "$rc1" -eq 3 ] && [ "$rc4" -eq 3 ] || fail "exit codes $rc1 / $rc4, expected 3"
  cmp -s "$tmp/one" "$tmp/four" || { diff "$tmp/one" "$tmp/four" | head; fail "-j4 output differs from -j1"; }
  "$V" --ndjson -j3 "$F/stream.ndjson" >"$tmp/n3" 2>&1; "$V" --ndjson -j1 "$F/stream.ndjson" >"$tmp/n1" 2>&1
  cmp -s "$tmp/n1" "$tmp/n3" || fail "NDJSON order differs with -j3"
  run -j 0 "$F/valid.json"; expect_rc 2 ;;
*)
  echo "unknown case $case_name"; exit 2 ;;
esac
echo "ok [$case_name]"
