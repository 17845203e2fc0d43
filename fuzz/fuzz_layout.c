/*
 * Fuzz target: the library's one writer (src/layout.c, the layout-keeping
 * side of mlm_document_dump()) on arbitrary bytes. Whatever JSON text
 * jansson reads as the library reads documents:
 *
 *  - round trip: the value written in the layout of its own text is the
 *    text, byte for byte, and so is mlm_document_dump() of the document
 *    mlm_parse_buffer() makes of it;
 *  - edit locality: with the first scalar (depth first) replaced, the
 *    written text is the source with only that scalar's bytes replaced; with
 *    a member added to the root object, every byte before the root's last
 *    value is kept; with the root's first member or element removed, every
 *    byte from its second one's value on is kept;
 *  - every text written reads back as the edited value.
 *
 * A difference aborts.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "layout.h"
#include "locator.h"
#include "mlm.h"
#include "mlm_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY;

/* root written in the layout of text (parsed as src): reads back as root;
 * returns the text (mlmp_free), or NULL when the writer declined. */
static char *written(const json_t *root, const json_t *src, const char *text, size_t n,
                     size_t *len)
{
    char *out = mlmp_layout_keep(root, src, text, n, len);
    if (!out)
        return NULL; /* out of memory or a text it does not keep: allowed */
    size_t bom = *len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_t *again = json_loadb(out + bom, *len - bom, flags, NULL);
    if (!again || !json_equal(again, mlmp_unconst(root)))
        abort();
    json_decref(again);
    return out;
}

/* The byte offset of the value at pointer in text, or -1. */
static long offset_of(const char *text, size_t n, const char *pointer)
{
    mlmp_pos pos;
    if (mlmp_locate(text, n, &pointer, 1, &pos) != MLM_OK)
        return -1;
    return pos.offset;
}

/* The end of the scalar token that starts at i. */
static size_t scalar_end(const char *t, size_t n, size_t i)
{
    if (i < n && t[i] == '"') {
        for (i++; i < n; i++) {
            if (t[i] == '\\')
                i++;
            else if (t[i] == '"')
                return i + 1;
        }
        return n;
    }
    while (i < n && !strchr(",:]}[{\" \t\r\n", t[i]))
        i++;
    return i;
}

/* The first scalar of v depth first: its parent and key (or index). */
static json_t *first_scalar(json_t *v, mlmp_strbuf *ptr, json_t **parent, const char **key,
                            size_t *index)
{
    for (int depth = 0; depth < 64; depth++) {
        json_t *child;
        if (json_is_object(v) && json_object_size(v)) {
            void *it = json_object_iter(v);
            *key = json_object_iter_key(it);
            child = json_object_iter_value(it);
            mlmp_strbuf_putc(ptr, '/');
            mlmp_strbuf_put_token(ptr, *key, strlen(*key));
        } else if (json_is_array(v) && json_array_size(v)) {
            *key = NULL;
            *index = 0;
            child = json_array_get(v, 0);
            mlmp_strbuf_puts(ptr, "/0");
        } else {
            return NULL;
        }
        *parent = v;
        if (!json_is_object(child) && !json_is_array(child))
            return child;
        v = child;
    }
    return NULL;
}

/* Replace the first scalar: only its bytes change. */
static void edit_scalar(const json_t *src, const char *text, size_t n)
{
    json_t *edited = json_deep_copy(src);
    mlmp_strbuf ptr = MLMP_STRBUF_INIT;
    json_t *parent = NULL;
    const char *key = NULL;
    size_t index = 0;
    json_t *leaf = edited ? first_scalar(edited, &ptr, &parent, &key, &index) : NULL;
    const char *p = mlmp_strbuf_cstr(&ptr);
    long at = leaf && p ? offset_of(text, n, p) : -1;
    if (at >= 0) {
        /* a value found nowhere in the source, so no container holding it
         * equals a source container (array elements are aligned by equality) */
        bool exact = !memmem(text, n, "fuzz-edit", 9);
        json_t *other = json_string("fuzz-edit \"x\"");
        int rc = key ? json_object_set_new(parent, key, other)
                     : json_array_set_new(parent, index, other);
        size_t len = 0;
        char *out = rc == 0 ? written(edited, src, text, n, &len) : NULL;
        if (out && exact) {
            size_t end = scalar_end(text, n, (size_t)at);
            size_t tail = n - end;
            /* text[0, at) + the new scalar + text[end, n) */
            if (len < (size_t)at + tail || memcmp(out, text, (size_t)at) != 0 ||
                memcmp(out + len - tail, text + end, tail) != 0)
                abort();
        }
        mlmp_free(out);
    }
    mlmp_strbuf_free(&ptr);
    json_decref(edited);
}

