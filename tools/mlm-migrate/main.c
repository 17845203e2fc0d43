/* mlm-migrate: upgrade MLM metadata to a later version of the extension.
 * Options, inputs, writing and reporting; the migration itself is
 * mlm_migrate() in the library. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "mlm.h"
#include "mlm/document.h"
#include "mlm/migrate.h"
#include "mlm/writer.h"

#include "textfile.h"
#include "walk.h"

enum { EXIT_OK = 0, EXIT_CHANGES = 1, EXIT_USAGE = 2, EXIT_UNREADABLE = 3 };
#define MAX_BYTES MLM_DEFAULT_MAX_BYTES

typedef struct opts {
    mlm_spec_version to;
    bool in_place, check, diff, allow_todo, json, quiet;
} opts;

/* The version names come from libmlm (printf arguments: the release before
 * the latest, the latest twice). */
static const char usage_text[] =
    "Usage: mlm-migrate [OPTIONS] [FILE|DIR|-]...\n"
    "Migrate STAC MLM metadata (dl-model, the January 2024 draft, v1.0.0 to v%s) to a later "
    "version.\n"
    "\n"
    "With one input and no --in-place, --check or --diff, the migrated document is written to\n"
    "standard output and the report to standard error. Directories are searched for *.json files.\n"
    "Without inputs, or with -, standard input is read.\n"
    "\n"
    "Options:\n"
    "  --to VERSION      version to migrate to (1.0.0 ... %s; default %s)\n"
    "  -i, --in-place    rewrite each file atomically (only when something changes)\n"
    "  --check           change nothing; exit 1 when some input would change\n"
    "  --diff            print a unified diff of each change (runs diff -u)\n"
    "  --allow-todo      exit 0 even when TODOs remain\n"
    "  -f, --format FMT  report format: text (default) or json\n"
    "  -q, --quiet       report TODOs only\n"
    "  -h, --help        show this help and exit\n"
    "  -V, --version     show the version and exit\n"
    "\n"
    "Documents without MLM (a plain Collection, an ml-model Item) pass through unchanged with a "
    "note.\n"
    "\n"
    "Exit status: 0 done, 1 TODOs remain (or --check found changes, or a document cannot be\n"
    "migrated), 2 usage error, 3 an input could not be read or parsed.\n";

static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longs[] = {
        {"to", required_argument, NULL, 't'},   {"in-place", no_argument, NULL, 'i'},
        {"check", no_argument, NULL, 'c'},      {"diff", no_argument, NULL, 'd'},
        {"allow-todo", no_argument, NULL, 'a'}, {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},    {NULL, 0, NULL, 0}};
    o->to = MLM_SPEC_LATEST;
    int c;
    while ((c = getopt_long(argc, argv, "if:qhV", longs, NULL)) != -1) {
        switch (c) {
        case 't':
            o->to = mlm_spec_version_parse(optarg);
            if (o->to < MLM_SPEC_1_0_0) {
                fprintf(stderr,
                        "mlm-migrate: --to: \"%s\" is not a release to migrate to; use one of ",
                        optarg);
                for (int v = MLM_SPEC_1_0_0; v <= MLM_SPEC_LATEST; v++)
                    fprintf(stderr, "%s%s", mlm_spec_version_name((mlm_spec_version)v),
                            v < MLM_SPEC_LATEST ? ", " : ".\n");
                return EXIT_USAGE;
            }
            break;
        case 'i': o->in_place = true; break;
        case 'c': o->check = true; break;
        case 'd': o->diff = true; break;
        case 'a': o->allow_todo = true; break;
        case 'q': o->quiet = true; break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                o->json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr,
                        "mlm-migrate: --format: \"%s\" is not a format; use text or json.\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            printf(usage_text, mlm_spec_version_name((mlm_spec_version)(MLM_SPEC_LATEST - 1)),
                   mlm_spec_version_name(MLM_SPEC_LATEST), mlm_spec_version_name(MLM_SPEC_LATEST));
            return -1;
        case 'V': printf("mlm-migrate %s\n", mlm_version_string()); return -1;
        default:
            fprintf(stderr, "Try 'mlm-migrate --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    if (o->in_place + o->check + o->diff > 1) {
        fprintf(stderr,
                "mlm-migrate: --in-place, --check and --diff exclude each other; choose one.\n");
        return EXIT_USAGE;
    }
    return 0;
}

