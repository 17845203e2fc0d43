/*
 * Released versions (v1.0.0 .. v1.5.2): what the MLM spec text (README) asks
 * for and no published schema checks. Everything here is a warning: it never
 * changes the verdict unless the caller asks for --strict.
 *
 * The JSON is read defensively: a check only runs when the values it looks
 * at have the expected types (wrong types are reported by the error rules).
 * Nothing here repeats a check the schema of the version already makes.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "hashidx.h"
#include "rules/rules.h"

/* --- small JSON helpers ---------------------------------------------------- */

/* jansson's json_is_* macros evaluate their argument twice; these do not. */
static bool is_type(const json_t *v, json_type t) { return v != NULL && json_typeof(v) == t; }
static bool is_array(const json_t *v) { return is_type(v, JSON_ARRAY); }
static bool is_object(const json_t *v) { return is_type(v, JSON_OBJECT); }
static bool is_string(const json_t *v) { return is_type(v, JSON_STRING); }
static bool is_true(const json_t *v) { return is_type(v, JSON_TRUE); }
static bool is_false(const json_t *v) { return is_type(v, JSON_FALSE); }
static bool is_null(const json_t *v) { return is_type(v, JSON_NULL); }

static const json_t *get(const json_t *obj, const char *key)
{
    return is_object(obj) ? json_object_get(obj, key) : NULL;
}

static bool str_eq(const json_t *v, const char *s)
{
    return is_string(v) && strcmp(json_string_value(v), s) == 0;
}

/* An integer value (1 and 1.0 both count), with its value in *out. */
static bool int_value(const json_t *v, long long *out)
{
    if (!mlmp_json_is(v, MLMP_T_INTEGER))
        return false;
    if (json_is_integer(v)) {
        *out = (long long)json_integer_value(v);
        return true;
    }
    /* An integral real such as 1e300 does not fit: clamp (converting it
     * would be undefined behaviour). 2^63 is exact as a double. */
    double d = json_real_value(v);
    if (d >= 9223372036854775808.0)
        *out = LLONG_MAX;
    else if (d < -9223372036854775808.0)
        *out = LLONG_MIN;
    else
        *out = (long long)d;
    return true;
}

static bool has_role(const json_t *asset, const char *role)
{
    const json_t *roles = get(asset, "roles");
    return is_array(roles) && mlmp_json_array_has_string(roles, role);
}

/* The name a band/variable entry refers to: a string, or an object's "name". */
static const char *entry_name(const json_t *entry)
{
    if (is_string(entry))
        return json_string_value(entry);
    const json_t *name = get(entry, "name");
    return is_string(name) ? json_string_value(name) : NULL;
}

/* A Model Band Object that derives a virtual band with an expression: its
 * name is the name of the result, so it need not match a band definition. */
static bool entry_is_derived(const json_t *entry)
{
    return is_object(entry) && json_object_get(entry, "expression") != NULL;
}

/* --- a set of borrowed names --------------------------------------------------- */

typedef struct name_set {
    const char **items; /* in insertion order */
    size_t len;
    size_t cap;
    mlmp_hidx index; /* name -> item */
    bool ready;      /* index initialised */
} name_set;

static bool name_eq(const void *ctx, size_t item, const void *key)
{
    return strcmp(((const name_set *)ctx)->items[item], key) == 0;
}

static uint64_t name_rehash(const void *ctx, size_t item)
{
    return mlmp_hidx_str_hash(((const name_set *)ctx)->items[item]);
}

static bool names_has(const name_set *s, const char *name)
{
    return s->ready &&
           mlmp_hidx_find(&s->index, mlmp_hidx_str_hash(name), name_eq, s, name) != SIZE_MAX;
}

/* Set membership by hashing, not a scan of the list: 100,000 band names made
 * the scan a hang. */
static void names_add(mlmp_ctx *c, name_set *s, const char *name)
{
    if (!name || names_has(s, name))
        return;
    if (!s->ready) {
        mlmp_hidx_init(&s->index, mlmp_calloc, mlmp_free);
        s->ready = true;
    }
    if (mlmp_grow((void **)&s->items, &s->cap, s->len + 1, sizeof(*s->items)) != MLM_OK) {
        c->oom = true;
        return;
    }
    s->items[s->len] = name;
    if (!mlmp_hidx_add(&s->index, mlmp_hidx_str_hash(name), s->len, name_rehash, s)) {
        c->oom = true;
        return;
    }
    s->len++;
}

static void names_free(name_set *s)
{
    mlmp_free(s->items);
    if (s->ready)
        mlmp_hidx_free(&s->index);
}

/* Add the "name" of every object in a band array (eo:bands, raster:bands, bands). */
static void names_add_bands(mlmp_ctx *c, name_set *s, const json_t *bands)
{
    size_t i;
    const json_t *b;
    if (!is_array(bands))
        return;
    json_array_foreach (mlmp_unconst(bands), i, b) {
        const json_t *name = get(b, "name");
        if (is_string(name))
            names_add(c, s, json_string_value(name));
    }
}

static void names_add_keys(mlmp_ctx *c, name_set *s, const json_t *obj)
{
    const char *k;
    const json_t *v;
    if (!is_object(obj))
        return;
    mlmp_object_foreach (obj, k, v) {
        (void)v;
        names_add(c, s, k);
    }
}

/* --- the document being checked ---------------------------------------------- */

typedef struct spec_doc {
    const json_t *props;  /* Item "properties" (object) or NULL */
    const json_t *assets; /* "assets" (object) or NULL */
    bool item;
    bool collection;
    name_set bands;      /* names of the band definitions */
    name_set variables;  /* keys of cube:variables */
    bool have_band_defs; /* some band definition array was found */
    bool have_var_defs;
} spec_doc;

/* --- dimensions: shape vs dim_order --------------------------------------------- */

