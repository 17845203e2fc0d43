/* --format junit: JUnit XML for CI test reports (Jenkins, GitLab, Azure
 * DevOps, GitHub test-report actions). One <testsuite> per run, one
 * <testcase> per document: <failure> when it is invalid, <error> when it
 * could not be read; warnings of a passing document go to <system-out>.
 *
 * The counts go on <testsuite> before the test cases, so the test cases are
 * kept as XML text in memory and written by end(). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct junit_state {
    FILE *mem; /* the <testcase> elements */
    char *buf;
    size_t len;
    char timestamp[32];
} junit_state;

/* Write @p s as XML 1.0 character data or attribute value: markup escaped,
 * invalid UTF-8 and the characters XML 1.0 forbids (C0 controls but tab,
 * LF and CR; U+FFFE, U+FFFF) replaced by U+FFFD; in attributes, tab, LF and
 * CR as character references so that attribute normalisation keeps them. */
static void xml_put(FILE *f, const char *str, bool attr)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    while (*s) {
        unsigned char c = *s;
        if (c < 0x80) {
            switch (c) {
            case '&': fputs("&amp;", f); break;
            case '<': fputs("&lt;", f); break;
            case '>': fputs("&gt;", f); break;
            case '"': fputs(attr ? "&quot;" : "\"", f); break;
            case '\'': fputs(attr ? "&apos;" : "'", f); break;
            case '\t': fputs(attr ? "&#9;" : "\t", f); break;
            case '\n': fputs(attr ? "&#10;" : "\n", f); break;
            case '\r': fputs("&#13;", f); break;
            default:
                if (c < 0x20)
                    fputs(replacement, f);
                else
                    fputc(c, f);
            }
            s++;
            continue;
        }
        /* A well-formed UTF-8 sequence (RFC 3629), else one bad byte. */
        size_t n = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F; /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        }
        bool ok = n > 0 && s[1] >= lo && s[1] <= hi;
        for (size_t k = 2; ok && k <= n; k++)
            ok = s[k] >= 0x80 && s[k] <= 0xBF;
        if (ok && c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
            ok = false; /* U+FFFE, U+FFFF */
        if (!ok) {
            fputs(replacement, f);
            s++;
            continue;
        }
        fwrite(s, 1, n + 1, f);
        s += n + 1;
    }
}

static int junit_begin(const cli_options *o, void **state)
{
    (void)o;
    junit_state *s = calloc(1, sizeof(*s));
    if (!s)
        return -1;
    s->mem = open_memstream(&s->buf, &s->len);
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(s->timestamp, sizeof(s->timestamp), "%Y-%m-%dT%H:%M:%S", &tm);
    *state = s;
    return s->mem ? 0 : -1;
}

/* The diagnostics as in the text report, one per line. */
static void put_diagnostics(FILE *f, const cli_options *o, const doc_result *r)
{
    if (r->via) {
        fputs("linked from ", f);
        xml_put(f, r->via, false);
        fputs(" (rel=", f);
        xml_put(f, r->via_rel ? r->via_rel : "?", false);
        fputs(")\n", f);
    }
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        char where[64] = "";
        if (d->line > 0)
            snprintf(where, sizeof(where), ":%d:%d", d->line, d->column);
        xml_put(f, r->source, false);
        fprintf(f, "%s: %s[", where, mlm_severity_name(d->severity));
        xml_put(f, d->rule_id, false);
        fputs("]: ", f);
        xml_put(f, d->message, false);
        fputs(" (at ", f);
        xml_put(f, d->pointer[0] ? d->pointer : "/", false);
        fputs(")\n", f);
        if (d->hint) {
            fputs("    hint: ", f);
            xml_put(f, d->hint, false);
            fputc('\n', f);
        }
    }
}

