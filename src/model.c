/* The typed model: reads the JSON into the version-neutral structs. */
#include "document_private.h"
#include "mlm/model.h"

struct mlm_model *mlmp_model_build(const mlm_document *doc)
{
    struct mlm_model *m = mlmp_calloc(1, sizeof(*m));
    if (m)
        m->spec = doc->spec;
    return m;
}

void mlmp_model_free(struct mlm_model *m) { mlmp_free(m); }

const mlm_model *mlm_document_model(const mlm_document *doc) { return doc ? doc->model : NULL; }
