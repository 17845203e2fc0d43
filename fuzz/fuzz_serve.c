/*
 * Fuzz target: the request logic of mlm-validate --serve
 * (tools/mlm-validate/serve_req.c), the part that sees what a client sends
 * before the library does: routing, query parameters and their mapping to
 * validation options, the Content-Length check, the body limit and the
 * --serve address parser.
 *
 * Input: a request line "METHOD PATH?QUERY", a newline, a Content-Length
 * value (also tried as a --serve address), a newline, then the body, fed in
 * chunks whose sizes come from the body's own bytes, against a limit taken
 * from the first byte. Invariants are checked with abort().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve_req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of [p, p + n). */
static char *dup_n(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static void check_route(const char *method, const char *path)
{
    serve_route r;
    serve_route_match(method, path, &r);
    if (r.status != 0 && r.status != 404 && r.status != 405)
        abort();
    if ((r.status == 405) != (r.allow != NULL))
        abort(); /* 405 always names what is allowed, nothing else does */
    if (r.status == 404 && r.ep != SERVE_EP_OTHER)
        abort();
    if (r.ep >= SERVE_EP_COUNT || !serve_endpoint_label(r.ep))
        abort();
    if (r.arg && (r.arg < path || r.arg + r.arg_len != path + strlen(path) || r.arg_len == 0 ||
                  r.arg_len > 64))
        abort(); /* /explain/RULE: the rest of the path, bounded */
}

static void check_query(serve_endpoint ep, const char *query)
{
    serve_query q;
    serve_query_init(&q);
    const char *p = query;
    int failed = 0;
    while (*p) {
        size_t n = strcspn(p, "&");
        char *item = dup_n(p, n);
        char *eq = strchr(item, '=');
        if (eq)
            *eq = '\0';
        if (serve_query_set(&q, ep, item, eq ? eq + 1 : NULL) != 0) {
            failed = 1;
            if (!q.error || !q.error[0] || q.error[strlen(q.error) - 1] != '.')
                abort(); /* a refusal is a sentence */
            if (strlen(q.error) > 600)
                abort(); /* echoed values are cut */
        }
        free(item);
        p += n;
        if (*p == '&')
            p++;
    }
    if (!failed && q.error)
        abort();
    for (size_t i = 0; i < q.rules.n; i++)
        if (!mlm_rule_find(q.rules.table[i].rule_id) ||
            q.rules.table[i].severity > MLM_SEVERITY_ERROR ||
            strcmp(q.rules.table[i].rule_id, "MLM012") == 0)
            abort(); /* only known rules, real severities, MLM012 untouched */
    if (q.full < -1 || q.full > 1 || q.strict < -1 || q.strict > 1)
        abort();
    if (q.to == MLM_SPEC_DRAFT)
        abort(); /* nothing migrates to the draft */
    serve_query_free(&q);
}

static void check_body(const uint8_t *data, size_t size, size_t max)
{
    serve_body b;
    memset(&b, 0, sizeof(b));
    size_t sent = 0, at = 0;
    while (at < size) {
        size_t n = (size_t)(data[at] % 97) + 1;
        if (n > size - at)
            n = size - at;
        if (serve_body_append(&b, (const char *)data + at, n, max) != 0)
            abort();
        sent += n;
        at += n;
        if (!b.too_large && (b.len != sent || memcmp(b.data, data, b.len) != 0 || b.data[b.len]))
            abort(); /* within the limit: every byte, in order, NUL-terminated */
        if (b.len > max)
            abort();
    }
    if ((sent > max) != (b.too_large != 0))
        abort();
    serve_body_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t first = nl ? (size_t)(nl - text) : size;
    char *line = dup_n(text, first);
    size_t rest_at = nl ? first + 1 : size;
    const char *nl2 = rest_at < size ? memchr(text + rest_at, '\n', size - rest_at) : NULL;
    size_t second = nl2 ? (size_t)(nl2 - (text + rest_at)) : size - rest_at;
    char *length = dup_n(text + rest_at, second);
    size_t body_at = nl2 ? rest_at + second + 1 : size;

    /* "METHOD PATH?QUERY" */
    char *sp = strchr(line, ' ');
    char *path = sp ? sp + 1 : line;
    if (sp)
        *sp = '\0';
    char *qm = strchr(path, '?');
    if (qm)
        *qm = '\0';
    check_route(sp ? line : "GET", path);
    check_query(SERVE_EP_VALIDATE, qm ? qm + 1 : "");
    check_query(SERVE_EP_MIGRATE, qm ? qm + 1 : "");

    size_t max = size ? (size_t)data[0] * 3 : 0;
    int st = serve_content_length_check(length, max);
    if (st != 0 && st != 400 && st != 413)
        abort();
    char host[64];
    unsigned port = 0;
    if (serve_listen_parse(length, host, sizeof(host), &port) == 0 &&
        (port > 65535 || strlen(host) >= sizeof(host) || !host[0]))
        abort();
    check_body(data + body_at, size - body_at, max);
    free(line);
    free(length);
    return 0;
}
