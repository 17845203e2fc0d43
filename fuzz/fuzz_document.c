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
    size_t sink = touch_string(t->data_type);
    for (size_t k = 0; k < t->n_shape; k++)
        sink += (size_t)t->shape[k];
    for (size_t k = 0; k < t->n_dim_order; k++)
        sink += touch_string(t->dim_order[k]);
    return sink;
}

/* Read every field the model exposes, so the sanitizers check the readers. */
static size_t touch_model(const mlm_model *m)
{
    size_t sink = 0;
    for (size_t i = 0; i < m->n_inputs; i++) {
        const mlm_input *in = &m->inputs[i];
        sink += touch_string(in->name) + touch_tensor(&in->input);
        for (size_t k = 0; k < in->n_bands; k++)
            sink += touch_string(in->bands[k].name) + touch_string(in->bands[k].format);
        for (size_t k = 0; k < in->n_variables; k++)
            sink += touch_string(in->variables[k].name);
        for (size_t k = 0; k < in->n_value_scaling; k++)
            sink += touch_string(in->value_scaling[k].type_raw) +
                    touch_string(in->value_scaling[k].processing.format);
        for (size_t k = 0; k < in->n_pre_processing; k++)
            sink += touch_string(in->pre_processing[k].format);
        sink += touch_string(in->resize_type_raw) + touch_string(in->norm_type);
    }
    for (size_t i = 0; i < m->n_outputs; i++) {
        const mlm_output *out = &m->outputs[i];
        sink += touch_string(out->name) + touch_tensor(&out->result);
        for (size_t k = 0; k < out->n_tasks; k++)
            sink += touch_string(out->tasks_raw[k]) + (size_t)out->tasks[k];
        for (size_t k = 0; k < out->n_classes; k++)
            sink += touch_string(out->classes[k].name) + (size_t)out->classes[k].value;
        for (size_t k = 0; k < out->n_bands; k++)
            sink += touch_string(out->bands[k].name);
        for (size_t k = 0; k < out->n_results; k++)
            sink += touch_tensor(&out->results[k]);
        for (size_t k = 0; k < out->n_post_processing; k++)
            sink += touch_string(out->post_processing[k].format);
    }
    for (size_t i = 0; i < m->n_assets; i++) {
        const mlm_asset *a = &m->assets[i];
        sink += touch_string(a->key) + touch_string(a->href) + touch_string(a->type);
        for (size_t k = 0; k < a->n_roles; k++)
            sink += touch_string(a->roles[k]);
    }
    return sink;
}

static size_t run(const mlm_document *doc, const mlm_validate_options *vo)
{
    size_t sink = touch_model(mlm_document_model(doc));
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
    mlm_document_free(doc);
    return 0;
}
