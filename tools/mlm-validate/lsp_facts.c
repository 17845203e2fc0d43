/* mlm-validate --lsp: fields, vocabularies and the cursor's JSON context
 * (see lsp_facts.h). The descriptions are our own words. Until the
 * library's facts table exists, the field rows and the vocabularies the
 * model API does not enumerate live here, in this one place. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, poll: also when built alone (fuzz/) */
#endif
#include <string.h>

#include "facts.h"
#include "lsp_facts.h"

/* What each field is, in our own words, by the facts table's field id. */
static const char *const about[MLMP_F_COUNT_] = {
    [MLMP_F_PROPS_name] =
        "A name for the model, unique enough to tell it from others in a catalog.",
    [MLMP_F_PROPS_architecture] = "The family of network or algorithm the model follows, such as a "
                                  "ResNet or a random forest.",
    [MLMP_F_PROPS_tasks] = "What the model does: one or more tasks of a closed list.",
    [MLMP_F_PROPS_framework] = "The software the model was built with, such as PyTorch.",
    [MLMP_F_PROPS_framework_version] = "The version of that framework.",
    [MLMP_F_PROPS_memory_size] = "How much memory, in bytes, loading the model takes.",
    [MLMP_F_PROPS_total_parameters] = "How many parameters the model has in all.",
    [MLMP_F_PROPS_pretrained] =
        "Whether the weights started from an earlier training rather than from scratch.",
    [MLMP_F_PROPS_pretrained_source] =
        "Where the starting weights came from, such as a data set's name.",
    [MLMP_F_PROPS_batch_size_suggestion] = "A batch size that works well for inference.",
    [MLMP_F_PROPS_accelerator] =
        "The hardware the model is meant to run on; null when any will do.",
    [MLMP_F_PROPS_accelerator_constrained] = "Whether the model can run only on that accelerator.",
    [MLMP_F_PROPS_accelerator_summary] = "Free text about the hardware, such as the GPU used.",
    [MLMP_F_PROPS_accelerator_count] = "How many accelerators the model needs at least.",
    [MLMP_F_PROPS_input] =
        "What the model reads: one object per input, with its bands and tensor layout.",
    [MLMP_F_PROPS_output] =
        "What the model produces: one object per output, with its tasks and result layout.",
    [MLMP_F_PROPS_hyperparameters] =
        "Settings of the training or of inference, from name to value.",
    [MLMP_F_PROPS_artifact_type] =
        "How the model file was written, usually the call that saved it.",
    [MLMP_F_PROPS_compile_method] =
        "Whether and how the model was compiled: ahead of time or just in time.",
    [MLMP_F_PROPS_entrypoint] =
        "Where in the code the model is found, such as a module and a function.",
    [MLMP_F_INPUT_name] = "The name of this input, used to refer to it.",
    [MLMP_F_INPUT_description] = "Free text about the input, for people.",
    [MLMP_F_INPUT_bands] =
        "The bands the tensor holds, in order; an empty list when the input has none.",
    [MLMP_F_INPUT_variables] = "The variables (of a data cube) the tensor holds, in order.",
    [MLMP_F_INPUT_input] =
        "The layout of the input tensor: its shape, the names of its dimensions and its data type.",
    [MLMP_F_INPUT_norm_by_channel] =
        "Whether normalisation is done band by band (older versions; value_scaling replaced it).",
    [MLMP_F_INPUT_norm_type] =
        "The normalisation applied (older versions; value_scaling replaced it).",
    [MLMP_F_INPUT_norm_clip] = "Clipping bounds of the normalisation (older versions).",
    [MLMP_F_INPUT_statistics] = "Band statistics used to normalise (older versions).",
    [MLMP_F_INPUT_value_scaling] = "How values are scaled before they reach the model: one entry "
                                   "for all bands or one per band.",
    [MLMP_F_INPUT_resize_type] = "How the data is brought to the tensor's size, or null.",
    [MLMP_F_INPUT_pre_processing_function] =
        "Code or an expression run on the data before the model.",
    [MLMP_F_OUTPUT_name] = "The name of this output, used to refer to it.",
    [MLMP_F_OUTPUT_description] = "Free text about the output, for people.",
    [MLMP_F_OUTPUT_tasks] = "The tasks this output serves, from the closed list.",
    [MLMP_F_OUTPUT_result] = "The layout of the result tensor: its shape, the names of its "
                             "dimensions and its data type.",
    [MLMP_F_OUTPUT_bands] = "The bands the result holds, in order.",
    [MLMP_F_OUTPUT_variables] = "The variables the result holds, in order.",
    [MLMP_F_OUTPUT_classes] = "The classes the output can hold (the classification extension).",
    [MLMP_F_OUTPUT_post_processing_function] =
        "Code or an expression run on the result after the model.",
    [MLMP_F_STRUCT_shape] =
        "The size of each dimension; -1 where the size varies (usually the batch).",
    [MLMP_F_STRUCT_dim_order] = "The name of each dimension of shape, in the same order.",
    [MLMP_F_STRUCT_data_type] = "The numeric type of the tensor's values.",
    [MLMP_F_SCALING_type] =
        "The kind of scaling, from a closed list; it decides which other keys are needed.",
    [MLMP_F_SCALING_minimum] = "The lowest value (min-max, clip, clip-min).",
    [MLMP_F_SCALING_maximum] = "The highest value (min-max, clip, clip-max).",
    [MLMP_F_SCALING_mean] = "The mean that z-score scaling subtracts.",
    [MLMP_F_SCALING_stddev] = "The standard deviation that z-score scaling divides by.",
    [MLMP_F_SCALING_value] = "The amount of an offset or a scale.",
    [MLMP_F_SCALING_format] = "The language of a processing scaling's expression.",
    [MLMP_F_SCALING_expression] = "The expression of a processing scaling.",
    [MLMP_F_EXPR_format] = "The language of the expression, such as python or gdal-calc.",
    [MLMP_F_EXPR_expression] = "The expression or code itself, in that format.",
    [MLMP_F_EXPR_description] = "Free text about what the expression does.",
    [MLMP_F_BAND_name] = "The band's name.",
    [MLMP_F_BAND_format] =
        "The language of the expression that computes the band, if it is computed.",
    [MLMP_F_BAND_expression] = "The expression that computes the band from others.",
};

