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
parse_words)
  # issue 17.5: a JSON syntax error in words, at the fault, with its line and a caret
  pw() { # file-content expected-line:col expected-words
    printf '%b' "$1" >"$tmp/p.json"; run "$tmp/p.json"; expect_rc 3
    expect_out "p.json:$2: error\[\(JSON\|ENCODING\)\]: $3"
  }
  pw '{\n  "id": "x",\n}\n' 2:12 "trailing comma before '}'"
  expect_out '^    2 |   "id": "x",$'; expect_out '^      |            \^$'
  pw '[1, 2,\n]' 1:6 "trailing comma before ']'"
  pw '{\n  "type": "Feature"\n  "id": "x"\n}' 2:20 "missing ',' between two members of an object"
  pw '[1 2]' 1:3 "missing ',' between two items of an array"
  pw '{"id": "abc\n}' 1:8 "unterminated string: the line ends"
  pw '{"id": "abc' 1:8 "unterminated string: the input ends"
  pw '{"a": [1, 2' 1:12 "unexpected end of input: an array is not closed"
  pw '{"a": 1' 1:8 "unexpected end of input: an object is not closed"
  pw '' 1:1 "the input is empty"
  # columns count characters (the two bytes of the e-acute are one): 0xFF is the 13th
  pw '{"id": "caf\0303\0251\0377"}' 1:13 "invalid UTF-8: byte 0xFF"
  pw '{"id": "a", "id": "b"}' 1:13 'duplicate key "id"'
  pw '{"id": "a\tb"}' 1:10 "control character U+0009 in a string"
  pw "{'id': 'x'}" 1:2 "single quotes are not JSON"
  pw '{"id": "x"} // note' 1:13 "comments are not JSON"
  pw '{/* c */ "id": "x"}' 1:2 "comments are not JSON"
  pw '{"v": NaN}' 1:7 "NaN is not a JSON number"
  pw '{"v": -Infinity}' 1:7 "-Infinity is not a JSON number"
  pw '{"v": 007}' 1:7 "leading zeros are not allowed"
  pw '{"v": .5}' 1:7 "a JSON number cannot start with '.'"
  pw '{"v": 1.}' 1:7 "a JSON number cannot end with '.'"
  pw '{"v": True}' 1:7 "unknown word True: the JSON literals are true, false and null"
  pw '{id: "x"}' 1:2 'object keys must be strings in double quotes: write "id"'
  pw '{"a": [1, 2}' 1:12 "mismatched brackets: '}' where the array needs ']'"
  pw '{"a": 1}{"b": 2}' 1:9 "unexpected text after the end of the JSON value"
  pw '{"a" 1}' 1:6 "missing ':' between a key and its value"
  pw '{"a": "\\q"}' 1:8 "invalid escape in a string"
  pw '{"a": [1,,2]}' 1:10 "a value is missing before this ','"
  # neighbours that are fine stay fine: a comma inside a string, a zero, an escaped quote
  printf '{"type": "Feature,", "n": 0, "s": "a\\"b", "x": -0.5e3}' >"$tmp/ok.json"
  run "$tmp/ok.json"; expect_rc 1; expect_out "error\[MLM008\]"
  # every format carries the words and the place
  printf '{\n  "id": "x",\n}\n' >"$tmp/p.json"
  run --format json "$tmp/p.json"; expect_out '"message":"trailing comma before'
  expect_out '"line":2,"column":12'
  run --format github "$tmp/p.json"; expect_out "line=2,col=12,title=JSON::trailing comma before"
  run --format sarif "$tmp/p.json"; expect_out "trailing comma before"
  run --format junit "$tmp/p.json"; expect_out "trailing comma before"
  run --no-snippet "$tmp/p.json"; grep -q '\^' "$out" && fail "--no-snippet printed a caret"
  true ;;
meant_branch)
  # issue 17.2: a failing oneOf is explained by the branch the document meant
  cat >"$tmp/s.json" <<'EOS'
{"oneOf": [
  {"properties": {"type": {"const": "Feature"}}, "required": ["properties"],
   "oneOf": [
     {"required": ["geometry", "bbox"], "properties": {"geometry": {"type": "object"}}},
     {"required": ["geometry"], "properties": {"geometry": {"type": "null"}, "bbox": {"not": {}}}}]},
  {"properties": {"type": {"const": "Collection"}, "extent": {"type": "object",
   "required": ["spatial", "temporal", "deep"]}}, "required": ["extent"]}]}
EOS
  printf '{"type": "Feature", "properties": {}, "geometry": {"type": "Point"}}' >"$tmp/i.json"
  run --schema "$tmp/s.json" "$tmp/i.json"; expect_rc 1
  expect_out 'its "type" "Feature" selects oneOf/0, which fails'
  expect_out 'its "geometry" (object) selects oneOf/0, which fails: missing required property "bbox"'
  grep -q 'constant "Collection"' "$out" && fail "the Item was told about the Collection branch"
  printf '{"type": "Collection", "extent": {"spatial": 1, "temporal": 2}}' >"$tmp/c.json"
  run --schema "$tmp/s.json" "$tmp/c.json"; expect_rc 1
  expect_out 'its "type" "Collection" selects oneOf/1, which fails: at /extent: missing required property "deep"'
  grep -q 'constant "Feature"' "$out" && fail "the Collection was told about the Feature branch"
  # nothing discriminates: the closest branch, said so
  printf '{"type": "Catalog"}' >"$tmp/k.json"
  run --schema "$tmp/s.json" "$tmp/k.json"; expect_rc 1; expect_out "the closest is oneOf/"
  true ;;
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
  expect_out "^What it checks, and why:"; expect_out "^Valid:"; expect_out "docs/rules.md#mlm101-wrong-type-error"
  awk 'length > 80 && !/^  [{"\[]/ { exit 1 }' "$out" || fail "--explain text is not wrapped"
  run --explain=not-in-enum; expect_rc 0; expect_out "^MLM102 not-in-enum (error)"
  # A summary that starts with a field name keeps it as written (issue 17.6).
  run --explain MLM001; expect_rc 0; expect_out "^  stac_extensions names"
  grep -q "Stac_extensions" "$out" && fail "--explain capitalised a field name"
  run --explain MLM003; expect_rc 0; expect_out "^  The document does not use"
  run --explain not-a-rule; expect_rc 2
  run --list-rules; expect_rc 0; expect_out "^MLM001" ;;
