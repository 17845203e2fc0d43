/*
 * Internal interface of the MLM rules (src/rules/). Not installed.
 *
 * Rules read the document's JSON directly (the schema verdict is a property
 * of the JSON, not of the typed model) and report through an mlmp_ctx, which
 * keeps the JSON Pointer of the value being looked at.
 *
 * Every rule id used with mlmp_report() must be declared in one of the
 * rules_*.def registry files (a test checks that each one is documented and
 * has fixtures).
 */
#ifndef MLM_RULES_H
#define MLM_RULES_H

#include <jansson.h>
#include <stdbool.h>

#include "mlm/diag.h"
#include "mlm/document.h"
#include "mlm_private.h"

/* Where a group of mlm: fields sits in a document. */
typedef enum mlmp_level {
    MLMP_LEVEL_ITEM = 0,   /* Item "properties" */
    MLMP_LEVEL_ASSET,      /* an entry of Item or Collection "assets" */
    MLMP_LEVEL_COLLECTION, /* the top level of a Collection */
    MLMP_LEVEL_SUMMARY,    /* a value of Collection "summaries" (keyed by field name) */
    MLMP_LEVEL_ITEM_ASSET  /* an entry of Collection "item_assets" */
} mlmp_level;

typedef struct mlmp_ctx {
    const mlm_document *doc;
    const json_t *root;
    mlm_spec_version spec;
    unsigned flags; /* MLM_VALIDATE_* */
    mlm_diagnostics *out;
    /* The current JSON Pointer: `path` holds the escaped text, `marks` the
     * length of the text before each pushed segment. */
    mlmp_strbuf path;
    size_t *marks;
    size_t depth;
    size_t marks_cap;
    bool oom;                /* an allocation failed; results are incomplete */
    bool reported;           /* the last report added a diagnostic (fixes attach to it) */
    const char *assumed_why; /* when inferred: why that version (static storage) */
    bool inferred;           /* spec was inferred from the fields (no MLM URL listed):
                                  the missing URL is reported once, by the version rules */
} mlmp_ctx;

/* --- the current pointer (context.c) ------------------------------------- */
void mlmp_path_push_key(mlmp_ctx *c, const char *key);
void mlmp_path_push_index(mlmp_ctx *c, size_t index);
void mlmp_path_pop(mlmp_ctx *c);
/* The current pointer ("" at the root). Valid until the next push/pop. */
const char *mlmp_path(mlmp_ctx *c);

/* --- reporting (context.c) ------------------------------------------------- */
/* Report rule `rule_id` at the current pointer with the rule's default
 * severity. `hint` may be NULL. */
void mlmp_report(mlmp_ctx *c, const char *rule_id, const char *hint, const char *fmt, ...)
    MLMP_PRINTF(4, 5);
/* Same, at the child `key` of the current pointer (key may be NULL). */
void mlmp_report_key(mlmp_ctx *c, const char *key, const char *rule_id, const char *hint,
                     const char *fmt, ...) MLMP_PRINTF(5, 6);
/* Same, at child index `index` of the current pointer. */
void mlmp_report_index(mlmp_ctx *c, size_t index, const char *rule_id, const char *hint,
                       const char *fmt, ...) MLMP_PRINTF(5, 6);
/* Same, with an explicit severity instead of the rule's default. */
void mlmp_report_sev(mlmp_ctx *c, mlm_severity sev, const char *rule_id, const char *hint,
                     const char *fmt, ...) MLMP_PRINTF(5, 6);

/* --- fixes (context.c) ------------------------------------------------------ */
/* Attach to the diagnostic of the last report (when it was kept) a fix that
 * replaces the value at the child `key` of the current pointer (the current
 * pointer itself when key is NULL), which is `old`, by `value`. The
 * description says "Replace <old> with <value>.". */
void mlmp_fix_replace(mlmp_ctx *c, const char *key, const json_t *old, const json_t *value,
                      bool safe);
/* Same, replacing a string value by the string `value`. */
void mlmp_fix_replace_string(mlmp_ctx *c, const char *key, const char *old, const char *value,
                             bool safe);
/* A fix that renames member `from` of the object at the current pointer to
 * `to` (a JSON Patch "move"; the text edit changes the key only). */
void mlmp_fix_rename(mlmp_ctx *c, const char *from, const char *to, bool safe);
/* A fix of several operations: start it (NULL when out of memory), add
 * renames of members of the object at the current pointer, then finish it:
 * it goes to the diagnostic of the last report when that was kept, and is
 * freed otherwise. */
struct mlmp_fixrec;
struct mlmp_fixrec *mlmp_fix_start(mlmp_ctx *c, const char *description, bool safe);
void mlmp_fix_add_rename(mlmp_ctx *c, struct mlmp_fixrec *f, const char *from, const char *to);
void mlmp_fix_finish(mlmp_ctx *c, struct mlmp_fixrec *f);
/* A fix that removes the child `key` of the current pointer (a member or
 * an array element). The description says what is removed. */
void mlmp_fix_remove(mlmp_ctx *c, const char *key, bool safe);
/* A fix that appends string `value` to the array at child `key` of the
 * current pointer (created when absent), described by `description`. */
