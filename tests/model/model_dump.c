/*
 * model_dump FILE [EXPECTED]: print the typed model of FILE in a canonical
 * text form; with EXPECTED, compare with that file instead (exit 1 and show
 * both on a difference). Regenerate a golden file with:
 *   model_dump fixtures/x.json > fixtures/x.expected
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"

#define MLMP_DUMP_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void p_str(FILE *o, const char *ind, const char *k, const char *v)
{
    if (v)
        fprintf(o, "%s%s: %s\n", ind, k, v);
}

/* An optional integer or boolean getter: print when present. */
#define P_OPT(o, ind, k, T, fn, h)                                            \
    do {                                                                      \
        T v_ = 0;                                                             \
        if (fn(h, &v_))                                                       \
            fprintf(o, "%s%s: %lld\n", ind, k, (long long)v_);                \
    } while (0)

static void p_tensor(FILE *o, const char *k, const mlm_tensor *t)
{
    if (!t)
        return;
    fprintf(o, "  %s @%s: shape=[", k, mlm_tensor_pointer(t));
    for (size_t i = 0; i < mlm_tensor_shape_count(t); i++) {
        int64_t v = 0;
        if (mlm_tensor_shape(t, i, &v))
            fprintf(o, "%s%lld", i ? "," : "", (long long)v);
        else
            fprintf(o, "%s?", i ? "," : "");
    }
    fprintf(o, "] dims=[");
    for (size_t i = 0; i < mlm_tensor_dim_order_count(t); i++) {
        const char *d = mlm_tensor_dim_order(t, i);
        fprintf(o, "%s%s", i ? "," : "", d ? d : "?");
    }
    const char *raw = mlm_tensor_data_type_raw(t);
    fprintf(o, "] type=%s (%s)\n", raw ? raw : "-", mlm_data_type_name(mlm_tensor_data_type(t)));
}

static void p_band(FILE *o, const char *k, const mlm_band *b)
{
    const char *name = mlm_band_name(b), *format = mlm_band_format(b);
    fprintf(o, "  %s @%s: %s%s%s\n", k, mlm_band_pointer(b), name ? name : "?",
            format ? "/" : "", format ? format : "");
}

static void p_expr(FILE *o, const char *k, const mlm_expression *e)
{
    const char *f = mlm_expression_format(e);
    fprintf(o, "  %s @%s: %s%s\n", k, mlm_expression_pointer(e), f ? f : "-",
            mlm_expression_expression(e) ? " (has expression)" : "");
}

static void p_fields(FILE *o, const char *ind, const mlm_model *m)
{
    static const char *const nullable[] = {"mlm:accelerator", "mlm:pretrained_source",
                                           "mlm:accelerator_summary", "mlm:batch_size_suggestion"};
    p_str(o, ind, "name", mlm_model_name(m));
    p_str(o, ind, "architecture", mlm_model_architecture(m));
    p_str(o, ind, "architecture_summary", mlm_model_architecture_summary(m));
    P_OPT(o, ind, "total_parameters", int64_t, mlm_model_total_parameters, m);
    P_OPT(o, ind, "file_size", int64_t, mlm_model_file_size, m);
    P_OPT(o, ind, "memory_size", int64_t, mlm_model_memory_size, m);
    P_OPT(o, ind, "pretrained", int, mlm_model_pretrained, m);
    p_str(o, ind, "pretrained_source", mlm_model_pretrained_source(m));
    for (size_t i = 0; i < mlm_model_task_count(m); i++) {
        const char *raw = mlm_model_task_raw(m, i);
        fprintf(o, "%stask: %s (%s)\n", ind, raw ? raw : "?", mlm_task_name(mlm_model_task(m, i)));
    }
    p_str(o, ind, "framework", mlm_model_framework(m));
    p_str(o, ind, "framework_version", mlm_model_framework_version(m));
    if (mlm_model_accelerator_raw(m))
        fprintf(o, "%saccelerator: %s (%s)\n", ind, mlm_model_accelerator_raw(m),
                mlm_accelerator_name(mlm_model_accelerator(m)));
    for (size_t i = 0; i < MLMP_DUMP_LEN(nullable); i++)
        if (mlm_model_field(m, nullable[i], NULL) == MLM_NULL)
            fprintf(o, "%s%s: null\n", ind, nullable[i]);
    P_OPT(o, ind, "accelerator_constrained", int, mlm_model_accelerator_constrained, m);
    p_str(o, ind, "accelerator_summary", mlm_model_accelerator_summary(m));
    P_OPT(o, ind, "accelerator_count", int64_t, mlm_model_accelerator_count, m);
    P_OPT(o, ind, "batch_size_suggestion", int64_t, mlm_model_batch_size_suggestion, m);
    if (mlm_model_hyperparameters(m))
        fprintf(o, "%shyperparameters: %zu keys\n", ind,
                json_object_size(mlm_model_hyperparameters(m)));
}

