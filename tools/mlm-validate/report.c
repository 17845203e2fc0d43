/* Reporters: the registry of output formats, and the two basic ones:
 * compiler-style text and JSON Lines. The others have a file each
 * (report_github.c, report_sarif.c, report_junit.c); what several of them
 * share is in output.c, which depends on none of them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* --- text ------------------------------------------------------------------ */

/* ANSI SGR: severity words in colour, rule ids in bold (only with colour). */
static const char *sgr_severity(const cli_options *o, mlm_severity s)
{
    if (!o->use_color)
        return "";
    switch (s) {
    case MLM_SEVERITY_ERROR: return "\033[1;31m";
    case MLM_SEVERITY_WARNING: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}
#define SGR_BOLD(o) ((o)->use_color ? "\033[1m" : "")
#define SGR_RESET(o) ((o)->use_color ? "\033[0m" : "")

static bool text_has_output(const cli_options *o, const doc_result *r)
{
    if (r->load_failed)
        return true;
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++)
        if (!o->quiet || mlm_diagnostics_get(r->diags, i)->severity == MLM_SEVERITY_ERROR)
            return true;
    return false;
}

/* The snippet under a diagnostic, as compilers show it: the document's line
 * and a caret under the value's column. Tabs become spaces (to the next
 * multiple of 8), control characters are shown as '?', and a line wider than
 * SNIPPET_WIDTH columns is cut around the caret, each cut marked "...".
 * Positions count characters (UTF-8 code points); the caret is placed by
 * display columns (wide East Asian characters and emoji take two, combining
 * marks none). */
#define SNIPPET_WIDTH 100

/* Length in bytes of the UTF-8 character at p (1 for a stray byte). */
static size_t utf8_len(const unsigned char *p)
{
    size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0u) != 0x80u)
            return 1;
    return n;
}

/* The code point of the UTF-8 character at p (n bytes). */
static unsigned utf8_code_point(const unsigned char *p, size_t n)
{
    if (n == 1)
        return *p;
    unsigned cp = *p & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3Fu);
    return cp;
}

/* Terminal columns of a code point: 0 for combining marks, 2 for the wide
 * East Asian ranges and emoji, else 1 (enough to keep the caret aligned on
 * the documents people write; not the full Unicode width tables). */
