/**
 * @file mlm/model.h
 * @brief The typed, version-neutral view of an MLM document.
 *
 * The same handles describe a document whatever MLM version it follows: the
 * January 2024 draft (nested mlm:architecture / mlm:runtime objects) and the
 * flat layout of v1.0.0 .. v1.5.2 are both read into them. Fields a version
 * does not have stay absent.
 *
 * ABI: every type here is opaque and reached only through functions, so the
 * library can add fields (new accessor functions) without breaking programs
 * built against an older libmlm. See docs/API.md ("ABI policy").
 *
 * Conventions (the library-wide ones are in mlm/common.h): getters answer 1
 * when present, fallible calls 0 on success; json_t parameters say
 * "(reference stolen)" or "(borrowed)". For this header:
 * - Handles are read-only views. Borrowed: valid until the document they came
 *   from is freed or edited (mlm/writer.h). Never free them.
 * - Readers never judge: a missing or mistyped field is absent (NULL string,
 *   count 0, an optional-number getter returning 0). mlm_validate() reports it.
 * - Arrays keep the document's indices: mlm_model_input(m, i) is always
 *   `mlm:input/i`, even when an earlier entry is invalid. An entry that is
 *   not an object still has a handle; its fields are all absent.
 * - Getters of optional numbers and booleans return 1 and store the value
 *   when it is present with the right type, else return 0 and leave `*out`.
 * - Closed vocabularies are enums with an `_UNKNOWN = 0` member (also used
 *   for values outside the vocabulary) plus a `_raw` getter for the string.
 * - Every handle knows its JSON value (`_json()`) and its RFC 6901 pointer
 *   from the document root (`_pointer()`; for a child document, from the
 *   child's root), so fields libmlm does not type are reachable, and
 *   mlm_document_locate() gives their line:column.
 * - All functions accept NULL handles and then return absent values.
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
    MLM_DATA_TYPE_INT8,
    MLM_DATA_TYPE_INT16,
    MLM_DATA_TYPE_INT32,
    MLM_DATA_TYPE_INT64,
    MLM_DATA_TYPE_UINT8,
    MLM_DATA_TYPE_UINT16,
    MLM_DATA_TYPE_UINT32,
    MLM_DATA_TYPE_UINT64,
    MLM_DATA_TYPE_FLOAT16,
    MLM_DATA_TYPE_FLOAT32,
    MLM_DATA_TYPE_FLOAT64,
    MLM_DATA_TYPE_CINT16,
    MLM_DATA_TYPE_CINT32,
    MLM_DATA_TYPE_CFLOAT32,
    MLM_DATA_TYPE_CFLOAT64,
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

/** What an asset is for. */
typedef enum mlm_asset_kind {
    MLM_ASSET_OTHER = 0,
    MLM_ASSET_MODEL,    /**< roles contain "mlm:model" (draft: runtime.model_asset) */
    MLM_ASSET_CODE,     /**< roles contain "code" (draft: runtime.source_code) */
    MLM_ASSET_CONTAINER /**< container/Docker image (roles "container" or a container media type) */
} mlm_asset_kind;

/** Whether a field is there, and how (explicit null is distinct from absent). */
typedef enum mlm_presence {
    MLM_ABSENT = 0, /**< the key is not in the object */
    MLM_PRESENT,    /**< the key has a non-null value */
    MLM_NULL        /**< the key is present with an explicit JSON null */
} mlm_presence;

