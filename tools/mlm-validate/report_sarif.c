/* --format sarif: one SARIF 2.1.0 log for the whole run, for code-scanning
 * dashboards (GitHub code scanning, Azure DevOps, SonarQube, ...).
 *
 * A SARIF log is one JSON object, and its rule list and totals are known
 * only at the end, so the results are kept as compact JSON text in memory
 * (one line each, nothing for a valid document) and the log is written by
 * end(). The rules are the whole registry, plus one tool rule per load
 * failure code (IO, JSON, HTTP, ...): an unreadable input is a result of
 * level "error" with such a rule, like in the text report. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define RULES_DOC "https://github.com/libmlm/libmlm/blob/main/docs/rules.md"
#define N_LOAD_CODES 12 /* MLM_ERR_NOMEM (-1) ... MLM_ERR_ENCODING (-12), then LOAD */

typedef struct sarif_state {
    FILE *mem; /* results, comma-separated JSON text */
    char *buf;
    size_t len;
    size_t n_results;
    char *cwd; /* with a trailing '/', for relative URIs */
    char start[32];
    /* toolExecutionNotifications: what kept the run from checking
     * everything (unreadable inputs, unresolved schemas). */
    json_t *notifications;
} sarif_state;

static void utc_now(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(buf, size, "1970-01-01T00:00:00Z");
}

static int sarif_begin(const cli_options *o, void **state)
{
    (void)o;
    sarif_state *s = calloc(1, sizeof(*s));
    if (!s)
        return -1;
    s->mem = open_memstream(&s->buf, &s->len);
    char *cwd = getcwd(NULL, 0);
    if (cwd) {
        s->cwd = malloc(strlen(cwd) + 2);
        if (s->cwd)
            snprintf(s->cwd, strlen(cwd) + 2, "%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/");
        free(cwd);
    }
    utc_now(s->start, sizeof(s->start));
    s->notifications = json_array();
    *state = s;
    return s->mem && s->notifications ? 0 : -1;
}

/* RFC 3986: keep unreserved characters and '/', percent-encode the rest. */
static char *uri_encode_path(const char *prefix, const char *path)
{
    size_t n = strlen(prefix) + strlen(path) * 3 + 1;
    char *out = malloc(n);
    if (!out)
        return NULL;
    size_t k = (size_t)snprintf(out, n, "%s", prefix);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            out[k++] = (char)*p;
        else
            k += (size_t)snprintf(out + k, n - k, "%%%02X", *p);
    }
    out[k] = '\0';
    return out;
}

/* The artifactLocation of a source: a URI relative to the working directory
 * (uriBaseId %SRCROOT%) when possible, else an absolute file: or http(s) URI;
 * NULL for standard input. */
static json_t *artifact_location(const sarif_state *s, const char *source)
{
    if (strcmp(source, "<stdin>") == 0)
        return NULL;
    json_t *loc = json_object();
    if (strstr(source, "://")) {
        json_object_set_new(loc, "uri", json_string(source));
        return loc;
    }
    const char *rel = source;
    if (source[0] == '/' && s->cwd && strncmp(source, s->cwd, strlen(s->cwd)) == 0)
        rel = source + strlen(s->cwd);
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    char *uri = rel[0] == '/' ? uri_encode_path("file://", rel) : uri_encode_path("", rel);
    json_object_set_new(loc, "uri", json_string(uri ? uri : ""));
    if (rel[0] != '/')
        json_object_set_new(loc, "uriBaseId", json_string("%SRCROOT%"));
    free(uri);
    return loc;
}

static size_t load_rule_index(int code)
{
    size_t base = mlm_rule_count();
    return code <= -1 && code >= -N_LOAD_CODES ? base + (size_t)(-code - 1) : base + N_LOAD_CODES;
}

static int rule_index(const char *id)
{
    for (size_t i = 0; i < mlm_rule_count(); i++)
        if (strcmp(mlm_rule_at(i)->id, id) == 0)
            return (int)i;
    return -1;
}

static json_t *text_message(const char *text);

/* result.fixes: the fix's text edits as one artifactChange (SARIF 2.1.0
 * section 3.55), columns in code points as the run's columnKind says. */
