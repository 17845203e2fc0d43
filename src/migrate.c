/* Migration of MLM metadata to a later release (mlm/migrate.h).
 *
 * Works on the json_t of the document in place, one release step at a time
 * (draft -> 1.0.0 -> 1.1.0 -> ... -> target). Each step is one function; each
 * kind of change has an id (the table in docs/MIGRATION.md). Objects are
 * rebuilt with splice() when a key is replaced, so keys keep their order. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document_private.h"
#include "mlm/migrate.h"

struct mlm_migration {
    mlm_spec_version source;
    bool dl_model;
    mlm_migrate_entry *items;
    size_t n, cap;
    size_t todos;
};

typedef struct mig {
    mlm_migration *rep;
    json_t *doc;         /* the document being migrated (a Feature, a Collection) */
    const char *prefix;  /* pointer of doc in the input ("" or "/features/3") */
    mlm_spec_version a, b; /* the current step */
    mlm_spec_version target;
    char **strs;         /* pointers built during one document, freed at its end */
    size_t nstrs, capstrs;
    bool oom;
} mig;

/* The report hands out const strings it owns. */
static void free_const(const char *p)
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

MLMP_PRINTF(6, 7)
static void note(mig *m, const char *id, bool todo, const char *from, const char *to, const char *fmt, ...)
{
    mlm_migration *r = m->rep;
    if (m->oom)
        return;
    if (r->n == r->cap && mlmp_grow((void **)&r->items, &r->cap, r->n + 1, sizeof(*r->items)) != MLM_OK) {
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
    e->id = id;
    e->kind = todo ? MLM_MIGRATE_TODO : MLM_MIGRATE_CHANGE;
    e->from_version = m->a;
    e->to_version = m->b;
    e->from = with_prefix(m, from);
    e->to = with_prefix(m, to);
    e->message = msg;
    if (!msg || (from && !e->from) || (to && !e->to)) {
        free_const(e->from);
        free_const(e->to);
        mlmp_free(msg);
        m->oom = true;
        return;
    }
    r->n++;
    if (todo)
        r->todos++;
}

/* ---- pointers ---------------------------------------------------------------- */

static const char *keep(mig *m, char *s)
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
static const char *P(mig *m, const char *base, const char *key)
{
    return keep(m, mlmp_pointer_join(base, key));
}

/* base + rel, rel an already escaped pointer tail ("/0/name"). */
static const char *J(mig *m, const char *base, const char *rel)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, base);
    mlmp_strbuf_puts(&b, rel);
    return keep(m, mlmp_strbuf_detach(&b));
}

static const char *PI(mig *m, const char *base, size_t i)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_printf(&b, "%s/%zu", base, i);
    return keep(m, mlmp_strbuf_detach(&b));
}

/* A value as compact JSON for a message (kept whole: messages are not cut). */
static const char *show(mig *m, const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(mlm_json_real_precision(v)));
    if (!s)
        return keep(m, NULL);
    char *c = mlmp_strdup(s);
    free(s);
    return keep(m, c);
}

/* ---- JSON helpers ------------------------------------------------------------- */

static void chk(mig *m, int rc)
{
    if (rc != 0)
        m->oom = true;
}

/* Replace key `at` of obj by the members of ins (stolen), at the same place;
 * append them when `at` is absent. Keys keep their order. */
static void splice(mig *m, json_t *obj, const char *at, json_t *ins)
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
    json_object_foreach(obj, k, v) {
        if (!done && strcmp(k, at) == 0) {
            chk(m, json_object_update(out, ins));
            done = true;
            continue;
        }
        if (done && json_object_get(ins, k))
            continue; /* the inserted member wins over a later duplicate */
        if (!json_object_get(out, k))
            chk(m, json_object_set(out, k, v));
    }
    if (!done)
        chk(m, json_object_update(out, ins));
    json_decref(ins);
    if (!m->oom) {
        json_object_clear(obj);
        chk(m, json_object_update(obj, out));
    }
    json_decref(out);
}

/* Rename a key in place (value kept, or replaced by val when not NULL; val is stolen). */
static void rename_key(mig *m, json_t *obj, const char *from, const char *to, json_t *val)
{
    json_t *v = val ? val : json_incref(json_object_get(obj, from));
    json_t *ins = json_object();
    if (!ins || !v) {
        json_decref(v);
        json_decref(ins);
        m->oom = true;
        return;
    }
    chk(m, json_object_set_new(ins, to, v));
    splice(m, obj, from, ins);
}

static bool str_in(const char *s, const char *const *list)
{
    if (!s)
        return false;
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* Append role to an asset's roles unless present (creating the array). */
static bool add_role(mig *m, json_t *asset, const char *role)
{
    json_t *roles = json_object_get(asset, "roles");
    if (!json_is_array(roles)) {
        roles = json_array();
        if (!roles) {
            m->oom = true;
            return false;
        }
        chk(m, json_object_set_new(asset, "roles", roles));
    }
    size_t i;
    json_t *r;
    json_array_foreach(roles, i, r)
        if (json_is_string(r) && strcmp(json_string_value(r), role) == 0)
            return false;
    chk(m, json_array_append_new(roles, json_string(role)));
    return true;
}

static bool has_role(const json_t *asset, const char *role)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(asset, "roles"), i, r)
        if (json_is_string(r) && strcmp(json_string_value(r), role) == 0)
            return true;
    return false;
}

/* A key not yet used in obj: base, base-2, base-3, ... */
static const char *free_key(mig *m, const json_t *obj, const char *base)
{
    if (!json_object_get(obj, base))
        return base;
    for (int i = 2;; i++) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        mlmp_strbuf_printf(&b, "%s-%d", base, i);
        const char *k = keep(m, mlmp_strbuf_detach(&b));
        if (m->oom || !json_object_get(obj, k))
            return k;
    }
}

/* The MLM levels of a document: where model fields live. In a Collection's
 * summaries each field lists the values its Items hold (STAC summaries), so
 * a field of object arrays (mlm:input, mlm:output) reads as it does in an
 * Item, and a scalar field (mlm:framework) is reached through field_values(). */
typedef struct level {
    json_t *obj;
    const char *ptr;
    bool summary;
} level;

static bool is_collection(const json_t *doc)
{
    const char *type = json_string_value(json_object_get(doc, "type"));
    return type && strcmp(type, "Collection") == 0;
}

/* Item properties, the Collection itself and its summaries, every asset and item_assets entry. */
static size_t v1_levels(mig *m, level *out, size_t max)
{
    size_t n = 0;
    json_t *props = json_object_get(m->doc, "properties");
    if (json_is_object(props) && n < max)
        out[n++] = (level){props, "/properties", false};
    json_t *sum = json_object_get(m->doc, "summaries");
    if (is_collection(m->doc) && n < max)
        out[n++] = (level){m->doc, "", false};
    if (is_collection(m->doc) && json_is_object(sum) && n < max)
        out[n++] = (level){sum, "/summaries", true};
    static const char *const holders[] = {"assets", "item_assets"};
    for (size_t h = 0; h < 2; h++) {
        json_t *assets = json_object_get(m->doc, holders[h]);
        const char *k;
        json_t *a;
        json_object_foreach(assets, k, a)
            if (json_is_object(a) && n < max)
                out[n++] = (level){a, P(m, P(m, "", holders[h]), k), false};
    }
    return n;
}
#define MAX_LEVELS 256

/* A summary a step cannot rewrite value by value (a range, a JSON Schema
 * other than const / enum, a list whose values have an unexpected shape). */
static void summary_todo(mig *m, const level *lv, const char *key, const char *what)
{
    note(m, "MIG905", true, P(m, lv->ptr, key), P(m, lv->ptr, key),
         "The summary of %s is %s, so the change of this version step cannot be applied to it value by value. "
         "Rewrite the summary from the migrated Items.",
         key, what);
}

/* The list of values a summary gives (STAC: an array of values, or a JSON
 * Schema; "const" is one value, "enum" a list), and its pointer; NULL with
 * *one set for a const. */
static json_t *summary_values(mig *m, const level *lv, const char *key, const char **ptr, json_t **one)
{
    json_t *v = json_object_get(lv->obj, key);
    *one = NULL;
    *ptr = P(m, lv->ptr, key);
    if (json_is_array(v))
        return v;
    if (json_is_object(v) && json_object_get(v, "const")) {
        *one = json_object_get(v, "const");
        *ptr = P(m, *ptr, "const");
        return NULL;
    }
    if (json_is_object(v) && json_is_array(json_object_get(v, "enum"))) {
        *ptr = P(m, *ptr, "enum");
        return json_object_get(v, "enum");
    }
    summary_todo(m, lv, key, "neither a list of values nor a JSON Schema with const or enum (e.g. a range)");
    return NULL;
}

/* The values of field key at a level: the field itself, or each value a
 * summary lists. value_at() and value_ptr() read the i-th of n;
 * set_field_value() replaces it. A summary that lists no values gets a MIG905
 * TODO and n = 0. */
typedef struct values {
    json_t *one;      /* the only value (a field, a const), or NULL */
    json_t *list;     /* else the list of values */
    const char *base; /* pointer of one, or of the list */
    size_t n;
} values;

static values field_values(mig *m, const level *lv, const char *key)
{
    values r = {0};
    json_t *v = json_object_get(lv->obj, key);
    if (!v)
        return r;
    if (!lv->summary) {
        r.one = v;
        r.base = P(m, lv->ptr, key);
    } else {
        r.list = summary_values(m, lv, key, &r.base, &r.one);
    }
    r.n = r.one ? 1 : json_array_size(r.list);
    return r;
}

static json_t *value_at(const values *v, size_t i) { return v->one ? v->one : json_array_get(v->list, i); }

static const char *value_ptr(mig *m, const values *v, size_t i) { return v->one ? v->base : PI(m, v->base, i); }

static void set_field_value(mig *m, const level *lv, const char *key, size_t i, json_t *nv)
{
    json_t *v = json_object_get(lv->obj, key);
    if (!lv->summary)
        chk(m, json_object_set_new(lv->obj, key, nv));
    else if (json_is_array(v))
        chk(m, json_array_set_new(v, i, nv));
    else if (json_object_get(v, "const"))
        chk(m, json_object_set_new(v, "const", nv));
    else
        chk(m, json_array_set_new(json_object_get(v, "enum"), i, nv));
}

/* The objects of an object-array field (mlm:input, mlm:output) at a level,
 * and its pointer: the field in an Item; in a summary the list of the Items'
 * objects, or the array a const gives. Otherwise a MIG905 TODO and NULL. */
static json_t *object_list(mig *m, const level *lv, const char *key, const char **ptr)
{
    json_t *v = json_object_get(lv->obj, key);
    *ptr = P(m, lv->ptr, key);
    if (!lv->summary || !v)
        return v;
    json_t *one;
    json_t *list = summary_values(m, lv, key, ptr, &one);
    if (one)
        list = one;
    if (!list)
        return NULL;
    bool objects = json_is_array(list);
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
        if (!json_is_object(e))
            objects = false;
    if (!objects) {
        summary_todo(m, lv, key, "a list whose values are not all objects (e.g. one array per Item)");
        return NULL;
    }
    return list;
}

