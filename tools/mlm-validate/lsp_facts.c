/* mlm-validate --lsp: fields, vocabularies and the cursor's JSON context
 * (see lsp_facts.h). The descriptions are our own words. Until the
 * library's facts table exists, the field rows and the vocabularies the
 * model API does not enumerate live here, in this one place. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, poll: also when built alone (fuzz/) */
#endif
#include <string.h>

#include "lsp_facts.h"

#define B(o) (1u << (o))
#define MODEL (B(LSP_OBJ_ROOT) | B(LSP_OBJ_PROPERTIES))
#define ASSETS_TOO (MODEL | B(LSP_OBJ_ASSET))
#define V(x) MLM_SPEC_##x
#define OPEN MLM_SPEC_UNKNOWN

static const lsp_field fields[] = {
    /* The model, in an Item's properties or at a Collection's top level. */
    {"mlm:name", MODEL, "string", "A name for the model, unique enough to tell it from others in a catalog.", V(1_0_0), OPEN, true},
    {"mlm:architecture", MODEL, "string", "The family of network or algorithm the model follows, such as a ResNet or a random forest.", V(1_0_0), OPEN, true},
    {"mlm:tasks", ASSETS_TOO, "array of strings (a closed list)", "What the model does, one or more of the listed tasks.", V(1_0_0), OPEN, true},
    {"mlm:framework", ASSETS_TOO, "string", "The software the model was built with, such as PyTorch.", V(1_0_0), OPEN, false},
    {"mlm:framework_version", ASSETS_TOO, "string (a semantic version)", "The version of that framework.", V(1_0_0), OPEN, false},
    {"mlm:memory_size", ASSETS_TOO, "integer (bytes, 0 or more)", "How much memory loading the model takes.", V(1_0_0), OPEN, false},
    {"mlm:total_parameters", ASSETS_TOO, "integer (0 or more)", "How many parameters the model has in all.", V(1_0_0), OPEN, false},
    {"mlm:pretrained", ASSETS_TOO, "boolean", "Whether the weights started from an earlier training rather than from scratch.", V(1_0_0), OPEN, false},
    {"mlm:pretrained_source", ASSETS_TOO, "string or null", "Where the starting weights came from, such as a data set's name.", V(1_0_0), OPEN, false},
    {"mlm:batch_size_suggestion", ASSETS_TOO, "integer (0 or more)", "A batch size that works well for inference.", V(1_0_0), OPEN, false},
    {"mlm:accelerator", ASSETS_TOO, "string (a closed list) or null", "The hardware the model is meant to run on; null when any will do.", V(1_0_0), OPEN, false},
    {"mlm:accelerator_constrained", ASSETS_TOO, "boolean", "Whether the model can run only on that accelerator.", V(1_0_0), OPEN, false},
    {"mlm:accelerator_summary", ASSETS_TOO, "string", "Free text about the hardware, such as the GPU used.", V(1_0_0), OPEN, false},
    {"mlm:accelerator_count", ASSETS_TOO, "integer (1 or more)", "How many accelerators the model needs at least.", V(1_0_0), OPEN, false},
    {"mlm:input", MODEL, "array of input objects", "What the model reads: one object per input, with its bands and tensor layout.", V(1_0_0), OPEN, true},
    {"mlm:output", MODEL, "array of output objects", "What the model produces: one object per output, with its tasks and result layout.", V(1_0_0), OPEN, true},
    {"mlm:hyperparameters", ASSETS_TOO, "object", "Settings of the training or of inference, name to value.", V(1_0_0), OPEN, false},
    {"mlm:artifact_type", B(LSP_OBJ_ASSET), "string", "How the model file was written, usually the call that saved it (such as torch.save).", V(1_0_0), OPEN, false},
    {"mlm:compile_method", B(LSP_OBJ_ASSET), "string or null", "Whether and how the model was compiled: ahead of time or just in time.", V(1_4_0), OPEN, false},
    {"mlm:entrypoint", B(LSP_OBJ_ASSET), "string", "Where in the code or the file the model is found, such as a module and a function.", V(1_5_0), OPEN, false},
    /* An input. */
    {"name", B(LSP_OBJ_INPUT) | B(LSP_OBJ_OUTPUT) | B(LSP_OBJ_BAND) | B(LSP_OBJ_CLASS), "string", "The name of this element, used to refer to it.", V(1_0_0), OPEN, true},
    {"description", B(LSP_OBJ_INPUT) | B(LSP_OBJ_OUTPUT) | B(LSP_OBJ_CLASS) | B(LSP_OBJ_EXPRESSION), "string", "Free text for people.", V(1_0_0), OPEN, false},
    {"bands", B(LSP_OBJ_INPUT) | B(LSP_OBJ_OUTPUT), "array of band names or band objects", "The bands the tensor holds, in order; an empty list when the input has no bands.", V(1_0_0), OPEN, false},
    {"variables", B(LSP_OBJ_INPUT) | B(LSP_OBJ_OUTPUT), "array of variable names or objects", "The variables (of a data cube) the tensor holds, in order.", V(1_5_0), OPEN, false},
    {"input", B(LSP_OBJ_INPUT), "object (shape, dim_order, data_type)", "The layout of the input tensor.", V(1_0_0), OPEN, true},
    {"norm_by_channel", B(LSP_OBJ_INPUT), "boolean", "Whether normalisation is done per band (replaced by value_scaling in 1.3.0).", V(1_0_0), V(1_2_0), false},
    {"norm_type", B(LSP_OBJ_INPUT), "string or null", "The normalisation applied (replaced by value_scaling in 1.3.0).", V(1_0_0), V(1_2_0), false},
    {"norm_clip", B(LSP_OBJ_INPUT), "array of numbers", "Clipping bounds of the normalisation (replaced by value_scaling in 1.3.0).", V(1_0_0), V(1_2_0), false},
    {"statistics", B(LSP_OBJ_INPUT), "array of statistics objects", "Band statistics used to normalise (replaced by value_scaling in 1.3.0).", V(1_0_0), V(1_2_0), false},
    {"value_scaling", B(LSP_OBJ_INPUT), "array of scaling objects or null", "How values are scaled before they reach the model, one entry for all bands or one per band.", V(1_3_0), OPEN, false},
    {"resize_type", B(LSP_OBJ_INPUT), "string (a closed list) or null", "How the data is brought to the tensor's size.", V(1_0_0), OPEN, false},
    {"pre_processing_function", B(LSP_OBJ_INPUT), "expression object, a list of them, or null", "Code or an expression run on the data before the model.", V(1_0_0), OPEN, false},
    /* An output. */
    {"tasks", B(LSP_OBJ_OUTPUT), "array of strings (a closed list)", "The tasks this output serves.", V(1_0_0), OPEN, true},
    {"result", B(LSP_OBJ_OUTPUT), "object (shape, dim_order, data_type)", "The layout of the result tensor.", V(1_0_0), OPEN, true},
    {"classification:classes", B(LSP_OBJ_OUTPUT), "array of class objects", "The classes the output can hold, from the classification extension.", V(1_0_0), OPEN, false},
    {"post_processing_function", B(LSP_OBJ_OUTPUT), "expression object, a list of them, or null", "Code or an expression run on the result after the model.", V(1_0_0), OPEN, false},
    /* A tensor layout. */
    {"shape", B(LSP_OBJ_STRUCT), "array of integers", "The size of each dimension; -1 where the size varies (usually the batch).", V(1_0_0), OPEN, true},
    {"dim_order", B(LSP_OBJ_STRUCT), "array of strings", "The name of each dimension of shape, in the same order.", V(1_0_0), OPEN, true},
    {"data_type", B(LSP_OBJ_STRUCT), "string (a closed list)", "The numeric type of the tensor's values.", V(1_0_0), OPEN, true},
    /* A band object, a scaling entry, an expression, a class. */
    {"format", B(LSP_OBJ_BAND) | B(LSP_OBJ_EXPRESSION), "string", "The language of the expression, such as python or gdal-calc.", V(1_0_0), OPEN, false},
    {"expression", B(LSP_OBJ_BAND) | B(LSP_OBJ_EXPRESSION), "any", "The expression or code itself, in that format.", V(1_0_0), OPEN, false},
    {"type", B(LSP_OBJ_SCALING) | B(LSP_OBJ_ASSET), "string", "For a scaling entry: the kind of scaling (a closed list). For an asset: its media type.", V(1_0_0), OPEN, false},
    {"minimum", B(LSP_OBJ_SCALING), "number", "The lowest value (min-max, clip, clip-min).", V(1_3_0), OPEN, false},
    {"maximum", B(LSP_OBJ_SCALING), "number", "The highest value (min-max, clip, clip-max).", V(1_3_0), OPEN, false},
    {"mean", B(LSP_OBJ_SCALING), "number", "The mean subtracted by z-score scaling.", V(1_3_0), OPEN, false},
    {"stddev", B(LSP_OBJ_SCALING), "number", "The standard deviation divided by in z-score scaling.", V(1_3_0), OPEN, false},
    {"value", B(LSP_OBJ_SCALING) | B(LSP_OBJ_CLASS), "number (scaling) or integer (class)", "For offset and scale: the amount. For a class: the value that stands for it.", V(1_0_0), OPEN, false},
    {"color_hint", B(LSP_OBJ_CLASS), "string (six hexadecimal digits)", "A colour to draw the class with, without '#'.", V(1_0_0), OPEN, false},
    /* An asset. */
    {"href", B(LSP_OBJ_ASSET), "string (a URL or path)", "Where the file is.", V(1_0_0), OPEN, true},
    {"roles", B(LSP_OBJ_ASSET), "array of strings", "What the file is for; the model file has mlm:model.", V(1_0_0), OPEN, false},
    {"title", B(LSP_OBJ_ASSET), "string", "A short name for people.", V(1_0_0), OPEN, false},
    /* The STAC frame. */
    {"type", B(LSP_OBJ_ROOT), "string", "The STAC object: Feature for an Item, Collection or Catalog.", V(1_0_0), OPEN, true},
    {"stac_version", B(LSP_OBJ_ROOT), "string", "The STAC version the document follows.", V(1_0_0), OPEN, true},
    {"stac_extensions", B(LSP_OBJ_ROOT), "array of schema URLs", "The extensions used; the MLM schema URL fixes the MLM version.", V(1_0_0), OPEN, true},
    {"id", B(LSP_OBJ_ROOT), "string", "The identifier of the Item or Collection.", V(1_0_0), OPEN, true},
    {"properties", B(LSP_OBJ_ROOT), "object", "An Item's fields, where the model is described.", V(1_0_0), OPEN, false},
    {"assets", B(LSP_OBJ_ROOT), "object", "The files: the model's weights, code, containers.", V(1_0_0), OPEN, false},
    {"links", B(LSP_OBJ_ROOT), "array of link objects", "Links to related documents.", V(1_0_0), OPEN, true},
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

/* Vocabularies the model API does not enumerate (mlm.h has the tasks,
 * accelerators, data types, scalings and resize types). */
static const char *const artifact_types[] = {
    "torch.save", "torch.jit.save", "torch.export.save",
    "tf.keras.Model.save", "tf.keras.Model.save_weights", "tf.keras.Model.export",
};
static const char *const roles[] = {
    "mlm:model", "mlm:weights", "mlm:checkpoint", "mlm:compiled", "code", "metadata", "runtime",
};
static const char *const dim_names[] = {
    "batch", "channel", "bands", "variables", "time", "height", "width", "depth",
    "latitude", "longitude", "altitude", "temperature", "pressure", "x", "y", "z",
    "token", "class",
};

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

const lsp_field *lsp_facts_field(lsp_object o, const char *key)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if ((fields[i].objects & B(o)) && strcmp(fields[i].key, key) == 0)
            return &fields[i];
    return NULL;
}

