/*
 * The typed model: reads a document's JSON into the version-neutral structs
 * of mlm/model.h. Two readers fill the same structs: one for the flat layout
 * of v1.x, one for the nested layout of the January 2024 draft.
 *
 * Readers never judge: whatever is missing or of the wrong type is left
 * absent (the rules report it). Strings are borrowed from the JSON, which
 * the document keeps alive; everything else lives in one arena freed with
 * the model.
 */
#include <math.h>
#include <string.h>

#include "document_private.h"
#include "mlm/model.h"

/* --- arena ---------------------------------------------------------------- */

typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
} block;

typedef struct model_impl {
    mlm_model pub; /* first: the public struct is the handle */
    block *blocks;
    bool oom;
} model_impl;

static void *arena_alloc(model_impl *m, size_t size)
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
static void *arena_array(model_impl *m, size_t n, size_t elem)
{
    if (n == 0)
        return NULL;
    if (n > ((size_t)-1) / elem) {
        m->oom = true;
        return NULL;
    }
    return arena_alloc(m, n * elem);
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

typedef struct vocab {
    int value;
    const char *name;
} vocab;

static const vocab tasks[] = {
    {MLM_TASK_REGRESSION, "regression"},
    {MLM_TASK_CLASSIFICATION, "classification"},
    {MLM_TASK_SCENE_CLASSIFICATION, "scene-classification"},
    {MLM_TASK_DETECTION, "detection"},
    {MLM_TASK_OBJECT_DETECTION, "object-detection"},
    {MLM_TASK_SEGMENTATION, "segmentation"},
    {MLM_TASK_SEMANTIC_SEGMENTATION, "semantic-segmentation"},
    {MLM_TASK_INSTANCE_SEGMENTATION, "instance-segmentation"},
    {MLM_TASK_PANOPTIC_SEGMENTATION, "panoptic-segmentation"},
    {MLM_TASK_SIMILARITY_SEARCH, "similarity-search"},
    {MLM_TASK_GENERATIVE, "generative"},
    {MLM_TASK_IMAGE_CAPTIONING, "image-captioning"},
    {MLM_TASK_SUPER_RESOLUTION, "super-resolution"},
    {MLM_TASK_DOWNSCALING, "downscaling"},
    {MLM_TASK_MULTI_MODAL, "multi-modal"},
};

static const vocab accelerators[] = {
    {MLM_ACCELERATOR_AMD64, "amd64"},
    {MLM_ACCELERATOR_CUDA, "cuda"},
    {MLM_ACCELERATOR_XLA, "xla"},
    {MLM_ACCELERATOR_AMD_ROCM, "amd-rocm"},
    {MLM_ACCELERATOR_INTEL_IPEX_CPU, "intel-ipex-cpu"},
    {MLM_ACCELERATOR_INTEL_IPEX_GPU, "intel-ipex-gpu"},
    {MLM_ACCELERATOR_MACOS_ARM, "macos-arm"},
};

static const vocab data_types[] = {
    {MLM_DATA_TYPE_INT8, "int8"},       {MLM_DATA_TYPE_INT16, "int16"},
    {MLM_DATA_TYPE_INT32, "int32"},     {MLM_DATA_TYPE_INT64, "int64"},
    {MLM_DATA_TYPE_UINT8, "uint8"},     {MLM_DATA_TYPE_UINT16, "uint16"},
    {MLM_DATA_TYPE_UINT32, "uint32"},   {MLM_DATA_TYPE_UINT64, "uint64"},
    {MLM_DATA_TYPE_FLOAT16, "float16"}, {MLM_DATA_TYPE_FLOAT32, "float32"},
    {MLM_DATA_TYPE_FLOAT64, "float64"}, {MLM_DATA_TYPE_CINT16, "cint16"},
    {MLM_DATA_TYPE_CINT32, "cint32"},   {MLM_DATA_TYPE_CFLOAT32, "cfloat32"},
    {MLM_DATA_TYPE_CFLOAT64, "cfloat64"}, {MLM_DATA_TYPE_OTHER, "other"},
};

static const vocab scalings[] = {
    {MLM_SCALING_MIN_MAX, "min-max"}, {MLM_SCALING_Z_SCORE, "z-score"},
    {MLM_SCALING_CLIP, "clip"},       {MLM_SCALING_CLIP_MIN, "clip-min"},
    {MLM_SCALING_CLIP_MAX, "clip-max"}, {MLM_SCALING_OFFSET, "offset"},
    {MLM_SCALING_SCALE, "scale"},     {MLM_SCALING_PROCESSING, "processing"},
};

static const vocab resizes[] = {
    {MLM_RESIZE_CROP, "crop"},
    {MLM_RESIZE_PAD, "pad"},
    {MLM_RESIZE_INTERPOLATION_NEAREST, "interpolation-nearest"},
    {MLM_RESIZE_INTERPOLATION_LINEAR, "interpolation-linear"},
    {MLM_RESIZE_INTERPOLATION_CUBIC, "interpolation-cubic"},
    {MLM_RESIZE_INTERPOLATION_AREA, "interpolation-area"},
    {MLM_RESIZE_INTERPOLATION_LANCZOS4, "interpolation-lanczos4"},
    {MLM_RESIZE_INTERPOLATION_MAX, "interpolation-max"},
    {MLM_RESIZE_WRAP_FILL_OUTLIERS, "wrap-fill-outliers"},
    {MLM_RESIZE_WRAP_INVERSE_MAP, "wrap-inverse-map"},
};

static int lookup(const vocab *v, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(v[i].name, s) == 0)
            return v[i].value;
    return 0;
}

