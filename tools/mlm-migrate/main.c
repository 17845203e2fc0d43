/* mlm-migrate: upgrade MLM metadata to a later version of the extension.
 * Options, inputs, writing and reporting; the migration itself is
 * mlm_migrate() in the library. */
#include <dirent.h>
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

extern char **environ;

enum { EXIT_OK = 0, EXIT_CHANGES = 1, EXIT_USAGE = 2, EXIT_UNREADABLE = 3 };
#define MAX_BYTES (64L * 1024 * 1024)

typedef struct opts {
    mlm_spec_version to;
    bool in_place, check, diff, allow_todo, json, quiet;
} opts;

static const char usage_text[] =
    "Usage: mlm-migrate [OPTIONS] [FILE|DIR|-]...\n"
    "Migrate STAC MLM metadata (dl-model, the January 2024 draft, v1.0.0 to v1.5.1) to a later version.\n"
    "\n"
    "With one input and no --in-place, --check or --diff, the migrated document is written to\n"
    "standard output and the report to standard error. Directories are searched for *.json files.\n"
    "Without inputs, or with -, standard input is read.\n"
    "\n"
    "Options:\n"
    "  --to VERSION      version to migrate to (1.0.0 ... 1.5.2; default 1.5.2)\n"
    "  -i, --in-place    rewrite each file atomically (only when something changes)\n"
    "  --check           change nothing; exit 1 when some input would change\n"
    "  --diff            print a unified diff of each change (runs diff -u)\n"
    "  --allow-todo      exit 0 even when TODOs remain\n"
    "  -f, --format FMT  report format: text (default) or json\n"
    "  -q, --quiet       report TODOs only\n"
    "  -h, --help        show this help and exit\n"
    "  -V, --version     show the version and exit\n"
    "\n"
    "Exit status: 0 done, 1 TODOs remain (or --check found changes, or a document cannot be\n"
    "migrated), 2 usage error, 3 an input could not be read or parsed.\n";

