/* mlmp_v1_fields through mlm_parse_buffer + mlm_validate: one small Item per
 * case, with the field under test spliced into a valid base document. */
#include <stdio.h>
#include <string.h>

#include "mlm.h"
#include "rules/rules.h"
#include "testutil.h"

/* A valid Item of MLM `ver` with `props` (extra properties members, each
 * followed by a comma, or "") and `input_extra` / `output_extra` (extra
 * members of the first model input / output, or ""). */
static mlm_diagnostics *run(const char *ver, const char *props, const char *input_extra,
                            const char *output_extra, const char *asset_extra)
{
    static char buf[8192];
    int old = strcmp(ver, "1.4.0") < 0;
    snprintf(buf, sizeof(buf),
             "{\"stac_version\": \"1.0.0\", \"type\": \"Feature\", \"id\": \"t\","
             " \"stac_extensions\": [\"%s%s/schema.json\"],"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, \"bbox\": [1, 2, 1, 2],"
             " \"links\": [],"
             " \"properties\": {%s \"datetime\": \"2024-01-01T00:00:00Z\","
             "  \"mlm:name\": \"Test model\", \"mlm:architecture\": \"ResNet\","
             "  \"mlm:tasks\": [\"classification\"],"
             "  \"mlm:input\": [{%s \"name\": \"in\",%s \"input\": {\"shape\": [-1, 3],"
             "    \"dim_order\": [\"batch\", \"channel\"], \"data_type\": \"float32\"}}],"
             "  \"mlm:output\": [{%s \"name\": \"out\", \"tasks\": [\"classification\"],"
             "    \"result\": {\"shape\": [-1, 2], \"dim_order\": [\"batch\", \"class\"],"
             "    \"data_type\": \"float32\"}}]},"
             " \"assets\": {\"model\": {%s \"href\": \"https://example.com/m.pt\","
             "  \"roles\": [\"mlm:model\"]%s}}}",
             old ? "https://crim-ca.github.io/mlm-extension/v"
                 : "https://stac-extensions.github.io/mlm/v",
             ver, props, input_extra, strstr(input_extra, "\"bands\"") ? "" : " \"bands\": [],",
             output_extra, asset_extra,
             old ? "" : ", \"mlm:artifact_type\": \"torch.save\"");
    mlm_error err;
    memset(&err, 0, sizeof(err));
    mlm_document *doc = mlm_parse_buffer(buf, strlen(buf), "test", NULL, &err);
    assert_non_null(doc);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    mlm_document_free(doc);
    return d;
}

static size_t errors(const mlm_diagnostics *d)
{
    return mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR);
}

/* The diagnostic with this rule at this pointer, or NULL. */
static const mlm_diagnostic *find(const mlm_diagnostics *d, const char *rule, const char *ptr)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        if (strcmp(x->rule_id, rule) == 0 && (!ptr || strcmp(x->pointer, ptr) == 0))
            return x;
    }
    return NULL;
}

static void dump(const mlm_diagnostics *d)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        print_message("  %s %s %s\n", x->rule_id, x->pointer, x->message);
    }
}

#define EXPECT(d, rule, ptr)                       \
    do {                                           \
        if (!find((d), (rule), (ptr))) {           \
            dump(d);                               \
            fail_msg("no %s at %s", (rule), (ptr)); \
        }                                          \
    } while (0)

#define EXPECT_VALID(d)                  \
    do {                                 \
        if (errors(d) != 0) {            \
            dump(d);                     \
            fail_msg("expected no errors"); \
        }                                \
    } while (0)

static void test_base_valid_every_version(void **state)
{
    (void)state;
    static const char *const vers[] = {"1.0.0", "1.1.0", "1.2.0", "1.3.0",
                                       "1.4.0", "1.5.0", "1.5.1", "1.5.2"};
    for (size_t i = 0; i < sizeof(vers) / sizeof(vers[0]); i++) {
        mlm_diagnostics *d = run(vers[i], "", "", "", "");
        EXPECT_VALID(d);
        mlm_diagnostics_free(d);
    }
}

static void test_catch_all(void **state)
{
    (void)state;
    /* v1.0.0-v1.3.0: ^(?!dlm:) */
    mlm_diagnostics *d = run("1.3.0", "\"dlm:framework\": \"x\", \"mlm:whatever\": 1,", "", "", "");
    EXPECT(d, "MLM110", "/properties/dlm:framework");
    assert_int_equal(errors(d), 1);
    mlm_diagnostics_free(d);
    /* v1.4.0+: unknown mlm: keys, with a suggestion */
    d = run("1.4.0", "\"mlm:task\": [\"classification\"], \"dlm:x\": 1,", "", "", "");
    const mlm_diagnostic *x = find(d, "MLM107", "/properties/mlm:task");
    assert_non_null(x);
    assert_non_null(x->hint);
    assert_non_null(strstr(x->hint, "mlm:tasks"));
    assert_int_equal(errors(d), 1);
    mlm_diagnostics_free(d);
    /* a field of a later version */
    d = run("1.4.0", "", "", "", "\"mlm:entrypoint\": \"m:f\",");
    x = find(d, "MLM107", "/assets/model/mlm:entrypoint");
    assert_non_null(x);
    assert_non_null(strstr(x->hint, "1.5.0"));
    mlm_diagnostics_free(d);
    /* keys in messages are escaped */
    d = run("1.5.2", "\"mlm:hyperparameters\": {\"lr\\n\": 1},", "", "", "");
    x = find(d, "MLM103", "/properties/mlm:hyperparameters/lr\n");
    assert_non_null(x);
    assert_null(strchr(x->message, '\n'));
    mlm_diagnostics_free(d);
}

