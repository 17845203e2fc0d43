/*
 * The value rules of the "fields" definition of every released MLM schema
 * (v1.0.0 .. v1.5.2), applied to one object holding mlm: keys.
 *
 * What differs between versions is data: the field table, the enum tables
 * and the key tables of model inputs and outputs carry since/until columns;
 * the few structural differences (band objects from v1.2.0, value_scaling
 * replacing norm_* from v1.4.0, dimension references from v1.5.0, ...) are
 * small branches on c->spec. A new version means new rows.
 */
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "rules/patterns.h"
#include "document_private.h"
#include "fix.h"
#include "rules/rules.h"

#define V(x) MLM_SPEC_##x
#define OPEN MLM_SPEC_UNKNOWN /* "until" of a row still in force */

static bool in_range(const mlmp_ctx *c, mlm_spec_version since, mlm_spec_version until)
{
    return c->spec >= since && (until == OPEN || c->spec <= until);
}

static const char *vname(mlm_spec_version v) { return mlm_spec_version_name(v); }

static bool str_is(const json_t *v, const char *s)
{
    size_t n = strlen(s);
    return json_is_string(v) && json_string_length(v) == n &&
           memcmp(json_string_value(v), s, n) == 0;
}

/* A key for messages: control characters escaped, long keys cut. */
static const char *key_text(const char *key, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; key[i] && o + 8 < cap; i++) {
        unsigned char ch = (unsigned char)key[i];
        if (i >= 60) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (ch == '"' || ch == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)ch;
        } else if (ch < 0x20) {
            o += (size_t)snprintf(buf + o, cap - o, "\\u%04x", ch);
        } else {
            buf[o++] = (char)ch;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* --- enums ------------------------------------------------------------------ */

/* The vocabularies are rows of src/facts/vocab.def. */

#define MAX_ENUM 32

/* The values of `voc` in force for c->spec, into out (for suggestions). */
static size_t enum_active(const mlmp_ctx *c, mlmp_vocab voc, const char **out)
{
    size_t n = mlmp_vocab_values(voc, c->spec, out, MAX_ENUM);
    return n < MAX_ENUM ? n : MAX_ENUM;
}

/* Report MLM102 at the current pointer unless the string `v` is one of the
 * rows in force. `what` names the field for the message. */
static void check_enum(mlmp_ctx *c, const json_t *v, mlmp_vocab voc, const char *what)
{
    for (size_t i = 0; mlmp_term_at(i); i++) {
        const mlmp_term *row = mlmp_term_at(i);
        if (row->vocab != voc || !str_is(v, row->value))
            continue;
        if (in_range(c, row->since, row->until))
            return;
        char hint[160];
        if (c->spec < row->since)
            snprintf(hint, sizeof(hint),
                     "\"%s\" was added in MLM %s; declare that version or "
                     "a later one",
                     row->value, vname(row->since));
        else
            snprintf(hint, sizeof(hint), "\"%s\" is only valid up to MLM %s", row->value,
                     vname(row->until));
        mlmp_report(c, "MLM102", hint, "%s \"%s\" is not allowed by MLM %s", what, row->value,
                    vname(c->spec));
        return;
    }
    const char *vals[MAX_ENUM];
    size_t k = enum_active(c, voc, vals);
    char list[640], got[64], hint[160];
    mlmp_quoted_list(list, sizeof(list), vals, k);
    const char *s = mlmp_suggest(json_string_value(v), vals, k);
    if (str_is(v, "cpu") && mlmp_str_in("amd64", vals, k)) {
        /* The README's Accelerator Type Enum lists "cpu" as "an alias for the amd64
         * accelerator type"; the schemas' enum has only "amd64". */
        s = "amd64";
        snprintf(hint, sizeof(hint),
                 "write \"amd64\": the spec text calls \"cpu\" an alias "
                 "of \"amd64\", but the schema accepts only \"amd64\"");
    } else if (s) {
        mlmp_suggest_hint(json_string_value(v), s, hint, sizeof(hint));
    }
    mlmp_report(c, "MLM102", s ? hint : NULL, "%s %s is not one of %s", what,
                mlmp_json_brief(v, got, sizeof(got)), list);
    if (s) /* an alias the spec names, or one clear near miss */
        mlmp_fix_replace_string(c, NULL, json_string_value(v), s,
                                str_is(v, "cpu") ||
                                    mlmp_suggest_is_sure(json_string_value(v), s, vals, k));
}

/* --- small value checks ---------------------------------------------------------- */

/* type string with minLength min_len (code points). Reports at the pointer. */
static bool check_string(mlmp_ctx *c, const json_t *v, size_t min_len, const char *what)
{
    if (!mlmp_expect_type(c, v, MLMP_T_STRING))
        return false;
    if (mlmp_json_strlen(v) < min_len) {
        mlmp_report(c, "MLM105", NULL, "%s must not be an empty string", what);
        return false;
    }
    return true;
}

/* Check child `key` of obj (if present) with a string check. */
static void child_string(mlmp_ctx *c, const json_t *obj, const char *key, size_t min_len)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return;
    mlmp_path_push_key(c, key);
    check_string(c, v, min_len, key);
    mlmp_path_pop(c);
}

static void check_integer_min(mlmp_ctx *c, const json_t *v, long min, const char *what)
{
    if (!mlmp_expect_type(c, v, MLMP_T_INTEGER))
        return;
    if (mlmp_json_number(v) < (double)min) {
        char got[64];
        mlmp_report(c, "MLM104", NULL, "%s must be %ld or more, found %s", what, min,
                    mlmp_json_brief(v, got, sizeof(got)));
    }
}

static void report_pattern(mlmp_ctx *c, const json_t *v, const char *what, const char *form,
                           const char *hint)
{
    char got[64];
    mlmp_report(c, "MLM103", hint, "%s %s is not %s", what, mlmp_json_brief(v, got, sizeof(got)),
                form);
}

/* --- the mlm: fields ---------------------------------------------------------------- */