static int parse_args(int argc, char **argv, opts *o)
{
    static const struct option longs[] = {
        {"to", required_argument, NULL, 't'},     {"in-place", no_argument, NULL, 'i'},
        {"check", no_argument, NULL, 'c'},        {"diff", no_argument, NULL, 'd'},
        {"allow-todo", no_argument, NULL, 'a'},   {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0}};
    o->to = MLM_SPEC_LATEST;
    int c;
    while ((c = getopt_long(argc, argv, "if:qhV", longs, NULL)) != -1) {
        switch (c) {
        case 't':
            o->to = mlm_spec_version_parse(optarg);
            if (o->to < MLM_SPEC_1_0_0) {
                fprintf(stderr, "mlm-migrate: --to: \"%s\" is not a release to migrate to; use one of 1.0.0, "
                                "1.1.0, 1.2.0, 1.3.0, 1.4.0, 1.5.0, 1.5.1, 1.5.2.\n", optarg);
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
                fprintf(stderr, "mlm-migrate: --format: \"%s\" is not a format; use text or json.\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage_text, stdout); return -1;
        case 'V': printf("mlm-migrate %s\n", mlm_version_string()); return -1;
        default:
            fprintf(stderr, "Try 'mlm-migrate --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    if (o->in_place + o->check + o->diff > 1) {
        fprintf(stderr, "mlm-migrate: --in-place, --check and --diff exclude each other; choose one.\n");
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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* *.json files under dir, sorted, not following symbolic links to directories. */
static int crawl(const char *dir, list *out, int depth)
{
    if (depth > 64)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    list here = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p)
            break;
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && (S_ISDIR(st.st_mode) ||
                                   (S_ISREG(st.st_mode) && strlen(e->d_name) > 5 &&
                                    strcmp(e->d_name + strlen(e->d_name) - 5, ".json") == 0)))
            push(&here, p);
        free(p);
    }
    closedir(d);
    qsort(here.v, here.n, sizeof(*here.v), cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (lstat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
            crawl(here.v[i], out, depth + 1);
        else
            push(out, here.v[i]);
        free(here.v[i]);
    }
    free(here.v);
    return 0;
}

static char *read_all(FILE *f, size_t *len, bool *too_large)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n > (size_t)MAX_BYTES) {
            *too_large = true;
            free(buf);
            return NULL;
        }
        if (r == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- output ------------------------------------------------------------------ */

/* ---- layout ------------------------------------------------------------------
 * jansson writes either every container expanded (JSON_INDENT) or all on one
 * line, while people keep short arrays ("shape": [-1, 3, 224, 224]) on one
 * line. So that the written document (and --diff) changes only what the
 * migration changed, the output keeps the source's layout: its indentation,
 * and each container the source wrote on one line is written on one line
 * again (its value at the same place in the source, found among the source's
 * lines). A container the migration added or replaced follows the source's
 * habit for its shape (arrays of scalars, arrays of flat objects, flat
 * objects). Scalars are jansson's, reals with their
 * fewest exact digits (docs/MIGRATION.md). */

/* The shapes of small containers people write on one line. */
enum { SHAPE_NONE = -1, SHAPE_SCALARS, SHAPE_RECORDS, SHAPE_FLAT, SHAPES };

#define LAYOUT_MAX_LINE 4096 /* longer lines are not looked up: not a person's one-line value */

typedef struct layout {
    const char *text;     /* the source */
    char **lines;         /* its lines, without indentation and trailing comma, sorted */
    size_t nlines;
    int indent;
    bool habit[SHAPES];   /* the source writes some container of that shape on one line */
    size_t longest;       /* the longest line, at most LAYOUT_MAX_LINE */
} layout;

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_line(const layout *L, const char *s)
{
    return s && bsearch(&s, L->lines, L->nlines, sizeof(*L->lines), cmp_line) != NULL;
}

/* The indentation of the source (spaces before the first indented line), 2 if none. */
static int source_indent(const char *text)
{
    const char *nl = strchr(text, '\n');
    if (!nl)
        return 2;
    int n = 0;
    while (nl[1 + n] == ' ')
        n++;
    return n > 0 && n <= 8 ? n : 2;
}

static bool is_scalar(const json_t *v) { return !json_is_array(v) && !json_is_object(v); }

/* [1, 2] scalars; [{"a": 1}, ...] records of scalars; {"a": 1, "b": [1, 2]} flat. */
static int shape_of(json_t *v, int depth)
{
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v) && json_array_size(v)) {
        int inner = SHAPE_SCALARS;
        json_array_foreach(v, i, e)
            if (!is_scalar(e))
                inner = depth == 0 && json_is_object(e) && shape_of(e, 1) == SHAPE_FLAT && inner != SHAPE_NONE
                            ? SHAPE_RECORDS : SHAPE_NONE;
        return inner;
    }
    if (json_is_object(v) && json_object_size(v)) {
        json_object_foreach(v, k, e)
            if (!is_scalar(e) && shape_of(e, 1) != SHAPE_SCALARS)
                return SHAPE_NONE;
        return SHAPE_FLAT;
    }
    return SHAPE_NONE;
}

typedef struct outbuf {
    char *s;
    size_t n, cap;
    size_t limit; /* stop (as if out of memory) past this length; 0: none */
    bool oom;
} outbuf;

static void put(outbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->limit && b->n + n > b->limit) {
        b->oom = true;
        return;
    }
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *t = realloc(b->s, cap);
        if (!t) {
            b->oom = true;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(outbuf *b, const char *s) { put(b, s, strlen(s)); }

/* A scalar as jansson writes it; a real with the fewest digits that read back
 * exactly, and without an exponent where the integer part fits (1000.0, not 1e3). */
static void put_scalar(outbuf *b, json_t *v)
{
    size_t flags = 0;
    if (json_is_real(v)) {
        int p = mlm_json_real_precision(v);
        double a = json_real_value(v);
        a = a < 0 ? -a : a;
        int digits = 1;
        for (; a >= 10 && digits <= 17; a /= 10)
            digits++;
        flags = JSON_REAL_PRECISION(digits > p && digits <= 17 ? digits : p);
    }
    char *s = json_dumps(v, JSON_ENCODE_ANY | flags);
    if (!s) {
        b->oom = true;
        return;
    }
    puts_(b, s);
    free(s);
}

static void put_key(outbuf *b, const char *k)
{
    json_t *ks = json_string(k);
    if (!ks) {
        b->oom = true;
        return;
    }
    put_scalar(b, ks);
    json_decref(ks);
    puts_(b, ": ");
}

static void emit(outbuf *b, const layout *L, json_t *v, json_t *src, const char *key, int depth);

/* v on one line: [a, b] and {"k": v}, the separators people and jansson use. */
static void emit_line(outbuf *b, json_t *v) { emit(b, NULL, v, NULL, NULL, 0); }

/* Was the source value v (under key, NULL in an array) on one line of its own? */
static bool src_inline(const layout *L, const char *key, json_t *v)
{
    /* bounded by the longest source line, so deep documents stay linear */
    outbuf one = {.limit = L->longest}, with_key = {.limit = L->longest};
    emit_line(&one, v);
    bool found = !one.oom && has_line(L, one.s);
    if (!found && key) {
        put_key(&with_key, key);
        emit_line(&with_key, v);
        found = !with_key.oom && has_line(L, with_key.s);
    }
    free(one.s);
    free(with_key.s);
    return found;
}

static int layout_init(layout *L, const char *text)
{
    memset(L, 0, sizeof(*L));
    L->text = text;
    L->indent = source_indent(text);
    size_t cap = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *b = p;
        while (n && (*b == ' ' || *b == '\t')) {
            b++;
            n--;
        }
        while (n && (b[n - 1] == ',' || b[n - 1] == '\r' || b[n - 1] == ' '))
            n--;
        if (L->nlines == cap) {
            cap = cap ? cap * 2 : 64;
            char **nl = realloc(L->lines, cap * sizeof(*nl));
            if (!nl)
                return -1;
            L->lines = nl;
        }
        if (n > L->longest)
            L->longest = n < LAYOUT_MAX_LINE ? n : LAYOUT_MAX_LINE;
        char *line = malloc(n + 1);
        if (!line)
            return -1;
        memcpy(line, b, n);
        line[n] = '\0';
        L->lines[L->nlines++] = line;
        p = e ? e + 1 : p + strlen(p);
    }
    qsort(L->lines, L->nlines, sizeof(*L->lines), cmp_line);
    return 0;
}

static void layout_free(layout *L)
{
    for (size_t i = 0; i < L->nlines; i++)
        free(L->lines[i]);
    free(L->lines);
}

static void newline(outbuf *b, const layout *L, int depth)
{
    puts_(b, "\n");
    for (int i = 0; i < depth * L->indent; i++)
        puts_(b, " ");
}

/* Before an element: ", " on one line, else "," and a new indented line. */
static void separate(outbuf *b, const layout *L, bool first, int depth)
{
    if (!L) {
        if (!first)
            puts_(b, ", ");
        return;
    }
    if (!first)
        puts_(b, ",");
    newline(b, L, depth);
}

/* v, whose counterpart in the source is src (NULL when new), under key;
 * all on one line when L is NULL. */
static void emit(outbuf *b, const layout *L, json_t *v, json_t *src, const char *key, int depth)
{
    if (b->oom)
        return;
    if (!json_is_array(v) && !json_is_object(v)) {
        put_scalar(b, v);
        return;
    }
    bool empty = json_is_array(v) ? !json_array_size(v) : !json_object_size(v);
    if (L && depth > 0 &&
        (empty || (src && (json_is_array(src) == json_is_array(v)) ? src_inline(L, key, src)
                                                                    : shape_of(v, 0) != SHAPE_NONE && L->habit[shape_of(v, 0)])))
        L = NULL;
    bool arr = json_is_array(v);
    puts_(b, arr ? "[" : "{");
    size_t i = 0;
    const char *k;
    json_t *e;
    if (arr)
        json_array_foreach(v, i, e) {
            separate(b, L, i == 0, depth + 1);
            emit(b, L, e, json_is_array(src) ? json_array_get(src, i) : NULL, NULL, depth + 1);
        }
    else
        json_object_foreach(v, k, e) {
            separate(b, L, i++ == 0, depth + 1);
            put_key(b, k);
            emit(b, L, e, json_is_object(src) ? json_object_get(src, k) : NULL, k, depth + 1);
        }
    if (L && !empty)
        newline(b, L, depth);
    puts_(b, arr ? "]" : "}");
}

/* Which shapes of container the source writes on one line. */
static void find_habits(layout *L, json_t *v, const char *key)
{
    int sh = shape_of(v, 0);
    if (sh != SHAPE_NONE && !L->habit[sh] && src_inline(L, key, v))
        L->habit[sh] = true;
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v))
        json_array_foreach(v, i, e) find_habits(L, e, NULL);
    if (json_is_object(v))
        json_object_foreach(v, k, e) find_habits(L, e, k);
}

