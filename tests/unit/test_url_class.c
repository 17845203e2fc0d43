/* The URL classifier of src/version.c, one row per trap: neighbour extensions
 * (ml-model), the predecessor (dl-model), moving branches, and every way of
 * writing a published identifier that is not that identifier. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#include "document_private.h"
#include "mlm.h"

#define SE "https://stac-extensions.github.io/mlm/"
#define K_OTHER MLMP_UCLASS_OTHER
#define K_MLM MLMP_UCLASS_MLM
#define K_UNK MLMP_UCLASS_MLM_UNKNOWN
#define K_MOVE MLMP_UCLASS_MOVING
#define K_DLM MLMP_UCLASS_PREDECESSOR
#define U MLM_SPEC_UNKNOWN

static const struct {
    const char *url;
    mlmp_uclass_kind kind;
    mlm_spec_version near; /* for K_MLM the version itself */
} cases[] = {
    /* published identifiers */
    {SE "v1.5.2/schema.json", K_MLM, MLM_SPEC_1_5_2},
    {SE "v1.0.0/schema.json", K_MLM, MLM_SPEC_1_0_0},
    {"https://crim-ca.github.io/mlm-extension/v1.2.0/schema.json", K_MLM, MLM_SPEC_1_2_0},
    {"https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/json-schema/schema.json",
     K_MLM, MLM_SPEC_DRAFT},
    /* the same, written otherwise: MLM, but not the identifier */
    {"http://stac-extensions.github.io/mlm/v1.5.2/schema.json", K_UNK, MLM_SPEC_1_5_2},
    {SE "v1.5.2/schema.json/", K_UNK, MLM_SPEC_1_5_2},
    {SE "v1.5.2/schema.json?ref=main", K_UNK, MLM_SPEC_1_5_2},
    {SE "v1.5.2/schema.json#", K_UNK, MLM_SPEC_1_5_2},
    {SE "v1.5.2/schema.json#/definitions/x", K_UNK, MLM_SPEC_1_5_2},
    {SE "V1.5.2/schema.json", K_UNK, MLM_SPEC_1_5_2},
    {"HTTPS://STAC-EXTENSIONS.GITHUB.IO/mlm/v1.4.0/schema.json", K_UNK, MLM_SPEC_1_4_0},
    {SE "v1.5.2//schema.json", K_UNK, MLM_SPEC_1_5_2},
    {SE "v1.5.2/json-schema/schema.json", K_UNK, MLM_SPEC_1_5_2},
    {SE "1.5.2/schema.json", K_UNK, U},
    {SE "v1.6.0/schema.json", K_UNK, U},
    {SE "v1.5/schema.json", K_UNK, U},
    {SE "v1.5.2/schema", K_UNK, U},
    {SE "v1.5.2/", K_UNK, U},
    {SE, K_UNK, U},
    {"https://crim-ca.github.io/mlm-extension/v1.4.0/schema.json", K_UNK, U},
    {"https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json?x", K_UNK, MLM_SPEC_1_3_0},
    {"https://stac-extension.github.io/mlm/v1.5.2/schema.json", K_UNK, MLM_SPEC_1_5_2},
    {"https://example.org/mirror/mlm/v1.2.0/schema.json", K_UNK, MLM_SPEC_1_2_0},
    {"https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/json-schema/schema.json/",
     K_UNK, MLM_SPEC_DRAFT},
    {"mlm", K_UNK, U},
    /* neighbours: another extension, whatever the substring */
    {"https://stac-extensions.github.io/ml-model/v1.0.0/schema.json", K_OTHER, U},
    {"http://stac-extensions.github.io/ml-model/v1.0.0/schema.json", K_OTHER, U},
    {"https://stac-extensions.github.io/ml-model/v1.0.0/schema.json/", K_OTHER, U},
    {"ml-model", K_OTHER, U},
    {"https://raw.githubusercontent.com/stac-extensions/ml-model/main/json-schema/schema.json",
     K_OTHER, U},
    {"https://stac-extensions.github.io/mlm-tools/v1.0.0/schema.json", K_OTHER, U},
    {"https://stac-extensions.github.io/mlmx/v1.5.2/schema.json", K_OTHER, U},
    {"https://stac-extensions.github.io/eo/v1.1.0/schema.json", K_OTHER, U},
    {"https://example.org/schemas/mlm.json", K_OTHER, U},
    {"https://example.org/mlm/schema.json", K_OTHER, U},
    {"https://crim-ca.github.io/mlm-extension-tools/v1.0.0/schema.json", K_OTHER, U},
    {"https://example.org/?u=https://stac-extensions.github.io/mlm/v1.5.2/schema.json", K_OTHER,
     U},
    {"https://github.com/stac-extensions/mlm", K_OTHER, U},
    {"ftp://stac-extensions.github.io/mlm/v1.5.2/schema.json", K_OTHER, U},
    {"file:///tmp/mlm/v1.5.2/schema.json", K_OTHER, U},
    {"", K_OTHER, U},
    {"eo", K_OTHER, U},
    /* the predecessor */
    {"dl-model", K_DLM, U},
    {"DL-MODEL", K_DLM, U},
    {"https://crim-ca.github.io/dlm-extension/v0.1.0/schema.json", K_DLM, U},
    {"https://schemas.stacspec.org/v1.0.0-beta.2/extensions/dl-model/json-schema/schema.json",
     K_DLM, U},
    {"https://stac-extensions.github.io/dl-model/v1.0.0/schema.json", K_DLM, U},
    /* moving branches of the MLM / dl-model repositories */
    {"https://raw.githubusercontent.com/crim-ca/dlm-extension/main/json-schema/schema.json",
     K_MOVE, U},
    {"https://raw.githubusercontent.com/crim-ca/mlm-extension/master/json-schema/schema.json",
     K_MOVE, U},
    {"https://raw.githubusercontent.com/stac-extensions/mlm/main/json-schema/schema.json", K_MOVE,
     U},
    {"http://raw.githubusercontent.com/Stac-Extensions/MLM/main/json-schema/schema.json", K_MOVE,
     U},
    {"https://github.com/stac-extensions/mlm/blob/main/json-schema/schema.json", K_MOVE, U},
    {"https://github.com/crim-ca/dlm-extension/raw/feature-x/json-schema/schema.json", K_MOVE, U},
    /* ... but a tag is a fixed file, only not the identifier */
    {"https://raw.githubusercontent.com/stac-extensions/mlm/v1.4.0/json-schema/schema.json", K_UNK,
     MLM_SPEC_1_4_0},
    {"https://raw.githubusercontent.com/crim-ca/dlm-extension/v1.0.0/json-schema/schema.json",
     K_UNK, MLM_SPEC_1_0_0},
    {"https://raw.githubusercontent.com/stac-extensions/mlm/v9.9.9/json-schema/schema.json", K_UNK,
     U},
};

