/* Command-line options: one declarative table drives both parsing and --help. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef enum {
    OPT_FORMAT,
    OPT_QUIET,
    OPT_STRICT,
    OPT_NO_WARNINGS,
    OPT_MLM_VERSION,
    OPT_MAX_FILESIZE,
    OPT_CONNECT_TIMEOUT,
    OPT_MAX_TIME,
    OPT_MAX_REDIRS,
    OPT_HEADER,
    OPT_INSECURE,
    OPT_CACERT,
    OPT_VERSION,
    OPT_HELP,
    OPT_EXPLAIN,
    OPT_LIST_RULES,
    OPT_FULL,
    OPT_SCHEMA_DIR,
    OPT_SCHEMA_MAP,
    OPT_OFFLINE,
    OPT_CACHE_DIR,
    OPT_NO_CACHE,
    OPT_NO_CORE,
    OPT_NO_EXTENSIONS,
    OPT_OFFICIAL_MLM,
    OPT_SCHEMA,
    OPT_ASSERT_FORMATS,
    OPT_JOBS,
    OPT_NDJSON,
    OPT_COLOR,
    OPT_RECURSIVE,
    OPT_MAX_DEPTH,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_DISABLE,
    OPT_SEVERITY,
    OPT_NO_SNIPPET,
    OPT_LSP,
    OPT_FIX,
    OPT_FIX_UNSAFE,
    OPT_DIFF,
    OPT_SERVE,
    OPT_MAX_CONNECTIONS,
    OPT_TIMEOUT,
    /* paging (crawl.c) */
    OPT_MAX_ITEMS,
    OPT_MAX_PAGES,
    OPT_RETRIES,
    OPT_MAX_REQUESTS
} opt_id;

typedef struct opt_def {
    opt_id id;
    char short_name; /* 0 if none */
    const char *long_name;
    const char *arg; /* argument name, NULL for flags */
    const char *help;
} opt_def;