/* Fields of the STAC frame, of assets and of classes that are not MLM's
 * (STAC core and the classification extension); they help completion. */
typedef struct other_field {
    lsp_object object;
    const char *key, *type, *about;
    bool required;
} other_field;

static const other_field others[] = {
    {LSP_OBJ_ROOT, "type", "string", "The STAC object: Feature for an Item, Collection or Catalog.",
     true},
    {LSP_OBJ_ROOT, "stac_version", "string", "The STAC version the document follows.", true},
    {LSP_OBJ_ROOT, "stac_extensions", "array of schema URLs",
     "The extensions used; the MLM schema URL decides the MLM version.", true},
    {LSP_OBJ_ROOT, "id", "string", "The identifier of the Item or Collection.", true},
    {LSP_OBJ_ROOT, "properties", "object", "An Item's fields, where the model is described.",
     false},
    {LSP_OBJ_ROOT, "assets", "object", "The files: the model's weights, its code, its containers.",
     false},
    {LSP_OBJ_ROOT, "links", "array of link objects", "Links to related documents.", true},
    {LSP_OBJ_ASSET, "href", "string (a URL or a path)", "Where the file is.", true},
    {LSP_OBJ_ASSET, "type", "string (a media type)", "The file's media type.", false},
    {LSP_OBJ_ASSET, "roles", "array of strings",
     "What the file is for; the model file has the model role.", false},
    {LSP_OBJ_ASSET, "title", "string", "A short name for people.", false},
    {LSP_OBJ_CLASS, "value", "integer", "The value that stands for the class in the result.", true},
    {LSP_OBJ_CLASS, "name", "string", "The class's name.", false},
    {LSP_OBJ_CLASS, "description", "string", "Free text about the class.", false},
    {LSP_OBJ_CLASS, "color_hint", "string (six hexadecimal digits)",
     "A colour to draw the class with, without '#'.", false},
};

#define N_OTHERS (sizeof(others) / sizeof(others[0]))

/* Dimension names the spec recommends for dim_order (a suggestion list: any
 * name is allowed). */
static const char *const dim_names[] = {
    "batch",    "channel", "bands",    "variables", "time",     "height",
    "width",    "depth",   "latitude", "longitude", "altitude", "temperature",
    "pressure", "x",       "y",        "z",         "token",    "class",
};

