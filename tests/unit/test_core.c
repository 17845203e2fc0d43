/* Unit tests of the core: loading, errors, version detection, locator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "document_private.h"
#include "locator.h"
#include "rules/rules.h"
#include "mlm.h"

static mlm_document *parse(const char *text, mlm_error *err)
{
    mlm_error_clear(err);
    return mlm_parse_buffer(text, strlen(text), "mem.json", NULL, err);
}

static void test_malformed_json_has_position(void **state)
{
    (void)state;
    mlm_error err;
    mlm_document *doc = parse("{\n  \"a\": 1,\n  \"b\": ]\n}", &err);
    assert_null(doc);
    assert_int_equal(err.code, MLM_ERR_JSON);
    assert_int_equal(err.line, 3);
    assert_true(err.column > 0);
    assert_string_equal(err.source, "mem.json");
}

static void test_root_must_be_object(void **state)
{
    (void)state;
    mlm_error err;
    assert_null(parse("[1, 2]", &err));
    assert_int_equal(err.code, MLM_ERR_NOT_OBJECT);
    assert_null(parse("42", &err));
    assert_int_equal(err.code, MLM_ERR_NOT_OBJECT);
}

static void test_duplicate_keys_rejected(void **state)
{
    (void)state;
    mlm_error err;
    assert_null(parse("{\"a\": 1, \"a\": 2}", &err));
    assert_int_equal(err.code, MLM_ERR_JSON);
    assert_non_null(strstr(err.text, "duplicate"));
}

static void test_size_cap(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_parse_options o = MLM_PARSE_OPTIONS_INIT;
    o.max_bytes = 8;
    const char *t = "{\"long\": \"value\"}";
    assert_null(mlm_parse_buffer(t, strlen(t), NULL, &o, &err));
    assert_int_equal(err.code, MLM_ERR_TOO_LARGE);
}

static void test_big_integers_are_numbers(void **state)
{
    (void)state;
    mlm_error err;
    mlm_document *doc = parse("{\"n\": 1180591620717411303424, \"m\": 3}", &err);
    assert_non_null(doc);
    const json_t *n = json_object_get(mlm_document_json(doc), "n");
    assert_true(json_is_real(n));
    mlm_document_free(doc);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    mlm_error err;
    assert_null(parse("{\"a\": \"\xC0\xAF\"}", &err));
    assert_int_equal(err.code, MLM_ERR_ENCODING);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *t = malloc(2 * depth + 16);
    assert_non_null(t);
    size_t n = 0;
    t[n++] = '{';
    memcpy(t + n, "\"a\":", 4);
    n += 4;
    for (size_t i = 0; i < depth; i++)
        t[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        t[n++] = ']';
    t[n++] = '}';
    mlm_error err = MLM_ERROR_INIT;
    assert_null(mlm_parse_buffer(t, n, NULL, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_DEPTH);
    free(t);
}

static void test_error_overwritten_and_truncates(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    char longname[400];
    memset(longname, 'x', sizeof(longname) - 6);
    memcpy(longname + sizeof(longname) - 6, ".json", 6);
    assert_null(mlm_parse_file(longname, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_IO);
    assert_int_equal(strncmp(err.source, "...", 3), 0);
    assert_non_null(strstr(err.source, ".json"));
    assert_true(err.flags & MLM_ERROR_SOURCE_TRUNCATED);
    /* A later failure replaces the whole record, source included. */
    assert_null(mlm_parse_buffer("[]", 2, "b.json", NULL, &err));
    assert_int_equal(err.code, MLM_ERR_NOT_OBJECT);
    assert_string_equal(err.source, "b.json");
    assert_int_equal(err.flags, 0);
    assert_non_null(strstr(err.text, "an array"));
    /* A syntax error, then a missing file: no stale line:column. */
    assert_null(mlm_parse_buffer("{\n  \"a\": }", 11, "c.json", NULL, &err));
    assert_int_equal(err.code, MLM_ERR_JSON);
    assert_int_equal(err.line, 2);
    assert_null(mlm_parse_file("/nonexistent/d.json", NULL, &err));
    assert_int_equal(err.code, MLM_ERR_IO);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.position, -1);
    assert_string_equal(err.source, "/nonexistent/d.json");
}

/* A message longer than the record is cut on a character boundary, ends in
 * "..." and says so in flags. */