/* The pointer to member i of the root (an object or an array). */
static void member_pointer(const json_t *root, size_t i, mlmp_strbuf *b)
{
    b->len = 0;
    mlmp_strbuf_putc(b, '/');
    if (json_is_array(root)) {
        mlmp_strbuf_printf(b, "%zu", i);
        return;
    }
    void *it = json_object_iter(mlmp_unconst(root));
    for (size_t k = 0; it && k < i; k++)
        it = json_object_iter_next(mlmp_unconst(root), it);
    const char *key = it ? json_object_iter_key(it) : "";
    mlmp_strbuf_put_token(b, key, strlen(key));
}

/* A member added to the root object; the root's first member removed. */
static void edit_root(const json_t *src, const char *text, size_t n)
{
    size_t size = json_is_object(src) ? json_object_size(src) : json_array_size(src);
    mlmp_strbuf ptr = MLMP_STRBUF_INIT;
    size_t len = 0;
    if (json_is_object(src) && size) {
        json_t *edited = json_deep_copy(src);
        json_t *add = json_pack("{s:[i,f,s],s:{s:f}}", "shape", -1, 0.1, "x", "scale", "minimum",
                                1e-7);
        if (edited && add && json_object_set_new(edited, "fuzz:added", add) == 0) {
            member_pointer(src, size - 1, &ptr);
            const char *p = mlmp_strbuf_cstr(&ptr);
            long at = p ? offset_of(text, n, p) : -1;
            char *out = at >= 0 ? written(edited, src, text, n, &len) : NULL;
            if (out && (len < (size_t)at || memcmp(out, text, (size_t)at) != 0))
                abort();
            mlmp_free(out);
        } else if (!edited) {
            json_decref(add);
        }
        json_decref(edited);
    }
    if (size >= 2) {
        json_t *edited = json_deep_copy(src);
        if (edited) {
            if (json_is_object(edited))
                json_object_del(edited, json_object_iter_key(json_object_iter(edited)));
            else
                json_array_remove(edited, 0);
            member_pointer(src, 1, &ptr);
            const char *p = mlmp_strbuf_cstr(&ptr);
            long at = p ? offset_of(text, n, p) : -1;
            char *out = at >= 0 ? written(edited, src, text, n, &len) : NULL;
            size_t tail = at >= 0 ? n - (size_t)at : 0;
            /* array elements are aligned by equality: the first one must
             * be unlike the others for the removal to be unambiguous */
            bool exact = true;
            for (size_t i = 1; json_is_array(src) && i < size && exact; i++)
                exact = !json_equal(json_array_get(src, 0), json_array_get(src, i));
            if (out && exact && (len < tail || memcmp(out + len - tail, text + at, tail) != 0))
                abort();
            mlmp_free(out);
            json_decref(edited);
        }
    }
    mlmp_strbuf_free(&ptr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    const char *text = (const char *)data;
    size_t bom = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_t *src = json_loadb(text + bom, size - bom, flags, NULL);
    if (!src)
        return 0;
    size_t len = 0;
    char *same = mlmp_layout_keep(src, src, text, size, &len);
    if (same && (len != size || memcmp(same, text, size) != 0))
        abort(); /* unchanged: byte for byte */
    mlmp_free(same);
    if (!memchr(text, '\0', size)) {
        /* the document: written back as it was read */
        mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
        po.flags = MLM_PARSE_ANY_ROOT;
        mlm_document *doc = mlm_parse_buffer(text, size, "fuzz", &po, NULL);
        char *out = doc ? mlm_document_dump(doc, 0, NULL) : NULL;
        if (out && (strlen(out) != size || memcmp(out, text, size) != 0))
            abort();
        mlm_free(out);
        mlm_document_free(doc);
    }
    edit_scalar(src, text, size);
    edit_root(src, text, size);
    json_decref(src);
    return 0;
}
