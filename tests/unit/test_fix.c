/* src/fix.c: fixes as data (issue 19): the text edits computed from JSON
 * Patch operations on the source bytes, their columns in characters, and
 * the two appliers. */
#include "testutil.h"

#include <string.h>

#include "fix.h"
#include "mlm.h"
#include "rules/rules.h"

/* ---- mlm_text_apply_edits ------------------------------------------------------ */

static char *apply(const char *text, const mlm_text_edit *e, size_t n, int *rc)
{
    char *out = NULL;
    size_t len = 0;
    mlm_error err;
    mlm_error_init(&err);
    *rc = mlm_text_apply_edits(text, strlen(text), e, n, &out, &len, &err);
    if (*rc == MLM_OK) {
        assert_non_null(out);
        assert_int_equal(len, strlen(out));
    } else {
        assert_null(out);
        assert_int_equal(err.code, *rc);
    }
    return out;
}

static void test_apply_basic(void **state)
{
    (void)state;
    int rc;
    /* Given out of order; positions refer to the original text. */
    mlm_text_edit e[] = {{2, 3, 2, 5, "xyz"}, {1, 1, 1, 1, ">"}, {1, 3, 2, 1, ""}};
    char *out = apply("ab\ncdefgh\n", e, 3, &rc);
    assert_int_equal(rc, MLM_OK);
    assert_string_equal(out, ">abcdxyzgh\n");
    mlm_free(out);
    /* No edit: a copy. */
    out = apply("same", NULL, 0, &rc);
    assert_string_equal(out, "same");
    mlm_free(out);
    /* The end of a text without a final newline, and the empty line after one. */
    mlm_text_edit end1 = {1, 4, 1, 4, "!"};
    out = apply("abc", &end1, 1, &rc);
    assert_string_equal(out, "abc!");
    mlm_free(out);
    mlm_text_edit end2 = {2, 1, 2, 1, "!"};
    out = apply("abc\n", &end2, 1, &rc);
    assert_string_equal(out, "abc\n!");
    mlm_free(out);
}

static void test_apply_characters(void **state)
{
    (void)state;
    int rc;
    /* Columns count characters: "é" is 2 bytes, "𝔸" 4 (2 UTF-16 units). */
    mlm_text_edit e = {1, 7, 1, 10, "\"b\""};
    char *out = apply("\"é𝔸\": \"a\"}", &e, 1, &rc);
    assert_int_equal(rc, MLM_OK);
    assert_string_equal(out, "\"é𝔸\": \"b\"}");
    mlm_free(out);
    /* CRLF: the carriage return is a character at the end of its line. */
    mlm_text_edit c = {2, 2, 2, 3, "Z"};
    out = apply("a\r\nbcd\r\n", &c, 1, &rc);
    assert_string_equal(out, "a\r\nbZd\r\n");
    mlm_free(out);
}

