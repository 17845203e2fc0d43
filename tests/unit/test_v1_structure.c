/* Document-structure rules of the released MLM versions (src/rules/v1.c).
 *
 * 1. The two hand-written matchers (extension URL, STAC 1.1 version) against
 *    PCRE2 running the schemas' unanchored patterns, on fixed strings and on
 *    every single-character mutation of them.
 * 2. The AssetModelRole flavours.
 * 3. Whole documents per version: which structure rules fire where, the
 *    schemas' quirks (vacuous truths, broken $id, the summaries defect), and
 *    values of the wrong type in every place the rules look into (no crash).
 * 4. Allocation failures at every step of a validation that reports. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm_private.h"
#include "rules/v1_structure.h"
#include "testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* --- 1. matchers against PCRE2 -------------------------------------------- */

static bool pcre_search(const char *pattern, const char *s)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &code, &off,
                                   NULL);
    assert_non_null(re);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

typedef bool (*matcher)(const char *s);

static bool m_raster(const char *s) { return mlmp_v1_match_ext_url(s, "raster", '1'); }
static bool m_eo(const char *s) { return mlmp_v1_match_ext_url(s, "eo", '1'); }
static bool m_datacube(const char *s) { return mlmp_v1_match_ext_url(s, "datacube", '2'); }

static const struct {
    const char *pattern;
    matcher fn;
    const char *seeds[6];
} pattern_cases[] = {
    {"https://stac-extensions\\.github\\.io/raster/v1(\\.[0-9]+){2}/schema\\.json", m_raster,
     {"https://stac-extensions.github.io/raster/v1.1.0/schema.json",
      "https://stac-extensions.github.io/raster/v1.12.345/schema.json",
      "xhttps://stac-extensions.github.io/raster/v1.0.0/schema.jsonx",
      "https://stac-extensions.github.io/raster/v2.0.0/schema.json",
      "https://stac-extensions.github.io/raster/v1.1/schema.json", ""}},
    {"https://stac-extensions\\.github\\.io/eo/v1(\\.[0-9]+){2}/schema\\.json", m_eo,
     {"https://stac-extensions.github.io/eo/v1.1.0/schema.json",
      "https://stac-extensions.github.io/eo/v1.0.0/schema.json#",
      "https://stac-extensions.github.io/eo/v1..0/schema.json",
      "http://stac-extensions.github.io/eo/v1.1.0/schema.json",
      "https://stac-extensions.github.io/https://stac-extensions.github.io/eo/v1.1.0/schema.json",
      "https://stac-extensions.github.io/eo/v1.1.0/schema.jso"}},
    {"https://stac-extensions\\.github\\.io/datacube/v2(\\.[0-9]+){2}/schema\\.json", m_datacube,
     {"https://stac-extensions.github.io/datacube/v2.2.0/schema.json",
      "https://stac-extensions.github.io/datacube/v2.3.0/schema.json",
      "https://stac-extensions.github.io/datacube/v1.0.0/schema.json",
      "https://stac-extensions.github.io/datacube/v2.2.0.1/schema.json",
      "https://stac-extensions.github.io/datacube/v2.10.20/schema.json?", "datacube"}},
    {"1\\.[1-9][0-9]*\\.[0-9]+(-.*)?", mlmp_v1_match_stac_1_1,
     {"1.1.0", "1.0.0", "v11.10.0-rc.1", "1.0.0-beta.1", "1.1.", "0.1.1"}},
};

static const char alphabet[] = "./0129:aehjnopstv-x";

static void check_one(const char *pattern, matcher fn, const char *s)
{
    bool want = pcre_search(pattern, s);
    if (fn(s) != want)
        fail_msg("pattern %s on \"%s\": PCRE2 says %d, matcher says %d", pattern, s, want, !want);
}

static void test_matchers_vs_pcre2(void **state)
{
    (void)state;
    char buf[256];
    for (size_t p = 0; p < LEN(pattern_cases); p++) {
        for (size_t k = 0; k < LEN(pattern_cases[p].seeds); k++) {
            const char *seed = pattern_cases[p].seeds[k];
            if (!seed)
                continue;
            size_t n = strlen(seed);
            check_one(pattern_cases[p].pattern, pattern_cases[p].fn, seed);
            for (size_t i = 0; i <= n && n + 2 < sizeof(buf); i++) {
                /* delete, replace and insert at i */
                if (i < n) {
                    memcpy(buf, seed, i);
                    memcpy(buf + i, seed + i + 1, n - i);
                    check_one(pattern_cases[p].pattern, pattern_cases[p].fn, buf);
                }
                for (const char *a = alphabet; *a; a++) {
                    memcpy(buf, seed, n + 1);
                    if (i < n) {
                        buf[i] = *a;
                        check_one(pattern_cases[p].pattern, pattern_cases[p].fn, buf);
                    }
                    memcpy(buf, seed, i);
                    buf[i] = *a;
                    memcpy(buf + i + 1, seed + i, n - i + 1);
                    check_one(pattern_cases[p].pattern, pattern_cases[p].fn, buf);
                }
            }
        }
    }
}

