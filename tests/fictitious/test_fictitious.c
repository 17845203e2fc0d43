/* A copy of libmlm built with MLM_TEST_FICTITIOUS_RELEASE knows MLM 1.6.0,
 * a release that does not exist, added by rows of the src/facts .def files alone
 * (docs/ADDING-A-VERSION.md): one version row, one field row
 * (mlm:training_epochs, an integer >= 0, from 1.6.0). Each test shows one
 * part of libmlm that learned it without being edited. */
#include <stdio.h>
#include <string.h>

#include "mlm.h"
#include "mlm/migrate.h"
#include "testutil.h"

#define V160 ((mlm_spec_version)(MLM_SPEC_LATEST + 1))
#define URL160 "https://stac-extensions.github.io/mlm/v1.6.0/schema.json"
#define URL152 "https://stac-extensions.github.io/mlm/v1.5.2/schema.json"

/* A valid Item of the version with identifier `url`, with `props` spliced
 * into its properties (each member followed by a comma, or ""). */
static mlm_document *item(const char *url, const char *props)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf),
             "{\"stac_version\": \"1.0.0\", \"type\": \"Feature\", \"id\": \"t\","
             " \"stac_extensions\": [\"%s\"],"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, \"bbox\": [1, 2, 1, 2],"
             " \"links\": [],"
             " \"properties\": {%s \"datetime\": \"2024-01-01T00:00:00Z\","
             "  \"mlm:name\": \"Test model\", \"mlm:architecture\": \"ResNet\","
             "  \"mlm:tasks\": [\"classification\"],"
             "  \"mlm:input\": [{\"name\": \"in\", \"bands\": [], \"input\": {\"shape\": [-1, 3],"
             "    \"dim_order\": [\"batch\", \"channel\"], \"data_type\": \"float32\"}}],"
             "  \"mlm:output\": [{\"name\": \"out\", \"tasks\": [\"classification\"],"
             "    \"result\": {\"shape\": [-1, 2], \"dim_order\": [\"batch\", \"class\"],"
             "    \"data_type\": \"float32\"}}]},"
             " \"assets\": {\"model\": {\"href\": \"https://example.com/m.pt\","
             "  \"roles\": [\"mlm:model\"], \"mlm:artifact_type\": \"torch.save\"}}}",
             url, props);
    mlm_error err;
    memset(&err, 0, sizeof(err));
    mlm_document *doc = mlm_parse_buffer(buf, strlen(buf), "test", NULL, &err);
    assert_non_null(doc);
    return doc;
}

static mlm_diagnostics *check(mlm_document *doc)
{
    mlm_error err;
    memset(&err, 0, sizeof(err));
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    return d;
}

static const mlm_diagnostic *find(const mlm_diagnostics *d, const char *rule)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, rule) == 0)
            return mlm_diagnostics_get(d, i);
    return NULL;
}

static void dump(const mlm_diagnostics *d)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        print_message("  %s %s %s (%s)\n", x->rule_id, x->pointer, x->message,
                      x->hint ? x->hint : "");
    }
}

/* The version list, names and URLs. */
static void test_versions(void **state)
{
    (void)state;
    assert_int_equal(mlm_spec_version_parse("1.6.0"), V160);
    assert_int_equal(mlm_spec_version_parse("v1.6.0"), V160);
    assert_string_equal(mlm_spec_version_name(V160), "1.6.0");
    assert_string_equal(mlm_spec_version_url(V160), URL160);
    assert_string_equal(mlm_spec_versions_supported(),
                        "draft, 1.0.0, 1.1.0, 1.2.0, 1.3.0, 1.4.0, 1.5.0, 1.5.1, 1.5.2, 1.6.0");
    assert_null(mlm_spec_version_url((mlm_spec_version)(V160 + 1)));
}

/* Parsing reads the version from stac_extensions; the model has it; a new
 * document without a version gets the newest. */