/* ---- inputs ---------------------------------------------------------------- */

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static int push(list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        char **nv = realloc(l->v, nc * sizeof(*nv));
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = nc;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

/* *.json files under a directory, sorted, symbolic links not followed
 * (tools/common/walk.c). */
static void walk_push(void *payload, const char *path) { push(payload, path); }

static int crawl(const char *dir, list *out)
{
    tool_walk w = {".json", false, walk_push, NULL, NULL, out};
    return tool_walk_dir(&w, dir);
}

/* ---- output ------------------------------------------------------------------ */

/* ---- report ------------------------------------------------------------------- */

static size_t remaining_errors(FILE *out, const opts *o, const char *name, json_t *root,
                               json_t *jentries, const mlm_migration *m);

/* A version for people; UNKNOWN in a report is the dl-model step. */
static const char *vname(mlm_spec_version v)
{
    return v == MLM_SPEC_UNKNOWN ? "dl-model" : mlm_spec_version_name(v);
}

/* The entries of a kind (notes: documents passed through unchanged). */
static size_t count_kind(const mlm_migration *m, mlm_migrate_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < mlm_migration_count(m); i++)
        n += mlm_migration_entry(m, i)->kind == k;
    return n;
}

/* Nothing in the input was MLM: every entry is a pass-through note. */
static bool passed_through(const mlm_migration *m)
{
    return m && mlm_migration_count(m) && count_kind(m, MLM_MIGRATE_NOTE) == mlm_migration_count(m);
}

/* The source version of a report: dl-model, a version, or none (nothing was MLM). */
static const char *source_name(const mlm_migration *m)
{
    return passed_through(m) ? "none" : vname(mlm_migration_source(m));
}

static void report(FILE *out, const opts *o, const char *name, const mlm_migration *m,
                   const char *error, json_t *jreport, json_t *root, size_t *still)
{
    if (o->json) {
        json_t *entries = json_array();
        for (size_t i = 0; m && i < mlm_migration_count(m); i++) {
            const mlm_migrate_entry *e = mlm_migration_entry(m, i);
            if (o->quiet && e->kind != MLM_MIGRATE_TODO)
                continue;
            json_array_append_new(entries, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s}", "id",
                                                     e->id, "kind", mlm_migrate_kind_name(e->kind),
                                                     "step_from", vname(e->from_version), "step_to",
                                                     mlm_spec_version_name(e->to_version), "from",
                                                     e->from, "to", e->to, "message", e->message));
        }
        if (root && !passed_through(m))
            *still = remaining_errors(out, o, name, root, entries, m);
        json_t *r = json_pack("{s:s, s:o}", "source", name, "entries", entries);
        if (m) {
            json_object_set_new(r, "from_version", json_string(source_name(m)));
            json_object_set_new(r, "to_version", json_string(mlm_spec_version_name(o->to)));
            json_object_set_new(r, "todos",
                                json_integer((json_int_t)(mlm_migration_todo_count(m) + *still)));
        }
        if (error)
            json_object_set_new(r, "error", json_string(error));
        json_array_append_new(jreport, r);
        return;
    }
    if (error) {
        fprintf(out, "%s: error: %s\n", name, error);
        return;
    }
    size_t n = mlm_migration_count(m);
    for (size_t i = 0; i < n; i++) {
        const mlm_migrate_entry *e = mlm_migration_entry(m, i);
        if (o->quiet && e->kind != MLM_MIGRATE_TODO)
            continue;
        if (e->kind == MLM_MIGRATE_NOTE) {
            fprintf(out, "%s: note %s %s: %s\n", name, e->id,
                    e->from && *e->from ? e->from : "(root)", e->message);
            continue;
        }
        fprintf(out, "%s: %s %s [%s -> %s] %s%s%s: %s\n", name,
                e->kind == MLM_MIGRATE_TODO ? "TODO" : "change", e->id, vname(e->from_version),
                mlm_spec_version_name(e->to_version),
                e->from ? *e->from ? e->from : "(root)" : "(new)", " -> ",
                e->to ? *e->to ? e->to : "(root)" : "(removed)", e->message);
    }
    if (root && !passed_through(m))
        *still = remaining_errors(out, o, name, root, NULL, m);
    if (*still)
        fprintf(out,
                "%s: the migrated document still has %zu error%s under MLM %s (TODOs above).\n",
                name, *still, *still == 1 ? "" : "s", mlm_spec_version_name(o->to));
    size_t notes = count_kind(m, MLM_MIGRATE_NOTE);
    if (!o->quiet && passed_through(m)) {
        fprintf(out, "%s: no MLM in it: passed through unchanged.\n", name);
    } else if (!o->quiet) {
        size_t todos = mlm_migration_todo_count(m) + *still,
               changes = n - mlm_migration_todo_count(m) - notes;
        fprintf(out, "%s: %s -> %s: %zu change%s, %zu TODO%s", name, source_name(m),
                mlm_spec_version_name(o->to), changes, changes == 1 ? "" : "s", todos,
                todos == 1 ? "" : "s");
        if (notes)
            fprintf(out, ", %zu feature%s without MLM passed through unchanged", notes,
                    notes == 1 ? "" : "s");
        fputs(".\n", out);
    }
}

