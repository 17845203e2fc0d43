/*
 * Fuzz target: the JSON Schema engine. Input: schema JSON, a NUL byte, then
 * the instance JSON. The first byte of the schema part chooses the flags.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mlm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned flags = data[0] & 0x3u;
    data++;
    size--;
    const uint8_t *nul = memchr(data, 0, size);
    if (!nul)
        return 0;
    size_t slen = (size_t)(nul - data);
    json_error_t je;
    json_t *schema = json_loadb((const char *)data, slen, JSON_DECODE_ANY, &je);
    json_t *inst = json_loadb((const char *)nul + 1, size - slen - 1, JSON_DECODE_ANY, &je);
    if (schema && inst) {
        mlm_error err = MLM_ERROR_INIT;
        mlm_schema *s = mlm_schema_compile(NULL, schema, "https://fuzz.invalid/s.json", NULL, &err);
        if (s) {
            mlm_schema_result *res = NULL;
            if (mlm_schema_validate(s, inst, flags, &res, &err) == MLM_OK) {
                for (size_t i = 0; i < mlm_schema_result_count(res); i++)
                    (void)mlm_schema_result_get(res, i)->message[0];
            }
            mlm_schema_result_free(res);
            (void)mlm_schema_is_valid(s, inst, flags);
            mlm_schema_free(s);
        }
    }
    json_decref(schema);
    json_decref(inst);
    return 0;
}
