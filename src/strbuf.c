/* A growable string buffer with sticky allocation failure, so callers can
 * append freely and check once at the end. */
#include <stdio.h>
#include <string.h>

#include "mlm_private.h"

void mlmp_strbuf_append(mlmp_strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap && mlmp_grow((void **)&b->data, &b->cap, b->len + n + 1, 1) != MLM_OK) {
        b->failed = true;
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void mlmp_strbuf_puts(mlmp_strbuf *b, const char *s) { mlmp_strbuf_append(b, s, strlen(s)); }

void mlmp_strbuf_put_token(mlmp_strbuf *b, const char *token)
{
    for (const char *k = token; *k; k++) {
        if (*k == '~')
            mlmp_strbuf_puts(b, "~0");
        else if (*k == '/')
            mlmp_strbuf_puts(b, "~1");
        else
            mlmp_strbuf_putc(b, *k);
    }
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
