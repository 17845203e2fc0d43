/*
 * Fuzz target: mlm_uri_resolve(), the RFC 3986 resolution mlm-validate
 * applies to hrefs and next links from servers. Input: the base, a NUL
 * byte, then the reference (without a NUL: the reference alone, no base).
 * Checks: no crash or leak; the result is a string no longer than the inputs
 * together (plus a scheme's "//" and a '/'); resolving "" against the result
 * gives it back without its fragment.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    char *base = nul ? mlmp_strndup((const char *)data, (size_t)(nul - data)) : NULL;
    const char *rest = nul ? (const char *)nul + 1 : (const char *)data;
    size_t rlen = nul ? size - (size_t)(nul - data) - 1 : size;
    const char *end = memchr(rest, 0, rlen); /* the reference ends at a second NUL */
    char *ref = mlmp_strndup(rest, end ? (size_t)(end - rest) : rlen);
    if (!ref || (nul && !base)) {
        mlmp_free(base);
        mlmp_free(ref);
        return 0;
    }
    char *r = mlm_uri_resolve(base, ref);
    if (r) {
        if (strlen(r) > (base ? strlen(base) : 0) + strlen(ref) + 4)
            abort();
        char *again = mlm_uri_resolve(r, "");
        size_t keep = strcspn(r, "#");
        if (!again)
            abort();
        if (strlen(again) != keep || strncmp(again, r, keep) != 0)
            abort();
        mlm_free(again);
        mlm_free(r);
    }
    mlmp_free(base);
    mlmp_free(ref);
    return 0;
}
