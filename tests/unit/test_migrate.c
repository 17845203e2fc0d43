/* mlm_migrate(): the report API, errors, FeatureCollections, number precision,
 * and every allocation failing in turn (no leak, NOMEM reported, never a
 * partial report). Documents are written inline: our own, small. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mlm.h"
#include "mlm/migrate.h"
#include "mlm_private.h"

static const char draft_doc[] =
    "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"m1\", \"geometry\": null, \"links\": [],"
    " \"assets\": {\"w\": {\"href\": \"https://e.org/w.pt\", \"roles\": [\"model\"]}},"
    " \"properties\": {\"datetime\": null, \"z\": 1,"
    "  \"mlm:input\": [{\"name\": \"x\", \"bands\": [\"B1\"], \"input_feature\": {\"shape\": [-1, 1, 8, 8],"
    "   \"dim_order\": \"bchw\", \"dtype\": \"float32\"}, \"norm_type\": \"min_max\","
    "   \"statistics\": {\"min\": [0], \"max\": [255]}}],"
    "  \"mlm:architecture\": {\"name\": \"CNN\", \"file_size\": 10, \"memory_size\": 20},"
    "  \"mlm:runtime\": {\"framework\": \"PyTorch\", \"version\": \"2.0\", \"model_asset\": {\"href\": \"https://e.org/w.pt\"},"
    "   \"source_code\": {\"href\": \"https://e.org/src\"}, \"accelerator\": \"cuda\", \"accelerator_constrained\": false,"
    "   \"hardware_summary\": \"gpu\"},"
    "  \"mlm:output\": {\"task\": \"classification\", \"result\": [{\"shape\": [-1, 2], \"dim_names\": [\"batch\", \"class\"],"
    "   \"dtype\": \"float32\"}], \"class_name_mapping\": {\"b\": 1, \"a\": 0}}}}";

static json_t *load(const char *s)
{
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    return j;
}

static size_t count_id(const mlm_migration *m, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < mlm_migration_count(m); i++)
        n += strcmp(mlm_migration_entry(m, i)->id, id) == 0;
    return n;
}

static void test_draft_to_latest(void **state)
{
    (void)state;
    json_t *j = load(draft_doc);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_source(m), MLM_SPEC_DRAFT);
    assert_true(count_id(m, "MIG100") == 1 && count_id(m, "MIG140") == 1 && count_id(m, "MIG001") == 1);
    assert_int_equal(mlm_migration_todo_count(m), 2); /* mlm:name from the id; artifact type guessed */
    assert_null(mlm_migration_entry(m, mlm_migration_count(m)));
    json_t *p = json_object_get(j, "properties");
    /* key order: the flattened fields take the place of mlm:architecture, z stays second */
    const char *keys[3];
    size_t n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(p, k, v) {
        if (n < 3)
            keys[n] = k;
        n++;
    }
    assert_string_equal(keys[1], "z");
    assert_string_equal(keys[2], "mlm:input");
    assert_string_equal(json_string_value(json_object_get(p, "mlm:architecture")), "CNN");
    json_t *vs = json_array_get(json_object_get(json_array_get(json_object_get(p, "mlm:input"), 0), "value_scaling"), 0);
    assert_string_equal(json_string_value(json_object_get(vs, "type")), "min-max");
    assert_true(json_is_integer(json_object_get(vs, "maximum")));
    json_t *classes = json_object_get(json_array_get(json_object_get(p, "mlm:output"), 0), "classification:classes");
    assert_string_equal(json_string_value(json_object_get(json_array_get(classes, 0), "name")), "a");
    mlm_migration_free(m);
    /* again: nothing to do */
    m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_count(m), 0);
    mlm_migration_free(m);
    json_decref(j);
}

static void test_errors(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    assert_null(mlm_migrate(NULL, MLM_SPEC_LATEST, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    json_t *j = load(draft_doc);
    mlm_error_clear(&err);
    assert_null(mlm_migrate(j, MLM_SPEC_DRAFT, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    json_decref(j);
    j = load("{\"type\": \"Feature\", \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.0/schema.json\"]}");
    mlm_error_clear(&err);
    assert_null(mlm_migrate(j, MLM_SPEC_1_4_0, &err));
    assert_non_null(strstr(err.text, "newer than the target"));
    json_decref(j);
    j = load("{\"properties\": {}}");
    mlm_error_clear(&err);
    assert_null(mlm_migrate(j, MLM_SPEC_LATEST, &err));
    assert_non_null(strstr(err.text, "nothing to migrate"));
    json_decref(j);
    assert_int_equal(mlm_migration_count(NULL), 0);
    mlm_migration_free(NULL);
}

static void test_feature_collection(void **state)
{
    (void)state;
    json_t *j = load("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"stac_extensions\": "
                     "[\"https://crim-ca.github.io/mlm-extension/v1.2.0/schema.json\"], \"properties\": {}}]}");
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_1_3_0, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_count(m), 1);
    assert_string_equal(mlm_migration_entry(m, 0)->from, "/features/0/stac_extensions/0");
    assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(json_object_get(j, "features"), 0),
                                                                         "stac_extensions"), 0)),
                        "https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json");
    mlm_migration_free(m);
    json_decref(j);
}