/* ---- draft -> 1.0.0 ---------------------------------------------------------- */

static const char *const tasks_v1[] = {
    "regression", "classification", "scene-classification", "detection", "object-detection",
    "segmentation", "semantic-segmentation", "instance-segmentation", "panoptic-segmentation",
    "similarity-search", "generative", "image-captioning", "super-resolution", NULL};
static const char *const accelerators_v1[] = {"amd64", "cuda", "xla", "amd-rocm", "intel-ipex-cpu",
                                              "intel-ipex-gpu", "macos-arm", NULL};

/* "semantic segmentation" -> "semantic-segmentation" (the draft wrote tasks with spaces). */
static const char *task_name(mig *m, const char *t)
{
    char *s = mlmp_strdup(t);
    if (!s)
        return keep(m, NULL);
    for (char *c = s; *c; c++) {
        if (*c == ' ' || *c == '_')
            *c = '-';
        else if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
    return keep(m, s);
}

/* A draft function reference (string) as a v1 Processing Expression. */
static json_t *processing_expression(const char *s)
{
    if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
        return json_pack("{s:s, s:{s:s}}", "format", "uri", "expression", "href", s);
    return json_pack("{s:s, s:s}", "format", "python", "expression", s);
}

static void draft_processing(mig *m, json_t *obj, const char *ptr, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return;
    const char *s = json_string_value(v);
    json_t *pe = processing_expression(s);
    bool uri = json_is_object(json_object_get(pe, "expression"));
    note(m, "MIG109", false, P(m, ptr, key), P(m, ptr, key),
         "The function reference \"%s\" became a Processing Expression with format \"%s\": "
         "v1.0.0 types %s as a Processing Expression object (format and expression).",
         s, uri ? "uri" : "python", key);
    chk(m, json_object_set_new(obj, key, pe));
}

/* dim_order letters of the draft ("bchw") as v1 dimension names. */
static json_t *dim_names_from_letters(const char *s, bool *unknown)
{
    json_t *a = json_array();
    for (const char *c = s; a && *c; c++) {
        const char *n = NULL;
        switch (*c) {
        case 'b': n = "batch"; break;
        case 'c': n = "channel"; break;
        case 'h': n = "height"; break;
        case 'w': n = "width"; break;
        case 't': n = "time"; break;
        default: *unknown = true; break;
        }
        if (n)
            json_array_append_new(a, json_string(n));
    }
    return a;
}

static void draft_input(mig *m, json_t *in, const char *ptr)
{
    /* input_feature (or the example's input_array) -> input */
    const char *fk = json_object_get(in, "input_feature") ? "input_feature"
                    : json_object_get(in, "input_array") ? "input_array" : NULL;
    if (fk && json_object_get(in, "input_feature") && json_object_get(in, "input_array")) {
        note(m, "MIG902", true, P(m, ptr, "input_array"), NULL,
             "Both input_feature and input_array were given; input_feature was migrated and "
             "input_array (%s) was removed: check that nothing in it is lost.",
             show(m, json_object_get(in, "input_array")));
        json_object_del(in, "input_array");
    }
    if (fk) {
        json_t *f = json_object_get(in, fk);
        if (json_is_object(f)) {
            json_t *d = json_object_get(f, "dim_order");
            if (json_is_string(d)) {
                bool unknown = false;
                json_t *names = dim_names_from_letters(json_string_value(d), &unknown);
                if (unknown)
                    note(m, "MIG903", true, P(m, P(m, ptr, fk), "dim_order"), P(m, P(m, ptr, "input"), "dim_order"),
                         "The draft dim_order \"%s\" has letters other than b, c, h, w and t; only those "
                         "were named. Name every dimension of the shape by hand.",
                         json_string_value(d));
                chk(m, json_object_set_new(f, "dim_order", names));
            }
            if (json_object_get(f, "dtype"))
                rename_key(m, f, "dtype", "data_type", NULL);
        }
        rename_key(m, in, fk, "input", NULL);
        note(m, "MIG105", false, P(m, ptr, fk), P(m, ptr, "input"),
             "%s became input: v1.0.0 names the Input Structure Object \"input\", with dim_order "
             "as an array of dimension names and dtype renamed data_type.", fk);
    }
    json_t *r = json_object_get(in, "rescale_type");
    if (r) {
        const char *s = json_string_value(r);
        json_t *nv;
        if (s && (strcmp(s, "crop") == 0 || strcmp(s, "pad") == 0)) {
            nv = json_string(s);
            note(m, "MIG106", false, P(m, ptr, "rescale_type"), P(m, ptr, "resize_type"),
                 "rescale_type became resize_type (same value): v1.0.0 renamed the field.");
        } else if (s && strcmp(s, "none") == 0) {
            nv = json_null();
            note(m, "MIG106", false, P(m, ptr, "rescale_type"), P(m, ptr, "resize_type"),
                 "rescale_type \"none\" became resize_type null: v1.0.0 uses null when no resize applies.");
        } else {
            nv = json_null();
            note(m, "MIG903", true, P(m, ptr, "rescale_type"), P(m, ptr, "resize_type"),
                 "rescale_type %s has no single v1.0.0 equivalent (resize_type names the method, e.g. "
                 "interpolation-linear or interpolation-nearest); it was set to null. Choose the value.",
                 show(m, r));
        }
        rename_key(m, in, "rescale_type", "resize_type", nv);
    }
    json_t *nt = json_object_get(in, "norm_type");
    if (json_is_string(nt)) {
        const char *s = json_string_value(nt);
        if (strcmp(s, "min_max") == 0 || strcmp(s, "z_score") == 0) {
            const char *t = strcmp(s, "min_max") == 0 ? "min-max" : "z-score";
            note(m, "MIG107", false, P(m, ptr, "norm_type"), P(m, ptr, "norm_type"),
                 "norm_type \"%s\" became \"%s\": v1.0.0 spells the Normalize Enum with hyphens.", s, t);
            chk(m, json_object_set_new(in, "norm_type", json_string(t)));
        } else if (strcmp(s, "none") == 0) {
            note(m, "MIG107", false, P(m, ptr, "norm_type"), P(m, ptr, "norm_type"),
                 "norm_type \"none\" became null: v1.0.0 uses null when no normalization applies.");
            chk(m, json_object_set_new(in, "norm_type", json_null()));
        } else {
            note(m, "MIG903", true, P(m, ptr, "norm_type"), P(m, ptr, "norm_type"),
                 "norm_type \"%s\" has no equivalent in the v1.0.0 Normalize Enum; it was set to null. "
                 "Describe the operation with pre_processing_function.", s);
            chk(m, json_object_set_new(in, "norm_type", json_null()));
        }
    }
    json_t *st = json_object_get(in, "statistics");
    if (json_is_object(st)) {
        /* {"mean": [..], "stddev": [..]} -> [{"mean": .., "stddev": ..}, ...] */
        size_t len = 0;
        bool arrays = true, same = true;
        const char *k;
        json_t *v;
        json_object_foreach(st, k, v) {
            if (!json_is_array(v)) {
                arrays = false;
                continue;
            }
            if (len && json_array_size(v) != len)
                same = false;
            if (!len)
                len = json_array_size(v);
        }
        json_t *arr = json_array();
        if (!arr) {
            m->oom = true;
            return;
        }
        if (arrays && same && len) {
            for (size_t i = 0; i < len; i++) {
                json_t *o = json_object();
                json_object_foreach(st, k, v) {
                    const char *nk = strcmp(k, "min") == 0 ? "minimum" : strcmp(k, "max") == 0 ? "maximum"
                                   : strcmp(k, "std") == 0 ? "stddev" : k;
                    chk(m, json_object_set(o, nk, json_array_get(v, i)));
                }
                chk(m, json_array_append_new(arr, o));
            }
            note(m, "MIG108", false, P(m, ptr, "statistics"), P(m, ptr, "statistics"),
                 "statistics, one array per statistic, became an array of %zu Statistics Objects, one per "
                 "band: v1.0.0 types statistics as [Statistics Object].", len);
        } else if (!arrays) {
            json_t *o = json_deep_copy(st);
            chk(m, json_array_append_new(arr, o));
            note(m, "MIG108", false, P(m, ptr, "statistics"), J(m, ptr, "/statistics/0"),
                 "statistics, one object of single values, became an array holding that Statistics Object: "
                 "v1.0.0 types statistics as [Statistics Object].");
        } else {
            json_decref(arr);
            note(m, "MIG903", true, P(m, ptr, "statistics"), P(m, ptr, "statistics"),
                 "statistics %s has arrays of different lengths (or empty ones) and cannot be split into "
                 "one Statistics Object per band; it was left as it was. Rewrite it as [Statistics Object].",
                 show(m, st));
            arr = NULL;
        }
        if (arr)
            chk(m, json_object_set_new(in, "statistics", arr));
    }
    draft_processing(m, in, ptr, "pre_processing_function");
    if (json_object_get(in, "parameters")) {
        note(m, "MIG902", true, P(m, ptr, "parameters"), NULL,
             "The input's parameters %s have no place in a v1.0.0 Model Input Object and were removed; "
             "move what the model needs to mlm:hyperparameters.",
             show(m, json_object_get(in, "parameters")));
        json_object_del(in, "parameters");
    }
}

/* The draft's one output object -> an array of v1 Model Output Objects. */
static json_t *draft_output(mig *m, json_t *out, const char *ptr, json_t *tasks)
{
    json_t *arr = json_array();
    if (!arr || !json_is_object(out)) {
        if (!arr)
            m->oom = true;
        return arr;
    }
    const char *task = json_string_value(json_object_get(out, "task"));
    const char *t = task ? task_name(m, task) : NULL;
    if (t && !str_in(t, tasks_v1))
        note(m, "MIG904", true, P(m, ptr, "task"), J(m, ptr, "/0/tasks/0"),
             "The task \"%s\" is not one of the v1.0.0 Task Enum values; choose the closest one.", task);
    if (t) {
        bool dup = false;
        size_t i;
        json_t *e;
        json_array_foreach(tasks, i, e)
            if (strcmp(json_string_value(e), t) == 0)
                dup = true;
        if (!dup)
            chk(m, json_array_append_new(tasks, json_string(t)));
    }
    json_t *classes = NULL;
    json_t *map = json_object_get(out, "class_name_mapping");
    if (json_is_object(map)) {
        classes = json_array();
        /* sorted by label value: insertion sort over the (small) mapping */
        const char *k;
        json_t *v;
        json_object_foreach(map, k, v) {
            json_t *c = json_pack("{s:O, s:s, s:s}", "value", v, "name", k, "description", k);
            size_t at = json_array_size(classes);
            while (at > 0 && json_is_integer(v) &&
                   json_integer_value(json_object_get(json_array_get(classes, at - 1), "value")) >
                       json_integer_value(v))
                at--;
            chk(m, json_array_insert_new(classes, at, c));
        }
        note(m, "MIG110", false, P(m, ptr, "class_name_mapping"), J(m, ptr, "/0/classification:classes"),
             "class_name_mapping became classification:classes (value and name per class, by value; the "
             "name is repeated as description, which the v1.0.0 schema requires): v1.0.0 uses the Classification "
             "extension's Class Object in Model Outputs.");
    }
    json_t *noc = json_object_get(out, "number_of_classes");
    if (noc) {
        if (classes && json_is_integer(noc) && (size_t)json_integer_value(noc) == json_array_size(classes))
            note(m, "MIG110", false, P(m, ptr, "number_of_classes"), NULL,
                 "number_of_classes was removed: v1.0.0 has no such field and the count is that of "
                 "classification:classes.");
        else
            note(m, "MIG902", true, P(m, ptr, "number_of_classes"), NULL,
                 "number_of_classes %s has no v1.0.0 field and differs from the classes given (or there are "
                 "none); it was removed. List the classes in classification:classes.", show(m, noc));
    }
    json_t *results = json_object_get(out, "result");
    size_t nres = json_is_array(results) ? json_array_size(results) : 0;
    if (!nres)
        note(m, "MIG901", true, P(m, ptr, "result"), J(m, ptr, "/0"),
             "The output has no result structure, which every v1.0.0 Model Output requires (shape, "
             "dim_order, data_type). Add it.");
    for (size_t i = 0; i < (nres ? nres : 1); i++) {
        json_t *o = json_object();
        mlmp_strbuf nb = MLMP_STRBUF_INIT;
        mlmp_strbuf_puts(&nb, t ? t : "output");
        if (nres > 1)
            mlmp_strbuf_printf(&nb, "-%zu", i + 1);
        const char *name = keep(m, mlmp_strbuf_detach(&nb));
        json_t *given = json_object_get(out, "name");
        if (json_is_string(given) && nres <= 1)
            chk(m, json_object_set(o, "name", given));
        else
            chk(m, json_object_set_new(o, "name", json_string(name)));
        json_t *tl = json_array();
        if (t)
            json_array_append_new(tl, json_string(t));
        chk(m, json_object_set_new(o, "tasks", tl));
        json_t *res = json_array_get(results, i);
        if (json_is_object(res)) {
            json_t *r = json_object();
            const char *k;
            json_t *v;
            json_object_foreach(res, k, v) {
                const char *nk = strcmp(k, "dim_names") == 0 ? "dim_order" : strcmp(k, "dtype") == 0 ? "data_type" : k;
                chk(m, json_object_set(r, nk, v));
            }
            chk(m, json_object_set_new(o, "result", r));
        }
        if (classes)
            chk(m, json_object_set(o, "classification:classes", classes));
        json_t *pp = json_object_get(out, "post_processing_function");
        if (pp)
            chk(m, json_object_set(o, "post_processing_function", pp));
        /* keep members the draft did not define, in each output */
        const char *k;
        json_t *v;
        json_object_foreach(out, k, v)
            if (!str_in(k, (const char *const[]){"task", "name", "number_of_classes", "result",
                                                  "class_name_mapping", "post_processing_function", NULL}))
                chk(m, json_object_set(o, k, v));
        draft_processing(m, o, PI(m, ptr, i), "post_processing_function");
        chk(m, json_array_append_new(arr, o));
    }
    json_decref(classes);
    if (!json_is_string(json_object_get(out, "name")) || nres > 1)
        note(m, "MIG110", false, ptr, J(m, ptr, "/0/name"),
             "The output was named after its task (\"%s\"): v1.0.0 requires a name and says \"if no "
             "explicit name is defined by the model, an informative name can be used instead\".",
             t ? t : "output");
    if (nres > 1)
        note(m, "MIG903", true, P(m, ptr, "result"), ptr,
             "The draft output has %zu result arrays; each became one v1.0.0 Model Output (one per model "
             "head). Check that this is what the model does and name each output.", nres);
    note(m, "MIG110", false, ptr, ptr,
         "mlm:output, one object, became an array of Model Output Objects with task as tasks and each "
         "result (dim_names as dim_order, dtype as data_type): v1.0.0 adds the Model Output Object.");
    return arr;
}

/* The model asset of a draft runtime: merged into the asset with the same
 * href when there is one (adding the mlm:model role), else added. */
static json_t *place_asset(mig *m, json_t *assets, const char *from, json_t *a, const char *key,
                           const char *role, const char *id, const char *why)
{
    const char *href = json_string_value(json_object_get(a, "href"));
    const char *k;
    json_t *v;
    json_object_foreach(assets, k, v) {
        if (href && json_is_object(v) && json_is_string(json_object_get(v, "href")) &&
            strcmp(json_string_value(json_object_get(v, "href")), href) == 0) {
            const char *ak;
            json_t *av;
            json_object_foreach(a, ak, av)
                if (strcmp(ak, "roles") != 0 && !json_object_get(v, ak))
                    chk(m, json_object_set(v, ak, av));
            add_role(m, v, role);
            note(m, id, false, from, P(m, "/assets", k),
                 "%s was merged into the asset with the same href, with the %s role: %s", from, role, why);
            return v;
        }
    }
    const char *nk = free_key(m, assets, key);
    json_t *c = json_deep_copy(a);
    if (!c) {
        m->oom = true;
        return NULL;
    }
    add_role(m, c, role);
    chk(m, json_object_set_new(assets, nk, c));
    note(m, id, false, from, P(m, "/assets", nk), "%s became the asset \"%s\" with the %s role: %s", from, nk,
         role, why);
    return c;
}

static void draft_level(mig *m, json_t *lv, const char *lp)
{
    json_t *assets = json_object_get(m->doc, "assets");
    if (!json_is_object(assets)) {
        assets = json_object();
        chk(m, json_object_set_new(m->doc, "assets", assets));
    }
    json_t *tasks = json_array();
    if (!tasks) {
        m->oom = true;
        return;
    }
    /* inputs */
    json_t *inputs = json_object_get(lv, "mlm:input");
    if (json_is_object(inputs)) {
        json_t *a = json_pack("[O]", inputs);
        note(m, "MIG111", false, P(m, lp, "mlm:input"), P(m, lp, "mlm:input/0"),
             "mlm:input, one object, became an array of one: the draft and v1.0.0 type it as [Model Input Object].");
        chk(m, json_object_set_new(lv, "mlm:input", a));
        inputs = a;
    }
    size_t i;
    json_t *in;
    json_array_foreach(inputs, i, in)
        if (json_is_object(in))
            draft_input(m, in, PI(m, P(m, lp, "mlm:input"), i));
    /* output */
    json_t *out = json_object_get(lv, "mlm:output");
    if (json_is_object(out)) {
        const char *optr = P(m, lp, "mlm:output");
        json_t *arr = draft_output(m, out, optr, tasks);
        chk(m, json_object_set_new(lv, "mlm:output", arr));
    }
    /* architecture */
    json_t *arch = json_object_get(lv, "mlm:architecture");
    json_t *runtime = json_object_get(lv, "mlm:runtime");
    json_t *model_asset = NULL;
    if (json_is_object(runtime)) {
        const char *rp = P(m, lp, "mlm:runtime");
        json_t *ma = json_object_get(runtime, "model_asset");
        const char *mk = "model_asset";
        if (!ma) {
            ma = json_object_get(runtime, "asset");
            mk = "asset";
        }
        if (json_is_object(ma))
            model_asset = place_asset(m, assets, P(m, rp, mk), ma, "model", "mlm:model", "MIG103",
                                      "v1.0.0 describes the model artifact as an Asset with the mlm:model role.");
        json_t *sc = json_object_get(runtime, "source_code");
        if (json_is_object(sc))
            place_asset(m, assets, P(m, rp, "source_code"), sc, "source-code", "mlm:source_code", "MIG104",
                        "v1.0.0 describes source code as an Asset with the mlm:source_code role.");
        else if (json_is_string(json_object_get(runtime, "source_code_url"))) {
            json_t *a = json_pack("{s:O}", "href", json_object_get(runtime, "source_code_url"));
            place_asset(m, assets, P(m, rp, "source_code_url"), a, "source-code", "mlm:source_code", "MIG104",
                        "v1.0.0 describes source code as an Asset with the mlm:source_code role.");
            json_decref(a);
        }
    }
    if (!model_asset) {
        /* an asset that already has a model role */
        const char *k;
        json_t *v;
        json_object_foreach(assets, k, v)
            if (!model_asset && json_is_object(v) && (has_role(v, "mlm:model") || has_role(v, "model"))) {
                model_asset = v;
                if (add_role(m, v, "mlm:model"))
                    note(m, "MIG103", false, P(m, "/assets", k), P(m, "/assets", k),
                         "The asset with the model role also got the mlm:model role: v1.0.0 requires it on "
                         "the model asset.");
            }
    }
    json_t *flat = json_object();
    if (!flat) {
        json_decref(tasks);
        m->oom = true;
        return;
    }
    if (!json_object_get(lv, "mlm:name")) {
        json_t *id = json_object_get(m->doc, "id");
        json_t *an = json_object_get(arch, "name");
        json_t *nm = json_is_string(id) ? id : json_is_string(an) ? an : NULL;
        if (nm) {
            chk(m, json_object_set(flat, "mlm:name", nm));
            note(m, "MIG901", true, NULL, P(m, lp, "mlm:name"),
                 "v1.0.0 requires mlm:name, a name for the model that the draft did not have; it was set to "
                 "%s (the document's %s). Check it, or give the model's published name.",
                 show(m, nm), nm == id ? "id" : "architecture name");
        } else {
            note(m, "MIG901", true, NULL, P(m, lp, "mlm:name"),
                 "v1.0.0 requires mlm:name, a name for the model that the draft did not have. Add it.");
        }
    }
    if (json_is_object(arch)) {
        const char *ap = P(m, lp, "mlm:architecture");
        const char *k;
        json_t *v;
        json_object_foreach(arch, k, v) {
            if (strcmp(k, "name") == 0) {
                chk(m, json_object_set(flat, "mlm:architecture", v));
                if (json_array_size(tasks))
                    chk(m, json_object_set(flat, "mlm:tasks", tasks));
            } else if (strcmp(k, "memory_size") == 0 || strcmp(k, "total_parameters") == 0) {
                chk(m, json_object_set(flat, strcmp(k, "memory_size") == 0 ? "mlm:memory_size" : "mlm:total_parameters", v));
            } else if (strcmp(k, "pretrained_source") == 0) {
                chk(m, json_object_set_new(flat, "mlm:pretrained", json_true()));
                chk(m, json_object_set(flat, "mlm:pretrained_source", v));
            } else if (strcmp(k, "file_size") == 0 && model_asset) {
                chk(m, json_object_set(model_asset, "file:size", v));
                note(m, "MIG101", false, P(m, ap, k), NULL,
                     "file_size became file:size of the model asset: v1.0.0 says \"disk_size replaced by "
                     "file:size\" (File extension on the Asset).");
            } else if (strcmp(k, "summary") == 0 && model_asset && !json_object_get(model_asset, "description")) {
                chk(m, json_object_set(model_asset, "description", v));
                note(m, "MIG101", false, P(m, ap, k), NULL,
                     "The architecture summary became the description of the model asset: v1.0.0 has no "
                     "summary field.");
            } else {
                note(m, "MIG902", true, P(m, ap, k), NULL,
                     "mlm:architecture/%s %s has no v1.0.0 equivalent and was removed; keep it elsewhere "
                     "(e.g. a description) if it matters.", k, show(m, v));
            }
        }
        if (!json_object_get(flat, "mlm:tasks") && json_array_size(tasks))
            chk(m, json_object_set(flat, "mlm:tasks", tasks));
        note(m, "MIG100", false, ap, lp,
             "mlm:architecture, an object, was flattened: name became mlm:architecture (a string), "
             "memory_size mlm:memory_size, total_parameters mlm:total_parameters, pretrained_source "
             "mlm:pretrained_source with mlm:pretrained true: v1.0.0 defines them as properties.");
        splice(m, lv, "mlm:architecture", flat);
    } else {
        if (json_array_size(tasks))
            chk(m, json_object_set(flat, "mlm:tasks", tasks));
        splice(m, lv, "mlm:name", flat);
    }
    if (json_array_size(tasks))
        note(m, "MIG111", false, P(m, lp, "mlm:output"), P(m, lp, "mlm:tasks"),
             "mlm:tasks was made from the outputs' tasks: v1.0.0 requires it and says to \"specify all available "
             "tasks under the main properties\".");
    else if (!json_object_get(lv, "mlm:tasks"))
        note(m, "MIG901", true, NULL, P(m, lp, "mlm:tasks"),
             "v1.0.0 requires mlm:tasks and the draft output named no task. Add the model's tasks.");
    json_decref(tasks);
    if (json_is_object(runtime)) {
        const char *rp = P(m, lp, "mlm:runtime");
        json_t *rf = json_object();
        const char *k;
        json_t *v;
        json_object_foreach(runtime, k, v) {
            static const char *const map[][2] = {
                {"framework", "mlm:framework"},
                {"version", "mlm:framework_version"},
                {"accelerator", "mlm:accelerator"},
                {"accelerator_constrained", "mlm:accelerator_constrained"},
                {"hardware_summary", "mlm:accelerator_summary"},
                {"batch_size_suggestion", "mlm:batch_size_suggestion"},
            };
            const char *nk = NULL;
            for (size_t j = 0; j < MLMP_ARRAY_LEN(map); j++)
                if (strcmp(k, map[j][0]) == 0)
                    nk = map[j][1];
            if (nk && strcmp(k, "accelerator") == 0 && !str_in(json_string_value(v), accelerators_v1)) {
                note(m, "MIG904", true, P(m, rp, k), P(m, lp, nk),
                     "The accelerator %s is not a v1.0.0 Accelerator Type; it was set to null. Choose one "
                     "(amd64, cuda, xla, amd-rocm, intel-ipex-cpu, intel-ipex-gpu, macos-arm).", show(m, v));
                chk(m, json_object_set_new(rf, nk, json_null()));
            } else if (nk && strcmp(k, "batch_size_suggestion") == 0 && json_is_real(v) &&
                       json_real_value(v) == floor(json_real_value(v)) && fabs(json_real_value(v)) < 1e15) {
                chk(m, json_object_set_new(rf, nk, json_integer((json_int_t)json_real_value(v))));
            } else if (nk) {
                chk(m, json_object_set(rf, nk, v));
            } else if (!str_in(k, (const char *const[]){"model_asset", "asset", "source_code", "source_code_url", NULL})) {
                note(m, "MIG902", true, P(m, rp, k), NULL,
                     "mlm:runtime/%s %s has no v1.0.0 equivalent and was removed%s.", k, show(m, v),
                     strcmp(k, "docker") == 0 ? "; describe the image as an Asset with the mlm:container role"
                     : strcmp(k, "model_commit_hash") == 0 ? "; the source code asset's href can name the commit" : "");
            }
        }
        note(m, "MIG102", false, rp, lp,
             "mlm:runtime, an object, was flattened: framework became mlm:framework, version "
             "mlm:framework_version, accelerator mlm:accelerator, accelerator_constrained "
             "mlm:accelerator_constrained, hardware_summary mlm:accelerator_summary, batch_size_suggestion "
             "mlm:batch_size_suggestion: v1.0.0 defines them as properties and the artifacts as Assets.");
        splice(m, lv, "mlm:runtime", rf);
    }
    if (json_object_get(lv, "parameters")) {
        rename_key(m, lv, "parameters", "mlm:hyperparameters", NULL);
        note(m, "MIG112", false, P(m, lp, "parameters"), P(m, lp, "mlm:hyperparameters"),
             "parameters became mlm:hyperparameters: v1.0.0's open object for the model's parameters.");
    }
    if (!model_asset)
        note(m, "MIG901", true, NULL, "/assets",
             "No asset describes the model artifact; v1.0.0 requires an asset with the mlm:model role. Add it.");
}

/* A Collection's summaries in the draft: the inputs and outputs each summary
 * lists (or its const gives) go through the same draft_input() and
 * draft_output() as an Item's; the nested architecture and runtime objects
 * would become several summaries each, so they are TODOs. */
static void draft_summaries(mig *m)
{
    json_t *sum = json_object_get(m->doc, "summaries");
    if (!json_is_object(sum))
        return;
    level lv = {sum, "/summaries", true};
    values vs = field_values(m, &lv, "mlm:input");
    for (size_t i = 0; i < vs.n; i++) {
        size_t j;
        json_t *in, *v = value_at(&vs, i);
        if (json_is_object(v))
            draft_input(m, v, value_ptr(m, &vs, i));
        else
            json_array_foreach(v, j, in)
                if (json_is_object(in))
                    draft_input(m, in, PI(m, value_ptr(m, &vs, i), j));
    }
    vs = field_values(m, &lv, "mlm:output");
    size_t n = vs.n;
    json_t *tasks = json_array();
    json_t *outs = json_array();
    for (size_t i = 0; i < n && tasks && outs; i++) {
        json_t *v = value_at(&vs, i);
        json_t *o = json_is_object(v) && json_object_get(v, "task") ? draft_output(m, v, value_ptr(m, &vs, i), tasks)
                                                                    : json_pack("[O]", v);
        chk(m, o ? json_array_extend(outs, o) : -1);
        json_decref(o);
    }
    json_t *os = json_object_get(sum, "mlm:output");
    if (n && json_is_object(os))
        chk(m, json_object_set(os, "const", outs));
    else if (n)
        chk(m, json_object_set(sum, "mlm:output", outs));
    json_decref(outs);
    json_decref(tasks); /* a Collection needs no mlm:tasks summary */
    static const char *const nested[] = {"mlm:architecture", "mlm:runtime"};
    for (size_t k = 0; k < 2; k++) {
        vs = field_values(m, &lv, nested[k]);
        for (size_t i = 0; i < vs.n; i++)
            if (json_is_object(value_at(&vs, i))) {
                summary_todo(m, &lv, nested[k], "a list of draft objects, each of which v1.0.0 splits into "
                             "several properties (e.g. mlm:architecture, mlm:total_parameters)");
                break;
            }
    }
}

static void step_draft(mig *m)
{
    if (is_collection(m->doc)) {
        draft_summaries(m);
        draft_level(m, m->doc, "");
    }
    else if (json_is_object(json_object_get(m->doc, "properties")))
        draft_level(m, json_object_get(m->doc, "properties"), "/properties");
}

/* ---- dl-model -> 1.0.0 --------------------------------------------------------- */

/* The band names an input selects: indices resolved through dlm:data
 * useful_bands, else the Item's eo:bands. NULL when one cannot be resolved. */
static json_t *dlm_band_names(const json_t *props, const json_t *data, const json_t *selected)
{
    json_t *names = json_array();
    size_t i;
    json_t *ix;
    json_array_foreach(selected, i, ix) {
        if (!json_is_integer(ix))
            goto fail;
        json_int_t want = json_integer_value(ix);
        const json_t *name = NULL;
        size_t j;
        json_t *b;
        json_array_foreach(json_object_get(data, "useful_bands"), j, b)
            if (json_integer_value(json_object_get(b, "index")) == want && json_is_string(json_object_get(b, "name")))
                name = json_object_get(b, "name");
        json_t *eo = json_object_get(props, "eo:bands");
        if (!name && want >= 0 && (size_t)want < json_array_size(eo))
            name = json_object_get(json_array_get(eo, (size_t)want), "name");
        if (!json_is_string(name))
            goto fail;
        json_array_append(names, mlmp_unconst(name));
    }
    return names;
fail:
    json_decref(names);
    return NULL;
}

/* The fields dl-model had and MLM has not: removed, each a TODO with its value. */
static void dlm_drop(mig *m, json_t *obj, const char *ptr, const char *const *keep_keys, const char *what)
{
    const char *k;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(obj, tmp, k, v) {
        if (str_in(k, keep_keys))
            continue;
        if (!json_is_null(v))
            note(m, "MIG902", true, P(m, ptr, k), NULL,
                 "dl-model's %s/%s %s has no MLM v1.0.0 equivalent and was removed; keep it elsewhere if it "
                 "matters.", what, k, show(m, v));
        json_object_del(obj, k);
    }
}

/* One Model Input or Output made from dl-model's object `from`: its function
 * reference as a Processing Expression, then as the only element of `key`. */
static void dlm_place(mig *m, json_t *flat, const char *key, json_t *o, const json_t *from, const char *fn)
{
    json_t *pf = json_object_get(from, fn);
    if (json_is_string(pf))
        chk(m, json_object_set_new(o, fn, processing_expression(json_string_value(pf))));
    json_t *arr = json_array();
    chk(m, json_array_append_new(arr, o));
    chk(m, json_object_set_new(flat, key, arr));
}

static void dlm_model_asset(mig *m, json_t *assets, const char *holder, bool *has_model);

static bool object_has_dlm(json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
        if (strncmp(k, "dlm:", 4) == 0)
            return true;
    return false;
}

/* dl-model fields in a Collection's summaries: a summary lists the Items'
 * dlm: objects, and each would become several MLM summaries; a TODO each. */
static void dlm_summaries(mig *m)
{
    level lv = {json_object_get(m->doc, "summaries"), "/summaries", true};
    const char *k;
    json_t *v;
    json_object_foreach(lv.obj, k, v)
        if (strncmp(k, "dlm:", 4) == 0)
            summary_todo(m, &lv, k, "a dl-model field, whose objects MLM v1.0.0 splits into several fields "
                                    "(the mapping of dl-model Items, docs/MIGRATION.md)");
}

/* dl-model fields live in an Item's properties, or at the top of a Collection
 * (and its summaries, see dlm_summaries()); the model asset of a Collection
 * may be an item_assets entry. */
static void step_dl_model(mig *m)
{
    bool coll = is_collection(m->doc);
    if (coll)
        dlm_summaries(m);
    json_t *lv = coll ? m->doc : json_object_get(m->doc, "properties");
    if (!json_is_object(lv) || !object_has_dlm(lv))
        return;
    const char *lp = coll ? "" : "/properties";
    json_t *assets = json_object_get(m->doc, "assets");
    if (!json_is_object(assets)) {
        if (assets)
            note(m, "MIG901", true, "/assets", "/assets",
                 "assets is not an object, so the model artifact cannot be described as an asset with the "
                 "mlm:model role (MLM v1.0.0). Rewrite assets as an object of Asset Objects.");
        assets = NULL;
    }
    json_t *flat = json_object();
    json_t *tasks = json_array();
    json_t *data = json_object_get(lv, "dlm:data");
    /* inputs */
    json_t *in = json_object_get(lv, "dlm:inputs");
    if (json_is_object(in)) {
        const char *ip = P(m, lp, "dlm:inputs");
        json_t *o = json_object();
        json_t *nm = json_object_get(in, "name");
        chk(m, json_object_set_new(o, "name", json_is_string(nm) ? json_incref(nm) : json_string("input")));
        json_t *sel = json_object_get(in, "selected_bands");
        if (!sel)
            sel = json_object_get(in, "selected_band");
        json_t *bands = json_is_array(sel) ? dlm_band_names(lv, data, sel) : json_array();
        if (!bands) {
            bands = json_array();
            note(m, "MIG903", true, P(m, ip, json_object_get(in, "selected_bands") ? "selected_bands" : "selected_band"),
                 J(m, lp, "/mlm:input/0/bands"),
                 "selected bands %s could not all be named from dlm:data useful_bands or eo:bands; bands was left "
                 "empty. List the band names the model reads.", show(m, sel));
        }
        else if (json_array_size(bands))
            note(m, "MIG903", true, P(m, ip, json_object_get(in, "selected_bands") ? "selected_bands" : "selected_band"),
                 J(m, lp, "/mlm:input/0/bands"),
                 "selected bands %s were named %s through dlm:data useful_bands (else the Item's eo:bands); "
                 "dl-model does not say which list the indices refer to. Check the names.",
                 show(m, sel), show(m, bands));
        chk(m, json_object_set_new(o, "bands", bands));
        json_t *t = json_object_get(in, "input_tensors");
        json_t *shape = json_array();
        static const char *const tk[][2] = {{"batch", "batch"}, {"channels", "channel"}, {"dim", "channel"},
                                            {"height", "height"}, {"width", "width"}};
        json_t *order = json_array();
        for (size_t i = 0; i < MLMP_ARRAY_LEN(tk); i++) {
            json_t *v = json_object_get(t, tk[i][0]);
            if (json_is_number(v)) {
                chk(m, json_array_append_new(shape, json_integer(json_is_integer(v) ? json_integer_value(v)
                                                                                  : (json_int_t)json_real_value(v))));
                chk(m, json_array_append_new(order, json_string(tk[i][1])));
            }
        }
        json_t *dt = json_object_get(data, "data_type");
        if (!dt)
            dt = json_object_get(data, "dtype");
        json_t *dtv = json_is_string(dt) ? json_incref(dt) : json_string("float32");
        json_t *inp = json_pack("{s:o, s:o, s:o}", "shape", shape, "dim_order", order, "data_type", dtv);
        chk(m, json_object_set_new(o, "input", inp));
        note(m, "MIG903", true, P(m, ip, "input_tensors"), J(m, lp, "/mlm:input/0/input"),
             "input_tensors %s became input (shape in batch, channel, height, width order) with data_type %s "
             "from %s: dl-model gave the data's type, not necessarily the tensor's. Check both.",
             show(m, t), show(m, json_object_get(inp, "data_type")),
             json_is_string(dt) ? "dlm:data" : "no source (a placeholder)");
        json_t *mean = json_object_get(in, "normalization:mean"), *sd = json_object_get(in, "normalization:std");
        if (json_is_array(mean) && json_is_array(sd) && json_array_size(mean) == json_array_size(sd)) {
            json_t *st = json_array();
            for (size_t i = 0; i < json_array_size(mean); i++)
                chk(m, json_array_append_new(st, json_pack("{s:O, s:O}", "mean", json_array_get(mean, i), "stddev",
                                                           json_array_get(sd, i))));
            chk(m, json_object_set_new(o, "norm_by_channel", json_true()));
            chk(m, json_object_set_new(o, "norm_type", json_string("z-score")));
            chk(m, json_object_set_new(o, "statistics", st));
            note(m, "MIG162", false, P(m, ip, "normalization:mean"), J(m, lp, "/mlm:input/0/statistics"),
                 "normalization:mean and normalization:std became norm_type z-score with one Statistics Object per "
                 "band: MLM v1.0.0 describes normalization with norm_type and statistics.");
        }
        dlm_place(m, flat, "mlm:input", o, in, "pre_processing_function");
        note(m, "MIG162", false, ip, J(m, lp, "/mlm:input"),
             "dlm:inputs became mlm:input, an array of one Model Input Object: MLM v1.0.0 replaced the dl-model "
             "inputs with Model Input Objects.");
        dlm_drop(m, in, ip, (const char *const[]){"name", "selected_bands", "selected_band", "input_tensors",
                                                  "normalization:mean", "normalization:std",
                                                  "pre_processing_function", NULL}, "dlm:inputs");
    }
    /* outputs */
    json_t *out = json_object_get(lv, "dlm:outputs");
    if (json_is_object(out)) {
        const char *op = P(m, lp, "dlm:outputs");
        const char *task = json_string_value(json_object_get(out, "task"));
        const char *t = task ? task_name(m, task) : "output";
        if (task) {
            chk(m, json_array_append_new(tasks, json_string(t)));
            if (!str_in(t, tasks_v1))
                note(m, "MIG904", true, P(m, op, "task"), J(m, lp, "/mlm:output/0/tasks/0"),
                     "The task \"%s\" is not one of the v1.0.0 Task Enum values; choose the closest one.", task);
        }
        json_t *o = json_pack("{s:s, s:[s]}", "name", t, "tasks", t);
        json_t *fl = json_object_get(out, "final_layer_size");
        if (json_is_array(fl)) {
            static const char *const d4[] = {"batch", "class", "height", "width"};
            json_t *order = json_array();
            for (size_t i = 0; i < json_array_size(fl); i++)
                chk(m, json_array_append_new(order, json_string(json_array_size(fl) == 4 ? d4[i]
                                                                : i == 0 ? "batch" : "class")));
            chk(m, json_object_set_new(o, "result", json_pack("{s:O, s:o, s:s}", "shape", fl, "dim_order", order,
                                                              "data_type", "float32")));
            note(m, "MIG903", true, P(m, op, "final_layer_size"), J(m, lp, "/mlm:output/0/result"),
                 "final_layer_size %s became the output's result with dimensions named %s and data_type float32 "
                 "(dl-model gave neither). Check the names and the type.", show(m, fl),
                 json_array_size(fl) == 4 ? "batch, class, height, width" : "batch, class");
        } else {
            note(m, "MIG901", true, op, J(m, lp, "/mlm:output/0/result"),
                 "The output has no final_layer_size, so its result structure (required from MLM v1.0.0) is "
                 "unknown. Add it.");
        }
        json_t *map = json_object_get(out, "class_name_mapping");
        if (json_is_array(map) && json_array_size(map)) {
            json_t *classes = json_array();
            size_t i;
            json_t *e;
            json_array_foreach(map, i, e) {
                json_t *idx = json_object_get(e, "index"), *cn = json_object_get(e, "class_name");
                if (!idx && json_object_size(e) == 1) { /* {"3": "Cropland"} */
                    const char *k = json_object_iter_key(json_object_iter(e));
                    char *end;
                    long long v = strtoll(k, &end, 10);
                    if (*k && !*end) {
                        chk(m, json_array_append_new(classes, json_pack("{s:I, s:O, s:O}", "value", (json_int_t)v, "name",
                                                                        json_object_get(e, k), "description",
                                                                        json_object_get(e, k))));
                        continue;
                    }
                }
                if (json_is_integer(idx) && json_is_string(cn))
                    chk(m, json_array_append_new(classes, json_pack("{s:O, s:O, s:O}", "value", idx, "name", cn,
                                                                    "description", cn)));
            }
            if (json_array_size(classes) == json_array_size(map)) {
                chk(m, json_object_set_new(o, "classification:classes", classes));
                note(m, "MIG163", false, P(m, op, "class_name_mapping"), J(m, lp, "/mlm:output/0/classification:classes"),
                     "class_name_mapping became classification:classes (value, name, and the name as the description "
                     "the v1.0.0 schema requires): MLM v1.0.0 \"use[s] classification:classes in Model Output\".");
            } else {
                json_decref(classes);
                note(m, "MIG903", true, P(m, op, "class_name_mapping"), NULL,
                     "class_name_mapping %s is not a list of index and class name pairs and was removed. List the "
                     "classes in classification:classes.", show(m, map));
            }
        }
        dlm_place(m, flat, "mlm:output", o, out, "post_processing_function");
        note(m, "MIG163", false, op, J(m, lp, "/mlm:output"),
             "dlm:outputs became mlm:output, an array of one Model Output Object named after its task: MLM v1.0.0 "
             "adds the Model Output Object (\"an informative name ... can be used instead\").");
        dlm_drop(m, out, op, (const char *const[]){"task", "final_layer_size", "class_name_mapping",
                                                   "post_processing_function", "number_of_classes", NULL},
                 "dlm:outputs");
    }
    /* architecture */
    json_t *arch = json_object_get(lv, "dlm:architecture");
    if (json_is_object(arch)) {
        const char *ap = P(m, lp, "dlm:architecture");
        json_t *ty = json_object_get(arch, "type"), *tp = json_object_get(arch, "total_nb_parameters");
        json_t *pre = json_object_get(arch, "pretrained");
        if (json_is_string(ty))
            chk(m, json_object_set(flat, "mlm:architecture", ty));
        if (json_is_integer(tp))
            chk(m, json_object_set(flat, "mlm:total_parameters", tp));
        if (json_is_string(pre)) {
            chk(m, json_object_set_new(flat, "mlm:pretrained", json_true()));
            chk(m, json_object_set(flat, "mlm:pretrained_source", pre));
        }
        note(m, "MIG160", false, ap, lp,
             "dlm:architecture was flattened: type became mlm:architecture, total_nb_parameters "
             "mlm:total_parameters, pretrained mlm:pretrained_source with mlm:pretrained true: MLM v1.0.0 "
             "defines them as properties.");
        dlm_drop(m, arch, ap, (const char *const[]){"type", "total_nb_parameters", "pretrained", NULL},
                 "dlm:architecture");
    }
    /* runtime */
    json_t *rt = json_object_get(lv, "dlm:runtime");
    if (json_is_object(rt)) {
        const char *rp = P(m, lp, "dlm:runtime");
        json_t *fw = json_object_get(rt, "framework"), *ver = json_object_get(rt, "version");
        if (json_is_string(fw))
            chk(m, json_object_set(flat, "mlm:framework", fw));
        if (json_is_string(ver))
            chk(m, json_object_set(flat, "mlm:framework_version", ver));
        else if (json_is_number(ver)) {
            chk(m, json_object_set_new(flat, "mlm:framework_version", json_string(show(m, ver))));
            note(m, "MIG903", true, P(m, rp, "version"), P(m, lp, "mlm:framework_version"),
                 "The framework version, the number %s, became the string \"%s\"; from v1.1.0 the MLM schemas "
                 "want a full version (e.g. 1.5.0). Give the exact version.", show(m, ver), show(m, ver));
        }
        json_t *src = json_object_get(rt, "model_src_url");
        if (json_is_string(src) && !assets && !json_object_get(m->doc, "assets")) {
            assets = json_object(); /* a Collection without assets: the source code asset needs one */
            chk(m, json_object_set_new(m->doc, "assets", assets));
        }
        if (json_is_string(src) && assets) {
            json_t *a = json_pack("{s:O, s:[s]}", "href", src, "roles", "code");
            place_asset(m, assets, P(m, rp, "model_src_url"), a, "source-code", "mlm:source_code", "MIG161",
                        "MLM v1.0.0 describes source code as an Asset with the mlm:source_code role.");
            json_decref(a);
        }
        note(m, "MIG161", false, rp, lp,
             "dlm:runtime was flattened: framework became mlm:framework, version mlm:framework_version (a "
             "string): MLM v1.0.0 defines them as properties.");
        dlm_drop(m, rt, rp, (const char *const[]){"framework", "version", "model_src_url", NULL}, "dlm:runtime");
    }
    if (json_is_object(data))
        dlm_drop(m, data, P(m, lp, "dlm:data"), (const char *const[]){NULL}, "dlm:data");
    json_t *archive = json_object_get(lv, "dlm:archive");
    if (archive)
        note(m, "MIG902", true, P(m, lp, "dlm:archive"), NULL,
             "dlm:archive %s has no MLM equivalent and was removed: describe each file as an Asset (the model "
             "file with the mlm:model role).", show(m, archive));
    /* name and tasks */
    json_t *id = json_object_get(m->doc, "id");
    if (json_is_string(id)) {
        chk(m, json_object_set(flat, "mlm:name", id));
        note(m, "MIG901", true, NULL, P(m, lp, "mlm:name"),
             "MLM v1.0.0 requires mlm:name, which dl-model did not have; it was set to %s (the document's id). "
             "Check it, or give the model's published name.", show(m, id));
    }
    if (json_array_size(tasks))
        chk(m, json_object_set(flat, "mlm:tasks", tasks));
    json_decref(tasks);
    /* the dlm: fields go, the mlm: fields take the place of the first of them */
    static const char *const dlm_keys[] = {"dlm:data", "dlm:inputs", "dlm:architecture", "dlm:runtime",
                                           "dlm:outputs", "dlm:archive", NULL};
    const char *first = NULL;
    const char *k;
    json_t *v;
    json_object_foreach(lv, k, v)
        if (!first && str_in(k, dlm_keys))
            first = k;
    char at[32] = "";
    if (first)
        snprintf(at, sizeof(at), "%s", first);
    for (size_t i = 0; dlm_keys[i]; i++)
        if (strcmp(dlm_keys[i], at) != 0)
            json_object_del(lv, dlm_keys[i]);
    splice(m, lv, at[0] ? at : "mlm:name", flat);
    /* the model asset */
    bool has_model = false;
    for (size_t h = 0; h < (coll ? 2u : 1u); h++) {
        const char *holder = h ? "item_assets" : "assets";
        json_t *hs = h ? json_object_get(m->doc, holder) : assets;
        dlm_model_asset(m, hs, holder, &has_model);
    }
    if (!has_model)
        note(m, "MIG901", true, NULL, "/assets",
             "No asset is recognisable as the model; MLM v1.0.0 requires an asset with the mlm:model role. Add it.");
}

/* The first asset of holder whose role names the model gets mlm:model (MIG161). */
static void dlm_model_asset(mig *m, json_t *assets, const char *holder, bool *has_model)
{
    const char *k;
    json_t *v;
    json_object_foreach(assets, k, v) {
        if (!json_is_object(v))
            continue;
        json_t *roles = json_object_get(v, "roles");
        if (!roles)
            roles = json_object_get(v, "role");
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r)
            if (json_is_string(r) && strstr(json_string_value(r), "model") && !*has_model) {
                *has_model = true;
                add_role(m, v, "mlm:model");
                const char *ap = P(m, P(m, "", holder), k);
                note(m, "MIG161", false, ap, J(m, ap, "/roles"),
                     "The asset with the role %s got the mlm:model role: MLM v1.0.0 requires it on the model asset.",
                     json_string_value(r));
            }
    }
}

