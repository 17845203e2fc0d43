/*
 * Full STAC validation: which schemas apply to a document (core by
 * stac_version and type, then every stac_extensions URL), how their URLs are
 * resolved (folders and mappings, on-disk cache, download), and turning
 * schema errors into diagnostics.
 *
 * Compiled schemas are cached per URL, failures too (so a missing schema is
 * looked for once per run, not once per document). The cache and the
 * registry are guarded by one mutex; validation itself runs outside it on
 * immutable compiled schemas, so many threads can validate at once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag_private.h"
#include "hashidx.h"
#include "document_private.h"
#include "mlm/alloc.h"
#include "mlm/fetch.h"
#include "mlm/schema.h"
#include "mlm/stac.h"
#include "mlm/validate.h"
#include "rules/rules.h"
#include "stac_private.h"

typedef struct entry {
    char *url;
    mlm_schema *schema; /* NULL when resolution failed */
    int code;
    char *error; /* why it failed */
} entry;

struct mlm_stac_validator {
    unsigned flags;
    char *cache_dir; /* NULL when caching is off */
    const mlm_fetch_options *fetch;
    mlm_schema_registry *reg;
    pthread_mutex_t lock;
    entry *entries;
    size_t n_entries, cap_entries;
    size_t n_failed; /* entries whose resolution failed (at most MLMP_STAC_MAX_FAILED) */
    size_t n_dirs;   /* schema folders added, for messages */
    /* The last URL the loader could not provide, and why (heap strings, so
     * that messages are never cut; guarded by `lock`, since the loader only
     * runs inside schema_for()). */
    char *fail_url, *fail_reason;
};

/* --- cache ------------------------------------------------------------------ */

static char *default_cache_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    if (xdg && xdg[0] == '/') {
        mlmp_strbuf_printf(&b, "%s/mlm-validate", xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return NULL;
        mlmp_strbuf_printf(&b, "%s/.cache/mlm-validate", home);
    }
    return mlmp_strbuf_detach(&b);
}

/* The cache path of an http(s) URL: CACHE/host[:port]/path, or NULL when
 * the URL cannot be mapped safely (no "..", no query). */
static char *cache_path(const mlm_stac_validator *v, const char *url)
{
    const char *rest = NULL;
    if (strncmp(url, "https://", 8) == 0)
        rest = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        rest = url + 7;
    if (!v->cache_dir || !rest || !*rest || strstr(rest, "..") || strpbrk(rest, "?#\\"))
        return NULL;
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&b, "%s/%s", v->cache_dir, rest);
    return mlmp_strbuf_detach(&b);
}

static int mkdirs_for(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0755);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

static void cache_store(const mlm_stac_validator *v, const char *url, const char *body, size_t len)
{
    char *path = cache_path(v, url);
    if (!path)
        return;
    mlmp_strbuf tmp = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
    const char *tp = mlmp_strbuf_cstr(&tmp);
    if (tp && mkdirs_for(path) == 0) {
        FILE *f = fopen(tp, "wb");
        if (f) {
            bool ok = fwrite(body, 1, len, f) == len;
            ok = (fclose(f) == 0) && ok;
            if (!ok || rename(tp, path) != 0)
                remove(tp);
        }
    }
    mlmp_strbuf_free(&tmp);
    mlmp_free(path);
}

/* Record why the loader could not provide url (in full, on the heap) and
 * set err with the same sentence (which may be shortened). */
