/*
 * The writer (mlm/writer.h): parse -> write -> parse is the identity on
 * every example of every version; documents built from scratch validate
 * with no error; edits keep unknown fields and key order and refresh the
 * typed view; misuse is refused with a clear error; allocation failures
 * are reported and leak nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "mlm.h"
#include "mlm_private.h"

/* --- round trip ------------------------------------------------------------- */

typedef struct {
    size_t files;
    size_t failures;
} trip_count;

/* parse -> dump -> parse: same JSON; and dumping again gives the same text. */
static void round_trip_file(const char *path, trip_count *n)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *a = mlm_parse_file(path, NULL, &err);
    if (!a)
        return; /* not a JSON object: nothing to write */
    n->files++;
    char *text = mlm_document_dump(a, 0, &err);
    assert_non_null(text);
    mlm_document *b = mlm_parse_buffer(text, strlen(text), path, NULL, &err);
    char *again = b ? mlm_document_dump(b, 0, &err) : NULL;
    bool same = b && json_equal(mlmp_unconst(mlm_document_json(a)),
                                mlmp_unconst(mlm_document_json(b))) &&
                again && strcmp(text, again) == 0 &&
                mlm_document_spec_version(a) == mlm_document_spec_version(b) &&
                mlm_model_input_count(mlm_document_model(a)) ==
                    mlm_model_input_count(mlm_document_model(b));
    if (!same) {
        fprintf(stderr, "round trip changed %s\n", path);
        n->failures++;
    }
    mlm_free(again);
    mlm_free(text);
    mlm_document_free(b);
    mlm_document_free(a);
}

static void round_trip_dir(const char *dir, trip_count *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        assert_non_null(path);
        snprintf(path, len, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            round_trip_dir(path, n);
        else if (strlen(e->d_name) > 5 && strcmp(e->d_name + strlen(e->d_name) - 5, ".json") == 0)
            round_trip_file(path, n);
        free(path);
    }
    closedir(d);
}

static void test_round_trip_examples(void **state)
{
    (void)state;
    trip_count n = {0, 0};
    round_trip_dir(tu_path(tu_source_dir(), "examples"), &n);
    round_trip_dir(tu_path(tu_source_dir(), "tests/model/fixtures"), &n);
    printf("round trip: %zu project documents, %zu changed\n", n.files, n.failures);
    assert_true(n.files >= 40);
    assert_int_equal(n.failures, 0);
}

static void test_round_trip_reference(void **state)
{
    (void)state;
    const char *shared = tu_shared_dir();
    if (!shared) {
        printf("SKIP: no ../shared (reference examples)\n");
        skip();
    }
    trip_count n = {0, 0};
    round_trip_dir(tu_path(shared, "reference/examples"), &n);
    printf("round trip: %zu reference documents, %zu changed\n", n.files, n.failures);
    assert_true(n.files > 0);
    assert_int_equal(n.failures, 0);
}

/* --- building from scratch ----------------------------------------------------- */

#define OK(call) assert_int_equal((call), MLM_OK)

static mlm_document *build_minimal(mlm_spec_version v)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_document_new(MLM_STAC_ITEM, "m", v, &err);
    assert_non_null(doc);
    static const mlm_task tasks[] = {MLM_TASK_CLASSIFICATION};
    static const int64_t in_shape[] = {-1, 3, 64, 64};
    static const char *const in_dims[] = {"batch", "channel", "height", "width"};
    static const int64_t out_shape[] = {-1, 2};
    static const char *const out_dims[] = {"batch", "class"};
    static const double zs[] = {0.5, 0.25};
    size_t i = 9, o = 9;
    OK(mlm_document_set(doc, "/properties/datetime", json_string("2024-01-01T00:00:00Z"), &err));
    OK(mlm_document_set_string(doc, "mlm:name", "tiny", &err));
    OK(mlm_document_set_string(doc, "mlm:architecture", "CNN", &err));
    OK(mlm_document_set_tasks(doc, tasks, 1, &err));
    OK(mlm_document_add_input(doc, "rgb", &i, &err));
    assert_int_equal(i, 0);
    OK(mlm_document_input_set_tensor(doc, i, in_shape, 4, in_dims, 4, MLM_DATA_TYPE_FLOAT32, &err));
    OK(mlm_document_input_set_bands(doc, i, NULL, 0, &err));
    OK(mlm_document_input_add_value_scaling(doc, i, MLM_SCALING_Z_SCORE, zs, 2, &err));
    OK(mlm_document_input_set_resize_type(doc, i, MLM_RESIZE_UNKNOWN, &err));
    assert_int_equal(mlm_json_field(mlm_input_json(mlm_model_input(mlm_document_model(doc), i)),
                                    "resize_type", NULL),
                     MLM_NULL);
    assert_int_equal(mlm_json_field(NULL, "resize_type", NULL), MLM_ABSENT);
    OK(mlm_document_add_output(doc, "label", tasks, 1, &o, &err));
    assert_int_equal(o, 0);
    OK(mlm_document_output_set_result(doc, o, out_shape, 2, out_dims, 2, MLM_DATA_TYPE_FLOAT32,
                                      &err));
    OK(mlm_document_output_add_class(doc, o, 0, "no", "Not a tree", &err));
    OK(mlm_document_output_add_class(doc, o, 1, "yes", "A tree", &err));
    static const char *const roles[] = {"mlm:model"};
    OK(mlm_document_add_asset(doc, "w", "w.onnx", "application/octet-stream; framework=onnx",
                              roles, 1, &err));
    OK(mlm_document_asset_set(doc, "w", "mlm:artifact_type", json_string("onnx"), &err));
    return doc;
}

