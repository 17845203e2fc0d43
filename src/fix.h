/* Internal: the fixes attached to diagnostics (fix.c), their text edits
 * computed from the source text, and the application of text edits. */
#ifndef MLM_FIX_H
#define MLM_FIX_H

#include <jansson.h>
#include <stdbool.h>

#include "mlm/diag.h"
#include "mlm_private.h"

/* One fix under construction, then owned by a diagnostic. */
typedef struct mlmp_fixrec mlmp_fixrec;

/* A new fix with its description (copied); NULL when out of memory. */
mlmp_fixrec *mlmp_fixrec_new(const char *description, bool safe);
/* Append one operation: op is "replace", "add", "remove" or "move"; from
 * only for "move"; value (serialised) only for "add" and "replace". Returns
 * 0 or MLM_ERR_NOMEM. */
int mlmp_fixrec_op(mlmp_fixrec *f, const char *op, const char *path, const char *from,
                   const json_t *value);
void mlmp_fixrec_free(mlmp_fixrec *f);
/* The public view (valid while f lives). */
const mlm_fix *mlmp_fixrec_view(const mlmp_fixrec *f);
/* Merge the operations of src into dst (dst's description is kept); src
 * is left as it was. 0 or MLM_ERR_NOMEM. */
int mlmp_fixrec_absorb(mlmp_fixrec *dst, const mlmp_fixrec *src);
/* Mark f safe or not. */
void mlmp_fixrec_set_safe(mlmp_fixrec *f, bool safe);
/* Replace the description of f (copied). */
int mlmp_fixrec_describe(mlmp_fixrec *f, const char *description);

/* Compute the text edits of the n fixes from the source text (best
 * effort: a fix whose operations cannot be written as text keeps no
 * edits). line_offset is added to every line. */
void mlmp_fixrecs_compute_edits(mlmp_fixrec *const *fixes, size_t n, const char *text, size_t len,
                                long line_offset);

#endif
