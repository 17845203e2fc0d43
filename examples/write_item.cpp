// write_item (C++): the same model as write_item.c, built from C++ with the
// libmlm writer. Ownership is held by std::unique_ptr with the library's own
// release functions, so every exit path frees what it made.
//
//   write_item_cpp > item.json && mlm-validate item.json
//
// Exit status: 0 written and valid, 1 the validator found errors, 3 a library
// call failed (the message is on standard error).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <mlm.h>

namespace {

struct DocumentFree {
    void operator()(mlm_document *d) const { mlm_document_free(d); }
};
struct DiagnosticsFree {
    void operator()(mlm_diagnostics *d) const { mlm_diagnostics_free(d); }
};
struct TextFree {
    void operator()(char *p) const { mlm_free(p); }
};
using Document = std::unique_ptr<mlm_document, DocumentFree>;

// Turn a failing status into an exception that carries the library's message.
void check(int rc, const mlm_error &err)
{
    if (rc != 0)
        throw std::runtime_error(err.text);
}

std::vector<const char *> c_strings(const std::vector<std::string> &v)
{
    std::vector<const char *> out;
    for (const auto &s : v)
        out.push_back(s.c_str());
    return out;
}

Document build()
{
    mlm_error err = MLM_ERROR_INIT;
    Document doc(mlm_document_new(MLM_STAC_ITEM, "landcover-unet", MLM_SPEC_1_5_2, &err));
    if (!doc)
        throw std::runtime_error(err.text);
    mlm_document *d = doc.get();

    check(mlm_document_set(d, "/properties/datetime", json_string("2024-05-01T00:00:00Z"), &err), err);
    const mlm_task tasks[] = {MLM_TASK_SEMANTIC_SEGMENTATION, MLM_TASK_SEGMENTATION};
    check(mlm_document_set_string(d, "mlm:name", "Land cover U-Net", &err), err);
    check(mlm_document_set_string(d, "mlm:architecture", "U-Net", &err), err);
    check(mlm_document_set_tasks(d, tasks, 2, &err), err);
    check(mlm_document_set_string(d, "mlm:framework", "pytorch", &err), err);
    check(mlm_document_set_string(d, "mlm:framework_version", "2.3.1", &err), err);
    check(mlm_document_set_accelerator(d, MLM_ACCELERATOR_CUDA, &err), err);
    check(mlm_document_set_bool(d, "mlm:accelerator_constrained", 0, &err), err);
    check(mlm_document_set_integer(d, "mlm:total_parameters", 31000000, &err), err);
    check(mlm_document_set_bool(d, "mlm:pretrained", 1, &err), err);
    check(mlm_document_set_string(d, "mlm:pretrained_source", "ImageNet", &err), err);

    const std::vector<std::string> bands = {"B02", "B03", "B04", "B08"};
    const auto band_names = c_strings(bands);
    const std::vector<int64_t> in_shape = {-1, 4, 256, 256};
    const std::vector<std::string> in_dim_names = {"batch", "bands", "height", "width"};
    const auto in_dims = c_strings(in_dim_names);
    size_t in = 0;
    check(mlm_document_add_input(d, "Sentinel-2 L2A, 10 m bands", &in, &err), err);
    check(mlm_document_input_set_bands(d, in, band_names.data(), band_names.size(), &err), err);
    check(mlm_document_input_set_tensor(d, in, in_shape.data(), in_shape.size(), in_dims.data(),
                                        in_dims.size(), MLM_DATA_TYPE_FLOAT32, &err),
          err);
    for (size_t b = 0; b < bands.size(); b++) {
        const double mean_stddev[] = {1200.0, 800.0};
        check(mlm_document_input_add_value_scaling(d, in, MLM_SCALING_Z_SCORE, mean_stddev, 2, &err),
              err);
    }
    check(mlm_document_input_set_resize_type(d, in, MLM_RESIZE_UNKNOWN, &err), err);

    const mlm_task out_tasks[] = {MLM_TASK_SEMANTIC_SEGMENTATION};
    const std::vector<int64_t> out_shape = {-1, 256, 256};
    const std::vector<std::string> out_dim_names = {"batch", "height", "width"};
    const auto out_dims = c_strings(out_dim_names);
    size_t out = 0;
    check(mlm_document_add_output(d, "land cover classes", out_tasks, 1, &out, &err), err);
    check(mlm_document_output_set_result(d, out, out_shape.data(), out_shape.size(),
                                         out_dims.data(), out_dims.size(), MLM_DATA_TYPE_UINT8,
                                         &err),
          err);
    const std::vector<std::pair<std::string, std::string>> classes = {
        {"water", "Open water"}, {"forest", "Tree cover"}, {"cropland", "Annual crops"}};
    for (size_t c = 0; c < classes.size(); c++)
        check(mlm_document_output_add_class(d, out, static_cast<int64_t>(c),
                                            classes[c].first.c_str(), classes[c].second.c_str(),
                                            &err),
              err);

    const char *model_roles[] = {"mlm:model"};
    check(mlm_document_add_asset(d, "weights", "https://example.com/landcover-unet.onnx",
                                 "application/octet-stream; framework=onnx", model_roles, 1, &err),
          err);
    check(mlm_document_asset_set(d, "weights", "mlm:artifact_type", json_string("onnx"), &err), err);
    check(mlm_document_set(d, "/stac_extensions/-",
                           json_string("https://stac-extensions.github.io/raster/v1.1.0/schema.json"),
                           &err),
          err);
    json_t *raster_bands = json_array();
    for (const auto &b : bands)
        json_array_append_new(raster_bands, json_pack("{s:s}", "name", b.c_str()));
    check(mlm_document_asset_set(d, "weights", "raster:bands", raster_bands, &err), err);
    const char *code_roles[] = {"mlm:source_code", "code"};
    check(mlm_document_add_asset(d, "code", "https://example.com/landcover-unet.git", "text/html",
                                 code_roles, 2, &err),
          err);
    check(mlm_document_asset_set(d, "code", "mlm:entrypoint", json_string("landcover.infer:predict"),
                                 &err),
          err);
    const char *runtime_roles[] = {"runtime"};
    check(mlm_document_add_asset(d, "container", "https://example.com/landcover-unet:1.0",
                                 "application/vnd.oci.image.index.v1+json", runtime_roles, 1, &err),
          err);
    return doc;
}

} // namespace

int main()
{
    try {
        Document doc = build();
        mlm_error err = MLM_ERROR_INIT;
        std::unique_ptr<mlm_diagnostics, DiagnosticsFree> diags(mlm_validate(doc.get(), nullptr, &err));
        if (!diags)
            throw std::runtime_error(err.text);
        for (size_t i = 0; i < mlm_diagnostics_count(diags.get()); i++) {
            const mlm_diagnostic *x = mlm_diagnostics_get(diags.get(), i);
            std::fprintf(stderr, "write_item_cpp: %s %s: %s (%s)\n", mlm_severity_name(x->severity),
                         x->rule_id, x->message, x->pointer);
        }
        size_t errors = mlm_diagnostics_count_severity(diags.get(), MLM_SEVERITY_ERROR);
        std::unique_ptr<char, TextFree> text(mlm_document_dump(doc.get(), 0, &err));
        if (!text)
            throw std::runtime_error(err.text);
        if (std::fputs(text.get(), stdout) < 0 || std::fflush(stdout) != 0)
            throw std::runtime_error("cannot write to standard output");
        return errors ? 1 : 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "write_item_cpp: %s\n", e.what());
        return 3;
    }
}
