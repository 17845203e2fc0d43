/* Loading documents: bytes -> json_t -> mlm_document. The only place that
 * reads files (URLs are fetched in src/fetch/). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document_private.h"
#include "locator.h"
#include "mlm/fetch.h"

static mlm_stac_type stac_type_of(const json_t *root)
{
    const char *t = json_string_value(json_object_get(root, "type"));
    if (!t)
        return MLM_STAC_UNKNOWN;
    if (strcmp(t, "Feature") == 0)
        return MLM_STAC_ITEM;
    if (strcmp(t, "Collection") == 0)
        return MLM_STAC_COLLECTION;
    if (strcmp(t, "Catalog") == 0)
        return MLM_STAC_CATALOG;
    return MLM_STAC_UNKNOWN;
}

static size_t cap_of(const mlm_parse_options *opts)
{
    return opts && opts->max_bytes ? opts->max_bytes : MLM_DEFAULT_MAX_BYTES;
}

/* (Re)derive what the document knows from its root: STAC type, MLM version
 * (unless the caller forced one) and the typed model. Returns MLM_OK or
 * MLM_ERR_NOMEM (the model is then NULL). Used at parse time and after
 * every edit (writer.c). */
int mlmp_document_refresh(mlm_document *doc)
{
    doc->stac_type = stac_type_of(doc->root);
    mlmp_spec_scan_run(doc->root, &doc->scan);
    if (doc->origin != MLM_SPEC_ORIGIN_FORCED) {
        doc->spec = MLM_SPEC_UNKNOWN;
        doc->origin = MLM_SPEC_ORIGIN_NONE;
        if (doc->scan.spec != MLM_SPEC_UNKNOWN) {
            doc->spec = doc->scan.spec;
            doc->origin = MLM_SPEC_ORIGIN_EXTENSION;
        } else if (!doc->scan.unknown_url && doc->scan.draft_shaped) {
            doc->spec = MLM_SPEC_DRAFT;
            doc->origin = MLM_SPEC_ORIGIN_SHAPE;
        }
    }
    mlmp_model_free(doc->model);
    doc->model = mlmp_model_build(doc);
    return doc->model ? MLM_OK : MLM_ERR_NOMEM;
}

/* Finish a document around a parsed root: type, version, typed model. */
static mlm_document *finish(mlm_document *doc, const mlm_parse_options *opts, mlm_error *err)
{
    if (opts && opts->force_version != MLM_SPEC_UNKNOWN) {
        doc->spec = opts->force_version;
        doc->origin = MLM_SPEC_ORIGIN_FORCED;
    }
    if (mlmp_document_refresh(doc) != MLM_OK) {
        mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
        mlm_document_free(doc);
        return NULL;
    }
    return doc;
}

mlm_document *mlmp_document_new(const char *source, mlm_error *err)
{
    mlm_document *doc = mlmp_calloc(1, sizeof(*doc));
    if (doc)
        atomic_init(&doc->refs, 1);
    if (doc)
        doc->source = mlmp_strdup(source ? source : "<memory>");
    if (!doc || !doc->source) {
        mlmp_free(doc);
        mlmp_error_set(err, MLM_ERR_NOMEM, source, "out of memory");
        return NULL;
    }
    return doc;
}

static int status_of(enum json_error_code code)
{
    switch (code) {
    case json_error_out_of_memory: return MLM_ERR_NOMEM;
    case json_error_stack_overflow: return MLM_ERR_DEPTH;
    case json_error_invalid_utf8: return MLM_ERR_ENCODING;
    default: return MLM_ERR_JSON;
    }
}