static void test_apply_refused(void **state)
{
    (void)state;
    int rc;
    mlm_text_edit overlap[] = {{1, 1, 1, 4, "x"}, {1, 3, 1, 5, "y"}};
    assert_null(apply("abcdef", overlap, 2, &rc));
    assert_int_equal(rc, MLM_ERR_INVALID_ARG);
    mlm_text_edit two_inserts[] = {{1, 2, 1, 2, "x"}, {1, 2, 1, 2, "y"}};
    assert_null(apply("abcdef", two_inserts, 2, &rc));
    assert_int_equal(rc, MLM_ERR_INVALID_ARG);
    mlm_text_edit touching[] = {{1, 1, 1, 3, "x"}, {1, 3, 1, 5, "y"}};
    char *out = apply("abcdef", touching, 2, &rc);
    assert_string_equal(out, "xyef");
    mlm_free(out);
    mlm_text_edit past_line = {1, 5, 1, 5, "x"}; /* "ab\n": column 4 is past the line */
    assert_null(apply("abc\nd", &past_line, 1, &rc));
    assert_int_equal(rc, MLM_ERR_INVALID_ARG);
    mlm_text_edit past_text = {3, 1, 3, 1, "x"};
    assert_null(apply("abc\nd", &past_text, 1, &rc));
    mlm_text_edit backwards = {1, 3, 1, 2, "x"};
    assert_null(apply("abc", &backwards, 1, &rc));
    mlm_text_edit zero = {0, 1, 1, 1, "x"};
    assert_null(apply("abc", &zero, 1, &rc));
    mlm_text_edit null_text = {1, 1, 1, 1, NULL};
    assert_null(apply("abc", &null_text, 1, &rc));
    char *o = NULL;
    /* A fix whose own edits overlap is refused whole (it crashed once: fuzz_edits),
     * and so are two insertions at one place; a fix after it is not applied either. */
    mlm_fix bad = {"bad", 1, 0, NULL, 2, overlap}, bad2 = {"bad2", 1, 0, NULL, 2, two_inserts};
    mlm_fix good = {"good", 1, 0, NULL, 1, &touching[0]};
    const mlm_fix *fixes[] = {&good, &bad};
    size_t applied = 7;
    mlm_error err = MLM_ERROR_INIT;
    assert_int_equal(mlm_fixes_apply(fixes, 2, "abcdef", 6, 0, &o, NULL, &applied, &err),
                     MLM_ERR_INVALID_ARG);
    assert_null(o);
    assert_int_equal(applied, 0);
    assert_non_null(strstr(err.text, "overlap"));
    fixes[1] = &bad2;
    assert_int_equal(mlm_fixes_apply(fixes, 2, "abcdef", 6, 0, &o, NULL, &applied, NULL),
                     MLM_ERR_INVALID_ARG);
    assert_null(o);
    assert_int_equal(mlm_text_apply_edits(NULL, 3, NULL, 0, &o, NULL, NULL), MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_text_apply_edits("abc", 3, NULL, 0, NULL, NULL, NULL),
                     MLM_ERR_INVALID_ARG);
}

/* ---- edits computed from patch operations ----------------------------------------- */

/* The text after computing and applying the edits of one fix with op. */
static char *edit_with(const char *text, const char *op, const char *path, const char *from,
                       const char *value_json)
{
    mlmp_fixrec *f = mlmp_fixrec_new("test", true);
    json_t *v = value_json ? json_loads(value_json, JSON_DECODE_ANY, NULL) : NULL;
    assert_int_equal(mlmp_fixrec_op(f, op, path, from, v), MLM_OK);
    json_decref(v);
    mlmp_fixrecs_compute_edits(&f, 1, text, strlen(text), 0);
    const mlm_fix *pub = mlmp_fixrec_view(f);
    char *out = NULL;
    if (pub->text_edit_count > 0)
        assert_int_equal(mlm_text_apply_edits(text, strlen(text), pub->text_edits,
                                              pub->text_edit_count, &out, NULL, NULL),
                         MLM_OK);
    mlmp_fixrec_free(f);
    return out;
}

static void expect_edit(const char *text, const char *op, const char *path, const char *from,
                        const char *value, const char *want)
{
    char *out = edit_with(text, op, path, from, value);
    if (!want) {
        assert_null(out);
        return;
    }
    assert_non_null(out);
    assert_string_equal(out, want);
    mlm_free(out);
}

static void test_edits_replace(void **state)
{
    (void)state;
    expect_edit("{\"a\": [\"x\", \"semantic segmentation\"], \"b\": 1}", "replace", "/a/1", NULL,
                "\"semantic-segmentation\"",
                "{\"a\": [\"x\", \"semantic-segmentation\"], \"b\": 1}");
    /* Layout elsewhere is kept byte for byte. */
    expect_edit("{\n\t\"b\" :  1.50 ,\n\t\"a\":{ \"k\":\"v\\\"q\" }\n}\n", "replace", "/a/k",
                NULL, "\"w\"", "{\n\t\"b\" :  1.50 ,\n\t\"a\":{ \"k\":\"w\" }\n}\n");
    /* A whole object value. */
    expect_edit("{\"a\": {\"x\": [1, 2]}, \"b\": 2}", "replace", "/a", NULL, "3",
                "{\"a\": 3, \"b\": 2}");
    /* A pointer that does not resolve: no edits. */
    expect_edit("{\"a\": 1}", "replace", "/b", NULL, "2", NULL);
}

