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

static size_t count_rule(const mlm_diagnostics *d, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, id) == 0)
            n++;
    return n;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classifier_table),
        cmocka_unit_test(test_long_url),
        cmocka_unit_test(test_document_treatment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
