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

static void p_str(FILE *o, const char *k, const char *v)
{
    if (v)
        fprintf(o, "%s: %s\n", k, v);
}

static void p_tensor(FILE *o, const char *k, const mlm_tensor *t)
{
    fprintf(o, "%s: shape=[", k);
    for (size_t i = 0; i < t->n_shape; i++)
        fprintf(o, "%s%lld", i ? "," : "", (long long)t->shape[i]);
    fprintf(o, "] dims=[");
    for (size_t i = 0; i < t->n_dim_order; i++)
        fprintf(o, "%s%s", i ? "," : "", t->dim_order[i]);
    fprintf(o, "] type=%s (%s)\n", t->data_type ? t->data_type : "-",
            mlm_data_type_name(t->data_type_enum));
}

static void p_bands(FILE *o, const char *k, const mlm_band *b, size_t n)
{
    if (!n)
        return;
    fprintf(o, "%s:", k);
    for (size_t i = 0; i < n; i++)
        fprintf(o, " %s%s%s", b[i].name ? b[i].name : "?", b[i].format ? "/" : "",
                b[i].format ? b[i].format : "");
    fprintf(o, "\n");
}

static void dump(FILE *o, const mlm_document *doc)
{
    const mlm_model *m = mlm_document_model(doc);
    fprintf(o, "spec: %s\n", mlm_spec_version_name(m->spec));
    p_str(o, "name", m->name);
    p_str(o, "architecture", m->architecture.name);
    if (m->architecture.has_total_parameters)
        fprintf(o, "total_parameters: %lld\n", (long long)m->architecture.total_parameters);
    if (m->architecture.has_file_size)
        fprintf(o, "file_size: %lld\n", (long long)m->architecture.file_size);
    if (m->architecture.has_memory_size)
        fprintf(o, "memory_size: %lld\n", (long long)m->architecture.memory_size);
    if (m->architecture.has_pretrained)
        fprintf(o, "pretrained: %d\n", m->architecture.pretrained);
    p_str(o, "pretrained_source", m->architecture.pretrained_source);
    for (size_t i = 0; i < m->n_tasks; i++)
        fprintf(o, "task: %s (%s)\n", m->tasks_raw[i], mlm_task_name(m->tasks[i]));
    p_str(o, "framework", m->framework);
    p_str(o, "framework_version", m->framework_version);
    if (m->accelerator_raw)
        fprintf(o, "accelerator: %s (%s)\n", m->accelerator_raw,
                mlm_accelerator_name(m->accelerator));
    if (m->has_accelerator_constrained)
        fprintf(o, "accelerator_constrained: %d\n", m->accelerator_constrained);
    p_str(o, "accelerator_summary", m->accelerator_summary);
    if (m->has_accelerator_count)
        fprintf(o, "accelerator_count: %lld\n", (long long)m->accelerator_count);
    if (m->has_batch_size_suggestion)
        fprintf(o, "batch_size_suggestion: %lld\n", (long long)m->batch_size_suggestion);
    if (m->hyperparameters)
        fprintf(o, "hyperparameters: %zu keys\n", json_object_size(m->hyperparameters));
    for (size_t i = 0; i < m->n_inputs; i++) {
        const mlm_input *in = &m->inputs[i];
        fprintf(o, "input[%zu]: %s\n", i, in->name ? in->name : "?");
        p_bands(o, "  bands", in->bands, in->n_bands);
        p_bands(o, "  variables", in->variables, in->n_variables);
        p_tensor(o, "  input", &in->input);
        for (size_t k = 0; k < in->n_value_scaling; k++) {
            const mlm_value_scaling *s = &in->value_scaling[k];
            fprintf(o, "  scaling: %s", mlm_scaling_type_name(s->type));
            if (s->has_minimum)
                fprintf(o, " min=%g", s->minimum);
            if (s->has_maximum)
                fprintf(o, " max=%g", s->maximum);
            if (s->has_mean)
                fprintf(o, " mean=%g", s->mean);
            if (s->has_stddev)
                fprintf(o, " stddev=%g", s->stddev);
            if (s->has_value)
                fprintf(o, " value=%g", s->value);
            fprintf(o, "\n");
        }
        if (in->resize_type_raw)
            fprintf(o, "  resize: %s (%s)\n", in->resize_type_raw,
                    mlm_resize_type_name(in->resize_type));
        for (size_t k = 0; k < in->n_pre_processing; k++)
            fprintf(o, "  pre_processing: %s\n",
                    in->pre_processing[k].format ? in->pre_processing[k].format : "-");
        p_str(o, "  norm_type", in->norm_type);
        p_str(o, "  rescale_type", in->rescale_type);
        p_str(o, "  pre_processing_function", in->pre_processing_function);
    }
    for (size_t i = 0; i < m->n_outputs; i++) {
        const mlm_output *out = &m->outputs[i];
        fprintf(o, "output[%zu]: %s\n", i, out->name ? out->name : "?");
        for (size_t k = 0; k < out->n_tasks; k++)
            fprintf(o, "  task: %s (%s)\n", out->tasks_raw[k], mlm_task_name(out->tasks[k]));
        p_tensor(o, "  result", &out->result);
        for (size_t k = 0; k < out->n_classes; k++)
            fprintf(o, "  class: %lld %s\n", (long long)out->classes[k].value,
                    out->classes[k].name ? out->classes[k].name : "?");
        if (out->has_number_of_classes)
            fprintf(o, "  number_of_classes: %lld\n", (long long)out->number_of_classes);
        p_bands(o, "  bands", out->bands, out->n_bands);
    }
    for (size_t i = 0; i < m->n_assets; i++) {
        const mlm_asset *a = &m->assets[i];
        static const char *const kinds[] = {"other", "model", "code", "container"};
        fprintf(o, "asset: %s%s kind=%s", a->key, a->in_item_assets ? " (item_assets)" : "",
                kinds[a->kind]);
        if (a->artifact_type)
            fprintf(o, " artifact=%s", a->artifact_type);
        if (a->entrypoint)
            fprintf(o, " entrypoint=%s", a->entrypoint);
        fprintf(o, "\n");
    }
    if (m->runtime) {
        fprintf(o, "runtime: %s %s\n", m->runtime->framework ? m->runtime->framework : "-",
                m->runtime->version ? m->runtime->version : "-");
        if (m->runtime->docker)
            p_str(o, "  docker image", m->runtime->docker->image_name);
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
