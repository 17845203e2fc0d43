/* MLM versions: names, URLs, and detection from a document. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "document_private.h"

static const struct {
    mlm_spec_version v;
    const char *name;
} names[] = {
    {MLM_SPEC_DRAFT, "draft"},   {MLM_SPEC_1_0_0, "1.0.0"}, {MLM_SPEC_1_1_0, "1.1.0"},
    {MLM_SPEC_1_2_0, "1.2.0"},   {MLM_SPEC_1_3_0, "1.3.0"}, {MLM_SPEC_1_4_0, "1.4.0"},
    {MLM_SPEC_1_5_0, "1.5.0"},   {MLM_SPEC_1_5_1, "1.5.1"}, {MLM_SPEC_1_5_2, "1.5.2"},
};

#define DRAFT_URL "https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/json-schema/schema.json"
#define SE_PREFIX "https://stac-extensions.github.io/mlm/v"
#define CRIM_PREFIX "https://crim-ca.github.io/mlm-extension/v"
#define SUFFIX "/schema.json"

const char *mlm_spec_version_name(mlm_spec_version v)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(names); i++)
        if (names[i].v == v)
            return names[i].name;
    return "unknown";
}

mlm_spec_version mlm_spec_version_parse(const char *name)
{
    if (!name)
        return MLM_SPEC_UNKNOWN;
    if (name[0] == 'v' || name[0] == 'V')
        name++;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(names); i++)
        if (strcasecmp(names[i].name, name) == 0)
            return names[i].v;
    return MLM_SPEC_UNKNOWN;
}

const char *mlm_spec_version_url(mlm_spec_version v)
{
    static const char *const urls[] = {
        [MLM_SPEC_DRAFT] = DRAFT_URL,
        [MLM_SPEC_1_0_0] = SE_PREFIX "1.0.0" SUFFIX,
        [MLM_SPEC_1_1_0] = SE_PREFIX "1.1.0" SUFFIX,
        [MLM_SPEC_1_2_0] = SE_PREFIX "1.2.0" SUFFIX,
        [MLM_SPEC_1_3_0] = SE_PREFIX "1.3.0" SUFFIX,
        [MLM_SPEC_1_4_0] = SE_PREFIX "1.4.0" SUFFIX,
        [MLM_SPEC_1_5_0] = SE_PREFIX "1.5.0" SUFFIX,
        [MLM_SPEC_1_5_1] = SE_PREFIX "1.5.1" SUFFIX,
        [MLM_SPEC_1_5_2] = SE_PREFIX "1.5.2" SUFFIX,
    };
    if (v <= MLM_SPEC_UNKNOWN || v > MLM_SPEC_LATEST)
        return NULL;
    return urls[v];
}

const char *mlm_spec_versions_supported(void)
{
    return "draft, 1.0.0, 1.1.0, 1.2.0, 1.3.0, 1.4.0, 1.5.0, 1.5.1, 1.5.2";
}

/* "X.Y.Z" + SUFFIX exactly, naming a released version. */
static mlm_spec_version released_from_tail(const char *tail)
{
    size_t n = strlen(tail), sl = strlen(SUFFIX);
    if (n <= sl || strcmp(tail + n - sl, SUFFIX) != 0)
        return MLM_SPEC_UNKNOWN;
    char ver[16];
    if (n - sl >= sizeof(ver))
        return MLM_SPEC_UNKNOWN;
    memcpy(ver, tail, n - sl);
    ver[n - sl] = '\0';
    for (size_t i = 1; i < MLMP_ARRAY_LEN(names); i++)
        if (strcmp(names[i].name, ver) == 0)
            return names[i].v;
    return MLM_SPEC_UNKNOWN;
}

