/* MLM versions: names, URLs, and detection from a document. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "document_private.h"
#include "facts.h"
#include "urisplit.h"

#define DRAFT_URL (mlmp_version_get(MLM_SPEC_DRAFT)->url)
#define SE_PREFIX MLMP_URL_SE_PREFIX
#define CRIM_PREFIX MLMP_URL_CRIM_PREFIX
#define SUFFIX MLMP_URL_SUFFIX

const char *mlm_spec_version_name(mlm_spec_version v)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    return f ? f->name : "unknown";
}

mlm_spec_version mlm_spec_version_parse(const char *name)
{
    if (!name)
        return MLM_SPEC_UNKNOWN;
    if (name[0] == 'v' || name[0] == 'V')
        name++;
    const mlmp_version_fact *f = mlmp_version_named(name);
    return f ? f->v : MLM_SPEC_UNKNOWN;
}

const char *mlm_spec_version_url(mlm_spec_version v)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    return f ? f->url : NULL;
}

const char *mlm_spec_versions_supported(void) { return mlmp_versions_list(); }

/* A released version named exactly "X.Y.Z" (case-sensitive), or UNKNOWN. */
static mlm_spec_version released_named(const char *ver)
{
    const mlmp_version_fact *f = mlmp_version_named(ver);
    return f && (f->flags & MLMP_VF_RELEASED) && strcmp(f->name, ver) == 0 ? f->v
                                                                           : MLM_SPEC_UNKNOWN;
}

static bool published_at_crim(mlm_spec_version v)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    return f && (f->hosts & MLMP_HOST_CRIM);
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
    return released_named(ver);
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
        return published_at_crim(v) ? v : MLM_SPEC_UNKNOWN;
    }
    return MLM_SPEC_UNKNOWN;
}

/* --- URL classification ------------------------------------------------------
 * A URL is split into scheme, host and path segments; the query and fragment
 * are set aside. Only the hosts and repositories that published MLM, its
 * predecessor dl-model and its neighbour ml-model are recognised, by whole
 * path segments, never by substring: "/ml-model/" is not "/mlm/", and
 * "mlm-extension-tools" is not "mlm-extension". */

#define MAX_SEGS 8

typedef struct {
    char scheme[8];
    char host[64];
    char seg[MAX_SEGS][64]; /* path segments, lower-cased */
    size_t nseg;
    bool extra;    /* query, fragment, trailing slash, empty segment, upper case */
    bool too_long; /* a part did not fit: never a published URL */
} url_parts;

static void lower_copy(char *dst, size_t cap, const char *src, size_t n, url_parts *u)
{
    if (n >= cap) {
        u->too_long = true;
        n = cap - 1;
    }
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
            u->extra = true;
        }
        dst[i] = c;
    }
    dst[n] = '\0';
}

/* Whether url is scheme://host/path; false for a short identifier. */
static bool url_split(const char *url, url_parts *u)
{
    memset(u, 0, sizeof(*u));
    mlmp_uri_parts r;
    mlmp_uri_split(url, &r);
    if (!r.scheme.has || !r.authority.has)
        return false;
    lower_copy(u->scheme, sizeof(u->scheme), r.scheme.s, r.scheme.n, u);
    lower_copy(u->host, sizeof(u->host), r.authority.s, r.authority.n, u);
    if (r.query.has || r.fragment.has)
        u->extra = true;
    const char *p = r.path.s, *end = r.path.s + r.path.n;
    while (p < end) {
        p++; /* the '/' */
        const char *q = p;
        while (q < end && *q != '/')
            q++;
        if (q == p) {
            u->extra = true; /* "//" or a trailing slash */
        } else if (u->nseg < MAX_SEGS) {
            lower_copy(u->seg[u->nseg], sizeof(u->seg[0]), p, (size_t)(q - p), u);
            u->nseg++;
        } else {
            u->too_long = true;
        }
        p = q;
    }
    return true;
}

/* "vX.Y.Z" naming a released version (lower-case already). */
static mlm_spec_version released_tag(const char *seg)
{
    if (seg[0] != 'v')
        return MLM_SPEC_UNKNOWN;
    return released_named(seg + 1);
}

/* A Git tag as opposed to a branch: "v" then a digit (v1.0.0, v1.0.0-beta.3). */
static bool is_tag(const char *seg) { return seg[0] == 'v' && seg[1] >= '0' && seg[1] <= '9'; }

static bool seg_is(const url_parts *u, size_t i, const char *s)
{
    return i < u->nseg && strcmp(u->seg[i], s) == 0;
}

/* A published version named by seg[i] (vX.Y.Z) followed by the segment
 * "schema.json" (optionally after "json-schema"), or UNKNOWN. */
static mlm_spec_version version_then_schema(const url_parts *u, size_t i)
{
    if (i >= u->nseg)
        return MLM_SPEC_UNKNOWN;
    mlm_spec_version v = released_tag(u->seg[i]);
    size_t last = u->nseg - 1;
    if (v == MLM_SPEC_UNKNOWN || !seg_is(u, last, "schema.json"))
        return MLM_SPEC_UNKNOWN;
    if (last == i + 1 || (last == i + 2 && seg_is(u, i + 1, "json-schema")))
        return v;
    return MLM_SPEC_UNKNOWN;
}