/** The typed model of a document (or the mlm: fields of one asset). Opaque. */
typedef struct mlm_model mlm_model;
/** One entry of mlm:input. Opaque. */
typedef struct mlm_input mlm_input;
/** One entry of mlm:output. Opaque. */
typedef struct mlm_output mlm_output;
/** A tensor description (input structure, result structure, draft input_feature/result). Opaque. */
typedef struct mlm_tensor mlm_tensor;
/** A band or variable reference (a string, or an object with name/format/expression). Opaque. */
typedef struct mlm_band mlm_band;
/** One value_scaling entry. Opaque. */
typedef struct mlm_value_scaling mlm_value_scaling;
/** A processing expression (pre/post_processing_function, value_scaling "processing"). Opaque. */
typedef struct mlm_expression mlm_expression;
/** A classification class (classification:classes[], draft class_name_mapping). Opaque. */
typedef struct mlm_class mlm_class;
/** An asset (assets, item_assets, draft runtime.model_asset/source_code). Opaque. */
typedef struct mlm_asset mlm_asset;
/** The draft's mlm:runtime object. Opaque. */
typedef struct mlm_runtime mlm_runtime;

/* --- enum names ------------------------------------------------------------ */

/** The spec's name of a task, e.g. "classification"; "unknown" otherwise. Static storage. */
MLM_EXPORT const char *mlm_task_name(mlm_task t);
/** The spec's name of an accelerator, e.g. "amd64", "cuda". Static storage. */
MLM_EXPORT const char *mlm_accelerator_name(mlm_accelerator a);
/** The spec's name of a data type, e.g. "float32". Static storage. */
MLM_EXPORT const char *mlm_data_type_name(mlm_data_type t);
/** The spec's name of a value-scaling type, e.g. "min-max". Static storage. */
MLM_EXPORT const char *mlm_scaling_type_name(mlm_scaling_type t);
/** The spec's name of a resize type, e.g. "crop". Static storage. */
MLM_EXPORT const char *mlm_resize_type_name(mlm_resize_type t);
/** "other", "model", "code" or "container". Static storage. */
MLM_EXPORT const char *mlm_asset_kind_name(mlm_asset_kind k);
/** "absent", "present" or "null". Static storage. */
MLM_EXPORT const char *mlm_presence_name(mlm_presence p);
/** The vocabulary value of a task name (the draft's "object detection" too), or MLM_TASK_UNKNOWN. */
MLM_EXPORT mlm_task mlm_task_from_name(const char *name);
/** The accelerator of a name, or MLM_ACCELERATOR_UNKNOWN. */
MLM_EXPORT mlm_accelerator mlm_accelerator_from_name(const char *name);
/** The data type of a name, or MLM_DATA_TYPE_UNKNOWN. */
MLM_EXPORT mlm_data_type mlm_data_type_from_name(const char *name);
/** The value-scaling type of a name, or MLM_SCALING_UNKNOWN. */
MLM_EXPORT mlm_scaling_type mlm_scaling_type_from_name(const char *name);
/** The resize type of a name, or MLM_RESIZE_UNKNOWN. */
MLM_EXPORT mlm_resize_type mlm_resize_type_from_name(const char *name);

/* --- the model ----------------------------------------------------------------- */

/**
 * The typed model of a document: the mlm: fields of an Item's properties or
 * of a Collection's top level (never taken from an asset: see
 * mlm_asset_fields()). Borrowed: valid until @p doc is freed or edited.
 * Never NULL for a parsed document.
 */
MLM_EXPORT const mlm_model *mlm_document_model(const mlm_document *doc);

/** The version the fields were read as. */
MLM_EXPORT mlm_spec_version mlm_model_spec(const mlm_model *m);
/** The JSON object that holds the fields (properties, the Collection, or the asset). Borrowed. */
MLM_EXPORT const json_t *mlm_model_json(const mlm_model *m);
/** The JSON Pointer of mlm_model_json(), e.g. "/properties" or "/assets/weights". Borrowed. */
MLM_EXPORT const char *mlm_model_pointer(const mlm_model *m);
/**
 * Look up any field of the model object by key (e.g. "mlm:accelerator") and
 * tell absent, null and present apart. @p value (may be NULL) receives the
 * borrowed value, or NULL when absent.
 */