mlm_spec_version mlmp_spec_from_url(const char *url)
{
    if (!url)
        return MLM_SPEC_UNKNOWN;
    if (strcmp(url, DRAFT_URL) == 0)
        return MLM_SPEC_DRAFT;
    if (strncmp(url, SE_PREFIX, strlen(SE_PREFIX)) == 0)
        return released_from_tail(url + strlen(SE_PREFIX));
    if (strncmp(url, CRIM_PREFIX, strlen(CRIM_PREFIX)) == 0) {
        mlm_spec_version v = released_from_tail(url + strlen(CRIM_PREFIX));
        /* crim-ca published v1.0.0 .. v1.3.0 only. */
        return v >= MLM_SPEC_1_0_0 && v <= MLM_SPEC_1_3_0 ? v : MLM_SPEC_UNKNOWN;
    }
    return MLM_SPEC_UNKNOWN;
}

/* needle is lower-case ASCII. The first byte is compared inline: calling
 * strncasecmp at every position was 3% of a whole run (every extension URL of
 * every document goes through here, twice with full validation). */
static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    char first = needle[0];
    for (; *hay; hay++) {
        char c = *hay;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == first && strncasecmp(hay, needle, n) == 0)
            return true;
    }
    return false;
}

bool mlmp_url_looks_mlm(const char *url)
{
    return contains_ci(url, "/mlm/") || contains_ci(url, "mlm-extension") ||
           contains_ci(url, "/ml-model/") || contains_ci(url, "/mlm.") ||
           contains_ci(url, "stac-extensions.github.io/mlm") || contains_ci(url, "/dl-model/") ||
           contains_ci(url, "dlm-extension");
}

bool mlmp_url_is_dl_model(const char *url)
{
    return contains_ci(url, "/dl-model/") || contains_ci(url, "dlm-extension");
}

static bool object_has_mlm_key(const json_t *obj)
{
    const char *k;
    const json_t *v;
    if (!json_is_object(obj))
        return false;
    mlmp_object_foreach(obj, k, v) {
        (void)v;
        if (strncmp(k, "mlm:", 4) == 0)
            return true;
    }
    return false;
}

/* Only the draft nests mlm:architecture, has mlm:runtime, or writes
 * mlm:output as one object (every release has an array there). */
static bool draft_shaped(const json_t *obj)
{
    return json_is_object(json_object_get(obj, "mlm:architecture")) ||
           json_object_get(obj, "mlm:runtime") != NULL ||
           json_is_object(json_object_get(obj, "mlm:output"));
}

void mlmp_spec_scan_run(const json_t *root, mlmp_spec_scan *out)
{
    memset(out, 0, sizeof(*out));
    const json_t *exts = json_object_get(root, "stac_extensions");
    size_t i;
    const json_t *e;
    json_array_foreach(exts, i, e) {
        const char *url = json_string_value(e);
        if (!url)
            continue;
        mlm_spec_version v = mlmp_spec_from_url(url);
        if (v == MLM_SPEC_UNKNOWN) {
            if (mlmp_url_looks_mlm(url) && !out->unknown_url) {
                out->unknown_url = url;
                out->unknown_index = i;
            }
            continue;
        }
        if (out->spec != MLM_SPEC_UNKNOWN && out->spec != v && !out->conflict) {
            out->conflict = true;
            out->conflict_url = url;
            out->conflict_index = i;
        }
        if (v > out->spec) {
            out->spec = v;
            out->url = url;
        }
    }
    const json_t *props = json_object_get(root, "properties");
    out->has_mlm_fields = object_has_mlm_key(props) || object_has_mlm_key(root);
    out->draft_shaped = draft_shaped(props) || draft_shaped(root);
    const json_t *assets = json_object_get(root, "assets");
    const char *k;
    const json_t *a;
    mlmp_object_foreach(assets, k, a) {
        (void)k;
        if (object_has_mlm_key(a))
            out->has_mlm_fields = true;
    }
    const json_t *summaries = json_object_get(root, "summaries");
    if (object_has_mlm_key(summaries)) {
        out->has_mlm_fields = true;
        if (draft_shaped(summaries))
            out->draft_shaped = true;
    }
}

#include "mlm.h"

const char *mlm_version_string(void) { return MLM_VERSION_STRING; }
unsigned mlm_version(void) { return (unsigned)MLM_VERSION_NUM; }