MLMP_PRINTF(4, 5)
static int load_failed(mlm_stac_validator *v, const char *url, mlm_error *err, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    mlmp_free(v->fail_url);
    mlmp_free(v->fail_reason);
    v->fail_url = mlmp_strdup(url);
    v->fail_reason = n >= 0 ? mlmp_malloc((size_t)n + 1) : NULL;
    if (v->fail_reason)
        vsnprintf(v->fail_reason, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    mlmp_error_set(err, MLM_ERR_SCHEMA, url, "%s", v->fail_reason ? v->fail_reason : "");
    return MLM_ERR_SCHEMA;
}

/* The loader the registry calls for URLs no folder or mapping provides. */
static int load_schema(const char *url, void *payload, json_t **out, mlm_error *err)
{
    mlm_stac_validator *v = payload;
    char *path = cache_path(v, url);
    if (path) {
        json_error_t je;
        json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        mlmp_free(path);
        if (doc) {
            *out = doc;
            return MLM_OK;
        }
    }
    char where[96];
    if (v->n_dirs == 0)
        snprintf(where, sizeof(where), "no schema folder was given%s",
                 v->cache_dir ? " and it is not in the cache" : "");
    else
        snprintf(where, sizeof(where), "it is not in the %s%s",
                 v->n_dirs == 1 ? "schema folder" : "schema folders",
                 v->cache_dir ? " or the cache" : "");
    if (v->flags & MLM_STAC_OFFLINE)
        return load_failed(v, url, err, "%s, and --offline forbids a download", where);
    char *body = NULL;
    size_t len = 0;
    mlm_error ferr = MLM_ERROR_INIT;
    int rc = mlm_fetch(url, v->fetch, &body, &len, NULL, &ferr);
    if (rc == MLM_ERR_NOMEM)
        return rc;
    if (rc != MLM_OK)
        return load_failed(v, url, err, "%s, and the download failed: %s", where, ferr.text);
    json_error_t je;
    json_t *doc = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!doc) {
        mlm_free(body);
        return load_failed(v, url, err, "the downloaded schema is not JSON (line %d: %s)", je.line,
                           je.text);
    }
    cache_store(v, url, body, len);
    mlm_free(body);
    *out = doc;
    return MLM_OK;
}

/* --- the validator ------------------------------------------------------------ */

size_t mlmp_stac_remembered(const mlm_stac_validator *v) { return v ? v->n_entries : 0; }

mlm_stac_validator *mlm_stac_validator_new(const mlm_stac_options *opts, mlm_error *err)
{
    if (MLMP_OPTIONS_CHECK(opts, STAC_OPTIONS, mlm_stac_options, "mlm_stac_validator_new", NULL,
                           err) != MLM_OK)
        return NULL;
    if (opts && MLMP_OPTIONS_CHECK(opts->fetch, FETCH_OPTIONS, mlm_fetch_options,
                                   "mlm_stac_validator_new", NULL, err) != MLM_OK)
        return NULL;
    mlm_stac_validator *v = mlmp_calloc(1, sizeof(*v));
    if (!v) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    v->flags = opts ? opts->flags : 0;
    v->fetch = opts ? opts->fetch : NULL;
    if (!(v->flags & MLM_STAC_NO_CACHE))
        v->cache_dir = opts && opts->cache_dir ? mlmp_strdup(opts->cache_dir) : default_cache_dir();
    v->reg = mlm_schema_registry_new(err);
    if (!v->reg || pthread_mutex_init(&v->lock, NULL) != 0) {
        mlm_schema_registry_free(v->reg);
        mlmp_free(v->cache_dir);
        mlmp_free(v);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    mlm_schema_registry_set_loader(v->reg, load_schema, v);
    return v;
}

int mlm_stac_validator_add_dir(mlm_stac_validator *v, const char *dir, mlm_error *err)
{
    if (!v || !dir) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, dir, "NULL argument");
        return MLM_ERR_INVALID_ARG;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        mlmp_error_set(err, MLM_ERR_IO, dir, "not a folder: %s",
                       errno ? strerror(errno) : "not a directory");
        return MLM_ERR_IO;
    }
    int rc = mlm_schema_registry_add_dir(v->reg, "https://", dir, err);
    if (rc == MLM_OK)
        rc = mlm_schema_registry_add_dir(v->reg, "http://", dir, err);
    if (rc == MLM_OK)
        v->n_dirs++;
    return rc;
}

int mlm_stac_validator_map(mlm_stac_validator *v, const char *url, const char *path, mlm_error *err)
{
    if (!v || !url || !path) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, path, "NULL argument");
        return MLM_ERR_INVALID_ARG;
    }
    json_error_t je;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!doc) {
        mlmp_error_set(err, MLM_ERR_JSON, path, "cannot load the schema for %s: %s", url, je.text);
        return MLM_ERR_JSON;
    }
    int rc = mlm_schema_registry_add(v->reg, url, doc, err);
    json_decref(doc);
    return rc;
}

