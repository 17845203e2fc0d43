/* See layout.h: the migrated document written in its source's layout. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm/migrate.h"

#include "layout.h"

/*
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

/* See layout.h. */
char *layout_serialise(json_t *root, json_t *src, const char *src_text)
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
