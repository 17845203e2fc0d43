/*
 * Rules of the January 2024 draft of MLM (no official schema exists).
 *
 * They are the native counterpart of schemas/mlm-draft.schema.json, our own
 * reading of the draft's text (docs/DRAFT.md explains every judgement call):
 * errors exactly where that schema fails a document, warnings for what the
 * text recommends. tests/unit/test_draft_schema.c checks that the two agree.
 *
 * Each object of the draft is a table of fields (type, REQUIRED mark, closed
 * or recommended values, nested object, a small check function for what a
 * table cannot say); check_object() walks one.
 */
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "rules/rules.h"

#define DRAFT_ID (mlmp_version_get(MLM_SPEC_DRAFT)->url)

typedef struct dobj dobj;
/* Called with the value's pointer pushed, once its type is right. */
typedef void (*dcheck)(mlmp_ctx *c, const json_t *v);
/* Cross-field checks of an object, with the object's pointer current. */
typedef void (*dextra)(mlmp_ctx *c, const json_t *obj);

typedef struct dfield {
    const char *key;
    unsigned type;        /* MLMP_T_* mask */
    bool required;        /* REQUIRED in the draft's table */
    const char *alias_of; /* an example spelling of that field (MLM406) */
    const dobj *obj;      /* an object: its table */
    unsigned item_type;   /* an array: the type of each item (0: any) */
    const dobj *item_obj; /* an array of objects: their table */
    bool has_values;      /* voc lists the allowed (closed) or recommended (open) values */
    mlmp_vocab voc;
    const char *values_rule; /* NULL: closed list (MLM102); else the warning to raise */
    dcheck check;
    const char *type_hint; /* hint for a wrong type (MLM101) */
} dfield;

struct dobj {
    const char *name; /* "Model Input Object", for messages */
    const dfield *fields;
    size_t n_fields;
    dextra extra;
};

/* --- value lists ------------------------------------------------------------ */
/* The draft's value lists are rows of src/facts/vocab.def (DRAFT_*, and
 * the accelerators every version shares). */
/* NumPy's numeric type names (the draft suggests them for dtype). */
static const char *const numpy_types[] = {
    "bool",       "int8",       "int16",      "int32",   "int64",   "uint8",    "uint16",
    "uint32",     "uint64",     "float16",    "float32", "float64", "float128", "complex64",
    "complex128", "complex256", "longdouble", "double",  "half",    "single"};

/* Names found in the draft's own examples or in neighbouring versions that
 * mean something the draft spells differently: a hint for MLM407. */
static const struct {
    const char *key;
    const char *hint;
} known_other[] = {
    {"output_shape", "the draft describes output arrays in result: [{\"shape\": [...], "
                     "\"dim_names\": [...], \"dtype\": \"...\"}]"},
    {"source_code_url", "the draft's source_code is an Asset Object: \"source_code\": "
                        "{\"href\": \"<url>\"}"},
    {"pretrained", "the draft has no pretrained flag; pretrained_source names the "
                   "pre-training source (for example \"ImageNet\")"},
    {"handler", "the draft has no handler field; name the inference function in the "
                "description of source_code"},
    {"input", "the draft names the feature array input_feature"},
    {"data_type", "the draft names the element type dtype"},
    /* misspellings, not fields: */
    {MLMP_PREFIX "inputs", "the draft's field is mlm:input"},
    {MLMP_PREFIX "outputs", "the draft's field is mlm:output"},
};

/* --- value checks ------------------------------------------------------------ */

/* An entry of a shape: positive or -1 (the draft's wording for the batch
 * dimension; elsewhere, -1 marks a variable size). */
static bool dim_ok(const json_t *v)
{
    double d = mlmp_json_number(v);
    return d > 0 || d == -1;
}

