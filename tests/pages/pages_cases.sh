#!/usr/bin/env bash
# STAC API paging of mlm-validate against tests/pages/stac_api.py on 127.0.0.1:
# GET and POST next links (body, headers, merge), --max-pages / --max-items,
# Retry-After on 429 and 503 (seconds and HTTP-date), a loop of next links,
# broken pages, and every feature named by its page URL and index in every
# report format.
#
# usage: pages_cases.sh path/to/mlm-validate     Exit 0 = pass, 1 = fail,
# 77 = skip (no python3).
set -u
here=$(cd "$(dirname "$0")" && pwd)
validate=${1:-${MLM_VALIDATE:-}}
if [ -z "$validate" ] || [ ! -x "$validate" ]; then
    echo "SKIP: no mlm-validate executable given"; exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlm-pages-XXXXXX")
server_pid=
cleanup() {
    exec 3>&- 2>/dev/null
    [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkfifo "$tmp/stdin"
python3 "$here/stac_api.py" --fixtures "$here/../url/fixtures" <"$tmp/stdin" >"$tmp/ready" \
    2>"$tmp/server.err" &
server_pid=$!
exec 3>"$tmp/stdin"
for _ in $(seq 1 100); do
    grep -q '^READY' "$tmp/ready" 2>/dev/null && break
    sleep 0.1
done
grep -q '^READY' "$tmp/ready" || { echo "server did not start"; cat "$tmp/server.err"; exit 1; }
port=$(sed -n 's/^READY http=\([0-9]*\).*/\1/p' "$tmp/ready")
api="http://127.0.0.1:$port"

failures=0
rc=0
run() { # run ARGS...: output in $tmp/out, stderr in $tmp/err, exit code in $rc
    "$validate" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    last="$*"
}
fail() {
    echo "FAIL: $1 (mlm-validate $last, exit $rc)"
    sed 's/^/  out: /' "$tmp/out" | head -20
    sed 's/^/  err: /' "$tmp/err" | head -10
    failures=$((failures + 1))
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit $1"; }
expect_out() { grep -q -- "$1" "$tmp/out" || fail "stdout lacks /$1/"; }
expect_err() { grep -q -- "$1" "$tmp/err" || fail "stderr lacks /$1/"; }
summary() { expect_out "^$1 documents checked: $2 valid, $3 invalid, $4 unreadable"; }

# GET pages: every feature of every page.
run "$api/collections/good/items"; expect_rc 0; summary 6 6 0 0

# An invalid Item on page 7 fails the run (exit 1), named by page URL and index
# in every format.
run "$api/collections/bad7/items"; expect_rc 1; summary 16 15 1 0
expect_out "items?page=7:[0-9]*:[0-9]*: error\[MLM100\].*(at /features/1/properties)"
expect_out "items?page=7: note: linked from .*items?page=6 (rel=next)"
run -f json "$api/collections/bad7/items"; expect_rc 1
python3 - "$tmp/out" <<'PY' || fail "json: the invalid feature is not named by page and index"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad = [r for r in rows if r.get("valid") is False]
assert len(bad) == 1, bad
assert bad[0]["source"].endswith("items?page=7") and bad[0]["pointer"] == "/features/1", bad[0]
assert bad[0]["via"]["rel"] == "next" and bad[0]["via"]["source"].endswith("page=6")
PY
for f in github sarif junit; do
    run -f "$f" "$api/collections/bad7/items"; expect_rc 1
    grep -q 'items?page=7' "$tmp/out" && grep -q '/features/1' "$tmp/out" ||
        fail "$f: the invalid feature is not named by page and index"
done

# --max-pages and --max-items: named on stderr, not failures.
run --max-pages 5 "$api/collections/forever/items"; expect_rc 0; summary 10 10 0 0
expect_err "next link not followed: --max-pages 5 reached"
run --max-items 7 "$api/collections/forever/items"; expect_rc 0; summary 7 7 0 0
expect_err "next link not followed: --max-items 7 reached"
run --max-pages 0 --max-items 0 --max-depth 0 "$api/collections/good/items"; expect_rc 0
summary 6 6 0 0

# 429 (Retry-After: 1) then 503 (Retry-After: HTTP-date): waited, retried, read.
run "$api/collections/throttled/items?run=a"; expect_rc 0; summary 6 6 0 0
# ... unless retries are off,
run --retries 0 "$api/collections/throttled/items?run=b"; expect_rc 3
expect_out "error\[HTTP\]: HTTP 429 Too Many Requests.*gave up after 0 retries"
# ... or the server asks for more than the cap on one wait.
run "$api/collections/patient/items"; expect_rc 3
expect_out "asked to retry after 3600 s, longer than the 60 s this tool waits"

# A loop of next links is detected, reported (exit 3) and not followed forever.
run "$api/collections/loop/items"; expect_rc 3
expect_out "next links form a loop, so paging stopped here"
summary 9 8 0 1
# A last next link back to the very URL of the first page: the loop is seen
# there, and the first page is not read twice (issue 17.6).
run "$api/collections/loopfirst/items"; expect_rc 3
expect_out "next links form a loop, so paging stopped here"
summary 7 6 0 1

# A broken page: exit 3, the pages before it still reported.
run "$api/collections/broken/items"; expect_rc 3; summary 3 2 0 1
expect_out "items?page=2: error\[HTTP\]: HTTP 500"
run "$api/collections/badjson/items"; expect_rc 3; summary 3 2 0 1
expect_out "items?page=2:1:[0-9]*: error\[JSON\]"

# POST paging: body and header of the next link, then "merge": true (the
# server answers 400 unless the merged body and header arrive).
run "$api/search"; expect_rc 1; summary 6 5 1 0
expect_out "/search (POST page 3):[0-9]*:[0-9]*: error\[MLM101\].*(at /features/0/"
expect_out "/search (POST page 3): note: linked from .*/search (POST page 2) (rel=next)"

# A saved page named on the command line follows its next link too, and the
# inputs keep their order: the file's pages come before the next input.
python3 - "$here/../url/fixtures/item.json" "$api" >"$tmp/page.json" <<'PY'
import json, sys
item = json.load(open(sys.argv[1]))
print(json.dumps({"type": "FeatureCollection", "features": [item],
                  "links": [{"rel": "next", "href": sys.argv[2] + "/collections/good/items?page=3"}]}))
PY
run -f json "$tmp/page.json" "$here/../url/fixtures/item.json"; expect_rc 0
python3 - "$tmp/out" <<'PY' || fail "a saved page: wrong documents or order"
import json, sys
src = [json.loads(l)["source"] for l in open(sys.argv[1]) if l.strip()]
assert src[0].endswith("page.json") and src[1].endswith("page=3") and src[2].endswith("page=3") \
    and src[3].endswith("item.json") and len(src) == 4, src
PY

# The same collection twice is two walks, not a loop.
run "$api/collections/good/items" "$api/collections/good/items"; expect_rc 0; summary 12 12 0 0

# Several URLs are one walk (downloaded in parallel), pages level by level:
# the first pages of every input, then the second pages...; the same order
# for any --jobs.
run -f json --jobs 1 "$api/collections/good/items" "$api/collections/bad7/items"; expect_rc 1
python3 - "$tmp/out" <<'PY' || fail "two paged URLs: not level by level"
import json, sys
src = [json.loads(l)["source"].split("/collections/")[1] for l in open(sys.argv[1]) if l.strip()]
want = ["good/items"] * 2 + ["bad7/items"] * 2
for page in range(2, 9):
    if page <= 3:
        want += ["good/items?page=%d" % page] * 2
    want += ["bad7/items?page=%d" % page] * 2
assert src == want, src
PY
cp "$tmp/out" "$tmp/order1"
run -f json --jobs 8 "$api/collections/good/items" "$api/collections/bad7/items"; expect_rc 1
cmp -s "$tmp/out" "$tmp/order1" || fail "two paged URLs: another order with --jobs 8"

# A paged collection reached by --recursive is paged too (items link).
echo "{\"type\": \"Catalog\", \"id\": \"c\", \"stac_version\": \"1.0.0\", \"description\": \"d\", \"links\": [{\"rel\": \"items\", \"href\": \"$api/collections/good/items\"}]}" >"$tmp/cat.json"
run --recursive "$tmp/cat.json"; expect_rc 0; summary 7 7 0 0

# --recursive loads catalogs through the pool: the output order must be that
# of the one-at-a-time walk whatever --jobs, on files and over HTTP. A tree of
# nested catalogs, items at every level, a cycle and a document linked twice.
python3 - "$here/../url/fixtures/item.json" "$tmp/tree" <<'PY'
import json, os, sys
item = json.load(open(sys.argv[1]))
root = sys.argv[2]
def cat(path, children, items, extra=()):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    links = [{"rel": "child", "href": c} for c in children] + \
            [{"rel": "item", "href": i} for i in items] + list(extra)
    json.dump({"type": "Catalog", "stac_version": "1.0.0", "id": path, "description": "t",
               "links": links}, open(path, "w"))
for a in range(3):
    for b in range(3):
        d = "%s/a%d/b%d" % (root, a, b)
        for i in range(4):
            os.makedirs(d, exist_ok=True)
            item["id"] = "%d-%d-%d" % (a, b, i)
            json.dump(item, open("%s/i%d.json" % (d, i), "w"))
        cat(d + "/catalog.json", [], ["i%d.json" % i for i in range(4)],
            [{"rel": "child", "href": "../../catalog.json"}])  # a cycle to the root
    item["id"] = "a%d" % a
    json.dump(item, open("%s/a%d/item.json" % (root, a), "w"))
    cat("%s/a%d/catalog.json" % (root, a), ["b%d/catalog.json" % b for b in range(3)],
        ["item.json", "../a0/item.json"])  # a0's item linked three times
cat(root + "/catalog.json", ["a%d/catalog.json" % a for a in range(3)], [])
PY
run --recursive --jobs 1 -f json "$tmp/tree/catalog.json"; expect_rc 0
cut -d, -f1 "$tmp/out" >"$tmp/order1"
[ "$(wc -l <"$tmp/order1")" -eq 52 ] || fail "the tree: expected 52 documents"
for j in 2 8; do
    run --recursive --jobs "$j" -f json "$tmp/tree/catalog.json"; expect_rc 0
    cut -d, -f1 "$tmp/out" | cmp -s - "$tmp/order1" || fail "--recursive --jobs $j: another order"
done
# A wide tree (9,005 documents, 9,003 catalogs): the walker drops spent queue
# entries on the way (past 4,096); the order must not change.
python3 - "$here/../url/fixtures/item.json" "$tmp/wide" <<'PY'
import json, os, sys
root = sys.argv[2]
os.makedirs(root)
json.dump(json.load(open(sys.argv[1])), open(root + "/item.json", "w"))
def cat(name, links):
    json.dump({"type": "Catalog", "id": name, "stac_version": "1.0.0", "description": "w",
               "links": links}, open("%s/%s.json" % (root, name), "w"))
cat("catalog", [{"rel": "child", "href": "c%d.json" % c} for c in range(3)])
for c in range(3):
    cat("c%d" % c, [{"rel": "child", "href": "c%d-%d.json" % (c, k)} for k in range(3000)])
    for k in range(3000):
        cat("c%d-%d" % (c, k), [{"rel": "item", "href": "item.json"}])
PY
run --recursive --jobs 1 -f json "$tmp/wide/catalog.json"; expect_rc 0
cut -d, -f1 "$tmp/out" >"$tmp/order1"
[ "$(wc -l <"$tmp/order1")" -eq 9005 ] || fail "the wide tree: expected 9005 documents"
run --recursive --jobs 4 -f json "$tmp/wide/catalog.json"; expect_rc 0
cut -d, -f1 "$tmp/out" | cmp -s - "$tmp/order1" || fail "the wide tree: another order with --jobs 4"

run --recursive --jobs 1 -f json "$api/cat/catalog.json"; expect_rc 0
cut -d, -f1 "$tmp/out" >"$tmp/order1"
[ "$(wc -l <"$tmp/order1")" -eq 7 ] || fail "the HTTP catalog: expected 7 documents"
run --recursive --jobs 8 -f json "$api/cat/catalog.json"; expect_rc 0
cut -d, -f1 "$tmp/out" | cmp -s - "$tmp/order1" || fail "--recursive over HTTP: another order"

# Child and item links from a URL never lead to local files: not followed,
# said on stderr, and nothing of the file is read.
run --recursive "$api/hostile-catalog"; expect_rc 0; expect_out "^1 document checked: 1 valid"
expect_err "rel=child href=file:///etc/passwd not followed: only http and https links are followed from a URL"
expect_err "rel=item href=file:///etc/hostname not followed"
grep -q "root:" "$tmp/out" "$tmp/err" && fail "read /etc/passwd through a child link"

# --max-requests bounds the downloads at once (the server counts them).
run --recursive --jobs 8 --max-requests 2 "$api/slowcat/catalog.json"; expect_rc 0
summary 7 7 0 0
most=$(python3 -c 'import json, sys, urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1]))["most_at_once"])' "$api/stats")
[ "$most" -ge 1 ] && [ "$most" -le 2 ] || fail "--max-requests 2: $most requests at once"
run --max-requests -1 "$api/slowcat/catalog.json"; expect_rc 2

# Hostile next links: refused with a message, never read or sent.
run "$api/hostile/file"; expect_rc 0; expect_out "^1 document checked: 1 valid, 0 invalid, 0 unreadable"
expect_err "href=file:///etc/passwd not followed: only http and https links are followed from a URL"
grep -q "root:" "$tmp/out" "$tmp/err" && fail "a file: next link from a URL was read"
run "$api/hostile/scheme"; expect_rc 0; expect_out "^1 document checked: 1 valid, 0 invalid, 0 unreadable"
expect_err "href=gopher://127.0.0.1/1 not followed: only http and https links are followed"
run "$api/hostile/body"; expect_rc 3; summary 2 1 0 1
expect_out "has a POST body that is not a JSON object"
run "$api/hostile/huge"; expect_rc 0; expect_out "^1 document checked: 1 valid, 0 invalid, 0 unreadable"
expect_err "an href of 100011 bytes) not followed: the href is longer than 8192 bytes"
[ "$(wc -c <"$tmp/err")" -lt 2000 ] || fail "the huge href is printed in full"
run "$api/hostile/headers"; expect_rc 3; summary 2 1 0 1
expect_out "has headers that are not a JSON object"

if [ "$failures" -ne 0 ]; then
    echo "$failures case(s) failed"; exit 1
fi
echo "all paging cases passed"