/* Documents without MLM pass through unchanged with a note; in a
 * FeatureCollection the others are migrated (issue 17.7). */
static void test_pass_through(void **state)
{
    (void)state;
    const char *plain = "{\"type\": \"Collection\", \"id\": \"c\", \"stac_version\": \"1.0.0\", \"x\": [1.5]}";
    json_t *j = load(plain), *copy = load(plain);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_count(m), 1);
    assert_int_equal(mlm_migration_todo_count(m), 0);
    assert_int_equal(mlm_migration_entry(m, 0)->kind, MLM_MIGRATE_NOTE);
    assert_string_equal(mlm_migration_entry(m, 0)->id, "MIG002");
    assert_string_equal(mlm_migrate_kind_name(MLM_MIGRATE_NOTE), "note");
    assert_true(json_equal(j, copy));
    mlm_migration_free(m);
    json_decref(j);
    json_decref(copy);
    j = load("{\"type\": \"FeatureCollection\", \"features\": ["
             "{\"type\": \"Feature\", \"stac_extensions\": [\"https://stac-extensions.github.io/ml-model/v1.0.0/schema.json\"],"
             " \"properties\": {\"ml-model:type\": \"ml-model\"}},"
             "{\"type\": \"Feature\", \"stac_extensions\": [\"https://crim-ca.github.io/mlm-extension/v1.2.0/schema.json\"],"
             " \"properties\": {}}]}");
    m = mlm_migrate(j, MLM_SPEC_1_3_0, &err);
    assert_non_null(m);
    assert_int_equal(mlm_migration_source(m), MLM_SPEC_1_2_0);
    assert_int_equal(count_id(m, "MIG002"), 1);
    assert_string_equal(mlm_migration_entry(m, 0)->from, "/features/0");
    assert_non_null(strstr(mlm_migration_entry(m, 0)->message, "ml-model"));
    assert_int_equal(count_id(m, "MIG001"), 1);
    mlm_migration_free(m);
    json_decref(j);
}

/* Bare draft fields (no type, no stac_version) are migrated where they are,
 * and the result, still no STAC object, is a TODO naming what it lacks. */
static void test_bare_fields(void **state)
{
    (void)state;
    json_t *j = load("{\"mlm:architecture\": {\"name\": \"CNN\"}, \"mlm:runtime\": {\"framework\": \"PyTorch\"}}");
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    assert_int_equal(count_id(m, "MIG906"), 1);
    assert_int_equal(count_id(m, "MIG100"), 1);
    assert_string_equal(json_string_value(json_object_get(j, "mlm:architecture")), "CNN");
    assert_string_equal(json_string_value(json_object_get(j, "mlm:framework")), "PyTorch");
    for (size_t i = 0; i < mlm_migration_count(m); i++)
        if (strcmp(mlm_migration_entry(m, i)->id, "MIG906") == 0)
            assert_non_null(strstr(mlm_migration_entry(m, i)->message, "\"stac_version\""));
    mlm_migration_free(m);
    json_decref(j);
}

/* The pre-release statistics, one object of per-band arrays, become per-band
 * value_scaling; an incomplete one stays in place with a TODO. */
