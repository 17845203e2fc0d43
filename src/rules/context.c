/* The rule context: the current JSON Pointer and reporting. */
#include <stdio.h>
#include <string.h>

#include "mlm/validate.h"
#include "rules/rules.h"

void mlmp_path_push_key(mlmp_ctx *c, const char *key)
{
    if (mlmp_grow((void **)&c->marks, &c->marks_cap, c->depth + 1, sizeof(size_t)) != MLM_OK) {
        c->oom = true;
        return;
    }
    c->marks[c->depth++] = c->path.len;
    mlmp_strbuf_putc(&c->path, '/');
    mlmp_strbuf_put_token(&c->path, key, strlen(key));
    if (c->path.failed)
        c->oom = true;
}

void mlmp_path_push_index(mlmp_ctx *c, size_t index)
{
    char buf[32];
    char *p = buf + sizeof(buf);
    *--p = '\0';
    do
        *--p = (char)('0' + index % 10);
    while ((index /= 10) != 0);
    mlmp_path_push_key(c, p);
}

void mlmp_path_pop(mlmp_ctx *c)
{
    if (c->depth == 0)
        return;
    c->depth--;
    if (c->path.data && c->marks[c->depth] <= c->path.len) {
        c->path.len = c->marks[c->depth];
        c->path.data[c->path.len] = '\0';
    }
}

const char *mlmp_path(mlmp_ctx *c)
{
    const char *s = mlmp_strbuf_cstr(&c->path);
    return s ? s : "";
}

static void vreport(mlmp_ctx *c, mlm_severity sev, const char *rule_id, const char *hint,
                    const char *fmt, va_list ap) MLMP_PRINTF(5, 0);

static void vreport(mlmp_ctx *c, mlm_severity sev, const char *rule_id, const char *hint,
                    const char *fmt, va_list ap)
{
    if (!sev) {
        const mlm_rule_info *r = mlmp_rule_lookup(rule_id);
        sev = r ? r->severity : MLM_SEVERITY_ERROR;
    }
    if (sev == MLM_SEVERITY_WARNING && (c->flags & MLM_VALIDATE_NO_WARNINGS))
        return;
    if (c->flags & MLM_VALIDATE_NO_HINTS)
        hint = NULL;
    char msg[1024];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    if (mlmp_diags_add(c->out, sev, rule_id, mlmp_path(c), msg, hint, NULL) != MLM_OK)
        c->oom = true;
}

void mlmp_report(mlmp_ctx *c, const char *rule_id, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, MLM_SEVERITY_NONE, rule_id, hint, fmt, ap);
    va_end(ap);
}

void mlmp_report_sev(mlmp_ctx *c, mlm_severity sev, const char *rule_id, const char *hint,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(c, sev, rule_id, hint, fmt, ap);
    va_end(ap);
}

void mlmp_report_key(mlmp_ctx *c, const char *key, const char *rule_id, const char *hint,
                     const char *fmt, ...)
{
    va_list ap;
    if (key)
        mlmp_path_push_key(c, key);
    va_start(ap, fmt);
    vreport(c, MLM_SEVERITY_NONE, rule_id, hint, fmt, ap);
    va_end(ap);
    if (key)
        mlmp_path_pop(c);
}

void mlmp_report_index(mlmp_ctx *c, size_t index, const char *rule_id, const char *hint,
                       const char *fmt, ...)
{
    va_list ap;
    mlmp_path_push_index(c, index);
    va_start(ap, fmt);
    vreport(c, MLM_SEVERITY_NONE, rule_id, hint, fmt, ap);
    va_end(ap);
    mlmp_path_pop(c);
}
