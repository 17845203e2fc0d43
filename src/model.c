/*
 * The typed model: reads a document's JSON into the version-neutral view of
 * mlm/model.h. Two readers fill the same (private) structs: one for the flat
 * layout of v1.x, one for the nested layout of the January 2024 draft. The
 * public API reaches them only through the accessors in model_access.c, so
 * the layouts here can change without breaking the ABI.
 *
 * Readers never judge: whatever is missing or of the wrong type is left
 * absent (the rules report it). Arrays keep the document's indices: an entry
 * that is not an object still gets a handle, with every field absent.
 * Strings are borrowed from the JSON, which the document keeps alive;
 * everything else (handles, JSON Pointers) lives in one arena freed with the
 * model.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "document_private.h"
#include "facts.h"
#include "model_private.h"

/* --- arena ---------------------------------------------------------------- */

typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
} block;

struct mlmp_model_root {
    block *blocks;
    bool oom;
};

static void *arena_alloc(mlmp_model_root *m, size_t size)
{
    if (size == 0)
        size = 1;
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    block *b = m->blocks;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 8192 ? size : 8192;
        b = mlmp_malloc(sizeof(block) + cap);
        if (!b) {
            m->oom = true;
            return NULL;
        }
        b->next = m->blocks;
        b->used = 0;
        b->cap = cap;
        m->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

/* An array of n elements (NULL when n == 0 or out of memory). */
static void *arena_array(mlmp_model_root *m, size_t n, size_t elem)
{
    if (n == 0)
        return NULL;
    if (n > ((size_t)-1) / elem) {
        m->oom = true;
        return NULL;
    }
    return arena_alloc(m, n * elem);
}

static char *arena_strdup(mlmp_model_root *m, const char *s, size_t n)
{
    char *d = arena_alloc(m, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* base + "/" + escaped key (RFC 6901: ~ -> ~0, / -> ~1). */
static const char *ptr_key(mlmp_model_root *m, const char *base, const char *key)
{
    char *s = mlmp_pointer_join(base, key);
    char *out = s ? arena_strdup(m, s, strlen(s)) : NULL;
    if (!s)
        m->oom = true;
    mlmp_free(s);
    return out ? out : "";
}

static const char *ptr_index(mlmp_model_root *m, const char *base, size_t i)
{
    char num[32];
    snprintf(num, sizeof(num), "%zu", i);
    return ptr_key(m, base, num);
}

/* --- small readers ------------------------------------------------------- */

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* An integer, also from a real with no fractional part within int64 range. */
static bool as_int(const json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        *out = (int64_t)json_integer_value(v);
        return true;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (isfinite(d) && floor(d) == d && d >= -9.2e18 && d <= 9.2e18) {
            *out = (int64_t)d;
            return true;
        }
    }
    return false;
}

static bool get_int(const json_t *obj, const char *key, int64_t *out)
{
    return as_int(json_object_get(obj, key), out);
}

static bool get_num(const json_t *obj, const char *key, double *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return true;
}

static bool get_bool(const json_t *obj, const char *key, int *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_boolean(v))
        return false;
    *out = json_is_true(v);
    return true;
}

static const json_t *get_object(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_object(v) ? v : NULL;
}

/* --- vocabularies ---------------------------------------------------------- */

/* The vocabularies are rows of src/facts/vocab.def, with the public enum
 * value of each term. */

static int lookup(mlmp_vocab voc, const char *s) { return mlmp_term_public(voc, s); }

static const char *name_of(mlmp_vocab voc, int value)
{
    const char *name = mlmp_term_of_public(voc, value);
    return name ? name : "unknown";
}

/* The draft wrote tasks with spaces ("object detection"). */
mlm_task mlm_task_from_name(const char *s)
{
    if (!s)
        return MLM_TASK_UNKNOWN;
    char buf[64];
    size_t n = strlen(s);
    if (n >= sizeof(buf))
        return MLM_TASK_UNKNOWN;
    for (size_t i = 0; i <= n; i++)
        buf[i] = s[i] == ' ' ? '-' : s[i];
    int t = lookup(MLMP_VOC_TASK, buf);
    return (mlm_task)(t ? t : lookup(MLMP_VOC_DRAFT_TASK, buf)); /* multi-modal */
}

const char *mlm_task_name(mlm_task t)
{
    const char *name = mlmp_term_of_public(MLMP_VOC_TASK, (int)t);
    return name ? name : name_of(MLMP_VOC_DRAFT_TASK, (int)t); /* multi-modal */
}
const char *mlm_accelerator_name(mlm_accelerator a)
{
    return name_of(MLMP_VOC_ACCELERATOR, (int)a);
}
const char *mlm_data_type_name(mlm_data_type t) { return name_of(MLMP_VOC_DATA_TYPE, (int)t); }
const char *mlm_scaling_type_name(mlm_scaling_type t) { return name_of(MLMP_VOC_SCALING, (int)t); }
const char *mlm_resize_type_name(mlm_resize_type t) { return name_of(MLMP_VOC_RESIZE, (int)t); }
mlm_accelerator mlm_accelerator_from_name(const char *s)
{
    return (mlm_accelerator)lookup(MLMP_VOC_ACCELERATOR, s);
}
mlm_data_type mlm_data_type_from_name(const char *s)
{
    return (mlm_data_type)lookup(MLMP_VOC_DATA_TYPE, s);
}
mlm_scaling_type mlm_scaling_type_from_name(const char *s)
{
    return (mlm_scaling_type)lookup(MLMP_VOC_SCALING, s);
}
mlm_resize_type mlm_resize_type_from_name(const char *s)
{
    return (mlm_resize_type)lookup(MLMP_VOC_RESIZE, s);
}
const char *mlm_asset_kind_name(mlm_asset_kind k)
{
    static const char *const names[] = {"other", "model", "code", "container"};
    return (unsigned)k < MLMP_ARRAY_LEN(names) ? names[k] : "unknown";
}
const char *mlm_presence_name(mlm_presence p)
{
    static const char *const names[] = {"absent", "present", "null"};
    return (unsigned)p < MLMP_ARRAY_LEN(names) ? names[p] : "unknown";
}

/* --- shared pieces ------------------------------------------------------------ */

/* A list of task strings, by index (non-strings stay NULL / UNKNOWN). */
static void read_tasks(mlmp_model_root *m, const json_t *arr, mlm_task **out, const char ***raw,
                       size_t *n)
{
    size_t count = json_array_size(arr);
    mlm_task *t = arena_array(m, count, sizeof(*t));
    const char **r = arena_array(m, count, sizeof(*r));
    for (size_t i = 0; t && r && i < count; i++) {
        r[i] = json_string_value(json_array_get(arr, i));
        t[i] = mlm_task_from_name(r[i]);
    }
    *out = t;
    *raw = r;
    *n = (t && r) ? count : 0;
}

static void read_bands(mlmp_model_root *m, const json_t *arr, const char *base, const char *key,
                       mlm_band **out, size_t *n)
{
    size_t count = json_array_size(arr);
    mlm_band *b = arena_array(m, count, sizeof(*b));
    const char *ptr = count ? ptr_key(m, base, key) : NULL;
    for (size_t i = 0; b && i < count; i++) {
        const json_t *e = json_array_get(arr, i);
        b[i].json = e;
        b[i].ptr = ptr_index(m, ptr, i);
        if (json_is_string(e)) {
            b[i].name = json_string_value(e);
        } else if (json_is_object(e)) {
            b[i].name = str(e, "name");
            b[i].format = str(e, "format");
            b[i].expression = json_object_get(e, "expression");
        }
    }
    *out = b;
    *n = b ? count : 0;
}

static void read_names(mlmp_model_root *m, const json_t *arr, const char ***out, size_t *n)
{
    size_t count = json_array_size(arr);
    const char **names = arena_array(m, count, sizeof(*names));
    for (size_t i = 0; names && i < count; i++)
        names[i] = json_string_value(json_array_get(arr, i));
    *out = names;
    *n = names ? count : 0;
}

static mlm_tensor *new_tensor(mlmp_model_root *m, const json_t *obj, const char *ptr)
{
    if (!json_is_object(obj))
        return NULL;
    mlm_tensor *t = arena_alloc(m, sizeof(*t));
    if (!t)
        return NULL;
    t->json = obj;
    t->ptr = ptr;
    const json_t *shape = json_object_get(obj, "shape");
    size_t count = json_array_size(shape);
    t->shape = arena_array(m, count, sizeof(*t->shape));
    t->shape_ok = arena_array(m, count, sizeof(*t->shape_ok));
    for (size_t i = 0; t->shape && t->shape_ok && i < count; i++)
        t->shape_ok[i] = as_int(json_array_get(shape, i), &t->shape[i]);
    t->n_shape = t->shape && t->shape_ok ? count : 0;
    return t;
}

static mlm_tensor *read_tensor(mlmp_model_root *m, const json_t *obj, const char *ptr)
{
    mlm_tensor *t = new_tensor(m, obj, ptr);
    if (!t)
        return NULL;
    read_names(m, json_object_get(obj, "dim_order"), &t->dim_order, &t->n_dim_order);
    t->data_type = str(obj, "data_type");
    t->data_type_enum = mlm_data_type_from_name(t->data_type);
    return t;
}

static void read_expression(const json_t *obj, const char *ptr, mlm_expression *e)
{
    e->json = obj;
    e->ptr = ptr;
    e->format = str(obj, "format");
    e->expression = json_object_get(obj, "expression");
    e->description = str(obj, "description");
}

/* One processing expression object, or a list of them (by index), or null. */
static void read_expressions(mlmp_model_root *m, const json_t *v, const char *ptr,
                             mlm_expression **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (json_is_object(v)) {
        mlm_expression *e = arena_alloc(m, sizeof(*e));
        if (e) {
            read_expression(v, ptr, e);
            *out = e;
            *n = 1;
        }
        return;
    }
    size_t count = json_array_size(v);
    mlm_expression *e = arena_array(m, count, sizeof(*e));
    for (size_t i = 0; e && i < count; i++) {
        const json_t *o = json_array_get(v, i);
        const char *p = ptr_index(m, ptr, i);
        if (json_is_object(o))
            read_expression(o, p, &e[i]);
        else {
            e[i].json = o;
            e[i].ptr = p;
        }
    }
    *out = e;
    *n = e ? count : 0;
}

static void read_value_scaling(mlmp_model_root *m, const json_t *arr, const char *base,
                               mlm_input *in)
{
    size_t count = json_array_size(arr);
    mlm_value_scaling *vs = arena_array(m, count, sizeof(*vs));
    const char *ptr = count ? ptr_key(m, base, "value_scaling") : NULL;
    for (size_t i = 0; vs && i < count; i++) {
        const json_t *o = json_array_get(arr, i);
        mlm_value_scaling *s = &vs[i];
        s->json = o;
        s->ptr = ptr_index(m, ptr, i);
        if (!json_is_object(o))
            continue;
        s->type_raw = str(o, "type");
        s->type = mlm_scaling_type_from_name(s->type_raw);
        s->has_minimum = get_num(o, "minimum", &s->minimum);
        s->has_maximum = get_num(o, "maximum", &s->maximum);
        s->has_mean = get_num(o, "mean", &s->mean);
        s->has_stddev = get_num(o, "stddev", &s->stddev);
        s->has_value = get_num(o, "value", &s->value);
        if (s->type == MLM_SCALING_PROCESSING) {
            s->processing = arena_alloc(m, sizeof(*s->processing));
            if (s->processing)
                read_expression(o, s->ptr, s->processing);
        }
    }
    in->value_scaling = vs;
    in->n_value_scaling = vs ? count : 0;
}

static void read_classes(mlmp_model_root *m, const json_t *arr, const char *base, mlm_output *out)
{
    size_t count = json_array_size(arr);
    mlm_class *c = arena_array(m, count, sizeof(*c));
    const char *ptr = count ? ptr_key(m, base, "classification:classes") : NULL;
    for (size_t i = 0; c && i < count; i++) {
        const json_t *o = json_array_get(arr, i);
        mlm_class *x = &c[i];
        x->json = o;
        x->ptr = ptr_index(m, ptr, i);
        if (!json_is_object(o))
            continue;
        x->has_value = get_int(o, "value", &x->value);
        x->name = str(o, "name");
        x->description = str(o, "description");
        x->title = str(o, "title");
        x->color_hint = str(o, "color_hint");
        x->has_nodata = get_bool(o, "nodata", &x->nodata);
    }
    out->classes = c;
    out->n_classes = c ? count : 0;
}

/* --- assets ---------------------------------------------------------------------- */

static mlm_asset_kind asset_kind(const mlm_asset *a)
{
    bool code = false, container = false;
    for (size_t i = 0; i < a->n_roles; i++) {
        const char *r = a->roles[i];
        if (!r)
            continue;
        if (strcmp(r, MLMP_ROLE_MODEL) == 0)
            return MLM_ASSET_MODEL;
        if (strcmp(r, "code") == 0 || strcmp(r, MLMP_ROLE_SOURCE_CODE) == 0)
            code = true;
        if (strcmp(r, "container") == 0 || strcmp(r, MLMP_ROLE_CONTAINER) == 0)
            container = true;
    }
    if (code)
        return MLM_ASSET_CODE;
    if (container || (a->type && strstr(a->type, "container")))
        return MLM_ASSET_CONTAINER;
    return MLM_ASSET_OTHER;
}

static void read_fields_v1(mlmp_model_root *m, mlm_model *p, const json_t *obj);

static void read_asset(mlmp_model_root *m, mlm_spec_version spec, const char *key, const json_t *o,
                       const char *ptr, bool item_assets, mlm_asset *a)
{
    a->json = o;
    a->ptr = ptr;
    a->key = key;
    a->href = str(o, "href");
    a->type = str(o, "type");
    a->title = str(o, "title");
    a->description = str(o, "description");
    read_names(m, json_object_get(o, "roles"), &a->roles, &a->n_roles);
    a->artifact_type = str(o, MLMP_KEY(PROPS, artifact_type));
    a->compile_method = str(o, MLMP_KEY(PROPS, compile_method));
    a->entrypoint = str(o, MLMP_KEY(PROPS, entrypoint));
    a->in_item_assets = item_assets;
    a->kind = asset_kind(a);
    a->fields = arena_alloc(m, sizeof(*a->fields));
    if (a->fields) {
        a->fields->spec = spec;
        a->fields->json = o;
        a->fields->ptr = ptr;
        if (spec != MLM_SPEC_DRAFT)
            read_fields_v1(m, a->fields, o);
    }
}

static void read_assets(mlmp_model_root *m, mlm_model *p, const json_t *root, const json_t *runtime,
                        const char *runtime_ptr)
{
    const json_t *sets[2] = {get_object(root, "assets"), get_object(root, "item_assets")};
    static const char *const names[2] = {"assets", "item_assets"};
    const json_t *draft[2] = {get_object(runtime, "model_asset"),
                              get_object(runtime, "source_code")};
    static const char *const draft_keys[2] = {"model_asset", "source_code"};
    size_t total = json_object_size(sets[0]) + json_object_size(sets[1]) + 2;
    mlm_asset *assets = arena_array(m, total, sizeof(*assets));
    size_t k = 0;
    for (int s = 0; assets && s < 2; s++) {
        const char *key;
        const json_t *v;
        const char *base = ptr_key(m, "", names[s]);
        mlmp_object_foreach (sets[s], key, v) {
            if (json_is_object(v) && k < total) {
                assets[k].in_assets = s == 0;
                read_asset(m, p->spec, key, v, ptr_key(m, base, key), s == 1, &assets[k++]);
            }
        }
    }
    for (int s = 0; assets && s < 2; s++) {
        if (!draft[s])
            continue;
        mlm_asset *a = &assets[k++];
        read_asset(m, p->spec, draft_keys[s], draft[s], ptr_key(m, runtime_ptr, draft_keys[s]),
                   false, a);
        a->kind = s == 0 ? MLM_ASSET_MODEL : MLM_ASSET_CODE;
        if (p->runtime) {
            if (s == 0)
                p->runtime->model_asset = a;
            else
                p->runtime->source_code = a;
        }
    }
    p->assets = assets;
    p->n_assets = assets ? k : 0;
}

/* --- v1.x (flat layout) ------------------------------------------------------- */

static void read_input_v1(mlmp_model_root *m, const json_t *o, mlm_input *in)
{
    in->name = str(o, "name");
    in->description = str(o, "description");
    read_bands(m, json_object_get(o, "bands"), in->ptr, "bands", &in->bands, &in->n_bands);
    read_bands(m, json_object_get(o, "variables"), in->ptr, "variables", &in->variables,
               &in->n_variables);
    in->tensor = read_tensor(m, json_object_get(o, "input"), ptr_key(m, in->ptr, "input"));
    read_value_scaling(m, json_object_get(o, "value_scaling"), in->ptr, in);
    in->resize_type_raw = str(o, "resize_type");
    in->resize_type = mlm_resize_type_from_name(in->resize_type_raw);
    read_expressions(m, json_object_get(o, "pre_processing_function"),
                     ptr_key(m, in->ptr, "pre_processing_function"), &in->pre_processing,
                     &in->n_pre_processing);
    in->has_norm_by_channel = get_bool(o, "norm_by_channel", &in->norm_by_channel);
    in->norm_type = str(o, "norm_type");
    in->norm_clip = json_object_get(o, "norm_clip");
    in->statistics = json_object_get(o, "statistics");
}

static void read_output_v1(mlmp_model_root *m, const json_t *o, mlm_output *out)
{
    out->name = str(o, "name");
    out->description = str(o, "description");
    read_tasks(m, json_object_get(o, "tasks"), &out->tasks, &out->tasks_raw, &out->n_tasks);
    out->result = read_tensor(m, json_object_get(o, "result"), ptr_key(m, out->ptr, "result"));
    read_classes(m, json_object_get(o, "classification:classes"), out->ptr, out);
    read_bands(m, json_object_get(o, "bands"), out->ptr, "bands", &out->bands, &out->n_bands);
    read_bands(m, json_object_get(o, "variables"), out->ptr, "variables", &out->variables,
               &out->n_variables);
    read_expressions(m, json_object_get(o, "post_processing_function"),
                     ptr_key(m, out->ptr, "post_processing_function"), &out->post_processing,
                     &out->n_post_processing);
}

/* The input and output arrays, by index; each entry a handle. */
static void read_io(mlmp_model_root *m, mlm_model *p, const json_t *inputs, const json_t *outputs,
                    bool draft);

static void read_fields_v1(mlmp_model_root *m, mlm_model *p, const json_t *obj)
{
    p->name = str(obj, MLMP_KEY(PROPS, name));
    p->architecture = str(obj, MLMP_KEY(PROPS, architecture));
    p->has_total_parameters = get_int(obj, MLMP_KEY(PROPS, total_parameters), &p->total_parameters);
    p->has_memory_size = get_int(obj, MLMP_KEY(PROPS, memory_size), &p->memory_size);
    p->has_pretrained = get_bool(obj, MLMP_KEY(PROPS, pretrained), &p->pretrained);
    p->pretrained_source = str(obj, MLMP_KEY(PROPS, pretrained_source));
    read_tasks(m, json_object_get(obj, MLMP_KEY(PROPS, tasks)), &p->tasks, &p->tasks_raw,
               &p->n_tasks);
    p->framework = str(obj, MLMP_KEY(PROPS, framework));
    p->framework_version = str(obj, MLMP_KEY(PROPS, framework_version));
    p->has_batch_size_suggestion =
        get_int(obj, MLMP_KEY(PROPS, batch_size_suggestion), &p->batch_size_suggestion);
    p->accelerator_raw = str(obj, MLMP_KEY(PROPS, accelerator));
    p->accelerator = mlm_accelerator_from_name(p->accelerator_raw);
    p->has_accelerator_constrained =
        get_bool(obj, MLMP_KEY(PROPS, accelerator_constrained), &p->accelerator_constrained);
    p->accelerator_summary = str(obj, MLMP_KEY(PROPS, accelerator_summary));
    p->has_accelerator_count =
        get_int(obj, MLMP_KEY(PROPS, accelerator_count), &p->accelerator_count);
    p->hyperparameters = get_object(obj, MLMP_KEY(PROPS, hyperparameters));
    read_io(m, p, json_object_get(obj, MLMP_KEY(PROPS, input)),
            json_object_get(obj, MLMP_KEY(PROPS, output)), false);
}

/* --- the January 2024 draft (nested layout) ------------------------------------ */

/* The draft's dim_order is a string of letters ("bchw"): one name each. */
static mlm_tensor *read_draft_tensor(mlmp_model_root *m, const json_t *o, const char *ptr)
{
    mlm_tensor *t = new_tensor(m, o, ptr);
    if (!t)
        return NULL;
    const json_t *dims = json_object_get(o, "dim_order");
    if (!dims)
        dims = json_object_get(o, "dim_names");
    if (json_is_string(dims)) {
        size_t n = json_string_length(dims);
        const char *s = json_string_value(dims);
        const char **names = arena_array(m, n, sizeof(*names));
        char *letters = arena_array(m, n, 2);
        for (size_t i = 0; names && letters && i < n; i++) {
            letters[2 * i] = s[i];
            letters[2 * i + 1] = '\0';
            names[i] = &letters[2 * i];
        }
        t->dim_order = names;
        t->n_dim_order = names && letters ? n : 0;
    } else {
        read_names(m, dims, &t->dim_order, &t->n_dim_order);
    }
    t->data_type = str(o, "dtype");
    if (!t->data_type)
        t->data_type = str(o, "data_type");
    t->data_type_enum = mlm_data_type_from_name(t->data_type);
    return t;
}

static void read_input_draft(mlmp_model_root *m, const json_t *o, mlm_input *in)
{
    in->name = str(o, "name");
    in->description = str(o, "description");
    read_bands(m, json_object_get(o, "bands"), in->ptr, "bands", &in->bands, &in->n_bands);
    const char *fkey = json_object_get(o, "input_feature") ? "input_feature" : "input_array";
    in->tensor = read_draft_tensor(m, json_object_get(o, fkey), ptr_key(m, in->ptr, fkey));
    in->has_norm_by_channel = get_bool(o, "norm_by_channel", &in->norm_by_channel);
    in->norm_type = str(o, "norm_type");
    in->rescale_type = str(o, "rescale_type");
    in->statistics = json_object_get(o, "statistics");
    in->parameters = json_object_get(o, "parameters");
    in->pre_processing_function = str(o, "pre_processing_function");
}

static void read_output_draft(mlmp_model_root *m, const json_t *o, mlm_output *out)
{
    out->name = str(o, "name");
    out->description = str(o, "description");
    const char *task = str(o, "task");
    if (task) {
        out->tasks = arena_alloc(m, sizeof(*out->tasks));
        out->tasks_raw = arena_alloc(m, sizeof(*out->tasks_raw));
        if (out->tasks && out->tasks_raw) {
            out->tasks[0] = mlm_task_from_name(task);
            out->tasks_raw[0] = task;
            out->n_tasks = 1;
        }
    }
    out->has_number_of_classes = get_int(o, "number_of_classes", &out->number_of_classes);
    const json_t *results = json_object_get(o, "result");
    const char *rptr = ptr_key(m, out->ptr, "result");
    if (json_is_object(results)) {
        out->result = read_draft_tensor(m, results, rptr);
    } else {
        size_t n = json_array_size(results);
        out->results = arena_array(m, n, sizeof(*out->results));
        for (size_t i = 0; out->results && i < n; i++)
            out->results[i] =
                read_draft_tensor(m, json_array_get(results, i), ptr_index(m, rptr, i));
        out->n_results = out->results ? n : 0;
        if (out->n_results)
            out->result = out->results[0];
    }
    const json_t *map = get_object(o, "class_name_mapping");
    out->class_name_mapping = map;
    size_t nc = json_object_size(map);
    mlm_class *c = arena_array(m, nc, sizeof(*c));
    const char *mptr = nc ? ptr_key(m, out->ptr, "class_name_mapping") : NULL;
    size_t k = 0;
    const char *key;
    const json_t *v;
    mlmp_object_foreach (map, key, v) {
        if (!c || k >= nc)
            break;
        c[k].json = v;
        c[k].ptr = ptr_key(m, mptr, key);
        c[k].name = key;
        c[k].has_value = as_int(v, &c[k].value);
        k++;
    }
    out->classes = c;
    out->n_classes = c ? k : 0;
    out->post_processing_function = str(o, "post_processing_function");
}

static void read_io(mlmp_model_root *m, mlm_model *p, const json_t *inputs, const json_t *outputs,
                    bool draft)
{
    size_t ni = json_array_size(inputs);
    p->inputs = arena_array(m, ni, sizeof(*p->inputs));
    const char *iptr = ni ? ptr_key(m, p->ptr, MLMP_KEY(PROPS, input)) : NULL;
    for (size_t i = 0; p->inputs && i < ni; i++) {
        mlm_input *in = &p->inputs[i];
        const json_t *o = json_array_get(inputs, i);
        in->json = o;
        in->index = i;
        in->ptr = ptr_index(m, iptr, i);
        if (json_is_object(o)) {
            if (draft)
                read_input_draft(m, o, in);
            else
                read_input_v1(m, o, in);
        }
    }
    p->n_inputs = p->inputs ? ni : 0;

    /* The draft's mlm:output is one object in its text, a list in practice. */
    bool single = draft && json_is_object(outputs);
    size_t no = single ? 1 : json_array_size(outputs);
    p->outputs = arena_array(m, no, sizeof(*p->outputs));
    const char *optr = no ? ptr_key(m, p->ptr, MLMP_KEY(PROPS, output)) : NULL;
    for (size_t i = 0; p->outputs && i < no; i++) {
        mlm_output *out = &p->outputs[i];
        const json_t *o = single ? outputs : json_array_get(outputs, i);
        out->json = o;
        out->index = i;
        out->ptr = single ? optr : ptr_index(m, optr, i);
        if (!json_is_object(o))
            continue;
        if (draft)
            read_output_draft(m, o, out);
        else
            read_output_v1(m, o, out);
    }
    p->n_outputs = p->outputs ? no : 0;
}

static void read_draft(mlmp_model_root *m, mlm_model *p, const json_t *fields)
{
    const json_t *arch = get_object(fields, MLMP_KEY(DRAFT, architecture));
    if (arch) {
        p->architecture = str(arch, "name");
        p->name = p->architecture;
        p->has_total_parameters = get_int(arch, "total_parameters", &p->total_parameters);
        p->has_file_size = get_int(arch, "file_size", &p->file_size);
        p->has_memory_size = get_int(arch, "memory_size", &p->memory_size);
        p->pretrained_source = str(arch, "pretrained_source");
        p->architecture_summary = str(arch, "summary");
    }

    const json_t *rt = get_object(fields, MLMP_KEY(DRAFT, runtime));
    if (rt) {
        mlm_runtime *r = arena_alloc(m, sizeof(*r));
        if (r) {
            r->json = rt;
            r->framework = str(rt, "framework");
            r->version = str(rt, "version");
            r->accelerator = str(rt, "accelerator");
            r->has_accelerator_constrained =
                get_bool(rt, "accelerator_constrained", &r->accelerator_constrained);
            r->hardware_summary = str(rt, "hardware_summary");
            r->docker = get_object(rt, "docker");
            r->model_commit_hash = str(rt, "model_commit_hash");
            r->has_batch_size_suggestion =
                get_num(rt, "batch_size_suggestion", &r->batch_size_suggestion);
            p->runtime = r;
            p->framework = r->framework;
            p->framework_version = r->version;
            p->accelerator_raw = r->accelerator;
            p->accelerator = mlm_accelerator_from_name(r->accelerator);
            p->accelerator_constrained = r->accelerator_constrained;
            p->has_accelerator_constrained = r->has_accelerator_constrained;
            p->accelerator_summary = r->hardware_summary;
            p->has_batch_size_suggestion =
                get_int(rt, "batch_size_suggestion", &p->batch_size_suggestion);
        }
    }
    read_io(m, p, json_object_get(fields, MLMP_KEY(DRAFT, input)),
            json_object_get(fields, MLMP_KEY(DRAFT, output)), true);

    /* The draft has no mlm:tasks: the model's tasks are its outputs' tasks. */
    size_t nt = 0;
    for (size_t i = 0; i < p->n_outputs; i++)
        nt += p->outputs[i].n_tasks;
    p->tasks = arena_array(m, nt, sizeof(*p->tasks));
    p->tasks_raw = arena_array(m, nt, sizeof(*p->tasks_raw));
    size_t k = 0;
    for (size_t i = 0; p->tasks && p->tasks_raw && i < p->n_outputs; i++)
        for (size_t j = 0; j < p->outputs[i].n_tasks; j++) {
            p->tasks[k] = p->outputs[i].tasks[j];
            p->tasks_raw[k++] = p->outputs[i].tasks_raw[j];
        }
    p->n_tasks = p->tasks && p->tasks_raw ? k : 0;
}

/* Collection summaries whose key starts with "mlm:". */
static void read_summaries(mlmp_model_root *m, mlm_model *p, const json_t *root)
{
    const json_t *sum = get_object(root, "summaries");
    size_t n = json_object_size(sum);
    p->summary_keys = arena_array(m, n, sizeof(*p->summary_keys));
    p->summary_values = arena_array(m, n, sizeof(*p->summary_values));
    size_t k = 0;
    const char *key;
    const json_t *v;
    mlmp_object_foreach (sum, key, v) {
        if (!p->summary_keys || !p->summary_values || k >= n)
            break;
        if (strncmp(key, MLMP_PREFIX, 4) != 0)
            continue;
        p->summary_keys[k] = key;
        p->summary_values[k++] = v;
    }
    p->n_summaries = p->summary_keys && p->summary_values ? k : 0;
}

/* --- entry points ---------------------------------------------------------------- */

mlm_model *mlmp_model_build(const mlm_document *doc)
{
    mlmp_model_root *root = mlmp_calloc(1, sizeof(*root));
    if (!root)
        return NULL;
    mlm_model *p = arena_alloc(root, sizeof(*p));
    if (!p) {
        mlmp_free(root);
        return NULL;
    }
    p->root = root;
    p->spec = doc->spec;
    p->json = doc->root;
    p->ptr = "";
    if (doc->stac_type != MLM_STAC_COLLECTION && get_object(doc->root, "properties")) {
        p->json = get_object(doc->root, "properties");
        p->ptr = "/properties";
    }
    if (doc->spec == MLM_SPEC_DRAFT)
        read_draft(root, p, p->json);
    else
        read_fields_v1(root, p, p->json);
    read_assets(root, p, doc->root, p->runtime ? p->runtime->json : NULL,
                ptr_key(root, p->ptr, MLMP_KEY(DRAFT, runtime)));
    if (doc->stac_type == MLM_STAC_COLLECTION)
        read_summaries(root, p, doc->root);
    if (root->oom) {
        mlmp_model_free(p);
        return NULL;
    }
    return p;
}

void mlmp_model_free(mlm_model *p)
{
    if (!p)
        return;
    mlmp_model_root *m = p->root;
    block *b = m->blocks;
    while (b) {
        block *next = b->next;
        mlmp_free(b);
        b = next;
    }
    mlmp_free(m);
}