/* Entries of a shape after the first, or every entry when `from` is 0. */
static void check_shape_entries(mlmp_ctx *c, const json_t *shape, size_t from)
{
    size_t i;
    const json_t *e;
    char got[96];
    json_array_foreach (shape, i, e) {
        if (!mlmp_json_is(e, MLMP_T_INTEGER)) {
            mlmp_report_index(c, i, "MLM101", "shape entries are whole numbers, -1 for any size",
                              "expected an integer in shape, found %s",
                              mlmp_json_found(e, got, sizeof(got)));
            continue;
        }
        if (i >= from && !dim_ok(e))
            mlmp_report_index(c, i, "MLM409", "use a positive size, or -1 for a variable size",
                              "shape entry %s is neither a positive size nor -1",
                              mlmp_json_brief(e, got, sizeof(got)));
    }
}

/* shape[0] when it is the batch dimension (MLM400). */
static void check_batch_dim(mlmp_ctx *c, const json_t *shape, const char *why)
{
    const json_t *b = json_array_get(shape, 0);
    char got[96];
    if (b && mlmp_json_is(b, MLMP_T_INTEGER) && !dim_ok(b))
        mlmp_report_index(c, 0, "MLM400", "use a positive batch size, or -1 to leave it open",
                          "the batch dimension (%s) is %s; the draft says it must be greater "
                          "than 0 or -1",
                          why, mlmp_json_brief(b, got, sizeof(got)));
}

static void check_input_shape(mlmp_ctx *c, const json_t *shape)
{
    if (json_array_size(shape) == 0) {
        mlmp_report(c, "MLM105", "list the sizes, batch first: [-1, 3, 224, 224]",
                    "shape is empty; it must include at least the batch dimension");
        return;
    }
    check_shape_entries(c, shape, 1);
    check_batch_dim(c, shape, "the first entry of an input shape");
}

static void check_result_shape(mlmp_ctx *c, const json_t *shape)
{
    check_shape_entries(c, shape, 1);
}

static void check_dtype(mlmp_ctx *c, const json_t *v)
{
    const char *s = json_string_value(v);
    if (mlmp_str_in(s, numpy_types, MLMP_ARRAY_LEN(numpy_types)))
        return;
    const char *sug = mlmp_suggest(s, numpy_types, MLMP_ARRAY_LEN(numpy_types));
    char hint[96];
    if (sug)
        snprintf(hint, sizeof(hint), "did you mean \"%s\"?", sug);
    else
        snprintf(hint, sizeof(hint), "for example \"float32\", \"uint8\" or \"int64\"");
    char got[96];
    mlmp_report(c, "MLM405", hint,
                "dtype %s is not a NumPy numeric type name, which the draft suggests",
                mlmp_json_brief(v, got, sizeof(got)));
}

static void check_class_map(mlmp_ctx *c, const json_t *map)
{
    const char *k;
    const json_t *v;
    char got[96];
    mlmp_object_foreach (map, k, v) {
        if (!mlmp_json_is(v, MLMP_T_INTEGER))
            mlmp_report_key(c, k, "MLM101", "map each class name to its integer label",
                            "expected an integer label for class \"%s\", found %s", k,
                            mlmp_json_found(v, got, sizeof(got)));
    }
}

static void check_parameters(mlmp_ctx *c, const json_t *params)
{
    const char *k;
    const json_t *v;
    char got[96];
    static const char hint[] = "parameter values are numbers or strings, or arrays (tuples) "
                               "of them";
    mlmp_object_foreach (params, k, v) {
        if (mlmp_json_is(v, MLMP_T_NUMBER | MLMP_T_STRING))
            continue;
        if (!json_is_array(v)) {
            mlmp_report_key(c, k, "MLM101", hint,
                            "expected a number, a string or an array of them for parameter "
                            "\"%s\", found %s",
                            k, mlmp_json_found(v, got, sizeof(got)));
            continue;
        }
        size_t i;
        const json_t *e;
        mlmp_path_push_key(c, k);
        json_array_foreach (v, i, e) {
            if (!mlmp_json_is(e, MLMP_T_NUMBER | MLMP_T_STRING))
                mlmp_report_index(c, i, "MLM101", hint,
                                  "expected a number or a string in parameter \"%s\", found "
                                  "%s",
                                  k, mlmp_json_found(e, got, sizeof(got)));
        }
        mlmp_path_pop(c);
    }
}

/* Sizes and counts: the draft does not bound them, but a negative size or a
 * count below one is surely a slip (MLM411, warning). */
