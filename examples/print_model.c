/*
 * print_model: parse an MLM document, validate it, print its diagnostics and
 * the typed model (name, architecture, tasks, runtime, inputs, outputs and
 * assets) through the public libmlm API.
 *
 *     print_model [--mlm-version VERSION] FILE
 *
 * FILE may be "-" for standard input. Exit status: 0 valid, 1 invalid (at
 * least one error), 2 usage error, 3 the document could not be read.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mlm.h"

/* "(none)" for absent strings, so that every field prints something. */
static const char *str_or_none(const char *s)
{
    return s ? s : "(none)";
}

static void print_json_value(const json_t *value)
{
    if (!value) {
        fputs("(none)", stdout);
        return;
    }
    if (json_is_string(value)) {
        fputs(json_string_value(value), stdout);
        return;
    }
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    fputs(text ? text : "(unprintable)", stdout);
    free(text);
}

static void print_expression(const char *indent, const char *label, const mlm_expression *e)
{
    printf("%s%s: [%s] ", indent, label, str_or_none(e->format));
    print_json_value(e->expression);
    if (e->description) {
        printf(" (%s)", e->description);
    }
    putchar('\n');
}

static void print_names(const char *indent, const char *label, const mlm_band *bands, size_t n)
{
    if (n == 0) {
        return;
    }
    printf("%s%s:", indent, label);
    for (size_t i = 0; i < n; i++) {
        printf(" %s", str_or_none(bands[i].name));
        if (bands[i].format || bands[i].expression) {
            printf(" (=[%s] ", str_or_none(bands[i].format));
            print_json_value(bands[i].expression);
            putchar(')');
        }
        putchar(i + 1 < n ? ',' : '\n');
    }
}

/* "[-1 batch, 3 channel, 224 height, 224 width] float32" */
static void print_tensor(const char *indent, const char *label, const mlm_tensor *t)
{
    size_t n = t->n_shape > t->n_dim_order ? t->n_shape : t->n_dim_order;
    printf("%s%s: [", indent, label);
    for (size_t i = 0; i < n; i++) {
        if (i < t->n_shape) {
            printf("%" PRId64, t->shape[i]);
        } else {
            fputs("?", stdout);
        }
        printf(" %s%s", i < t->n_dim_order ? t->dim_order[i] : "?", i + 1 < n ? ", " : "");
    }
    printf("] %s", str_or_none(t->data_type));
    if (t->data_type && t->data_type_enum == MLM_DATA_TYPE_UNKNOWN) {
        fputs(" (unknown data type)", stdout);
    }
    putchar('\n');
}

static void print_scaling(const char *indent, const mlm_value_scaling *s)
{
    printf("%s- %s", indent,
           s->type != MLM_SCALING_UNKNOWN ? mlm_scaling_type_name(s->type) : str_or_none(s->type_raw));
    if (s->has_minimum) {
        printf(" minimum=%g", s->minimum);
    }
    if (s->has_maximum) {
        printf(" maximum=%g", s->maximum);
    }
    if (s->has_mean) {
        printf(" mean=%g", s->mean);
    }
    if (s->has_stddev) {
        printf(" stddev=%g", s->stddev);
    }
    if (s->has_value) {
        printf(" value=%g", s->value);
    }
    if (s->type == MLM_SCALING_PROCESSING) {
        printf(" [%s] ", str_or_none(s->processing.format));
        print_json_value(s->processing.expression);
    }
    putchar('\n');
}

static void print_tasks(const mlm_task *tasks, const char *const *raw, size_t n)
{
    if (n == 0) {
        fputs(" (none)", stdout);
    }
    for (size_t i = 0; i < n; i++) {
        if (tasks && tasks[i] != MLM_TASK_UNKNOWN) {
            printf(" %s", mlm_task_name(tasks[i]));
        } else {
            printf(" %s(unknown)", raw ? str_or_none(raw[i]) : "?");
        }
    }
    putchar('\n');
}

