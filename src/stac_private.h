/* Internal: full STAC validation (stac.c). */
#ifndef MLM_STAC_PRIVATE_H
#define MLM_STAC_PRIVATE_H

#include "mlm/stac.h"
#include "rules/rules.h"

typedef enum mlmp_url_kind { MLMP_URL_CORE, MLMP_URL_EXTENSION, MLMP_URL_MLM } mlmp_url_kind;

/* Validate c->root against the core and extension schemas and add the
 * findings to c->out. A schema that cannot be resolved becomes an MLM012
 * diagnostic and the others still run. Returns 0, or MLM_ERR_NOMEM with err
 * set when memory ran out. */
int mlmp_stac_run(mlm_stac_validator *v, mlmp_ctx *c, mlm_error *err);

/* Validate c->root against one compiled schema; each error becomes a
 * diagnostic of `rule` (the message names `label` when non-NULL). */
int mlmp_schema_run(const struct mlm_schema *s, mlmp_ctx *c, const char *rule, const char *label,
                    mlm_error *err);

/* At most this many schema URLs that failed to resolve are remembered by a
 * validator (a failure is otherwise looked for once per validator, not once
 * per document); past it, failures are looked for each time. Documents
 * choose the URLs, so without a bound a long-running service
 * (mlm-validate --serve) would grow with every new one. */
#define MLMP_STAC_MAX_FAILED 256

/* The number of URLs the validator remembers (compiled or failed); for tests. */
size_t mlmp_stac_remembered(const mlm_stac_validator *v);

#endif
