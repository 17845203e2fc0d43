/*
 * write_item: build a complete MLM model description from scratch with the
 * libmlm writer, check it with the validator, and print it as a STAC Item
 * (MLM v1.5.2) on standard output.
 *
 *   write_item > item.json && mlm-validate item.json
 *
 * Exit status: 0 written and valid, 1 the validator found errors, 3 a
 * library call failed (the message is on standard error).
 */
#include <stdio.h>

#include <mlm.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Stop at the first failing call; err says why. */
#define TRY(call)                                                          \
    do {                                                                   \
        if ((call) != 0) {                                                 \
            fprintf(stderr, "write_item: %s\n", err.text);                 \
            mlm_document_free(doc);                                        \
            return 3;                                                      \
        }                                                                  \
    } while (0)

int main(void)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_document_new(MLM_STAC_ITEM, "landcover-unet", MLM_SPEC_1_5_2, &err);
    if (!doc) {
        fprintf(stderr, "write_item: %s\n", err.text);
        return 3;
    }

    /* Where and when: a STAC Item needs a datetime (or a range). */
    TRY(mlm_document_set(doc, "/properties/datetime", json_string("2024-05-01T00:00:00Z"), &err));
    TRY(mlm_document_set(doc, "/properties/description",
                         json_string("U-Net for land cover from Sentinel-2 L2A"), &err));

    /* The model. */
    static const mlm_task tasks[] = {MLM_TASK_SEMANTIC_SEGMENTATION, MLM_TASK_SEGMENTATION};
    TRY(mlm_document_set_string(doc, "mlm:name", "Land cover U-Net", &err));
    TRY(mlm_document_set_string(doc, "mlm:architecture", "U-Net", &err));
    TRY(mlm_document_set_tasks(doc, tasks, N(tasks), &err));
    TRY(mlm_document_set_string(doc, "mlm:framework", "pytorch", &err));
    TRY(mlm_document_set_string(doc, "mlm:framework_version", "2.3.1", &err));
    TRY(mlm_document_set_accelerator(doc, MLM_ACCELERATOR_CUDA, &err));
    TRY(mlm_document_set_bool(doc, "mlm:accelerator_constrained", 0, &err));
    TRY(mlm_document_set_string(doc, "mlm:accelerator_summary", "one GPU with 16 GB", &err));
    TRY(mlm_document_set_integer(doc, "mlm:total_parameters", 31000000, &err));
    TRY(mlm_document_set_bool(doc, "mlm:pretrained", 1, &err));
    TRY(mlm_document_set_string(doc, "mlm:pretrained_source", "ImageNet", &err));
    TRY(mlm_document_set_integer(doc, "mlm:batch_size_suggestion", 16, &err));

    /* One input: four bands, normalised per band. */
    static const char *const bands[] = {"B02", "B03", "B04", "B08"};
    static const int64_t in_shape[] = {-1, 4, 256, 256};
    static const char *const in_dims[] = {"batch", "bands", "height", "width"};
    size_t in = 0;
    TRY(mlm_document_add_input(doc, "Sentinel-2 L2A, 10 m bands", &in, &err));
    TRY(mlm_document_input_set_bands(doc, in, bands, N(bands), &err));
    TRY(mlm_document_input_set_tensor(doc, in, in_shape, N(in_shape), in_dims, N(in_dims),
                                      MLM_DATA_TYPE_FLOAT32, &err));
    static const double scaling[][2] = {{0, 10000}, {0, 10000}, {0, 10000}, {0, 10000}};
    for (size_t b = 0; b < N(scaling); b++)
        TRY(mlm_document_input_add_value_scaling(doc, in, MLM_SCALING_MIN_MAX, scaling[b], 2,
                                                 &err));
    TRY(mlm_document_input_set_resize_type(doc, in, MLM_RESIZE_CROP, &err));

    /* One output: a class per pixel. */
    static const mlm_task out_tasks[] = {MLM_TASK_SEMANTIC_SEGMENTATION};
    static const int64_t out_shape[] = {-1, 256, 256};
    static const char *const out_dims[] = {"batch", "height", "width"};
    size_t out = 0;
    TRY(mlm_document_add_output(doc, "land cover classes", out_tasks, N(out_tasks), &out, &err));
    TRY(mlm_document_output_set_result(doc, out, out_shape, N(out_shape), out_dims, N(out_dims),
                                       MLM_DATA_TYPE_UINT8, &err));
    static const char *const classes[][2] = {{"water", "Open water"},
                                             {"forest", "Tree cover over 30 percent"},
                                             {"cropland", "Annual crops"},
                                             {"built-up", "Buildings and roads"}};
    for (size_t c = 0; c < N(classes); c++)
        TRY(mlm_document_output_add_class(doc, out, (int64_t)c, classes[c][0], classes[c][1],
                                          &err));

    /* The model artifact, the code that runs it, and a container to run it in. */
    static const char *const model_roles[] = {"mlm:model"};
    static const char *const code_roles[] = {"mlm:source_code", "code"};
    TRY(mlm_document_add_asset(doc, "weights", "https://example.com/landcover-unet.pt",
                               "application/octet-stream; application=pytorch", model_roles,
                               N(model_roles), &err));
    TRY(mlm_document_asset_set(doc, "weights", "mlm:artifact_type", json_string("torch.save"),
                               &err));
    TRY(mlm_document_asset_set(doc, "weights", "title", json_string("PyTorch weights"), &err));
    /* The bands the input names are described with the raster extension. */
    TRY(mlm_document_set(doc, "/stac_extensions/-",
                         json_string("https://stac-extensions.github.io/raster/v1.1.0/schema.json"),
                         &err));
    TRY(mlm_document_asset_set(doc, "weights", "raster:bands",
                               json_pack("[{s:s},{s:s},{s:s},{s:s}]", "name", "B02", "name", "B03",
                                         "name", "B04", "name", "B08"),
                               &err));
    TRY(mlm_document_add_asset(doc, "code", "https://example.com/landcover-unet.git",
                               "text/html", code_roles, N(code_roles), &err));
    TRY(mlm_document_asset_set(doc, "code", "mlm:entrypoint",
                               json_string("landcover.infer:predict"), &err));

    static const char *const runtime_roles[] = {"runtime"};
    TRY(mlm_document_add_asset(doc, "container", "https://example.com/landcover-unet:1.0",
                               "application/vnd.oci.image.index.v1+json", runtime_roles,
                               N(runtime_roles), &err));

    /* What was built reads back through the typed model... */
    const mlm_model *m = mlm_document_model(doc);
    const mlm_asset *weights = mlm_model_find_model_asset(m);
    fprintf(stderr, "write_item: %s, %zu input(s), %zu output(s), model asset %s\n",
            mlm_model_name(m), mlm_model_input_count(m), mlm_model_output_count(m),
            weights ? mlm_asset_key(weights) : "(none)");

    /* ...and must satisfy the validator. */
    mlm_diagnostics *diags = mlm_validate(doc, NULL, &err);
    if (!diags) {
        fprintf(stderr, "write_item: %s\n", err.text);
        mlm_document_free(doc);
        return 3;
    }
    size_t errors = mlm_diagnostics_count_severity(diags, MLM_SEVERITY_ERROR);
    for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
        fprintf(stderr, "write_item: %s %s: %s (%s)\n", mlm_severity_name(d->severity),
                d->rule_id, d->message, d->pointer);
    }
    mlm_diagnostics_free(diags);

    char *text = mlm_document_dump(doc, 0, &err);
    mlm_document_free(doc);
    if (!text) {
        fprintf(stderr, "write_item: %s\n", err.text);
        return 3;
    }
    int ok = fputs(text, stdout) >= 0 && fflush(stdout) == 0;
    mlm_free(text);
    if (!ok) {
        fprintf(stderr, "write_item: cannot write to standard output\n");
        return 3;
    }
    return errors ? 1 : 0;
}