static void test_edits_rename(void **state)
{
    (void)state;
    expect_edit("{\"o\": {\"min\": 0, \"max\": 1}}", "move", "/o/minimum", "/o/min", NULL,
                "{\"o\": {\"minimum\": 0, \"max\": 1}}");
    /* A key with escapes is found from its value backwards. */
    expect_edit("{\"a\\\"b\" : 1}", "move", "/ab", "/a\"b", NULL, "{\"ab\" : 1}");
    /* A move between objects is no text edit; nor is one onto an existing key. */
    expect_edit("{\"o\": {\"a\": 1}, \"p\": {}}", "move", "/p/a", "/o/a", NULL, NULL);
    expect_edit("{\"a\": 1, \"b\": 2}", "move", "/b", "/a", NULL, NULL);
}

static void test_edits_remove_add(void **state)
{
    (void)state;
    const char *doc = "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": 3\n}\n";
    expect_edit(doc, "remove", "/a", NULL, NULL, "{\n  \"b\": [1, 2],\n  \"c\": 3\n}\n");
    expect_edit(doc, "remove", "/c", NULL, NULL, "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");
    expect_edit(doc, "remove", "/b/1", NULL, NULL,
                "{\n  \"a\": 1,\n  \"b\": [1],\n  \"c\": 3\n}\n");
    expect_edit("{\"only\": true}", "remove", "/only", NULL, NULL, "{}");
    /* Added on a line of its own, with the indentation of the last member. */
    expect_edit(doc, "add", "/d", NULL, "\"x\"",
                "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": 3,\n  \"d\": \"x\"\n}\n");
    expect_edit(doc, "add", "/b/-", NULL, "3",
                "{\n  \"a\": 1,\n  \"b\": [1, 2, 3],\n  \"c\": 3\n}\n");
    expect_edit("{\"e\": []}", "add", "/e/-", NULL, "\"u\"", "{\"e\": [\"u\"]}");
    /* An insertion in the middle of an array has no text edit. */
    expect_edit(doc, "add", "/b/0", NULL, "0", NULL);
    /* "add" onto an existing member replaces it (RFC 6902). */
    expect_edit(doc, "add", "/c", NULL, "4", "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": 4\n}\n");
}

/* ---- fixes of diagnostics --------------------------------------------------------- */

static const char *const ITEM =
    "{\n"
    "  \"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"é\",\n"
    "  \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],\n"
    "  \"geometry\": null, \"links\": [],\n"
    "  \"properties\": {\n"
    "    \"datetime\": \"2024-01-01T00:00:00Z\", \"mlm:name\": \"m\",\n"
    "    \"mlm:architecture\": \"ResNet\", \"mlm:accelerator\": \"cpu\",\n"
    "    \"mlm:tasks\": [\"é\", \"semantic segmentation\"],\n"
    "    \"mlm:input\": [], \"mlm:output\": []\n"
    "  },\n"
    "  \"assets\": {\"m\": {\"href\": \"m.pt\", \"roles\": [\"mlm:model\"],\n"
    "    \"mlm:artifact_type\": \"torch.save\"}}\n"
    "}\n";

static mlm_diagnostics *check(const char *text)
{
    mlm_document *doc = mlm_parse_buffer(text, strlen(text), "t", NULL, NULL);
    assert_non_null(doc);
    mlm_diagnostics *d = mlm_validate(doc, NULL, NULL);
    assert_non_null(d);
    mlm_document_free(doc);
    return d;
}

static const mlm_fix *fix_at(const mlm_diagnostics *d, const char *pointer)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->pointer, pointer) == 0)
            return mlm_diagnostics_fix(d, i);
    return NULL;
}

