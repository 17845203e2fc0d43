/*
 * Allocation-failure tests over every public entry point: for N = 0, 1, 2...
 * the Nth allocation fails, and the call must end in MLM_ERR_NOMEM (or, once
 * N is past the last allocation, succeed with exactly the result of a run
 * without failures). Leaks and bad frees on the error paths are for the
 * sanitizers and valgrind to find: the suite runs under both in CI.
 *
 * The Nth allocation counts the library's own (mlmp_malloc) and, through
 * jansson's allocator hooks set here in the test only, jansson's and PCRE2's
 * (PCRE2 goes through mlmp_malloc already), so "parse" failures inside
 * jansson are reached too. The library itself never touches jansson's hooks.
 *
 * MLM_ALLOC_STRIDE=k (environment) tries only every kth N, for slow runs
 * (valgrind); the default is 1, every N.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "mlm.h"
#include "mlm_private.h"

/* Upper bound on the number of allocations one scenario may make. */
#define MAX_ALLOCS 200000L

/* Set when the allocation made to fail was one of jansson's. jansson 2.14
 * reports most of its own allocation failures while parsing as syntax errors
 * ("invalid token", "string or '}' expected"), so the library can only pass
 * them on as MLM_ERR_JSON (or, for a schema file, MLM_ERR_SCHEMA): still an
 * error return, never a crash, a leak or a half-parsed document. */
static bool jansson_failed;

static void *hook_malloc(size_t n)
{
    void *p = mlmp_malloc(n);
    if (!p)
        jansson_failed = true;
    return p;
}
static void hook_free(void *p) { mlmp_free(p); }

static long stride(void)
{
    const char *s = getenv("MLM_ALLOC_STRIDE");
    long k = s ? strtol(s, NULL, 10) : 1;
    return k > 0 ? k : 1;
}

/* One scenario: does its work, returns MLM_OK or a negative status, and a
 * signature of its result (compared with the run without failures). */
typedef int (*scenario_fn)(void *ctx, unsigned long *sig);

static unsigned long mix(unsigned long h, const char *s)
{
    for (; s && *s; s++)
        h = h * 31u + (unsigned char)*s;
    return h * 31u + 1u;
}

/* A digest of a diagnostics list, independent of order and of line:column:
 * mlm_validate computes positions (and sorts by them) on a best-effort basis,
 * so a failed allocation there leaves the diagnostics unlocated rather than
 * failing the validation. Everything else must be identical. */
static unsigned long diag_signature(const mlm_diagnostics *d)
{
    unsigned long h = mlm_diagnostics_count(d);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        unsigned long one = mix(0, x->rule_id);
        one = mix(one, x->pointer);
        one = mix(one, x->message);
        h += one * 2654435761u;
    }
    return h;
}

/* Run @p fn with the Nth allocation failing, for every N until it succeeds. */
static void exhaust(const char *name, scenario_fn fn, void *ctx)
{
    json_set_alloc_funcs(hook_malloc, hook_free);
    unsigned long want = 0;
    int rc = fn(ctx, &want);
    assert_int_equal(rc, MLM_OK);
    long k = stride(), n, misreported = 0;
    for (n = 0;; n += k) {
        unsigned long got = 0;
        jansson_failed = false;
        mlmp_alloc_fail_after(n);
        rc = fn(ctx, &got);
        mlmp_alloc_fail_after(-1);
        if (rc == MLM_OK) {
            if (got != want)
                fail_msg("%s: succeeded with the allocation %ld failing, but with a "
                         "different result (lost a diagnostic?)",
                         name, n);
            break;
        }
        if (jansson_failed && (rc == MLM_ERR_JSON || rc == MLM_ERR_SCHEMA)) {
            misreported++;
            continue;
        }
        if (rc != MLM_ERR_NOMEM)
            fail_msg("%s: allocation %ld failing gave status %d (%s), not MLM_ERR_NOMEM", name,
                     n, rc, mlm_strerror(rc));
        if (n > MAX_ALLOCS)
            fail_msg("%s: still failing after %ld allocations", name, n);
    }
    json_set_alloc_funcs(malloc, free);
    printf("%s: %ld allocation points: %ld reported as MLM_ERR_NOMEM, %ld inside jansson "
           "reported as a syntax error\n",
           name, n, n / k - misreported, misreported);
}

