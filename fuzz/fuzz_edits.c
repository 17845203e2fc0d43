/*
 * Fuzz target: applying text edits (mlm_text_apply_edits, mlm_fixes_apply),
 * whose line:column ranges an editor, a service client or a stale fix may
 * get wrong: out of the text, reversed, overlapping, inside a UTF-8
 * sequence, on a line ending. Input: one byte n (edits, n % 8), then per
 * edit four bytes (start line, start column, end line, end column; small
 * numbers, 0 included), one length byte and that many bytes of new text;
 * the rest is the text. The result must be the text when there is no edit,
 * and the two entry points must agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_EDITS = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t n = data[0] % MAX_EDITS, at = 1;
    mlm_text_edit edits[MAX_EDITS];
    char *texts[MAX_EDITS] = {0};
    size_t k = 0;
    for (; k < n && at + 5 <= size; k++) {
        const uint8_t *e = data + at;
        size_t len = e[4];
        at += 5;
        if (len > size - at)
            len = size - at;
        texts[k] = malloc(len + 1);
        if (!texts[k])
            break;
        memcpy(texts[k], data + at, len);
        texts[k][len] = '\0'; /* new text stops at a NUL, as a C string does */
        at += len;
        edits[k] = (mlm_text_edit){e[0], e[1], e[2], e[3], texts[k]};
    }
    const char *text = (const char *)data + at;
    size_t len = size - at;
    char *out = NULL, *out2 = NULL;
    size_t out_len = 0, out2_len = 0, applied = 0;
    mlm_error err = MLM_ERROR_INIT;
    int rc = mlm_text_apply_edits(text, len, edits, k, &out, &out_len, &err);
    if (rc == MLM_OK && k == 0 && (out_len != len || memcmp(out, text, len) != 0))
        abort(); /* no edit: the text as it was */
    if (rc == MLM_OK && out[out_len] != '\0')
        abort();
    /* The same edits as one safe fix: applied whole, or refused the same way. */
    mlm_fix fix = {"fuzz", 1, 0, NULL, k, edits};
    const mlm_fix *fixes[2] = {&fix, NULL};
    mlm_error err2 = MLM_ERROR_INIT;
    int rc2 = mlm_fixes_apply(fixes, 2, text, len, 0, &out2, &out2_len, &applied, &err2);
    if (rc == MLM_OK && k > 0 &&
        (rc2 != MLM_OK || applied != 1 || out2_len != out_len || memcmp(out, out2, out_len) != 0))
        abort();
    mlm_free(out);
    mlm_free(out2);
    for (size_t i = 0; i < k; i++)
        free(texts[i]);
    return 0;
}