static void test_near_miss_fix(void **state)
{
    (void)state;
    mlm_diagnostics *d = check(ITEM);
    const mlm_fix *f = fix_at(d, "/properties/mlm:tasks/1");
    assert_non_null(f);
    assert_true(f->safe);
    assert_string_equal(f->description,
                        "Replace \"semantic segmentation\" with \"semantic-segmentation\".");
    assert_int_equal(f->op_count, 1);
    assert_string_equal(f->ops[0].op, "replace");
    assert_string_equal(f->ops[0].value, "\"semantic-segmentation\"");
    assert_null(f->ops[0].from);
    assert_int_equal(f->text_edit_count, 1);
    /* Line 8, after "é" (one character, two bytes): column 24. */
    assert_int_equal(f->text_edits[0].start_line, 8);
    assert_int_equal(f->text_edits[0].start_column, 24);
    assert_int_equal(f->text_edits[0].end_column, 47);
    /* The alias the spec names. */
    f = fix_at(d, "/properties/mlm:accelerator");
    assert_non_null(f);
    assert_true(f->safe);
    assert_string_equal(f->ops[0].value, "\"amd64\"");
    /* "é" has no near candidate: no fix. */
    assert_null(fix_at(d, "/properties/mlm:tasks/0"));
    assert_null(mlm_diagnostics_fix(d, 9999));
    assert_null(mlm_diagnostics_fix(NULL, 0));

    /* Applied: those two diagnostics are gone, nothing else changed. */
    char *out = NULL;
    size_t n = 0, applied = 0;
    assert_int_equal(mlm_diagnostics_apply_fixes(d, ITEM, strlen(ITEM), 0, &out, &n, &applied,
                                                 NULL),
                     MLM_OK);
    assert_int_equal(applied, 2);
    assert_non_null(strstr(out, "\"mlm:accelerator\": \"amd64\","));
    assert_non_null(strstr(out, "[\"é\", \"semantic-segmentation\"]"));
    assert_int_equal(n, strlen(ITEM) - strlen("cpu") + strlen("amd64"));
    mlm_diagnostics *again = check(out);
    assert_null(fix_at(again, "/properties/mlm:accelerator"));
    assert_null(fix_at(again, "/properties/mlm:tasks/1"));
    assert_int_equal(mlm_diagnostics_count_severity(again, MLM_SEVERITY_ERROR) + 2,
                     mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR));
    mlm_diagnostics_free(again);
    mlm_free(out);
    /* The edits do not fit another text. */
    assert_int_equal(mlm_diagnostics_apply_fixes(d, "{}", 2, 0, &out, &n, &applied, NULL),
                     MLM_ERR_INVALID_ARG);
    mlm_diagnostics_free(d);
}

static void test_unclear_candidate_unsafe(void **state)
{
    (void)state;
    /* "segmentatoin" is two edits from "segmentation" and no other task is
     * near: safe. "detectoin" is 2 from "detection" but
     * "object-detection" is far; safe too. "xegmentation" is 1 from
     * "segmentation" and 9 from the others: safe. A value equally near two
     * tasks gets no safe fix. */
    char doc[2048];
    snprintf(doc, sizeof(doc),
             "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"a\","
             "\"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],"
             "\"geometry\": null, \"links\": [], \"assets\": {},"
             "\"properties\": {\"datetime\": null, \"mlm:name\": \"m\", \"mlm:architecture\": \"a\","
             "\"mlm:tasks\": [\"segmentatoin\"], \"mlm:input\": [], \"mlm:output\": []}}");
    mlm_diagnostics *d = check(doc);
    const mlm_fix *f = fix_at(d, "/properties/mlm:tasks/0");
    assert_non_null(f);
    assert_true(f->safe);
    mlm_diagnostics_free(d);
    const char *cands[] = {"abcd-x", "abcd-y"};
    assert_false(mlmp_suggest_is_sure("abcd-z", "abcd-x", cands, 2));
    assert_true(mlmp_suggest_is_sure("ABCD X", "abcd-x", cands, 2));
}

