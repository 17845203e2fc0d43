/*
 * Every setter of mlm/writer.h refuses the same bad arguments the same way:
 * a NULL document, a document that is not an Item or a Collection, NULL /
 * empty / non-UTF-8 required strings, non-UTF-8 optional strings, NULL lists
 * with a count, unknown tasks, inputs, outputs and assets that are not
 * there. Each refusal names the function and the parameter, changes
 * nothing, and releases a stolen json_t (ASan's leak check sees it).
 */
#include <string.h>

#include "testutil.h"

#include "mlm.h"
#include "mlm_private.h"

static const char item_src[] =
    "{\"type\": \"Feature\", \"id\": \"w\",\n"
    " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],\n"
    " \"properties\": {\"mlm:input\": [{\"name\": \"in\"}],\n"
    "  \"mlm:output\": [{\"name\": \"out\", \"tasks\": [\"classification\"]}]},\n"
    " \"assets\": {\"weights\": {\"href\": \"w.pt\"}}}";

static const char catalog_src[] = "{\"type\": \"Catalog\", \"id\": \"c\", \"description\": \"d\"}";
static const char untyped_src[] = "{\"id\": \"u\"}";

#define BAD "\xff\xfe"

typedef struct fixture {
    mlm_document *item, *catalog, *untyped;
    json_t *before;
} fixture;

static mlm_document *parse(const char *src)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *d = mlm_parse_buffer(src, strlen(src), "args.json", NULL, &err);
    assert_non_null(d);
    return d;
}

static int setup(void **state)
{
    fixture *f = test_calloc(1, sizeof(*f));
    f->item = parse(item_src);
    f->catalog = parse(catalog_src);
    f->untyped = parse(untyped_src);
    f->before = json_deep_copy(mlm_document_json(f->item));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    /* Nothing refused changed the document. */
    assert_true(json_equal(f->before, mlmp_unconst(mlm_document_json(f->item))));
    json_decref(f->before);
    mlm_document_free(f->item);
    mlm_document_free(f->catalog);
    mlm_document_free(f->untyped);
    test_free(f);
    return 0;
}

/* rc is `code`, and err.text is "<fn>: <what>" with the given parts. */
static void check_refused(int rc, const mlm_error *err, int code, const char *fn,
                          const char *what)
{
    if (rc != code || strncmp(err->text, fn, strlen(fn)) != 0 || !strstr(err->text, what))
        print_message("rc=%d (want %d) text=\"%s\" want \"%s: ...%s...\"\n", rc, code, err->text,
                      fn, what);
    assert_int_equal(rc, code);
    assert_int_equal(err->code, code);
    assert_memory_equal(err->text, fn, strlen(fn));
    assert_memory_equal(err->text + strlen(fn), ": ", 2);
    assert_non_null(strstr(err->text, what));
    /* A sentence: ends with a full stop. */
    assert_int_equal(err->text[strlen(err->text) - 1], '.');
}

/* Every test names its mlm_error `e`. */
#define refused(rc, code, fn, what) check_refused((rc), &e, (code), (fn), (what))

#define INVALID MLM_ERR_INVALID_ARG
#define ENCODING MLM_ERR_ENCODING
#define NULL_DOC "the document is NULL."
#define NOT_MODEL "not an Item or a Collection"

static const char *const one_role[] = {"mlm:model"};
static const char *const null_in_list[] = {"ok", NULL};
static const char *const empty_in_list[] = {"ok", ""};
static const char *const bad_in_list[] = {"ok", BAD};
static const int64_t shape[] = {1, 3};
static const mlm_task tasks[] = {MLM_TASK_CLASSIFICATION};
static const mlm_task unknown_task[] = {MLM_TASK_CLASSIFICATION, MLM_TASK_UNKNOWN};
static const mlm_task draft_task[] = {MLM_TASK_MULTI_MODAL};
static const mlm_task out_of_range_task[] = {(mlm_task)999};
static const double two[] = {0.0, 1.0};

