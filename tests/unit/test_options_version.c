/* One rule for every versioned options record (issue 21.2): version 1 up to
 * the header's current version is accepted, 0 (never initialised) and
 * anything newer are refused with MLM_ERR_INVALID_ARG and a sentence that
 * names the record and its _INIT macro. Each record is tried with
 * 0, 1, CURRENT, CURRENT + 1 and 99 through every function that takes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "mlm.h"

static const char item[] = "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"x\"}";

/* The versions tried, and whether each must be accepted. */
static void versions(unsigned int current, unsigned int v[5], int ok[5])
{
    const unsigned int all[5] = {0u, 1u, current, current + 1u, 99u};
    for (int i = 0; i < 5; i++) {
        v[i] = all[i];
        ok[i] = all[i] >= 1u && all[i] <= current;
    }
}

/* A refusal is MLM_ERR_INVALID_ARG with a full sentence naming the record
 * and the macro that initialises it. */
static void assert_refused(const mlm_error *err, const char *record, const char *macro)
{
    assert_int_equal(err->code, MLM_ERR_INVALID_ARG);
    if (!strstr(err->text, record) || !strstr(err->text, "version")) {
        fprintf(stderr, "message: %s\n", err->text);
        fail();
    }
    size_t n = strlen(err->text);
    assert_true(n > 0 && err->text[n - 1] == '.');
    if (strstr(err->text, "version 0,") && !strstr(err->text, macro)) {
        fprintf(stderr, "message: %s\n", err->text);
        fail();
    }
}

