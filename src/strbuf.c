/* A growable string buffer with sticky allocation failure, so callers can
 * append freely and check once at the end. */
#include <stdio.h>
#include <string.h>

#include "mlm_private.h"

void mlmp_strbuf_append(mlmp_strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap &&
        mlmp_grow((void **)&b->data, &b->cap, b->len + n + 1, 1) != MLM_OK) {
        b->failed = true;
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void mlmp_strbuf_puts(mlmp_strbuf *b, const char *s) { mlmp_strbuf_append(b, s, strlen(s)); }

void mlmp_strbuf_put_token(mlmp_strbuf *b, const char *s, size_t n)
{
    /* Runs without '~' or '/' are copied whole: the locator and the rules'
     * paths escape every key they pass. */
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '~' || s[i] == '/') {
            mlmp_strbuf_append(b, s + run, i - run);
            mlmp_strbuf_append(b, s[i] == '~' ? "~0" : "~1", 2);
            run = i + 1;
        }
    }
    mlmp_strbuf_append(b, s + run, n - run);
}

char *mlmp_pointer_join(const char *base, const char *key)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, base);
    mlmp_strbuf_putc(&b, '/');
    mlmp_strbuf_put_token(&b, key, strlen(key));
    return mlmp_strbuf_detach(&b);
}

size_t mlmp_pointer_untoken(char *dst, size_t cap, const char *s, size_t n, bool *valid)
{
    size_t j = 0;
    *valid = true;
    for (size_t i = 0; i < n; i++, j++) {
        char c = s[i];
        if (c == '~') {
            if (i + 1 < n && (s[i + 1] == '0' || s[i + 1] == '1'))
                c = s[++i] == '0' ? '~' : '/';
            else
                *valid = false;
        }
        if (j + 1 < cap)
            dst[j] = c;
    }
    if (cap)
        dst[j < cap ? j : cap - 1] = '\0';
    return j;
}

bool mlmp_strbuf_put_untoken(mlmp_strbuf *b, const char *s, size_t n)
{
    /* Reserve n bytes (never shorter unescaped) and unescape into them. */
    size_t at = b->len;
    bool valid = true;
    mlmp_strbuf_append(b, s, n);
    if (b->failed)
        return valid;
    b->len = at + mlmp_pointer_untoken(b->data + at, n + 1, s, n, &valid);
    return valid;
}

void mlmp_strbuf_putc(mlmp_strbuf *b, char c)
{
    /* Inline when it fits: the locator and the rules' paths add keys a byte
     * at a time. */
    if (!b->failed && b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    mlmp_strbuf_append(b, &c, 1);
}

void mlmp_strbuf_printf(mlmp_strbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        mlmp_strbuf_append(b, small, (size_t)n);
        return;
    }
    char *big = mlmp_malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mlmp_strbuf_append(b, big, (size_t)n);
    mlmp_free(big);
}

const char *mlmp_strbuf_cstr(mlmp_strbuf *b)
{
    if (b->failed)
        return NULL;
    if (!b->data)
        mlmp_strbuf_append(b, "", 0);
    return b->failed ? NULL : b->data;
}

char *mlmp_strbuf_detach(mlmp_strbuf *b)
{
    char *s = NULL;
    if (mlmp_strbuf_cstr(b))
        s = b->data;
    else
        mlmp_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
    return s;
}

void mlmp_strbuf_free(mlmp_strbuf *b)
{
    mlmp_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}