void mlm_stac_validator_free(mlm_stac_validator *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n_entries; i++) {
        mlmp_free(v->entries[i].url);
        mlm_schema_free(v->entries[i].schema);
        mlmp_free(v->entries[i].error);
    }
    mlmp_free(v->entries);
    mlmp_free(v->fail_url);
    mlmp_free(v->fail_reason);
    mlm_schema_registry_free(v->reg);
    pthread_mutex_destroy(&v->lock);
    mlmp_free(v->cache_dir);
    mlmp_free(v);
}

/* The compiled schema of url (compiling it on first use), or NULL with err
 * set; then *why (when not NULL) is the whole reason, which lives as long as
 * the validator, or, past MLMP_STAC_MAX_FAILED remembered failures, as long
 * as *why_owned, a heap string the caller frees with mlmp_free(). */
static const mlm_schema *schema_for(mlm_stac_validator *v, const char *url, const char **why,
                                    char **why_owned, mlm_error *err)
{
    const mlm_schema *out = NULL;
    if (why)
        *why = NULL;
    *why_owned = NULL;
    pthread_mutex_lock(&v->lock);
    for (size_t i = 0; i < v->n_entries; i++) {
        if (strcmp(v->entries[i].url, url) == 0) {
            entry *e = &v->entries[i];
            if (!e->schema) {
                mlmp_error_set(err, e->code, url, "%s", e->error);
                if (why)
                    *why = e->error;
            }
            out = e->schema;
            goto out;
        }
    }
    if (mlmp_grow((void **)&v->entries, &v->cap_entries, v->n_entries + 1, sizeof(entry)) !=
        MLM_OK) {
        mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory");
        goto out;
    }
    mlm_error cerr = MLM_ERROR_INIT;
    mlmp_free(v->fail_url);
    mlmp_free(v->fail_reason);
    v->fail_url = v->fail_reason = NULL;
    mlm_schema *s = mlm_schema_compile_url(v->reg, url, NULL, &cerr);
    if (!s && cerr.code == MLM_ERR_NOMEM) {
        mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory");
        goto out; /* not cached: it may work next time */
    }
    entry e = {mlmp_strdup(url), s, s ? MLM_OK : MLM_ERR_SCHEMA, NULL};
    if (!s) {
        /* The loader's own sentence when it was the one that failed (it is
         * never cut); else the compiler's (a bad $ref, a file that is not JSON). */
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        if (v->fail_url && v->fail_reason && strcmp(v->fail_url, url) == 0)
            mlmp_strbuf_printf(&b, "cannot resolve the schema %s: %s", url, v->fail_reason);
        else if (v->fail_url && v->fail_reason)
            mlmp_strbuf_printf(&b, "cannot resolve the schema %s: it refers to %s, and %s", url,
                               v->fail_url, v->fail_reason);
        else
            mlmp_strbuf_printf(&b, "cannot use the schema %s: %s", url, cerr.text);
        e.error = mlmp_strbuf_detach(&b);
    }
    if (!e.url || (!s && !e.error)) {
        mlmp_free(e.url);
        mlmp_free(e.error);
        mlm_schema_free(s);
        mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory");
        goto out;
    }
    if (!s && v->n_failed >= MLMP_STAC_MAX_FAILED) {
        /* Documents choose their URLs: a long-running service must not
         * remember every one that fails, or memory and this linear search
         * grow without bound. Such a failure is looked for again next time. */
        mlmp_free(e.url);
        mlmp_error_set(err, MLM_ERR_SCHEMA, url, "%s", e.error);
        if (why)
            *why = e.error;
        *why_owned = e.error;
        goto out;
    }
    v->n_failed += !s;
    v->entries[v->n_entries++] = e;
    if (!s) {
        mlmp_error_set(err, MLM_ERR_SCHEMA, url, "%s", e.error);
        if (why)
            *why = v->entries[v->n_entries - 1].error;
    }
    out = s;
out:
    pthread_mutex_unlock(&v->lock);
    return out;
}

/* --- which schemas apply ---------------------------------------------------------- */

