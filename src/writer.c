/*
 * The writer: new documents, edits and serialisation (mlm/writer.h).
 *
 * There is no second model. An edit changes the document's json_t and then
 * re-derives the typed view from it (mlmp_document_refresh), exactly as a
 * parse does, so what is read, edited and written is always the same data.
 * jansson keeps object keys in insertion order and replaces values in place,
 * which is what keeps unknown fields and key order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "document_private.h"
#include "facts.h"
#include "layout.h"
#include "mlm/alloc.h"
#include "mlm/writer.h"

/* --- arguments ---------------------------------------------------------------- */

/*
 * Every public function states what it was given as a list of `arg` and
 * has it checked by check_call(), so all of them refuse the same things in
 * the same words: a NULL or wrong-kind document, NULL, empty or non-UTF-8
 * strings, NULL lists with a count, unknown tasks, and inputs, outputs or
 * assets that are not there. Nothing is changed before the check passes.
 */
typedef enum arg_kind {
    ARG_NAME,  /* a required string: not NULL, not empty, UTF-8 */
    ARG_TEXT,  /* an optional string: NULL allowed, else UTF-8 */
    ARG_NAMES, /* n required strings (NULL list allowed when n == 0) */
    ARG_ITEMS, /* n numbers (NULL allowed when n == 0) */
    ARG_TASKS, /* n mlm_task values of the released vocabulary */
    ARG_VALUE, /* a json_t: not NULL (json_null() is the explicit null) */
    ARG_ENTRY, /* index n of the model's array `name` (MLMP_KEY(PROPS, input)) is an object */
    ARG_ASSET  /* the string p names an existing object in "assets" */
} arg_kind;

typedef struct arg {
    arg_kind kind;
    const char *name; /* the parameter's name, for the message */
    const void *p;
    size_t n;
} arg;

/* Which documents a function edits. */
typedef enum target {
    NO_DOCUMENT,   /* mlm_document_new: there is none yet (no ARG_ENTRY or ARG_ASSET) */
    ANY_DOCUMENT,  /* the JSON Pointer edits and the output */
    MODEL_DOCUMENT /* an Item or a Collection (where MLM fields and assets go) */
} target;

#define ARGS(...) (const arg[]){__VA_ARGS__}, sizeof((const arg[]){__VA_ARGS__}) / sizeof(arg)
#define NO_ARGS NULL, 0

/* Refuse a call: err gets "<function>: <what>" and code is returned. `what`
 * has the room of a whole mlm_error text, so a message cut here is also too
 * long there, and mlmp_error_set marks it cut ("...", MLM_ERROR_TEXT_TRUNCATED). */
static int refuse(const mlm_document *doc, const char *fn, int code, mlm_error *err,
                  const char *fmt, ...) MLMP_PRINTF(5, 6);
static int refuse(const mlm_document *doc, const char *fn, int code, mlm_error *err,
                  const char *fmt, ...)
{
    char what[MLM_ERROR_TEXT_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    mlmp_error_set(err, code, doc ? doc->source : NULL, "%s: %s", fn, what);
    return code;
}

/* The object that holds the model fields: a Collection's top level, else an
 * Item's properties. NULL when an Item has none yet (read-only lookup). */
static json_t *fields_if_any(const mlm_document *doc)
{
    if (doc->stac_type == MLM_STAC_COLLECTION)
        return doc->root;
    json_t *p = json_object_get(doc->root, "properties");
    return json_is_object(p) ? p : NULL;
}

static int check_string(const mlm_document *doc, const char *fn, const char *s, bool required,
                        const char *name, size_t i, bool listed, mlm_error *err)
{
    char label[64];
    if (listed)
        snprintf(label, sizeof(label), "%s[%zu]", name, i);
    else
        snprintf(label, sizeof(label), "%s", name);
    if (!s)
        return required ? refuse(doc, fn, MLM_ERR_INVALID_ARG, err, "%s is NULL.", label) : MLM_OK;
    if (required && !*s)
        return refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                      "%s is an empty string; a non-empty one is required.", label);
    if (!mlmp_utf8_valid(s, strlen(s), NULL))
        return refuse(doc, fn, MLM_ERR_ENCODING, err, "%s is not valid UTF-8.", label);
    return MLM_OK;
}

static int check_arg(const mlm_document *doc, const char *fn, const arg *a, mlm_error *err)
{
    switch (a->kind) {
    case ARG_NAME:
    case ARG_TEXT: return check_string(doc, fn, a->p, a->kind == ARG_NAME, a->name, 0, false, err);
    case ARG_NAMES:
    case ARG_ITEMS:
    case ARG_TASKS:
        if (!a->p && a->n)
            return refuse(doc, fn, MLM_ERR_INVALID_ARG, err, "%s is NULL but its count is %zu.",
                          a->name, a->n);
        for (size_t i = 0; a->kind == ARG_NAMES && i < a->n; i++) {
            int rc =
                check_string(doc, fn, ((const char *const *)a->p)[i], true, a->name, i, true, err);
            if (rc != MLM_OK)
                return rc;
        }
        for (size_t i = 0; a->kind == ARG_TASKS && i < a->n; i++) {
            mlm_task t = ((const mlm_task *)a->p)[i];
            /* out-of-range values name no task that reads back as themselves */
            if (t == MLM_TASK_UNKNOWN || t == MLM_TASK_MULTI_MODAL ||
                mlm_task_from_name(mlm_task_name(t)) != t)
                return refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                              "%s[%zu] is not a task of the released MLM vocabulary.", a->name, i);
        }
        return MLM_OK;
    case ARG_VALUE:
        return a->p ? MLM_OK
                    : refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                             "%s is NULL; pass json_null() for an explicit null.", a->name);
    case ARG_ENTRY:
        if (!json_is_object(json_array_get(json_object_get(fields_if_any(doc), a->name), a->n)))
            return refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                          "%s has no object at index %zu; add the entry first.", a->name, a->n);
        return MLM_OK;
    case ARG_ASSET: {
        int rc = check_string(doc, fn, a->p, true, "key", 0, false, err);
        if (rc == MLM_OK &&
            !json_is_object(json_object_get(json_object_get(doc->root, "assets"), a->p)))
            rc = refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                        "there is no asset \"%s\"; add it with mlm_document_add_asset() first.",
                        (const char *)a->p);
        return rc;
    }
    }
    return refuse(doc, fn, MLM_ERR_INVALID_ARG, err, "an argument could not be checked.");
}

