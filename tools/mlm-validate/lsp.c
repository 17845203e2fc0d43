/* mlm-validate --lsp: the server (see lsp.h). One message at a time, on one
 * thread; one STAC validator (compiled once) serves every document. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, poll: also when built alone (fuzz/) */
#endif
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "facts.h"
#include "lsp.h"
#include "lsp_facts.h"

#define SERVER_NAME "mlm-validate"
#define SOURCE_NAME "mlm-validate"
/* docs/rules.md headings are "## MLM102 name (severity)": GitHub's anchor. */
#define RULES_DOC "https://github.com/libmlm/libmlm/blob/main/docs/rules.md"

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    RPC_SERVER_NOT_INITIALIZED = -32002
};

/* Where each published diagnostic came from, for code actions. */
typedef struct pub_ref {
    size_t list;  /* index in doc->lists */
    size_t index; /* index in that list */
} pub_ref;

typedef struct doc {
    char *uri;
    char *path; /* the file of a file: URI, else NULL */
    long version;
    mlm_spec_version spec; /* the MLM version of the last text that parsed */
    lsp_text text;
    bool dirty;         /* changed since diagnostics were published */
    cli_config config;  /* project file + settings + command line */
    char *config_error; /* why the project file was not used, or NULL */
    /* The last validation: kept for code actions. */
    mlm_document *mdoc;
    mlm_diagnostics **lists;
    size_t n_lists;
    json_t *published; /* the LSP diagnostics sent (array) */
    pub_ref *refs;     /* one per published diagnostic; list SIZE_MAX: not the library's */
    struct doc *next;
} doc;

/* Settings from initializationOptions / workspace/didChangeConfiguration. */
typedef struct client_settings {
    bool full, offline, no_cache, no_config, no_warnings;
    char *cache_dir, *config_file;
    char **schema_dirs;
    size_t n_schema_dirs;
    cli_config rules; /* "disable" and "severity" */
} client_settings;

struct lsp_server {
    lsp_settings s;
    lsp_write_fn write;
    void *ctx;
    bool initialized, shutdown_requested, exited;
    bool watch_files; /* the client registers file watchers on request */
    lsp_encoding enc; /* of every position, agreed at initialize */
    doc *docs;
    client_settings cs;
    mlm_stac_validator *own_stac; /* built from client settings, or NULL */
};

/* --- output ------------------------------------------------------------------------ */

