/* JSON helpers with JSON Schema semantics, shared by every rule. */
#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/rules.h"

double mlmp_json_number(const json_t *v)
{
    if (json_is_integer(v))
        return (double)json_integer_value(v);
    if (json_is_real(v))
        return json_real_value(v);
    return 0.0;
}

static bool real_is_integral(const json_t *v)
{
    double d = json_real_value(v);
    return isfinite(d) && floor(d) == d;
}

bool mlmp_json_is(const json_t *v, unsigned mask)
{
    if (!v)
        return false;
    switch (json_typeof(v)) {
    case JSON_NULL: return (mask & MLMP_T_NULL) != 0;
    case JSON_TRUE:
    case JSON_FALSE: return (mask & MLMP_T_BOOLEAN) != 0;
    case JSON_INTEGER: return (mask & (MLMP_T_INTEGER | MLMP_T_NUMBER)) != 0;
    case JSON_REAL:
        if (mask & MLMP_T_NUMBER)
            return true;
        return (mask & MLMP_T_INTEGER) && real_is_integral(v);
    case JSON_STRING: return (mask & MLMP_T_STRING) != 0;
    case JSON_ARRAY: return (mask & MLMP_T_ARRAY) != 0;
    case JSON_OBJECT: return (mask & MLMP_T_OBJECT) != 0;
    }
    return false;
}

const char *mlmp_json_type_name(const json_t *v)
{
    if (!v)
        return "nothing";
    switch (json_typeof(v)) {
    case JSON_NULL: return "null";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return real_is_integral(v) ? "integer" : "number";
    case JSON_STRING: return "string";
    case JSON_ARRAY: return "array";
    case JSON_OBJECT: return "object";
    }
    return "value";
}

const char *mlmp_type_mask_name(unsigned mask, char *buf, size_t buflen)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{MLMP_T_OBJECT, "object"},   {MLMP_T_ARRAY, "array"},
                 {MLMP_T_STRING, "string"},   {MLMP_T_NUMBER, "number"},
                 {MLMP_T_INTEGER, "integer"}, {MLMP_T_BOOLEAN, "boolean"},
                 {MLMP_T_NULL, "null"}};
    size_t used = 0, count = 0, total = 0;
    if (mask & MLMP_T_NUMBER)
        mask &= ~(unsigned)MLMP_T_INTEGER;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(names); i++)
        if (mask & names[i].bit)
            total++;
    buf[0] = '\0';
    for (size_t i = 0; i < MLMP_ARRAY_LEN(names) && used < buflen; i++) {
        if (!(mask & names[i].bit))
            continue;
        const char *sep = count == 0 ? "" : (count + 1 == total ? " or " : ", ");
        int n = snprintf(buf + used, buflen - used, "%s%s", sep, names[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
        count++;
    }
    return buf;
}

/* Order for finding duplicates by sorting: by kind, then by value. Numbers
 * compare by value (1 == 1.0); strings bytewise; true/false/null by kind.
 * Arrays and objects are not ordered here (see below). */
static int kind_of(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_NULL: return 0;
    case JSON_FALSE: return 1;
    case JSON_TRUE: return 2;
    case JSON_INTEGER:
    case JSON_REAL: return 3;
    case JSON_STRING: return 4;
    default: return 5; /* array, object */
    }
}

typedef struct dup_item {
    const json_t *v;
    size_t index;
    uint64_t hash; /* containers only */
} dup_item;