/* The one check of every public editing function (fn is its name). On
 * failure `steal` (the value the call was to store, may be NULL) is
 * released, as every function that takes a json_t promises. */
static int check_call(const mlm_document *doc, const char *fn, target t, const arg *args, size_t n,
                      json_t *steal, mlm_error *err)
{
    int rc = MLM_OK;
    if (t != NO_DOCUMENT && !doc)
        rc = refuse(doc, fn, MLM_ERR_INVALID_ARG, err, "the document is NULL.");
    else if (t == MODEL_DOCUMENT && doc->stac_type != MLM_STAC_ITEM &&
             doc->stac_type != MLM_STAC_COLLECTION)
        rc = refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                    "the document is %s%s, not an Item or a Collection; MLM fields and "
                    "assets go on an Item or a Collection (mlm_document_set() edits any JSON).",
                    doc->stac_type == MLM_STAC_UNKNOWN ? "of no known STAC type" : "a ",
                    doc->stac_type == MLM_STAC_UNKNOWN ? "" : mlm_stac_type_name(doc->stac_type));
    for (size_t i = 0; rc == MLM_OK && i < n; i++)
        rc = check_arg(doc, fn, &args[i], err);
    if (rc != MLM_OK)
        json_decref(steal);
    return rc;
}

/* --- editing discipline ------------------------------------------------------ */

static int begin_edit_doc(mlm_document *doc, mlm_error *err);

/* Make doc editable (begin_edit_doc); on failure the value the edit was to
 * store (stolen, may be NULL) is released. */
static int begin_edit(mlm_document *doc, json_t *value, mlm_error *err)
{
    int rc = begin_edit_doc(doc, err);
    if (rc != MLM_OK)
        json_decref(value);
    return rc;
}

/* Make doc (checked by check_call) editable: exclusive, with a JSON tree of
 * its own. A child is detached from its parent (its pointers become its own). */
static int begin_edit_doc(mlm_document *doc, mlm_error *err)
{
    if (atomic_load(&doc->refs) > 1) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, doc->source,
                       "the document has child documents; free them before editing it");
        return MLM_ERR_INVALID_ARG;
    }
    if (doc->root_borrowed || doc->root->refcount > 1) {
        /* Part of a parent's tree, or shared with the caller
         * (mlm_parse_json): copy on write. */
        json_t *copy = json_deep_copy(doc->root);
        if (!copy) {
            mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
            return MLM_ERR_NOMEM;
        }
        if (!doc->root_borrowed)
            json_decref(doc->root);
        doc->root = copy;
        doc->root_borrowed = false;
    }
    if (doc->parent) {
        mlm_document_free(doc->parent);
        doc->parent = NULL;
        mlmp_free(doc->prefix);
        doc->prefix = NULL;
    }
    /* The text is rewritten after the edit in its own layout (end_edit):
     * keep the value it is the text of. */
    if (doc->text) {
        doc->edit_src = json_deep_copy(doc->root);
        if (!doc->edit_src) {
            mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
            return MLM_ERR_NOMEM;
        }
    }
    return MLM_OK;
}

/* The document's text after an edit: the edited root written in the layout
 * of the text before it (layout.c), checked to read back as the root, else
 * in the library's layout; so line:column of diagnostics and
 * mlm_document_locate() refer to what mlm_document_dump() writes. */