mlm_version)
  # Forcing a version that does not match the fields makes them wrong.
  run --mlm-version draft "$F/valid.json"; expect_rc 1
  run --mlm-version 1.5.2 "$F/valid.json"; expect_rc 0
  # The JSON report says which version the rules assumed, and why (issue 17.6).
  run --format json --mlm-version 1.4.0 "$F/valid.json"
  expect_out '"mlm_version":"1.4.0","mlm_version_origin":"forced"'
  run --format json "$F/valid.json"
  expect_out '"mlm_version":"1.5.2","mlm_version_origin":"declared","mlm_version_reason":"stac_extensions lists its identifier"'
  sed 's#"https://stac-extensions.github.io/mlm/v1.5.2/schema.json"#"http://stac-extensions.github.io/mlm/v1.5.2/schema.json"#' \
    "$F/valid.json" >"$tmp/http.json"
  run --format json "$tmp/http.json"
  expect_out '"mlm_version":"1.5.2","mlm_version_origin":"inferred","mlm_version_reason":"stac_extensions lists a variant of its identifier"'
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "the report does not match the report schema"; }
  grep -v '"mlm:' "$F/valid.json" | grep -q . || fail "fixture"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["stac_extensions"]=[]; json.dump(d,open(sys.argv[2],"w"))' \
    "$F/valid.json" "$tmp/none.json" 2>/dev/null && {
    run --format json "$tmp/none.json"
    expect_out '"mlm_version":"1.5.2","mlm_version_origin":"inferred","mlm_version_reason":"no field has the layout of an older version"'; } ;;
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
  expect_out "error\[MLM012\]: .*https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json"
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
  run --schema "$tmp/broken.json" "$F/valid.json"; expect_rc 3
  # A NUL character in a schema string is legal JSON, and is compared in full.
  printf '{"properties": {"id": {"not": {"const": "a\\u0000b"}}}}' >"$tmp/nul.json"
  printf '{"id": "a\\u0000b"}' >"$tmp/nul-doc.json"
  run --schema "$tmp/nul.json" "$F/valid.json"; expect_rc 0
  run --schema "$tmp/nul.json" "$tmp/nul-doc.json"; expect_rc 1; expect_out "MLM015"
  # The draft-07 metaschema resolves offline, without a copy.
  printf '{"$ref": "http://json-schema.org/draft-07/schema#"}' >"$tmp/meta.json"
  printf '{"type": "object", "minLength": -1}' >"$tmp/bad-schema.json"
  run --schema "$tmp/meta.json" "$tmp/s.json"; expect_rc 0
  run --schema "$tmp/meta.json" "$tmp/bad-schema.json"; expect_rc 1; expect_out "/minLength" ;;
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
  # (the summary's time line is the one that may differ)
  "$V" -j1 "$tmp" >"$tmp/one.raw" 2>&1; rc1=$?
  "$V" -j4 "$tmp" >"$tmp/four.raw" 2>&1; rc4=$?
  grep -v "^  time: " "$tmp/one.raw" >"$tmp/one"; grep -v "^  time: " "$tmp/four.raw" >"$tmp/four"
  [ "$rc1" -eq 3 ] && [ "$rc4" -eq 3 ] || fail "exit codes $rc1 / $rc4, expected 3"
  cmp -s "$tmp/one" "$tmp/four" || { diff "$tmp/one" "$tmp/four" | head; fail "-j4 output differs from -j1"; }
  "$V" --ndjson -j3 "$F/stream.ndjson" 2>&1 | grep -v "^  time: " >"$tmp/n3"
  "$V" --ndjson -j1 "$F/stream.ndjson" 2>&1 | grep -v "^  time: " >"$tmp/n1"
  cmp -s "$tmp/n1" "$tmp/n3" || fail "NDJSON order differs with -j3"
  run -j 0 "$F/valid.json"; expect_rc 2 ;;
summary)
  # The end summary: the counts line, errors and warnings by rule, the time.
  run "$F/invalid.json" "$F/warning.json" "$F/valid.json"; expect_rc 1
  expect_out "^3 documents checked: 2 valid, 1 invalid, 0 unreadable; 1 error, 5 warnings$"
  expect_out "^  errors by rule: MLM102 [x×]1$"
  expect_out "^  warnings by rule: MLM310 [x×]2, MLM320 [x×]3$"
  expect_out "^  time: [0-9.]* s$"
  LC_ALL=C run "$F/invalid.json"; expect_out "MLM102 x1"
  LC_ALL=C.UTF-8 run "$F/invalid.json"; expect_out "MLM102 ×1"
  run "$F/valid.json"; grep -q "errors by rule" "$out" && fail "no errors, no errors-by-rule line"
  run --quiet "$F/invalid.json"; grep -q "time:" "$out" && fail "--quiet printed the time" ;;
color)
  esc=$(printf '\033')
  run "$F/invalid.json"; grep -q "$esc" "$out" && fail "colour on a pipe"
  run --color=always "$F/invalid.json"; expect_rc 1
  grep -q "${esc}\[1;31merror${esc}\[0m\[${esc}\[1mMLM102${esc}\[0m\]" "$out" || fail "--color=always: no coloured severity and rule id"
  grep -q "${esc}\[1;35mwarning" "$out" || fail "--color=always: warnings not coloured"
  NO_COLOR=1 run --color=always "$F/invalid.json"; grep -q "$esc" "$out" || fail "--color=always must beat NO_COLOR"
  run --color=never "$F/invalid.json"; grep -q "$esc" "$out" && fail "--color=never printed colour"
  run --color=sometimes "$F/invalid.json"; expect_rc 2; expect_err "auto, always or never"
  # On a terminal (script(1) gives one): colour unless NO_COLOR is set and not empty.
  if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    NO_COLOR= script -qec "'$V' '$F/invalid.json'" /dev/null >"$out" 2>&1 </dev/null
    grep -q "${esc}\[1;31merror" "$out" || fail "no colour on a terminal"
    NO_COLOR=1 script -qec "'$V' '$F/invalid.json'" /dev/null >"$out" 2>&1 </dev/null
    grep -q "${esc}\[1;31m" "$out" && fail "NO_COLOR=1 on a terminal printed colour"
  fi ;;
