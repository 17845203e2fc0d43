/* mlm-validate: validate STAC MLM documents from the command line. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "textfile.h"

/* Build the STAC validator (--full, --schema-dir, ...) and compile --schema. */
static int setup_schemas(cli_options *o, const mlm_fetch_options *fetch)
{
    mlm_error err = MLM_ERROR_INIT;
    if (o->schema_file) {
        json_error_t je;
        /* A schema may hold "\u0000" in a string (JSON allows it). */
        json_t *s = json_load_file(o->schema_file,
                                   JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
        if (!s) {
            cli_errorf("%s:%d:%d: cannot read the schema: %s", o->schema_file, je.line, je.column,
                       je.text);
            return EXIT_UNREADABLE;
        }
        mlm_schema_registry *reg = mlm_schema_registry_new(&err);
        for (size_t i = 0; reg && i < o->n_schema_dirs; i++) {
            if (mlm_schema_registry_add_dir(reg, "https://", o->schema_dirs[i], &err) != MLM_OK ||
                mlm_schema_registry_add_dir(reg, "http://", o->schema_dirs[i], &err) != MLM_OK)
                break;
        }
        o->custom = reg && !err.code ? mlm_schema_compile(reg, s, NULL, NULL, &err) : NULL;
        mlm_schema_registry_free(reg);
        json_decref(s);
        if (!o->custom) {
            cli_errorf("%s: %s", o->schema_file, err.text);
            return EXIT_UNREADABLE;
        }
        return 0;
    }
    if (!o->full)
        return 0;
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = (o->offline ? MLM_STAC_OFFLINE : 0u) | (o->no_cache ? MLM_STAC_NO_CACHE : 0u) |
               (o->no_core ? MLM_STAC_NO_CORE : 0u) |
               (o->no_extensions ? MLM_STAC_NO_EXTENSIONS : 0u) |
               (o->official_mlm ? MLM_STAC_OFFICIAL_MLM : 0u) |
               (o->assert_formats ? MLM_STAC_ASSERT_FORMATS : 0u);
    so.cache_dir = o->cache_dir;
    so.fetch = fetch;
    o->stac = mlm_stac_validator_new(&so, &err);
    if (!o->stac) {
        cli_errorf("%s", err.text);
        return EXIT_UNREADABLE;
    }
    for (size_t i = 0; i < o->n_schema_dirs; i++) {
        if (mlm_stac_validator_add_dir(o->stac, o->schema_dirs[i], &err) != MLM_OK) {
            cli_errorf("--schema-dir %s: %s", o->schema_dirs[i], err.text);
            return EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < o->n_schema_maps; i++) {
        const char *eq = strchr(o->schema_maps[i], '=');
        size_t ulen = (size_t)(eq - o->schema_maps[i]);
        char *url = malloc(ulen + 1);
        if (!url)
            return EXIT_UNREADABLE;
        memcpy(url, o->schema_maps[i], ulen);
        url[ulen] = '\0';
        int rc = mlm_stac_validator_map(o->stac, url, eq + 1, &err);
        free(url);
        if (rc != MLM_OK) {
            cli_errorf("--schema-map %s: %s", o->schema_maps[i], err.text);
            return EXIT_UNREADABLE;
        }
    }
    return 0;
}

static void cleanup(cli_options *o)
{
    mlm_stac_validator_free(o->stac);
    mlm_schema_free(o->custom);
    mlm_global_cleanup();
    cli_options_free(o);
}

/* The progress line on stderr (a terminal only): documents done, rate, and
 * an ETA when the number of inputs is known in advance. */
typedef struct progress {
    bool on;
    bool clear_before_output; /* stdout is the same kind of terminal */
    bool shown;
    double start, last;
    size_t total_inputs; /* 0 = unknown */
    size_t inputs_done;
} progress;

typedef struct run {
    const cli_options *o;
    const reporter *rep;
    void *state;
    run_totals totals;
    int worst; /* exit code so far */
    bool write_failed;
    double start;
    progress prog;
    int diff_fd; /* --fix --diff, --fix -: where the diffs or the fixed document go (the
                  * original standard output) */
} run;

static void progress_clear(progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        p->shown = false;
    }
}

static void progress_draw(progress *p, size_t documents)
{
    double now = cli_now();
    if (now - p->last < 0.2)
        return; /* at most five refreshes a second */
    p->last = now;
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)documents / elapsed : 0.0;
    char line[160];
    int n = snprintf(line, sizeof(line), "%s: %zu document%s", PROGRAM_NAME, documents,
                     documents == 1 ? "" : "s");
    if (p->total_inputs && n > 0 && (size_t)n < sizeof(line))
        n += snprintf(line + n, sizeof(line) - (size_t)n, " (%zu/%zu inputs)", p->inputs_done,
                      p->total_inputs);
    if (n > 0 && (size_t)n < sizeof(line))
        n += snprintf(line + n, sizeof(line) - (size_t)n, ", %.1f/s", rate);
    if (p->total_inputs && p->inputs_done && p->inputs_done < p->total_inputs && n > 0 &&
        (size_t)n < sizeof(line)) {
        char eta[32];
        format_seconds(elapsed / (double)p->inputs_done *
                           (double)(p->total_inputs - p->inputs_done),
                       eta, sizeof(eta));
        snprintf(line + n, sizeof(line) - (size_t)n, ", ETA %s", eta);
    }
    fprintf(stderr, "\r\033[K%s", line);
    p->shown = true;
}