/* Sorted by long name (as --help lists them). */
static const opt_def table[] = {
    {OPT_ASSERT_FORMATS, 0, "assert-formats", NULL,
     "with schemas: treat \"format\" as an assertion"},
    {OPT_CACERT, 0, "cacert", "FILE", "trust the CA certificate(s) in FILE for https"},
    {OPT_CACHE_DIR, 0, "cache-dir", "DIR",
     "schema cache (default $XDG_CACHE_HOME/mlm-validate or ~/.cache/mlm-validate)"},
    {OPT_COLOR, 0, "color", "WHEN",
     "colour the text report: auto (default: on a terminal, unless NO_COLOR is set), always, "
     "never"},
    {OPT_CONFIG, 0, "config", "FILE",
     "read rule settings from FILE (default: the nearest " CLI_CONFIG_NAME
     " in the working directory or above)"},
    {OPT_CONNECT_TIMEOUT, 0, "connect-timeout", "SECONDS",
     "give up connecting after SECONDS (default 10)"},
    {OPT_DIFF, 0, "diff", NULL,
     "with --fix: print the fixes as a unified diff and write nothing (the report goes to standard "
     "error)"},
    {OPT_DISABLE, 0, "disable", "RULE",
     "do not report RULE (id or name; repeatable; same as --severity RULE=off)"},
    {OPT_EXPLAIN, 0, "explain", "RULE",
     "describe a rule (id such as MLM101, or its name) and exit"},
    {OPT_FIX, 0, "fix", NULL,
     "apply every safe fix to the files in place (only the fixed characters change), then report "
     "what remains; with - (alone), read standard input and write the fixed document to standard "
     "output (the report goes to standard error)"},
    {OPT_FIX_UNSAFE, 0, "fix-unsafe", NULL,
     "like --fix, and apply the unsafe fixes too (review the result)"},
    {OPT_FULL, 0, "full", NULL,
     "also validate against the STAC core and extension schemas (downloaded and cached)"},
    {OPT_FORMAT, 'f', "format", "FORMAT",
     "output format: text (default), json (JSON Lines), github (Actions annotations), sarif (SARIF "
     "2.1.0), junit (JUnit XML)"},
    {OPT_HEADER, 'H', "header", "'NAME: VALUE'", "add an HTTP request header (repeatable)"},
    {OPT_HELP, 'h', "help", NULL, "show this help and exit"},
    {OPT_INSECURE, 'k', "insecure", NULL, "do not verify TLS certificates (dangerous)"},
    {OPT_JOBS, 'j', "jobs", "N", "validate N documents at once (default: the number of cores)"},
    {OPT_LIST_RULES, 0, "list-rules", NULL, "list every rule and exit"},
    {OPT_LSP, 0, "lsp", NULL,
     "serve the Language Server Protocol on standard input/output for editors (see "
     "docs/EDITORS.md)"},
    {OPT_MAX_CONNECTIONS, 0, "max-connections", "N",
     "with --serve: accept at most N connections at once (default 256)"},
    {OPT_MAX_DEPTH, 0, "max-depth", "N",
     "with --recursive: follow links at most N levels deep (default 10)"},
    {OPT_MAX_ITEMS, 0, "max-items", "N",
     "stop following next links of a paged collection after N features (default 1000000; 0 = no "
     "limit)"},
    {OPT_MAX_PAGES, 0, "max-pages", "N",
     "follow at most N pages of a paged collection (default 10000; 0 = no limit)"},
    {OPT_MAX_FILESIZE, 0, "max-filesize", "BYTES",
     "refuse inputs larger than BYTES (default 67108864)"},
    {OPT_MAX_REDIRS, 0, "max-redirs", "N", "follow at most N redirects (default 5)"},
    {OPT_MAX_REQUESTS, 0, "max-requests", "N",
     "with URLs: at most N downloads at once (default 0: as many as --jobs)"},
    {OPT_MAX_TIME, 0, "max-time", "SECONDS", "give up a download after SECONDS (default 60)"},
    {OPT_MLM_VERSION, 0, "mlm-version", "VERSION",
     "validate as this MLM version (see the list below)"},
    {OPT_NDJSON, 0, "ndjson", NULL,
     "inputs are NDJSON: one document per line (directories: *.ndjson)"},
    {OPT_NO_CACHE, 0, "no-cache", NULL, "with schemas: neither read nor write the schema cache"},
    {OPT_NO_CONFIG, 0, "no-config", NULL, "read no configuration file"},
    {OPT_NO_CORE, 0, "no-core", NULL, "with schemas: skip the STAC core schema"},
    {OPT_NO_EXTENSIONS, 0, "no-extensions", NULL, "with schemas: skip the stac_extensions schemas"},
    {OPT_NO_SNIPPET, 0, "no-snippet", NULL,
     "text format: do not show the document line under each diagnostic"},
    {OPT_NO_WARNINGS, 0, "no-warnings", NULL, "skip the spec-text rules (warnings)"},
    {OPT_OFFICIAL_MLM, 0, "official-mlm-schema", NULL,
     "with schemas: also run the official MLM schema"},
    {OPT_OFFLINE, 0, "offline", NULL, "never download schemas (implies --full)"},
    {OPT_QUIET, 'q', "quiet", NULL, "print only errors (no warnings, no summary)"},
    {OPT_RECURSIVE, 'r', "recursive", NULL,
     "follow the child and item links of Catalogs and Collections (files and URLs)"},
    {OPT_RETRIES, 0, "retries", "N",
     "retry a download answered 429 or 503 up to N times, waiting as Retry-After says (at most 60 "
     "s; default 3)"},
    {OPT_SCHEMA, 0, "schema", "FILE",
     "validate each input (any JSON) against this JSON Schema alone"},
    {OPT_SCHEMA_DIR, 0, "schema-dir", "DIR",
     "resolve schema URLs from DIR/host/path (repeatable; implies --full)"},
    {OPT_SCHEMA_MAP, 0, "schema-map", "URL=PATH",
     "resolve the schema URL from the file PATH (repeatable; implies --full)"},
    {OPT_SERVE, 0, "serve", "[HOST:]PORT",
     "run the validation service and web page on HOST (default 127.0.0.1) and PORT "
     "(docs/SERVE.md)"},
    {OPT_SEVERITY, 0, "severity", "RULE=LEVEL",
     "report RULE as error, warning, info or off (repeatable; overrides the configuration file)"},
    {OPT_STRICT, 0, "strict", NULL, "warnings make a document fail (exit 1)"},
    {OPT_TIMEOUT, 0, "timeout", "SECONDS",
     "with --serve: close a connection idle, or a request body still arriving, after SECONDS "
     "(default 10)"},
    {OPT_VERSION, 'V', "version", NULL, "show the version and exit"},
};