/* Count the entries of a bands/variables list, or -1 if it is not an array. */
/* The number of entries of a bands/variables list, or -1 when it is not a
 * list of well-formed entries (those are errors already; no warning). */
static long list_len(const json_t *list)
{
    if (!is_array(list))
        return -1;
    size_t i;
    const json_t *e;
    json_array_foreach (mlmp_unconst(list), i, e) {
        const char *name = entry_name(e);
        if (!name || !name[0])
            return -1;
    }
    return (long)json_array_size(list);
}

/* Check one Input/Result Structure Object. The current pointer is the
 * input or output object; `key` names the structure ("input" / "result"). */
static void check_structure(mlmp_ctx *c, const json_t *io, const char *key)
{
    const json_t *st = get(io, key);
    if (!is_object(st))
        return;
    const json_t *shape = get(st, "shape");
    const json_t *order = get(st, "dim_order");
    mlmp_path_push_key(c, key);

    if (is_array(shape)) {
        size_t i;
        const json_t *v;
        json_array_foreach (mlmp_unconst(shape), i, v) {
            long long n;
            if (int_value(v, &n) && n == 0) {
                mlmp_path_push_key(c, "shape");
                mlmp_report_index(c, i, "MLM301",
                                  "use the fixed size of that dimension, or -1 if it varies",
                                  "shape entry %zu is 0; the spec asks for a size greater than 0, "
                                  "or -1 for a dimension of variable size",
                                  i);
                mlmp_path_pop(c);
            }
        }
    }

    if (is_array(shape) && is_array(order) && json_array_size(shape) > 0 &&
        json_array_size(order) > 0 && json_array_size(shape) != json_array_size(order)) {
        mlmp_report_key(c, "dim_order", "MLM300",
                        "give dim_order one name per shape entry, in the same order",
                        "dim_order names %zu dimension(s) but shape has %zu; each shape entry "
                        "needs the name of its dimension",
                        json_array_size(order), json_array_size(shape));
    }

    /* The fixed size of the "bands" / "variables" dimension against the
     * number of bands / variables the input or output lists. */
    if (is_array(shape) && is_array(order)) {
        static const char *const dims[] = {"bands", "variables"};
        for (size_t d = 0; d < MLMP_ARRAY_LEN(dims); d++) {
            long count = list_len(get(io, dims[d]));
            if (count <= 0)
                continue;
            size_t i;
            const json_t *name;
            json_array_foreach (mlmp_unconst(order), i, name) {
                long long size;
                if (!str_eq(name, dims[d]) || i >= json_array_size(shape))
                    continue;
                if (!int_value(json_array_get(shape, i), &size) || size <= 0)
                    continue;
                if (size != (long long)count) {
                    mlmp_path_push_key(c, "shape");
                    mlmp_report_index(
                        c, i, "MLM303",
                        d == 0 ? "list one band per position of the \"bands\" dimension (a band "
                                 "computed from others is a Model Band Object with format and "
                                 "expression), or correct the shape"
                               : "list one variable per position of the \"variables\" "
                                 "dimension, or correct the shape",
                        "the \"%s\" dimension has size %lld but %ld %s listed in \"%s\"", dims[d],
                        size, count,
                        d == 0 ? (count == 1 ? "band is" : "bands are")
                               : (count == 1 ? "variable is" : "variables are"),
                        dims[d]);
                    mlmp_path_pop(c);
                }
            }
        }
    }
    mlmp_path_pop(c);
}

/* --- bands and variables of an input or output --------------------------------------- */

typedef struct named_index {
    const char *name;
    size_t index;
} named_index;

static int cmp_named_index(const void *a, const void *b)
{
    const named_index *x = a, *y = b;
    int r = strcmp(x->name, y->name);
    if (r)
        return r;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* For each entry of @p list, the index of the first earlier entry with the
 * same name, or SIZE_MAX: sorting, not comparing every pair (100,000 bands
 * made the pairwise loop a hang). NULL when memory ran out. */
static size_t *first_same_name(const json_t *list, size_t n)
{
    size_t *first = mlmp_malloc(n * sizeof(*first));
    named_index *names = mlmp_malloc(n * sizeof(*names));
    if (!first || !names) {
        mlmp_free(first);
        mlmp_free(names);
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        first[i] = SIZE_MAX;
        const char *name = entry_name(json_array_get(list, i));
        if (name)
            names[m++] = (named_index){name, i};
    }
    qsort(names, m, sizeof(*names), cmp_named_index);
    for (size_t k = 1; k < m; k++) {
        size_t g = k - 1;
        if (strcmp(names[g].name, names[k].name) == 0)
            first[names[k].index] =
                first[names[g].index] == SIZE_MAX ? names[g].index : first[names[g].index];
    }
    mlmp_free(names);
    return first;
}

static void check_duplicates(mlmp_ctx *c, const json_t *list, const char *what)
{
    size_t n = json_array_size(list);
    if (n < 2)
        return;
    size_t *first = first_same_name(list, n);
    if (!first) {
        c->oom = true;
        return;
    }
    for (size_t i = 1; i < n; i++) {
        if (first[i] == SIZE_MAX)
            continue;
        const char *name = entry_name(json_array_get(list, i));
        mlmp_report_index(c, i, "MLM306",
                          "list each one once; if the input stacks the same band from "
                          "several dates or sources, give each position its own name "
                          "or describe it with a separate dimension",
                          "%s \"%s\" is listed again (first at index %zu); positions in "
                          "the list are the index of the %s in the array",
                          what, name, first[i], what);
    }
    mlmp_free(first);
}

/* Does the schema of this version already require some band (variables)
 * definition because of the bands (variables) of the inputs / outputs?
 * Then a missing definition is its error, not our warning. */
static bool schema_requires_defs(const mlmp_ctx *c, const json_t *props, const char *list)
{
    static const char *const ios[] = {MLMP_KEY(PROPS, input), MLMP_KEY(PROPS, output)};
    bool is_vars = strcmp(list, "variables") == 0;
    if (!mlmp_spec_at_least(c, MLM_SPEC_1_3_0))
        return false;
    if (!is_object(props))
        return false;
    size_t n_io = mlmp_spec_at_least(c, MLM_SPEC_1_5_0) ? 2 : 1;
    if (is_vars && !mlmp_spec_at_least(c, MLM_SPEC_1_5_0))
        return false;
    for (size_t k = 0; k < n_io; k++) {
        const json_t *arr = json_object_get(props, ios[k]);
        if (!is_array(arr) || json_array_size(arr) == 0)
            continue;
        bool all = true;
        size_t i;
        const json_t *io;
        json_array_foreach (mlmp_unconst(arr), i, io) {
            const json_t *l = get(io, list);
            if (!is_object(io) || !is_array(l) || json_array_size(l) == 0) {
                all = false;
                break;
            }
        }
        if (all)
            return true;
    }
    return false;
}

/* A definition whose name starts with `name` followed by a separator, such
 * as "B02 - blue" for "B02": a likely intended match. */
static const char *prefix_match(const char *name, const name_set *defs)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < defs->len; i++) {
        const char *d = defs->items[i];
        if (strncmp(d, name, n) == 0 &&
            (d[n] == ' ' || d[n] == '-' || d[n] == '_' || d[n] == ':' || d[n] == '('))
            return d;
    }
    return NULL;
}

