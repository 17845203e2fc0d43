/*
 * Fuzz target: document bytes -> parse -> typed model -> validation.
 * The first byte chooses the options, so every version's rules are reached:
 *   sel % 10      the MLM version to force (0 = detect, 1..9 = draft .. 1.5.2)
 *   sel & 0x08    also run full STAC validation with the stand-in schemas of
 *                 tests/schemas (offline, no cache; one validator shared by
 *                 every input, as a catalog service would share it)
 *   sel & 0x70    mlm_validate flags (no warnings / no hints / no positions)
 *   sel & 0x80    MLM_PARSE_ANY_ROOT
 * Source lines are always asked for (MLM_VALIDATE_SOURCE_LINES), and inputs
 * of odd length also carry a severity table (one rule off, one re-graded).
 * The rest is the document. When it has "features", the first feature is
 * also validated as a child document, and every diagnostic's pointer is
 * located again through the public API.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"

#ifndef MLM_FUZZ_SCHEMA_DIR
#define MLM_FUZZ_SCHEMA_DIR "tests/schemas"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mlm_stac_validator *shared_validator;

static void free_validator(void) { mlm_stac_validator_free(shared_validator); }

static mlm_stac_validator *validator(void)
{
    static int tried;
    if (!tried) {
        tried = 1;
        mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
        so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
        mlm_error err = MLM_ERROR_INIT;
        shared_validator = mlm_stac_validator_new(&so, &err);
        if (shared_validator &&
            mlm_stac_validator_add_dir(shared_validator, MLM_FUZZ_SCHEMA_DIR, &err) != 0) {
            mlm_stac_validator_free(shared_validator);
            shared_validator = NULL;
        }
        atexit(free_validator);
    }
    return shared_validator;
}

static size_t touch_string(const char *s) { return s ? (size_t)(unsigned char)s[0] : 0; }

static size_t touch_tensor(const mlm_tensor *t)
{
    size_t sink = touch_string(mlm_tensor_data_type_raw(t)) + touch_string(mlm_tensor_pointer(t));
    for (size_t k = 0; k < mlm_tensor_shape_count(t); k++) {
        int64_t v = 0;
        sink += (size_t)mlm_tensor_shape(t, k, &v) + (size_t)v;
    }
    for (size_t k = 0; k < mlm_tensor_dim_order_count(t); k++)
        sink += touch_string(mlm_tensor_dim_order(t, k));
    return sink;
}

static size_t touch_bands(size_t n, const mlm_band *(*at)(const void *, size_t), const void *h)
{
    size_t sink = 0;
    for (size_t k = 0; k < n; k++)
        sink += touch_string(mlm_band_name(at(h, k))) + touch_string(mlm_band_format(at(h, k))) +
                touch_string(mlm_band_pointer(at(h, k)));
    return sink;
}

static const mlm_band *in_band(const void *h, size_t k) { return mlm_input_band(h, k); }
static const mlm_band *in_var(const void *h, size_t k) { return mlm_input_variable(h, k); }
static const mlm_band *out_band(const void *h, size_t k) { return mlm_output_band(h, k); }

/* Read every field the model exposes, so the sanitizers check the readers. */
static size_t touch_model(const mlm_model *m, int depth)
{
    size_t sink = touch_string(mlm_model_name(m)) + touch_string(mlm_model_pointer(m));
    for (size_t i = 0; i < mlm_model_task_count(m); i++)
        sink += touch_string(mlm_model_task_raw(m, i)) + (size_t)mlm_model_task(m, i);
    sink += (size_t)mlm_model_field(m, "mlm:accelerator", NULL);
    for (size_t i = 0; i < mlm_model_input_count(m); i++) {
        const mlm_input *in = mlm_model_input(m, i);
        sink += touch_string(mlm_input_name(in)) + touch_tensor(mlm_input_tensor(in));
        sink += touch_bands(mlm_input_band_count(in), in_band, in);
        sink += touch_bands(mlm_input_variable_count(in), in_var, in);
        for (size_t k = 0; k < mlm_input_value_scaling_count(in); k++) {
            const mlm_value_scaling *vs = mlm_input_value_scaling(in, k);
            double v = 0;
            sink += touch_string(mlm_value_scaling_type_raw(vs)) +
                    touch_string(mlm_expression_format(mlm_value_scaling_processing(vs))) +
                    (size_t)mlm_value_scaling_minimum(vs, &v);
        }
        for (size_t k = 0; k < mlm_input_pre_processing_count(in); k++)
            sink += touch_string(mlm_expression_format(mlm_input_pre_processing(in, k)));
        sink += touch_string(mlm_input_resize_type_raw(in)) + touch_string(mlm_input_norm_type(in));
    }
    for (size_t i = 0; i < mlm_model_output_count(m); i++) {
        const mlm_output *out = mlm_model_output(m, i);
        sink += touch_string(mlm_output_name(out)) + touch_tensor(mlm_output_result(out));
        for (size_t k = 0; k < mlm_output_task_count(out); k++)
            sink += touch_string(mlm_output_task_raw(out, k)) + (size_t)mlm_output_task(out, k);
        for (size_t k = 0; k < mlm_output_class_count(out); k++) {
            int64_t v = 0;
            sink += touch_string(mlm_class_name(mlm_output_class(out, k))) +
                    (size_t)mlm_class_value(mlm_output_class(out, k), &v);
        }
        sink += touch_bands(mlm_output_band_count(out), out_band, out);
        for (size_t k = 0; k < mlm_output_result_count(out); k++)
            sink += touch_tensor(mlm_output_result_at(out, k));
        for (size_t k = 0; k < mlm_output_post_processing_count(out); k++)
            sink += touch_string(mlm_expression_format(mlm_output_post_processing(out, k)));
    }
    for (size_t i = 0; i < mlm_model_asset_count(m); i++) {
        const mlm_asset *a = mlm_model_asset(m, i);
        sink += touch_string(mlm_asset_key(a)) + touch_string(mlm_asset_href(a)) +
                touch_string(mlm_asset_type(a)) + touch_string(mlm_asset_pointer(a));
        for (size_t k = 0; k < mlm_asset_role_count(a); k++)
            sink += touch_string(mlm_asset_role(a, k));
        if (depth == 0)
            sink += touch_model(mlm_asset_fields(a), 1);
    }
    for (size_t i = 0; i < mlm_model_summary_count(m); i++)
        sink += touch_string(mlm_model_summary_key(m, i));
    return sink;
}