static void test_error_long_message_flagged(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    char big[3000];
    for (size_t i = 0; i + 2 < sizeof(big); i += 2)
        memcpy(big + i, "\xc3\xa9", 2); /* e-acute, two bytes each */
    big[sizeof(big) - 2] = '\0';
    mlmp_error_set(&err, MLM_ERR_INVALID_ARG, "s", "%s", big);
    assert_true(err.flags & MLM_ERROR_TEXT_TRUNCATED);
    size_t n = strlen(err.text);
    assert_true(n < sizeof(err.text));
    assert_string_equal(err.text + n - 3, "...");
    assert_true(mlmp_utf8_valid(err.text, n, NULL));
    mlmp_error_set(&err, MLM_ERR_IO, NULL, "short");
    assert_int_equal(err.flags, 0);
    assert_string_equal(err.text, "short");
    mlm_error e2;
    mlm_error_init(&e2);
    assert_int_equal(e2.position, -1);
    assert_int_equal(e2.code, 0);
}

static void test_strerror_covers_every_status(void **state)
{
    (void)state;
    for (int c = 0; c >= MLM_ERR_ENCODING; c--) {
        assert_string_not_equal(mlm_strerror(c), "unknown error");
        assert_int_equal(strncmp(mlm_status_name(c), "MLM_", 4), 0);
    }
    assert_string_equal(mlm_status_name(MLM_ERR_NOMEM), "MLM_ERR_NOMEM");
    assert_string_equal(mlm_stac_type_name(MLM_STAC_COLLECTION), "Collection");
    assert_string_equal(mlm_spec_origin_name(MLM_SPEC_ORIGIN_SHAPE), "shape");
    assert_string_equal(mlm_asset_kind_name(MLM_ASSET_CODE), "code");
    assert_string_equal(mlm_presence_name(MLM_NULL), "null");
    assert_int_equal(mlm_accelerator_from_name("cuda"), MLM_ACCELERATOR_CUDA);
    assert_int_equal(mlm_task_from_name("object detection"), MLM_TASK_OBJECT_DETECTION);
    mlm_parse_options po;
    mlm_parse_options_init(&po);
    assert_int_equal(po.version, MLM_PARSE_OPTIONS_VERSION);
    mlm_validate_options vo;
    mlm_validate_options_init(&vo);
    assert_int_equal(vo.version, MLM_VALIDATE_OPTIONS_VERSION);
    mlm_fetch_options fo;
    mlm_fetch_options_init(&fo);
    assert_int_equal(fo.version, MLM_FETCH_OPTIONS_VERSION);
    mlm_stac_options so;
    mlm_stac_options_init(&so);
    assert_int_equal(so.version, MLM_STAC_OPTIONS_VERSION);
    assert_string_equal(mlm_strerror(-999), "unknown error");
}

static void test_version_detection(void **state)
{
    (void)state;
    static const struct {
        const char *ext;
        mlm_spec_version want;
    } cases[] = {
        {"https://stac-extensions.github.io/mlm/v1.5.2/schema.json", MLM_SPEC_1_5_2},
        {"https://stac-extensions.github.io/mlm/v1.0.0/schema.json", MLM_SPEC_1_0_0},
        {"https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json", MLM_SPEC_1_3_0},
        {"https://crim-ca.github.io/mlm-extension/v1.4.0/schema.json", MLM_SPEC_UNKNOWN},
        {"http://stac-extensions.github.io/mlm/v1.5.2/schema.json", MLM_SPEC_UNKNOWN},
        {"https://stac-extensions.github.io/mlm/v1.6.0/schema.json", MLM_SPEC_UNKNOWN},
        {"https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/json-schema/schema.json",
         MLM_SPEC_DRAFT},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text), "{\"type\": \"Feature\", \"stac_extensions\": [\"%s\"]}",
                 cases[i].ext);
        mlm_error err;
        mlm_document *doc = parse(text, &err);
        assert_non_null(doc);
        assert_int_equal(mlm_document_spec_version(doc), cases[i].want);
        mlm_document_free(doc);
    }
    assert_int_equal(mlm_spec_version_parse("v1.4.0"), MLM_SPEC_1_4_0);
    assert_int_equal(mlm_spec_version_parse("DRAFT"), MLM_SPEC_DRAFT);
    assert_int_equal(mlm_spec_version_parse("1.6"), MLM_SPEC_UNKNOWN);
    assert_string_equal(mlm_spec_version_name(MLM_SPEC_1_5_1), "1.5.1");
}

static size_t count_rule(const mlm_diagnostics *d, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, id) == 0)
            n++;
    return n;
}