/* What mlm-validate still finds wrong in the migrated document (the errors):
 * reported as TODOs, since a person has to finish them. Returns their number. */
/* Whether the report has an entry with this id. */
static bool has_entry(const mlm_migration *m, const char *id)
{
    for (size_t i = 0; i < mlm_migration_count(m); i++)
        if (strcmp(mlm_migration_entry(m, i)->id, id) == 0)
            return true;
    return false;
}

static size_t remaining_errors(FILE *out, const opts *o, const char *name, json_t *root,
                               json_t *jentries, const mlm_migration *m)
{
    /* "not a STAC object" is said once: by the migration's MIG906 when it has it */
    bool said_not_stac = has_entry(m, "MIG906");
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0)
        return 0; /* mlm-validate checks each feature; run it on the result */
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_json(root, name, NULL, &err);
    mlm_diagnostics *d = doc ? mlm_validate(doc, NULL, &err) : NULL;
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *g = mlm_diagnostics_get(d, i);
        if (g->severity != MLM_SEVERITY_ERROR ||
            (said_not_stac && strcmp(g->rule_id, "MLM008") == 0))
            continue;
        n++;
        if (o->json)
            json_array_append_new(jentries, json_pack("{s:s, s:s, s:s, s:s, s:n, s:s, s:s}", "id",
                                                      g->rule_id, "kind", "todo", "step_from",
                                                      mlm_spec_version_name(o->to), "step_to",
                                                      mlm_spec_version_name(o->to), "from", "to",
                                                      g->pointer, "message", g->message));
        else
            fprintf(out, "%s: TODO %s [still invalid under %s] %s: %s%s%s\n", name, g->rule_id,
                    mlm_spec_version_name(o->to), g->pointer[0] ? g->pointer : "(root)", g->message,
                    g->hint ? "; hint: " : "", g->hint ? g->hint : "");
    }
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return n;
}

/* ---- one input -------------------------------------------------------------------- */

/* The migrated root written in the layout of the source text (the library's
 * writer, mlm_document_dump()): what the migration did not change keeps its
 * bytes, so --diff shows only the lines of real changes. A new string for
 * mlm_free(), or NULL when memory runs out. */
static char *write_in_layout(json_t *root, const char *text, size_t len, const char *name)
{
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.max_bytes = (size_t)MAX_BYTES;
    mlm_document *doc = mlm_parse_buffer(text, len, name, &po, NULL);
    char *out = NULL;
    if (doc && mlm_document_set_root(doc, json_incref(root), NULL) == MLM_OK)
        out = mlm_document_dump(doc, 0, NULL);
    mlm_document_free(doc);
    return out;
}

