/* mlm-validate --recursive: crawl STAC Catalogs and Collections. */
#ifndef MLM_CLI_CRAWL_H
#define MLM_CLI_CRAWL_H

#include "cli.h"

/* The documents already submitted (across every root of the command line). */
typedef struct crawl crawl;

/* The walker's state for a run: documents seen, and the --max-requests gate
 * of its downloads. NULL when out of memory. */
crawl *crawl_new(const cli_options *o);
void crawl_free(crawl *c);

/* Walk @p roots (file paths or http(s) URLs), breadth first, all in one
 * queue: every document is submitted to @p p in the order of the walk; the
 * call returns once every document reached is submitted. Followed: the
 * `next` links of pages (within --max-pages / --max-items), and with
 * --recursive the `child`, `item` and `items` links of Catalogs and
 * Collections down to o->max_depth levels, each document once (also across
 * calls). Several roots in one call are fetched in parallel, and their pages
 * come level by level (first pages of all, then second pages...). */
void crawl_run(const cli_options *o, crawl *c, const char *const *roots, size_t n_roots, pool *p);

#endif
