/* The facts table (src/facts.c): accessors, and the invariants that keep a
 * new row honest (ordered versions, unique keys, sane since/until, public
 * enum values that round-trip through the public name functions). */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "document_private.h"
#include "facts.h"
#include "mlm.h"

static void test_versions_ordered(void **state)
{
    (void)state;
    assert_int_equal(MLMP_SPEC_COUNT, (size_t)MLMP_SPEC_LATEST);
    char list[256] = "";
    for (size_t i = 0; i < MLMP_SPEC_COUNT; i++) {
        const mlmp_version_fact *f = mlmp_version_at(i);
        assert_non_null(f);
        assert_int_equal((int)f->v, (int)i + 1);
        assert_ptr_equal(mlmp_version_get(f->v), f);
        assert_ptr_equal(mlmp_version_named(f->name), f);
        assert_int_equal(mlm_spec_version_parse(f->name), f->v);
        assert_string_equal(mlm_spec_version_name(f->v), f->name);
        assert_string_equal(mlm_spec_version_url(f->v), f->url);
        assert_int_equal(mlmp_spec_from_url(f->url), f->v);
        if (f->crim_url)
            assert_int_equal(mlmp_spec_from_url(f->crim_url), f->v);
        assert_int_equal(f->v == MLM_SPEC_DRAFT, !(f->flags & MLMP_VF_RELEASED));
        assert_int_equal(f->crim_url != NULL, (f->hosts & MLMP_HOST_CRIM) != 0);
        if (f->flags & MLMP_VF_RELEASED) {
            char want[128];
            snprintf(want, sizeof(want), "%s%s%s", MLMP_URL_SE_PREFIX, f->name, MLMP_URL_SUFFIX);
            assert_string_equal(f->url, want);
            assert_non_null(f->self_id);
        }
        if (i)
            strcat(list, ", ");
        strcat(list, f->name);
    }
    assert_null(mlmp_version_at(MLMP_SPEC_COUNT));
    assert_null(mlmp_version_get(MLM_SPEC_UNKNOWN));
    assert_null(mlmp_version_get((mlm_spec_version)(MLMP_SPEC_COUNT + 1)));
    assert_null(mlmp_version_named("1.5"));
    assert_null(mlmp_version_named(NULL));
    assert_string_equal(mlmp_versions_list(), list);
    assert_string_equal(MLMP_LATEST_NAME, mlmp_version_get(MLMP_SPEC_LATEST)->name);
    assert_string_equal(MLMP_LATEST_URL, mlmp_version_get(MLMP_SPEC_LATEST)->url);
    assert_string_equal(mlm_spec_versions_supported(), list);
}

/* The capability flags, as the rows of rules/v1.c had them before the
 * table: (one_of, model_every, role_strict, item_assets, bands_inputs,
 * bands_outputs, variables, scoped, artifact_type, entrypoint, typed). */
