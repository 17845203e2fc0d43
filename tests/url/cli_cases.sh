#!/usr/bin/env bash
# URL cases for the mlm-validate CLI, against tests/url/server.py on 127.0.0.1.
#
# usage: cli_cases.sh [path/to/mlm-validate]      (default: $MLM_VALIDATE)
#
# Expected exit codes can be adjusted to the CLI's conventions:
#   MLM_EXIT_INVALID  a well-formed document that fails validation (default 1)
#   MLM_EXIT_ERROR    the input could not be read/fetched/parsed   (default 3)
# Exits 0 when every case passes, 1 otherwise, 77 (skip) without python3 or
# openssl. Each case prints "ok" or "FAIL" with the command and its output.
set -u

here=$(cd "$(dirname "$0")" && pwd)
validate=${1:-${MLM_VALIDATE:-}}
exit_invalid=${MLM_EXIT_INVALID:-1}
exit_error=${MLM_EXIT_ERROR:-3}

if [ -z "$validate" ] || [ ! -x "$validate" ]; then
    echo "SKIP: no mlm-validate executable given (argument or \$MLM_VALIDATE)"
    exit 77
fi
for tool in python3 openssl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: the URL CLI tests need $tool in PATH"
        exit 77
    fi
done
# Requests go to 127.0.0.1 directly, whatever the environment says.
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlm-url-cli-XXXXXX")
server_pid=
cleanup() {
    exec 3>&- 2>/dev/null # the server exits when its stdin closes
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

mkfifo "$tmp/stdin"
python3 "$here/server.py" --fixtures "$here/fixtures" --cert-dir "$tmp" \
    <"$tmp/stdin" >"$tmp/ready" 2>"$tmp/server.err" &
server_pid=$!
exec 3>"$tmp/stdin"

for _ in $(seq 1 200); do
    grep -q '^READY' "$tmp/ready" 2>/dev/null && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if ! grep -q '^READY' "$tmp/ready" 2>/dev/null; then
    echo "test server did not start:" >&2
    cat "$tmp/server.err" >&2
    exit 1
fi
read -r _ http_field https_field <"$tmp/ready"
http="http://127.0.0.1:${http_field#http=}"
https="https://127.0.0.1:${https_field#https=}"
cacert="$tmp/cert.pem"

failures=0
# check NAME EXPECTED_EXIT SUBSTRING_OR_EMPTY -- ARGS...
# EXPECTED_EXIT "nz" accepts any non-zero status. SUBSTRING must appear in
# stdout+stderr.
check() {
    local name=$1 want=$2 substring=$3
    shift 4
    local out status
    out=$(timeout 30 "$validate" "$@" 2>&1)
    status=$?
    local status_ok=false
    if [ "$want" = nz ]; then
        [ "$status" -ne 0 ] && status_ok=true
    elif [ "$status" -eq "$want" ]; then
        status_ok=true
    fi
    if $status_ok && { [ -z "$substring" ] || grep -qF -- "$substring" <<<"$out"; }; then
        echo "ok   $name"
    else
        echo "FAIL $name: exit $status (wanted $want), wanted text: '$substring'"
        echo "     command: $validate $*"
        sed 's/^/     | /' <<<"$out"
        failures=$((failures + 1))
    fi
}

check valid-item        0               ""                         -- "$http/item.json"
check invalid-item      "$exit_invalid" ""                         -- "$http/invalid.json"
check not-json          "$exit_error"   ""                         -- "$http/not-json"
check text-plain        0               ""                         -- "$http/text-plain.json"
check gzip              0               ""                         -- "$http/gzip"
check chunked           0               ""                         -- "$http/item-chunked.json"
check http-404          "$exit_error"   "HTTP 404 Not Found"       -- "$http/missing"
check http-500          "$exit_error"   "HTTP 500 Internal Server Error" -- "$http/error"
check redirect-chain    0               ""                         -- "$http/redirect/3"
check max-redirs        "$exit_error"   "too many redirects (limit 2)" -- --max-redirs 2 "$http/redirect/3"
check redirect-loop     "$exit_error"   "too many redirects"       -- "$http/loop"
check redirect-file     "$exit_error"   "refused a redirect to file:///etc/passwd" -- "$http/to-file"
check max-time          "$exit_error"   "timed out"                -- --max-time 1 "$http/slow"
check trickle           "$exit_error"   "timed out"                -- --max-time 2 "$http/trickle"
check max-filesize      "$exit_error"   "larger than the limit of 1048576 bytes" -- --max-filesize 1048576 "$http/big-chunked"
check gzip-bomb         "$exit_error"   "larger than the limit"    -- --max-filesize 1048576 "$http/gzip-bomb"
check refused           "$exit_error"   "could not connect"        -- --connect-timeout 2 "http://127.0.0.1:1/item.json"
check tls-refused       "$exit_error"   "TLS certificate verification failed" -- "$https/item.json"
check tls-insecure      0               "insecure"                 -- -k "$https/item.json"
check tls-insecure-long 0               "insecure"                 -- --insecure "$https/item.json"
check tls-cacert        0               ""                         -- --cacert "$cacert" "$https/item.json"
check header            0               ""                         -- -H "X-Mlm-Test: 1" --header "Accept: application/json" "$http/item.json"
check bad-header        nz              "header"                                 -- -H "no colon" "$http/item.json"

# --recursive over http: relative hrefs resolved against the document's URL
# (RFC 3986, "../invalid.json" leaves /catalog/), a 404 child, a cycle back to
# the root; and a local catalog whose child is an absolute URL.
check crawl-url         "$exit_error"   "5 documents checked: 3 valid, 1 invalid, 1 unreadable" -- -r "$http/catalog/catalog.json"
check crawl-url-via     "$exit_error"   "$http/invalid.json: note: linked from $http/catalog/collection.json (rel=item)" -- -r "$http/catalog/catalog.json"
check crawl-url-404     "$exit_error"   "$http/catalog/missing.json: error[HTTP]: HTTP 404" -- -r "$http/catalog/catalog.json"
check crawl-url-depth   0               "1 document checked"       -- -r --max-depth 0 "$http/catalog/catalog.json"
printf '{"type": "Catalog", "id": "local", "links": [{"rel": "child", "href": "%s/catalog/collection.json"}]}\n' "$http" >"$tmp/local-catalog.json"
check crawl-file-to-url "$exit_error"   "$http/catalog/collection.json: note: linked from $tmp/local-catalog.json (rel=child)" -- -r "$tmp/local-catalog.json"

# --full with an extension schema that answers 404: the schema is reported
# (MLM012, exit 3) and the MLM208 error of the same document survives.
sed "s|https://example.org/missing/v9.9.9/schema.json|$http/missing/schema.json|" \
    "$here/../cli/fixtures/missing-schema.json" >"$tmp/schema-404.json"
check schema-404        "$exit_error"   "and the download failed: HTTP 404" -- --full --no-cache --schema-dir "$here/../schemas" "$tmp/schema-404.json"
check schema-404-rest   "$exit_error"   "error[MLM208]"            -- --full --no-cache --schema-dir "$here/../schemas" "$tmp/schema-404.json"

if [ "$failures" -ne 0 ]; then
    echo "$failures case(s) failed"
    exit 1
fi
echo "all URL CLI cases passed"