/* The migrated document root in the layout of the source text (whose parse is src). */
static char *serialise(json_t *root, json_t *src, const char *src_text)
{
    layout L;
    outbuf b = {0};
    if (layout_init(&L, src_text) != 0) {
        layout_free(&L);
        return NULL;
    }
    find_habits(&L, src, NULL);
    emit(&b, &L, root, src, NULL, 0);
    puts_(&b, "\n");
    layout_free(&L);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Write text to path atomically: a temporary file in the same directory,
 * the original's permissions, fsync, rename, fsync of the directory. A
 * symbolic link is resolved and its target rewritten (the link stays). */
static int replace_file(const char *path, const char *text, char *why, size_t whylen)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(real, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof(tmp), "%s/.mlm-migrate.XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, whylen, "cannot create a temporary file next to it: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    if (fchmod(fd, st.st_mode & 07777) != 0 || write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0)
        rc = -1;
    if (rc == 0 && fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
        rc = -1;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, real) != 0)
        rc = -1;
    if (rc != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        unlink(tmp);
        return -1;
    }
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* diff -u between old and new text, labelled with the input's name: diffutils
 * is part of every Debian system and its output is the reference. */
static int run_diff(const char *name, const char *old_text, size_t old_len, const char *new_text)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    char a[PATH_MAX], b[PATH_MAX];
    snprintf(a, sizeof(a), "%s/mlm-migrate-a.XXXXXX", tmpdir);
    snprintf(b, sizeof(b), "%s/mlm-migrate-b.XXXXXX", tmpdir);
    int fa = mkstemp(a);
    int fb = fa >= 0 ? mkstemp(b) : -1;
    int rc = -1;
    if (fa >= 0 && fb >= 0 && write_all(fa, old_text, old_len) == 0 &&
        write_all(fb, new_text, strlen(new_text)) == 0) {
        char la[PATH_MAX + 8], lb[PATH_MAX + 8];
        snprintf(la, sizeof(la), "a/%s", name);
        snprintf(lb, sizeof(lb), "b/%s", name);
        char d0[] = "diff", d1[] = "-u", d2[] = "--label", d3[] = "--label";
        char *args[] = {d0, d1, d2, la, d3, lb, a, b, NULL};
        fflush(stdout);
        pid_t pid;
        if (posix_spawnp(&pid, "diff", NULL, NULL, args, environ) == 0) {
            int status;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
                rc = 0;
        }
    }
    if (fa >= 0) {
        close(fa);
        unlink(a);
    }
    if (fb >= 0) {
        close(fb);
        unlink(b);
    }
    return rc;
}