static size_t errors_of(const mlm_document *doc)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    size_t n = mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR);
    for (size_t k = 0; k < mlm_diagnostics_count(d); k++)
        if (mlm_diagnostics_get(d, k)->severity == MLM_SEVERITY_ERROR)
            fprintf(stderr, "%s %s: %s\n", mlm_diagnostics_get(d, k)->rule_id,
                    mlm_diagnostics_get(d, k)->pointer, mlm_diagnostics_get(d, k)->message);
    mlm_diagnostics_free(d);
    return n;
}

/* What the builder writes is valid in every released version it targets. */
static void test_build_validates_every_version(void **state)
{
    (void)state;
    for (int v = MLM_SPEC_1_0_0; v <= MLM_SPEC_LATEST; v++) {
        mlm_document *doc = build_minimal((mlm_spec_version)v);
        assert_int_equal(mlm_document_spec_version(doc), v);
        if (errors_of(doc) != 0)
            fail_msg("the built document has errors for MLM %s",
                     mlm_spec_version_name((mlm_spec_version)v));
        /* The typed view was refreshed by every edit. */
        const mlm_model *m = mlm_document_model(doc);
        assert_string_equal(mlm_model_name(m), "tiny");
        const mlm_input *in = mlm_model_input(m, 0);
        int64_t size = 0;
        assert_int_equal(mlm_tensor_shape(mlm_input_tensor(in), 2, &size), 1);
        assert_int_equal(size, 64);
        double mean = 0;
        assert_int_equal(mlm_value_scaling_mean(mlm_input_value_scaling(in, 0), &mean), 1);
        assert_true(mean == 0.5);
        assert_int_equal(mlm_output_class_count(mlm_model_output(m, 0)), 2);
        assert_string_equal(mlm_asset_key(mlm_model_find_model_asset(m)), "w");
        assert_ptr_equal(mlm_model_asset_by_key(m, "w"), mlm_model_find_model_asset(m));
        assert_null(mlm_model_asset_by_key(m, "nope"));
        assert_string_equal(mlm_asset_artifact_type(mlm_model_asset_by_key(m, "w")), "onnx");
        mlm_document_free(doc);
    }
}