static int cmp_hash(const void *a, const void *b)
{
    const dup_item *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

static int cmp_dup(const void *a, const void *b)
{
    const dup_item *x = a, *y = b;
    int kx = kind_of(x->v), ky = kind_of(y->v);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    if (kx == 3) {
        double dx = mlmp_json_number(x->v), dy = mlmp_json_number(y->v);
        if (json_is_integer(x->v) && json_is_integer(y->v)) {
            json_int_t ix = json_integer_value(x->v), iy = json_integer_value(y->v);
            if (ix != iy)
                return ix < iy ? -1 : 1;
        } else if (dx != dy) {
            return dx < dy ? -1 : 1;
        }
    } else if (kx == 4) {
        size_t lx = json_string_length(x->v), ly = json_string_length(y->v);
        int c = memcmp(json_string_value(x->v), json_string_value(y->v), lx < ly ? lx : ly);
        if (c != 0)
            return c;
        if (lx != ly)
            return lx < ly ? -1 : 1;
    }
    return x->index < y->index ? -1 : (x->index > y->index);
}

long mlmp_json_first_duplicate(const json_t *array)
{
    size_t n = json_array_size(array);
    if (n < 2)
        return -1;
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (mlmp_json_equal(json_array_get(array, i), json_array_get(array, j)))
                    return (long)i;
        return -1;
    }
    /* Large arrays: sort scalars (O(n log n)); compare containers pairwise
     * among themselves only, which is what a hostile document cannot make
     * large without also making the document itself large. */
    dup_item *items = mlmp_malloc(n * sizeof(*items));
    if (!items)
        return -2;
    for (size_t i = 0; i < n; i++) {
        items[i].v = json_array_get(array, i);
        items[i].index = i;
        items[i].hash = 0;
    }
    qsort(items, n, sizeof(*items), cmp_dup);
    long best = -1;
    size_t first_container = n;
    for (size_t i = 0; i < n; i++) {
        if (kind_of(items[i].v) == 5) {
            first_container = i;
            break;
        }
        /* Equal values are adjacent, in index order: the later one is a duplicate. */
        if (i > 0 && kind_of(items[i - 1].v) == kind_of(items[i].v) &&
            mlmp_json_equal(items[i - 1].v, items[i].v) &&
            (best < 0 || (long)items[i].index < best))
            best = (long)items[i].index;
    }
    /* Containers: sort by a hash that equal values share, then compare
     * only within runs of equal hashes (100,000 "[]" or distinct small
     * objects made this quadratic: a hang on a 300 KB document). */
    for (size_t i = first_container; i < n; i++)
        items[i].hash = mlmp_json_hash(items[i].v);
    qsort(items + first_container, n - first_container, sizeof(*items), cmp_hash);
    for (size_t start = first_container; start < n;) {
        size_t end = start + 1;
        while (end < n && items[end].hash == items[start].hash)
            end++;
        /* In index order within the run: the first later item equal to an
         * earlier one; all-equal runs stop at the first comparison. */
        for (size_t i = start + 1; i < end; i++) {
            if (best >= 0 && (long)items[i].index >= best)
                break;
            for (size_t j = start; j < i; j++)
                if (mlmp_json_equal(items[i].v, items[j].v)) {
                    best = (long)items[i].index;
                    break;
                }
            if (best >= 0 && (long)items[i].index == best)
                break;
        }
        start = end;
    }
    mlmp_free(items);
    return best;
}

size_t mlmp_json_strlen(const json_t *v)
{
    return mlmp_utf8_length(json_string_value(v), json_string_length(v));
}