static void test_parse_options(void **state)
{
    (void)state;
    unsigned int v[5];
    int ok[5];
    versions(MLM_PARSE_OPTIONS_VERSION, v, ok);
    const char *path = tu_path(tu_source_dir(), "tests/cli/fixtures/warning.json");
    for (int i = 0; i < 5; i++) {
        mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
        po.version = v[i];
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *a = mlm_parse_buffer(item, sizeof(item) - 1, "mem", &po, &err);
        assert_int_equal(a != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_parse_options", "MLM_PARSE_OPTIONS_INIT");
        mlm_document *b = mlm_parse_file(path, &po, &err);
        assert_int_equal(b != NULL, ok[i]);
        json_t *root = json_object();
        mlm_document *c = mlm_parse_json(root, "json", &po, &err);
        assert_int_equal(c != NULL, ok[i]);
        json_decref(root);
        mlm_document *parent = mlm_parse_buffer(item, sizeof(item) - 1, "mem", NULL, &err);
        assert_non_null(parent);
        mlm_document *child = mlm_document_child(parent, "", &po, &err);
        assert_int_equal(child != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_parse_options", "MLM_PARSE_OPTIONS_INIT");
        mlm_document_free(child);
        mlm_document_free(parent);
        mlm_document_free(c);
        mlm_document_free(b);
        mlm_document_free(a);
    }
}

static void test_validate_options(void **state)
{
    (void)state;
    unsigned int v[5];
    int ok[5];
    versions(MLM_VALIDATE_OPTIONS_VERSION, v, ok);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(item, sizeof(item) - 1, "mem", NULL, &err);
    assert_non_null(doc);
    for (int i = 0; i < 5; i++) {
        mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
        vo.version = v[i];
        mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
        assert_int_equal(d != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_validate_options", "MLM_VALIDATE_OPTIONS_INIT");
        mlm_diagnostics_free(d);
    }
    mlm_document_free(doc);
}

static void test_stac_options(void **state)
{
    (void)state;
    unsigned int v[5];
    int ok[5];
    versions(MLM_STAC_OPTIONS_VERSION, v, ok);
    for (int i = 0; i < 5; i++) {
        mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
        so.version = v[i];
        so.flags = MLM_STAC_NO_CACHE | MLM_STAC_OFFLINE;
        mlm_error err = MLM_ERROR_INIT;
        mlm_stac_validator *sv = mlm_stac_validator_new(&so, &err);
        assert_int_equal(sv != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_stac_options", "MLM_STAC_OPTIONS_INIT");
        mlm_stac_validator_free(sv);
    }
    /* The fetch options a STAC validator borrows follow the same rule, and
     * are checked when the validator is made, not at its first download. */
    versions(MLM_FETCH_OPTIONS_VERSION, v, ok);
    for (int i = 0; i < 5; i++) {
        mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
        fo.version = v[i];
        mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
        so.flags = MLM_STAC_NO_CACHE | MLM_STAC_OFFLINE;
        so.fetch = &fo;
        mlm_error err = MLM_ERROR_INIT;
        mlm_stac_validator *sv = mlm_stac_validator_new(&so, &err);
        assert_int_equal(sv != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_fetch_options", "MLM_FETCH_OPTIONS_INIT");
        mlm_stac_validator_free(sv);
    }
}

static void test_schema_options(void **state)
{
    (void)state;
    unsigned int v[5];
    int ok[5];
    versions(MLM_SCHEMA_OPTIONS_VERSION, v, ok);
    json_t *schema = json_pack("{s:s}", "type", "object");
    assert_non_null(schema);
    for (int i = 0; i < 5; i++) {
        mlm_schema_options so = MLM_SCHEMA_OPTIONS_INIT;
        so.version = v[i];
        mlm_error err = MLM_ERROR_INIT;
        mlm_schema *s = mlm_schema_compile(NULL, schema, NULL, &so, &err);
        assert_int_equal(s != NULL, ok[i]);
        if (!ok[i])
            assert_refused(&err, "mlm_schema_options", "MLM_SCHEMA_OPTIONS_INIT");
        mlm_schema_free(s);
    }
    json_decref(schema);
}

/* mlm_fetch checks its records before any network access; an accepted
 * record reaches the network step (a closed local port) and fails there,
 * or with MLM_ERR_UNSUPPORTED in builds without libcurl. */
static void test_fetch_records(void **state)
{
    (void)state;
    unsigned int v[5];
    int ok[5];
    versions(MLM_FETCH_OPTIONS_VERSION, v, ok);
    for (int i = 0; i < 5; i++) {
        mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
        fo.version = v[i];
        fo.connect_timeout = 2;
        char *body = NULL;
        mlm_error err = MLM_ERROR_INIT;
        int rc = mlm_fetch("http://127.0.0.1:1/x.json", &fo, &body, NULL, NULL, &err);
        assert_true(rc < 0);
        assert_null(body);
        if (ok[i])
            assert_int_not_equal(rc, MLM_ERR_INVALID_ARG);
        else
            assert_refused(&err, "mlm_fetch_options", "MLM_FETCH_OPTIONS_INIT");
    }
    versions(MLM_FETCH_INFO_VERSION, v, ok);
    for (int i = 0; i < 5; i++) {
        mlm_fetch_info info = MLM_FETCH_INFO_INIT;
        info.version = v[i];
        char *body = NULL;
        mlm_error err = MLM_ERROR_INIT;
        int rc = mlm_fetch("http://127.0.0.1:1/x.json", NULL, &body, NULL, &info, &err);
        assert_true(rc < 0);
        if (ok[i])
            assert_int_not_equal(rc, MLM_ERR_INVALID_ARG);
        else
            assert_refused(&err, "mlm_fetch_info", "MLM_FETCH_INFO_INIT");
        mlm_fetch_info_clear(&info);
    }
}

/* NULL options still mean the defaults everywhere. */
static void test_null_is_default(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(item, sizeof(item) - 1, "mem", NULL, &err);
    assert_non_null(doc);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_options),  cmocka_unit_test(test_validate_options),
        cmocka_unit_test(test_stac_options),   cmocka_unit_test(test_schema_options),
        cmocka_unit_test(test_fetch_records),  cmocka_unit_test(test_null_is_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