static void print_help(FILE *out)
{
    fprintf(out,
            "Usage: %s [OPTION]... PATH...\n"
            "Validate STAC Items and Collections that use the Machine Learning Model (MLM)\n"
            "extension against the rules of the MLM version they declare.\n"
            "\n"
            "PATH is a file, a directory (every *.json below it), - for standard input,\n"
            "or an http(s) URL. With no PATH, standard input is read.\n"
            "\n"
            "Rule settings come from --config FILE, else from the first " CLI_CONFIG_NAME "\n"
            "found in the working directory or one of its parents (up to the filesystem\n"
            "root), then from --disable and --severity, which win. The file is a JSON\n"
            "object: {\"disable\": [\"MLM319\"], \"severity\": {\"MLM320\": \"info\"}}.\n"
            "\nOptions:\n",
            PROGRAM_NAME);
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        char left[64];
        const opt_def *d = &table[i];
        if (d->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", d->short_name, d->long_name,
                     d->arg ? " " : "", d->arg ? d->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", d->long_name, d->arg ? " " : "",
                     d->arg ? d->arg : "");
        fprintf(out, "  %-34s %s\n", left, d->help);
    }
    fprintf(out,
            "\nExit status:\n"
            "  0  every document is valid\n"
            "  1  some document is invalid (errors; or warnings with --strict)\n"
            "  2  usage error\n"
            "  3  some input could not be read, fetched or parsed (others are still checked)\n"
            "\nEnvironment:\n"
            "  NO_COLOR  when set and not empty, no colour unless --color=always\n"
            "\nSupported MLM versions: %s\n",
            mlm_spec_versions_supported());
}

/* Print @p text word-wrapped at 78 columns, each line indented by 2. */
static void print_wrapped(const char *text)
{
    const size_t width = 76;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strlen(p);
        if (n > width) {
            n = width;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0) /* one long word */
                n = strcspn(p, " ");
        }
        printf("  %.*s\n", (int)n, p);
        p += n;
    }
}

/* --explain: what the rule checks and why, then an invalid and a valid snippet. */
static void explain(const mlm_rule_info *r)
{
    char summary[256];
    snprintf(summary, sizeof(summary), "%s", r->summary);
    /* A sentence starts with a capital, but a field name is kept as written
     * (stac_extensions, mlm:artifact_type): only a plain word is capitalised. */
    size_t word = strcspn(summary, " ,;.");
    bool plain = word > 0;
    for (size_t i = 0; i < word; i++)
        plain = plain && ((summary[i] >= 'a' && summary[i] <= 'z') || summary[i] == '-');
    if (plain)
        summary[0] = (char)(summary[0] - 'a' + 'A');
    printf("%s %s (%s)\n", r->id, r->name, mlm_severity_name(r->severity));
    print_wrapped(summary);
    printf("\nWhat it checks, and why:\n");
    print_wrapped(r->description);
    printf("\nInvalid:\n  %s\n\nValid:\n  %s\n", r->invalid_example, r->valid_example);
    char anchor[128];
    snprintf(anchor, sizeof(anchor), "%s-%s-%s", r->id, r->name, mlm_severity_name(r->severity));
    for (char *c = anchor; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    printf("\nSee also: docs/rules.md#%s, %s --list-rules\n", anchor, PROGRAM_NAME);
}

static int parse_long(const char *name, const char *s, long min, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || !end || end == s || *end || v < min) {
        cli_errorf("--%s: expected a whole number >= %ld, got '%s'", name, min, s);
        return EXIT_USAGE;
    }
    *out = v;
    return 0;
}

/* --- options that check their argument (apply's longer cases) ----------------- */

static int apply_format(cli_options *o, const char *arg)
{
    if (!reporter_find(arg)) {
        cli_errorf("--format: unknown format '%s' (expected one of: %s)", arg, reporter_names());
        return EXIT_USAGE;
    }
    o->format = arg;
    return 0;
}

static int apply_color(cli_options *o, const char *arg)
{
    if (strcmp(arg, "auto") == 0)
        o->color = COLOR_AUTO;
    else if (strcmp(arg, "always") == 0)
        o->color = COLOR_ALWAYS;
    else if (strcmp(arg, "never") == 0)
        o->color = COLOR_NEVER;
    else {
        cli_errorf("--color: expected auto, always or never, got '%s'", arg);
        return EXIT_USAGE;
    }
    return 0;
}

static int apply_mlm_version(cli_options *o, const char *arg)
{
    o->force_version = mlm_spec_version_parse(arg);
    if (o->force_version == MLM_SPEC_UNKNOWN) {
        cli_errorf("--mlm-version: unknown version '%s' (supported: %s)", arg,
                   mlm_spec_versions_supported());
        return EXIT_USAGE;
    }
    return 0;
}