MLM_EXPORT mlm_presence mlm_model_field(const mlm_model *m, const char *key, const json_t **value);
/**
 * The same for any JSON object, e.g. a handle's `_json()`:
 * mlm_json_field(mlm_input_json(in), "resize_type", &v) tells an explicit
 * null (no resizing) from an absent key. Not an object: MLM_ABSENT.
 * @param object  (borrowed) any JSON value.
 */
MLM_EXPORT mlm_presence mlm_json_field(const json_t *object, const char *key, const json_t **value);
/** Which members of a JSON object mlm_json_member_count() and mlm_json_member() select. */
typedef enum mlm_member_filter {
    MLM_MEMBERS_ALL = 0, /**< every member */
    MLM_MEMBERS_MLM,     /**< members whose key starts with "mlm:" */
    MLM_MEMBERS_NOT_MLM  /**< members whose key does not start with "mlm:" */
} mlm_member_filter;

/**
 * Number of members of @p object that @p filter selects (0 when it is not an
 * object). With mlm_json_member() it lists a const object without casting
 * away const for jansson's iteration macros: an asset's mlm: fields
 * (mlm_asset_json(a), MLM_MEMBERS_MLM), a Collection's non-MLM summaries
 * (its "summaries" object, MLM_MEMBERS_NOT_MLM), ...
 * @param object  (borrowed) any JSON value; not an object counts 0.
 */
MLM_EXPORT size_t mlm_json_member_count(const json_t *object, mlm_member_filter filter);
/**
 * Member @p i (0-based, in document order) of those @p filter selects.
 * @param object  (borrowed) the object.
 * @param value   receives the member's value (borrowed from @p object), or NULL
 *                when out of range; may be NULL.
 * @return the key (borrowed from @p object), or NULL when out of range or not
 *         an object. Each call walks the object: O(size).
 */
MLM_EXPORT const char *mlm_json_member(const json_t *object, mlm_member_filter filter, size_t i,
                                       const json_t **value);
/** mlm:name (draft: mlm:architecture.name), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_name(const mlm_model *m);
/** mlm:architecture (draft: mlm:architecture.name), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_architecture(const mlm_model *m);
/** Draft: mlm:architecture.summary, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_architecture_summary(const mlm_model *m);
/** mlm:total_parameters (draft: architecture.total_parameters). @return 1 if present. */
MLM_EXPORT int mlm_model_total_parameters(const mlm_model *m, int64_t *out);
/** Draft: mlm:architecture.file_size. @return 1 if present. */
MLM_EXPORT int mlm_model_file_size(const mlm_model *m, int64_t *out);
/** mlm:memory_size (draft: architecture.memory_size). @return 1 if present. */
MLM_EXPORT int mlm_model_memory_size(const mlm_model *m, int64_t *out);
/** mlm:pretrained (v1.1+). @return 1 if present (a boolean). */
MLM_EXPORT int mlm_model_pretrained(const mlm_model *m, int *out);
/**
 * mlm:pretrained_source (draft: architecture.pretrained_source), or NULL.
 * The spec gives an explicit null a meaning (trained from scratch): use
 * mlm_model_field(m, "mlm:pretrained_source", NULL) == MLM_NULL. Borrowed.
 */
MLM_EXPORT const char *mlm_model_pretrained_source(const mlm_model *m);
/** Number of mlm:tasks entries (draft: the outputs' tasks). */
MLM_EXPORT size_t mlm_model_task_count(const mlm_model *m);
/** Task @p i, MLM_TASK_UNKNOWN out of range or outside the vocabulary. */
MLM_EXPORT mlm_task mlm_model_task(const mlm_model *m, size_t i);
/** Task @p i as written, or NULL (out of range or not a string). Borrowed. */
MLM_EXPORT const char *mlm_model_task_raw(const mlm_model *m, size_t i);
/** mlm:framework (draft: runtime.framework), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_framework(const mlm_model *m);
/** mlm:framework_version (draft: runtime.version), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_framework_version(const mlm_model *m);
/** mlm:batch_size_suggestion (draft: runtime.batch_size_suggestion). @return 1 if present. */
MLM_EXPORT int mlm_model_batch_size_suggestion(const mlm_model *m, int64_t *out);
/**
 * mlm:accelerator (draft: runtime.accelerator). An explicit null (no
 * accelerator needed) reads as MLM_ACCELERATOR_UNKNOWN: tell it apart with
 * mlm_model_field(m, "mlm:accelerator", NULL) == MLM_NULL.
 */
