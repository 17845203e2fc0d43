/* mlm-validate --lsp: what hover and completion know (lsp_facts.c).
 *
 * The keys, versions and vocabularies come from the library's facts table
 * (src/facts.h); this file adds what an editor shows: a description of each
 * field in our own words and a name for its type. */
#ifndef MLM_CLI_LSP_FACTS_H
#define MLM_CLI_LSP_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mlm.h"

/* The kind of JSON object the cursor is in. */
typedef enum lsp_object {
    LSP_OBJ_UNKNOWN = 0,
    LSP_OBJ_ROOT,       /* the STAC Item or Collection */
    LSP_OBJ_PROPERTIES, /* an Item's properties */
    LSP_OBJ_INPUT,      /* an element of mlm:input */
    LSP_OBJ_OUTPUT,     /* an element of mlm:output */
    LSP_OBJ_STRUCT,     /* an input's "input" or an output's "result" */
    LSP_OBJ_BAND,       /* an element of "bands" or "variables" */
    LSP_OBJ_SCALING,    /* an element of "value_scaling" */
    LSP_OBJ_ASSETS,     /* the "assets" object */
    LSP_OBJ_ASSET,      /* one asset */
    LSP_OBJ_CLASS,      /* an element of "classification:classes" */
    LSP_OBJ_EXPRESSION  /* a processing expression */
} lsp_object;

/* "the model properties", "a model input", ... for messages. */
const char *lsp_object_name(lsp_object o);

/* A field as hover and completion show it. Strings are static storage. */
typedef struct lsp_field {
    const char *key;
    const char *type;       /* "string", "array of strings", ... */
    const char *about;      /* what it is, one or two sentences of ours */
    mlm_spec_version since; /* the first version that has it */
    mlm_spec_version until; /* the last, or MLM_SPEC_UNKNOWN while in force */
    bool required;
} lsp_field;

/* The field @p key of object @p o in version @p v (MLM_SPEC_UNKNOWN: the
 * newest row of any version): fills *out and returns true, else false. */
bool lsp_facts_field(lsp_object o, const char *key, mlm_spec_version v, lsp_field *out);
/* The @p i-th field of object @p o (0, 1, ... until false). */
bool lsp_facts_field_at(lsp_object o, size_t i, lsp_field *out);
/* Whether version @p v has the field (MLM_SPEC_UNKNOWN or the draft: any). */
bool lsp_facts_field_in(const lsp_field *f, mlm_spec_version v);

/* The closed vocabulary of the value of @p key in object @p o (an element of
 * an array value too): writes up to @p max names to @p out and returns the
 * count (0 when the value is free text). The names are static storage. */
size_t lsp_facts_values(lsp_object o, const char *key, mlm_spec_version v, const char **out,
                        size_t max);

/* --- the JSON context at a cursor ---------------------------------------------- */

typedef struct lsp_cursor {
    lsp_object object;    /* the object holding the key or value at the cursor */
    bool at_key;          /* the cursor is in a key, or where a key goes */
    bool at_value;        /* the cursor is in a value (or where a value goes) of member `key` */
    char key[128];        /* the member's key (truncated), "" when none */
    bool in_string;       /* the cursor is inside a string token */
    size_t start, end;    /* in_string: byte offsets of the string's content;
                          * else both the cursor */
    bool closed;          /* in_string: the string has its closing quote */
    char present[64][64]; /* at_key: keys already in the object before the cursor (first 64) */
    size_t n_present;
} lsp_cursor;

/* Scan @p text (half-typed JSON is fine) up to byte @p offset and describe
 * the cursor. Never fails; an unknown place gives LSP_OBJ_UNKNOWN. */
void lsp_cursor_at(const char *text, size_t len, size_t offset, lsp_cursor *c);

#endif