/* --- 2. AssetModelRole ------------------------------------------------------- */

static void test_asset_is_model(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        bool loose, strict;
    } cases[] = {
        {"{\"roles\": [\"mlm:model\"]}", true, true},
        {"{\"roles\": [\"data\", \"mlm:model\"]}", true, true},
        {"{\"roles\": [\"data\"]}", false, false},
        {"{\"roles\": []}", false, false},
        {"{\"roles\": \"mlm:model\"}", true, false},
        {"{\"roles\": null}", true, false},
        {"{\"href\": \"x\"}", false, false},
        {"\"a string\"", true, false},
        {"[1]", true, false},
    };
    for (size_t i = 0; i < LEN(cases); i++) {
        json_error_t e;
        json_t *v = json_loads(cases[i].json, JSON_DECODE_ANY, &e);
        assert_non_null(v);
        if (mlmp_v1_asset_is_model(v, false) != cases[i].loose ||
            mlmp_v1_asset_is_model(v, true) != cases[i].strict)
            fail_msg("%s", cases[i].json);
        json_decref(v);
    }
    json_t *arr = json_pack("[s, i, s]", "a", 3, "code");
    assert_true(mlmp_json_array_has_string(arr, "code"));
    assert_false(mlmp_json_array_has_string(arr, "b"));
    assert_false(mlmp_json_array_has_string(NULL, "b"));
    json_decref(arr);
}

/* --- 3. whole documents ------------------------------------------------------- */

static const char *mlm_url(const char *v)
{
    static char buf[128];
    if (strcmp(v, "1.4.0") < 0)
        snprintf(buf, sizeof(buf), "https://crim-ca.github.io/mlm-extension/v%s/schema.json", v);
    else
        snprintf(buf, sizeof(buf), "https://stac-extensions.github.io/mlm/v%s/schema.json", v);
    return buf;
}

/* A small valid Item of version v (bands on the input when `bands`). */
static json_t *make_item(const char *v, bool bands)
{
    json_error_t e;
    json_t *d = json_loads(
        "{\"stac_version\": \"1.0.0\", \"type\": \"Feature\", \"id\": \"t\","
        " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1.0, 2.0]},"
        " \"bbox\": [1.0, 2.0, 1.0, 2.0], \"links\": [],"
        " \"properties\": {\"datetime\": \"2023-01-01T00:00:00Z\", \"mlm:name\": \"Unit Model\","
        "  \"mlm:architecture\": \"CNN\", \"mlm:tasks\": [\"classification\"],"
        "  \"mlm:input\": [{\"name\": \"x\", \"bands\": [],"
        "    \"input\": {\"shape\": [-1, 3, 8, 8], \"dim_order\": [\"batch\", \"channel\","
        "    \"height\", \"width\"], \"data_type\": \"float32\"}}],"
        "  \"mlm:output\": [{\"name\": \"y\", \"tasks\": [\"classification\"],"
        "    \"result\": {\"shape\": [-1, 2], \"dim_order\": [\"batch\", \"class\"],"
        "    \"data_type\": \"float32\"}}]},"
        " \"assets\": {\"model\": {\"href\": \"https://example.org/m.pt\","
        "   \"roles\": [\"mlm:model\"]}}}",
        0, &e);
    assert_non_null(d);
    json_object_set_new(d, "stac_extensions", json_pack("[s]", mlm_url(v)));
    if (strcmp(v, "1.4.0") >= 0)
        json_object_set_new(json_object_get(json_object_get(d, "assets"), "model"),
                            "mlm:artifact_type", json_string("torch.save"));
    if (bands) {
        json_t *in = json_array_get(json_object_get(json_object_get(d, "properties"), "mlm:input"),
                                    0);
        json_object_set_new(in, "bands", json_pack("[s]", "red"));
        if (strcmp(v, "1.5.0") >= 0)
            json_array_set_new(json_object_get(json_object_get(in, "input"), "dim_order"), 1,
                               json_string("bands"));
    }
    return d;
}

