/* The spec-text warnings of src/rules/v1_spec.c (MLM300-MLM322), through the
 * public API: mlm_parse_buffer() + mlm_validate(). Each test starts from a
 * small schema-valid v1.5.2 Item that raises none of them, changes one thing
 * and checks which warning appears, and where. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm_private.h"
#include "testutil.h"

static const char base_text[] =
    "{\"stac_version\": \"1.0.0\","
    " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\","
    "   \"https://stac-extensions.github.io/raster/v1.1.0/schema.json\"],"
    " \"type\": \"Feature\", \"id\": \"unit\","
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [0, 0]}, \"bbox\": [0, 0, 0, 0],"
    " \"properties\": {"
    "   \"datetime\": \"2024-01-01T00:00:00Z\","
    "   \"mlm:name\": \"unit-model\", \"mlm:architecture\": \"ResNet\","
    "   \"mlm:tasks\": [\"classification\"],"
    "   \"mlm:input\": [{\"name\": \"rgb\", \"bands\": [\"B04\", \"B03\", \"B02\"],"
    "     \"input\": {\"shape\": [-1, 3, 64, 64],"
    "       \"dim_order\": [\"batch\", \"bands\", \"height\", \"width\"],"
    "       \"data_type\": \"float32\"}}],"
    "   \"mlm:output\": [{\"name\": \"scores\", \"tasks\": [\"classification\"],"
    "     \"result\": {\"shape\": [-1, 2], \"dim_order\": [\"batch\", \"class\"],"
    "       \"data_type\": \"float32\"},"
    "     \"classification:classes\": ["
    "       {\"value\": 0, \"name\": \"water\", \"description\": \"Water\"},"
    "       {\"value\": 1, \"name\": \"land\", \"description\": \"Land\"}]}]},"
    " \"assets\": {"
    "   \"weights\": {\"href\": \"https://example.com/m.pt\","
    "     \"type\": \"application/octet-stream\", \"roles\": [\"mlm:model\"],"
    "     \"mlm:artifact_type\": \"torch.save\","
    "     \"raster:bands\": [{\"name\": \"B02\"}, {\"name\": \"B03\"}, {\"name\": \"B04\"}]},"
    "   \"code\": {\"href\": \"https://github.com/x/y\", \"type\": \"text/html\","
    "     \"roles\": [\"mlm:source_code\", \"code\"]},"
    "   \"container\": {\"href\": \"https://ghcr.io/x/y:1\","
    "     \"type\": \"application/vnd.oci.image.index.v1+json\", \"roles\": [\"runtime\"]}},"
    " \"links\": []}";

static const char *const v130_url = "https://crim-ca.github.io/mlm-extension/v1.3.0/schema.json";
static const char *const v110_url = "https://crim-ca.github.io/mlm-extension/v1.1.0/schema.json";
static const char *const v140_url = "https://stac-extensions.github.io/mlm/v1.4.0/schema.json";

static json_t *base(void)
{
    json_error_t e;
    json_t *doc = json_loads(base_text, 0, &e);
    if (!doc)
        fprintf(stderr, "base document: %s at %d:%d\n", e.text, e.line, e.column);
    assert_non_null(doc);
    return doc;
}

static json_t *props(json_t *doc) { return json_object_get(doc, "properties"); }
static json_t *input0(json_t *doc)
{
    return json_array_get(json_object_get(props(doc), "mlm:input"), 0);
}
static json_t *output0(json_t *doc)
{
    return json_array_get(json_object_get(props(doc), "mlm:output"), 0);
}
static json_t *asset(json_t *doc, const char *key)
{
    return json_object_get(json_object_get(doc, "assets"), key);
}
static void set_version(json_t *doc, const char *url)
{
    json_array_set_new(json_object_get(doc, "stac_extensions"), 0, json_string(url));
}
static json_t *parse(const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    assert_non_null(v);
    return v;
}

/* Validate (with `flags`) and return the diagnostics; the caller frees them. */
static mlm_diagnostics *validate(json_t *doc, unsigned flags)
{
    char *text = json_dumps(doc, 0);
    assert_non_null(text);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *d = mlm_parse_buffer(text, strlen(text), "unit", NULL, &err);
    free(text);
    assert_non_null(d);
    mlm_validate_options opts = MLM_VALIDATE_OPTIONS_INIT;
    opts.flags = flags;
    mlm_diagnostics *diags = mlm_validate(d, &opts, &err);
    assert_non_null(diags);
    mlm_document_free(d);
    return diags;
}