static void add_fix(const sarif_state *s, json_t *res, const doc_result *r, const mlm_fix *fix)
{
    json_t *art = artifact_location(s, r->source);
    if (!art)
        return;
    json_t *reps = json_array();
    for (size_t k = 0; k < fix->text_edit_count; k++) {
        const mlm_text_edit *e = &fix->text_edits[k];
        json_array_append_new(
            reps, json_pack("{s:{s:i,s:i,s:i,s:i},s:{s:s}}", "deletedRegion", "startLine",
                            e->start_line, "startColumn", e->start_column, "endLine", e->end_line,
                            "endColumn", e->end_column, "insertedContent", "text", e->new_text));
    }
    json_t *change = json_object(), *changes = json_array(), *f = json_object(),
           *fixes = json_array();
    json_object_set_new(change, "artifactLocation", art);
    json_object_set_new(change, "replacements", reps);
    json_array_append_new(changes, change);
    json_object_set_new(f, "description", text_message(fix->description));
    json_object_set_new(f, "artifactChanges", changes);
    json_t *props = json_object();
    json_object_set_new(props, "safe", json_boolean(fix->safe));
    json_object_set_new(f, "properties", props);
    json_array_append_new(fixes, f);
    json_object_set_new(res, "fixes", fixes);
}

/* A SARIF location: the file and line:column (when known), and the JSON
 * Pointer as a logical location (when given). */
static json_t *location_json(sarif_state *s, const doc_result *r, int line, int column,
                             const char *pointer)
{
    json_t *location = json_object();
    json_t *art = artifact_location(s, r->source);
    if (art) {
        json_t *phys = json_object();
        json_object_set_new(phys, "artifactLocation", art);
        if (line > 0) {
            json_t *region = json_object();
            json_object_set_new(region, "startLine", json_integer(line));
            if (column > 0)
                json_object_set_new(region, "startColumn", json_integer(column));
            json_object_set_new(phys, "region", region);
        }
        json_object_set_new(location, "physicalLocation", phys);
    }
    if (pointer) {
        json_t *logical = json_object();
        json_object_set_new(logical, "fullyQualifiedName", json_string(pointer[0] ? pointer : "/"));
        json_object_set_new(logical, "kind", json_string("value"));
        json_t *ll = json_array();
        json_array_append_new(ll, logical);
        json_object_set_new(location, "logicalLocations", ll);
    }
    return location;
}

/* relatedLocations: the other places of a grouped finding (diagnostic
 * @p index of @p r), each with an id and a message that says so. */
static void add_related(sarif_state *s, json_t *res, const doc_result *r, size_t index)
{
    size_t n = mlm_diagnostics_related_count(r->diags, index);
    if (n == 0)
        return;
    json_t *list = json_array();
    for (size_t k = 0; k < n; k++) {
        const char *pointer = NULL;
        int line = 0, column = 0;
        mlm_diagnostics_related(r->diags, index, k, &pointer, &line, &column);
        json_t *loc = location_json(s, r, line, column, pointer);
        json_object_set_new(loc, "id", json_integer((json_int_t)k + 1));
        json_object_set_new(loc, "message", text_message("The same finding at this position."));
        json_array_append_new(list, loc);
    }
    json_object_set_new(res, "relatedLocations", list);
}

/* One result; @p index is the rule's place in the rule list, @p diag the
 * diagnostic's place in r->diags, or -1 for a
 * load failure. */