static void print_input(size_t index, const mlm_input *in)
{
    printf("  input %zu: %s\n", index, str_or_none(in->name));
    if (in->description) {
        printf("    description: %s\n", in->description);
    }
    print_names("    ", "bands", in->bands, in->n_bands);
    print_names("    ", "variables", in->variables, in->n_variables);
    print_tensor("    ", "input", &in->input);
    if (in->n_value_scaling > 0) {
        puts("    value scaling:");
        for (size_t i = 0; i < in->n_value_scaling; i++) {
            print_scaling("      ", &in->value_scaling[i]);
        }
    }
    if (in->norm_type) {
        printf("    norm_type: %s\n", in->norm_type);
    }
    if (in->resize_type_raw) {
        printf("    resize_type: %s\n", in->resize_type_raw);
    }
    for (size_t i = 0; i < in->n_pre_processing; i++) {
        print_expression("    ", "pre-processing", &in->pre_processing[i]);
    }
}

static void print_output(size_t index, const mlm_output *out)
{
    printf("  output %zu: %s\n", index, str_or_none(out->name));
    fputs("    tasks:", stdout);
    print_tasks(out->tasks, out->tasks_raw, out->n_tasks);
    print_names("    ", "bands", out->bands, out->n_bands);
    print_names("    ", "variables", out->variables, out->n_variables);
    print_tensor("    ", "result", &out->result);
    if (out->n_classes > 0) {
        printf("    classes (%zu):\n", out->n_classes);
        for (size_t i = 0; i < out->n_classes; i++) {
            const mlm_class *c = &out->classes[i];
            if (c->has_value) {
                printf("      %" PRId64 " ", c->value);
            } else {
                fputs("      ? ", stdout);
            }
            printf("%s", str_or_none(c->name));
            if (c->description) {
                printf(": %s", c->description);
            }
            if (c->color_hint) {
                printf(" #%s", c->color_hint);
            }
            putchar('\n');
        }
    }
    for (size_t i = 0; i < out->n_post_processing; i++) {
        print_expression("    ", "post-processing", &out->post_processing[i]);
    }
}

static const char *asset_kind_name(mlm_asset_kind kind)
{
    switch (kind) {
    case MLM_ASSET_MODEL:
        return "model";
    case MLM_ASSET_CODE:
        return "code";
    case MLM_ASSET_CONTAINER:
        return "container";
    case MLM_ASSET_OTHER:
        break;
    }
    return "other";
}

static void print_asset(const mlm_asset *a)
{
    printf("  %s%s [%s]: %s\n", str_or_none(a->key), a->in_item_assets ? " (item_assets)" : "",
           asset_kind_name(a->kind), str_or_none(a->href));
    if (a->type) {
        printf("    type: %s\n", a->type);
    }
    if (a->n_roles > 0) {
        fputs("    roles:", stdout);
        for (size_t i = 0; i < a->n_roles; i++) {
            printf(" %s", str_or_none(a->roles[i]));
        }
        putchar('\n');
    }
    if (a->artifact_type) {
        printf("    artifact_type: %s\n", a->artifact_type);
    }
    if (a->compile_method) {
        printf("    compile_method: %s\n", a->compile_method);
    }
    if (a->entrypoint) {
        printf("    entrypoint: %s\n", a->entrypoint);
    }
}

static void print_model(const mlm_model *m)
{
    printf("model: %s (read as MLM %s)\n", str_or_none(m->name), mlm_spec_version_name(m->spec));
    printf("  architecture: %s", str_or_none(m->architecture.name));
    if (m->architecture.has_total_parameters) {
        printf(", %" PRId64 " parameters", m->architecture.total_parameters);
    }
    if (m->architecture.has_pretrained) {
        printf(", %s", m->architecture.pretrained ? "pretrained" : "trained from scratch");
        if (m->architecture.pretrained_source) {
            printf(" (%s)", m->architecture.pretrained_source);
        }
    }
    putchar('\n');
    fputs("  tasks:", stdout);
    print_tasks(m->tasks, m->tasks_raw, m->n_tasks);
    printf("  framework: %s %s\n", str_or_none(m->framework),
           m->framework_version ? m->framework_version : "");
    printf("  accelerator: %s",
           m->accelerator != MLM_ACCELERATOR_UNKNOWN ? mlm_accelerator_name(m->accelerator)
                                                     : str_or_none(m->accelerator_raw));
    if (m->has_accelerator_constrained && m->accelerator_constrained) {
        fputs(" (required)", stdout);
    }
    if (m->has_accelerator_count) {
        printf(" x%" PRId64, m->accelerator_count);
    }
    if (m->accelerator_summary) {
        printf(" - %s", m->accelerator_summary);
    }
    putchar('\n');
    if (m->has_batch_size_suggestion) {
        printf("  batch size suggestion: %" PRId64 "\n", m->batch_size_suggestion);
    }
    if (m->hyperparameters) {
        fputs("  hyperparameters: ", stdout);
        print_json_value(m->hyperparameters);
        putchar('\n');
    }
    printf("inputs (%zu):\n", m->n_inputs);
    for (size_t i = 0; i < m->n_inputs; i++) {
        print_input(i, &m->inputs[i]);
    }
    printf("outputs (%zu):\n", m->n_outputs);
    for (size_t i = 0; i < m->n_outputs; i++) {
        print_output(i, &m->outputs[i]);
    }
    printf("assets (%zu):\n", m->n_assets);
    for (size_t i = 0; i < m->n_assets; i++) {
        print_asset(&m->assets[i]);
    }
    const mlm_asset *model_asset = mlm_model_find_model_asset(m);
    printf("model asset: %s\n", model_asset ? str_or_none(model_asset->key) : "(none)");
}

