/*
 * parse_floor: the floor of mlm-validate's design. Reads the same inputs
 * (files, directories of *.json, or NDJSON files with --ndjson) and only
 * parses them with json_loadb(), with the flags the library uses, on one
 * thread. bench/run.py compares mlm-validate -j1 against it.
 *
 * Usage: parse_floor [--ndjson] PATH...   (prints "documents bytes" on stdout)
 * Exit:  0, or 1 when some input could not be read or parsed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

static const size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY;
static unsigned long n_docs, n_failed;
static unsigned long long n_bytes;

static void parse(const char *buf, size_t len)
{
    json_error_t je;
    json_t *root = json_loadb(buf, len, flags, &je);
    if (!root)
        n_failed++;
    json_decref(root);
    n_docs++;
    n_bytes += len;
}

static void do_ndjson(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        n_failed++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len)
            parse(line, len);
    }
    free(line);
    fclose(f);
}

static void do_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        n_failed++;
        if (f)
            fclose(f);
        return;
    }
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (buf && fread(buf, 1, size, f) == size)
        parse(buf, size);
    else
        n_failed++;
    free(buf);
    fclose(f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void do_path(const char *path, int ndjson);

static void do_dir(const char *dir, int ndjson)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        n_failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof(*grown));
            if (!grown)
                break;
            names = grown;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(dh);
    qsort(names, n, sizeof(*names), cmp_names);
    const char *want = ndjson ? ".ndjson" : ".json";
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        snprintf(p, len, "%s/%s", dir, names[i]);
        struct stat st;
        size_t nl = strlen(names[i]), wl = strlen(want);
        if (stat(p, &st) == 0 &&
            (S_ISDIR(st.st_mode) || (nl > wl && strcmp(names[i] + nl - wl, want) == 0)))
            do_path(p, ndjson);
        free(p);
        free(names[i]);
    }
    free(names);
}

static void do_path(const char *path, int ndjson)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        do_dir(path, ndjson);
    else if (ndjson)
        do_ndjson(path);
    else
        do_file(path);
}

int main(int argc, char **argv)
{
    int ndjson = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ndjson") == 0)
            ndjson = 1;
        else
            do_path(argv[i], ndjson);
    }
    printf("%lu %llu\n", n_docs, n_bytes);
    return n_failed ? 1 : 0;
}
