/*
 * The one JSON writer of the library (layout.h).
 *
 * jansson keeps no layout: it writes every container expanded or all on one
 * line, with its own spacing and number spellings. People and tools keep
 * short arrays on one line, write "k":v or "k" : v, indent with tabs or four
 * spaces, end lines with CRLF and write 1.0 or 1e3. So that a document read,
 * edited and written back (mlm_document_dump, mlm-migrate) changes only the
 * lines of what was edited, mlmp_layout_keep() walks the new value and the
 * source value side by side over the source text:
 *
 *  - a value equal to the source's value at the same place is copied from
 *    the text, byte for byte;
 *  - a changed object or array keeps its brackets and, for every member it
 *    keeps, the whitespace before it, its key as written, the text between
 *    the key and the value, and the whitespace before the next comma;
 *    object members are matched by key, array elements by an alignment that
 *    finds removed and inserted elements (a short look-ahead for equal ones);
 *  - anything new (a member, an element, a value of another type) is
 *    written in the source's habits: its newline, its indentation unit, its
 *    spacing around ':' and ',', and for each shape of small container
 *    (arrays of scalars, arrays of flat objects, flat objects) whether the
 *    source mostly writes it on one line. Inside a container written on one
 *    line, new values go on that line.
 *
 * Scalars that are new are jansson's, and a real has the fewest significant
 * digits that read back exactly, without an exponent when its integer part
 * fits (1000.0, not 1e3). Bytes outside the root value (a byte order mark,
 * the trailing newline or its absence) are kept.
 *
 * The text is the text jansson read src from, but the scanner checks
 * bounds at every step and gives up (NULL) when text and src disagree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonscan.h"
#include "layout.h"
#include "mlm_private.h"

/* ---- scalars ------------------------------------------------------------------ */

static int put_cb(const char *buf, size_t size, void *data)
{
    mlmp_strbuf *b = data;
    mlmp_strbuf_append(b, buf, size);
    return b->failed ? -1 : 0;
}

/* The fewest significant digits (1..17) that print d so it reads back
 * exactly, and at least the digits of its integer part (no exponent). */
static int real_digits(double d)
{
    int p = 17;
    for (int q = 1; q < 17; q++) {
        char buf[40];
        snprintf(buf, sizeof(buf), "%.*g", q, d);
        if (strtod(buf, NULL) == d) {
            p = q;
            break;
        }
    }
    double a = fabs(d);
    if (a >= 1 && a < 1e17) {
        int ip = (int)floor(log10(a)) + 1;
        if (ip > p && ip <= 17)
            p = ip;
    }
    return p;
}

/* A scalar (or a key, as a JSON string) as jansson writes it. */
static void put_scalar(mlmp_strbuf *b, const json_t *v)
{
    size_t flags = JSON_ENCODE_ANY | JSON_COMPACT;
    if (json_is_real(v))
        flags |= JSON_REAL_PRECISION(real_digits(json_real_value(v)));
    if (json_dump_callback(v, put_cb, b, flags) != 0)
        b->failed = true;
}

static void put_key(mlmp_strbuf *b, const char *key)
{
    json_t *s = json_string(key);
    if (!s) {
        b->failed = true;
        return;
    }
    put_scalar(b, s);
    json_decref(s);
}

/* ---- the library's own layout ------------------------------------------------- */

