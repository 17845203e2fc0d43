/*
 * The locator: maps JSON Pointers to line:column in the source text.
 *
 * jansson keeps no positions, and keeping them for every value would cost
 * memory on the hot path. Instead, when diagnostics need positions, one scan
 * of the text resolves all their pointers at once: the wanted pointers are
 * sorted, and a subtree is only walked when some wanted pointer lies inside
 * it, and the scan stops as soon as every pointer is found. Lines are not
 * tracked while skipping: the newlines before a position are counted (with
 * memchr) only when a pointer is found there. The text is known to be valid
 * JSON (jansson accepted it), but the scanner still checks bounds at every
 * step so it is safe on any bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonscan.h"
#include "locator.h"

typedef struct scan {
    const char *s;
    size_t n;
    size_t i;
    int line;          /* the line of byte line_pos */
    size_t line_pos;   /* newlines before here are counted in line */
    size_t line_start; /* byte offset of that line */
    size_t col_pos;    /* code points of [line_start, col_pos) are in col_chars */
    size_t col_chars;
    const char *const *want; /* sorted */
    size_t n_want;
    size_t n_found; /* entries of want recorded (the scan stops at n_want) */
    mlmp_pos *out;  /* indexed like want */
    mlmp_strbuf path;
    int depth;
    bool oom; /* an allocation failed (the key buffer); the scan is incomplete */
} scan;

static void skip_ws(scan *sc) { sc->i = mlmp_scan_ws(sc->s, sc->n, sc->i); }

/* Count the newlines between line_pos and the scan position. */
static void sync_line(scan *sc)
{
    const char *p = sc->s + sc->line_pos;
    const char *end = sc->s + sc->i;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        sc->line++;
        sc->line_start = sc->col_pos = (size_t)(nl - sc->s) + 1;
        sc->col_chars = 0;
        p = nl + 1;
    }
    sc->line_pos = sc->i;
}