static int process(const opts *o, const char *path, bool single, FILE *rep, json_t *jreport)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    char msg[MLM_ERROR_TEXT_LENGTH + 2];
    /* The library's file reader (the same cap and messages as mlm-validate);
     * the text itself is kept, to write the document back in its layout. */
    size_t len = 0;
    char *text = NULL;
    mlm_error rerr = MLM_ERROR_INIT;
    if (mlm_read_file(path, MAX_BYTES, &text, &len, &rerr) != MLM_OK) {
        size_t n = strlen(rerr.text);
        snprintf(msg, sizeof(msg), "%s%s", rerr.text, n && rerr.text[n - 1] == '.' ? "" : ".");
        report(rep, o, name, NULL, msg, jreport, NULL, NULL);
        return EXIT_UNREADABLE;
    }
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!root || !json_is_object(root)) {
        if (root)
            snprintf(msg, sizeof(msg), "the document is not a JSON object.");
        else
            snprintf(msg, sizeof(msg), "not valid JSON at line %d, column %d: %s.", jerr.line,
                     jerr.column, jerr.text);
        report(rep, o, name, NULL, msg, jreport, NULL, NULL);
        json_decref(root);
        mlm_free(text);
        return EXIT_UNREADABLE;
    }
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = NULL;
    int rc = EXIT_OK;
    m = mlm_migrate(root, o->to, &err);
    if (!m) {
        report(rep, o, name, NULL, err.text, jreport, NULL, NULL);
        rc = err.code == MLM_ERR_NOMEM ? EXIT_UNREADABLE : EXIT_CHANGES;
        goto done;
    }
    char *out = write_in_layout(root, text, len, name);
    if (!out) {
        report(rep, o, name, NULL, "out of memory while writing the document.", jreport, NULL,
               NULL);
        rc = EXIT_UNREADABLE;
        goto done;
    }
    /* the writer gives back the source's bytes when nothing changed (a
     * migration of notes only, such as a document without MLM) */
    bool changed = strlen(out) != len || memcmp(out, text, len) != 0;
    if (o->in_place && changed) {
        char why[256];
        if (is_stdin) {
            fputs(out, stdout);
        } else if (textfile_replace(path, out, strlen(out), "mlm-migrate", why, sizeof(why)) != 0) {
            snprintf(msg, sizeof(msg), "cannot rewrite the file (it was left as it was): %s.", why);
            report(rep, o, name, NULL, msg, jreport, NULL, NULL);
            mlm_free(out);
            rc = EXIT_UNREADABLE;
            goto done;
        }
    } else if (o->diff) {
        if (changed &&
            textfile_diff(name, text, len, out, strlen(out), "mlm-migrate", STDOUT_FILENO) != 0) {
            report(rep, o, name, NULL, "diff -u could not be run (is diffutils installed?).",
                   jreport, NULL, NULL);
            rc = EXIT_UNREADABLE;
        }
    } else if (single && !o->check && !o->in_place) {
        fputs(out, stdout);
    }
    mlm_free(out);
    size_t still = 0;
    report(rep, o, name, m, NULL, jreport, root, &still);
    if (o->check && changed)
        rc = EXIT_CHANGES;
    if ((mlm_migration_todo_count(m) || still) && !o->allow_todo && rc == EXIT_OK)
        rc = EXIT_CHANGES;
done:
    mlm_migration_free(m);
    json_decref(root);
    mlm_free(text);
    return rc;
}

int main(int argc, char **argv)
{
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    list inputs = {0};
    int worst = EXIT_OK;
    bool from_dir = false;
    if (optind >= argc)
        push(&inputs, "-");
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            from_dir = true;
            if (crawl(argv[i], &inputs) != 0) {
                fprintf(stderr, "mlm-migrate: %s: cannot read the directory: %s.\n", argv[i],
                        strerror(errno));
                worst = EXIT_UNREADABLE;
            }
        } else {
            push(&inputs, argv[i]);
        }
    }
    bool single = inputs.n == 1 && !from_dir;
    if (inputs.n > 1 && !o.in_place && !o.check && !o.diff) {
        fprintf(
            stderr,
            "mlm-migrate: %zu inputs: the migrated document goes to standard output only for one "
            "input; use --in-place, --check or --diff.\n",
            inputs.n);
        worst = EXIT_USAGE;
        goto out;
    }
    /* the document goes to stdout when printed; the report then goes to stderr */
    FILE *rep = (single && !o.check && !o.in_place) || o.diff ? stderr : stdout;
    json_t *jreport = o.json ? json_array() : NULL;
    for (size_t i = 0; i < inputs.n; i++) {
        int r = process(&o, inputs.v[i], single, rep, jreport);
        if (r > worst)
            worst = r;
    }
    if (jreport) {
        json_dumpf(jreport, rep, JSON_INDENT(2));
        fputc('\n', rep);
        json_decref(jreport);
    }
out:
    for (size_t i = 0; i < inputs.n; i++)
        free(inputs.v[i]);
    free(inputs.v);
    return worst;
}