static size_t run(const mlm_document *doc, const mlm_validate_options *vo)
{
    size_t sink = touch_model(mlm_document_model(doc), 0);
    mlm_error err = MLM_ERROR_INIT;
    mlm_diagnostics *d = mlm_validate(doc, vo, &err);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        sink += (size_t)x->line + (size_t)x->pointer[0] + (size_t)x->message[0];
        if (x->source_line) {
            sink += touch_string(x->source_line);
            if (x->source_column < 1 || x->source_column > x->column || strlen(x->source_line) > 1024)
                abort(); /* the excerpt and its column must agree with the position */
        }
        if (strcmp(x->rule_id, "MLM320") == 0 && vo->n_severities)
            abort(); /* turned off by the table */
        if (i < 8) {
            int line = 0, col = 0;
            (void)mlm_document_locate(doc, x->pointer, &line, &col);
            sink += (size_t)line + (size_t)col;
        }
    }
    mlm_diagnostics_free(d);
    if (vo->stac) {
        char **urls = NULL;
        size_t n = 0;
        if (mlm_stac_schema_urls(vo->stac, doc, &urls, &n) == 0) {
            for (size_t i = 0; i < n; i++)
                sink += touch_string(urls[i]);
            mlm_free(urls);
        }
    }
    return sink;
}

/* The writer: what it writes reads back as the same JSON, and an edit
 * keeps the document readable. A difference is a bug: abort. */
static void round_trip(mlm_document *doc)
{
    mlm_error err = MLM_ERROR_INIT;
    char *text = mlm_document_dump(doc, 0, &err);
    if (!text)
        return; /* out of memory */
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.flags = MLM_PARSE_ANY_ROOT;
    po.max_bytes = (size_t)-1;
    mlm_document *again = mlm_parse_buffer(text, strlen(text), "dump", &po, &err);
    if (!again || !json_equal((json_t *)(uintptr_t)mlm_document_json(doc),
                              (json_t *)(uintptr_t)mlm_document_json(again)))
        abort();
    mlm_free(text);
    mlm_document_free(again);
    /* The document's "id", read as a JSON Pointer, drives the pointer edits
     * (so the fuzzer mutates pointers too); the view must stay readable. */
    const char *id = json_string_value(json_object_get(mlm_document_json(doc), "id"));
    /* A copy: the edit may free the string it came from. */
    char *pointer = id ? malloc(strlen(id) + 1) : NULL;
    if (pointer) {
        memcpy(pointer, id, strlen(id) + 1);
        (void)mlm_document_set(doc, pointer, json_true(), &err);
        (void)touch_model(mlm_document_model(doc), 0);
        (void)mlm_document_remove(doc, pointer, &err);
        (void)touch_model(mlm_document_model(doc), 0);
        free(pointer);
    }
    /* The draft names its model in mlm:architecture.name, not mlm:name. */
    bool flat = mlm_document_spec_version(doc) != MLM_SPEC_DRAFT;
    if (mlm_document_set_string(doc, "mlm:name", "edited", &err) == 0 && flat) {
        const char *name = mlm_model_name(mlm_document_model(doc));
        if (!name || strcmp(name, "edited") != 0)
            abort();
    }
    (void)touch_model(mlm_document_model(doc), 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.force_version = (mlm_spec_version)(sel % 10u);
    if (sel & 0x80u)
        po.flags |= MLM_PARSE_ANY_ROOT;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc =
        mlm_parse_buffer((const char *)data + 1, size - 1, "fuzz", &po, &err);
    if (!doc)
        return 0;
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.flags = ((sel >> 4) & 0x7u) | MLM_VALIDATE_SOURCE_LINES;
    static const mlm_rule_severity table[] = {{"MLM320", MLM_SEVERITY_NONE},
                                              {"MLM101", MLM_SEVERITY_INFO}};
    if (size & 1u) {
        vo.severities = table;
        vo.n_severities = 2;
    }
    if (sel & 0x08u)
        vo.stac = validator();
    volatile size_t sink = run(doc, &vo);
    mlm_document *child = mlm_document_child(doc, "/features/0", NULL, &err);
    if (child) {
        sink += run(child, &vo);
        mlm_document_free(child);
    }
    (void)sink;
    if (json_is_object(mlm_document_json(doc)))
        round_trip(doc);
    mlm_document_free(doc);
    return 0;
}