/* Takes ownership of text (allocated with mlmp_malloc, NUL-terminated). */
static mlm_document *parse_owned(char *text, size_t len, const char *source,
                                 const mlm_parse_options *opts, mlm_error *err)
{
    mlm_document *doc = mlmp_document_new(source, err);
    if (!doc) {
        mlmp_free(text);
        return NULL;
    }
    doc->text = text;
    doc->text_len = len;
    doc->line_offset = opts && opts->version >= 2 ? opts->line_offset : 0;
    const char *start = text;
    size_t n = len;
    if (n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
        start += 3;
        n -= 3;
    }
    /* Zeroed: when jansson runs out of memory it may fail without setting
     * the error code byte that json_error_code() reads (valgrind). */
    json_error_t je;
    memset(&je, 0, sizeof(je));
    size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY;
    doc->root = json_loadb(start, n, flags, &je);
    if (!doc->root && json_error_code(&je) == json_error_numeric_overflow &&
        strstr(je.text, "integer")) {
        /* Integers beyond 64 bits are valid JSON (and integers in JSON
         * Schema): read every number as a double instead. */
        doc->root = json_loadb(start, n, flags | JSON_DECODE_INT_AS_REAL, &je);
    }
    if (!doc->root) {
        int code = status_of(json_error_code(&je));
        if (code == MLM_ERR_NOMEM || code == MLM_ERR_DEPTH) {
            mlmp_error_set(err, code, doc->source, "%s", je.text);
            if (err && err->code == code) {
                err->line = je.line > 0 ? je.line + (int)doc->line_offset : je.line;
                err->column = je.column > 0 ? je.column : 1;
                err->position = (long)je.position;
            }
            mlm_document_free(doc);
            return NULL;
        }
        /* words for people, and the place of the fault they name */
        char msg[400];
        size_t off = mlmp_json_explain(start, n, &je, msg, sizeof(msg));
        if (off > n)
            off = n;
        mlmp_error_set(err, code, doc->source, "%s", msg);
        if (err && err->code == code) {
            /* Column in characters (code points, as the locator counts
             * for diagnostics); the place before the first character of a
             * line (an empty input, an error just after a line break) is
             * column 1, not 0. */
            int line = 1;
            size_t bol = 0;
            for (size_t i = 0; i < off; i++)
                if (start[i] == '\n') {
                    line++;
                    bol = i + 1;
                }
            int column = 1;
            for (size_t i = bol; i < off; i++)
                if (((unsigned char)start[i] & 0xC0) != 0x80)
                    column++;
            err->line = line + (int)doc->line_offset;
            err->column = column;
            err->position = (long)(off + (size_t)(start - text));
        }
        mlm_document_free(doc);
        return NULL;
    }
    bool any_root = opts && opts->version >= 2 && (opts->flags & MLM_PARSE_ANY_ROOT);
    if (!json_is_object(doc->root) && !any_root) {
        mlmp_error_set(err, MLM_ERR_NOT_OBJECT, doc->source,
                       "the JSON root is %s, not an object; a STAC Item or Collection is a "
                       "JSON object",
                       json_is_array(doc->root) ? "an array" : "a scalar");
        mlm_document_free(doc);
        return NULL;
    }
    return finish(doc, opts, err);
}

#define PARSE_OPTIONS_CHECK(fn, source)                                                            \
    MLMP_OPTIONS_CHECK(opts, PARSE_OPTIONS, mlm_parse_options, fn, source, err)

mlm_document *mlm_parse_buffer(const char *buf, size_t len, const char *source,
                               const mlm_parse_options *opts, mlm_error *err)
{
    if (PARSE_OPTIONS_CHECK("mlm_parse_buffer", source) != MLM_OK)
        return NULL;
    if (!buf && len) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, source, "NULL buffer");
        return NULL;
    }
    if (len > cap_of(opts)) {
        mlmp_error_set(err, MLM_ERR_TOO_LARGE, source,
                       "input is %zu bytes, more than the limit of %zu bytes", len, cap_of(opts));
        return NULL;
    }
    char *copy = mlmp_malloc(len + 1);
    if (!copy) {
        mlmp_error_set(err, MLM_ERR_NOMEM, source, "out of memory");
        return NULL;
    }
    if (len)
        memcpy(copy, buf, len);
    copy[len] = '\0';
    return parse_owned(copy, len, source ? source : "<memory>", opts, err);
}

/* Read a whole stream, stopping one byte past the cap. */
static int read_stream(FILE *f, size_t cap, char **out, size_t *out_len)
{
    size_t size = 0, alloc = 0;
    char *buf = NULL;
    for (;;) {
        if (mlmp_grow((void **)&buf, &alloc, size + 65536 + 1, 1) != MLM_OK) {
            mlmp_free(buf);
            return MLM_ERR_NOMEM;
        }
        size_t want = alloc - size - 1;
        if (want > cap + 1 - size)
            want = cap + 1 - size;
        size_t got = fread(buf + size, 1, want, f);
        size += got;
        if (size > cap) {
            mlmp_free(buf);
            return MLM_ERR_TOO_LARGE;
        }
        if (got < want) {
            if (ferror(f)) {
                mlmp_free(buf);
                return MLM_ERR_IO;
            }
            break;
        }
    }
    buf[size] = '\0';
    *out = buf;
    *out_len = size;
    return MLM_OK;
}