progress)
  # Silent when stderr is not a terminal; on a terminal, a line that is cleared at the end.
  for k in 1 2 3; do cp "$F/valid.json" "$tmp/v$k.json"; done
  run "$tmp"; expect_rc 0; [ -s "$err" ] && fail "progress output on a non-terminal stderr"
  if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    # Standard input that arrives late makes the first document slow, so a refresh is due.
    script -qec "(sleep 0.6; cat '$F/valid.json') | '$V' -j1 - '$tmp/v1.json' '$tmp/v2.json' 2>&1 >/dev/null" /dev/null >"$err" </dev/null
    grep -q "mlm-validate: 1 document (1/3 inputs), [0-9.]*/s, ETA [0-9.]* s" "$err" || fail "no progress line with count, inputs, rate and ETA"
    grep -q "$(printf '\r\033')\[K" "$err" || fail "progress line is not cleared"
    script -qec "'$V' --quiet -j1 '$tmp' 2>&1 >/dev/null" /dev/null >"$err" </dev/null
    grep -q "documents" "$err" && fail "--quiet showed progress"
  fi ;;
github)
  run --format github "$F/invalid.json" "$F/malformed.json"; expect_rc 3
  expect_out "^::error file=$F/invalid.json,line=27,col=7,title=MLM102 [a-z-]*::task \"semantic segmentation\" is not one of .* (at /properties/mlm:tasks/0)%0Ahint: did you mean"
  expect_out "^::warning file=$F/invalid.json,line=93,col=11,title=MLM310 "
  expect_out "^::error file=$F/malformed.json,line=3,col=[0-9]*,title=JSON::"
  expect_out "^::notice title=mlm-validate::2 documents checked: 0 valid, 1 invalid, 1 unreadable"
  # Workflow-command escaping: %, CR and LF everywhere; ':' and ',' in properties.
  mkdir -p "$tmp/a,b:c"; cp "$F/invalid.json" "$tmp/a,b:c/100%.json"
  run --format github --quiet "$tmp/a,b:c/100%.json"; expect_rc 1
  expect_out "^::error file=$tmp/a%2Cb%3Ac/100%25.json,line=27"
  grep -q "notice" "$out" && fail "--quiet printed the summary"
  "$V" --format github - <"$F/invalid.json" >"$out" 2>"$err"
  expect_out "^::error title=MLM102 [a-z-]*::<stdin>: task" ;;
sarif)
  run --format sarif "$F/invalid.json" "$F/warning.json" "$F/valid.json" "$F/malformed.json" "$F/collection-of-items.json"
  expect_rc 3
  expect_out '"version":"2.1.0"'
  expect_out '"ruleId":"MLM102","ruleIndex":[0-9]*,"level":"error"'
  expect_out '"startLine":27,"startColumn":7'
  expect_out '"fullyQualifiedName":"/properties/mlm:tasks/0"'
  expect_out '"ruleId":"JSON"'
  expect_out '"document":"/features/1"'
  expect_out '"errorsByRule":{"MLM102":2}'
  # Well-formed, and valid against the OASIS schema when ../shared has it.
  "$CHECK" --document "$SCHEMAS/mlm-validate-report.schema.json" "$out" >/dev/null 2>&1 &&
    fail "the SARIF log passed as a JSON report (the check is not checking)"
  SARIF_SCHEMA=${MLM_SHARED_DIR:-$F/../../../../shared}/reference/formats/sarif-schema-2.1.0.json
  if [ -f "$SARIF_SCHEMA" ]; then
    # The OASIS schema is draft-04; libmlm's engine is draft-07. They agree on
    # it as long as it uses no draft-04-only forms (boolean exclusiveMinimum).
    grep -q '"exclusiveM' "$SARIF_SCHEMA" && fail "the SARIF schema uses draft-04 exclusiveMinimum/Maximum: the draft-07 check would be wrong"
    "$CHECK" --document "$SARIF_SCHEMA" "$out" >"$tmp/check" 2>&1 ||
      { cat "$tmp/check"; fail "SARIF log does not match the SARIF 2.1.0 schema"; }
    sed 's/"level":"error"/"level":"fatal"/' "$out" >"$tmp/broken.sarif"
    "$CHECK" --document "$SARIF_SCHEMA" "$tmp/broken.sarif" >/dev/null 2>&1 &&
      fail "a SARIF log with level fatal passed the schema (the check is not checking)"
    run --format sarif "$F/valid.json"
    "$CHECK" --document "$SARIF_SCHEMA" "$out" >"$tmp/check" 2>&1 ||
      { cat "$tmp/check"; fail "an empty SARIF log does not match the SARIF 2.1.0 schema"; }
  else
    echo "note: $SARIF_SCHEMA absent; SARIF checked for well-formedness only"
  fi
  if command -v python3 >/dev/null 2>&1; then
    run --format sarif "$F/invalid.json"
    python3 - "$out" <<'PY' || fail "SARIF structure"
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
for res in run["results"]:
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"], res
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("invalid.json")
r = {x["id"]: x for x in rules}["MLM102"]
assert r["helpUri"].endswith("docs/rules.md#mlm102-" + r["name"] + "-error"), r["helpUri"]
assert r["defaultConfiguration"]["level"] == "error"
PY
  fi ;;
junit)
  run --format junit "$F/invalid.json" "$F/warning.json" "$F/valid.json" "$F/malformed.json" "$F/collection-of-items.json"
  expect_rc 3
  expect_out '<testsuite name="mlm-validate" tests="6" failures="2" errors="1"'
  expect_out '<failure message="1 error, 2 warnings" type="MLM102">'
  expect_out '<error message="[^"]*" type="JSON">'
  expect_out 'name="[^"]*collection-of-items.json#/features/1"'
  cp "$out" "$tmp/report.xml"
  # Escaping: markup characters and a control character in a file name.
  bad=$(printf 'x<&"\001y.json')
  cp "$F/invalid.json" "$tmp/$bad"
  run --format junit "$tmp/$bad"; expect_rc 1
  cp "$out" "$tmp/escaped.xml"
  if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$tmp/report.xml" "$tmp/escaped.xml" 2>"$tmp/check" || { cat "$tmp/check"; fail "JUnit XML is not well-formed"; }
  fi
  if command -v python3 >/dev/null 2>&1; then
    # What Jenkins, GitLab and the GitHub test-report actions read.
    python3 - "$tmp/report.xml" "$tmp/escaped.xml" <<'PY' || fail "JUnit structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
