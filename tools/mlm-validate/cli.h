/* mlm-validate: shared declarations of the command-line tool. */
#ifndef MLM_CLI_H
#define MLM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "mlm.h"

#define PROGRAM_NAME "mlm-validate"

/* Exit codes (documented in --help, the README and mlm-validate.1). */
enum {
    EXIT_VALID = 0,     /* every document is valid */
    EXIT_INVALID = 1,   /* some document has errors (or warnings with --strict) */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_UNREADABLE = 3 /* some input could not be read, fetched or parsed */
};

/* Paging defaults (--max-items, --max-pages, --retries) and the longest wait
 * between retries; documented in --help, the README and mlm-validate.1. */
#define CLI_DEFAULT_MAX_ITEMS 1000000L
#define CLI_DEFAULT_MAX_PAGES 10000L
#define CLI_DEFAULT_RETRIES 3L
#define CLI_MAX_RETRY_WAIT 60L
/* --serve defaults: connections at once, and seconds a connection may stay
 * idle or a request body may take to arrive (--max-connections, --timeout). */
#define CLI_DEFAULT_MAX_CONNECTIONS 256L
#define CLI_DEFAULT_SERVE_TIMEOUT 10L

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

typedef struct cli_options {
    const char *format; /* reporter name: text, json, ... */
    color_mode color;   /* --color */
    bool use_color;     /* decided by main(): --color, NO_COLOR, isatty(stdout) */
    bool recursive;     /* follow child/item links of Catalogs and Collections */
    long max_depth;     /* --max-depth: link levels followed (default 10) */
    long max_items;     /* --max-items: features per paged collection (0 = no limit) */
    long max_pages;     /* --max-pages: pages per paged collection (0 = no limit) */
    long retries;       /* --retries: retries of a download answered 429 or 503 */
    long max_requests;  /* --max-requests: downloads at once (0 = as many as --jobs) */
    unsigned jobs;      /* worker threads (0 = number of cores) */
    bool ndjson;        /* inputs are NDJSON streams */
    bool quiet;
    bool strict;
    bool no_warnings;
    mlm_spec_version force_version;
    size_t max_filesize;
    /* URL options */
    long connect_timeout;
    long max_time;
    long max_redirs;
    bool insecure;
    const char *cacert;
    const char **headers;
    size_t n_headers;
    /* full STAC validation */
    bool full; /* core + extension schemas (implied by schema dirs/maps) */
    bool offline;
    bool no_cache;
    bool no_core;
    bool no_extensions;
    bool official_mlm;
    bool assert_formats;
    const char *cache_dir;
    const char **schema_dirs;
    size_t n_schema_dirs;
    const char **schema_maps; /* "URL=PATH" */
    size_t n_schema_maps;
    const char *schema_file;  /* --schema FILE: that schema alone */
    mlm_stac_validator *stac; /* built from the above by main() */
    mlm_schema *custom;       /* compiled --schema FILE */
    /* rule settings */
    const char *config_file; /* --config FILE */
    bool no_config;          /* --no-config */
    cli_config flag_rules;   /* --disable / --severity, in order */
    cli_config config;       /* the project file's settings, then flag_rules */
    bool no_snippet;         /* --no-snippet */
    /* --fix (fix.c in process.c): apply the fixes of the diagnostics to files */
    bool fix;        /* --fix (also set by --fix-unsafe) */
    bool fix_unsafe; /* --fix-unsafe: the unsafe fixes too */
    bool fix_diff;   /* --diff: print the change as a unified diff, write nothing */
    bool fix_stdout; /* --fix -: the fixed document on standard output, the report on stderr */
    bool snippets;   /* decided by main(): text format without --no-snippet */
    /* positional arguments */
    const char **paths;
    size_t n_paths;
    bool implicit_stdin; /* no PATH was given: standard input is read */
    bool lsp;            /* --lsp: serve the Language Server Protocol on stdin/stdout */
    /* --serve (serve.c) */
    const char *serve;    /* [HOST:]PORT, or NULL */
    long max_connections; /* --max-connections (0 = the default) */
    long serve_timeout;   /* --timeout SECONDS (0 = the default) */
} cli_options;

/* options.c: parse argv; returns -1 to exit 0 (help/version), 0 on success,
 * EXIT_USAGE on error (message already printed). */
int cli_parse_options(int argc, char **argv, cli_options *o);
void cli_options_free(cli_options *o);

/* serve.c: run the validation service until SIGTERM or SIGINT; returns the
 * exit code. The options (schemas, rule settings) are shared read-only. */
int serve_run(const cli_options *o);

/* --- work and results ------------------------------------------------------ */

/* One unit of work: a file, a URL, standard input, or one line of NDJSON. */
typedef enum { TASK_PATH, TASK_URL, TASK_BUFFER, TASK_FAILED } task_kind;

typedef struct task {
    task_kind kind;
    char *source; /* name used in reports (owned) */
    char *data;   /* TASK_BUFFER: the bytes (owned) */
    size_t len;
    long line_offset; /* TASK_BUFFER: lines before this document in its file */
    mlm_error err;    /* TASK_FAILED: why the input could not be enumerated */
    char *via;        /* --recursive: source of the document that linked here (owned) */
    char *via_rel;    /* ... and the rel of that link, "child" or "item" (owned) */
    /* Walked documents (crawl.c): the walker waits for what the worker found
     * in this one (its links) before it goes on. Shared, refcounted. */
    struct found *found;
    char *url;    /* TASK_URL: the URL when source names it otherwise (owned) */
    char *method; /* "POST" for a POST next link, else NULL (owned) */
    char *body;   /* the POST body (owned) */
    size_t body_len;
    char **headers; /* request headers from a next link, "Name: value" (owned) */
    size_t n_headers;
    size_t max_features; /* a paged collection: validate only this many features (0 = all) */
    struct gate
        *gate; /* TASK_URL: held while downloading (--max-requests), or NULL (a reference) */
} task;