static const char *name_of(const vocab *v, size_t n, int value)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].value == value)
            return v[i].name;
    return "unknown";
}

/* The draft wrote tasks with spaces ("object detection"). */
static mlm_task task_from(const char *s)
{
    if (!s)
        return MLM_TASK_UNKNOWN;
    char buf[64];
    size_t n = strlen(s);
    if (n >= sizeof(buf))
        return MLM_TASK_UNKNOWN;
    for (size_t i = 0; i <= n; i++)
        buf[i] = s[i] == ' ' ? '-' : s[i];
    return (mlm_task)lookup(tasks, MLMP_ARRAY_LEN(tasks), buf);
}

const char *mlm_task_name(mlm_task t) { return name_of(tasks, MLMP_ARRAY_LEN(tasks), (int)t); }
const char *mlm_accelerator_name(mlm_accelerator a)
{
    return name_of(accelerators, MLMP_ARRAY_LEN(accelerators), (int)a);
}
const char *mlm_data_type_name(mlm_data_type t)
{
    return name_of(data_types, MLMP_ARRAY_LEN(data_types), (int)t);
}
const char *mlm_scaling_type_name(mlm_scaling_type t)
{
    return name_of(scalings, MLMP_ARRAY_LEN(scalings), (int)t);
}
const char *mlm_resize_type_name(mlm_resize_type t)
{
    return name_of(resizes, MLMP_ARRAY_LEN(resizes), (int)t);
}

/* --- shared pieces ------------------------------------------------------------ */

static void read_tasks(model_impl *m, const json_t *arr, const mlm_task **out,
                       const char *const **raw, size_t *n)
{
    size_t count = json_array_size(arr);
    mlm_task *t = arena_array(m, count, sizeof(*t));
    const char **r = arena_array(m, count, sizeof(*r));
    size_t k = 0;
    for (size_t i = 0; t && r && i < count; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (!s)
            continue;
        r[k] = s;
        t[k++] = task_from(s);
    }
    *out = t;
    *raw = r;
    *n = (t && r) ? k : 0;
}

static void read_bands(model_impl *m, const json_t *arr, const mlm_band **out, size_t *n)
{
    size_t count = json_array_size(arr);
    mlm_band *b = arena_array(m, count, sizeof(*b));
    size_t k = 0;
    for (size_t i = 0; b && i < count; i++) {
        const json_t *e = json_array_get(arr, i);
        if (json_is_string(e)) {
            b[k++].name = json_string_value(e);
        } else if (json_is_object(e)) {
            b[k].name = str(e, "name");
            b[k].format = str(e, "format");
            b[k].expression = json_object_get(e, "expression");
            k++;
        }
    }
    *out = b;
    *n = b ? k : 0;
}