static void check_size(mlmp_ctx *c, const json_t *v)
{
    char got[96];
    if (mlmp_json_number(v) < 0)
        mlmp_report(c, "MLM411", "sizes are in bytes and cannot be negative", "size %s is negative",
                    mlmp_json_brief(v, got, sizeof(got)));
}

static void check_count(mlmp_ctx *c, const json_t *v)
{
    char got[96];
    if (mlmp_json_number(v) < 1)
        mlmp_report(c, "MLM411", "a count of something that exists is at least 1",
                    "count %s is below 1", mlmp_json_brief(v, got, sizeof(got)));
}

static void check_batch_size(mlmp_ctx *c, const json_t *v)
{
    char got[96];
    if (!mlmp_json_is(v, MLMP_T_INTEGER) || mlmp_json_number(v) < 1)
        mlmp_report(c, "MLM411", "suggest a whole number of samples, 1 or more",
                    "batch_size_suggestion %s is not a positive whole number",
                    mlmp_json_brief(v, got, sizeof(got)));
}

/* --- cross-field checks -------------------------------------------------------- */

static void feature_array_extra(mlmp_ctx *c, const json_t *obj)
{
    const json_t *shape = json_object_get(obj, "shape");
    const char *order = json_string_value(json_object_get(obj, "dim_order"));
    if (!json_is_array(shape) || !order)
        return;
    size_t letters = strlen(order), dims = json_array_size(shape);
    if (letters != dims)
        mlmp_report_key(c, "dim_order", "MLM401",
                        "give one letter per shape entry, in the same order",
                        "dim_order \"%s\" names %zu dimension%s but shape has %zu", order, letters,
                        letters == 1 ? "" : "s", dims);
}

static bool is_batch_name(const char *s)
{
    if (!s)
        return false;
    if ((s[0] == 'b' || s[0] == 'B') && s[1] == '\0')
        return true;
    static const char batch[] = "batch";
    for (size_t i = 0; i < 5; i++)
        if (s[i] != batch[i] && s[i] != batch[i] - ('a' - 'A'))
            return false;
    return s[5] == '\0';
}

static void result_extra(mlmp_ctx *c, const json_t *obj)
{
    const json_t *shape = json_object_get(obj, "shape");
    const json_t *names = json_object_get(obj, "dim_names");
    if (!json_is_array(names))
        return;
    if (json_is_array(shape)) {
        if (is_batch_name(json_string_value(json_array_get(names, 0)))) {
            mlmp_path_push_key(c, "shape");
            check_batch_dim(c, shape, "the first dimension, named batch in dim_names");
            mlmp_path_pop(c);
        }
        if (json_array_size(names) != json_array_size(shape))
            mlmp_report_key(c, "dim_names", "MLM401",
                            "give one name per shape entry, in the same order",
                            "dim_names has %zu entr%s but shape has %zu", json_array_size(names),
                            json_array_size(names) == 1 ? "y" : "ies", json_array_size(shape));
    }
}

static void output_extra(mlmp_ctx *c, const json_t *obj)
{
    const json_t *map = json_object_get(obj, "class_name_mapping");
    const json_t *n = json_object_get(obj, "number_of_classes");
    if (!json_is_object(map))
        return;
    if (n && mlmp_json_is(n, MLMP_T_INTEGER) &&
        mlmp_json_number(n) != (double)json_object_size(map))
        mlmp_report_key(c, "class_name_mapping", "MLM410",
                        "list every class once, or correct number_of_classes",
                        "class_name_mapping has %zu classes but number_of_classes is %.0f",
                        json_object_size(map), mlmp_json_number(n));
    /* Two names for one label. */
    const char *k;
    const json_t *v;
    mlmp_object_foreach (map, k, v) {
        if (!mlmp_json_is(v, MLMP_T_INTEGER))
            continue;
        const char *k2;
        const json_t *v2;
        mlmp_object_foreach (map, k2, v2) {
            if (k2 == k)
                break;
            if (mlmp_json_is(v2, MLMP_T_INTEGER) && mlmp_json_equal(v, v2)) {
                mlmp_path_push_key(c, "class_name_mapping");
                mlmp_report_key(c, k, "MLM410", "give each class its own label value",
                                "classes \"%s\" and \"%s\" both map to label %.0f", k2, k,
                                mlmp_json_number(v));
                mlmp_path_pop(c);
                break;
            }
        }
    }
}

