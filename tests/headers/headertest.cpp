// The public headers must be usable from C++ (extern "C", no C-only syntax).
#include <mlm.h>

#include <cstddef>
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
    // Every initialiser and size macro, under -Wold-style-cast -Werror.
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
    mlm_fetch_info fi = MLM_FETCH_INFO_INIT;
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    mlm_schema_options sco = MLM_SCHEMA_OPTIONS_INIT;
    if (po.max_bytes != 0 || MLM_DEFAULT_MAX_BYTES != fo.max_filesize ||
        MLM_FETCH_DEFAULT_MAX_FILESIZE != std::size_t(64) * 1024 * 1024 || fi.version == 0 ||
        so.version == 0 || sco.version == 0)
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
