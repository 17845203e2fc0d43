/*
 * Fixes: the corrections attached to diagnostics (issue 19).
 *
 * A rule states a fix as JSON Patch operations on pointers. When the
 * diagnostics are located in the source text (diag.c), the operations are
 * turned into text edits on the source bytes, so that applying them changes
 * only the characters that hold the fixed values and keeps every other byte
 * (layout, key order, number spelling) as it was:
 *
 *   replace  the value's characters are replaced by the new value's JSON;
 *   move     within one object (a renamed key): the key's string only;
 *   remove   the member or element with its comma and the space up to the
 *            next one;
 *   add      a new member or array element after the last one, on a line of
 *            its own with the same indentation when the last one has its own
 *            line, else after ", ".
 *
 * Anything else (a move between objects, an insertion in the middle of an
 * array) keeps the operations only. Positions are computed on bytes and
 * reported in characters; mlm_text_apply_edits() goes back from characters
 * to bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "fix.h"
#include "jsonscan.h"
#include "locator.h"

struct mlmp_fixrec {
    mlm_fix pub;
    mlm_patch_op *ops;
    size_t n_ops, cap_ops;
    mlm_text_edit *edits;
    size_t n_edits;
    char **strs; /* every string the record owns */
    size_t n_strs, cap_strs;
};

/* Keep s (owned) in f; returns s, or NULL (s freed) when out of memory. */
static char *own(mlmp_fixrec *f, char *s)
{
    if (!s)
        return NULL;
    if (mlmp_grow((void **)&f->strs, &f->cap_strs, f->n_strs + 1, sizeof(*f->strs)) != MLM_OK) {
        mlmp_free(s);
        return NULL;
    }
    f->strs[f->n_strs++] = s;
    return s;
}

static char *own_dup(mlmp_fixrec *f, const char *s) { return s ? own(f, mlmp_strdup(s)) : NULL; }

mlmp_fixrec *mlmp_fixrec_new(const char *description, bool safe)
{
    mlmp_fixrec *f = mlmp_calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->pub.safe = safe ? 1 : 0;
    f->pub.description = own_dup(f, description ? description : "");
    if (!f->pub.description) {
        mlmp_fixrec_free(f);
        return NULL;
    }
    return f;
}

int mlmp_fixrec_describe(mlmp_fixrec *f, const char *description)
{
    const char *d = own_dup(f, description ? description : "");
    if (!d)
        return MLM_ERR_NOMEM;
    f->pub.description = d;
    return MLM_OK;
}

void mlmp_fixrec_set_safe(mlmp_fixrec *f, bool safe) { f->pub.safe = safe ? 1 : 0; }

void mlmp_fixrec_free(mlmp_fixrec *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_strs; i++)
        mlmp_free(f->strs[i]);
    mlmp_free(f->strs);
    mlmp_free(f->ops);
    mlmp_free(f->edits);
    mlmp_free(f);
}

const mlm_fix *mlmp_fixrec_view(const mlmp_fixrec *f) { return f ? &f->pub : NULL; }

/* JSON text of v as jansson writes it on one line; owned by f. */
static const char *own_json(mlmp_fixrec *f, const json_t *v)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    if (!s)
        return NULL;
    char *c = mlmp_strdup(s);
    free(s);
    return own(f, c);
}

static int add_op(mlmp_fixrec *f, const char *op, const char *path, const char *from,
                  const char *value_text)
{
    if (mlmp_grow((void **)&f->ops, &f->cap_ops, f->n_ops + 1, sizeof(*f->ops)) != MLM_OK)
        return MLM_ERR_NOMEM;
    mlm_patch_op o = {own_dup(f, op), own_dup(f, path), own_dup(f, from), own_dup(f, value_text)};
    if (!o.op || !o.path || (from && !o.from) || (value_text && !o.value))
        return MLM_ERR_NOMEM;
    f->ops[f->n_ops++] = o;
    f->pub.ops = f->ops;
    f->pub.op_count = f->n_ops;
    return MLM_OK;
}