static void runtime_extra(mlmp_ctx *c, const json_t *obj)
{
    if (!json_object_get(obj, "docker"))
        mlmp_report(c, "MLM408",
                    "add \"docker\": {\"image_name\": ..., \"tag\": ..., \"run\": ...}",
                    "the runtime has no docker (Container) object, which the draft recommends");
}

/* --- tables ---------------------------------------------------------------------- */
#define F_STR(k, req)                                                                              \
    {                                                                                              \
        .key = (k), .type = MLMP_T_STRING, .required = (req)                                       \
    }
#define F_INT(k, req, fn)                                                                          \
    {                                                                                              \
        .key = (k), .type = MLMP_T_INTEGER, .required = (req), .check = (fn)                       \
    }

static const dfield asset_fields[] = {
    F_STR("href", true),
    F_STR("title", false),
    F_STR("description", false),
    F_STR("type", false),
    {.key = "roles", .type = MLMP_T_ARRAY, .item_type = MLMP_T_STRING},
};
static const dobj asset_obj = {"Asset Object", asset_fields, MLMP_ARRAY_LEN(asset_fields), NULL};

static const dfield container_fields[] = {
    F_STR("container_file", false), F_STR("image_name", false), F_STR("tag", false),
    F_STR("working_dir", false),    F_STR("run", false),
};
static const dobj container_obj = {"Container Object", container_fields,
                                   MLMP_ARRAY_LEN(container_fields), NULL};

static const dfield feature_fields[] = {
    {.key = "shape",
     .type = MLMP_T_ARRAY,
     .required = true,
     .check = check_input_shape,
     .type_hint = "list the sizes, batch first: [-1, 3, 224, 224]"},
    {.key = "dim_order",
     .type = MLMP_T_STRING,
     .required = true,
     .has_values = true,
     .voc = MLMP_VOC_DRAFT_DIM_ORDER,
     .type_hint = "the draft writes dim_order as one string of letters, such as \"bchw\""},
    {.key = "dtype", .type = MLMP_T_STRING, .required = true, .check = check_dtype},
};
static const dobj feature_obj = {"Feature Array Object", feature_fields,
                                 MLMP_ARRAY_LEN(feature_fields), feature_array_extra};

#define F_PARAMETERS                                                                               \
    {                                                                                              \
        .key = "parameters", .type = MLMP_T_OBJECT, .check = check_parameters                      \
    }

static const dfield input_fields[] = {
    F_STR("name", true),
    {.key = "bands",
     .type = MLMP_T_ARRAY,
     .required = true,
     .item_type = MLMP_T_STRING,
     .type_hint = "list band names: [\"B02\", \"B03\", \"B04\"]"},
    {.key = "input_feature", .type = MLMP_T_OBJECT, .required = true, .obj = &feature_obj},
    {.key = "input_array", .type = MLMP_T_OBJECT, .alias_of = "input_feature", .obj = &feature_obj},
    F_PARAMETERS,
    {.key = "norm_by_channel", .type = MLMP_T_BOOLEAN},
    {.key = "norm_type",
     .type = MLMP_T_STRING,
     .has_values = true,
     .voc = MLMP_VOC_DRAFT_NORM_TYPE},
    {.key = "rescale_type",
     .type = MLMP_T_STRING,
     .has_values = true,
     .voc = MLMP_VOC_DRAFT_RESCALE_TYPE,
     .values_rule = "MLM404"},
    {.key = "statistics", .type = MLMP_T_OBJECT},
    F_STR("pre_processing_function", false),
};
static const dobj input_obj = {"Model Input Object", input_fields, MLMP_ARRAY_LEN(input_fields),
                               NULL};

static const dfield architecture_fields[] = {
    F_STR("name", true),
    F_INT("file_size", true, check_size),
    F_INT("memory_size", true, check_size),
    F_STR("summary", false),
    F_STR("pretrained_source", false),
    F_INT("total_parameters", false, check_count),
};
static const dobj architecture_obj = {"Architecture Object", architecture_fields,
                                      MLMP_ARRAY_LEN(architecture_fields), NULL};

