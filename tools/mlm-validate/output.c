/* Output helpers shared by the command line and every reporter: the error
 * line on standard error, the checked flush of standard output, and the
 * names and number formats several reporters print. This file depends on no
 * other file of the tool, so options.c, report.c and report_*.c may all use
 * it without a circle between them (tests/tidy/file_cycles.py). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", PROGRAM_NAME);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

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

/* The multiplication sign where the locale says UTF-8, else a plain x. */
static const char *times_sign(void)
{
    const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v)
            continue;
        for (const char *c = v; *c; c++)
            if ((c[0] == 'U' || c[0] == 'u') && (c[1] == 'T' || c[1] == 't') &&
                (c[2] == 'F' || c[2] == 'f') && (c[3] == '8' || (c[3] == '-' && c[4] == '8')))
                return "\xc3\x97";
        return "x";
    }
    return "x";
}

void format_rule_counts(const run_totals *t, const size_t *counts, char *buf, size_t size)
{
    size_t used = 0;
    const char *x = times_sign();
    buf[0] = '\0';
    for (size_t i = 0; counts && i <= t->n_rules; i++) {
        if (!counts[i])
            continue;
        const mlm_rule_info *info = i < t->n_rules ? mlm_rule_at(i) : NULL;
        int n = snprintf(buf + used, size - used, "%s%s %s%zu", used ? ", " : "",
                         info ? info->id : "other", x, counts[i]);
        if (n < 0 || (size_t)n >= size - used) {
            buf[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
}

void format_seconds(double s, char *buf, size_t size)
{
    if (s < 0)
        s = 0;
    if (s < 10)
        snprintf(buf, size, "%.2f s", s);
    else if (s < 60)
        snprintf(buf, size, "%.1f s", s);
    else
        snprintf(buf, size, "%ld min %ld s", (long)s / 60, (long)s % 60);
}