static int retext(mlm_document *doc)
{
    json_t *src = doc->edit_src;
    doc->edit_src = NULL;
    if (!src || json_equal(src, doc->root)) {
        json_decref(src); /* nothing changed: the text stays */
        return MLM_OK;
    }
    size_t len = 0;
    char *text = mlmp_layout_keep(doc->root, src, doc->text, doc->text_len, &len);
    json_decref(src);
    if (text) {
        size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        json_t *again = json_loadb(text + bom, len - bom, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (!again || !json_equal(again, doc->root)) {
            mlmp_free(text);
            text = NULL;
        }
        json_decref(again);
    }
    if (!text)
        text = mlmp_layout_fresh(doc->root, false, &len);
    mlmp_free(doc->text);
    doc->text = text;
    doc->text_len = text ? len : 0;
    return text ? MLM_OK : MLM_ERR_NOMEM;
}

static int end_edit(mlm_document *doc, int rc, mlm_error *err)
{
    if ((mlmp_document_refresh(doc) != MLM_OK || retext(doc) != MLM_OK) && rc == MLM_OK) {
        mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
        rc = MLM_ERR_NOMEM;
    }
    return rc;
}

static int nomem(const mlm_document *doc, mlm_error *err)
{
    mlmp_error_set(err, MLM_ERR_NOMEM, doc ? doc->source : NULL, "out of memory");
    return MLM_ERR_NOMEM;
}

/* begin_edit for a value (stolen) that a checked setter built: NULL means
 * building it ran out of memory. */
static int begin_store(mlm_document *doc, json_t *value, mlm_error *err)
{
    return value ? begin_edit(doc, value, err) : nomem(doc, err);
}

/* --- JSON Pointer edits --------------------------------------------------------- */

/* Split "/a/b~1c" into the parent pointer "/a" and the unescaped last token
 * "b/c" (both allocated). */
static int split_pointer(const char *pointer, char **parent, char **token)
{
    const char *last = strrchr(pointer, '/');
    if (!last)
        return MLM_ERR_INVALID_ARG;
    *parent = mlmp_strndup(pointer, (size_t)(last - pointer));
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    if (!mlmp_strbuf_put_untoken(&b, last + 1, strlen(last + 1))) {
        mlmp_strbuf_free(&b);
        mlmp_free(*parent);
        return MLM_ERR_INVALID_ARG;
    }
    mlmp_strbuf_putc(&b, '\0'); /* an empty token is a valid key */
    *token = mlmp_strbuf_detach(&b);
    if (!*parent || !*token) {
        mlmp_free(*parent);
        mlmp_free(*token);
        return MLM_ERR_NOMEM;
    }
    return MLM_OK;
}

/* An array index token: digits without a leading zero, or "-" (= size). */
static bool array_index(const char *token, size_t size, size_t *out)
{
    if (strcmp(token, "-") == 0) {
        *out = size;
        return true;
    }
    if (!*token || (token[0] == '0' && token[1]) || strspn(token, "0123456789") != strlen(token))
        return false;
    char *end = NULL;
    unsigned long long v = strtoull(token, &end, 10);
    *out = (size_t)v;
    return *end == '\0';
}

/* Set (value non-NULL, stolen) or remove (value NULL) at pointer. */
static int edit_at(mlm_document *doc, const char *pointer, json_t *value, mlm_error *err)
{
    char *parent_ptr = NULL, *token = NULL;
    int rc = split_pointer(pointer, &parent_ptr, &token);
    if (rc != MLM_OK) {
        json_decref(value);
        if (rc == MLM_ERR_NOMEM)
            return nomem(doc, err);
        mlmp_error_set(err, rc, doc->source,
                       "\"%s\" is not a JSON Pointer to a member (it must start with \"/\")",
                       pointer);
        return rc;
    }
    json_t *parent = mlmp_unconst(mlmp_json_pointer_get(doc->root, parent_ptr));
    size_t i = 0;
    if (json_is_object(parent)) {
        if (value)
            rc = json_object_set_new(parent, token, value) == 0 ? MLM_OK : MLM_ERR_NOMEM;
        else
            json_object_del(parent, token); /* absent is fine */
        value = NULL;
    } else if (json_is_array(parent) && array_index(token, json_array_size(parent), &i) &&
               i <= json_array_size(parent) && (value || i < json_array_size(parent))) {
        if (!value)
            json_array_remove(parent, i);
        else if (i == json_array_size(parent))
            rc = json_array_append_new(parent, value) == 0 ? MLM_OK : MLM_ERR_NOMEM;
        else
            rc = json_array_set_new(parent, i, value) == 0 ? MLM_OK : MLM_ERR_NOMEM;
        value = NULL;
    } else {
        rc = MLM_ERR_INVALID_ARG;
        mlmp_error_set(err, rc, doc->source,
                       "%s does not resolve: %s is not an existing object or array, or the "
                       "array index is out of range",
                       pointer, parent_ptr[0] ? parent_ptr : "the root");
    }
    json_decref(value);
    if (rc == MLM_ERR_NOMEM)
        nomem(doc, err);
    mlmp_free(parent_ptr);
    mlmp_free(token);
    return rc;
}

int mlm_document_set(mlm_document *doc, const char *pointer, json_t *value, mlm_error *err)
{
    int rc = check_call(doc, __func__, ANY_DOCUMENT,
                        ARGS({ARG_NAME, "pointer", pointer, 0}, {ARG_VALUE, "value", value, 0}),
                        value, err);
    if (rc == MLM_OK)
        rc = begin_edit(doc, value, err);
    if (rc != MLM_OK)
        return rc;
    return end_edit(doc, edit_at(doc, pointer, value, err), err);
}

int mlm_document_remove(mlm_document *doc, const char *pointer, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, ANY_DOCUMENT, ARGS({ARG_NAME, "pointer", pointer, 0}), NULL, err);
    if (rc == MLM_OK)
        rc = begin_edit(doc, NULL, err);
    if (rc != MLM_OK)
        return rc;
    return end_edit(doc, edit_at(doc, pointer, NULL, err), err);
}

int mlm_document_set_root(mlm_document *doc, json_t *root, mlm_error *err)
{
    int rc = check_call(doc, __func__, ANY_DOCUMENT, ARGS({ARG_VALUE, "root", root, 0}), root, err);
    if (rc == MLM_OK && (!json_is_object(root) || !json_is_object(doc->root))) {
        rc = refuse(doc, __func__, MLM_ERR_INVALID_ARG, err,
                    json_is_object(root) ? "the document's root is not an object (it was read "
                                           "with MLM_PARSE_ANY_ROOT); only an object is replaced."
                                         : "root is not a JSON object; a document is an object.");
        json_decref(root);
    }
    if (rc == MLM_OK)
        rc = begin_edit(doc, root, err);
    if (rc != MLM_OK)
        return rc;
    if (root != doc->root) {
        /* The same root object, its members replaced in root's order. */
        json_object_clear(doc->root);
        rc = json_object_update(doc->root, root) == 0 ? MLM_OK : nomem(doc, err);
    }
    json_decref(root);
    return end_edit(doc, rc, err);
}

/* --- model fields ----------------------------------------------------------------- */

/* The object that holds the model fields: a Collection's top level, else
 * an Item's properties (created when missing). NULL on allocation failure. */
static json_t *fields_object(mlm_document *doc)
{
    if (doc->stac_type == MLM_STAC_COLLECTION)
        return doc->root;
    json_t *p = json_object_get(doc->root, "properties");
    if (json_is_object(p))
        return p;
    p = json_object();
    if (!p || json_object_set_new(doc->root, "properties", p) != 0)
        return NULL;
    return p;
}

/* Set key (checked) to value (stolen) in the fields object, or remove it
 * (value NULL). */
static int edit_field(mlm_document *doc, const char *key, json_t *value, mlm_error *err)
{
    int rc = begin_edit(doc, value, err);
    if (rc != MLM_OK)
        return rc;
    json_t *fields = fields_object(doc);
    if (!fields) {
        json_decref(value);
        rc = nomem(doc, err);
    } else if (value) {
        rc = json_object_set_new(fields, key, value) == 0 ? MLM_OK : nomem(doc, err);
    } else {
        json_object_del(fields, key);
    }
    return end_edit(doc, rc, err);
}

/* A value built by a checked setter: NULL means allocation failure. */
static int set_built(mlm_document *doc, const char *key, json_t *value, mlm_error *err)
{
    if (!value)
        return nomem(doc, err);
    return edit_field(doc, key, value, err);
}

/* The checks of a setter of one model field `key` to `value` (stolen). */
#define FIELD_ARGS(key) ARGS({ARG_NAME, "key", key, 0})

