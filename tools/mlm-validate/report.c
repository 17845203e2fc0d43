/* Reporters: the registry of output formats, and the two basic ones:
 * compiler-style text and JSON Lines. */
#include <string.h>

#include "cli.h"

const char *load_code_name(int code)
{
    switch (code) {
    case MLM_ERR_NOMEM: return "NOMEM";
    case MLM_ERR_IO: return "IO";
    case MLM_ERR_TOO_LARGE: return "TOO-LARGE";
    case MLM_ERR_JSON: return "JSON";
    case MLM_ERR_NOT_OBJECT: return "NOT-OBJECT";
    case MLM_ERR_NETWORK: return "NETWORK";
    case MLM_ERR_HTTP: return "HTTP";
    case MLM_ERR_UNSUPPORTED: return "UNSUPPORTED";
    case MLM_ERR_SCHEMA: return "SCHEMA";
    case MLM_ERR_DEPTH: return "DEPTH";
    case MLM_ERR_ENCODING: return "ENCODING";
    default: return "LOAD";
    }
}

const char *stac_type_name(mlm_stac_type t)
{
    switch (t) {
    case MLM_STAC_ITEM: return "Feature";
    case MLM_STAC_COLLECTION: return "Collection";
    case MLM_STAC_CATALOG: return "Catalog";
    case MLM_STAC_UNKNOWN: break;
    }
    return NULL;
}

int checked_flush(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("cannot write to standard output");
        return -1;
    }
    return 0;
}

bool result_failed(const cli_options *o, const doc_result *r)
{
    return r->load_failed || mlm_diagnostics_failed(r->diags, o->strict);
}

/* --- text ------------------------------------------------------------------ */

static int text_document(const cli_options *o, void *state, const doc_result *r)
{
    (void)state;
    if (r->load_failed) {
        const mlm_error *e = &r->err;
        if (e->line > 0)
            printf("%s:%d:%d: error[%s]: %s\n", r->source, e->line, e->column,
                   load_code_name(e->code), e->text);
        else
            printf("%s: error[%s]: %s%s%s\n", r->source, load_code_name(e->code), e->text,
                   r->pointer ? " (at " : "", r->pointer ? r->pointer : "");
        if (!e->line && r->pointer)
            printf(")\n");
    }
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        const char *ptr = d->pointer[0] ? d->pointer : "/";
        if (d->line > 0)
            printf("%s:%d:%d: %s[%s]: %s (at %s)\n", r->source, d->line, d->column,
                   mlm_severity_name(d->severity), d->rule_id, d->message, ptr);
        else
            printf("%s: %s[%s]: %s (at %s)\n", r->source, mlm_severity_name(d->severity),
                   d->rule_id, d->message, ptr);
        if (d->hint)
            printf("    hint: %s\n", d->hint);
    }
    return checked_flush();
}

static int text_end(const cli_options *o, void *state, const run_totals *t)
{
    (void)state;
    if (o->quiet)
        return 0;
    printf("%zu document%s checked: %zu valid, %zu invalid, %zu unreadable; "
           "%zu error%s, %zu warning%s\n",
           t->documents, t->documents == 1 ? "" : "s", t->valid, t->invalid, t->unreadable,
           t->errors, t->errors == 1 ? "" : "s", t->warnings, t->warnings == 1 ? "" : "s");
    return checked_flush();
}

/* --- JSON Lines -------------------------------------------------------------- */

static int json_document(const cli_options *o, void *state, const doc_result *r)
{
    (void)state;
    json_t *obj = json_object();
    json_t *list = json_array();
    if (!obj || !list) {
        json_decref(obj);
        json_decref(list);
        return -1;
    }
    json_object_set_new(obj, "source", json_string(r->source));
    if (r->pointer)
        json_object_set_new(obj, "pointer", json_string(r->pointer));
    if (r->line > 0)
        json_object_set_new(obj, "line", json_integer(r->line));
    json_object_set_new(obj, "valid", json_boolean(!result_failed(o, r)));
    if (r->has_doc) {
        json_object_set_new(obj, "mlm_version", r->spec == MLM_SPEC_UNKNOWN
                                                    ? json_null()
                                                    : json_string(mlm_spec_version_name(r->spec)));
        const char *st = stac_type_name(r->stac_type);
        json_object_set_new(obj, "stac_type", st ? json_string(st) : json_null());
    }
    json_object_set_new(obj, "errors", json_integer((json_int_t)mlm_diagnostics_count_severity(
                                           r->diags, MLM_SEVERITY_ERROR)));
    json_object_set_new(obj, "warnings", json_integer((json_int_t)mlm_diagnostics_count_severity(
                                             r->diags, MLM_SEVERITY_WARNING)));
    if (r->load_failed) {
        json_t *le = json_object();
        json_object_set_new(le, "code", json_string(load_code_name(r->err.code)));
        json_object_set_new(le, "message", json_string(r->err.text));
        if (r->err.line > 0) {
            json_object_set_new(le, "line", json_integer(r->err.line));
            json_object_set_new(le, "column", json_integer(r->err.column));
        }
        json_object_set_new(obj, "load_error", le);
    }
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        json_t *j = json_object();
        json_object_set_new(j, "severity", json_string(mlm_severity_name(d->severity)));
        json_object_set_new(j, "rule", json_string(d->rule_id));
        json_object_set_new(j, "pointer", json_string(d->pointer));
        json_object_set_new(j, "line", d->line > 0 ? json_integer(d->line) : json_null());
        json_object_set_new(j, "column", d->column > 0 ? json_integer(d->column) : json_null());
        json_object_set_new(j, "message", json_string(d->message));
        if (d->hint)
            json_object_set_new(j, "hint", json_string(d->hint));
        if (d->schema_location)
            json_object_set_new(j, "schema_location", json_string(d->schema_location));
        json_array_append_new(list, j);
    }
    json_object_set_new(obj, "diagnostics", list);
    int rc = json_dumpf(obj, stdout, JSON_COMPACT | JSON_ENSURE_ASCII) == 0 ? 0 : -1;
    putchar('\n');
    json_decref(obj);
    return rc == 0 ? checked_flush() : -1;
}

/* --- registry ------------------------------------------------------------------ */

static const reporter reporters[] = {
    {"text", NULL, text_document, text_end},
    {"json", NULL, json_document, NULL},
};

const reporter *reporter_find(const char *name)
{
    for (size_t i = 0; i < sizeof(reporters) / sizeof(reporters[0]); i++)
        if (strcmp(reporters[i].name, name) == 0)
            return &reporters[i];
    return NULL;
}

const char *reporter_names(void) { return "text, json"; }
