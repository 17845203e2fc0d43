/* mlm-validate --lsp: document text and position conversions (see lsp.h).
 *
 * LSP positions count UTF-16 code units within a line (or UTF-8 bytes or
 * code points, when agreed), lines end at "\n", "\r\n" or "\r"; the
 * library counts columns in code points. The text is
 * kept as UTF-8 with the byte offset of every line start. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, poll: also when built alone (fuzz/) */
#endif
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static int reserve(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need) {
        if (c > ((size_t)-1) / 2)
            return -1;
        c *= 2;
    }
    char *n = realloc(*p, c);
    if (!n)
        return -1;
    *p = n;
    *cap = c;
    return 0;
}

static int push_line(lsp_text *t, size_t start)
{
    if (t->n_lines == t->lines_cap) {
        size_t cap = t->lines_cap ? t->lines_cap * 2 : 64;
        size_t *l = realloc(t->lines, cap * sizeof(*l));
        if (!l)
            return -1;
        t->lines = l;
        t->lines_cap = cap;
    }
    t->lines[t->n_lines++] = start;
    return 0;
}

/* The start of every line: after "\n", "\r\n" or a lone "\r". One pass with
 * memchr over texts without "\r" (the common case). */
static int index_lines(lsp_text *t)
{
    t->n_lines = 0;
    if (push_line(t, 0) != 0)
        return -1;
    const char *s = t->data, *end = t->data + t->len;
    if (!memchr(s, '\r', t->len)) {
        for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
            if (push_line(t, (size_t)(p - s) + 1) != 0)
                return -1;
        return 0;
    }
    for (size_t i = 0; i < t->len; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= t->len || s[i + 1] != '\n')))
            if (push_line(t, i + 1) != 0)
                return -1;
    return 0;
}

int lsp_text_set(lsp_text *t, const char *s, size_t n)
{
    return lsp_text_replace(t, 0, t->len, s, n);
}

int lsp_text_replace(lsp_text *t, size_t start, size_t end, const char *s, size_t n)
{
    if (start > t->len)
        start = t->len;
    if (end > t->len)
        end = t->len;
    if (end < start)
        end = start;
    size_t removed = end - start;
    if (n > ((size_t)-1) / 2 - t->len)
        return -1;
    size_t new_len = t->len - removed + n;
    if (reserve(&t->data, &t->cap, new_len + 1) != 0)
        return -1;
    memmove(t->data + start + n, t->data + end, t->len - end);
    if (n)
        memcpy(t->data + start, s, n);
    t->len = new_len;
    t->data[t->len] = '\0';
    if (index_lines(t) != 0) {
        /* Out of memory half-way: the lines indexed so far are right, the
         * rest of the text counts as the last line (positions clamp). The
         * change itself was made; say that the state is degraded. */
        return -1;
    }
    return 0;
}

void lsp_text_free(lsp_text *t)
{
    free(t->data);
    free(t->lines);
    memset(t, 0, sizeof(*t));
}

/* The end of line @p line's content (before its line break). */
static size_t line_end(const lsp_text *t, size_t line)
{
    size_t e = line + 1 < t->n_lines ? t->lines[line + 1] : t->len;
    if (e > t->lines[line] && t->data[e - 1] == '\n')
        e--;
    if (e > t->lines[line] && t->data[e - 1] == '\r')
        e--;
    return e;
}

/* Length in bytes of the UTF-8 sequence at s[0] (1 for a stray byte), and
 * the code point's length in *units of the encoding. */
static size_t seq_len(lsp_encoding enc, const unsigned char *s, size_t avail, int *units)
{
    *units = 1;
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 1;
    if (n > avail)
        return 1;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 1;
    if (enc == LSP_UTF8)
        *units = (int)n;
    else if (enc == LSP_UTF16 && n == 4)
        *units = 2;
    return n;
}

size_t lsp_text_offset(const lsp_text *t, long line, long character)
{
    if (!t->n_lines || line < 0)
        return 0;
    if ((size_t)line >= t->n_lines)
        return t->len;
    size_t p = t->lines[line], e = line_end(t, (size_t)line);
    long units = 0;
    while (p < e && units < character) {
        int u;
        size_t n = seq_len(t->enc, (const unsigned char *)t->data + p, e - p, &u);
        if (units + u > character)
            break; /* inside a character (a surrogate pair, a UTF-8 sequence): its start */
        units += u;
        p += n;
    }
    return p;
}

void lsp_text_position(const lsp_text *t, size_t offset, long *line, long *character)
{
    if (offset > t->len)
        offset = t->len;
    size_t lo = 0, hi = t->n_lines ? t->n_lines - 1 : 0;
    while (lo < hi) { /* the last line starting at or before offset */
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    *line = (long)lo;
    long units = 0;
    size_t p = t->n_lines ? t->lines[lo] : 0, e = t->n_lines ? line_end(t, lo) : 0;
    if (offset < e)
        e = offset;
    while (p < e) {
        int u;
        p += seq_len(t->enc, (const unsigned char *)t->data + p, e - p, &u);
        units += u;
    }
    *character = units;
}

size_t lsp_text_offset_lc(const lsp_text *t, int line, int column)
{
    if (line < 1 || !t->n_lines)
        return 0;
    if ((size_t)line > t->n_lines)
        return t->len;
    size_t p = t->lines[line - 1], e = line_end(t, (size_t)line - 1);
    for (int c = 1; c < column && p < e; c++) {
        int u;
        p += seq_len(t->enc, (const unsigned char *)t->data + p, e - p, &u);
    }
    return p;
}

size_t lsp_text_token_end(const lsp_text *t, size_t offset)
{
    const char *s = t->data;
    size_t n = t->len, p = offset;
    if (p >= n)
        return n;
    if (s[p] == '"') {
        for (p++; p < n && s[p] != '"' && s[p] != '\n'; p++)
            if (s[p] == '\\' && p + 1 < n)
                p++;
        return p < n && s[p] == '"' ? p + 1 : p;
    }
    if (strchr("{}[],:", s[p]))
        return p + 1;
    while (p < n && !strchr(",}] \t\r\n:[{\"", s[p]))
        p++;
    return p > offset ? p : offset + 1;
}
