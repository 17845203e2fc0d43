/* The MLM levels of a document for the migration steps: Item properties, a
 * Collection and its summaries, assets and item_assets; and the values a field
 * has at a level (one value, or each value a summary lists). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate_private.h"

bool mig_is_collection(const json_t *doc)
{
    const char *type = json_string_value(json_object_get(doc, "type"));
    return type && strcmp(type, "Collection") == 0;
}

/* Item properties, the Collection itself and its summaries, every asset and item_assets entry. */
bool mig_is_bare(const json_t *doc)
{
    return !json_object_get(doc, "type") && !json_object_get(doc, "properties");
}

size_t mig_levels(mig *m, mig_level *out, size_t max)
{
    size_t n = 0;
    json_t *props = json_object_get(m->doc, "properties");
    if (json_is_object(props) && n < max)
        out[n++] = (mig_level){props, "/properties", false};
    json_t *sum = json_object_get(m->doc, "summaries");
    if ((mig_is_collection(m->doc) || mig_is_bare(m->doc)) && n < max)
        out[n++] = (mig_level){m->doc, "", false};
    if (mig_is_collection(m->doc) && json_is_object(sum) && n < max)
        out[n++] = (mig_level){sum, "/summaries", true};
    static const char *const holders[] = {"assets", "item_assets"};
    for (size_t h = 0; h < 2; h++) {
        json_t *assets = json_object_get(m->doc, holders[h]);
        const char *k;
        json_t *a;
        json_object_foreach (assets, k, a)
            if (json_is_object(a) && n < max)
                out[n++] = (mig_level){a, mig_key(m, mig_key(m, "", holders[h]), k), false};
    }
    return n;
}

/* A summary a step cannot rewrite value by value (a range, a JSON Schema
 * other than const / enum, a list whose values have an unexpected shape). */
void mig_summary_todo(mig *m, const mig_level *lv, const char *key, const char *what)
{
    mig_note(m, MIG905, mig_key(m, lv->ptr, key), mig_key(m, lv->ptr, key),
             "The summary of %s is %s, so the change of this version step cannot be applied to it "
             "value by value. "
             "Rewrite the summary from the migrated Items.",
             key, what);
}

/* The list of values a summary gives (STAC: an array of values, or a JSON
 * Schema; "const" is one value, "enum" a list), and its pointer; NULL with
 * *one set for a const. */
static json_t *summary_values(mig *m, const mig_level *lv, const char *key, const char **ptr,
                              json_t **one)
{
    json_t *v = json_object_get(lv->obj, key);
    *one = NULL;
    *ptr = mig_key(m, lv->ptr, key);
    if (json_is_array(v))
        return v;
    if (json_is_object(v) && json_object_get(v, "const")) {
        *one = json_object_get(v, "const");
        *ptr = mig_key(m, *ptr, "const");
        return NULL;
    }
    if (json_is_object(v) && json_is_array(json_object_get(v, "enum"))) {
        *ptr = mig_key(m, *ptr, "enum");
        return json_object_get(v, "enum");
    }
    mig_summary_todo(
        m, lv, key, "neither a list of values nor a JSON Schema with const or enum (e.g. a range)");
    return NULL;
}

mig_values mig_field_values(mig *m, const mig_level *lv, const char *key)
{
    mig_values r = {0};
    json_t *v = json_object_get(lv->obj, key);
    if (!v)
        return r;
    if (!lv->summary) {
        r.one = v;
        r.base = mig_key(m, lv->ptr, key);
    } else {
        r.list = summary_values(m, lv, key, &r.base, &r.one);
    }
    r.n = r.one ? 1 : json_array_size(r.list);
    return r;
}

json_t *mig_value_at(const mig_values *v, size_t i)
{
    return v->one ? v->one : json_array_get(v->list, i);
}

const char *mig_value_ptr(mig *m, const mig_values *v, size_t i)
{
    return v->one ? v->base : mig_index(m, v->base, i);
}

void mig_set_field_value(mig *m, const mig_level *lv, const char *key, size_t i, json_t *nv)
{
    json_t *v = json_object_get(lv->obj, key);
    if (!lv->summary)
        mig_chk(m, json_object_set_new(lv->obj, key, nv));
    else if (json_is_array(v))
        mig_chk(m, json_array_set_new(v, i, nv));
    else if (json_object_get(v, "const"))
        mig_chk(m, json_object_set_new(v, "const", nv));
    else
        mig_chk(m, json_array_set_new(json_object_get(v, "enum"), i, nv));
}

/* The objects of an object-array field (mlm:input, mlm:output) at a level,
 * and its pointer: the field in an Item; in a summary the list of the Items'
 * objects, or the array a const gives. Otherwise a MIG905 TODO and NULL. */
static json_t *mig_object_list(mig *m, const mig_level *lv, const char *key, const char **ptr)
{
    json_t *v = json_object_get(lv->obj, key);
    *ptr = mig_key(m, lv->ptr, key);
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
    json_array_foreach (list, i, e)
        if (!json_is_object(e))
            objects = false;
    if (!objects) {
        mig_summary_todo(m, lv, key,
                         "a list whose values are not all objects (e.g. one array per Item)");
        return NULL;
    }
    return list;
}

void mig_each_object(mig *m, const char *key, void (*fn)(mig *m, json_t *obj, const char *ptr))
{
    mig_level lv[MIG_MAX_LEVELS];
    size_t n = mig_levels(m, lv, MIG_MAX_LEVELS);
    for (size_t i = 0; i < n; i++) {
        size_t j;
        json_t *obj;
        const char *lp;
        json_array_foreach (mig_object_list(m, &lv[i], key, &lp), j, obj)
            if (json_is_object(obj))
                fn(m, obj, mig_index(m, lp, j));
    }
}
