/* The draft's native rules (src/rules/draft.c) against our own schema for
 * it (schemas/mlm-draft.schema.json), run by the project's JSON Schema
 * engine: for every draft document among the rule fixtures and the draft
 * examples, and for single-change mutants of the valid examples, the rules
 * report an error exactly when the schema rejects the document.
 *
 * The schema, like every STAC extension schema, asks that stac_extensions
 * lists its identifier. Documents recognised as the draft by the shape of
 * their fields (MLM004) do not, and no schema-based validator would apply it
 * to them; they are compared as if they listed it. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm/schema.h"
#include "testutil.h"

typedef struct {
    mlm_schema *schema;
    json_t *schema_json;
    size_t compared;
    size_t invalid; /* of those, how many the schema rejects */
    size_t differ;
} fixture_state;

static int setup(void **state)
{
    fixture_state *st = calloc(1, sizeof(*st));
    if (!st)
        return -1;
    json_error_t jerr;
    const char *path = tu_path(tu_source_dir(), "schemas/mlm-draft.schema.json");
    st->schema_json = json_load_file(path, 0, &jerr);
    if (!st->schema_json) {
        fprintf(stderr, "cannot read %s: %s\n", path, jerr.text);
        free(st);
        return -1;
    }
    mlm_error err = MLM_ERROR_INIT;
    st->schema = mlm_schema_compile(NULL, st->schema_json,
                                    mlm_spec_version_url(MLM_SPEC_DRAFT), NULL, &err);
    if (!st->schema) {
        fprintf(stderr, "cannot compile %s: %s\n", path, err.text);
        json_decref(st->schema_json);
        free(st);
        return -1;
    }
    *state = st;
    return 0;
}

static int teardown(void **state)
{
    fixture_state *st = *state;
    mlm_schema_free(st->schema);
    json_decref(st->schema_json);
    free(st);
    return 0;
}

static bool lists_url(const json_t *root, const char *url)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(root, "stac_extensions"), i, e)
        if (json_is_string(e) && strcmp(json_string_value(e), url) == 0)
            return true;
    return false;
}

/* The schema's verdict (1 valid, 0 invalid) on `root`, listing the draft. */
static int schema_verdict(const fixture_state *st, const json_t *root)
{
    const char *url = mlm_spec_version_url(MLM_SPEC_DRAFT);
    json_t *copy = NULL;
    if (!lists_url(root, url) && json_is_object(root)) {
        copy = json_deep_copy(root);
        json_t *exts = json_object_get(copy, "stac_extensions");
        if (!exts) {
            exts = json_array();
            json_object_set_new(copy, "stac_extensions", exts);
        }
        json_array_append_new(exts, json_string(url));
        root = copy;
    }
    int r = mlm_schema_is_valid(st->schema, root, 0);
    json_decref(copy);
    return r;
}

static void print_schema_errors(const fixture_state *st, const json_t *root)
{
    mlm_schema_result *res = NULL;
    mlm_error err = MLM_ERROR_INIT;
    if (mlm_schema_validate(st->schema, root, 0, &res, &err) != 0)
        return;
    for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
        const mlm_schema_error *e = mlm_schema_result_get(res, i);
        fprintf(stderr, "    schema: %s: %s (%s)\n", e->instance_path, e->message,
                e->keyword_location);
    }
    mlm_schema_result_free(res);
}

/* Compare both verdicts on `root`. Returns -1 when it is not a draft document. */
static int compare(fixture_state *st, json_t *root, const char *what)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_json(root, what, NULL, &err);
    if (!doc)
        return -1;
    if (mlm_document_spec_version(doc) != MLM_SPEC_DRAFT) {
        mlm_document_free(doc);
        return -1;
    }
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    /* MLM004 (draft fields without the draft URL) is a deliberate departure:
     * schema_verdict() applies the schema as if the URL were listed, so the
     * fields are compared, not the missing identifier. */
    size_t undeclared = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, "MLM004") == 0)
            undeclared++;
    int c_valid = mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR) == undeclared;
    int s_valid = schema_verdict(st, root);
    assert_true(s_valid == 0 || s_valid == 1);
    st->compared++;
    if (!s_valid)
        st->invalid++;
    if (c_valid != s_valid) {
        st->differ++;
        fprintf(stderr, "DIFFER %s: rules say %s, schema says %s\n", what,
                c_valid ? "valid" : "invalid", s_valid ? "valid" : "invalid");
        for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
            const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
            if (x->severity == MLM_SEVERITY_ERROR)
                fprintf(stderr, "    rules:  %s: [%s] %s\n", x->pointer, x->rule_id, x->message);
        }
        print_schema_errors(st, root);
    }
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return c_valid == s_valid;
}

