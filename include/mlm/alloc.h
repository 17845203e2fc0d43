/**
 * @file mlm/alloc.h
 * @brief Releasing memory that libmlm hands over to the caller.
 *
 * Buffers returned by libmlm (for example the body filled in by mlm_fetch())
 * come from the library's allocator. Release them with mlm_free(), never with
 * free() directly: the library and the program may use different C runtimes
 * or allocators.
 */
#ifndef MLM_ALLOC_H
#define MLM_ALLOC_H

#include "mlm/common.h"

MLM_BEGIN_DECL

/**
 * Release a buffer that libmlm allocated and handed over to the caller
 * (documented as "release with mlm_free()"). NULL is a no-op.
 * @param p a pointer obtained from libmlm, or NULL; it is invalid afterwards.
 */
MLM_EXPORT void mlm_free(void *p);

MLM_END_DECL

#endif /* MLM_ALLOC_H */
