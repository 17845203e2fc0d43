/* mlm-validate --serve: the web page (web/index.html), embedded at build time
 * by cmake/embed.cmake into serve_page.c in the build folder. */
#ifndef MLM_CLI_SERVE_PAGE_H
#define MLM_CLI_SERVE_PAGE_H

#include <stddef.h>

/* The page's bytes (NUL-terminated) and its length without the NUL. */
extern const unsigned char serve_page[];
extern const size_t serve_page_len;

#endif
