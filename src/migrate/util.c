/* Migration helpers: the report, JSON Pointers, and JSON edits that keep key order. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate_private.h"

/* The report hands out const strings it owns. */
void mig_free_const(const char *p)
{
    void *q;
    memcpy(&q, &p, sizeof(q));
    mlmp_free(q);
}

/* ---- report ---------------------------------------------------------------- */

static char *with_prefix(mig *m, const char *p)
{
    if (!p)
        return NULL;
    size_t a = strlen(m->prefix), b = strlen(p);
    char *s = mlmp_malloc(a + b + 1);
    if (!s) {
        m->oom = true;
        return NULL;
    }
    memcpy(s, m->prefix, a);
    memcpy(s + a, p, b + 1);
    return s;
}

static const struct {
    const char *name;
    mlm_migrate_kind kind;
} registry[] = {
#define MIG_ID(id, kind) {#id, MLM_MIGRATE_##kind},
#include "mig_ids.def"
};

void mig_note(mig *m, mig_id id, const char *from, const char *to, const char *fmt, ...)
{
    mlm_migrate_kind kind = registry[id].kind;
    mlm_migration *r = m->rep;
    if (m->oom)
        return;
    if (r->n == r->cap &&
        mlmp_grow((void **)&r->items, &r->cap, r->n + 1, sizeof(*r->items)) != MLM_OK) {
        m->oom = true;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char tmp[1];
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(tmp, sizeof(tmp), fmt, ap2);
    va_end(ap2);
    char *msg = len >= 0 ? mlmp_malloc((size_t)len + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    mlm_migrate_entry *e = &r->items[r->n];
    e->id = registry[id].name;
    e->kind = kind;
    e->from_version = m->a;
    e->to_version = m->b;
    e->from = with_prefix(m, from);
    e->to = with_prefix(m, to);
    e->message = msg;
    if (!msg || (from && !e->from) || (to && !e->to)) {
        mig_free_const(e->from);
        mig_free_const(e->to);
        mlmp_free(msg);
        m->oom = true;
        return;
    }
    r->n++;
    if (kind == MLM_MIGRATE_TODO)
        r->todos++;
}

/* ---- pointers ---------------------------------------------------------------- */

const char *mig_keep(mig *m, char *s)
{
    if (!s) {
        m->oom = true;
        return "";
    }
    if (m->nstrs == m->capstrs &&
        mlmp_grow((void **)&m->strs, &m->capstrs, m->nstrs + 1, sizeof(*m->strs)) != MLM_OK) {
        mlmp_free(s);
        m->oom = true;
        return "";
    }
    m->strs[m->nstrs++] = s;
    return s;
}

/* base + "/" + key, with RFC 6901 escaping. */
const char *mig_key(mig *m, const char *base, const char *key)
{
    return mig_keep(m, mlmp_pointer_join(base, key));
}

/* base + rel, rel an already escaped pointer tail ("/0/name"). */
const char *mig_tail(mig *m, const char *base, const char *rel)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, base);
    mlmp_strbuf_puts(&b, rel);
    return mig_keep(m, mlmp_strbuf_detach(&b));
}

const char *mig_index(mig *m, const char *base, size_t i)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&b, "%s/%zu", base, i);
    return mig_keep(m, mlmp_strbuf_detach(&b));
}

/* A value as compact JSON for a message (kept whole: messages are not cut). */
const char *mig_show(mig *m, const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
                                JSON_REAL_PRECISION(mlm_json_real_precision(v)));
    if (!s)
        return mig_keep(m, NULL);
    char *c = mlmp_strdup(s);
    free(s);
    return mig_keep(m, c);
}

/* ---- JSON helpers ------------------------------------------------------------- */

void mig_chk(mig *m, int rc)
{
    if (rc != 0)
        m->oom = true;
}

/* Replace key `at` of obj by the members of ins (stolen), at the same place;
 * append them when `at` is absent. Keys keep their order. */
void mig_splice(mig *m, json_t *obj, const char *at, json_t *ins)
{
    if (!ins) {
        m->oom = true;
        return;
    }
    json_t *out = json_object();
    if (!out) {
        json_decref(ins);
        m->oom = true;
        return;
    }
    bool done = false;
    const char *k;
    json_t *v;
    json_object_foreach (obj, k, v) {
        if (!done && strcmp(k, at) == 0) {
            mig_chk(m, json_object_update(out, ins));
            done = true;
            continue;
        }
        if (done && json_object_get(ins, k))
            continue; /* the inserted member wins over a later duplicate */
        if (!json_object_get(out, k))
            mig_chk(m, json_object_set(out, k, v));
    }
    if (!done)
        mig_chk(m, json_object_update(out, ins));
    json_decref(ins);
    if (!m->oom) {
        json_object_clear(obj);
        mig_chk(m, json_object_update(obj, out));
    }
    json_decref(out);
}

