/* Inputs: files, directories (every *.json below, sorted), standard input,
 * URLs, and NDJSON streams (one document per line). Enumeration only makes
 * tasks; the pool does the work. */
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "crawl.h"
#include "walk.h"

/* The library's test (mlm_location_is_url), so that the CLI and
 * mlm_parse_location() choose alike. */
static bool is_url(const char *p) { return mlm_location_is_url(p) != 0; }

static void submit(pool *p, task_kind kind, const char *source)
{
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = kind;
    t.source = strdup(source);
    if (t.source)
        pool_submit(p, &t);
}

static void submit_failure(pool *p, const char *source, int code, const char *text)
{
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = TASK_FAILED;
    t.source = strdup(source);
    t.err.code = code;
    t.err.position = -1;
    snprintf(t.err.text, sizeof(t.err.text), "%s", text);
    if (t.source)
        pool_submit(p, &t);
}

/* NDJSON: every non-blank line is a document, streamed (bounded memory). */
static void enumerate_ndjson(const cli_options *o, const char *path, pool *p)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        char msg[300];
        snprintf(msg, sizeof(msg), "cannot open: %s", strerror(errno));
        submit_failure(p, name, MLM_ERR_IO, msg);
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    size_t limit = o->max_filesize ? o->max_filesize : MLM_DEFAULT_MAX_BYTES;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank line */
        task t;
        memset(&t, 0, sizeof(t));
        t.kind = TASK_BUFFER;
        t.source = strdup(name);
        t.line_offset = lineno - 1;
        if (len > limit) {
            t.kind = TASK_FAILED;
            t.err.code = MLM_ERR_TOO_LARGE;
            t.err.line = (int)lineno;
            snprintf(t.err.text, sizeof(t.err.text),
                     "line %ld is %zu bytes, more than the limit of %zu bytes", lineno, len, limit);
        } else {
            t.data = malloc(len + 1);
            if (t.data) {
                memcpy(t.data, line, len);
                t.data[len] = '\0';
                t.len = len;
            }
        }
        if (t.source && (t.data || t.kind == TASK_FAILED))
            pool_submit(p, &t);
        else
            task_clear(&t);
    }
    if (ferror(f)) {
        char msg[300];
        snprintf(msg, sizeof(msg), "read error after line %ld: %s", lineno, strerror(errno));
        submit_failure(p, name, MLM_ERR_IO, msg);
    }
    free(line);
    if (!is_stdin)
        fclose(f);
}

/* Whether a file named on the command line may be a page with a `next`
 * link: a cheap look for the word before the walker loads it through the
 * pool and waits for its links (which orders the inputs after it). */
static bool may_have_next(const cli_options *o, const char *path)
{
    size_t limit = o->max_filesize ? o->max_filesize : MLM_DEFAULT_MAX_BYTES;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    static const char word[] = "\"next\"";
    const size_t w = sizeof(word) - 1;
    char buf[65536];
    size_t keep = 0, total = 0, n;
    bool hit = false;
    while (!hit && total <= limit && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
        total += n;
        size_t have = keep + n;
        for (size_t i = 0; !hit && i + w <= have; i++)
            hit = memcmp(buf + i, word, w) == 0;
        keep = have < w - 1 ? have : w - 1; /* a word cut by the chunk boundary */
        memmove(buf, buf + have - keep, keep);
    }
    fclose(f);
    return hit;
}

static void enumerate_file(const cli_options *o, const char *path, pool *p)
{
    if (o->ndjson)
        enumerate_ndjson(o, path, p);
    else
        submit(p, TASK_PATH, strcmp(path, "-") == 0 ? "<stdin>" : path);
}

/* Walking a directory (tools/common/walk.c): every *.json (*.ndjson with
 * --ndjson) file becomes a task; with `count`, files are only counted,
 * quietly. A directory that cannot be opened is an unreadable input. */
typedef struct dir_visit {
    const cli_options *o;
    pool *p;
    size_t *count;
} dir_visit;

static void dir_file(void *payload, const char *path)
{
    dir_visit *v = payload;
    if (v->count)
        (*v->count)++;
    else
        enumerate_file(v->o, path, v->p);
}

static void dir_unreadable(void *payload, const char *path, int errnum)
{
    dir_visit *v = payload;
    if (v->count) {
        (*v->count)++;
        return;
    }
    char msg[300];
    snprintf(msg, sizeof(msg), "cannot open directory: %s", strerror(errnum));
    submit_failure(v->p, path, MLM_ERR_IO, msg);
}

static void dir_skipped(void *payload, const char *path, const char *why)
{
    dir_visit *v = payload;
    if (!v->o->quiet && !v->count)
        cli_errorf("%s: skipped: %s", path, why);
}

static void enumerate_dir(const cli_options *o, const char *dir, pool *p, size_t *count)
{
    dir_visit v = {o, p, count};
    tool_walk w = {
        o->ndjson ? ".ndjson" : ".json", true, dir_file, dir_unreadable, dir_skipped, &v};
    (void)tool_walk_dir(&w, dir); /* an unreadable top directory was reported */
}

static bool walked(const cli_options *o, const char *path);

size_t count_inputs(const cli_options *o)
{
    if (o->ndjson || o->recursive)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *path = o->paths[i];
        struct stat st;
        if (!is_url(path) && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
            S_ISDIR(st.st_mode)) {
            enumerate_dir(o, path, NULL, &n);
        } else if (walked(o, path)) {
            return 0; /* a URL or a page: how many pages follow is not known */
        } else {
            n++;
        }
    }
    return n;
}

static bool is_dir(const char *path, struct stat *st)
{
    return !is_url(path) && strcmp(path, "-") != 0 && stat(path, st) == 0 && S_ISDIR(st->st_mode);
}

/* Whether an input goes to the walker: --recursive roots, URLs, and files
 * that may be pages of a paged collection. */
static bool walked(const cli_options *o, const char *path)
{
    struct stat st;
    return !o->ndjson && strcmp(path, "-") != 0 && !is_dir(path, &st) &&
           (o->recursive || is_url(path) || may_have_next(o, path));
}

void enumerate_inputs(const cli_options *o, pool *p)
{
    crawl *c = crawl_new(o);
    for (size_t i = 0; i < o->n_paths; i++) {
        const char *path = o->paths[i];
        struct stat st;
        bool dir = is_dir(path, &st);
        if (c && !dir && walked(o, path)) {
            /* --recursive: one root at a time (each crawl whole, as always).
             * Otherwise the consecutive walked inputs share one walk, so
             * many URLs still download in parallel. */
            size_t n = 1;
            while (!o->recursive && i + n < o->n_paths && walked(o, o->paths[i + n]))
                n++;
            crawl_run(o, c, o->paths + i, n, p);
            i += n - 1;
        } else if (is_url(path)) {
            submit(p, TASK_URL, path); /* out of memory for the walker */
        } else if (dir) {
            enumerate_dir(o, path, p, NULL);
        } else {
            enumerate_file(o, path, p);
        }
    }
    crawl_free(c);
}