static void read_shape(model_impl *m, const json_t *arr, mlm_tensor *t)
{
    size_t count = json_array_size(arr);
    int64_t *s = arena_array(m, count, sizeof(*s));
    for (size_t i = 0; s && i < count; i++)
        if (!as_int(json_array_get(arr, i), &s[i]))
            s[i] = 0;
    t->shape = s;
    t->n_shape = s ? count : 0;
}

static void read_names(model_impl *m, const json_t *arr, const char *const **out, size_t *n)
{
    size_t count = json_array_size(arr);
    const char **names = arena_array(m, count, sizeof(*names));
    for (size_t i = 0; names && i < count; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        names[i] = s ? s : "";
    }
    *out = names;
    *n = names ? count : 0;
}

static void read_tensor(model_impl *m, const json_t *obj, mlm_tensor *t)
{
    if (!json_is_object(obj))
        return;
    read_shape(m, json_object_get(obj, "shape"), t);
    read_names(m, json_object_get(obj, "dim_order"), &t->dim_order, &t->n_dim_order);
    t->data_type = str(obj, "data_type");
    t->data_type_enum =
        (mlm_data_type)lookup(data_types, MLMP_ARRAY_LEN(data_types), t->data_type);
}

static void read_expression(const json_t *obj, mlm_expression *e)
{
    e->format = str(obj, "format");
    e->expression = json_object_get(obj, "expression");
    e->description = str(obj, "description");
}

/* One processing expression object, or a list of them, or null. */
static void read_expressions(model_impl *m, const json_t *v, const mlm_expression **out,
                             size_t *n)
{
    *out = NULL;
    *n = 0;
    if (json_is_object(v)) {
        mlm_expression *e = arena_alloc(m, sizeof(*e));
        if (e) {
            read_expression(v, e);
            *out = e;
            *n = 1;
        }
        return;
    }
    size_t count = json_array_size(v);
    mlm_expression *e = arena_array(m, count, sizeof(*e));
    size_t k = 0;
    for (size_t i = 0; e && i < count; i++)
        if (json_is_object(json_array_get(v, i)))
            read_expression(json_array_get(v, i), &e[k++]);
    *out = e;
    *n = e ? k : 0;
}

static void read_value_scaling(model_impl *m, const json_t *arr, mlm_input *in)
{
    size_t count = json_array_size(arr);
    mlm_value_scaling *vs = arena_array(m, count, sizeof(*vs));
    size_t k = 0;
    for (size_t i = 0; vs && i < count; i++) {
        const json_t *o = json_array_get(arr, i);
        if (!json_is_object(o))
            continue;
        mlm_value_scaling *s = &vs[k++];
        s->type_raw = str(o, "type");
        s->type = (mlm_scaling_type)lookup(scalings, MLMP_ARRAY_LEN(scalings), s->type_raw);
        s->has_minimum = get_num(o, "minimum", &s->minimum);
        s->has_maximum = get_num(o, "maximum", &s->maximum);
        s->has_mean = get_num(o, "mean", &s->mean);
        s->has_stddev = get_num(o, "stddev", &s->stddev);
        s->has_value = get_num(o, "value", &s->value);
        if (s->type == MLM_SCALING_PROCESSING)
            read_expression(o, &s->processing);
    }
    in->value_scaling = vs;
    in->n_value_scaling = vs ? k : 0;
}

static void read_classes(model_impl *m, const json_t *arr, mlm_output *out)
{
    size_t count = json_array_size(arr);
    mlm_class *c = arena_array(m, count, sizeof(*c));
    size_t k = 0;
    for (size_t i = 0; c && i < count; i++) {
        const json_t *o = json_array_get(arr, i);
        if (!json_is_object(o))
            continue;
        mlm_class *x = &c[k++];
        x->has_value = get_int(o, "value", &x->value);
        x->name = str(o, "name");
        x->description = str(o, "description");
        x->title = str(o, "title");
        x->color_hint = str(o, "color_hint");
        x->has_nodata = get_bool(o, "nodata", &x->nodata);
    }
    out->classes = c;
    out->n_classes = c ? k : 0;
}