const lsp_field *lsp_facts_field_at(lsp_object o, size_t i)
{
    for (size_t k = 0; k < N_FIELDS; k++)
        if (fields[k].objects & B(o)) {
            if (i == 0)
                return &fields[k];
            i--;
        }
    return NULL;
}

bool lsp_facts_field_in(const lsp_field *f, mlm_spec_version v)
{
    if (v == MLM_SPEC_UNKNOWN || v == MLM_SPEC_DRAFT)
        return true;
    return v >= f->since && (f->until == OPEN || v <= f->until);
}

static size_t copy_list(const char *const *list, size_t n, const char **out, size_t max)
{
    size_t k = 0;
    for (; k < n && k < max; k++)
        out[k] = list[k];
    return k;
}

/* Names of an enum from 1 up while the library names them. */
static size_t enum_names(const char *(*name)(int), const char **out, size_t max)
{
    size_t k = 0;
    for (int i = 1; k < max && i < 256; i++) {
        const char *s = name(i);
        if (!s || strcmp(s, "unknown") == 0)
            break;
        out[k++] = s;
    }
    return k;
}

static const char *task_name(int i) { return mlm_task_name((mlm_task)i); }
static const char *accelerator_name(int i) { return mlm_accelerator_name((mlm_accelerator)i); }
static const char *data_type_name(int i) { return mlm_data_type_name((mlm_data_type)i); }
static const char *scaling_name(int i) { return mlm_scaling_type_name((mlm_scaling_type)i); }
static const char *resize_name(int i) { return mlm_resize_type_name((mlm_resize_type)i); }

