#!/bin/bash
# mlm-migrate tests: each mapping row on our own fixtures, the CLI contract
# (stdout, --check, --diff, --in-place, exit codes), idempotence, and (when
# ../shared is there) schema validity of every migration of our examples.
# usage: migrate_test.sh MLM_MIGRATE SOURCE_DIR [MLM_VALIDATE]
set -u
# a sanitizer report must not pass for exit 1 (TODOs): give it its own code
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=99
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=98
B=$1; SRC=$2; V=${3:-}; FX=$SRC/tests/migrate/fixtures
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
# has TEXT REGEX WHY: fail with WHY unless TEXT matches REGEX
has() { grep -q -- "$2" <<<"$1" || bad "$3"; }
ids() { "$B" --allow-todo --to "${2:-1.5.2}" "$1" 2>&1 >/dev/null | awk '{print $3}'; }
expect_ids() { # file target id...
    local f=$1 to=$2; shift 2
    local got; got=$(ids "$f" "$to")
    for id in "$@"; do grep -qx "$id" <<<"$got" || bad "$(basename "$f") -> $to: no $id"; done
}
# one or more fixture per row of docs/MIGRATION.md
expect_ids "$FX/draft-rows.json" 1.5.2 MIG001 MIG100 MIG101 MIG102 MIG103 MIG104 MIG105 MIG109 MIG110 MIG111 MIG112 \
    MIG130 MIG151 MIG901 MIG902 MIG903 MIG904
expect_ids "$SRC/examples/draft/valid/item-segmentation.json" 1.3.0 MIG106 MIG107 MIG108
expect_ids "$FX/v1.0.0-framework.json" 1.5.2 MIG120 MIG142 MIG903
expect_ids "$FX/prerelease-statistics-zscore.json" 1.5.2 MIG140 MIG141
expect_ids "$FX/v1.2.0-code-role.json" 1.5.2 MIG130 MIG131 MIG140 MIG151
expect_ids "$FX/v1.3.0-host.json" 1.3.0 MIG001
expect_ids "$FX/v1.3.0-host.json" 1.4.0 MIG902
expect_ids "$FX/v1.4.0-entrypoint.json" 1.5.0 MIG150
expect_ids "$FX/dl-model.json" 1.0.0 MIG160 MIG161 MIG162 MIG163 MIG901 MIG903 MIG001

# Issue 17.7: documents without MLM pass through (a plain Collection, an ml-model feature in an
# ItemCollection, a directory of mixed documents), exit 0, unchanged
"$B" "$FX/plain-collection.json" 2>/dev/null | cmp -s - "$FX/plain-collection.json" || bad "a plain Collection is not passed through unchanged"
"$B" "$FX/plain-collection.json" >/dev/null 2>&1 || bad "a plain Collection must exit 0"
r=$("$B" "$FX/mixed-items.json" 2>&1 >"$T/mixed.json"); rc=$?
[ $rc = 0 ] || bad "an ItemCollection with an ml-model feature must exit 0 (got $rc)"
has "$r" 'note MIG002 /features/0: .*ml-model' "the ml-model feature has no pass-through note"
has "$r" 'note MIG002 /features/2: ' "the plain feature has no pass-through note"
has "$r" 'MIG001 .* /features/1/stac_extensions/0' "the MLM feature of a mixed ItemCollection is not migrated"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["features"]; b=json.load(open(sys.argv[2]))["features"]
assert a[0] == b[0] and a[2] == b[2], "a feature without MLM changed"
assert b[1]["stac_extensions"] == ["https://stac-extensions.github.io/mlm/v1.5.2/schema.json"], b[1]["stac_extensions"]' \
    "$FX/mixed-items.json" "$T/mixed.json" || bad "mixed ItemCollection not migrated as above"
mkdir -p "$T/mixed"; cp "$FX/plain-collection.json" "$FX/v1.4.0-entrypoint.json" "$SRC/tests/wild/docs/16-ml-model-only.json" "$T/mixed/"
"$B" --check "$T/mixed" > "$T/mixed.txt" 2>&1; [ $? = 1 ] || bad "--check on a directory with one MLM document to change must exit 1"
grep -q 'plain-collection.json: no MLM in it: passed through unchanged' "$T/mixed.txt" || bad "directory: plain Collection not passed through"
grep -q '16-ml-model-only.json: note MIG002 .*ml-model' "$T/mixed.txt" || bad "directory: ml-model Item not passed through"
"$B" --in-place "$T/mixed" >/dev/null 2>&1 || bad "--in-place on a mixed directory must exit 0"
cmp -s "$FX/plain-collection.json" "$T/mixed/plain-collection.json" || bad "--in-place rewrote a document without MLM"
"$B" --check "$T/mixed" >/dev/null 2>&1 || bad "--check after --in-place on a mixed directory must exit 0"