static mlm_asset_kind asset_kind(const mlm_asset *a)
{
    bool code = false, container = false;
    for (size_t i = 0; i < a->n_roles; i++) {
        const char *r = a->roles[i];
        if (strcmp(r, "mlm:model") == 0)
            return MLM_ASSET_MODEL;
        if (strcmp(r, "code") == 0 || strcmp(r, "mlm:source_code") == 0)
            code = true;
        if (strcmp(r, "container") == 0 || strcmp(r, "mlm:container") == 0)
            container = true;
    }
    if (code)
        return MLM_ASSET_CODE;
    if (container || (a->type && strstr(a->type, "container")))
        return MLM_ASSET_CONTAINER;
    return MLM_ASSET_OTHER;
}

static void read_asset(model_impl *m, const char *key, const json_t *o, bool item_assets,
                       mlm_asset *a)
{
    a->key = key;
    a->href = str(o, "href");
    a->type = str(o, "type");
    a->title = str(o, "title");
    read_names(m, json_object_get(o, "roles"), &a->roles, &a->n_roles);
    a->artifact_type = str(o, "mlm:artifact_type");
    a->compile_method = str(o, "mlm:compile_method");
    a->entrypoint = str(o, "mlm:entrypoint");
    a->in_item_assets = item_assets;
    a->kind = asset_kind(a);
}

static void read_assets(model_impl *m, const json_t *root)
{
    const json_t *sets[2] = {get_object(root, "assets"), get_object(root, "item_assets")};
    size_t total = json_object_size(sets[0]) + json_object_size(sets[1]);
    mlm_asset *assets = arena_array(m, total, sizeof(*assets));
    size_t k = 0;
    for (int s = 0; assets && s < 2; s++) {
        const char *key;
        const json_t *v;
        mlmp_object_foreach(sets[s], key, v) {
            if (json_is_object(v) && k < total)
                read_asset(m, key, v, s == 1, &assets[k++]);
        }
    }
    m->pub.assets = assets;
    m->pub.n_assets = assets ? k : 0;
}

const mlm_asset *mlm_model_find_model_asset(const mlm_model *m)
{
    for (size_t i = 0; m && i < m->n_assets; i++)
        if (m->assets[i].kind == MLM_ASSET_MODEL)
            return &m->assets[i];
    return NULL;
}

/* --- v1.x (flat layout) ------------------------------------------------------- */

/* Where a model-level field is looked up: Item properties or Collection top
 * level, then (v1.4+ allows many fields there) the first model asset. */
typedef struct field_sources {
    const json_t *primary;
    const json_t *asset;
} field_sources;

static const json_t *field(const field_sources *fs, const char *key)
{
    const json_t *v = json_object_get(fs->primary, key);
    if (!v && fs->asset)
        v = json_object_get(fs->asset, key);
    return v;
}

static void read_input_v1(model_impl *m, const json_t *o, mlm_input *in)
{
    in->name = str(o, "name");
    in->description = str(o, "description");
    read_bands(m, json_object_get(o, "bands"), &in->bands, &in->n_bands);
    read_bands(m, json_object_get(o, "variables"), &in->variables, &in->n_variables);
    read_tensor(m, json_object_get(o, "input"), &in->input);
    read_value_scaling(m, json_object_get(o, "value_scaling"), in);
    in->resize_type_raw = str(o, "resize_type");
    in->resize_type =
        (mlm_resize_type)lookup(resizes, MLMP_ARRAY_LEN(resizes), in->resize_type_raw);
    read_expressions(m, json_object_get(o, "pre_processing_function"), &in->pre_processing,
                     &in->n_pre_processing);
    in->has_norm_by_channel = get_bool(o, "norm_by_channel", &in->norm_by_channel);
    in->norm_type = str(o, "norm_type");
    in->norm_clip = json_object_get(o, "norm_clip");
    in->statistics = json_object_get(o, "statistics");
}

static void read_output_v1(model_impl *m, const json_t *o, mlm_output *out)
{
    out->name = str(o, "name");
    out->description = str(o, "description");
    read_tasks(m, json_object_get(o, "tasks"), &out->tasks, &out->tasks_raw, &out->n_tasks);
    read_tensor(m, json_object_get(o, "result"), &out->result);
    read_classes(m, json_object_get(o, "classification:classes"), out);
    read_bands(m, json_object_get(o, "bands"), &out->bands, &out->n_bands);
    read_bands(m, json_object_get(o, "variables"), &out->variables, &out->n_variables);
    read_expressions(m, json_object_get(o, "post_processing_function"), &out->post_processing,
                     &out->n_post_processing);
}

