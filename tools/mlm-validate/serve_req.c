/* mlm-validate --serve: routing, query parameters and body limits (see
 * serve_req.h). No globals, no I/O: the fuzz harness links this file. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_req.h"

const char *serve_endpoint_label(serve_endpoint ep)
{
    static const char *const labels[SERVE_EP_COUNT] = {
        "/", "/validate", "/migrate", "/explain", "/rules", "/healthz", "/metrics", "other"};
    return ep < SERVE_EP_COUNT ? labels[ep] : "other";
}

void serve_route_match(const char *method, const char *url, serve_route *out)
{
    static const struct {
        const char *path;
        serve_endpoint ep;
        int post; /* 1: POST only; 0: GET and HEAD */
    } routes[] = {
        {"/", SERVE_EP_PAGE, 0},           {"/validate", SERVE_EP_VALIDATE, 1},
        {"/migrate", SERVE_EP_MIGRATE, 1}, {"/rules", SERVE_EP_RULES, 0},
        {"/healthz", SERVE_EP_HEALTHZ, 0}, {"/metrics", SERVE_EP_METRICS, 0},
    };
    memset(out, 0, sizeof(*out));
    out->ep = SERVE_EP_OTHER;
    out->status = 404;
    if (!method || !url)
        return;
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int is_post = strcmp(method, "POST") == 0;
    int post_route = -1;
    for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        if (strcmp(url, routes[i].path) == 0) {
            out->ep = routes[i].ep;
            post_route = routes[i].post;
            break;
        }
    }
    static const char explain[] = "/explain/";
    if (post_route < 0 && strncmp(url, explain, sizeof(explain) - 1) == 0) {
        const char *arg = url + sizeof(explain) - 1;
        size_t n = strlen(arg);
        if (n == 0 || n > 64 || strchr(arg, '/'))
            return; /* 404 */
        out->ep = SERVE_EP_EXPLAIN;
        out->arg = arg;
        out->arg_len = n;
        post_route = 0;
    }
    if (post_route < 0)
        return; /* 404 */
    if (post_route ? is_post : is_get) {
        out->status = 0;
        return;
    }
    out->status = 405;
    out->allow = post_route ? "POST" : "GET, HEAD";
}

/* --- query parameters ---------------------------------------------------------- */

void serve_query_init(serve_query *q)
{
    memset(q, 0, sizeof(*q));
    q->full = -1;
    q->strict = -1;
    q->version = MLM_SPEC_UNKNOWN;
    q->to = MLM_SPEC_UNKNOWN;
}

