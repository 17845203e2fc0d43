/**
 * @file mlm.h
 * @brief libmlm: STAC Machine Learning Model (MLM) metadata in C.
 *
 * The umbrella header; include only this one. A typical use:
 *
 *     mlm_error err = MLM_ERROR_INIT;
 *     mlm_document *doc = mlm_parse_file("item.json", NULL, &err);
 *     if (!doc) { fprintf(stderr, "%s: %s\n", err.source, err.text); return 3; }
 *     mlm_diagnostics *diags = mlm_validate(doc, NULL, &err);
 *     for (size_t i = 0; i < mlm_diagnostics_count(diags); i++) {
 *         const mlm_diagnostic *d = mlm_diagnostics_get(diags, i);
 *         printf("%d:%d: %s[%s]: %s\n", d->line, d->column,
 *                mlm_severity_name(d->severity), d->rule_id, d->message);
 *     }
 *     const mlm_model *model = mlm_document_model(doc);
 *     for (size_t i = 0; i < mlm_model_input_count(model); i++)
 *         printf("%s\n", mlm_input_name(mlm_model_input(model, i)));
 *     mlm_diagnostics_free(diags);
 *     mlm_document_free(doc);
 */
#ifndef MLM_H
#define MLM_H

#include "mlm_version.h"
#include "mlm/alloc.h"
#include "mlm/common.h"
#include "mlm/diag.h"
#include "mlm/document.h"
#include "mlm/fetch.h"
#include "mlm/migrate.h"
#include "mlm/model.h"
#include "mlm/schema.h"
#include "mlm/stac.h"
#include "mlm/validate.h"
#include "mlm/writer.h"

MLM_BEGIN_DECL

/** The library version at run time, e.g. "0.1.0" (compare with MLM_VERSION_STRING). */
MLM_EXPORT const char *mlm_version_string(void);
/** The library version at run time as MLM_VERSION_NUM. */
MLM_EXPORT unsigned mlm_version(void);

MLM_END_DECL

#endif /* MLM_H */