# the wild corpus (tests/wild/docs) as one directory: every document is migrated, passed through (no MLM)
# or refused for a reason (not JSON, neither MLM nor STAC); what is still no STAC object is never clean
"$B" --check --allow-todo --format json "$SRC/tests/wild/docs" > "$T/wild.json" 2>/dev/null; rc=$?
[ $rc -le 3 ] || bad "the wild corpus: exit $rc (a crash?)"
python3 - "$T/wild.json" <<'PY' || bad "the wild corpus is not migrated as above"
import json, sys, collections
kinds = collections.Counter()
for d in json.load(open(sys.argv[1])):
    name = d["source"].rsplit("/", 1)[-1]
    ids = [e["id"] for e in d.get("entries", [])]
    if "error" in d:
        kind = "refused"
        assert d["error"].startswith("not valid JSON") or "is not a STAC Item, Collection or Catalog" in d["error"], (name, d["error"])
    elif d["from_version"] == "none":
        kind = "passed through"
        assert set(ids) == {"MIG002"}, (name, ids)
    else:
        kind = "migrated"
        stac = json.load(open(d["source"])).get("type") in ("Feature", "Collection", "FeatureCollection")
        assert stac or "MIG906" in ids, (name, "no STAC object and no MIG906", ids)
    kinds[kind] += 1
print("  wild corpus:", dict(kinds))
PY

# the pre-release statistics (one object of per-band arrays) become per-band value_scaling; what cannot be
# converted stays in the document and the TODO points at it
out=$("$B" "$FX/prerelease-statistics-zscore.json" 2>/dev/null) || bad "per-band z-score statistics must migrate without TODO"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); s=json.load(open(sys.argv[2]))
i=d["properties"]["mlm:input"][0]; st=s["properties"]["mlm:input"][0]["statistics"]
assert "statistics" not in i and "norm_type" not in i, i
assert [v["mean"] for v in i["value_scaling"]] == st["mean"] and [v["stddev"] for v in i["value_scaling"]] == st["stddev"], i
assert {v["type"] for v in i["value_scaling"]} == {"z-score"}' "$out" "$FX/prerelease-statistics-zscore.json" \
    || bad "per-band z-score statistics not converted value for value"
out=$("$B" "$FX/prerelease-statistics-minmax.json" 2>/dev/null) || bad "per-band min-max statistics must migrate without TODO"
python3 -c 'import json,sys; i=json.loads(sys.argv[1])["properties"]["mlm:input"][0]
assert i["value_scaling"][12] == {"type": "min-max", "minimum": 0.0, "maximum": 10000.0}, i' "$out" \
    || bad "min/max abbreviations not read as minimum/maximum"
for f in uneven:MIG901 no-stddev:MIG901 no-norm-type:MIG902 l2:MIG903; do
    out=$("$B" --allow-todo "$FX/prerelease-statistics-${f%%:*}.json" 2>"$T/rep.txt")
    grep -q "TODO ${f#*:} .*/properties/mlm:input/0/" "$T/rep.txt" || bad "${f%%:*}: no ${f#*:} TODO pointing at the input"
    python3 -c 'import json,sys; i=json.loads(sys.argv[1])["properties"]["mlm:input"][0]; s=json.load(open(sys.argv[2]))["properties"]["mlm:input"][0]
assert i["statistics"] == s["statistics"], "statistics lost"
assert i.get("norm_type") == s.get("norm_type"), "norm_type lost"' "$out" "$FX/prerelease-statistics-${f%%:*}.json" \
        || bad "${f%%:*}: a value that could not be converted was not kept"
done

