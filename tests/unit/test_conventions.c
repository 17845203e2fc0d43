/* The conventions of issue 21.4, kept: columns count characters in
 * mlm_error and in diagnostics alike, an empty input is column 1; the
 * predicate aliases answer as the old names; an asset's mlm: fields and a
 * Collection's non-MLM summaries are listed through const values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "mlm.h"

static mlm_error parse_error(const char *text)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(text, strlen(text), "mem", NULL, &err);
    assert_null(doc);
    return err;
}

/* "é" is two bytes and one character: both columns count it once. */
static void test_columns_are_characters(void **state)
{
    (void)state;
    mlm_error err = parse_error("{\"\xc3\xa9\xc3\xa9\xc3\xa9\": x}");
    assert_int_equal(err.code, MLM_ERR_JSON);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 9); /* the x, after 8 characters (11 bytes) */

    const char ok[] = "{\"\xc3\xa9\xc3\xa9\xc3\xa9\": 5}";
    mlm_error e2 = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(ok, strlen(ok), "mem", NULL, &e2);
    assert_non_null(doc);
    int line = 0, column = 0;
    assert_int_equal(mlm_document_locate(doc, "/\xc3\xa9\xc3\xa9\xc3\xa9", &line, &column), 0);
    assert_int_equal(line, 1);
    assert_int_equal(column, err.column); /* the same place, the same unit */
    mlm_document_free(doc);
}

static void test_empty_input_is_column_1(void **state)
{
    (void)state;
    mlm_error err = parse_error("");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    err = parse_error("\n"); /* blank: empty too, placed at its start */
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    err = parse_error("{\"a\": 1,\n");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
}

static const char collection[] =
    "{\"type\": \"Collection\", \"stac_version\": \"1.0.0\", \"id\": \"c\","
    " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],"
    " \"summaries\": {\"platform\": [\"s2a\"], \"mlm:framework\": [\"pytorch\"],"
    "                 \"gsd\": {\"minimum\": 10, \"maximum\": 60}},"
    " \"item_assets\": {\"model\": {\"title\": \"w\", \"mlm:artifact_type\": \"torch.save\","
    "                 \"roles\": [\"mlm:model\"], \"mlm:accelerator\": \"cuda\"}}}";

static void test_member_listing(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(collection, strlen(collection), "mem", NULL, &err);
    assert_non_null(doc);
    const mlm_model *m = mlm_document_model(doc);
    assert_int_equal(mlm_model_asset_count(m), 1);
    const mlm_asset *a = mlm_model_asset(m, 0);
    assert_int_equal(mlm_asset_is_in_item_assets(a), 1);
    assert_int_equal(mlm_asset_is_in_item_assets(a), mlm_asset_in_item_assets(a));

    const json_t *aj = mlm_asset_json(a);
    assert_int_equal(mlm_json_member_count(aj, MLM_MEMBERS_ALL), 4);
    assert_int_equal(mlm_json_member_count(aj, MLM_MEMBERS_MLM), 2);
    assert_int_equal(mlm_json_member_count(aj, MLM_MEMBERS_NOT_MLM), 2);
    const json_t *v = NULL;
    assert_string_equal(mlm_json_member(aj, MLM_MEMBERS_MLM, 0, &v), "mlm:artifact_type");
    assert_string_equal(json_string_value(v), "torch.save");
    assert_string_equal(mlm_json_member(aj, MLM_MEMBERS_MLM, 1, &v), "mlm:accelerator");
    assert_string_equal(json_string_value(v), "cuda");
    assert_null(mlm_json_member(aj, MLM_MEMBERS_MLM, 2, &v));
    assert_null(v);

    const json_t *summaries = json_object_get(mlm_document_json(doc), "summaries");
    assert_int_equal(mlm_json_member_count(summaries, MLM_MEMBERS_NOT_MLM), 2);
    assert_string_equal(mlm_json_member(summaries, MLM_MEMBERS_NOT_MLM, 0, NULL), "platform");
    assert_string_equal(mlm_json_member(summaries, MLM_MEMBERS_NOT_MLM, 1, &v), "gsd");
    assert_true(json_is_object(v));
    /* The mlm: ones are what mlm_model_summary_* already list. */
    assert_int_equal(mlm_json_member_count(summaries, MLM_MEMBERS_MLM),
                     mlm_model_summary_count(m));

    /* Not an object, NULL. */
    assert_int_equal(mlm_json_member_count(json_object_get(summaries, "platform"),
                                           MLM_MEMBERS_ALL), 0);
    assert_int_equal(mlm_json_member_count(NULL, MLM_MEMBERS_ALL), 0);
    assert_null(mlm_json_member(NULL, MLM_MEMBERS_ALL, 0, &v));
    mlm_document_free(doc);
}

