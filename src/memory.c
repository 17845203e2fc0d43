/* Allocation wrappers. All library allocations go through here so that the
 * allocation-failure tests can fail the Nth one; the counter is thread-local,
 * so tests on other threads are not disturbed, and it costs one branch. */
#include <stdlib.h>
#include <string.h>

#include "mlm_private.h"

static _Thread_local long fail_after = -1;

void mlmp_alloc_fail_after(long n) { fail_after = n; }

static bool should_fail(void)
{
    if (fail_after < 0)
        return false;
    if (fail_after == 0)
        return true;
    fail_after--;
    return false;
}

void *mlmp_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *mlmp_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *mlmp_realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void mlmp_free(void *ptr) { free(ptr); }

char *mlmp_strndup(const char *s, size_t n)
{
    char *d = mlmp_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *mlmp_strdup(const char *s) { return s ? mlmp_strndup(s, strlen(s)) : NULL; }

int mlmp_grow(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return MLM_OK;
    size_t ncap = *cap ? *cap : 4;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elem)
            return MLM_ERR_NOMEM;
        ncap *= 2;
    }
    void *p = mlmp_realloc(*items, ncap * elem);
    if (!p)
        return MLM_ERR_NOMEM;
    *items = p;
    *cap = ncap;
    return MLM_OK;
}