# the stac-model generator's early output (bare draft mlm: fields): migrated where they are, never a success
r=$("$B" "$FX/generator-bare-draft.json" 2>&1 >"$T/bare.json"); rc=$?
[ $rc = 1 ] || bad "bare draft fields must exit 1 (got $rc)"
has "$r" 'TODO MIG906 \[draft -> 1.5.2\] (root) .*"type": "Feature", "stac_version", "id"' "bare draft fields: no TODO naming what is missing"
has "$r" 'MIG100 \[draft -> 1.0.0\] /mlm:architecture' "bare draft fields: architecture not migrated"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["mlm:architecture"] == "ResNet-18" and len(d["mlm:input"][0]["value_scaling"]) == 13, d' \
    "$T/bare.json" || bad "bare draft fields not migrated where they are"
"$B" --allow-todo "$FX/generator-bare-draft.json" >/dev/null 2>&1; [ $? = 0 ] || bad "--allow-todo on bare fields must exit 0"
r=$("$B" "$FX/generator-underscore-keys.json" 2>&1 >/dev/null); [ $? = 1 ] || bad "mlm_ keys must exit 1"
has "$r" 'error: .*"mlm_input" look like MLM fields' "mlm_ keys: the error does not say what they look like"

# Collection summaries and item_assets: the same step functions, at the summaries' pointers
rep() { "$B" --allow-todo --to "${2:-1.5.2}" "$1" 2>&1 >/dev/null; }
r=$(rep "$FX/v1.0.0-collection-summaries.json")
has "$r" 'MIG120 .* /summaries/mlm:framework/0 ' "summary list of frameworks not renamed"
has "$r" 'MIG140 .* /summaries/mlm:input/0/norm_type -> /summaries/mlm:input/0/value_scaling' "summary inputs not scaled"
has "$r" 'MIG141 .* /summaries/mlm:input/0/norm_by_channel' "summary norm_by_channel kept"
has "$r" 'MIG151 .* /summaries/mlm:input/0/input/dim_order/1' "summary band dimension not renamed"
has "$r" 'MIG120 .* /item_assets/weights/mlm:framework ' "item_assets framework not renamed"
has "$r" 'MIG140 .* /item_assets/weights/mlm:input/0/norm_type' "item_assets inputs not scaled"
has "$r" 'MIG142 .* /item_assets/weights/mlm:name -> /summaries/mlm:name' "item_assets name not moved to summaries"
has "$r" 'TODO MIG903 .* /item_assets/weights/mlm:input ' "differing item_assets input not a TODO"
r=$(rep "$FX/v1.0.0-collection-schema-summaries.json")
has "$r" 'MIG120 .* /summaries/mlm:framework/enum/0 ' "enum summary not renamed"
has "$r" 'MIG140 .* /summaries/mlm:input/const/0/norm_type' "const summary not scaled"
has "$r" 'MIG142 .* /item_assets/weights/mlm:output -> /summaries/mlm:output' "item_assets output not moved"
grep -q 'MIG905' <<<"$r" && bad "a mappable summary reported as MIG905"
out=$("$B" --allow-todo "$FX/v1.0.0-collection-schema-summaries.json" 2>/dev/null)
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); s=d["summaries"]
assert s["mlm:framework"]["enum"] == ["Hugging Face", "PyTorch"], s
assert s["mlm:name"] == {"const": "flood-unet"}, s
assert s["mlm:output"]["const"][0]["name"] == "water", s
assert "mlm:output" not in d["item_assets"]["weights"]
assert s["mlm:input"]["const"][0]["value_scaling"][1] == {"type": "min-max", "minimum": -32.5, "maximum": 0.0}' "$out" \
    || bad "schema summaries not migrated to the values above"
sed 's/"mlm:framework": \["Scikit-learn", "PyTorch"\]/"mlm:framework": {"minimum": "A", "maximum": "Z"}/' \
    "$FX/v1.0.0-collection-summaries.json" > "$T/range.json"
has "$(rep "$T/range.json")" 'TODO MIG905 .* /summaries/mlm:framework ' "range summary of a renamed field not a TODO"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["summaries"]["mlm:framework"] = ["PyTorch"] * 99 + ["Huggingface"]
json.dump(d, open(sys.argv[2], "w"))' "$FX/v1.0.0-collection-summaries.json" "$T/long.json"
has "$(rep "$T/long.json")" 'MIG120 .* /summaries/mlm:framework/99 ' "the 100th value of a summary not migrated"
r=$(rep "$FX/draft-collection-summaries.json")
has "$r" 'MIG105 .* /summaries/mlm:input/0/input_feature -> /summaries/mlm:input/0/input' "draft summary input"
has "$r" 'MIG108 .* /summaries/mlm:input/0/statistics' "draft summary statistics"
has "$r" 'MIG110 .* /summaries/mlm:output/const -> /summaries/mlm:output/const' "draft summary output"
has "$r" 'TODO MIG905 .* /summaries/mlm:architecture ' "draft summary architecture not a TODO"

