/**
 * @file mlm/model.h
 * @brief The typed, version-neutral view of an MLM document.
 *
 * The same structs describe a document whatever MLM version it follows: the
 * January 2024 draft (nested mlm:architecture / mlm:runtime objects) and the
 * flat layout of v1.0.0 .. v1.5.2 are both read into them. Fields a version
 * does not have stay absent.
 *
 * Conventions:
 * - Everything is a read-only view owned by the mlm_document it came from,
 *   valid until mlm_document_free(). Never free or modify it.
 * - Readers never judge: a missing or mistyped field is simply absent
 *   (NULL string, count 0, has_x == 0). mlm_validate() reports it.
 * - Arrays are `items` + `n_items`. Optional numbers and booleans have a
 *   `has_` flag. Closed vocabularies are enums with an `_UNKNOWN = 0`
 *   member (also used for values outside the vocabulary) plus the raw string.
 * - Structs only ever gain fields at the end.
 */
#ifndef MLM_MODEL_H
#define MLM_MODEL_H

#include <jansson.h>

#include "mlm/common.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/** Machine-learning tasks (mlm:tasks; the draft's task names map here too). */
typedef enum mlm_task {
    MLM_TASK_UNKNOWN = 0,
    MLM_TASK_REGRESSION,
    MLM_TASK_CLASSIFICATION,
    MLM_TASK_SCENE_CLASSIFICATION,
    MLM_TASK_DETECTION,
    MLM_TASK_OBJECT_DETECTION,
    MLM_TASK_SEGMENTATION,
    MLM_TASK_SEMANTIC_SEGMENTATION,
    MLM_TASK_INSTANCE_SEGMENTATION,
    MLM_TASK_PANOPTIC_SEGMENTATION,
    MLM_TASK_SIMILARITY_SEARCH,
    MLM_TASK_GENERATIVE,
    MLM_TASK_IMAGE_CAPTIONING,
    MLM_TASK_SUPER_RESOLUTION,
    MLM_TASK_DOWNSCALING,
    MLM_TASK_MULTI_MODAL /**< draft only */
} mlm_task;

/** Accelerators (mlm:accelerator, the draft's runtime.accelerator). */
typedef enum mlm_accelerator {
    MLM_ACCELERATOR_UNKNOWN = 0,
    MLM_ACCELERATOR_AMD64,
    MLM_ACCELERATOR_CUDA,
    MLM_ACCELERATOR_XLA,
    MLM_ACCELERATOR_AMD_ROCM,
    MLM_ACCELERATOR_INTEL_IPEX_CPU,
    MLM_ACCELERATOR_INTEL_IPEX_GPU,
    MLM_ACCELERATOR_MACOS_ARM
} mlm_accelerator;

/** Tensor data types (raster:bands data_type vocabulary; draft dtype). */
typedef enum mlm_data_type {
    MLM_DATA_TYPE_UNKNOWN = 0,
    MLM_DATA_TYPE_INT8, MLM_DATA_TYPE_INT16, MLM_DATA_TYPE_INT32, MLM_DATA_TYPE_INT64,
    MLM_DATA_TYPE_UINT8, MLM_DATA_TYPE_UINT16, MLM_DATA_TYPE_UINT32, MLM_DATA_TYPE_UINT64,
    MLM_DATA_TYPE_FLOAT16, MLM_DATA_TYPE_FLOAT32, MLM_DATA_TYPE_FLOAT64,
    MLM_DATA_TYPE_CINT16, MLM_DATA_TYPE_CINT32, MLM_DATA_TYPE_CFLOAT32, MLM_DATA_TYPE_CFLOAT64,
    MLM_DATA_TYPE_OTHER
} mlm_data_type;

/** Value scaling types (value_scaling[].type). */
typedef enum mlm_scaling_type {
    MLM_SCALING_UNKNOWN = 0,
    MLM_SCALING_MIN_MAX,
    MLM_SCALING_Z_SCORE,
    MLM_SCALING_CLIP,
    MLM_SCALING_CLIP_MIN,
    MLM_SCALING_CLIP_MAX,
    MLM_SCALING_OFFSET,
    MLM_SCALING_SCALE,
    MLM_SCALING_PROCESSING
} mlm_scaling_type;