int mlmp_fixrec_op(mlmp_fixrec *f, const char *op, const char *path, const char *from,
                   const json_t *value)
{
    const char *text = NULL;
    if (value && !(text = own_json(f, value)))
        return MLM_ERR_NOMEM;
    return add_op(f, op, path, from, text);
}

int mlmp_fixrec_absorb(mlmp_fixrec *dst, const mlmp_fixrec *src)
{
    for (size_t i = 0; i < src->n_ops; i++) {
        const mlm_patch_op *o = &src->ops[i];
        if (add_op(dst, o->op, o->path, o->from, o->value) != MLM_OK)
            return MLM_ERR_NOMEM;
    }
    if (!src->pub.safe)
        dst->pub.safe = 0;
    return MLM_OK;
}

/* ---- scanning the source text --------------------------------------------------- */

#define NOPOS MLMP_SCAN_END

static size_t ws_back(const char *s, size_t i)
{
    while (i > 0 && mlmp_scan_is_ws(s[i - 1]))
        i--;
    return i;
}

/* When the value at v is an object member, the span of its key string
 * (quotes included) and true; false for an array element. */
static bool key_span(const char *s, size_t v, size_t *ks, size_t *ke)
{
    size_t j = ws_back(s, v);
    if (j == 0 || s[j - 1] != ':')
        return false;
    j = ws_back(s, j - 1);
    if (j < 2 || s[j - 1] != '"')
        return false;
    *ke = j;
    /* Inside a string every quote is escaped: the opening quote is the
     * first one before the closing quote with an even run of backslashes. */
    for (size_t q = j - 1; q-- > 0;) {
        if (s[q] != '"')
            continue;
        size_t b = q;
        while (b > 0 && s[b - 1] == '\\')
            b--;
        if ((q - b) % 2 == 0) {
            *ks = q;
            return true;
        }
    }
    return false;
}

typedef struct bedit {
    size_t start, end;
    char *text;        /* owned, while edits are computed */
    const char *ctext; /* borrowed, while edits are applied */
} bedit;

typedef struct bedits {
    bedit *items;
    size_t n, cap;
    bool failed;
} bedits;

static void bedit_add(bedits *b, size_t start, size_t end, char *text)
{
    if (!text || b->failed ||
        mlmp_grow((void **)&b->items, &b->cap, b->n + 1, sizeof(*b->items)) != MLM_OK) {
        mlmp_free(text);
        b->failed = true;
        return;
    }
    b->items[b->n++] = (bedit){start, end, text, text};
}

static void bedits_clear(bedits *b)
{
    for (size_t i = 0; i < b->n; i++)
        mlmp_free(b->items[i].text);
    mlmp_free(b->items);
    *b = (bedits){0};
}

static char *encode_key(const char *key)
{
    json_t *j = json_string(key);
    char *s = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    char *c = s ? mlmp_strdup(s) : NULL;
    free(s);
    return c;
}

/* Split a pointer into its parent (a new string) and its last token
 * (unescaped, a new string). false for the root or out of memory. */
static bool split_pointer(const char *p, char **parent, char **last)
{
    const char *slash = strrchr(p, '/');
    *parent = *last = NULL;
    if (!slash)
        return false;
    *parent = mlmp_malloc((size_t)(slash - p) + 1);
    mlmp_strbuf tok = MLMP_STRBUF_INIT;
    mlmp_strbuf_put_untoken(&tok, slash + 1, strlen(slash + 1));
    mlmp_strbuf_append(&tok, "", 0);
    *last = mlmp_strbuf_detach(&tok);
    if (!*parent || !*last) {
        mlmp_free(*parent);
        mlmp_free(*last);
        *parent = *last = NULL;
        return false;
    }
    memcpy(*parent, p, (size_t)(slash - p));
    (*parent)[slash - p] = '\0';
    return true;
}