static const char *type_name(mlmp_ftype t)
{
    switch (t) {
    case MLMP_FT_ANY: return "any JSON value";
    case MLMP_FT_STRING: return "string";
    case MLMP_FT_NONEMPTY_STRING: return "string (not empty)";
    case MLMP_FT_STRING_OR_NULL: return "string or null";
    case MLMP_FT_NAME: return "string (letters, digits, spaces, '_', '-', '.')";
    case MLMP_FT_SEMVER: return "string (a semantic version)";
    case MLMP_FT_BOOLEAN: return "boolean";
    case MLMP_FT_NUMBER: return "number";
    case MLMP_FT_COUNT0: return "integer, 0 or more";
    case MLMP_FT_COUNT1: return "integer, 1 or more";
    case MLMP_FT_OBJECT: return "object";
    case MLMP_FT_ARRAY: return "array";
    case MLMP_FT_TASKS: return "array of tasks (a closed list)";
    case MLMP_FT_FRAMEWORK: return "string (a known framework name, or free text)";
    case MLMP_FT_ACCELERATOR: return "string (a closed list) or null";
    case MLMP_FT_HYPERPARAMETERS: return "object (name to value)";
    case MLMP_FT_INPUTS: return "array of input objects";
    case MLMP_FT_OUTPUTS: return "array of output objects";
    case MLMP_FT_BANDS: return "array of names or band objects";
    case MLMP_FT_STRUCTURE: return "object (shape, dim_order, data_type)";
    case MLMP_FT_SHAPE: return "array of integers";
    case MLMP_FT_DIM_ORDER: return "array of dimension names";
    case MLMP_FT_DATA_TYPE: return "string (a closed list)";
    case MLMP_FT_SCALINGS: return "array of value scaling objects, or null";
    case MLMP_FT_SCALING_TYPE: return "string (a closed list)";
    case MLMP_FT_RESIZE: return "string (a closed list) or null";
    case MLMP_FT_EXPRESSIONS: return "processing expression, a list of them, or null";
    }
    return "any JSON value";
}

const char *lsp_object_name(lsp_object o)
{
    switch (o) {
    case LSP_OBJ_ROOT: return "the STAC document";
    case LSP_OBJ_PROPERTIES: return "the Item properties";
    case LSP_OBJ_INPUT: return "a model input";
    case LSP_OBJ_OUTPUT: return "a model output";
    case LSP_OBJ_STRUCT: return "a tensor layout";
    case LSP_OBJ_BAND: return "a band";
    case LSP_OBJ_SCALING: return "a value scaling entry";
    case LSP_OBJ_ASSETS: return "the assets";
    case LSP_OBJ_ASSET: return "an asset";
    case LSP_OBJ_CLASS: return "a class";
    case LSP_OBJ_EXPRESSION: return "a processing expression";
    case LSP_OBJ_UNKNOWN: break;
    }
    return "an object";
}

/* The facts table's object of an lsp_object, or -1 when none. */
static int facts_object(lsp_object o)
{
    switch (o) {
    case LSP_OBJ_ROOT: /* a Collection's top level holds the model fields */
    case LSP_OBJ_PROPERTIES:
    case LSP_OBJ_ASSET: return MLMP_O_PROPS;
    case LSP_OBJ_INPUT: return MLMP_O_INPUT;
    case LSP_OBJ_OUTPUT: return MLMP_O_OUTPUT;
    case LSP_OBJ_STRUCT: return MLMP_O_STRUCT;
    case LSP_OBJ_SCALING: return MLMP_O_SCALING;
    case LSP_OBJ_EXPRESSION: return MLMP_O_EXPR;
    case LSP_OBJ_BAND: return MLMP_O_BAND;
    default: return -1;
    }
}

static void from_fact(const mlmp_field_fact *f, lsp_field *out)
{
    out->key = f->key;
    out->type = type_name(f->type);
    out->about = about[f->id] ? about[f->id] : "A field of the MLM extension.";
    out->since = f->since;
    out->until = f->until;
    out->required = (f->flags & MLMP_FF_REQUIRED) != 0;
}