assert len(suites) == 1
s = suites[0]
cases = s.findall("testcase")
assert int(s.get("tests")) == len(cases) == 6
assert int(s.get("failures")) == sum(1 for c in cases if c.find("failure") is not None) == 2
assert int(s.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 1
assert int(root.get("tests")) == 6
for c in cases:
    assert c.get("name") and c.get("classname"), c.attrib
    float(c.get("time"))
float(s.get("time"))
f = [c for c in cases if c.find("failure") is not None][0].find("failure")
assert "MLM102" in f.text and f.get("type") == "MLM102"
e = [c for c in cases if c.find("error") is not None][0].find("error")
assert e.get("type") == "JSON" and "malformed.json" in e.text
props = {p.get("name"): p.get("value") for p in s.find("properties")}
assert props["errors.MLM102"] == "2", props
name = ET.parse(sys.argv[2]).getroot().find("testsuite/testcase").get("name")
assert name.endswith('x<&"\ufffdy.json'), repr(name)
PY
  fi ;;
recursive)
  C=$F/catalog
  run --recursive "$C/catalog.json"; expect_rc 3
  # catalog -> collection -> two items; the missing child is unreadable; the
  # child link back to the catalog and the repeated item link are not followed again.
  expect_out "^5 documents checked: 3 valid, 1 invalid, 1 unreadable"
  expect_out "^$C/missing/catalog.json: note: linked from $C/catalog.json (rel=child)"
  expect_out "^$C/missing/catalog.json: error\[IO\]"
  expect_out "^$C/collection/model-invalid.json: note: linked from $C/collection/collection.json (rel=item)"
  expect_out "^$C/collection/model-invalid.json:27:7: error\[MLM102\]"
  [ "$(grep -c "model-valid.json:47" "$out")" -eq 1 ] || fail "a document linked twice was reported twice"
  # Breadth first, in link order (a Catalog itself has nothing to report).
  grep "^$C.*: \(note\|warning\|error\)" "$out" | sed 's/:.*//' | uniq >"$tmp/order"
  printf '%s\n' "$C/collection/collection.json" "$C/missing/catalog.json" \
    "$C/collection/model-valid.json" "$C/collection/model-invalid.json" | cmp -s - "$tmp/order" ||
    { cat "$tmp/order"; fail "documents not in breadth-first link order"; }
  run --recursive --format json "$C/catalog.json"
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "--recursive JSON report does not match the report schema"; }
  expect_out '"source":"'"$C"'/collection/model-invalid.json","via":{"source":"'"$C"'/collection/collection.json","rel":"item"}'
  grep '^{"source":"'"$C"'/catalog.json"' "$out" | grep -q '"via"' && fail "the root has no via"
  # --max-depth: 0 is the catalog alone, 1 adds its children.
  run --recursive --max-depth 0 "$C/catalog.json"; expect_out "^1 document checked"
  expect_err "links not followed: deeper than --max-depth 0"
  run --recursive --max-depth 1 "$C/catalog.json"; expect_rc 3; expect_out "^3 documents checked"
  run --recursive --max-depth -1 "$C/catalog.json"; expect_rc 2
  # Without --recursive, a catalog is one document; an item starts no crawl.
  run "$C/catalog.json"; expect_rc 0; expect_out "^1 document checked"
  run -r "$C/collection/model-valid.json"; expect_rc 0; expect_out "^1 document checked"
  # Two roots share the seen set; hrefs are resolved from the linking file's folder.
  (cd "$C/collection" && "$V" -r ../catalog.json collection.json) >"$out" 2>"$err"
  expect_out "^5 documents checked"
  expect_out "^../collection/model-valid.json: note: linked from ../collection/collection.json (rel=item)"
  # A file: URL and an absolute path are followed; an unsupported scheme is named.
  abs=$(cd "$C/collection" && pwd)
  printf '{"type": "Collection", "id": "c", "links": [{"rel": "item", "href": "file://%s/model-valid.json"}, {"rel": "item", "href": "ftp://example.org/x.json"}, {"rel": "item", "href": "%s/model-invalid.json"}]}\n' "$abs" "$abs" >"$tmp/collection.json"
  run -r "$tmp/collection.json"; expect_rc 1; expect_out "^3 documents checked"
  expect_out "^$abs/model-invalid.json:27:7: error\[MLM102\]"
  expect_err "href=ftp://example.org/x.json not followed"
  for fmt in github sarif junit; do
    run -r --format $fmt "$C/catalog.json"; expect_rc 3; expect_out "linked from\|\"via\""
  done ;;