/* The leading white space of the line holding byte i. */
static char *indent_of(const char *s, size_t i)
{
    size_t b = i;
    while (b > 0 && s[b - 1] != '\n')
        b--;
    size_t e = b;
    while (e < i && (s[e] == ' ' || s[e] == '\t'))
        e++;
    char *out = mlmp_malloc(e - b + 1);
    if (out) {
        memcpy(out, s + b, e - b);
        out[e - b] = '\0';
    }
    return out;
}

static bool same_line(const char *s, size_t a, size_t b)
{
    return memchr(s + a, '\n', b - a) == NULL;
}

/* Insert member (for an object: key + value) at the end of the container
 * whose bracket is at c. */
static void edit_append(bedits *out, const char *s, size_t n, size_t c, const char *key,
                        const char *value)
{
    bool is_obj = s[c] == '{';
    char close = is_obj ? '}' : ']';
    size_t i = c + 1, last_start = NOPOS, last_end = NOPOS;
    for (;;) {
        i = mlmp_scan_ws(s, n, i);
        if (i >= n)
            return;
        if (s[i] == close)
            break;
        if (s[i] == ',') {
            i++;
            continue;
        }
        size_t start = i;
        if (is_obj) {
            if (s[i] != '"' || (i = mlmp_scan_string_end(s, n, i)) == NOPOS)
                return;
            i = mlmp_scan_ws(s, n, i);
            if (i >= n || s[i] != ':')
                return;
            i++;
        }
        if ((i = mlmp_scan_value_end(s, n, i)) == NOPOS)
            return;
        last_start = start;
        last_end = i;
    }
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    size_t at = c + 1;
    if (last_end != NOPOS) {
        at = last_end;
        if (same_line(s, c, last_start))
            mlmp_strbuf_puts(&b, ", ");
        else {
            char *ind = indent_of(s, last_start);
            mlmp_strbuf_puts(&b, ",\n");
            mlmp_strbuf_puts(&b, ind ? ind : "");
            mlmp_free(ind);
        }
    }
    if (is_obj) {
        char *k = encode_key(key);
        mlmp_strbuf_puts(&b, k ? k : "\"\"");
        mlmp_free(k);
        mlmp_strbuf_puts(&b, ": ");
    }
    mlmp_strbuf_puts(&b, value);
    bedit_add(out, at, at, mlmp_strbuf_detach(&b));
}

/* The edits that remove the member or element whose value is at v. */
static void edit_remove(bedits *out, const char *s, size_t n, size_t v)
{
    size_t ve = mlmp_scan_value_end(s, n, v), ks, ke;
    if (ve == NOPOS)
        return;
    size_t start = key_span(s, v, &ks, &ke) ? ks : v;
    size_t j = mlmp_scan_ws(s, n, ve);
    if (j < n && s[j] == ',') { /* not the last: up to the next one */
        bedit_add(out, start, mlmp_scan_ws(s, n, j + 1), mlmp_strdup(""));
        return;
    }
    size_t p = ws_back(s, start);
    if (p > 0 && s[p - 1] == ',') /* the last: from the comma before it */
        bedit_add(out, p - 1, ve, mlmp_strdup(""));
    else /* the only one */
        bedit_add(out, p, ve, mlmp_strdup(""));
}

static int cmp_bedit(const void *a, const void *b)
{
    const bedit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : (x->end > y->end);
}

/* Whether the sorted edits overlap (two insertions at one place do). */
static bool overlapping(const bedit *e, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (e[i].start < e[i - 1].end || e[i].start == e[i - 1].start)
            return true;
    return false;
}

/* Line starts of a text: starts[k] is the byte offset of line k+1. */
typedef struct lines {
    size_t *starts;
    size_t n;
} lines;