void mlmp_fix_append_string(mlmp_ctx *c, const char *key, const char *value, bool safe,
                            const char *description);

static inline bool mlmp_spec_at_least(const mlmp_ctx *c, mlm_spec_version v)
{
    return c->spec != MLM_SPEC_DRAFT && c->spec >= v;
}

/* --- JSON helpers (check.c) -------------------------------------------------- */
/* Type masks: MLMP_T_* (mlm_private.h). */
/* "null", "boolean", "integer", "number", "string", "array", "object". */
const char *mlmp_json_type_name(const json_t *v);
/* True if v has one of the types in mask (JSON Schema semantics). */
bool mlmp_json_is(const json_t *v, unsigned mask);
/* "string", "integer or null", ... for a mask; static storage. */
const char *mlmp_type_mask_name(unsigned mask, char *buf, size_t buflen);
/* The numeric value of an integer or real (0 for others). */
double mlmp_json_number(const json_t *v);
/* Index of the first element equal to an earlier one, or -1 (uniqueItems);
 * -2 when memory ran out (set mlmp_ctx::oom: the answer is unknown). */
long mlmp_json_first_duplicate(const json_t *array);
/* Number of Unicode code points of a JSON string value. */
size_t mlmp_json_strlen(const json_t *v);
/* `"a", "b", "c"` for the n strings of list, in buf (cut when it is full);
 * the list of allowed values that messages quote. */
void mlmp_quoted_list(char *buf, size_t cap, const char *const *list, size_t n);
/* A short rendering of a value for messages ("\"abc\"", "12", "an object"), in buf. */
const char *mlmp_json_brief(const json_t *v, char *buf, size_t buflen);
/* What a message says it found, each word once: "null", "true", "an object",
 * "the string \"x\"", "the number 3", "an array of 1 item". Returns buf. */
const char *mlmp_json_found(const json_t *v, char *buf, size_t buflen);

/* Report MLM101 (wrong-type) at the current pointer unless v matches mask.
 * Returns whether it matched. */
bool mlmp_expect_type(mlmp_ctx *c, const json_t *v, unsigned mask);

/* The candidate closest to `got` (edit distance, ignoring case, spaces vs
 * dashes and underscores), or NULL when nothing is close enough. */
const char *mlmp_suggest(const char *got, const char *const *candidates, size_t n);
/* Whether `near` (what mlmp_suggest() returned for got) is the one clear
 * candidate: only case, spaces, '_' or '-' differ, or at most two edits and
 * no other candidate within one more edit. A fix to it is then safe. */
bool mlmp_suggest_is_sure(const char *got, const char *near, const char *const *candidates,
                          size_t n);
/* Whether a and b differ only in letter case ("BLUE" and "blue"). */
bool mlmp_differs_in_case_only(const char *a, const char *b);
/* The hint for a near miss: "did you mean \"x\"?", or, when only the case
 * differs, a sentence that says so. Returns buf. */
const char *mlmp_suggest_hint(const char *got, const char *near, char *buf, size_t len);

/* A hint "<lead> (for example "torch.save" or "torch.jit.save", as MLM 1.5.2
 * recommends for PyTorch)" whose examples follow the asset's framework and
 * the version's own list; words without an example for other frameworks
 * (v1.c). */
void mlmp_artifact_type_hint(const mlmp_ctx *c, const json_t *asset, const char *lead, char *buf,
                             size_t len);
/* Whether key is an mlm: field that the version of c defines (v1_fields.c). */
bool mlmp_v1_known_field(const mlmp_ctx *c, const char *key);

/* --- rule entry points ----------------------------------------------------- */
/* Document and version rules, then dispatch (validate.c). */
void mlmp_rules_run(mlmp_ctx *c);
/* Released versions (v1.0.0 .. v1.5.2): the official schema's rules. */
void mlmp_rules_v1(mlmp_ctx *c);
/* Released versions: check the mlm: fields present in `obj` (an object
 * holding mlm: keys at `level`), as the official schema's "fields"
 * definition does: each known field's value, and the catch-all for unknown
 * ones. Which fields may or must appear at a level is mlmp_rules_v1's job.
 * The current pointer must be that of `obj`. (v1_fields.c) */
void mlmp_v1_fields(mlmp_ctx *c, const json_t *obj, mlmp_level level);
/* Released versions: what the spec text asks for and no schema checks (warnings). */
void mlmp_rules_v1_spec(mlmp_ctx *c);
/* The January 2024 draft. */
void mlmp_rules_draft(mlmp_ctx *c);

/* --- registry (registry.c) ------------------------------------------------- */
const mlm_rule_info *mlmp_rule_lookup(const char *id);

/* --- diagnostics list (diag.c) ----------------------------------------------- */
mlm_diagnostics *mlmp_diags_new(void);
/* Append a diagnostic; strings are copied. Returns 0 or MLM_ERR_NOMEM. */
int mlmp_diags_add(mlm_diagnostics *d, mlm_severity sev, const char *rule_id, const char *pointer,
                   const char *message, const char *hint, const char *schema_location);
/* Fill line:column from the document's source text and sort into document order. */
void mlmp_diags_locate_and_sort(mlm_diagnostics *d, const mlm_document *doc);

#endif /* MLM_RULES_H */