fix)
  # --fix applies the safe fixes in place: only the fixed line changes, the
  # result is re-validated (exit code of the fixed document), and a file with
  # nothing to fix is not rewritten.
  mkdir -p "$tmp/w"; cp "$F/invalid.json" "$tmp/w/a.json"; cp "$F/valid.json" "$tmp/w/b.json"
  touch -d '2001-02-03 04:05:06' "$tmp/w/b.json"; before=$(stat -c %Y "$tmp/w/b.json")
  run --fix "$tmp/w/a.json" "$tmp/w/b.json"; expect_rc 0
  expect_out "a.json: note: 1 fix applied and the file rewritten"
  expect_out "fixed: 1 fix in 1 file"
  grep -q '"semantic-segmentation"' "$tmp/w/a.json" || fail "the fix was not written"
  [ "$(diff "$F/invalid.json" "$tmp/w/a.json" | grep -c '^[<>]')" -eq 2 ] ||
    fail "more than the fixed line changed: $(diff "$F/invalid.json" "$tmp/w/a.json")"
  [ "$(stat -c %Y "$tmp/w/b.json")" = "$before" ] || fail "a file with nothing to fix was rewritten"
  ls -a "$tmp/w" | grep -q '^\.mlm-validate\.' && fail "a temporary file was left behind"
  # Fixed already: nothing to do, not rewritten.
  touch -d '2001-02-03 04:05:06' "$tmp/w/a.json"
  run --fix "$tmp/w/a.json"; expect_rc 0; expect_out "fixed: 0 fixes in 0 files"
  [ "$(stat -c %Y "$tmp/w/a.json")" = "$before" ] || fail "a fixed file was rewritten again"
  # --diff: the unified diff on stdout, the report on stderr, nothing written.
  cp "$F/invalid.json" "$tmp/w/c.json"
  run --fix --diff "$tmp/w/c.json"; expect_rc 0
  expect_out "^-      \"semantic segmentation\"$"; expect_out "^+      \"semantic-segmentation\"$"
  expect_out "^+++ b/"; expect_err "1 fix applied in the diff"
  cmp -s "$F/invalid.json" "$tmp/w/c.json" || fail "--diff wrote the file"
  # JSON: the count of fixes, on the report schema.
  cp "$F/invalid.json" "$tmp/w/d.json"
  run --fix --format json "$tmp/w/d.json"; expect_rc 0; expect_out '"fixed":1'
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "the --fix JSON report does not match the report schema"; }
  # An ItemCollection: the features' fixes are applied together.
  cp "$F/collection-of-items.json" "$tmp/w/e.json"
  sed -i 's/"amd64"/"cpu"/' "$tmp/w/e.json"
  n=$(grep -c '"cpu"' "$tmp/w/e.json")
  run --fix --no-warnings "$tmp/w/e.json"
  grep -q '"cpu"' "$tmp/w/e.json" && fail "a feature's fix was not applied"
  [ "$n" -ge 1 ] && expect_out "$n fix"
  # The fix as data: in JSON (patch and edits), SARIF (artifactChanges) and text.
  run --format json "$F/invalid.json"
  expect_out '"fix":{"description":"Replace \\"semantic segmentation\\" with \\"semantic-segmentation\\".","safe":true,"patch":\[{"op":"replace","path":"/properties/mlm:tasks/0","value":"semantic-segmentation"}\],"edits":\[{"start":{"line":27,"column":7},"end":{"line":27,"column":30},"text":"\\"semantic-segmentation\\""}\]}'
  run --format sarif "$F/invalid.json"
  expect_out '"fixes":\[{"description":{"text":"Replace'
  expect_out '"deletedRegion":{"startLine":27,"startColumn":7,"endLine":27,"endColumn":30}'
  run "$F/invalid.json"; expect_out '    fix: Replace "semantic segmentation" with "semantic-segmentation". (safe; --fix applies it)'
  # Standard input (alone): the fixed document on stdout, byte for byte but the
  # fixed line, the report on stderr, the exit code of the fixed document.
  "$V" --fix - <"$F/invalid.json" >"$out" 2>"$err"; rc=$?; expect_rc 0
  [ "$(diff "$F/invalid.json" "$out" | grep -c '^[<>]')" -eq 2 ] ||
    fail "--fix - changed more than the fixed line: $(diff "$F/invalid.json" "$out")"
  expect_out '"semantic-segmentation"'; expect_err "1 fix applied in the document written to standard output"
  # Nothing to fix, or not even JSON: the input comes out as it went in.
  "$V" --fix - <"$F/valid.json" >"$out" 2>"$err"; rc=$?; expect_rc 0
  cmp -s "$F/valid.json" "$out" || fail "--fix - did not pass a valid document through unchanged"
  printf '{"type": "Feature",}\n' >"$tmp/w/broken.json"
  "$V" --fix - <"$tmp/w/broken.json" >"$out" 2>"$err"; rc=$?; expect_rc 3
  cmp -s "$tmp/w/broken.json" "$out" || fail "--fix - lost text it could not parse"
  expect_err "trailing comma"
  # An invalid document that has no sure fix: out unchanged, exit 1.
  "$V" --fix - <"$SCHEMAS/mlm-draft.schema.json" >"$out" 2>"$err"; rc=$?; expect_rc 1
  cmp -s "$SCHEMAS/mlm-draft.schema.json" "$out" || fail "--fix - changed a document it had no fix for"
  # --diff on standard input: the diff, labelled <stdin>.
  "$V" --fix --diff - <"$F/invalid.json" >"$out" 2>"$err"; rc=$?; expect_rc 0
  expect_out "^+++ b/<stdin>"; expect_out "^+      \"semantic-segmentation\"$"
  # Usage: --diff needs --fix; standard input goes alone; URLs cannot be rewritten.
  run --diff "$F/valid.json"; expect_rc 2; expect_err "use it with --fix"
  run --fix - "$F/valid.json"; expect_rc 2; expect_err "so it takes no other PATH"
  run --fix https://example.org/a.json; expect_rc 2; expect_err "is a URL"
  run --fix --ndjson "$F/stream.ndjson"; expect_rc 2
  # A file in a folder that cannot be written: a clear error, exit 3, the file intact.
  if [ "$(id -u)" != 0 ]; then
    mkdir "$tmp/ro"; cp "$F/invalid.json" "$tmp/ro/f.json"; chmod 555 "$tmp/ro"
    run --fix "$tmp/ro/f.json"; rc2=$rc; chmod 755 "$tmp/ro"; rc=$rc2; expect_rc 3
    expect_out "cannot rewrite the file with 1 fix (it was left as it was)"
    expect_out "error\[MLM102\]"
    cmp -s "$F/invalid.json" "$tmp/ro/f.json" || fail "the read-only file changed"
  fi
  # The same when the write itself fails (a file size limit of 0, root or not):
  # the temporary file is removed, the file intact.
  mkdir "$tmp/full"; cp "$F/invalid.json" "$tmp/full/f.json"
  { sh -c 'trap "" XFSZ; ulimit -f 0; exec "$0" --fix "$1"' "$V" "$tmp/full/f.json"
    echo "rc=$?" >"$tmp/rcfile"; } | cat >"$out"
  grep -q "rc=3" "$tmp/rcfile" || fail "a failed write did not exit 3: $(cat "$tmp/rcfile")"
  expect_out "cannot rewrite the file with 1 fix (it was left as it was): File too large"
  cmp -s "$F/invalid.json" "$tmp/full/f.json" || fail "the file changed although the write failed"
  [ "$(ls -A "$tmp/full")" = "f.json" ] || fail "a temporary file was left: $(ls -A "$tmp/full")" ;;