static void test_version_flags(void **state)
{
    (void)state;
    static const struct {
        mlm_spec_version v;
        unsigned flags;
        const char *self_id;
    } rows[] = {
        {MLM_SPEC_1_0_0, MLMP_VF_ONE_OF | MLMP_VF_MODEL_EVERY | MLMP_VF_ASSETS_TYPED,
         "https://stac-extensions/mlm/v1.0.0/schema.json"},
        {MLM_SPEC_1_2_0, MLMP_VF_ONE_OF | MLMP_VF_ITEM_ASSETS | MLMP_VF_ASSETS_TYPED,
         "https://stac-extensions/mlm/v1.2.0/schema.json"},
        {MLM_SPEC_1_3_0, MLMP_VF_ITEM_ASSETS | MLMP_VF_BANDS_INPUTS | MLMP_VF_ASSETS_TYPED,
         "https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json"},
        {MLM_SPEC_1_4_0,
         MLMP_VF_ROLE_STRICT | MLMP_VF_ITEM_ASSETS | MLMP_VF_BANDS_INPUTS | MLMP_VF_SCOPED |
             MLMP_VF_ARTIFACT_TYPE,
         "https://stac-extensions.github.io/mlm/v1.4.0/schema.json"},
        {MLM_SPEC_1_5_2,
         MLMP_VF_ROLE_STRICT | MLMP_VF_ITEM_ASSETS | MLMP_VF_BANDS_INPUTS |
             MLMP_VF_BANDS_OUTPUTS | MLMP_VF_VARIABLES | MLMP_VF_SCOPED |
             MLMP_VF_ARTIFACT_TYPE | MLMP_VF_ENTRYPOINT,
         "https://stac-extensions.github.io/mlm/v1.5.2/schema.json"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const mlmp_version_fact *f = mlmp_version_get(rows[i].v);
        assert_int_equal(f->flags, rows[i].flags | MLMP_VF_RELEASED);
        assert_string_equal(f->self_id, rows[i].self_id);
        assert_true(mlmp_version_has(rows[i].v, rows[i].flags));
    }
    assert_int_equal(mlmp_version_first_with(MLMP_VF_SCOPED), MLM_SPEC_1_4_0);
    assert_int_equal(mlmp_version_first_with(MLMP_VF_VARIABLES), MLM_SPEC_1_5_0);
    assert_int_equal(mlmp_version_first_with(0), MLM_SPEC_1_0_0);
    assert_false(mlmp_version_has(MLM_SPEC_DRAFT, MLMP_VF_RELEASED));
    assert_false(mlmp_version_has(MLM_SPEC_UNKNOWN, 0));
    /* crim-ca published v1.0.0 .. v1.3.0 only */
    assert_true(mlmp_version_get(MLM_SPEC_1_3_0)->hosts & MLMP_HOST_CRIM);
    assert_false(mlmp_version_get(MLM_SPEC_1_4_0)->hosts & MLMP_HOST_CRIM);
}

static void test_fields(void **state)
{
    (void)state;
    for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
        const mlmp_field_fact *f = mlmp_field_at(i);
        assert_non_null(f);
        assert_int_equal((size_t)f->id, i);
        assert_string_equal(mlmp_key(f->id), f->key);
        assert_non_null(mlmp_version_get(f->since));
        assert_true(f->until == MLMP_V_OPEN || f->until >= f->since);
        bool mlm = strncmp(f->key, MLMP_PREFIX, strlen(MLMP_PREFIX)) == 0;
        if (f->object == MLMP_O_PROPS || f->object == MLMP_O_ROLE || f->object == MLMP_O_DRAFT)
            assert_true(mlm);
        else
            assert_false(mlm);
        /* one row per key, object and version */
        for (size_t j = 0; j < i; j++) {
            const mlmp_field_fact *g = mlmp_field_at(j);
            if (g->object != f->object || strcmp(g->key, f->key) != 0)
                continue;
            bool overlap = mlmp_field_in(g, f->since) || mlmp_field_in(f, g->since);
            assert_false(overlap);
        }
        assert_ptr_equal(mlmp_field_lookup(f->object, f->key, f->since), f);
    }
    assert_null(mlmp_field_at(MLMP_F_COUNT_));
    const mlmp_field_fact *e = mlmp_field_lookup(MLMP_O_PROPS, "mlm:entrypoint", MLM_SPEC_UNKNOWN);
    assert_non_null(e);
    assert_false(mlmp_field_in(e, MLM_SPEC_1_4_0));
    assert_true(mlmp_field_in(e, MLM_SPEC_1_5_0));
    assert_true(mlmp_field_in(e, MLMP_SPEC_LATEST));
    assert_null(mlmp_field_lookup(MLMP_O_PROPS, "mlm:entrypoint", MLM_SPEC_1_4_0));
    const mlmp_field_fact *n = mlmp_field_lookup(MLMP_O_INPUT, "norm_type", MLM_SPEC_UNKNOWN);
    assert_true(mlmp_field_in(n, MLM_SPEC_1_3_0));
    assert_false(mlmp_field_in(n, MLM_SPEC_1_4_0));
    assert_int_equal(n->type, MLMP_FT_STRING_OR_NULL);
    assert_null(mlmp_field_lookup(MLMP_O_PROPS, "mlm:nope", MLM_SPEC_UNKNOWN));
    assert_null(mlmp_field_lookup(MLMP_O_PROPS, NULL, MLM_SPEC_UNKNOWN));
    assert_string_equal(mlmp_key(MLMP_F_PROPS_accelerator_count), "mlm:accelerator_count");
    assert_int_equal(mlmp_field_at(MLMP_F_PROPS_accelerator_count)->type, MLMP_FT_COUNT1);
    assert_true(mlmp_field_at(MLMP_F_PROPS_name)->flags & MLMP_FF_REQUIRED);
    assert_false(mlmp_field_in(mlmp_field_at(MLMP_F_DRAFT_runtime), MLM_SPEC_1_0_0));
    /* the roles the code looks for are roles the spec lists */
    assert_non_null(mlmp_term_lookup(MLMP_VOC_ROLE, MLMP_ROLE_MODEL));
    assert_non_null(mlmp_term_lookup(MLMP_VOC_ROLE, MLMP_ROLE_SOURCE_CODE));
    assert_non_null(mlmp_term_lookup(MLMP_VOC_ROLE, MLMP_KEY(ROLE, inference_runtime)));
    /* MLMP_KEY is a constant address: it initialises static tables */
    static const char *const keys[] = {MLMP_KEY(PROPS, name), MLMP_KEY(OUTPUT, classes)};
    assert_string_equal(keys[0], "mlm:name");
    assert_string_equal(keys[1], "classification:classes");
    for (size_t i = 0; i < MLMP_F_COUNT_; i++)
        assert_true(strlen(mlmp_key((mlmp_field_id)i)) < MLMP_KEY_CAP - 1);
}