/* root at `precision` significant digits, with a final newline. */
static char *dump_at(const json_t *root, size_t flags, int precision, size_t *len)
{
    flags |= JSON_ENCODE_ANY | JSON_REAL_PRECISION(precision);
    size_t n = json_dumpb(root, NULL, 0, flags);
    if (n == 0)
        return NULL;
    char *out = mlmp_malloc(n + 2);
    if (!out)
        return NULL;
    if (json_dumpb(root, out, n, flags) != n) {
        mlmp_free(out);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    *len = n + 1;
    return out;
}

/* Whether text reads back as exactly root (every real the same double). */
static bool reads_back(const char *text, size_t len, const json_t *root)
{
    json_t *again = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    bool same = again && json_equal(again, mlmp_unconst(root));
    json_decref(again);
    return same;
}

char *mlmp_layout_fresh(const json_t *root, bool compact, size_t *len)
{
    size_t flags = compact ? JSON_COMPACT : JSON_INDENT(2);
    /* Reals as people write them (0.1, not 0.10000000000000001) when 15
     * digits read back exactly; otherwise the 17 that always do. */
    char *out = dump_at(root, flags, 15, len);
    if (out && !reads_back(out, *len, root)) {
        mlmp_free(out);
        out = dump_at(root, flags, 17, len);
    }
    return out;
}

/* ---- scanning the source text --------------------------------------------------- */

typedef struct member {
    size_t pre;       /* the whitespace before the member starts here (after '{', '[' or ',') */
    size_t key;       /* the key (objects) or the value (arrays) starts here */
    size_t key_end;   /* objects: the key ends here (after its closing quote) */
    size_t val;       /* the value starts here */
    size_t val_end;   /* the value ends here */
    size_t post;      /* the whitespace after the value ends here (at ',' or the bracket) */
    const json_t *sv; /* the source value */
} member;

typedef struct box {
    member *m;
    size_t n;
    size_t close; /* the closing bracket */
} box;

/* The shapes of small containers people write on one line. */
enum { SHAPE_NONE = -1, SHAPE_SCALARS, SHAPE_RECORDS, SHAPE_FLAT, SHAPES };

#define KEY_HABITS 256 /* keys whose layout is remembered (the first ones met) */

typedef struct ctx {
    const char *t;
    size_t n;
    mlmp_strbuf out;
    bool bad; /* text and src disagree */
    /* the source's habits */
    const char *nl;   /* "\n" or "\r\n" */
    const char *unit; /* one level of indentation (points into t, or a literal) */
    size_t unit_len;
    const char *colon; /* between a key and its value, e.g. ": " or ":" */
    size_t colon_len;
    const char *comma; /* after ',' on one line, e.g. " " or "" */
    size_t comma_len;
    bool compact; /* the whole root value is on one line */
    unsigned inline_n[SHAPES], expanded_n[SHAPES];
    /* per key: how often its container values are on one line, or not */
    struct keyhab {
        const char *key; /* borrowed from src */
        unsigned in, ex;
    } kh[KEY_HABITS];
    size_t nkh;
} ctx;

static size_t skip_ws(const ctx *c, size_t i) { return mlmp_scan_ws(c->t, c->n, i); }

/* After the string that starts (at its quote) at i; the end of the text when
 * it is not closed. */
static size_t skip_string(const ctx *c, size_t i)
{
    size_t e = mlmp_scan_string_end(c->t, c->n, i);
    return e == MLMP_SCAN_END ? c->n : e;
}

/* After the value that starts at i; the end of the text when it is cut. */
static size_t skip_value(const ctx *c, size_t i)
{
    size_t e = mlmp_scan_value_end(c->t, c->n, i);
    return e == MLMP_SCAN_END ? c->n : e;
}

static bool has_newline(const ctx *c, size_t from, size_t to)
{
    return to > from && memchr(c->t + from, '\n', to - from) != NULL;
}

/* The members of the container sv whose text starts at pos ('{' or '['),
 * each with its source value; false (c->bad) when text and sv disagree. */
static bool scan_box(ctx *c, size_t pos, const json_t *sv, box *b)
{
    bool obj = json_is_object(sv);
    char open = obj ? '{' : '[', close = obj ? '}' : ']';
    size_t want = obj ? json_object_size(sv) : json_array_size(sv);
    memset(b, 0, sizeof(*b));
    if (pos >= c->n || c->t[pos] != open || (!obj && !json_is_array(sv)))
        goto bad;
    if (want) {
        b->m = mlmp_calloc(want, sizeof(*b->m));
        if (!b->m) {
            c->out.failed = true;
            return false;
        }
    }
    void *iter = obj ? json_object_iter(mlmp_unconst(sv)) : NULL;
    size_t i = pos + 1;
    for (;;) {
        size_t pre = i;
        i = skip_ws(c, i);
        if (i >= c->n)
            goto bad;
        if (c->t[i] == close && b->n == 0) {
            b->close = i;
            break;
        }
        if (b->n == want)
            goto bad;
        member *m = &b->m[b->n];
        m->pre = pre;
        m->key = i;
        if (obj) {
            if (c->t[i] != '"' || !iter)
                goto bad;
            m->key_end = skip_string(c, i);
            if (m->key_end < i + 2 || c->t[m->key_end - 1] != '"')
                goto bad; /* an unterminated key */
            /* keys in the text's order are the object's order (jansson keeps
             * insertion order); a key written without escapes is checked */
            const char *k = json_object_iter_key(iter);
            size_t kl = m->key_end - i - 2;
            if (!memchr(c->t + i + 1, '\\', kl) && (strlen(k) != kl || memcmp(k, c->t + i + 1, kl)))
                goto bad;
            m->sv = json_object_iter_value(iter);
            iter = json_object_iter_next(mlmp_unconst(sv), iter);
            i = skip_ws(c, m->key_end);
            if (i >= c->n || c->t[i] != ':')
                goto bad;
            i = skip_ws(c, i + 1);
        } else {
            m->sv = json_array_get(sv, b->n);
        }
        m->val = i;
        m->val_end = i = skip_value(c, i);
        m->post = i = skip_ws(c, i);
        b->n++;
        if (i >= c->n)
            goto bad;
        if (c->t[i] == ',') {
            i++;
            continue;
        }
        if (c->t[i] != close)
            goto bad;
        b->close = i;
        break;
    }
    if (b->n != want)
        goto bad;
    return true;
bad:
    c->bad = true;
    mlmp_free(b->m);
    b->m = NULL;
    b->n = 0;
    return false;
}

/* ---- the source's habits --------------------------------------------------------- */

static bool is_scalar(const json_t *v) { return !json_is_array(v) && !json_is_object(v); }

/* [1, 2] scalars; [{"a": 1}, ...] records of flat objects; {"a": 1, "b": [1, 2]} flat. */
static int shape_of(const json_t *v, int depth)
{
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v) && json_array_size(v)) {
        int inner = SHAPE_SCALARS;
        json_array_foreach (mlmp_unconst(v), i, e) {
            if (is_scalar(e))
                continue;
            if (depth == 0 && json_is_object(e) && shape_of(e, 1) == SHAPE_FLAT &&
                inner != SHAPE_NONE)
                inner = SHAPE_RECORDS;
            else
                return SHAPE_NONE;
        }
        return inner;
    }
    if (json_is_object(v) && json_object_size(v)) {
        mlmp_object_foreach (v, k, e)
            if (!is_scalar(e) && shape_of(e, 1) != SHAPE_SCALARS)
                return SHAPE_NONE;
        return SHAPE_FLAT;
    }
    return SHAPE_NONE;
}