static const dfield runtime_fields[] = {
    F_STR("framework", true),
    {.key = "version",
     .type = MLMP_T_STRING,
     .required = true,
     .type_hint = "write the version as a string: \"2.1.2\""},
    {.key = "model_asset",
     .type = MLMP_T_OBJECT,
     .required = true,
     .obj = &asset_obj,
     .type_hint = "an Asset Object: {\"href\": \"<url of the model file>\"}"},
    {.key = "asset",
     .type = MLMP_T_OBJECT,
     .alias_of = "model_asset",
     .obj = &asset_obj,
     .type_hint = "an Asset Object: {\"href\": \"<url of the model file>\"}"},
    {.key = "source_code",
     .type = MLMP_T_OBJECT,
     .required = true,
     .obj = &asset_obj,
     .type_hint = "an Asset Object: {\"href\": \"<url of the code>\"}"},
    {.key = "accelerator",
     .type = MLMP_T_STRING,
     .required = true,
     .has_values = true,
     .voc = MLMP_VOC_ACCELERATOR,
     .values_rule = "MLM403"},
    {.key = "accelerator_constrained",
     .type = MLMP_T_BOOLEAN,
     .required = true,
     .type_hint = "true or false, without quotes"},
    F_STR("hardware_summary", true),
    {.key = "docker", .type = MLMP_T_OBJECT, .obj = &container_obj},
    F_STR("model_commit_hash", false),
    {.key = "batch_size_suggestion", .type = MLMP_T_NUMBER, .check = check_batch_size},
};
static const dobj runtime_obj = {"Runtime Object", runtime_fields, MLMP_ARRAY_LEN(runtime_fields),
                                 runtime_extra};

static const dfield result_fields[] = {
    {.key = "shape", .type = MLMP_T_ARRAY, .required = true, .check = check_result_shape},
    {.key = "dim_names", .type = MLMP_T_ARRAY, .required = true, .item_type = MLMP_T_STRING},
    {.key = "dtype", .type = MLMP_T_STRING, .required = true, .check = check_dtype},
};
static const dobj result_obj = {"Result Object", result_fields, MLMP_ARRAY_LEN(result_fields),
                                result_extra};

static const dfield output_fields[] = {
    {.key = "task",
     .type = MLMP_T_STRING,
     .required = true,
     .has_values = true,
     .voc = MLMP_VOC_DRAFT_TASK,
     .values_rule = "MLM402"},
    F_INT("number_of_classes", false, check_count),
    {.key = "result", .type = MLMP_T_ARRAY, .item_type = MLMP_T_OBJECT, .item_obj = &result_obj},
    {.key = "class_name_mapping", .type = MLMP_T_OBJECT, .check = check_class_map},
    F_STR("post_processing_function", false),
};
static const dobj output_obj = {"Model Output Object", output_fields, MLMP_ARRAY_LEN(output_fields),
                                output_extra};

/* The Item properties / Collection level. "parameters" is checked here but,
 * being unprefixed, other keys of that level are not the draft's business. */
static const dfield top_fields[] = {
    {.key = MLMP_KEY(DRAFT, input),
     .type = MLMP_T_ARRAY,
     .required = true,
     .item_type = MLMP_T_OBJECT,
     .item_obj = &input_obj,
     .type_hint = "the draft's mlm:input is an array of Model Input Objects: [{...}]"},
    {.key = MLMP_KEY(DRAFT, architecture),
     .type = MLMP_T_OBJECT,
     .required = true,
     .obj = &architecture_obj,
     .type_hint = "the draft's mlm:architecture is an object: {\"name\": ..., \"file_size\": "
                  "..., \"memory_size\": ...}"},
    {.key = MLMP_KEY(DRAFT, runtime), .type = MLMP_T_OBJECT, .required = true, .obj = &runtime_obj},
    {.key = MLMP_KEY(DRAFT, output),
     .type = MLMP_T_OBJECT,
     .required = true,
     .obj = &output_obj,
     .type_hint = "the draft's mlm:output is a single Model Output Object; arrays of outputs "
                  "came with MLM v1.0.0"},
    F_PARAMETERS,
};
static const dobj top_obj = {"model fields", top_fields, MLMP_ARRAY_LEN(top_fields), NULL};