static void p_input(FILE *o, const mlm_input *in)
{
    const char *name = mlm_input_name(in);
    fprintf(o, "input[%zu] @%s: %s%s\n", mlm_input_index(in), mlm_input_pointer(in),
            name ? name : "-", json_is_object(mlm_input_json(in)) ? "" : " (not an object)");
    for (size_t k = 0; k < mlm_input_band_count(in); k++)
        p_band(o, "band", mlm_input_band(in, k));
    for (size_t k = 0; k < mlm_input_variable_count(in); k++)
        p_band(o, "variable", mlm_input_variable(in, k));
    p_tensor(o, "input", mlm_input_tensor(in));
    for (size_t k = 0; k < mlm_input_value_scaling_count(in); k++) {
        const mlm_value_scaling *s = mlm_input_value_scaling(in, k);
        double v = 0;
        const char *raw = mlm_value_scaling_type_raw(s);
        fprintf(o, "  scaling @%s: %s", mlm_value_scaling_pointer(s), raw ? raw : "-");
        if (mlm_value_scaling_minimum(s, &v))
            fprintf(o, " min=%g", v);
        if (mlm_value_scaling_maximum(s, &v))
            fprintf(o, " max=%g", v);
        if (mlm_value_scaling_mean(s, &v))
            fprintf(o, " mean=%g", v);
        if (mlm_value_scaling_stddev(s, &v))
            fprintf(o, " stddev=%g", v);
        if (mlm_value_scaling_value(s, &v))
            fprintf(o, " value=%g", v);
        if (mlm_value_scaling_processing(s))
            fprintf(o, " processing=%s", mlm_expression_format(mlm_value_scaling_processing(s)));
        fprintf(o, "\n");
    }
    if (mlm_input_resize_type_raw(in))
        fprintf(o, "  resize: %s (%s)\n", mlm_input_resize_type_raw(in),
                mlm_resize_type_name(mlm_input_resize_type(in)));
    for (size_t k = 0; k < mlm_input_pre_processing_count(in); k++)
        p_expr(o, "pre_processing", mlm_input_pre_processing(in, k));
    P_OPT(o, "  ", "norm_by_channel", int, mlm_input_norm_by_channel, in);
    p_str(o, "  ", "norm_type", mlm_input_norm_type(in));
    p_str(o, "  ", "rescale_type", mlm_input_rescale_type(in));
    p_str(o, "  ", "pre_processing_function", mlm_input_pre_processing_function(in));
    if (mlm_input_statistics(in))
        fprintf(o, "  statistics: present\n");
    if (mlm_input_parameters(in))
        fprintf(o, "  parameters: present\n");
    if (mlm_input_norm_clip(in))
        fprintf(o, "  norm_clip: present\n");
}

static void p_output(FILE *o, const mlm_output *out)
{
    const char *name = mlm_output_name(out);
    fprintf(o, "output[%zu] @%s: %s%s\n", mlm_output_index(out), mlm_output_pointer(out),
            name ? name : "-", json_is_object(mlm_output_json(out)) ? "" : " (not an object)");
    for (size_t k = 0; k < mlm_output_task_count(out); k++) {
        const char *raw = mlm_output_task_raw(out, k);
        fprintf(o, "  task: %s (%s)\n", raw ? raw : "?", mlm_task_name(mlm_output_task(out, k)));
    }
    p_tensor(o, "result", mlm_output_result(out));
    for (size_t k = 0; k < mlm_output_result_count(out); k++)
        p_tensor(o, "result[]", mlm_output_result_at(out, k));
    for (size_t k = 0; k < mlm_output_class_count(out); k++) {
        const mlm_class *c = mlm_output_class(out, k);
        int64_t v = 0;
        int has = mlm_class_value(c, &v);
        const char *cn = mlm_class_name(c);
        fprintf(o, "  class @%s: %lld%s %s\n", mlm_class_pointer(c), (long long)v,
                has ? "" : "?", cn ? cn : "-");
    }
    for (size_t k = 0; k < mlm_output_band_count(out); k++)
        p_band(o, "band", mlm_output_band(out, k));
    for (size_t k = 0; k < mlm_output_variable_count(out); k++)
        p_band(o, "variable", mlm_output_variable(out, k));
    for (size_t k = 0; k < mlm_output_post_processing_count(out); k++)
        p_expr(o, "post_processing", mlm_output_post_processing(out, k));
    P_OPT(o, "  ", "number_of_classes", int64_t, mlm_output_number_of_classes, out);
    p_str(o, "  ", "post_processing_function", mlm_output_post_processing_function(out));
}

