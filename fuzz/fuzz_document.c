/*
 * Fuzz target: document bytes -> parse -> typed model -> validation.
 * The first byte chooses the options: the MLM version to force (or none)
 * and the validation flags, so every version's rules are reached.
 */
#include <stddef.h>
#include <stdint.h>

#include "mlm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    /* 0 = detect; 1..9 = draft .. 1.5.2 */
    unsigned v = sel % 10u;
    po.force_version = (mlm_spec_version)v;
    if (sel & 0x80u)
        po.flags |= MLM_PARSE_ANY_ROOT;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc =
        mlm_parse_buffer((const char *)data + 1, size - 1, "fuzz", &po, &err);
    if (!doc)
        return 0;
    const mlm_model *m = mlm_document_model(doc);
    /* Touch the model so readers' output is checked by the sanitizers. */
    size_t sink = 0;
    for (size_t i = 0; i < m->n_inputs; i++)
        for (size_t k = 0; k < m->inputs[i].input.n_dim_order; k++)
            sink += m->inputs[i].input.dim_order[k][0] != '\0';
    for (size_t i = 0; i < m->n_assets; i++)
        sink += m->assets[i].n_roles;
    (void)sink;
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.flags = (sel >> 4) & 0x7u;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        sink += (size_t)x->line + x->pointer[0] + x->message[0];
    }
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return 0;
}
