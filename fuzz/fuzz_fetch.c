/*
 * Fuzz target: the URL response path, from the bytes a server sends to the
 * parsed and validated document, without a network. The header and body
 * callbacks that libcurl calls in mlm_fetch() get the bytes exactly as they
 * would (one header line, or one body chunk, per call, not NUL-terminated),
 * then the verdict is made and the body goes to the parser as
 * mlm-validate does with a URL.
 *
 * Input: one option byte, then records. Option byte:
 *   bits 0-1  how the transport ended (complete, refused by Content-Length,
 *             out of memory, failed)
 *   bits 2-3  body cap: none, 16 bytes, 1 KiB, 64 KiB
 *   bit  4    validate the parsed document
 * Record: a tag byte, then data. tag & 0x80: a header line, else a body
 * chunk; tag & 0x7f is the data length, 0x7f meaning "everything left".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/fetch_private.h"
#include "mlm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Call a callback on an exact-size copy, so that reading past the chunk is
 * caught by the sanitizers. Returns what the callback returned. */
static size_t feed(size_t (*cb)(char *, size_t, size_t, void *), mlmp_transfer *t,
                   const uint8_t *p, size_t n)
{
    char *copy = malloc(n ? n : 1);
    if (!copy)
        return 0;
    if (n)
        memcpy(copy, p, n);
    size_t r = cb(copy, 1, n, t);
    free(copy);
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t caps[4] = {0, 16, 1024, 65536};
    static const char url[] = "https://fuzz.invalid/item.json";
    if (size < 1)
        return 0;
    uint8_t opt = data[0];
    mlmp_transfer_end end = (mlmp_transfer_end)(opt & 0x3u);
    size_t cap = caps[(opt >> 2) & 0x3u];
    mlmp_transfer t;
    mlmp_transfer_init(&t, cap);

    size_t i = 1;
    bool aborted = false;
    while (i < size && !aborted) {
        uint8_t tag = data[i++];
        size_t n = tag & 0x7fu;
        if (n == 0x7f || n > size - i)
            n = size - i;
        if (tag & 0x80u) {
            if (feed(mlmp_transfer_on_header, &t, data + i, n) != n)
                aborted = true;
        } else if (feed(mlmp_transfer_on_write, &t, data + i, n) != n) {
            aborted = true; /* libcurl stops at the first short write */
        }
        i += n;
    }
    if (aborted && end == MLMP_TRANSFER_OK)
        end = MLMP_TRANSFER_FAILED; /* CURLE_WRITE_ERROR */

    mlm_error err = MLM_ERROR_INIT;
    int rc = mlmp_transfer_verdict(&t, end, t.status, url, cap, &err);
    if (rc != MLM_OK) {
        mlmp_transfer_free(&t);
        return 0;
    }
    char *body = NULL;
    size_t len = 0;
    if (mlmp_transfer_take(&t, url, &body, &len, &err) != MLM_OK)
        return 0;
    if (body[len] != '\0')
        abort(); /* the body handed over is NUL-terminated */
    mlm_document *doc = mlm_parse_buffer(body, len, url, NULL, &err);
    mlm_free(body);
    if (doc && (opt & 0x10u)) {
        mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
        mlm_diagnostics_free(d);
    }
    mlm_document_free(doc);
    return 0;
}