int mlm_read_file(const char *path, size_t max_bytes, char **text, size_t *len, mlm_error *err)
{
    if (text)
        *text = NULL;
    if (len)
        *len = 0;
    if (!path || !text) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, path,
                       "mlm_read_file: path and text must not be NULL.");
        return MLM_ERR_INVALID_ARG;
    }
    size_t cap = max_bytes ? max_bytes : MLM_DEFAULT_MAX_BYTES;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        if (e == ENOENT && mlm_location_is_url(path))
            mlmp_error_set(err, MLM_ERR_IO, name,
                           "cannot open: %s. This is a URL, not a file: download it with "
                           "mlm_parse_url(), or use mlm_parse_location(), which takes a path "
                           "or a URL.",
                           strerror(e));
        else
            mlmp_error_set(err, MLM_ERR_IO, name, "cannot open: %s", strerror(e));
        return MLM_ERR_IO;
    }
    char *buf = NULL;
    size_t n = 0;
    errno = 0;
    int rc = read_stream(f, cap, &buf, &n);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (rc == MLM_ERR_TOO_LARGE)
        mlmp_error_set(err, rc, name, "input is larger than the limit of %zu bytes", cap);
    else if (rc == MLM_ERR_IO)
        mlmp_error_set(err, rc, name, "cannot read: %s", strerror(saved ? saved : EIO));
    else if (rc != MLM_OK)
        mlmp_error_set(err, rc, name, "out of memory");
    if (rc != MLM_OK)
        return rc;
    *text = buf;
    if (len)
        *len = n;
    return MLM_OK;
}

mlm_document *mlm_parse_file(const char *path, const mlm_parse_options *opts, mlm_error *err)
{
    if (PARSE_OPTIONS_CHECK("mlm_parse_file", path) != MLM_OK)
        return NULL;
    if (!path) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "NULL path");
        return NULL;
    }
    char *text = NULL;
    size_t len = 0;
    if (mlm_read_file(path, cap_of(opts), &text, &len, err) != MLM_OK)
        return NULL;
    return parse_owned(text, len, strcmp(path, "-") == 0 ? "<stdin>" : path, opts, err);
}

mlm_document *mlm_parse_json(json_t *root, const char *source, const mlm_parse_options *opts,
                             mlm_error *err)
{
    if (PARSE_OPTIONS_CHECK("mlm_parse_json", source) != MLM_OK)
        return NULL;
    if (!root) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, source, "NULL JSON value");
        return NULL;
    }
    if (!json_is_object(root)) {
        mlmp_error_set(err, MLM_ERR_NOT_OBJECT, source, "the JSON root is not an object");
        return NULL;
    }
    mlm_document *doc = mlmp_document_new(source, err);
    if (!doc)
        return NULL;
    doc->root = json_incref(root);
    return finish(doc, opts, err);
}

const mlm_document *mlmp_document_top(const mlm_document *doc)
{
    while (doc->parent)
        doc = doc->parent;
    return doc;
}

const json_t *mlmp_json_pointer_get(const json_t *root, const char *pointer)
{
    const json_t *v = root;
    const char *p = pointer;
    char seg[1024];
    while (v && *p) {
        if (*p != '/')
            return NULL;
        p++;
        size_t n = strcspn(p, "/");
        bool valid = true;
        size_t len = mlmp_pointer_untoken(seg, sizeof(seg), p, n, &valid);
        p += n;
        if (!valid || len + 1 >= sizeof(seg))
            return NULL;
        n = len;
        if (json_is_object(v)) {
            v = json_object_get(v, seg);
        } else if (json_is_array(v)) {
            char *end = NULL;
            if (!n || (seg[0] == '0' && n > 1) || seg[0] < '0' || seg[0] > '9')
                return NULL;
            unsigned long long i = strtoull(seg, &end, 10);
            if (*end || i >= json_array_size(v))
                return NULL;
            v = json_array_get(v, (size_t)i);
        } else {
            return NULL;
        }
    }
    return v;
}