static void test_classifier_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mlmp_url_class k = mlmp_url_classify(cases[i].url);
        if (k.kind != cases[i].kind || k.near != cases[i].near)
            fail_msg("%s: kind %d near %d, expected kind %d near %d", cases[i].url, (int)k.kind,
                     (int)k.near, (int)cases[i].kind, (int)cases[i].near);
        if (cases[i].kind == K_MLM)
            assert_int_equal(k.v, cases[i].near);
        assert_int_equal(mlmp_url_looks_mlm(cases[i].url),
                         cases[i].kind == K_MLM || cases[i].kind == K_UNK ||
                             cases[i].kind == K_MOVE);
    }
    assert_int_equal(mlmp_url_classify(NULL).kind, K_OTHER);
}

/* A very long URL is never a published one and never overflows. */
static void test_long_url(void **state)
{
    (void)state;
    char url[4096];
    memset(url, 'a', sizeof(url) - 1);
    url[sizeof(url) - 1] = '\0';
    memcpy(url, "https://", 8);
    assert_int_equal(mlmp_url_classify(url).kind, K_OTHER);
    snprintf(url, sizeof(url), "https://stac-extensions.github.io/mlm/%0200d/schema.json", 1);
    assert_int_equal(mlmp_url_classify(url).kind, K_OTHER);
    snprintf(url, sizeof(url), "https://stac-extensions.github.io/a/b/c/d/e/f/g/h/i/j/mlm");
    assert_int_equal(mlmp_url_classify(url).kind, K_OTHER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classifier_table),
        cmocka_unit_test(test_long_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