static void test_version_rules(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *rule;
    } cases[] = {
        {"{\"type\": \"Feature\", \"stac_version\": \"1.1.0\", \"properties\": {}}", "MLM003"},
        {"{\"type\": \"Feature\", \"properties\": {\"mlm:name\": \"x\"}}", "MLM005"},
        {"{\"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v2.0.0/schema.json\"]}",
         "MLM001"},
        {"{\"type\": \"Feature\", \"properties\": {\"mlm:runtime\": {}}}", "MLM004"},
        {"{\"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.4.0/schema.json\","
         " \"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"]}",
         "MLM002"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mlm_error err;
        mlm_document *doc = parse(cases[i].text, &err);
        assert_non_null(doc);
        mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
        assert_non_null(d);
        assert_int_equal(count_rule(d, cases[i].rule), 1);
        mlm_diagnostics_free(d);
        mlm_document_free(doc);
    }
}

/* What a document gets for each kind: the rule and the version its fields are
 * checked against. */
static const char *item_with(const char *ext, const char *extra, char *buf, size_t cap)
{
    snprintf(buf, cap,
             "{\"stac_version\": \"1.1.0\", \"type\": \"Feature\", \"id\": \"x\", "
             "\"stac_extensions\": [%s], \"properties\": {\"datetime\": null%s}}",
             ext, extra);
    return buf;
}


static void test_document_treatment(void **state)
{
    (void)state;
    static const struct {
        const char *ext, *extra, *rule, *absent, *says;
    } rows[] = {
        {"\"https://stac-extensions.github.io/ml-model/v1.0.0/schema.json\"", "", "MLM003",
         "MLM001", NULL},
        {"\"https://stac-extensions.github.io/ml-model/v1.0.0/schema.json\", "
         "\"https://stac-extensions.github.io/mlm/v1.2.0/schema.json\"",
         ", \"mlm:name\": \"m\"", "MLM100", "MLM001", NULL},
        {"\"dl-model\"", "", "MLM006", "MLM003", NULL},
        {"\"https://crim-ca.github.io/dlm-extension/v0.1.0/schema.json\"", "", "MLM006", "MLM001",
         NULL},
        {"", ", \"dlm:data\": {}", "MLM006", "MLM003", NULL},
        {"\"https://raw.githubusercontent.com/crim-ca/dlm-extension/main/json-schema/schema.json\"",
         ", \"mlm:name\": \"m\"", "MLM007", "MLM201", "MLM 1.5.2"},
        {"\"https://raw.githubusercontent.com/crim-ca/dlm-extension/main/json-schema/schema.json\"",
         ", \"mlm:name\": \"m\", \"mlm:input\": [{\"norm_type\": null}]", "MLM007", "MLM201",
         "MLM 1.3.0"},
        {"\"http://stac-extensions.github.io/mlm/v1.4.0/schema.json\"", ", \"mlm:name\": \"m\"",
         "MLM001", "MLM201", "MLM 1.4.0"},
        {"", ", \"mlm:name\": \"m\"", "MLM005", "MLM201", "MLM 1.5.2"},
        {"", ", \"mlm:name\": \"m\"", "MLM100", "MLM003", NULL},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char text[1024];
        mlm_error err;
        item_with(rows[i].ext, rows[i].extra, text, sizeof(text));
        mlm_document *doc = mlm_parse_buffer(text, strlen(text), "t.json", NULL, &err);
        assert_non_null(doc);
        mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
        assert_non_null(d);
        if (count_rule(d, rows[i].rule) == 0 || count_rule(d, rows[i].absent) != 0)
            fail_msg("row %zu (%s): expected %s and no %s", i, text, rows[i].rule, rows[i].absent);
        if (rows[i].says) {
            bool found = false;
            for (size_t j = 0; j < mlm_diagnostics_count(d); j++)
                if (strcmp(mlm_diagnostics_get(d, j)->rule_id, rows[i].rule) == 0 &&
                    strstr(mlm_diagnostics_get(d, j)->message, rows[i].says))
                    found = true;
            if (!found)
                fail_msg("row %zu: %s does not say %s", i, rows[i].rule, rows[i].says);
        }
        mlm_diagnostics_free(d);
        mlm_document_free(doc);
    }
}

static void test_forced_version(void **state)
{
    (void)state;
    mlm_parse_options o = MLM_PARSE_OPTIONS_INIT;
    o.force_version = MLM_SPEC_1_2_0;
    mlm_error err = MLM_ERROR_INIT;
    const char *t = "{\"type\": \"Feature\"}";
    mlm_document *doc = mlm_parse_buffer(t, strlen(t), NULL, &o, &err);
    assert_non_null(doc);
    assert_int_equal(mlm_document_spec_version(doc), MLM_SPEC_1_2_0);
    assert_int_equal(mlm_document_spec_origin(doc), MLM_SPEC_ORIGIN_FORCED);
    mlm_document_free(doc);
}

