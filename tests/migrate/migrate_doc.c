/*
 * migrate_doc [--update] FILE: the tables of docs/MIGRATION.md (the mapping
 * step by step and the TODOs) come from the migration registry
 * (src/migrate/mig_ids.def). Without --update, fail when the part of FILE
 * between the markers differs from what the registry gives, or when the
 * registry is inconsistent (a row naming an id that is not registered, an
 * id that no row explains); with --update, rewrite that part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char BEGIN[] = "## Mapping, step by step\n";
static const char END[] = "<!-- end of the generated part -->\n";

static const char *const ids[] = {
#define MIG_ID(id, kind) #id,
#include "mig_ids.def"
};
#define NIDS (sizeof(ids) / sizeof(ids[0]))

typedef struct row {
    const char *step, *ids, *source, *result, *why;
} row;
static const row rows[] = {
#define MIG_ROW(step, ids, source, result, why) {step, ids, source, result, why},
#include "mig_ids.def"
};
typedef struct todo {
    const char *id, *when;
} todo;
static const todo todos[] = {
#define MIG_TODO(id, when) {#id, when},
#include "mig_ids.def"
};

/* One cell: " text |", or " |" when empty. */
static void cell(FILE *o, const char *s)
{
    fprintf(o, *s ? " %s |" : " |", s);
}

static void emit(FILE *o)
{
    fputs(BEGIN, o);
    fputs("\n| step | id | source | result | why (spec / changelog) |\n| --- | --- | --- | --- | --- |\n", o);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
    {
        fputc('|', o);
        cell(o, rows[i].step);
        cell(o, rows[i].ids);
        cell(o, rows[i].source);
        cell(o, rows[i].result);
        cell(o, rows[i].why);
        fputc('\n', o);
    }
    fputs("\n## TODOs (need a person)\n\n| id | when |\n| --- | --- |\n", o);
    for (size_t i = 0; i < sizeof(todos) / sizeof(todos[0]); i++)
        fprintf(o, "| %s | %s |\n", todos[i].id, todos[i].when);
    fputs("\n", o);
}

static int registered(const char *id, size_t len)
{
    for (size_t i = 0; i < NIDS; i++)
        if (strlen(ids[i]) == len && strncmp(ids[i], id, len) == 0)
            return 1;
    return 0;
}

/* Every "MIGnnn" a row names is registered; "MIGnnn-mmm" names a range;
 * "MIG1xx" stands for the step ids of every step. Every registered id is
 * named by a row or a TODO. */
static int consistent(void)
{
    int ok = 1;
    int seen[NIDS] = {0};
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]) + sizeof(todos) / sizeof(todos[0]); r++) {
        size_t nr = sizeof(rows) / sizeof(rows[0]);
        const char *s = r < nr ? rows[r].ids : todos[r - nr].id;
        for (const char *p = strstr(s, "MIG"); p; p = strstr(p + 3, "MIG")) {
            if (strncmp(p, "MIG1xx", 6) == 0)
                continue;
            int lo = atoi(p + 3), hi = lo;
            if (p[6] == '-')
                hi = lo / 1000 * 1000 + atoi(p + 7);
            if (!registered(p, 6)) {
                fprintf(stderr, "The row of %s names %.6s, which src/migrate/mig_ids.def does not register.\n", s, p);
                ok = 0;
            }
            for (size_t i = 0; i < NIDS; i++) {
                int n = atoi(ids[i] + 3);
                if (n >= lo && n <= hi)
                    seen[i] = 1;
            }
        }
    }
    for (size_t i = 0; i < NIDS; i++)
        if (!seen[i]) {
            fprintf(stderr, "%s is registered but no row of docs/MIGRATION.md explains it.\n", ids[i]);
            ok = 0;
        }
    return ok;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n + 4096 > cap) {
            char *nb = realloc(buf, cap = cap * 2 + 8192);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int update = argc == 3 && strcmp(argv[1], "--update") == 0;
    if (argc != 2 && !update) {
        fprintf(stderr, "usage: migrate_doc [--update] docs/MIGRATION.md\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    size_t len = 0;
    char *doc = slurp(path, &len);
    char *a = doc ? strstr(doc, BEGIN) : NULL;
    char *b = a ? strstr(a, END) : NULL;
    if (!b) {
        fprintf(stderr, "%s has no generated part (from \"%.24s\" to \"%.33s\").\n", path, BEGIN, END);
        free(doc);
        return 1;
    }
    char *got = NULL;
    size_t got_len = 0;
    FILE *mem = open_memstream(&got, &got_len);
    if (!mem) {
        free(doc);
        return 2;
    }
    emit(mem);
    fclose(mem);
    int same = (size_t)(b - a) == got_len && memcmp(a, got, got_len) == 0;
    int rc = consistent() ? 0 : 1;
    if (update && !same) {
        FILE *o = fopen(path, "wb");
        if (!o || fwrite(doc, 1, (size_t)(a - doc), o) != (size_t)(a - doc) || fwrite(got, 1, got_len, o) != got_len ||
            fwrite(b, 1, len - (size_t)(b - doc), o) != len - (size_t)(b - doc))
            rc = 2;
        if (o && fclose(o) != 0)
            rc = 2;
    } else if (!same) {
        fprintf(stderr, "The tables of %s are out of date with src/migrate/mig_ids.def; regenerate them with\n"
                        "  build/tests/migrate_doc --update docs/MIGRATION.md\n", path);
        rc = 1;
    }
    free(got);
    free(doc);
    return rc;
}