/* Count errors and warnings per rule id (registry order). */
static void count_rules(run_totals *t, const mlm_diagnostics *diags)
{
    if (!t->rule_errors || !t->rule_warnings)
        return;
    for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
        size_t *counts = d->severity == MLM_SEVERITY_ERROR     ? t->rule_errors
                         : d->severity == MLM_SEVERITY_WARNING ? t->rule_warnings
                                                               : NULL;
        if (!counts)
            continue;
        size_t k = 0;
        while (k < t->n_rules && strcmp(mlm_rule_at(k)->id, d->rule_id) != 0)
            k++;
        counts[k]++; /* k == n_rules: an id the registry does not know */
    }
}

/* Receives each document's results in input order (pool.c). */
static void emit(doc_result *list, void *ctx)
{
    run *r = ctx;
    if (!list) {
        cli_errorf("out of memory");
        r->worst = EXIT_UNREADABLE;
        return;
    }
    r->prog.inputs_done++;
    if (r->prog.on && r->prog.clear_before_output)
        progress_clear(&r->prog);
    for (doc_result *d = list; d; d = d->next) {
        run_totals *t = &r->totals;
        t->documents++;
        count_rules(t, d->diags);
        t->errors += mlm_diagnostics_count_severity(d->diags, MLM_SEVERITY_ERROR);
        t->warnings += mlm_diagnostics_count_severity(d->diags, MLM_SEVERITY_WARNING);
        int code;
        if (d->load_failed) {
            t->unreadable++;
            code = EXIT_UNREADABLE;
        } else if (mlm_diagnostics_unresolved(d->diags) > 0) {
            /* Checked as far as possible, but a schema could not be
             * resolved: the verdict is incomplete, which outranks invalid. */
            t->invalid++;
            t->incomplete++;
            code = EXIT_UNREADABLE;
        } else if (result_failed(r->o, d)) {
            t->invalid++;
            code = EXIT_INVALID;
        } else {
            t->valid++;
            code = EXIT_VALID;
        }
        if (d->fixes_applied) {
            t->fixes_applied += d->fixes_applied;
            t->files_fixed++;
        }
        if (d->fix_error)
            code = EXIT_UNREADABLE;
        if (d->fix_old && d->fix_new) {
            fflush(stdout);
            if (textfile_diff(d->source, d->fix_old, d->fix_old_len, d->fix_new, d->fix_new_len,
                              "mlm-validate", r->diff_fd) != 0) {
                cli_errorf("%s: diff -u could not be run (is diffutils installed?)", d->source);
                code = EXIT_UNREADABLE;
            }
        } else if (d->fix_new && textfile_write_all(r->diff_fd, d->fix_new, d->fix_new_len) != 0) {
            cli_errorf("%s: the fixed document could not be written to standard output: %s",
                       d->source, strerror(errno));
            code = EXIT_UNREADABLE;
        }
        if (code > r->worst)
            r->worst = code;
        if (r->rep->document(r->o, r->state, d) != 0)
            r->write_failed = true;
    }
    doc_results_free(list);
    if (r->prog.on)
        progress_draw(&r->prog, r->totals.documents);
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > 64 ? 64u : (unsigned)n;
}