static void add_result(sarif_state *s, const doc_result *r, const char *rule_id, int index,
                       const char *level, const char *message, const char *hint, int line,
                       int column, const char *pointer, long diag)
{
    const mlm_fix *fix = diag >= 0 ? mlm_diagnostics_fix(r->diags, (size_t)diag) : NULL;
    json_t *res = json_object();
    json_object_set_new(res, "ruleId", json_string(rule_id));
    if (index >= 0)
        json_object_set_new(res, "ruleIndex", json_integer(index));
    json_object_set_new(res, "level", json_string(level));
    size_t n = strlen(message) + (hint ? strlen(hint) + 8 : 0) + 1;
    char *text = malloc(n);
    if (text)
        snprintf(text, n, "%s%s%s", message, hint ? "\nhint: " : "", hint ? hint : "");
    json_t *msg = json_object();
    json_object_set_new(msg, "text", json_string(text ? text : message));
    free(text);
    json_object_set_new(res, "message", msg);

    json_t *location = location_json(s, r, line, column, pointer);
    json_t *props = json_object();
    json_object_set_new(props, "source", json_string(r->source));
    if (pointer)
        json_object_set_new(props, "jsonPointer", json_string(pointer));
    json_t *locations = json_array();
    json_array_append_new(locations, location);
    json_object_set_new(res, "locations", locations);
    if (r->pointer)
        json_object_set_new(props, "document", json_string(r->pointer));
    if (r->line > 0)
        json_object_set_new(props, "documentLine", json_integer(r->line));
    if (r->via) {
        json_t *via = json_object();
        json_object_set_new(via, "source", json_string(r->via));
        json_object_set_new(via, "rel", json_string(r->via_rel ? r->via_rel : ""));
        json_object_set_new(props, "via", via);
    }
    json_object_set_new(res, "properties", props);
    if (fix && fix->text_edit_count > 0)
        add_fix(s, res, r, fix);
    if (diag >= 0)
        add_related(s, res, r, (size_t)diag);

    if (s->n_results++)
        fputs(",\n", s->mem);
    json_dumpf(res, s->mem, JSON_COMPACT);
    json_decref(res);
}

/* A notification that an input, or part of it, could not be checked. */
static void add_notification(sarif_state *s, const doc_result *r, const char *id, const char *text)
{
    json_t *n = json_object();
    json_object_set_new(n, "level", json_string("error"));
    size_t len = strlen(r->source) + strlen(text) + 3;
    char *msg = malloc(len);
    if (msg)
        snprintf(msg, len, "%s: %s", r->source, text);
    json_t *m = json_object();
    json_object_set_new(m, "text", json_string(msg ? msg : text));
    free(msg);
    json_object_set_new(n, "message", m);
    json_t *desc = json_object();
    json_object_set_new(desc, "id", json_string(id));
    json_object_set_new(n, "descriptor", desc);
    json_t *art = artifact_location(s, r->source);
    if (art) {
        json_t *phys = json_object(), *loc = json_object(), *locs = json_array();
        json_object_set_new(phys, "artifactLocation", art);
        json_object_set_new(loc, "physicalLocation", phys);
        json_array_append_new(locs, loc);
        json_object_set_new(n, "locations", locs);
    }
    json_array_append_new(s->notifications, n);
}

static int sarif_document(const cli_options *o, void *state, const doc_result *r)
{
    sarif_state *s = state;
    if (!s || !s->mem)
        return -1;
    if (r->load_failed)
        add_notification(s, r, load_code_name(r->err.code), r->err.text);
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (strcmp(d->rule_id, "MLM012") == 0)
            add_notification(s, r, d->rule_id, d->message);
    }
    if (r->load_failed)
        add_result(s, r, load_code_name(r->err.code), (int)load_rule_index(r->err.code), "error",
                   r->err.text, NULL, r->err.line, r->err.column, r->pointer, -1);
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        if (o->quiet && d->severity != MLM_SEVERITY_ERROR)
            continue;
        const char *level = d->severity == MLM_SEVERITY_ERROR     ? "error"
                            : d->severity == MLM_SEVERITY_WARNING ? "warning"
                                                                  : "note";
        add_result(s, r, d->rule_id, rule_index(d->rule_id), level, d->message, d->hint, d->line,
                   d->column, d->pointer, (long)i);
    }
    return ferror(s->mem) ? -1 : 0;
}

static const char *level_of(mlm_severity sev)
{
    return sev == MLM_SEVERITY_ERROR ? "error" : sev == MLM_SEVERITY_WARNING ? "warning" : "note";
}

static json_t *text_message(const char *text)
{
    json_t *m = json_object();
    json_object_set_new(m, "text", json_string(text && *text ? text : "-"));
    return m;
}

