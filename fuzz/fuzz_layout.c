/*
 * Fuzz target: mlm-migrate's layout writer (tools/mlm-migrate/layout.c) on
 * arbitrary bytes. Whatever JSON text jansson reads (as mlm-migrate reads its
 * inputs), writing the value in the layout of that text must give JSON that
 * reads back to the same value: unchanged, and after an edit made in the
 * writer's source layout (a member added to an object, the first element of
 * an array dropped), as a migration changes a document. A difference aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* root written in the layout of text (parsed as src) reads back as root. */
static void round_trip(json_t *root, json_t *src, const char *text)
{
    char *out = layout_serialise(root, src, text);
    if (!out)
        return; /* out of memory: allowed, never a wrong text */
    size_t n = strlen(out);
    if (n == 0 || out[n - 1] != '\n')
        abort(); /* the text ends in a newline */
    json_error_t je;
    json_t *again = json_loadb(out, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    if (!again || !json_equal(again, root))
        abort();
    json_decref(again);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    json_error_t je;
    json_t *src = json_loadb(text, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (src) {
        round_trip(src, src, text);
        json_t *edited = json_deep_copy(src);
        if (edited) {
            if (json_is_object(edited)) {
                json_t *add = json_pack("{s:[i,f,s],s:{s:f}}", "shape", -1, 0.1, "x", "scale",
                                        "minimum", 1e-7);
                if (add)
                    json_object_set_new(edited, "fuzz:added", add);
            } else if (json_array_size(edited)) {
                json_array_remove(edited, 0);
            }
            round_trip(edited, src, text);
            json_decref(edited);
        }
        json_decref(src);
    }
    free(text);
    return 0;
}