typedef void (*field_fn)(mlmp_ctx *c, const json_t *v, mlmp_level level);

static void f_name(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_STRING))
        return;
    if (!mlmp_pat_model_name(json_string_value(v), json_string_length(v)))
        report_pattern(c, v, MLMP_KEY(PROPS, name),
                       "a valid model name (a letter first, then at least one letter, digit, "
                       "'_', '.', '-' or space, and a letter or digit last)",
                       "for example \"ResNet-18 Sentinel-2\"; no trailing space, dot or newline");
}

static void f_string(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    mlmp_expect_type(c, v, MLMP_T_STRING);
}

static void f_nonempty_string(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    check_string(c, v, 1, "the value");
}

static void f_boolean(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    mlmp_expect_type(c, v, MLMP_T_BOOLEAN);
}

static void f_string_or_null(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    mlmp_expect_type(c, v, MLMP_T_STRING | MLMP_T_NULL);
}

static void f_count0(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    check_integer_min(c, v, 0, "the value");
}

static void f_count1(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    check_integer_min(c, v, 1, MLMP_KEY(PROPS, accelerator_count));
}

/* mlm:tasks and the tasks of a model output. */
static void check_tasks(mlmp_ctx *c, const json_t *v)
{
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    long dup = mlmp_json_first_duplicate(v);
    if (dup == -2)
        c->oom = true;
    if (dup >= 0) {
        char got[64];
        mlmp_report_index(c, (size_t)dup, "MLM106", "list each task once",
                          "task %s is listed twice",
                          mlmp_json_brief(json_array_get(v, (size_t)dup), got, sizeof(got)));
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *t = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        if (mlmp_expect_type(c, t, MLMP_T_STRING))
            check_enum(c, t, MLMP_VOC_TASK, "task");
        mlmp_path_pop(c);
    }
}

static void f_tasks(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    check_tasks(c, v);
}

static void f_framework(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_STRING))
        return;
    if (!mlmp_spec_at_least(c, V(1_1_0))) {
        /* v1.0.0: a listed name or any non-empty string */
        if (json_string_length(v) == 0)
            mlmp_report(c, "MLM105", "name the framework, for example \"PyTorch\"",
                        "mlm:framework must not be an empty string");
        return;
    }
    if (mlmp_pat_framework(json_string_value(v), json_string_length(v)))
        return;
    const char *vals[MAX_ENUM];
    size_t k = enum_active(c, MLMP_VOC_FRAMEWORK, vals);
    const char *s = mlmp_suggest(json_string_value(v), vals, k);
    char hint[160];
    snprintf(hint, sizeof(hint),
             "%s%s%sremove leading or trailing spaces, dots, dashes and "
             "underscores",
             s ? "did you mean \"" : "", s ? s : "", s ? "\"? or " : "");
    if (json_string_length(v) == 0)
        mlmp_report(c, "MLM105", hint, "mlm:framework must not be an empty string");
    else
        report_pattern(c, v, MLMP_KEY(PROPS, framework),
                       "a framework name (it may not start or end with white space, '.', '_' "
                       "or '-', nor hold a line break)",
                       hint);
}

static void f_framework_version(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_STRING))
        return;
    if (!mlmp_pat_semver(json_string_value(v), json_string_length(v)))
        report_pattern(c, v, MLMP_KEY(PROPS, framework_version),
                       "a semantic version (MAJOR.MINOR.PATCH)",
                       "write all three numbers without leading zeros, e.g. \"2.1.0\" or "
                       "\"2.1.0+cu121\"");
}

static void f_accelerator(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_STRING | MLMP_T_NULL))
        return;
    if (json_is_string(v))
        check_enum(c, v, MLMP_VOC_ACCELERATOR, MLMP_KEY(PROPS, accelerator));
}

static void f_hyperparameters(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_OBJECT))
        return;
    if (json_object_size(v) == 0) {
        mlmp_report(c, "MLM105", "remove mlm:hyperparameters or add at least one entry",
                    "mlm:hyperparameters must hold at least one entry");
        return;
    }
    const char *key;
    const json_t *val;
    mlmp_object_foreach (v, key, val) {
        (void)val;
        char kt[96];
        if (!mlmp_pat_hyperparameter_key(key, strlen(key)))
            mlmp_report_key(c, key, "MLM103",
                            "use only letters, digits, '_', '.' and '-' in hyperparameter names",
                            "hyperparameter name \"%s\" is not allowed",
                            key_text(key, kt, sizeof(kt)));
    }
}

static void f_input(mlmp_ctx *c, const json_t *v, mlmp_level level);
static void f_output(mlmp_ctx *c, const json_t *v, mlmp_level level);

/* The value rule of a field type (src/facts/fields.def, object PROPS). */
static field_fn check_of(mlmp_ftype type)
{
    switch (type) {
    case MLMP_FT_NAME: return f_name;
    case MLMP_FT_STRING: return f_string;
    case MLMP_FT_NONEMPTY_STRING: return f_nonempty_string;
    case MLMP_FT_STRING_OR_NULL: return f_string_or_null;
    case MLMP_FT_BOOLEAN: return f_boolean;
    case MLMP_FT_COUNT0: return f_count0;
    case MLMP_FT_COUNT1: return f_count1;
    case MLMP_FT_TASKS: return f_tasks;
    case MLMP_FT_FRAMEWORK: return f_framework;
    case MLMP_FT_SEMVER: return f_framework_version;
    case MLMP_FT_ACCELERATOR: return f_accelerator;
    case MLMP_FT_HYPERPARAMETERS: return f_hyperparameters;
    case MLMP_FT_INPUTS: return f_input;
    case MLMP_FT_OUTPUTS: return f_output;
    default: return NULL; /* a type no mlm: field has: no value rule */
    }
}

/* Walk the mlm: field rows (object PROPS) of the facts table: `row` is each
 * in turn, in the order of fields.def. */
#define FIELD_ROWS(i, row)                                                                         \
    for (size_t i = 0; i < MLMP_F_COUNT_; i++)                                                     \
        if ((row = mlmp_field_at(i))->object == MLMP_O_PROPS)