hints)
  # Hints that fit the document (issue 17.4). R is the repository.
  R=$F/../../..
  # An ml-model document is told it uses another extension, not to add the MLM URL.
  run --no-snippet "$R/tests/wild/docs/16-ml-model-only.json"; expect_rc 0
  expect_out "uses the ml-model extension (https://stac-extensions.github.io/ml-model/"
  grep -q "add the MLM schema URL" "$out" && fail "an ml-model document was told to add the MLM URL"
  # A plain Collection without MLM still gets the usual hint.
  printf '{"type": "Collection", "stac_version": "1.0.0", "id": "c", "description": "d", "license": "MIT", "extent": {}, "links": []}' >"$tmp/plain.json"
  run --no-snippet "$tmp/plain.json"; expect_out "add the MLM schema URL"
  # mlm:input is needed: never "rename mlm:input to mlm:output".
  python3 - "$F/valid.json" "$tmp/noout.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["properties"].pop("mlm:output"); json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
  run --no-snippet "$tmp/noout.json"; expect_rc 1; expect_out 'hint: add "mlm:output"'
  grep -q 'rename "mlm:input"' "$out" && fail "told to rename a field the document needs"
  # Artifact types follow the framework and the version's own list.
  python3 - "$F/valid.json" "$tmp" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for name, fw in (("sk", "scikit-learn"), ("pt", "PyTorch")):
    d = json.loads(json.dumps(base)); d["properties"]["mlm:framework"] = fw
    for a in d["assets"].values():
        if "mlm:model" in a.get("roles", []): a.pop("mlm:artifact_type", None)
    json.dump(d, open("%s/%s.json" % (sys.argv[2], name), "w"), indent=2)
PY
  run --no-snippet "$tmp/sk.json"; expect_rc 1; expect_out "MLM204"
  grep -q "torch" "$out" && fail "a scikit-learn model was told a PyTorch artifact type"
  run --no-snippet "$tmp/pt.json"; expect_out '"torch.jit.save"'
  grep -q "torch.jit.script" "$out" && fail "v1.5.2 was told torch.jit.script"
  # The draft is never told to list its identifier, which was never published.
  run --no-snippet "$R/tests/rules/fixtures/MLM004/invalid-draft-without-url.json"; expect_out "MLM004"
  grep "hint:" "$out" | grep -q "list https://schemas.stacspec.org" && fail "the draft was told to list an unpublished identifier"
  expect_out "never published" ;;
grouping)
  # One finding, one diagnostic (issue 17.3): a band repeated at many
  # positions of one input is one MLM306 naming the positions, in every format.
  python3 - "$F/valid.json" "$tmp/rep.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["properties"]["mlm:input"][0]
i["bands"] = i["bands"] * 4
json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
  run --no-snippet "$tmp/rep.json"
  [ "$(grep -c 'warning\[MLM306\]' "$out")" -eq 1 ] || fail "MLM306 not grouped"
  expect_out "the same at 5 more positions of this list (indexes 3, 4, 5, 6 and 7)"
  for fmt in json sarif github junit; do
    run --format $fmt "$tmp/rep.json"
    [ "$(grep -o 'MLM306' "$out" | wc -l)" -ge 1 ] || fail "$fmt: no MLM306"
    expect_out "indexes 3, 4, 5, 6 and 7"
  done
  run --format json "$tmp/rep.json"
  [ "$(grep -o '"rule":"MLM306"' "$out" | wc -l)" -eq 1 ] || fail "json: MLM306 not grouped"
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "grouped JSON report does not match its schema"; }
  # The other positions as data too: JSON "related", SARIF relatedLocations,
  # each with its pointer and its own line.
  python3 - "$out" <<'PY' || fail "json: related places of the grouped MLM306 are wrong"
import json, sys
d = json.loads(open(sys.argv[1]).read())
g = [x for x in d["diagnostics"] if x["rule"] == "MLM306"][0]
rel = g["related"]
assert [r["pointer"].rsplit("/", 1)[1] for r in rel] == ["3", "4", "5", "6", "7"], rel
assert all(r["pointer"].startswith("/properties/mlm:input/0/bands/") for r in rel), rel
lines = [r["line"] for r in rel]
assert lines == sorted(lines) and len(set(lines)) == 5 and lines[0] > g["line"], (g, rel)
PY
  run --format sarif "$tmp/rep.json"
  python3 - "$out" <<'PY' || fail "sarif: relatedLocations of the grouped MLM306 are wrong"
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["runs"][0]["results"] if x["ruleId"] == "MLM306"][0]
rel = r["relatedLocations"]
assert [x["id"] for x in rel] == [1, 2, 3, 4, 5], rel
assert rel[0]["logicalLocations"][0]["fullyQualifiedName"].endswith("/bands/3"), rel[0]
assert rel[0]["physicalLocation"]["region"]["startLine"] > \
    r["locations"][0]["physicalLocation"]["region"]["startLine"], rel[0]
PY
  # Different hints are different kinds: not grouped.
  python3 - "$F/valid.json" "$tmp/kinds.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["properties"]["mlm:input"][0]
i["bands"] = ["red", "Red", "rde", "zzz-1", "zzz-2"]
json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
  run --no-snippet "$tmp/kinds.json"
  [ "$(grep -c 'warning\[MLM304\]' "$out")" -ge 2 ] || fail "findings of different kinds were grouped"
  # The same fact from the STAC schema and an MLM rule is said once.
  python3 - "$F/valid.json" "$tmp/noassets.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d.pop("assets"); json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
  run --offline --schema-dir "$F/../../schemas" --no-snippet "$tmp/noassets.json"; expect_rc 1
  expect_out 'MLM010\]: missing required property "assets"'
  grep -q 'MLM100\]: an MLM Item needs "assets"' "$out" && fail "missing assets said twice"
  expect_out 'hint: add "assets" with the model asset' ;;
docs_options)
  # Every option of --help is documented in the man page and the README.
  run --help; expect_rc 0
  root=$F/../../..
  for opt in $(grep -o -- "--[a-z][a-z-]*" "$out" | sort -u); do
    man_form=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
    grep -qE -- "${man_form}([^a-z\\\\-]|\$)" "$root/docs/mlm-validate.1" || fail "$opt is not in docs/mlm-validate.1"
    grep -qE -- "${opt}([^a-z-]|\$)" "$root/README.md" || fail "$opt is not in README.md"
  done ;;