/* The outcome for one document; a FeatureCollection yields one per feature. */
typedef struct doc_result {
    char *source;  /* owned */
    char *pointer; /* "/features/3" for a feature, else NULL (owned) */
    long line;     /* NDJSON: the line of the document, else 0 */
    bool has_doc;  /* the document was parsed */
    mlm_spec_version spec;
    mlm_stac_type stac_type;
    mlm_diagnostics *diags; /* owned; NULL when the input could not be loaded */
    bool load_failed;
    mlm_error err;  /* the load error when load_failed */
    char *err_line; /* a JSON syntax error's source line, for the snippet (owned) */
    int err_column; /* ... and its 1-based column in characters */
    char *via;      /* --recursive: the linking document, else NULL (owned) */
    char *via_rel;  /* its link's rel (owned) */
    double seconds; /* time spent loading and validating */
    /* --fix: set on the first result of a file only */
    size_t fixes_applied;    /* fixes applied to the file (0: it was left as it was) */
    char *fix_old, *fix_new; /* --diff: the text before and after (owned), else NULL;
                              * --fix -: fix_new alone, the text to write out */
    size_t fix_old_len, fix_new_len;
    char *fix_error; /* the file could not be rewritten: why (owned), else NULL */
    struct doc_result *next;
} doc_result;

/* process.c: turn a task into results (never NULL unless out of memory). */
doc_result *process_task(const cli_options *o, const task *t);
void doc_results_free(doc_result *list);
void task_clear(task *t);
/* process.c: seconds on a monotonic clock. */
double cli_now(void);

/* pool.c: run tasks on `jobs` threads and hand the results, in submission
 * order, to emit() on the submitting thread. jobs <= 1 runs inline. */
typedef void (*emit_fn)(doc_result *list, void *ctx); /* emit takes ownership */
typedef struct pool pool;
pool *pool_new(const cli_options *o, unsigned jobs, emit_fn emit, void *ctx);
/* Takes ownership of the task's contents (and clears *t). */
void pool_submit(pool *p, task *t);
/* Wait for every task, emit the remaining results, free the pool. */
void pool_finish(pool *p);

/* inputs.c: enumerate the command line's inputs into the pool. */
void enumerate_inputs(const cli_options *o, pool *p);
/* inputs.c: the number of inputs enumerate_inputs() will submit, counted
 * cheaply in advance (a directory walk), or 0 when it cannot be known
 * (NDJSON streams, --recursive, URLs and pages). For the progress line's ETA. */
size_t count_inputs(const cli_options *o);
/* process.c: fill download options from the command line. */
void cli_fetch_options(const cli_options *o, mlm_fetch_options *fo);

/* lsp_cli.c: run the language server (--lsp) with the command line's
 * settings; returns the exit code. */
int cli_run_lsp(const cli_options *o);

/* --- reporting -------------------------------------------------------------- */

typedef struct run_totals {
    size_t documents, valid, invalid, unreadable;
    size_t incomplete; /* checked, but some schema could not be resolved (counted as invalid too) */
    size_t errors, warnings;
    /* Errors and warnings per rule, indexed like mlm_rule_at(); the extra
     * last entry counts ids the registry does not know. */
    size_t *rule_errors, *rule_warnings;
    size_t n_rules;
    double seconds;                    /* wall-clock time of the run so far */
    size_t fixes_applied, files_fixed; /* --fix */
} run_totals;

/* Whether a result fails the run (errors, or warnings with --strict). */
bool result_failed(const cli_options *o, const doc_result *r);

/* An output format. begin/end may be NULL. Reporters write to stdout and
 * return 0, or -1 when the output could not be written. */
typedef struct reporter {
    const char *name; /* --format value */
    int (*begin)(const cli_options *o, void **state);
    int (*document)(const cli_options *o, void *state, const doc_result *r);
    int (*end)(const cli_options *o, void *state, const run_totals *t);
} reporter;

/* report.c: the reporter for a --format name, or NULL. */
const reporter *reporter_find(const char *name);
/* report.c: comma-separated list of the format names. */
const char *reporter_names(void);
/* report.c: helpers shared by reporters. */
const char *load_code_name(int code);
const char *stac_type_name(mlm_stac_type t);
int checked_flush(void);
/* report.c: "MLM102 x3, MLM107 x1" for the counts in @p counts (a
 * run_totals array); writes "" when every count is 0. */
void format_rule_counts(const run_totals *t, const size_t *counts, char *buf, size_t size);
/* report.c: the "related" list of diagnostic @p index in --format json (the
 * other places of a grouped finding: pointer, line, column), new; NULL when
 * it has none or memory runs out. */
json_t *related_json(const mlm_diagnostics *d, size_t index);
/* report.c: the "fix" object of a diagnostic in --format json (description,
 * safe, patch, edits), new; NULL when out of memory. */
json_t *fix_json(const mlm_fix *f);

/* report.c: the object one line of --format json holds for @p r (also the
 * answer of mlm-validate --serve's POST /validate); new reference, or NULL
 * when memory runs out. */
json_t *report_json(const cli_options *o, const doc_result *r);
/* report.c: "0.42 s", "12.3 s", "2 min 5 s". */
void format_seconds(double s, char *buf, size_t size);

/* One reporter per file (report_github.c, report_sarif.c, report_junit.c). */
extern const reporter reporter_github, reporter_sarif, reporter_junit;

/* Messages on stderr, prefixed with the program name. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_errorf(const char *fmt, ...);

#endif
