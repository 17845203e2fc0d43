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

/* Every status: its identifier and a short description. */
static const struct {
    mlm_status code;
    const char *name;
    const char *text;
} statuses[] = {
    {MLM_OK, "MLM_OK", "success"},
    {MLM_ERR_NOMEM, "MLM_ERR_NOMEM", "out of memory"},
    {MLM_ERR_INVALID_ARG, "MLM_ERR_INVALID_ARG", "invalid argument"},
    {MLM_ERR_IO, "MLM_ERR_IO", "input/output error"},
    {MLM_ERR_TOO_LARGE, "MLM_ERR_TOO_LARGE", "input larger than the configured limit"},
    {MLM_ERR_JSON, "MLM_ERR_JSON", "malformed JSON"},
    {MLM_ERR_NOT_OBJECT, "MLM_ERR_NOT_OBJECT", "JSON root is not an object"},
    {MLM_ERR_NETWORK, "MLM_ERR_NETWORK", "network error"},
    {MLM_ERR_HTTP, "MLM_ERR_HTTP", "HTTP error status"},
    {MLM_ERR_UNSUPPORTED, "MLM_ERR_UNSUPPORTED", "not supported by this build"},
    {MLM_ERR_SCHEMA, "MLM_ERR_SCHEMA", "schema could not be compiled or resolved"},
    {MLM_ERR_DEPTH, "MLM_ERR_DEPTH", "nesting deeper than the configured limit"},
    {MLM_ERR_ENCODING, "MLM_ERR_ENCODING", "invalid UTF-8"},
};

const char *mlm_strerror(int code)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(statuses); i++)
        if ((int)statuses[i].code == code)
            return statuses[i].text;
    return "unknown error";
}

const char *mlm_status_name(int code)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(statuses); i++)
        if ((int)statuses[i].code == code)
            return statuses[i].name;
    return "unknown";
}