/* The pointer p within the document of c (a child's pointers start with its prefix). */
static const char *strip_prefix(const mlmp_ctx *c, const char *p)
{
    size_t skip = c->doc && c->doc->prefix ? strlen(c->doc->prefix) : 0;
    return strlen(p) >= skip ? p + skip : "";
}

bool mlmp_v1_known_field(const mlmp_ctx *c, const char *key)
{
    const mlmp_field_fact *row;
    FIELD_ROWS(i, row)
    if (strcmp(row->key, key) == 0 && in_range(c, row->since, row->until))
        return true;
    return false;
}

/* --- processing expressions ------------------------------------------------------- */

/* ProcessingExpression: processing v1.1.0 processing:expression (an object
 * with format (string) and expression (anything)), with description a
 * string from v1.5.1, or null. */
static void check_processing_expression(mlmp_ctx *c, const json_t *v)
{
    if (json_is_null(v))
        return;
    if (!json_is_object(v)) {
        char got[64];
        mlmp_report(c, "MLM101", "give {\"format\": ..., \"expression\": ...} or null",
                    "a processing expression must be an object or null, found %s",
                    mlmp_json_found(v, got, sizeof(got)));
        return;
    }
    static const char *const req[] = {"format", "expression"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(req); i++)
        if (!json_object_get(v, req[i]))
            mlmp_report(c, "MLM100",
                        "a processing expression (processing extension v1.1.0) needs both "
                        "\"format\" and \"expression\"",
                        "the processing expression has no \"%s\"", req[i]);
    const json_t *f = json_object_get(v, "format");
    if (f && !json_is_string(f))
        mlmp_report_key(c, "format", "MLM101", NULL,
                        "the format of a processing expression must be a string, found %s",
                        mlmp_json_type_name(f));
    const json_t *d = json_object_get(v, "description");
    if (d && mlmp_spec_at_least(c, V(1_5_1)) && !json_is_string(d))
        mlmp_report_key(c, "description", "MLM101", NULL,
                        "the description of a processing expression must be a string, found %s",
                        mlmp_json_type_name(d));
}

/* pre_processing_function / post_processing_function: one expression (or
 * null), and from v1.5.0 also a non-empty list of them. */
static void check_processing_function(mlmp_ctx *c, const json_t *v)
{
    if (json_is_array(v) && mlmp_spec_at_least(c, V(1_5_0))) {
        if (json_array_size(v) == 0) {
            mlmp_report(c, "MLM105", "give at least one expression, or null",
                        "a list of processing expressions must not be empty");
            return;
        }
        for (size_t i = 0; i < json_array_size(v); i++) {
            mlmp_path_push_index(c, i);
            check_processing_expression(c, json_array_get(v, i));
            mlmp_path_pop(c);
        }
        return;
    }
    if (!json_is_object(v) && !json_is_null(v)) {
        char got[64];
        mlmp_report(c, "MLM101",
                    mlmp_spec_at_least(c, V(1_5_0))
                        ? "give {\"format\": ..., \"expression\": ...}, a list of them, or null"
                        : "give {\"format\": ..., \"expression\": ...} or null (lists of "
                          "expressions need MLM v1.5.0)",
                    "expected a processing expression object%s or null, found %s",
                    mlmp_spec_at_least(c, V(1_5_0)) ? ", a list of them" : "",
                    mlmp_json_found(v, got, sizeof(got)));
        return;
    }
    check_processing_expression(c, v);
}

/* --- structures: shape, dim_order, data_type ------------------------------------------ */

static void check_shape(mlmp_ctx *c, const json_t *v)
{
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    if (json_array_size(v) == 0)
        mlmp_report(c, "MLM105", "list one size per dimension, -1 for a variable size",
                    "shape must have at least one entry");
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *e = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        check_integer_min(c, e, -1, "a shape entry");
        mlmp_path_pop(c);
    }
}

static void check_dim_order(mlmp_ctx *c, const json_t *v)
{
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    if (json_array_size(v) == 0)
        mlmp_report(c, "MLM105",
                    "name each dimension, e.g. [\"batch\", \"bands\", \"height\", "
                    "\"width\"]",
                    "dim_order must have at least one entry");
    long dup = mlmp_json_first_duplicate(v);
    if (dup == -2)
        c->oom = true;
    if (dup >= 0) {
        char got[64];
        mlmp_report_index(c, (size_t)dup, "MLM106", "name each dimension once",
                          "dimension %s is listed twice",
                          mlmp_json_brief(json_array_get(v, (size_t)dup), got, sizeof(got)));
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *e = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        if (check_string(c, e, 1, "a dimension name") &&
            !mlmp_pat_dim_name(json_string_value(e), json_string_length(e)))
            report_pattern(c, e, "dimension name", "made of lower-case letters, '-' and '_'",
                           "use lower-case names such as \"batch\", \"bands\", \"height\", "
                           "\"width\", \"time\"");
        mlmp_path_pop(c);
    }
}

/* InputStructure / ResultStructure. */
static void check_structure(mlmp_ctx *c, const json_t *v, const char *what)
{
    if (!mlmp_expect_type(c, v, MLMP_T_OBJECT))
        return;
    static const char *const req[] = {"shape", "dim_order", "data_type"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(req); i++)
        if (!json_object_get(v, req[i]))
            mlmp_report(c, "MLM100", "give shape, dim_order and data_type", "%s has no \"%s\"",
                        what, req[i]);
    const json_t *e = json_object_get(v, "shape");
    if (e) {
        mlmp_path_push_key(c, "shape");
        check_shape(c, e);
        mlmp_path_pop(c);
    }
    e = json_object_get(v, "dim_order");
    if (e) {
        mlmp_path_push_key(c, "dim_order");
        check_dim_order(c, e);
        mlmp_path_pop(c);
    }
    e = json_object_get(v, "data_type");
    if (e) {
        mlmp_path_push_key(c, "data_type");
        if (mlmp_expect_type(c, e, MLMP_T_STRING))
            check_enum(c, e, MLMP_VOC_DATA_TYPE, "data_type");
        mlmp_path_pop(c);
    }
}