static int apply_header(cli_options *o, const char *arg)
{
    if (!strchr(arg, ':')) {
        cli_errorf("--header: expected 'Name: value', got '%s'", arg);
        return EXIT_USAGE;
    }
    const char **h = realloc(o->headers, (o->n_headers + 1) * sizeof(*h));
    if (!h) {
        cli_errorf("out of memory");
        return EXIT_USAGE;
    }
    o->headers = h;
    o->headers[o->n_headers++] = arg;
    return 0;
}

/* --schema-dir and --schema-map: one more entry of their list. */
static int apply_schema_source(cli_options *o, const opt_def *d, const char *arg)
{
    if (d->id == OPT_SCHEMA_MAP && (!strchr(arg, '=') || arg[0] == '=')) {
        cli_errorf("--schema-map: expected URL=PATH, got '%s'", arg);
        return EXIT_USAGE;
    }
    const char ***list = d->id == OPT_SCHEMA_DIR ? &o->schema_dirs : &o->schema_maps;
    size_t *n = d->id == OPT_SCHEMA_DIR ? &o->n_schema_dirs : &o->n_schema_maps;
    const char **grown = realloc(*list, (*n + 1) * sizeof(**list));
    if (!grown) {
        cli_errorf("out of memory");
        return EXIT_USAGE;
    }
    *list = grown;
    (*list)[(*n)++] = arg;
    o->full = true;
    return 0;
}

/* --disable RULE and --severity RULE=LEVEL: one more rule setting. */
static int apply_rule_setting(cli_options *o, const opt_def *d, const char *arg)
{
    char *msg = NULL;
    char rule[128];
    mlm_severity sev = MLM_SEVERITY_NONE;
    const char *eq = d->id == OPT_SEVERITY ? strchr(arg, '=') : NULL;
    if (d->id == OPT_SEVERITY &&
        (!eq || eq == arg || cli_config_severity_parse(eq + 1, &sev) != 0)) {
        cli_errorf("--severity: expected RULE=LEVEL with LEVEL error, warning, info or off "
                   "(e.g. --severity MLM320=info), got '%s'",
                   arg);
        return EXIT_USAGE;
    }
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    snprintf(rule, sizeof(rule), "%.*s", (int)(n < sizeof(rule) ? n : sizeof(rule) - 1), arg);
    if (cli_config_add(&o->flag_rules, rule, sev,
                       d->id == OPT_SEVERITY ? "--severity" : "--disable", &msg) != 0) {
        cli_errorf("%s", msg ? msg : "out of memory");
        free(msg);
        return EXIT_USAGE;
    }
    return 0;
}