static void from_other(const other_field *f, lsp_field *out)
{
    out->key = f->key;
    out->type = f->type;
    out->about = f->about;
    out->since = MLM_SPEC_UNKNOWN;
    out->until = MLM_SPEC_UNKNOWN;
    out->required = f->required;
}

/* Whether the facts row @p f belongs to object @p o (assets take the model
 * fields that are not Item-only). */
static bool fact_fits(const mlmp_field_fact *f, lsp_object o, int fo)
{
    if ((int)f->object != fo)
        return false;
    return o != LSP_OBJ_ASSET || !(f->flags & MLMP_FF_ITEM_ONLY);
}

bool lsp_facts_field(lsp_object o, const char *key, mlm_spec_version v, lsp_field *out)
{
    int fo = facts_object(o);
    if (fo >= 0) {
        if (v == MLM_SPEC_DRAFT)
            v = MLM_SPEC_UNKNOWN;
        const mlmp_field_fact *f = mlmp_field_lookup((mlmp_object)fo, key, v);
        if (!f && v != MLM_SPEC_UNKNOWN) /* a field of another version: still explained */
            f = mlmp_field_lookup((mlmp_object)fo, key, MLM_SPEC_UNKNOWN);
        if (f && fact_fits(f, o, fo)) {
            from_fact(f, out);
            return true;
        }
    }
    for (size_t i = 0; i < N_OTHERS; i++)
        if (others[i].object == o && strcmp(others[i].key, key) == 0) {
            from_other(&others[i], out);
            return true;
        }
    return false;
}

bool lsp_facts_field_at(lsp_object o, size_t i, lsp_field *out)
{
    int fo = facts_object(o);
    const mlmp_field_fact *f;
    for (size_t k = 0; fo >= 0 && (f = mlmp_field_at(k)) != NULL; k++) {
        if (!fact_fits(f, o, fo))
            continue;
        /* a key with rows for several versions is listed once (its newest) */
        const mlmp_field_fact *newest = mlmp_field_lookup(f->object, f->key, MLM_SPEC_UNKNOWN);
        if (newest && newest != f)
            continue;
        if (i-- == 0) {
            from_fact(f, out);
            return true;
        }
    }
    for (size_t k = 0; k < N_OTHERS; k++)
        if (others[k].object == o && i-- == 0) {
            from_other(&others[k], out);
            return true;
        }
    return false;
}

bool lsp_facts_field_in(const lsp_field *f, mlm_spec_version v)
{
    if (v == MLM_SPEC_UNKNOWN || v == MLM_SPEC_DRAFT || f->since == MLM_SPEC_UNKNOWN)
        return true;
    return mlmp_version_in(v, f->since, f->until);
}

static size_t copy_list(const char *const *list, size_t n, const char **out, size_t max)
{
    size_t k = 0;
    for (; k < n && k < max; k++)
        out[k] = list[k];
    return k;
}

static size_t vocab(mlmp_vocab voc, mlm_spec_version v, const char **out, size_t max)
{
    if (v == MLM_SPEC_DRAFT)
        v = MLM_SPEC_UNKNOWN;
    size_t n = mlmp_vocab_values(voc, v, out, max);
    return n < max ? n : max;
}

/* The asset roles: MLM's, then the core roles the spec pairs them with
 * (the facts' "extra" column), each once. */
static size_t roles(const char **out, size_t max)
{
    static const char *const core[] = {"model", "weights", "checkpoint",
                                       "code",  "runtime", "metadata"};
    size_t n = vocab(MLMP_VOC_ROLE, MLM_SPEC_UNKNOWN, out, max);
    for (size_t i = 0; i < sizeof(core) / sizeof(core[0]) && n < max; i++)
        out[n++] = core[i];
    return n;
}