/* ---- report ------------------------------------------------------------------- */

static size_t remaining_errors(FILE *out, const opts *o, const char *name, json_t *root, json_t *jentries);

/* A version for people; UNKNOWN in a report is the dl-model step. */
static const char *vname(mlm_spec_version v) { return v == MLM_SPEC_UNKNOWN ? "dl-model" : mlm_spec_version_name(v); }

static void report(FILE *out, const opts *o, const char *name, const mlm_migration *m, const char *error,
                   json_t *jreport, json_t *root, size_t *still)
{
    if (o->json) {
        json_t *entries = json_array();
        for (size_t i = 0; m && i < mlm_migration_count(m); i++) {
            const mlm_migrate_entry *e = mlm_migration_entry(m, i);
            if (o->quiet && e->kind != MLM_MIGRATE_TODO)
                continue;
            json_array_append_new(entries,
                                  json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s}", "id", e->id, "kind",
                                            mlm_migrate_kind_name(e->kind), "step_from",
                                            vname(e->from_version), "step_to",
                                            mlm_spec_version_name(e->to_version), "from", e->from, "to", e->to,
                                            "message", e->message));
        }
        if (root)
            *still = remaining_errors(out, o, name, root, entries);
        json_t *r = json_pack("{s:s, s:o}", "source", name, "entries", entries);
        if (m) {
            json_object_set_new(r, "from_version", json_string(vname(mlm_migration_source(m))));
            json_object_set_new(r, "to_version", json_string(mlm_spec_version_name(o->to)));
            json_object_set_new(r, "todos", json_integer((json_int_t)(mlm_migration_todo_count(m) + *still)));
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
        fprintf(out, "%s: %s %s [%s -> %s] %s%s%s: %s\n", name, e->kind == MLM_MIGRATE_TODO ? "TODO" : "change",
                e->id, vname(e->from_version), mlm_spec_version_name(e->to_version),
                e->from ? e->from : "(new)", " -> ", e->to ? e->to : "(removed)", e->message);
    }
    if (root)
        *still = remaining_errors(out, o, name, root, NULL);
    if (*still)
        fprintf(out, "%s: the migrated document still has %zu error%s under MLM %s (TODOs above).\n", name,
                *still, *still == 1 ? "" : "s", mlm_spec_version_name(o->to));
    if (!o->quiet) {
        size_t todos = mlm_migration_todo_count(m) + *still;
        fprintf(out, "%s: %s -> %s: %zu change%s, %zu TODO%s.\n", name, vname(mlm_migration_source(m)),
                mlm_spec_version_name(o->to), n - mlm_migration_todo_count(m),
                n - mlm_migration_todo_count(m) == 1 ? "" : "s", todos, todos == 1 ? "" : "s");
    }
}