/* The repositories of MLM and of its predecessor on GitHub. */
static bool mlm_repo(const char *owner, const char *repo)
{
    return (strcmp(owner, "stac-extensions") == 0 && strcmp(repo, "mlm") == 0) ||
           (strcmp(owner, "crim-ca") == 0 &&
            (strcmp(repo, "mlm-extension") == 0 || strcmp(repo, "dlm-extension") == 0));
}

static mlmp_url_class classify_github(const url_parts *u, bool raw)
{
    mlmp_url_class r = {MLMP_UCLASS_OTHER, MLM_SPEC_UNKNOWN, MLM_SPEC_UNKNOWN};
    /* raw: owner/repo/ref/path...; github.com: owner/repo/(blob|raw)/ref/path... */
    if (u->nseg < 3 || !mlm_repo(u->seg[0], u->seg[1]))
        return r;
    size_t ref = 2;
    if (!raw) {
        if (!seg_is(u, 2, "blob") && !seg_is(u, 2, "raw"))
            return r; /* the repository's pages, not a schema */
        ref = 3;
    }
    if (ref >= u->nseg)
        return r;
    if (!is_tag(u->seg[ref])) {
        r.kind = MLMP_UCLASS_MOVING; /* main, master, a feature branch: its content changes */
        return r;
    }
    r.kind = MLMP_UCLASS_MLM_UNKNOWN; /* a tagged file of the repository, not the identifier */
    mlm_spec_version v = released_tag(u->seg[ref]);
    if (v != MLM_SPEC_UNKNOWN && seg_is(u, u->nseg - 1, "schema.json"))
        r.near = v;
    return r;
}

mlmp_url_class mlmp_url_classify(const char *url)
{
    mlmp_url_class r = {MLMP_UCLASS_OTHER, MLM_SPEC_UNKNOWN, MLM_SPEC_UNKNOWN};
    if (!url)
        return r;
    mlm_spec_version exact = mlmp_spec_from_url(url);
    if (exact != MLM_SPEC_UNKNOWN) {
        r.kind = MLMP_UCLASS_MLM;
        r.v = r.near = exact;
        return r;
    }
    url_parts u;
    if (!url_split(url, &u)) {
        /* Short identifiers of STAC 0.9 (resolved as cdn.staclint.com names). */
        if (strcasecmp(url, "dl-model") == 0)
            r.kind = MLMP_UCLASS_PREDECESSOR;
        else if (strcasecmp(url, "mlm") == 0)
            r.kind = MLMP_UCLASS_MLM_UNKNOWN;
        return r; /* "ml-model" and every other short name: another extension */
    }
    bool web = strcmp(u.scheme, "https") == 0 || strcmp(u.scheme, "http") == 0;
    if (!web || u.too_long)
        return r;
    if (strcmp(u.host, "stac-extensions.github.io") == 0) {
        if (seg_is(&u, 0, "mlm")) {
            r.kind = MLMP_UCLASS_MLM_UNKNOWN;
            r.near = version_then_schema(&u, 1);
        } else if (seg_is(&u, 0, "dl-model")) {
            r.kind = MLMP_UCLASS_PREDECESSOR;
        }
        return r; /* ml-model and every other extension published there */
    }
    if (strcmp(u.host, "crim-ca.github.io") == 0) {
        if (seg_is(&u, 0, "mlm-extension")) {
            r.kind = MLMP_UCLASS_MLM_UNKNOWN;
            mlm_spec_version v = version_then_schema(&u, 1);
            r.near = published_at_crim(v) ? v : MLM_SPEC_UNKNOWN;
        } else if (seg_is(&u, 0, "dlm-extension")) {
            r.kind = MLMP_UCLASS_PREDECESSOR;
        }
        return r;
    }
    if (strcmp(u.host, "schemas.stacspec.org") == 0) {
        /* The draft lived at .../extensions/ml-model/...; dl-model at .../dl-model/... */
        for (size_t i = 0; i < u.nseg; i++)
            if (strcmp(u.seg[i], "dl-model") == 0)
                r.kind = MLMP_UCLASS_PREDECESSOR;
        if (r.kind == MLMP_UCLASS_OTHER && u.nseg == 5 && seg_is(&u, 0, "2.0.0.alpha.0") &&
            seg_is(&u, 1, "extensions") && seg_is(&u, 2, "ml-model") &&
            seg_is(&u, 3, "json-schema") && seg_is(&u, 4, "schema.json")) {
            r.kind = MLMP_UCLASS_MLM_UNKNOWN; /* the draft's identifier, written differently */
            r.near = MLM_SPEC_DRAFT;
        }
        return r;
    }
    if (strcmp(u.host, "raw.githubusercontent.com") == 0)
        return classify_github(&u, true);
    if (strcmp(u.host, "github.com") == 0)
        return classify_github(&u, false);
    /* Any other host: a mirror or a misspelt host of a published MLM schema
     * (.../mlm/vX.Y.Z/schema.json) is an MLM URL that no validator resolves as
     * the extension; anything else is another extension. */
    for (size_t i = 0; i + 1 < u.nseg; i++)
        if ((strcmp(u.seg[i], "mlm") == 0 || strcmp(u.seg[i], "mlm-extension") == 0) &&
            version_then_schema(&u, i + 1) != MLM_SPEC_UNKNOWN) {
            r.kind = MLMP_UCLASS_MLM_UNKNOWN;
            r.near = version_then_schema(&u, i + 1);
            return r;
        }
    return r;
}

