/*
 * A hash index: open addressing over the items of a caller's array.
 *
 * The one hash table of libmlm and its tools. The table stores item indices
 * only; the items (names, keys, hashes) stay in the caller's array, so the
 * caller decides what a key is and who owns it. Lookups take the key's hash
 * and an equality callback; growth re-hashes items through a callback.
 *
 * Private: compiled into the library and, as a source file, into the tools
 * (no exported symbol). Allocation goes through the functions given to
 * mlmp_hidx_init(), so the library keeps its fault-injecting allocator.
 */
#ifndef MLMP_HASHIDX_H
#define MLMP_HASHIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if item @p item of the caller's array has the key @p key. */
typedef bool (*mlmp_hidx_eq_fn)(const void *ctx, size_t item, const void *key);
/* The hash of item @p item of the caller's array (the one it was added with). */
typedef uint64_t (*mlmp_hidx_hash_fn)(const void *ctx, size_t item);

typedef struct mlmp_hidx {
    size_t *slots; /* 0 = empty, else item index + 1; NULL until the first add */
    size_t cap;    /* a power of two, or 0 */
    size_t n;      /* items indexed */
    void *(*calloc_fn)(size_t, size_t);
    void (*free_fn)(void *);
} mlmp_hidx;

/* An empty index that allocates with @p calloc_fn and frees with @p free_fn. */
void mlmp_hidx_init(mlmp_hidx *t, void *(*calloc_fn)(size_t, size_t), void (*free_fn)(void *));

/* The index of the item with key @p key and hash @p h, or SIZE_MAX. */
size_t mlmp_hidx_find(const mlmp_hidx *t, uint64_t h, mlmp_hidx_eq_fn eq, const void *ctx,
                      const void *key);

/* Indexes item @p item (not already present) under hash @p h, growing the
 * table first when needed (re-hashing through @p rehash). Returns false when
 * memory ran out; the index is then unchanged. */
bool mlmp_hidx_add(mlmp_hidx *t, uint64_t h, size_t item, mlmp_hidx_hash_fn rehash,
                   const void *ctx);

/* Frees the slots; the index is empty again (and can be reused). */
void mlmp_hidx_free(mlmp_hidx *t);

/* FNV-1a of a NUL-terminated string, for callers with no better hash. */
uint64_t mlmp_hidx_str_hash(const char *s);

#endif