/* --- the walker ------------------------------------------------------------------- */
static void check_object(mlmp_ctx *c, const json_t *obj, const dobj *spec, bool require,
                         bool all_keys);

static void check_values(mlmp_ctx *c, const dfield *f, const json_t *v)
{
    const char *s = json_string_value(v);
    const char *values[32];
    size_t n_values = mlmp_vocab_values(f->voc, MLM_SPEC_DRAFT, values, MLMP_ARRAY_LEN(values));
    if (n_values > MLMP_ARRAY_LEN(values))
        n_values = MLMP_ARRAY_LEN(values);
    if (mlmp_str_in(s, values, n_values))
        return;
    char list[256], hint[320], got[64];
    const char *sug = mlmp_suggest(s, values, n_values);
    mlmp_quoted_list(list, sizeof(list), values, n_values);
    mlmp_json_brief(v, got, sizeof(got));
    if (!f->values_rule) {
        if (sug)
            snprintf(hint, sizeof(hint), "did you mean \"%s\"?", sug);
        else
            snprintf(hint, sizeof(hint), "use one of %s", list);
        mlmp_report(c, "MLM102", hint, "%s %s is not one of the draft's values: %s", f->key, got,
                    list);
        if (sug)
            mlmp_fix_replace_string(c, NULL, s, sug,
                                    mlmp_suggest_is_sure(s, sug, values, n_values));
        return;
    }
    if (strcmp(f->values_rule, "MLM404") == 0) {
        /* The draft lets a combined operation be named freely. */
        if (sug)
            snprintf(hint, sizeof(hint), "did you mean \"%s\"?", sug);
        else
            snprintf(hint, sizeof(hint),
                     "fine if it names an operation that combines several of %s", list);
        mlmp_report(c, "MLM404", hint, "%s %s is not one of %s%s", f->key, got, list,
                    sug ? "; it looks like a misspelling" : "");
        if (sug) /* a free name is allowed: a person decides */
            mlmp_fix_replace_string(c, NULL, s, sug, false);
        return;
    }
    if (sug)
        snprintf(hint, sizeof(hint), "did you mean \"%s\"?", sug);
    else
        snprintf(hint, sizeof(hint), "recommended values: %s", list);
    mlmp_report(c, f->values_rule, hint, "%s %s is not one of the values the draft recommends",
                f->key, got);
    if (sug)
        mlmp_fix_replace_string(c, NULL, s, sug, mlmp_suggest_is_sure(s, sug, values, n_values));
}

static void report_type(mlmp_ctx *c, const dfield *f, const json_t *v, unsigned mask,
                        const char *hint)
{
    char want[96], got[96];
    mlmp_report(c, "MLM101", hint, "%s: expected %s, found %s", f->key,
                mlmp_type_mask_name(mask, want, sizeof(want)),
                mlmp_json_found(v, got, sizeof(got)));
}

/* One field's value; the value's pointer is current. */
static void check_value(mlmp_ctx *c, const dfield *f, const json_t *v)
{
    if (!mlmp_json_is(v, f->type)) {
        report_type(c, f, v, f->type, f->type_hint);
        return;
    }
    if (f->obj)
        check_object(c, v, f->obj, true, true);
    if (f->has_values)
        check_values(c, f, v);
    if (json_is_array(v) && (f->item_type || f->item_obj)) {
        size_t i;
        const json_t *e;
        json_array_foreach (v, i, e) {
            mlmp_path_push_index(c, i);
            if (!mlmp_json_is(e, f->item_type)) {
                char want[96], got[96];
                mlmp_report(c, "MLM101", f->type_hint, "%s: expected %s entries, found %s", f->key,
                            mlmp_type_mask_name(f->item_type, want, sizeof(want)),
                            mlmp_json_found(e, got, sizeof(got)));
            } else if (f->item_obj) {
                check_object(c, e, f->item_obj, true, true);
            }
            mlmp_path_pop(c);
        }
    }
    if (f->check)
        f->check(c, v);
}

