/* Internal: JSON Pointer -> line:column in the source text (locator.c). */
#ifndef MLM_LOCATOR_H
#define MLM_LOCATOR_H

#include "mlm_private.h"

typedef struct mlmp_pos {
    int line;    /* 1-based; 0 when not found */
    int column;  /* 1-based, in code points */
    long offset; /* byte offset, -1 when not found */
} mlmp_pos;

/* Resolve n pointers in one scan of text; out[k] is for pointers[k].
 * Returns 0 or MLM_ERR_NOMEM (out is then partially filled). */
int mlmp_locate(const char *text, size_t len, const char *const *pointers, size_t n, mlmp_pos *out);

#endif
