/* mlm-validate: reading a STAC API page's `next` link into the next request,
 * and resolving hrefs. Pure: no CLI state, no I/O; depends on jansson and
 * the library's mlm_uri_resolve() alone, so the fuzz harness
 * (fuzz/fuzz_pages.c) links it by itself. */
#ifndef MLM_CLI_NEXT_H
#define MLM_CLI_NEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Longest next href followed (bytes): longer ones are refused, not sent. */
#define NEXT_HREF_MAX 8192

/* Resolve @p href found in the document @p base (a path, or a URL when
 * @p base_is_url). Returns a new string (free()) and sets *is_url, or NULL
 * with *why set (a static string) when the href cannot be followed, or NULL
 * with *why NULL when memory runs out. */
char *crawl_resolve(const char *base, bool base_is_url, const char *href, bool *is_url,
                    const char **why);

/* @p s starts with http:// or https:// (any case). */
bool next_is_http(const char *s);

typedef enum next_status {
    NEXT_NONE,       /* no link rel=next with a string href */
    NEXT_FOLLOW,     /* the request is in target/post/body/headers */
    NEXT_UNRESOLVED, /* the href cannot be followed: why says so (target NULL) */
    NEXT_REFUSED     /* the link asks for what is not done: code and message say
                        why (target set when the href resolved) */
} next_status;

typedef struct next_request {
    const char *href;  /* the link's href (borrowed from the links array), or NULL */
    char *target;      /* resolved path or URL (owned), or NULL */
    bool url;          /* target is an http(s) URL */
    bool post;         /* POST with body, else GET */
    json_t *body;      /* POST: the body (owned), else NULL */
    json_t *headers;   /* headers (name -> string or array) (owned), or NULL */
    const char *why;   /* NEXT_UNRESOLVED: why (static), NULL when out of memory */
    int code;          /* NEXT_REFUSED: an MLM_ERR_* code */
    char message[160]; /* NEXT_REFUSED: the end of a sentence that starts
                          "the next link of <page> " */
} next_request;

/* Read the first link rel=next of @p links (a page's "links" array, may be
 * NULL) found in @p base (the page's URL after redirects, or its path;
 * @p base_is_url says which). The current request's @p cur_body and
 * @p cur_headers (may be NULL; borrowed) are merged into the next request's
 * when the link says "merge": true. Fills *out (zeroed first); release it
 * with next_request_clear() whatever the status. */
next_status next_request_read(const json_t *links, const char *base, bool base_is_url,
                              const json_t *cur_body, const json_t *cur_headers, next_request *out);

/* Frees what @p r owns and zeroes it. */
void next_request_clear(next_request *r);

#endif