MLM_EXPORT mlm_accelerator mlm_model_accelerator(const mlm_model *m);
/** mlm:accelerator as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_accelerator_raw(const mlm_model *m);
/** mlm:accelerator_constrained. @return 1 if present. */
MLM_EXPORT int mlm_model_accelerator_constrained(const mlm_model *m, int *out);
/** mlm:accelerator_summary (draft: runtime.hardware_summary), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_accelerator_summary(const mlm_model *m);
/** mlm:accelerator_count. @return 1 if present. */
MLM_EXPORT int mlm_model_accelerator_count(const mlm_model *m, int64_t *out);
/** mlm:hyperparameters (an object), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_model_hyperparameters(const mlm_model *m);
/** Size of the mlm:input array (entries that are not objects included). */
MLM_EXPORT size_t mlm_model_input_count(const mlm_model *m);
/** Input @p i (document index), or NULL out of range. Borrowed. */
MLM_EXPORT const mlm_input *mlm_model_input(const mlm_model *m, size_t i);
/** Size of mlm:output (1 for the draft's single object). */
MLM_EXPORT size_t mlm_model_output_count(const mlm_model *m);
/** Output @p i (document index), or NULL out of range. Borrowed. */
MLM_EXPORT const mlm_output *mlm_model_output(const mlm_model *m, size_t i);
/**
 * Number of assets: those of "assets", then "item_assets" (Collections),
 * then the draft's runtime.model_asset and runtime.source_code. Zero for the
 * model view of an asset (mlm_asset_fields()).
 */
MLM_EXPORT size_t mlm_model_asset_count(const mlm_model *m);
/** Asset @p i in the order of mlm_model_asset_count(), or NULL. Borrowed. */
MLM_EXPORT const mlm_asset *mlm_model_asset(const mlm_model *m, size_t i);
/** The asset under @p key in "assets" (not item_assets), or NULL. Borrowed. */
MLM_EXPORT const mlm_asset *mlm_model_asset_by_key(const mlm_model *m, const char *key);
/**
 * The first model asset (kind MLM_ASSET_MODEL, including the draft's
 * runtime.model_asset), or NULL. A document may have several (alternate
 * artifacts): loop over mlm_model_asset() to see them all. Borrowed.
 */
MLM_EXPORT const mlm_asset *mlm_model_find_model_asset(const mlm_model *m);
/** The draft's mlm:runtime, or NULL for other versions. Borrowed. */
MLM_EXPORT const mlm_runtime *mlm_model_runtime(const mlm_model *m);
/** Number of "summaries" entries of a Collection whose key starts with "mlm:". */
MLM_EXPORT size_t mlm_model_summary_count(const mlm_model *m);
/** The key of mlm: summary @p i (e.g. "mlm:framework"), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_summary_key(const mlm_model *m, size_t i);
/** The value of mlm: summary @p i (a list of values, a range object or a schema), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_model_summary_value(const mlm_model *m, size_t i);
/** The summary values of @p key as strings: count of string entries of its list. */
MLM_EXPORT size_t mlm_model_summary_string_count(const mlm_model *m, const char *key);
/** String entry @p i of the summary list of @p key, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_model_summary_string(const mlm_model *m, const char *key, size_t i);
/**
 * The summary of a numeric field as a STAC range: when the summary of @p key
 * (e.g. "mlm:total_parameters") is an object whose "minimum" and "maximum"
 * are both numbers, stores them in @p minimum and @p maximum and returns 1;
 * otherwise (no such summary, a list of values, a schema, a bound missing or
 * not a number) returns 0 and leaves both untouched. Integers are converted
 * to double (exact up to 2^53). The values are copies: nothing to free, and
 * they stay valid after the document is freed.
 *
 * @param minimum receives the lower bound; may be NULL
 * @param maximum receives the upper bound; may be NULL
 */
