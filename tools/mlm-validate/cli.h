/* mlm-validate: shared declarations of the command-line tool. */
#ifndef MLM_CLI_H
#define MLM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "mlm.h"

#define PROGRAM_NAME "mlm-validate"

/* Exit codes (documented in --help, the README and mlm-validate.1). */
enum {
    EXIT_VALID = 0,      /* every document is valid */
    EXIT_INVALID = 1,    /* some document has errors (or warnings with --strict) */
    EXIT_USAGE = 2,      /* bad command line */
    EXIT_UNREADABLE = 3  /* some input could not be read, fetched or parsed */
};

typedef enum { FORMAT_TEXT, FORMAT_JSON } output_format;

typedef struct cli_options {
    output_format format;
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
    bool full;              /* core + extension schemas (implied by schema dirs/maps) */
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
    /* positional arguments */
    const char **paths;
    size_t n_paths;
} cli_options;

/* options.c: parse argv; returns -1 to exit 0 (help/version), 0 on success,
 * EXIT_USAGE on error (message already printed). */
int cli_parse_options(int argc, char **argv, cli_options *o);
void cli_options_free(cli_options *o);

/* report.c */
typedef struct run_totals {
    size_t documents, valid, invalid, unreadable;
    size_t errors, warnings;
} run_totals;
/* Report one document (diags may be NULL when load failed: then err is set). */
int report_document(const cli_options *o, const char *source, const mlm_document *doc,
                    const mlm_diagnostics *diags, const mlm_error *load_err, run_totals *t);
int report_summary(const cli_options *o, const run_totals *t);

/* inputs.c: fill download options from the command line. */
void cli_fetch_options(const cli_options *o, mlm_fetch_options *fo);
/* inputs.c: validate every input named on the command line. */
int run_inputs(const cli_options *o, run_totals *t);

/* Messages on stderr, prefixed with the program name. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_errorf(const char *fmt, ...);

#endif