/* The leading whitespace of the line of the text that holds pos. */
static size_t line_indent(const ctx *c, size_t pos, size_t *start)
{
    size_t s = pos;
    while (s > 0 && c->t[s - 1] != '\n')
        s--;
    size_t e = s;
    while (e < pos && (c->t[e] == ' ' || c->t[e] == '\t'))
        e++;
    *start = s;
    return e - s;
}

/* Learn the habits from the container sv at pos (depth 0: the root). */
static void learn(ctx *c, size_t pos, const json_t *sv, int depth, bool parent_expanded)
{
    if (c->bad || c->out.failed || (!json_is_object(sv) && !json_is_array(sv)))
        return;
    box b;
    if (!scan_box(c, pos, sv, &b))
        return;
    bool expanded = has_newline(c, pos, b.close);
    if (b.n && depth > 0 && parent_expanded) {
        int sh = shape_of(sv, 0);
        if (sh != SHAPE_NONE)
            (expanded ? c->expanded_n : c->inline_n)[sh]++;
    }
    if (b.n && json_is_object(sv) && !c->colon) {
        c->colon = c->t + b.m[0].key_end;
        c->colon_len = b.m[0].val - b.m[0].key_end;
    }
    if (b.n >= 2 && !expanded && !c->comma) {
        c->comma = c->t + b.m[1].pre;
        c->comma_len = b.m[1].key - b.m[1].pre;
    }
    if (b.n && expanded && !c->unit && has_newline(c, b.m[0].pre, b.m[0].key)) {
        size_t ls, li = line_indent(c, pos, &ls);
        size_t ms, mi = line_indent(c, b.m[0].key, &ms);
        if (mi > li && memcmp(c->t + ls, c->t + ms, li) == 0) {
            c->unit = c->t + ms + li;
            c->unit_len = mi - li;
        }
    }
    void *it = json_is_object(sv) ? json_object_iter(mlmp_unconst(sv)) : NULL;
    for (size_t i = 0; i < b.n; i++) {
        const json_t *e = b.m[i].sv;
        if (it && expanded && (json_is_object(e) ? json_object_size(e) : json_array_size(e))) {
            const char *k = json_object_iter_key(it);
            size_t h = 0;
            while (h < c->nkh && strcmp(c->kh[h].key, k) != 0)
                h++;
            if (h == c->nkh && h < KEY_HABITS)
                c->kh[c->nkh++] = (struct keyhab){k, 0, 0};
            if (h < c->nkh)
                *(has_newline(c, b.m[i].val, b.m[i].val_end) ? &c->kh[h].ex : &c->kh[h].in) += 1;
        }
        if (it)
            it = json_object_iter_next(mlmp_unconst(sv), it);
        learn(c, b.m[i].val, e, depth + 1, expanded);
    }
    mlmp_free(b.m);
}

