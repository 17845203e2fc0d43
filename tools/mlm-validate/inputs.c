/* Inputs: files, directories (every *.json below, sorted), standard input,
 * URLs, and NDJSON streams (one document per line). Enumeration only makes
 * tasks; the pool does the work. */
#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "crawl.h"

/* The library's test (mlm_location_is_url), so that the CLI and
 * mlm_parse_location() choose alike. */
static bool is_url(const char *p)
{
    return mlm_location_is_url(p) != 0;
}

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
                     "line %ld is %zu bytes, more than the limit of %zu bytes", lineno, len,
                     limit);
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

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n > m && strcmp(name + n - m, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The (device, inode) pairs of the directories being walked. */
typedef struct walk_stack {
    dev_t dev[64];
    ino_t ino[64];
    int depth;
} walk_stack;

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

/* Walk @p dir and submit its files; with @p count, only count them (quietly). */
static void enumerate_dir(const cli_options *o, const char *dir, walk_stack *ws, pool *p,
                          size_t *count)
{
    DIR *dh = opendir(dir);
    if (!dh && count) {
        (*count)++;
        return;
    }
    if (!dh) {
        char msg[300];
        snprintf(msg, sizeof(msg), "cannot open directory: %s", strerror(errno));
        submit_failure(p, dir, MLM_ERR_IO, msg);
        return;
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
    if (n)
        qsort(names, n, sizeof(*names), cmp_names);
    const char *want = o->ndjson ? ".ndjson" : ".json";
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (!path) {
            free(names[i]);
            continue;
        }
        snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        struct stat st;
        if (stat(path, &st) != 0) {
            if (!o->quiet && !count)
                cli_errorf("%s: skipped: %s", path, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            bool loop = false;
            for (int k = 0; k < ws->depth; k++)
                if (ws->dev[k] == st.st_dev && ws->ino[k] == st.st_ino)
                    loop = true;
            if (loop) {
                if (!o->quiet && !count)
                    cli_errorf("%s: skipped: directory loop (a symbolic link back to a parent)",
                               path);
            } else if (ws->depth >= 64) {
                if (!o->quiet && !count)
                    cli_errorf("%s: skipped: more than 64 directory levels", path);
            } else {
                ws->dev[ws->depth] = st.st_dev;
                ws->ino[ws->depth] = st.st_ino;
                ws->depth++;
                enumerate_dir(o, path, ws, p, count);
                ws->depth--;
            }
        } else if (has_suffix(names[i], want)) {
            if (S_ISREG(st.st_mode) && count)
                (*count)++;
            else if (S_ISREG(st.st_mode))
                enumerate_file(o, path, p);
            else if (!o->quiet && !count)
                cli_errorf("%s: skipped: not a regular file", path);
        }
        free(path);
        free(names[i]);
    }
    free(names);
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
            walk_stack ws;
            ws.dev[0] = st.st_dev;
            ws.ino[0] = st.st_ino;
            ws.depth = 1;
            enumerate_dir(o, path, &ws, NULL, &n);
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
            walk_stack ws;
            ws.dev[0] = st.st_dev;
            ws.ino[0] = st.st_ino;
            ws.depth = 1;
            enumerate_dir(o, path, &ws, p, NULL);
        } else {
            enumerate_file(o, path, p);
        }
    }
    crawl_free(c);
}
