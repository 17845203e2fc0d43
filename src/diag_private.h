/* Internal: operations on a whole diagnostics list (diag.c) that the rules
 * do not need: severity overrides, the unresolved-schema count, and the
 * duplicate check of schema findings. */
#ifndef MLM_DIAG_PRIVATE_H
#define MLM_DIAG_PRIVATE_H

#include <stdbool.h>

#include "mlm/validate.h"

/* Apply @p n overrides (mlm_validate_options::severities) to every
 * diagnostic of @p d: change the severity, or drop the diagnostic when the
 * override is MLM_SEVERITY_NONE. MLM012 is never changed. Returns 0, or
 * MLM_ERR_INVALID_ARG with @p err set for an unknown rule id or severity. */
int mlmp_diags_apply_severities(mlm_diagnostics *d, const mlm_rule_severity *table, size_t n,
                                mlm_error *err);

/* Count one more schema that could not be resolved. */
void mlmp_diags_count_unresolved(mlm_diagnostics *d);

/* Whether @p d already holds a diagnostic of rule family "MLM01x" at
 * @p pointer whose message is @p message, alone or followed by
 * " (schema ...)": the same schema error reached through another schema or
 * another branch. */
bool mlmp_diags_has_schema_message(const mlm_diagnostics *d, const char *pointer,
                                   const char *message);

/* mlmp_diags_locate_and_sort(), keeping each located diagnostic's source
 * line too when @p lines (MLM_VALIDATE_SOURCE_LINES). */
void mlmp_diags_locate_and_sort_lines(mlm_diagnostics *d, const mlm_document *doc, bool lines);

/* Record the version whose rules ran: how ("declared", "forced",
 * "inferred") and why (a sentence); both static storage. */
void mlmp_diags_set_version(mlm_diagnostics *d, mlm_spec_version v, const char *how,
                            const char *why);

/* Say each fact once: a missing required member reported by a STAC schema
 * (MLM01x) is not repeated by MLM100, and the findings of one rule at
 * several indices of one list (same hint, no fix) become one diagnostic at
 * the first that names the other indices. Before locating. */
void mlmp_diags_merge(mlm_diagnostics *d);

/* Give fix @p f (owned from now on) to the last diagnostic of @p d (freed
 * when there is none). */
struct mlmp_fixrec;
void mlmp_diags_fix_last(mlm_diagnostics *d, struct mlmp_fixrec *f);

/* Compute the text edits of every fix of @p d from @p doc's source text. */
void mlmp_diags_fix_edits(mlm_diagnostics *d, const mlm_document *doc);

#endif