pre_commit)
  # .pre-commit-hooks.yaml runs mlm-validate on the staged files: as pre-commit would.
  H=$F/../../../.pre-commit-hooks.yaml
  grep -q "^- id: mlm-validate$" "$H" || fail "no mlm-validate hook"
  grep -q "^  entry: mlm-validate$" "$H" || fail "the hook's entry is not mlm-validate"
  grep -q "^  language: system$" "$H" || fail "the hook is not language: system"
  grep -q '^  files: \\.json\$$' "$H" || fail "the hook does not select *.json"
  run "$F/valid.json" "$F/warning.json"; expect_rc 0
  run --strict "$F/valid.json" "$F/warning.json"; expect_rc 1
  run "$F/valid.json" "$F/invalid.json"; expect_rc 1 ;;
missing_schema)
  # A schema that cannot be resolved is reported (exit 3), and every other
  # finding (here a real MLM208 error) survives, in every format.
  S=$F/../../schemas
  for fmt in text json github sarif junit; do
    run --offline --no-cache --schema-dir "$S" --format $fmt "$F/missing-schema.json"; expect_rc 3
    expect_out "MLM012"; expect_out "MLM208"
    expect_out "https://example.org/missing/v9.9.9/schema.json"
    expect_out "forbids a download"
  done
  run --offline --no-cache --schema-dir "$S" "$F/missing-schema.json"
  expect_out "checked only in part"
  expect_out "missing-schema.json:5:5: error\[MLM012\]"
  run --offline --no-cache --schema-dir "$S" --format json "$F/missing-schema.json"
  expect_out '"complete":false'
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "JSON report does not match the report schema"; }
  # Without the missing schema, it is an ordinary invalid document (exit 1).
  run --offline --no-cache --schema-dir "$S" --no-extensions "$F/missing-schema.json"; expect_rc 1
  grep -q MLM012 "$out" && fail "MLM012 with --no-extensions"
  run --offline --no-cache --schema-dir "$S" --disable MLM012 "$F/missing-schema.json"; expect_rc 2
  expect_err "MLM012 .*cannot be disabled" ;;
sarif_execution)
  # executionSuccessful is false, with a notification, when an input could
  # not be read or a schema resolved; true otherwise.
  run --format sarif "$F/valid.json" "$F/invalid.json"; expect_rc 1
  expect_out '"executionSuccessful":true'
  grep -q toolExecutionNotifications "$out" && fail "notifications on a complete run"
  run --format sarif "$F/valid.json" "$F/malformed.json"; expect_rc 3
  expect_out '"executionSuccessful":false'
  expect_out '"toolExecutionNotifications":\[{"level":"error","message":{"text":"[^"]*malformed.json: '
  run --format sarif --offline --no-cache --schema-dir "$F/../../schemas" "$F/missing-schema.json"
  expect_rc 3; expect_out '"executionSuccessful":false'
  expect_out '"descriptor":{"id":"MLM012"}' ;;
core_messages)
  # STAC core schema errors said the way STAC says them, and one error
  # reached through two schemas reported once.
  TS="$F/../../schemas"
  sed 's/"id": "crop-mapper-unet",/"id": "crop-mapper-unet", "collection": "crops",/' "$F/valid.json" >"$tmp/coll.json"
  run --schema-dir "$TS" --offline --no-cache --no-warnings "$tmp/coll.json"; expect_rc 1
  expect_out 'error\[MLM010\]: the Item has a "collection" field but no link with rel=collection'
  expect_out "hint: add {\"rel\": \"collection\""
  grep -q '"not" schema' "$out" && fail "the schema's wording came through"
  sed 's/"links": \[\]/"links": [{"rel": "collection", "href": "c.json"}]/' "$F/valid.json" >"$tmp/link.json"
  run --schema-dir "$TS" --offline --no-cache --no-warnings "$tmp/link.json"; expect_rc 1
  expect_out 'links to a Collection (rel=collection) but has no "collection" field'
  sed -e 's/"id": "crop-mapper-unet"/"id": ""/' \
      -e 's|"stac_extensions": \[|"stac_extensions": ["https://example.org/same-rule/v1.0.0/schema.json",|' "$F/valid.json" >"$tmp/dup.json"
  run --schema-dir "$TS" --offline --no-cache --no-warnings "$tmp/dup.json"; expect_rc 1
  [ "$(grep -c 'fewer than the minimum 1' "$out")" -eq 1 ] || fail "the same error was reported twice" ;;