static size_t char_width(unsigned cp)
{
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* Display width of the character at p whose line position is `at`. */
static size_t display_width(const unsigned char *p, size_t at)
{
    if (*p == '\t')
        return 8 - at % 8;
    size_t n = utf8_len(p);
    return n == 1 ? 1 : char_width(utf8_code_point(p, n));
}

static void print_snippet(const cli_options *o, const mlm_diagnostic *d)
{
    const unsigned char *line = (const unsigned char *)d->source_line;
    if (!line || d->source_column < 1)
        return;
    /* First pass: each character's display column (tabs expanded). */
    size_t width = 0, caret = 0;
    int col = 1;
    for (const unsigned char *p = line; *p; p += utf8_len(p), col++) {
        size_t w = display_width(p, width);
        if (col == d->source_column)
            caret = width;
        width += w;
    }
    if (d->source_column >= col) /* at the end of the line */
        caret = width;
    /* The window of display columns to show. */
    size_t from = 0, to = width;
    bool cut_left = false, cut_right = false;
    if (width > SNIPPET_WIDTH) {
        from = caret > SNIPPET_WIDTH / 3 ? caret - SNIPPET_WIDTH / 3 : 0;
        to = from + SNIPPET_WIDTH;
        if (to > width) {
            to = width;
            from = to > SNIPPET_WIDTH ? to - SNIPPET_WIDTH : 0;
        }
        cut_left = from > 0;
        cut_right = to < width;
    }
    char gutter[32];
    int gw = snprintf(gutter, sizeof(gutter), "%5d | ", d->line);
    fputs(gutter, stdout);
    if (cut_left)
        fputs("...", stdout);
    size_t at = 0;
    for (const unsigned char *p = line; *p; p += utf8_len(p)) {
        size_t n = utf8_len(p);
        size_t w = display_width(p, at);
        if (*p == '\t') {
            for (size_t k = 0; k < w; k++, at++)
                if (at >= from && at < to)
                    putchar(' ');
        } else if (w == 0) { /* a combining mark joins the character before it */
            if (at > from && at <= to)
                fwrite(p, 1, n, stdout);
        } else {
            /* A character is shown whole or not at all (a wide one cut by the
             * window edge becomes a space, so the columns stay right). */
            bool inside = at >= from && at + w <= to;
            if (inside && (*p < 0x20 || *p == 0x7F || (n == 1 && *p >= 0x80)))
                putchar('?');
            else if (inside)
                fwrite(p, 1, n, stdout);
            else
                for (size_t k = 0; k < w; k++)
                    if (at + k >= from && at + k < to)
                        putchar(' ');
            at += w;
        }
    }
    if (cut_right)
        fputs("...", stdout);
    putchar('\n');
    printf("%*s| ", gw > 2 ? gw - 2 : 0, "");
    size_t pad = caret - from + (cut_left ? 3 : 0);
    for (size_t k = 0; k < pad; k++)
        putchar(' ');
    printf("%s^%s\n", sgr_severity(o, d->severity), SGR_RESET(o));
}

static int text_document(const cli_options *o, void *state, const doc_result *r)
{
    (void)state;
    const char *red = sgr_severity(o, MLM_SEVERITY_ERROR), *bold = SGR_BOLD(o),
               *reset = SGR_RESET(o);
    if (r->via && text_has_output(o, r))
        printf("%s: %snote%s: linked from %s (rel=%s)\n", r->source,
               sgr_severity(o, MLM_SEVERITY_INFO), reset, r->via, r->via_rel ? r->via_rel : "?");
    if (r->load_failed) {
        const mlm_error *e = &r->err;
        if (e->line > 0)
            printf("%s:%d:%d: %serror%s[%s%s%s]: %s\n", r->source, e->line, e->column, red, reset,
                   bold, load_code_name(e->code), reset, e->text);
        else
            printf("%s: %serror%s[%s%s%s]: %s%s%s\n", r->source, red, reset, bold,
                   load_code_name(e->code), reset, e->text, r->pointer ? " (at " : "",
                   r->pointer ? r->pointer : "");
        if (!e->line && r->pointer)
            printf(")\n");
        if (o->snippets && r->err_line) {
            /* the source line and a caret, as under a diagnostic */
            mlm_diagnostic d;
            memset(&d, 0, sizeof(d));
            d.line = r->err.line;
            d.source_line = r->err_line;
            d.source_column = r->err_column;
            print_snippet(o, &d);
        }
    }
    if (r->fix_error)
        printf("%s: %serror%s: %s\n", r->source, red, reset, r->fix_error);
    else if (r->fixes_applied && !o->quiet)
        printf("%s: %snote%s: %zu fix%s applied%s; what remains:\n", r->source,
               sgr_severity(o, MLM_SEVERITY_INFO), reset, r->fixes_applied,
               r->fixes_applied == 1 ? "" : "es",
               o->fix_diff     ? " in the diff (the file was not written)"
               : o->fix_stdout ? " in the document written to standard output"
                               : " and the file rewritten");
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        const char *ptr = d->pointer[0] ? d->pointer : "/";
        const char *sev = sgr_severity(o, d->severity);
        if (d->line > 0)
            printf("%s:%d:%d: %s%s%s[%s%s%s]: %s (at %s)\n", r->source, d->line, d->column, sev,
                   mlm_severity_name(d->severity), reset, bold, d->rule_id, reset, d->message, ptr);
        else
            printf("%s: %s%s%s[%s%s%s]: %s (at %s)\n", r->source, sev,
                   mlm_severity_name(d->severity), reset, bold, d->rule_id, reset, d->message, ptr);
        if (o->snippets)
            print_snippet(o, d);
        if (d->hint)
            printf("    hint: %s\n", d->hint);
        const mlm_fix *f = mlm_diagnostics_fix(r->diags, i);
        if (f)
            printf("    fix: %s (%s)\n", f->description,
                   !f->text_edit_count ? "not applicable to the text"
                   : f->safe           ? "safe; --fix applies it"
                                       : "unsafe; --fix-unsafe applies it");
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
    if (o->fix)
        printf("  fixed: %zu fix%s in %zu file%s%s\n", t->fixes_applied,
               t->fixes_applied == 1 ? "" : "es", t->files_fixed, t->files_fixed == 1 ? "" : "s",
               o->fix_diff     ? " (shown as a diff; nothing written)"
               : o->fix_stdout ? " (written to standard output)"
                               : "");
    if (t->incomplete)
        printf("  %zu document%s checked only in part: a schema could not be resolved (MLM012)\n",
               t->incomplete, t->incomplete == 1 ? "" : "s");
    char buf[1024];
    format_rule_counts(t, t->rule_errors, buf, sizeof(buf));
    if (buf[0])
        printf("  %serrors%s by rule: %s\n", sgr_severity(o, MLM_SEVERITY_ERROR), SGR_RESET(o),
               buf);
    format_rule_counts(t, t->rule_warnings, buf, sizeof(buf));
    if (buf[0])
        printf("  %swarnings%s by rule: %s\n", sgr_severity(o, MLM_SEVERITY_WARNING), SGR_RESET(o),
               buf);
    if (o->config.n) { /* say when the rules were tuned, and from where */
        size_t changed = 0;
        mlm_severity sev;
        for (size_t i = 0; i < mlm_rule_count(); i++)
            changed += (size_t)cli_config_final(&o->config, mlm_rule_at(i)->id, &sev);
        printf("  rule settings: %zu rule%s changed by %s%s\n", changed, changed == 1 ? "" : "s",
               o->config.file ? o->config.file : "the command line",
               o->config.file && o->flag_rules.n ? " and the command line" : "");
    }
    char secs[32];
    format_seconds(t->seconds, secs, sizeof(secs));
    printf("  time: %s\n", secs);
    return checked_flush();
}

json_t *related_json(const mlm_diagnostics *d, size_t index)
{
    size_t n = mlm_diagnostics_related_count(d, index);
    json_t *list = n ? json_array() : NULL;
    for (size_t k = 0; list && k < n; k++) {
        const char *pointer = NULL;
        int line = 0, column = 0;
        mlm_diagnostics_related(d, index, k, &pointer, &line, &column);
        json_array_append_new(list, json_pack("{s:s,s:o,s:o}", "pointer", pointer, "line",
                                              line > 0 ? json_integer(line) : json_null(), "column",
                                              column > 0 ? json_integer(column) : json_null()));
    }
    return list;
}

json_t *fix_json(const mlm_fix *f)
{
    json_t *j = json_object(), *patch = json_array(), *edits = json_array();
    if (!j || !patch || !edits) {
        json_decref(j);
        json_decref(patch);
        json_decref(edits);
        return NULL;
    }
    json_object_set_new(j, "description", json_string(f->description));
    json_object_set_new(j, "safe", json_boolean(f->safe));
    for (size_t k = 0; k < f->op_count; k++) {
        const mlm_patch_op *op = &f->ops[k];
        json_t *o = json_object();
        json_object_set_new(o, "op", json_string(op->op));
        if (op->from)
            json_object_set_new(o, "from", json_string(op->from));
        json_object_set_new(o, "path", json_string(op->path));
        if (op->value) {
            json_t *v = json_loads(op->value, JSON_DECODE_ANY, NULL);
            json_object_set_new(o, "value", v ? v : json_null());
        }
        json_array_append_new(patch, o);
    }
    for (size_t k = 0; k < f->text_edit_count; k++) {
        const mlm_text_edit *e = &f->text_edits[k];
        json_array_append_new(edits,
                              json_pack("{s:{s:i,s:i},s:{s:i,s:i},s:s}", "start", "line",
                                        e->start_line, "column", e->start_column, "end", "line",
                                        e->end_line, "column", e->end_column, "text", e->new_text));
    }
    json_object_set_new(j, "patch", patch);
    json_object_set_new(j, "edits", edits);
    return j;
}

/* --- JSON Lines -------------------------------------------------------------- */

json_t *report_json(const cli_options *o, const doc_result *r)
{
    json_t *obj = json_object();
    json_t *list = json_array();
    if (!obj || !list) {
        json_decref(obj);
        json_decref(list);
        return NULL;
    }
    json_object_set_new(obj, "source", json_string(r->source));
    if (r->pointer)
        json_object_set_new(obj, "pointer", json_string(r->pointer));
    if (r->line > 0)
        json_object_set_new(obj, "line", json_integer(r->line));
    if (r->via) {
        json_t *via = json_object();
        json_object_set_new(via, "source", json_string(r->via));
        json_object_set_new(via, "rel", json_string(r->via_rel ? r->via_rel : ""));
        json_object_set_new(obj, "via", via);
    }
    json_object_set_new(obj, "valid", json_boolean(!result_failed(o, r)));
    json_object_set_new(obj, "complete",
                        json_boolean(!r->load_failed && mlm_diagnostics_unresolved(r->diags) == 0));
    if (r->has_doc) {
        /* The version the rules assumed (inferred ones too), and why. */
        const char *how = NULL, *why = NULL;
        mlm_spec_version v = mlm_diagnostics_spec_version(r->diags, &how, &why);
        if (v == MLM_SPEC_UNKNOWN && r->spec != MLM_SPEC_UNKNOWN) {
            v = r->spec;
            how = "declared";
            why = NULL;
        }
        json_object_set_new(obj, "mlm_version",
                            v == MLM_SPEC_UNKNOWN ? json_null()
                                                  : json_string(mlm_spec_version_name(v)));
        if (v != MLM_SPEC_UNKNOWN && how) {
            json_object_set_new(obj, "mlm_version_origin", json_string(how));
            if (why)
                json_object_set_new(obj, "mlm_version_reason", json_string(why));
        }
        const char *st = stac_type_name(r->stac_type);
        json_object_set_new(obj, "stac_type", st ? json_string(st) : json_null());
    }
    if (o->fix)
        json_object_set_new(obj, "fixed", json_integer((json_int_t)r->fixes_applied));
    if (r->fix_error)
        json_object_set_new(obj, "fix_error", json_string(r->fix_error));
    json_object_set_new(
        obj, "errors",
        json_integer((json_int_t)mlm_diagnostics_count_severity(r->diags, MLM_SEVERITY_ERROR)));
    json_object_set_new(
        obj, "warnings",
        json_integer((json_int_t)mlm_diagnostics_count_severity(r->diags, MLM_SEVERITY_WARNING)));
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
        json_t *rel = related_json(r->diags, i);
        if (rel)
            json_object_set_new(j, "related", rel);
        const mlm_fix *f = mlm_diagnostics_fix(r->diags, i);
        json_t *fj = f ? fix_json(f) : NULL;
        if (fj)
            json_object_set_new(j, "fix", fj);
        json_array_append_new(list, j);
    }
    json_object_set_new(obj, "diagnostics", list);
    json_object_set_new(obj, "configuration", cli_config_json(&o->config));
    return obj;
}

static int json_document(const cli_options *o, void *state, const doc_result *r)
{
    (void)state;
    json_t *obj = report_json(o, r);
    if (!obj)
        return -1;
    int rc = json_dumpf(obj, stdout, JSON_COMPACT | JSON_ENSURE_ASCII) == 0 ? 0 : -1;
    putchar('\n');
    json_decref(obj);
    return rc == 0 ? checked_flush() : -1;
}

/* --- registry ------------------------------------------------------------------ */

static const reporter reporter_text = {"text", NULL, text_document, text_end};
static const reporter reporter_json = {"json", NULL, json_document, NULL};

static const reporter *const reporters[] = {
    &reporter_text, &reporter_json, &reporter_github, &reporter_sarif, &reporter_junit,
};

const reporter *reporter_find(const char *name)
{
    for (size_t i = 0; i < sizeof(reporters) / sizeof(reporters[0]); i++)
        if (strcmp(reporters[i]->name, name) == 0)
            return reporters[i];
    return NULL;
}

const char *reporter_names(void) { return "text, json, github, sarif, junit"; }