static void test_locator(void **state)
{
    (void)state;
    const char *t = "{\n"
                    "  \"a\": {\"b~c\": [10, {\"d/e\": \"x\"}]},\n"
                    "  \"\\u00e9t\\u00e9\": \"\xC3\xA9t\xC3\xA9\", \"z\": true\n"
                    "}";
    const char *ptrs[] = {"", "/a", "/a/b~0c/1/d~1e", "/\xC3\xA9t\xC3\xA9", "/z",
                          "/missing", "/a/b~0c/0"};
    mlmp_pos pos[7];
    assert_int_equal(mlmp_locate(t, strlen(t), ptrs, 7, pos), MLM_OK);
    assert_int_equal(pos[0].line, 1);
    assert_int_equal(pos[0].column, 1);
    assert_int_equal(pos[1].line, 2);
    assert_int_equal(pos[1].column, 8);
    assert_int_equal(pos[2].line, 2);
    assert_int_equal(pos[2].column, 29);
    assert_int_equal(pos[3].line, 3);
    assert_int_equal(pos[3].column, 20);
    assert_int_equal(pos[4].line, 3);
    assert_int_equal(pos[4].column, 32);
    assert_int_equal(pos[5].line, 0);
    assert_int_equal(pos[6].column, 17);
}

static void test_document_locate_api(void **state)
{
    (void)state;
    mlm_error err;
    mlm_document *doc = parse("{\"a\":\n  [1,\n   2]}", &err);
    assert_non_null(doc);
    int line, col;
    assert_int_equal(mlm_document_locate(doc, "/a/1", &line, &col), MLM_OK);
    assert_int_equal(line, 3);
    assert_int_equal(col, 4);
    assert_int_not_equal(mlm_document_locate(doc, "/nope", &line, &col), MLM_OK);
    mlm_document_free(doc);
}

static void test_json_api_without_text(void **state)
{
    (void)state;
    json_t *root = json_pack("{s:s}", "type", "Collection");
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_json(root, "api", NULL, &err);
    json_decref(root);
    assert_non_null(doc);
    assert_int_equal(mlm_document_stac_type(doc), MLM_STAC_COLLECTION);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    assert_true(mlm_diagnostics_count(d) > 0);
    assert_int_equal(mlm_diagnostics_get(d, 0)->line, 0);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
}