config)
  # .mlm-validate.json found upward from the working directory; --config,
  # --no-config, --disable and --severity (the command line wins).
  mkdir -p "$tmp/proj/a/b"
  printf '{"disable": ["MLM320"], "severity": {"no-source-code-asset": "info"}}\n' >"$tmp/proj/.mlm-validate.json"
  W=$(cd "$F" && pwd)/warning.json
  (cd "$tmp/proj/a/b" && "$V" "$W" >"$out" 2>"$err"); rc=$?; expect_rc 0
  grep -q "MLM320" "$out" && fail "MLM320 is disabled by the project file"
  expect_out "warning\[MLM310\]"
  expect_out "rule settings: 2 rules changed by .*proj/.mlm-validate.json$"
  (cd "$tmp/proj/a/b" && "$V" --no-config "$W" >"$out" 2>"$err"); rc=$?; expect_out "warning\[MLM320\]"
  (cd "$tmp/proj/a/b" && "$V" --severity MLM320=error "$W" >"$out" 2>"$err"); rc=$?; expect_rc 1
  expect_out "error\[MLM320\]"
  (cd "$tmp/proj/a/b" && "$V" --format json "$W" >"$out" 2>"$err"); rc=$?
  expect_out '"configuration":{"file":"[^"]*proj/.mlm-validate.json","disabled":\["MLM320"\],"severity":{"MLM319":"info"}}'
  "$CHECK" "$SCHEMAS/mlm-validate-report.schema.json" "$out" >"$tmp/check" 2>&1 ||
    { cat "$tmp/check"; fail "JSON report does not match the report schema"; }
  (cd "$tmp/proj/a/b" && "$V" --format sarif "$W" >"$out" 2>"$err"); rc=$?
  expect_out '"ruleConfigurationOverrides":\[{"descriptor":{"id":"MLM319","index":[0-9]*},"configuration":{"level":"note"}},{"descriptor":{"id":"MLM320","index":[0-9]*},"configuration":{"enabled":false}}\]'
  run --disable MLM310 --disable no-container-asset "$F/warning.json"; expect_rc 0
  grep -q "warning\[" "$out" && fail "--disable left a warning"
  run --severity MLM310=info "$F/warning.json"; expect_out "info\[MLM310\]"
  # Bad settings are usage errors that name the file and the key.
  printf '{"disabel": ["MLM320"]}' >"$tmp/bad-key.json"
  run --config "$tmp/bad-key.json" "$F/valid.json"; expect_rc 2; expect_err "bad-key.json: unknown key \"disabel\""
  printf '{"disable": ["MLM999"]}' >"$tmp/bad-rule.json"
  run --config "$tmp/bad-rule.json" "$F/valid.json"; expect_rc 2; expect_err 'bad-rule.json: "disable"\[0\]: unknown rule "MLM999"'
  printf '{"severity": {"MLM320": "loud"}}' >"$tmp/bad-sev.json"
  run --config "$tmp/bad-sev.json" "$F/valid.json"; expect_rc 2; expect_err '"severity"."MLM320": expected'
  printf '{"disable": "MLM320"}' >"$tmp/bad-type.json"
  run --config "$tmp/bad-type.json" "$F/valid.json"; expect_rc 2; expect_err 'must be an array'
  printf '{"disable": [' >"$tmp/bad-json.json"
  run --config "$tmp/bad-json.json" "$F/valid.json"; expect_rc 2; expect_err "bad-json.json:1:[0-9]*: not valid JSON"
  run --config "$tmp/nope.json" "$F/valid.json"; expect_rc 2; expect_err "nope.json: cannot open"
  run --config "$tmp/bad-key.json" --no-config "$F/valid.json"; expect_rc 2
  run --severity MLM320 "$F/valid.json"; expect_rc 2; expect_err "RULE=LEVEL"
  run --severity MLM320=loud "$F/valid.json"; expect_rc 2
  run --disable nothing-like-it "$F/valid.json"; expect_rc 2; expect_err 'unknown rule "nothing-like-it"'
  # The config schema agrees with the parser on the same files.
  printf '{"$schema": "x", "disable": ["MLM320"], "severity": {"MLM310": "off"}}' >"$tmp/good.json"
  run --config "$tmp/good.json" "$F/valid.json"; expect_rc 0
  "$CHECK" "$SCHEMAS/mlm-validate-config.schema.json" "$tmp/good.json" >/dev/null 2>&1 || fail "the config schema rejects a good file"
  for b in bad-key bad-sev bad-type; do  # (rule existence is the tool's check)
    "$CHECK" "$SCHEMAS/mlm-validate-config.schema.json" "$tmp/$b.json" >/dev/null 2>&1 && fail "the config schema accepts $b.json"
  done
  true ;;
snippet)
  run "$F/invalid.json"; expect_rc 1
  expect_out '^   27 |       "semantic segmentation"$'
  expect_out '^      |       \^$'
  run --no-snippet "$F/invalid.json"; grep -q ' | ' "$out" && fail "--no-snippet showed a snippet"
  run --format json "$F/invalid.json"; grep -q '\^' "$out" && fail "a snippet in JSON"
  # Tabs, multi-byte characters and a long line cut around the column.
  printf '{\t"stac_version": "1.0.0", "type": "Feature", "id": "x", "geometry": null, "links": [], "assets": {}, "bbox": [], "properties": {"datetime": null, "t\303\251": "\303\251\303\251", "mlm:tasks": ["semantic segmentation"], "xx": "%s"}, "stac_extensions": ["https://stac-extensions.github.io/mlm/v1.5.2/schema.json"]}\n' \
    "$(printf '%0200d' 0)" >"$tmp/long.json"
  run --no-warnings "$tmp/long.json"; expect_rc 1
  grep -A2 "MLM102" "$out" >"$tmp/snip"
  sed -n 2p "$tmp/snip" | grep -q '^    1 | \.\.\..*"semantic segmentation".*\.\.\.$' || { cat "$tmp/snip"; fail "long line not cut around the column"; }
  # The caret sits under the opening quote (display columns, tab expanded).
  line=$(sed -n 2p "$tmp/snip"); caret=$(sed -n 3p "$tmp/snip")
  pre=${line%%\"semantic segmentation*}; cpre=${caret%%^*}
  [ "$(printf '%s' "$pre" | wc -m)" -eq "$(printf '%s' "$cpre" | wc -m)" ] || { cat "$tmp/snip"; fail "caret not under the value"; }
  # Wide (CJK) characters take two columns and a zero-width space none.
  printf '{"stac_version": "1.0.0", "type": "Feature", "id": "x", "geometry": null, "links": [], "assets": {}, "properties": {"datetime": null, "t\345\220\215": "\345\220\215\342\200\213", "mlm:tasks": ["semantic segmentation"]}, "stac_extensions": ["https://stac-extensions.github.io/mlm/v1.5.2/schema.json"]}\n' >"$tmp/cjk.json"
  run --no-warnings "$tmp/cjk.json"; expect_rc 1
  if command -v python3 >/dev/null 2>&1; then
    grep -A2 "MLM102" "$out" | sed -n 2,3p | python3 -c '
import sys, unicodedata
line, caret = sys.stdin.read().split("\n")[:2]
def width(s):
    return sum(0 if unicodedata.category(c) in ("Mn", "Cf") else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
sys.exit(0 if width(line[:line.index("\"semantic")]) == width(caret[:caret.index("^")]) else 1)' ||
      { grep -A2 "MLM102" "$out"; fail "caret not under the value after wide characters"; }
  fi ;;
stdin_notice)
  # On a terminal, with no PATH, say that standard input is being read.
  command -v script >/dev/null 2>&1 || { echo "SKIP: no script(1)"; exit 0; }
  script -qec "$V --no-snippet" /dev/null </dev/null >"$out" 2>"$err" || true
  expect_out "reading a document from standard input"
  "$V" <"$F/valid.json" >"$out" 2>"$err"
  [ -s "$err" ] && fail "notice printed although stdin is not a terminal"
  true ;;
*)
  echo "unknown case $case_name"; exit 2 ;;
esac
echo "ok [$case_name]"