static void check_references(mlmp_ctx *c, spec_doc *d, const json_t *io, bool vars)
{
    const char *key = vars ? "variables" : "bands";
    const json_t *list = get(io, key);
    if (!is_array(list) || json_array_size(list) == 0)
        return;
    mlmp_path_push_key(c, key);
    check_duplicates(c, list, vars ? "variable" : "band");

    const name_set *defs = vars ? &d->variables : &d->bands;
    bool have = vars ? d->have_var_defs : d->have_band_defs;
    const char *rule = vars ? "MLM305" : "MLM304";
    if (have && defs->len == 0) {
        mlmp_report(c, rule,
                    vars ? "give cube:variables at least one variable"
                         : "give each band object a \"name\" (raster:bands need one for MLM)",
                    "%s lists %zu %s but none of the band definitions of the document has a "
                    "name they could refer to",
                    key, json_array_size(list), vars ? "variable(s)" : "band(s)");
        mlmp_path_pop(c);
        return;
    }
    if (!have) {
        if (!schema_requires_defs(c, d->props, key))
            mlmp_report(c, rule,
                        vars ? "describe the variables in cube:variables (datacube extension) "
                               "of the Item or of the mlm:model asset"
                             : "describe the bands with eo:bands, raster:bands (each with a "
                               "name) or STAC 1.1 bands, on the mlm:model asset or in the "
                               "Item properties",
                        "%s lists %zu %s but the document has no %s that they could refer to", key,
                        json_array_size(list), vars ? "variable(s)" : "band(s)",
                        vars ? "cube:variables" : "band definitions");
        mlmp_path_pop(c);
        return;
    }
    size_t i, suggested = 0;
    const json_t *e;
    json_array_foreach (mlmp_unconst(list), i, e) {
        const char *name = entry_name(e);
        /* An empty name is already an error (minLength); no warning on top. */
        if (!name || !name[0] || entry_is_derived(e) || names_has(defs, name))
            continue;
        /* Suggestions compare with every definition: only for the first
         * few, so that many references times many definitions stays linear. */
        const char *near = NULL;
        if (suggested < 32) {
            suggested++;
            near = mlmp_suggest(name, defs->items, defs->len);
            if (!near)
                near = prefix_match(name, defs);
        }
        char hint[256];
        if (near && mlmp_differs_in_case_only(name, near))
            mlmp_suggest_hint(name, near, hint, sizeof(hint));
        else if (near)
            snprintf(hint, sizeof(hint),
                     "did you mean \"%s\"? references use the exact name of the definition", near);
        else
            snprintf(hint, sizeof(hint), "%s",
                     vars ? "use the key of the variable in cube:variables"
                          : "use the \"name\" of the band object (eo:bands, raster:bands or "
                            "bands); a band computed from others needs format and expression");
        if (vars)
            mlmp_report_index(c, i, rule, hint, "variable \"%s\" is not a key of cube:variables",
                              name);
        else
            mlmp_report_index(c, i, rule, hint,
                              "band \"%s\" matches no band name in eo:bands, raster:bands or "
                              "bands of the mlm:model asset or the Item properties",
                              name);
        if (near) { /* the reference written as the definition names it */
            char at[48];
            snprintf(at, sizeof(at), "%zu", i);
            mlmp_path_push_key(c, at);
            bool sure = mlmp_differs_in_case_only(name, near) ||
                        mlmp_suggest_is_sure(name, near, defs->items, defs->len);
            mlmp_fix_replace_string(c, json_is_string(e) ? NULL : "name", name, near, sure);
            mlmp_path_pop(c);
        }
    }
    mlmp_path_pop(c);
}

/* --- value_scaling ------------------------------------------------------------------ */