typedef struct url_item {
    char *url;
    mlmp_url_kind kind;
    long ext_index; /* its index in stac_extensions, or -1 for the core schema */
} url_item;

typedef struct url_list {
    url_item *items;
    size_t n, cap;
} url_list;

static int add_url(url_list *l, char *url, mlmp_url_kind kind, long ext_index)
{
    if (!url)
        return MLM_ERR_NOMEM;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].url, url) == 0) {
            mlmp_free(url);
            return MLM_OK;
        }
    if (mlmp_grow((void **)&l->items, &l->cap, l->n + 1, sizeof(url_item)) != MLM_OK) {
        mlmp_free(url);
        return MLM_ERR_NOMEM;
    }
    l->items[l->n++] = (url_item){url, kind, ext_index};
    return MLM_OK;
}

static void free_urls(url_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        mlmp_free(l->items[i].url);
    mlmp_free(l->items);
}

/* The core schema URL the way stac-validator derives it. */
static char *core_url(const json_t *root, const char *version)
{
    const char *t = json_string_value(json_object_get(root, "type"));
    const char *kind;
    if (t && (strcmp(t, "Feature") == 0 || strcmp(t, "Item") == 0))
        kind = "item";
    else if (t && strcmp(t, "Collection") == 0)
        kind = "collection";
    else if (t && strcmp(t, "Catalog") == 0)
        kind = "catalog";
    else
        kind = json_object_get(root, "extent") || json_object_get(root, "license") ? "collection"
                                                                                   : "catalog";
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&b, "https://schemas.stacspec.org/v%s/%s-spec/json-schema/%s.json", version,
                       kind, kind);
    return mlmp_strbuf_detach(&b);
}

static int collect_urls(unsigned flags, const json_t *root, url_list *l)
{
    const char *version = json_string_value(json_object_get(root, "stac_version"));
    int rc = MLM_OK;
    if (!(flags & MLM_STAC_NO_CORE) && version)
        rc = add_url(l, core_url(root, version), MLMP_URL_CORE, -1);
    if (rc != MLM_OK || (flags & MLM_STAC_NO_EXTENSIONS))
        return rc;
    size_t i;
    const json_t *e;
    json_array_foreach (json_object_get(root, "stac_extensions"), i, e) {
        const char *ext = json_string_value(e);
        if (!ext)
            continue; /* the core schema reports it */
        bool is_mlm = mlmp_spec_from_url(ext) != MLM_SPEC_UNKNOWN || mlmp_url_looks_mlm(ext);
        if (is_mlm && !(flags & MLM_STAC_OFFICIAL_MLM))
            continue; /* the native MLM rules stand in for it */
        size_t n = strlen(ext);
        char *url;
        if (strncmp(ext, "http://", 7) == 0 || strncmp(ext, "https://", 8) == 0 ||
            (n > 5 && strcmp(ext + n - 5, ".json") == 0)) {
            url = mlmp_strdup(ext);
        } else {
            /* Legacy short names, resolved as stac-validator does. */
            mlmp_strbuf b = MLMP_STRBUF_INIT;
            mlmp_strbuf_printf(&b, "https://cdn.staclint.com/v%s/extension/%s.json",
                               version ? version : "", ext);
            url = mlmp_strbuf_detach(&b);
        }
        rc = add_url(l, url, is_mlm ? MLMP_URL_MLM : MLMP_URL_EXTENSION, (long)i);
        if (rc != MLM_OK)
            return rc;
    }
    return MLM_OK;
}

int mlm_stac_schema_urls(const mlm_stac_validator *v, const mlm_document *doc, char ***urls,
                         size_t *n)
{
    url_list l = {NULL, 0, 0};
    *urls = NULL;
    *n = 0;
    int rc = collect_urls(v ? v->flags : 0, mlm_document_json(doc), &l);
    if (rc != MLM_OK) {
        free_urls(&l);
        return rc;
    }
    /* One block: the pointer array followed by the strings. */
    size_t total = (l.n + 1) * sizeof(char *);
    for (size_t i = 0; i < l.n; i++)
        total += strlen(l.items[i].url) + 1;
    char **block = mlmp_malloc(total);
    if (!block) {
        free_urls(&l);
        return MLM_ERR_NOMEM;
    }
    char *p = (char *)(block + l.n + 1);
    for (size_t i = 0; i < l.n; i++) {
        size_t len = strlen(l.items[i].url) + 1;
        memcpy(p, l.items[i].url, len);
        block[i] = p;
        p += len;
    }
    block[l.n] = NULL;
    *urls = block;
    *n = l.n;
    free_urls(&l);
    return MLM_OK;
}