int mlm_document_set_field(mlm_document *doc, const char *key, json_t *value, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, MODEL_DOCUMENT,
                   ARGS({ARG_NAME, "key", key, 0}, {ARG_VALUE, "value", value, 0}), value, err);
    return rc == MLM_OK ? edit_field(doc, key, value, err) : rc;
}

int mlm_document_set_string(mlm_document *doc, const char *key, const char *value, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_NAME, "key", key, 0}, {ARG_TEXT, "value", value, 0}), NULL, err);
    return rc == MLM_OK ? set_built(doc, key, value ? json_string(value) : json_null(), err) : rc;
}

int mlm_document_set_integer(mlm_document *doc, const char *key, int64_t value, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, FIELD_ARGS(key), NULL, err);
    return rc == MLM_OK ? set_built(doc, key, json_integer((json_int_t)value), err) : rc;
}

int mlm_document_set_bool(mlm_document *doc, const char *key, int value, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, FIELD_ARGS(key), NULL, err);
    return rc == MLM_OK ? set_built(doc, key, json_boolean(value), err) : rc;
}

int mlm_document_remove_field(mlm_document *doc, const char *key, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, FIELD_ARGS(key), NULL, err);
    return rc == MLM_OK ? edit_field(doc, key, NULL, err) : rc;
}

/* A JSON list of the names of n checked tasks; NULL when out of memory. */
static json_t *task_list(const mlm_task *tasks, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, json_string(mlm_task_name(tasks[i]))) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    return arr;
}

int mlm_document_set_tasks(mlm_document *doc, const mlm_task *tasks, size_t n, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_TASKS, "tasks", tasks, n}), NULL, err);
    return rc == MLM_OK ? set_built(doc, MLMP_KEY(PROPS, tasks), task_list(tasks, n), err) : rc;
}

int mlm_document_set_accelerator(mlm_document *doc, mlm_accelerator accelerator, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, NO_ARGS, NULL, err);
    if (rc != MLM_OK)
        return rc;
    const char *name = mlm_accelerator_name(accelerator);
    return set_built(doc, MLMP_KEY(PROPS, accelerator),
                     accelerator == MLM_ACCELERATOR_UNKNOWN ? json_null() : json_string(name), err);
}

/* --- inputs and outputs ------------------------------------------------------------- */

/* Entry `index` of the fields' array `list`, checked by check_call (ARG_ENTRY)
 * before begin_edit, which may have copied the tree. */
static json_t *entry_at(mlm_document *doc, const char *list, size_t index)
{
    return json_array_get(json_object_get(fields_if_any(doc), list), index);
}

/* Set member key of the checked entry `index` of `list` (stolen value). */
static int edit_entry(mlm_document *doc, const char *list, size_t index, const char *key,
                      json_t *value, mlm_error *err)
{
    int rc = begin_store(doc, value, err);
    if (rc != MLM_OK)
        return rc;
    rc =
        json_object_set_new(entry_at(doc, list, index), key, value) == 0 ? MLM_OK : nomem(doc, err);
    return end_edit(doc, rc, err);
}

/* Append value (stolen) to the array member `key` of the checked entry `index` of `list`. */
static int append_to_member(mlm_document *doc, const char *list, size_t index, const char *key,
                            json_t *value, mlm_error *err)
{
    int rc = begin_store(doc, value, err);
    if (rc != MLM_OK)
        return rc;
    json_t *entry = entry_at(doc, list, index);
    json_t *arr = json_object_get(entry, key);
    if (!json_is_array(arr)) {
        arr = json_array();
        if (!arr || json_object_set_new(entry, key, arr) != 0) {
            json_decref(value);
            return end_edit(doc, nomem(doc, err), err);
        }
    }
    rc = json_array_append_new(arr, value) == 0 ? MLM_OK : nomem(doc, err);
    return end_edit(doc, rc, err);
}

/* Append an entry object (stolen) to the fields' array `list`. */
static int add_entry(mlm_document *doc, const char *list, json_t *entry, size_t *index,
                     mlm_error *err)
{
    int rc = begin_store(doc, entry, err);
    if (rc != MLM_OK)
        return rc;
    json_t *fields = fields_object(doc);
    json_t *arr = json_object_get(fields, list);
    if (fields && !json_is_array(arr)) {
        arr = json_array();
        if (!arr || json_object_set_new(fields, list, arr) != 0)
            arr = NULL;
    }
    if (!arr || json_array_append_new(arr, entry) != 0) {
        if (!arr)
            json_decref(entry);
        return end_edit(doc, nomem(doc, err), err);
    }
    if (index)
        *index = json_array_size(arr) - 1;
    return end_edit(doc, MLM_OK, err);
}

