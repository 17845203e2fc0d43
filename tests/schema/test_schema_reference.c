/* The engine against the published STAC/MLM schemas in $MLM_SHARED_DIR:
 * every schema of reference/schemas/index.json compiles, and every official
 * example (and the two disagreement cases) gets the verdict of the reference
 * validator (shared/tools/stac-oracle, draft-07 as declared): the core schema
 * chosen by stac_version and type, then every stac_extensions schema.
 * Skips when the shared folder is absent. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mlm/schema.h"
#include "testutil.h"

static char schemas_dir[4096];

/* Exit codes of stac-oracle for the files that are not valid (0). */
static const struct {
    const char *file;
    int verdict; /* 1 invalid, 2 not JSON / schema unavailable */
} EXPECTED[] = {
    {"examples/seed-draft/collection.json", 2},
    {"examples/seed-draft/item.json", 1},
    {"examples/seed-draft/stac_model-example.json", 1},
    {"examples/v1.0.0-beta.3/collection.json", 2},
    {"examples/v1.0.0-beta.3/item.json", 1},
    {"examples/v1.0.0-beta2/collection.json", 2},
    {"examples/v1.0.0-beta2/item.json", 2},
    {"cases/mlm-v1.3.0-stac-extensions-url.json", 1},
    {"cases/mlm-v1.5.2-band-format-without-expression.json", 1},
};

static int expected_verdict(const char *rel)
{
    for (size_t i = 0; i < sizeof(EXPECTED) / sizeof(EXPECTED[0]); i++)
        if (strcmp(EXPECTED[i].file, rel) == 0)
            return EXPECTED[i].verdict;
    return 0;
}

static mlm_schema_registry *registry_from_index(json_t **index_out)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/index.json", schemas_dir);
    json_t *index = json_load_file(path, 0, NULL);
    assert_non_null(index);
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema_registry *reg = mlm_schema_registry_new(&err);
    assert_non_null(reg);
    const char *url;
    json_t *rel;
    json_object_foreach (json_object_get(index, "schemas"), url, rel) {
        snprintf(path, sizeof(path), "%s/%s", schemas_dir, json_string_value(rel));
        json_t *doc = json_load_file(path, 0, NULL);
        if (!doc)
            continue; /* e.g. the beta.2 dl-model schema is not valid JSON */
        assert_int_equal(mlm_schema_registry_add(reg, url, doc, &err), 0);
        json_decref(doc);
    }
    *index_out = index;
    return reg;
}

static void test_compile_all(void **state)
{
    (void)state;
    json_t *index;
    mlm_schema_registry *reg = registry_from_index(&index);
    const char *url;
    json_t *rel;
    int ok = 0, bad = 0, unparsable = 0;
    json_object_foreach (json_object_get(index, "schemas"), url, rel) {
        char path[4200];
        snprintf(path, sizeof(path), "%s/%s", schemas_dir, json_string_value(rel));
        json_t *doc = json_load_file(path, 0, NULL);
        if (!doc) {
            unparsable++;
            continue;
        }
        json_decref(doc);
        mlm_error err = MLM_ERROR_INIT;
        mlm_schema *s = mlm_schema_compile_url(reg, url, NULL, &err);
        if (s) {
            ok++;
        } else {
            bad++;
            fprintf(stderr, "cannot compile %s: %s\n", url, err.text);
        }
        mlm_schema_free(s);
    }
    printf("reference schemas: %d compiled, %d failed, %d not JSON\n", ok, bad, unparsable);
    assert_int_equal(bad, 0);
    assert_true(ok > 50);
    mlm_schema_registry_free(reg);
    json_decref(index);
}

