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
    printf("%s%s: [%s] ", indent, label, str_or_none(mlm_expression_format(e)));
    print_json_value(mlm_expression_expression(e));
    if (mlm_expression_description(e)) {
        printf(" (%s)", mlm_expression_description(e));
    }
    putchar('\n');
}

static void print_band(const mlm_band *b, int last)
{
    printf(" %s", str_or_none(mlm_band_name(b)));
    if (mlm_band_format(b) || mlm_band_expression(b)) {
        printf(" (=[%s] ", str_or_none(mlm_band_format(b)));
        print_json_value(mlm_band_expression(b));
        putchar(')');
    }
    putchar(last ? '\n' : ',');
}

/* "[-1 batch, 3 channel, 224 height, 224 width] float32" */
static void print_tensor(const char *indent, const char *label, const mlm_tensor *t)
{
    size_t ns = mlm_tensor_shape_count(t), nd = mlm_tensor_dim_order_count(t);
    size_t n = ns > nd ? ns : nd;
    printf("%s%s: [", indent, label);
    for (size_t i = 0; i < n; i++) {
        int64_t size = 0;
        if (mlm_tensor_shape(t, i, &size)) {
            printf("%" PRId64, size);
        } else {
            fputs("?", stdout);
        }
        printf(" %s%s", str_or_none(mlm_tensor_dim_order(t, i)), i + 1 < n ? ", " : "");
    }
    const char *raw = mlm_tensor_data_type_raw(t);
    printf("] %s", str_or_none(raw));
    if (raw && mlm_tensor_data_type(t) == MLM_DATA_TYPE_UNKNOWN) {
        fputs(" (unknown data type)", stdout);
    }
    putchar('\n');
}

static void print_scaling(const char *indent, const mlm_value_scaling *s)
{
    double v = 0;
    mlm_scaling_type type = mlm_value_scaling_type(s);
    printf("%s- %s", indent,
           type != MLM_SCALING_UNKNOWN ? mlm_scaling_type_name(type)
                                       : str_or_none(mlm_value_scaling_type_raw(s)));
    if (mlm_value_scaling_minimum(s, &v)) {
        printf(" minimum=%g", v);
    }
    if (mlm_value_scaling_maximum(s, &v)) {
        printf(" maximum=%g", v);
    }
    if (mlm_value_scaling_mean(s, &v)) {
        printf(" mean=%g", v);
    }
    if (mlm_value_scaling_stddev(s, &v)) {
        printf(" stddev=%g", v);
    }
    if (mlm_value_scaling_value(s, &v)) {
        printf(" value=%g", v);
    }
    const mlm_expression *e = mlm_value_scaling_processing(s);
    if (e) {
        printf(" [%s] ", str_or_none(mlm_expression_format(e)));
        print_json_value(mlm_expression_expression(e));
    }
    putchar('\n');
}

static void print_task(mlm_task task, const char *raw)
{
    if (task != MLM_TASK_UNKNOWN) {
        printf(" %s", mlm_task_name(task));
    } else {
        printf(" %s(unknown)", str_or_none(raw));
    }
}

static void print_input(const mlm_input *in)
{
    printf("  input %zu: %s\n", mlm_input_index(in), str_or_none(mlm_input_name(in)));
    if (!json_is_object(mlm_input_json(in))) {
        printf("    (not an object, at %s)\n", mlm_input_pointer(in));
        return;
    }
    if (mlm_input_description(in)) {
        printf("    description: %s\n", mlm_input_description(in));
    }
    size_t n = mlm_input_band_count(in);
    if (n) {
        fputs("    bands:", stdout);
        for (size_t i = 0; i < n; i++) {
            print_band(mlm_input_band(in, i), i + 1 == n);
        }
    }
    n = mlm_input_variable_count(in);
    if (n) {
        fputs("    variables:", stdout);
        for (size_t i = 0; i < n; i++) {
            print_band(mlm_input_variable(in, i), i + 1 == n);
        }
    }
    print_tensor("    ", "input", mlm_input_tensor(in));
    if (mlm_input_value_scaling_count(in) > 0) {
        puts("    value scaling:");
        for (size_t i = 0; i < mlm_input_value_scaling_count(in); i++) {
            print_scaling("      ", mlm_input_value_scaling(in, i));
        }
    }
    if (mlm_input_norm_type(in)) {
        printf("    norm_type: %s\n", mlm_input_norm_type(in));
    }
    if (mlm_input_resize_type_raw(in)) {
        printf("    resize_type: %s\n", mlm_input_resize_type_raw(in));
    }
    for (size_t i = 0; i < mlm_input_pre_processing_count(in); i++) {
        print_expression("    ", "pre-processing", mlm_input_pre_processing(in, i));
    }
}

