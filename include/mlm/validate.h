/**
 * @file mlm/validate.h
 * @brief Validating a document against the MLM rules of its version.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_VALIDATE_H
#define MLM_VALIDATE_H

#include "mlm/common.h"
#include "mlm/diag.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/** Skip the rules of severity warning (the spec-text rules no schema checks). */
#define MLM_VALIDATE_NO_WARNINGS 0x1u
/** Skip the hints (suggested fixes) on diagnostics. */
#define MLM_VALIDATE_NO_HINTS 0x2u
/** Do not compute line:column for diagnostics (saves a re-scan of the text). */
#define MLM_VALIDATE_NO_POSITIONS 0x4u
/** Keep the source line of each located diagnostic (mlm_diagnostic::source_line),
 *  for showing it under the message. Ignored with MLM_VALIDATE_NO_POSITIONS. */
#define MLM_VALIDATE_SOURCE_LINES 0x8u

/** Current version of mlm_validate_options. */
#define MLM_VALIDATE_OPTIONS_VERSION 3

/**
 * A severity override for one rule (see mlm_validate_options::severities):
 * the rule's diagnostics get @p severity instead of the rule's default;
 * MLM_SEVERITY_NONE turns the rule off (its diagnostics are dropped).
 */
typedef struct mlm_rule_severity {
    const char *rule_id;   /**< rule id ("MLM319") or name; see mlm_rule_find() */
    mlm_severity severity; /**< new severity, or MLM_SEVERITY_NONE for off */
} mlm_rule_severity;

struct mlm_stac_validator;
struct mlm_schema;

/**
 * Options for mlm_validate(). Initialise with MLM_VALIDATE_OPTIONS_INIT;
 * NULL means defaults. Fields are only ever appended.
 */
typedef struct mlm_validate_options {
    unsigned int version; /**< MLM_VALIDATE_OPTIONS_VERSION */
    unsigned int flags;   /**< MLM_VALIDATE_* bits */
    /** (version >= 2) Also validate against the STAC core schema and the
     *  extension schemas (see mlm/stac.h); NULL for the MLM rules only.
     *  Borrowed; may be shared by concurrent validations. */
    struct mlm_stac_validator *stac;
    /** (version >= 2) Validate against this JSON Schema alone instead of the
     *  STAC and MLM rules (findings under rule MLM015); NULL for none.
     *  Borrowed; may be shared by concurrent validations. */
    const struct mlm_schema *schema;
    /** (version >= 3) Per-rule severity overrides, @p n_severities entries,
     *  applied to every diagnostic of the listed rules (a later entry for the
     *  same rule wins); NULL for the defaults. An unknown rule id makes
     *  mlm_validate() fail with MLM_ERR_INVALID_ARG. MLM012 (a schema that
     *  could not be resolved) keeps its severity: it says that the verdict
     *  is incomplete. Borrowed for the duration of the call. */
    const mlm_rule_severity *severities;
    size_t n_severities; /**< (version >= 3) entries in @p severities */
} mlm_validate_options;

/** Default validation options. */
#define MLM_VALIDATE_OPTIONS_INIT                                                                  \
    {                                                                                              \
        MLM_VALIDATE_OPTIONS_VERSION, 0u, NULL, NULL, NULL, 0u                                     \
    }

/** Fill @p opts with MLM_VALIDATE_OPTIONS_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_validate_options_init(mlm_validate_options *opts);

/**
 * Check @p doc against the MLM rules of the version it declares (or the one
 * forced at parse time). An invalid document is not an error: its findings
 * are in the returned list. The document is not modified, so one document
 * may be validated from several threads at once.
 *
 * @return a new list owned by the caller (release with
 *         mlm_diagnostics_free()), or NULL if validation could not run, with
 *         @p err set: MLM_ERR_NOMEM, or MLM_ERR_INVALID_ARG (an unknown rule
 *         in options->severities). A STAC schema (options->stac) that cannot
 *         be resolved does not stop validation: it becomes an MLM012 error
 *         naming the URL and what was tried, and every other schema and the
 *         MLM rules still run (see mlm_diagnostics_unresolved()).
 */
MLM_EXPORT mlm_diagnostics *mlm_validate(const mlm_document *doc, const mlm_validate_options *opts,
                                         mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * True when @p d holds at least one error, or, if @p strict, at least one
 * warning. NULL counts as no diagnostics.
 */
MLM_EXPORT int mlm_diagnostics_failed(const mlm_diagnostics *d, int strict);
/** The same as mlm_diagnostics_failed(), named as a predicate (`_has_`): 1 or 0. */
MLM_EXPORT int mlm_diagnostics_has_failures(const mlm_diagnostics *d, int strict);

/**
 * Number of schemas that could not be resolved while validating @p d's
 * document (each one is also an MLM012 diagnostic): when not 0, the
 * diagnostics are everything that could be computed, but the verdict is
 * incomplete. NULL counts as 0.
 */
MLM_EXPORT size_t mlm_diagnostics_unresolved(const mlm_diagnostics *d);

MLM_END_DECL

#endif /* MLM_VALIDATE_H */