static void test_predicate_aliases(void **state)
{
    (void)state;
    const char bad[] = "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\","
                       " \"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"]}";
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(bad, strlen(bad), "mem", NULL, &err);
    assert_non_null(doc);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    assert_int_equal(mlm_diagnostics_has_failures(d, 0), 1);
    assert_int_equal(mlm_diagnostics_has_failures(d, 0), mlm_diagnostics_failed(d, 0));
    assert_int_equal(mlm_diagnostics_has_failures(NULL, 1), 0);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);

    json_t *schema = json_pack("{s:s}", "type", "string");
    json_t *five = json_integer(5);
    mlm_schema *s = mlm_schema_compile(NULL, schema, NULL, NULL, &err);
    assert_non_null(s);
    mlm_schema_result *r = NULL;
    assert_int_equal(mlm_schema_validate(s, five, 0, &r, &err), 0);
    assert_int_equal(mlm_schema_result_is_valid(r), 0);
    assert_int_equal(mlm_schema_result_is_valid(r), mlm_schema_result_valid(r));
    mlm_schema_result_free(r);
    assert_int_equal(mlm_schema_result_is_valid(NULL), 0);
    mlm_schema_free(s);
    json_decref(five);
    json_decref(schema);
}

/* The one file reader: whole text, NUL-terminated, with the cap and the
 * messages mlm_parse_file() gives. */
static void test_read_file(void **state)
{
    (void)state;
    char path[] = "/tmp/mlm-read-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char data[] = "{\"a\": \"x\0y\"}";
    assert_int_equal(write(fd, data, sizeof(data) - 1), (long)(sizeof(data) - 1));
    close(fd);
    char *text = NULL;
    size_t len = 0;
    mlm_error err = MLM_ERROR_INIT;
    assert_int_equal(mlm_read_file(path, 0, &text, &len, &err), MLM_OK);
    assert_int_equal(len, sizeof(data) - 1);
    assert_memory_equal(text, data, len);
    assert_int_equal(text[len], '\0');
    mlm_free(text);
    /* The cap: exactly the size passes, one byte less does not. */
    assert_int_equal(mlm_read_file(path, sizeof(data) - 1, &text, &len, &err), MLM_OK);
    mlm_free(text);
    assert_int_equal(mlm_read_file(path, sizeof(data) - 2, &text, &len, &err), MLM_ERR_TOO_LARGE);
    assert_null(text);
    assert_int_equal(len, 0);
    assert_string_equal(err.source, path);
    unlink(path);
    assert_int_equal(mlm_read_file(path, 0, &text, NULL, &err), MLM_ERR_IO);
    assert_non_null(strstr(err.text, "cannot open"));
    assert_int_equal(mlm_read_file(NULL, 0, &text, NULL, &err), MLM_ERR_INVALID_ARG);
    assert_int_equal(mlm_read_file(path, 0, NULL, NULL, &err), MLM_ERR_INVALID_ARG);
}

/* The macros compile to the values they always had. */
static void test_size_macros(void **state)
{
    (void)state;
    assert_true(MLM_DEFAULT_MAX_BYTES == (size_t)64 * 1024 * 1024);
    assert_true(MLM_FETCH_DEFAULT_MAX_FILESIZE == (size_t)64 * 1024 * 1024);
    assert_int_equal(sizeof(MLM_DEFAULT_MAX_BYTES), sizeof(size_t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_are_characters),
        cmocka_unit_test(test_empty_input_is_column_1),
        cmocka_unit_test(test_member_listing),
        cmocka_unit_test(test_predicate_aliases),
        cmocka_unit_test(test_size_macros),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