/* --- scenarios ---------------------------------------------------------------- */

typedef struct doc_case {
    const char *path;       /* relative to the source dir */
    char *text;
    size_t len;
    mlm_stac_validator *stac; /* shared, warm: NULL for the MLM rules only */
    bool fresh_stac;        /* build a validator inside the scenario */
    const char *child;      /* validate this child document instead, or NULL */
} doc_case;

static int status_of(const mlm_error *err) { return err->code ? err->code : MLM_ERR_NOMEM; }

static unsigned long model_signature(const mlm_model *m)
{
    unsigned long h = mlm_model_input_count(m) * 131u + mlm_model_output_count(m) * 17u +
                      mlm_model_asset_count(m);
    for (size_t i = 0; i < mlm_model_input_count(m); i++) {
        const mlm_input *in = mlm_model_input(m, i);
        h = mix(h, mlm_input_name(in)) + mlm_tensor_shape_count(mlm_input_tensor(in));
        h = mix(h, mlm_input_pointer(in));
    }
    for (size_t i = 0; i < mlm_model_output_count(m); i++)
        h = mix(h, mlm_output_name(mlm_model_output(m, i))) +
            mlm_output_class_count(mlm_model_output(m, i));
    for (size_t i = 0; i < mlm_model_asset_count(m); i++)
        h = mix(h, mlm_asset_href(mlm_model_asset(m, i)));
    return h;
}

static mlm_stac_validator *new_validator(mlm_error *err)
{
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
    mlm_stac_validator *v = mlm_stac_validator_new(&so, err);
    if (v && mlm_stac_validator_add_dir(v, tu_path(tu_source_dir(), "tests/schemas"), err) != 0) {
        mlm_stac_validator_free(v);
        v = NULL;
    }
    return v;
}

/* Parse, read the model, validate, locate every diagnostic. */
static int doc_scenario(void *ctx, unsigned long *sig)
{
    doc_case *c = ctx;
    mlm_error err = MLM_ERROR_INIT;
    int rc = MLM_OK;
    mlm_stac_validator *fresh = NULL;
    mlm_document *child = NULL;
    mlm_diagnostics *d = NULL;
    mlm_document *doc = mlm_parse_buffer(c->text, c->len, c->path, NULL, &err);
    if (!doc)
        return status_of(&err);
    const mlm_document *target = doc;
    if (c->child) {
        child = mlm_document_child(doc, c->child, NULL, &err);
        if (!child) {
            rc = status_of(&err);
            goto out;
        }
        target = child;
    }
    *sig = model_signature(mlm_document_model(target));
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.stac = c->stac;
    if (c->fresh_stac) {
        fresh = new_validator(&err);
        if (!fresh) {
            rc = status_of(&err);
            goto out;
        }
        vo.stac = fresh;
    }
    d = mlm_validate(target, &vo, &err);
    if (!d) {
        rc = status_of(&err);
        goto out;
    }
    *sig = *sig * 31u + diag_signature(d);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        int line = 0, col = 0;
        rc = mlm_document_locate(target, mlm_diagnostics_get(d, i)->pointer, &line, &col);
        if (rc == MLM_ERR_NOMEM)
            goto out;
        *sig = *sig * 31u + (unsigned long)line;
        rc = MLM_OK;
    }
    if (vo.stac) {
        char **urls = NULL;
        size_t n = 0;
        rc = mlm_stac_schema_urls(vo.stac, target, &urls, &n);
        if (rc != MLM_OK)
            goto out;
        for (size_t i = 0; i < n; i++)
            *sig = mix(*sig, urls[i]);
        mlm_free(urls);
    }