/* Number of diagnostics with id `id` (any MLM3xx id for "MLM3"), at
 * `pointer` when it is not NULL. Frees doc. */
static size_t count(json_t *doc, const char *id, const char *pointer)
{
    mlm_diagnostics *diags = validate(doc, 0);
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(diags, i);
        if (strncmp(x->rule_id, id, strlen(id)) != 0)
            continue;
        if (pointer && strcmp(x->pointer, pointer) != 0)
            continue;
        assert_int_equal(x->severity, MLM_SEVERITY_WARNING);
        assert_non_null(x->hint);
        n++;
    }
    mlm_diagnostics_free(diags);
    json_decref(doc);
    return n;
}

/* --- the base raises nothing ---------------------------------------------------- */

static void test_base_is_quiet(void **state)
{
    (void)state;
    assert_int_equal(count(base(), "MLM3", NULL), 0);
}

static void test_no_warnings_flag(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "mlm:accelerator", json_string("amd64"));
    mlm_diagnostics *d = validate(doc, MLM_VALIDATE_NO_WARNINGS);
    assert_int_equal(mlm_diagnostics_count_severity(d, MLM_SEVERITY_WARNING), 0);
    mlm_diagnostics_free(d);
    json_decref(doc);
}

/* --- shapes --------------------------------------------------------------------------- */

static void test_shape_dim_order_length(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(json_object_get(input0(doc), "input"), "dim_order",
                        parse("[\"batch\", \"bands\", \"height\"]"));
    assert_int_equal(count(doc, "MLM300", "/properties/mlm:input/0/input/dim_order"), 1);

    doc = base();
    json_object_set_new(json_object_get(output0(doc), "result"), "shape", parse("[-1, 2, 1]"));
    assert_int_equal(count(doc, "MLM300", "/properties/mlm:output/0/result/dim_order"), 1);
}

static void test_shape_zero(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(json_object_get(input0(doc), "input"), "shape",
                        parse("[-1, 3, 0, 64.0]"));
    assert_int_equal(count(doc, "MLM301", "/properties/mlm:input/0/input/shape/2"), 1);

    /* 0.0 is the integer 0 in JSON Schema */
    doc = base();
    json_object_set_new(json_object_get(output0(doc), "result"), "shape", parse("[0.0, 2]"));
    assert_int_equal(count(doc, "MLM301", "/properties/mlm:output/0/result/shape/0"), 1);

    /* -2 is the schema's error (minimum -1), not this warning */
    doc = base();
    json_object_set_new(json_object_get(input0(doc), "input"), "shape",
                        parse("[-2, 3, 64, 64]"));
    assert_int_equal(count(doc, "MLM301", NULL), 0);
}

static void test_bands_dimension(void **state)
{
    (void)state;
    json_t *doc = base();
    json_array_set_new(json_object_get(json_object_get(input0(doc), "input"), "shape"), 1,
                       json_integer(4));
    assert_int_equal(count(doc, "MLM303", "/properties/mlm:input/0/input/shape/1"), 1);

    doc = base(); /* -1: variable size, nothing to compare */
    json_array_set_new(json_object_get(json_object_get(input0(doc), "input"), "shape"), 1,
                       json_integer(-1));
    assert_int_equal(count(doc, "MLM303", NULL), 0);
}

/* --- value_scaling -------------------------------------------------------------------- */

static void test_value_scaling(void **state)
{
    (void)state;
    static const char two[] = "[{\"type\": \"scale\", \"value\": 2}, {\"type\": \"scale\", "
                              "\"value\": 2}]";
    json_t *doc = base();
    json_object_set_new(input0(doc), "value_scaling", parse(two));
    assert_int_equal(count(doc, "MLM302", "/properties/mlm:input/0/value_scaling"), 1);

    doc = base();
    json_object_set_new(input0(doc), "value_scaling",
                        parse("[{\"type\": \"scale\", \"value\": 2}]"));
    assert_int_equal(count(doc, "MLM302", NULL), 0);

    doc = base(); /* before v1.4.0 value_scaling is not a field of the input */
    set_version(doc, v130_url);
    json_object_set_new(input0(doc), "value_scaling", parse(two));
    assert_int_equal(count(doc, "MLM302", NULL), 0);
}