static void test_build_collection(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_document_new(MLM_STAC_COLLECTION, "c", MLM_SPEC_UNKNOWN, &err);
    assert_non_null(doc);
    assert_int_equal(mlm_document_spec_version(doc), MLM_SPEC_LATEST);
    assert_int_equal(mlm_document_stac_type(doc), MLM_STAC_COLLECTION);
    OK(mlm_document_set(doc, "/summaries", json_pack("{s:[s]}", "mlm:framework", "ONNX"), &err));
    OK(mlm_document_set_string(doc, "mlm:framework", "ONNX", &err));
    const mlm_model *m = mlm_document_model(doc);
    assert_string_equal(mlm_model_framework(m), "ONNX");
    assert_string_equal(mlm_model_pointer(m), "");
    assert_string_equal(mlm_model_summary_string(m, "mlm:framework", 0), "ONNX");
    assert_null(mlm_document_new(MLM_STAC_ITEM, "x", MLM_SPEC_DRAFT, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    assert_null(mlm_document_new(MLM_STAC_CATALOG, "x", MLM_SPEC_1_5_2, &err));
    mlm_document_free(doc);
}

/* --- editing a parsed document -------------------------------------------------------- */

static const char edit_src[] =
    "{\"type\": \"Feature\", \"zz_unknown\": {\"keep\": [1, 2.5, \"x\"]}, \"id\": \"e\",\n"
    " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],\n"
    " \"properties\": {\"b\": 1, \"mlm:name\": \"old\", \"a\": 2,\n"
    "  \"mlm:input\": [7, {\"name\": \"x\", \"custom\": true}]}}";

static void test_edit_keeps_order_and_unknown_fields(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(edit_src, sizeof(edit_src) - 1, "e.json", NULL, &err);
    assert_non_null(doc);
    int line = 0;
    assert_int_equal(mlm_document_locate(doc, "/properties", &line, NULL), MLM_OK);
    OK(mlm_document_set_string(doc, "mlm:name", "new", &err));      /* replaced in place */
    OK(mlm_document_set_field(doc, "mlm:accelerator", json_null(), &err)); /* appended */
    OK(mlm_document_remove(doc, "/properties/a", &err));
    OK(mlm_document_remove_field(doc, "not-there", &err));
    OK(mlm_document_set(doc, "/properties/mlm:input/1/name", json_string("y"), &err));
    char *text = mlm_document_dump(doc, MLM_DUMP_COMPACT, &err);
    assert_non_null(text);
    assert_string_equal(
        text,
        "{\"type\":\"Feature\",\"zz_unknown\":{\"keep\":[1,2.5,\"x\"]},\"id\":\"e\","
        "\"stac_extensions\":[\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],"
        "\"properties\":{\"b\":1,\"mlm:name\":\"new\",\"mlm:input\":[7,{\"name\":\"y\","
        "\"custom\":true}],\"mlm:accelerator\":null}}\n");
    mlm_free(text);
    const mlm_model *m = mlm_document_model(doc);
    assert_string_equal(mlm_model_name(m), "new");
    assert_int_equal(mlm_model_field(m, "mlm:accelerator", NULL), MLM_NULL);
    assert_int_equal(mlm_model_field(m, "mlm:framework", NULL), MLM_ABSENT);
    /* Indices are the document's: entry 0 is not an object, entry 1 is "y". */
    assert_int_equal(mlm_model_input_count(m), 2);
    assert_null(mlm_input_name(mlm_model_input(m, 0)));
    assert_string_equal(mlm_input_name(mlm_model_input(m, 1)), "y");
    assert_string_equal(mlm_input_pointer(mlm_model_input(m, 1)), "/properties/mlm:input/1");
    assert_true(json_is_true(json_object_get(mlm_input_json(mlm_model_input(m, 1)), "custom")));
    /* After an edit, line numbers are those of the text the document
     * would be written as (its source's layout kept). */
    char *now = mlm_document_dump(doc, 0, &err);
    assert_non_null(now);
    int want = 1;
    for (const char *p = now; p < strstr(now, "\"properties\""); p++)
        want += *p == '\n';
    assert_int_equal(mlm_document_locate(doc, "/properties", &line, NULL), MLM_OK);
    assert_int_equal(line, want);
    assert_int_equal(mlm_document_locate(doc, "/properties/mlm:accelerator", &line, NULL), MLM_OK);
    mlm_free(now);
    /* Arrays: "-" appends, an index replaces, one past the end appends. */
    OK(mlm_document_set(doc, "/properties/mlm:input/-", json_integer(8), &err));
    OK(mlm_document_set(doc, "/properties/mlm:input/3", json_integer(9), &err));
    OK(mlm_document_remove(doc, "/properties/mlm:input/0", &err));
    assert_int_equal(mlm_model_input_count(mlm_document_model(doc)), 3);
    assert_string_equal(mlm_input_name(mlm_model_input(mlm_document_model(doc), 0)), "y");
    json_t *copy = mlm_document_to_json(doc);
    assert_int_equal(json_array_size(json_object_get(json_object_get(copy, "properties"),
                                                     "mlm:input")),
                     3);
    json_decref(copy);
    mlm_document_free(doc);
}

static void test_edit_errors(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(edit_src, sizeof(edit_src) - 1, "e.json", NULL, &err);
    assert_non_null(doc);
    assert_int_equal(mlm_document_set(doc, "/nope/x", json_true(), &err), MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "/nope/x does not resolve"));
    assert_int_equal(mlm_document_set(doc, "/properties/mlm:input/5", json_true(), &err),
                     MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_document_set(doc, "/properties/mlm:input/01", json_true(), &err),
                     MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_document_set(doc, "nope", json_true(), &err), MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "must start with"));
    assert_int_equal(mlm_document_set(doc, "/a~2b", json_true(), &err), MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_document_remove(doc, "/properties/mlm:input/2", &err),
                     MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_document_set_field(doc, "k", NULL, &err), MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "json_null()"));
    assert_int_equal(mlm_document_input_set_bands(doc, 0, NULL, 0, &err), MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "mlm:input has no object at index 0"));
    static const double one[] = {1.0};
    assert_int_equal(mlm_document_input_add_value_scaling(doc, 1, MLM_SCALING_MIN_MAX, one, 1, &err),
                     MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "takes 2 parameter(s), not 1"));
    assert_int_equal(mlm_document_set_string(doc, "k", "\xff", &err), MLM_ERR_ENCODING);
    static const char *const bad[] = {"ok", NULL};
    assert_int_equal(mlm_document_input_set_bands(doc, 1, bad, 2, &err), MLM_ERR_INVALID_ARG);
    static const mlm_task unknown[] = {MLM_TASK_UNKNOWN};
    assert_int_equal(mlm_document_set_tasks(doc, unknown, 1, &err), MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_document_asset_set(doc, "none", "x", json_true(), &err),
                     MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "no asset \"none\""));
    assert_int_equal(mlm_document_set(NULL, "/x", json_true(), &err), MLM_ERR_INVALID_ARG);
    /* Nothing above changed the document. */
    mlm_document *fresh = mlm_parse_buffer(edit_src, sizeof(edit_src) - 1, "e.json", NULL, &err);
    assert_true(json_equal(mlmp_unconst(mlm_document_json(doc)),
                           mlmp_unconst(mlm_document_json(fresh))));
    mlm_document_free(fresh);
    mlm_document_free(doc);
}

