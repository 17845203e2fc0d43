/**
 * @file mlm/diag.h
 * @brief Diagnostics: the findings of a validation, and the rule registry.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_DIAG_H
#define MLM_DIAG_H

#include "mlm/common.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/** How serious a diagnostic is. 0 is reserved for "none". */
typedef enum mlm_severity {
    MLM_SEVERITY_NONE = 0,
    MLM_SEVERITY_INFO = 1,    /**< a note; never affects the verdict */
    MLM_SEVERITY_WARNING = 2, /**< the spec text asks for it; the schema does not */
    MLM_SEVERITY_ERROR = 3    /**< the document is invalid */
} mlm_severity;

/** "error", "warning", "info" or "none". Static storage. */
MLM_EXPORT const char *mlm_severity_name(mlm_severity s);

/**
 * One finding. All strings are borrowed from the mlm_diagnostics list that
 * holds the record and stay valid until that list is freed.
 */
typedef struct mlm_diagnostic {
    mlm_severity severity;
    const char *rule_id; /**< stable identifier, e.g. "MLM101"; see mlm_rule_find() */
    const char *pointer; /**< RFC 6901 JSON Pointer of the value ("" is the root) */
    int line;            /**< 1-based line of that value in the source text, 0 if unknown */
    int column;          /**< 1-based column (in characters), 0 if unknown */
    const char *message; /**< what was found and what was expected */
    const char *hint;    /**< how to fix it, or NULL */
    const char
        *schema_location; /**< for JSON Schema errors, "URL#/pointer" of the keyword; else NULL */
    /** With MLM_VALIDATE_SOURCE_LINES: the line of the source text that holds
     *  the value, without its line break, as raw bytes of the document
     *  (tabs and any UTF-8 kept); a line longer than 1 KiB is cut to the
     *  bytes around the value (at most 512 on each side, on character
     *  boundaries). NULL when not requested or the value was not located. */
    const char *source_line;
    /** 1-based column (in characters) of the value within source_line, 0 when
     *  source_line is NULL. Equal to column unless the line was cut. */
    int source_column;
} mlm_diagnostic;

/** An ordered list of diagnostics (document order, then rule order). Opaque. */
typedef struct mlm_diagnostics mlm_diagnostics;

/** Number of diagnostics in @p d (0 for NULL). */
MLM_EXPORT size_t mlm_diagnostics_count(const mlm_diagnostics *d);

/**
 * The diagnostic at @p index, or NULL when out of range.
 * Borrowed: valid until @p d is freed.
 */
MLM_EXPORT const mlm_diagnostic *mlm_diagnostics_get(const mlm_diagnostics *d, size_t index);

/**
 * How many further places diagnostic @p index names. When one rule finds the
 * same thing at several positions of one list (with the same hint), it is
 * reported once, at the first position, and the others are its related
 * places; the message names their indexes too. 0 when there are none, for
 * NULL and out of range.
 */
MLM_EXPORT size_t mlm_diagnostics_related_count(const mlm_diagnostics *d, size_t index);

/**
 * The @p k-th related place of diagnostic @p index (see
 * mlm_diagnostics_related_count()), in list order: its JSON Pointer
 * (borrowed, valid until @p d is freed) and its 1-based line and column
 * (characters, as the diagnostic's own; 0 when it was not located). Each
 * out-parameter may be NULL.
 * @return 1 when that place exists, 0 otherwise (the outputs untouched).
 */
MLM_EXPORT int mlm_diagnostics_related(const mlm_diagnostics *d, size_t index, size_t k,
                                       const char **pointer, int *line, int *column);

/** Number of diagnostics of exactly severity @p s. */
MLM_EXPORT size_t mlm_diagnostics_count_severity(const mlm_diagnostics *d, mlm_severity s);

/**
 * The MLM version whose rules produced @p d, or MLM_SPEC_UNKNOWN when no MLM
 * rule ran (no version could be told, or a --schema / schema-only run).
 * @p how (may be NULL) receives "declared" (stac_extensions lists its
 * identifier), "forced" (mlm_parse_options::force_version), "inferred" (no
 * identifier is listed: the version was told from a variant URL or the
 * fields' layout) or "none"; @p why (may be NULL) a sentence saying why, or
 * NULL with "none". Static storage. The version differs from
 * mlm_document_spec_version() when it was inferred.
 */
MLM_EXPORT mlm_spec_version mlm_diagnostics_spec_version(const mlm_diagnostics *d, const char **how,
                                                         const char **why);

/** Release @p d and every string it holds. NULL is a no-op. */
MLM_EXPORT void mlm_diagnostics_free(mlm_diagnostics *d);

/**
 * A replacement in the source text: the characters of [start, end) are
 * replaced by new_text. Lines are 1-based, columns are 1-based and count
 * characters (Unicode code points, not bytes, not UTF-16 units); the end is
 * exclusive. An insertion has start == end. Lines count from the start of
 * the text given to mlm_load_* (plus mlm_load_options::line_offset, as the
 * diagnostics' lines do).
 */
typedef struct mlm_text_edit {
    int start_line, start_column;
    int end_line, end_column;
    const char *new_text; /**< UTF-8, never NULL ("" deletes) */
} mlm_text_edit;

