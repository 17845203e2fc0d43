/* Processing one task: load, split FeatureCollections, validate. Runs on
 * worker threads: it only touches the task, the shared read-only options
 * and the thread-safe library. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "found.h"
#include "textfile.h"

void cli_fetch_options(const cli_options *o, mlm_fetch_options *fo)
{
    fo->connect_timeout = o->connect_timeout;
    fo->max_time = o->max_time;
    fo->max_redirs = o->max_redirs;
    if (o->max_filesize)
        fo->max_filesize = o->max_filesize;
    fo->headers = o->headers;
    fo->header_count = o->n_headers;
    fo->insecure = o->insecure;
    fo->cacert = o->cacert;
}

double cli_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void task_clear(task *t)
{
    free(t->source);
    free(t->data);
    free(t->via);
    free(t->via_rel);
    found_unref(t->found);
    gate_unref(t->gate);
    free(t->url);
    free(t->method);
    free(t->body);
    for (size_t i = 0; i < t->n_headers; i++)
        free(t->headers[i]);
    free(t->headers);
    memset(t, 0, sizeof(*t));
}

void doc_results_free(doc_result *list)
{
    while (list) {
        doc_result *next = list->next;
        free(list->source);
        free(list->pointer);
        free(list->via);
        free(list->via_rel);
        free(list->err_line);
        mlm_diagnostics_free(list->diags);
        free(list->fix_old);
        mlm_free(list->fix_new);
        free(list->fix_error);
        free(list);
        list = next;
    }
}

static doc_result *new_result(const char *source)
{
    doc_result *r = calloc(1, sizeof(*r));
    if (r)
        r->source = strdup(source);
    if (r && !r->source) {
        free(r);
        r = NULL;
    }
    return r;
}

static doc_result *failed(const char *source, const mlm_error *err)
{
    doc_result *r = new_result(source);
    if (r) {
        r->load_failed = true;
        r->err = *err;
    }
    return r;
}

static doc_result *validate_one(const cli_options *o, const char *source, const char *pointer,
                                mlm_document *doc)
{
    doc_result *r = new_result(source);
    if (!r)
        return NULL;
    if (pointer)
        r->pointer = strdup(pointer);
    r->has_doc = true;
    r->spec = mlm_document_spec_version(doc);
    r->stac_type = mlm_document_stac_type(doc);
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    if (o->no_warnings)
        vo.flags |= MLM_VALIDATE_NO_WARNINGS;
    if (o->snippets)
        vo.flags |= MLM_VALIDATE_SOURCE_LINES;
    vo.stac = o->stac;
    vo.schema = o->custom;
    vo.severities = o->config.table;
    vo.n_severities = o->config.n;
    r->diags = mlm_validate(doc, &vo, &r->err);
    if (!r->diags)
        r->load_failed = true; /* out of memory (an unresolved schema is an MLM012 diagnostic) */
    return r;
}

static bool is_feature_collection(const mlm_document *doc)
{
    const json_t *root = mlm_document_json(doc);
    const char *type = json_string_value(json_object_get(root, "type"));
    return type && strcmp(type, "FeatureCollection") == 0 &&
           json_is_array(json_object_get(root, "features"));
}

/* Every feature of an ItemCollection / FeatureCollection is its own document. */
static doc_result *split_features(const cli_options *o, const char *source, mlm_document *doc,
                                  const mlm_parse_options *po, size_t max_features)
{
    const json_t *features = json_object_get(mlm_document_json(doc), "features");
    doc_result *head = NULL, **tail = &head;
    size_t n = json_array_size(features);
    if (max_features && n > max_features)
        n = max_features; /* --max-items reached on this page */
    for (size_t i = 0; i < n; i++) {
        char ptr[48];
        snprintf(ptr, sizeof(ptr), "/features/%zu", i);
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *child = mlm_document_child(doc, ptr, po, &err);
        doc_result *r;
        if (child) {
            r = validate_one(o, source, ptr, child);
            mlm_document_free(child);
        } else {
            r = failed(source, &err);
            if (r)
                r->pointer = strdup(ptr);
        }
        if (!r)
            break;
        *tail = r;
        tail = &r->next;
    }
    if (!head) /* an empty collection is one (valid) document */
        head = validate_one(o, source, NULL, doc);
    return head;
}