MLM_EXPORT int mlm_model_summary_range(const mlm_model *m, const char *key, double *minimum,
                                       double *maximum);
/**
 * The summary of a numeric field as a list of values: the number of entries
 * of the summary list of @p key (0 when it is absent or not a list, e.g. a
 * range object). Entries that are not numbers are counted too;
 * mlm_model_summary_number() tells them apart.
 */
MLM_EXPORT size_t mlm_model_summary_number_count(const mlm_model *m, const char *key);
/**
 * Entry @p i of the summary list of @p key as a number: when it is a number,
 * stores it in @p out (a copy; integers converted to double, exact up to
 * 2^53) and returns 1; otherwise (absent, out of range, not a number)
 * returns 0 and leaves @p out untouched.
 */
MLM_EXPORT int mlm_model_summary_number(const mlm_model *m, const char *key, size_t i, double *out);

/* --- inputs ----------------------------------------------------------------------- */

/** The input's JSON value (an object, or whatever the document has there). Borrowed. */
MLM_EXPORT const json_t *mlm_input_json(const mlm_input *in);
/** The input's JSON Pointer, e.g. "/properties/mlm:input/0". Borrowed. */
MLM_EXPORT const char *mlm_input_pointer(const mlm_input *in);
/** The input's index in mlm:input. */
MLM_EXPORT size_t mlm_input_index(const mlm_input *in);
/** name, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_name(const mlm_input *in);
/** description, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_description(const mlm_input *in);
/** Size of the bands array. */
MLM_EXPORT size_t mlm_input_band_count(const mlm_input *in);
/** Band @p i (document index), or NULL. Borrowed. */
MLM_EXPORT const mlm_band *mlm_input_band(const mlm_input *in, size_t i);
/** Size of the variables array (v1.5+). */
MLM_EXPORT size_t mlm_input_variable_count(const mlm_input *in);
/** Variable @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_band *mlm_input_variable(const mlm_input *in, size_t i);
/** The input structure ("input"; draft "input_feature"/"input_array"), or NULL. Borrowed. */
MLM_EXPORT const mlm_tensor *mlm_input_tensor(const mlm_input *in);
/** Size of value_scaling (0 when absent or null). */
MLM_EXPORT size_t mlm_input_value_scaling_count(const mlm_input *in);
/** value_scaling entry @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_value_scaling *mlm_input_value_scaling(const mlm_input *in, size_t i);
/** resize_type (MLM_RESIZE_UNKNOWN when absent, null or outside the vocabulary). */
MLM_EXPORT mlm_resize_type mlm_input_resize_type(const mlm_input *in);
/** resize_type as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_resize_type_raw(const mlm_input *in);
/** Number of pre_processing_function expressions (one object counts 1). */
MLM_EXPORT size_t mlm_input_pre_processing_count(const mlm_input *in);
/** pre_processing_function expression @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_expression *mlm_input_pre_processing(const mlm_input *in, size_t i);
/** Draft, v1.0-v1.1: norm_by_channel. @return 1 if present. */
MLM_EXPORT int mlm_input_norm_by_channel(const mlm_input *in, int *out);
/** Draft, v1.0-v1.1: norm_type, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_norm_type(const mlm_input *in);
/** Draft: rescale_type, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_rescale_type(const mlm_input *in);
/** v1.0-v1.1: norm_clip (raw JSON), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_input_norm_clip(const mlm_input *in);
/** Draft, v1.0-v1.1: statistics (raw JSON), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_input_statistics(const mlm_input *in);
/** Draft: parameters (raw JSON), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_input_parameters(const mlm_input *in);
/** Draft: pre_processing_function as a string (URL or module:function), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_input_pre_processing_function(const mlm_input *in);

/* --- bands, tensors, scaling, expressions --------------------------------------------------- */