static json_t *make_collection(const char *v)
{
    json_error_t e;
    json_t *d = json_loads(
        "{\"stac_version\": \"1.0.0\", \"type\": \"Collection\", \"id\": \"c\","
        " \"description\": \"d\", \"license\": \"MIT\", \"links\": [],"
        " \"extent\": {\"spatial\": {\"bbox\": [[0, 0, 1, 1]]},"
        "  \"temporal\": {\"interval\": [[\"2020-01-01T00:00:00Z\", null]]}}}",
        0, &e);
    assert_non_null(d);
    json_object_set_new(d, "stac_extensions", json_pack("[s]", mlm_url(v)));
    return d;
}

/* Validate; return the diagnostics (caller frees). Steals d. */
static mlm_diagnostics *run(json_t *d)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_json(d, "<test>", NULL, &err);
    json_decref(d);
    assert_non_null(doc);
    mlm_validate_options o = MLM_VALIDATE_OPTIONS_INIT;
    o.flags = MLM_VALIDATE_NO_WARNINGS;
    mlm_diagnostics *ds = mlm_validate(doc, &o, &err);
    assert_non_null(ds);
    mlm_document_free(doc);
    return ds;
}

static size_t count_errors(const mlm_diagnostics *ds)
{
    return mlm_diagnostics_count_severity(ds, MLM_SEVERITY_ERROR);
}

static bool has(const mlm_diagnostics *ds, const char *rule, const char *pointer)
{
    for (size_t i = 0; i < mlm_diagnostics_count(ds); i++) {
        const mlm_diagnostic *g = mlm_diagnostics_get(ds, i);
        if (strcmp(g->rule_id, rule) == 0 && (!pointer || strcmp(g->pointer, pointer) == 0))
            return true;
    }
    return false;
}

static void dump(const mlm_diagnostics *ds)
{
    for (size_t i = 0; i < mlm_diagnostics_count(ds); i++) {
        const mlm_diagnostic *g = mlm_diagnostics_get(ds, i);
        print_message("  %s %s %s\n", g->rule_id, g->pointer, g->message);
    }
}

/* expect == NULL: no error at all; else a diagnostic of that rule at pointer. */
static void expect(json_t *d, const char *rule, const char *pointer, const char *what)
{
    mlm_diagnostics *ds = run(d);
    bool ok = rule ? has(ds, rule, pointer) : count_errors(ds) == 0;
    if (!ok) {
        print_message("%s: expected %s at %s\n", what, rule ? rule : "no error",
                      pointer ? pointer : "-");
        dump(ds);
        mlm_diagnostics_free(ds);
        fail();
    }
    mlm_diagnostics_free(ds);
}

static const char *const versions[] = {"1.0.0", "1.1.0", "1.2.0", "1.3.0",
                                       "1.4.0", "1.5.0", "1.5.1", "1.5.2"};

static void test_valid_bases(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        expect(make_item(versions[i], false), NULL, NULL, versions[i]);
        expect(make_collection(versions[i]), NULL, NULL, versions[i]);
    }
}

static void test_top_level_branches(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        bool one_of = strcmp(versions[i], "1.3.0") < 0;
        json_t *d = make_collection(versions[i]);
        json_object_set_new(d, "type", json_string("Catalog"));
        if (one_of)
            expect(d, "MLM200", "/type", versions[i]);
        else
            expect(d, NULL, NULL, versions[i]);
        d = make_item(versions[i], false);
        json_object_del(d, "type");
        /* no type: the oneOf fails (before v1.3.0); in every version the object is not a
         * STAC object, an error although the v1.3.0+ schema leaves it alone (issue 17.1) */
        if (one_of)
            expect(json_incref(d), "MLM200", "", versions[i]);
        expect(d, "MLM008", "", versions[i]);
    }
}

static void test_stac_extensions_hosts(void **state)
{
    (void)state;
    char se[128], crim[128];
    for (size_t i = 0; i < 4; i++) {
        snprintf(se, sizeof(se), "https://stac-extensions.github.io/mlm/v%s/schema.json",
                 versions[i]);
        snprintf(crim, sizeof(crim), "https://crim-ca.github.io/mlm-extension/v%s/schema.json",
                 versions[i]);
        json_t *d = make_item(versions[i], false);
        json_object_set_new(d, "stac_extensions", json_pack("[s]", se));
        expect(d, "MLM201", "/stac_extensions/0", versions[i]);
        d = make_item(versions[i], false);
        json_object_set_new(d, "stac_extensions", json_pack("[s, s]", crim, se));
        /* v1.3.0's copy requires the crim-ca URL, which is listed; the older
         * copies require the bogus https://stac-extensions/mlm/ URL. */
        if (i < 3)
            expect(d, "MLM201", "/stac_extensions/1", versions[i]);
        else
            expect(d, NULL, NULL, versions[i]);
    }
}