out:
    mlm_diagnostics_free(d);
    mlm_stac_validator_free(fresh);
    mlm_document_free(child);
    mlm_document_free(doc);
    return rc;
}

static void load(doc_case *c)
{
    c->text = tu_read_file(tu_path(tu_source_dir(), c->path), &c->len);
    if (!c->text)
        fail_msg("cannot read %s", c->path);
    /* tests/schemas has no item-assets schema: offline, point the
     * collections at one it has (same length, so the text stays valid). */
    static const char from[] = "item-assets/v1.0.0/schema.json\"";
    static const char to[] = "raster/v1.1.0/schema.json\"     ";
    _Static_assert(sizeof(from) == sizeof(to), "same length");
    char *at = strstr(c->text, from);
    if (at)
        memcpy(at, to, sizeof(from) - 1);
}

static void run_doc(const char *path, int stac_mode, const char *child)
{
    doc_case c = {path, NULL, 0, NULL, false, child};
    load(&c);
    mlm_error err = MLM_ERROR_INIT;
    char name[256];
    if (stac_mode == 1) {
        c.stac = new_validator(&err);
        assert_non_null(c.stac);
    } else if (stac_mode == 2) {
        c.fresh_stac = true;
    }
    snprintf(name, sizeof(name), "%s%s%s%s", path, child ? " " : "", child ? child : "",
             stac_mode == 1 ? " (shared STAC validator)"
             : stac_mode == 2 ? " (new STAC validator)" : "");
    exhaust(name, doc_scenario, &c);
    mlm_stac_validator_free(c.stac);
    free(c.text);
}

static void test_v1_item(void **state)
{
    (void)state;
    run_doc("tests/model/fixtures/v152_item.json", 0, NULL);
}

static void test_draft_item(void **state)
{
    (void)state;
    run_doc("tests/model/fixtures/draft_item.json", 0, NULL);
}

static void test_collection(void **state)
{
    (void)state;
    run_doc("examples/v1.5.2/valid/collection-coastal-models.json", 0, NULL);
}

static void test_invalid_documents(void **state)
{
    (void)state;
    run_doc("tests/cli/fixtures/invalid.json", 0, NULL);
    run_doc("tests/cli/fixtures/warning.json", 0, NULL);
}

static void test_feature_child(void **state)
{
    (void)state;
    run_doc("tests/cli/fixtures/collection-of-items.json", 0, "/features/0");
}

/* Arrays longer than 16 entries take the sorting paths of the duplicate
 * checks (tasks, dim_order, bands, classes), which allocate. */
static void test_long_arrays(void **state)
{
    (void)state;
    static char text[16384];
    size_t n = 0;
#define PUT(...) n += (size_t)snprintf(text + n, sizeof(text) - n, __VA_ARGS__)
    PUT("{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"x\",\"geometry\":null,"
        "\"links\":[],\"stac_extensions\":[\"https://stac-extensions.github.io/mlm/v1.5.2/"
        "schema.json\"],\"properties\":{\"datetime\":null,\"mlm:name\":\"m\","
        "\"mlm:architecture\":\"a\",\"mlm:accelerator\":\"cuda\",\"mlm:tasks\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s\"classification\"", i ? "," : "");
    PUT("],\"eo:bands\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s{\"name\":\"b%d\"}", i ? "," : "", i % 15);
    PUT("],\"mlm:input\":[{\"name\":\"in\",\"bands\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s\"b%d\"", i ? "," : "", i % 17);
    PUT("],\"input\":{\"shape\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s1", i ? "," : "");
    PUT("],\"dim_order\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s\"d%d\"", i ? "," : "", i % 18);
    PUT("],\"data_type\":\"float32\"}}],\"mlm:output\":[{\"name\":\"out\","
        "\"tasks\":[\"classification\"],\"result\":{\"shape\":[1,20],"
        "\"dim_order\":[\"batch\",\"class\"],\"data_type\":\"float32\"},"
        "\"classification:classes\":[");
    for (int i = 0; i < 20; i++)
        PUT("%s{\"value\":%d,\"name\":\"c%d\"}", i ? "," : "", i % 16, i % 19);
    PUT("]}]},\"assets\":{\"m\":{\"href\":\"m.pt\",\"roles\":[\"mlm:model\"]}}}");
#undef PUT
    assert_true(n < sizeof(text) - 1);
    doc_case c = {"long arrays", text, n, NULL, false, NULL};
    exhaust("long arrays (duplicate checks by sorting)", doc_scenario, &c);
}

