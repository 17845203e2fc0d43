/**
 * @file mlm/alloc.h
 * @brief Releasing memory that libmlm hands over to the caller.
 *
 * Buffers returned by libmlm (for example the body filled in by mlm_fetch())
 * come from the library's allocator. Release them with mlm_free(), never with
 * free() directly: the library and the program may use different C runtimes
 * or allocators.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
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