static void read_io_v1(model_impl *m, const json_t *inputs, const json_t *outputs)
{
    size_t ni = json_array_size(inputs), no = json_array_size(outputs);
    mlm_input *in = arena_array(m, ni, sizeof(*in));
    mlm_output *out = arena_array(m, no, sizeof(*out));
    size_t k = 0;
    for (size_t i = 0; in && i < ni; i++)
        if (json_is_object(json_array_get(inputs, i)))
            read_input_v1(m, json_array_get(inputs, i), &in[k++]);
    m->pub.inputs = in;
    m->pub.n_inputs = in ? k : 0;
    k = 0;
    for (size_t i = 0; out && i < no; i++)
        if (json_is_object(json_array_get(outputs, i)))
            read_output_v1(m, json_array_get(outputs, i), &out[k++]);
    m->pub.outputs = out;
    m->pub.n_outputs = out ? k : 0;
}

static void read_v1(model_impl *m, const mlm_document *doc)
{
    mlm_model *p = &m->pub;
    const json_t *root = doc->root;
    field_sources fs = {root, NULL};
    if (doc->stac_type != MLM_STAC_COLLECTION && get_object(root, "properties"))
        fs.primary = get_object(root, "properties");
    const mlm_asset *ma = mlm_model_find_model_asset(p);
    if (ma)
        fs.asset = json_object_get(get_object(root, ma->in_item_assets ? "item_assets" : "assets"),
                                   ma->key);

    p->name = json_string_value(field(&fs, "mlm:name"));
    p->architecture.name = json_string_value(field(&fs, "mlm:architecture"));
    int64_t iv;
    if (as_int(field(&fs, "mlm:total_parameters"), &iv)) {
        p->architecture.total_parameters = iv;
        p->architecture.has_total_parameters = 1;
    }
    if (as_int(field(&fs, "mlm:memory_size"), &iv)) {
        p->architecture.memory_size = iv;
        p->architecture.has_memory_size = 1;
    }
    const json_t *pre = field(&fs, "mlm:pretrained");
    if (json_is_boolean(pre)) {
        p->architecture.pretrained = json_is_true(pre);
        p->architecture.has_pretrained = 1;
    }
    p->architecture.pretrained_source = json_string_value(field(&fs, "mlm:pretrained_source"));
    read_tasks(m, field(&fs, "mlm:tasks"), &p->tasks, &p->tasks_raw, &p->n_tasks);
    p->framework = json_string_value(field(&fs, "mlm:framework"));
    p->framework_version = json_string_value(field(&fs, "mlm:framework_version"));
    if (as_int(field(&fs, "mlm:batch_size_suggestion"), &iv)) {
        p->batch_size_suggestion = iv;
        p->has_batch_size_suggestion = 1;
    }
    p->accelerator_raw = json_string_value(field(&fs, "mlm:accelerator"));
    p->accelerator = (mlm_accelerator)lookup(accelerators, MLMP_ARRAY_LEN(accelerators),
                                             p->accelerator_raw);
    const json_t *ac = field(&fs, "mlm:accelerator_constrained");
    if (json_is_boolean(ac)) {
        p->accelerator_constrained = json_is_true(ac);
        p->has_accelerator_constrained = 1;
    }
    p->accelerator_summary = json_string_value(field(&fs, "mlm:accelerator_summary"));
    if (as_int(field(&fs, "mlm:accelerator_count"), &iv)) {
        p->accelerator_count = iv;
        p->has_accelerator_count = 1;
    }
    const json_t *hp = field(&fs, "mlm:hyperparameters");
    p->hyperparameters = json_is_object(hp) ? hp : NULL;
    read_io_v1(m, field(&fs, "mlm:input"), field(&fs, "mlm:output"));
}

/* --- the January 2024 draft (nested layout) ------------------------------------ */