mlm_document *mlm_document_child(const mlm_document *parent, const char *pointer,
                                 const mlm_parse_options *opts, mlm_error *err)
{
    if (!parent || !pointer) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "NULL argument");
        return NULL;
    }
    if (PARSE_OPTIONS_CHECK("mlm_document_child", parent->source) != MLM_OK)
        return NULL;
    const json_t *v = mlmp_json_pointer_get(parent->root, pointer);
    if (!v) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, parent->source, "%s does not resolve", pointer);
        return NULL;
    }
    if (!json_is_object(v)) {
        mlmp_error_set(err, MLM_ERR_NOT_OBJECT, parent->source, "%s is not an object", pointer);
        return NULL;
    }
    mlm_document *doc = mlmp_document_new(parent->source, err);
    if (!doc)
        return NULL;
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, parent->prefix ? parent->prefix : "");
    mlmp_strbuf_puts(&b, pointer);
    doc->prefix = mlmp_strbuf_detach(&b);
    if (!doc->prefix) {
        mlm_document_free(doc);
        mlmp_error_set(err, MLM_ERR_NOMEM, parent->source, "out of memory");
        return NULL;
    }
    /* The child keeps its parent alive: it borrows the parent's JSON and
     * text, so freeing the parent first must not free them. */
    union {
        const mlm_document *c;
        mlm_document *m;
    } up = {parent};
    atomic_fetch_add_explicit(&up.m->refs, 1, memory_order_relaxed);
    doc->parent = up.m;
    doc->line_offset = parent->line_offset;
    doc->root = mlmp_unconst(v);
    doc->root_borrowed = true;
    return finish(doc, opts, err);
}

static void release(mlm_document *doc)
{
    mlmp_free(doc->prefix);
    mlmp_model_free(doc->model);
    if (!doc->root_borrowed)
        json_decref(doc->root);
    json_decref(doc->edit_src);
    mlmp_free(doc->text);
    mlmp_free(doc->source);
    mlmp_free(doc);
}

void mlm_document_free(mlm_document *doc)
{
    while (doc) {
        if (atomic_fetch_sub_explicit(&doc->refs, 1, memory_order_acq_rel) != 1)
            return;
        mlm_document *parent = doc->parent;
        release(doc);
        doc = parent; /* drop the reference the child held */
    }
}

const char *mlm_spec_origin_name(mlm_spec_origin o)
{
    static const char *const names[] = {"none", "extension", "shape", "forced"};
    return (unsigned)o < MLMP_ARRAY_LEN(names) ? names[o] : "unknown";
}

const char *mlm_stac_type_name(mlm_stac_type t)
{
    static const char *const names[] = {"unknown", "Feature", "Collection", "Catalog"};
    return (unsigned)t < MLMP_ARRAY_LEN(names) ? names[t] : "unknown";
}

const json_t *mlm_document_json(const mlm_document *doc) { return doc ? doc->root : NULL; }
const char *mlm_document_source(const mlm_document *doc) { return doc ? doc->source : NULL; }
mlm_stac_type mlm_document_stac_type(const mlm_document *doc)
{
    return doc ? doc->stac_type : MLM_STAC_UNKNOWN;
}
mlm_spec_version mlm_document_spec_version(const mlm_document *doc)
{
    return doc ? doc->spec : MLM_SPEC_UNKNOWN;
}
mlm_spec_origin mlm_document_spec_origin(const mlm_document *doc)
{
    return doc ? doc->origin : MLM_SPEC_ORIGIN_NONE;
}
const char *mlm_document_spec_url(const mlm_document *doc)
{
    return doc && doc->origin == MLM_SPEC_ORIGIN_EXTENSION ? doc->scan.url : NULL;
}

int mlm_document_locate(const mlm_document *doc, const char *pointer, int *line, int *column)
{
    mlmp_pos pos = {0, 0, -1};
    if (line)
        *line = 0;
    if (column)
        *column = 0;
    if (!doc || !pointer)
        return MLM_ERR_INVALID_ARG;
    const mlm_document *top = mlmp_document_top(doc);
    if (!top->text)
        return MLM_ERR_INVALID_ARG;
    mlmp_strbuf full = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&full, doc->prefix ? doc->prefix : "");
    mlmp_strbuf_puts(&full, pointer);
    const char *fp = mlmp_strbuf_cstr(&full);
    int rc = fp ? mlmp_locate(top->text, top->text_len, &fp, 1, &pos) : MLM_ERR_NOMEM;
    mlmp_strbuf_free(&full);
    if (rc != MLM_OK)
        return rc;
    if (pos.line == 0)
        return MLM_ERR_INVALID_ARG;
    if (line)
        *line = pos.line + (int)doc->line_offset;
    if (column)
        *column = pos.column;
    return MLM_OK;
}