static void test_asset_roles(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        const char *v = versions[i];
        bool v10 = strcmp(v, "1.2.0") < 0, v14 = strcmp(v, "1.4.0") >= 0;
        /* a thumbnail next to the model asset */
        json_t *d = make_item(v, false);
        json_object_set_new(json_object_get(d, "assets"), "thumb",
                            json_pack("{s:s, s:[s]}", "href", "t.png", "roles", "thumbnail"));
        if (v10)
            expect(d, "MLM203", "/assets/thumb/roles", v);
        else
            expect(d, NULL, NULL, v);
        /* "assets": {} passes everywhere but v1.0.0/v1.1.0 (nothing to check there either) */
        d = make_item(v, false);
        json_object_set_new(d, "assets", json_object());
        expect(d, NULL, NULL, v);
        /* the only asset has no roles */
        d = make_item(v, false);
        json_object_set_new(d, "assets", json_pack("{s:{s:s}}", "a", "href", "x"));
        if (v10)
            expect(d, "MLM203", "/assets/a", v);
        else if (v14)
            expect(d, "MLM202", "/assets", v);
        else
            expect(d, NULL, NULL, v);
        /* the only asset has roles without mlm:model */
        d = make_item(v, false);
        json_object_set_new(d, "assets", json_pack("{s:{s:s, s:[s]}}", "a", "href", "x",
                                                   "roles", "data"));
        expect(d, v10 ? "MLM203" : "MLM202", NULL, v);
    }
}

static void test_scoping_and_artifacts(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        const char *v = versions[i];
        bool v14 = strcmp(v, "1.4.0") >= 0, v15 = strcmp(v, "1.5.0") >= 0;
        json_t *d = make_item(v, false);
        json_object_set_new(json_object_get(d, "properties"), "mlm:compile_method",
                            json_string("aot"));
        if (v14)
            expect(d, "MLM207", "/properties/mlm:compile_method", v);
        else
            expect(d, NULL, NULL, v);
        d = make_item(v, false);
        json_object_set_new(json_object_get(json_object_get(d, "assets"), "model"), "mlm:name",
                            json_string("Unit Model"));
        if (v14)
            expect(d, "MLM207", "/assets/model/mlm:name", v);
        else
            expect(d, NULL, NULL, v);
        if (v14) {
            d = make_item(v, false);
            json_object_del(json_object_get(json_object_get(d, "assets"), "model"),
                            "mlm:artifact_type");
            expect(d, "MLM204", "/assets/model", v);
            d = make_item(v, false);
            json_object_set_new(json_object_get(d, "assets"), "code",
                                json_pack("{s:s, s:[s], s:s}", "href", "c.py", "roles", "code",
                                          "mlm:artifact_type", "x"));
            expect(d, "MLM205", "/assets/code/mlm:artifact_type", v);
        }
        if (v15) {
            d = make_item(v, false);
            json_object_set_new(json_object_get(d, "assets"), "code",
                                json_pack("{s:s, s:[s], s:s}", "href", "c.py", "roles",
                                          "metadata", "mlm:entrypoint", "c:main"));
            expect(d, "MLM206", "/assets/code/mlm:entrypoint", v);
            d = make_item(v, false);
            json_object_set_new(json_object_get(d, "assets"), "code",
                                json_pack("{s:s, s:[s], s:s}", "href", "c.py", "roles", "code",
                                          "mlm:entrypoint", "c:main"));
            expect(d, NULL, NULL, v);
        }
    }
}

static void test_bands(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        const char *v = versions[i];
        bool enforced = strcmp(v, "1.3.0") >= 0;
        json_t *d = make_item(v, true);
        if (enforced)
            expect(d, "MLM208", "/properties/mlm:input", v);
        else
            expect(d, NULL, NULL, v);
        /* raster extension + named raster:bands on the model asset */
        d = make_item(v, true);
        json_array_append_new(json_object_get(d, "stac_extensions"),
                              json_string("https://stac-extensions.github.io/raster/v1.1.0/"
                                          "schema.json"));
        json_object_set_new(json_object_get(json_object_get(d, "assets"), "model"),
                            "raster:bands", json_pack("[{s:s}]", "name", "red"));
        expect(d, NULL, NULL, v);
        /* unanchored stac_version pattern: "v11.10.0" counts as STAC 1.1 */
        d = make_item(v, true);
        json_object_set_new(d, "stac_version", json_string("v11.10.0"));
        json_object_set_new(json_object_get(d, "properties"), "bands",
                            json_pack("[{s:s}]", "name", "red"));
        expect(d, NULL, NULL, v);
    }
}