# dl-model Collections: the Collection's own dlm: fields as an Item's properties, the model in item_assets
r=$(rep "$FX/dl-model-collection.json" 1.0.0)
for id in MIG160 MIG161 MIG162 MIG163; do has "$r" "$id .* /dlm:" "dl-model Collection: no $id at the top level"; done
has "$r" 'MIG161 .* /item_assets/weights -> /item_assets/weights/roles' "dl-model Collection: item_assets model role"
has "$r" 'TODO MIG905 .* /summaries/dlm:architecture ' "dl-model summary not a TODO"
out=$("$B" --allow-todo --to 1.0.0 "$FX/dl-model-collection.json" 2>/dev/null)
python3 -c 'import json,sys; d=json.loads(sys.argv[1])
assert d["mlm:architecture"] == "LinkNet" and d["mlm:framework"] == "PyTorch", d
assert [b for b in d["mlm:input"][0]["bands"]] == ["r", "b"], d["mlm:input"]
assert d["assets"]["source-code"]["href"] == "https://example.com/roads", d.get("assets")
assert "mlm:model" in d["item_assets"]["weights"]["roles"]
assert not [k for k in d if k.startswith("dlm:")]' "$out" || bad "dl-model Collection not migrated to the values above"

# the written document keeps the source's layout (indentation, one-line containers, 1.0), so
# --diff shows only what changed: no line of the diff is unchanged in meaning
L="$FX/v1.0.0-inline-layout.json"
"$B" --diff --allow-todo "$L" 2>/dev/null > "$T/layout.patch"
grep -q '^[-+] *"bbox"\|^[-+] *"mlm:tasks"\|^[-+] *"x-real"\|^[-+] *"bands"\|^[-+] *"result"' "$T/layout.patch" \
    && bad "--diff shows lines the migration did not change: $(grep '^[-+] ' "$T/layout.patch" | head -3)"
grep -q '^-.*"dim_order": \["batch", "channel"\]' "$T/layout.patch" && grep -q '^+.*"dim_order": \["batch", "bands"\]' "$T/layout.patch" \
    || bad "--diff does not show the changed one-line input in place"
"$B" --allow-todo "$L" 2>/dev/null | grep -q '^    "x-real": 1.0,$' || bad "1.0 or the indentation not kept"
grep -q '^+ *"value_scaling": \[{"type": "z-score", "mean": 1.0, "stddev": 2.5}, {' "$T/layout.patch" \
    || bad "a new array of flat objects does not follow the source's one-line habit (statistics)"
cp "$L" "$T/lay.json"; (cd "$T" && patch -s lay.json < layout.patch); "$B" --allow-todo "$L" 2>/dev/null | cmp -s - "$T/lay.json" \
    || bad "the layout diff does not produce the written document"
