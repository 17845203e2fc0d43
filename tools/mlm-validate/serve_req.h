/* mlm-validate --serve: the request logic that does not touch the network
 * (routing, query parameters, body limits), kept apart from the HTTP server
 * so that the fuzz harness (fuzz/fuzz_serve.c) can build it alone with
 * config.c. Every function here is pure: no globals, no I/O. */
#ifndef MLM_CLI_SERVE_REQ_H
#define MLM_CLI_SERVE_REQ_H

#include <stddef.h>

#include "config.h"
#include "mlm.h"

/* The endpoints; SERVE_EP_OTHER counts every request that matched none. */
typedef enum serve_endpoint {
    SERVE_EP_PAGE,     /* GET / (the web page) */
    SERVE_EP_VALIDATE, /* POST /validate */
    SERVE_EP_MIGRATE,  /* POST /migrate */
    SERVE_EP_EXPLAIN,  /* GET /explain/RULE */
    SERVE_EP_RULES,    /* GET /rules */
    SERVE_EP_HEALTHZ,  /* GET /healthz */
    SERVE_EP_METRICS,  /* GET /metrics */
    SERVE_EP_OTHER,
    SERVE_EP_COUNT
} serve_endpoint;

/* The path label of an endpoint for /metrics ("/validate", ..., "other"). */
const char *serve_endpoint_label(serve_endpoint ep);

/* Where a request goes. status is 0 when the endpoint takes the method, else
 * 404 (no such path) or 405 (allow names the methods the path takes, for
 * the Allow header). arg points into the url given (the rule of
 * /explain/RULE, not decoded), or is NULL. */
typedef struct serve_route {
    serve_endpoint ep;
    int status;
    const char *allow;
    const char *arg;
    size_t arg_len;
} serve_route;

/* Route @p method and @p url (the path, without the query string). HEAD is
 * taken wherever GET is. */
void serve_route_match(const char *method, const char *url, serve_route *out);

/* The query parameters of /validate and /migrate. */
typedef struct serve_query {
    int full;                 /* -1: as the server was started; 0 or 1 */
    int strict;               /* -1: as the server was started; 0 or 1 */
    mlm_spec_version version; /* mlm_version=: MLM_SPEC_UNKNOWN = as declared */
    mlm_spec_version to;      /* to= (/migrate): MLM_SPEC_UNKNOWN = the latest */
    cli_config rules;         /* severity= and disable=, in order */
    char *error;              /* the first bad parameter, a sentence (owned), or NULL */
} serve_query;

void serve_query_init(serve_query *q);
/* Take one decoded parameter of endpoint @p ep (@p value may be NULL for a
 * bare "?strict"). Returns 0, or -1 with q->error set (only the first
 * error is kept). Unknown parameters are errors, so that a typo is not
 * silently ignored. */
int serve_query_set(serve_query *q, serve_endpoint ep, const char *key, const char *value);
void serve_query_free(serve_query *q);

/* A request body collected in memory, refused past a limit. */
typedef struct serve_body {
    char *data; /* NUL-terminated (owned) */
    size_t len, cap;
    int too_large; /* the limit was passed: the rest is dropped */
} serve_body;

/* What a Content-Length header says against the limit @p max: 0 (absent or
 * within), 413 (larger), 400 (not a number). */
int serve_content_length_check(const char *value, size_t max);
/* Append @p n bytes unless the body would pass @p max bytes (then
 * b->too_large is set and the data dropped). Returns 0, or -1 when memory
 * runs out. */
int serve_body_append(serve_body *b, const char *data, size_t n, size_t max);
void serve_body_free(serve_body *b);

/* The --serve argument "[HOST:]PORT" (HOST may be "[IPv6]"; without it
 * 127.0.0.1). Writes the host (NUL-terminated) and port; returns 0, or -1
 * when it is malformed or the host does not fit in @p host_size. */
int serve_listen_parse(const char *spec, char *host, size_t host_size, unsigned *port);

#endif