static const dfield *find_field(const dobj *spec, const char *key)
{
    for (size_t i = 0; i < spec->n_fields; i++)
        if (strcmp(spec->fields[i].key, key) == 0)
            return &spec->fields[i];
    return NULL;
}

/* A field present under a spelling that stands for `key`. */
static const dfield *present_alias(const dobj *spec, const json_t *obj, const char *key)
{
    for (size_t i = 0; i < spec->n_fields; i++)
        if (spec->fields[i].alias_of && strcmp(spec->fields[i].alias_of, key) == 0 &&
            json_object_get(obj, spec->fields[i].key))
            return &spec->fields[i];
    return NULL;
}

static void report_unknown(mlmp_ctx *c, const dobj *spec, const char *key)
{
    const char *names[16];
    size_t n = 0;
    for (size_t i = 0; i < spec->n_fields && n < MLMP_ARRAY_LEN(names); i++)
        if (!spec->fields[i].alias_of)
            names[n++] = spec->fields[i].key;
    const char *hint = NULL;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(known_other); i++)
        if (strcmp(known_other[i].key, key) == 0)
            hint = known_other[i].hint;
    char buf[128];
    const char *sug = hint ? NULL : mlmp_suggest(key, names, n);
    if (sug) {
        snprintf(buf, sizeof(buf), "did you mean \"%s\"?", sug);
        hint = buf;
    }
    if (!hint && spec == &top_obj)
        hint = "the draft defines mlm:input, mlm:architecture, mlm:runtime and mlm:output; if "
               "the document follows a released MLM version, list that version's schema URL";
    if (spec == &top_obj)
        mlmp_report_key(c, key, "MLM407", hint, "\"%s\" is not one of the draft's mlm: fields",
                        key);
    else
        mlmp_report_key(c, key, "MLM407", hint, "\"%s\" is not a field of the draft's %s", key,
                        spec->name);
}

static void report_missing(mlmp_ctx *c, const json_t *obj, const dobj *spec, const dfield *f)
{
    if (spec != &top_obj) {
        mlmp_report(c, "MLM100", f->type_hint,
                    "the %s has no \"%s\", which the draft marks REQUIRED", spec->name, f->key);
        return;
    }
    const char *t = json_string_value(json_object_get(obj, "type"));
    if (t && strcmp(t, "Collection") == 0)
        mlmp_report(c, "MLM100",
                    "a Collection that has any of mlm:input, mlm:architecture, mlm:runtime and "
                    "mlm:output must have all four",
                    "the Collection has no \"%s\", which the draft marks REQUIRED", f->key);
    else
        mlmp_report(c, "MLM100", f->type_hint,
                    "the Item properties have no \"%s\", which the draft marks REQUIRED", f->key);
}

/*
 * Check `obj` against a table. `require`: apply the REQUIRED marks.
 * `all_keys`: every key is the draft's (nested objects); otherwise only keys
 * that start with "mlm" are (the shared Item properties / Collection level).
 */
static void check_object(mlmp_ctx *c, const json_t *obj, const dobj *spec, bool require,
                         bool all_keys)
{
    for (size_t i = 0; i < spec->n_fields; i++) {
        const dfield *f = &spec->fields[i];
        const json_t *v = json_object_get(obj, f->key);
        if (!v) {
            if (require && f->required && !present_alias(spec, obj, f->key))
                report_missing(c, obj, spec, f);
            continue;
        }
        if (f->alias_of) {
            char hint[96];
            bool both = json_object_get(obj, f->alias_of) != NULL;
            snprintf(hint, sizeof(hint), "%s \"%s\"", both ? "keep only" : "rename it to",
                     f->alias_of);
            if (both)
                mlmp_report_key(c, f->key, "MLM406", hint,
                                "both \"%s\" and \"%s\" are given; \"%s\" is the draft's "
                                "example spelling of \"%s\", and both are checked",
                                f->alias_of, f->key, f->key, f->alias_of);
            else
                mlmp_report_key(c, f->key, "MLM406", hint,
                                "\"%s\" is the spelling of the draft's example; its text names "
                                "this field \"%s\" (accepted as such)",
                                f->key, f->alias_of);
        }
        mlmp_path_push_key(c, f->key);
        check_value(c, f, v);
        mlmp_path_pop(c);
    }
    const char *k;
    const json_t *v;
    mlmp_object_foreach (obj, k, v) {
        (void)v;
        if (find_field(spec, k))
            continue;
        if (all_keys || strncmp(k, "mlm", 3) == 0)
            report_unknown(c, spec, k);
    }
    if (spec->extra)
        spec->extra(c, obj);
}