/* A feature of an ItemCollection: pointers of the parent, edits in its text. */
static void test_child_document(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof(text),
             "{\"type\": \"FeatureCollection\", \"features\": [\n%s,\n%s]}", ITEM, ITEM);
    mlm_document *top = mlm_parse_buffer(text, strlen(text), "t", NULL, NULL);
    assert_non_null(top);
    mlm_document *child = mlm_document_child(top, "/features/1", NULL, NULL);
    assert_non_null(child);
    mlm_diagnostics *d = mlm_validate(child, NULL, NULL);
    const mlm_fix *f = fix_at(d, "/features/1/properties/mlm:accelerator");
    assert_non_null(f);
    assert_int_equal(f->text_edit_count, 1);
    assert_int_equal(f->text_edits[0].start_line, 1 + 14 + 7);
    char *out = NULL;
    size_t applied = 0;
    assert_int_equal(mlm_diagnostics_apply_fixes(d, text, strlen(text), 0, &out, NULL, &applied,
                                                 NULL),
                     MLM_OK);
    assert_int_equal(applied, 2);
    /* The first feature is untouched, the second fixed. */
    const char *first = strstr(out, "\"cpu\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "\"cpu\""));
    assert_non_null(strstr(first, "\"amd64\""));
    mlm_free(out);
    mlm_diagnostics_free(d);
    mlm_document_free(child);
    mlm_document_free(top);
}


/* An Item of v1.5.2 whose properties end with `extra` (a JSON fragment
 * starting with ','), listing `url`. */
static char *item_with(const char *url, const char *props, const char *extra)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf),
             "{\"type\": \"Feature\", \"stac_version\": \"1.1.0\", \"id\": \"a\",\n"
             "\"stac_extensions\": [\"%s\"],\n"
             "\"geometry\": null, \"links\": [], \"assets\": {\"m\": {\"href\": \"m.pt\", "
             "\"roles\": [\"mlm:model\"], \"mlm:artifact_type\": \"torch.save\"}},\n"
             "\"properties\": {\"datetime\": null, \"mlm:name\": \"Model A\", "
             "\"mlm:architecture\": \"a\", \"mlm:tasks\": [\"classification\"]%s%s}}\n",
             url, props, extra);
    return buf;
}

static const char *const IO = ", \"mlm:input\": [], \"mlm:output\": []";
#define URL152 "https://stac-extensions.github.io/mlm/v1.5.2/schema.json"

/* Validate text, apply the safe fixes, and return the count of errors after. */
static size_t errors_after_fix(const char *text, size_t *applied)
{
    mlm_diagnostics *d = check(text);
    char *out = NULL;
    assert_int_equal(mlm_diagnostics_apply_fixes(d, text, strlen(text), 0, &out, NULL, applied,
                                                 NULL),
                     MLM_OK);
    mlm_diagnostics *after = check(out);
    size_t n = mlm_diagnostics_count_severity(after, MLM_SEVERITY_ERROR);
    mlm_diagnostics_free(after);
    mlm_diagnostics_free(d);
    mlm_free(out);
    return n;
}

static void test_url_fixes(void **state)
{
    (void)state;
    size_t applied;
    /* http, a trailing slash: the published identifier, safe. */
    assert_int_equal(errors_after_fix(item_with("http://stac-extensions.github.io/mlm/v1.5.2/schema.json", IO, ""), &applied), 0);
    assert_int_equal(applied, 1);
    assert_int_equal(errors_after_fix(item_with(URL152 "/", IO, ""), &applied), 0);
    assert_int_equal(applied, 1);
    /* A moving branch whose version was inferred: replaced by that version. */
    assert_int_equal(errors_after_fix(item_with("https://raw.githubusercontent.com/stac-extensions/mlm/main/json-schema/schema.json", IO, ""), &applied), 0);
    assert_int_equal(applied, 1);
    /* No MLM URL at all: adding one is a guess, unsafe (not applied here). */
    char *t = item_with("https://stac-extensions.github.io/eo/v1.1.0/schema.json", IO, "");
    mlm_diagnostics *d = check(t);
    const mlm_fix *f = fix_at(d, "");
    assert_non_null(f);
    assert_false(f->safe);
    assert_string_equal(f->ops[0].op, "add");
    assert_string_equal(f->ops[0].path, "/stac_extensions/-");
    char *out = NULL;
    assert_int_equal(mlm_diagnostics_apply_fixes(d, t, strlen(t), MLM_FIX_UNSAFE, &out, NULL,
                                                 &applied, NULL),
                     MLM_OK);
    assert_int_equal(applied, 1);
    assert_non_null(strstr(out, "\"https://stac-extensions.github.io/eo/v1.1.0/schema.json\", \"" URL152 "\"]"));
    mlm_free(out);
    mlm_diagnostics_free(d);
}