static json_t *string_list(const char *const *items, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        if (!items[i] || json_array_append_new(arr, json_string(items[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *tensor(const int64_t *shape, size_t n_shape, const char *const *dims, size_t n_dims,
                      mlm_data_type dt)
{
    json_t *shp = json_array();
    for (size_t i = 0; shp && i < n_shape; i++)
        if (json_array_append_new(shp, json_integer((json_int_t)shape[i])) != 0) {
            json_decref(shp);
            shp = NULL;
        }
    json_t *dim = string_list(dims, n_dims);
    json_t *t = json_object();
    if (!t || !shp || !dim || json_object_set_new(t, "shape", shp) != 0 ||
        json_object_set_new(t, "dim_order", dim) != 0 ||
        json_object_set_new(t, "data_type", json_string(mlm_data_type_name(dt))) != 0) {
        json_decref(t);
        if (!t) {
            json_decref(shp);
            json_decref(dim);
        }
        return NULL;
    }
    return t;
}

int mlm_document_add_input(mlm_document *doc, const char *name, size_t *index, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_NAME, "name", name, 0}), NULL, err);
    if (rc != MLM_OK)
        return rc;
    return add_entry(doc, MLMP_KEY(PROPS, input), json_pack("{s:s}", "name", name), index, err);
}

int mlm_document_input_set_bands(mlm_document *doc, size_t input, const char *const *bands,
                                 size_t n, mlm_error *err)
{
    int rc = check_call(
        doc, __func__, MODEL_DOCUMENT,
        ARGS({ARG_ENTRY, MLMP_KEY(PROPS, input), NULL, input}, {ARG_NAMES, "bands", bands, n}),
        NULL, err);
    if (rc != MLM_OK)
        return rc;
    return edit_entry(doc, MLMP_KEY(PROPS, input), input, "bands", string_list(bands, n), err);
}

/* Set the tensor member `key` ("input" or "result") of entry `index` of
 * `list`, for the public function fn. */
static int set_tensor(mlm_document *doc, const char *fn, const char *list, size_t index,
                      const char *key, const int64_t *shape, size_t n_shape,
                      const char *const *dim_order, size_t n_dims, mlm_data_type data_type,
                      mlm_error *err)
{
    int rc = check_call(doc, fn, MODEL_DOCUMENT,
                        ARGS({ARG_ENTRY, list, NULL, index}, {ARG_ITEMS, "shape", shape, n_shape},
                             {ARG_NAMES, "dim_order", dim_order, n_dims}),
                        NULL, err);
    if (rc == MLM_OK && data_type == MLM_DATA_TYPE_UNKNOWN)
        rc = refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                    "data_type is MLM_DATA_TYPE_UNKNOWN; name one of the data types.");
    if (rc != MLM_OK)
        return rc;
    return edit_entry(doc, list, index, key, tensor(shape, n_shape, dim_order, n_dims, data_type),
                      err);
}

int mlm_document_input_set_tensor(mlm_document *doc, size_t input, const int64_t *shape,
                                  size_t n_shape, const char *const *dim_order, size_t n_dims,
                                  mlm_data_type data_type, mlm_error *err)
{
    return set_tensor(doc, __func__, MLMP_KEY(PROPS, input), input, "input", shape, n_shape,
                      dim_order, n_dims, data_type, err);
}

/* Which parameters each value-scaling type takes, in order. */
static const struct {
    mlm_scaling_type type;
    const char *params[2];
} scaling_params[] = {
    {MLM_SCALING_MIN_MAX, {"minimum", "maximum"}}, {MLM_SCALING_Z_SCORE, {"mean", "stddev"}},
    {MLM_SCALING_CLIP, {"minimum", "maximum"}},    {MLM_SCALING_CLIP_MIN, {"minimum", NULL}},
    {MLM_SCALING_CLIP_MAX, {"maximum", NULL}},     {MLM_SCALING_OFFSET, {"value", NULL}},
    {MLM_SCALING_SCALE, {"value", NULL}},
};

int mlm_document_input_add_value_scaling(mlm_document *doc, size_t input, mlm_scaling_type type,
                                         const double *params, size_t n_params, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_ENTRY, MLMP_KEY(PROPS, input), NULL, input},
                             {ARG_ITEMS, "params", params, n_params}),
                        NULL, err);
    if (rc != MLM_OK)
        return rc;
    size_t row = 0;
    while (row < MLMP_ARRAY_LEN(scaling_params) && scaling_params[row].type != type)
        row++;
    size_t want =
        row < MLMP_ARRAY_LEN(scaling_params) ? (scaling_params[row].params[1] ? 2u : 1u) : 0u;
    if (!want || n_params != want)
        return refuse(doc, __func__, MLM_ERR_INVALID_ARG, err,
                      "value scaling \"%s\" takes %zu parameter(s), not %zu%s.",
                      mlm_scaling_type_name(type), want, n_params,
                      want ? "" : " (use mlm_document_set() for this type)");
    json_t *s = json_pack("{s:s}", "type", mlm_scaling_type_name(type));
    for (size_t i = 0; s && i < want; i++)
        if (json_object_set_new(s, scaling_params[row].params[i], json_real(params[i])) != 0) {
            json_decref(s);
            s = NULL;
        }
    return append_to_member(doc, MLMP_KEY(PROPS, input), input, "value_scaling", s, err);
}

int mlm_document_input_set_resize_type(mlm_document *doc, size_t input, mlm_resize_type type,
                                       mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_ENTRY, MLMP_KEY(PROPS, input), NULL, input}), NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_t *v = type == MLM_RESIZE_UNKNOWN ? json_null() : json_string(mlm_resize_type_name(type));
    return edit_entry(doc, MLMP_KEY(PROPS, input), input, "resize_type", v, err);
}

int mlm_document_input_set_pre_processing(mlm_document *doc, size_t input, const char *format,
                                          const char *expression, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, MODEL_DOCUMENT,
                   ARGS({ARG_ENTRY, MLMP_KEY(PROPS, input), NULL, input},
                        {ARG_NAME, "format", format, 0}, {ARG_NAME, "expression", expression, 0}),
                   NULL, err);
    if (rc != MLM_OK)
        return rc;
    return edit_entry(doc, MLMP_KEY(PROPS, input), input, "pre_processing_function",
                      json_pack("{s:s,s:s}", "format", format, "expression", expression), err);
}

int mlm_document_add_output(mlm_document *doc, const char *name, const mlm_task *tasks,
                            size_t n_tasks, size_t *index, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_NAME, "name", name, 0}, {ARG_TASKS, "tasks", tasks, n_tasks}),
                        NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_t *names = task_list(tasks, n_tasks);
    json_t *o = names ? json_pack("{s:s,s:o}", "name", name, "tasks", names) : NULL;
    return add_entry(doc, MLMP_KEY(PROPS, output), o, index, err);
}

int mlm_document_output_set_result(mlm_document *doc, size_t output, const int64_t *shape,
                                   size_t n_shape, const char *const *dim_order, size_t n_dims,
                                   mlm_data_type data_type, mlm_error *err)
{
    return set_tensor(doc, __func__, MLMP_KEY(PROPS, output), output, "result", shape, n_shape,
                      dim_order, n_dims, data_type, err);
}

