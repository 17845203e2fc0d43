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

void mlmp_copy_source(char *dst, size_t dstlen, const char *src)
{
    if (!dstlen)
        return;
    if (!src) {
        dst[0] = '\0';
        return;
    }
    size_t n = strlen(src);
    if (n < dstlen) {
        memcpy(dst, src, n + 1);
        return;
    }
    /* Keep the tail, which names the file, behind "...". */
    size_t keep = dstlen - 4;
    memcpy(dst, "...", 3);
    memcpy(dst + 3, src + n - keep, keep);
    dst[dstlen - 1] = '\0';
}

void mlmp_error_vset(mlm_error *err, int code, const char *source, const char *fmt, va_list ap)
{
    if (!err || err->text[0] != '\0')
        return; /* the first error wins */
    err->code = code;
    if (source && !err->source[0])
        mlmp_copy_source(err->source, sizeof(err->source), source);
    vsnprintf(err->text, sizeof(err->text), fmt, ap);
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