size_t lsp_facts_values(lsp_object o, const char *key, mlm_spec_version v, const char **out,
                        size_t max)
{
    (void)v;
    bool model = o == LSP_OBJ_ROOT || o == LSP_OBJ_PROPERTIES || o == LSP_OBJ_ASSET;
    if ((model && strcmp(key, "mlm:tasks") == 0) || (o == LSP_OBJ_OUTPUT && strcmp(key, "tasks") == 0))
        return enum_names(task_name, out, max);
    if (model && strcmp(key, "mlm:accelerator") == 0)
        return enum_names(accelerator_name, out, max);
    if (o == LSP_OBJ_STRUCT && strcmp(key, "data_type") == 0)
        return enum_names(data_type_name, out, max);
    if (o == LSP_OBJ_STRUCT && strcmp(key, "dim_order") == 0)
        return copy_list(dim_names, sizeof(dim_names) / sizeof(dim_names[0]), out, max);
    if (o == LSP_OBJ_SCALING && strcmp(key, "type") == 0)
        return enum_names(scaling_name, out, max);
    if (o == LSP_OBJ_INPUT && strcmp(key, "resize_type") == 0)
        return enum_names(resize_name, out, max);
    if (o == LSP_OBJ_ASSET && strcmp(key, "mlm:artifact_type") == 0)
        return copy_list(artifact_types, sizeof(artifact_types) / sizeof(artifact_types[0]), out, max);
    if (o == LSP_OBJ_ASSET && strcmp(key, "roles") == 0)
        return copy_list(roles, sizeof(roles) / sizeof(roles[0]), out, max);
    return 0;
}