/* --- bands / variables ---------------------------------------------------------------- */

/* ModelBands (v1.0.0..v1.4.0) and ModelBandsVariables (v1.5.0+). */
static void check_band_list(mlmp_ctx *c, const json_t *v, const char *key)
{
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    bool objects = mlmp_spec_at_least(c, V(1_2_0));
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *b = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        if (json_is_string(b)) {
            if (json_string_length(b) == 0)
                mlmp_report(c, "MLM105", "give the band or variable name",
                            "a %s name must not be an empty string", key);
        } else if (json_is_object(b) && objects) {
            if (!json_object_get(b, "name"))
                mlmp_report(c, "MLM100", NULL, "the %s object has no \"name\"", key);
            child_string(c, b, "name", 1);
            child_string(c, b, "format", 1);
            bool has_f = json_object_get(b, "format") != NULL;
            bool has_e = json_object_get(b, "expression") != NULL;
            if (has_f != has_e)
                mlmp_report(c, "MLM113",
                            has_f ? "add the \"expression\" the format describes, or remove "
                                    "\"format\""
                                  : "add the \"format\" of the expression, or remove "
                                    "\"expression\"",
                            "the %s object has \"%s\" without \"%s\" (each requires the other)",
                            key, has_f ? "format" : "expression", has_f ? "expression" : "format");
            const char *k;
            const json_t *x;
            mlmp_object_foreach (b, k, x) {
                (void)x;
                if (strcmp(k, "name") != 0 && strcmp(k, "format") != 0 &&
                    strcmp(k, "expression") != 0) {
                    char kt[96];
                    mlmp_report_key(c, k, "MLM107", "only name, format and expression are allowed",
                                    "\"%s\" is not a field of a %s object",
                                    key_text(k, kt, sizeof(kt)), key);
                }
            }
        } else {
            char got[64];
            mlmp_report(c, "MLM101",
                        objects ? NULL
                                : "band objects need MLM v1.2.0 or later (mlm-migrate --to 1.2.0)",
                        "a %s entry must be a %s, found %s", key,
                        objects ? "name (string) or an object with name, format and expression"
                                : "name (string)",
                        mlmp_json_found(b, got, sizeof(got)));
        }
        mlmp_path_pop(c);
    }
}

static bool list_contains_string(const json_t *arr, const char *s, size_t *at)
{
    for (size_t i = 0; i < json_array_size(arr); i++)
        if (str_is(json_array_get(arr, i), s)) {
            *at = i;
            return true;
        }
    return false;
}

/* ModelInputBandsDimensionRef and friends (v1.5.0+): the dim_order of the
 * input (result) lists "bands" ("variables") exactly when the input
 * (output) has a non-empty bands (variables) list. */
static void check_dimension_ref(mlmp_ctx *c, const json_t *item, const char *list_key,
                                const char *struct_key, const char *rule)
{
    const json_t *st = json_object_get(item, struct_key);
    const json_t *dims = json_is_object(st) ? json_object_get(st, "dim_order") : NULL;
    if (!json_is_array(dims))
        return; /* absent, or a type error reported by the structure check */
    const json_t *list = json_object_get(item, list_key);
    if (list && !json_is_array(list))
        return; /* the list's type error says it all */
    bool nonempty = json_array_size(list) > 0;
    size_t at = 0;
    bool listed = list_contains_string(dims, list_key, &at);
    if (nonempty == listed)
        return;
    mlmp_path_push_key(c, struct_key);
    mlmp_path_push_key(c, "dim_order");
    if (nonempty) {
        char hint[128];
        snprintf(hint, sizeof(hint), "add \"%s\" to dim_order at the position of that dimension",
                 list_key);
        mlmp_report(c, rule, hint, "%s lists %zu %s but its dim_order has no \"%s\" dimension",
                    strcmp(struct_key, "input") == 0 ? "the input" : "the output",
                    json_array_size(list), list_key, list_key);
    } else {
        char hint[160];
        snprintf(hint, sizeof(hint), "list the %s in \"%s\", or rename the \"%s\" dimension",
                 list_key, list_key, list_key);
        mlmp_path_push_index(c, at);
        mlmp_report(c, rule, hint, "dim_order has a \"%s\" dimension but the %s %s", list_key,
                    strcmp(struct_key, "input") == 0 ? "input" : "output",
                    list ? "has an empty list of them" : "lists none");
        mlmp_path_pop(c);
    }
    mlmp_path_pop(c);
    mlmp_path_pop(c);
}

/* --- value_scaling (v1.4.0+) ---------------------------------------------------------- */

typedef struct scaling_row {
    const char *type;
    const char *required[2];
    const char *numbers[2]; /* fields that must be numbers when present */
    mlm_spec_version since, until;
} scaling_row;

static const scaling_row scaling_rows[] = {
    {"min-max", {"minimum", "maximum"}, {"minimum", "maximum"}, V(1_4_0), OPEN},
    {"z-score", {"mean", "stddev"}, {"mean", "stddev"}, V(1_4_0), OPEN},
    {"clip", {"minimum", "maximum"}, {"minimum", "maximum"}, V(1_4_0), OPEN},
    {"clip-min", {"minimum", NULL}, {"minimum", "maximum"}, V(1_4_0), OPEN},
    {"clip-max", {"maximum", NULL}, {"maximum", NULL}, V(1_4_0), OPEN},
    {"offset", {"value", NULL}, {"value", NULL}, V(1_4_0), OPEN},
    {"scale", {"value", NULL}, {"value", NULL}, V(1_4_0), OPEN},
    {"processing", {"format", "expression"}, {NULL, NULL}, V(1_4_0), OPEN},
};

/* One value_scaling entry. The schema's oneOf has one branch per "type"
 * constant, so at most one branch can match: the entry is judged by the
 * branch its type names. */
