/* Small hash maps for the schema engine, plus JSON Schema equality and a
 * hash consistent with it (used by enum/const/uniqueItems). */
#include <string.h>

#include "schema/schema_int.h"

/* --- the shared scheme ----------------------------------------------------- */

size_t mlmp_sch_table_cap(size_t n, size_t min)
{
    size_t cap = min;
    while (cap < n * 2)
        cap *= 2;
    return cap;
}

int mlmp_sch_itab_init(mlmp_sch_itab *t, size_t n)
{
    t->slots = NULL;
    t->cap = 0;
    if (n >= UINT32_MAX / 4)
        return MLM_ERR_TOO_LARGE;
    size_t cap = mlmp_sch_table_cap(n, 16);
    t->slots = mlmp_calloc(cap, sizeof(*t->slots));
    if (!t->slots)
        return MLM_ERR_NOMEM;
    t->cap = cap;
    return MLM_OK;
}

void mlmp_sch_itab_free(mlmp_sch_itab *t)
{
    mlmp_free(t->slots);
    t->slots = NULL;
    t->cap = 0;
}

/* --- string map ------------------------------------------------------------ */

static int smap_rehash(mlmp_sch_smap *m, size_t ncap)
{
    mlmp_sch_smap_entry *ns = mlmp_calloc(ncap, sizeof(*ns));
    if (!ns)
        return MLM_ERR_NOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = mlmp_sch_slot(m->slots[i].hash, ncap);
        while (ns[j].key)
            j = mlmp_sch_next_slot(j, ncap);
        ns[j] = m->slots[i];
    }
    mlmp_free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return MLM_OK;
}

static mlmp_sch_smap_entry *smap_find(const mlmp_sch_smap *m, const char *key, size_t n, uint64_t h)
{
    if (!m->cap)
        return NULL;
    size_t j = mlmp_sch_slot(h, m->cap);
    while (m->slots[j].key) {
        if (m->slots[j].hash == h && strncmp(m->slots[j].key, key, n) == 0 &&
            m->slots[j].key[n] == '\0')
            return &m->slots[j];
        j = mlmp_sch_next_slot(j, m->cap);
    }
    return NULL;
}

int mlmp_sch_smap_put(mlmp_sch_smap *m, const char *key, void *value, void **old)
{
    size_t n = strlen(key);
    uint64_t h = mlmp_hash_bytes(key, n);
    if (old)
        *old = NULL;
    mlmp_sch_smap_entry *e = smap_find(m, key, n, h);
    if (e) {
        if (old)
            *old = e->value;
        e->value = value;
        return MLM_OK;
    }
    if ((m->count + 1) * 2 > m->cap) {
        int rc = smap_rehash(m, mlmp_sch_table_cap(m->count + 1, 16));
        if (rc)
            return rc;
    }
    char *k = mlmp_strndup(key, n);
    if (!k)
        return MLM_ERR_NOMEM;
    size_t j = mlmp_sch_slot(h, m->cap);
    while (m->slots[j].key)
        j = mlmp_sch_next_slot(j, m->cap);
    m->slots[j].key = k;
    m->slots[j].hash = h;
    m->slots[j].value = value;
    m->count++;
    return MLM_OK;
}

void *mlmp_sch_smap_getn(const mlmp_sch_smap *m, const char *key, size_t n)
{
    mlmp_sch_smap_entry *e = smap_find(m, key, n, mlmp_hash_bytes(key, n));
    return e ? e->value : NULL;
}

void *mlmp_sch_smap_get(const mlmp_sch_smap *m, const char *key)
{
    return mlmp_sch_smap_getn(m, key, strlen(key));
}

void mlmp_sch_smap_free(mlmp_sch_smap *m, void (*free_value)(void *))
{
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        mlmp_free(m->slots[i].key);
        if (free_value)
            free_value(m->slots[i].value);
    }
    mlmp_free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

/* --- pointer map ------------------------------------------------------------- */

static size_t phash(const void *p, size_t cap)
{
    return mlmp_sch_slot(mlmp_hash_mix((uint64_t)(uintptr_t)p), cap);
}

int mlmp_sch_pmap_put(mlmp_sch_pmap *m, const void *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t ncap = mlmp_sch_table_cap(m->count + 1, 64);
        mlmp_sch_pmap_entry *ns = mlmp_calloc(ncap, sizeof(*ns));
        if (!ns)
            return MLM_ERR_NOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].key)
                continue;
            size_t j = phash(m->slots[i].key, ncap);
            while (ns[j].key)
                j = mlmp_sch_next_slot(j, ncap);
            ns[j] = m->slots[i];
        }
        mlmp_free(m->slots);
        m->slots = ns;
        m->cap = ncap;
    }
    size_t j = phash(key, m->cap);
    while (m->slots[j].key && m->slots[j].key != key)
        j = mlmp_sch_next_slot(j, m->cap);
    if (!m->slots[j].key)
        m->count++;
    m->slots[j].key = key;
    m->slots[j].value = value;
    return MLM_OK;
}

void *mlmp_sch_pmap_get(const mlmp_sch_pmap *m, const void *key)
{
    if (!m->cap)
        return NULL;
    size_t j = phash(key, m->cap);
    while (m->slots[j].key) {
        if (m->slots[j].key == key)
            return m->slots[j].value;
        j = mlmp_sch_next_slot(j, m->cap);
    }
    return NULL;
}

void mlmp_sch_pmap_free(mlmp_sch_pmap *m)
{
    mlmp_free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

/* --- value set ------------------------------------------------------------------- */

bool mlmp_sch_vkey_same(const void *ctx, size_t i)
{
    const mlmp_sch_vkey *q = ctx;
    return mlmp_json_equal(json_array_get(q->array, i), q->v);
}

int mlmp_sch_vset_build(mlmp_sch_itab *s, const json_t *array)
{
    size_t n = json_array_size(array);
    int rc = mlmp_sch_itab_init(s, n);
    for (size_t i = 0; !rc && i < n; i++) {
        mlmp_sch_vkey q = {array, json_array_get(array, i)};
        uint32_t *slot = mlmp_sch_itab_probe(s, mlmp_json_hash(q.v), mlmp_sch_vkey_same, &q);
        if (!*slot)
            *slot = (uint32_t)(i + 1); /* a repeated value keeps its first index */
    }
    return rc;
}

bool mlmp_sch_vset_contains(const mlmp_sch_itab *s, const json_t *array, const json_t *v)
{
    mlmp_sch_vkey q = {array, v};
    return *mlmp_sch_itab_probe(s, mlmp_json_hash(v), mlmp_sch_vkey_same, &q) != 0;
}