static void test_stac_shared(void **state)
{
    (void)state;
    run_doc("tests/cli/fixtures/valid.json", 1, NULL);
    run_doc("examples/v1.5.2/valid/collection-coastal-models.json", 1, NULL);
}

static void test_stac_fresh(void **state)
{
    (void)state;
    run_doc("tests/cli/fixtures/valid.json", 2, NULL);
}

/* mlm_parse_file and mlm_parse_json. */
static int parse_other_scenario(void *ctx, unsigned long *sig)
{
    const char *path = ctx;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file(path, NULL, &err);
    if (!doc)
        return status_of(&err);
    json_t *copy = json_deep_copy(mlm_document_json(doc));
    mlm_document_free(doc);
    if (!copy)
        return MLM_ERR_NOMEM;
    doc = mlm_parse_json(copy, "copy", NULL, &err);
    json_decref(copy);
    if (!doc)
        return status_of(&err);
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.flags = MLM_VALIDATE_NO_HINTS;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    int rc = d ? MLM_OK : status_of(&err);
    if (d)
        *sig = model_signature(mlm_document_model(doc)) + diag_signature(d);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return rc;
}

static void test_parse_file_and_json(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof(path), "%s", tu_path(tu_source_dir(), "tests/cli/fixtures/invalid.json"));
    exhaust("mlm_parse_file + mlm_parse_json", parse_other_scenario, path);
}

/* The schema engine: registry, compile (a $ref across documents, patterns,
 * formats), validate with every error, and the verdict-only path. */
static const char schema_main[] =
    "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
    "\"type\":\"object\",\"required\":[\"id\",\"bands\"],"
    "\"properties\":{\"id\":{\"type\":\"string\",\"pattern\":\"^[a-z]+\\\\d*$\"},"
    "\"bands\":{\"type\":\"array\",\"items\":{\"$ref\":\"other.json#/definitions/band\"},"
    "\"uniqueItems\":true,\"minItems\":2},"
    "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"extra\":{\"anyOf\":[{\"type\":\"null\"},{\"enum\":[1,2,3]}]}},"
    "\"patternProperties\":{\"^x-\":{\"type\":\"number\",\"minimum\":0}},"
    "\"additionalProperties\":false}";
static const char schema_other[] =
    "{\"definitions\":{\"band\":{\"type\":\"object\",\"required\":[\"name\"],"
    "\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1}},"
    "\"if\":{\"required\":[\"scale\"]},\"then\":{\"properties\":{\"scale\":"
    "{\"type\":\"number\",\"exclusiveMinimum\":0}}}}}}";
static const char instance_text[] =
    "{\"id\":\"Bad-Id\",\"bands\":[{\"name\":\"\"},{\"name\":\"\"},{\"scale\":-1}],"
    "\"when\":\"not a date\",\"extra\":7,\"x-a\":-2,\"other\":true}";