void serve_query_free(serve_query *q)
{
    cli_config_free(&q->rules);
    free(q->error);
    q->error = NULL;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static int
query_fail(serve_query *q, const char *fmt, ...)
{
    if (q->error)
        return -1; /* the first error is the one reported */
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    size_t n = strlen(buf) + 1;
    q->error = malloc(n); /* not strdup: the fuzz build has no POSIX feature macro */
    if (q->error)
        memcpy(q->error, buf, n);
    return -1;
}

/* Parameter values are echoed in messages cut to this many bytes. */
#define ECHO_MAX 64

static int parse_bool(serve_query *q, const char *key, const char *value, int *out)
{
    static const char *const yes[] = {"", "1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    if (!value)
        value = "";
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        if (strcmp(value, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if (strcmp(value, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    return query_fail(q,
                      "The parameter %s takes true or false (also 1/0, yes/no, on/off), not "
                      "\"%.*s\".",
                      key, ECHO_MAX, value);
}

/* One "RULE" (disable) or "RULE=LEVEL" (severity) item of a comma list. */
static int add_rule(serve_query *q, const char *key, const char *item, size_t n)
{
    char buf[ECHO_MAX + 1];
    if (n == 0)
        return query_fail(q, "The parameter %s has an empty item; give rule ids such as MLM319.",
                          key);
    snprintf(buf, sizeof(buf), "%.*s", (int)(n < ECHO_MAX ? n : ECHO_MAX), item);
    mlm_severity sev = MLM_SEVERITY_NONE;
    if (strcmp(key, "severity") == 0) {
        char *eq = strchr(buf, '=');
        if (!eq || eq == buf || cli_config_severity_parse(eq + 1, &sev) != 0)
            return query_fail(q,
                              "The parameter severity takes RULE=LEVEL items with LEVEL error, "
                              "warning, info or off (e.g. severity=MLM320=info), not \"%s\".",
                              buf);
        *eq = '\0';
    }
    char *msg = NULL;
    if (cli_config_add(&q->rules, buf, sev, key, &msg) != 0) {
        query_fail(q, "%s.", msg ? msg : "out of memory");
        free(msg);
        return -1;
    }
    return 0;
}

static int parse_version(serve_query *q, const char *key, const char *value, mlm_spec_version *out)
{
    mlm_spec_version v = value ? mlm_spec_version_parse(value) : MLM_SPEC_UNKNOWN;
    if (v == MLM_SPEC_UNKNOWN || (strcmp(key, "to") == 0 && v == MLM_SPEC_DRAFT))
        return query_fail(q, "The parameter %s takes an MLM version (%s%s), not \"%.*s\".", key,
                          strcmp(key, "to") == 0 ? "the releases of " : "",
                          mlm_spec_versions_supported(), ECHO_MAX, value ? value : "");
    *out = v;
    return 0;
}

int serve_query_set(serve_query *q, serve_endpoint ep, const char *key, const char *value)
{
    if (!key)
        return query_fail(q, "A query parameter has no name.");
    if (ep == SERVE_EP_VALIDATE) {
        if (strcmp(key, "full") == 0)
            return parse_bool(q, key, value, &q->full);
        if (strcmp(key, "strict") == 0)
            return parse_bool(q, key, value, &q->strict);
        if (strcmp(key, "mlm_version") == 0)
            return parse_version(q, key, value, &q->version);
        if (strcmp(key, "severity") == 0 || strcmp(key, "disable") == 0) {
            const char *p = value ? value : "";
            for (;;) {
                size_t n = strcspn(p, ",");
                if (add_rule(q, key, p, n) != 0)
                    return -1;
                if (!p[n])
                    return 0;
                p += n + 1;
            }
        }
        return query_fail(q,
                          "Unknown parameter \"%.*s\": /validate takes full, strict, "
                          "mlm_version, severity and disable.",
                          ECHO_MAX, key);
    }
    if (ep == SERVE_EP_MIGRATE) {
        if (strcmp(key, "to") == 0)
            return parse_version(q, key, value, &q->to);
        return query_fail(q, "Unknown parameter \"%.*s\": /migrate takes to.", ECHO_MAX, key);
    }
    return 0; /* other endpoints ignore their parameters */
}

/* --- bodies ------------------------------------------------------------------------ */

int serve_content_length_check(const char *value, size_t max)
{
    if (!value)
        return 0;
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p < '0' || *p > '9')
        return 400;
    unsigned long long n = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (n > (unsigned long long)max)
            return 413; /* stop before it can overflow */
        n = n * 10 + (unsigned long long)(*p - '0');
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return 400;
    return n > (unsigned long long)max ? 413 : 0;
}

int serve_body_append(serve_body *b, const char *data, size_t n, size_t max)
{
    if (n == 0)
        return 0;
    if (b->too_large || n > max || b->len > max - n) {
        b->too_large = 1;
        return 0;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

void serve_body_free(serve_body *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

int serve_listen_parse(const char *spec, char *host, size_t host_size, unsigned *port)
{
    if (!spec || !host || host_size == 0)
        return -1;
    const char *colon = strrchr(spec, ':');
    const char *p = colon ? colon + 1 : spec;
    const char *h = spec;
    size_t hn = colon ? (size_t)(colon - spec) : 0;
    if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') { /* [::1]:8080 */
        h++;
        hn -= 2;
    } else if (hn && memchr(h, ':', hn)) {
        return -1; /* a bare IPv6 address needs its brackets */
    }
    if (colon && hn == 0)
        return -1;
    if (!*p || strlen(p) > 5)
        return -1;
    unsigned v = 0;
    for (const char *c = p; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        v = v * 10 + (unsigned)(*c - '0');
    }
    if (v > 65535)
        return -1;
    for (size_t i = 0; i < hn; i++)
        if ((unsigned char)h[i] <= ' ' || h[i] == '/' || h[i] == '[' || h[i] == ']')
            return -1;
    const char *dflt = "127.0.0.1";
    if (!colon) {
        h = dflt;
        hn = strlen(dflt);
    }
    if (hn >= host_size)
        return -1;
    memcpy(host, h, hn);
    host[hn] = '\0';
    *port = v;
    return 0;
}
