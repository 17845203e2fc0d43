/* The hash index of hashidx.h: linear probing, load factor at most 1/2. */
#include "hashidx.h"

void mlmp_hidx_init(mlmp_hidx *t, void *(*calloc_fn)(size_t, size_t), void (*free_fn)(void *))
{
    t->slots = NULL;
    t->cap = t->n = 0;
    t->calloc_fn = calloc_fn;
    t->free_fn = free_fn;
}

size_t mlmp_hidx_find(const mlmp_hidx *t, uint64_t h, mlmp_hidx_eq_fn eq, const void *ctx,
                      const void *key)
{
    if (!t->cap)
        return SIZE_MAX;
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (!t->slots[i])
            return SIZE_MAX;
        if (eq(ctx, t->slots[i] - 1, key))
            return t->slots[i] - 1;
    }
}

static void put(size_t *slots, size_t cap, uint64_t h, size_t item)
{
    size_t i = (size_t)h & (cap - 1);
    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = item + 1;
}

bool mlmp_hidx_add(mlmp_hidx *t, uint64_t h, size_t item, mlmp_hidx_hash_fn rehash, const void *ctx)
{
    if (item == SIZE_MAX)
        return false;
    if ((t->n + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        if (cap < t->cap || cap > SIZE_MAX / sizeof(size_t))
            return false;
        size_t *slots = t->calloc_fn(cap, sizeof(size_t));
        if (!slots)
            return false;
        for (size_t k = 0; k < t->cap; k++)
            if (t->slots[k])
                put(slots, cap, rehash(ctx, t->slots[k] - 1), t->slots[k] - 1);
        t->free_fn(t->slots);
        t->slots = slots;
        t->cap = cap;
    }
    put(t->slots, t->cap, h, item);
    t->n++;
    return true;
}

void mlmp_hidx_free(mlmp_hidx *t)
{
    t->free_fn(t->slots);
    t->slots = NULL;
    t->cap = t->n = 0;
}

uint64_t mlmp_hidx_str_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h ^ (h >> 29);
}