bool mlmp_url_looks_mlm(const char *url)
{
    mlmp_uclass_kind k = mlmp_url_classify(url).kind;
    return k == MLMP_UCLASS_MLM || k == MLMP_UCLASS_MLM_UNKNOWN || k == MLMP_UCLASS_MOVING;
}

static bool object_has_prefix_key(const json_t *obj, const char *prefix)
{
    const char *k;
    const json_t *v;
    if (!json_is_object(obj))
        return false;
    mlmp_object_foreach (obj, k, v) {
        (void)v;
        if (strncmp(k, prefix, 4) == 0)
            return true;
    }
    return false;
}

/* Only the draft nests mlm:architecture, has mlm:runtime, or writes
 * mlm:output as one object (every release has an array there). */
static bool draft_shaped(const json_t *obj)
{
    return json_is_object(json_object_get(obj, mlmp_key(MLMP_F_DRAFT_architecture))) ||
           json_object_get(obj, mlmp_key(MLMP_F_DRAFT_runtime)) != NULL ||
           json_is_object(json_object_get(obj, mlmp_key(MLMP_F_DRAFT_output)));
}

/* v1.0.0..v1.3.0 normalised inputs with norm_type / norm_by_channel /
 * norm_clip / statistics; v1.4.0 replaced them with value_scaling. */
static bool v13_shaped(const json_t *obj)
{
    size_t i;
    const json_t *in;
    json_array_foreach (json_object_get(obj, mlmp_key(MLMP_F_PROPS_input)), i, in) {
        if (json_object_get(in, "norm_type") || json_object_get(in, "norm_by_channel") ||
            json_object_get(in, "norm_clip") || json_object_get(in, "statistics"))
            return true;
    }
    return false;
}

mlm_spec_version mlmp_spec_infer(const mlmp_spec_scan *s)
{
    if (!s->has_mlm_fields)
        return MLM_SPEC_UNKNOWN;
    if (s->draft_shaped)
        return MLM_SPEC_DRAFT;
    /* The last version with norm_type, or the newest. */
    return s->v13_shaped ? mlmp_field_at(MLMP_F_INPUT_norm_type)->until : MLMP_SPEC_LATEST;
}

static void scan_object(mlmp_spec_scan *out, const json_t *obj, bool shape)
{
    if (object_has_prefix_key(obj, MLMP_PREFIX)) {
        out->has_mlm_fields = true;
        if (shape && draft_shaped(obj))
            out->draft_shaped = true;
        if (v13_shaped(obj))
            out->v13_shaped = true;
    }
    if (object_has_prefix_key(obj, "dlm:"))
        out->has_dlm_fields = true;
}

void mlmp_spec_scan_run(const json_t *root, mlmp_spec_scan *out)
{
    memset(out, 0, sizeof(*out));
    const json_t *exts = json_object_get(root, "stac_extensions");
    size_t i;
    const json_t *e;
    json_array_foreach (exts, i, e) {
        const char *url = json_string_value(e);
        if (!url)
            continue;
        mlmp_url_class k = mlmp_url_classify(url);
        if (k.kind == MLMP_UCLASS_MLM_UNKNOWN && !out->unknown_url) {
            out->unknown_url = url;
            out->unknown_index = i;
            out->unknown_near = k.near;
        } else if (k.kind == MLMP_UCLASS_MOVING && !out->moving_url) {
            out->moving_url = url;
            out->moving_index = i;
        } else if (k.kind == MLMP_UCLASS_PREDECESSOR && !out->predecessor_url) {
            out->predecessor_url = url;
            out->predecessor_index = i;
        }
        if (k.kind != MLMP_UCLASS_MLM)
            continue;
        mlm_spec_version v = k.v;
        out->listed |= 1u << (unsigned)v;
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
    scan_object(out, json_object_get(root, "properties"), true);
    scan_object(out, root, true);
    const json_t *assets = json_object_get(root, "assets");
    const char *k;
    const json_t *a;
    mlmp_object_foreach (assets, k, a) {
        (void)k;
        scan_object(out, a, false);
    }
    scan_object(out, json_object_get(root, "summaries"), true);
}

#include "mlm.h"

const char *mlm_version_string(void) { return MLM_VERSION_STRING; }
unsigned mlm_version(void) { return (unsigned)MLM_VERSION_NUM; }