static void test_vocabularies(void **state)
{
    (void)state;
    const char *vals[64];
    size_t n14 = mlmp_vocab_values(MLMP_VOC_TASK, MLM_SPEC_1_4_0, vals, 64);
    size_t n15 = mlmp_vocab_values(MLMP_VOC_TASK, MLM_SPEC_1_5_0, vals, 64);
    assert_int_equal(n15, n14 + 1);
    assert_string_equal(vals[n15 - 1], "downscaling");
    assert_false(mlmp_term_known(MLMP_VOC_TASK, "downscaling", MLM_SPEC_1_4_0));
    assert_true(mlmp_term_known(MLMP_VOC_TASK, "downscaling", MLM_SPEC_1_5_0));
    assert_true(mlmp_term_known(MLMP_VOC_TASK, "downscaling", MLM_SPEC_UNKNOWN));
    assert_false(mlmp_term_known(MLMP_VOC_TASK, "multi-modal", MLM_SPEC_UNKNOWN));
    assert_true(mlmp_term_known(MLMP_VOC_DRAFT_TASK, "multi-modal", MLM_SPEC_DRAFT));
    assert_true(mlmp_term_known(MLMP_VOC_FRAMEWORK, "Scikit-learn", MLM_SPEC_1_0_0));
    assert_false(mlmp_term_known(MLMP_VOC_FRAMEWORK, "Scikit-learn", MLM_SPEC_1_1_0));
    /* cap smaller than the vocabulary: the count is still whole */
    assert_int_equal(mlmp_vocab_values(MLMP_VOC_DATA_TYPE, MLM_SPEC_UNKNOWN, vals, 2), 16);
    assert_string_equal(mlmp_vocab_what(MLMP_VOC_ACCELERATOR), "accelerator");
    assert_string_equal(mlmp_vocab_what(MLMP_VOC_COUNT_), "value");
    assert_null(mlmp_term_lookup(MLMP_VOC_TASK, NULL));
    assert_string_equal(mlmp_term_lookup(MLMP_VOC_ARTIFACT_TYPE, "torch.jit.save")->extra,
                        "PyTorch");
    /* public enum values round-trip through the public name functions */
    for (size_t i = 0; mlmp_term_at(i); i++) {
        const mlmp_term *t = mlmp_term_at(i);
        assert_non_null(mlmp_version_get(t->since));
        assert_true(t->until == MLMP_V_OPEN || t->until >= t->since);
        assert_ptr_equal(mlmp_term_lookup(t->vocab, t->value), t);
        if (!t->pub)
            continue;
        assert_int_equal(mlmp_term_public(t->vocab, t->value), t->pub);
        const char *pub_name = NULL;
        switch (t->vocab) {
        case MLMP_VOC_TASK: pub_name = mlm_task_name((mlm_task)t->pub); break;
        case MLMP_VOC_ACCELERATOR: pub_name = mlm_accelerator_name((mlm_accelerator)t->pub); break;
        case MLMP_VOC_DATA_TYPE: pub_name = mlm_data_type_name((mlm_data_type)t->pub); break;
        case MLMP_VOC_RESIZE: pub_name = mlm_resize_type_name((mlm_resize_type)t->pub); break;
        case MLMP_VOC_SCALING: pub_name = mlm_scaling_type_name((mlm_scaling_type)t->pub); break;
        default: break;
        }
        if (pub_name && t->vocab != MLMP_VOC_DRAFT_TASK)
            assert_string_equal(pub_name, t->value);
    }
    assert_int_equal(mlmp_term_public(MLMP_VOC_DRAFT_TASK, "object detection"),
                     MLM_TASK_OBJECT_DETECTION);
    assert_string_equal(mlmp_term_of_public(MLMP_VOC_TASK, MLM_TASK_OBJECT_DETECTION),
                        "object-detection");
    assert_null(mlmp_term_of_public(MLMP_VOC_TASK, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_ordered),
        cmocka_unit_test(test_version_flags),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_vocabularies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