/* Short names people write for the fields of a value_scaling entry. */
static const struct {
    const char *shorthand, *field;
} scaling_shorthands[] = {
    {"min", "minimum"}, {"max", "maximum"}, {"std", "stddev"}, {"stdev", "stddev"}, {"avg", "mean"},
};

/* The fix of unknown keys of obj (at the current pointer) that stand for
 * one of the n `fields`: a shorthand (min for minimum) or one clear near miss,
 * renamed when the long name is not there already. Safe when every rename
 * is a shorthand or a sure near miss. Attached to the last report. */
static void fix_renames(mlmp_ctx *c, const json_t *obj, const char *const *fields, size_t n)
{
    const char *k;
    const json_t *x;
    char desc[320] = "Rename ";
    size_t used = strlen(desc), count = 0;
    bool safe = true;
    struct mlmp_fixrec *f = mlmp_fix_start(c, "", true);
    mlmp_object_foreach (obj, k, x) {
        (void)x;
        bool known = false;
        for (size_t i = 0; i < n; i++)
            known = known || strcmp(k, fields[i]) == 0;
        if (known)
            continue;
        const char *to = NULL;
        for (size_t j = 0; j < MLMP_ARRAY_LEN(scaling_shorthands); j++)
            if (strcmp(k, scaling_shorthands[j].shorthand) == 0)
                to = scaling_shorthands[j].field;
        bool sure = to != NULL;
        if (!to && (to = mlmp_suggest(k, fields, n)) != NULL)
            sure = mlmp_suggest_is_sure(k, to, fields, n);
        bool wanted = false;
        for (size_t i = 0; to && i < n; i++)
            wanted = wanted || strcmp(fields[i], to) == 0;
        if (!to || !wanted || json_object_get(obj, to))
            continue;
        safe = safe && sure;
        mlmp_fix_add_rename(c, f, k, to);
        if (used < sizeof(desc)) {
            int w = snprintf(desc + used, sizeof(desc) - used, "%s\"%s\" to \"%s\"",
                             count ? " and " : "", k, to);
            used += w > 0 ? (size_t)w : 0;
        }
        count++;
    }
    if (f && count) {
        if (used < sizeof(desc) - 1)
            strcat(desc, ".");
        if (mlmp_fixrec_describe(f, desc) != MLM_OK)
            c->oom = true;
        if (!safe)
            mlmp_fixrec_set_safe(f, false);
    }
    mlmp_fix_finish(c, f);
}

/* The required fields a value_scaling entry lacks, said once for the entry,
 * with the rename when a shorthand (min, max, std) stands in for them. */
static void report_missing_scaling(mlmp_ctx *c, const json_t *e, const char *type,
                                   const char *const required[2])
{
    const char *missing[2];
    size_t n = 0;
    for (size_t i = 0; i < 2; i++)
        if (required[i] && !json_object_get(e, required[i]))
            missing[n++] = required[i];
    if (n == 0)
        return;
    char hint[256] = "", fields[96];
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < MLMP_ARRAY_LEN(scaling_shorthands); j++)
            if (strcmp(scaling_shorthands[j].field, missing[i]) == 0 &&
                json_object_get(e, scaling_shorthands[j].shorthand) && used < sizeof(hint)) {
                int w = snprintf(hint + used, sizeof(hint) - used, "%s\"%s\" to \"%s\"",
                                 used ? " and " : "rename ", scaling_shorthands[j].shorthand,
                                 missing[i]);
                if (w > 0)
                    used += (size_t)w;
                break;
            }
    if (used && used < sizeof(hint))
        snprintf(hint + used, sizeof(hint) - used, " (the schema knows only the long names)");
    if (n == 2)
        snprintf(fields, sizeof(fields), "\"%s\" and \"%s\"", missing[0], missing[1]);
    else
        snprintf(fields, sizeof(fields), "\"%s\"", missing[0]);
    mlmp_report(c, "MLM111", used ? hint : NULL, "a value_scaling entry of type \"%s\" needs %s",
                type, fields);
    if (used)
        fix_renames(c, e, missing, n);
}

static void check_scaling_entry(mlmp_ctx *c, const json_t *e)
{
    if (!json_is_object(e)) {
        char got[64];
        mlmp_report(c, "MLM101", NULL, "a value_scaling entry must be an object, found %s",
                    mlmp_json_found(e, got, sizeof(got)));
        return;
    }
    const json_t *t = json_object_get(e, "type");
    const char *types[MAX_ENUM];
    size_t nt = 0;
    const scaling_row *row = NULL;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(scaling_rows); i++) {
        if (!in_range(c, scaling_rows[i].since, scaling_rows[i].until))
            continue;
        types[nt++] = scaling_rows[i].type;
        if (str_is(t, scaling_rows[i].type))
            row = &scaling_rows[i];
    }
    if (!row) {
        char list[320], got[64], hint[160];
        mlmp_quoted_list(list, sizeof(list), types, nt);
        const char *s = json_is_string(t) ? mlmp_suggest(json_string_value(t), types, nt) : NULL;
        if (s)
            snprintf(hint, sizeof(hint), "did you mean \"%s\"?", s);
        if (!t)
            mlmp_report(c, "MLM112", "add \"type\", for example \"min-max\"",
                        "the value_scaling entry has no \"type\" (one of %s)", list);
        else {
            mlmp_report_key(c, "type", "MLM112", s ? hint : NULL,
                            "value_scaling type %s is not one of %s",
                            mlmp_json_brief(t, got, sizeof(got)), list);
            if (s)
                mlmp_fix_replace_string(c, "type", json_string_value(t), s,
                                        mlmp_suggest_is_sure(json_string_value(t), s, types, nt));
        }
        return;
    }
    report_missing_scaling(c, e, row->type, row->required);
    for (size_t i = 0; i < 2; i++) {
        const json_t *x = row->numbers[i] ? json_object_get(e, row->numbers[i]) : NULL;
        if (x && !json_is_number(x)) {
            char got[64];
            mlmp_report_key(c, row->numbers[i], "MLM111", "write the number without quotes",
                            "\"%s\" of a \"%s\" value_scaling entry must be a number, found %s",
                            row->numbers[i], row->type, mlmp_json_found(x, got, sizeof(got)));
        }
    }
    if (strcmp(row->type, "processing") == 0) {
        const json_t *f = json_object_get(e, "format");
        if (f && !json_is_string(f))
            mlmp_report_key(c, "format", "MLM111", NULL,
                            "\"format\" of a \"processing\" value_scaling entry must be a string, "
                            "found %s",
                            mlmp_json_type_name(f));
        const json_t *d = json_object_get(e, "description");
        if (d && mlmp_spec_at_least(c, V(1_5_1)) && !json_is_string(d))
            mlmp_report_key(c, "description", "MLM111", NULL,
                            "\"description\" of a \"processing\" value_scaling entry must be a "
                            "string, found %s",
                            mlmp_json_type_name(d));
    }
}