static int junit_document(const cli_options *o, void *state, const doc_result *r)
{
    junit_state *s = state;
    if (!s || !s->mem)
        return -1;
    FILE *f = s->mem;
    char name_suffix[64] = "";
    if (r->line > 0)
        snprintf(name_suffix, sizeof(name_suffix), ":%ld", r->line);
    fputs("    <testcase classname=\"" PROGRAM_NAME "\" name=\"", f);
    xml_put(f, r->source, true);
    if (r->pointer) {
        fputc('#', f);
        xml_put(f, r->pointer, true);
    }
    fprintf(f, "%s\" file=\"", name_suffix);
    xml_put(f, r->source, true);
    fprintf(f, "\" time=\"%.3f\"", r->seconds);

    size_t errors = mlm_diagnostics_count_severity(r->diags, MLM_SEVERITY_ERROR);
    size_t warnings = mlm_diagnostics_count_severity(r->diags, MLM_SEVERITY_WARNING);
    if (r->load_failed) {
        fputs(">\n      <error message=\"", f);
        xml_put(f, r->err.text, true);
        fprintf(f, "\" type=\"%s\">", load_code_name(r->err.code));
        xml_put(f, r->source, false);
        if (r->err.line > 0)
            fprintf(f, ":%d:%d", r->err.line, r->err.column);
        fprintf(f, ": error[%s]: ", load_code_name(r->err.code));
        xml_put(f, r->err.text, false);
        fputc('\n', f);
        put_diagnostics(f, o, r);
        fputs("</error>\n    </testcase>\n", f);
    } else if (result_failed(o, r)) {
        const char *type = NULL;
        for (size_t i = 0; !type && i < mlm_diagnostics_count(r->diags); i++) {
            const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
            if (d->severity == MLM_SEVERITY_ERROR ||
                (o->strict && d->severity == MLM_SEVERITY_WARNING))
                type = d->rule_id;
        }
        fprintf(f, ">\n      <failure message=\"%zu error%s, %zu warning%s\" type=\"", errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        xml_put(f, type ? type : "invalid", true);
        fputs("\">", f);
        put_diagnostics(f, o, r);
        fputs("</failure>\n    </testcase>\n", f);
    } else if (warnings && !o->quiet) {
        fputs(">\n      <system-out>", f);
        put_diagnostics(f, o, r);
        fputs("</system-out>\n    </testcase>\n", f);
    } else {
        fputs("/>\n", f);
    }
    return ferror(f) ? -1 : 0;
}

static void put_rule_properties(const run_totals *t, const size_t *counts, const char *what)
{
    for (size_t i = 0; counts && i <= t->n_rules; i++)
        if (counts[i])
            printf("      <property name=\"%s.%s\" value=\"%zu\"/>\n", what,
                   i < t->n_rules ? mlm_rule_at(i)->id : "other", counts[i]);
}

static int junit_end(const cli_options *o, void *state, const run_totals *t)
{
    (void)o;
    junit_state *s = state;
    if (!s)
        return -1;
    int rc = s->mem && fclose(s->mem) == 0 ? 0 : -1;
    s->mem = NULL;
    char host[256] = "localhost";
    if (gethostname(host, sizeof(host) - 1) != 0)
        snprintf(host, sizeof(host), "localhost");
    host[sizeof(host) - 1] = '\0';
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<testsuites name=\"" PROGRAM_NAME "\" tests=\"%zu\" failures=\"%zu\" "
           "errors=\"%zu\" skipped=\"0\" time=\"%.3f\">\n",
           t->documents, t->invalid, t->unreadable, t->seconds);
    printf("  <testsuite name=\"" PROGRAM_NAME "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
           "skipped=\"0\" time=\"%.3f\" timestamp=\"%s\" hostname=\"",
           t->documents, t->invalid, t->unreadable, t->seconds, s->timestamp);
    xml_put(stdout, host, true);
    printf("\">\n    <properties>\n"
           "      <property name=\"mlm-validate.version\" value=\"%s\"/>\n"
           "      <property name=\"errors\" value=\"%zu\"/>\n"
           "      <property name=\"warnings\" value=\"%zu\"/>\n",
           MLM_VERSION_STRING, t->errors, t->warnings);
    put_rule_properties(t, t->rule_errors, "errors");
    put_rule_properties(t, t->rule_warnings, "warnings");
    fputs("    </properties>\n", stdout);
    if (s->buf && s->len)
        fwrite(s->buf, 1, s->len, stdout);
    fputs("  </testsuite>\n</testsuites>\n", stdout);
    free(s->buf);
    free(s);
    return checked_flush() == 0 ? rc : -1;
}

const reporter reporter_junit = {"junit", junit_begin, junit_document, junit_end};