/* --- the cursor ------------------------------------------------------------------ */

#define MAX_FRAMES 48
#define MAX_PRESENT 64

typedef struct frame {
    bool object;       /* else an array */
    lsp_object kind;   /* object: its kind; array: the kind of the object holding it */
    char key[128];     /* object: the last key read; array: the key it is the value of */
    bool expect_key;   /* object: a key comes next */
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

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

/* The kind of an object that is the value of member @p key of an object of
 * kind @p owner, directly or (@p in_array) as an element of that value. */
static lsp_object child_kind(lsp_object owner, const char *key, bool in_array)
{
    bool model = owner == LSP_OBJ_ROOT || owner == LSP_OBJ_PROPERTIES;
    if (owner == LSP_OBJ_ROOT && !in_array && is(key, "properties"))
        return LSP_OBJ_PROPERTIES;
    if (model && in_array && is(key, "mlm:input"))
        return LSP_OBJ_INPUT;
    if (model && in_array && is(key, "mlm:output"))
        return LSP_OBJ_OUTPUT;
    if (!in_array && ((owner == LSP_OBJ_INPUT && is(key, "input")) ||
                      (owner == LSP_OBJ_OUTPUT && is(key, "result"))))
        return LSP_OBJ_STRUCT;
    if ((owner == LSP_OBJ_INPUT || owner == LSP_OBJ_OUTPUT) && in_array &&
        (is(key, "bands") || is(key, "variables")))
        return LSP_OBJ_BAND;
    if (owner == LSP_OBJ_INPUT && in_array && is(key, "value_scaling"))
        return LSP_OBJ_SCALING;
    if (owner == LSP_OBJ_ROOT && !in_array && (is(key, "assets") || is(key, "item_assets")))
        return LSP_OBJ_ASSETS;
    if (owner == LSP_OBJ_ASSETS && !in_array)
        return LSP_OBJ_ASSET;
    if (owner == LSP_OBJ_OUTPUT && in_array && is(key, "classification:classes"))
        return LSP_OBJ_CLASS;
    if ((owner == LSP_OBJ_INPUT && is(key, "pre_processing_function")) ||
        (owner == LSP_OBJ_OUTPUT && is(key, "post_processing_function")))
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