/* --- validation ------------------------------------------------------------------- */

/* Whether a links array holds a link of rel `rel`. */
static bool has_link(const json_t *links, const char *rel)
{
    size_t i;
    const json_t *l;
    json_array_foreach (links, i, l) {
        const char *r = json_string_value(json_object_get(l, "rel"));
        if (r && strcmp(r, rel) == 0)
            return true;
    }
    return false;
}

/* The STAC core schemas say some things in ways only a schema author can
 * read ("must not match the \"not\" schema" at /collection). For the known
 * patterns, look at the document and say what STAC asks for instead; the
 * keyword location still names the schema's rule. Returns whether *msg and
 * *hint (static strings) were set; *where, when set, is the pointer of the
 * value to blame instead of the schema's. */
static bool explain_core(const mlmp_ctx *c, const mlm_schema_error *e, const char **msg,
                         const char **hint, const char **where)
{
    const json_t *root = c->root;
    const json_t *links = json_object_get(root, "links");
    const char *at = e->instance_path;
    if (strcmp(at, "/collection") == 0 && strcmp(e->keyword, "not") == 0 &&
        !has_link(links, "collection")) {
        *msg = "the Item has a \"collection\" field but no link with rel=collection; STAC "
               "requires that link whenever \"collection\" is set";
        *hint = "add {\"rel\": \"collection\", \"href\": \"<URL of the Collection>\", \"type\": "
                "\"application/json\"} to links, or remove \"collection\"";
        return true;
    }
    if (at[0] == '\0' && strcmp(e->keyword, "required") == 0 &&
        strstr(e->message, "\"collection\"") && has_link(links, "collection") &&
        !json_object_get(root, "collection")) {
        *msg = "the Item links to a Collection (rel=collection) but has no \"collection\" field; "
               "STAC requires the Collection's id there whenever that link exists";
        *hint = "add \"collection\": \"<id of the Collection>\" at the top level of the Item";
        return true;
    }
    const json_t *props = json_object_get(root, "properties");
    if (strcmp(at, "/properties") == 0 && json_is_null(json_object_get(props, "datetime")) &&
        (!json_object_get(props, "start_datetime") || !json_object_get(props, "end_datetime")) &&
        strstr(e->message, "/properties/datetime")) {
        *msg = "\"datetime\" is null, so \"start_datetime\" and \"end_datetime\" are both "
               "required (a null datetime means the Item covers a range)";
        *hint = "give datetime an RFC 3339 date-time such as \"2024-05-01T00:00:00Z\", or add "
                "start_datetime and end_datetime";
        *where = "/properties/datetime";
        return true;
    }
    if (at[0] == '\0' && json_is_null(json_object_get(root, "geometry")) &&
        json_object_get(root, "bbox") && strstr(e->message, "/geometry")) {
        *msg = "\"geometry\" is null, so the Item must not have a \"bbox\" (a bbox describes a "
               "geometry)";
        *hint = "remove bbox, or give the Item its GeoJSON geometry";
        *where = "/bbox";
        return true;
    }
    return false;
}

/* The schema errors reported so far in one validation, as hashes of
 * (pointer, message), so that the same error reached through another schema
 * or branch is found without a scan of every diagnostic (a document can have
 * tens of thousands of schema errors). A hash hit is confirmed on the list. */
typedef struct seen_set {
    uint64_t *hashes; /* the distinct hashes added, in order */
    size_t len, cap;
    mlmp_hidx index; /* hash -> entry of hashes */
} seen_set;

static uint64_t seen_hash(const char *pointer, const char *message)
{
    return mlmp_hash_mix(mlmp_hash_bytes(pointer, strlen(pointer)) ^
                         (mlmp_hash_bytes(message, strlen(message)) * 31u));
}

