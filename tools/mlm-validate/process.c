/* Processing one task: load, split FeatureCollections, validate. Runs on
 * worker threads: it only touches the task, the shared read-only options
 * and the thread-safe library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

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
        mlm_diagnostics_free(list->diags);
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
                                  const mlm_parse_options *po)
{
    const json_t *features = json_object_get(mlm_document_json(doc), "features");
    doc_result *head = NULL, **tail = &head;
    size_t n = json_array_size(features);
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

/* Every result names the link that led to its task (--recursive) and shares
 * the task's time. */
doc_result *process_task(const cli_options *o, const task *t)
{
    double start = cli_now();
    doc_result *list = process_task_untimed(o, t);
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

static doc_result *process_task_untimed(const cli_options *o, const task *t)
{
    mlm_parse_options po;
    parse_options_of(o, &po, t->line_offset);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = NULL;
    switch (t->kind) {
    case TASK_FAILED:
        return failed(t->source, &t->err);
    case TASK_PATH:
        doc = mlm_parse_file(strcmp(t->source, "<stdin>") == 0 ? "-" : t->source, &po, &err);
        break;
    case TASK_BUFFER:
        doc = mlm_parse_buffer(t->data, t->len, t->source, &po, &err);
        break;
    case TASK_URL: {
        mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
        cli_fetch_options(o, &fo);
        char *body = NULL;
        size_t len = 0;
        if (mlm_fetch(t->source, &fo, &body, &len, NULL, &err) == MLM_OK)
            doc = mlm_parse_buffer(body, len, t->source, &po, &err);
        mlm_free(body);
        break;
    }
    }
    if (!doc)
        return failed(t->source, &err);
    doc_result *r = !o->custom && is_feature_collection(doc)
                        ? split_features(o, t->source, doc, &po)
                        : validate_one(o, t->source, NULL, doc);
    if (r && t->kind == TASK_BUFFER && t->line_offset > 0)
        r->line = t->line_offset + 1;
    mlm_document_free(doc);
    return r;
}
