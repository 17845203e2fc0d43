/* Reporters: compiler-style text and JSON Lines. */
#include <string.h>

#include "cli.h"

static const char *load_code_name(int code)
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

static int checked_flush(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("cannot write to standard output");
        return -1;
    }
    return 0;
}

static void text_load_error(const char *source, const mlm_error *e)
{
    if (e->line > 0)
        printf("%s:%d:%d: error[%s]: %s\n", source, e->line, e->column, load_code_name(e->code),
               e->text);
    else
        printf("%s: error[%s]: %s\n", source, load_code_name(e->code), e->text);
}

static void text_diag(const char *source, const mlm_diagnostic *d)
{
    if (d->line > 0)
        printf("%s:%d:%d: %s[%s]: %s (at %s)\n", source, d->line, d->column,
               mlm_severity_name(d->severity), d->rule_id, d->message,
               d->pointer[0] ? d->pointer : "/");
    else
        printf("%s: %s[%s]: %s (at %s)\n", source, mlm_severity_name(d->severity), d->rule_id,
               d->message, d->pointer[0] ? d->pointer : "/");
    if (d->hint)
        printf("    hint: %s\n", d->hint);
}

static const char *stac_type_name(mlm_stac_type t)
{
    switch (t) {
    case MLM_STAC_ITEM: return "Feature";
    case MLM_STAC_COLLECTION: return "Collection";
    case MLM_STAC_CATALOG: return "Catalog";
    case MLM_STAC_UNKNOWN: break;
    }
    return NULL;
}

static int json_document(const cli_options *o, const char *source, const mlm_document *doc,
                         const mlm_diagnostics *diags, const mlm_error *load_err, bool valid)
{
    json_t *obj = json_object();
    json_t *list = json_array();
    if (!obj || !list) {
        json_decref(obj);
        json_decref(list);
        return -1;
    }
    json_object_set_new(obj, "source", json_string(source));
    json_object_set_new(obj, "valid", json_boolean(valid));
    if (doc) {
        mlm_spec_version v = mlm_document_spec_version(doc);
        json_object_set_new(obj, "mlm_version",
                            v == MLM_SPEC_UNKNOWN ? json_null() : json_string(mlm_spec_version_name(v)));
        const char *st = stac_type_name(mlm_document_stac_type(doc));
        json_object_set_new(obj, "stac_type", st ? json_string(st) : json_null());
    }
    json_object_set_new(obj, "errors",
                        json_integer((json_int_t)mlm_diagnostics_count_severity(diags, MLM_SEVERITY_ERROR)));
    json_object_set_new(obj, "warnings",
                        json_integer((json_int_t)mlm_diagnostics_count_severity(diags, MLM_SEVERITY_WARNING)));
    if (load_err) {
        json_t *le = json_object();
        json_object_set_new(le, "code", json_string(load_code_name(load_err->code)));
        json_object_set_new(le, "message", json_string(load_err->text));
        if (load_err->line > 0) {
            json_object_set_new(le, "line", json_integer(load_err->line));
            json_object_set_new(le, "column", json_integer(load_err->column));
        }
        json_object_set_new(obj, "load_error", le);
    }
    for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
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
    return rc;
}

int report_document(const cli_options *o, const char *source, const mlm_document *doc,
                    const mlm_diagnostics *diags, const mlm_error *load_err, run_totals *t)
{
    t->documents++;
    size_t errors = mlm_diagnostics_count_severity(diags, MLM_SEVERITY_ERROR);
    size_t warnings = mlm_diagnostics_count_severity(diags, MLM_SEVERITY_WARNING);
    t->errors += errors;
    t->warnings += warnings;
    bool unreadable = load_err != NULL;
    bool failed = unreadable || mlm_diagnostics_failed(diags, o->strict);
    if (unreadable)
        t->unreadable++;
    else if (failed)
        t->invalid++;
    else
        t->valid++;
    if (o->format == FORMAT_JSON) {
        if (json_document(o, source, doc, diags, load_err, !failed) != 0)
            cli_errorf("cannot write the JSON report");
    } else {
        if (load_err)
            text_load_error(source, load_err);
        for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
            const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
            if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
                continue;
            text_diag(source, d);
        }
    }
    checked_flush();
    if (unreadable)
        return EXIT_UNREADABLE;
    return failed ? EXIT_INVALID : EXIT_VALID;
}

int report_summary(const cli_options *o, const run_totals *t)
{
    if (o->format != FORMAT_TEXT || o->quiet)
        return 0;
    printf("%zu document%s checked: %zu valid, %zu invalid, %zu unreadable; "
           "%zu error%s, %zu warning%s\n",
           t->documents, t->documents == 1 ? "" : "s", t->valid, t->invalid, t->unreadable,
           t->errors, t->errors == 1 ? "" : "s", t->warnings, t->warnings == 1 ? "" : "s");
    return checked_flush();
}
