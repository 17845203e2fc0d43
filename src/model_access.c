/*
 * The public accessors of the typed model (mlm/model.h). Every handle type is
 * opaque; these functions are the whole ABI of the model, so its private
 * layout (model_private.h) may change freely. All accept NULL handles and
 * out-of-range indices and then return the "absent" value.
 */
#include <string.h>

#include "document_private.h"
#include "facts.h"
#include "model_private.h"

/* A getter of a plain field: T fn(const H *h) { return h ? h->f : absent; } */
#define GETTER(T, fn, H, f, absent)                                                                \
    T fn(const H *h) { return h ? h->f : (absent); }
/* An optional value: int fn(const H *h, T *out), 1 when present. */
#define OPTIONAL(T, fn, H, f)                                                                      \
    int fn(const H *h, T *out)                                                                     \
    {                                                                                              \
        if (!h || !h->has_##f)                                                                     \
            return 0;                                                                              \
        if (out)                                                                                   \
            *out = h->f;                                                                           \
        return 1;                                                                                  \
    }
/* A count and an indexed element address of an array field. */
#define ARRAY(fn_count, fn_at, H, T, f)                                                            \
    size_t fn_count(const H *h) { return h ? h->n_##f : 0; }                                       \
    const T *fn_at(const H *h, size_t i) { return h && i < h->n_##f ? &h->f[i] : NULL; }
/* Pointer and JSON of a handle. */
#define IDENTITY(prefix, H)                                                                        \
    const json_t *prefix##_json(const H *h) { return h ? h->json : NULL; }                         \
    const char *prefix##_pointer(const H *h) { return h ? h->ptr : NULL; }

const mlm_model *mlm_document_model(const mlm_document *doc) { return doc ? doc->model : NULL; }

/* --- model ------------------------------------------------------------------ */

IDENTITY(mlm_model, mlm_model)
GETTER(mlm_spec_version, mlm_model_spec, mlm_model, spec, MLM_SPEC_UNKNOWN)
GETTER(const char *, mlm_model_name, mlm_model, name, NULL)
GETTER(const char *, mlm_model_architecture, mlm_model, architecture, NULL)
GETTER(const char *, mlm_model_architecture_summary, mlm_model, architecture_summary, NULL)
OPTIONAL(int64_t, mlm_model_total_parameters, mlm_model, total_parameters)
OPTIONAL(int64_t, mlm_model_file_size, mlm_model, file_size)
OPTIONAL(int64_t, mlm_model_memory_size, mlm_model, memory_size)
OPTIONAL(int, mlm_model_pretrained, mlm_model, pretrained)
GETTER(const char *, mlm_model_pretrained_source, mlm_model, pretrained_source, NULL)
GETTER(size_t, mlm_model_task_count, mlm_model, n_tasks, 0)
GETTER(const char *, mlm_model_framework, mlm_model, framework, NULL)
GETTER(const char *, mlm_model_framework_version, mlm_model, framework_version, NULL)
OPTIONAL(int64_t, mlm_model_batch_size_suggestion, mlm_model, batch_size_suggestion)
GETTER(mlm_accelerator, mlm_model_accelerator, mlm_model, accelerator, MLM_ACCELERATOR_UNKNOWN)
GETTER(const char *, mlm_model_accelerator_raw, mlm_model, accelerator_raw, NULL)
OPTIONAL(int, mlm_model_accelerator_constrained, mlm_model, accelerator_constrained)
GETTER(const char *, mlm_model_accelerator_summary, mlm_model, accelerator_summary, NULL)
OPTIONAL(int64_t, mlm_model_accelerator_count, mlm_model, accelerator_count)
GETTER(const json_t *, mlm_model_hyperparameters, mlm_model, hyperparameters, NULL)
ARRAY(mlm_model_input_count, mlm_model_input, mlm_model, mlm_input, inputs)
ARRAY(mlm_model_output_count, mlm_model_output, mlm_model, mlm_output, outputs)
ARRAY(mlm_model_asset_count, mlm_model_asset, mlm_model, mlm_asset, assets)
GETTER(const mlm_runtime *, mlm_model_runtime, mlm_model, runtime, NULL)
GETTER(size_t, mlm_model_summary_count, mlm_model, n_summaries, 0)

mlm_presence mlm_json_field(const json_t *object, const char *key, const json_t **value)
{
    const json_t *v = key ? json_object_get(object, key) : NULL;
    if (value)
        *value = v;
    if (!v)
        return MLM_ABSENT;
    return json_is_null(v) ? MLM_NULL : MLM_PRESENT;
}

/* The prefix of the extension's own keys: the one place member filters name it. */
static const char mlm_key_prefix[] = MLMP_PREFIX;

static bool member_selected(const char *key, mlm_member_filter filter)
{
    bool is_mlm = strncmp(key, mlm_key_prefix, sizeof(mlm_key_prefix) - 1) == 0;
    switch (filter) {
    case MLM_MEMBERS_ALL: return true;
    case MLM_MEMBERS_MLM: return is_mlm;
    case MLM_MEMBERS_NOT_MLM: return !is_mlm;
    }
    return false;
}

size_t mlm_json_member_count(const json_t *object, mlm_member_filter filter)
{
    size_t n = 0;
    const char *key;
    const json_t *v;
    if (!json_is_object(object))
        return 0;
    mlmp_object_foreach (object, key, v)
        n += member_selected(key, filter);
    return n;
}

const char *mlm_json_member(const json_t *object, mlm_member_filter filter, size_t i,
                            const json_t **value)
{
    const char *key;
    const json_t *v;
    if (value)
        *value = NULL;
    if (!json_is_object(object))
        return NULL;
    mlmp_object_foreach (object, key, v) {
        if (!member_selected(key, filter))
            continue;
        if (i-- == 0) {
            if (value)
                *value = v;
            return key;
        }
    }
    return NULL;
}

int mlm_asset_is_in_item_assets(const mlm_asset *a) { return mlm_asset_in_item_assets(a); }

mlm_presence mlm_model_field(const mlm_model *m, const char *key, const json_t **value)
{
    return mlm_json_field(m ? m->json : NULL, key, value);
}

mlm_task mlm_model_task(const mlm_model *m, size_t i)
{
    return m && i < m->n_tasks ? m->tasks[i] : MLM_TASK_UNKNOWN;
}

const char *mlm_model_task_raw(const mlm_model *m, size_t i)
{
    return m && i < m->n_tasks ? m->tasks_raw[i] : NULL;
}

const mlm_asset *mlm_model_asset_by_key(const mlm_model *m, const char *key)
{
    for (size_t i = 0; m && key && i < m->n_assets; i++) {
        const mlm_asset *a = &m->assets[i];
        if (a->in_assets && strcmp(a->key, key) == 0)
            return a;
    }
    return NULL;
}

const mlm_asset *mlm_model_find_model_asset(const mlm_model *m)
{
    for (size_t i = 0; m && i < m->n_assets; i++)
        if (m->assets[i].kind == MLM_ASSET_MODEL)
            return &m->assets[i];
    return NULL;
}

const char *mlm_model_summary_key(const mlm_model *m, size_t i)
{
    return m && i < m->n_summaries ? m->summary_keys[i] : NULL;
}

const json_t *mlm_model_summary_value(const mlm_model *m, size_t i)
{
    return m && i < m->n_summaries ? m->summary_values[i] : NULL;
}

static const json_t *summary_of(const mlm_model *m, const char *key)
{
    for (size_t i = 0; m && key && i < m->n_summaries; i++)
        if (strcmp(m->summary_keys[i], key) == 0)
            return m->summary_values[i];
    return NULL;
}

size_t mlm_model_summary_string_count(const mlm_model *m, const char *key)
{
    return json_array_size(summary_of(m, key));
}

const char *mlm_model_summary_string(const mlm_model *m, const char *key, size_t i)
{
    return json_string_value(json_array_get(summary_of(m, key), i));
}

int mlm_model_summary_range(const mlm_model *m, const char *key, double *minimum, double *maximum)
{
    const json_t *s = summary_of(m, key);
    const json_t *lo = json_object_get(s, "minimum"), *hi = json_object_get(s, "maximum");
    if (!json_is_number(lo) || !json_is_number(hi))
        return 0;
    if (minimum)
        *minimum = json_number_value(lo);
    if (maximum)
        *maximum = json_number_value(hi);
    return 1;
}

size_t mlm_model_summary_number_count(const mlm_model *m, const char *key)
{
    return json_array_size(summary_of(m, key));
}

int mlm_model_summary_number(const mlm_model *m, const char *key, size_t i, double *out)
{
    const json_t *v = json_array_get(summary_of(m, key), i);
    if (!json_is_number(v))
        return 0;
    if (out)
        *out = json_number_value(v);
    return 1;
}

/* --- inputs ------------------------------------------------------------------ */

IDENTITY(mlm_input, mlm_input)
GETTER(size_t, mlm_input_index, mlm_input, index, 0)
GETTER(const char *, mlm_input_name, mlm_input, name, NULL)
GETTER(const char *, mlm_input_description, mlm_input, description, NULL)
ARRAY(mlm_input_band_count, mlm_input_band, mlm_input, mlm_band, bands)
ARRAY(mlm_input_variable_count, mlm_input_variable, mlm_input, mlm_band, variables)
GETTER(const mlm_tensor *, mlm_input_tensor, mlm_input, tensor, NULL)
ARRAY(mlm_input_value_scaling_count, mlm_input_value_scaling, mlm_input, mlm_value_scaling,
      value_scaling)
GETTER(mlm_resize_type, mlm_input_resize_type, mlm_input, resize_type, MLM_RESIZE_UNKNOWN)
GETTER(const char *, mlm_input_resize_type_raw, mlm_input, resize_type_raw, NULL)
ARRAY(mlm_input_pre_processing_count, mlm_input_pre_processing, mlm_input, mlm_expression,
      pre_processing)
OPTIONAL(int, mlm_input_norm_by_channel, mlm_input, norm_by_channel)
GETTER(const char *, mlm_input_norm_type, mlm_input, norm_type, NULL)
GETTER(const char *, mlm_input_rescale_type, mlm_input, rescale_type, NULL)
GETTER(const json_t *, mlm_input_norm_clip, mlm_input, norm_clip, NULL)
GETTER(const json_t *, mlm_input_statistics, mlm_input, statistics, NULL)
GETTER(const json_t *, mlm_input_parameters, mlm_input, parameters, NULL)
GETTER(const char *, mlm_input_pre_processing_function, mlm_input, pre_processing_function, NULL)

/* --- bands, tensors, scaling, expressions ------------------------------------------ */

IDENTITY(mlm_band, mlm_band)
GETTER(const char *, mlm_band_name, mlm_band, name, NULL)
GETTER(const char *, mlm_band_format, mlm_band, format, NULL)
GETTER(const json_t *, mlm_band_expression, mlm_band, expression, NULL)

IDENTITY(mlm_tensor, mlm_tensor)
GETTER(size_t, mlm_tensor_shape_count, mlm_tensor, n_shape, 0)
GETTER(size_t, mlm_tensor_dim_order_count, mlm_tensor, n_dim_order, 0)
GETTER(mlm_data_type, mlm_tensor_data_type, mlm_tensor, data_type_enum, MLM_DATA_TYPE_UNKNOWN)
GETTER(const char *, mlm_tensor_data_type_raw, mlm_tensor, data_type, NULL)

int mlm_tensor_shape(const mlm_tensor *t, size_t i, int64_t *out)
{
    if (!t || i >= t->n_shape || !t->shape_ok[i])
        return 0;
    if (out)
        *out = t->shape[i];
    return 1;
}

const char *mlm_tensor_dim_order(const mlm_tensor *t, size_t i)
{
    return t && i < t->n_dim_order ? t->dim_order[i] : NULL;
}

IDENTITY(mlm_value_scaling, mlm_value_scaling)
GETTER(mlm_scaling_type, mlm_value_scaling_type, mlm_value_scaling, type, MLM_SCALING_UNKNOWN)
GETTER(const char *, mlm_value_scaling_type_raw, mlm_value_scaling, type_raw, NULL)
OPTIONAL(double, mlm_value_scaling_minimum, mlm_value_scaling, minimum)
OPTIONAL(double, mlm_value_scaling_maximum, mlm_value_scaling, maximum)
OPTIONAL(double, mlm_value_scaling_mean, mlm_value_scaling, mean)
OPTIONAL(double, mlm_value_scaling_stddev, mlm_value_scaling, stddev)
OPTIONAL(double, mlm_value_scaling_value, mlm_value_scaling, value)
GETTER(const mlm_expression *, mlm_value_scaling_processing, mlm_value_scaling, processing, NULL)

IDENTITY(mlm_expression, mlm_expression)
GETTER(const char *, mlm_expression_format, mlm_expression, format, NULL)
GETTER(const json_t *, mlm_expression_expression, mlm_expression, expression, NULL)
GETTER(const char *, mlm_expression_description, mlm_expression, description, NULL)

/* --- outputs and classes -------------------------------------------------------------- */

IDENTITY(mlm_output, mlm_output)
GETTER(size_t, mlm_output_index, mlm_output, index, 0)
GETTER(const char *, mlm_output_name, mlm_output, name, NULL)
GETTER(const char *, mlm_output_description, mlm_output, description, NULL)
GETTER(size_t, mlm_output_task_count, mlm_output, n_tasks, 0)
GETTER(const mlm_tensor *, mlm_output_result, mlm_output, result, NULL)
GETTER(size_t, mlm_output_result_count, mlm_output, n_results, 0)
ARRAY(mlm_output_class_count, mlm_output_class, mlm_output, mlm_class, classes)
ARRAY(mlm_output_band_count, mlm_output_band, mlm_output, mlm_band, bands)
ARRAY(mlm_output_variable_count, mlm_output_variable, mlm_output, mlm_band, variables)
ARRAY(mlm_output_post_processing_count, mlm_output_post_processing, mlm_output, mlm_expression,
      post_processing)
OPTIONAL(int64_t, mlm_output_number_of_classes, mlm_output, number_of_classes)
GETTER(const json_t *, mlm_output_class_name_mapping, mlm_output, class_name_mapping, NULL)
GETTER(const char *, mlm_output_post_processing_function, mlm_output, post_processing_function,
       NULL)

mlm_task mlm_output_task(const mlm_output *o, size_t i)
{
    return o && i < o->n_tasks ? o->tasks[i] : MLM_TASK_UNKNOWN;
}

const char *mlm_output_task_raw(const mlm_output *o, size_t i)
{
    return o && i < o->n_tasks ? o->tasks_raw[i] : NULL;
}

const mlm_tensor *mlm_output_result_at(const mlm_output *o, size_t i)
{
    return o && i < o->n_results ? o->results[i] : NULL;
}

IDENTITY(mlm_class, mlm_class)
OPTIONAL(int64_t, mlm_class_value, mlm_class, value)
GETTER(const char *, mlm_class_name, mlm_class, name, NULL)
GETTER(const char *, mlm_class_description, mlm_class, description, NULL)
GETTER(const char *, mlm_class_title, mlm_class, title, NULL)
GETTER(const char *, mlm_class_color_hint, mlm_class, color_hint, NULL)
OPTIONAL(int, mlm_class_nodata, mlm_class, nodata)

/* --- assets ---------------------------------------------------------------------------- */

IDENTITY(mlm_asset, mlm_asset)
GETTER(const char *, mlm_asset_key, mlm_asset, key, NULL)
GETTER(int, mlm_asset_in_item_assets, mlm_asset, in_item_assets, 0)
GETTER(mlm_asset_kind, mlm_asset_kind_of, mlm_asset, kind, MLM_ASSET_OTHER)
GETTER(const char *, mlm_asset_href, mlm_asset, href, NULL)
GETTER(const char *, mlm_asset_type, mlm_asset, type, NULL)
GETTER(const char *, mlm_asset_title, mlm_asset, title, NULL)
GETTER(const char *, mlm_asset_description, mlm_asset, description, NULL)
GETTER(size_t, mlm_asset_role_count, mlm_asset, n_roles, 0)
GETTER(const char *, mlm_asset_artifact_type, mlm_asset, artifact_type, NULL)
GETTER(const char *, mlm_asset_compile_method, mlm_asset, compile_method, NULL)
GETTER(const char *, mlm_asset_entrypoint, mlm_asset, entrypoint, NULL)
GETTER(const mlm_model *, mlm_asset_fields, mlm_asset, fields, NULL)

const char *mlm_asset_role(const mlm_asset *a, size_t i)
{
    return a && i < a->n_roles ? a->roles[i] : NULL;
}

int mlm_asset_has_role(const mlm_asset *a, const char *role)
{
    for (size_t i = 0; a && role && i < a->n_roles; i++)
        if (a->roles[i] && strcmp(a->roles[i], role) == 0)
            return 1;
    return 0;
}

/* --- the draft's runtime ----------------------------------------------------------------- */

GETTER(const json_t *, mlm_runtime_json, mlm_runtime, json, NULL)
GETTER(const char *, mlm_runtime_framework, mlm_runtime, framework, NULL)
GETTER(const char *, mlm_runtime_version, mlm_runtime, version, NULL)
GETTER(const mlm_asset *, mlm_runtime_model_asset, mlm_runtime, model_asset, NULL)
GETTER(const mlm_asset *, mlm_runtime_source_code, mlm_runtime, source_code, NULL)
GETTER(const char *, mlm_runtime_accelerator, mlm_runtime, accelerator, NULL)
OPTIONAL(int, mlm_runtime_accelerator_constrained, mlm_runtime, accelerator_constrained)
GETTER(const char *, mlm_runtime_hardware_summary, mlm_runtime, hardware_summary, NULL)
GETTER(const char *, mlm_runtime_model_commit_hash, mlm_runtime, model_commit_hash, NULL)
OPTIONAL(double, mlm_runtime_batch_size_suggestion, mlm_runtime, batch_size_suggestion)
GETTER(const json_t *, mlm_runtime_docker, mlm_runtime, docker, NULL)

const char *mlm_runtime_docker_field(const mlm_runtime *r, const char *key)
{
    return r && key ? json_string_value(json_object_get(r->docker, key)) : NULL;
}
