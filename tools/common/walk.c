/* The one directory walker of the tools; see walk.h. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The (device, inode) pairs of the directories being walked. */
typedef struct walk_stack {
    dev_t dev[TOOL_WALK_MAX_DEPTH];
    ino_t ino[TOOL_WALK_MAX_DEPTH];
    int depth;
} walk_stack;

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n > m && strcmp(name + n - m, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void skip(const tool_walk *w, const char *path, const char *why)
{
    if (w->skipped)
        w->skipped(w->payload, path, why);
}

/* The visible names of a directory, sorted; NULL with *n 0 when empty. */
static char **sorted_names(DIR *dh, size_t *n)
{
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files and folders */
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
        }
        names[*n] = strdup(e->d_name);
        if (names[*n])
            (*n)++;
    }
    if (*n)
        qsort(names, *n, sizeof(*names), cmp_names);
    return names;
}

static void walk_entry(const tool_walk *w, walk_stack *ws, const char *path, const char *name);

static int walk(const tool_walk *w, walk_stack *ws, const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        int e = errno;
        if (w->unreadable)
            w->unreadable(w->payload, dir, e);
        errno = e;
        return -1;
    }
    size_t n = 0;
    char **names = sorted_names(dh, &n);
    closedir(dh);
    size_t dlen = strlen(dir);
    const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
    for (size_t i = 0; i < n; i++) {
        size_t len = dlen + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s%s%s", dir, sep, names[i]);
            walk_entry(w, ws, path, names[i]);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return 0;
}

static void walk_entry(const tool_walk *w, walk_stack *ws, const char *path, const char *name)
{
    struct stat st;
    if ((w->follow_links ? stat(path, &st) : lstat(path, &st)) != 0) {
        skip(w, path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        bool loop = false;
        for (int k = 0; k < ws->depth; k++)
            if (ws->dev[k] == st.st_dev && ws->ino[k] == st.st_ino)
                loop = true;
        if (loop) {
            skip(w, path, "directory loop (a symbolic link back to a parent)");
        } else if (ws->depth >= TOOL_WALK_MAX_DEPTH) {
            skip(w, path, "more than 64 directory levels");
        } else {
            ws->dev[ws->depth] = st.st_dev;
            ws->ino[ws->depth] = st.st_ino;
            ws->depth++;
            walk(w, ws, path);
            ws->depth--;
        }
    } else if (has_suffix(name, w->suffix)) {
        if (S_ISREG(st.st_mode))
            w->file(w->payload, path);
        else if (w->follow_links || !S_ISLNK(st.st_mode))
            skip(w, path, "not a regular file");
    }
}

int tool_walk_dir(const tool_walk *w, const char *dir)
{
    walk_stack ws;
    struct stat st;
    ws.depth = 0;
    if (stat(dir, &st) == 0) {
        ws.dev[0] = st.st_dev;
        ws.ino[0] = st.st_ino;
        ws.depth = 1;
    }
    return walk(w, &ws, dir);
}