static void learn_habits(ctx *c, size_t root_pos, const json_t *src)
{
    const char *nl = memchr(c->t, '\n', c->n);
    c->nl = nl && nl > c->t && nl[-1] == '\r' ? "\r\n" : "\n";
    c->compact = !has_newline(c, root_pos, skip_value(c, root_pos));
    learn(c, root_pos, src, 0, true);
    if (!c->colon) {
        c->colon = c->compact ? ":" : ": ";
        c->colon_len = strlen(c->colon);
    }
    if (!c->comma) {
        c->comma = c->compact ? "" : " ";
        c->comma_len = strlen(c->comma);
    }
    if (!c->unit) {
        c->unit = "  ";
        c->unit_len = 2;
    }
}

/* ---- writing ------------------------------------------------------------------------ */

static void put(ctx *c, size_t from, size_t to)
{
    if (to > from)
        mlmp_strbuf_append(&c->out, c->t + from, to - from);
}

static void puts_(ctx *c, const char *s, size_t n) { mlmp_strbuf_append(&c->out, s, n); }

/* The leading whitespace of the line being written: its offset and length. */
static size_t out_indent(const ctx *c, size_t *start)
{
    size_t s = c->out.len;
    while (s > 0 && c->out.data[s - 1] != '\n')
        s--;
    size_t e = s;
    while (e < c->out.len && (c->out.data[e] == ' ' || c->out.data[e] == '\t'))
        e++;
    *start = s;
    return e - s;
}

/* How a new container is laid out: on the current line (inside a
 * container written on one line), expanded (like its source siblings), or
 * as the source mostly writes containers of its shape. */
typedef enum { NEW_INLINE, NEW_EXPANDED, NEW_HABIT } new_mode;

/* A new value (no counterpart in the source) in the source's habits; key:
 * its key in an object, or NULL. */
