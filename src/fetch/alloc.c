/* mlm_free(): the public way to release buffers the library hands over.
 * It lives with the fetch module because mlm_fetch() is its first user; it
 * does not depend on libcurl and belongs in every build. */
#include "mlm/alloc.h"
#include "mlm_private.h"

void mlm_free(void *p) { mlmp_free(p); }
