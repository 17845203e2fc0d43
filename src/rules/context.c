/* The rule context: the current JSON Pointer and reporting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_private.h"
#include "document_private.h"
#include "fix.h"
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
    c->reported = false;
    if (sev == MLM_SEVERITY_WARNING && (c->flags & MLM_VALIDATE_NO_WARNINGS))
        return;
    if (c->flags & MLM_VALIDATE_NO_HINTS)
        hint = NULL;
    char msg[1024];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    if (mlmp_diags_add(c->out, sev, rule_id, mlmp_path(c), msg, hint, NULL) != MLM_OK)
        c->oom = true;
    else
        c->reported = true;
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

/* ---- fixes ------------------------------------------------------------------ */

/* The pointer of child key of the current pointer (or the current one), new. */
static char *child_pointer(mlmp_ctx *c, const char *key)
{
    return key ? mlmp_pointer_join(mlmp_path(c), key) : mlmp_strdup(mlmp_path(c));
}

static void attach(mlmp_ctx *c, mlmp_fixrec *f, int rc)
{
    if (rc != MLM_OK || !f) {
        mlmp_fixrec_free(f);
        c->oom = true;
        return;
    }
    mlmp_diags_fix_last(c->out, f);
}

/* Give the last diagnostic a fix of one operation on the member @p key of the
 * current value (value NULL for "remove"). */
static void one_op_fix(mlmp_ctx *c, const char *key, const char *desc, bool safe, const char *op,
                       const json_t *value)
{
    char *p = child_pointer(c, key);
    mlmp_fixrec *f = p ? mlmp_fixrec_new(desc, safe) : NULL;
    int rc = f ? mlmp_fixrec_op(f, op, p, NULL, value) : MLM_ERR_NOMEM;
    mlmp_free(p);
    attach(c, f, rc);
}

/* A value for a description: its JSON, cut to fit with "..." (a string keeps
 * its closing quote). */
static void brief(const json_t *v, char *buf, size_t len)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!s)
        snprintf(buf, len, "the value");
    else if (strlen(s) < len)
        snprintf(buf, len, "%s", s);
    else {
        size_t cut = len > 8 ? len - 8 : 0;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0u) == 0x80u)
            cut--; /* never inside a character */
        snprintf(buf, len, "%.*s...%s", (int)cut, s, json_is_string(v) ? "\"" : "");
    }
    free(s);
}

void mlmp_fix_replace(mlmp_ctx *c, const char *key, const json_t *old, const json_t *value,
                      bool safe)
{
    if (!c->reported || !value)
        return;
    char a[160], b[160], desc[400];
    brief(value, b, sizeof(b));
    if (old) {
        brief(old, a, sizeof(a));
        snprintf(desc, sizeof(desc), "Replace %s with %s.", a, b);
    } else
        snprintf(desc, sizeof(desc), "Set the value to %s.", b);
    one_op_fix(c, key, desc, safe, "replace", value);
}

void mlmp_fix_replace_string(mlmp_ctx *c, const char *key, const char *old, const char *value,
                             bool safe)
{
    if (!c->reported)
        return;
    json_t *o = old ? json_string(old) : NULL, *v = json_string(value);
    if (!v || (old && !o))
        c->oom = true;
    else
        mlmp_fix_replace(c, key, o, v, safe);
    json_decref(o);
    json_decref(v);
}

void mlmp_fix_rename(mlmp_ctx *c, const char *from, const char *to, bool safe)
{
    if (!c->reported)
        return;
    char desc[400];
    snprintf(desc, sizeof(desc), "Rename \"%s\" to \"%s\".", from, to);
    char *pf = mlmp_pointer_join(mlmp_path(c), from), *pt = mlmp_pointer_join(mlmp_path(c), to);
    mlmp_fixrec *f = pf && pt ? mlmp_fixrec_new(desc, safe) : NULL;
    int rc = f ? mlmp_fixrec_op(f, "move", pt, pf, NULL) : MLM_ERR_NOMEM;
    mlmp_free(pf);
    mlmp_free(pt);
    attach(c, f, rc);
}

void mlmp_fix_append_string(mlmp_ctx *c, const char *key, const char *value, bool safe,
                            const char *description)
{
    if (!c->reported)
        return;
    const char *path = mlmp_path(c);
    size_t skip = c->doc && c->doc->prefix ? strlen(c->doc->prefix) : 0;
    const json_t *here = mlmp_json_pointer_get(c->root, strlen(path) >= skip ? path + skip : "");
    const json_t *arr = here && key ? json_object_get(here, key) : NULL;
    char *p = child_pointer(c, key);
    mlmp_fixrec *f = p ? mlmp_fixrec_new(description, safe) : NULL;
    int rc = f ? MLM_OK : MLM_ERR_NOMEM;
    if (f && json_is_array(arr)) {
        json_t *v = json_string(value);
        char *end = mlmp_pointer_join(p, "-");
        rc = v && end ? mlmp_fixrec_op(f, "add", end, NULL, v) : MLM_ERR_NOMEM;
        json_decref(v);
        mlmp_free(end);
    } else if (f) {
        json_t *v = json_pack("[s]", value);
        rc = v ? mlmp_fixrec_op(f, "add", p, NULL, v) : MLM_ERR_NOMEM;
        json_decref(v);
    }
    mlmp_free(p);
    attach(c, f, rc);
}

void mlmp_fix_remove(mlmp_ctx *c, const char *key, bool safe)
{
    if (!c->reported || !key)
        return;
    size_t skip = c->doc && c->doc->prefix ? strlen(c->doc->prefix) : 0;
    const char *here_ptr = mlmp_path(c);
    const json_t *here =
        mlmp_json_pointer_get(c->root, strlen(here_ptr) >= skip ? here_ptr + skip : "");
    char b[160], desc[300];
    if (json_is_array(here)) { /* an element: say which value goes */
        char *end = NULL;
        unsigned long i = strtoul(key, &end, 10);
        const json_t *v = end && !*end ? json_array_get(here, i) : NULL;
        if (v)
            brief(v, b, sizeof(b));
        snprintf(desc, sizeof(desc), "Remove %s.", v ? b : "the element");
    } else {
        snprintf(desc, sizeof(desc), "Remove \"%s\".", key);
    }
    one_op_fix(c, key, desc, safe, "remove", NULL);
}

struct mlmp_fixrec *mlmp_fix_start(mlmp_ctx *c, const char *description, bool safe)
{
    mlmp_fixrec *f = mlmp_fixrec_new(description, safe);
    if (!f)
        c->oom = true;
    return f;
}

void mlmp_fix_add_rename(mlmp_ctx *c, struct mlmp_fixrec *f, const char *from, const char *to)
{
    if (!f)
        return;
    char *pf = mlmp_pointer_join(mlmp_path(c), from), *pt = mlmp_pointer_join(mlmp_path(c), to);
    if (!pf || !pt || mlmp_fixrec_op(f, "move", pt, pf, NULL) != MLM_OK)
        c->oom = true;
    mlmp_free(pf);
    mlmp_free(pt);
}

void mlmp_fix_finish(mlmp_ctx *c, struct mlmp_fixrec *f)
{
    if (!f)
        return;
    if (!c->reported || mlmp_fixrec_view(f)->op_count == 0) {
        mlmp_fixrec_free(f);
        return;
    }
    attach(c, f, MLM_OK);
}