/* ---- 1.0.0 -> 1.1.0 ----------------------------------------------------------- */

static void step_1_1(mig *m)
{
    level lv[MAX_LEVELS];
    size_t n = v1_levels(m, lv, MAX_LEVELS);
    for (size_t i = 0; i < n; i++) {
        values vs = field_values(m, &lv[i], "mlm:framework");
        for (size_t j = 0; j < vs.n; j++) {
            const char *f = json_string_value(value_at(&vs, j));
            const char *nf = !f ? NULL : strcmp(f, "Scikit-learn") == 0 ? "scikit-learn"
                             : strcmp(f, "Huggingface") == 0 ? "Hugging Face" : NULL;
            if (nf) {
                const char *fp = value_ptr(m, &vs, j);
                note(m, "MIG120", false, fp, fp,
                     "mlm:framework \"%s\" became \"%s\": v1.1.0 adjusted \"scikit-learn and Hugging Face "
                     "framework names to match the format employed by the official documentation\".", f, nf);
                set_field_value(m, &lv[i], "mlm:framework", j, json_string(nf));
            }
        }
    }
}

/* ---- 1.2.0 -> 1.3.0 ----------------------------------------------------------- */

#define RASTER_URL "https://stac-extensions.github.io/raster/v1.1.0/schema.json"