static void test_collections(void **state)
{
    (void)state;
    for (size_t i = 0; i < LEN(versions); i++) {
        const char *v = versions[i];
        json_t *d = make_collection(v);
        json_object_set_new(d, "summaries",
                            json_pack("{s:[s]}", "mlm:tasks", "classification"));
        expect(d, "MLM210", "/summaries/mlm:tasks", v);
        d = make_collection(v);
        json_object_set_new(d, "summaries",
                            json_pack("{s:{s:[], s:[], s:s, s:s}}", "m", "mlm:input",
                                      "mlm:output", "mlm:artifact_type", "a",
                                      "mlm:compile_method", "b"));
        if (strcmp(v, "1.4.0") >= 0)
            expect(d, "MLM211", "/summaries/m", v);
        else
            expect(d, NULL, NULL, v);
        /* top-level mlm: fields of a Collection are not looked at by the schema */
        d = make_collection(v);
        json_object_set_new(d, "mlm:tasks", json_string("not a list"));
        expect(d, NULL, NULL, v);
    }
}

/* Wrong types everywhere the rules look: no crash, and the schema's verdict. */
static void test_wrong_types(void **state)
{
    (void)state;
    static const char *const values[] = {"null", "[]", "\"x\"", "3", "true", "{}"};
    static const char *const item_places[] = {"properties", "assets", "stac_extensions"};
    static const char *const coll_places[] = {"summaries", "assets", "item_assets"};
    json_error_t e;
    for (size_t i = 0; i < LEN(versions); i++) {
        for (size_t k = 0; k < LEN(values); k++) {
            for (size_t p = 0; p < LEN(item_places); p++) {
                json_t *d = make_item(versions[i], true);
                json_object_set_new(d, item_places[p], json_loads(values[k], JSON_DECODE_ANY, &e));
                mlm_diagnostics_free(run(d));
                d = make_item(versions[i], false);
                json_t *a = json_object_get(d, "assets");
                json_object_set_new(a, "odd", json_loads(values[k], JSON_DECODE_ANY, &e));
                mlm_diagnostics_free(run(d));
            }
            for (size_t p = 0; p < LEN(coll_places); p++) {
                json_t *d = make_collection(versions[i]);
                json_object_set_new(d, coll_places[p], json_loads(values[k], JSON_DECODE_ANY, &e));
                mlm_diagnostics_free(run(d));
                d = make_collection(versions[i]);
                json_object_set_new(d, coll_places[p],
                                    json_pack("{s:o}", "e", json_loads(values[k], JSON_DECODE_ANY,
                                                                      &e)));
                mlm_diagnostics_free(run(d));
            }
        }
        /* properties: null is a type error in every version */
        json_t *d = make_item(versions[i], false);
        json_object_set_new(d, "properties", json_null());
        expect(d, "MLM101", "/properties", versions[i]);
        /* an asset that is a string */
        d = make_item(versions[i], false);
        json_object_set_new(json_object_get(d, "assets"), "s", json_string("x"));
        expect(d, "MLM101", "/assets/s", versions[i]);
    }
}

/* --- 4. allocation failures ---------------------------------------------------- */

static void test_alloc_failures(void **state)
{
    (void)state;
    for (long n = 0; n < 400; n++) {
        json_t *d = make_item("1.5.2", true);
        json_object_set_new(json_object_get(d, "properties"), "mlm:compile_method",
                            json_string("aot"));
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *doc = mlm_parse_json(d, "<oom>", NULL, &err);
        json_decref(d);
        if (!doc)
            continue;
        mlmp_alloc_fail_after(n);
        mlm_diagnostics *ds = mlm_validate(doc, NULL, &err);
        mlmp_alloc_fail_after(-1);
        if (ds)
            mlm_diagnostics_free(ds);
        else
            assert_int_equal(err.code, MLM_ERR_NOMEM);
        mlm_document_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matchers_vs_pcre2),
        cmocka_unit_test(test_asset_is_model),
        cmocka_unit_test(test_valid_bases),
        cmocka_unit_test(test_top_level_branches),
        cmocka_unit_test(test_stac_extensions_hosts),
        cmocka_unit_test(test_asset_roles),
        cmocka_unit_test(test_scoping_and_artifacts),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_collections),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