static void p_asset(FILE *o, const mlm_asset *a)
{
    const char *at = mlm_asset_artifact_type(a);
    fprintf(o, "asset %s @%s: kind=%s%s%s%s\n", mlm_asset_key(a), mlm_asset_pointer(a),
            mlm_asset_kind_name(mlm_asset_kind_of(a)), at ? " artifact=" : "", at ? at : "",
            mlm_asset_in_item_assets(a) ? " (item_assets)" : "");
    p_str(o, "  ", "href", mlm_asset_href(a));
    p_str(o, "  ", "type", mlm_asset_type(a));
    p_str(o, "  ", "description", mlm_asset_description(a));
    for (size_t k = 0; k < mlm_asset_role_count(a); k++)
        p_str(o, "  ", "role", mlm_asset_role(a, k));
    p_str(o, "  ", "compile_method", mlm_asset_compile_method(a));
    p_str(o, "  ", "entrypoint", mlm_asset_entrypoint(a));
    const mlm_model *f = mlm_asset_fields(a);
    p_fields(o, "  fields.", f);
    for (size_t k = 0; k < mlm_model_input_count(f); k++)
        fprintf(o, "  fields.input[%zu] @%s\n", k, mlm_input_pointer(mlm_model_input(f, k)));
    for (size_t k = 0; k < mlm_model_output_count(f); k++)
        fprintf(o, "  fields.output[%zu] @%s\n", k, mlm_output_pointer(mlm_model_output(f, k)));
}

static void dump(FILE *o, const mlm_document *doc)
{
    const mlm_model *m = mlm_document_model(doc);
    fprintf(o, "spec: %s\n", mlm_spec_version_name(mlm_model_spec(m)));
    fprintf(o, "fields @%s\n", mlm_model_pointer(m));
    p_fields(o, "", m);
    for (size_t i = 0; i < mlm_model_input_count(m); i++)
        p_input(o, mlm_model_input(m, i));
    for (size_t i = 0; i < mlm_model_output_count(m); i++)
        p_output(o, mlm_model_output(m, i));
    for (size_t i = 0; i < mlm_model_asset_count(m); i++)
        p_asset(o, mlm_model_asset(m, i));
    const mlm_asset *ma = mlm_model_find_model_asset(m);
    fprintf(o, "model asset: %s\n", ma ? mlm_asset_pointer(ma) : "-");
    for (size_t i = 0; i < mlm_model_summary_count(m); i++) {
        const char *key = mlm_model_summary_key(m, i);
        fprintf(o, "summary %s:", key);
        for (size_t k = 0; k < mlm_model_summary_string_count(m, key); k++)
            fprintf(o, " %s", mlm_model_summary_string(m, key, k));
        fprintf(o, "\n");
    }
    const mlm_runtime *r = mlm_model_runtime(m);
    if (r) {
        const char *fw = mlm_runtime_framework(r), *v = mlm_runtime_version(r);
        fprintf(o, "runtime: %s %s\n", fw ? fw : "-", v ? v : "-");
        p_str(o, "  ", "docker image", mlm_runtime_docker_field(r, "image_name"));
        p_str(o, "  ", "hardware_summary", mlm_runtime_hardware_summary(r));
        p_str(o, "  ", "model_commit_hash", mlm_runtime_model_commit_hash(r));
        if (mlm_runtime_model_asset(r))
            p_str(o, "  ", "model_asset", mlm_asset_pointer(mlm_runtime_model_asset(r)));
        if (mlm_runtime_source_code(r))
            p_str(o, "  ", "source_code", mlm_asset_pointer(mlm_runtime_source_code(r)));
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: model_dump FILE [EXPECTED]\n");
        return 2;
    }
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file(argv[1], NULL, &err);
    if (!doc) {
        fprintf(stderr, "%s: %s\n", argv[1], err.text);
        return 1;
    }
    if (argc == 2) {
        dump(stdout, doc);
        mlm_document_free(doc);
        return 0;
    }
    char *got = NULL;
    size_t got_len = 0;
    FILE *mem = open_memstream(&got, &got_len);
    if (!mem)
        return 1;
    dump(mem, doc);
    fclose(mem);
    mlm_document_free(doc);
    FILE *f = fopen(argv[2], "rb");
    char *want = calloc(1, 1 << 20);
    size_t want_len = f && want ? fread(want, 1, (1 << 20) - 1, f) : 0;
    if (f)
        fclose(f);
    int rc = 0;
    if (!want || want_len != got_len || memcmp(want, got, got_len) != 0) {
        fprintf(stderr, "MISMATCH for %s\n--- expected (%s)\n%s--- got\n%s", argv[1], argv[2],
                want ? want : "", got);
        rc = 1;
    }
    free(want);
    free(got);
    return rc;
}
