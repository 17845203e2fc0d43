/* mlm-validate: validate STAC MLM documents from the command line. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Build the STAC validator (--full, --schema-dir, ...) and compile --schema. */
static int setup_schemas(cli_options *o, const mlm_fetch_options *fetch)
{
    mlm_error err = MLM_ERROR_INIT;
    if (o->schema_file) {
        json_error_t je;
        json_t *s = json_load_file(o->schema_file, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
        if (!s) {
            cli_errorf("%s:%d:%d: cannot read the schema: %s", o->schema_file, je.line,
                       je.column, je.text);
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

typedef struct run {
    const cli_options *o;
    const reporter *rep;
    void *state;
    run_totals totals;
    int worst;       /* exit code so far */
    bool write_failed;
} run;

/* Receives each document's results in input order (pool.c). */
static void emit(doc_result *list, void *ctx)
{
    run *r = ctx;
    if (!list) {
        cli_errorf("out of memory");
        r->worst = EXIT_UNREADABLE;
        return;
    }
    for (doc_result *d = list; d; d = d->next) {
        run_totals *t = &r->totals;
        t->documents++;
        t->errors += mlm_diagnostics_count_severity(d->diags, MLM_SEVERITY_ERROR);
        t->warnings += mlm_diagnostics_count_severity(d->diags, MLM_SEVERITY_WARNING);
        int code;
        if (d->load_failed) {
            t->unreadable++;
            code = EXIT_UNREADABLE;
        } else if (result_failed(r->o, d)) {
            t->invalid++;
            code = EXIT_INVALID;
        } else {
            t->valid++;
            code = EXIT_VALID;
        }
        if (code > r->worst)
            r->worst = code;
        if (r->rep->document(r->o, r->state, d) != 0)
            r->write_failed = true;
    }
    doc_results_free(list);
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
    if (o.insecure)
        cli_errorf("WARNING: --insecure: TLS certificates are NOT verified; anyone on the "
                   "network path can forge the documents you fetch");
    mlm_fetch_options fetch = MLM_FETCH_OPTIONS_INIT;
    cli_fetch_options(&o, &fetch);
    rc = setup_schemas(&o, &fetch);
    if (rc != 0) {
        cleanup(&o);
        return rc;
    }
    run r;
    memset(&r, 0, sizeof(r));
    r.o = &o;
    r.rep = reporter_find(o.format);
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
    if (r.rep->end && r.rep->end(&o, r.state, &r.totals) != 0)
        r.write_failed = true;
    rc = r.worst;
    if (r.write_failed && rc == EXIT_VALID)
        rc = EXIT_UNREADABLE;
    cleanup(&o);
    return rc;
}