static void test_first_duplicate(void **state)
{
    (void)state;
    json_t *a = json_array();
    for (int i = 0; i < 1000; i++)
        json_array_append_new(a, json_sprintf("band-%d", i));
    assert_int_equal(mlmp_json_first_duplicate(a), -1);
    json_array_append_new(a, json_string("band-7"));
    json_array_append_new(a, json_string("band-3"));
    assert_int_equal(mlmp_json_first_duplicate(a), 1000);
    json_decref(a);
    /* 1 and 1.0 are equal in JSON Schema; containers compare by content. */
    a = json_pack("[i,s,f,[i],{s:i},[i],i,s,s,s,s,s,s,s,s,s,s,s,s,s,s]", 1, "x", 2.0, 1, "k", 1,
                  1, 1, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n");
    assert_non_null(a);
    assert_int_equal(mlmp_json_first_duplicate(a), 5);
    json_decref(a);
    a = json_pack("[i,f]", 3, 3.0);
    assert_int_equal(mlmp_json_first_duplicate(a), 1);
    json_decref(a);
}

static void test_child_documents(void **state)
{
    (void)state;
    mlm_error err;
    mlm_document *fc = parse("{\"type\": \"FeatureCollection\", \"features\": [\n"
                             "  {\"type\": \"Feature\", \"properties\": {}},\n"
                             "  {\"type\": \"Feature\", \"properties\": {\"mlm:name\": 1}}, 7]}",
                             &err);
    assert_non_null(fc);
    mlm_document *child = mlm_document_child(fc, "/features/1", NULL, &err);
    assert_non_null(child);
    assert_int_equal(mlm_document_stac_type(child), MLM_STAC_ITEM);
    mlm_diagnostics *d = mlm_validate(child, NULL, &err);
    assert_non_null(d);
    assert_true(mlm_diagnostics_count(d) > 0);
    const mlm_diagnostic *x = mlm_diagnostics_get(d, 0);
    assert_int_equal(strncmp(x->pointer, "/features/1", 11), 0);
    assert_int_equal(x->line, 3);
    int line, col;
    assert_int_equal(mlm_document_locate(child, "/properties", &line, &col), MLM_OK);
    assert_int_equal(line, 3);
    mlm_diagnostics_free(d);
    mlm_document_free(child);
    mlm_error_clear(&err);
    assert_null(mlm_document_child(fc, "/features/2", NULL, &err));
    assert_int_equal(err.code, MLM_ERR_NOT_OBJECT);
    mlm_error_clear(&err);
    assert_null(mlm_document_child(fc, "/features/9", NULL, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    mlm_document_free(fc);
}

/* Freeing the parent first is a natural mistake: the child keeps it alive,
 * including a grandchild's chain (ASan and valgrind would see a use after
 * free). */
static void test_child_outlives_parent(void **state)
{
    (void)state;
    mlm_error err;
    mlm_document *fc = parse("{\"type\": \"FeatureCollection\", \"features\": [\n"
                             "  {\"type\": \"Feature\", \"properties\": {\"mlm:name\": 1,\n"
                             "   \"inner\": {\"type\": \"Feature\"}}}]}",
                             &err);
    assert_non_null(fc);
    mlm_document *child = mlm_document_child(fc, "/features/0", NULL, &err);
    assert_non_null(child);
    mlm_document *grandchild = mlm_document_child(child, "/properties/inner", NULL, &err);
    assert_non_null(grandchild);
    mlm_document_free(fc);
    mlm_document_free(child);
    int line = 0, col = 0;
    assert_int_equal(mlm_document_locate(grandchild, "", &line, &col), MLM_OK);
    assert_int_equal(line, 3);
    mlm_diagnostics *d = mlm_validate(grandchild, NULL, &err);
    assert_non_null(d);
    mlm_diagnostics_free(d);
    assert_string_equal(mlm_model_pointer(mlm_document_model(grandchild)), "");
    mlm_document_free(grandchild);
}

static void test_line_offset(void **state)
{
    (void)state;
    mlm_parse_options o = MLM_PARSE_OPTIONS_INIT;
    o.line_offset = 41;
    mlm_error err = MLM_ERROR_INIT;
    const char *bad = "{\"a\": }";
    assert_null(mlm_parse_buffer(bad, strlen(bad), NULL, &o, &err));
    assert_int_equal(err.line, 42);
    const char *t = "{\"type\": \"Feature\", \"properties\": {\"mlm:name\": 1}}";
    mlm_document *doc = mlm_parse_buffer(t, strlen(t), NULL, &o, &err);
    assert_non_null(doc);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_true(mlm_diagnostics_count(d) > 0);
    assert_int_equal(mlm_diagnostics_get(d, 0)->line, 42);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    const char *path = tu_path(tu_source_dir(), "tests/model/fixtures/v152_item.json");
    size_t len;
    char *text = tu_read_file(path, &len);
    assert_non_null(text);
    for (long n = 0;; n++) {
        mlmp_alloc_fail_after(n);
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *doc = mlm_parse_buffer(text, len, NULL, NULL, &err);
        mlm_diagnostics *d = doc ? mlm_validate(doc, NULL, &err) : NULL;
        mlmp_alloc_fail_after(-1);
        bool done = d != NULL;
        if (!done)
            assert_int_equal(err.code, MLM_ERR_NOMEM);
        mlm_diagnostics_free(d);
        mlm_document_free(doc);
        if (done)
            break;
        assert_true(n < 100000);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_json_has_position),
        cmocka_unit_test(test_root_must_be_object),
        cmocka_unit_test(test_duplicate_keys_rejected),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_big_integers_are_numbers),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_error_overwritten_and_truncates),
        cmocka_unit_test(test_error_long_message_flagged),
        cmocka_unit_test(test_strerror_covers_every_status),
        cmocka_unit_test(test_version_detection),
        cmocka_unit_test(test_version_rules),
        cmocka_unit_test(test_document_treatment),
        cmocka_unit_test(test_forced_version),
        cmocka_unit_test(test_locator),
        cmocka_unit_test(test_document_locate_api),
        cmocka_unit_test(test_json_api_without_text),
        cmocka_unit_test(test_first_duplicate),
        cmocka_unit_test(test_child_documents),
        cmocka_unit_test(test_child_outlives_parent),
        cmocka_unit_test(test_line_offset),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