static int apply(cli_options *o, const opt_def *d, const char *arg)
{
    long v;
    switch (d->id) {
    case OPT_FORMAT: return apply_format(o, arg);
    case OPT_JOBS:
        if (parse_long(d->long_name, arg, 1, &v))
            return EXIT_USAGE;
        o->jobs = v > 256 ? 256u : (unsigned)v;
        return 0;
    case OPT_NDJSON: o->ndjson = true; return 0;
    case OPT_FIX: o->fix = true; return 0;
    case OPT_FIX_UNSAFE: o->fix = o->fix_unsafe = true; return 0;
    case OPT_DIFF: o->fix_diff = true; return 0;
    case OPT_RECURSIVE: o->recursive = true; return 0;
    case OPT_MAX_DEPTH: return parse_long(d->long_name, arg, 0, &o->max_depth);
    case OPT_MAX_ITEMS: return parse_long(d->long_name, arg, 0, &o->max_items);
    case OPT_MAX_PAGES: return parse_long(d->long_name, arg, 0, &o->max_pages);
    case OPT_RETRIES: return parse_long(d->long_name, arg, 0, &o->retries);
    case OPT_MAX_REQUESTS: return parse_long(d->long_name, arg, 0, &o->max_requests);
    case OPT_COLOR: return apply_color(o, arg);
    case OPT_QUIET: o->quiet = true; return 0;
    case OPT_STRICT: o->strict = true; return 0;
    case OPT_NO_WARNINGS: o->no_warnings = true; return 0;
    case OPT_MLM_VERSION: return apply_mlm_version(o, arg);
    case OPT_MAX_FILESIZE:
        if (parse_long(d->long_name, arg, 1, &v))
            return EXIT_USAGE;
        o->max_filesize = (size_t)v;
        return 0;
    case OPT_CONNECT_TIMEOUT: return parse_long(d->long_name, arg, 1, &o->connect_timeout);
    case OPT_MAX_TIME: return parse_long(d->long_name, arg, 1, &o->max_time);
    case OPT_MAX_REDIRS: return parse_long(d->long_name, arg, 0, &o->max_redirs);
    case OPT_HEADER: return apply_header(o, arg);
    case OPT_INSECURE: o->insecure = true; return 0;
    case OPT_FULL: o->full = true; return 0;
    case OPT_OFFLINE: o->offline = o->full = true; return 0;
    case OPT_NO_CACHE: o->no_cache = true; return 0;
    case OPT_NO_CORE: o->no_core = true; return 0;
    case OPT_NO_EXTENSIONS: o->no_extensions = true; return 0;
    case OPT_OFFICIAL_MLM: o->official_mlm = o->full = true; return 0;
    case OPT_ASSERT_FORMATS: o->assert_formats = true; return 0;
    case OPT_CACHE_DIR: o->cache_dir = arg; return 0;
    case OPT_SCHEMA: o->schema_file = arg; return 0;
    case OPT_SCHEMA_DIR:
    case OPT_SCHEMA_MAP: return apply_schema_source(o, d, arg);
    case OPT_CACERT: o->cacert = arg; return 0;
    case OPT_CONFIG: o->config_file = arg; return 0;
    case OPT_NO_CONFIG: o->no_config = true; return 0;
    case OPT_NO_SNIPPET: o->no_snippet = true; return 0;
    case OPT_LSP: o->lsp = true; return 0;
    case OPT_SERVE: o->serve = arg; return 0;
    case OPT_MAX_CONNECTIONS: return parse_long(d->long_name, arg, 1, &o->max_connections);
    case OPT_TIMEOUT: return parse_long(d->long_name, arg, 1, &o->serve_timeout);
    case OPT_DISABLE:
    case OPT_SEVERITY: return apply_rule_setting(o, d, arg);
    case OPT_VERSION:
    case OPT_HELP:
    case OPT_EXPLAIN:
    case OPT_LIST_RULES: break;
    }
    return 0;
}

/* The rule settings: the project file (--config FILE, else the nearest
 * .mlm-validate.json, unless --no-config), then --disable and --severity. */
static int check_fix_options(cli_options *o);

static int load_config(cli_options *o)
{
    if (o->config_file && o->no_config) {
        cli_errorf("--config and --no-config cannot be used together");
        return EXIT_USAGE;
    }
    char *found = o->no_config || o->config_file ? NULL : cli_config_find();
    const char *path = o->config_file ? o->config_file : found;
    char *msg = NULL;
    int rc = 0;
    if (path && cli_config_load(&o->config, path, &msg) != 0) {
        cli_errorf("%s", msg ? msg : "out of memory");
        rc = EXIT_USAGE;
    }
    free(msg);
    free(found);
    for (size_t i = 0; rc == 0 && i < o->flag_rules.n; i++) {
        if (cli_config_add(&o->config, o->flag_rules.table[i].rule_id,
                           o->flag_rules.table[i].severity, "", &msg) != 0) {
            cli_errorf("out of memory");
            free(msg);
            rc = EXIT_USAGE;
        }
    }
    return rc;
}