/** One RFC 6902 (JSON Patch) operation. Strings are borrowed like the fix's. */
typedef struct mlm_patch_op {
    const char *op;    /**< "replace", "add", "remove" or "move" */
    const char *path;  /**< JSON Pointer of the target */
    const char *from;  /**< "move" only: the JSON Pointer of the source, else NULL */
    const char *value; /**< "add" and "replace": the value as JSON text, else NULL */
} mlm_patch_op;

/**
 * A correction attached to a diagnostic: the same change as JSON Patch
 * operations (for a program holding the JSON) and as text edits (for an
 * editor or a file, layout kept). Everything is borrowed from the
 * mlm_diagnostics list and stays valid until that list is freed.
 */
typedef struct mlm_fix {
    const char *description; /**< a sentence, e.g. "Replace \"cpu\" with \"amd64\"." */
    int safe;                /**< 1: the result is what the document evidently meant; 0: a likely
                   correction that a person should confirm */
    size_t op_count;
    const mlm_patch_op *ops;
    /** 0 when the source text is unknown (a document built from a json_t)
     *  or the change cannot be written as text edits. Sorted, disjoint. */
    size_t text_edit_count;
    const mlm_text_edit *text_edits;
} mlm_fix;

/**
 * The fix of diagnostic @p index, or NULL when it has none (or @p index is
 * out of range). Borrowed: valid until @p d is freed.
 */
MLM_EXPORT const mlm_fix *mlm_diagnostics_fix(const mlm_diagnostics *d, size_t index);

/**
 * Apply @p n text edits to @p text (@p len bytes, UTF-8) and return the
 * result in @p *out (NUL-terminated, @p *out_len bytes without the NUL; free
 * it with mlm_free()). The edits may come in any order; they are applied as
 * if all at once (positions refer to @p text). Returns MLM_OK;
 * MLM_ERR_INVALID_ARG (with @p err set, nothing allocated) when two edits
 * overlap (two insertions at one place count as overlapping), when an edit
 * lies outside the text or ends before it starts, or on NULL arguments
 * (@p text may be NULL only when @p len is 0; @p edits only when @p n is 0);
 * MLM_ERR_NOMEM. @p err may be NULL.
 */
MLM_EXPORT int mlm_text_apply_edits(const char *text, size_t len, const mlm_text_edit *edits,
                                    size_t n, char **out, size_t *out_len, mlm_error *err);

/** Flags of mlm_diagnostics_apply_fixes(). */
enum {
    MLM_FIX_UNSAFE = 1u << 0 /**< also apply the fixes marked unsafe */
};

/**
 * Apply the fixes of @p d to @p text, the source text @p d was computed
 * from: every safe fix that has text edits (and the unsafe ones too with
 * MLM_FIX_UNSAFE), in diagnostic order. A fix whose edits overlap those of
 * a fix already taken is left out (validate the result again to get it
 * back); a fix is applied whole or not at all. @p *out receives the new
 * text (NUL-terminated, free with mlm_free()) and @p *applied the number
 * of fixes applied (0: @p *out is a copy of @p text). Returns MLM_OK,
 * MLM_ERR_INVALID_ARG (NULL arguments, edits that do not fit @p text: not
 * the text @p d came from, or a fix whose own edits overlap; nothing is
 * allocated), or MLM_ERR_NOMEM; @p err may be NULL.
 */
MLM_EXPORT int mlm_diagnostics_apply_fixes(const mlm_diagnostics *d, const char *text, size_t len,
                                           unsigned flags, char **out, size_t *out_len,
                                           size_t *applied, mlm_error *err);

/**
 * The same over any set of fixes, such as those of several diagnostics
 * lists computed from one text (the features of an ItemCollection each
 * validated as a document of their own) or those a person picked: the
 * @p n fixes of @p fixes (NULL entries skipped), in that order, under the
 * rules of mlm_diagnostics_apply_fixes().
 */
MLM_EXPORT int mlm_fixes_apply(const mlm_fix *const *fixes, size_t n, const char *text, size_t len,
                               unsigned flags, char **out, size_t *out_len, size_t *applied,
                               mlm_error *err);

/**
 * Documentation of one rule. Everything is static storage.
 */
typedef struct mlm_rule_info {
    const char *id;              /**< stable identifier, e.g. "MLM101" */
    const char *name;            /**< short kebab-case name, e.g. "wrong-type" */
    mlm_severity severity;       /**< default severity */
    const char *summary;         /**< one line */
    const char *description;     /**< what it checks and why, a paragraph */
    const char *invalid_example; /**< a JSON snippet that breaks the rule */
    const char *valid_example;   /**< the same snippet, fixed */
} mlm_rule_info;

/** Number of rules in the registry. */
MLM_EXPORT size_t mlm_rule_count(void);
/** The rule at @p index (0 .. mlm_rule_count()-1), or NULL. Static storage. */
MLM_EXPORT const mlm_rule_info *mlm_rule_at(size_t index);
/** Look a rule up by id (case-insensitive) or name; NULL if unknown. Static storage. */
MLM_EXPORT const mlm_rule_info *mlm_rule_find(const char *id_or_name);

MLM_END_DECL

#endif /* MLM_DIAG_H */
