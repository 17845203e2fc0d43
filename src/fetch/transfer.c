/* The response path of mlm_fetch(): header and body callbacks and the
 * verdict on a finished transfer. Nothing here needs libcurl, so the fuzzer
 * (fuzz/fuzz_fetch.c) reaches every line of it with bytes alone, and it is
 * part of every build. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch_private.h"

void mlmp_transfer_init(mlmp_transfer *t, size_t cap)
{
    memset(t, 0, sizeof(*t));
    t->body = (mlmp_strbuf)MLMP_STRBUF_INIT;
    t->cap = cap;
}

void mlmp_transfer_free(mlmp_transfer *t) { mlmp_strbuf_free(&t->body); }

/* Copy a header value into dst, printable ASCII only, without the line end. */
static void copy_value(char *dst, size_t cap, const char *src, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && src[i] != '\r' && src[i] != '\n' && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    while (o && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
}

/* Remember the status line and the Location of each response (redirects and
 * 1xx included; the last one wins). Other header lines are ignored. */
size_t mlmp_transfer_on_header(char *buf, size_t size, size_t n, void *ud)
{
    mlmp_transfer *t = ud;
    size_t bytes = size * n;
    if (bytes > 9 && strncasecmp(buf, "location:", 9) == 0) {
        size_t i = 9;
        while (i < bytes && (buf[i] == ' ' || buf[i] == '\t'))
            i++;
        copy_value(t->location, sizeof(t->location), buf + i, bytes - i);
        return bytes;
    }
    if (bytes < 12 || memcmp(buf, "HTTP/", 5) != 0)
        return bytes;
    t->location[0] = '\0';
    size_t i = 5;
    while (i < bytes && buf[i] != ' ')
        i++;
    while (i < bytes && buf[i] == ' ')
        i++;
    long code = 0;
    size_t digits = 0;
    while (i < bytes && digits < 3 && buf[i] >= '0' && buf[i] <= '9') {
        code = code * 10 + (buf[i] - '0');
        i++;
        digits++;
    }
    if (digits != 3)
        return bytes;
    t->status = code;
    while (i < bytes && buf[i] == ' ')
        i++;
    copy_value(t->reason, sizeof(t->reason), buf + i, bytes - i);
    return bytes;
}

/* Append body bytes, enforcing the cap on the decoded size whether or not
 * the server sent a Content-Length. Returning less than asked aborts the
 * transfer (CURLE_WRITE_ERROR); the flags say why. */
size_t mlmp_transfer_on_write(char *data, size_t size, size_t n, void *ud)
{
    mlmp_transfer *t = ud;
    size_t bytes = size * n;
    if (t->status != 0 && (t->status < 200 || t->status > 299)) {
        t->http_error = true; /* an error page is of no use: stop reading it */
        return 0;
    }
    if (t->cap && bytes > t->cap - t->body.len) {
        t->too_large = true;
        return 0;
    }
    mlmp_strbuf_append(&t->body, data, bytes);
    if (t->body.failed) {
        t->nomem = true;
        return 0;
    }
    return bytes;
}

/* Did the transfer end on a response whose status is not 2xx? Only when the
 * transfer ended because of that response: after a failure while following
 * redirects (too many, refused scheme), the last status is a 3xx that says
 * nothing about the outcome. */
static bool final_error_status(mlmp_transfer_end end, const mlmp_transfer *t, long status)
{
    if (status >= 200 && status <= 299)
        return false;
    if (t->http_error)
        return true;
    return status != 0 && (end == MLMP_TRANSFER_OK || end == MLMP_TRANSFER_FILESIZE);
}

/* Standard reason phrases, for HTTP/2 and later, which do not send one. */
static const char *reason_phrase(long status)
{
    switch (status) {
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

int mlmp_fetch_fail(mlm_error *err, int code, const char *url, const char *what, const char *detail)
{
    if (detail && *detail)
        mlmp_error_set(err, code, url, "%s (%s), fetching %s", what, detail, url);
    else
        mlmp_error_set(err, code, url, "%s, fetching %s", what, url);
    return code;
}

int mlmp_transfer_verdict(const mlmp_transfer *t, mlmp_transfer_end end, long status,
                          const char *url, size_t max_filesize, mlm_error *err)
{
    if (t->nomem || end == MLMP_TRANSFER_NOMEM)
        return mlmp_fetch_fail(err, MLM_ERR_NOMEM, url, "out of memory while receiving the body",
                               NULL);
    if (final_error_status(end, t, status)) {
        /* Before the size check: a huge error page is reported by its status. */
        const char *reason =
            t->status == status && t->reason[0] ? t->reason : reason_phrase(status);
        mlmp_error_set(err, MLM_ERR_HTTP, url, "HTTP %ld%s%s, fetching %s", status,
                       reason[0] ? " " : "", reason, url);
        return MLM_ERR_HTTP;
    }
    if (t->too_large || end == MLMP_TRANSFER_FILESIZE) {
        char what[96];
        snprintf(what, sizeof(what), "the response is larger than the limit of %zu bytes",
                 max_filesize);
        return mlmp_fetch_fail(err, MLM_ERR_TOO_LARGE, url, what, NULL);
    }
    if (end != MLMP_TRANSFER_OK)
        return MLMP_TRANSFER_TRANSPORT;
    return MLM_OK;
}

int mlmp_transfer_take(mlmp_transfer *t, const char *url, char **body, size_t *len, mlm_error *err)
{
    size_t n = t->body.len;
    *body = mlmp_strbuf_detach(&t->body);
    if (!*body)
        return mlmp_fetch_fail(err, MLM_ERR_NOMEM, url, "out of memory", NULL);
    if (len)
        *len = n;
    return MLM_OK;
}