static bool seen_eq(const void *ctx, size_t item, const void *key)
{
    return ((const seen_set *)ctx)->hashes[item] == *(const uint64_t *)key;
}

static uint64_t seen_rehash(const void *ctx, size_t item)
{
    return ((const seen_set *)ctx)->hashes[item];
}

static bool seen_has(const seen_set *set, uint64_t h)
{
    return mlmp_hidx_find(&set->index, h, seen_eq, set, &h) != SIZE_MAX;
}

/* Returns MLM_OK or MLM_ERR_NOMEM. */
static int seen_add(seen_set *set, uint64_t h)
{
    if (seen_has(set, h))
        return MLM_OK;
    if (mlmp_grow((void **)&set->hashes, &set->cap, set->len + 1, sizeof(*set->hashes)) != MLM_OK)
        return MLM_ERR_NOMEM;
    set->hashes[set->len] = h;
    if (!mlmp_hidx_add(&set->index, h, set->len, seen_rehash, set))
        return MLM_ERR_NOMEM;
    set->len++;
    return MLM_OK;
}

static void seen_init(seen_set *set)
{
    set->hashes = NULL;
    set->len = set->cap = 0;
    mlmp_hidx_init(&set->index, mlmp_calloc, mlmp_free);
}

static void seen_free(seen_set *set)
{
    mlmp_free(set->hashes);
    mlmp_hidx_free(&set->index);
}

static int schema_run(const mlm_schema *s, mlmp_ctx *c, unsigned sflags, const char *rule,
                      const char *label, seen_set *seen, mlm_error *err)
{
    mlm_schema_result *res = NULL;
    int rc = mlm_schema_validate(s, c->root, sflags, &res, err);
    if (rc != MLM_OK)
        return rc;
    mlm_severity sev = mlmp_rule_lookup(rule)->severity;
    for (size_t k = 0; k < mlm_schema_result_count(res); k++) {
        const mlm_schema_error *e = mlm_schema_result_get(res, k);
        const char *text = e->message, *hint = NULL, *where = e->instance_path;
        if (strcmp(rule, "MLM010") == 0)
            explain_core(c, e, &text, &hint, &where);
        mlmp_strbuf msg = MLMP_STRBUF_INIT;
        if (label)
            mlmp_strbuf_printf(&msg, "%s (schema %s)", text, label);
        else
            mlmp_strbuf_puts(&msg, text);
        /* A child document (a feature of a collection) reports the
         * pointers of its parent. */
        mlmp_strbuf ptr = MLMP_STRBUF_INIT;
        mlmp_strbuf_puts(&ptr, c->doc->prefix ? c->doc->prefix : "");
        mlmp_strbuf_puts(&ptr, where);
        const char *m = mlmp_strbuf_cstr(&msg);
        const char *p = mlmp_strbuf_cstr(&ptr);
        uint64_t h = m && p ? seen_hash(p, text) : 0;
        if (!m || !p)
            c->oom = true;
        else if (seen_has(seen, h) && mlmp_diags_has_schema_message(c->out, p, text))
            ; /* the same error through another schema or branch: said once */
        else if (seen_add(seen, h) != MLM_OK ||
                 mlmp_diags_add(c->out, sev, rule, p, m, hint, e->keyword_location) != MLM_OK)
            c->oom = true;
        mlmp_strbuf_free(&msg);
        mlmp_strbuf_free(&ptr);
    }
    mlm_schema_result_free(res);
    return MLM_OK;
}

int mlmp_schema_run(const mlm_schema *s, mlmp_ctx *c, const char *rule, const char *label,
                    mlm_error *err)
{
    seen_set seen;
    seen_init(&seen);
    int rc = schema_run(s, c, 0, rule, label, &seen, err);
    seen_free(&seen);
    return rc;
}

/* Whether a string is empty or only white space (as Python's str.strip()
 * sees it, which is what the reference validators test). */