static void parse_options_of(const cli_options *o, mlm_parse_options *po, long line_offset)
{
    mlm_parse_options init = MLM_PARSE_OPTIONS_INIT;
    *po = init;
    po->max_bytes = o->max_filesize;
    po->force_version = o->force_version;
    po->line_offset = line_offset;
    if (o->custom)
        po->flags |= MLM_PARSE_ANY_ROOT;
}

static doc_result *process_task_untimed(const cli_options *o, const task *t);

static void sleep_seconds(long s)
{
    struct timespec ts = {s, 0};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Download a URL task: its method, body and next-link headers on top of the
 * command line's options; a 429 or 503 is retried up to --retries times,
 * after the Retry-After the server asked for (or 1, 2, 4... s without one),
 * never waiting longer than CLI_MAX_RETRY_WAIT at once. */
static int fetch_task(const cli_options *o, const task *t, char **body, size_t *len,
                      mlm_fetch_info *info, mlm_error *err)
{
    mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
    cli_fetch_options(o, &fo);
    const char **headers = NULL;
    if (t->n_headers) {
        headers = malloc((o->n_headers + t->n_headers) * sizeof(*headers));
        if (!headers) {
            err->code = MLM_ERR_NOMEM;
            snprintf(err->text, sizeof(err->text), "out of memory");
            return MLM_ERR_NOMEM;
        }
        for (size_t i = 0; i < o->n_headers; i++)
            headers[i] = o->headers[i];
        for (size_t i = 0; i < t->n_headers; i++)
            headers[o->n_headers + i] = t->headers[i];
        fo.headers = headers;
        fo.header_count = o->n_headers + t->n_headers;
    }
    fo.method = t->method;
    fo.body = t->body;
    fo.body_len = t->body_len;
    const char *url = t->url ? t->url : t->source;
    int rc;
    for (long attempt = 0;; attempt++) {
        mlm_error_clear(err);
        gate_enter(t->gate); /* not held while waiting to retry */
        rc = mlm_fetch(url, &fo, body, len, info, err);
        gate_leave(t->gate);
        bool busy = rc == MLM_ERR_HTTP && (info->http_status == 429 || info->http_status == 503);
        if (!busy)
            break;
        long wait = info->retry_after >= 0 ? info->retry_after
                                           : (attempt < 6 ? 1L << attempt : CLI_MAX_RETRY_WAIT);
        char note[160];
        if (attempt >= o->retries) {
            snprintf(note, sizeof(note), "; gave up after %ld %s", attempt,
                     attempt == 1 ? "retry" : "retries (see --retries)");
        } else if (wait > CLI_MAX_RETRY_WAIT) {
            snprintf(note, sizeof(note),
                     "; the server asked to retry after %ld s, longer than the %ld s this tool "
                     "waits",
                     wait, CLI_MAX_RETRY_WAIT);
        } else {
            sleep_seconds(wait);
            continue;
        }
        size_t n = strlen(err->text);
        if (n + strlen(note) < sizeof(err->text))
            memcpy(err->text + n, note, strlen(note) + 1);
        break;
    }
    free(headers);
    return rc;
}

/* Every result names the link that led to its task (--recursive) and shares
 * the task's time. */
doc_result *process_task(const cli_options *o, const task *t)
{
    double start = cli_now();
    doc_result *list = process_task_untimed(o, t);
    if (t->found)
        found_publish(t->found, NULL, NULL); /* not loaded: nothing to follow */
    size_t n = 0;
    for (doc_result *r = list; r; r = r->next)
        n++;
    double each = n ? (cli_now() - start) / (double)n : 0.0;
    for (doc_result *r = list; r; r = r->next) {
        r->seconds = each;
        if (t->via) {
            r->via = strdup(t->via);
            r->via_rel = t->via_rel ? strdup(t->via_rel) : NULL;
        }
    }
    return list;
}

/* The results of a parsed document: one per feature of a FeatureCollection. */
static doc_result *validate_doc(const cli_options *o, const task *t, mlm_document *doc,
                                const mlm_parse_options *po)
{
    return !o->custom && is_feature_collection(doc)
               ? split_features(o, t->source, doc, po, t->max_features)
               : validate_one(o, t->source, NULL, doc);
}

/* --- --fix ------------------------------------------------------------------------ */

enum { FIX_ROUNDS = 8 }; /* a fix can reveal another (a renamed key's value): re-validate */

/* Apply the fixes of the text's diagnostics, re-validating after each round,
 * until no fix applies (at most FIX_ROUNDS rounds). Returns the new text
 * (for mlm_free) or NULL when nothing changed; *count receives the number of
 * fixes applied. A round whose result does not parse is undone (a fix that
 * breaks the JSON would be a bug; the file is never made worse). */
static char *fix_text(const cli_options *o, const task *t, const mlm_parse_options *po,
                      const char *text, size_t len, size_t *out_len, size_t *count)
{
    char *cur = NULL;
    const char *txt = text;
    size_t n = len;
    *count = 0;
    for (int round = 0; round < FIX_ROUNDS; round++) {
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *doc = mlm_parse_buffer(txt, n, t->source, po, &err);
        if (!doc)
            break; /* round 0: reported as it is; later: the previous round stands */
        doc_result *list = validate_doc(o, t, doc, po);
        size_t k = 0;
        for (doc_result *r = list; r; r = r->next)
            k += mlm_diagnostics_count(r->diags);
        const mlm_fix **fixes = calloc(k ? k : 1, sizeof(*fixes));
        size_t m = 0;
        for (doc_result *r = list; fixes && r; r = r->next)
            for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++)
                fixes[m++] = mlm_diagnostics_fix(r->diags, i);
        char *next = NULL;
        size_t next_len = 0, applied = 0;
        int rc = fixes ? mlm_fixes_apply(fixes, m, txt, n, o->fix_unsafe ? MLM_FIX_UNSAFE : 0u,
                                         &next, &next_len, &applied, &err)
                       : MLM_ERR_NOMEM;
        free(fixes);
        doc_results_free(list);
        mlm_document_free(doc);
        if (rc != MLM_OK || applied == 0) {
            mlm_free(next);
            break;
        }
        mlm_document *check = mlm_parse_buffer(next, next_len, t->source, po, &err);
        if (!check) {
            mlm_free(next);
            break;
        }
        mlm_document_free(check);
        mlm_free(cur);
        cur = next;
        txt = cur;
        n = next_len;
        *count += applied;
    }
    if (cur)
        *out_len = n;
    return cur;
}