int mlm_document_output_add_class(mlm_document *doc, size_t output, int64_t value, const char *name,
                                  const char *description, mlm_error *err)
{
    int rc =
        check_call(doc, __func__, MODEL_DOCUMENT,
                   ARGS({ARG_ENTRY, MLMP_KEY(PROPS, output), NULL, output},
                        {ARG_NAME, "name", name, 0}, {ARG_TEXT, "description", description, 0}),
                   NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_t *c = json_pack("{s:I,s:s}", "value", (json_int_t)value, "name", name);
    if (c && description && json_object_set_new(c, "description", json_string(description)) != 0) {
        json_decref(c);
        c = NULL;
    }
    return append_to_member(doc, MLMP_KEY(PROPS, output), output, "classification:classes", c, err);
}

/* --- assets ---------------------------------------------------------------------------- */

static json_t *assets_object(mlm_document *doc)
{
    json_t *a = json_object_get(doc->root, "assets");
    if (json_is_object(a))
        return a;
    a = json_object();
    if (!a || json_object_set_new(doc->root, "assets", a) != 0)
        return NULL;
    return a;
}

int mlm_document_add_asset(mlm_document *doc, const char *key, const char *href, const char *type,
                           const char *const *roles, size_t n_roles, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_NAME, "key", key, 0}, {ARG_NAME, "href", href, 0},
                             {ARG_TEXT, "type", type, 0}, {ARG_NAMES, "roles", roles, n_roles}),
                        NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_t *a = json_pack("{s:s}", "href", href);
    if (a && type && json_object_set_new(a, "type", json_string(type)) != 0) {
        json_decref(a);
        a = NULL;
    }
    json_t *r = a ? string_list(roles, n_roles) : NULL;
    if (a && (!r || json_object_set_new(a, "roles", r) != 0)) {
        json_decref(a);
        a = NULL;
    }
    if (!a)
        return nomem(doc, err);
    rc = begin_edit(doc, a, err);
    if (rc != MLM_OK)
        return rc;
    json_t *assets = assets_object(doc);
    if (!assets || json_object_set_new(assets, key, a) != 0) {
        if (!assets)
            json_decref(a);
        rc = nomem(doc, err);
    }
    return end_edit(doc, rc, err);
}

int mlm_document_asset_set(mlm_document *doc, const char *key, const char *field, json_t *value,
                           mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_ASSET, "key", key, 0}, {ARG_NAME, "field", field, 0},
                             {ARG_VALUE, "value", value, 0}),
                        value, err);
    if (rc == MLM_OK)
        rc = begin_edit(doc, value, err);
    if (rc != MLM_OK)
        return rc;
    json_t *asset = json_object_get(json_object_get(doc->root, "assets"), key);
    rc = json_object_set_new(asset, field, value) == 0 ? MLM_OK : nomem(doc, err);
    return end_edit(doc, rc, err);
}

/* --- removing ------------------------------------------------------------------------ */

/* The members and dimension names the removers keep consistent (one place,
 * for the facts table to point at). */
#define KEY_INPUTS MLMP_KEY(PROPS, input)
#define KEY_OUTPUTS MLMP_KEY(PROPS, output)
#define KEY_CLASSES MLMP_KEY(OUTPUT, classes)
static const char *const band_dims[] = {"bands", "band", "channels", "channel"};
static const char *const class_dims[] = {"classes", "class"};

/* The name of a list entry: a string entry itself (bands may be strings),
 * else its "name" member; NULL when it has none. */
static const char *entry_name(const json_t *e)
{
    return json_is_string(e) ? json_string_value(e) : json_string_value(json_object_get(e, "name"));
}

/* The index of the first entry of arr named name, or (size_t)-1. */
static size_t index_named(const json_t *arr, const char *name)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *n = entry_name(json_array_get(arr, i));
        if (n && strcmp(n, name) == 0)
            return i;
    }
    return (size_t)-1;
}

/* Remove entry `index` (checked) of the fields' array `list`. */
static int remove_entry(mlm_document *doc, const char *list, size_t index, mlm_error *err)
{
    int rc = begin_edit(doc, NULL, err);
    if (rc != MLM_OK)
        return rc;
    rc = json_array_remove(json_object_get(fields_if_any(doc), list), index) == 0 ? MLM_OK
                                                                                  : nomem(doc, err);
    return end_edit(doc, rc, err);
}

/* Find the entry named `name` of the fields' array `list` for fn. */
static int find_entry(mlm_document *doc, const char *fn, const char *list, const char *name,
                      size_t *index, mlm_error *err)
{
    int rc = check_call(doc, fn, MODEL_DOCUMENT, ARGS({ARG_NAME, "name", name, 0}), NULL, err);
    if (rc != MLM_OK)
        return rc;
    *index = index_named(json_object_get(fields_if_any(doc), list), name);
    if (*index == (size_t)-1)
        return refuse(doc, fn, MLM_ERR_INVALID_ARG, err, "%s has no entry named \"%s\".", list,
                      name);
    return MLM_OK;
}

int mlm_document_remove_input(mlm_document *doc, size_t input, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_ENTRY, KEY_INPUTS, NULL, input}),
                        NULL, err);
    return rc == MLM_OK ? remove_entry(doc, KEY_INPUTS, input, err) : rc;
}

int mlm_document_remove_input_named(mlm_document *doc, const char *name, mlm_error *err)
{
    size_t i = 0;
    int rc = find_entry(doc, __func__, KEY_INPUTS, name, &i, err);
    return rc == MLM_OK ? remove_entry(doc, KEY_INPUTS, i, err) : rc;
}

int mlm_document_remove_output(mlm_document *doc, size_t output, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_ENTRY, KEY_OUTPUTS, NULL, output}),
                        NULL, err);
    return rc == MLM_OK ? remove_entry(doc, KEY_OUTPUTS, output, err) : rc;
}

int mlm_document_remove_output_named(mlm_document *doc, const char *name, mlm_error *err)
{
    size_t i = 0;
    int rc = find_entry(doc, __func__, KEY_OUTPUTS, name, &i, err);
    return rc == MLM_OK ? remove_entry(doc, KEY_OUTPUTS, i, err) : rc;
}

/* The place in a tensor ("input" or "result" of an entry) of the dimension
 * one of `dims` names: *at its index in shape; false when none. */