/* Find the first wanted pointer >= key (binary search). */
static size_t lower_bound(const scan *sc, const char *key, size_t keylen)
{
    size_t lo = 0, hi = sc->n_want;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(sc->want[mid], key, keylen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Is any wanted pointer equal to the path, or inside it? */
static bool wanted_within(const scan *sc, const char *p, size_t plen, bool *exact)
{
    *exact = false;
    /* A key with an escaped NUL ("\u0000") puts a NUL in the path: no
     * pointer string can be equal to or inside it, and strncmp would call a
     * shorter pointer equal and send want[k][plen] past its end. */
    if (memchr(p, '\0', plen))
        return false;
    size_t k = lower_bound(sc, p, plen);
    bool any = false;
    for (; k < sc->n_want && strncmp(sc->want[k], p, plen) == 0; k++) {
        char next = sc->want[k][plen];
        if (next == '\0') {
            *exact = true;
            any = true;
        } else if (next == '/') {
            any = true;
            break;
        }
    }
    return any;
}

static void record(scan *sc, const char *p, size_t plen)
{
    if (memchr(p, '\0', plen))
        return; /* see wanted_within */
    sync_line(sc);
    /* Count code points from the last position recorded on this line (an
     * NDJSON document is one long line with many diagnostics). */
    sc->col_chars += mlmp_utf8_length(sc->s + sc->col_pos, sc->i - sc->col_pos);
    sc->col_pos = sc->i;
    size_t col = sc->col_chars + 1;
    for (size_t k = lower_bound(sc, p, plen); k < sc->n_want; k++) {
        if (strncmp(sc->want[k], p, plen) != 0)
            break;
        if (sc->want[k][plen] == '\0' && sc->out[k].line == 0) {
            sc->out[k].line = sc->line;
            sc->out[k].column = (int)col;
            sc->out[k].offset = (long)sc->i;
            sc->n_found++;
        }
    }
}

/* Skip a string starting at the opening quote; decode it into `dec` if given. */
static bool scan_string(scan *sc, mlmp_strbuf *dec)
{
    sc->i++; /* opening quote */
    while (sc->i < sc->n) {
        unsigned char ch = (unsigned char)sc->s[sc->i];
        if (ch == '"') {
            sc->i++;
            return true;
        }
        if (ch != '\\') {
            /* A run of plain bytes, copied whole. */
            size_t j = sc->i + 1;
            while (j < sc->n && sc->s[j] != '"' && sc->s[j] != '\\')
                j++;
            if (dec)
                mlmp_strbuf_append(dec, sc->s + sc->i, j - sc->i);
            sc->i = j;
            continue;
        }
        if (sc->i + 1 >= sc->n)
            return false;
        char e = sc->s[sc->i + 1];
        sc->i += 2;
        if (e != 'u') {
            if (dec) {
                char out = e == 'n'   ? '\n'
                           : e == 't' ? '\t'
                           : e == 'r' ? '\r'
                           : e == 'b' ? '\b'
                           : e == 'f' ? '\f'
                                      : e;
                mlmp_strbuf_putc(dec, out);
            }
            continue;
        }
        unsigned cp = 0;
        for (int k = 0; k < 4; k++) {
            if (sc->i >= sc->n)
                return false;
            char h = sc->s[sc->i++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= (unsigned)(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= (unsigned)(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= (unsigned)(h - 'A' + 10);
            else
                return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF && sc->i + 6 <= sc->n && sc->s[sc->i] == '\\' &&
            sc->s[sc->i + 1] == 'u') {
            unsigned lo = (unsigned)strtoul((char[5]){sc->s[sc->i + 2], sc->s[sc->i + 3],
                                                      sc->s[sc->i + 4], sc->s[sc->i + 5], 0},
                                            NULL, 16);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                sc->i += 6;
            }
        }
        if (dec) {
            char u[4];
            size_t ul;
            if (cp < 0x80) {
                u[0] = (char)cp;
                ul = 1;
            } else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
                ul = 2;
            } else if (cp < 0x10000) {
                u[0] = (char)(0xE0 | (cp >> 12));
                u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
                ul = 3;
            } else {
                u[0] = (char)(0xF0 | (cp >> 18));
                u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[3] = (char)(0x80 | (cp & 0x3F));
                ul = 4;
            }
            mlmp_strbuf_append(dec, u, ul);
        }
    }
    return false;
}

/* Skip any value without tracking paths. */
static bool skip_value(scan *sc)
{
    size_t e = mlmp_scan_value_end(sc->s, sc->n, sc->i);
    sc->i = e == MLMP_SCAN_END ? sc->n : e;
    return e != MLMP_SCAN_END;
}

static void push_segment(mlmp_strbuf *path, const char *seg, size_t len)
{
    mlmp_strbuf_putc(path, '/');
    mlmp_strbuf_put_token(path, seg, len);
}

static bool scan_value(scan *sc);

static bool scan_children(scan *sc, char close, bool is_object)
{
    size_t base = sc->path.len;
    size_t index = 0;
    mlmp_strbuf key = MLMP_STRBUF_INIT;
    bool ok = false;
    sc->i++; /* opening bracket */
    for (;;) {
        skip_ws(sc);
        if (sc->i >= sc->n)
            goto out;
        if (sc->s[sc->i] == close) {
            sc->i++;
            ok = true;
            goto out;
        }
        if (sc->s[sc->i] == ',') {
            sc->i++;
            continue;
        }
        sc->path.len = base;
        if (sc->path.data)
            sc->path.data[base] = '\0';
        if (is_object) {
            key.len = 0;
            if (sc->s[sc->i] != '"' || !scan_string(sc, &key))
                goto out;
            push_segment(&sc->path, key.data ? key.data : "", key.len);
            skip_ws(sc);
            if (sc->i >= sc->n || sc->s[sc->i] != ':')
                goto out;
            sc->i++;
        } else {
            char num[32];
            char *d = num + sizeof(num);
            size_t v = index++;
            do
                *--d = (char)('0' + v % 10);
            while ((v /= 10) != 0);
            push_segment(&sc->path, d, (size_t)(num + sizeof(num) - d));
        }
        if (sc->path.failed || key.failed)
            goto out;
        size_t before = sc->i;
        if (!scan_value(sc))
            goto out;
        if (sc->n_found == sc->n_want) {
            ok = true; /* every pointer found: stop here */
            goto out;
        }
        if (sc->i == before)
            sc->i++; /* not JSON; never spin */
    }
out:
    if (key.failed)
        sc->oom = true;
    sc->path.len = base;
    if (sc->path.data)
        sc->path.data[base] = '\0';
    mlmp_strbuf_free(&key);
    return ok;
}

static bool scan_value(scan *sc)
{
    skip_ws(sc);
    if (sc->i >= sc->n)
        return false;
    const char *p = sc->path.data ? sc->path.data : "";
    bool exact;
    if (!wanted_within(sc, p, sc->path.len, &exact)) {
        if (exact)
            record(sc, p, sc->path.len);
        return sc->n_found == sc->n_want || skip_value(sc);
    }
    if (exact)
        record(sc, p, sc->path.len);
    char ch = sc->s[sc->i];
    if ((ch == '{' || ch == '[') && sc->depth < 4096) {
        sc->depth++;
        bool ok = scan_children(sc, ch == '{' ? '}' : ']', ch == '{');
        sc->depth--;
        return ok;
    }
    return skip_value(sc);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int mlmp_locate(const char *text, size_t len, const char *const *pointers, size_t n, mlmp_pos *out)
{
    int rc = MLM_OK;
    const char **sorted = NULL;
    mlmp_pos *tmp = NULL;
    for (size_t k = 0; k < n; k++)
        out[k] = (mlmp_pos){0, 0, -1};
    if (!text || n == 0)
        return MLM_OK;
    sorted = mlmp_malloc(n * sizeof(*sorted));
    tmp = mlmp_calloc(n, sizeof(*tmp));
    if (!sorted || !tmp) {
        rc = MLM_ERR_NOMEM;
        goto out;
    }
    memcpy(sorted, pointers, n * sizeof(*sorted));
    qsort(sorted, n, sizeof(*sorted), cmp_str);
    scan sc = {text, len, 0, 1, 0, 0, 0, 0, sorted, n, 0, tmp, MLMP_STRBUF_INIT, 0, false};
    mlmp_strbuf_append(&sc.path, "", 0);
    if (sc.path.failed) {
        rc = MLM_ERR_NOMEM;
        goto out;
    }
    /* Skip a UTF-8 byte order mark if present. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = sc.line_pos = sc.line_start = sc.col_pos = 3;
    scan_value(&sc);
    if (sc.path.failed || sc.oom)
        rc = MLM_ERR_NOMEM;
    mlmp_strbuf_free(&sc.path);
    /* Map the results back to the caller's order. */
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(sorted[mid], pointers[k]) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n)
            out[k] = tmp[lo];
    }
out:
    mlmp_free(sorted);
    mlmp_free(tmp);
    return rc;
}