/* A parent with live children cannot be edited; an edited child detaches. */
static void test_edit_children_and_shared_json(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    const char *fc = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                     "\"properties\": {\"mlm:name\": \"a\"}}]}";
    mlm_document *parent = mlm_parse_buffer(fc, strlen(fc), "fc.json", NULL, &err);
    assert_non_null(parent);
    mlm_document *child = mlm_document_child(parent, "/features/0", NULL, &err);
    assert_non_null(child);
    assert_int_equal(mlm_document_set(parent, "/x", json_true(), &err), MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "child documents"));
    OK(mlm_document_set_string(child, "mlm:name", "b", &err));
    assert_string_equal(mlm_model_name(mlm_document_model(child)), "b");
    const json_t *pj = mlm_document_json(parent);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_array_get(json_object_get(pj, "features"), 0),
                                            "properties"),
                            "mlm:name")),
                        "a");
    mlm_document_free(parent);
    mlm_diagnostics *d = mlm_validate(child, NULL, &err);
    assert_non_null(d);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        assert_int_equal(strncmp(mlm_diagnostics_get(d, i)->pointer, "/features", 9) != 0, 1);
    mlm_diagnostics_free(d);
    mlm_document_free(child);

    /* mlm_parse_json: the caller's value is never changed. */
    json_t *mine = json_pack("{s:s,s:{s:s}}", "type", "Feature", "properties", "mlm:name", "a");
    mlm_document *doc = mlm_parse_json(mine, "mine", NULL, &err);
    assert_non_null(doc);
    OK(mlm_document_set_string(doc, "mlm:name", "b", &err));
    assert_string_equal(json_string_value(json_object_get(json_object_get(mine, "properties"),
                                                          "mlm:name")),
                        "a");
    mlm_document_free(doc);
    json_decref(mine);
}

/* Fail the Nth allocation of a whole build, for every N: each failure is
 * MLM_ERR_NOMEM with a message, and nothing leaks (ASan, valgrind). */
static void test_build_allocation_failures(void **state)
{
    (void)state;
    bool done = false;
    for (long n = 0; n < 2000 && !done; n++) {
        mlm_error err = MLM_ERROR_INIT;
        mlmp_alloc_fail_after(n);
        mlm_document *doc = mlm_document_new(MLM_STAC_ITEM, "m", MLM_SPEC_1_5_2, &err);
        int rc = doc ? MLM_OK : err.code;
        size_t idx = 0;
        static const int64_t shape[] = {1, 2};
        static const char *const dims[] = {"a", "b"};
        if (rc == MLM_OK)
            rc = mlm_document_set_string(doc, "mlm:name", "n", &err);
        if (rc == MLM_OK)
            rc = mlm_document_add_input(doc, "i", &idx, &err);
        if (rc == MLM_OK)
            rc = mlm_document_input_set_tensor(doc, idx, shape, 2, dims, 2, MLM_DATA_TYPE_INT8,
                                               &err);
        char *text = rc == MLM_OK ? mlm_document_dump(doc, 0, &err) : NULL;
        if (rc == MLM_OK && !text)
            rc = err.code;
        mlmp_alloc_fail_after(-1);
        if (rc == MLM_OK) {
            assert_non_null(strstr(text, "\"dim_order\""));
            done = true;
        } else {
            assert_int_equal(rc, MLM_ERR_NOMEM);
            assert_int_equal(err.code, MLM_ERR_NOMEM);
        }
        mlm_free(text);
        mlm_document_free(doc);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_examples),
        cmocka_unit_test(test_round_trip_reference),
        cmocka_unit_test(test_build_validates_every_version),
        cmocka_unit_test(test_build_collection),
        cmocka_unit_test(test_edit_keeps_order_and_unknown_fields),
        cmocka_unit_test(test_edit_errors),
        cmocka_unit_test(test_edit_children_and_shared_json),
        cmocka_unit_test(test_build_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
