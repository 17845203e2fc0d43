// The public headers must be usable from C++ (extern "C", no C-only syntax).
#include <mlm.h>

#include <cstdio>
#include <cstring>

int main()
{
    mlm_error err = MLM_ERROR_INIT;
    const char text[] = "{\"type\": \"Feature\", \"stac_extensions\": "
                        "[\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"]}";
    mlm_document *doc = mlm_parse_buffer(text, std::strlen(text), "cxx", nullptr, &err);
    if (!doc)
        return 1;
    mlm_validate_options opts = MLM_VALIDATE_OPTIONS_INIT;
    mlm_diagnostics *d = mlm_validate(doc, &opts, &err);
    int ok = d != nullptr && mlm_document_spec_version(doc) == MLM_SPEC_1_5_2 &&
             std::strcmp(mlm_version_string(), MLM_VERSION_STRING) == 0;
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    std::printf("%s\n", ok ? "ok" : "failed");
    return ok ? 0 : 1;
}