static json_t *rule_descriptor(const mlm_rule_info *r)
{
    json_t *d = json_object();
    json_object_set_new(d, "id", json_string(r->id));
    json_object_set_new(d, "name", json_string(r->name));
    json_object_set_new(d, "shortDescription", text_message(r->summary));
    json_object_set_new(d, "fullDescription", text_message(r->description));
    /* docs/rules.md headings are "## MLM102 name (severity)": GitHub's anchor. */
    char uri[256], help[4096];
    snprintf(uri, sizeof(uri), RULES_DOC "#%s-%s-%s", r->id, r->name,
             mlm_severity_name(r->severity));
    for (char *c = strchr(uri, '#'); c && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    json_object_set_new(d, "helpUri", json_string(uri));
    snprintf(help, sizeof(help), "%s\n\nInvalid:\n  %s\n\nValid:\n  %s", r->description,
             r->invalid_example, r->valid_example);
    json_object_set_new(d, "help", text_message(help));
    json_t *conf = json_object();
    json_object_set_new(conf, "level", json_string(level_of(r->severity)));
    json_object_set_new(d, "defaultConfiguration", conf);
    return d;
}

static json_t *rule_counts(const run_totals *t, const size_t *counts)
{
    json_t *obj = json_object();
    for (size_t i = 0; counts && i <= t->n_rules; i++)
        if (counts[i])
            json_object_set_new(obj, i < t->n_rules ? mlm_rule_at(i)->id : "other",
                                json_integer((json_int_t)counts[i]));
    return obj;
}

/* SARIF 2.1.0 section 3.20.5: one configurationOverride per rule whose
 * setting differs from its default (final setting; the command line wins). */
static json_t *rule_overrides(const cli_config *c)
{
    json_t *list = json_array();
    for (size_t i = 0; i < mlm_rule_count(); i++) {
        const mlm_rule_info *r = mlm_rule_at(i);
        mlm_severity sev;
        if (!cli_config_final(c, r->id, &sev))
            continue;
        json_t *desc = json_object(), *conf = json_object(), *o = json_object();
        json_object_set_new(desc, "id", json_string(r->id));
        json_object_set_new(desc, "index", json_integer((json_int_t)i));
        if (sev == MLM_SEVERITY_NONE)
            json_object_set_new(conf, "enabled", json_false());
        else
            json_object_set_new(conf, "level", json_string(level_of(sev)));
        json_object_set_new(o, "descriptor", desc);
        json_object_set_new(o, "configuration", conf);
        json_array_append_new(list, o);
    }
    return list;
}

/* The reportingDescriptor of a load failure code (0: unexpected error). */
static json_t *load_code_descriptor(int code)
{
    json_t *d = json_object();
    json_object_set_new(d, "id", json_string(load_code_name(code)));
    json_object_set_new(d, "name", json_string("unreadable-input"));
    char text[300];
    snprintf(text, sizeof(text), "The input could not be loaded: %s.",
             code ? mlm_strerror(code) : "an unexpected error");
    json_object_set_new(d, "shortDescription", text_message(text));
    json_object_set_new(d, "helpUri", json_string("https://github.com/libmlm/libmlm#exit-codes"));
    json_t *conf = json_object();
    json_object_set_new(conf, "level", json_string("error"));
    json_object_set_new(d, "defaultConfiguration", conf);
    return d;
}

/* The run's "tool": this program and every rule it can report. */
static json_t *sarif_tool(void)
{
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string(PROGRAM_NAME));
    json_object_set_new(driver, "fullName", json_string(PROGRAM_NAME " (libmlm)"));
    json_object_set_new(driver, "version", json_string(MLM_VERSION_STRING));
    json_object_set_new(driver, "semanticVersion", json_string(MLM_VERSION_STRING));
    json_object_set_new(driver, "informationUri", json_string("https://github.com/libmlm/libmlm"));
    json_t *rules = json_array();
    for (size_t i = 0; i < mlm_rule_count(); i++)
        json_array_append_new(rules, rule_descriptor(mlm_rule_at(i)));
    for (int k = 1; k <= N_LOAD_CODES + 1; k++)
        json_array_append_new(rules, load_code_descriptor(k <= N_LOAD_CODES ? -k : 0));
    json_object_set_new(driver, "rules", rules);
    json_t *tool = json_object();
    json_object_set_new(tool, "driver", driver);
    return tool;
}

