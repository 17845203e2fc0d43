/* Small hash maps for the schema engine, plus JSON Schema equality and a
 * hash consistent with it (used by enum/const/uniqueItems). */
#include <string.h>

#include "schema/schema_int.h"



/* --- string map ------------------------------------------------------------ */

static int smap_rehash(mlmp_sch_smap *m, size_t ncap)
{
    mlmp_sch_smap_entry *ns = mlmp_calloc(ncap, sizeof(*ns));
    if (!ns)
        return MLM_ERR_NOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        size_t j = (size_t)m->slots[i].hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
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
    size_t j = (size_t)h & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].hash == h && strncmp(m->slots[j].key, key, n) == 0 &&
            m->slots[j].key[n] == '\0')
            return &m->slots[j];
        j = (j + 1) & (m->cap - 1);
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
        int rc = smap_rehash(m, m->cap ? m->cap * 2 : 16);
        if (rc)
            return rc;
    }
    char *k = mlmp_strndup(key, n);
    if (!k)
        return MLM_ERR_NOMEM;
    size_t j = (size_t)h & (m->cap - 1);
    while (m->slots[j].key)
        j = (j + 1) & (m->cap - 1);
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
    return (size_t)mlmp_hash_mix((uint64_t)(uintptr_t)p) & (cap - 1);
}

int mlmp_sch_pmap_put(mlmp_sch_pmap *m, const void *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        mlmp_sch_pmap_entry *ns = mlmp_calloc(ncap, sizeof(*ns));
        if (!ns)
            return MLM_ERR_NOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].key)
                continue;
            size_t j = phash(m->slots[i].key, ncap);
            while (ns[j].key)
                j = (j + 1) & (ncap - 1);
            ns[j] = m->slots[i];
        }
        mlmp_free(m->slots);
        m->slots = ns;
        m->cap = ncap;
    }
    size_t j = phash(key, m->cap);
    while (m->slots[j].key && m->slots[j].key != key)
        j = (j + 1) & (m->cap - 1);
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
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void mlmp_sch_pmap_free(mlmp_sch_pmap *m)
{
    mlmp_free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

/* --- JSON equality ----------------------------------------------------------- */

/* An integral double within int64 range, as an integer. */


/* --- value set ------------------------------------------------------------------- */

int mlmp_sch_vset_build(mlmp_sch_vset *s, const json_t *array)
{
    size_t n = json_array_size(array);
    if (n >= UINT32_MAX / 4)
        return MLM_ERR_TOO_LARGE;
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    s->slots = mlmp_calloc(cap, sizeof(*s->slots));
    if (!s->slots)
        return MLM_ERR_NOMEM;
    s->cap = cap;
    for (size_t i = 0; i < n; i++) {
        size_t j = (size_t)mlmp_json_hash(json_array_get(array, i)) & (cap - 1);
        while (s->slots[j])
            j = (j + 1) & (cap - 1);
        s->slots[j] = (uint32_t)(i + 1);
    }
    return MLM_OK;
}

bool mlmp_sch_vset_contains(const mlmp_sch_vset *s, const json_t *array, const json_t *v)
{
    size_t j = (size_t)mlmp_json_hash(v) & (s->cap - 1);
    while (s->slots[j]) {
        if (mlmp_json_equal(json_array_get(array, s->slots[j] - 1), v))
            return true;
        j = (j + 1) & (s->cap - 1);
    }
    return false;
}

void mlmp_sch_vset_free(mlmp_sch_vset *s)
{
    mlmp_free(s->slots);
    s->slots = NULL;
    s->cap = 0;
}