/** The band's JSON value (a string or an object). Borrowed. */
MLM_EXPORT const json_t *mlm_band_json(const mlm_band *b);
/** The band's JSON Pointer. Borrowed. */
MLM_EXPORT const char *mlm_band_pointer(const mlm_band *b);
/** The name (the string itself, or the object's "name"), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_band_name(const mlm_band *b);
/** Object form: format, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_band_format(const mlm_band *b);
/** Object form: expression (any JSON value), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_band_expression(const mlm_band *b);

/** The tensor's JSON object. Borrowed. */
MLM_EXPORT const json_t *mlm_tensor_json(const mlm_tensor *t);
/** The tensor's JSON Pointer, e.g. "/properties/mlm:input/0/input". Borrowed. */
MLM_EXPORT const char *mlm_tensor_pointer(const mlm_tensor *t);
/** Size of shape. */
MLM_EXPORT size_t mlm_tensor_shape_count(const mlm_tensor *t);
/** shape[i]. @return 1 when it is an integer (stored in @p out), else 0. */
MLM_EXPORT int mlm_tensor_shape(const mlm_tensor *t, size_t i, int64_t *out);
/** Number of dimension names (draft: the letters of dim_order). */
MLM_EXPORT size_t mlm_tensor_dim_order_count(const mlm_tensor *t);
/** Dimension name @p i, or NULL (out of range or not a string). Borrowed. */
MLM_EXPORT const char *mlm_tensor_dim_order(const mlm_tensor *t, size_t i);
/** data_type (draft dtype). */
MLM_EXPORT mlm_data_type mlm_tensor_data_type(const mlm_tensor *t);
/** data_type as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_tensor_data_type_raw(const mlm_tensor *t);

/** The entry's JSON value. Borrowed. */
MLM_EXPORT const json_t *mlm_value_scaling_json(const mlm_value_scaling *s);
/** The entry's JSON Pointer. Borrowed. */
MLM_EXPORT const char *mlm_value_scaling_pointer(const mlm_value_scaling *s);
/** type. */
MLM_EXPORT mlm_scaling_type mlm_value_scaling_type(const mlm_value_scaling *s);
/** type as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_value_scaling_type_raw(const mlm_value_scaling *s);
/** minimum. @return 1 if present (a number). */
MLM_EXPORT int mlm_value_scaling_minimum(const mlm_value_scaling *s, double *out);
/** maximum. @return 1 if present. */
MLM_EXPORT int mlm_value_scaling_maximum(const mlm_value_scaling *s, double *out);
/** mean. @return 1 if present. */
MLM_EXPORT int mlm_value_scaling_mean(const mlm_value_scaling *s, double *out);
/** stddev. @return 1 if present. */
MLM_EXPORT int mlm_value_scaling_stddev(const mlm_value_scaling *s, double *out);
/** value. @return 1 if present. */
MLM_EXPORT int mlm_value_scaling_value(const mlm_value_scaling *s, double *out);
/** For type "processing": the entry read as an expression, else NULL. Borrowed. */
MLM_EXPORT const mlm_expression *mlm_value_scaling_processing(const mlm_value_scaling *s);

/** The expression's JSON object. Borrowed. */
MLM_EXPORT const json_t *mlm_expression_json(const mlm_expression *e);
/** The expression's JSON Pointer. Borrowed. */
MLM_EXPORT const char *mlm_expression_pointer(const mlm_expression *e);
/** format, e.g. "python", or NULL. Borrowed. */
MLM_EXPORT const char *mlm_expression_format(const mlm_expression *e);
/** expression (any JSON value, often a string), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_expression_expression(const mlm_expression *e);
/** description, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_expression_description(const mlm_expression *e);

/* --- outputs and classes -------------------------------------------------------------------- */