/* --- band and variable references ------------------------------------------------------ */

static void test_band_not_found(void **state)
{
    (void)state;
    json_t *doc = base();
    json_array_set_new(json_object_get(input0(doc), "bands"), 0, json_string("B4"));
    assert_int_equal(count(doc, "MLM304", "/properties/mlm:input/0/bands/0"), 1);

    doc = base(); /* a derived band is not looked up */
    json_array_set_new(json_object_get(input0(doc), "bands"), 0,
                       parse("{\"name\": \"NDVI\", \"format\": \"python\", "
                             "\"expression\": \"m:ndvi\"}"));
    assert_int_equal(count(doc, "MLM304", NULL), 0);

    doc = base(); /* a band object with a name is looked up */
    json_array_set_new(json_object_get(input0(doc), "bands"), 0, parse("{\"name\": \"B4\"}"));
    assert_int_equal(count(doc, "MLM304", "/properties/mlm:input/0/bands/0"), 1);

    doc = base(); /* STAC 1.1 bands in the properties count */
    json_object_set_new(props(doc), "bands", parse("[{\"name\": \"B4\"}]"));
    json_array_set_new(json_object_get(input0(doc), "bands"), 0, json_string("B4"));
    assert_int_equal(count(doc, "MLM304", NULL), 0);

    doc = base(); /* no definitions at all: v1.5.2's schema already rejects that */
    json_object_del(asset(doc, "weights"), "raster:bands");
    assert_int_equal(count(doc, "MLM304", NULL), 0);
}

static void test_duplicate_band(void **state)
{
    (void)state;
    json_t *doc = base();
    json_array_set_new(json_object_get(input0(doc), "bands"), 2, json_string("B04"));
    assert_int_equal(count(doc, "MLM306", "/properties/mlm:input/0/bands/2"), 1);
}

static void test_variables(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "cube:variables",
                        parse("{\"t2m\": {\"dimensions\": [], \"type\": \"data\"}}"));
    json_t *in = input0(doc);
    json_object_set_new(in, "bands", json_array());
    json_object_set_new(in, "variables", parse("[\"t_2m\", \"t2m\"]"));
    json_object_set_new(json_object_get(in, "input"), "dim_order",
                        parse("[\"batch\", \"variables\", \"height\", \"width\"]"));
    json_array_set_new(json_object_get(json_object_get(in, "input"), "shape"), 1,
                       json_integer(2));
    assert_int_equal(count(doc, "MLM305", "/properties/mlm:input/0/variables/0"), 1);
}

/* --- classes and tasks ---------------------------------------------------------------------- */

static void test_classes(void **state)
{
    (void)state;
    json_t *doc = base();
    json_t *c1 = json_array_get(json_object_get(output0(doc), "classification:classes"), 1);
    json_object_set_new(c1, "value", json_real(0.0));
    json_object_set_new(c1, "name", json_string("water"));
    mlm_diagnostics *d = validate(doc, 0);
    size_t v = 0, n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        if (strcmp(x->rule_id, "MLM307") == 0 &&
            strcmp(x->pointer, "/properties/mlm:output/0/classification:classes/1/value") == 0)
            v++;
        if (strcmp(x->rule_id, "MLM308") == 0 &&
            strcmp(x->pointer, "/properties/mlm:output/0/classification:classes/1/name") == 0)
            n++;
    }
    assert_int_equal(v, 1);
    assert_int_equal(n, 1);
    mlm_diagnostics_free(d);
    json_decref(doc);

    doc = base();
    json_object_set_new(json_object_get(output0(doc), "result"), "shape", parse("[-1, 10]"));
    assert_int_equal(count(doc, "MLM309", "/properties/mlm:output/0/result/shape/1"), 1);

    doc = base(); /* a class index (size 1) is not compared */
    json_object_set_new(json_object_get(output0(doc), "result"), "shape", parse("[-1, 1]"));
    assert_int_equal(count(doc, "MLM309", NULL), 0);
}

