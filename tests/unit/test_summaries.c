/* The summary getters of mlm/model.h on a Collection whose mlm: summaries
 * take each form STAC allows: a {minimum, maximum} range object, a list of
 * values, a JSON schema; plus the malformed cases, which read as absent. */
#include <string.h>

#include "testutil.h"

#include "mlm.h"

static const char collection[] =
    "{\"type\": \"Collection\", \"id\": \"s\", \"stac_version\": \"1.0.0\",\n"
    " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],\n"
    " \"description\": \"d\", \"license\": \"other\", \"links\": [],\n"
    " \"extent\": {\"spatial\": {\"bbox\": [[-180, -90, 180, 90]]},\n"
    "            \"temporal\": {\"interval\": [[null, null]]}},\n"
    " \"summaries\": {\n"
    "  \"mlm:total_parameters\": {\"minimum\": 1000, \"maximum\": 2500000},\n"
    "  \"mlm:memory_size\": {\"minimum\": 0.5, \"maximum\": 1e12},\n"
    "  \"mlm:batch_size_suggestion\": [1, 8, 16.5, \"x\", null],\n"
    "  \"mlm:accelerator_count\": {\"minimum\": 1},\n"
    "  \"mlm:pretrained\": {\"minimum\": \"1\", \"maximum\": 2},\n"
    "  \"mlm:framework\": [\"ONNX\", \"PyTorch\"],\n"
    "  \"mlm:architecture\": {\"type\": \"string\", \"minLength\": 1},\n"
    "  \"datetime\": {\"minimum\": 1, \"maximum\": 2}}}";

static mlm_document *doc;
static const mlm_model *m;

static int setup(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    doc = mlm_parse_buffer(collection, sizeof(collection) - 1, "s.json", NULL, &err);
    m = mlm_document_model(doc);
    return doc && m ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    mlm_document_free(doc);
    return 0;
}

static void test_range(void **state)
{
    (void)state;
    double lo = -1, hi = -1;
    assert_int_equal(mlm_model_summary_range(m, "mlm:total_parameters", &lo, &hi), 1);
    assert_true(lo == 1000.0 && hi == 2500000.0);
    assert_int_equal(mlm_model_summary_range(m, "mlm:memory_size", &lo, &hi), 1);
    assert_true(lo == 0.5 && hi == 1e12);
    /* Either output may be NULL. */
    lo = -1;
    assert_int_equal(mlm_model_summary_range(m, "mlm:total_parameters", &lo, NULL), 1);
    assert_true(lo == 1000.0);
    assert_int_equal(mlm_model_summary_range(m, "mlm:total_parameters", NULL, NULL), 1);
    /* Not a range: outputs untouched. */
    static const char *const not_ranges[] = {
        "mlm:batch_size_suggestion", /* a list */
        "mlm:accelerator_count",     /* no maximum */
        "mlm:pretrained",            /* a bound that is not a number */
        "mlm:architecture",          /* a schema */
        "mlm:name",                  /* absent */
        "datetime",                  /* not an mlm: summary */
    };
    for (size_t i = 0; i < sizeof(not_ranges) / sizeof(not_ranges[0]); i++) {
        lo = hi = -7;
        assert_int_equal(mlm_model_summary_range(m, not_ranges[i], &lo, &hi), 0);
        assert_true(lo == -7 && hi == -7);
    }
    assert_int_equal(mlm_model_summary_range(m, NULL, &lo, &hi), 0);
    assert_int_equal(mlm_model_summary_range(NULL, "mlm:total_parameters", &lo, &hi), 0);
    assert_true(lo == -7 && hi == -7);
}

static void test_number_list(void **state)
{
    (void)state;
    const char *key = "mlm:batch_size_suggestion";
    assert_int_equal(mlm_model_summary_number_count(m, key), 5);
    double v = -1;
    assert_int_equal(mlm_model_summary_number(m, key, 0, &v), 1);
    assert_true(v == 1.0);
    assert_int_equal(mlm_model_summary_number(m, key, 1, &v), 1);
    assert_true(v == 8.0);
    assert_int_equal(mlm_model_summary_number(m, key, 2, &v), 1);
    assert_true(v == 16.5);
    assert_int_equal(mlm_model_summary_number(m, key, 2, NULL), 1);
    /* A string, a null, out of range: 0, v untouched. */
    v = -7;
    assert_int_equal(mlm_model_summary_number(m, key, 3, &v), 0);
    assert_int_equal(mlm_model_summary_number(m, key, 4, &v), 0);
    assert_int_equal(mlm_model_summary_number(m, key, 5, &v), 0);
    assert_true(v == -7);
    /* A range object or a string list has no numeric entries. */
    assert_int_equal(mlm_model_summary_number_count(m, "mlm:total_parameters"), 0);
    assert_int_equal(mlm_model_summary_number(m, "mlm:total_parameters", 0, &v), 0);
    assert_int_equal(mlm_model_summary_number_count(m, "mlm:framework"), 2);
    assert_int_equal(mlm_model_summary_number(m, "mlm:framework", 0, &v), 0);
    assert_int_equal(mlm_model_summary_number_count(m, "mlm:name"), 0);
    assert_int_equal(mlm_model_summary_number_count(NULL, key), 0);
    assert_int_equal(mlm_model_summary_number(NULL, key, 0, &v), 0);
    assert_true(v == -7);
    /* The string getter still reads the same list. */
    assert_string_equal(mlm_model_summary_string(m, "mlm:framework", 1), "PyTorch");
    assert_null(mlm_model_summary_string(m, key, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_number_list),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