static bool has_band_list(const json_t *o)
{
    return json_is_array(json_object_get(o, "eo:bands")) || json_is_array(json_object_get(o, "raster:bands")) ||
           json_is_array(json_object_get(o, "bands"));
}

/* Source code assets that carried mlm:model (as v1.0.0-v1.2.0 examples did). */
static void source_code_roles(mig *m)
{
    json_t *assets = json_object_get(m->doc, "assets");
    size_t models = 0;
    const char *k;
    json_t *a;
    json_object_foreach(assets, k, a)
        if (json_is_object(a) && has_role(a, "mlm:model") && !has_role(a, "code"))
            models++;
    if (!models)
        return;
    json_object_foreach(assets, k, a) {
        if (!json_is_object(a) || !has_role(a, "mlm:model") || !has_role(a, "code"))
            continue;
        json_t *roles = json_object_get(a, "roles");
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r)
            if (strcmp(json_string_value(r), "mlm:model") == 0)
                break;
        if (has_role(a, "mlm:source_code"))
            json_array_remove(roles, i);
        else
            chk(m, json_array_set_new(roles, i, json_string("mlm:source_code")));
        note(m, "MIG131", false, PI(m, J(m, P(m, "/assets", k), "/roles"), i),
             PI(m, J(m, P(m, "/assets", k), "/roles"), i),
             "The code asset's mlm:model role became mlm:source_code: v1.3.0 fixed \"Asset definitions erroneously "
             "employing mlm:model role instead of the intended mlm:source_code\", and another asset holds the model.");
    }
}