/* --- the document ------------------------------------------------------------------ */
static bool has_any_model_field(const json_t *obj)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(top_fields); i++)
        if (top_fields[i].required && json_object_get(obj, top_fields[i].key))
            return true;
    return false;
}

static bool lists_draft(const json_t *root)
{
    size_t i;
    const json_t *e;
    json_array_foreach (json_object_get(root, "stac_extensions"), i, e) {
        const char *s = json_string_value(e);
        if (s && strcmp(s, DRAFT_ID) == 0)
            return true;
    }
    return false;
}

static void check_item(mlmp_ctx *c, const json_t *root)
{
    const json_t *props = json_object_get(root, "properties");
    const char *k;
    const json_t *v;
    mlmp_object_foreach (root, k, v) {
        (void)v;
        if (strncmp(k, MLMP_PREFIX, 4) == 0)
            mlmp_report_key(c, k, "MLM407", "move it into \"properties\"",
                            "\"%s\" is at the top level of an Item; the draft's fields go in "
                            "the Item's properties",
                            k);
    }
    if (!props) {
        mlmp_report(c, "MLM100", "an Item keeps its fields in \"properties\": {...}",
                    "the Item has no \"properties\"");
        return;
    }
    mlmp_path_push_key(c, "properties");
    if (json_is_object(props))
        check_object(c, props, &top_obj, true, false);
    else
        mlmp_report(c, "MLM101", NULL, "properties: expected object, found %s",
                    mlmp_json_type_name(props));
    mlmp_path_pop(c);
}

static void check_collection(mlmp_ctx *c, const json_t *root)
{
    bool any = has_any_model_field(root);
    if (!any && lists_draft(root))
        mlmp_report(c, "MLM412",
                    "fine if its Items carry the model fields; otherwise add mlm:input, "
                    "mlm:architecture, mlm:runtime and mlm:output at the top level",
                    "the Collection lists the draft but has none of its model fields");
    check_object(c, root, &top_obj, any, false);
}

void mlmp_rules_draft(mlmp_ctx *c)
{
    const json_t *root = c->root;
    if (!json_is_object(root)) {
        mlmp_report(c, "MLM101", NULL, "expected a STAC Item or Collection (an object), found %s",
                    mlmp_json_type_name(root));
        return;
    }
    const json_t *type = json_object_get(root, "type");
    const char *t = json_string_value(type);
    if (t && strcmp(t, "Feature") == 0) {
        check_item(c, root);
        return;
    }
    if (t && strcmp(t, "Collection") == 0) {
        check_collection(c, root);
        return;
    }
    static const char *const types[] = {"Feature", "Collection"};
    char got[96];
    if (!type)
        mlmp_report(c, "MLM100", "add \"type\": \"Feature\" (an Item) or \"Collection\"",
                    "the document has no \"type\"; the draft's fields belong to STAC Items and "
                    "Collections");
    else if (!t)
        mlmp_report_key(c, "type", "MLM101", NULL, "type: expected string, found %s",
                        mlmp_json_found(type, got, sizeof(got)));
    else {
        const char *sug = mlmp_suggest(t, types, 2);
        mlmp_report_key(c, "type", "MLM102",
                        sug ? (strcmp(sug, "Feature") == 0 ? "did you mean \"Feature\"?"
                                                           : "did you mean \"Collection\"?")
                            : "the draft's fields belong to Items (\"Feature\") and Collections",
                        "type %s is neither \"Feature\" nor \"Collection\"",
                        mlmp_json_brief(type, got, sizeof(got)));
    }
    /* Still say what can be said about the fields, at the top level. */
    check_object(c, root, &top_obj, false, false);
}