/* --fix on a file: the fixed text (written, or kept for --diff), and the
 * results of what remains; on standard input (--fix -), the text to write
 * out, fixed or as it came (even when it is not JSON: a filter loses
 * nothing). NULL when the input cannot be read (the caller reports it as
 * without --fix). */
static doc_result *fix_file(const cli_options *o, const task *t, const mlm_parse_options *po,
                            mlm_error *err)
{
    size_t len = 0, new_len = 0, count = 0;
    size_t max = po->max_bytes ? po->max_bytes : MLM_DEFAULT_MAX_BYTES;
    char *text = NULL;
    bool in = strcmp(t->source, "<stdin>") == 0;
    if (mlm_read_file(in ? "-" : t->source, max, &text, &len, err) != 0)
        return NULL;
    char *fixed = fix_text(o, t, po, text, len, &new_len, &count);
    char *why = NULL;
    if (fixed && !o->fix_diff && !in) {
        char reason[512];
        if (textfile_replace(t->source, fixed, new_len, "mlm-validate", reason, sizeof(reason)) !=
            0) {
            size_t wl = strlen(reason) + 128;
            why = malloc(wl);
            if (why)
                snprintf(why, wl,
                         "cannot rewrite the file with %zu fix%s (it was left as it "
                         "was): %s",
                         count, count == 1 ? "" : "es", reason);
            mlm_free(fixed);
            fixed = NULL;
        }
    }
    /* What remains: the fixed text, or the file as it is. */
    const char *now = fixed ? fixed : text;
    size_t now_len = fixed ? new_len : len;
    mlm_document *doc = mlm_parse_buffer(now, now_len, t->source, po, err);
    doc_result *r = NULL;
    if (doc) {
        if (t->found)
            found_publish(t->found, t->source, mlm_document_json(doc));
        r = validate_doc(o, t, doc, po);
        mlm_document_free(doc);
    } else {
        r = failed(t->source, err);
    }
    if (r && in && !o->fix_diff) {
        r->fixes_applied = fixed ? count : 0;
        r->fix_new = fixed ? fixed : text;
        r->fix_new_len = fixed ? new_len : len;
        if (fixed)
            fixed = NULL;
        else
            text = NULL;
    } else if (r) {
        r->fix_error = why;
        why = NULL;
        if (fixed) {
            r->fixes_applied = count;
            if (o->fix_diff) {
                r->fix_old = text;
                r->fix_old_len = len;
                r->fix_new = fixed;
                r->fix_new_len = new_len;
                text = NULL;
                fixed = NULL;
            }
        }
    }
    free(why);
    mlm_free(text);
    mlm_free(fixed);
    return r;
}