static void check_value_scaling(mlmp_ctx *c, const json_t *in)
{
    if (!mlmp_spec_at_least(c, MLM_SPEC_1_4_0))
        return;
    const json_t *vs = get(in, "value_scaling");
    if (!is_array(vs) || json_array_size(vs) <= 1)
        return;
    size_t k;
    const json_t *entry;
    json_array_foreach (mlmp_unconst(vs), k, entry) {
        if (!is_object(entry))
            return; /* malformed entries are errors already */
    }
    long nb = list_len(get(in, "bands"));
    long nv = mlmp_spec_at_least(c, MLM_SPEC_1_5_0) ? list_len(get(in, "variables")) : -1;
    const char *what;
    long n;
    if (nb > 0 && nv <= 0) {
        what = "band";
        n = nb;
    } else if (nv > 0 && nb <= 0) {
        what = "variable";
        n = nv;
    } else {
        return; /* nothing listed, or both: the dimension is not known here */
    }
    if ((long)json_array_size(vs) != n)
        mlmp_report_key(c, "value_scaling", "MLM302",
                        "give one Value Scaling Object to apply to every band, or one per band "
                        "in the order of the list",
                        "value_scaling has %zu entries but the input lists %ld %s%s; the spec "
                        "asks for exactly one entry (broadcast) or one per %s",
                        json_array_size(vs), n, what, n == 1 ? "" : "s", what);
}

/* --- outputs: classes and tasks --------------------------------------------------------- */

typedef struct class_key {
    long long value;    /* by value */
    const json_t *name; /* or by name */
    size_t index;
} class_key;

