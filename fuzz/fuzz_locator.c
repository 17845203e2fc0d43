/*
 * Fuzz target: the JSON Pointer -> line:column locator, on arbitrary bytes
 * (not only valid JSON). Input: pointers separated by '\n' up to the first
 * NUL byte, then the text.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "locator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    if (!nul)
        return 0;
    size_t plen = (size_t)(nul - data);
    char *ptrs = mlmp_strndup((const char *)data, plen);
    if (!ptrs)
        return 0;
    const char *list[16];
    size_t n = 0;
    char *p = ptrs;
    while (n < 16) {
        list[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    mlmp_pos pos[16];
    mlmp_locate((const char *)nul + 1, size - plen - 1, list, n, pos);
    mlmp_free(ptrs);
    return 0;
}
