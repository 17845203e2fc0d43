/* Unit tests of mlm_validate_options beyond the rules: the per-rule severity
 * table, partial results when a schema cannot be resolved (MLM012), and the
 * source lines of diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "mlm.h"
#include "stac_private.h"

static mlm_document *load(const char *rel)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file(tu_path(tu_source_dir(), rel), NULL, &err);
    if (!doc)
        fprintf(stderr, "%s: %s\n", rel, err.text);
    assert_non_null(doc);
    return doc;
}

static size_t count_rule(const mlm_diagnostics *d, const char *id, mlm_severity *sev)
{
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        if (strcmp(x->rule_id, id) == 0) {
            n++;
            if (sev)
                *sev = x->severity;
        }
    }
    return n;
}

/* warning.json has MLM310 and MLM320 warnings. */
static void test_severity_table(void **state)
{
    (void)state;
    mlm_document *doc = load("tests/cli/fixtures/warning.json");
    mlm_error err = MLM_ERROR_INIT;
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    mlm_severity sev = MLM_SEVERITY_NONE;
    assert_int_equal(count_rule(d, "MLM320", &sev), 1);
    assert_int_equal(sev, MLM_SEVERITY_WARNING);
    assert_int_equal(count_rule(d, "MLM310", NULL), 1);
    mlm_diagnostics_free(d);

    /* Off, a name instead of an id, and a later entry winning. */
    const mlm_rule_severity table[] = {
        {"MLM320", MLM_SEVERITY_NONE},
        {"MLM310", MLM_SEVERITY_INFO},
        {mlm_rule_find("MLM310")->name, MLM_SEVERITY_ERROR},
    };
    vo.severities = table;
    vo.n_severities = 3;
    d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    assert_int_equal(count_rule(d, "MLM320", NULL), 0);
    assert_int_equal(count_rule(d, "MLM310", &sev), 1);
    assert_int_equal(sev, MLM_SEVERITY_ERROR);
    assert_true(mlm_diagnostics_failed(d, 0));
    mlm_diagnostics_free(d);

    /* Options of version 2 ignore the fields they do not have. */
    vo.version = 2;
    d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    assert_int_equal(count_rule(d, "MLM320", NULL), 1);
    mlm_diagnostics_free(d);

    /* An unknown rule or severity is an argument error, even when no
     * diagnostic of it would be reported. */
    vo.version = MLM_VALIDATE_OPTIONS_VERSION;
    const mlm_rule_severity bad[] = {{"MLM999", MLM_SEVERITY_INFO}};
    vo.severities = bad;
    vo.n_severities = 1;
    mlm_error_clear(&err);
    assert_null(mlm_validate(doc, &vo, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "MLM999"));
    const mlm_rule_severity bad_sev[] = {{"MLM320", (mlm_severity)7}};
    vo.severities = bad_sev;
    mlm_error_clear(&err);
    assert_null(mlm_validate(doc, &vo, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    mlm_document_free(doc);
}

/* A missing extension schema: MLM012 plus every other finding. */
static void test_unresolved_schema_keeps_the_rest(void **state)
{
    (void)state;
    mlm_document *doc = load("tests/cli/fixtures/missing-schema.json");
    mlm_error err = MLM_ERROR_INIT;
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
    mlm_stac_validator *v = mlm_stac_validator_new(&so, &err);
    assert_non_null(v);
    assert_int_equal(mlm_stac_validator_add_dir(v, tu_path(tu_source_dir(), "tests/schemas"), &err),
                     0);
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.stac = v;
    /* MLM012 keeps its severity whatever the table says. */
    const mlm_rule_severity table[] = {{"MLM012", MLM_SEVERITY_NONE}};
    vo.severities = table;
    vo.n_severities = 1;
    for (int round = 0; round < 2; round++) { /* the second time from the validator's cache */
        mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
        assert_non_null(d);
        assert_int_equal(mlm_diagnostics_unresolved(d), 1);
        mlm_severity sev = MLM_SEVERITY_NONE;
        assert_int_equal(count_rule(d, "MLM012", &sev), 1);
        assert_int_equal(sev, MLM_SEVERITY_ERROR);
        assert_int_equal(count_rule(d, "MLM208", NULL), 1);
        for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
            const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
            if (strcmp(x->rule_id, "MLM012") != 0)
                continue;
            assert_string_equal(x->pointer, "/stac_extensions/1");
            assert_non_null(strstr(x->message, "https://example.org/missing/v9.9.9/schema.json"));
            assert_non_null(strstr(x->message, "--offline forbids a download"));
            assert_non_null(x->hint);
        }
        mlm_diagnostics_free(d);
    }
    assert_int_equal(mlm_diagnostics_unresolved(NULL), 0);
    mlm_stac_validator_free(v);
    mlm_document_free(doc);
}

/* Documents choose their schema URLs: a validator shared by a long-running
 * service remembers at most MLMP_STAC_MAX_FAILED that failed, and those past
 * it are still reported in full (MLM012 with the URL and the reason). */
static void test_failed_urls_are_bounded(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE | MLM_STAC_NO_CORE;
    mlm_stac_validator *v = mlm_stac_validator_new(&so, &err);
    assert_non_null(v);
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.stac = v;
    for (int i = 0; i < MLMP_STAC_MAX_FAILED + 40; i++) {
        char text[256], url[96];
        snprintf(url, sizeof(url), "https://example.org/unknown/%d/schema.json", i % (MLMP_STAC_MAX_FAILED + 20));
        snprintf(text, sizeof(text),
                 "{\"stac_version\": \"1.0.0\", \"type\": \"Feature\", \"id\": \"x\", "
                 "\"stac_extensions\": [\"%s\"]}", url);
        mlm_document *doc = mlm_parse_buffer(text, strlen(text), "t.json", NULL, &err);
        assert_non_null(doc);
        mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
        assert_non_null(d);
        assert_int_equal(count_rule(d, "MLM012", NULL), 1);
        for (size_t k = 0; k < mlm_diagnostics_count(d); k++) {
            const mlm_diagnostic *x = mlm_diagnostics_get(d, k);
            if (strcmp(x->rule_id, "MLM012") == 0) {
                assert_non_null(strstr(x->message, url));
                assert_non_null(strstr(x->message, "forbids a download"));
            }
        }
        mlm_diagnostics_free(d);
        mlm_document_free(doc);
    }
    assert_int_equal(mlmp_stac_remembered(v), MLMP_STAC_MAX_FAILED);
    mlm_stac_validator_free(v);
}

/* Source lines: only on request; long lines cut around the value. */
static void test_source_lines(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = load("tests/cli/fixtures/invalid.json");
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    assert_null(mlm_diagnostics_get(d, 0)->source_line);
    mlm_diagnostics_free(d);
    vo.flags = MLM_VALIDATE_SOURCE_LINES;
    d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    const mlm_diagnostic *x = mlm_diagnostics_get(d, 0);
    assert_string_equal(x->rule_id, "MLM102");
    assert_string_equal(x->source_line, "      \"semantic segmentation\"");
    assert_int_equal(x->source_column, x->column);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);

    /* One 5000-byte line with multi-byte characters before the value. */
    size_t pad = 2000;
    char *text = malloc(6000);
    assert_non_null(text);
    size_t n = (size_t)sprintf(text, "{\"stac_version\": \"1.0.0\", \"type\": \"Feature\", \"x\": \"");
    for (size_t i = 0; i < pad; i++)
        n += (size_t)sprintf(text + n, "\xc3\xa9");
    n += (size_t)sprintf(text + n, "\", \"stac_extensions\": [\"https://stac-extensions.github.io/"
                                   "mlm/v1.5.2/schema.json\"], \"properties\": {\"mlm:tasks\": [1]}, "
                                   "\"y\": \"%0900d\"}", 0);
    doc = mlm_parse_buffer(text, n, "long.json", NULL, &err);
    assert_non_null(doc);
    d = mlm_validate(doc, &vo, &err);
    assert_non_null(d);
    int seen = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        x = mlm_diagnostics_get(d, i);
        if (strcmp(x->pointer, "/properties/mlm:tasks/0") != 0)
            continue;
        seen = 1;
        assert_non_null(x->source_line);
        assert_true(strlen(x->source_line) <= 1024);
        assert_true(x->source_column < x->column);
        /* source_column points at the value in the excerpt: count characters. */
        const unsigned char *p = (const unsigned char *)x->source_line;
        int col = 1;
        while (*p && col < x->source_column) {
            p++;
            while ((*p & 0xC0u) == 0x80u)
                p++;
            col++;
        }
        assert_int_equal(*p, '1');
    }
    assert_true(seen);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_table),
        cmocka_unit_test(test_unresolved_schema_keeps_the_rest),
        cmocka_unit_test(test_failed_urls_are_bounded),
        cmocka_unit_test(test_source_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