static int cmp_class_value(const void *a, const void *b)
{
    const class_key *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

static int cmp_class_name(const void *a, const void *b)
{
    const class_key *x = a, *y = b;
    size_t lx = json_string_length(x->name), ly = json_string_length(y->name);
    int r = memcmp(json_string_value(x->name), json_string_value(y->name), lx < ly ? lx : ly);
    if (r)
        return r;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* first[i]: the first earlier class with the same key, or SIZE_MAX. */
static void first_same(class_key *keys, size_t m, size_t *first,
                       int (*cmp)(const void *, const void *))
{
    qsort(keys, m, sizeof(*keys), cmp);
    for (size_t k = 1; k < m; k++) {
        class_key probe = keys[k];
        probe.index = keys[k - 1].index; /* equal keys compare by index only */
        if (cmp(&keys[k - 1], &probe) == 0) {
            size_t g = keys[k - 1].index;
            first[keys[k].index] = first[g] == SIZE_MAX ? g : first[g];
        }
    }
}

static void check_classes(mlmp_ctx *c, const json_t *out)
{
    const json_t *classes = get(out, "classification:classes");
    if (!is_array(classes) || json_array_size(classes) == 0)
        return;
    size_t n = json_array_size(classes);
    /* Sorting, not every pair: 100,000 classes made the pairwise loop hang. */
    size_t *first_v = mlmp_malloc(n * sizeof(*first_v));
    size_t *first_n = mlmp_malloc(n * sizeof(*first_n));
    class_key *keys = mlmp_malloc(n * sizeof(*keys));
    if (!first_v || !first_n || !keys) {
        c->oom = true;
        goto out;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        first_v[i] = first_n[i] = SIZE_MAX;
        long long v;
        if (int_value(get(json_array_get(classes, i), "value"), &v))
            keys[m++] = (class_key){v, NULL, i};
    }
    first_same(keys, m, first_v, cmp_class_value);
    m = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *name = get(json_array_get(classes, i), "name");
        if (is_string(name))
            keys[m++] = (class_key){0, name, i};
    }
    first_same(keys, m, first_n, cmp_class_name);
    mlmp_path_push_key(c, "classification:classes");
    for (size_t i = 1; i < n; i++) {
        const json_t *ci = json_array_get(classes, i);
        bool hv = first_v[i] != SIZE_MAX, hn = first_n[i] != SIZE_MAX;
        /* The order of the pairwise loop this replaces: by the earlier
         * class, the value before the name for the same class. */
        bool value_first = hv && (!hn || first_v[i] <= first_n[i]);
        for (int pass = 0; pass < 3; pass++) {
            if ((pass == 0 && value_first) || (pass == 2 && hv && !value_first)) {
                long long vi = 0;
                (void)int_value(get(ci, "value"), &vi);
                mlmp_path_push_index(c, i);
                mlmp_report_key(c, "value", "MLM307",
                                "give each class its own value, as the model output encodes it",
                                "class value %lld is used again (first by class %zu); a value "
                                "must identify one class",
                                vi, first_v[i]);
                mlmp_path_pop(c);
            } else if (pass == 1 && hn) {
                mlmp_path_push_index(c, i);
                mlmp_report_key(c, "name", "MLM308", "give each class a distinct name",
                                "class name \"%s\" is used again (first by class %zu)",
                                json_string_value(get(ci, "name")), first_n[i]);
                mlmp_path_pop(c);
            }
        }
    }
    mlmp_path_pop(c);
out:
    mlmp_free(first_v);
    mlmp_free(first_n);
    mlmp_free(keys);
    if (c->oom)
        return;

    /* A fixed "class" dimension of more than one entry holds one value per
     * class (scores, logits, probabilities); size 1 is a class index. */
    const json_t *res = get(out, "result");
    const json_t *shape = get(res, "shape");
    const json_t *order = get(res, "dim_order");
    if (!is_array(shape) || !is_array(order))
        return;
    size_t i;
    const json_t *dim;
    json_array_foreach (mlmp_unconst(classes), i, dim) {
        if (!is_object(dim))
            return; /* malformed classes are errors already: no count to compare */
    }
    json_array_foreach (mlmp_unconst(order), i, dim) {
        long long size;
        if (!(str_eq(dim, "class") || str_eq(dim, "classes")) || i >= json_array_size(shape))
            continue;
        if (!int_value(json_array_get(shape, i), &size) || size <= 1)
            continue;
        if (size != (long long)n) {
            mlmp_path_push_key(c, "result");
            mlmp_path_push_key(c, "shape");
            mlmp_report_index(c, i, "MLM309",
                              "list one class object per position of the class dimension, or "
                              "correct the shape",
                              "the \"%s\" dimension has size %lld but classification:classes "
                              "lists %zu class%s",
                              json_string_value(dim), size, n, n == 1 ? "" : "es");
            mlmp_path_pop(c);
            mlmp_path_pop(c);
        }
    }
}

static void check_output_tasks(mlmp_ctx *c, const json_t *props, const json_t *out)
{
    const json_t *tasks = get(out, "tasks");
    if (!is_array(tasks))
        return;
    if (json_array_size(tasks) == 0) {
        mlmp_report_key(c, "tasks", "MLM322",
                        "name the tasks this output serves (a subset of mlm:tasks)",
                        "tasks is empty; the spec requires the tasks this output can be used for");
        return;
    }
    /* Compare only with a usable list: non-empty (MLM322 covers empty) and
     * of strings (anything else is the schema's error). */
    const json_t *all = get(props, MLMP_KEY(PROPS, tasks));
    if (!is_array(all) || json_array_size(all) == 0)
        return;
    size_t k;
    const json_t *t0;
    json_array_foreach (mlmp_unconst(all), k, t0)
        if (!is_string(t0))
            return;
    size_t i;
    const json_t *t;
    mlmp_path_push_key(c, "tasks");
    json_array_foreach (mlmp_unconst(tasks), i, t) {
        if (!is_string(t) || !json_string_value(t)[0] ||
            mlmp_json_array_has_string(all, json_string_value(t)))
            continue; /* wrong types and empty names are errors already */
        mlmp_report_index(c, i, "MLM310",
                          "add it to mlm:tasks in the Item properties: they list every task of "
                          "the model, and each output's tasks are a subset of them",
                          "output task \"%s\" is not listed in mlm:tasks", json_string_value(t));
    }
    mlmp_path_pop(c);
}

/* --- inputs and outputs ------------------------------------------------------------------ */

static void check_inputs(mlmp_ctx *c, spec_doc *d)
{
    const json_t *inputs = get(d->props, MLMP_KEY(PROPS, input));
    if (!is_array(inputs))
        return;
    mlmp_path_push_key(c, MLMP_KEY(PROPS, input));
    size_t i;
    const json_t *in;
    json_array_foreach (mlmp_unconst(inputs), i, in) {
        if (!is_object(in))
            continue;
        mlmp_path_push_index(c, i);
        check_structure(c, in, "input");
        check_value_scaling(c, in);
        check_references(c, d, in, false);
        if (mlmp_spec_at_least(c, MLM_SPEC_1_5_0))
            check_references(c, d, in, true);
        mlmp_path_pop(c);
    }
    mlmp_path_pop(c);
}

static void check_outputs(mlmp_ctx *c, spec_doc *d)
{
    const json_t *outputs = get(d->props, MLMP_KEY(PROPS, output));
    if (!is_array(outputs))
        return;
    mlmp_path_push_key(c, MLMP_KEY(PROPS, output));
    size_t i;
    const json_t *out;
    json_array_foreach (mlmp_unconst(outputs), i, out) {
        if (!is_object(out))
            continue;
        mlmp_path_push_index(c, i);
        check_structure(c, out, "result");
        check_output_tasks(c, d->props, out);
        check_classes(c, out);
        if (mlmp_spec_at_least(c, MLM_SPEC_1_5_0)) {
            check_references(c, d, out, false);
            check_references(c, d, out, true);
        }
        mlmp_path_pop(c);
    }
    mlmp_path_pop(c);
}

/* --- fields of one holder (Item properties, an asset, a Collection) ---------------------------- */

/* A field's value at `holder`, or inherited from the Item properties when
 * the holder is an asset that does not set it (spec: asset values override
 * the Item's for that asset). */
static const json_t *effective(const json_t *holder, const json_t *parent, const char *key)
{
    const json_t *v = get(holder, key);
    if (!v && parent)
        v = get(parent, key);
    return v;
}

/* True if some asset sets mlm:accelerator to a non-null value. */
static bool any_asset_accelerator(const spec_doc *d)
{
    const char *k;
    const json_t *a;
    if (!d->assets)
        return false;
    mlmp_object_foreach (d->assets, k, a) {
        (void)k;
        const json_t *acc = get(a, MLMP_KEY(PROPS, accelerator));
        if (acc && !is_null(acc))
            return true;
    }
    return false;
}

static bool framework_anywhere(const spec_doc *d, const json_t *root)
{
    if (get(root, MLMP_KEY(PROPS, framework)) || get(d->props, MLMP_KEY(PROPS, framework)))
        return true;
    const json_t *sum = get(root, "summaries");
    if (get(sum, MLMP_KEY(PROPS, framework)))
        return true;
    static const char *const groups[] = {"assets", "item_assets"};
    for (size_t g = 0; g < MLMP_ARRAY_LEN(groups); g++) {
        const json_t *grp = get(root, groups[g]);
        const char *k;
        const json_t *a;
        if (!is_object(grp))
            continue;
        mlmp_object_foreach (grp, k, a) {
            (void)k;
            if (get(a, MLMP_KEY(PROPS, framework)))
                return true;
        }
    }
    return false;
}

/* The runtime fields of one holder. `parent` is the Item properties when the
 * holder is an asset of an Item (else NULL); `is_top` marks the Item
 * properties / Collection level, where per-asset values may take over. */
static void check_holder(mlmp_ctx *c, spec_doc *d, const json_t *holder, const json_t *parent,
                         bool is_top)
{
    const json_t *acc_own = get(holder, MLMP_KEY(PROPS, accelerator));
    const json_t *con_own = get(holder, MLMP_KEY(PROPS, accelerator_constrained));
    const json_t *cnt_own = get(holder, MLMP_KEY(PROPS, accelerator_count));
    const json_t *acc = effective(holder, parent, MLMP_KEY(PROPS, accelerator));
    const json_t *con = effective(holder, parent, MLMP_KEY(PROPS, accelerator_constrained));
    /* At the top level an absent accelerator may be set per asset instead. */
    bool acc_unknown_here = is_top && !acc_own && any_asset_accelerator(d);

    if ((acc_own || con_own) && str_eq(acc, "amd64") && (!con || is_false(con)))
        mlmp_report_key(
            c, con_own ? MLMP_KEY(PROPS, accelerator_constrained) : MLMP_KEY(PROPS, accelerator),
            "MLM315",
            "set \"mlm:accelerator_constrained\": true to say that the model will "
            "not use any accelerator",
            "mlm:accelerator is \"amd64\" but mlm:accelerator_constrained is %s; the "
            "spec recommends true with amd64, which means the model does not (and "
            "will not try to) use an accelerator even if one is available",
            con ? "false" : "not set (false)");

    if ((acc_own || con_own) && !acc_unknown_here && (!acc || is_null(acc)) && is_true(con))
        mlmp_report_key(
            c, con_own ? MLMP_KEY(PROPS, accelerator_constrained) : MLMP_KEY(PROPS, accelerator),
            "MLM316",
            "set mlm:accelerator_constrained to false or omit it, or name the "
            "accelerator in mlm:accelerator",
            "mlm:accelerator_constrained is true but mlm:accelerator is %s: there is "
            "no accelerator to constrain to",
            acc ? "null" : "not set (null)");

    long long count;
    if (cnt_own && int_value(cnt_own, &count) && !acc_unknown_here && (!acc || is_null(acc)))
        mlmp_report_key(c, MLMP_KEY(PROPS, accelerator_count), "MLM317",
                        "name the accelerator in mlm:accelerator, or remove "
                        "mlm:accelerator_count",
                        "mlm:accelerator_count is %lld but mlm:accelerator is %s; the count is "
                        "the number of instances of that accelerator",
                        count, acc ? "null" : "not set");

    const json_t *fv = get(holder, MLMP_KEY(PROPS, framework_version));
    if (is_string(fv) && !framework_anywhere(d, c->root))
        mlmp_report_key(c, MLMP_KEY(PROPS, framework_version), "MLM318",
                        "add mlm:framework (for example \"PyTorch\") next to it",
                        "mlm:framework_version \"%s\" is given but no mlm:framework says which "
                        "framework it is the version of",
                        json_string_value(fv));

    const json_t *pre = effective(holder, parent, MLMP_KEY(PROPS, pretrained));
    const json_t *src = effective(holder, parent, MLMP_KEY(PROPS, pretrained_source));
    if ((get(holder, MLMP_KEY(PROPS, pretrained)) ||
         get(holder, MLMP_KEY(PROPS, pretrained_source))) &&
        is_false(pre)) {
        if (is_string(src))
            mlmp_report_key(c,
                            get(holder, MLMP_KEY(PROPS, pretrained_source))
                                ? MLMP_KEY(PROPS, pretrained_source)
                                : MLMP_KEY(PROPS, pretrained),
                            "MLM311",
                            "if the model was trained from scratch, set "
                            "\"mlm:pretrained_source\": null; if it was pretrained on that "
                            "source, set \"mlm:pretrained\": true",
                            "mlm:pretrained is false but mlm:pretrained_source is \"%s\"; a "
                            "model trained from scratch has no pretraining source",
                            json_string_value(src));
        else if (!src)
            mlmp_report_key(c, MLMP_KEY(PROPS, pretrained), "MLM312",
                            "add \"mlm:pretrained_source\": null",
                            "mlm:pretrained is false but mlm:pretrained_source is not set; the "
                            "spec asks for an explicit null when the model was trained from "
                            "scratch");
    }
}

/* --- undefined and misplaced mlm: fields (v1.0.0 .. v1.3.0) ------------------------------- */

/* The fields v1.0.0 .. v1.3.0 define: the schemas' list (the mlm: field rows
 * of the facts in force in c->spec), plus mlm:artifact_type, which the spec
 * text defines for the Model Asset. Returns how many, into out. */
static size_t legacy_fields(const mlmp_ctx *c, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
        const mlmp_field_fact *f = mlmp_field_at(i);
        if (f->object == MLMP_O_PROPS &&
            (mlmp_field_in(f, c->spec) || f->id == MLMP_F_PROPS_artifact_type))
            out[n++] = f->key;
    }
    return n;
}