int cli_parse_options(int argc, char **argv, cli_options *o)
{
    memset(o, 0, sizeof(*o));
    o->format = "text";
    o->connect_timeout = 10;
    o->max_time = 60;
    o->max_redirs = 5;
    o->max_depth = 10;
    o->max_items = CLI_DEFAULT_MAX_ITEMS;
    o->max_pages = CLI_DEFAULT_MAX_PAGES;
    o->retries = CLI_DEFAULT_RETRIES;
    o->paths = calloc((size_t)argc + 1, sizeof(*o->paths));
    if (!o->paths) {
        cli_errorf("out of memory");
        return EXIT_USAGE;
    }
    bool only_paths = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
            o->paths[o->n_paths++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_paths = true;
            continue;
        }
        const opt_def *d = NULL;
        const char *inline_arg = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t k = 0; k < sizeof(table) / sizeof(table[0]); k++)
                if (strlen(table[k].long_name) == len &&
                    strncmp(table[k].long_name, name, len) == 0)
                    d = &table[k];
            if (eq)
                inline_arg = eq + 1;
        } else {
            for (size_t k = 0; k < sizeof(table) / sizeof(table[0]); k++)
                if (table[k].short_name == a[1])
                    d = &table[k];
            if (d && a[2])
                inline_arg = a + 2;
        }
        if (!d) {
            cli_errorf("unknown option '%s' (see --help)", a);
            return EXIT_USAGE;
        }
        if (d->id == OPT_HELP) {
            print_help(stdout);
            return -1;
        }
        if (d->id == OPT_LIST_RULES) {
            for (size_t k = 0; k < mlm_rule_count(); k++) {
                const mlm_rule_info *r = mlm_rule_at(k);
                printf("%s  %-8s %-28s %s\n", r->id, mlm_severity_name(r->severity), r->name,
                       r->summary);
            }
            return -1;
        }
        if (d->id == OPT_EXPLAIN) {
            const char *id = inline_arg ? inline_arg : (i + 1 < argc ? argv[++i] : NULL);
            const mlm_rule_info *r = id ? mlm_rule_find(id) : NULL;
            if (!r) {
                cli_errorf("--explain: unknown rule '%s' (see --list-rules)", id ? id : "");
                return EXIT_USAGE;
            }
            explain(r);
            return -1;
        }
        if (d->id == OPT_VERSION) {
            printf("%s %s (libmlm %s; MLM versions: %s)\n", PROGRAM_NAME, MLM_VERSION_STRING,
                   mlm_version_string(), mlm_spec_versions_supported());
            return -1;
        }
        const char *arg = NULL;
        if (d->arg) {
            if (inline_arg)
                arg = inline_arg;
            else if (i + 1 < argc)
                arg = argv[++i];
            else {
                cli_errorf("option '--%s' needs an argument (%s)", d->long_name, d->arg);
                return EXIT_USAGE;
            }
        } else if (inline_arg) {
            cli_errorf("option '--%s' takes no argument", d->long_name);
            return EXIT_USAGE;
        }
        int rc = apply(o, d, arg);
        if (rc)
            return rc;
    }
    if (o->lsp && o->n_paths) {
        cli_errorf("--lsp takes no PATH: the editor sends the documents");
        return EXIT_USAGE;
    }
    if (o->lsp && (o->fix || o->serve)) {
        cli_errorf(
            "--lsp cannot be used with %s: it serves one editor on standard input and output",
            o->fix ? "--fix (in an editor the fixes are code actions)" : "--serve");
        return EXIT_USAGE;
    }
    if (o->serve && o->n_paths) {
        cli_errorf("--serve takes no PATH: documents come in requests");
        return EXIT_USAGE;
    }
    if (o->n_paths == 0) {
        o->paths[o->n_paths++] = "-";
        o->implicit_stdin = true;
    }
    int rc = check_fix_options(o);
    if (rc)
        return rc;
    return o->lsp ? 0 : load_config(o); /* --lsp: per document (lsp.c) */
}

/* --fix rewrites files, or filters standard input to standard output (alone);
 * --diff only makes sense with it. */
static int check_fix_options(cli_options *o)
{
    if (o->fix_diff && !o->fix) {
        cli_errorf("--diff shows what --fix would change; use it with --fix or --fix-unsafe");
        return EXIT_USAGE;
    }
    if (!o->fix)
        return 0;
    const char *why = o->ndjson                     ? "--ndjson streams"
                      : o->recursive                ? "--recursive walks"
                      : o->custom || o->schema_file ? "--schema checks"
                                                    : NULL;
    if (why) {
        cli_errorf("--fix cannot be used with %s; fix the files one by one", why);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *p = o->paths[i];
        if (strcmp(p, "-") == 0 && o->n_paths > 1) {
            cli_errorf("--fix on standard input writes the fixed document to standard output, "
                       "so it takes no other PATH; fix the files in a separate run");
            return EXIT_USAGE;
        }
        if (strncasecmp(p, "http://", 7) == 0 || strncasecmp(p, "https://", 8) == 0) {
            cli_errorf("--fix rewrites files: %s is a URL; download it and fix the copy", p);
            return EXIT_USAGE;
        }
    }
    o->fix_stdout = o->n_paths == 1 && strcmp(o->paths[0], "-") == 0 && !o->fix_diff;
    return 0;
}

void cli_options_free(cli_options *o)
{
    free(o->paths);
    free(o->headers);
    free(o->schema_dirs);
    free(o->schema_maps);
    cli_config_free(&o->config);
    cli_config_free(&o->flag_rules);
}
