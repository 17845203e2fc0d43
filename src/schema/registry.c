/* The schema registry: URL -> document, in this order: documents added (or
 * loaded earlier and cached), directory mappings, the built-in metaschemas
 * (meta.c), the loader callback. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "schema/schema_int.h"

typedef struct dir_map {
    char *prefix;
    char *dir;
} dir_map;

struct mlm_schema_registry {
    mlmp_sch_smap docs; /* URL without fragment -> json_t * (one reference each) */
    dir_map *dirs;
    size_t ndirs, capdirs;
    mlm_schema_load_fn load;
    void *payload;
};

static void decref_value(void *v) { json_decref(v); }

mlm_schema_registry *mlm_schema_registry_new(mlm_error *err)
{
    mlm_schema_registry *reg = mlmp_calloc(1, sizeof(*reg));
    if (!reg)
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory creating a schema registry");
    return reg;
}

void mlm_schema_registry_free(mlm_schema_registry *reg)
{
    if (!reg)
        return;
    mlmp_sch_smap_free(&reg->docs, decref_value);
    for (size_t i = 0; i < reg->ndirs; i++) {
        mlmp_free(reg->dirs[i].prefix);
        mlmp_free(reg->dirs[i].dir);
    }
    mlmp_free(reg->dirs);
    mlmp_free(reg);
}

/* Store doc (a reference the caller hands over) under url minus fragment. */
static int put_doc(mlm_schema_registry *reg, const char *url, json_t *doc, mlm_error *err)
{
    char *key = mlmp_strndup(url, mlmp_sch_uri_fragment_start(url));
    void *old = NULL;
    int rc = key ? mlmp_sch_smap_put(&reg->docs, key, doc, &old) : MLM_ERR_NOMEM;
    mlmp_free(key);
    if (rc) {
        json_decref(doc);
        mlmp_error_set(err, rc, url, "out of memory registering schema %s", url);
        return rc;
    }
    json_decref(old);
    return MLM_OK;
}

int mlm_schema_registry_add(mlm_schema_registry *reg, const char *url, json_t *doc, mlm_error *err)
{
    if (!reg || !url || !doc) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url, "mlm_schema_registry_add: NULL argument");
        return MLM_ERR_INVALID_ARG;
    }
    return put_doc(reg, url, json_incref(doc), err);
}

int mlm_schema_registry_add_dir(mlm_schema_registry *reg, const char *url_prefix, const char *dir,
                                mlm_error *err)
{
    if (!reg || !url_prefix || !dir || !*url_prefix) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, dir, "mlm_schema_registry_add_dir: NULL argument");
        return MLM_ERR_INVALID_ARG;
    }
    if (mlmp_grow((void **)&reg->dirs, &reg->capdirs, reg->ndirs + 1, sizeof(*reg->dirs))) {
        mlmp_error_set(err, MLM_ERR_NOMEM, dir, "out of memory adding a schema directory");
        return MLM_ERR_NOMEM;
    }
    dir_map m = {mlmp_strdup(url_prefix), mlmp_strdup(dir)};
    if (!m.prefix || !m.dir) {
        mlmp_free(m.prefix);
        mlmp_free(m.dir);
        mlmp_error_set(err, MLM_ERR_NOMEM, dir, "out of memory adding a schema directory");
        return MLM_ERR_NOMEM;
    }
    reg->dirs[reg->ndirs++] = m;
    return MLM_OK;
}

void mlm_schema_registry_set_loader(mlm_schema_registry *reg, mlm_schema_load_fn load,
                                    void *payload)
{
    if (!reg)
        return;
    reg->load = load;
    reg->payload = payload;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Rest of the URL after a prefix, without query: rejects ".." segments. */
static bool safe_rest(const char *rest, size_t n)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && rest[j] != '/')
            j++;
        if (j - i == 2 && rest[i] == '.' && rest[i + 1] == '.')
            return false;
        i = j + 1;
    }
    return true;
}

/* Try the directory mappings. Returns a new reference, NULL when no file was
 * found (tried describes the attempts), or NULL with *failed set. */
