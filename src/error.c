/* The caller-owned error record and status texts. */
#include <stdio.h>
#include <string.h>

#include "mlm_private.h"

void mlm_error_clear(mlm_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof(*err));
    err->position = -1;
}

void mlm_error_init(mlm_error *err) { mlm_error_clear(err); }

/* Cut a NUL-terminated UTF-8 string of at least n bytes so that it ends in
 * "..." within n bytes, never inside a multi-byte character. */
static void cut_with_ellipsis(char *s, size_t n)
{
    if (n < 4)
        return;
    size_t end = n - 4;
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    memcpy(s + end, "...", 4);
}

bool mlmp_copy_source(char *dst, size_t dstlen, const char *src)
{
    if (!dstlen)
        return false;
    if (!src) {
        dst[0] = '\0';
        return false;
    }
    size_t n = strlen(src);
    if (n < dstlen) {
        memcpy(dst, src, n + 1);
        return false;
    }
    /* Keep the tail, which names the file, behind "...", starting on a
     * character boundary. */
    size_t from = n - (dstlen - 4);
    while (from < n && ((unsigned char)src[from] & 0xC0) == 0x80)
        from++;
    memcpy(dst, "...", 3);
    memcpy(dst + 3, src + from, n - from + 1);
    return true;
}

void mlmp_error_vset(mlm_error *err, int code, const char *source, const char *fmt, va_list ap)
{
    if (!err)
        return;
    /* Every failing call overwrites the record: it must describe this
     * failure, not an older one. */
    mlm_error_clear(err);
    err->code = code;
    if (mlmp_copy_source(err->source, sizeof(err->source), source))
        err->flags |= MLM_ERROR_SOURCE_TRUNCATED;
    int n = vsnprintf(err->text, sizeof(err->text), fmt, ap);
    if (n >= (int)sizeof(err->text)) {
        cut_with_ellipsis(err->text, sizeof(err->text));
        err->flags |= MLM_ERROR_TEXT_TRUNCATED;
    }
    if (!err->text[0])
        snprintf(err->text, sizeof(err->text), "%s", mlm_strerror(code));
}

void mlmp_error_set(mlm_error *err, int code, const char *source, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mlmp_error_vset(err, code, source, fmt, ap);
    va_end(ap);
}

const char *mlm_strerror(int code)
{
    switch ((mlm_status)code) {
    case MLM_OK: return "success";
    case MLM_ERR_NOMEM: return "out of memory";
    case MLM_ERR_INVALID_ARG: return "invalid argument";
    case MLM_ERR_IO: return "input/output error";
    case MLM_ERR_TOO_LARGE: return "input larger than the configured limit";
    case MLM_ERR_JSON: return "malformed JSON";
    case MLM_ERR_NOT_OBJECT: return "JSON root is not an object";
    case MLM_ERR_NETWORK: return "network error";
    case MLM_ERR_HTTP: return "HTTP error status";
    case MLM_ERR_UNSUPPORTED: return "not supported by this build";
    case MLM_ERR_SCHEMA: return "schema could not be compiled or resolved";
    case MLM_ERR_DEPTH: return "nesting deeper than the configured limit";
    case MLM_ERR_ENCODING: return "invalid UTF-8";
    }
    return "unknown error";
}

const char *mlm_status_name(int code)
{
    switch ((mlm_status)code) {
    case MLM_OK: return "MLM_OK";
    case MLM_ERR_NOMEM: return "MLM_ERR_NOMEM";
    case MLM_ERR_INVALID_ARG: return "MLM_ERR_INVALID_ARG";
    case MLM_ERR_IO: return "MLM_ERR_IO";
    case MLM_ERR_TOO_LARGE: return "MLM_ERR_TOO_LARGE";
    case MLM_ERR_JSON: return "MLM_ERR_JSON";
    case MLM_ERR_NOT_OBJECT: return "MLM_ERR_NOT_OBJECT";
    case MLM_ERR_NETWORK: return "MLM_ERR_NETWORK";
    case MLM_ERR_HTTP: return "MLM_ERR_HTTP";
    case MLM_ERR_UNSUPPORTED: return "MLM_ERR_UNSUPPORTED";
    case MLM_ERR_SCHEMA: return "MLM_ERR_SCHEMA";
    case MLM_ERR_DEPTH: return "MLM_ERR_DEPTH";
    case MLM_ERR_ENCODING: return "MLM_ERR_ENCODING";
    }
    return "unknown";
}