static bool count_dim(const json_t *tensor, const char *const *dims, size_t n_dims, size_t *at,
                      const char **dim)
{
    const json_t *order = json_object_get(tensor, "dim_order");
    const json_t *shape = json_object_get(tensor, "shape");
    for (size_t i = 0; i < json_array_size(order) && i < json_array_size(shape); i++) {
        const char *name = json_string_value(json_array_get(order, i));
        for (size_t k = 0; name && k < n_dims; k++)
            if (strcmp(name, dims[k]) == 0) {
                *at = i;
                *dim = name;
                return true;
            }
    }
    return false;
}

/* A list of `count` entries of `what` loses one: what the shape of `tensor`
 * says at its dimension for them. 0: nothing to change (no such dimension,
 * a variable size -1, or a size that is not the count when !strict); 1: the
 * size is the count, to decrement; -1 (strict): the size disagrees with the
 * count or would become 0, with the reason in `why`. */
static int count_in_shape(const json_t *tensor, const char *const *dims, size_t n_dims,
                          size_t count, bool strict, size_t *at, char *why, size_t why_len)
{
    const char *dim = NULL;
    if (!count_dim(tensor, dims, n_dims, at, &dim))
        return 0;
    const json_t *size = json_array_get(json_object_get(tensor, "shape"), *at);
    json_int_t v = json_integer_value(size);
    if (json_is_integer(size) && v == -1)
        return 0;
    if (json_is_integer(size) && v == (json_int_t)count && count > 1)
        return 1;
    if (!strict)
        return 0;
    if (json_is_integer(size) && v == (json_int_t)count)
        snprintf(why, why_len,
                 "it is the only band and the shape gives its count, 1, at dimension \"%s\": "
                 "the shape would be left with a dimension of size 0",
                 dim);
    else
        snprintf(why, why_len,
                 "the input lists %zu bands but its shape gives %s at dimension \"%s\" "
                 "(index %zu), so the band count cannot be kept consistent; make the bands and "
                 "the shape agree first, or edit them with mlm_document_set()",
                 count, json_is_integer(size) ? "another size" : "no integer size", dim, *at);
    return -1;
}

/* Remove band `band` of input `input` (both checked), keeping the shape's
 * band dimension and per-band value_scaling in step. */
static int remove_band(mlm_document *doc, const char *fn, size_t input, size_t band, mlm_error *err)
{
    json_t *entry = entry_at(doc, KEY_INPUTS, input);
    json_t *bands = json_object_get(entry, "bands");
    size_t count = json_array_size(bands), at = 0;
    char why[384] = "";
    int adjust = count_in_shape(json_object_get(entry, "input"), band_dims,
                                MLMP_ARRAY_LEN(band_dims), count, true, &at, why, sizeof(why));
    if (adjust < 0)
        return refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                      "band %zu of input %zu was not removed: %s.", band, input, why);
    int rc = begin_edit(doc, NULL, err);
    if (rc != MLM_OK)
        return rc;
    entry = entry_at(doc, KEY_INPUTS, input); /* the tree may have been copied */
    bands = json_object_get(entry, "bands");
    rc = json_array_remove(bands, band) == 0 ? MLM_OK : nomem(doc, err);
    if (rc == MLM_OK && adjust > 0)
        rc = json_array_set_new(json_object_get(json_object_get(entry, "input"), "shape"), at,
                                json_integer((json_int_t)count - 1)) == 0
                 ? MLM_OK
                 : nomem(doc, err);
    json_t *scaling = json_object_get(entry, "value_scaling");
    if (rc == MLM_OK && count > 1 && json_array_size(scaling) == count)
        rc = json_array_remove(scaling, band) == 0 ? MLM_OK : nomem(doc, err);
    return end_edit(doc, rc, err);
}

/* The checks of a band removal: the input exists and lists band `band`. */
static int check_band(mlm_document *doc, const char *fn, size_t input, size_t band, mlm_error *err)
{
    int rc =
        check_call(doc, fn, MODEL_DOCUMENT, ARGS({ARG_ENTRY, KEY_INPUTS, NULL, input}), NULL, err);
    size_t count = rc == MLM_OK
                       ? json_array_size(json_object_get(entry_at(doc, KEY_INPUTS, input), "bands"))
                       : 0;
    if (rc == MLM_OK && band >= count)
        rc = refuse(doc, fn, MLM_ERR_INVALID_ARG, err,
                    "input %zu has no band at index %zu (it lists %zu).", input, band, count);
    return rc;
}

int mlm_document_input_remove_band(mlm_document *doc, size_t input, size_t band, mlm_error *err)
{
    int rc = check_band(doc, __func__, input, band, err);
    return rc == MLM_OK ? remove_band(doc, __func__, input, band, err) : rc;
}

int mlm_document_input_remove_band_named(mlm_document *doc, size_t input, const char *name,
                                         mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_ENTRY, KEY_INPUTS, NULL, input}, {ARG_NAME, "name", name, 0}),
                        NULL, err);
    if (rc != MLM_OK)
        return rc;
    size_t band = index_named(json_object_get(entry_at(doc, KEY_INPUTS, input), "bands"), name);
    if (band == (size_t)-1)
        return refuse(doc, __func__, MLM_ERR_INVALID_ARG, err,
                      "input %zu has no band named \"%s\".", input, name);
    return remove_band(doc, __func__, input, band, err);
}

/* Remove class `index` (checked) of output `output`; the result's class
 * dimension follows when it was the class count. */
static int remove_class(mlm_document *doc, size_t output, size_t index, mlm_error *err)
{
    int rc = begin_edit(doc, NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_t *entry = entry_at(doc, KEY_OUTPUTS, output);
    json_t *classes = json_object_get(entry, KEY_CLASSES);
    size_t count = json_array_size(classes), at = 0;
    json_t *result = json_object_get(entry, "result");
    int adjust =
        count_in_shape(result, class_dims, MLMP_ARRAY_LEN(class_dims), count, false, &at, NULL, 0);
    rc = json_array_remove(classes, index) == 0 ? MLM_OK : nomem(doc, err);
    if (rc == MLM_OK && adjust > 0)
        rc = json_array_set_new(json_object_get(result, "shape"), at,
                                json_integer((json_int_t)count - 1)) == 0
                 ? MLM_OK
                 : nomem(doc, err);
    return end_edit(doc, rc, err);
}

int mlm_document_output_remove_class(mlm_document *doc, size_t output, size_t index, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_ENTRY, KEY_OUTPUTS, NULL, output}),
                        NULL, err);
    size_t count =
        rc == MLM_OK
            ? json_array_size(json_object_get(entry_at(doc, KEY_OUTPUTS, output), KEY_CLASSES))
            : 0;
    if (rc == MLM_OK && index >= count)
        rc = refuse(doc, __func__, MLM_ERR_INVALID_ARG, err,
                    "output %zu has no class at index %zu (it lists %zu).", output, index, count);
    return rc == MLM_OK ? remove_class(doc, output, index, err) : rc;
}

