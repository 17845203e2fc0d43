/* Helpers shared by the cmocka test programs. */
#ifndef MLM_TESTUTIL_H
#define MLM_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Exit code ctest treats as "skipped" (SKIP_RETURN_CODE). */
#define MLM_TEST_SKIP 77

/* $MLM_SOURCE_DIR (the project root), never NULL ("." when unset). */
const char *tu_source_dir(void);
/* $MLM_SHARED_DIR if it names an existing folder, else NULL. */
const char *tu_shared_dir(void);
/* Join path parts with '/': returns a static thread-local buffer. */
const char *tu_path(const char *a, const char *b);
/* Read a whole file into a malloc'd NUL-terminated buffer (free()); NULL on failure. */
char *tu_read_file(const char *path, size_t *len);

#endif