static void send_json(lsp_server *srv, json_t *msg)
{
    if (!msg)
        return;
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    char *text = json_dumps(msg, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(msg);
    if (text) {
        srv->write(text, strlen(text), srv->ctx);
        free(text);
    }
}

static void reply(lsp_server *srv, json_t *id, json_t *result)
{
    json_t *m = json_object();
    if (!m) {
        json_decref(result);
        return;
    }
    json_object_set(m, "id", id ? id : json_null());
    json_object_set_new(m, "result", result ? result : json_null());
    send_json(srv, m);
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static void
reply_error(lsp_server *srv, json_t *id, int code, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    json_t *m = json_pack("{s:O,s:{s:i,s:s}}", "id", id ? id : json_null(), "error", "code", code,
                          "message", text);
    send_json(srv, m);
}

static void notify(lsp_server *srv, const char *method, json_t *params)
{
    json_t *m = json_pack("{s:s,s:o}", "method", method, "params", params ? params : json_null());
    send_json(srv, m);
}

/* window/showMessage: 1 error, 2 warning, 3 info. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
static void
show_message(lsp_server *srv, int type, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    notify(srv, "window/showMessage", json_pack("{s:i,s:s}", "type", type, "message", text));
}

void lsp_server_framing_error(lsp_server *srv, int code, const char *message)
{
    reply_error(srv, NULL, code, "%s", message);
}

/* --- documents --------------------------------------------------------------------- */

static int hexval(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The path of a file: URI (percent-decoded), or NULL. */
static char *uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: only localhost */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    char *out = malloc(strlen(p) + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
            out[k++] = (char)(h * 16 + l);
            p += 2;
        } else {
            out[k++] = *p;
        }
    }
    out[k] = '\0';
    if (memchr(out, '\0', k)) { /* %00: no such file */
        free(out);
        return NULL;
    }
    return out;
}

static void doc_clear_results(doc *d)
{
    for (size_t i = 0; i < d->n_lists; i++)
        mlm_diagnostics_free(d->lists[i]);
    free(d->lists);
    d->lists = NULL;
    d->n_lists = 0;
    mlm_document_free(d->mdoc);
    d->mdoc = NULL;
    json_decref(d->published);
    d->published = NULL;
    free(d->refs);
    d->refs = NULL;
}

static void doc_free(doc *d)
{
    doc_clear_results(d);
    free(d->uri);
    free(d->path);
    lsp_text_free(&d->text);
    cli_config_free(&d->config);
    free(d->config_error);
    free(d);
}

static doc *doc_find(lsp_server *srv, const char *uri)
{
    for (doc *d = srv->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

/* The nearest .mlm-validate.json from the document's folder upward. */
static char *config_for(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return NULL;
    char *slash = strrchr(dir, '/');
    if (!slash) {
        free(dir);
        return NULL;
    }
    slash[slash == dir ? 1 : 0] = '\0';
    char *found = cli_config_find_from(dir);
    free(dir);
    return found;
}

/* The rule configuration of a document: its project file (the command
 * line's --config, the settings' "config", else the nearest one), then the
 * settings' rules, then --disable / --severity. */
static void doc_configure(lsp_server *srv, doc *d)
{
    cli_config_free(&d->config);
    free(d->config_error);
    d->config_error = NULL;
    char *found = NULL;
    const char *file = srv->s.config_file ? srv->s.config_file : srv->cs.config_file;
    if (!file && !srv->s.no_config && !srv->cs.no_config && d->path)
        file = found = config_for(d->path);
    char *msg = NULL;
    if (file && cli_config_load(&d->config, file, &msg) != 0) {
        cli_config_free(&d->config);
        d->config_error = msg ? msg : strdup("The rule configuration could not be read.");
    }
    free(found);
    /* The rules were checked when the settings and the command line were
     * read: an error here can only be out of memory (the rule is skipped). */
    for (size_t i = 0; i < srv->cs.rules.n; i++) {
        msg = NULL;
        if (cli_config_add(&d->config, srv->cs.rules.table[i].rule_id,
                           srv->cs.rules.table[i].severity, "settings", &msg) != 0)
            free(msg);
    }
    for (size_t i = 0; i < srv->s.n_flag_rules; i++) {
        msg = NULL;
        if (cli_config_add(&d->config, srv->s.flag_rules[i].rule_id, srv->s.flag_rules[i].severity,
                           "--severity", &msg) != 0)
            free(msg);
    }
}

/* --- diagnostics ------------------------------------------------------------------- */

static json_t *position(const lsp_text *t, size_t offset)
{
    long line, ch;
    lsp_text_position(t, offset, &line, &ch);
    return json_pack("{s:I,s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

static json_t *range_of(const lsp_text *t, size_t start, size_t end)
{
    return json_pack("{s:o,s:o}", "start", position(t, start), "end", position(t, end));
}

/* The start of the member key before the container opening at @p at
 * ("key": {), or @p at when there is none (an array element, the root). */
static size_t member_start(const lsp_text *t, size_t at)
{
    const char *s = t->data;
    size_t p = at;
    while (p > 0 && strchr(" \t\r\n", s[p - 1]))
        p--;
    if (p == 0 || s[p - 1] != ':')
        return at;
    p--;
    while (p > 0 && strchr(" \t\r\n", s[p - 1]))
        p--;
    if (p == 0 || s[p - 1] != '"')
        return at;
    /* back to the opening quote: one not escaped by a backslash */
    for (size_t q = p - 1; q > 0; q--) {
        if (s[q - 1] == '\n')
            return at;
        if (s[q - 1] == '"') {
            size_t bs = 0;
            while (q - 1 > bs && s[q - 2 - bs] == '\\')
                bs++;
            if (bs % 2 == 0)
                return q - 1;
        }
    }
    return at;
}

/* The range of the token at the library's line:column; for an object or an
 * array, from its member key to the opening bracket ("assets": {), which an
 * editor shows better than one bracket. */
static json_t *token_range(const lsp_text *t, int line, int column)
{
    if (line < 1)
        return range_of(t, 0, 0);
    size_t s = lsp_text_offset_lc(t, line, column);
    size_t e = lsp_text_token_end(t, s);
    if (s < t->len && (t->data[s] == '{' || t->data[s] == '['))
        s = member_start(t, s);
    return range_of(t, s, e);
}

static int lsp_severity(mlm_severity s)
{
    return s == MLM_SEVERITY_ERROR ? 1 : s == MLM_SEVERITY_WARNING ? 2 : 3;
}

static void rule_href(const char *id, char *out, size_t size)
{
    const mlm_rule_info *r = mlm_rule_find(id);
    if (!r) {
        snprintf(out, size, RULES_DOC);
        return;
    }
    snprintf(out, size, RULES_DOC "#%s-%s-%s", r->id, r->name, mlm_severity_name(r->severity));
    for (char *c = strchr(out, '#'); c && *c; c++)
        *c = (char)tolower((unsigned char)*c);
}

/* The pointer @p ptr with its last array index replaced by @p n (the same
 * key under an earlier element), into @p out; false when it has none. */
static bool sibling(const char *ptr, unsigned long n, char *out, size_t size)
{
    const char *seg = NULL; /* the last "/<digits>" segment */
    for (const char *p = ptr; (p = strchr(p, '/')) != NULL; p++) {
        size_t k = strspn(p + 1, "0123456789");
        if (k > 0 && (p[1 + k] == '/' || p[1 + k] == '\0'))
            seg = p;
    }
    if (!seg)
        return false;
    const char *rest = seg + 1 + strspn(seg + 1, "0123456789");
    int w = snprintf(out, size, "%.*s/%lu%s", (int)(seg - ptr), ptr, n, rest);
    return w > 0 && (size_t)w < size;
}

/* The second place a message names: "first at index N" of a list element
 * or "first by class N" of a class (the same place under element N), or a
 * JSON Pointer written in it ("/properties/mlm:input/0"). Writes it to
 * @p out. */
static bool second_place(const mlm_diagnostic *dg, char *out, size_t size)
{
    static const char *const earlier[] = {"first at index ", "first by class "};
    const char *m = dg->message;
    for (size_t i = 0; dg->pointer && i < sizeof(earlier) / sizeof(earlier[0]); i++) {
        const char *at = strstr(m, earlier[i]);
        if (!at)
            continue;
        at += strlen(earlier[i]);
        char *end;
        unsigned long n = strtoul(at, &end, 10);
        if (end != at && sibling(dg->pointer, n, out, size))
            return true;
    }
    for (const char *p = m; (p = strchr(p, '/')) != NULL; p++) {
        if (p > m && !strchr(" \"'(", p[-1]))
            continue;
        size_t n = 1;
        while (p[n] && !strchr(" \"'),;", p[n]))
            n++;
        if (n > 1 && p[n - 1] == '.') /* the end of the sentence */
            n--;
        if (n > 1 && n < size &&
            (!dg->pointer || strncmp(p, dg->pointer, n) != 0 || dg->pointer[n])) {
            memcpy(out, p, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

/* relatedInformation: the second place the message names, and the other
 * places of a grouped finding; NULL when there is none. */
static json_t *related_information(doc *d, const mlm_diagnostics *list, size_t index)
{
    const mlm_diagnostic *dg = mlm_diagnostics_get(list, index);
    json_t *rel = json_array();
    char other[512];
    int line, column;
    if (rel && d->mdoc && second_place(dg, other, sizeof(other)) &&
        mlm_document_locate(d->mdoc, other, &line, &column) == MLM_OK) {
        char text[600];
        snprintf(text, sizeof(text), "%s is here.", other);
        json_array_append_new(rel,
                              json_pack("{s:{s:s,s:o},s:s}", "location", "uri", d->uri, "range",
                                        token_range(&d->text, line, column), "message", text));
    }
    const char *pointer;
    for (size_t k = 0; rel && mlm_diagnostics_related(list, index, k, &pointer, &line, &column);
         k++) {
        if (line <= 0)
            continue;
        char text[600];
        snprintf(text, sizeof(text), "The same finding at %s.", pointer);
        json_array_append_new(rel,
                              json_pack("{s:{s:s,s:o},s:s}", "location", "uri", d->uri, "range",
                                        token_range(&d->text, line, column), "message", text));
    }
    if (json_array_size(rel) == 0) {
        json_decref(rel);
        return NULL;
    }
    return rel;
}

static json_t *lsp_diagnostic(doc *d, const mlm_diagnostics *list, size_t index)
{
    const mlm_diagnostic *dg = mlm_diagnostics_get(list, index);
    char href[512];
    rule_href(dg->rule_id, href, sizeof(href));
    const char *hint = dg->hint;
    char *msg = NULL;
    if (hint) {
        size_t n = strlen(dg->message) + strlen(hint) + 16;
        msg = malloc(n);
        if (msg)
            snprintf(msg, n, "%s (%s)", dg->message, hint);
    }
    json_t *j = json_pack("{s:o,s:i,s:s,s:{s:s},s:s,s:s}", "range",
                          token_range(&d->text, dg->line, dg->column), "severity",
                          lsp_severity(dg->severity), "code", dg->rule_id, "codeDescription",
                          "href", href, "source", SOURCE_NAME, "message", msg ? msg : dg->message);
    free(msg);
    if (!j)
        return NULL;
    if (dg->pointer)
        json_object_set_new(j, "data", json_pack("{s:s}", "pointer", dg->pointer));
    json_t *rel = related_information(d, list, index);
    if (rel)
        json_object_set_new(j, "relatedInformation", rel);
    return j;
}

static bool is_feature_collection(const json_t *root)
{
    const char *type = json_string_value(json_object_get(root, "type"));
    return type && strcmp(type, "FeatureCollection") == 0 &&
           json_is_array(json_object_get(root, "features"));
}

static mlm_stac_validator *stac_of(const lsp_server *srv)
{
    return srv->own_stac ? srv->own_stac : srv->s.stac;
}

static int keep_list(doc *d, mlm_diagnostics *list)
{
    mlm_diagnostics **l = realloc(d->lists, (d->n_lists + 1) * sizeof(*l));
    if (!l) {
        mlm_diagnostics_free(list);
        return -1;
    }
    d->lists = l;
    d->lists[d->n_lists++] = list;
    return 0;
}

/* A diagnostic that is not a rule's: a parse error, a configuration error. */
static void add_plain(doc *d, json_t *arr, size_t start, size_t end, int severity, const char *code,
                      const char *message)
{
    json_t *j =
        json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", range_of(&d->text, start, end), "severity",
                  severity, "code", code, "source", SOURCE_NAME, "message", message);
    if (j)
        json_array_append_new(arr, j);
}

static const char *load_code(int code)
{
    switch (code) {
    case MLM_ERR_JSON: return "JSON";
    case MLM_ERR_NOT_OBJECT: return "NOT-OBJECT";
    case MLM_ERR_TOO_LARGE: return "TOO-LARGE";
    case MLM_ERR_ENCODING: return "ENCODING";
    case MLM_ERR_DEPTH: return "DEPTH";
    case MLM_ERR_NOMEM: return "NOMEM";
    default: return "LOAD";
    }
}

static void validate_doc(lsp_server *srv, doc *d)
{
    doc_clear_results(d);
    json_t *arr = json_array();
    if (!arr)
        return;
    if (d->config_error)
        add_plain(d, arr, 0, 0, 2, "config", d->config_error);
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.max_bytes = srv->s.max_bytes;
    po.force_version = srv->s.force_version;
    if (srv->s.schema)
        po.flags |= MLM_PARSE_ANY_ROOT;
    mlm_error err = MLM_ERROR_INIT;
    const char *name = d->path ? d->path : d->uri;
    d->mdoc = mlm_parse_buffer(d->text.data, d->text.len, name, &po, &err);
    if (!d->mdoc) {
        /* Half-typed JSON: the parse error where jansson stopped. */
        size_t at = err.position >= 0 ? (size_t)err.position : 0;
        if (at > d->text.len)
            at = d->text.len;
        size_t end = at < d->text.len ? lsp_text_token_end(&d->text, at) : at;
        add_plain(d, arr, at, end, 1, load_code(err.code), err.text);
    } else {
        d->spec = mlm_document_spec_version(d->mdoc);
        mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
        if (srv->s.no_warnings || srv->cs.no_warnings)
            vo.flags |= MLM_VALIDATE_NO_WARNINGS;
        vo.stac = stac_of(srv);
        vo.schema = srv->s.schema;
        vo.severities = d->config.table;
        vo.n_severities = d->config.n;
        const json_t *root = mlm_document_json(d->mdoc);
        if (!srv->s.schema && is_feature_collection(root)) {
            size_t n = json_array_size(json_object_get(root, "features"));
            for (size_t i = 0; i < n; i++) {
                char ptr[48];
                snprintf(ptr, sizeof(ptr), "/features/%zu", i);
                mlm_document *child = mlm_document_child(d->mdoc, ptr, &po, &err);
                mlm_diagnostics *l = child ? mlm_validate(child, &vo, &err) : NULL;
                mlm_document_free(child);
                if (l)
                    keep_list(d, l);
            }
        } else {
            mlm_diagnostics *l = mlm_validate(d->mdoc, &vo, &err);
            if (l)
                keep_list(d, l);
            else
                add_plain(d, arr, 0, 0, 1, load_code(err.code), err.text);
        }
    }
    size_t total = json_array_size(arr);
    for (size_t k = 0; k < d->n_lists; k++)
        total += mlm_diagnostics_count(d->lists[k]);
    d->refs = calloc(total ? total : 1, sizeof(*d->refs));
    for (size_t i = 0; d->refs && i < json_array_size(arr); i++)
        d->refs[i].list = (size_t)-1;
    for (size_t k = 0; k < d->n_lists; k++) {
        for (size_t i = 0; i < mlm_diagnostics_count(d->lists[k]); i++) {
            json_t *j = lsp_diagnostic(d, d->lists[k], i);
            if (!j)
                continue;
            if (d->refs) {
                d->refs[json_array_size(arr)].list = k;
                d->refs[json_array_size(arr)].index = i;
            }
            json_array_append_new(arr, j);
        }
    }
    d->published = arr;
}

static void publish(lsp_server *srv, doc *d)
{
    json_t *params = d->published
                         ? json_pack("{s:s,s:O}", "uri", d->uri, "diagnostics", d->published)
                         : json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics");
    if (params && d->version >= 0)
        json_object_set_new(params, "version", json_integer(d->version));
    notify(srv, "textDocument/publishDiagnostics", params);
}

void lsp_server_flush(lsp_server *srv)
{
    for (doc *d = srv->docs; d; d = d->next) {
        if (!d->dirty)
            continue;
        d->dirty = false;
        validate_doc(srv, d);
        publish(srv, d);
    }
}

/* --- settings ---------------------------------------------------------------------- */

static void client_settings_free(client_settings *cs)
{
    free(cs->cache_dir);
    free(cs->config_file);
    for (size_t i = 0; i < cs->n_schema_dirs; i++)
        free(cs->schema_dirs[i]);
    free(cs->schema_dirs);
    cli_config_free(&cs->rules);
    memset(cs, 0, sizeof(*cs));
}

static char *dup_string(const json_t *v)
{
    return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

/* Read settings; a wrong entry is reported and skipped. */
static void read_settings(lsp_server *srv, const json_t *opts, client_settings *cs)
{
    if (!json_is_object(opts))
        return;
    /* The object may be the settings themselves or hold them under the
     * server's name, as editors' configuration sections do. */
    const json_t *inner = json_object_get(opts, "mlm-validate");
    if (!inner)
        inner = json_object_get(opts, "mlmValidate");
    if (json_is_object(inner))
        opts = inner;
    cs->full = json_is_true(json_object_get(opts, "full"));
    cs->offline = json_is_true(json_object_get(opts, "offline"));
    cs->no_cache = json_is_true(json_object_get(opts, "noCache"));
    cs->no_config = json_is_true(json_object_get(opts, "noConfig"));
    cs->no_warnings = json_is_true(json_object_get(opts, "noWarnings"));
    cs->cache_dir = dup_string(json_object_get(opts, "cacheDir"));
    cs->config_file = dup_string(json_object_get(opts, "config"));
    const json_t *dirs = json_object_get(opts, "schemaDirs");
    size_t i;
    const json_t *v;
    if (json_array_size(dirs)) {
        cs->schema_dirs = calloc(json_array_size(dirs), sizeof(char *));
        json_array_foreach (dirs, i, v) {
            if (cs->schema_dirs && json_is_string(v))
                cs->schema_dirs[cs->n_schema_dirs++] = strdup(json_string_value(v));
        }
    }
    if (cs->n_schema_dirs || cs->offline)
        cs->full = true;
    char *msg = NULL;
    json_array_foreach (json_object_get(opts, "disable"), i, v) {
        if (!json_is_string(v) ||
            cli_config_add(&cs->rules, json_string_value(v), MLM_SEVERITY_NONE, "settings: disable",
                           &msg) != 0) {
            show_message(srv, 2, "%s",
                         msg ? msg : "settings: \"disable\" holds rule ids such as \"MLM319\".");
            free(msg);
            msg = NULL;
        }
    }
    const char *key;
    json_object_foreach ((json_t *)json_object_get(opts, "severity"), key, v) {
        mlm_severity sev;
        if (!json_is_string(v) || cli_config_severity_parse(json_string_value(v), &sev) != 0) {
            show_message(srv, 2,
                         "settings: \"severity\".\"%s\" must be \"error\", \"warning\", \"info\" "
                         "or \"off\".",
                         key);
            continue;
        }
        if (cli_config_add(&cs->rules, key, sev, "settings: severity", &msg) != 0) {
            show_message(srv, 2, "%s", msg ? msg : "settings: out of memory.");
            free(msg);
            msg = NULL;
        }
    }
}

/* Build (or drop) the server's own STAC validator for --full settings. */
static void apply_schemas(lsp_server *srv)
{
    mlm_stac_validator_free(srv->own_stac);
    srv->own_stac = NULL;
    if (!srv->cs.full)
        return;
    if (!srv->s.allow_full) {
        show_message(srv, 2, "Full STAC validation is not available in this server.");
        return;
    }
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags =
        (srv->cs.offline ? MLM_STAC_OFFLINE : 0u) | (srv->cs.no_cache ? MLM_STAC_NO_CACHE : 0u);
    so.cache_dir = srv->cs.cache_dir;
    mlm_error err = MLM_ERROR_INIT;
    srv->own_stac = mlm_stac_validator_new(&so, &err);
    if (!srv->own_stac) {
        show_message(srv, 1, "Full STAC validation is off: %s", err.text);
        return;
    }
    for (size_t i = 0; i < srv->cs.n_schema_dirs; i++)
        if (mlm_stac_validator_add_dir(srv->own_stac, srv->cs.schema_dirs[i], &err) != MLM_OK)
            show_message(srv, 1, "schemaDirs %s: %s", srv->cs.schema_dirs[i], err.text);
}

static void settings_changed(lsp_server *srv, const json_t *opts)
{
    client_settings cs;
    memset(&cs, 0, sizeof(cs));
    read_settings(srv, opts, &cs);
    bool schemas = cs.full != srv->cs.full || cs.offline != srv->cs.offline ||
                   cs.no_cache != srv->cs.no_cache || cs.n_schema_dirs != srv->cs.n_schema_dirs ||
                   (cs.cache_dir == NULL) != (srv->cs.cache_dir == NULL) ||
                   (cs.cache_dir && strcmp(cs.cache_dir, srv->cs.cache_dir) != 0);
    for (size_t i = 0; !schemas && i < cs.n_schema_dirs; i++)
        schemas = strcmp(cs.schema_dirs[i], srv->cs.schema_dirs[i]) != 0;
    client_settings_free(&srv->cs);
    srv->cs = cs;
    if (schemas)
        apply_schemas(srv);
    for (doc *d = srv->docs; d; d = d->next) {
        doc_configure(srv, d);
        d->dirty = true;
    }
}

/* --- requests ---------------------------------------------------------------------- */

typedef struct call {
    lsp_server *srv;
    json_t *id; /* NULL for a notification */
    const json_t *params;
} call;

static void invalid_params(call *c, const char *what)
{
    if (c->id)
        reply_error(c->srv, c->id, RPC_INVALID_PARAMS, "Invalid params: %s", what);
}

static doc *doc_of(call *c)
{
    const char *uri =
        json_string_value(json_object_get(json_object_get(c->params, "textDocument"), "uri"));
    if (!uri) {
        invalid_params(c, "textDocument.uri must be a string.");
        return NULL;
    }
    doc *d = doc_find(c->srv, uri);
    if (!d && c->id)
        reply_error(c->srv, c->id, RPC_INVALID_PARAMS,
                    "The document %s is not open (send textDocument/didOpen first).", uri);
    return d;
}

/* An LSP position of the params as a byte offset of @p d. */
static bool offset_of(const json_t *pos, const doc *d, size_t *out)
{
    const json_t *l = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_integer(l) || !json_is_integer(ch))
        return false;
    json_int_t li = json_integer_value(l), ci = json_integer_value(ch);
    if (li < 0 || ci < 0 || li > 0x7fffffff || ci > 0x7fffffff)
        return false;
    *out = lsp_text_offset(&d->text, (long)li, (long)ci);
    return true;
}

/* The position encoding to use: of those the client offers
 * (capabilities.general.positionEncodings), UTF-8 first (the text's own
 * bytes), then UTF-32, else UTF-16, which every client supports. */
static lsp_encoding choose_encoding(const json_t *params)
{
    const json_t *offered = json_object_get(
        json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    bool utf32 = false;
    size_t i;
    const json_t *v;
    json_array_foreach (offered, i, v) {
        const char *e = json_string_value(v);
        if (e && strcmp(e, "utf-8") == 0)
            return LSP_UTF8;
        utf32 |= e && strcmp(e, "utf-32") == 0;
    }
    return utf32 ? LSP_UTF32 : LSP_UTF16;
}

static const char *encoding_name(lsp_encoding e)
{
    return e == LSP_UTF8 ? "utf-8" : e == LSP_UTF32 ? "utf-32" : "utf-16";
}

static void on_initialize(call *c)
{
    lsp_server *srv = c->srv;
    if (srv->initialized) {
        reply_error(srv, c->id, RPC_INVALID_REQUEST, "The server is already initialized.");
        return;
    }
    srv->initialized = true;
    srv->enc = choose_encoding(c->params);
    srv->watch_files = json_is_true(json_object_get(
        json_object_get(json_object_get(json_object_get(c->params, "capabilities"), "workspace"),
                        "didChangeWatchedFiles"),
        "dynamicRegistration"));
    const json_t *opts = json_object_get(c->params, "initializationOptions");
    if (opts)
        settings_changed(srv, opts);
    json_t *trigger = json_pack("[s,s,s]", "\"", ":", ",");
    json_t *kinds = json_pack("[s,s,s]", "quickfix", "source.fixAll", "refactor.rewrite");
    json_t *caps =
        json_pack("{s:s,s:{s:b,s:i,s:b,s:{s:b}},s:b,s:{s:o,s:b},s:{s:o,s:b}}", "positionEncoding",
                  encoding_name(srv->enc), "textDocumentSync", "openClose", 1, "change", 2,
                  "willSave", 0, "save", "includeText", 0, "hoverProvider", 1, "completionProvider",
                  "triggerCharacters", trigger, "resolveProvider", 0, "codeActionProvider",
                  "codeActionKinds", kinds, "resolveProvider", 0);
    json_t *res = json_pack("{s:o,s:{s:s,s:s}}", "capabilities", caps, "serverInfo", "name",
                            SERVER_NAME, "version", MLM_VERSION_STRING);
    reply(srv, c->id, res);
}

/* After the handshake: ask the client to report changes of project files
 * (workspace/didChangeWatchedFiles), when it can register watchers. Its
 * answer needs nothing: responses to the server's requests are ignored. */
static void on_initialized(call *c)
{
    if (!c->srv->watch_files)
        return;
    json_t *m =
        json_pack("{s:s,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s}]}}]}}", "id", "mlm-validate/watch-config",
                  "method", "client/registerCapability", "params", "registrations", "id",
                  "mlm-validate/watch-config", "method", "workspace/didChangeWatchedFiles",
                  "registerOptions", "watchers", "globPattern", "**/" CLI_CONFIG_NAME);
    send_json(c->srv, m);
}

static void on_did_open(call *c)
{
    const json_t *td = json_object_get(c->params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    const json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text))
        return;
    lsp_server *srv = c->srv;
    doc *d = doc_find(srv, uri);
    if (!d) {
        d = calloc(1, sizeof(*d));
        if (!d || !(d->uri = strdup(uri))) {
            free(d);
            return;
        }
        d->path = uri_path(uri);
        d->next = srv->docs;
        srv->docs = d;
    }
    const json_t *ver = json_object_get(td, "version");
    d->version = json_is_integer(ver) ? (long)json_integer_value(ver) : -1;
    d->text.enc = srv->enc;
    if (lsp_text_set(&d->text, json_string_value(text), json_string_length(text)) != 0)
        show_message(srv, 1, "Out of memory: %s could not be opened.", uri);
    doc_configure(srv, d);
    d->dirty = true;
}

static void on_did_change(call *c)
{
    lsp_server *srv = c->srv;
    const json_t *td = json_object_get(c->params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    doc *d = uri ? doc_find(srv, uri) : NULL;
    if (!d)
        return;
    const json_t *ver = json_object_get(td, "version");
    if (json_is_integer(ver))
        d->version = (long)json_integer_value(ver);
    size_t i;
    const json_t *ch;
    json_array_foreach (json_object_get(c->params, "contentChanges"), i, ch) {
        const json_t *text = json_object_get(ch, "text");
        if (!json_is_string(text))
            continue;
        const json_t *range = json_object_get(ch, "range");
        int rc;
        if (range) {
            size_t s, e;
            if (!offset_of(json_object_get(range, "start"), d, &s) ||
                !offset_of(json_object_get(range, "end"), d, &e))
                continue;
            if (e < s) {
                size_t t = s;
                s = e;
                e = t;
            }
            rc =
                lsp_text_replace(&d->text, s, e, json_string_value(text), json_string_length(text));
        } else {
            rc = lsp_text_set(&d->text, json_string_value(text), json_string_length(text));
        }
        if (rc != 0)
            show_message(srv, 1, "Out of memory: a change to %s was lost; close and reopen it.",
                         d->uri);
    }
    d->dirty = true;
}

static void on_did_close(call *c)
{
    lsp_server *srv = c->srv;
    const char *uri =
        json_string_value(json_object_get(json_object_get(c->params, "textDocument"), "uri"));
    if (!uri)
        return;
    for (doc **p = &srv->docs; *p; p = &(*p)->next) {
        if (strcmp((*p)->uri, uri) == 0) {
            doc *d = *p;
            *p = d->next;
            /* Clear the editor's list of this document's problems. */
            notify(srv, "textDocument/publishDiagnostics",
                   json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
            doc_free(d);
            return;
        }
    }
}

static void on_did_save(call *c)
{
    lsp_server *srv = c->srv;
    const char *uri =
        json_string_value(json_object_get(json_object_get(c->params, "textDocument"), "uri"));
    if (!uri)
        return;
    /* A saved project file changes the rules of every document. */
    size_t n = strlen(uri), k = strlen(CLI_CONFIG_NAME);
    bool config = n > k && strcmp(uri + n - k, CLI_CONFIG_NAME) == 0 && uri[n - k - 1] == '/';
    for (doc *d = srv->docs; d; d = d->next) {
        if (config || strcmp(d->uri, uri) == 0) {
            doc_configure(srv, d);
            d->dirty = true;
        }
    }
}

static void on_did_change_configuration(call *c)
{
    settings_changed(c->srv, json_object_get(c->params, "settings"));
}

static void on_did_change_watched_files(call *c)
{
    for (doc *d = c->srv->docs; d; d = d->next) {
        doc_configure(c->srv, d);
        d->dirty = true;
    }
}

/* --- code actions ------------------------------------------------------------------ */

static bool ranges_meet(const json_t *a, const json_t *b)
{
    /* [a.start, a.end] and [b.start, b.end] overlap or touch. */
    long as_l = (long)json_integer_value(json_object_get(json_object_get(a, "start"), "line"));
    long as_c = (long)json_integer_value(json_object_get(json_object_get(a, "start"), "character"));
    long ae_l = (long)json_integer_value(json_object_get(json_object_get(a, "end"), "line"));
    long ae_c = (long)json_integer_value(json_object_get(json_object_get(a, "end"), "character"));
    long bs_l = (long)json_integer_value(json_object_get(json_object_get(b, "start"), "line"));
    long bs_c = (long)json_integer_value(json_object_get(json_object_get(b, "start"), "character"));
    long be_l = (long)json_integer_value(json_object_get(json_object_get(b, "end"), "line"));
    long be_c = (long)json_integer_value(json_object_get(json_object_get(b, "end"), "character"));
    bool a_before_b = ae_l < bs_l || (ae_l == bs_l && ae_c < bs_c);
    bool b_before_a = be_l < as_l || (be_l == as_l && be_c < as_c);
    return !a_before_b && !b_before_a;
}

/* The text edits of a fix as LSP TextEdits (UTF-16 ranges). */
static json_t *text_edits(const doc *d, const mlm_fix *fx)
{
    json_t *edits = json_array();
    for (size_t k = 0; edits && k < fx->text_edit_count; k++) {
        const mlm_text_edit *e = &fx->text_edits[k];
        size_t s = lsp_text_offset_lc(&d->text, e->start_line, e->start_column);
        size_t en = lsp_text_offset_lc(&d->text, e->end_line, e->end_column);
        json_array_append_new(edits, json_pack("{s:o,s:s}", "range", range_of(&d->text, s, en),
                                               "newText", e->new_text ? e->new_text : ""));
    }
    return edits;
}

/* One TextEdit, in an array, that replaces the whole text of @p d by the
 * @p len bytes at @p text. */
static json_t *whole_text_edit(const doc *d, const char *text, size_t len)
{
    return json_pack("[{s:o,s:s%}]", "range", range_of(&d->text, 0, d->text.len), "newText", text,
                     len);
}

/* A code action: @p action (its title, kind and any other members) with
 * @p edits, an array of TextEdits of @p d, as its last member "edit". Both
 * are stolen. The quick fixes, "Fix every safe problem" and "Migrate this
 * document" differ only in these two. NULL when @p action is NULL (out of
 * memory); without @p edits, the edit changes nothing. */
static json_t *with_edit(const doc *d, json_t *action, json_t *edits)
{
    json_t *changes = json_object();
    if (changes && edits)
        json_object_set_new(changes, d->uri, edits);
    else
        json_decref(edits);
    json_t *edit = json_pack("{s:o}", "changes", changes);
    if (!action || !edit) {
        json_decref(action);
        json_decref(edit);
        return NULL;
    }
    json_object_set_new(action, "edit", edit);
    return action;
}

/* The quick fixes of the published diagnostics that meet @p range: one
 * action per fix, the safe ones preferred. */
static void fix_actions(doc *d, const json_t *range, json_t *actions)
{
    for (size_t i = 0; d->refs && i < json_array_size(d->published); i++) {
        json_t *pd = json_array_get(d->published, i);
        if (d->refs[i].list == (size_t)-1 || !ranges_meet(json_object_get(pd, "range"), range))
            continue;
        const mlm_fix *fx = mlm_diagnostics_fix(d->lists[d->refs[i].list], d->refs[i].index);
        if (!fx || !fx->text_edit_count)
            continue;
        json_t *a =
            with_edit(d,
                      json_pack("{s:s,s:s,s:[O],s:b}", "title", fx->description, "kind", "quickfix",
                                "diagnostics", pd, "isPreferred", fx->safe ? 1 : 0),
                      text_edits(d, fx));
        if (a)
            json_array_append_new(actions, a);
    }
}

/* "Fix every safe problem": the library applies the safe fixes of all the
 * document's diagnostics at once (of every feature of a FeatureCollection). */
static json_t *fix_all_action(doc *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->n_lists; k++)
        n += mlm_diagnostics_count(d->lists[k]);
    if (n == 0)
        return NULL;
    const mlm_fix **fixes = calloc(n, sizeof(*fixes));
    if (!fixes)
        return NULL;
    size_t m = 0;
    for (size_t k = 0; k < d->n_lists; k++)
        for (size_t i = 0; i < mlm_diagnostics_count(d->lists[k]); i++)
            fixes[m++] = mlm_diagnostics_fix(d->lists[k], i); /* NULL entries are skipped */
    char *out = NULL;
    size_t out_len = 0, applied = 0;
    mlm_error err = MLM_ERROR_INIT;
    int rc =
        mlm_fixes_apply(fixes, m, d->text.data, d->text.len, 0, &out, &out_len, &applied, &err);
    free(fixes);
    if (rc != MLM_OK)
        return NULL;
    json_t *action = NULL;
    if (applied > 0) {
        char title[96];
        snprintf(title, sizeof(title), "Fix %zu safe problem%s in this document", applied,
                 applied == 1 ? "" : "s");
        action = with_edit(d, json_pack("{s:s,s:s}", "title", title, "kind", "source.fixAll"),
                           whole_text_edit(d, out, out_len));
    }
    mlm_free(out);
    return action;
}

static bool kind_wanted(const json_t *only, const char *kind)
{
    if (!json_is_array(only))
        return true;
    size_t i;
    const json_t *v;
    json_array_foreach (only, i, v) {
        const char *k = json_string_value(v);
        size_t n = k ? strlen(k) : 0;
        if (k && strncmp(kind, k, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
            return true;
    }
    return false;
}

/* "Migrate this document to MLM <latest>": the library's migration of a
 * copy of the JSON, written by the library's writer in the layout of the
 * document's text (what the migration did not change keeps its bytes), as
 * one edit of the whole text. */
static json_t *migrate_action(doc *d)
{
    if (!d->mdoc || mlm_document_spec_version(d->mdoc) == MLM_SPEC_LATEST ||
        !json_is_object(mlm_document_json(d->mdoc)))
        return NULL;
    json_t *root = mlm_document_to_json(d->mdoc);
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = root ? mlm_migrate(root, MLM_SPEC_LATEST, &err) : NULL;
    json_t *action = NULL;
    char *out = NULL;
    if (m && mlm_migration_count(m) > 0) {
        /* A fresh parse to edit: d->mdoc keeps its text for the locator. */
        mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
        mlm_document *ed = mlm_parse_buffer(d->text.data, d->text.len, d->uri, &po, NULL);
        if (ed && mlm_document_set_root(ed, json_incref(root), NULL) == MLM_OK)
            out = mlm_document_dump(ed, 0, NULL);
        mlm_document_free(ed);
    }
    if (out && strcmp(out, d->text.data) != 0) {
        char title[160];
        size_t todo = mlm_migration_todo_count(m);
        if (todo)
            snprintf(title, sizeof(title),
                     "Migrate this document to MLM %s (%zu point%s to check by hand)",
                     mlm_spec_version_name(MLM_SPEC_LATEST), todo, todo == 1 ? "" : "s");
        else
            snprintf(title, sizeof(title), "Migrate this document to MLM %s",
                     mlm_spec_version_name(MLM_SPEC_LATEST));
        action = with_edit(d, json_pack("{s:s,s:s}", "title", title, "kind", "refactor.rewrite"),
                           whole_text_edit(d, out, strlen(out)));
    }
    mlm_free(out);
    mlm_migration_free(m);
    json_decref(root);
    return action;
}

static void on_code_action(call *c)
{
    doc *d = doc_of(c);
    if (!d)
        return;
    const json_t *range = json_object_get(c->params, "range");
    if (!json_is_object(range)) {
        invalid_params(c, "range must be a Range.");
        return;
    }
    lsp_server_flush(c->srv); /* act on the current text */
    const json_t *only = json_object_get(json_object_get(c->params, "context"), "only");
    json_t *actions = json_array();
    if (kind_wanted(only, "quickfix"))
        fix_actions(d, range, actions);
    if (kind_wanted(only, "source.fixAll")) {
        json_t *all = fix_all_action(d);
        if (all)
            json_array_append_new(actions, all);
    }
    if (kind_wanted(only, "refactor.rewrite")) {
        json_t *m = migrate_action(d);
        if (m)
            json_array_append_new(actions, m);
    }
    reply(c->srv, c->id, actions);
}

/* --- hover and completion ------------------------------------------------------------ */

/* The version in the first MLM schema URL of a text that does not parse. */
static mlm_spec_version text_version(const lsp_text *t)
{
    static const char *const prefixes[] = {MLMP_URL_SE_PREFIX, MLMP_URL_CRIM_PREFIX};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        const char *p = strstr(t->data ? t->data : "", prefixes[i]);
        if (!p)
            continue;
        p += strlen(prefixes[i]);
        char name[16];
        size_t n = 0;
        for (; n + 1 < sizeof(name) && p[n] && p[n] != '/' && p[n] != '"'; n++)
            name[n] = p[n];
        name[n] = '\0';
        mlm_spec_version v = mlm_spec_version_parse(name);
        if (v != MLM_SPEC_UNKNOWN)
            return v;
    }
    return MLM_SPEC_UNKNOWN;
}

/* The document's MLM version; while it does not parse (being typed), the
 * version of the last text that did, else the one its schema URL names. */
static mlm_spec_version doc_version(const doc *d)
{
    if (d->mdoc)
        return mlm_document_spec_version(d->mdoc);
    return d->spec != MLM_SPEC_UNKNOWN ? d->spec : text_version(&d->text);
}

static void versions_text(const lsp_field *f, char *out, size_t size)
{
    if (f->since == MLM_SPEC_UNKNOWN)
        snprintf(out, size, "Not an MLM field: STAC core or another extension");
    else if (f->until != MLM_SPEC_UNKNOWN)
        snprintf(out, size, "In MLM %s to %s", mlm_spec_version_name(f->since),
                 mlm_spec_version_name(f->until));
    else
        snprintf(out, size, "In MLM %s and later", mlm_spec_version_name(f->since));
}

/* The document of a hover or completion request, the byte offset of its
 * position and what is there (after the pending changes); NULL when there is
 * none (answered already). */
static doc *cursor_of(call *c, size_t *at, lsp_cursor *cur)
{
    doc *d = doc_of(c);
    if (!d)
        return NULL;
    if (!offset_of(json_object_get(c->params, "position"), d, at)) {
        invalid_params(c, "position must be a Position.");
        return NULL;
    }
    lsp_server_flush(c->srv); /* the document's version is that of its current text */
    lsp_cursor_at(d->text.data, d->text.len, *at, cur);
    return d;
}

static void on_hover(call *c)
{
    size_t at;
    lsp_cursor cur;
    doc *d = cursor_of(c, &at, &cur);
    if (!d)
        return;
    /* Hover names the character under the mouse: on an opening quote, the
     * string it opens. */
    if (!cur.in_string && at < d->text.len && d->text.data[at] == '"')
        lsp_cursor_at(d->text.data, d->text.len, at + 1, &cur);
    mlm_spec_version v = doc_version(d);
    lsp_field f;
    /* An mlm: key elsewhere (a Collection's summaries, item_assets, an
     * object this file does not place) is explained as a model field. */
    bool found = cur.at_key && cur.in_string && cur.closed &&
                 (lsp_facts_field(cur.object, cur.key, v, &f) ||
                  (strncmp(cur.key, MLMP_PREFIX, strlen(MLMP_PREFIX)) == 0 &&
                   lsp_facts_field(cur.object = LSP_OBJ_PROPERTIES, cur.key, v, &f)));
    if (!found) {
        reply(c->srv, c->id, NULL);
        return;
    }
    char versions[96], text[1024];
    versions_text(&f, versions, sizeof(versions));
    bool missing = v > MLM_SPEC_DRAFT && !lsp_facts_field_in(&f, v);
    snprintf(text, sizeof(text), "**%s** (%s%s)\n\n%s\n\nType: %s.\n\n%s%s%s.", f.key,
             lsp_object_name(cur.object), f.required ? ", required" : "", f.about, f.type, versions,
             missing ? "; not in this document's MLM " : "",
             missing ? mlm_spec_version_name(v) : "");
    json_t *res = json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", "markdown", "value", text,
                            "range", range_of(&d->text, cur.start - 1, cur.end + 1));
    reply(c->srv, c->id, res);
}

static json_t *completion_item(doc *d, const lsp_cursor *cur, size_t at, const char *label,
                               int kind, const char *detail, const char *suffix)
{
    /* Inside a string: replace its content; else insert a quoted string. */
    char *text = malloc(strlen(label) + strlen(suffix) + 3);
    if (!text)
        return NULL;
    size_t s, e;
    if (cur->in_string) {
        sprintf(text, "%s", label);
        s = cur->start;
        e = cur->end;
    } else {
        sprintf(text, "\"%s\"%s", label, suffix);
        s = e = at;
    }
    json_t *item = json_pack("{s:s,s:i,s:{s:o,s:s}}", "label", label, "kind", kind, "textEdit",
                             "range", range_of(&d->text, s, e), "newText", text);
    free(text);
    if (item && detail)
        json_object_set_new(item, "detail", json_string(detail));
    return item;
}

static void on_completion(call *c)
{
    size_t at;
    lsp_cursor cur;
    doc *d = cursor_of(c, &at, &cur);
    if (!d)
        return;
    json_t *items = json_array();
    mlm_spec_version v = doc_version(d);
    if (cur.at_key) {
        lsp_field f;
        for (size_t i = 0; lsp_facts_field_at(cur.object, i, &f); i++) {
            if (!lsp_facts_field_in(&f, v))
                continue;
            bool there = false;
            for (size_t k = 0; k < cur.n_present && !there; k++)
                there = strcmp(cur.present[k], f.key) == 0;
            if (there)
                continue;
            json_t *it = completion_item(d, &cur, at, f.key, 10 /* Property */, f.type, ": ");
            if (it) {
                json_object_set_new(it, "documentation", json_string(f.about));
                json_array_append_new(items, it);
            }
        }
    } else if (cur.at_value) {
        const char *names[64];
        size_t n = lsp_facts_values(cur.object, cur.key, v, names, 64);
        for (size_t i = 0; i < n; i++) {
            json_t *it = completion_item(d, &cur, at, names[i], 12 /* Value */, cur.key, "");
            if (it)
                json_array_append_new(items, it);
        }
    }
    reply(c->srv, c->id, json_pack("{s:b,s:o}", "isIncomplete", 0, "items", items));
}

/* --- lifecycle and dispatch ---------------------------------------------------------- */

static void on_shutdown(call *c)
{
    c->srv->shutdown_requested = true;
    reply(c->srv, c->id, NULL);
}

typedef struct method {
    const char *name;
    void (*fn)(call *c);
    bool request; /* answered (else a notification) */
} method;

static const method methods[] = {
    {"initialize", on_initialize, true},
    {"shutdown", on_shutdown, true},
    {"initialized", on_initialized, false},
    {"textDocument/didOpen", on_did_open, false},
    {"textDocument/didChange", on_did_change, false},
    {"textDocument/didClose", on_did_close, false},
    {"textDocument/didSave", on_did_save, false},
    {"textDocument/codeAction", on_code_action, true},
    {"textDocument/hover", on_hover, true},
    {"textDocument/completion", on_completion, true},
    {"workspace/didChangeConfiguration", on_did_change_configuration, false},
    {"workspace/didChangeWatchedFiles", on_did_change_watched_files, false},
};

lsp_server *lsp_server_new(const lsp_settings *s, lsp_write_fn write, void *ctx)
{
    lsp_server *srv = calloc(1, sizeof(*srv));
    if (!srv)
        return NULL;
    srv->s = *s;
    srv->write = write;
    srv->ctx = ctx;
    return srv;
}

void lsp_server_free(lsp_server *srv)
{
    if (!srv)
        return;
    while (srv->docs) {
        doc *d = srv->docs;
        srv->docs = d->next;
        doc_free(d);
    }
    client_settings_free(&srv->cs);
    mlm_stac_validator_free(srv->own_stac);
    free(srv);
}

bool lsp_server_exited(const lsp_server *srv, int *exit_code)
{
    if (srv->exited)
        *exit_code = srv->shutdown_requested ? 0 : 1;
    return srv->exited;
}

void lsp_server_message(lsp_server *srv, const char *body, size_t len)
{
    if (srv->exited)
        return;
    json_error_t je;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &je);
    if (!msg) {
        reply_error(srv, NULL, RPC_PARSE_ERROR,
                    "The message is not valid JSON (line %d, column %d): %s.", je.line, je.column,
                    je.text);
        return;
    }
    json_t *id = json_object_get(msg, "id");
    const json_t *method_v = json_object_get(msg, "method");
    const json_t *params = json_object_get(msg, "params");
    const char *why = NULL;
    if (!json_is_object(msg))
        why = "A message must be a JSON object (LSP does not use batches).";
    else if (!json_is_string(json_object_get(msg, "jsonrpc")) ||
             strcmp(json_string_value(json_object_get(msg, "jsonrpc")), "2.0") != 0)
        why = "The message has no \"jsonrpc\": \"2.0\".";
    else if (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id))
        why = "The id of a request must be a number or a string.";
    else if (!method_v && id && (json_object_get(msg, "result") || json_object_get(msg, "error")))
        goto out; /* a response to a request of ours: none are sent */
    else if (!json_is_string(method_v))
        why = "The message has no method name (a string).";
    else if (params && !json_is_object(params) && !json_is_array(params))
        why = "The params must be an object or an array.";
    if (why) {
        bool id_ok = id && (json_is_string(id) || json_is_integer(id));
        reply_error(srv, id_ok ? id : NULL, RPC_INVALID_REQUEST, "Invalid request: %s", why);
        goto out;
    }
    const char *name = json_string_value(method_v);
    call c = {srv, id, params};
    if (strcmp(name, "exit") == 0) {
        srv->exited = true;
        goto out;
    }
    if (!srv->initialized && strcmp(name, "initialize") != 0) {
        if (id)
            reply_error(srv, id, RPC_SERVER_NOT_INITIALIZED,
                        "The server is not initialized yet: send \"initialize\" first.");
        goto out;
    }
    if (srv->shutdown_requested) {
        if (id)
            reply_error(srv, id, RPC_INVALID_REQUEST,
                        "The server is shutting down: only \"exit\" is accepted.");
        goto out;
    }
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (strcmp(methods[i].name, name) != 0)
            continue;
        if (methods[i].request && !id)
            goto out; /* a request sent as a notification: nothing to answer */
        if (methods[i].request && params && !json_is_object(params) &&
            strcmp(name, "shutdown") != 0) {
            reply_error(srv, id, RPC_INVALID_PARAMS, "Invalid params: an object is expected.");
            goto out;
        }
        if (!methods[i].request)
            c.id = NULL;
        methods[i].fn(&c);
        if (!methods[i].request && id) /* a notification sent as a request */
            reply(srv, id, NULL);
        goto out;
    }
    /* $/cancelRequest, $/setTrace, initialized and anything unknown sent as
     * a notification are ignored; an unknown request is answered. */
    if (id)
        reply_error(srv, id, RPC_METHOD_NOT_FOUND, "Method not found: %s.", name);
out:
    json_decref(msg);
}