/* The run's "invocations": one, ending now. */
static json_t *sarif_invocations(const cli_options *o, const sarif_state *s)
{
    char end[32];
    utc_now(end, sizeof(end));
    json_t *inv = json_object();
    /* SARIF 2.1.0 section 3.20.14: false when the tool could not do all it
     * was asked (an input not read, a schema not resolved); the reasons are
     * in toolExecutionNotifications. */
    json_object_set_new(inv, "executionSuccessful",
                        json_boolean(json_array_size(s->notifications) == 0));
    if (json_array_size(s->notifications))
        json_object_set(inv, "toolExecutionNotifications", s->notifications);
    json_t *overrides = rule_overrides(&o->config);
    if (json_array_size(overrides))
        json_object_set(inv, "ruleConfigurationOverrides", overrides);
    json_decref(overrides);
    json_t *inv_props = json_object();
    json_object_set_new(inv_props, "configuration", cli_config_json(&o->config));
    json_object_set_new(inv, "properties", inv_props);
    json_object_set_new(inv, "startTimeUtc", json_string(s->start));
    json_object_set_new(inv, "endTimeUtc", json_string(end));
    json_t *invocations = json_array();
    json_array_append_new(invocations, inv);
    return invocations;
}

/* The run's "originalUriBaseIds": %SRCROOT% is the working directory. */
static json_t *sarif_bases(const sarif_state *s)
{
    json_t *bases = json_object();
    if (s->cwd) {
        char *root = uri_encode_path("file://", s->cwd);
        json_t *b = json_object();
        json_object_set_new(b, "uri", json_string(root ? root : "file:///"));
        json_object_set_new(bases, "%SRCROOT%", b);
        free(root);
    }
    return bases;
}

/* The run's "properties": the totals of the run. */
static json_t *sarif_totals(const run_totals *t)
{
    json_t *props = json_object();
    json_object_set_new(props, "documents", json_integer((json_int_t)t->documents));
    json_object_set_new(props, "valid", json_integer((json_int_t)t->valid));
    json_object_set_new(props, "invalid", json_integer((json_int_t)t->invalid));
    json_object_set_new(props, "unreadable", json_integer((json_int_t)t->unreadable));
    json_object_set_new(props, "incomplete", json_integer((json_int_t)t->incomplete));
    json_object_set_new(props, "errors", json_integer((json_int_t)t->errors));
    json_object_set_new(props, "warnings", json_integer((json_int_t)t->warnings));
    json_object_set_new(props, "errorsByRule", rule_counts(t, t->rule_errors));
    json_object_set_new(props, "warningsByRule", rule_counts(t, t->rule_warnings));
    json_object_set_new(props, "seconds", json_real(t->seconds));
    return props;
}

static int sarif_end(const cli_options *o, void *state, const run_totals *t)
{
    sarif_state *s = state;
    if (!s)
        return -1;
    int rc = s->mem && fclose(s->mem) == 0 ? 0 : -1;
    s->mem = NULL;
    json_t *tool = sarif_tool();
    json_t *invocations = sarif_invocations(o, s);
    json_t *bases = sarif_bases(s);
    json_t *props = sarif_totals(t);

    printf("{\"$schema\":\"" SARIF_SCHEMA "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":");
    json_dumpf(tool, stdout, JSON_COMPACT);
    fputs(",\"invocations\":", stdout);
    json_dumpf(invocations, stdout, JSON_COMPACT);
    fputs(",\"originalUriBaseIds\":", stdout);
    json_dumpf(bases, stdout, JSON_COMPACT);
    fputs(",\"columnKind\":\"unicodeCodePoints\",\"results\":[\n", stdout);
    if (s->buf && s->len)
        fwrite(s->buf, 1, s->len, stdout);
    fputs("\n],\"properties\":", stdout);
    json_dumpf(props, stdout, JSON_COMPACT);
    fputs("}]}\n", stdout);
    json_decref(tool);
    json_decref(invocations);
    json_decref(bases);
    json_decref(props);
    json_decref(s->notifications);
    free(s->buf);
    free(s->cwd);
    free(s);
    return checked_flush() == 0 ? rc : -1;
}

const reporter reporter_sarif = {"sarif", sarif_begin, sarif_document, sarif_end};