"$B" --allow-todo "$L" 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)' || bad "layout output is not JSON"
# the same document written in other layouts ("k":v, "k" : v, four spaces, tabs, CRLF, one line,
# minified without a final newline): --diff shows as many changed lines as for the two-space
# copy (layouts/two-space.json), one line for the one-line copies, and the patch gives the
# written document
ref=$("$B" --diff --allow-todo "$FX/layouts/two-space.json" 2>/dev/null | grep -c '^[-+][^-+]')
[ "$ref" -gt 0 ] && [ "$ref" -lt 20 ] || bad "two-space source: $ref changed lines"
for f in "$FX"/layouts/*.json; do
    "$B" --diff --allow-todo "$f" 2>/dev/null > "$T/l.patch"
    n=$(grep -c '^[-+][^-+]' "$T/l.patch")
    case $(basename "$f") in one-line.json|minified.json) want=2 ;; *) want=$ref ;; esac
    [ "$n" = "$want" ] || bad "$(basename "$f"): --diff changes $n lines, not $want (the layout is not kept)"
    cp "$f" "$T/l.json"; (cd "$T" && patch -s l.json < l.patch 2>/dev/null)
    "$B" --allow-todo "$f" 2>/dev/null | cmp -s - "$T/l.json" || bad "$(basename "$f"): the diff does not give the written document"
done
grep -q '"mlm:input":\[' "$FX/layouts/colon-nospace.json" || bad "colon-nospace fixture lost its spacing"
"$B" --allow-todo "$FX/layouts/crlf.json" 2>/dev/null | grep -qv $'\r$' && bad "a CRLF document gets LF lines"
"$B" --allow-todo "$FX/layouts/minified.json" 2>/dev/null | tail -c 1 | grep -q '}' || bad "a document without a final newline gets one"
# each real with its own fewest exact digits: 0.1 next to a 17-digit value stays 0.1, 1000.0 is not 1e3
sed 's/"x-real": 1.0,/"x-real": 1.0, "x-long": 0.30000000000000004, "x-small": 0.1, "x-big": 1000.0,/' "$L" > "$T/reals.json"
out=$("$B" --allow-todo "$T/reals.json" 2>/dev/null)
for v in '"x-long": 0.30000000000000004,' '"x-small": 0.1,' '"x-big": 1000.0,' '"x-real": 1.0,'; do
    grep -qF "$v" <<<"$out" || bad "real not written as in the source: $v"
done

# values
out=$("$B" --allow-todo "$FX/v1.0.0-framework.json" 2>/dev/null)
grep -q '"mlm:framework": "scikit-learn"' <<<"$out" || bad "framework not renamed"
grep -q '"x-extra": 0.1,' <<<"$out" || bad "0.1 not kept as written"
out=$("$B" --allow-todo "$FX/v1.2.0-code-role.json" 2>/dev/null)
grep -q '"type": "min-max"' <<<"$out" || bad "no value_scaling"
grep -q '"norm_type"\|"statistics"' <<<"$out" && bad "norm_type/statistics left"
out=$("$B" --allow-todo "$FX/draft-rows.json" 2>/dev/null)
grep -q '"mlm:batch_size_suggestion": 4,' <<<"$out" || bad "batch size not an integer"
grep -q '"custom:keep"' <<<"$out" || bad "unknown field lost"
[ "$(grep -o '"name": "crop-mapping-[12]"' <<<"$out" | wc -l)" = 2 ] || bad "two results, two outputs"
"$B" --to 1.3.0 "$FX/v1.3.0-host.json" 2>/dev/null | grep -q 'https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json' \
    || bad "1.3.0 not moved to crim-ca"

out=$("$B" --allow-todo --to 1.3.0 "$FX/dl-model.json" 2>/dev/null)
grep -q '"bands": \[' <<<"$out" && grep -q '"b"' <<<"$out" || bad "dl-model bands not named"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["properties"]
p["dlm:data"]["scaling_factor"] = 10000; p["dlm:archive"] = [{"name": "weights.pt"}]; p["dlm:runtime"]["docker"] = "roads:1"
json.dump(d, open(sys.argv[2], "w"))' "$FX/dl-model.json" "$T/dl-extra.json"
"$B" --allow-todo --to 1.3.0 "$T/dl-extra.json" >"$T/dl.out" 2>"$T/dl.rep"
python3 -c 'import json,sys; rep=open(sys.argv[1]).read()
p=json.load(open(sys.argv[2]))["properties"]
assert p["dlm:data"]["scaling_factor"] == 10000 and p["dlm:archive"] and p["dlm:runtime"] == {"docker": "roads:1"}, p
assert "dlm:inputs" not in p and "dlm:outputs" not in p, p
for k, v in p.items():
    if k.startswith("dlm:"):  # what is left of dl-model is what MLM has not, each member pointed at by a TODO
        for m in (v if isinstance(v, dict) else {"": v}):
            assert ("TODO MIG902 [dl-model -> 1.0.0] /properties/" + k + ("/" + m if m else "")) in rep, (k, m)' "$T/dl.rep" "$T/dl.out" \
    || bad "a dl-model field left without its TODO"
"$B" --allow-todo --to 1.3.0 "$FX/dl-model.json" 2>&1 >/dev/null | grep -q '\[dl-model -> 1.0.0\]' || bad "dl-model step not named"

# what mlm-validate still finds after the migration is a TODO (an undefined mlm: field in v1.4.0)
sed 's/"mlm:framework": "PyTorch",/"mlm:framework": "PyTorch", "mlm:typo": 1,/' "$FX/v1.3.0-host.json" > "$T/typo.json"
"$B" --to 1.3.0 "$T/typo.json" >/dev/null 2>&1; [ $? = 0 ] || bad "an mlm: field unknown to v1.3.0 is accepted there"
"$B" --to 1.4.0 --allow-todo "$T/typo.json" 2>&1 >/dev/null | grep -q 'TODO MLM107 .*/properties/mlm:typo' || bad "remaining error not reported"
"$B" --to 1.4.0 "$T/typo.json" >/dev/null 2>&1; [ $? = 1 ] || bad "remaining error must exit 1"

