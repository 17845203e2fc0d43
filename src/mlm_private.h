/*
 * Internal declarations shared by the modules of libmlm. Not installed.
 * Non-static internal functions use the mlmp_ prefix.
 */
#ifndef MLM_PRIVATE_H
#define MLM_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "mlm/common.h"

#if defined(__GNUC__) || defined(__clang__)
#define MLMP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define MLMP_UNUSED __attribute__((unused))
#else
#define MLMP_PRINTF(a, b)
#define MLMP_UNUSED
#endif

#define MLMP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* --- jansson with const ----------------------------------------------------
 * jansson's iteration macros take non-const values; these keep our
 * read-only code const-correct without casts. */
static inline json_t *mlmp_unconst(const json_t *v)
{
    union {
        const json_t *c;
        json_t *m;
    } u;
    u.c = v;
    return u.m;
}
#define mlmp_object_foreach(obj, key, value) json_object_foreach (mlmp_unconst(obj), key, value)

/* JSON equality as JSON Schema defines it (1 == 1.0, objects unordered). (json.c) */
bool mlmp_json_equal(const json_t *a, const json_t *b);
/* A hash consistent with mlmp_json_equal, and a hash of bytes. (json.c) */
uint64_t mlmp_json_hash(const json_t *v);
uint64_t mlmp_hash_bytes(const char *s, size_t n);
/* A 64-bit finaliser (good avalanche) for building hashes. */
uint64_t mlmp_hash_mix(uint64_t x);

/* JSON types as JSON Schema names them, as bits of a mask: the one
 * definition the schema validator and the MLM rules share. */
enum {
    MLMP_T_NULL = 1u << 0,
    MLMP_T_BOOLEAN = 1u << 1,
    MLMP_T_OBJECT = 1u << 2,
    MLMP_T_ARRAY = 1u << 3,
    MLMP_T_NUMBER = 1u << 4, /* any number (includes integers) */
    MLMP_T_STRING = 1u << 5,
    MLMP_T_INTEGER = 1u << 6 /* a number with no fractional part (1.0 counts) */
};

/* Whether the JSON array `array` holds the string `s` (false for a
 * non-array). (json.c) */
bool mlmp_json_array_has_string(const json_t *array, const char *s);
/* Whether `s` is one of the n strings of `list`. (json.c) */
bool mlmp_str_in(const char *s, const char *const *list, size_t n);

/* The value of a hexadecimal digit, or -1. */
static inline int mlmp_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* --- memory (memory.c) ------------------------------------------------------
 * Every allocation of the library goes through these, so that tests can make
 * the Nth allocation fail (mlmp_alloc_fail_after). They never change
 * jansson's allocator. */
void *mlmp_malloc(size_t size);
void *mlmp_calloc(size_t n, size_t size);
void *mlmp_realloc(void *ptr, size_t size);
void mlmp_free(void *ptr);
char *mlmp_strdup(const char *s);
char *mlmp_strndup(const char *s, size_t n);
/* Grow *items (of elem size) to hold at least need elements; doubles. */
int mlmp_grow(void **items, size_t *cap, size_t need, size_t elem);

/* Testing hook: after `n` more successful allocations, every allocation
 * fails (n < 0 disables). The counter is per thread. */
void mlmp_alloc_fail_after(long n);

/* --- errors (error.c) ------------------------------------------------------ */
/* Overwrite err (if non-NULL) with code, source and a formatted message;
 * a message too long for err->text is cut and flagged. */
void mlmp_error_set(mlm_error *err, int code, const char *source, const char *fmt, ...)
    MLMP_PRINTF(4, 5);
void mlmp_error_vset(mlm_error *err, int code, const char *source, const char *fmt, va_list ap)
    MLMP_PRINTF(4, 0);
/* Copy a source name into a buffer, keeping the tail with a "..." prefix;
 * returns true when it had to be cut. */
bool mlmp_copy_source(char *dst, size_t dstlen, const char *src);

/* --- options records (options.c) ------------------------------------------
 * The one version check of every versioned options record: MLM_OK when
 * 1 <= version <= current, else MLM_ERR_INVALID_ARG with err set to a
 * sentence naming fn, the record type and init_macro. */
int mlmp_options_check(unsigned int version, unsigned int current, const char *record,
                       const char *init_macro, const char *fn, const char *source, mlm_error *err);
/* The same for a record type T with the usual MLM_<T>_VERSION and
 * MLM_<T>_INIT names, e.g. MLMP_OPTIONS_CHECK(opts, PARSE_OPTIONS, mlm_parse_options, ...). */
#define MLMP_OPTIONS_CHECK(opts, NAME, type, fn, source, err)                                      \
    ((opts) ? mlmp_options_check((opts)->version, (unsigned int)MLM_##NAME##_VERSION, #type,       \
                                 "MLM_" #NAME "_INIT", fn, source, err)                            \
            : MLM_OK)

/* --- strings (strbuf.c) ----------------------------------------------------- */
typedef struct mlmp_strbuf {
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; further appends are no-ops */
} mlmp_strbuf;
#define MLMP_STRBUF_INIT                                                                           \
    {                                                                                              \
        NULL, 0, 0, false                                                                          \
    }
void mlmp_strbuf_append(mlmp_strbuf *b, const char *s, size_t n);
void mlmp_strbuf_puts(mlmp_strbuf *b, const char *s);
void mlmp_strbuf_putc(mlmp_strbuf *b, char c);
/* Appends the n bytes at s escaped as one JSON Pointer reference token
 * (RFC 6901: ~ -> ~0, / -> ~1). The one escaper of the library. */
void mlmp_strbuf_put_token(mlmp_strbuf *b, const char *s, size_t n);
/* Appends the n bytes at s, one reference token, unescaped (~0 -> ~, ~1 -> /).
 * A '~' followed by anything else is copied as it is and the result is false
 * (the token is not valid RFC 6901); true otherwise. The one unescaper. */
bool mlmp_strbuf_put_untoken(mlmp_strbuf *b, const char *s, size_t n);
/* base + "/" + key escaped (the pointer to member key of the value at
 * base), as a new string for mlmp_free(); NULL when out of memory. */
char *mlmp_pointer_join(const char *base, const char *key);
/* The same unescaping into dst (cap bytes, NUL-terminated, cut to fit when
 * cap is too small; dst may be NULL when cap is 0, to check escapes only);
 * returns the unescaped length (at most n) and sets *valid as above. For
 * callers that must not allocate. */
size_t mlmp_pointer_untoken(char *dst, size_t cap, const char *s, size_t n, bool *valid);
void mlmp_strbuf_printf(mlmp_strbuf *b, const char *fmt, ...) MLMP_PRINTF(2, 3);
/* Returns the NUL-terminated string (owned by the buffer), or NULL if failed. */
const char *mlmp_strbuf_cstr(mlmp_strbuf *b);
/* Hand over ownership of the string (NULL if failed); the buffer is reset. */
char *mlmp_strbuf_detach(mlmp_strbuf *b);
void mlmp_strbuf_free(mlmp_strbuf *b);

/* --- UTF-8 (utf8.c) ---------------------------------------------------------- */
/* Number of Unicode code points in a valid UTF-8 string of n bytes. */
size_t mlmp_utf8_length(const char *s, size_t n);
/* Check that n bytes are valid UTF-8 (no overlongs, no surrogates). On
 * failure, returns false and stores the offset of the first bad byte. */
bool mlmp_utf8_valid(const char *s, size_t n, size_t *bad_offset);

#endif /* MLM_PRIVATE_H */