static int schema_scenario(void *ctx, unsigned long *sig)
{
    (void)ctx;
    mlm_error err = MLM_ERROR_INIT;
    int rc = MLM_OK;
    mlm_schema *s = NULL;
    mlm_schema_result *res = NULL;
    json_t *main_doc = json_loads(schema_main, 0, NULL);
    json_t *other_doc = json_loads(schema_other, 0, NULL);
    json_t *inst = json_loads(instance_text, 0, NULL);
    mlm_schema_registry *reg = mlm_schema_registry_new(&err);
    if (!main_doc || !other_doc || !inst || !reg) {
        rc = reg || err.code == 0 ? MLM_ERR_NOMEM : err.code;
        goto out;
    }
    rc = mlm_schema_registry_add(reg, "https://example.org/s/other.json", other_doc, &err);
    if (rc != MLM_OK)
        goto out;
    s = mlm_schema_compile(reg, main_doc, "https://example.org/s/main.json", NULL, &err);
    if (!s) {
        rc = status_of(&err);
        goto out;
    }
    rc = mlm_schema_validate(s, inst, MLM_SCHEMA_ASSERT_FORMATS, &res, &err);
    if (rc != MLM_OK)
        goto out;
    *sig = mlm_schema_result_count(res);
    for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
        const mlm_schema_error *e = mlm_schema_result_get(res, i);
        *sig = mix(*sig, e->instance_path);
        *sig = mix(*sig, e->keyword_location);
        *sig = mix(*sig, e->message);
    }
    int v = mlm_schema_is_valid(s, inst, 0);
    if (v < 0) {
        rc = v;
        goto out;
    }
    *sig = *sig * 3u + (unsigned long)v;
out:
    mlm_schema_result_free(res);
    mlm_schema_free(s);
    mlm_schema_registry_free(reg);
    json_decref(main_doc);
    json_decref(other_doc);
    json_decref(inst);
    return rc;
}

static void test_schema_engine(void **state)
{
    (void)state;
    exhaust("schema registry + compile + validate", schema_scenario, NULL);
}

/* A custom schema given to mlm_validate (rule MLM015), compiled from files. */
static int custom_schema_scenario(void *ctx, unsigned long *sig)
{
    const doc_case *c = ctx;
    mlm_error err = MLM_ERROR_INIT;
    int rc = MLM_OK;
    mlm_schema *s = NULL;
    mlm_document *doc = NULL;
    mlm_diagnostics *d = NULL;
    mlm_schema_registry *reg = mlm_schema_registry_new(&err);
    if (!reg)
        return status_of(&err);
    rc = mlm_schema_registry_add_dir(reg, "https://", tu_path(tu_source_dir(), "tests/schemas"),
                                     &err);
    if (rc != MLM_OK)
        goto out;
    s = mlm_schema_compile_url(
        reg, "https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json", NULL, &err);
    if (!s) {
        rc = status_of(&err);
        goto out;
    }
    doc = mlm_parse_buffer(c->text, c->len, c->path, NULL, &err);
    if (!doc) {
        rc = status_of(&err);
        goto out;
    }
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.schema = s;
    d = mlm_validate(doc, &vo, &err);
    if (!d) {
        rc = status_of(&err);
        goto out;
    }
    *sig = diag_signature(d);
out:
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    mlm_schema_free(s);
    mlm_schema_registry_free(reg);
    return rc;
}

static void test_custom_schema(void **state)
{
    (void)state;
    doc_case c = {"tests/cli/fixtures/invalid.json", NULL, 0, NULL, false, NULL};
    load(&c);
    exhaust("custom schema (MLM015)", custom_schema_scenario, &c);
    free(c.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_item),
        cmocka_unit_test(test_draft_item),
        cmocka_unit_test(test_collection),
        cmocka_unit_test(test_invalid_documents),
        cmocka_unit_test(test_feature_child),
        cmocka_unit_test(test_parse_file_and_json),
        cmocka_unit_test(test_long_arrays),
        cmocka_unit_test(test_stac_shared),
        cmocka_unit_test(test_stac_fresh),
        cmocka_unit_test(test_schema_engine),
        cmocka_unit_test(test_custom_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