/* The draft's dim_order is a string of letters ("bchw"): one name each. */
static void read_draft_tensor(model_impl *m, const json_t *o, mlm_tensor *t)
{
    if (!json_is_object(o))
        return;
    read_shape(m, json_object_get(o, "shape"), t);
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
    t->data_type_enum =
        (mlm_data_type)lookup(data_types, MLMP_ARRAY_LEN(data_types), t->data_type);
}

static void read_input_draft(model_impl *m, const json_t *o, mlm_input *in)
{
    in->name = str(o, "name");
    in->description = str(o, "description");
    read_bands(m, json_object_get(o, "bands"), &in->bands, &in->n_bands);
    const json_t *feature = json_object_get(o, "input_feature");
    if (!feature)
        feature = json_object_get(o, "input_array");
    read_draft_tensor(m, feature, &in->input);
    in->has_norm_by_channel = get_bool(o, "norm_by_channel", &in->norm_by_channel);
    in->norm_type = str(o, "norm_type");
    in->rescale_type = str(o, "rescale_type");
    in->statistics = json_object_get(o, "statistics");
    in->parameters = json_object_get(o, "parameters");
    in->pre_processing_function = str(o, "pre_processing_function");
}

static void read_output_draft(model_impl *m, const json_t *o, mlm_output *out)
{
    out->name = str(o, "name");
    out->description = str(o, "description");
    out->task = str(o, "task");
    if (out->task) {
        mlm_task *t = arena_alloc(m, sizeof(*t));
        const char **raw = arena_alloc(m, sizeof(*raw));
        if (t && raw) {
            *t = task_from(out->task);
            *raw = out->task;
            out->tasks = t;
            out->tasks_raw = raw;
            out->n_tasks = 1;
        }
    }
    out->has_number_of_classes = get_int(o, "number_of_classes", &out->number_of_classes);
    const json_t *results = json_object_get(o, "result");
    if (json_is_object(results)) {
        read_draft_tensor(m, results, &out->result);
    } else {
        size_t n = json_array_size(results);
        mlm_tensor *r = arena_array(m, n, sizeof(*r));
        for (size_t i = 0; r && i < n; i++)
            read_draft_tensor(m, json_array_get(results, i), &r[i]);
        out->results = r;
        out->n_results = r ? n : 0;
        if (r && n)
            out->result = r[0];
    }
    const json_t *map = get_object(o, "class_name_mapping");
    out->class_name_mapping = map;
    size_t nc = json_object_size(map);
    mlm_class *c = arena_array(m, nc, sizeof(*c));
    size_t k = 0;
    const char *key;
    const json_t *v;
    mlmp_object_foreach(map, key, v) {
        if (!c || k >= nc)
            break;
        c[k].name = key;
        c[k].has_value = as_int(v, &c[k].value);
        k++;
    }
    out->classes = c;
    out->n_classes = c ? k : 0;
    out->post_processing_function = str(o, "post_processing_function");
}