static void test_enums_per_version(void **state)
{
    (void)state;
    mlm_diagnostics *d = run("1.4.0", "\"mlm:accelerator\": \"CUDA\",", "", "", "");
    const mlm_diagnostic *x = find(d, "MLM102", "/properties/mlm:accelerator");
    assert_non_null(x);
    assert_non_null(strstr(x->hint, "cuda"));
    mlm_diagnostics_free(d);
    d = run("1.0.0", "\"mlm:framework\": \" anything.\",", "", "", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
    d = run("1.1.0", "\"mlm:framework\": \" anything.\",", "", "", "");
    EXPECT(d, "MLM103", "/properties/mlm:framework");
    mlm_diagnostics_free(d);
    d = run("1.5.2", "\"mlm:framework_version\": \"2.1.0+cu121\", \"mlm:accelerator\": null,"
                     " \"mlm:accelerator_count\": 2.0, \"mlm:memory_size\": 0,", "", "", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
}

static void test_input_rules(void **state)
{
    (void)state;
    /* value_scaling: judged by the branch its type names */
    mlm_diagnostics *d = run("1.5.2", "",
                             "\"value_scaling\": [{\"type\": \"clip-min\", \"minimum\": 0, "
                             "\"maximum\": \"255\"}, {\"type\": \"minmax\"}],", "", "");
    EXPECT(d, "MLM111", "/properties/mlm:input/0/value_scaling/0/maximum");
    EXPECT(d, "MLM112", "/properties/mlm:input/0/value_scaling/1/type");
    assert_int_equal(errors(d), 2);
    mlm_diagnostics_free(d);
    /* before v1.4.0 value_scaling is not a defined input key: anything passes */
    d = run("1.3.0", "", "\"value_scaling\": 5, \"norm_type\": \"l2\", \"statistics\": "
                         "[{\"mean\": 1}],", "", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
    d = run("1.3.0", "", "\"statistics\": [{\"average\": 1}],", "", "");
    EXPECT(d, "MLM107", "/properties/mlm:input/0/statistics/0/average");
    mlm_diagnostics_free(d);
    /* pre_processing_function lists from v1.5.0 */
    d = run("1.4.0", "", "\"pre_processing_function\": [{\"format\": \"a\", \"expression\": 1}],",
            "", "");
    EXPECT(d, "MLM101", "/properties/mlm:input/0/pre_processing_function");
    mlm_diagnostics_free(d);
    d = run("1.5.0", "", "\"pre_processing_function\": [{\"format\": \"a\", \"expression\": 1}],",
            "", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
    /* band objects from v1.2.0, with format <-> expression */
    d = run("1.1.0", "", "\"bands\": [{\"name\": \"b\"}],", "", "");
    EXPECT(d, "MLM101", "/properties/mlm:input/0/bands/0");
    mlm_diagnostics_free(d);
    d = run("1.2.0", "", "\"bands\": [{\"name\": \"b\", \"format\": \"f\"}],", "", "");
    EXPECT(d, "MLM113", "/properties/mlm:input/0/bands/0");
    mlm_diagnostics_free(d);
}

static void test_output_rules(void **state)
{
    (void)state;
    mlm_diagnostics *d = run("1.5.2", "", "", "\"classification:classes\": [],", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
    d = run("1.5.2", "", "",
            "\"classification:classes\": [{\"value\": 1, \"description\": \"d\", "
            "\"color_hint\": \"#00FF00\"}, {\"value\": 2}],", "");
    EXPECT(d, "MLM114", "/properties/mlm:output/0/classification:classes/0/color_hint");
    EXPECT(d, "MLM114", "/properties/mlm:output/0/classification:classes/1");
    mlm_diagnostics_free(d);
    /* dim_order lists "bands" only with bands (v1.5.0+) */
    d = run("1.5.0", "", "", "\"bands\": [],", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
    d = run("1.5.2", "", "\"variables\": [],", "", "");
    EXPECT_VALID(d);
    mlm_diagnostics_free(d);
}

/* The function itself, on a value that is not an object (the structure
 * rules may report such summaries with their own id first). */
static void test_not_an_object(void **state)
{
    (void)state;
    mlmp_ctx c;
    memset(&c, 0, sizeof(c));
    c.spec = MLM_SPEC_1_5_2;
    c.out = mlmp_diags_new();
    assert_non_null(c.out);
    json_t *arr = json_pack("[s]", "classification");
    assert_non_null(arr);
    mlmp_path_push_key(&c, "summaries");
    mlmp_path_push_key(&c, "mlm:tasks");
    mlmp_v1_fields(&c, arr, MLMP_LEVEL_SUMMARY);
    mlmp_path_pop(&c);
    mlmp_path_pop(&c);
    const mlm_diagnostic *x = find(c.out, "MLM101", "/summaries/mlm:tasks");
    assert_non_null(x);
    assert_non_null(x->hint);
    assert_int_equal(mlm_diagnostics_count(c.out), 1);
    json_decref(arr);
    mlm_diagnostics_free(c.out);
    mlmp_strbuf_free(&c.path);
    mlmp_free(c.marks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_valid_every_version),
        cmocka_unit_test(test_catch_all),
        cmocka_unit_test(test_enums_per_version),
        cmocka_unit_test(test_input_rules),
        cmocka_unit_test(test_output_rules),
        cmocka_unit_test(test_not_an_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