/* 0 valid, 1 invalid, 2 not JSON or a schema is unavailable. */
static int validate_document(mlm_schema_registry *reg, const char *path, bool print)
{
    json_t *doc = json_load_file(path, 0, NULL);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return 2;
    }
    const char *type = json_string_value(json_object_get(doc, "type"));
    const char *version = json_string_value(json_object_get(doc, "stac_version"));
    const char *kind = !type ? NULL
                       : strcmp(type, "Feature") == 0    ? "item"
                       : strcmp(type, "Collection") == 0 ? "collection"
                       : strcmp(type, "Catalog") == 0    ? "catalog"
                                                         : NULL;
    if (!kind || !version) {
        if (print)
            printf("  %s: no stac_version or unknown type\n", path);
        json_decref(doc);
        return 1;
    }
    char core[512];
    snprintf(core, sizeof(core), "https://schemas.stacspec.org/v%s/%s-spec/json-schema/%s.json",
             version, kind, kind);
    json_t *urls = json_array();
    json_array_append_new(urls, json_string(core));
    size_t i;
    json_t *u;
    json_array_foreach (json_object_get(doc, "stac_extensions"), i, u)
        json_array_append(urls, u);
    int verdict = 0;
    json_array_foreach (urls, i, u) {
        mlm_error err = MLM_ERROR_INIT;
        mlm_schema *s = mlm_schema_compile_url(reg, json_string_value(u), NULL, &err);
        if (!s) {
            if (print)
                printf("  %s: %s\n", path, err.text);
            verdict = 2;
            break;
        }
        mlm_schema_result *res = NULL;
        assert_int_equal(mlm_schema_validate(s, doc, 0, &res, &err), 0);
        assert_int_equal(mlm_schema_is_valid(s, doc, 0), mlm_schema_result_valid(res));
        if (!mlm_schema_result_valid(res)) {
            verdict = 1;
            for (size_t k = 0; print && k < mlm_schema_result_count(res); k++) {
                const mlm_schema_error *e = mlm_schema_result_get(res, k);
                printf("  %s: %s: %s [%s]\n", path, e->instance_path, e->message, e->keyword_location);
            }
        }
        mlm_schema_result_free(res);
        mlm_schema_free(s);
    }
    json_decref(urls);
    json_decref(doc);
    return verdict;
}

static void test_examples(void **state)
{
    (void)state;
    json_t *index;
    mlm_schema_registry *reg = registry_from_index(&index);
    const char *shared = tu_shared_dir();
    const char *dirs[64];
    char *owned[64];
    size_t nd = 0;
    char base[4200];
    snprintf(base, sizeof(base), "%s/reference/examples", shared);
    DIR *d = opendir(base);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nd < 60) {
        if (e->d_name[0] == '.')
            continue;
        char buf[300];
        snprintf(buf, sizeof(buf), "examples/%s", e->d_name);
        owned[nd] = strdup(buf);
        dirs[nd] = owned[nd];
        nd++;
    }
    closedir(d);
    owned[nd] = strdup("cases");
    dirs[nd] = owned[nd];
    nd++;
    int agree = 0, disagree = 0;
    bool verbose = getenv("MLM_REFERENCE_VERBOSE") != NULL;
    for (size_t k = 0; k < nd; k++) {
        char dir[4400];
        snprintf(dir, sizeof(dir), "%s/reference/%s", shared, dirs[k]);
        DIR *dd = opendir(dir);
        if (!dd)
            continue;
        while ((e = readdir(dd)) != NULL) {
            size_t len = strlen(e->d_name);
            if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
                continue;
            char rel[600], path[5000];
            snprintf(rel, sizeof(rel), "%s/%s", dirs[k], e->d_name);
            snprintf(path, sizeof(path), "%s/reference/%s", shared, rel);
            int got = validate_document(reg, path, verbose);
            int want = expected_verdict(rel);
            if (got == want) {
                agree++;
            } else {
                disagree++;
                fprintf(stderr, "DISAGREE %s: engine %d, stac-oracle %d\n", rel, got, want);
                validate_document(reg, path, true);
            }
        }
        closedir(dd);
    }
    for (size_t k = 0; k < nd; k++)
        free(owned[k]);
    printf("reference examples: %d agree with stac-oracle, %d disagree\n", agree, disagree);
    assert_int_equal(disagree, 0);
    assert_true(agree >= 75);
    mlm_schema_registry_free(reg);
    json_decref(index);
}

int main(void)
{
    const char *shared = tu_shared_dir();
    if (!shared) {
        printf("MLM_SHARED_DIR is not set or missing; skipped\n");
        return MLM_TEST_SKIP;
    }
    snprintf(schemas_dir, sizeof(schemas_dir), "%s/reference/schemas", shared);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compile_all),
        cmocka_unit_test(test_examples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