# --help, the man page and the README agree on the options
for opt in $("$B" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -q -- "$(sed 's/-/\\\\-/g' <<<"$opt")" "$SRC/docs/mlm-migrate.1" || bad "man page lacks $opt"
done
for opt in $(grep -oE -- '\\-\\-[a-z]+(\\-[a-z]+)*' "$SRC/docs/mlm-migrate.1" | sed 's/\\//g' | sort -u); do
    "$B" --help | grep -q -- "$opt" || bad "--help lacks $opt (in the man page)"
done
for opt in --to --in-place --check --diff --allow-todo; do
    grep -q -- "mlm-migrate.*$opt" "$SRC/README.md" || bad "README does not show $opt"
done

# exit codes
"$B" "$FX/draft-rows.json" >/dev/null 2>&1; [ $? = 1 ] || bad "TODOs must exit 1"
"$B" --allow-todo "$FX/draft-rows.json" >/dev/null 2>&1; [ $? = 0 ] || bad "--allow-todo must exit 0"
"$B" --to 9.9.9 "$FX/draft-rows.json" >/dev/null 2>&1; [ $? = 2 ] || bad "bad --to must exit 2"
"$B" --bogus >/dev/null 2>&1; [ $? = 2 ] || bad "bad option must exit 2"
"$B" "$T/missing.json" >/dev/null 2>&1; [ $? = 3 ] || bad "missing file must exit 3"
printf '{"a": ' > "$T/broken.json"; "$B" "$T/broken.json" >/dev/null 2>&1; [ $? = 3 ] || bad "bad JSON must exit 3"
echo '{"properties": {}}' | "$B" >/dev/null 2>&1; [ $? = 1 ] || bad "neither MLM nor STAC must exit 1"
echo '{"type": "Feature"}' | "$B" 2>&1 >/dev/null | grep -q 'note MIG002 (root)' || bad "a Feature without MLM is not passed through"
"$B" --to 1.0.0 "$FX/v1.3.0-host.json" >/dev/null 2>&1; [ $? = 1 ] || bad "downgrade must exit 1"
"$B" "$FX/v1.3.0-host.json" "$FX/v1.4.0-entrypoint.json" >/dev/null 2>&1; [ $? = 2 ] || bad "two inputs to stdout must exit 2"
"$B" --allow-todo - < "$FX/v1.4.0-entrypoint.json" | grep -q '"code"' || bad "stdin"
"$B" --format json --allow-todo "$FX/v1.4.0-entrypoint.json" 2>&1 >/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r[0]["entries"][0]["id"]' \
    || bad "json report"

# --check, --diff, --in-place (permissions kept, symlink target rewritten)
cp "$FX/v1.4.0-entrypoint.json" "$T/a.json"; chmod 640 "$T/a.json"; ln -s a.json "$T/link.json"
"$B" --check "$T/a.json" >/dev/null; [ $? = 1 ] || bad "--check must exit 1 on change"
"$B" --diff "$T/a.json" 2>/dev/null > "$T/d.patch"
grep -q '^+++ b/' "$T/d.patch" || bad "--diff header"
cp "$T/a.json" "$T/orig.json"
"$B" --in-place "$T/link.json" >/dev/null || bad "--in-place"
[ -L "$T/link.json" ] || bad "symlink replaced"
[ "$(stat -c %a "$T/a.json")" = 640 ] || bad "permissions not kept"
(cd "$T" && cp orig.json patched.json && patch -s patched.json < d.patch && cmp -s patched.json a.json) || bad "diff does not produce the in-place result"
"$B" --check "$T/a.json" >/dev/null; [ $? = 0 ] || bad "--check after --in-place must exit 0"
ls -a "$T" | grep -q '\.mlm-migrate' && bad "temporary file left"

# corpus LABEL FILE...: every file to every later version. Each migration keeps the
# model (project.py) and is idempotent; those without TODOs pass the official schema
# (stac-oracle, from ../shared) and mlm-validate. Prints the figures.
ORACLE=$SRC/../shared/tools/stac-oracle
corpus() {
  local label=$1; shift
  local d="$T/$label"; mkdir -p "$d"
  local n=0 passed=0 f to o rc pairs=()
  for f in "$@"; do
    for to in 1.0.0 1.1.0 1.2.0 1.3.0 1.4.0 1.5.0 1.5.1 1.5.2; do
      o="$d/out-$to-$n-$(basename "$f")"
      "$B" --allow-todo --format json --to "$to" "$f" > "$o" 2> "$o.report"
      rc=$?
      [ $rc -le 1 ] || bad "exit $rc (a crash or a sanitizer report?): $f -> $to"
      [ $rc = 0 ] || { rm -f "$o"; continue; }
      if grep -q '"from_version": "none"' "$o.report"; then # no MLM in it: passed through unchanged
        python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' "$f" "$o" \
            || bad "a document without MLM was changed: $f -> $to"
        passed=$((passed+1)); rm -f "$o"; continue
      fi
      n=$((n+1))
      grep -q '"kind": "todo"' "$o.report" || cp "$o" "$d/clean-${o##*/}"
      pairs+=("$f" "$o")
      "$B" --check --allow-todo --to "$to" "$o" >/dev/null 2>&1 || bad "not idempotent: $f -> $to"
    done
  done
  python3 "$SRC/tests/migrate/project.py" "${pairs[@]}" || bad "a migration changed the model (above)"
  echo "$label: $n migrations of $# documents ($passed passed through: no MLM in them)"
  cat "$d"/*.report | python3 -c '
import json, sys, collections
src, todo = collections.Counter(), collections.Counter()
dec = json.JSONDecoder(); text = sys.stdin.read(); i = 0
while i < len(text):
    if text[i].isspace(): i += 1; continue
    arr, i = dec.raw_decode(text, i)
    for r in arr:
        if "from_version" not in r: continue
        src[r["from_version"]] += 1
        for e in r["entries"]:
            if e["kind"] == "todo": todo[e["id"]] += 1
print("  migrations by source version:", dict(sorted(src.items())))
print("  TODOs by kind:", dict(sorted(todo.items())))'
  if [ -n "$V" ] && ls "$d"/clean-*.json >/dev/null 2>&1; then
    "$V" -q "$d"/clean-*.json > "$d/validate.txt" 2>&1 || { bad "mlm-validate rejects a migration without TODOs:"; cat "$d/validate.txt"; }
  fi
  if [ -x "$ORACLE" ]; then
    "$ORACLE" "$d"/out-*.json > "$d/oracle.txt" 2>&1
    for to in 1.0.0 1.1.0 1.2.0 1.3.0 1.4.0 1.5.0 1.5.1 1.5.2; do
      echo "  to $to: $(grep -c "/out-$to-.*: valid\$" "$d/oracle.txt") of $(ls "$d"/out-$to-*.json 2>/dev/null | wc -l) valid (official schema)"
    done
    if ls "$d"/clean-*.json >/dev/null 2>&1; then
      "$ORACLE" "$d"/clean-*.json > "$d/clean.txt" 2>&1 || { bad "a migration without TODOs is invalid:"; grep -v ': valid$' "$d/clean.txt"; }
    fi
  else
    echo "  SKIP: ../shared/tools/stac-oracle not available; schema validity not checked"
  fi
}

if [ "${4:-}" = --reference ]; then
  R=$SRC/../shared/reference/examples
  [ -d "$R" ] || { echo "SKIP: ../shared/reference/examples not available"; exit 77; }
  files=()
  for f in "$R"/v1.[0-5].[0-9]/*.json "$R"/v1.0.0-beta*/*.json "$R"/seed-draft/*.json; do
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null && files+=("$f")
  done
  corpus reference "${files[@]}" "$FX"/*collection*.json
  exit $fail
fi
corpus examples "$SRC"/examples/*/valid/*.json "$SRC"/examples/draft/undeclared/*.json "$FX"/*collection*.json
exit $fail