static void print_diagnostics(const char *source, const mlm_diagnostics *diags)
{
    size_t n = mlm_diagnostics_count(diags);
    for (size_t i = 0; i < n; i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
        printf("%s:%d:%d: %s[%s]: %s", source, d->line, d->column, mlm_severity_name(d->severity),
               str_or_none(d->rule_id), str_or_none(d->message));
        if (d->pointer && d->pointer[0] != '\0') {
            printf(" (at %s)", d->pointer);
        }
        putchar('\n');
        if (d->hint) {
            printf("    hint: %s\n", d->hint);
        }
    }
    printf("%zu error(s), %zu warning(s)\n", mlm_diagnostics_count_severity(diags, MLM_SEVERITY_ERROR),
           mlm_diagnostics_count_severity(diags, MLM_SEVERITY_WARNING));
}

static void usage(FILE *to)
{
    fprintf(to, "usage: print_model [--mlm-version VERSION] FILE\n"
                "VERSION is one of: %s\n",
            mlm_spec_versions_supported());
}

static const char *stac_type_name(mlm_stac_type t)
{
    switch (t) {
    case MLM_STAC_ITEM:
        return "Item";
    case MLM_STAC_COLLECTION:
        return "Collection";
    case MLM_STAC_CATALOG:
        return "Catalog";
    case MLM_STAC_UNKNOWN:
        break;
    }
    return "object of unknown type";
}

int main(int argc, char **argv)
{
    mlm_parse_options popts = MLM_PARSE_OPTIONS_INIT;
    const char *path = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--mlm-version") == 0 && i + 1 < argc) {
            popts.force_version = mlm_spec_version_parse(argv[++i]);
            if (popts.force_version == MLM_SPEC_UNKNOWN) {
                fprintf(stderr, "print_model: unknown MLM version '%s'\n", argv[i]);
                usage(stderr);
                return 2;
            }
        } else if (path == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            path = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!path) {
        usage(stderr);
        return 2;
    }

    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file(path, &popts, &err);
    if (!doc) {
        if (err.line > 0) {
            fprintf(stderr, "%s:%d:%d: %s\n", err.source, err.line, err.column, err.text);
        } else {
            fprintf(stderr, "%s: %s (%s)\n", err.source[0] ? err.source : path, err.text,
                    mlm_strerror(err.code));
        }
        return 3;
    }

    printf("libmlm %s\n", mlm_version_string());
    printf("%s: STAC %s, MLM %s", mlm_document_source(doc),
           stac_type_name(mlm_document_stac_type(doc)),
           mlm_spec_version_name(mlm_document_spec_version(doc)));
    if (mlm_document_spec_url(doc)) {
        printf(" (%s)", mlm_document_spec_url(doc));
    }
    putchar('\n');

    int status = 0;
    mlm_diagnostics *diags = mlm_validate(doc, NULL, &err);
    if (!diags) {
        fprintf(stderr, "%s: validation could not run: %s\n", path, err.text);
        status = 3;
    } else {
        print_diagnostics(mlm_document_source(doc), diags);
        status = mlm_diagnostics_failed(diags, 0) ? 1 : 0;
        mlm_diagnostics_free(diags);
    }

    putchar('\n');
    print_model(mlm_document_model(doc));

    mlm_document_free(doc);
    return status;
}