/* The version a later version's field came with ("v1.4.0"), or NULL. */
static const char *later_field(const mlmp_ctx *c, const char *key, char *buf, size_t cap)
{
    const mlmp_field_fact *f = mlmp_field_lookup(MLMP_O_PROPS, key, MLM_SPEC_UNKNOWN);
    if (!f || f->since <= c->spec)
        return NULL;
    snprintf(buf, cap, "v%s", mlm_spec_version_name(f->since));
    return buf;
}

/* Fields the spec text allows only in Item properties. */
/* v1.0.0-v1.3.0: "the context of each field must be considered. For example, the
 * mlm:name should always be provided in the Item properties, since it relates to the
 * model as a whole". Only mlm:name is named so; the footnote restricting mlm:input,
 * mlm:output and mlm:hyperparameters to Item properties came with v1.4.0, whose schema
 * enforces it (an error there, not this warning). */
static const char *const item_only_fields[] = {MLMP_KEY(PROPS, name)};

typedef enum holder_kind { HOLD_ITEM, HOLD_ASSET, HOLD_OTHER } holder_kind;

static void check_field_names(mlmp_ctx *c, const json_t *holder, holder_kind kind)
{
    if (mlmp_spec_at_least(c, MLM_SPEC_1_4_0) || !is_object(holder))
        return;
    const char *k;
    const json_t *v;
    mlmp_object_foreach (holder, k, v) {
        (void)v;
        if (strncmp(k, MLMP_PREFIX, 4) != 0)
            continue;
        const char *legacy[MLMP_F_COUNT_];
        size_t n_legacy = legacy_fields(c, legacy);
        bool known = false;
        for (size_t i = 0; i < n_legacy; i++)
            if (strcmp(k, legacy[i]) == 0)
                known = true;
        if (!known) {
            char hint[256], since_buf[24];
            const char *since = later_field(c, k, since_buf, sizeof(since_buf));
            const char *near = mlmp_suggest(k, legacy, n_legacy);
            if (since)
                snprintf(hint, sizeof(hint),
                         "%s was added in MLM %s; move the document to that version (or later) "
                         "to use it: mlm-migrate --to %s",
                         k, since, since);
            else if (near)
                snprintf(hint, sizeof(hint), "did you mean \"%s\"?", near);
            else
                snprintf(hint, sizeof(hint),
                         "remove it, or use a name without the mlm: prefix for your own fields");
            mlmp_report_key(c, k, "MLM313", hint,
                            "\"%s\" is not a field of MLM %s; the schema of this version lets "
                            "it through only because its catch-all rule tests \"dlm:\" instead "
                            "of \"mlm:\"",
                            k, mlm_spec_version_name(c->spec));
            continue;
        }
        if (kind == HOLD_ASSET) {
            for (size_t i = 0; i < MLMP_ARRAY_LEN(item_only_fields); i++)
                if (strcmp(k, item_only_fields[i]) == 0)
                    mlmp_report_key(c, k, "MLM314", "move it to the Item properties",
                                    "%s describes the model as a whole; the spec says it should "
                                    "always be provided in the Item properties, not on an asset",
                                    k);
        } else if (kind == HOLD_ITEM && strcmp(k, MLMP_KEY(PROPS, artifact_type)) == 0) {
            mlmp_report_key(c, k, "MLM314", "move it to the asset with the mlm:model role",
                            "mlm:artifact_type describes the artifact of the model asset; the "
                            "spec defines it on the asset with the mlm:model role, not in "
                            "Item properties");
        }
    }
}