/** Resize types (resize_type). */
typedef enum mlm_resize_type {
    MLM_RESIZE_UNKNOWN = 0,
    MLM_RESIZE_CROP,
    MLM_RESIZE_PAD,
    MLM_RESIZE_INTERPOLATION_NEAREST,
    MLM_RESIZE_INTERPOLATION_LINEAR,
    MLM_RESIZE_INTERPOLATION_CUBIC,
    MLM_RESIZE_INTERPOLATION_AREA,
    MLM_RESIZE_INTERPOLATION_LANCZOS4,
    MLM_RESIZE_INTERPOLATION_MAX,
    MLM_RESIZE_WRAP_FILL_OUTLIERS,
    MLM_RESIZE_WRAP_INVERSE_MAP
} mlm_resize_type;

/** A processing expression (processing:expression object). */
typedef struct mlm_expression {
    const char *format;      /**< e.g. "python", "gdal-calc"; NULL if absent */
    const json_t *expression; /**< any JSON value (often a string); NULL if absent */
    const char *description; /**< NULL if absent */
} mlm_expression;

/** A band or variable reference of an input or output. */
typedef struct mlm_band {
    const char *name;         /**< the name (a plain string entry, or the object's "name") */
    const char *format;       /**< object form only, else NULL */
    const json_t *expression; /**< object form only, else NULL */
} mlm_band;

/** A tensor description (input structure, result structure, draft feature array / result). */
typedef struct mlm_tensor {
    const int64_t *shape;          /**< entries that are not integers read as 0 */
    size_t n_shape;
    const char *const *dim_order;  /**< dimension names (draft: the letters of dim_order split) */
    size_t n_dim_order;
    const char *data_type;         /**< raw data type string, NULL if absent */
    mlm_data_type data_type_enum;
} mlm_tensor;

/** One value_scaling entry. */
typedef struct mlm_value_scaling {
    mlm_scaling_type type;
    const char *type_raw;       /**< NULL if absent */
    double minimum, maximum, mean, stddev, value;
    unsigned has_minimum : 1, has_maximum : 1, has_mean : 1, has_stddev : 1, has_value : 1;
    mlm_expression processing;  /**< for type "processing" */
} mlm_value_scaling;

/** A model input (mlm:input[]). */
typedef struct mlm_input {
    const char *name;
    const char *description;
    const mlm_band *bands;
    size_t n_bands;
    const mlm_band *variables;
    size_t n_variables;
    mlm_tensor input;                 /**< "input" (v1.x) or "input_feature"/"input_array" (draft) */
    const mlm_value_scaling *value_scaling;
    size_t n_value_scaling;
    mlm_resize_type resize_type;
    const char *resize_type_raw;
    const mlm_expression *pre_processing; /**< pre_processing_function (one or a list) */
    size_t n_pre_processing;
    /* Draft and v1.0-v1.1 fields. */
    int norm_by_channel;              /**< valid when has_norm_by_channel */
    unsigned has_norm_by_channel : 1;
    const char *norm_type;
    const char *rescale_type;         /**< draft */
    const json_t *norm_clip;          /**< v1.0-v1.1 */
    const json_t *statistics;         /**< draft / v1.0-v1.1 statistics (raw JSON) */
    const json_t *parameters;         /**< draft parameters object (raw JSON) */
    const char *pre_processing_function; /**< draft: a URL or module:function string */
} mlm_input;

/** A classification class (classification:classes[] / draft class_name_mapping). */
typedef struct mlm_class {
    int64_t value;
    unsigned has_value : 1;
    const char *name;
    const char *description;
    const char *title;
    const char *color_hint;
    int nodata;                       /**< valid when has_nodata */
    unsigned has_nodata : 1;
} mlm_class;

/** A model output (mlm:output[]). */
typedef struct mlm_output {
    const char *name;
    const char *description;
    const mlm_task *tasks;
    const char *const *tasks_raw;
    size_t n_tasks;
    mlm_tensor result;
    const mlm_class *classes;
    size_t n_classes;
    const mlm_band *bands;
    size_t n_bands;
    const mlm_band *variables;
    size_t n_variables;
    const mlm_expression *post_processing;
    size_t n_post_processing;
    /* Draft fields. */
    const char *task;                  /**< draft: the single task string */
    int64_t number_of_classes;
    unsigned has_number_of_classes : 1;
    const mlm_tensor *results;         /**< draft: result[] */
    size_t n_results;
    const json_t *class_name_mapping;  /**< draft: raw object */
    const char *post_processing_function; /**< draft */
} mlm_output;