/** The output's JSON value. Borrowed. */
MLM_EXPORT const json_t *mlm_output_json(const mlm_output *o);
/** The output's JSON Pointer, e.g. "/properties/mlm:output/0". Borrowed. */
MLM_EXPORT const char *mlm_output_pointer(const mlm_output *o);
/** The output's index in mlm:output. */
MLM_EXPORT size_t mlm_output_index(const mlm_output *o);
/** name, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_output_name(const mlm_output *o);
/** description, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_output_description(const mlm_output *o);
/** Number of tasks (draft: 1 when "task" is set). */
MLM_EXPORT size_t mlm_output_task_count(const mlm_output *o);
/** Task @p i. */
MLM_EXPORT mlm_task mlm_output_task(const mlm_output *o, size_t i);
/** Task @p i as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_output_task_raw(const mlm_output *o, size_t i);
/** The result structure ("result"; draft: the result object or the first of its list), or NULL. Borrowed. */
MLM_EXPORT const mlm_tensor *mlm_output_result(const mlm_output *o);
/** Draft: number of entries of a result list (0 for an object). */
MLM_EXPORT size_t mlm_output_result_count(const mlm_output *o);
/** Draft: result list entry @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_tensor *mlm_output_result_at(const mlm_output *o, size_t i);
/** Number of classes (classification:classes; draft class_name_mapping entries). */
MLM_EXPORT size_t mlm_output_class_count(const mlm_output *o);
/** Class @p i (document order), or NULL. Borrowed. */
MLM_EXPORT const mlm_class *mlm_output_class(const mlm_output *o, size_t i);
/** Size of bands (v1.3+). */
MLM_EXPORT size_t mlm_output_band_count(const mlm_output *o);
/** Band @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_band *mlm_output_band(const mlm_output *o, size_t i);
/** Size of variables (v1.5+). */
MLM_EXPORT size_t mlm_output_variable_count(const mlm_output *o);
/** Variable @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_band *mlm_output_variable(const mlm_output *o, size_t i);
/** Number of post_processing_function expressions. */
MLM_EXPORT size_t mlm_output_post_processing_count(const mlm_output *o);
/** post_processing_function expression @p i, or NULL. Borrowed. */
MLM_EXPORT const mlm_expression *mlm_output_post_processing(const mlm_output *o, size_t i);
/** Draft: number_of_classes. @return 1 if present. */
MLM_EXPORT int mlm_output_number_of_classes(const mlm_output *o, int64_t *out);
/** Draft: class_name_mapping (raw object), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_output_class_name_mapping(const mlm_output *o);
/** Draft: post_processing_function as a string, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_output_post_processing_function(const mlm_output *o);

/** The class's JSON value (draft: the mapping's value). Borrowed. */
MLM_EXPORT const json_t *mlm_class_json(const mlm_class *c);
/** The class's JSON Pointer. Borrowed. */
MLM_EXPORT const char *mlm_class_pointer(const mlm_class *c);
/** value. @return 1 if present (an integer). */
MLM_EXPORT int mlm_class_value(const mlm_class *c, int64_t *out);
/** name (draft: the mapping's key), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_class_name(const mlm_class *c);
/** description, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_class_description(const mlm_class *c);
/** title, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_class_title(const mlm_class *c);
/** color_hint, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_class_color_hint(const mlm_class *c);
/** nodata. @return 1 if present (a boolean). */
MLM_EXPORT int mlm_class_nodata(const mlm_class *c, int *out);

/* --- assets ------------------------------------------------------------------------------------ */