static void step_1_3(mig *m)
{
    source_code_roles(m);
    json_t *props = json_object_get(m->doc, "properties");
    json_t *inputs = json_object_get(props, "mlm:input");
    if (!json_array_size(inputs))
        return;
    if (has_band_list(props)) {
        /* bands defined in the properties: v1.3.0 wants them on the model asset */
        static const char *const fields[] = {"eo:bands", "raster:bands", "bands"};
        const char *k;
        json_t *a;
        json_object_foreach(json_object_get(m->doc, "assets"), k, a) {
            if (!json_is_object(a) || !has_role(a, "mlm:model") || has_band_list(a))
                continue;
            for (size_t f = 0; f < 3; f++) {
                json_t *v = json_object_get(props, fields[f]);
                if (!json_is_array(v) || strcmp(fields[f], "bands") == 0)
                    continue;
                chk(m, json_object_set_new(a, fields[f], json_deep_copy(v)));
                note(m, "MIG130", false, P(m, "/properties", fields[f]), P(m, P(m, "/assets", k), fields[f]),
                     "%s of the Item properties was copied to the model asset: v1.3.0 says \"the correct use is for "
                     "them to be defined under the STAC Asset using the mlm:model role\".", fields[f]);
            }
        }
        return;
    }
    json_t *names = json_array();
    size_t i;
    json_t *in;
    json_array_foreach(inputs, i, in) {
        json_t *bands = json_object_get(in, "bands");
        if (!json_array_size(bands)) {
            json_decref(names);
            return; /* v1.3.0 checks bands only when every input lists some */
        }
        size_t j;
        json_t *b;
        json_array_foreach(bands, j, b) {
            json_t *n = json_is_string(b) ? b : json_object_get(b, "name");
            bool seen = false;
            size_t x;
            json_t *e;
            json_array_foreach(names, x, e)
                if (json_equal(e, n))
                    seen = true;
            if (json_is_string(n) && !seen)
                chk(m, json_array_append(names, n));
        }
    }
    const char *k;
    json_t *a;
    json_object_foreach(json_object_get(m->doc, "assets"), k, a) {
        if (!json_is_object(a) || !has_role(a, "mlm:model") || has_band_list(a))
            continue;
        const char *sv = json_string_value(json_object_get(m->doc, "stac_version"));
        bool stac11 = sv && strncmp(sv, "1.1", 3) == 0;
        const char *field = stac11 ? "bands" : "raster:bands";
        json_t *rb = json_array();
        size_t x;
        json_t *n;
        json_array_foreach(names, x, n)
            chk(m, json_array_append_new(rb, json_pack("{s:O}", "name", n)));
        if (stac11 && json_is_object(props)) /* the schema's STAC 1.1 branch reads properties.bands */
            chk(m, json_object_set_new(props, "bands", json_deep_copy(rb)));
        chk(m, json_object_set_new(a, field, rb));
        if (!stac11) {
            json_t *exts = json_object_get(m->doc, "stac_extensions");
            bool listed = false;
            size_t e;
            json_t *u;
            json_array_foreach(exts, e, u)
                if (json_is_string(u) && strstr(json_string_value(u), "/raster/"))
                    listed = true;
            if (!listed && json_is_array(exts)) {
                chk(m, json_array_append_new(exts, json_string(RASTER_URL)));
                note(m, "MIG130", false, NULL, PI(m, "/stac_extensions", json_array_size(exts) - 1),
                     "The Raster extension (%s) was added to stac_extensions: the v1.3.0 schema accepts "
                     "raster:bands as band definitions only when the document declares that extension.", RASTER_URL);
            }
        }
        note(m, "MIG130", false, J(m, "/properties", "/mlm:input"), P(m, P(m, "/assets", k), field),
             "The model asset got %s naming the %zu bands the inputs use: v1.3.0 \"add[s] raster:bands "
             "required property name for describing mlm:input bands\" and checks that the model asset defines "
             "them. Add the bands' other properties (data_type, nodata, ...) if known.", field, json_array_size(names));
    }
    json_decref(names);
}