/** What an asset is for. */
typedef enum mlm_asset_kind {
    MLM_ASSET_OTHER = 0,
    MLM_ASSET_MODEL,     /**< roles contain "mlm:model" */
    MLM_ASSET_CODE,      /**< roles contain "code" (and not mlm:model) */
    MLM_ASSET_CONTAINER  /**< container/Docker image (roles "container" or a container media type) */
} mlm_asset_kind;

/** An asset (Item/Collection assets, or item_assets). */
typedef struct mlm_asset {
    const char *key;          /**< the asset's key in "assets" */
    const char *href;
    const char *type;         /**< media type */
    const char *title;
    const char *const *roles;
    size_t n_roles;
    mlm_asset_kind kind;
    const char *artifact_type;   /**< mlm:artifact_type */
    const char *compile_method;  /**< mlm:compile_method */
    const char *entrypoint;      /**< mlm:entrypoint */
    unsigned in_item_assets : 1; /**< from Collection item_assets */
} mlm_asset;

/** The draft's container (docker) object. */
typedef struct mlm_container {
    const char *container_file;
    const char *image_name;
    const char *tag;
    const char *working_dir;
    const char *run;
} mlm_container;

/** The draft's mlm:runtime object (absent for released versions). */
typedef struct mlm_runtime {
    const char *framework;
    const char *version;
    const json_t *model_asset;    /**< raw asset object */
    const json_t *source_code;    /**< raw asset object */
    const char *accelerator;
    int accelerator_constrained;
    unsigned has_accelerator_constrained : 1;
    const char *hardware_summary;
    const mlm_container *docker;  /**< NULL if absent */
    const char *model_commit_hash;
    double batch_size_suggestion;
    unsigned has_batch_size_suggestion : 1;
} mlm_runtime;

/** The architecture (v1.x mlm:architecture string and sizes; draft object). */
typedef struct mlm_architecture {
    const char *name;
    int64_t total_parameters;
    int64_t file_size;
    int64_t memory_size;
    unsigned has_total_parameters : 1, has_file_size : 1, has_memory_size : 1;
    int pretrained;
    unsigned has_pretrained : 1;
    const char *pretrained_source;
    const char *summary;
} mlm_architecture;

/** The whole model. */
typedef struct mlm_model {
    mlm_spec_version spec;       /**< the version the fields were read as */
    const char *name;            /**< mlm:name */
    mlm_architecture architecture;
    const mlm_task *tasks;       /**< mlm:tasks (draft: the outputs' tasks) */
    const char *const *tasks_raw;
    size_t n_tasks;
    const char *framework;
    const char *framework_version;
    int64_t batch_size_suggestion;
    unsigned has_batch_size_suggestion : 1;
    mlm_accelerator accelerator;
    const char *accelerator_raw;
    int accelerator_constrained;
    unsigned has_accelerator_constrained : 1;
    const char *accelerator_summary; /**< v1.x accelerator_summary; draft hardware_summary */
    int64_t accelerator_count;
    unsigned has_accelerator_count : 1;
    const json_t *hyperparameters;   /**< raw object, NULL if absent */
    const mlm_input *inputs;
    size_t n_inputs;
    const mlm_output *outputs;
    size_t n_outputs;
    const mlm_asset *assets;         /**< every asset, item_assets after assets */
    size_t n_assets;
    const mlm_runtime *runtime;      /**< draft only, else NULL */
} mlm_model;

/**
 * The typed model of a document.
 * Borrowed: valid until @p doc is freed. Never NULL for a parsed document.
 */
MLM_EXPORT const mlm_model *mlm_document_model(const mlm_document *doc);

/** Stable names: "classification", "amd64", "float32", "min-max", "crop"... Static storage. */
MLM_EXPORT const char *mlm_task_name(mlm_task t);
/** The spec's name of an accelerator, e.g. "amd64", "cuda". Static storage. */
MLM_EXPORT const char *mlm_accelerator_name(mlm_accelerator a);
/** The spec's name of a data type, e.g. "float32". Static storage. */
MLM_EXPORT const char *mlm_data_type_name(mlm_data_type t);
/** The spec's name of a value-scaling type, e.g. "min-max". Static storage. */
MLM_EXPORT const char *mlm_scaling_type_name(mlm_scaling_type t);
/** The spec's name of a resize type, e.g. "crop". Static storage. */
MLM_EXPORT const char *mlm_resize_type_name(mlm_resize_type t);

/** The first model asset (kind MLM_ASSET_MODEL), or NULL. Borrowed from @p m. */
MLM_EXPORT const mlm_asset *mlm_model_find_model_asset(const mlm_model *m);

MLM_END_DECL

#endif /* MLM_MODEL_H */