/* What mlm-validate still finds wrong in the migrated document (the errors):
 * reported as TODOs, since a person has to finish them. Returns their number. */
static size_t remaining_errors(FILE *out, const opts *o, const char *name, json_t *root, json_t *jentries)
{
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0)
        return 0; /* mlm-validate checks each feature; run it on the result */
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_json(root, name, NULL, &err);
    mlm_diagnostics *d = doc ? mlm_validate(doc, NULL, &err) : NULL;
    size_t n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *g = mlm_diagnostics_get(d, i);
        if (g->severity != MLM_SEVERITY_ERROR)
            continue;
        n++;
        if (o->json)
            json_array_append_new(jentries, json_pack("{s:s, s:s, s:s, s:s, s:n, s:s, s:s}", "id", g->rule_id, "kind",
                                                      "todo", "step_from", mlm_spec_version_name(o->to), "step_to",
                                                      mlm_spec_version_name(o->to), "from", "to", g->pointer,
                                                      "message", g->message));
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

static int process(const opts *o, const char *path, bool single, FILE *rep, json_t *jreport)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    char msg[512];
    if (!f) {
        snprintf(msg, sizeof(msg), "cannot open the file: %s.", strerror(errno));
        report(rep, o, name, NULL, msg, jreport, NULL, NULL);
        return EXIT_UNREADABLE;
    }
    size_t len = 0;
    bool too_large = false;
    char *text = read_all(f, &len, &too_large);
    if (!is_stdin)
        fclose(f);
    if (!text) {
        snprintf(msg, sizeof(msg), too_large ? "the input is larger than 64 MiB." : "cannot read the input.");
        report(rep, o, name, NULL, msg, jreport, NULL, NULL);
        return EXIT_UNREADABLE;
    }
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!root || !json_is_object(root)) {
        if (root)
            snprintf(msg, sizeof(msg), "the document is not a JSON object.");
        else
            snprintf(msg, sizeof(msg), "not valid JSON at line %d, column %d: %s.", jerr.line, jerr.column, jerr.text);
        report(rep, o, name, NULL, msg, jreport, NULL, NULL);
        json_decref(root);
        free(text);
        return EXIT_UNREADABLE;
    }
    mlm_error err = MLM_ERROR_INIT;
    json_t *src = json_deep_copy(root); /* the source's layout is looked up in it */
    mlm_migration *m = NULL;
    int rc = EXIT_OK;
    if (!src) {
        report(rep, o, name, NULL, "out of memory while reading the document.", jreport, NULL, NULL);
        rc = EXIT_UNREADABLE;
        goto done;
    }
    m = mlm_migrate(root, o->to, &err);
    if (!m) {
        report(rep, o, name, NULL, err.text, jreport, NULL, NULL);
        rc = err.code == MLM_ERR_NOMEM ? EXIT_UNREADABLE : EXIT_CHANGES;
        goto done;
    }
    bool changed = mlm_migration_count(m) > 0;
    char *out = serialise(root, src, text);
    if (!out) {
        report(rep, o, name, NULL, "out of memory while writing the document.", jreport, NULL, NULL);
        rc = EXIT_UNREADABLE;
        goto done;
    }
    if (o->in_place && changed) {
        char why[256];
        if (is_stdin) {
            fputs(out, stdout);
        } else if (replace_file(path, out, why, sizeof(why)) != 0) {
            snprintf(msg, sizeof(msg), "cannot rewrite the file (it was left as it was): %s.", why);
            report(rep, o, name, NULL, msg, jreport, NULL, NULL);
            free(out);
            rc = EXIT_UNREADABLE;
            goto done;
        }
    } else if (o->diff) {
        if (changed && run_diff(name, text, len, out) != 0) {
            report(rep, o, name, NULL, "diff -u could not be run (is diffutils installed?).", jreport, NULL, NULL);
            rc = EXIT_UNREADABLE;
        }
    } else if (single && !o->check && !o->in_place) {
        fputs(out, stdout);
    }
    free(out);
    size_t still = 0;
    report(rep, o, name, m, NULL, jreport, root, &still);
    if (o->check && changed)
        rc = EXIT_CHANGES;
    if ((mlm_migration_todo_count(m) || still) && !o->allow_todo && rc == EXIT_OK)
        rc = EXIT_CHANGES;
done:
    mlm_migration_free(m);
    json_decref(src);
    json_decref(root);
    free(text);
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
            if (crawl(argv[i], &inputs, 0) != 0) {
                fprintf(stderr, "mlm-migrate: %s: cannot read the directory: %s.\n", argv[i], strerror(errno));
                worst = EXIT_UNREADABLE;
            }
        } else {
            push(&inputs, argv[i]);
        }
    }
    bool single = inputs.n == 1 && !from_dir;
    if (inputs.n > 1 && !o.in_place && !o.check && !o.diff) {
        fprintf(stderr, "mlm-migrate: %zu inputs: the migrated document goes to standard output only for one "
                        "input; use --in-place, --check or --diff.\n", inputs.n);
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