/* ---- 1.3.0 -> 1.4.0 ----------------------------------------------------------- */

static json_t *scaling_of(mig *m, const char *type, const json_t *stat, bool *missing)
{
    json_t *o = json_pack("{s:s}", "type", type);
    static const char *const mm[] = {"minimum", "maximum", NULL};
    static const char *const zs[] = {"mean", "stddev", NULL};
    const char *const *need = strcmp(type, "min-max") == 0 ? mm : zs;
    for (; o && *need; need++) {
        json_t *v = json_object_get(stat, *need);
        if (json_is_number(v))
            chk(m, json_object_set(o, *need, v));
        else
            *missing = true;
    }
    return o;
}

static void input_1_4(mig *m, json_t *in, const char *ptr)
{
    json_t *nt = json_object_get(in, "norm_type");
    json_t *st = json_object_get(in, "statistics");
    json_t *clip = json_object_get(in, "norm_clip");
    bool had = nt || st || clip || json_object_get(in, "norm_by_channel");
    if (!had)
        return;
    const char *t = json_string_value(nt);
    json_t *vs = NULL;
    if (t && (strcmp(t, "min-max") == 0 || strcmp(t, "z-score") == 0)) {
        bool missing = false;
        vs = json_array();
        if (json_is_array(st) && json_array_size(st)) {
            size_t i;
            json_t *s;
            json_array_foreach(st, i, s)
                chk(m, json_array_append_new(vs, scaling_of(m, t, s, &missing)));
        } else {
            missing = true;
        }
        if (missing) {
            note(m, "MIG901", true, P(m, ptr, "statistics"), P(m, ptr, "value_scaling"),
                 "norm_type \"%s\" needs %s for every band and statistics %s does not give them all; "
                 "v1.4.0's value_scaling requires them. Complete value_scaling.",
                 t, strcmp(t, "min-max") == 0 ? "minimum and maximum" : "mean and stddev",
                 st ? show(m, st) : "(absent)");
            json_decref(vs); /* a half-filled value_scaling would be invalid */
            vs = NULL;
        }
        if (vs)
            note(m, "MIG140", false, P(m, ptr, "norm_type"), P(m, ptr, "value_scaling"),
                 "norm_type \"%s\" and statistics became value_scaling, one %s object per band: v1.4.0 "
                 "\"moved norm_type to value_scaling\" and \"moved statistics to value_scaling\".", t, t);
    } else if (t) {
        note(m, "MIG903", true, P(m, ptr, "norm_type"), P(m, ptr, "value_scaling"),
             "norm_type \"%s\" (with norm_clip %s and statistics %s) has no direct value_scaling type: v1.4.0 "
             "\"removed norm_type enum values that were ambiguous\" and says \"a processing:expression should "
             "be employed\". Write value_scaling (type \"processing\") or pre_processing_function by hand.",
             t, clip ? show(m, clip) : "(absent)", st ? show(m, st) : "(absent)");
    } else if (st && !json_is_null(st)) {
        note(m, "MIG902", true, P(m, ptr, "statistics"), NULL,
             "statistics %s without norm_type have no v1.4.0 equivalent (statistics moved into value_scaling, "
             "which needs the scaling type); they were removed. Add value_scaling if the model scales its input.",
             show(m, st));
    }
    json_t *ins = json_object();
    if (vs)
        chk(m, json_object_set_new(ins, "value_scaling", vs));
    const char *at = nt ? "norm_type" : st ? "statistics" : clip ? "norm_clip" : "norm_by_channel";
    static const char *const gone[] = {"norm_type", "statistics", "norm_clip", "norm_by_channel"};
    for (size_t i = 0; i < 4; i++) {
        if (!json_object_get(in, gone[i]))
            continue;
        if (strcmp(gone[i], "norm_by_channel") == 0)
            note(m, "MIG141", false, P(m, ptr, gone[i]), NULL,
                 "norm_by_channel was removed: v1.4.0 \"removed norm_by_channel from mlm:input objects\" (one "
                 "value_scaling object is broadcast; otherwise there is one per band).");
        else if (strcmp(gone[i], "norm_clip") == 0 && t && strcmp(t, "clip") != 0)
            note(m, "MIG141", false, P(m, ptr, gone[i]), NULL,
                 "norm_clip was removed: v1.4.0 \"removed norm_clip property\" and norm_type was not clip.");
        if (strcmp(gone[i], at) != 0)
            json_object_del(in, gone[i]);
    }
    splice(m, in, at, ins);
}