const char *mlmp_json_brief(const json_t *v, char *buf, size_t buflen)
{
    if (!v) {
        snprintf(buf, buflen, "nothing");
        return buf;
    }
    switch (json_typeof(v)) {
    case JSON_STRING: {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        size_t max = buflen > 48 ? 40 : (buflen > 8 ? buflen - 8 : 0);
        size_t o = 0;
        if (o + 1 < buflen)
            buf[o++] = '"';
        for (size_t i = 0; i < n && o + 7 < buflen; i++) {
            if (i >= max) {
                memcpy(buf + o, "...", 3);
                o += 3;
                break;
            }
            unsigned char ch = (unsigned char)s[i];
            if (ch == '\n' || ch == '\t' || ch == '\r' || ch == '"' || ch == '\\') {
                buf[o++] = '\\';
                buf[o++] = ch == '\n' ? 'n' : ch == '\t' ? 't' : ch == '\r' ? 'r' : (char)ch;
            } else if (ch < 0x20) {
                o += (size_t)snprintf(buf + o, buflen - o, "\\u%04x", ch);
            } else {
                buf[o++] = (char)ch;
            }
        }
        if (o + 1 < buflen)
            buf[o++] = '"';
        buf[o < buflen ? o : buflen - 1] = '\0';
        return buf;
    }
    case JSON_INTEGER:
        snprintf(buf, buflen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    case JSON_REAL: {
        /* The shortest form that reads back as the same double. */
        double d = json_real_value(v);
        for (int prec = 6; prec <= 17; prec++) {
            snprintf(buf, buflen, "%.*g", prec, d);
            if (strtod(buf, NULL) == d)
                break;
        }
        return buf;
    }
    case JSON_TRUE: snprintf(buf, buflen, "true"); return buf;
    case JSON_FALSE: snprintf(buf, buflen, "false"); return buf;
    case JSON_NULL: snprintf(buf, buflen, "null"); return buf;
    case JSON_ARRAY: snprintf(buf, buflen, "an array of %zu", json_array_size(v)); return buf;
    case JSON_OBJECT: snprintf(buf, buflen, "an object"); return buf;
    }
    buf[0] = '\0';
    return buf;
}

const char *mlmp_json_found(const json_t *v, char *buf, size_t buflen)
{
    char b[64];
    mlmp_json_brief(v, b, sizeof(b));
    if (json_is_string(v))
        snprintf(buf, buflen, "the string %s", b);
    else if (json_is_number(v))
        snprintf(buf, buflen, "the number %s", b);
    else if (json_is_array(v))
        snprintf(buf, buflen, "%s item%s", b, json_array_size(v) == 1 ? "" : "s");
    else
        snprintf(buf, buflen, "%s", b); /* null, true, false, an object */
    return buf;
}

bool mlmp_expect_type(mlmp_ctx *c, const json_t *v, unsigned mask)
{
    if (mlmp_json_is(v, mask))
        return true;
    char want[96], got[96];
    mlmp_report(c, "MLM101", NULL, "expected %s, found %s",
                mlmp_type_mask_name(mask, want, sizeof(want)),
                mlmp_json_found(v, got, sizeof(got)));
    return false;
}

/* Fold a character for fuzzy comparison: case, and ' ', '_' count as '-'. */
static int fold(int ch)
{
    if (ch == ' ' || ch == '_')
        return '-';
    return tolower(ch);
}

/* Levenshtein distance on folded characters, capped (strings are short). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return (size_t)-1;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = fold((unsigned char)a[i - 1]) == fold((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

/* The digits of s, in order, compared with those of t: "B05" and "B01" differ,
 * "resnet50" and "ResNet-50" do not. */
static bool same_digits(const char *s, const char *t)
{
    for (;;) {
        while (*s && !isdigit((unsigned char)*s))
            s++;
        while (*t && !isdigit((unsigned char)*t))
            t++;
        if (*s != *t)
            return false;
        if (!*s)
            return true;
        s++;
        t++;
    }
}

/* A near miss is a slip of the pen: folding (case, '_', ' ' for '-'), or a few
 * edits of letters and punctuation. A candidate whose digits differ is another
 * name (B01 is not a misspelt B05, float64 not a misspelt float32), so it is
 * never suggested, however short the edit. */
const char *mlmp_suggest(const char *got, const char *const *candidates, size_t n)
{
    if (!got || !*got)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t len = strlen(got);
    for (size_t i = 0; i < n; i++) {
        if (!same_digits(got, candidates[i]))
            continue;
        size_t d = distance(got, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    /* Close enough: at most a third of the length, and never 0 changes
     * unless only folding differs (which is still worth saying). */
    size_t limit = len < 4 ? 1 : len / 3;
    if (best && best_d <= limit && strcmp(best, got) != 0)
        return best;
    return NULL;
}

bool mlmp_suggest_is_sure(const char *got, const char *near, const char *const *candidates,
                          size_t n)
{
    if (!got || !near)
        return false;
    size_t d = distance(got, near);
    if (d == 0)
        return true; /* only case, spaces, '_' or '-' differ */
    if (d > 2)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (candidates[i] == near || strcmp(candidates[i], near) == 0 ||
            !same_digits(got, candidates[i]))
            continue;
        if (distance(got, candidates[i]) < d + 2)
            return false; /* a second candidate nearly as close */
    }
    return true;
}

void mlmp_quoted_list(char *buf, size_t cap, const char *const *list, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < cap; i++) {
        int w = snprintf(buf + used, cap - used, "%s\"%s\"", i ? ", " : "", list[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

bool mlmp_differs_in_case_only(const char *a, const char *b)
{
    return a && b && strcmp(a, b) != 0 && strcasecmp(a, b) == 0;
}

const char *mlmp_suggest_hint(const char *got, const char *near, char *buf, size_t len)
{
    if (mlmp_differs_in_case_only(got, near))
        snprintf(buf, len,
                 "\"%s\" differs from \"%s\" only in case, and names are compared "
                 "exactly: write \"%s\"",
                 got, near, near);
    else
        snprintf(buf, len, "did you mean \"%s\"?", near);
    return buf;
}