static void check_value_scaling(mlmp_ctx *c, const json_t *v)
{
    if (json_is_null(v))
        return;
    if (!json_is_array(v)) {
        char got[64];
        mlmp_report(c, "MLM101", "give a list of scaling objects, or null",
                    "value_scaling must be an array or null, found %s",
                    mlmp_json_found(v, got, sizeof(got)));
        return;
    }
    if (json_array_size(v) == 0) {
        mlmp_report(c, "MLM105", "use null when no scaling applies",
                    "value_scaling must not be an empty list");
        return;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        mlmp_path_push_index(c, i);
        check_scaling_entry(c, json_array_get(v, i));
        mlmp_path_pop(c);
    }
}

/* --- norm_* and statistics (v1.0.0 .. v1.3.0) --------------------------------------- */

static void check_norm_type(mlmp_ctx *c, const json_t *v)
{
    if (!mlmp_expect_type(c, v, MLMP_T_STRING | MLMP_T_NULL))
        return;
    if (json_is_string(v))
        check_enum(c, v, MLMP_VOC_NORM_TYPE, "norm_type");
}

static void check_norm_clip(mlmp_ctx *c, const json_t *v)
{
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    if (json_array_size(v) == 0)
        mlmp_report(c, "MLM105", NULL, "norm_clip must have at least one entry");
    for (size_t i = 0; i < json_array_size(v); i++) {
        mlmp_path_push_index(c, i);
        mlmp_expect_type(c, json_array_get(v, i), MLMP_T_NUMBER);
        mlmp_path_pop(c);
    }
}

/* raster v1.1.0 statistics objects. */
static void check_statistics(mlmp_ctx *c, const json_t *v)
{
    static const char *const keys[] = {"mean", "minimum", "maximum", "stddev", "valid_percent"};
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    if (json_array_size(v) == 0)
        mlmp_report(c, "MLM105", NULL, "statistics must have at least one entry");
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *s = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        if (mlmp_expect_type(c, s, MLMP_T_OBJECT)) {
            if (json_object_size(s) == 0)
                mlmp_report(c, "MLM105",
                            "give at least one of mean, minimum, maximum, stddev, "
                            "valid_percent",
                            "a statistics object must not be empty");
            /* Unknown keys are said once per entry (min and max are one slip, not
             * two), at the first of them, with every rename in the hint. */
            const char *k, *first_unknown = NULL;
            const json_t *x;
            char names[192] = "", hint[256] = "";
            size_t nn = 0, nh = 0, unknown = 0;
            mlmp_object_foreach (s, k, x) {
                bool known = false;
                for (size_t j = 0; j < MLMP_ARRAY_LEN(keys); j++)
                    known = known || strcmp(k, keys[j]) == 0;
                if (known) {
                    mlmp_path_push_key(c, k);
                    mlmp_expect_type(c, x, MLMP_T_NUMBER);
                    mlmp_path_pop(c);
                    continue;
                }
                char kt[96];
                if (!first_unknown)
                    first_unknown = k;
                unknown++;
                if (nn < sizeof(names)) {
                    int w = snprintf(names + nn, sizeof(names) - nn, "%s\"%s\"", nn ? ", " : "",
                                     key_text(k, kt, sizeof(kt)));
                    nn += w > 0 ? (size_t)w : 0;
                }
                const char *sug = mlmp_suggest(k, keys, MLMP_ARRAY_LEN(keys));
                if (!sug)
                    for (size_t j = 0; j < MLMP_ARRAY_LEN(scaling_shorthands); j++)
                        if (strcmp(k, scaling_shorthands[j].shorthand) == 0)
                            sug = scaling_shorthands[j].field;
                if (sug && nh < sizeof(hint)) {
                    int w = snprintf(hint + nh, sizeof(hint) - nh, "%s\"%s\" to \"%s\"",
                                     nh ? " and " : "rename ", k, sug);
                    nh += w > 0 ? (size_t)w : 0;
                }
            }
            if (first_unknown) {
                mlmp_path_push_key(c, first_unknown);
                mlmp_report(c, "MLM107", nh ? hint : NULL,
                            "%s %s (raster v1.1.0 allows mean, minimum, maximum, stddev and "
                            "valid_percent)",
                            names,
                            unknown == 1 ? "is not a statistics field"
                                         : "are not statistics fields");
                mlmp_path_pop(c);
                if (nh)
                    fix_renames(c, s, keys, MLMP_ARRAY_LEN(keys));
            }
        }
        mlmp_path_pop(c);
    }
}

/* --- classification:classes ----------------------------------------------------------- */

/* oneOf [classification v1.1.0 classes (non-empty, unique class objects),
 * an empty array]: the two branches never both match ([] fails minItems of
 * the first), so an array is judged by the first branch when non-empty. */