static void test_rename_fixes(void **state)
{
    (void)state;
    size_t applied;
    /* A misspelt required key: renamed (MLM100 and MLM107 carry the same
     * fix; the second overlaps and is left). */
    assert_int_equal(errors_after_fix(item_with(URL152, ", \"mlm:input\": [], \"mlm:outptu\": []", ""), &applied), 0);
    assert_int_equal(applied, 1);
    /* mlm:input is needed as it is: never renamed to the missing mlm:output. */
    char *t = item_with(URL152, ", \"mlm:input\": []", "");
    mlm_diagnostics *d = check(t);
    assert_null(fix_at(d, "/properties"));
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const char *h = mlm_diagnostics_get(d, i)->hint;
        assert_true(!h || !strstr(h, "rename"));
    }
    mlm_diagnostics_free(d);
    /* min/max for minimum/maximum in value_scaling: both renamed by one fix. */
    t = item_with(URL152, ", \"mlm:output\": [], \"mlm:input\": [{\"name\": \"x\", \"bands\": [], "
                  "\"input\": {\"shape\": [-1, 3], \"dim_order\": [\"batch\", \"channel\"], "
                  "\"data_type\": \"float32\"}, \"value_scaling\": [{\"type\": \"min-max\", "
                  "\"min\": 0, \"max\": 255}]}]", "");
    d = check(t);
    const mlm_fix *f = fix_at(d, "/properties/mlm:input/0/value_scaling/0");
    assert_non_null(f);
    assert_true(f->safe);
    assert_int_equal(f->op_count, 2);
    assert_string_equal(f->ops[0].op, "move");
    assert_string_equal(f->ops[0].from, "/properties/mlm:input/0/value_scaling/0/min");
    assert_string_equal(f->ops[0].path, "/properties/mlm:input/0/value_scaling/0/minimum");
    assert_int_equal(f->text_edit_count, 2);
    assert_string_equal(f->description, "Rename \"min\" to \"minimum\" and \"max\" to \"maximum\".");
    mlm_diagnostics_free(d);
    assert_int_equal(errors_after_fix(t, &applied), 0);
}

static void test_role_and_vocabulary_fixes(void **state)
{
    (void)state;
    /* A slip of the mlm:model role: the one asset that has it is the model. */
    char t[4096];
    snprintf(t, sizeof(t), "%s", item_with(URL152, IO, ""));
    char *r = strstr(t, "\"roles\": [\"mlm:model\"]");
    assert_non_null(r);
    memcpy(r + strlen("\"roles\": [\"mlm:"), "modle", 5);
    mlm_diagnostics *d = check(t);
    const mlm_fix *f = fix_at(d, "/assets");
    assert_non_null(f);
    assert_true(f->safe);
    assert_string_equal(f->ops[0].path, "/assets/m/roles/0");
    assert_string_equal(f->ops[0].value, "\"mlm:model\"");
    mlm_diagnostics_free(d);
    size_t applied;
    assert_int_equal(errors_after_fix(t, &applied), 0);
    /* A transposition with a second candidate nearly as close is unsafe:
     * "flaot32" is 2 edits from float32 and 3 from cfloat32. */
    const char *cands[] = {"float32", "cfloat32", "int32"};
    assert_false(mlmp_suggest_is_sure("flaot32", "float32", cands, 3));
    /* A trailing space: one edit, no other candidate near: safe. */
    const char *rs[] = {"crop", "pad"};
    assert_true(mlmp_suggest_is_sure("crop ", "crop", rs, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_basic),
        cmocka_unit_test(test_apply_characters),
        cmocka_unit_test(test_apply_refused),
        cmocka_unit_test(test_edits_replace),
        cmocka_unit_test(test_edits_rename),
        cmocka_unit_test(test_edits_remove_add),
        cmocka_unit_test(test_near_miss_fix),
        cmocka_unit_test(test_unclear_candidate_unsafe),
        cmocka_unit_test(test_child_document),
        cmocka_unit_test(test_url_fixes),
        cmocka_unit_test(test_rename_fixes),
        cmocka_unit_test(test_role_and_vocabulary_fixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