size_t lsp_facts_values(lsp_object o, const char *key, mlm_spec_version v, const char **out,
                        size_t max)
{
    bool model = o == LSP_OBJ_ROOT || o == LSP_OBJ_PROPERTIES || o == LSP_OBJ_ASSET;
    const mlmp_field_fact *f = NULL;
    int fo = facts_object(o);
    if (fo >= 0)
        f = mlmp_field_lookup((mlmp_object)fo, key, MLM_SPEC_UNKNOWN);
    if (f) {
        switch (f->type) {
        case MLMP_FT_TASKS: return vocab(MLMP_VOC_TASK, v, out, max);
        case MLMP_FT_ACCELERATOR: return vocab(MLMP_VOC_ACCELERATOR, v, out, max);
        case MLMP_FT_DATA_TYPE: return vocab(MLMP_VOC_DATA_TYPE, v, out, max);
        case MLMP_FT_SCALING_TYPE: return vocab(MLMP_VOC_SCALING, v, out, max);
        case MLMP_FT_RESIZE: return vocab(MLMP_VOC_RESIZE, v, out, max);
        case MLMP_FT_FRAMEWORK: return vocab(MLMP_VOC_FRAMEWORK, v, out, max);
        case MLMP_FT_DIM_ORDER:
            return copy_list(dim_names, sizeof(dim_names) / sizeof(dim_names[0]), out, max);
        default: break;
        }
        if (f->id == MLMP_F_PROPS_artifact_type) /* suggestions: any version's */
            return vocab(MLMP_VOC_ARTIFACT_TYPE, MLM_SPEC_UNKNOWN, out, max);
        if (f->id == MLMP_F_PROPS_compile_method)
            return vocab(MLMP_VOC_COMPILE_METHOD, MLM_SPEC_UNKNOWN, out, max);
    }
    if (model && o == LSP_OBJ_ASSET && strcmp(key, "roles") == 0)
        return roles(out, max);
    return 0;
}

/* --- the cursor ------------------------------------------------------------------ */

#define MAX_FRAMES 48
#define MAX_PRESENT 64

typedef struct frame {
    bool object;     /* else an array */
    lsp_object kind; /* object: its kind; array: the kind of the object holding it */
    char key[128];   /* object: the last key read; array: the key it is the value of */
    bool expect_key; /* object: a key comes next */
    size_t present[MAX_PRESENT][2]; /* object: offset and length of each key read */
    size_t n_present;
} frame;