static void test_tasks(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(output0(doc), "tasks", parse("[\"classification\", \"detection\"]"));
    assert_int_equal(count(doc, "MLM310", "/properties/mlm:output/0/tasks/1"), 1);

    doc = base();
    json_object_set_new(props(doc), "mlm:tasks", json_array());
    assert_int_equal(count(doc, "MLM322", "/properties/mlm:tasks"), 1);
}

/* --- runtime fields ------------------------------------------------------------------------------ */

static void test_pretrained(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "mlm:pretrained", json_false());
    json_object_set_new(props(doc), "mlm:pretrained_source", json_string("ImageNet"));
    assert_int_equal(count(doc, "MLM311", "/properties/mlm:pretrained_source"), 1);

    doc = base();
    json_object_set_new(props(doc), "mlm:pretrained", json_false());
    assert_int_equal(count(doc, "MLM312", "/properties/mlm:pretrained"), 1);

    doc = base();
    json_object_set_new(props(doc), "mlm:pretrained", json_false());
    json_object_set_new(props(doc), "mlm:pretrained_source", json_null());
    assert_int_equal(count(doc, "MLM31", NULL), 0);
}

static void test_accelerator(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "mlm:accelerator", json_string("amd64"));
    assert_int_equal(count(doc, "MLM315", "/properties/mlm:accelerator"), 1);

    doc = base();
    json_object_set_new(props(doc), "mlm:accelerator", json_string("amd64"));
    json_object_set_new(props(doc), "mlm:accelerator_constrained", json_true());
    assert_int_equal(count(doc, "MLM315", NULL), 0);

    doc = base(); /* the asset inherits amd64 and turns the constraint off */
    json_object_set_new(props(doc), "mlm:accelerator", json_string("amd64"));
    json_object_set_new(props(doc), "mlm:accelerator_constrained", json_true());
    json_object_set_new(asset(doc, "weights"), "mlm:accelerator_constrained", json_false());
    assert_int_equal(count(doc, "MLM315", "/assets/weights/mlm:accelerator_constrained"), 1);

    doc = base();
    json_object_set_new(props(doc), "mlm:accelerator_constrained", json_true());
    assert_int_equal(count(doc, "MLM316", "/properties/mlm:accelerator_constrained"), 1);

    doc = base(); /* per-asset accelerators: the Item-level constraint applies to them */
    json_object_set_new(props(doc), "mlm:accelerator_constrained", json_true());
    json_object_set_new(props(doc), "mlm:accelerator_count", json_integer(2));
    json_object_set_new(asset(doc, "weights"), "mlm:accelerator", json_string("cuda"));
    assert_int_equal(count(doc, "MLM31", NULL), 0);

    doc = base();
    json_object_set_new(props(doc), "mlm:accelerator", json_null());
    json_object_set_new(props(doc), "mlm:accelerator_count", json_integer(1));
    assert_int_equal(count(doc, "MLM317", "/properties/mlm:accelerator_count"), 1);
}

static void test_framework_version(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "mlm:framework_version", json_string("2.1.0"));
    assert_int_equal(count(doc, "MLM318", "/properties/mlm:framework_version"), 1);

    doc = base(); /* a framework on the model asset is enough */
    json_object_set_new(props(doc), "mlm:framework_version", json_string("2.1.0"));
    json_object_set_new(asset(doc, "weights"), "mlm:framework", json_string("PyTorch"));
    assert_int_equal(count(doc, "MLM318", NULL), 0);
}

/* --- fields of v1.0.0 .. v1.3.0 ------------------------------------------------------------------- */