static json_t *load_from_dirs(mlm_schema_registry *reg, const char *url, mlmp_strbuf *tried,
                              bool *failed, mlm_error *err)
{
    *failed = false;
    for (size_t i = 0; i < reg->ndirs; i++) {
        size_t plen = strlen(reg->dirs[i].prefix);
        if (strncmp(url, reg->dirs[i].prefix, plen) != 0)
            continue;
        const char *rest = url + plen;
        size_t rlen = strcspn(rest, "?#");
        if (!safe_rest(rest, rlen))
            continue;
        mlmp_strbuf path = MLMP_STRBUF_INIT;
        mlmp_strbuf_puts(&path, reg->dirs[i].dir);
        if (path.len && path.data[path.len - 1] != '/' && (rlen == 0 || rest[0] != '/'))
            mlmp_strbuf_putc(&path, '/');
        mlmp_strbuf_append(&path, rest, rlen);
        if (!mlmp_strbuf_cstr(&path)) {
            mlmp_strbuf_free(&path); /* a failed buffer may still hold memory */
            *failed = true;
            mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory resolving %s", url);
            return NULL;
        }
        bool found = is_file(path.data);
        if (!found) {
            const char *slash = strrchr(path.data, '/');
            if (!strchr(slash ? slash : path.data, '.')) {
                mlmp_strbuf_puts(&path, ".json");
                found = path.failed ? false : is_file(path.data);
            }
        }
        mlmp_strbuf_printf(tried, "; no file %s", path.failed ? "?" : path.data);
        if (found) {
            json_error_t jerr;
            json_t *doc = json_load_file(path.data, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
            if (!doc) {
                *failed = true;
                mlmp_error_set(err, MLM_ERR_SCHEMA, path.data,
                               "schema %s: %s is not valid JSON (line %d: %s)", url, path.data,
                               jerr.line, jerr.text);
            }
            mlmp_strbuf_free(&path);
            return doc;
        }
        mlmp_strbuf_free(&path);
    }
    return NULL;
}

json_t *mlmp_sch_registry_fetch(mlm_schema_registry *reg, const char *url, mlm_error *err)
{
    if (!reg) {
        mlmp_error_set(err, MLM_ERR_SCHEMA, url,
                       "cannot resolve %s: no registry was given to the compiler", url);
        return NULL;
    }
    json_t *doc = mlmp_sch_smap_get(&reg->docs, url);
    if (doc)
        return doc;
    mlmp_strbuf tried = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&tried, "not registered");
    bool failed = false;
    doc = load_from_dirs(reg, url, &tried, &failed, err);
    if (failed) {
        mlmp_strbuf_free(&tried);
        return NULL;
    }
    if (!doc) { /* the metaschemas the engine knows, before any download */
        bool nomem = false;
        doc = mlmp_sch_builtin(url, &nomem);
        if (nomem) {
            mlmp_strbuf_free(&tried);
            mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory loading %s", url);
            return NULL;
        }
    }
    if (!doc && reg->load) {
        mlm_error lerr = MLM_ERROR_INIT;
        json_t *out = NULL;
        int rc = reg->load(url, reg->payload, &out, &lerr);
        if (rc == MLM_OK && out) {
            doc = out;
        } else {
            json_decref(out);
            if (rc == MLM_ERR_NOMEM) {
                mlmp_strbuf_free(&tried);
                mlmp_error_set(err, MLM_ERR_NOMEM, url, "out of memory loading %s", url);
                return NULL;
            }
            mlmp_strbuf_printf(&tried, "; loader failed: %s",
                               lerr.text[0] ? lerr.text : mlm_strerror(rc ? rc : MLM_ERR_SCHEMA));
        }
    } else if (!doc) {
        mlmp_strbuf_puts(&tried, "; no loader");
    }
    if (!doc) {
        const char *t = mlmp_strbuf_cstr(&tried);
        mlmp_error_set(err, MLM_ERR_SCHEMA, url, "cannot resolve schema %s (%s)", url,
                       t ? t : "out of memory");
        mlmp_strbuf_free(&tried);
        return NULL;
    }
    mlmp_strbuf_free(&tried);
    if (put_doc(reg, url, doc, err) != MLM_OK)
        return NULL;
    return doc;
}