/* Every *.json directly in dir. Returns how many draft documents were compared. */
static size_t compare_dir(fixture_state *st, const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[8192];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        json_error_t jerr;
        json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
        if (!root)
            continue;
        if (compare(st, root, path) >= 0)
            n++;
        json_decref(root);
    }
    closedir(dp);
    return n;
}

static void test_schema_id_is_the_draft_url(void **state)
{
    fixture_state *st = *state;
    assert_string_equal(json_string_value(json_object_get(st->schema_json, "$id")),
                        mlm_spec_version_url(MLM_SPEC_DRAFT));
}

/* Our schema is a draft-07 schema (checked against the meta-schema from
 * ../shared when it is there). */
static void test_schema_is_draft07(void **state)
{
    fixture_state *st = *state;
    const char *shared = tu_shared_dir();
    if (!shared) {
        skip();
        return;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/reference/schemas/json-schema.org/draft-07/schema.json", shared);
    json_error_t jerr;
    json_t *meta = json_load_file(path, 0, &jerr);
    if (!meta) {
        snprintf(path, sizeof(path), "%s/reference/schemas/json-schema.org/draft-07/schema.json",
                 shared);
        meta = json_load_file(path, 0, &jerr);
    }
    if (!meta) {
        fprintf(stderr, "no draft-07 meta-schema under %s/reference/schemas\n", shared);
        skip();
        return;
    }
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema *ms = mlm_schema_compile(NULL, meta, "http://json-schema.org/draft-07/schema",
                                        NULL, &err);
    assert_non_null(ms);
    mlm_schema_result *res = NULL;
    assert_int_equal(mlm_schema_validate(ms, st->schema_json, 0, &res, &err), 0);
    for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
        const mlm_schema_error *e = mlm_schema_result_get(res, i);
        fprintf(stderr, "meta-schema: %s: %s\n", e->instance_path, e->message);
    }
    assert_true(mlm_schema_result_valid(res));
    mlm_schema_result_free(res);
    mlm_schema_free(ms);
    json_decref(meta);
}

static void test_fixtures_and_examples_agree(void **state)
{
    fixture_state *st = *state;
    st->compared = st->invalid = st->differ = 0;
    const char *src = tu_source_dir();
    char dir[4096];
    size_t n = 0;
    snprintf(dir, sizeof(dir), "%s/tests/rules/fixtures", src);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (strncmp(de->d_name, "MLM", 3) != 0)
            continue;
        char sub[8192];
        snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
        n += compare_dir(st, sub);
    }
    closedir(dp);
    snprintf(dir, sizeof(dir), "%s/examples/draft/valid", src);
    size_t valid = compare_dir(st, dir);
    assert_true(valid > 0);
    /* Draft fields without the draft URL: the fields are valid, the document is
     * not (MLM004). */
    snprintf(dir, sizeof(dir), "%s/examples/draft/undeclared", src);
    assert_true(compare_dir(st, dir) > 0);
    snprintf(dir, sizeof(dir), "%s/examples/draft/invalid", src);
    size_t before = st->invalid;
    size_t invalid = compare_dir(st, dir);
    assert_true(invalid > 0);
    /* Every invalid example is invalid (and, by agreement, for the rules too). */
    assert_int_equal(st->invalid - before, invalid);
    printf("draft fixtures and examples: %zu compared (%zu fixtures), %zu rejected, %zu differ\n",
           st->compared, n, st->invalid, st->differ);
    assert_true(n > 20);
    assert_int_equal(st->differ, 0);
}

/* --- single-change mutants ---------------------------------------------------- */
static const char *const replacements[] = {
    "null", "true", "0", "0.0", "-1", "-2", "1", "2.5", "\"x\"", "\"\"", "\"bchw\"", "\"bhwc\"",
    "\"batch\"", "\"z_score\"", "\"cuda\"", "[]", "[0]", "[-1, 3]", "[\"batch\"]", "[\"x\", 1]",
    "{}", "{\"x\": 1}", "{\"href\": \"a\"}", "[{}]",
};