static void test_undefined_fields(void **state)
{
    (void)state;
    json_t *doc = base();
    set_version(doc, v130_url);
    json_object_set_new(props(doc), "mlm:task", parse("[\"classification\"]"));
    mlm_diagnostics *d = validate(doc, 0);
    int seen = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        if (strcmp(x->rule_id, "MLM313") == 0) {
            assert_string_equal(x->pointer, "/properties/mlm:task");
            assert_non_null(strstr(x->hint, "mlm:tasks"));
            seen++;
        }
    }
    assert_int_equal(seen, 1);
    mlm_diagnostics_free(d);
    json_decref(doc);

    doc = base(); /* from v1.4.0 this is the schema's error (MLM107), not a warning */
    set_version(doc, v140_url);
    json_object_set_new(props(doc), "mlm:task", parse("[\"classification\"]"));
    assert_int_equal(count(doc, "MLM313", NULL), 0);

    doc = base();
    set_version(doc, v130_url);
    json_object_set_new(asset(doc, "code"), "mlm:entrypoint", json_string("m:run"));
    assert_int_equal(count(doc, "MLM313", "/assets/code/mlm:entrypoint"), 1);
}

static void test_misplaced_fields(void **state)
{
    (void)state;
    json_t *doc = base();
    set_version(doc, v130_url);
    json_object_set_new(asset(doc, "weights"), "mlm:name", json_string("resnet-18"));
    assert_int_equal(count(doc, "MLM314", "/assets/weights/mlm:name"), 1);

    /* Only v1.4.0's footnote restricts mlm:hyperparameters (and mlm:input, mlm:output)
     * to Item properties; the v1.0.0-v1.3.0 text lets the context decide. */
    doc = base();
    set_version(doc, v130_url);
    json_object_set_new(asset(doc, "weights"), "mlm:hyperparameters", parse("{\"a\": 1}"));
    assert_int_equal(count(doc, "MLM314", NULL), 0);

    doc = base();
    set_version(doc, v130_url);
    json_object_set_new(props(doc), "mlm:artifact_type", json_string("torch.save"));
    assert_int_equal(count(doc, "MLM314", "/properties/mlm:artifact_type"), 1);
}

/* --- assets -------------------------------------------------------------------------------------- */

static void test_assets(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_del(json_object_get(doc, "assets"), "code");
    assert_int_equal(count(doc, "MLM319", "/assets"), 1);

    doc = base();
    json_object_del(json_object_get(doc, "assets"), "container");
    assert_int_equal(count(doc, "MLM320", "/assets"), 1);

    doc = base();
    json_object_set_new(asset(doc, "code"), "roles", parse("[\"mlm:model\", \"code\"]"));
    json_object_set_new(asset(doc, "code"), "mlm:artifact_type", json_string("python"));
    assert_int_equal(count(doc, "MLM321", "/assets/code/roles"), 1);

    doc = base(); /* v1.1.0 requires the mlm:model role on every asset */
    set_version(doc, v110_url);
    json_object_set_new(asset(doc, "code"), "roles", parse("[\"mlm:model\", \"code\"]"));
    json_object_set_new(asset(doc, "container"), "roles", parse("[\"mlm:model\", \"runtime\"]"));
    assert_int_equal(count(doc, "MLM321", NULL), 0);
}

/* --- robustness ------------------------------------------------------------------------------------ */

static size_t index_of(const char *s)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    assert_true(end && *end == '\0' && v >= 0);
    return (size_t)v;
}

/* Replace every value the rules read with values of every other type: no
 * warning may come from a value of the wrong type, and nothing may crash. */
