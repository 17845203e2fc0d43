/* Inputs: files, directories (every *.json below, sorted), stdin and URLs. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

static bool is_url(const char *p)
{
    return strncasecmp(p, "http://", 7) == 0 || strncasecmp(p, "https://", 8) == 0;
}

static int validate_document(const cli_options *o, const char *source, mlm_document *doc,
                             const mlm_error *load_err, run_totals *t)
{
    if (!doc)
        return report_document(o, source, NULL, NULL, load_err, t);
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    if (o->no_warnings)
        vo.flags |= MLM_VALIDATE_NO_WARNINGS;
    vo.stac = o->stac;
    vo.schema = o->custom;
    mlm_error err = MLM_ERROR_INIT;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    int rc = report_document(o, source, doc, d, d ? NULL : &err, t);
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return rc;
}

static void parse_options_of(const cli_options *o, mlm_parse_options *po)
{
    mlm_parse_options init = MLM_PARSE_OPTIONS_INIT;
    *po = init;
    po->max_bytes = o->max_filesize;
    po->force_version = o->force_version;
    if (o->custom)
        po->flags |= MLM_PARSE_ANY_ROOT;
}

static int run_file(const cli_options *o, const char *path, run_totals *t)
{
    mlm_parse_options po;
    parse_options_of(o, &po);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file(path, &po, &err);
    return validate_document(o, strcmp(path, "-") == 0 ? "<stdin>" : path, doc, &err, t);
}

void cli_fetch_options(const cli_options *o, mlm_fetch_options *fo)
{
    fo->connect_timeout = o->connect_timeout;
    fo->max_time = o->max_time;
    fo->max_redirs = o->max_redirs;
    if (o->max_filesize)
        fo->max_filesize = o->max_filesize;
    fo->headers = o->headers;
    fo->header_count = o->n_headers;
    fo->insecure = o->insecure;
    fo->cacert = o->cacert;
}

static int run_url(const cli_options *o, const char *url, run_totals *t)
{
    mlm_error err = MLM_ERROR_INIT;
#ifdef MLM_WITH_CURL
    mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
    cli_fetch_options(o, &fo);
    char *body = NULL;
    size_t len = 0;
    int rc = mlm_fetch(url, &fo, &body, &len, NULL, &err);
    if (rc != MLM_OK)
        return validate_document(o, url, NULL, &err, t);
    mlm_parse_options po;
    parse_options_of(o, &po);
    mlm_document *doc = mlm_parse_buffer(body, len, url, &po, &err);
    mlm_free(body);
    return validate_document(o, url, doc, &err, t);
#else
    snprintf(err.text, sizeof(err.text), "this build has no URL support (built without libcurl)");
    err.code = MLM_ERR_UNSUPPORTED;
    return validate_document(o, url, NULL, &err, t);
#endif
}

static bool has_json_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A stack of (device, inode) pairs of the directories being walked. */
typedef struct walk_stack {
    dev_t dev[64];
    ino_t ino[64];
    int depth;
} walk_stack;

static int run_dir(const cli_options *o, const char *dir, walk_stack *ws, run_totals *t)
{
    int worst = 0;
    DIR *dh = opendir(dir);
    if (!dh) {
        mlm_error err = MLM_ERROR_INIT;
        snprintf(err.text, sizeof(err.text), "cannot open directory: %s", strerror(errno));
        err.code = MLM_ERR_IO;
        return validate_document(o, dir, NULL, &err, t);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files and folders */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(dh);
    qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (!path)
            continue;
        snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        struct stat st;
        int rc = 0;
        if (stat(path, &st) != 0) {
            if (!o->quiet)
                cli_errorf("%s: skipped: %s", path, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            bool loop = false;
            for (int k = 0; k < ws->depth; k++)
                if (ws->dev[k] == st.st_dev && ws->ino[k] == st.st_ino)
                    loop = true;
            if (loop) {
                if (!o->quiet)
                    cli_errorf("%s: skipped: directory loop (a symbolic link back to a parent)",
                               path);
            } else if (ws->depth >= 64) {
                if (!o->quiet)
                    cli_errorf("%s: skipped: more than 64 directory levels", path);
            } else {
                ws->dev[ws->depth] = st.st_dev;
                ws->ino[ws->depth] = st.st_ino;
                ws->depth++;
                rc = run_dir(o, path, ws, t);
                ws->depth--;
            }
        } else if (has_json_suffix(names[i])) {
            if (S_ISREG(st.st_mode))
                rc = run_file(o, path, t);
            else if (!o->quiet)
                cli_errorf("%s: skipped: not a regular file", path);
        }
        if (rc > worst)
            worst = rc;
        free(path);
        free(names[i]);
    }
    free(names);
    return worst;
}

int run_inputs(const cli_options *o, run_totals *t)
{
    int worst = 0;
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *p = o->paths[i];
        int rc;
        struct stat st;
        if (is_url(p)) {
            rc = run_url(o, p, t);
        } else if (strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_stack ws;
            ws.dev[0] = st.st_dev;
            ws.ino[0] = st.st_ino;
            ws.depth = 1;
            rc = run_dir(o, p, &ws, t);
        } else {
            rc = run_file(o, p, t);
        }
        if (rc > worst)
            worst = rc;
    }
    return worst;
}
