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
    const char *rule_id;  /**< stable identifier, e.g. "MLM101"; see mlm_rule_find() */
    const char *pointer;  /**< RFC 6901 JSON Pointer of the value ("" is the root) */
    int line;             /**< 1-based line of that value in the source text, 0 if unknown */
    int column;           /**< 1-based column (in characters), 0 if unknown */
    const char *message;  /**< what was found and what was expected */
    const char *hint;     /**< how to fix it, or NULL */
    const char *schema_location; /**< for JSON Schema errors, "URL#/pointer" of the keyword; else NULL */
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

/** Number of diagnostics of exactly severity @p s. */
MLM_EXPORT size_t mlm_diagnostics_count_severity(const mlm_diagnostics *d, mlm_severity s);

/** Release @p d and every string it holds. NULL is a no-op. */
MLM_EXPORT void mlm_diagnostics_free(mlm_diagnostics *d);

/**
 * Documentation of one rule. Everything is static storage.
 */
typedef struct mlm_rule_info {
    const char *id;          /**< stable identifier, e.g. "MLM101" */
    const char *name;        /**< short kebab-case name, e.g. "wrong-type" */
    mlm_severity severity;   /**< default severity */
    const char *summary;     /**< one line */
    const char *description; /**< what it checks and why, a paragraph */
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