/** The asset's JSON object. Borrowed. */
MLM_EXPORT const json_t *mlm_asset_json(const mlm_asset *a);
/** The asset's JSON Pointer, e.g. "/assets/weights". Borrowed. */
MLM_EXPORT const char *mlm_asset_pointer(const mlm_asset *a);
/** The key in "assets"/"item_assets" (draft: "model_asset" or "source_code"). Borrowed. */
MLM_EXPORT const char *mlm_asset_key(const mlm_asset *a);
/** 1 when the asset is from a Collection's item_assets. */
MLM_EXPORT int mlm_asset_in_item_assets(const mlm_asset *a);
/** The same as mlm_asset_in_item_assets(), named as a predicate (`_is_`): 1 or 0. */
MLM_EXPORT int mlm_asset_is_in_item_assets(const mlm_asset *a);
/** What the asset is for. */
MLM_EXPORT mlm_asset_kind mlm_asset_kind_of(const mlm_asset *a);
/** href, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_href(const mlm_asset *a);
/** type (media type), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_type(const mlm_asset *a);
/** title, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_title(const mlm_asset *a);
/** description, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_description(const mlm_asset *a);
/** Size of roles. */
MLM_EXPORT size_t mlm_asset_role_count(const mlm_asset *a);
/** Role @p i, or NULL (out of range or not a string). Borrowed. */
MLM_EXPORT const char *mlm_asset_role(const mlm_asset *a, size_t i);
/** 1 when roles contains @p role. */
MLM_EXPORT int mlm_asset_has_role(const mlm_asset *a, const char *role);
/** mlm:artifact_type, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_artifact_type(const mlm_asset *a);
/** mlm:compile_method, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_compile_method(const mlm_asset *a);
/** mlm:entrypoint, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_asset_entrypoint(const mlm_asset *a);
/**
 * The mlm: fields written on this asset itself (v1.x allows many model
 * fields on assets: mlm:accelerator, mlm:framework, mlm:input, ...), read as
 * a model of their own: every mlm_model_* getter works on it, nothing is
 * inherited from the Item. For the draft, which has no per-asset fields,
 * only mlm_model_json() and mlm_model_field() answer. Never NULL for a
 * non-NULL asset. Borrowed.
 */
MLM_EXPORT const mlm_model *mlm_asset_fields(const mlm_asset *a);

/* --- the draft's runtime ---------------------------------------------------------------------- */

/** The runtime's JSON object. Borrowed. */
MLM_EXPORT const json_t *mlm_runtime_json(const mlm_runtime *r);
/** framework, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_framework(const mlm_runtime *r);
/** version (of the framework), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_version(const mlm_runtime *r);
/** model_asset as a typed asset (kind MLM_ASSET_MODEL), or NULL. Borrowed. */
MLM_EXPORT const mlm_asset *mlm_runtime_model_asset(const mlm_runtime *r);
/** source_code as a typed asset (kind MLM_ASSET_CODE), or NULL. Borrowed. */
MLM_EXPORT const mlm_asset *mlm_runtime_source_code(const mlm_runtime *r);
/** accelerator as written, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_accelerator(const mlm_runtime *r);
/** accelerator_constrained. @return 1 if present. */
MLM_EXPORT int mlm_runtime_accelerator_constrained(const mlm_runtime *r, int *out);
/** hardware_summary, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_hardware_summary(const mlm_runtime *r);
/** model_commit_hash, or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_model_commit_hash(const mlm_runtime *r);
/** batch_size_suggestion (any number). @return 1 if present. */
MLM_EXPORT int mlm_runtime_batch_size_suggestion(const mlm_runtime *r, double *out);
/** The docker object (container_file, image_name, tag, working_dir, run), or NULL. Borrowed. */
MLM_EXPORT const json_t *mlm_runtime_docker(const mlm_runtime *r);
/** A string field of the docker object (e.g. "image_name"), or NULL. Borrowed. */
MLM_EXPORT const char *mlm_runtime_docker_field(const mlm_runtime *r, const char *key);

MLM_END_DECL

#endif /* MLM_MODEL_H */