static void assets_1_4(mig *m, const char *holder);

static void step_1_4(mig *m)
{
    level lv[MAX_LEVELS];
    size_t n = v1_levels(m, lv, MAX_LEVELS);
    for (size_t i = 0; i < n; i++) {
        size_t j;
        json_t *in;
        const char *lp;
        json_array_foreach(object_list(m, &lv[i], "mlm:input", &lp), j, in)
            if (json_is_object(in))
                input_1_4(m, in, PI(m, lp, j));
    }
    source_code_roles(m); /* v1.4.0 requires mlm:artifact_type on every mlm:model asset */
    /* model-wide fields on assets go to the Item properties; on a Collection's
     * item_assets, to its summaries (the values its Items hold) */
    static const char *const holders[] = {"assets", "item_assets"};
    for (size_t h = 0; h < 2; h++)
        if (h == 0 || is_collection(m->doc))
            assets_1_4(m, holders[h]);
}

static void assets_1_4(mig *m, const char *holder)
{
    bool items = strcmp(holder, "item_assets") == 0;
    json_t *dest = json_object_get(m->doc, items ? "summaries" : "properties");
    const char *dp = items ? "/summaries" : "/properties";
    const char *dn = items ? "Collection summaries" : "Item properties";
    json_t *assets = json_object_get(m->doc, holder);
    const char *k;
    json_t *a;
    json_object_foreach(assets, k, a) {
        if (!json_is_object(a))
            continue;
        const char *ap = P(m, P(m, "", holder), k);
        static const char *const wide[] = {"mlm:name", "mlm:input", "mlm:output", "mlm:hyperparameters"};
        for (size_t w = 0; w < 4; w++) {
            json_t *v = json_object_get(a, wide[w]);
            if (!v)
                continue;
            if (items && !dest) {
                dest = json_object();
                chk(m, json_object_set_new(m->doc, "summaries", dest));
            }
            /* in summaries, as the JSON Schema {"const": value}: every Item holds that value, and the
             * published schemas reject array summaries (MLM210) */
            json_t *sv = items ? json_pack("{s:O}", "const", v) : json_incref(v);
            if (json_is_object(dest) && !json_object_get(dest, wide[w])) {
                chk(m, json_object_set(dest, wide[w], sv));
                note(m, "MIG142", false, P(m, ap, wide[w]), P(m, dp, wide[w]),
                     "%s moved from the asset to the %s: v1.4.0 \"explicitly disallow[s] mlm:name, "
                     "mlm:input, mlm:output and mlm:hyperparameters at the Asset level\".", wide[w], dn);
                json_object_del(a, wide[w]);
            } else if (json_is_object(dest) && mlmp_json_equal(json_object_get(dest, wide[w]), sv)) {
                note(m, "MIG142", false, P(m, ap, wide[w]), NULL,
                     "%s was removed from the asset, where v1.4.0 disallows it; the %s hold the same value.",
                     wide[w], dn);
                json_object_del(a, wide[w]);
            } else {
                note(m, "MIG903", true, P(m, ap, wide[w]), P(m, ap, wide[w]),
                     "%s on an asset is disallowed from v1.4.0 and the %s %s; decide which value "
                     "describes the model and keep it in the %s.", wide[w], dn,
                     json_is_object(dest) ? "hold a different one" : "are missing", dn);
            }
            json_decref(sv);
        }
        if (!items && has_role(a, "mlm:model") && !json_object_get(a, "mlm:artifact_type")) {
            const char *href = json_string_value(json_object_get(a, "href"));
            const char *dot = href ? strrchr(href, '.') : NULL;
            const char *guess = !dot ? NULL
                              : (strcmp(dot, ".pt") == 0 || strcmp(dot, ".pth") == 0) ? "torch.save"
                              : strcmp(dot, ".pt2") == 0 ? "torch.export.save"
                              : strcmp(dot, ".onnx") == 0 ? "onnx"
                              : strcmp(dot, ".safetensors") == 0 ? "safetensors"
                              : (strcmp(dot, ".h5") == 0 || strcmp(dot, ".keras") == 0) ? "tf.keras.Model.save" : NULL;
            if (guess) {
                chk(m, json_object_set_new(a, "mlm:artifact_type", json_string(guess)));
                note(m, "MIG901", true, NULL, P(m, ap, "mlm:artifact_type"),
                     "v1.4.0 requires mlm:artifact_type on the asset with the mlm:model role; it was set to \"%s\" "
                     "from the file name \"%s\". Check how the file was written.", guess, href);
            } else {
                note(m, "MIG901", true, NULL, P(m, ap, "mlm:artifact_type"),
                     "v1.4.0 requires mlm:artifact_type on the asset with the mlm:model role, and the file name "
                     "does not tell how the model was saved. Add it (e.g. torch.save, torch.jit.script, onnx).");
            }
        }
    }
}

/* ---- 1.4.0 -> 1.5.0 ----------------------------------------------------------- */