static void test_wrong_types_are_silent(void **state)
{
    (void)state;
    static const char *const junk[] = {"null", "true", "\"x\"", "1.5", "-3", "{}", "[]",
                                       "[null, {}, 1.5, \"\"]", "{\"name\": 1}"};
    /* path (up to 4 segments), and the warnings a value of the right type
     * among the junk may legitimately raise there */
    static const struct {
        const char *seg[4];
        const char *allowed;
    } paths[] = {
        {{"properties", "mlm:input", NULL, NULL}, ""},
        {{"properties", "mlm:output", NULL, NULL}, ""},
        {{"properties", "mlm:tasks", NULL, NULL}, "MLM322"},
        {{"properties", "mlm:accelerator", NULL, NULL}, ""},
        {{"properties", "mlm:accelerator_constrained", NULL, NULL}, "MLM316"},
        {{"properties", "mlm:pretrained", NULL, NULL}, ""},
        {{"properties", "mlm:pretrained_source", NULL, NULL}, ""},
        {{"assets", NULL, NULL, NULL}, "MLM304 MLM319 MLM320"},
        {{"assets", "weights", NULL, NULL}, "MLM304"},
        {{"assets", "weights", "roles", NULL}, "MLM304"},
        {{"assets", "weights", "raster:bands", NULL}, "MLM304"},
        {{"properties", "mlm:input", "0", "bands"}, ""},
        {{"properties", "mlm:input", "0", "input"}, ""},
        {{"properties", "mlm:input", "0", "value_scaling"}, ""},
        {{"properties", "mlm:output", "0", "tasks"}, "MLM322"},
        {{"properties", "mlm:output", "0", "result"}, ""},
        {{"properties", "mlm:output", "0", "classification:classes"}, ""},
        {{"properties", NULL, NULL, NULL}, ""},
    };
    for (size_t p = 0; p < MLMP_ARRAY_LEN(paths); p++) {
        for (size_t j = 0; j < MLMP_ARRAY_LEN(junk); j++) {
            json_t *doc = base();
            json_t *parent = doc;
            size_t depth = 0;
            while (depth + 1 < 4 && paths[p].seg[depth + 1])
                depth++;
            for (size_t k = 0; k < depth; k++) {
                const char *seg = paths[p].seg[k];
                parent = json_is_array(parent) ? json_array_get(parent, index_of(seg))
                                               : json_object_get(parent, seg);
            }
            const char *last = paths[p].seg[depth];
            if (json_is_array(parent))
                json_array_set_new(parent, index_of(last), parse(junk[j]));
            else
                json_object_set_new(parent, last, parse(junk[j]));
            /* Wrong types are the error rules' business: only the warnings
             * listed for the path (right-typed junk) may appear. */
            mlm_diagnostics *d = validate(doc, 0);
            for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
                const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
                if (strncmp(x->rule_id, "MLM3", 4) != 0)
                    continue;
                if (strstr(paths[p].allowed, x->rule_id))
                    continue;
                fail_msg("%s = %s raised %s at %s: %s", last, junk[j], x->rule_id, x->pointer,
                         x->message);
            }
            mlm_diagnostics_free(d);
            json_decref(doc);
        }
    }
}

/* Every allocation failure either fails cleanly or gives the full result. */
static void test_allocation_failures(void **state)
{
    (void)state;
    json_t *doc = base();
    json_object_set_new(props(doc), "mlm:accelerator", json_string("amd64"));
    json_array_set_new(json_object_get(input0(doc), "bands"), 0, json_string("B4"));
    char *text = json_dumps(doc, 0);
    json_decref(doc);
    assert_non_null(text);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *d = mlm_parse_buffer(text, strlen(text), "unit", NULL, &err);
    free(text);
    assert_non_null(d);
    mlm_diagnostics *full = mlm_validate(d, NULL, &err);
    assert_non_null(full);
    size_t want = mlm_diagnostics_count(full);
    mlm_diagnostics_free(full);
    for (long n = 0; n < 200; n++) {
        mlm_error e = MLM_ERROR_INIT;
        mlmp_alloc_fail_after(n);
        mlm_diagnostics *got = mlm_validate(d, NULL, &e);
        mlmp_alloc_fail_after(-1);
        if (got) {
            assert_int_equal(mlm_diagnostics_count(got), want);
            mlm_diagnostics_free(got);
            break;
        }
        assert_int_equal(e.code, MLM_ERR_NOMEM);
    }
    mlm_document_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_is_quiet),
        cmocka_unit_test(test_no_warnings_flag),
        cmocka_unit_test(test_shape_dim_order_length),
        cmocka_unit_test(test_shape_zero),
        cmocka_unit_test(test_bands_dimension),
        cmocka_unit_test(test_value_scaling),
        cmocka_unit_test(test_band_not_found),
        cmocka_unit_test(test_duplicate_band),
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_tasks),
        cmocka_unit_test(test_pretrained),
        cmocka_unit_test(test_accelerator),
        cmocka_unit_test(test_framework_version),
        cmocka_unit_test(test_undefined_fields),
        cmocka_unit_test(test_misplaced_fields),
        cmocka_unit_test(test_assets),
        cmocka_unit_test(test_wrong_types_are_silent),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