static bool lines_build(lines *L, const char *s, size_t n)
{
    size_t count = 1;
    for (const char *p = s; p && (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
        count++;
    L->starts = mlmp_malloc(count * sizeof(size_t));
    if (!L->starts)
        return false;
    L->n = 0;
    L->starts[L->n++] = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n')
            L->starts[L->n++] = i + 1;
    return true;
}

static void to_line_col(const lines *L, const char *s, size_t off, int *line, int *col)
{
    size_t lo = 0, hi = L->n;
    while (hi - lo > 1) { /* the last start <= off */
        size_t mid = lo + (hi - lo) / 2;
        if (L->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    *col = (int)mlmp_utf8_length(s + L->starts[lo], off - L->starts[lo]) + 1;
}

/* The edits of one fix, from the located positions of its pointers. */
static void fix_edits(const mlmp_fixrec *f, const char *s, size_t n, const mlmp_pos *pos,
                      size_t *first, bedits *out)
{
    size_t k = *first; /* pos[k..]: path, then (move) from or (add) parent */
    *first += 2 * f->n_ops;
    for (size_t i = 0; i < f->n_ops && !out->failed; i++) {
        const mlm_patch_op *o = &f->ops[i];
        /* Not found: line 0 (the offset is then meaningless). */
        long at = pos[k].line > 0 ? pos[k].offset : -1;
        long other = pos[k + 1].line > 0 ? pos[k + 1].offset : -1;
        k += 2;
        size_t ks, ke;
        bool member = at >= 0 && key_span(s, (size_t)at, &ks, &ke);
        if (strcmp(o->op, "add") == 0 && at >= 0 && !member) {
            out->failed = true; /* an insertion inside an array */
            return;
        }
        if (strcmp(o->op, "replace") == 0 || (strcmp(o->op, "add") == 0 && at >= 0)) {
            size_t ve = at >= 0 && o->value ? mlmp_scan_value_end(s, n, (size_t)at) : NOPOS;
            if (ve == NOPOS) {
                out->failed = true;
                return;
            }
            bedit_add(out, (size_t)at, ve, mlmp_strdup(o->value));
        } else if (strcmp(o->op, "add") == 0 && other >= 0 && o->value) {
            char *parent, *last;
            if (!split_pointer(o->path, &parent, &last)) {
                out->failed = true;
                return;
            }
            char c = s[other];
            bool append = c == '{' || (c == '[' && strcmp(last, "-") == 0);
            if (append)
                edit_append(out, s, n, (size_t)other, last, o->value);
            else
                out->failed = true;
            mlmp_free(parent);
            mlmp_free(last);
        } else if (strcmp(o->op, "remove") == 0 && at >= 0) {
            edit_remove(out, s, n, (size_t)at);
        } else if (strcmp(o->op, "move") == 0 && other >= 0 && o->from) {
            /* Only a rename within one object is a text edit. */
            char *pp, *pl, *fp, *fl;
            bool ok = false;
            if (split_pointer(o->path, &pp, &pl)) {
                if (split_pointer(o->from, &fp, &fl)) {
                    if (strcmp(pp, fp) == 0 && at < 0 && key_span(s, (size_t)other, &ks, &ke)) {
                        bedit_add(out, ks, ke, encode_key(pl));
                        ok = true;
                    }
                    mlmp_free(fp);
                    mlmp_free(fl);
                }
                mlmp_free(pp);
                mlmp_free(pl);
            }
            if (!ok)
                out->failed = true;
        } else {
            out->failed = true;
        }
    }
}

void mlmp_fixrecs_compute_edits(mlmp_fixrec *const *fixes, size_t n, const char *text, size_t len,
                                long line_offset)
{
    if (!text || n == 0)
        return;
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        np += 2 * fixes[i]->n_ops;
    if (np == 0)
        return;
    const char **ptrs = mlmp_calloc(np, sizeof(*ptrs));
    char **parents = mlmp_calloc(np, sizeof(*parents)); /* the ones made here */
    mlmp_pos *pos = mlmp_calloc(np, sizeof(*pos));
    lines L = {0};
    if (!ptrs || !parents || !pos || !lines_build(&L, text, len))
        goto out;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < fixes[i]->n_ops; j++, k += 2) {
            const mlm_patch_op *o = &fixes[i]->ops[j];
            ptrs[k] = o->path;
            if (o->from)
                ptrs[k + 1] = o->from;
            else {
                char *last = NULL;
                if (split_pointer(o->path, &parents[k + 1], &last))
                    ptrs[k + 1] = parents[k + 1];
                mlmp_free(last);
                if (!ptrs[k + 1])
                    ptrs[k + 1] = "\x01"; /* never found */
            }
        }
    }
    if (mlmp_locate(text, len, ptrs, np, pos) != MLM_OK)
        goto out;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        mlmp_fixrec *f = fixes[i];
        bedits b = {0};
        fix_edits(f, text, len, pos, &k, &b);
        if (!b.failed && b.n > 0) {
            qsort(b.items, b.n, sizeof(*b.items), cmp_bedit);
            if (!overlapping(b.items, b.n) &&
                (f->edits = mlmp_calloc(b.n, sizeof(*f->edits))) != NULL) {
                bool ok = true;
                for (size_t e = 0; e < b.n && ok; e++) {
                    mlm_text_edit *t = &f->edits[e];
                    to_line_col(&L, text, b.items[e].start, &t->start_line, &t->start_column);
                    to_line_col(&L, text, b.items[e].end, &t->end_line, &t->end_column);
                    t->start_line += (int)line_offset;
                    t->end_line += (int)line_offset;
                    t->new_text = own(f, b.items[e].text);
                    b.items[e].text = NULL;
                    ok = t->new_text != NULL;
                }
                if (ok) {
                    f->n_edits = b.n;
                    f->pub.text_edits = f->edits;
                    f->pub.text_edit_count = b.n;
                } else {
                    mlmp_free(f->edits);
                    f->edits = NULL;
                }
            }
        }
        bedits_clear(&b);
    }
out:
    for (size_t i = 0; parents && i < np; i++)
        mlmp_free(parents[i]);
    mlmp_free(parents);
    mlmp_free(ptrs);
    mlmp_free(pos);
    mlmp_free(L.starts);
}

/* ---- applying text edits ------------------------------------------------------------ */

/* The byte offset of line:column in text, or NOPOS when it is not in it. */
static size_t to_offset(const lines *L, const char *s, size_t n, int line, int col)
{
    if (line < 1 || (size_t)line > L->n || col < 1)
        return NOPOS;
    size_t i = L->starts[line - 1];
    size_t end = (size_t)line < L->n ? L->starts[line] - 1 : n; /* the '\n' or the end */
    for (int c = 1; c < col; c++) {
        if (i >= end)
            return NOPOS;
        i++;
        while (i < end && ((unsigned char)s[i] & 0xC0u) == 0x80u)
            i++;
    }
    return i;
}

/* The byte ranges of n edits, sorted, in *out (edits' texts borrowed). */
static int to_bytes(const lines *L, const char *text, size_t len, const mlm_text_edit *edits,
                    size_t n, bedit *out, mlm_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const mlm_text_edit *e = &edits[i];
        size_t a = to_offset(L, text, len, e->start_line, e->start_column);
        size_t b = to_offset(L, text, len, e->end_line, e->end_column);
        if (a == NOPOS || b == NOPOS || b < a || !e->new_text) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "The edit of %d:%d to %d:%d does not fit the text.", e->start_line,
                           e->start_column, e->end_line, e->end_column);
            return MLM_ERR_INVALID_ARG;
        }
        out[i] = (bedit){a, b, NULL, e->new_text};
    }
    return MLM_OK;
}