static bool blank(const json_t *s)
{
    const unsigned char *p = (const unsigned char *)json_string_value(s);
    size_t n = json_string_length(s), i = 0;
    while (i < n) {
        unsigned cp = p[i];
        size_t len = 1;
        if (cp >= 0xC0 && i + 1 < n && cp < 0xE0) {
            cp = ((cp & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
            len = 2;
        } else if (cp >= 0xE0 && i + 2 < n && cp < 0xF0) {
            cp = ((cp & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            len = 3;
        }
        bool space = (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 ||
                     cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                     cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
        if (!space)
            return false;
        i += len;
    }
    return true;
}

/* MLM012 at the stac_extensions entry (or stac_version, for the core
 * schema) that named a schema which could not be resolved. */
static void report_unresolved(mlmp_ctx *c, const url_item *u, const char *why)
{
    mlmp_strbuf ptr = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&ptr, c->doc->prefix ? c->doc->prefix : "");
    if (u->ext_index >= 0)
        mlmp_strbuf_printf(&ptr, "/stac_extensions/%ld", u->ext_index);
    else
        mlmp_strbuf_puts(&ptr, "/stac_version");
    mlmp_strbuf msg = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&msg,
                       "%s; the document was not checked against it, and the verdict is "
                       "incomplete",
                       why ? why : "cannot resolve the schema");
    const char *hint = u->kind == MLMP_URL_CORE
                           ? "put a copy of the STAC core schemas in a folder given with "
                             "--schema-dir (laid out as host/path), or allow the download"
                           : "put a copy of the schema in a folder given with --schema-dir "
                             "(laid out as host/path) or name it with --schema-map URL=FILE, "
                             "allow the download, or skip extension schemas with "
                             "--no-extensions";
    const char *m = mlmp_strbuf_cstr(&msg), *p = mlmp_strbuf_cstr(&ptr);
    if (!m || !p ||
        mlmp_diags_add(c->out, mlmp_rule_lookup("MLM012")->severity, "MLM012", p, m, hint, NULL) !=
            MLM_OK)
        c->oom = true;
    else
        mlmp_diags_count_unresolved(c->out);
    mlmp_strbuf_free(&msg);
    mlmp_strbuf_free(&ptr);
}

int mlmp_stac_run(mlm_stac_validator *v, mlmp_ctx *c, mlm_error *err)
{
    const json_t *root = c->root;
    const json_t *sv = json_object_get(root, "stac_version");
    if (!(v->flags & MLM_STAC_NO_CORE) && (!json_is_string(sv) || blank(sv))) {
        mlmp_report(c, "MLM014", "add \"stac_version\": \"1.0.0\" (or the version you follow)",
                    "stac_version is %s; the STAC core schema cannot be chosen without it",
                    !sv                  ? "missing"
                    : json_is_string(sv) ? "blank"
                                         : "not a string");
        return MLM_OK;
    }
    url_list l = {NULL, 0, 0};
    int rc = collect_urls(v->flags, root, &l);
    if (rc != MLM_OK) {
        mlmp_error_set(err, rc, NULL, "out of memory");
        free_urls(&l);
        return rc;
    }
    unsigned sflags = (v->flags & MLM_STAC_ASSERT_FORMATS) ? MLM_SCHEMA_ASSERT_FORMATS : 0;
    seen_set seen;
    seen_init(&seen);
    for (size_t i = 0; i < l.n && rc == MLM_OK; i++) {
        const url_item *u = &l.items[i];
        const char *why = NULL;
        char *why_owned = NULL;
        const mlm_schema *s = schema_for(v, u->url, &why, &why_owned, err);
        if (!s && err && err->code == MLM_ERR_NOMEM) {
            mlmp_free(why_owned);
            rc = MLM_ERR_NOMEM;
            break;
        }
        if (!s) {
            /* One missing schema must not hide the others or the MLM rules:
             * report it and go on. */
            report_unresolved(c, u, why);
            mlmp_free(why_owned);
            if (err)
                mlm_error_clear(err);
            continue;
        }
        const char *rule = u->kind == MLMP_URL_CORE        ? "MLM010"
                           : u->kind == MLMP_URL_EXTENSION ? "MLM011"
                                                           : "MLM013";
        rc = schema_run(s, c, sflags, rule, u->url, &seen, err);
    }
    seen_free(&seen);
    free_urls(&l);
    return rc;
}
