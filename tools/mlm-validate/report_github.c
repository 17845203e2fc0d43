/* --format github: GitHub Actions workflow commands, one annotation per
 * diagnostic (::error file=F,line=L,col=C,title=T::message), so findings
 * show up on the lines of the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
#include <string.h>

#include "cli.h"

/* Workflow-command escaping: the message escapes %, CR and LF; property
 * values also escape ':' and ','. */
static void put_escaped(const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", stdout); break;
        case '\r': fputs("%0D", stdout); break;
        case '\n': fputs("%0A", stdout); break;
        case ':':
            if (property)
                fputs("%3A", stdout);
            else
                putchar(':');
            break;
        case ',':
            if (property)
                fputs("%2C", stdout);
            else
                putchar(',');
            break;
        default: putchar(*s);
        }
    }
}

/* Only files can carry file=: URLs and standard input are named in the text. */
static bool is_file_source(const char *s) { return strcmp(s, "<stdin>") != 0 && !strstr(s, "://"); }

static void annotation(const char *command, const doc_result *r, int line, int column,
                       const char *title, const char *message, const char *pointer,
                       const char *hint)
{
    /* A workflow command is one line: the hint and the link go after an
     * escaped line feed (%0A). */
    bool file = is_file_source(r->source);
    printf("::%s ", command);
    if (file) {
        fputs("file=", stdout);
        put_escaped(r->source, true);
        if (line > 0) {
            printf(",line=%d", line);
            if (column > 0)
                printf(",col=%d", column);
        }
        putchar(',');
    }
    fputs("title=", stdout);
    put_escaped(title, true);
    fputs("::", stdout);
    if (!file) {
        put_escaped(r->source, false);
        fputs(": ", stdout);
    }
    put_escaped(message, false);
    if (pointer) {
        fputs(" (at ", stdout);
        put_escaped(pointer[0] ? pointer : "/", false);
        putchar(')');
    }
    if (hint) {
        fputs("%0Ahint: ", stdout);
        put_escaped(hint, false);
    }
    if (r->via) {
        fputs("%0Alinked from ", stdout);
        put_escaped(r->via, false);
        fputs(" (rel=", stdout);
        put_escaped(r->via_rel ? r->via_rel : "?", false);
        putchar(')');
    }
    putchar('\n');
}

static int github_document(const cli_options *o, void *state, const doc_result *r)
{
    (void)state;
    if (r->load_failed) {
        char title[64];
        snprintf(title, sizeof(title), "%s", load_code_name(r->err.code));
        annotation("error", r, r->err.line, r->err.column, title, r->err.text, r->pointer, NULL);
    }
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        const char *cmd = d->severity == MLM_SEVERITY_ERROR     ? "error"
                          : d->severity == MLM_SEVERITY_WARNING ? "warning"
                                                                : "notice";
        const mlm_rule_info *info = mlm_rule_find(d->rule_id);
        char title[128];
        snprintf(title, sizeof(title), "%s%s%s", d->rule_id, info ? " " : "",
                 info ? info->name : "");
        annotation(cmd, r, d->line, d->column, title, d->message, d->pointer, d->hint);
    }
    return checked_flush();
}

/* The summary as a plain log line (and a notice, so it shows on the run page). */
static int github_end(const cli_options *o, void *state, const run_totals *t)
{
    (void)state;
    if (o->quiet)
        return 0;
    char byrule[1024], secs[32];
    format_rule_counts(t, t->rule_errors, byrule, sizeof(byrule));
    format_seconds(t->seconds, secs, sizeof(secs));
    printf("::notice title=mlm-validate::%zu document%s checked: %zu valid, %zu invalid, "
           "%zu unreadable; %zu error%s, %zu warning%s in %s",
           t->documents, t->documents == 1 ? "" : "s", t->valid, t->invalid, t->unreadable,
           t->errors, t->errors == 1 ? "" : "s", t->warnings, t->warnings == 1 ? "" : "s", secs);
    if (byrule[0]) {
        fputs("%0Aerrors by rule: ", stdout);
        put_escaped(byrule, false);
    }
    format_rule_counts(t, t->rule_warnings, byrule, sizeof(byrule));
    if (byrule[0]) {
        fputs("%0Awarnings by rule: ", stdout);
        put_escaped(byrule, false);
    }
    putchar('\n');
    return checked_flush();
}

const reporter reporter_github = {"github", NULL, github_document, github_end};