static void step_1_5(mig *m)
{
    json_t *assets = json_object_get(m->doc, "assets");
    const char *k;
    json_t *a;
    json_object_foreach(assets, k, a) {
        if (json_is_object(a) && json_object_get(a, "mlm:entrypoint") && add_role(m, a, "code"))
            note(m, "MIG150", false, P(m, "/assets", k), P(m, P(m, "/assets", k), "roles"),
                 "The asset has mlm:entrypoint, so it got the code role: v1.5.0 \"enforce[s] roles: [\"code\"] "
                 "(minimally) to be included if an Asset specified mlm:entrypoint\".");
    }
    level lv[MAX_LEVELS];
    size_t n = v1_levels(m, lv, MAX_LEVELS);
    for (size_t i = 0; i < n; i++) {
        size_t j;
        json_t *in;
        const char *lp;
        json_array_foreach(object_list(m, &lv[i], "mlm:input", &lp), j, in) {
            json_t *dims = json_object_get(json_object_get(in, "input"), "dim_order");
            const char *ip = PI(m, lp, j);
            if (json_array_size(json_object_get(in, "bands"))) {
                bool has = false;
                size_t ch = (size_t)-1, nch = 0, d;
                json_t *dn;
                json_array_foreach(dims, d, dn) {
                    if (json_is_string(dn) && strcmp(json_string_value(dn), "bands") == 0)
                        has = true;
                    if (json_is_string(dn) && strcmp(json_string_value(dn), "channel") == 0) {
                        ch = d;
                        nch++;
                    }
                }
                static const char *const not_bands[] = {"batch", "time", "height", "width", "depth", "token",
                                                        "class", "score", "confidence", "embedding", "channel",
                                                        "variables", "b", "t", "h", "w", "x", "y", NULL};
                size_t other = (size_t)-1, nother = 0;
                json_array_foreach(dims, d, dn)
                    if (json_is_string(dn) && !str_in(json_string_value(dn), not_bands)) {
                        other = d;
                        nother++;
                    }
                if (!has && nch == 0 && nother == 1) {
                    const char *old_name = show(m, json_array_get(dims, other));
                    chk(m, json_array_set_new(dims, other, json_string("bands")));
                    note(m, "MIG903", true, PI(m, J(m, ip, "/input/dim_order"), other),
                         PI(m, J(m, ip, "/input/dim_order"), other),
                         "The dimension %s, the only one of this input that is not a batch, time or spatial "
                         "dimension, became \"bands\": v1.5.0 requires a \"bands\" dimension when an input lists "
                         "bands. Check that it is the band dimension.", old_name);
                } else if (!has && nch == 1) {
                    chk(m, json_array_set_new(dims, ch, json_string("bands")));
                    note(m, "MIG151", false, PI(m, J(m, ip, "/input/dim_order"), ch), PI(m, J(m, ip, "/input/dim_order"), ch),
                         "The dimension \"channel\" of an input that lists bands became \"bands\": v1.5.0 checks "
                         "\"bands\" definitions \"against corresponding \\\"bands\\\" dimensions indicated in dim_order\".");
                } else if (!has && dims) {
                    note(m, "MIG903", true, J(m, ip, "/input/dim_order"), J(m, ip, "/input/dim_order"),
                         "This input lists bands but no dimension of dim_order is \"bands\" (v1.5.0 requires one) "
                         "and there is not exactly one \"channel\" dimension to rename. Name the band dimension.");
                }
            }
            size_t d;
            json_t *dn;
            json_array_foreach(dims, d, dn) {
                const char *s = json_string_value(dn);
                if (s && (strcmp(s, "bands") == 0 || strcmp(s, "variables") == 0) &&
                    !json_array_size(json_object_get(in, s)))
                    note(m, "MIG903", true, PI(m, J(m, ip, "/input/dim_order"), d), PI(m, J(m, ip, "/input/dim_order"), d),
                         "The dimension name \"%s\" is reserved from v1.5.0 (\"cannot be employed as general "
                         "dimension names without accompanying %s definitions\") and this input lists none. "
                         "List them, or rename the dimension (e.g. channel).", s, s);
            }
        }
    }
}

/* ---- stac_extensions ----------------------------------------------------------- */

static const char *target_url(mig *m, mlm_spec_version v)
{
    if (v >= MLM_SPEC_1_0_0 && v <= MLM_SPEC_1_3_0) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        mlmp_strbuf_printf(&b, "https://crim-ca.github.io/mlm-extension/v%s/schema.json", mlm_spec_version_name(v));
        return keep(m, mlmp_strbuf_detach(&b));
    }
    return mlm_spec_version_url(v);
}

static void rewrite_extensions(mig *m, mlm_spec_version source)
{
    const char *url = target_url(m, m->target);
    json_t *exts = json_object_get(m->doc, "stac_extensions");
    bool placed = false;
    for (size_t i = 0; json_is_array(exts) && i < json_array_size(exts);) {
        const char *u = json_string_value(json_array_get(exts, i));
        /* every MLM or dl-model identifier: published, unknown variants, moving branches */
        if (u && mlmp_url_classify(u).kind != MLMP_UCLASS_OTHER) {
            if (strcmp(u, url) == 0 && !placed) {
                placed = true;
                i++;
                continue;
            }
            const char *ip = PI(m, "/stac_extensions", i);
            if (!placed) {
                bool host = mlmp_spec_from_url(u) == m->target;
                mlmp_uclass_kind kind = mlmp_url_classify(u).kind;
                note(m, "MIG001", false, ip, ip, "The extension URL %s became %s: %s", u, url,
                     host ? "the copies of v1.0.0 to v1.3.0 on stac-extensions.github.io have a broken $id and "
                            "the crim-ca host serves them correctly."
                     : kind == MLMP_UCLASS_MLM_UNKNOWN || kind == MLMP_UCLASS_MOVING
                         ? "it names no published MLM schema (an unknown variant or a moving branch), so schema "
                           "validators cannot apply it."
                         : "the document now follows that version.");
                chk(m, json_array_set_new(exts, i, json_string(url)));
                placed = true;
                i++;
            } else {
                note(m, "MIG001", false, ip, NULL,
                     "The second MLM extension URL %s was removed: a document follows one version.", u);
                json_array_remove(exts, i);
            }
            continue;
        }
        i++;
    }
    if (!placed) {
        if (!json_is_array(exts)) {
            exts = json_array();
            chk(m, json_object_set_new(m->doc, "stac_extensions", exts));
        }
        chk(m, json_array_append_new(exts, json_string(url)));
        note(m, "MIG001", false, NULL, PI(m, "/stac_extensions", json_array_size(exts) - 1),
             "The extension URL %s was added: the document %s did not declare its MLM version, and schema "
             "validators apply an extension only when stac_extensions lists it.", url,
             source == MLM_SPEC_DRAFT ? "followed the draft but" : "");
    }
}

/* ---- driver ---------------------------------------------------------------------- */

static void migrate_one(mig *m, mlm_spec_version source, bool dl_model)
{
    if (dl_model) {
        m->a = MLM_SPEC_UNKNOWN;
        m->b = MLM_SPEC_1_0_0;
        step_dl_model(m);
        source = MLM_SPEC_1_0_0;
    }
    for (mlm_spec_version v = source; v < m->target && !m->oom; v++) {
        m->a = v;
        m->b = (mlm_spec_version)(v + 1);
        switch (m->b) {
        case MLM_SPEC_1_0_0: step_draft(m); break;
        case MLM_SPEC_1_1_0: step_1_1(m); break;
        case MLM_SPEC_1_3_0: step_1_3(m); break;
        case MLM_SPEC_1_4_0: step_1_4(m); break;
        case MLM_SPEC_1_5_0: step_1_5(m); break;
        default: break; /* 1.2.0, 1.5.1, 1.5.2: the URL only */
        }
    }
    m->a = dl_model ? MLM_SPEC_UNKNOWN : source;
    m->b = m->target;
    rewrite_extensions(m, source);
}

/* The version a document follows (src/version.c: the MLM URL listed, else
 * what its fields look like); dl-model documents (its identifier listed, or
 * only dlm: fields) are UNKNOWN with *dl_model set. */
static mlm_spec_version detect(const json_t *doc, bool *dl_model)
{
    mlmp_spec_scan scan;
    mlmp_spec_scan_run(doc, &scan);
    *dl_model = false;
    if (scan.spec != MLM_SPEC_UNKNOWN)
        return scan.spec;
    if (scan.predecessor_url || (scan.has_dlm_fields && !scan.has_mlm_fields)) {
        *dl_model = true;
        return MLM_SPEC_UNKNOWN;
    }
    return mlmp_spec_infer(&scan);
}

static void free_strs(mig *m)
{
    for (size_t i = 0; i < m->nstrs; i++)
        mlmp_free(m->strs[i]);
    m->nstrs = 0;
}

mlm_migration *mlm_migrate(json_t *root, mlm_spec_version target, mlm_error *err)
{
    if (!json_is_object(root) || target < MLM_SPEC_1_0_0 || target > MLM_SPEC_LATEST) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                       json_is_object(root) ? "The target version must be a release (1.0.0 to %s)."
                                            : "The document is not a JSON object%s.",
                       json_is_object(root) ? mlm_spec_version_name(MLM_SPEC_LATEST) : "");
        return NULL;
    }
    json_t *features = NULL;
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0)
        features = json_object_get(root, "features");
    size_t count = features ? json_array_size(features) : 1;
    mlm_spec_version *src = mlmp_calloc(count ? count : 1, sizeof(*src));
    bool *dl = mlmp_calloc(count ? count : 1, sizeof(*dl));
    if (!src || !dl) {
        mlmp_free(src);
        mlmp_free(dl);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory.");
        return NULL;
    }
    mlm_spec_version first = MLM_SPEC_UNKNOWN;
    for (size_t i = 0; i < count; i++) {
        json_t *doc = features ? json_array_get(features, i) : root;
        src[i] = json_is_object(doc) ? detect(doc, &dl[i]) : MLM_SPEC_UNKNOWN;
        if (src[i] == MLM_SPEC_UNKNOWN && !dl[i]) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           features ? "Feature %zu declares no MLM version and does not have the draft's shape, "
                                      "so there is nothing to migrate."
                                    : "The document declares no MLM version and does not have the draft's shape, "
                                      "so there is nothing to migrate%.0zu.",
                           i);
            mlmp_free(src);
            mlmp_free(dl);
            return NULL;
        }
        if (src[i] > target) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "The document follows MLM %s, which is newer than the target %s; migration only goes "
                           "to later versions.",
                           mlm_spec_version_name(src[i]), mlm_spec_version_name(target));
            mlmp_free(src);
            mlmp_free(dl);
            return NULL;
        }
        if (!dl[i] && (first == MLM_SPEC_UNKNOWN || src[i] < first))
            first = src[i];
    }
    mlm_migration *r = mlmp_calloc(1, sizeof(*r));
    if (!r) {
        mlmp_free(src);
        mlmp_free(dl);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory.");
        return NULL;
    }
    r->source = first;
    for (size_t i = 0; i < count; i++)
        if (dl[i])
            r->dl_model = true;
    if (r->dl_model)
        r->source = MLM_SPEC_UNKNOWN;
    mig m = {0};
    m.rep = r;
    m.target = target;
    for (size_t i = 0; i < count && !m.oom; i++) {
        char pre[48] = "";
        if (features)
            snprintf(pre, sizeof(pre), "/features/%zu", i);
        m.doc = features ? json_array_get(features, i) : root;
        m.prefix = pre;
        migrate_one(&m, src[i], dl[i]);
        free_strs(&m);
    }
    mlmp_free(m.strs);
    mlmp_free(src);
    mlmp_free(dl);
    if (m.oom) {
        mlm_migration_free(r);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while migrating.");
        return NULL;
    }
    return r;
}

mlm_spec_version mlm_migration_source(const mlm_migration *m) { return m ? m->source : MLM_SPEC_UNKNOWN; }
bool mlm_migration_from_dl_model(const mlm_migration *m) { return m && m->dl_model; }
size_t mlm_migration_count(const mlm_migration *m) { return m ? m->n : 0; }
size_t mlm_migration_todo_count(const mlm_migration *m) { return m ? m->todos : 0; }

const mlm_migrate_entry *mlm_migration_entry(const mlm_migration *m, size_t i)
{
    return m && i < m->n ? &m->items[i] : NULL;
}

const char *mlm_migrate_kind_name(mlm_migrate_kind k)
{
    switch (k) {
    case MLM_MIGRATE_CHANGE: return "change";
    case MLM_MIGRATE_TODO: return "todo";
    }
    return "unknown";
}

void mlm_migration_free(mlm_migration *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free_const(m->items[i].from);
        free_const(m->items[i].to);
        free_const(m->items[i].message);
    }
    mlmp_free(m->items);
    mlmp_free(m);
}

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
        json_array_foreach(mlmp_unconst(v), i, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        mlmp_object_foreach(v, k, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    }
    return best;
}
