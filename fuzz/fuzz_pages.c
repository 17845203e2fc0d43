/*
 * Fuzz target: next_request_read() (tools/mlm-validate/next.c), reading a
 * STAC API page's link rel=next (href, method, body, merge, headers) into the
 * next request. Input: the page's URL or path, a NUL byte, then the page JSON
 * (without a NUL: the page alone, from http://127.0.0.1/p). The current
 * request's body and headers are the page's "x_body" / "x_headers" members.
 * Checks: no crash or leak; a followed request has a target, a POST has an
 * object body, a GET has none; a refusal has a code and a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm_private.h"
#include "next.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    char *base = nul ? mlmp_strndup((const char *)data, (size_t)(nul - data))
                     : mlmp_strndup("http://127.0.0.1/p", 18);
    const char *rest = nul ? (const char *)nul + 1 : (const char *)data;
    size_t rlen = nul ? size - (size_t)(nul - data) - 1 : size;
    json_t *page = json_loadb(rest, rlen, 0, NULL);
    if (!base || !json_is_object(page)) {
        mlmp_free(base);
        json_decref(page);
        return 0;
    }
    next_request r;
    next_status st = next_request_read(json_object_get(page, "links"), base, next_is_http(base),
                                       json_object_get(page, "x_body"),
                                       json_object_get(page, "x_headers"), &r);
    if (st == NEXT_FOLLOW && (!r.target || (r.post && !json_is_object(r.body)) ||
                              (!r.post && r.body)))
        abort();
    if (st == NEXT_REFUSED && (!r.code || !r.message[0]))
        abort();
    next_request_clear(&r);
    mlmp_free(base);
    json_decref(page);
    return 0;
}