static void check_classes(mlmp_ctx *c, const json_t *v)
{
    if (!json_is_array(v)) {
        char got[64];
        mlmp_report(c, "MLM101", NULL, "classification:classes must be an array, found %s",
                    mlmp_json_found(v, got, sizeof(got)));
        return;
    }
    long dup = mlmp_json_first_duplicate(v);
    if (dup == -2)
        c->oom = true;
    if (dup >= 0)
        mlmp_report_index(c, (size_t)dup, "MLM106", "list each class once",
                          "this class is listed twice");
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *k = json_array_get(v, i);
        mlmp_path_push_index(c, i);
        if (!json_is_object(k)) {
            mlmp_report(c, "MLM114", NULL, "a class must be an object, found %s",
                        mlmp_json_type_name(k));
            mlmp_path_pop(c);
            continue;
        }
        static const char *const req[] = {"value", "description"};
        for (size_t j = 0; j < MLMP_ARRAY_LEN(req); j++)
            if (!json_object_get(k, req[j]))
                mlmp_report(c, "MLM114",
                            "classification v1.1.0, which MLM references, requires \"value\" "
                            "and \"description\" in every class",
                            "the class has no \"%s\"", req[j]);
        const json_t *x = json_object_get(k, "value");
        if (x && !mlmp_json_is(x, MLMP_T_INTEGER))
            mlmp_report_key(c, "value", "MLM114", NULL,
                            "a class value must be an integer, found %s", mlmp_json_type_name(x));
        static const char *const strs[] = {"description", "name"};
        for (size_t j = 0; j < MLMP_ARRAY_LEN(strs); j++) {
            x = json_object_get(k, strs[j]);
            if (x && !json_is_string(x))
                mlmp_report_key(c, strs[j], "MLM114", NULL, "a class %s must be a string, found %s",
                                strs[j], mlmp_json_type_name(x));
        }
        x = json_object_get(k, "color_hint");
        if (x) {
            char got[64];
            if (!json_is_string(x))
                mlmp_report_key(c, "color_hint", "MLM114", NULL,
                                "a class color_hint must be a string, found %s",
                                mlmp_json_type_name(x));
            else if (!mlmp_pat_color_hint(json_string_value(x), json_string_length(x)))
                mlmp_report_key(c, "color_hint", "MLM114",
                                "six hexadecimal digits without '#', e.g. \"00FF7F\"",
                                "color_hint %s is not an RGB hex color",
                                mlmp_json_brief(x, got, sizeof(got)));
        }
        mlmp_path_pop(c);
    }
}

/* --- model inputs and outputs ------------------------------------------------------------ */

static void check_input_item(mlmp_ctx *c, const json_t *it)
{
    if (!mlmp_expect_type(c, it, MLMP_T_OBJECT))
        return;
    bool bands_required = !mlmp_spec_at_least(c, V(1_5_0));
    static const char *const req[] = {"name", "bands", "input"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(req); i++) {
        if (i == 1 && !bands_required)
            continue;
        if (!json_object_get(it, req[i]))
            mlmp_report(c, "MLM100",
                        i == 1 ? "MLM before v1.5.0 requires \"bands\" in every input; use [] "
                                 "when the input has no bands"
                               : NULL,
                        "the model input has no \"%s\"", req[i]);
    }
    child_string(c, it, "name", 1);
    if (mlmp_spec_at_least(c, V(1_1_0)))
        child_string(c, it, "description", 1);
    const json_t *x = json_object_get(it, "bands");
    if (x) {
        mlmp_path_push_key(c, "bands");
        check_band_list(c, x, "bands");
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "variables");
    if (x && mlmp_spec_at_least(c, V(1_5_0))) {
        mlmp_path_push_key(c, "variables");
        check_band_list(c, x, "variables");
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "input");
    if (x) {
        mlmp_path_push_key(c, "input");
        check_structure(c, x, "the input structure");
        mlmp_path_pop(c);
    }
    if (!mlmp_spec_at_least(c, V(1_4_0))) {
        x = json_object_get(it, "norm_by_channel");
        if (x) {
            mlmp_path_push_key(c, "norm_by_channel");
            mlmp_expect_type(c, x, MLMP_T_BOOLEAN);
            mlmp_path_pop(c);
        }
        x = json_object_get(it, "norm_type");
        if (x) {
            mlmp_path_push_key(c, "norm_type");
            check_norm_type(c, x);
            mlmp_path_pop(c);
        }
        x = json_object_get(it, "norm_clip");
        if (x) {
            mlmp_path_push_key(c, "norm_clip");
            check_norm_clip(c, x);
            mlmp_path_pop(c);
        }
        x = json_object_get(it, "statistics");
        if (x) {
            mlmp_path_push_key(c, "statistics");
            check_statistics(c, x);
            mlmp_path_pop(c);
        }
    } else {
        x = json_object_get(it, "value_scaling");
        if (x) {
            mlmp_path_push_key(c, "value_scaling");
            check_value_scaling(c, x);
            mlmp_path_pop(c);
        }
    }
    x = json_object_get(it, "resize_type");
    if (x) {
        mlmp_path_push_key(c, "resize_type");
        if (mlmp_expect_type(c, x, MLMP_T_STRING | MLMP_T_NULL) && json_is_string(x))
            check_enum(c, x, MLMP_VOC_RESIZE, "resize_type");
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "pre_processing_function");
    if (x) {
        mlmp_path_push_key(c, "pre_processing_function");
        check_processing_function(c, x);
        mlmp_path_pop(c);
    }
    if (mlmp_spec_at_least(c, V(1_5_0))) {
        check_dimension_ref(c, it, "bands", "input", "MLM115");
        check_dimension_ref(c, it, "variables", "input", "MLM116");
    }
}