/* --- assets of an Item ------------------------------------------------------------------------ */

static void check_recommended_assets(mlmp_ctx *c, const spec_doc *d)
{
    if (!d->item || !d->assets || json_object_size(d->assets) == 0)
        return;
    bool code = false, runtime = false;
    const char *k;
    const json_t *a;
    mlmp_object_foreach (d->assets, k, a) {
        (void)k;
        if (has_role(a, MLMP_ROLE_SOURCE_CODE) || has_role(a, "code"))
            code = true;
        if (has_role(a, "runtime") || has_role(a, MLMP_KEY(ROLE, inference_runtime)) ||
            has_role(a, MLMP_ROLE_CONTAINER) || has_role(a, "container"))
            runtime = true;
    }
    mlmp_path_push_key(c, "assets");
    if (!code)
        mlmp_report(c, "MLM319",
                    "add an asset pointing at the code (repository, archive or script) with the "
                    "roles [\"mlm:source_code\", \"code\"]",
                    "no asset has the mlm:source_code (or code) role; the spec recommends a "
                    "Source Code Asset so that users can run the model");
    if (!runtime)
        mlmp_report(c, "MLM320",
                    "add an asset with the URI of a container image (media type such as "
                    "application/vnd.oci.image.index.v1+json) and the role \"runtime\"",
                    "no asset describes a runtime (role runtime or mlm:inference-runtime); the "
                    "spec recommends a Container Asset to run the model");
    mlmp_path_pop(c);
}

/* v1.2.0-v1.3.0 define one Model Asset ("mlm:model: Asset object containing the
 * model definition"): several mlm:model assets that differ in artifact or media
 * type leave consumers guessing. From v1.4.0 the README permits several
 * mlm:model assets as "alternate interfaces of the same model" and says
 * "the mlm:artifact_type property should be used to distinguish them": only
 * alternates it does not distinguish (the same artifact type) are reported. */
static void check_model_assets(mlmp_ctx *c, const spec_doc *d)
{
    /* v1.0.0 and v1.1.0 require the mlm:model role on every asset. */
    if (!d->item || !d->assets || !mlmp_spec_at_least(c, MLM_SPEC_1_2_0))
        return;
    bool alternates = mlmp_spec_at_least(c, MLM_SPEC_1_4_0);
    const char *first_key = NULL;
    const json_t *first = NULL;
    const char *k;
    const json_t *a;
    mlmp_object_foreach (d->assets, k, a) {
        if (!has_role(a, MLMP_ROLE_MODEL))
            continue;
        if (!first) {
            first_key = k;
            first = a;
            continue;
        }
        static const char *const keys[] = {MLMP_KEY(PROPS, artifact_type), "type"};
        for (size_t i = 0; i < MLMP_ARRAY_LEN(keys); i++) {
            const json_t *x = get(first, keys[i]);
            const json_t *y = get(a, keys[i]);
            if (!is_string(x) || !is_string(y))
                continue;
            /* An alternate is another interface of the model, not its source code. */
            bool code = has_role(a, "code") || has_role(a, MLMP_ROLE_SOURCE_CODE);
            if (alternates ? (i != 0 || (!code && !mlmp_json_equal(x, y))) : mlmp_json_equal(x, y))
                continue;
            char hint[256];
            if (code)
                snprintf(hint, sizeof(hint),
                         "asset \"%s\" looks like source code: give it the mlm:source_code role "
                         "instead of mlm:model",
                         k);
            else if (alternates) {
                mlmp_artifact_type_hint(c, a, "give each alternate its own mlm:artifact_type", hint,
                                        sizeof(hint));
                size_t used = strlen(hint);
                snprintf(hint + used, sizeof(hint) - used, ", or keep mlm:model on one");
            } else
                snprintf(hint, sizeof(hint),
                         "keep mlm:model on the one asset to load, describe the other artifact "
                         "in its own Item, or move to MLM v1.4.0+ (mlm-migrate --to 1.4.0), which "
                         "permits alternate "
                         "model assets distinguished by mlm:artifact_type");
            mlmp_path_push_key(c, "assets");
            mlmp_path_push_key(c, k);
            if (alternates && code)
                mlmp_report_key(c, "roles", "MLM321", hint,
                                "assets \"%s\" and \"%s\" both have the mlm:model role, but "
                                "\"%s\" is source code; the spec permits several mlm:model "
                                "assets only as alternate interfaces of the same model",
                                first_key, k, k);
            else if (alternates)
                mlmp_report_key(c, "roles", "MLM321", hint,
                                "assets \"%s\" and \"%s\" both have the mlm:model role and the "
                                "same mlm:artifact_type (\"%s\"); the spec says alternate model "
                                "assets are distinguished by mlm:artifact_type",
                                first_key, k, json_string_value(x));
            else
                mlmp_report_key(c, "roles", "MLM321", hint,
                                "assets \"%s\" and \"%s\" both have the mlm:model role but "
                                "differ in %s (\"%s\" and \"%s\"); MLM %s describes one model "
                                "asset, so a consumer cannot tell which to load",
                                first_key, k, keys[i], json_string_value(x), json_string_value(y),
                                mlm_spec_version_name(c->spec));
            mlmp_path_pop(c);
            mlmp_path_pop(c);
            break;
        }
    }
}