static void test_model(void **state)
{
    (void)state;
    mlm_document *doc = item(URL160, "");
    assert_int_equal(mlm_document_spec_version(doc), V160);
    assert_int_equal(mlm_document_spec_origin(doc), MLM_SPEC_ORIGIN_EXTENSION);
    const mlm_model *m = mlm_document_model(doc);
    assert_non_null(m);
    assert_int_equal(mlm_model_spec(m), V160);
    mlm_document_free(doc);

    mlm_error err;
    memset(&err, 0, sizeof(err));
    mlm_document *fresh = mlm_document_new(MLM_STAC_ITEM, "new", MLM_SPEC_UNKNOWN, &err);
    assert_non_null(fresh);
    assert_int_equal(mlm_document_spec_version(fresh), V160);
    mlm_document_free(fresh);
}

/* The rules: the new field is checked in 1.6.0 documents and unknown before. */
static void test_rules(void **state)
{
    (void)state;
    mlm_document *doc = item(URL160, "\"mlm:training_epochs\": 30,");
    mlm_diagnostics *d = check(doc);
    if (mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR) != 0) {
        dump(d);
        fail_msg("a valid 1.6.0 Item with mlm:training_epochs has errors");
    }
    /* the spec-text warnings run for the newest release too (no source code asset) */
    assert_non_null(find(d, "MLM319"));
    mlm_diagnostics_free(d);
    mlm_document_free(doc);

    doc = item(URL160, "\"mlm:training_epochs\": -1,");
    d = check(doc);
    const mlm_diagnostic *x = find(d, "MLM104");
    if (!x) {
        dump(d);
        fail_msg("mlm:training_epochs = -1 was not refused in 1.6.0");
    }
    assert_string_equal(x->pointer, "/properties/mlm:training_epochs");
    mlm_diagnostics_free(d);
    mlm_document_free(doc);

    doc = item(URL152, "\"mlm:training_epochs\": 30,");
    d = check(doc);
    x = find(d, "MLM107");
    if (!x) {
        dump(d);
        fail_msg("mlm:training_epochs was accepted in a 1.5.2 document");
    }
    assert_non_null(strstr(x->message, "is not a field of MLM 1.5.2"));
    assert_non_null(x->hint);
    assert_non_null(strstr(x->hint, "added in MLM 1.6.0"));
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
}

/* Hints name the newest version's identifier. */
static void test_hints(void **state)
{
    (void)state;
    mlm_document *doc = item("https://example.org/not-mlm/schema.json",
                             "\"mlm:training_epochs\": 30,");
    mlm_diagnostics *d = check(doc);
    const mlm_diagnostic *x = find(d, "MLM005");
    if (!x || !x->hint || !strstr(x->hint, URL160)) {
        dump(d);
        fail_msg("the hint for a document without an MLM URL does not name %s", URL160);
    }
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
}

/* --explain's examples (the rule registry) use the newest identifier. */
/* The migration steps to 1.6.0 as to any release without a row in its step
 * table: the extension URL only, on top of the steps before it. */
static void test_migrate(void **state)
{
    (void)state;
    json_t *j = json_loads("{\"type\": \"Feature\", \"stac_extensions\": [\"" URL152 "\"], \"properties\": {}}", 0, NULL);
    assert_non_null(j);
    mlm_error err;
    memset(&err, 0, sizeof(err));
    mlm_migration *m = mlm_migrate(j, V160, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_count(m), 1);
    assert_string_equal(mlm_migration_entry(m, 0)->id, "MIG001");
    assert_int_equal(mlm_migration_entry(m, 0)->to_version, V160);
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "stac_extensions"), 0)), URL160);
    mlm_migration_free(m);
    json_decref(j);
}

static void test_explain(void **state)
{
    (void)state;
    const mlm_rule_info *r = mlm_rule_find("MLM001");
    assert_non_null(r);
    assert_non_null(strstr(r->valid_example, URL160));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions), cmocka_unit_test(test_model),
        cmocka_unit_test(test_rules),    cmocka_unit_test(test_hints),
        cmocka_unit_test(test_explain),  cmocka_unit_test(test_migrate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