static int splice(const char *text, size_t len, const bedit *e, size_t n, char **out,
                  size_t *out_len, mlm_error *err)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        mlmp_strbuf_append(&b, text + at, e[i].start - at);
        mlmp_strbuf_puts(&b, e[i].ctext);
        at = e[i].end;
    }
    mlmp_strbuf_append(&b, text ? text + at : "", len - at);
    size_t n_out = b.len;
    char *s = mlmp_strbuf_detach(&b);
    if (!s) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while applying edits.");
        return MLM_ERR_NOMEM;
    }
    *out = s;
    if (out_len)
        *out_len = n_out;
    return MLM_OK;
}

int mlm_text_apply_edits(const char *text, size_t len, const mlm_text_edit *edits, size_t n,
                         char **out, size_t *out_len, mlm_error *err)
{
    if (!out || (!text && len) || (!edits && n)) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "mlm_text_apply_edits: a NULL argument.");
        return MLM_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (!text)
        text = "";
    lines L = {0};
    bedit *b = mlmp_calloc(n ? n : 1, sizeof(*b));
    int rc = MLM_ERR_NOMEM;
    if (!b || !lines_build(&L, text, len)) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while applying edits.");
        goto out;
    }
    if ((rc = to_bytes(&L, text, len, edits, n, b, err)) != MLM_OK)
        goto out;
    qsort(b, n, sizeof(*b), cmp_bedit);
    if (overlapping(b, n)) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                       "Two edits overlap; they cannot be applied together.");
        rc = MLM_ERR_INVALID_ARG;
        goto out;
    }
    rc = splice(text, len, b, n, out, out_len, err);