/* Rename a key in place (value kept, or replaced by val when not NULL; val is stolen). */
void mig_rename(mig *m, json_t *obj, const char *from, const char *to, json_t *val)
{
    json_t *v = val ? val : json_incref(json_object_get(obj, from));
    json_t *ins = json_object();
    if (!ins || !v) {
        json_decref(v);
        json_decref(ins);
        m->oom = true;
        return;
    }
    mig_chk(m, json_object_set_new(ins, to, v));
    mig_splice(m, obj, from, ins);
}

bool mig_str_in(const char *s, const char *const *list)
{
    if (!s)
        return false;
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* Append role to an asset's roles unless present (creating the array). */
bool mig_add_role(mig *m, json_t *asset, const char *role)
{
    json_t *roles = json_object_get(asset, "roles");
    if (!json_is_array(roles)) {
        roles = json_array();
        if (!roles) {
            m->oom = true;
            return false;
        }
        mig_chk(m, json_object_set_new(asset, "roles", roles));
    }
    size_t i;
    json_t *r;
    json_array_foreach (roles, i, r)
        if (json_is_string(r) && strcmp(json_string_value(r), role) == 0)
            return false;
    mig_chk(m, json_array_append_new(roles, json_string(role)));
    return true;
}

bool mig_has_role(const json_t *asset, const char *role)
{
    size_t i;
    json_t *r;
    json_array_foreach (json_object_get(asset, "roles"), i, r)
        if (json_is_string(r) && strcmp(json_string_value(r), role) == 0)
            return true;
    return false;
}

/* A key not yet used in obj: base, base-2, base-3, ... */
const char *mig_free_key(mig *m, const json_t *obj, const char *base)
{
    if (!json_object_get(obj, base))
        return base;
    for (int i = 2;; i++) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        mlmp_strbuf_printf(&b, "%s-%d", base, i);
        const char *k = mig_keep(m, mlmp_strbuf_detach(&b));
        if (m->oom || !json_object_get(obj, k))
            return k;
    }
}

/* ml-model (stac-extensions/ml-model) is a different extension from MLM: its
 * fields are "ml-model:..." and its schema lives under /ml-model/ on
 * stac-extensions.github.io (the draft's identifier, on schemas.stacspec.org,
 * is detected as the draft before this is asked). */
bool mig_uses_ml_model(const json_t *doc)
{
    size_t i;
    json_t *u;
    json_array_foreach (json_object_get(doc, "stac_extensions"), i, u)
        if (json_is_string(u) &&
            strstr(json_string_value(u), "stac-extensions.github.io/ml-model/"))
            return true;
    const json_t *holders[] = {doc, json_object_get(doc, "properties")};
    for (size_t h = 0; h < 2; h++) {
        const char *k;
        json_t *v;
        mlmp_object_foreach (holders[h], k, v)
            if (strncmp(k, "ml-model:", 9) == 0)
                return true;
    }
    return false;
}

const char *mig_renamed(const mig_key_row *rows, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].from, key) == 0)
            return rows[i].to;
    return key;
}

/* The pre-release layout abbreviated some statistics. */
static const mig_key_row stat_keys[] = {{"min", "minimum"}, {"max", "maximum"}, {"std", "stddev"}};

json_t *mig_statistics_list(mig *m, const json_t *st, mig_stats_shape *shape, size_t *bands)
{
    *shape = MIG_STATS_BAD;
    *bands = 0;
    if (json_is_array(st)) {
        *shape = MIG_STATS_LIST;
        *bands = json_array_size(st);
        return json_incref(mlmp_unconst(st));
    }
    if (!json_is_object(st))
        return NULL;
    size_t len = 0;
    bool arrays = true, same = true;
    const char *k;
    json_t *v;
    mlmp_object_foreach (st, k, v) {
        if (!json_is_array(v)) {
            arrays = false;
            continue;
        }
        if (len && json_array_size(v) != len)
            same = false;
        if (!len)
            len = json_array_size(v);
    }
    if (arrays && (!same || !len))
        return NULL;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < (arrays ? len : 1); i++) {
        json_t *o = json_object();
        mlmp_object_foreach (st, k, v)
            mig_chk(m, json_object_set(o, mig_renamed(stat_keys, MLMP_ARRAY_LEN(stat_keys), k),
                                       arrays ? json_array_get(v, i) : v));
        mig_chk(m, o ? json_array_append_new(arr, o) : -1);
    }
    if (!arr) {
        m->oom = true;
        return NULL;
    }
    *shape = arrays ? MIG_STATS_PER_BAND : MIG_STATS_ONE;
    *bands = arrays ? len : 1;
    return arr;
}

/* The fewest digits that write each real of v back exactly (the most any
 * member needs); 1 when there is none. The public function of migrate.h. */
static int real_digits(double d)
{
    char buf[40];
    for (int p = 1; p < 17; p++) {
        snprintf(buf, sizeof(buf), "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            return p;
    }
    return 17;
}

int mlm_json_real_precision(const json_t *v)
{
    int best = 1;
    if (json_is_real(v))
        return real_digits(json_real_value(v));
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach (mlmp_unconst(v), i, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        mlmp_object_foreach (v, k, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    }
    return best;
}