static void emit_new(ctx *c, const json_t *v, const char *key, new_mode mode)
{
    if (c->out.failed)
        return;
    if (is_scalar(v)) {
        put_scalar(&c->out, v);
        return;
    }
    bool arr = json_is_array(v);
    size_t n = arr ? json_array_size(v) : json_object_size(v);
    if (n == 0) {
        puts_(c, arr ? "[]" : "{}", 2);
        return;
    }
    bool one_line = mode == NEW_INLINE || c->compact;
    if (mode == NEW_HABIT && !one_line) {
        /* as the source writes values of this key, else of this shape */
        size_t h = 0;
        while (key && h < c->nkh && strcmp(c->kh[h].key, key) != 0)
            h++;
        int sh = shape_of(v, 0);
        if (key && h < c->nkh)
            one_line = c->kh[h].in > c->kh[h].ex;
        else
            one_line = sh != SHAPE_NONE && c->inline_n[sh] > c->expanded_n[sh];
    }
    /* the indentation of this line, copied: the buffer moves as it grows */
    char *indent = NULL;
    size_t ilen = 0;
    if (!one_line) {
        size_t s;
        ilen = out_indent(c, &s);
        indent = mlmp_malloc(ilen + 1);
        if (!indent) {
            c->out.failed = true;
            return;
        }
        memcpy(indent, c->out.data + s, ilen);
    }
    puts_(c, arr ? "[" : "{", 1);
    size_t i = 0;
    const char *k;
    json_t *e;
    void *it = arr ? NULL : json_object_iter(mlmp_unconst(v));
    for (i = 0; i < n; i++) {
        if (i > 0)
            puts_(c, ",", 1);
        if (one_line) {
            if (i > 0)
                puts_(c, c->comma, c->comma_len);
        } else {
            mlmp_strbuf_puts(&c->out, c->nl);
            puts_(c, indent, ilen);
            puts_(c, c->unit, c->unit_len);
        }
        k = NULL;
        if (arr) {
            e = json_array_get(v, i);
        } else {
            k = json_object_iter_key(it);
            e = json_object_iter_value(it);
            it = json_object_iter_next(mlmp_unconst(v), it);
            put_key(&c->out, k);
            puts_(c, c->colon, c->colon_len);
        }
        emit_new(c, e, k, one_line ? NEW_INLINE : NEW_HABIT);
    }
    if (!one_line) {
        mlmp_strbuf_puts(&c->out, c->nl);
        puts_(c, indent, ilen);
    }
    puts_(c, arr ? "]" : "}", 1);
    mlmp_free(indent);
}

static void emit(ctx *c, const json_t *v, const json_t *sv, size_t pos, bool one_line);

/* Which source element each element of v keeps: out[i] is an index into
 * b, or (size_t)-1 for a new one. Equal elements at the start and at the
 * end keep theirs; in between, a longest common subsequence of equal
 * elements keeps theirs (when the middle is small: at most LCS_MAX pairs),
 * and the elements left between two kept ones are edits of the source's
 * elements left there, in order; what remains is new or removed. */
#define LCS_MAX 4096

static bool same(const json_t *v, size_t i, const box *b, size_t j)
{
    return json_equal(json_array_get(v, i), mlmp_unconst(b->m[j].sv));
}

/* Pair the elements v[vi, ve) left between two kept ones with the source's
 * [si, se), in order. */
static void pair_gap(size_t *out, size_t vi, size_t ve, size_t si, size_t se)
{
    for (; vi < ve && si < se; vi++, si++)
        out[vi] = si;
}