static void read_draft(model_impl *m, const mlm_document *doc)
{
    mlm_model *p = &m->pub;
    const json_t *root = doc->root;
    const json_t *fields = get_object(root, "properties");
    if (!fields || doc->stac_type == MLM_STAC_COLLECTION)
        fields = root;

    const json_t *arch = get_object(fields, "mlm:architecture");
    if (arch) {
        p->architecture.name = str(arch, "name");
        p->name = p->architecture.name;
        p->architecture.has_total_parameters =
            get_int(arch, "total_parameters", &p->architecture.total_parameters);
        p->architecture.has_file_size = get_int(arch, "file_size", &p->architecture.file_size);
        p->architecture.has_memory_size =
            get_int(arch, "memory_size", &p->architecture.memory_size);
        p->architecture.pretrained_source = str(arch, "pretrained_source");
        p->architecture.summary = str(arch, "summary");
    }

    const json_t *rt = get_object(fields, "mlm:runtime");
    if (rt) {
        mlm_runtime *r = arena_alloc(m, sizeof(*r));
        if (r) {
            r->framework = str(rt, "framework");
            r->version = str(rt, "version");
            r->model_asset = get_object(rt, "model_asset");
            r->source_code = get_object(rt, "source_code");
            r->accelerator = str(rt, "accelerator");
            r->has_accelerator_constrained =
                get_bool(rt, "accelerator_constrained", &r->accelerator_constrained);
            r->hardware_summary = str(rt, "hardware_summary");
            const json_t *dk = get_object(rt, "docker");
            if (dk) {
                mlm_container *c = arena_alloc(m, sizeof(*c));
                if (c) {
                    c->container_file = str(dk, "container_file");
                    c->image_name = str(dk, "image_name");
                    c->tag = str(dk, "tag");
                    c->working_dir = str(dk, "working_dir");
                    c->run = str(dk, "run");
                }
                r->docker = c;
            }
            r->model_commit_hash = str(rt, "model_commit_hash");
            r->has_batch_size_suggestion =
                get_num(rt, "batch_size_suggestion", &r->batch_size_suggestion);
            p->runtime = r;
            p->framework = r->framework;
            p->framework_version = r->version;
            p->accelerator_raw = r->accelerator;
            p->accelerator = (mlm_accelerator)lookup(accelerators, MLMP_ARRAY_LEN(accelerators),
                                                     r->accelerator);
            p->accelerator_constrained = r->accelerator_constrained;
            p->has_accelerator_constrained = r->has_accelerator_constrained;
            p->accelerator_summary = r->hardware_summary;
            int64_t bs;
            if (as_int(json_object_get(rt, "batch_size_suggestion"), &bs)) {
                p->batch_size_suggestion = bs;
                p->has_batch_size_suggestion = 1;
            }
        }
    }

    const json_t *inputs = json_object_get(fields, "mlm:input");
    size_t ni = json_array_size(inputs);
    mlm_input *in = arena_array(m, ni, sizeof(*in));
    size_t k = 0;
    for (size_t i = 0; in && i < ni; i++)
        if (json_is_object(json_array_get(inputs, i)))
            read_input_draft(m, json_array_get(inputs, i), &in[k++]);
    p->inputs = in;
    p->n_inputs = in ? k : 0;

    /* mlm:output is one object in the draft's text, a list in practice. */
    const json_t *outputs = json_object_get(fields, "mlm:output");
    size_t no = json_is_object(outputs) ? 1 : json_array_size(outputs);
    mlm_output *out = arena_array(m, no, sizeof(*out));
    k = 0;
    for (size_t i = 0; out && i < no; i++) {
        const json_t *o = json_is_object(outputs) ? outputs : json_array_get(outputs, i);
        if (json_is_object(o))
            read_output_draft(m, o, &out[k++]);
    }
    p->outputs = out;
    p->n_outputs = out ? k : 0;

    /* The draft has no mlm:tasks: the model's tasks are its outputs' tasks. */
    size_t nt = 0;
    for (size_t i = 0; i < p->n_outputs; i++)
        nt += p->outputs[i].n_tasks;
    mlm_task *t = arena_array(m, nt, sizeof(*t));
    const char **raw = arena_array(m, nt, sizeof(*raw));
    k = 0;
    for (size_t i = 0; t && raw && i < p->n_outputs; i++)
        for (size_t j = 0; j < p->outputs[i].n_tasks; j++) {
            t[k] = p->outputs[i].tasks[j];
            raw[k++] = p->outputs[i].tasks_raw[j];
        }
    p->tasks = t;
    p->tasks_raw = raw;
    p->n_tasks = t && raw ? k : 0;
}

/* --- entry points ---------------------------------------------------------------- */

struct mlm_model *mlmp_model_build(const mlm_document *doc)
{
    model_impl *m = mlmp_calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->pub.spec = doc->spec;
    read_assets(m, doc->root);
    if (doc->spec == MLM_SPEC_DRAFT)
        read_draft(m, doc);
    else
        read_v1(m, doc);
    if (m->oom) {
        mlmp_model_free(&m->pub);
        return NULL;
    }
    return &m->pub;
}

void mlmp_model_free(struct mlm_model *pub)
{
    if (!pub)
        return;
    model_impl *m = (model_impl *)pub;
    block *b = m->blocks;
    while (b) {
        block *next = b->next;
        mlmp_free(b);
        b = next;
    }
    mlmp_free(m);
}

const mlm_model *mlm_document_model(const mlm_document *doc) { return doc ? doc->model : NULL; }