static void test_per_band_statistics(void **state)
{
    (void)state;
    const char *doc = "{\"type\": \"Feature\", \"stac_extensions\": [\"https://crim-ca.github.io/mlm-extension/v1.1.0/schema.json\"],"
                      " \"properties\": {\"mlm:input\": [{\"name\": \"x\", \"norm_type\": \"z-score\","
                      " \"statistics\": {\"mean\": [1.5, 2.5], \"stddev\": [0.5, 0.25]}}]}}";
    json_t *j = load(doc);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_1_4_0, &err);
    assert_non_null(m);
    json_t *in = json_array_get(json_object_get(json_object_get(j, "properties"), "mlm:input"), 0);
    json_t *want = load("[{\"type\": \"z-score\", \"mean\": 1.5, \"stddev\": 0.5},"
                        " {\"type\": \"z-score\", \"mean\": 2.5, \"stddev\": 0.25}]");
    assert_true(json_equal(json_object_get(in, "value_scaling"), want));
    assert_null(json_object_get(in, "statistics"));
    json_decref(want);
    mlm_migration_free(m);
    json_decref(j);
    j = load(doc);
    json_object_del(json_object_get(json_array_get(json_object_get(json_object_get(j, "properties"), "mlm:input"), 0),
                                    "statistics"), "stddev");
    m = mlm_migrate(j, MLM_SPEC_1_4_0, &err);
    assert_non_null(m);
    in = json_array_get(json_object_get(json_object_get(j, "properties"), "mlm:input"), 0);
    assert_non_null(json_object_get(in, "statistics")); /* kept: nothing the source states is lost */
    assert_non_null(json_object_get(in, "norm_type"));
    assert_null(json_object_get(in, "value_scaling"));
    assert_int_equal(count_id(m, "MIG901"), 1);
    mlm_migration_free(m);
    json_decref(j);
}

static void test_real_precision(void **state)
{
    (void)state;
    json_t *j = load("{\"a\": 0.1, \"b\": [1105.2, 3], \"c\": 1e-5}");
    assert_int_equal(mlm_json_real_precision(j), 5);
    json_decref(j);
    j = load("[0.30000000000000004]");
    assert_int_equal(mlm_json_real_precision(j), 17);
    json_decref(j);
}

/* A v1.0.0 Collection whose summaries and item_assets hold model fields. */
static const char collection_doc[] =
    "{\"type\": \"Collection\", \"id\": \"c\", \"stac_extensions\": "
    "[\"https://crim-ca.github.io/mlm-extension/v1.0.0/schema.json\"],"
    " \"summaries\": {\"mlm:framework\": {\"enum\": [\"PyTorch\", \"Scikit-learn\"]},"
    "  \"mlm:input\": [{\"name\": \"x\", \"bands\": [\"a\"], \"input\": {\"shape\": [-1, 1],"
    "   \"dim_order\": [\"batch\", \"channel\"], \"data_type\": \"float32\"}, \"norm_type\": \"min-max\","
    "   \"statistics\": [{\"minimum\": 0, \"maximum\": 1}]}],"
    "  \"mlm:architecture\": {\"minimum\": \"A\"}},"
    " \"item_assets\": {\"w\": {\"roles\": [\"mlm:model\"], \"mlm:name\": \"n\"}}}";

static void test_collection_summaries(void **state)
{
    (void)state;
    json_t *j = load(collection_doc);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    assert_int_equal(count_id(m, "MIG120"), 1);
    assert_int_equal(count_id(m, "MIG140"), 1);
    assert_int_equal(count_id(m, "MIG151"), 1);
    assert_int_equal(count_id(m, "MIG142"), 1);
    assert_int_equal(count_id(m, "MIG905"), 0); /* the range is of a field no step changes */
    json_t *s = json_object_get(j, "summaries");
    assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(s, "mlm:framework"), "enum"), 1)),
                        "scikit-learn");
    json_t *in = json_array_get(json_object_get(s, "mlm:input"), 0);
    assert_non_null(json_object_get(in, "value_scaling"));
    assert_null(json_object_get(in, "norm_type"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(s, "mlm:name"), "const")), "n");
    assert_null(json_object_get(json_object_get(json_object_get(j, "item_assets"), "w"), "mlm:name"));
    mlm_migration_free(m);
    json_decref(j);
}

static void alloc_failure(const char *doc)
{
    json_t *ref = load(doc);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(ref, MLM_SPEC_LATEST, &err);
    assert_non_null(m);
    size_t want = mlm_migration_count(m);
    mlm_migration_free(m);
    for (long n = 0;; n++) {
        json_t *j = load(doc);
        mlm_error_clear(&err);
        mlmp_alloc_fail_after(n);
        m = mlm_migrate(j, MLM_SPEC_LATEST, &err);
        mlmp_alloc_fail_after(-1);
        json_decref(j);
        if (m) {
            assert_int_equal(mlm_migration_count(m), want);
            mlm_migration_free(m);
            break;
        }
        assert_int_equal(err.code, MLM_ERR_NOMEM);
        assert_true(n < 100000);
    }
    json_decref(ref);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    alloc_failure(draft_doc);
    alloc_failure(collection_doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_draft_to_latest), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_feature_collection), cmocka_unit_test(test_real_precision),
        cmocka_unit_test(test_pass_through), cmocka_unit_test(test_bare_fields),
        cmocka_unit_test(test_per_band_statistics),
        cmocka_unit_test(test_alloc_failure), cmocka_unit_test(test_collection_summaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