static void match_array(ctx *c, const json_t *v, const box *b, size_t *out)
{
    size_t n = json_array_size(v), m = b->n, pre = 0, suf = 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (size_t)-1;
    while (pre < n && pre < m && same(v, pre, b, pre)) {
        out[pre] = pre;
        pre++;
    }
    while (suf < n - pre && suf < m - pre && same(v, n - 1 - suf, b, m - 1 - suf)) {
        out[n - 1 - suf] = m - 1 - suf;
        suf++;
    }
    size_t vn = n - pre - suf, sn = m - pre - suf;
    if (!vn || !sn)
        return;
    if (vn * sn > LCS_MAX || vn > LCS_MAX || sn > LCS_MAX) {
        pair_gap(out, pre, pre + vn, pre, pre + sn);
        return;
    }
    /* L[i][j]: the longest common subsequence of v[pre+i..] and the
     * source's [pre+j..]; eq[i][j]: those two are equal */
    size_t w = sn + 1;
    size_t *L = mlmp_calloc((vn + 1) * w, sizeof(*L));
    bool *eq = mlmp_calloc(vn * sn, sizeof(*eq));
    if (!L || !eq) {
        mlmp_free(L);
        mlmp_free(eq);
        c->out.failed = true;
        return;
    }
    for (size_t i = vn; i-- > 0;)
        for (size_t j = sn; j-- > 0;) {
            eq[i * sn + j] = same(v, pre + i, b, pre + j);
            size_t down = L[(i + 1) * w + j], right = L[i * w + j + 1];
            L[i * w + j] =
                eq[i * sn + j] ? L[(i + 1) * w + j + 1] + 1 : (down > right ? down : right);
        }
    size_t i = 0, j = 0, gi = 0, gj = 0;
    while (i < vn && j < sn) {
        if (eq[i * sn + j] && L[i * w + j] == L[(i + 1) * w + j + 1] + 1) {
            pair_gap(out, pre + gi, pre + i, pre + gj, pre + j);
            out[pre + i] = pre + j;
            gi = ++i;
            gj = ++j;
        } else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    pair_gap(out, pre + gi, pre + vn, pre + gj, pre + sn);
    mlmp_free(L);
    mlmp_free(eq);
}

/* The whitespace before a member that was not first in the source: the
 * source's second member's, or the first's when it starts a new line, or
 * the spacing after ',' on one line. */
static void put_sibling_pre(ctx *c, const box *b)
{
    if (b->n >= 2)
        put(c, b->m[1].pre, b->m[1].key);
    else if (has_newline(c, b->m[0].pre, b->m[0].key))
        put(c, b->m[0].pre, b->m[0].key);
    else
        puts_(c, c->comma, c->comma_len);
}

/* A new element e of an array written expanded: laid out as the source's
 * elements of its kind are (a list of expanded objects gets one more). */
static new_mode sibling_mode(const ctx *c, const box *b, const json_t *e)
{
    for (size_t i = 0; i < b->n && (json_is_object(e) || json_is_array(e)); i++) {
        const json_t *s = b->m[i].sv;
        bool same = json_is_object(e) ? json_is_object(s) : json_is_array(s);
        if (same && (json_is_object(s) ? json_object_size(s) : json_array_size(s)))
            return has_newline(c, b->m[i].val, b->m[i].val_end) ? NEW_EXPANDED : NEW_INLINE;
    }
    return NEW_HABIT;
}

/* The changed container v whose source sv (same kind, not empty) is at pos. */
static void emit_box(ctx *c, const json_t *v, const json_t *sv, size_t pos)
{
    box b;
    if (!scan_box(c, pos, sv, &b))
        return;
    bool arr = json_is_array(v);
    size_t n = arr ? json_array_size(v) : json_object_size(v);
    size_t *from = mlmp_calloc(n, sizeof(*from));
    if (!from) {
        c->out.failed = true;
        mlmp_free(b.m);
        return;
    }
    if (arr) {
        match_array(c, v, &b, from);
    } else {
        size_t j = 0;
        const char *k;
        json_t *e;
        mlmp_object_foreach (v, k, e) {
            from[j] = (size_t)-1;
            const json_t *s = json_object_get(sv, k);
            (void)e;
            /* the member of b whose value is s (members follow sv's order) */
            for (size_t r = 0; s && r < b.n; r++) {
                size_t q = (j + r) % b.n; /* usually at j: start there */
                if (b.m[q].sv == s) {
                    from[j] = q;
                    break;
                }
            }
            j++;
        }
    }
    bool one_line = !has_newline(c, pos, b.close);
    puts_(c, arr ? "[" : "{", 1);
    size_t prev = (size_t)-1;
    void *it = arr ? NULL : json_object_iter(mlmp_unconst(v));
    for (size_t j = 0; j < n && !c->bad && !c->out.failed; j++) {
        size_t r = from[j];
        const member *m = r != (size_t)-1 ? &b.m[r] : NULL;
        if (j > 0) {
            /* the whitespace before the comma: the previous member's own,
             * unless it was the source's last (then it was the closing one) */
            if (prev != (size_t)-1 && prev + 1 < b.n)
                put(c, b.m[prev].val_end, b.m[prev].post);
            else if (b.n >= 2)
                put(c, b.m[0].val_end, b.m[0].post);
            puts_(c, ",", 1);
        }
        if (j == 0)
            put(c, b.m[0].pre, b.m[0].key);
        else if (m && r > 0)
            put(c, m->pre, m->key);
        else
            put_sibling_pre(c, &b);
        const json_t *e;
        const char *k = NULL;
        if (arr) {
            e = json_array_get(v, j);
        } else {
            k = json_object_iter_key(it);
            e = json_object_iter_value(it);
            it = json_object_iter_next(mlmp_unconst(v), it);
            if (m) {
                put(c, m->key, m->val);
            } else {
                put_key(&c->out, k);
                put(c, b.m[0].key_end, b.m[0].val);
            }
        }
        if (m)
            emit(c, e, m->sv, m->val, one_line);
        else
            emit_new(c, e, k, one_line ? NEW_INLINE : arr ? sibling_mode(c, &b, e) : NEW_HABIT);
        prev = r;
    }
    /* the whitespace before the closing bracket */
    put(c, b.m[b.n - 1].val_end, b.m[b.n - 1].post);
    puts_(c, arr ? "]" : "}", 1);
    mlmp_free(from);
    mlmp_free(b.m);
}

/* v, whose counterpart in the source is sv at pos; one_line: the enclosing
 * container is written on one line. */
static void emit(ctx *c, const json_t *v, const json_t *sv, size_t pos, bool one_line)
{
    if (c->bad || c->out.failed)
        return;
    if (json_equal(mlmp_unconst(v), mlmp_unconst(sv))) {
        put(c, pos, skip_value(c, pos));
        return;
    }
    bool same_kind =
        (json_is_object(v) && json_is_object(sv)) || (json_is_array(v) && json_is_array(sv));
    size_t vn = json_is_array(v) ? json_array_size(v) : json_object_size(v);
    size_t sn = json_is_array(sv) ? json_array_size(sv) : json_object_size(sv);
    if (same_kind && vn && sn)
        emit_box(c, v, sv, pos);
    else
        emit_new(c, v, NULL, one_line ? NEW_INLINE : NEW_HABIT);
}

char *mlmp_layout_keep(const json_t *root, const json_t *src, const char *text, size_t len,
                       size_t *out_len)
{
    /* jansson reads past some NUL bytes outside strings, which a text
     * handed out as a C string cannot keep: such a text is not kept. */
    if (!root || !src || !text || memchr(text, '\0', len))
        return NULL;
    ctx c;
    memset(&c, 0, sizeof(c));
    c.t = text;
    c.n = len;
    size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t pos = skip_ws(&c, start);
    size_t end = skip_value(&c, pos);
    put(&c, 0, pos);
    if (json_equal(mlmp_unconst(root), mlmp_unconst(src))) {
        put(&c, pos, end);
    } else {
        learn_habits(&c, pos, src);
        emit(&c, root, src, pos, c.compact);
    }
    put(&c, end, len);
    if (c.bad || c.out.failed || !c.out.data) {
        mlmp_strbuf_free(&c.out);
        return NULL;
    }
    *out_len = c.out.len;
    return mlmp_strbuf_detach(&c.out);
}