static void copy_key(char *dst, size_t size, const char *s, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static bool is(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* The kind of an object that is the value of member @p key of an object of
 * kind @p owner, directly or (@p in_array) as an element of that value. */
static lsp_object child_kind(lsp_object owner, const char *key, bool in_array)
{
    bool model = owner == LSP_OBJ_ROOT || owner == LSP_OBJ_PROPERTIES;
    if (owner == LSP_OBJ_ROOT && !in_array && is(key, "properties"))
        return LSP_OBJ_PROPERTIES;
    if (model && in_array && is(key, mlmp_key(MLMP_F_PROPS_input)))
        return LSP_OBJ_INPUT;
    if (model && in_array && is(key, mlmp_key(MLMP_F_PROPS_output)))
        return LSP_OBJ_OUTPUT;
    if (!in_array && ((owner == LSP_OBJ_INPUT && is(key, mlmp_key(MLMP_F_INPUT_input))) ||
                      (owner == LSP_OBJ_OUTPUT && is(key, mlmp_key(MLMP_F_OUTPUT_result)))))
        return LSP_OBJ_STRUCT;
    if ((owner == LSP_OBJ_INPUT || owner == LSP_OBJ_OUTPUT) && in_array &&
        (is(key, "bands") || is(key, "variables")))
        return LSP_OBJ_BAND;
    if (owner == LSP_OBJ_INPUT && in_array && is(key, mlmp_key(MLMP_F_INPUT_value_scaling)))
        return LSP_OBJ_SCALING;
    if (owner == LSP_OBJ_ROOT && !in_array && (is(key, "assets") || is(key, "item_assets")))
        return LSP_OBJ_ASSETS;
    if (owner == LSP_OBJ_ASSETS && !in_array)
        return LSP_OBJ_ASSET;
    if (owner == LSP_OBJ_OUTPUT && in_array && is(key, mlmp_key(MLMP_F_OUTPUT_classes)))
        return LSP_OBJ_CLASS;
    if ((owner == LSP_OBJ_INPUT && is(key, mlmp_key(MLMP_F_INPUT_pre_processing_function))) ||
        (owner == LSP_OBJ_OUTPUT && is(key, mlmp_key(MLMP_F_OUTPUT_post_processing_function))))
        return LSP_OBJ_EXPRESSION;
    return LSP_OBJ_UNKNOWN;
}

/* The end of the string token whose opening quote is at @p q: the offset of
 * its closing quote, or of the line end / text end when it is not closed. */
static size_t string_end(const char *s, size_t len, size_t q, bool *closed)
{
    size_t p = q + 1;
    while (p < len && s[p] != '"' && s[p] != '\n' && s[p] != '\r') {
        if (s[p] == '\\' && p + 1 < len && s[p + 1] != '\n')
            p++;
        p++;
    }
    if (p > len)
        p = len;
    *closed = p < len && s[p] == '"';
    return p;
}

static void present_keys(lsp_cursor *c, const char *s, const frame *f)
{
    size_t n = f->n_present < 64 ? f->n_present : 64;
    for (size_t i = 0; i < n; i++)
        copy_key(c->present[i], sizeof(c->present[i]), s + f->present[i][0], f->present[i][1]);
    c->n_present = n;
}

void lsp_cursor_at(const char *s, size_t len, size_t offset, lsp_cursor *c)
{
    memset(c, 0, sizeof(*c));
    if (offset > len)
        offset = len;
    c->start = c->end = offset;
    frame st[MAX_FRAMES];
    size_t depth = 0, lost = 0; /* frames deeper than MAX_FRAMES are only counted */
    size_t p = 0;
    while (p < offset) {
        char ch = s[p];
        frame *top = depth && !lost ? &st[depth - 1] : NULL;
        if (ch == '"') {
            bool closed;
            size_t e = string_end(s, len, p, &closed);
            bool key = top && top->object && top->expect_key;
            if (offset <= e) { /* the cursor is in this string */
                c->in_string = true;
                c->closed = closed;
                c->start = p + 1;
                c->end = e;
                if (top && key) {
                    c->at_key = true;
                    c->object = top->kind;
                    copy_key(c->key, sizeof(c->key), s + p + 1, e - p - 1);
                    present_keys(c, s, top);
                } else if (top) {
                    c->at_value = true;
                    if (top->object) {
                        c->object = top->kind;
                        memcpy(c->key, top->key, sizeof(c->key));
                    } else {
                        c->object = top->kind;
                        memcpy(c->key, top->key, sizeof(c->key));
                    }
                }
                return;
            }
            if (top && key) {
                copy_key(top->key, sizeof(top->key), s + p + 1, e - p - 1);
                if (top->n_present < MAX_PRESENT) {
                    top->present[top->n_present][0] = p + 1;
                    top->present[top->n_present++][1] = e - p - 1;
                }
                top->expect_key = false;
            }
            p = closed ? e + 1 : e;
            continue;
        }
        if (ch == '{' || ch == '[') {
            if (depth >= MAX_FRAMES || lost) {
                lost++;
                depth++;
            } else {
                frame *f = &st[depth];
                f->object = ch == '{';
                f->n_present = 0;
                f->expect_key = f->object;
                if (!top) {
                    f->kind = depth == 0 && f->object ? LSP_OBJ_ROOT : LSP_OBJ_UNKNOWN;
                    f->key[0] = '\0';
                } else if (f->object) {
                    /* the value of top->key, or an element of an array */
                    if (top->object)
                        f->kind = child_kind(top->kind, top->key, false);
                    else
                        f->kind = child_kind(top->kind, top->key, true);
                    f->key[0] = '\0';
                } else {
                    /* an array: remembers the key and object it belongs to */
                    f->kind = top->kind;
                    memcpy(f->key, top->key, sizeof(f->key));
                    if (!top->object)
                        f->kind = LSP_OBJ_UNKNOWN; /* arrays of arrays */
                }
                depth++;
            }
            p++;
            continue;
        }
        if (ch == '}' || ch == ']') {
            if (depth) {
                depth--;
                if (lost)
                    lost--;
            }
            p++;
            continue;
        }
        if (ch == ',' && top && top->object)
            top->expect_key = true;
        if (ch == ':' && top && top->object)
            top->expect_key = false;
        p++;
    }
    /* Between tokens. */
    frame *top = depth && !lost ? &st[depth - 1] : NULL;
    if (!top)
        return;
    c->object = top->kind;
    if (top->object && top->expect_key) {
        c->at_key = true;
        present_keys(c, s, top);
    } else {
        c->at_value = true;
        memcpy(c->key, top->key, sizeof(c->key));
    }
}