/* Keep the line of buf (len bytes) holding a JSON syntax error, for the snippet under it
 * (text format), as diagnostics keep theirs. */
static void keep_error_line(doc_result *r, const char *buf, size_t len)
{
    long pos = r->err.position;
    if (!r || !r->load_failed || r->err.line <= 0 || pos < 0 || (size_t)pos > len || !buf)
        return;
    size_t bol = (size_t)pos, eol = (size_t)pos;
    while (bol > 0 && buf[bol - 1] != '\n')
        bol--;
    while (eol < len && buf[eol] != '\n' && buf[eol] != '\r')
        eol++;
    if (eol - bol > 4096)
        return;
    r->err_line = strndup(buf + bol, eol - bol);
    r->err_column = 1;
    for (size_t i = bol; i < (size_t)pos; i++)
        r->err_column += ((unsigned char)buf[i] & 0xC0) != 0x80;
}

/* The same for a file: read it again, up to the line after the error (files only). */
static void keep_error_line_of_file(doc_result *r, const char *path)
{
    if (!r || !r->load_failed || r->err.line <= 0 || r->err.position < 0 || strcmp(path, "-") == 0)
        return;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    size_t want = (size_t)r->err.position + 4097, len = 0;
    char *buf = malloc(want);
    if (buf)
        len = fread(buf, 1, want, f);
    fclose(f);
    keep_error_line(r, buf, len);
    free(buf);
}

static doc_result *process_task_untimed(const cli_options *o, const task *t)
{
    mlm_parse_options po;
    parse_options_of(o, &po, t->line_offset);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = NULL;
    switch (t->kind) {
    case TASK_FAILED: return failed(t->source, &t->err);
    case TASK_PATH:
        if (o->fix) {
            doc_result *fixed = fix_file(o, t, &po, &err);
            if (fixed)
                return fixed;
            fixed = failed(t->source, &err);
            if (o->snippets)
                keep_error_line_of_file(fixed, t->source);
            return fixed;
        }
        doc = mlm_parse_file(strcmp(t->source, "<stdin>") == 0 ? "-" : t->source, &po, &err);
        break;
    case TASK_BUFFER: doc = mlm_parse_buffer(t->data, t->len, t->source, &po, &err); break;
    case TASK_URL: {
        char *body = NULL;
        size_t len = 0;
        mlm_fetch_info info = MLM_FETCH_INFO_INIT;
        if (fetch_task(o, t, &body, &len, &info, &err) == MLM_OK) {
            doc = mlm_parse_buffer(body, len, t->source, &po, &err);
            if (!doc && o->snippets && err.line > 0) {
                doc_result *r = failed(t->source, &err);
                keep_error_line(r, body, len);
                mlm_free(body);
                mlm_fetch_info_clear(&info);
                return r;
            }
        }
        mlm_free(body);
        if (doc && t->found) /* links resolve against the URL after redirects */
            found_publish(t->found,
                          info.final_url ? info.final_url
                          : t->url       ? t->url
                                         : t->source,
                          mlm_document_json(doc));
        mlm_fetch_info_clear(&info);
        break;
    }
    }
    if (!doc) {
        doc_result *r = failed(t->source, &err);
        if (o->snippets && t->kind == TASK_BUFFER)
            keep_error_line(r, t->data, t->len);
        else if (o->snippets && t->kind == TASK_PATH)
            keep_error_line_of_file(r, t->source);
        return r;
    }
    if (t->found)
        found_publish(t->found, t->source, mlm_document_json(doc));
    doc_result *r = validate_doc(o, t, doc, &po);
    if (r && t->kind == TASK_BUFFER) /* an NDJSON line, the first one too */
        r->line = t->line_offset + 1;
    mlm_document_free(doc);
    return r;
}