static void mutate_at(fixture_state *st, json_t *root, json_t *node, const char *where);

/* Replace (and remove) `parent[key]` in turn, restoring it after each. */
static void mutate_member(fixture_state *st, json_t *root, json_t *parent, const char *key,
                          const char *where)
{
    char what[1024];
    json_t *old = json_incref(json_object_get(parent, key));
    for (size_t i = 0; i < sizeof(replacements) / sizeof(replacements[0]); i++) {
        json_t *r = json_loads(replacements[i], JSON_DECODE_ANY, NULL);
        assert_non_null(r);
        json_object_set_new(parent, key, r);
        snprintf(what, sizeof(what), "%s/%s := %s", where, key, replacements[i]);
        (void)compare(st, root, what);
    }
    json_object_del(parent, key);
    snprintf(what, sizeof(what), "%s/%s removed", where, key);
    (void)compare(st, root, what);
    json_object_set(parent, key, old);
    json_decref(old);
    char sub[1024];
    snprintf(sub, sizeof(sub), "%s/%s", where, key);
    mutate_at(st, root, old, sub);
}

static void mutate_at(fixture_state *st, json_t *root, json_t *node, const char *where)
{
    char what[1024];
    if (json_is_object(node)) {
        /* Keys first: the object changes while we mutate it. */
        size_t n = json_object_size(node), k = 0;
        char **keys = calloc(n ? n : 1, sizeof(char *));
        assert_non_null(keys);
        const char *key;
        json_t *v;
        json_object_foreach(node, key, v) {
            (void)v;
            keys[k++] = strdup(key);
        }
        for (size_t i = 0; i < k; i++) {
            mutate_member(st, root, node, keys[i], where);
            free(keys[i]);
        }
        free(keys);
        json_object_set_new(node, "zz_extra", json_integer(1));
        snprintf(what, sizeof(what), "%s/zz_extra added", where);
        (void)compare(st, root, what);
        json_object_del(node, "zz_extra");
    } else if (json_is_array(node)) {
        for (size_t i = 0; i < json_array_size(node); i++) {
            json_t *old = json_incref(json_array_get(node, i));
            for (size_t j = 0; j < sizeof(replacements) / sizeof(replacements[0]); j++) {
                json_array_set_new(node, i, json_loads(replacements[j], JSON_DECODE_ANY, NULL));
                snprintf(what, sizeof(what), "%s/%zu := %s", where, i, replacements[j]);
                (void)compare(st, root, what);
            }
            json_array_set(node, i, old);
            char sub[1024];
            snprintf(sub, sizeof(sub), "%s/%zu", where, i);
            mutate_at(st, root, old, sub);
            json_decref(old);
        }
    }
}

/* Mutate the model fields of a valid example (and its type / properties). */
static void mutate_example(fixture_state *st, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/examples/draft/valid/%s", tu_source_dir(), name);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);
    json_t *props = json_object_get(root, "properties");
    json_t *level = props ? props : root;
    static const char *const fields[] = {"mlm:input", "mlm:architecture", "mlm:runtime",
                                         "mlm:output", "parameters"};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (json_object_get(level, fields[i]))
            mutate_member(st, root, level, fields[i], props ? "/properties" : "");
    mutate_member(st, root, root, "type", name);
    if (props) {
        json_t *copy = json_incref(props);
        json_object_set_new(root, "properties", json_string("x"));
        (void)compare(st, root, "properties := \"x\"");
        json_object_del(root, "properties");
        (void)compare(st, root, "properties removed");
        json_object_set_new(root, "properties", copy);
    }
    json_decref(root);
}

static void test_mutants_agree(void **state)
{
    fixture_state *st = *state;
    st->compared = st->invalid = st->differ = 0;
    mutate_example(st, "item-segmentation.json");
    mutate_example(st, "item-time-series.json");
    mutate_example(st, "item-example-spellings.json");
    mutate_example(st, "collection.json");
    printf("draft mutants: %zu compared, %zu rejected, %zu differ\n", st->compared, st->invalid,
           st->differ);
    assert_true(st->compared > 1000);
    assert_int_equal(st->differ, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_id_is_the_draft_url),
        cmocka_unit_test(test_schema_is_draft07),
        cmocka_unit_test(test_fixtures_and_examples_agree),
        cmocka_unit_test(test_mutants_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