static void print_output(const mlm_output *out)
{
    printf("  output %zu: %s\n", mlm_output_index(out), str_or_none(mlm_output_name(out)));
    fputs("    tasks:", stdout);
    if (mlm_output_task_count(out) == 0) {
        fputs(" (none)", stdout);
    }
    for (size_t i = 0; i < mlm_output_task_count(out); i++) {
        print_task(mlm_output_task(out, i), mlm_output_task_raw(out, i));
    }
    putchar('\n');
    size_t n = mlm_output_band_count(out);
    if (n) {
        fputs("    bands:", stdout);
        for (size_t i = 0; i < n; i++) {
            print_band(mlm_output_band(out, i), i + 1 == n);
        }
    }
    print_tensor("    ", "result", mlm_output_result(out));
    n = mlm_output_class_count(out);
    if (n > 0) {
        printf("    classes (%zu):\n", n);
        for (size_t i = 0; i < n; i++) {
            const mlm_class *c = mlm_output_class(out, i);
            int64_t value = 0;
            if (mlm_class_value(c, &value)) {
                printf("      %" PRId64 " ", value);
            } else {
                fputs("      ? ", stdout);
            }
            printf("%s", str_or_none(mlm_class_name(c)));
            if (mlm_class_description(c)) {
                printf(": %s", mlm_class_description(c));
            }
            if (mlm_class_color_hint(c)) {
                printf(" #%s", mlm_class_color_hint(c));
            }
            putchar('\n');
        }
    }
    for (size_t i = 0; i < mlm_output_post_processing_count(out); i++) {
        print_expression("    ", "post-processing", mlm_output_post_processing(out, i));
    }
}

static void print_asset(const mlm_asset *a)
{
    printf("  %s%s [%s]: %s\n", str_or_none(mlm_asset_key(a)),
           mlm_asset_in_item_assets(a) ? " (item_assets)" : "",
           mlm_asset_kind_name(mlm_asset_kind_of(a)), str_or_none(mlm_asset_href(a)));
    if (mlm_asset_type(a)) {
        printf("    type: %s\n", mlm_asset_type(a));
    }
    if (mlm_asset_role_count(a) > 0) {
        fputs("    roles:", stdout);
        for (size_t i = 0; i < mlm_asset_role_count(a); i++) {
            printf(" %s", str_or_none(mlm_asset_role(a, i)));
        }
        putchar('\n');
    }
    if (mlm_asset_artifact_type(a)) {
        printf("    artifact_type: %s\n", mlm_asset_artifact_type(a));
    }
    if (mlm_asset_compile_method(a)) {
        printf("    compile_method: %s\n", mlm_asset_compile_method(a));
    }
    if (mlm_asset_entrypoint(a)) {
        printf("    entrypoint: %s\n", mlm_asset_entrypoint(a));
    }
    /* Alternate model artifacts may each say how they run. */
    const mlm_model *f = mlm_asset_fields(a);
    if (mlm_model_framework(f) || mlm_model_accelerator_raw(f)) {
        printf("    on this asset: framework %s, accelerator %s\n",
               str_or_none(mlm_model_framework(f)), str_or_none(mlm_model_accelerator_raw(f)));
    }
}

static void print_model(const mlm_model *m)
{
    printf("model: %s (read as MLM %s)\n", str_or_none(mlm_model_name(m)),
           mlm_spec_version_name(mlm_model_spec(m)));
    printf("  architecture: %s", str_or_none(mlm_model_architecture(m)));
    int64_t count = 0;
    int flag = 0;
    if (mlm_model_total_parameters(m, &count)) {
        printf(", %" PRId64 " parameters", count);
    }
    if (mlm_model_pretrained(m, &flag)) {
        printf(", %s", flag ? "pretrained" : "trained from scratch");
        if (mlm_model_pretrained_source(m)) {
            printf(" (%s)", mlm_model_pretrained_source(m));
        }
    }
    putchar('\n');
    fputs("  tasks:", stdout);
    if (mlm_model_task_count(m) == 0) {
        fputs(" (none)", stdout);
    }
    for (size_t i = 0; i < mlm_model_task_count(m); i++) {
        print_task(mlm_model_task(m, i), mlm_model_task_raw(m, i));
    }
    putchar('\n');
    printf("  framework: %s %s\n", str_or_none(mlm_model_framework(m)),
           mlm_model_framework_version(m) ? mlm_model_framework_version(m) : "");
    mlm_accelerator acc = mlm_model_accelerator(m);
    if (mlm_model_field(m, "mlm:accelerator", NULL) == MLM_NULL) {
        fputs("  accelerator: none needed (null)", stdout);
    } else {
        printf("  accelerator: %s", acc != MLM_ACCELERATOR_UNKNOWN
                                        ? mlm_accelerator_name(acc)
                                        : str_or_none(mlm_model_accelerator_raw(m)));
    }
    if (mlm_model_accelerator_constrained(m, &flag) && flag) {
        fputs(" (required)", stdout);
    }
    if (mlm_model_accelerator_count(m, &count)) {
        printf(" x%" PRId64, count);
    }
    if (mlm_model_accelerator_summary(m)) {
        printf(" - %s", mlm_model_accelerator_summary(m));
    }
    putchar('\n');
    if (mlm_model_batch_size_suggestion(m, &count)) {
        printf("  batch size suggestion: %" PRId64 "\n", count);
    }
    if (mlm_model_hyperparameters(m)) {
        fputs("  hyperparameters: ", stdout);
        print_json_value(mlm_model_hyperparameters(m));
        putchar('\n');
    }
    printf("inputs (%zu):\n", mlm_model_input_count(m));
    for (size_t i = 0; i < mlm_model_input_count(m); i++) {
        print_input(mlm_model_input(m, i));
    }
    printf("outputs (%zu):\n", mlm_model_output_count(m));
    for (size_t i = 0; i < mlm_model_output_count(m); i++) {
        print_output(mlm_model_output(m, i));
    }
    printf("assets (%zu):\n", mlm_model_asset_count(m));
    for (size_t i = 0; i < mlm_model_asset_count(m); i++) {
        print_asset(mlm_model_asset(m, i));
    }
    const mlm_asset *model_asset = mlm_model_find_model_asset(m);
    printf("model asset: %s\n", model_asset ? mlm_asset_pointer(model_asset) : "(none)");
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