out:
    mlmp_free(b);
    mlmp_free(L.starts);
    return rc;
}

/* Whether the sorted range list taken[0..nt) meets any of e[0..n). */
static bool conflicts(const bedit *taken, size_t nt, const bedit *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < nt; j++) {
            const bedit *x = &taken[j], *y = &e[i];
            if (x->start == y->start || (y->start < x->end && x->start < y->end))
                return true;
        }
    return false;
}

int mlm_fixes_apply(const mlm_fix *const *fixes, size_t count, const char *text, size_t len,
                    unsigned flags, char **out, size_t *out_len, size_t *applied, mlm_error *err)
{
    if (applied)
        *applied = 0;
    if (!out || (!text && len) || (!fixes && count)) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "mlm_fixes_apply: a NULL argument.");
        return MLM_ERR_INVALID_ARG;
    }
    *out = NULL;
    if (!text)
        text = "";
    size_t total = 0;
    for (size_t i = 0; i < count; i++) {
        const mlm_fix *f = fixes[i];
        if (f && (f->safe || (flags & MLM_FIX_UNSAFE)))
            total += f->text_edit_count;
    }
    lines L = {0};
    bedit *taken = mlmp_calloc(total ? total : 1, sizeof(*taken));
    bedit *one = mlmp_calloc(total ? total : 1, sizeof(*one));
    size_t nt = 0, n_applied = 0;
    int rc = MLM_ERR_NOMEM;
    if (!taken || !one || !lines_build(&L, text, len)) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while applying fixes.");
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        const mlm_fix *f = fixes[i];
        if (!f || f->text_edit_count == 0 || !(f->safe || (flags & MLM_FIX_UNSAFE)))
            continue;
        if ((rc = to_bytes(&L, text, len, f->text_edits, f->text_edit_count, one, err)) != MLM_OK)
            goto out;
        qsort(one, f->text_edit_count, sizeof(*one), cmp_bedit);
        if (overlapping(one, f->text_edit_count)) { /* a fix is whole or nothing: not this */
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "Two edits of the fix \"%s\" overlap; it cannot be applied.",
                           f->description ? f->description : "");
            rc = MLM_ERR_INVALID_ARG;
            goto out;
        }
        if (conflicts(taken, nt, one, f->text_edit_count))
            continue; /* for the next round */
        memcpy(taken + nt, one, f->text_edit_count * sizeof(*one));
        nt += f->text_edit_count;
        n_applied++;
    }
    qsort(taken, nt, sizeof(*taken), cmp_bedit);
    rc = splice(text, len, taken, nt, out, out_len, err);
    if (rc == MLM_OK && applied)
        *applied = n_applied;
out:
    mlmp_free(taken);
    mlmp_free(one);
    mlmp_free(L.starts);
    return rc;
}