/* --- band and variable definitions ---------------------------------------------------------- */

static void collect_definitions(mlmp_ctx *c, spec_doc *d)
{
    static const char *const band_keys[] = {"eo:bands", "raster:bands", "bands"};
    for (size_t b = 0; b < MLMP_ARRAY_LEN(band_keys); b++) {
        if (is_array(get(d->props, band_keys[b])))
            d->have_band_defs = true;
        names_add_bands(c, &d->bands, get(d->props, band_keys[b]));
    }
    if (is_object(get(d->props, "cube:variables")))
        d->have_var_defs = true;
    names_add_keys(c, &d->variables, get(d->props, "cube:variables"));
    if (!d->assets)
        return;
    /* Without any mlm:model asset (an error of its own), look at every
     * asset rather than pile band warnings on top of it. */
    bool any_model = false;
    const char *k;
    const json_t *a;
    mlmp_object_foreach (d->assets, k, a) {
        (void)k;
        if (has_role(a, MLMP_ROLE_MODEL))
            any_model = true;
    }
    mlmp_object_foreach (d->assets, k, a) {
        (void)k;
        if (any_model && !has_role(a, MLMP_ROLE_MODEL))
            continue;
        for (size_t b = 0; b < MLMP_ARRAY_LEN(band_keys); b++) {
            if (is_array(get(a, band_keys[b])))
                d->have_band_defs = true;
            names_add_bands(c, &d->bands, get(a, band_keys[b]));
        }
        if (is_object(get(a, "cube:variables")))
            d->have_var_defs = true;
        names_add_keys(c, &d->variables, get(a, "cube:variables"));
    }
}

/* --- entry point ---------------------------------------------------------------------------- */

static void check_item_properties(mlmp_ctx *c, spec_doc *d)
{
    mlmp_path_push_key(c, "properties");
    const json_t *tasks = get(d->props, MLMP_KEY(PROPS, tasks));
    if (is_array(tasks) && json_array_size(tasks) == 0)
        mlmp_report_key(c, MLMP_KEY(PROPS, tasks), "MLM322",
                        "list the tasks the model can be used for, e.g. [\"classification\"]",
                        "mlm:tasks is empty; the spec requires the tasks of the model");
    check_inputs(c, d);
    check_outputs(c, d);
    check_holder(c, d, d->props, NULL, true);
    check_field_names(c, d->props, HOLD_ITEM);
    mlmp_path_pop(c);
}

static void check_asset_group(mlmp_ctx *c, spec_doc *d, const char *group, const json_t *parent)
{
    const json_t *grp = get(c->root, group);
    if (!is_object(grp))
        return;
    mlmp_path_push_key(c, group);
    const char *k;
    const json_t *a;
    mlmp_object_foreach (grp, k, a) {
        if (!is_object(a))
            continue;
        mlmp_path_push_key(c, k);
        check_holder(c, d, a, parent, false);
        check_field_names(c, a, HOLD_ASSET);
        mlmp_path_pop(c);
    }
    mlmp_path_pop(c);
}

void mlmp_rules_v1_spec(mlmp_ctx *c)
{
    const json_t *root = c->root;
    if (!is_object(root) || !mlmp_spec_at_least(c, MLM_SPEC_1_0_0) || c->spec > MLMP_SPEC_LATEST)
        return;
    spec_doc d;
    memset(&d, 0, sizeof(d));
    const json_t *type = json_object_get(root, "type");
    d.item = str_eq(type, "Feature");
    d.collection = str_eq(type, "Collection");
    if (is_object(json_object_get(root, "assets")))
        d.assets = json_object_get(root, "assets");

    if (d.item) {
        if (is_object(json_object_get(root, "properties")))
            d.props = json_object_get(root, "properties");
        collect_definitions(c, &d);
        if (d.props)
            check_item_properties(c, &d);
        check_asset_group(c, &d, "assets", d.props);
        check_recommended_assets(c, &d);
        check_model_assets(c, &d);
    } else if (d.collection) {
        check_holder(c, &d, root, NULL, true);
        check_field_names(c, root, HOLD_OTHER);
        if (is_object(json_object_get(root, "summaries"))) {
            mlmp_path_push_key(c, "summaries");
            check_field_names(c, json_object_get(root, "summaries"), HOLD_OTHER);
            mlmp_path_pop(c);
        }
        check_asset_group(c, &d, "assets", NULL);
        check_asset_group(c, &d, "item_assets", NULL);
    }
    names_free(&d.bands);
    names_free(&d.variables);
}