/* Every setter on a NULL document and on documents of the wrong kind. */
static void test_handles(void **state)
{
    fixture *f = *state;
    mlm_document *wrong[] = {f->catalog, f->untyped};
    mlm_error e = MLM_ERROR_INIT;
    size_t i = 0;
    refused(mlm_document_set(NULL, "/a", json_true(), &e), INVALID, "mlm_document_set", NULL_DOC);
    refused(mlm_document_remove(NULL, "/a", &e), INVALID, "mlm_document_remove", NULL_DOC);
    for (mlm_document *d = NULL;; d = wrong[i++]) {
        const char *w = d ? NOT_MODEL : NULL_DOC;
        refused(mlm_document_set_field(d, "k", json_true(), &e), INVALID, "mlm_document_set_field", w);
        refused(mlm_document_set_string(d, "k", "v", &e), INVALID, "mlm_document_set_string", w);
        refused(mlm_document_set_integer(d, "k", 1, &e), INVALID, "mlm_document_set_integer", w);
        refused(mlm_document_set_bool(d, "k", 1, &e), INVALID, "mlm_document_set_bool", w);
        refused(mlm_document_remove_field(d, "k", &e), INVALID, "mlm_document_remove_field", w);
        refused(mlm_document_set_tasks(d, tasks, 1, &e), INVALID, "mlm_document_set_tasks", w);
        refused(mlm_document_set_accelerator(d, MLM_ACCELERATOR_CUDA, &e), INVALID,
                "mlm_document_set_accelerator", w);
        refused(mlm_document_add_input(d, "n", NULL, &e), INVALID, "mlm_document_add_input", w);
        refused(mlm_document_input_set_bands(d, 0, one_role, 1, &e), INVALID,
                "mlm_document_input_set_bands", w);
        refused(mlm_document_input_set_tensor(d, 0, shape, 2, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
                INVALID, "mlm_document_input_set_tensor", w);
        refused(mlm_document_input_add_value_scaling(d, 0, MLM_SCALING_MIN_MAX, two, 2, &e),
                INVALID, "mlm_document_input_add_value_scaling", w);
        refused(mlm_document_input_set_resize_type(d, 0, MLM_RESIZE_CROP, &e), INVALID,
                "mlm_document_input_set_resize_type", w);
        refused(mlm_document_input_set_pre_processing(d, 0, "python", "f", &e), INVALID,
                "mlm_document_input_set_pre_processing", w);
        refused(mlm_document_add_output(d, "o", tasks, 1, NULL, &e), INVALID,
                "mlm_document_add_output", w);
        refused(mlm_document_output_set_result(d, 0, shape, 2, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
                INVALID, "mlm_document_output_set_result", w);
        refused(mlm_document_output_add_class(d, 0, 1, "c", NULL, &e), INVALID,
                "mlm_document_output_add_class", w);
        refused(mlm_document_add_asset(d, "k", "h", NULL, NULL, 0, &e), INVALID,
                "mlm_document_add_asset", w);
        refused(mlm_document_asset_set(d, "weights", "f", json_true(), &e), INVALID,
                "mlm_document_asset_set", w);
        refused(mlm_document_remove_input(d, 0, &e), INVALID, "mlm_document_remove_input", w);
        refused(mlm_document_remove_input_named(d, "in", &e), INVALID,
                "mlm_document_remove_input_named", w);
        refused(mlm_document_remove_output(d, 0, &e), INVALID, "mlm_document_remove_output", w);
        refused(mlm_document_remove_output_named(d, "out", &e), INVALID,
                "mlm_document_remove_output_named", w);
        refused(mlm_document_input_remove_band(d, 0, 0, &e), INVALID,
                "mlm_document_input_remove_band", w);
        refused(mlm_document_input_remove_band_named(d, 0, "b", &e), INVALID,
                "mlm_document_input_remove_band_named", w);
        refused(mlm_document_output_remove_class(d, 0, 0, &e), INVALID,
                "mlm_document_output_remove_class", w);
        refused(mlm_document_output_remove_class_named(d, 0, "c", &e), INVALID,
                "mlm_document_output_remove_class_named", w);
        refused(mlm_document_remove_asset(d, "weights", &e), INVALID, "mlm_document_remove_asset",
                w);
        if (i == sizeof(wrong) / sizeof(wrong[0]))
            break;
    }
    /* The pointer edits work on any document. */
    assert_int_equal(mlm_document_set(f->catalog, "/x", json_true(), &e), MLM_OK);
    assert_int_equal(mlm_document_remove(f->catalog, "/x", &e), MLM_OK);
}

/* Required strings: NULL, empty, not UTF-8; optional ones: not UTF-8. */
static void test_strings(void **state)
{
    fixture *f = *state;
    mlm_document *d = f->item;
    mlm_error e = MLM_ERROR_INIT;
    static const struct {
        const char *value, *what;
        int code;
    } bad[] = {{NULL, "is NULL.", INVALID},
               {"", "is an empty string; a non-empty one is required.", INVALID},
               {BAD, "is not valid UTF-8.", ENCODING}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *s = bad[i].value;
        char what[128];
#define WHAT(param) (snprintf(what, sizeof(what), "%s %s", param, bad[i].what), what)
        refused(mlm_document_set(d, s, json_true(), &e), bad[i].code, "mlm_document_set",
                WHAT("pointer"));
        refused(mlm_document_remove(d, s, &e), bad[i].code, "mlm_document_remove", WHAT("pointer"));
        refused(mlm_document_set_field(d, s, json_true(), &e), bad[i].code,
                "mlm_document_set_field", WHAT("key"));
        refused(mlm_document_set_string(d, s, "v", &e), bad[i].code, "mlm_document_set_string",
                WHAT("key"));
        refused(mlm_document_set_integer(d, s, 1, &e), bad[i].code, "mlm_document_set_integer",
                WHAT("key"));
        refused(mlm_document_set_bool(d, s, 0, &e), bad[i].code, "mlm_document_set_bool",
                WHAT("key"));
        refused(mlm_document_remove_field(d, s, &e), bad[i].code, "mlm_document_remove_field",
                WHAT("key"));
        refused(mlm_document_add_input(d, s, NULL, &e), bad[i].code, "mlm_document_add_input",
                WHAT("name"));
        refused(mlm_document_input_set_pre_processing(d, 0, s, "f", &e), bad[i].code,
                "mlm_document_input_set_pre_processing", WHAT("format"));
        refused(mlm_document_input_set_pre_processing(d, 0, "python", s, &e), bad[i].code,
                "mlm_document_input_set_pre_processing", WHAT("expression"));
        refused(mlm_document_add_output(d, s, tasks, 1, NULL, &e), bad[i].code,
                "mlm_document_add_output", WHAT("name"));
        refused(mlm_document_output_add_class(d, 0, 1, s, "x", &e), bad[i].code,
                "mlm_document_output_add_class", WHAT("name"));
        refused(mlm_document_add_asset(d, s, "h", NULL, NULL, 0, &e), bad[i].code,
                "mlm_document_add_asset", WHAT("key"));
        refused(mlm_document_add_asset(d, "k", s, NULL, NULL, 0, &e), bad[i].code,
                "mlm_document_add_asset", WHAT("href"));
        refused(mlm_document_asset_set(d, s, "f", json_true(), &e), bad[i].code,
                "mlm_document_asset_set", WHAT("key"));
        refused(mlm_document_asset_set(d, "weights", s, json_true(), &e), bad[i].code,
                "mlm_document_asset_set", WHAT("field"));
#undef WHAT
    }
    /* Optional strings: NULL is fine (tested by the writer's tests), bad UTF-8 is not. */
    refused(mlm_document_set_string(d, "k", BAD, &e), ENCODING, "mlm_document_set_string",
            "value is not valid UTF-8.");
    refused(mlm_document_output_add_class(d, 0, 1, "c", BAD, &e), ENCODING,
            "mlm_document_output_add_class", "description is not valid UTF-8.");
    refused(mlm_document_add_asset(d, "k", "h", BAD, NULL, 0, &e), ENCODING,
            "mlm_document_add_asset", "type is not valid UTF-8.");
}

/* Lists: NULL with a count, and each entry checked like a required string. */
static void test_lists(void **state)
{
    fixture *f = *state;
    mlm_document *d = f->item;
    mlm_error e = MLM_ERROR_INIT;
    refused(mlm_document_input_set_bands(d, 0, NULL, 2, &e), INVALID,
            "mlm_document_input_set_bands", "bands is NULL but its count is 2.");
    refused(mlm_document_input_set_bands(d, 0, null_in_list, 2, &e), INVALID,
            "mlm_document_input_set_bands", "bands[1] is NULL.");
    refused(mlm_document_input_set_bands(d, 0, empty_in_list, 2, &e), INVALID,
            "mlm_document_input_set_bands", "bands[1] is an empty string");
    refused(mlm_document_input_set_bands(d, 0, bad_in_list, 2, &e), ENCODING,
            "mlm_document_input_set_bands", "bands[1] is not valid UTF-8.");
    refused(mlm_document_input_set_tensor(d, 0, NULL, 2, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
            INVALID, "mlm_document_input_set_tensor", "shape is NULL but its count is 2.");
    refused(mlm_document_input_set_tensor(d, 0, shape, 2, null_in_list, 2, MLM_DATA_TYPE_FLOAT32,
                                          &e),
            INVALID, "mlm_document_input_set_tensor", "dim_order[1] is NULL.");
    refused(mlm_document_input_set_tensor(d, 0, shape, 2, NULL, 0, MLM_DATA_TYPE_UNKNOWN, &e),
            INVALID, "mlm_document_input_set_tensor", "data_type is MLM_DATA_TYPE_UNKNOWN");
    refused(mlm_document_output_set_result(d, 0, shape, 2, bad_in_list, 2, MLM_DATA_TYPE_FLOAT32,
                                           &e),
            ENCODING, "mlm_document_output_set_result", "dim_order[1] is not valid UTF-8.");
    refused(mlm_document_output_set_result(d, 0, NULL, 1, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
            INVALID, "mlm_document_output_set_result", "shape is NULL but its count is 1.");
    refused(mlm_document_input_add_value_scaling(d, 0, MLM_SCALING_MIN_MAX, NULL, 2, &e), INVALID,
            "mlm_document_input_add_value_scaling", "params is NULL but its count is 2.");
    refused(mlm_document_input_add_value_scaling(d, 0, MLM_SCALING_MIN_MAX, two, 1, &e), INVALID,
            "mlm_document_input_add_value_scaling", "takes 2 parameter(s), not 1");
    refused(mlm_document_add_asset(d, "k", "h", NULL, NULL, 1, &e), INVALID,
            "mlm_document_add_asset", "roles is NULL but its count is 1.");
    refused(mlm_document_add_asset(d, "k", "h", NULL, empty_in_list, 2, &e), INVALID,
            "mlm_document_add_asset", "roles[1] is an empty string");
    /* Tasks: NULL with a count, and only the released vocabulary. */
    refused(mlm_document_set_tasks(d, NULL, 1, &e), INVALID, "mlm_document_set_tasks",
            "tasks is NULL but its count is 1.");
    refused(mlm_document_set_tasks(d, unknown_task, 2, &e), INVALID, "mlm_document_set_tasks",
            "tasks[1] is not a task of the released MLM vocabulary.");
    refused(mlm_document_set_tasks(d, draft_task, 1, &e), INVALID, "mlm_document_set_tasks",
            "tasks[0] is not a task");
    refused(mlm_document_set_tasks(d, out_of_range_task, 1, &e), INVALID,
            "mlm_document_set_tasks", "tasks[0] is not a task");
    refused(mlm_document_add_output(d, "o", NULL, 1, NULL, &e), INVALID,
            "mlm_document_add_output", "tasks is NULL but its count is 1.");
    refused(mlm_document_add_output(d, "o", unknown_task, 2, NULL, &e), INVALID,
            "mlm_document_add_output", "tasks[1] is not a task of the released MLM vocabulary.");
}

/* A new document: the id is a required string, the type and version are checked. */
static void test_new_and_dump(void **state)
{
    (void)state;
    mlm_error e = MLM_ERROR_INIT;
    const char *fn = "mlm_document_new";
    assert_null(mlm_document_new(MLM_STAC_ITEM, NULL, MLM_SPEC_1_5_2, &e));
    refused(e.code, INVALID, fn, "id is NULL.");
    assert_null(mlm_document_new(MLM_STAC_ITEM, "", MLM_SPEC_1_5_2, &e));
    refused(e.code, INVALID, fn, "id is an empty string; a non-empty one is required.");
    assert_null(mlm_document_new(MLM_STAC_COLLECTION, BAD, MLM_SPEC_1_5_2, &e));
    refused(e.code, ENCODING, fn, "id is not valid UTF-8.");
    assert_null(mlm_document_new(MLM_STAC_CATALOG, "x", MLM_SPEC_1_5_2, &e));
    refused(e.code, INVALID, fn, "type is \"Catalog\"; a new document is an Item");
    assert_null(mlm_document_new(MLM_STAC_ITEM, "x", MLM_SPEC_DRAFT, &e));
    refused(e.code, INVALID, fn, "is not a released MLM version");
    assert_null(mlm_document_dump(NULL, 0, &e));
    refused(e.code, INVALID, "mlm_document_dump", NULL_DOC);
}

/* Values: NULL is refused (json_null() is the explicit null). */
static void test_values(void **state)
{
    fixture *f = *state;
    mlm_error e = MLM_ERROR_INIT;
    const char *hint = "value is NULL; pass json_null() for an explicit null.";
    refused(mlm_document_set(f->item, "/a", NULL, &e), INVALID, "mlm_document_set", hint);
    refused(mlm_document_set_field(f->item, "k", NULL, &e), INVALID, "mlm_document_set_field",
            hint);
    refused(mlm_document_asset_set(f->item, "weights", "f", NULL, &e), INVALID,
            "mlm_document_asset_set", hint);
}

/* Handles inside the document: inputs, outputs and assets that are not there. */
static void test_entries(void **state)
{
    fixture *f = *state;
    mlm_document *d = f->item;
    mlm_error e = MLM_ERROR_INIT;
    const char *no_in = "mlm:input has no object at index 1; add the entry first.";
    const char *no_out = "mlm:output has no object at index 3; add the entry first.";
    refused(mlm_document_input_set_bands(d, 1, NULL, 0, &e), INVALID,
            "mlm_document_input_set_bands", no_in);
    refused(mlm_document_input_set_tensor(d, 1, shape, 2, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
            INVALID, "mlm_document_input_set_tensor", no_in);
    refused(mlm_document_input_add_value_scaling(d, 1, MLM_SCALING_MIN_MAX, two, 2, &e), INVALID,
            "mlm_document_input_add_value_scaling", no_in);
    refused(mlm_document_input_set_resize_type(d, 1, MLM_RESIZE_CROP, &e), INVALID,
            "mlm_document_input_set_resize_type", no_in);
    refused(mlm_document_input_set_pre_processing(d, 1, "python", "f", &e), INVALID,
            "mlm_document_input_set_pre_processing", no_in);
    refused(mlm_document_output_set_result(d, 3, shape, 2, NULL, 0, MLM_DATA_TYPE_FLOAT32, &e),
            INVALID, "mlm_document_output_set_result", no_out);
    refused(mlm_document_output_add_class(d, 3, 1, "c", NULL, &e), INVALID,
            "mlm_document_output_add_class", no_out);
    refused(mlm_document_remove_input(d, 1, &e), INVALID, "mlm_document_remove_input", no_in);
    refused(mlm_document_remove_output(d, 3, &e), INVALID, "mlm_document_remove_output", no_out);
    refused(mlm_document_input_remove_band(d, 1, 0, &e), INVALID,
            "mlm_document_input_remove_band", no_in);
    refused(mlm_document_input_remove_band(d, 0, 0, &e), INVALID,
            "mlm_document_input_remove_band", "input 0 has no band at index 0 (it lists 0).");
    refused(mlm_document_output_remove_class_named(d, 3, "c", &e), INVALID,
            "mlm_document_output_remove_class_named", no_out);
    refused(mlm_document_output_remove_class(d, 0, 0, &e), INVALID,
            "mlm_document_output_remove_class", "output 0 has no class at index 0 (it lists 0).");
    refused(mlm_document_remove_input_named(d, "", &e), INVALID,
            "mlm_document_remove_input_named", "name is an empty string");
    refused(mlm_document_remove_output_named(d, BAD, &e), ENCODING,
            "mlm_document_remove_output_named", "name is not valid UTF-8.");
    refused(mlm_document_remove_asset(d, "none", &e), INVALID, "mlm_document_remove_asset",
            "there is no asset \"none\" to remove.");
    refused(mlm_document_asset_set(d, "none", "f", json_true(), &e), INVALID,
            "mlm_document_asset_set", "there is no asset \"none\"");
    /* A key longer than the message record: cut visibly, never silently. */
    char long_key[3000];
    memset(long_key, 'k', sizeof(long_key) - 1);
    long_key[sizeof(long_key) - 1] = '\0';
    assert_int_equal(mlm_document_asset_set(d, long_key, "f", json_true(), &e), INVALID);
    assert_true(e.flags & MLM_ERROR_TEXT_TRUNCATED);
    assert_non_null(strstr(e.text, "..."));
    /* The same calls with handles that exist succeed (on a copy, so the
     * teardown's "nothing changed" holds for the fixture). */
    mlm_document *c = parse(item_src);
    assert_int_equal(mlm_document_input_set_bands(c, 0, one_role, 1, &e), MLM_OK);
    assert_int_equal(mlm_document_output_add_class(c, 0, 1, "c", NULL, &e), MLM_OK);
    assert_int_equal(mlm_document_asset_set(c, "weights", "f", json_true(), &e), MLM_OK);
    assert_int_equal(mlm_document_add_asset(c, "k", "h", NULL, one_role, 1, &e), MLM_OK);
    mlm_document_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test(test_new_and_dump),
        cmocka_unit_test_setup_teardown(test_entries, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
