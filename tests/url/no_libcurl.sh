#!/bin/sh
# libcurl is loaded only when a URL is fetched (src/fetch/curl_api.c):
#  1. neither libmlm nor mlm-validate has libcurl as a DT_NEEDED entry (readelf);
#  2. a run without URLs does not load it (LD_DEBUG=libs), a run with one does;
#  3. when it cannot be loaded (MLM_TEST_LIBCURL, a test-only override of the
#     library name), is not libcurl, or is older than 7.85 (OLD_LIBCURL, a
#     stand-in built by the tests), a URL is an input error (exit 3) with a
#     message that says what to install, and files are validated as usual.
# usage: no_libcurl.sh MLM_VALIDATE OLD_LIBCURL [LIBMLM]   (LIBMLM: the shared library, if built)
set -u
validate=$1
old_libcurl=$2
lib=${3:-}
here=$(cd "$(dirname "$0")/../.." && pwd)
item=$here/examples/v1.5.2/valid/tree-species-multi-io.json
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

if command -v readelf >/dev/null 2>&1; then
    for f in "$validate" $lib; do
        if readelf -d "$f" | grep NEEDED | grep -qi curl; then
            bad "$f has libcurl as DT_NEEDED: $(readelf -d "$f" | grep NEEDED | grep -i curl)"
        else
            ok "no libcurl in the DT_NEEDED entries of $(basename "$f")"
        fi
    done
else
    echo "note: readelf not found (Debian: binutils); DT_NEEDED not checked"
fi

# glibc's loader reports every library it opens with LD_DEBUG=libs.
if LD_DEBUG=libs "$validate" --version 2>&1 | grep -q 'calling init:'; then
    if LD_DEBUG=libs "$validate" --quiet "$item" 2>&1 | grep -q 'libcurl'; then
        bad "validating a file loads libcurl"
    else
        ok "validating a file does not load libcurl"
    fi
    if LD_DEBUG=libs "$validate" http://127.0.0.1:9/item.json 2>&1 | grep -q 'calling init:.*libcurl'; then
        ok "a URL loads libcurl"
    else
        bad "a URL did not load libcurl"
    fi
else
    echo "note: the loader does not support LD_DEBUG=libs; loading not checked"
fi

out=$(MLM_TEST_LIBCURL=libmlm-test-no-such-libcurl.so.0 "$validate" http://127.0.0.1:9/item.json 2>&1)
rc=$?
case "$rc:$out" in
3:*"URL support needs libcurl (Debian: libcurl4), which cannot be loaded"*"install libcurl"*)
    ok "missing libcurl: exit 3 and the install hint" ;;
*) bad "missing libcurl: exit $rc, output: $out" ;;
esac
out=$(MLM_TEST_LIBCURL=libm.so.6 "$validate" http://127.0.0.1:9/item.json 2>&1)
rc=$?
case "$rc:$out" in
3:*"has no function curl_"*) ok "a library that is not libcurl: exit 3, the missing function named" ;;
*) bad "a library that is not libcurl: exit $rc, output: $out" ;;
esac
out=$(MLM_TEST_LIBCURL=$old_libcurl "$validate" http://127.0.0.1:9/item.json 2>&1)
rc=$?
case "$rc:$out" in
3:*"URL support needs libcurl 7.85 or later, but "*" is version 7.74.0"*) ok "libcurl 7.74: exit 3, refused before any transfer" ;;
*) bad "libcurl 7.74: exit $rc, output: $out" ;;
esac
out=$(MLM_TEST_LIBCURL=libmlm-test-no-such-libcurl.so.0 "$validate" "$item" 2>&1)
rc=$?
[ "$rc" = 0 ] && ok "files are validated without libcurl" || bad "a file without libcurl: exit $rc, output: $out"
exit $fail
