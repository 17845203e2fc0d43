/* Internal layout of the typed model (model.c reads, model_access.c serves).
 * None of this is public: the ABI is the accessor functions of mlm/model.h. */
#ifndef MLM_MODEL_PRIVATE_H
#define MLM_MODEL_PRIVATE_H

#include "mlm/model.h"
#include "mlm_private.h"

typedef struct mlmp_model_root mlmp_model_root; /* the arena (model.c) */

struct mlm_expression {
    const json_t *json;
    const char *ptr;
    const char *format;
    const json_t *expression;
    const char *description;
};

struct mlm_band {
    const json_t *json;
    const char *ptr;
    const char *name;
    const char *format;
    const json_t *expression;
};

struct mlm_tensor {
    const json_t *json;
    const char *ptr;
    int64_t *shape;
    bool *shape_ok;
    size_t n_shape;
    const char **dim_order;
    size_t n_dim_order;
    const char *data_type;
    mlm_data_type data_type_enum;
};

struct mlm_value_scaling {
    const json_t *json;
    const char *ptr;
    mlm_scaling_type type;
    const char *type_raw;
    double minimum, maximum, mean, stddev, value;
    bool has_minimum, has_maximum, has_mean, has_stddev, has_value;
    mlm_expression *processing;
};

struct mlm_input {
    const json_t *json;
    const char *ptr;
    size_t index;
    const char *name;
    const char *description;
    mlm_band *bands;
    size_t n_bands;
    mlm_band *variables;
    size_t n_variables;
    mlm_tensor *tensor;
    mlm_value_scaling *value_scaling;
    size_t n_value_scaling;
    mlm_resize_type resize_type;
    const char *resize_type_raw;
    mlm_expression *pre_processing;
    size_t n_pre_processing;
    int norm_by_channel;
    bool has_norm_by_channel;
    const char *norm_type;
    const char *rescale_type;
    const json_t *norm_clip;
    const json_t *statistics;
    const json_t *parameters;
    const char *pre_processing_function;
};

struct mlm_class {
    const json_t *json;
    const char *ptr;
    int64_t value;
    bool has_value;
    const char *name;
    const char *description;
    const char *title;
    const char *color_hint;
    int nodata;
    bool has_nodata;
};

struct mlm_output {
    const json_t *json;
    const char *ptr;
    size_t index;
    const char *name;
    const char *description;
    mlm_task *tasks;
    const char **tasks_raw;
    size_t n_tasks;
    mlm_tensor *result;
    mlm_tensor **results;
    size_t n_results;
    mlm_class *classes;
    size_t n_classes;
    mlm_band *bands;
    size_t n_bands;
    mlm_band *variables;
    size_t n_variables;
    mlm_expression *post_processing;
    size_t n_post_processing;
    int64_t number_of_classes;
    bool has_number_of_classes;
    const json_t *class_name_mapping;
    const char *post_processing_function;
};

struct mlm_asset {
    const json_t *json;
    const char *ptr;
    const char *key;
    bool in_assets;      /* from "assets" */
    bool in_item_assets; /* from a Collection's "item_assets" */
    mlm_asset_kind kind;
    const char *href;
    const char *type;
    const char *title;
    const char *description;
    const char **roles;
    size_t n_roles;
    const char *artifact_type;
    const char *compile_method;
    const char *entrypoint;
    mlm_model *fields; /* the mlm: fields on the asset itself */
};

struct mlm_runtime {
    const json_t *json;
    const char *framework;
    const char *version;
    mlm_asset *model_asset;
    mlm_asset *source_code;
    const char *accelerator;
    int accelerator_constrained;
    bool has_accelerator_constrained;
    const char *hardware_summary;
    const json_t *docker;
    const char *model_commit_hash;
    double batch_size_suggestion;
    bool has_batch_size_suggestion;
};

struct mlm_model {
    mlmp_model_root *root; /* set on the document's model only */
    mlm_spec_version spec;
    const json_t *json;
    const char *ptr;
    const char *name;
    const char *architecture;
    const char *architecture_summary;
    int64_t total_parameters, file_size, memory_size;
    bool has_total_parameters, has_file_size, has_memory_size;
    int pretrained;
    bool has_pretrained;
    const char *pretrained_source;
    mlm_task *tasks;
    const char **tasks_raw;
    size_t n_tasks;
    const char *framework;
    const char *framework_version;
    int64_t batch_size_suggestion;
    bool has_batch_size_suggestion;
    mlm_accelerator accelerator;
    const char *accelerator_raw;
    int accelerator_constrained;
    bool has_accelerator_constrained;
    const char *accelerator_summary;
    int64_t accelerator_count;
    bool has_accelerator_count;
    const json_t *hyperparameters;
    mlm_input *inputs;
    size_t n_inputs;
    mlm_output *outputs;
    size_t n_outputs;
    mlm_asset *assets;
    size_t n_assets;
    mlm_runtime *runtime;
    const char **summary_keys;
    const json_t **summary_values;
    size_t n_summaries;
};

#endif