int main(int argc, char **argv)
{
    cli_options o;
    /* libcurl runs with CURLOPT_NOSIGNAL, and a closed pipe on stdout must
     * be an error return from fflush, not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    int rc = cli_parse_options(argc, argv, &o);
    if (rc != 0) {
        cli_options_free(&o);
        return rc < 0 ? EXIT_VALID : rc;
    }
    if (mlm_global_init() != MLM_OK) {
        cli_errorf("cannot initialise the URL loader (libcurl)");
        cli_options_free(&o);
        return EXIT_UNREADABLE;
    }
    if (o.serve) { /* schemas only from folders and the cache: no request fetches */
        o.offline = o.full;
        mlm_fetch_options none = MLM_FETCH_OPTIONS_INIT;
        rc = setup_schemas(&o, &none);
        if (rc == 0)
            rc = serve_run(&o);
        cleanup(&o);
        return rc;
    }
    if (o.insecure)
        cli_errorf("WARNING: --insecure: TLS certificates are NOT verified; anyone on the "
                   "network path can forge the documents you fetch");
    /* Run with no PATH on a terminal, the tool would wait silently. */
    if (o.implicit_stdin && !o.lsp && isatty(STDIN_FILENO))
        cli_errorf("reading a document from standard input (the terminal); end it with "
                   "Ctrl-D, interrupt with Ctrl-C, or see '%s --help' for the PATH arguments",
                   PROGRAM_NAME);
    mlm_fetch_options fetch = MLM_FETCH_OPTIONS_INIT;
    cli_fetch_options(&o, &fetch);
    rc = setup_schemas(&o, &fetch);
    if (rc == 0 && o.lsp)
        rc = cli_run_lsp(&o); /* --lsp: docs/EDITORS.md */
    if (rc != 0 || o.lsp) {
        cleanup(&o);
        return rc;
    }
    /* Colour: --color=always, or a terminal on stdout without NO_COLOR
     * (https://no-color.org: set and not empty). */
    const char *no_color = getenv("NO_COLOR");
    o.use_color = o.color == COLOR_ALWAYS ||
                  (o.color == COLOR_AUTO && isatty(STDOUT_FILENO) && !(no_color && *no_color));
    o.snippets = strcmp(o.format, "text") == 0 && !o.no_snippet;
    run r;
    memset(&r, 0, sizeof(r));
    r.o = &o;
    r.diff_fd = STDOUT_FILENO;
    if (o.fix_diff || o.fix_stdout) { /* the diff or the fixed document on standard output,
                                        * the report on standard error */
        fflush(stdout);
        r.diff_fd = dup(STDOUT_FILENO);
        if (r.diff_fd < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
            cli_errorf("cannot set up the output of --diff");
            cleanup(&o);
            return EXIT_UNREADABLE;
        }
    }
    r.rep = reporter_find(o.format);
    r.start = cli_now();
    r.totals.n_rules = mlm_rule_count();
    r.totals.rule_errors = calloc(r.totals.n_rules + 1, sizeof(size_t));
    r.totals.rule_warnings = calloc(r.totals.n_rules + 1, sizeof(size_t));
    r.prog.on = !o.quiet && isatty(STDERR_FILENO);
    if (r.prog.on) {
        r.prog.clear_before_output = isatty(STDOUT_FILENO);
        r.prog.start = r.prog.last = r.start; /* the first line after 0.2 s */
        r.prog.total_inputs = count_inputs(&o);
    }
    if (r.rep->begin && r.rep->begin(&o, &r.state) != 0)
        r.write_failed = true;
    pool *p = pool_new(&o, o.jobs ? o.jobs : default_jobs(), emit, &r);
    if (!p) {
        cli_errorf("out of memory");
        cleanup(&o);
        return EXIT_UNREADABLE;
    }
    enumerate_inputs(&o, p);
    pool_finish(p);
    if (r.prog.on)
        progress_clear(&r.prog);
    r.totals.seconds = cli_now() - r.start;
    if (r.rep->end && r.rep->end(&o, r.state, &r.totals) != 0)
        r.write_failed = true;
    rc = r.worst;
    if (r.write_failed && rc == EXIT_VALID)
        rc = EXIT_UNREADABLE;
    free(r.totals.rule_errors);
    free(r.totals.rule_warnings);
    if (r.diff_fd != STDOUT_FILENO)
        close(r.diff_fd);
    cleanup(&o);
    return rc;
}
