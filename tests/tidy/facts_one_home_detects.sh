#!/bin/sh
# facts_one_home.py must refuse each kind of fact it is shown outside the
# facts table (exit 1, the place named) and accept the tree once it is gone.
# Usage: facts_one_home_detects.sh PYTHON SCRIPT
py=$1 script=$2
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/src/facts" "$d/src/rules" "$d/tools/t"
cat > "$d/src/facts/versions.def" <<'DEF'
/* MLMP_RELEASE(9_9_9, "9.9.9", ...) in a comment is not a row */
MLMP_VERSION(DRAFT, "draft", "https://example.org/draft/schema.json", 0, 0)
MLMP_RELEASE(1_0_0, "1.0.0", SE, SELF_SE, 0)
MLMP_RELEASE(1_1_0, "1.1.0", SE, SELF_SE, 0)
MLMP_RELEASE(1_2_0, "1.2.0", SE, SELF_SE, 0)
#ifdef TEST_ONLY
MLMP_RELEASE(1_3_0, "1.3.0", SE, SELF_SE, 0)
#endif
DEF
printf 'const char *k = "mlm:input"; /* "mlm:output" in a comment is fine */\n' > "$d/src/facts.c"
clean='const char *m = "the mlm:input " "field"; /* 1.2.0 */\nint v = MLM_SPEC_1_1_0;\n'
printf "$clean" > "$d/src/ok.c"
printf '/* "mlm:x" and 1.0.0, 1.1.0, 1.2.0 in the registry texts */\n' > "$d/src/rules/rules_x.def"
printf 'MLMP_RULE("a", "versions 1.0.0, 1.1.0 and 1.3.0 differ")\n' >> "$d/src/rules/rules_x.def"
"$py" "$script" "$d" || { echo "FAIL: a clean tree was refused"; exit 1; }
expect() { # what, file, content, text the report must hold
    printf '%s\n' "$3" > "$d/$2"
    out=$("$py" "$script" "$d"); rc=$?
    echo "$out"
    [ "$rc" = 1 ] || { echo "FAIL: $1 was not refused (exit $rc)"; exit 1; }
    echo "$out" | grep -qF "$4" || { echo "FAIL: $1: the report lacks '$4'"; exit 1; }
    printf "$clean" > "$d/src/ok.c"
    rm -f "$d/tools/t/main.c" "$d/src/migrate/steps.c"
    "$py" "$script" "$d" >/dev/null || { echo "FAIL: $1: not clean again"; exit 1; }
}
expect "an mlm: name" src/ok.c 'json_object_get(o, "mlm:accelerator");' \
    'src/ok.c:1: the mlm: name "mlm:accelerator"'
expect "a split mlm: name" tools/t/main.c 'const char *k = "mlm:" "name";' \
    'tools/t/main.c:1: the mlm: name "mlm:name"'
expect "a version list" tools/t/main.c 'puts("use 1.0.0, 1.1.0 or 1.2.0");' \
    'tools/t/main.c:1: a list of MLM versions (1.0.0, 1.1.0, 1.2.0)'
expect "the newest version" src/ok.c 'puts("migrate to v1.2.0");' \
    'src/ok.c:1: the newest version "1.2.0"'
expect "the newest enumerator" src/ok.c 'int x = c->spec > MLM_SPEC_1_2_0;' \
    'src/ok.c:1: MLM_SPEC_1_2_0'
expect "the draft identifier" src/ok.c 'puts("list https://example.org/draft/schema.json");' \
    "src/ok.c:1: the draft's identifier"
# The migration (src/migrate/) takes its names from the table too: no allow-list.
mkdir -p "$d/src/migrate"
expect "an mlm: name in the migration" src/migrate/steps.c 'const char *k = "mlm:input";' \
    'src/migrate/steps.c:1: the mlm: name "mlm:input"'
echo "PASS"