static void check_output_item(mlmp_ctx *c, const json_t *it)
{
    if (!mlmp_expect_type(c, it, MLMP_T_OBJECT))
        return;
    static const char *const req[] = {"name", "tasks", "result"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(req); i++)
        if (!json_object_get(it, req[i]))
            mlmp_report(c, "MLM100", NULL, "the model output has no \"%s\"", req[i]);
    child_string(c, it, "name", 1);
    if (mlmp_spec_at_least(c, V(1_1_0)))
        child_string(c, it, "description", 1);
    const json_t *x = json_object_get(it, "tasks");
    if (x) {
        mlmp_path_push_key(c, "tasks");
        check_tasks(c, x);
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "result");
    if (x) {
        mlmp_path_push_key(c, "result");
        check_structure(c, x, "the result structure");
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "classification:classes");
    if (x) {
        mlmp_path_push_key(c, "classification:classes");
        check_classes(c, x);
        mlmp_path_pop(c);
    }
    x = json_object_get(it, "post_processing_function");
    if (x) {
        mlmp_path_push_key(c, "post_processing_function");
        check_processing_function(c, x);
        mlmp_path_pop(c);
    }
    if (mlmp_spec_at_least(c, V(1_5_0))) {
        static const char *const lists[] = {"bands", "variables"};
        for (size_t i = 0; i < MLMP_ARRAY_LEN(lists); i++) {
            x = json_object_get(it, lists[i]);
            if (x) {
                mlmp_path_push_key(c, lists[i]);
                check_band_list(c, x, lists[i]);
                mlmp_path_pop(c);
            }
        }
        check_dimension_ref(c, it, "bands", "result", "MLM115");
        check_dimension_ref(c, it, "variables", "result", "MLM116");
    }
}

static void f_input(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    for (size_t i = 0; i < json_array_size(v); i++) {
        mlmp_path_push_index(c, i);
        check_input_item(c, json_array_get(v, i));
        mlmp_path_pop(c);
    }
}

static void f_output(mlmp_ctx *c, const json_t *v, mlmp_level level)
{
    (void)level;
    if (!mlmp_expect_type(c, v, MLMP_T_ARRAY))
        return;
    for (size_t i = 0; i < json_array_size(v); i++) {
        mlmp_path_push_index(c, i);
        check_output_item(c, json_array_get(v, i));
        mlmp_path_pop(c);
    }
}

/* --- the entry point -------------------------------------------------------------------- */

static const char *level_name(mlmp_level level)
{
    switch (level) {
    case MLMP_LEVEL_ITEM: return "Item properties";
    case MLMP_LEVEL_ASSET: return "an asset";
    case MLMP_LEVEL_COLLECTION: return "the Collection";
    case MLMP_LEVEL_SUMMARY: return "a summary value";
    case MLMP_LEVEL_ITEM_ASSET: return "an item_assets entry";
    }
    return "an object";
}

/* The catch-all of "fields" for a key no row of this version defines. */
static void unknown_key(mlmp_ctx *c, const char *key)
{
    size_t n = strlen(key);
    char kt[96];
    if (!mlmp_spec_at_least(c, V(1_4_0))) {
        /* patternProperties "^(?!dlm:)" + additionalProperties false */
        if (!mlmp_pat_not_prefixed(key, n, "dlm:"))
            mlmp_report_key(
                c, key, "MLM110",
                "rename it (mlm: instead of dlm:?) or move to MLM v1.4.0+ (mlm-migrate --to "
                "1.4.0), whose schema fixed the typo",
                "MLM %s rejects every \"dlm:\" field: its schema's catch-all pattern is "
                "^(?!dlm:), a typo for ^(?!mlm:) (\"%s\")",
                vname(c->spec), key_text(key, kt, sizeof(kt)));
        return;
    }
    if (mlmp_pat_not_prefixed(key, n, MLMP_PREFIX))
        return;
    const mlmp_field_fact *row;
    FIELD_ROWS(i, row)
    if (strcmp(row->key, key) == 0) {
        char hint[128];
        if (c->spec < row->since)
            snprintf(hint, sizeof(hint), "%s was added in MLM %s; declare that version", key,
                     vname(row->since));
        else
            snprintf(hint, sizeof(hint), "%s was removed after MLM %s", key, vname(row->until));
        mlmp_report_key(c, key, "MLM107", hint, "%s is not a field of MLM %s", key, vname(c->spec));
        return;
    }
    const char *known[MLMP_F_COUNT_];
    size_t k = 0;
    FIELD_ROWS(i, row)
    if (in_range(c, row->since, row->until))
        known[k++] = row->key;
    const char *s = mlmp_suggest(key, known, k);
    char hint[128];
    if (s)
        snprintf(hint, sizeof(hint), "did you mean \"%s\"?", s);
    mlmp_report_key(c, key, "MLM107", s ? hint : "remove it, or use a prefix other than mlm:",
                    "%s is not a field of MLM %s (from v1.4.0 every mlm: field must be one the "
                    "version defines)",
                    key_text(key, kt, sizeof(kt)), vname(c->spec));
    const json_t *obj = mlmp_json_pointer_get(c->root, strip_prefix(c, mlmp_path(c)));
    if (s && json_is_object(obj) && !json_object_get(obj, s))
        mlmp_fix_rename(c, key, s, mlmp_suggest_is_sure(key, s, known, k));
}

void mlmp_v1_fields(mlmp_ctx *c, const json_t *obj, mlmp_level level)
{
    if (!json_is_object(obj)) {
        char got[64];
        mlmp_report(c, "MLM101",
                    level == MLMP_LEVEL_SUMMARY
                        ? "the published MLM schema applies its field rules to every summary "
                          "value, so only object summaries (ranges, schemas) pass it; a list "
                          "summary such as [\"classification\"] is rejected by the schema"
                        : NULL,
                    "%s must be an object for the MLM %s field rules, found %s", level_name(level),
                    vname(c->spec), mlmp_json_found(obj, got, sizeof(got)));
        return;
    }
    const char *key;
    const json_t *v;
    mlmp_object_foreach (obj, key, v) {
        const mlmp_field_fact *row = mlmp_field_lookup(MLMP_O_PROPS, key, c->spec);
        if (!row) {
            unknown_key(c, key);
            continue;
        }
        field_fn check = check_of(row->type);
        if (!check)
            continue;
        mlmp_path_push_key(c, key);
        check(c, v, level);
        mlmp_path_pop(c);
    }
}