int mlm_document_output_remove_class_named(mlm_document *doc, size_t output, const char *name,
                                           mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT,
                        ARGS({ARG_ENTRY, KEY_OUTPUTS, NULL, output}, {ARG_NAME, "name", name, 0}),
                        NULL, err);
    if (rc != MLM_OK)
        return rc;
    size_t index =
        index_named(json_object_get(entry_at(doc, KEY_OUTPUTS, output), KEY_CLASSES), name);
    if (index == (size_t)-1)
        return refuse(doc, __func__, MLM_ERR_INVALID_ARG, err,
                      "output %zu has no class named \"%s\".", output, name);
    return remove_class(doc, output, index, err);
}

int mlm_document_remove_asset(mlm_document *doc, const char *key, mlm_error *err)
{
    int rc = check_call(doc, __func__, MODEL_DOCUMENT, ARGS({ARG_NAME, "key", key, 0}), NULL, err);
    if (rc == MLM_OK && !json_object_get(json_object_get(doc->root, "assets"), key))
        rc = refuse(doc, __func__, MLM_ERR_INVALID_ARG, err, "there is no asset \"%s\" to remove.",
                    key);
    if (rc == MLM_OK)
        rc = begin_edit(doc, NULL, err);
    if (rc != MLM_OK)
        return rc;
    json_object_del(json_object_get(doc->root, "assets"), key);
    return end_edit(doc, MLM_OK, err);
}

/* --- new documents and output -------------------------------------------------------- */

/* The extension URL a new document declares. The schemas published under
 * the stac-extensions.github.io URLs of v1.0.0 .. v1.3.0 have a broken $id
 * that no document can satisfy (rule MLM201); those releases were
 * published first at crim-ca.github.io/mlm-extension, whose copies work, so
 * new documents of those versions name that host. */
static const char *url_to_write(mlm_spec_version v, char *buf, size_t size)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    if (f && f->crim_url && strcmp(f->self_id, f->url) != 0) {
        snprintf(buf, size, "%s", f->crim_url);
        return buf;
    }
    return mlm_spec_version_url(v);
}

mlm_document *mlm_document_new(mlm_stac_type type, const char *id, mlm_spec_version version,
                               mlm_error *err)
{
    if (version == MLM_SPEC_UNKNOWN)
        version = MLMP_SPEC_LATEST;
    /* The same checks and words as every setter (there is no document yet). */
    int rc = check_call(NULL, __func__, NO_DOCUMENT, ARGS({ARG_NAME, "id", id, 0}), NULL, err);
    if (rc == MLM_OK && type != MLM_STAC_ITEM && type != MLM_STAC_COLLECTION)
        rc = refuse(NULL, __func__, MLM_ERR_INVALID_ARG, err,
                    "type is \"%s\"; a new document is an Item (MLM_STAC_ITEM) or a "
                    "Collection (MLM_STAC_COLLECTION).",
                    mlm_stac_type_name(type));
    if (rc == MLM_OK && (version == MLM_SPEC_DRAFT || !mlm_spec_version_url(version)))
        rc = refuse(NULL, __func__, MLM_ERR_INVALID_ARG, err,
                    "version \"%s\" is not a released MLM version; pass one of MLM_SPEC_1_0_0 "
                    "... MLM_SPEC_LATEST, or MLM_SPEC_UNKNOWN for the latest.",
                    mlm_spec_version_name(version));
    if (rc != MLM_OK)
        return NULL;
    char url[96];
    json_t *root;
    if (type == MLM_STAC_ITEM)
        root =
            json_pack("{s:s,s:s,s:[s],s:s,s:n,s:{},s:[],s:{}}", "type", "Feature", "stac_version",
                      "1.0.0", "stac_extensions", url_to_write(version, url, sizeof(url)), "id", id,
                      "geometry", "properties", "links", "assets");
    else
        root = json_pack("{s:s,s:s,s:[s],s:s,s:s,s:s,s:{s:{s:[[i,i,i,i]]},s:{s:[[n,n]]}},s:[]}",
                         "type", "Collection", "stac_version", "1.0.0", "stac_extensions",
                         url_to_write(version, url, sizeof(url)), "id", id, "description", "",
                         "license", "other", "extent", "spatial", "bbox", -180, -90, 180, 90,
                         "temporal", "interval", "links");
    if (!root) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    mlm_document *doc = mlmp_document_new("<new>", err);
    if (!doc) {
        json_decref(root);
        return NULL;
    }
    doc->root = root;
    if (mlmp_document_refresh(doc) != MLM_OK) {
        mlm_document_free(doc);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    return doc;
}

char *mlm_document_dump(const mlm_document *doc, unsigned flags, mlm_error *err)
{
    if (check_call(doc, __func__, ANY_DOCUMENT, NO_ARGS, NULL, err) != MLM_OK)
        return NULL;
    char *out;
    size_t len = 0;
    if (doc->text && !(flags & (MLM_DUMP_COMPACT | MLM_DUMP_REFORMAT)) &&
        !memchr(doc->text, '\0', doc->text_len)) {
        /* the source text, or after edits the text in its layout (retext) */
        out = mlmp_malloc(doc->text_len + 1);
        if (out) {
            memcpy(out, doc->text, doc->text_len);
            out[doc->text_len] = '\0';
        }
    } else {
        out = mlmp_layout_fresh(doc->root, (flags & MLM_DUMP_COMPACT) != 0, &len);
    }
    if (!out)
        mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
    return out;
}

json_t *mlm_document_to_json(const mlm_document *doc)
{
    return doc ? json_deep_copy(doc->root) : NULL;
}
