/* mlm-validate --serve: the validation service on libmicrohttpd.
 *
 * One server object owns everything the workers share: the options (with the
 * STAC validator and rule settings built once at start), the prebuilt /rules
 * answer and the metrics, which are C11 atomics. Requests are handled on
 * MHD's thread pool (--jobs); a worker only reads the server object, apart
 * from the atomic counters. Bodies are collected in memory up to
 * --max-filesize: a Content-Length beyond it is answered 413 at once; a
 * chunked body that passes it is dropped as it comes (for at most --timeout
 * seconds) and answered 413 at its end, since libmicrohttpd cannot queue an
 * answer in the middle of a body. SIGTERM and SIGINT are taken by sigwait() on the main
 * thread (the workers block them), so no work happens in a signal handler;
 * then the server stops accepting, lets the requests in flight finish and
 * stops. The routing, query and body-limit logic is in serve_req.c. */
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "serve_mhd.h"
#include "serve_page.h"
#include "serve_req.h"

/* Without --max-filesize a request body may have this many bytes. */
#define SERVE_DEFAULT_MAX_BODY (4u * 1024u * 1024u)
/* How long in-flight requests may take to finish once a stop was asked. */
#define SERVE_GRACE_SECONDS 10.0

/* Status codes counted one by one in /metrics; others count as "other". */
static const int counted_codes[] = {200, 400, 404, 405, 413, 500, 503};
#define N_CODES (sizeof(counted_codes) / sizeof(counted_codes[0]) + 1)

/* Latency histogram bounds in seconds (Prometheus "le"). */
static const double latency_bounds[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                        0.01,   0.025,   0.05,   0.1,   0.25,   1.0};
#define N_BOUNDS (sizeof(latency_bounds) / sizeof(latency_bounds[0]))

typedef struct serve_metrics {
    atomic_ulong requests[SERVE_EP_COUNT][N_CODES];
    atomic_ulong latency[N_BOUNDS + 1]; /* per bucket, not cumulative; last is +Inf */
    atomic_ulong latency_count;
    atomic_ullong latency_sum_ns;
    atomic_ulong documents, valid, invalid, unreadable;
    atomic_ulong *rule_errors, *rule_warnings; /* mlm_rule_count() + 1 (unknown ids) */
    size_t n_rules;
    atomic_ulong in_flight;
} serve_metrics;

typedef struct server {
    const cli_options *o;
    size_t max_body;
    double timeout; /* seconds a request body may take to arrive */
    serve_metrics m;
    atomic_int stopping;
    char *rules_text; /* GET /rules, built once */
    size_t rules_len;
    serve_mhd mhd; /* libmicrohttpd's functions, loaded at start */
} server;

typedef struct request {
    serve_route route;
    serve_body body;
    double start;
    int status;    /* the status queued, 0 before */
    int responded; /* a response was queued before the body ended */
    int too_large; /* a chunked body passed --max-filesize: the rest is dropped */
} request;

/* --- responses -------------------------------------------------------------------- */

static size_t code_index(int status)
{
    for (size_t i = 0; i < N_CODES - 1; i++)
        if (counted_codes[i] == status)
            return i;
    return N_CODES - 1;
}

/* Count an answer when it is queued (before the client can see it, so that
 * a /metrics that follows an answer always counts it). */
static void count_answer(serve_metrics *m, const request *rq)
{
    atomic_fetch_add_explicit(&m->requests[rq->route.ep][code_index(rq->status)], 1,
                              memory_order_relaxed);
    double t = cli_now() - rq->start;
    size_t b = 0;
    while (b < N_BOUNDS && t > latency_bounds[b])
        b++;
    atomic_fetch_add_explicit(&m->latency[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->latency_count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->latency_sum_ns, (unsigned long long)(t > 0 ? t * 1e9 : 0.0),
                              memory_order_relaxed);
}

/* Queue a response (the bytes are copied). Returns MHD_YES or MHD_NO. */
static enum MHD_Result respond(server *s, struct MHD_Connection *c, request *rq, int status,
                               const char *type, const void *body, size_t len,
                               enum MHD_ResponseMemoryMode mode)
{
    /* MHD takes a non-const pointer, but reads PERSISTENT and COPY buffers only. */
    union {
        const void *c;
        void *m;
    } buf = {body};
    struct MHD_Response *r = s->mhd.create_response_from_buffer(len, buf.m, mode);
    if (!r)
        return MHD_NO;
    s->mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    s->mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    s->mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (rq->route.ep == SERVE_EP_PAGE && status == 200)
        s->mhd.add_response_header(r, "Content-Security-Policy",
                                   "default-src 'none'; script-src 'unsafe-inline'; style-src "
                                   "'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
                                   "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    if (status == 405 && rq->route.allow)
        s->mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW, rq->route.allow);
    if (atomic_load(&s->stopping) || rq->responded)
        s->mhd.add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ret = s->mhd.queue_response(c, (unsigned)status, r);
    s->mhd.destroy_response(r);
    if (ret == MHD_YES) {
        rq->status = status;
        count_answer(&s->m, rq);
    }
    return ret;
}

/* An error answer: {"error": "sentence"}. */
static enum MHD_Result respond_error(server *s, struct MHD_Connection *c, request *rq, int status,
                                     const char *sentence)
{
    json_t *j = json_pack("{s:s, s:i}", "error", sentence, "status", status);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(j);
    if (!text)
        return MHD_NO;
    size_t n = strlen(text);
    char *line = malloc(n + 2);
    enum MHD_Result ret = MHD_NO;
    if (line) {
        memcpy(line, text, n);
        line[n] = '\n';
        line[n + 1] = '\0';
        ret = respond(s, c, rq, status, "application/json", line, n + 1, MHD_RESPMEM_MUST_COPY);
        free(line);
    }
    free(text);
    return ret;
}

/* A JSON answer (the value is released); one line ending in a newline. */
static enum MHD_Result respond_json(server *s, struct MHD_Connection *c, request *rq, int status,
                                    json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    if (!text)
        return respond_error(s, c, rq, 500, "The server ran out of memory.");
    size_t n = strlen(text);
    char *line = realloc(text, n + 2);
    if (!line) {
        free(text);
        return respond_error(s, c, rq, 500, "The server ran out of memory.");
    }
    line[n] = '\n';
    line[n + 1] = '\0';
    enum MHD_Result ret =
        respond(s, c, rq, status, "application/json", line, n + 1, MHD_RESPMEM_MUST_COPY);
    free(line);
    return ret;
}

/* --- endpoints ---------------------------------------------------------------------- */

typedef struct query_ctx {
    serve_query *q;
    serve_endpoint ep;
} query_ctx;

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    query_ctx *qc = cls;
    serve_query_set(qc->q, qc->ep, key, value);
    return MHD_YES;
}

static void count_document(server *s, const doc_result *r, bool failed)
{
    serve_metrics *m = &s->m;
    atomic_fetch_add_explicit(&m->documents, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(r->load_failed ? &m->unreadable
                              : failed       ? &m->invalid
                                             : &m->valid,
                              1, memory_order_relaxed);
    for (size_t i = 0; i < mlm_diagnostics_count(r->diags); i++) {
        const mlm_diagnostic *d = mlm_diagnostics_get(r->diags, i);
        atomic_ulong *counts = d->severity == MLM_SEVERITY_ERROR     ? m->rule_errors
                               : d->severity == MLM_SEVERITY_WARNING ? m->rule_warnings
                                                                     : NULL;
        if (!counts)
            continue;
        size_t k = 0;
        while (k < m->n_rules && strcmp(mlm_rule_at(k)->id, d->rule_id) != 0)
            k++;
        atomic_fetch_add_explicit(&counts[k], 1, memory_order_relaxed);
    }
}

static enum MHD_Result do_validate(server *s, struct MHD_Connection *c, request *rq)
{
    serve_query q;
    serve_query_init(&q);
    query_ctx qc = {&q, SERVE_EP_VALIDATE};
    s->mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_iter, &qc);
    if (!q.error && q.full == 1 && !s->o->stac)
        q.error = strdup("The parameter full is not available: this server was started without "
                         "schemas (start it with --full and --schema-dir or a filled cache).");
    if (q.error) {
        enum MHD_Result ret = respond_error(s, c, rq, 400, q.error);
        serve_query_free(&q);
        return ret;
    }
    /* The request's options: the server's, changed by the query. */
    cli_options o = *s->o;
    if (q.strict >= 0)
        o.strict = q.strict;
    if (q.version != MLM_SPEC_UNKNOWN)
        o.force_version = q.version;
    if (q.full == 0)
        o.stac = NULL;
    memset(&o.config, 0, sizeof(o.config)); /* file NULL: no server path in answers */
    size_t n = s->o->config.n + q.rules.n;
    if (n) {
        o.config.table = malloc(n * sizeof(*o.config.table));
        if (!o.config.table) {
            serve_query_free(&q);
            return respond_error(s, c, rq, 500, "The server ran out of memory.");
        }
        if (s->o->config.n)
            memcpy(o.config.table, s->o->config.table, s->o->config.n * sizeof(*o.config.table));
        if (q.rules.n)
            memcpy(o.config.table + s->o->config.n, q.rules.table,
                   q.rules.n * sizeof(*o.config.table));
        o.config.n = o.config.cap = n;
    }
    serve_query_free(&q);
    char source[] = "request";
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = TASK_BUFFER;
    t.source = source;
    t.data = rq->body.data ? rq->body.data : source + sizeof(source) - 1; /* "" */
    t.len = rq->body.len;
    doc_result *list = process_task(&o, &t);
    json_t *answer = NULL;
    if (list && !list->next) {
        list->line = 0; /* process_task numbers buffers as NDJSON lines */
        count_document(s, list, result_failed(&o, list));
        answer = report_json(&o, list);
    } else if (list) { /* a FeatureCollection: one report per feature */
        answer = json_array();
        for (doc_result *r = list; r && answer; r = r->next) {
            r->line = 0;
            count_document(s, r, result_failed(&o, r));
            json_array_append_new(answer, report_json(&o, r));
        }
    }
    doc_results_free(list);
    free(o.config.table);
    return respond_json(s, c, rq, 200, answer);
}

/* A version for people; UNKNOWN in a migration report is the dl-model step. */
static const char *step_name(mlm_spec_version v)
{
    return v == MLM_SPEC_UNKNOWN ? "dl-model" : mlm_spec_version_name(v);
}

static enum MHD_Result do_migrate(server *s, struct MHD_Connection *c, request *rq)
{
    serve_query q;
    serve_query_init(&q);
    query_ctx qc = {&q, SERVE_EP_MIGRATE};
    s->mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_iter, &qc);
    if (q.error) {
        enum MHD_Result ret = respond_error(s, c, rq, 400, q.error);
        serve_query_free(&q);
        return ret;
    }
    mlm_spec_version to = q.to == MLM_SPEC_UNKNOWN ? MLM_SPEC_LATEST : q.to;
    serve_query_free(&q);
    const char *text = rq->body.data ? rq->body.data : "";
    json_error_t je;
    json_t *root = json_loadb(text, rq->body.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!root || !json_is_object(root)) {
        char msg[300];
        if (root)
            snprintf(msg, sizeof(msg), "The document is not a JSON object.");
        else
            snprintf(msg, sizeof(msg), "The document is not valid JSON at line %d, column %d: %s.",
                     je.line, je.column, je.text);
        json_decref(root);
        return respond_error(s, c, rq, 400, msg);
    }
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(root, to, &err);
    if (!m) {
        json_decref(root);
        return respond_error(
            s, c, rq, err.code != MLM_ERR_NOMEM ? 400 : 500,
            err.code != MLM_ERR_NOMEM && err.text[0] ? err.text : "The server ran out of memory.");
    }
    /* The migrated document in the source's layout, as mlm-migrate writes it. */
    char *out = NULL;
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.max_bytes = s->max_body;
    mlm_document *layout = mlm_parse_buffer(text, rq->body.len, "request", &po, NULL);
    if (layout && mlm_document_set_root(layout, json_incref(root), NULL) == MLM_OK)
        out = mlm_document_dump(layout, 0, NULL);
    mlm_document_free(layout);
    json_t *entries = json_array();
    for (size_t i = 0; entries && i < mlm_migration_count(m); i++) {
        const mlm_migrate_entry *e = mlm_migration_entry(m, i);
        json_array_append_new(entries, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s}", "id",
                                                 e->id, "kind", mlm_migrate_kind_name(e->kind),
                                                 "step_from", step_name(e->from_version), "step_to",
                                                 mlm_spec_version_name(e->to_version), "from",
                                                 e->from, "to", e->to, "message", e->message));
    }
    json_t *answer = out && entries ? json_object() : NULL;
    if (answer) {
        json_object_set_new(answer, "from_version",
                            json_string(step_name(mlm_migration_source(m))));
        json_object_set_new(answer, "to_version", json_string(mlm_spec_version_name(to)));
        json_object_set_new(answer, "changed", json_boolean(mlm_migration_count(m) > 0));
        json_object_set_new(answer, "todos", json_integer((json_int_t)mlm_migration_todo_count(m)));
        json_object_set_new(answer, "entries", entries);
        entries = NULL;
        json_object_set_new(answer, "document", json_string(out));
    }
    json_decref(entries);
    mlm_free(out);
    mlm_migration_free(m);
    json_decref(root);
    return respond_json(s, c, rq, 200, answer);
}

static json_t *rule_json(const mlm_rule_info *r)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", r->id, "name", r->name,
                     "severity", mlm_severity_name(r->severity), "summary", r->summary,
                     "description", r->description, "invalid_example", r->invalid_example,
                     "valid_example", r->valid_example);
}

static enum MHD_Result do_explain(server *s, struct MHD_Connection *c, request *rq)
{
    char id[72];
    snprintf(id, sizeof(id), "%.*s", (int)rq->route.arg_len, rq->route.arg);
    const mlm_rule_info *r = mlm_rule_find(id);
    if (!r)
        return respond_error(s, c, rq, 404,
                             "There is no such rule; GET /rules lists the rules by id and name.");
    return respond_json(s, c, rq, 200, rule_json(r));
}

/* Prometheus text exposition format 0.0.4. */
static enum MHD_Result do_metrics(server *s, struct MHD_Connection *c, request *rq)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return respond_error(s, c, rq, 500, "The server ran out of memory.");
    serve_metrics *m = &s->m;
    fputs("# HELP mlm_http_requests_total HTTP requests answered, by path and status code.\n"
          "# TYPE mlm_http_requests_total counter\n",
          f);
    for (size_t e = 0; e < SERVE_EP_COUNT; e++)
        for (size_t k = 0; k < N_CODES; k++) {
            unsigned long v = atomic_load_explicit(&m->requests[e][k], memory_order_relaxed);
            if (!v)
                continue;
            if (k < N_CODES - 1)
                fprintf(f, "mlm_http_requests_total{path=\"%s\",code=\"%d\"} %lu\n",
                        serve_endpoint_label((serve_endpoint)e), counted_codes[k], v);
            else
                fprintf(f, "mlm_http_requests_total{path=\"%s\",code=\"other\"} %lu\n",
                        serve_endpoint_label((serve_endpoint)e), v);
        }
    fputs("# HELP mlm_documents_total Documents validated, by outcome.\n"
          "# TYPE mlm_documents_total counter\n",
          f);
    fprintf(f, "mlm_documents_total{outcome=\"valid\"} %lu\n", atomic_load(&m->valid));
    fprintf(f, "mlm_documents_total{outcome=\"invalid\"} %lu\n", atomic_load(&m->invalid));
    fprintf(f, "mlm_documents_total{outcome=\"unreadable\"} %lu\n", atomic_load(&m->unreadable));
    fputs("# HELP mlm_diagnostics_total Diagnostics reported, by rule and severity.\n"
          "# TYPE mlm_diagnostics_total counter\n",
          f);
    for (size_t i = 0; i <= m->n_rules; i++) {
        const char *id = i < m->n_rules ? mlm_rule_at(i)->id : "other";
        unsigned long e = atomic_load_explicit(&m->rule_errors[i], memory_order_relaxed);
        unsigned long w = atomic_load_explicit(&m->rule_warnings[i], memory_order_relaxed);
        if (e)
            fprintf(f, "mlm_diagnostics_total{rule=\"%s\",severity=\"error\"} %lu\n", id, e);
        if (w)
            fprintf(f, "mlm_diagnostics_total{rule=\"%s\",severity=\"warning\"} %lu\n", id, w);
    }
    fputs("# HELP mlm_http_request_duration_seconds Time from a request's headers to its "
          "answer being queued.\n# TYPE mlm_http_request_duration_seconds histogram\n",
          f);
    unsigned long cumulative = 0;
    for (size_t i = 0; i <= N_BOUNDS; i++) {
        cumulative += atomic_load_explicit(&m->latency[i], memory_order_relaxed);
        if (i < N_BOUNDS)
            fprintf(f, "mlm_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n",
                    latency_bounds[i], cumulative);
        else
            fprintf(f, "mlm_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", cumulative);
    }
    fprintf(f, "mlm_http_request_duration_seconds_sum %.9f\n",
            (double)atomic_load(&m->latency_sum_ns) / 1e9);
    fprintf(f, "mlm_http_request_duration_seconds_count %lu\n", atomic_load(&m->latency_count));
    fputs("# HELP mlm_http_requests_in_flight Requests being handled now.\n"
          "# TYPE mlm_http_requests_in_flight gauge\n",
          f);
    fprintf(f, "mlm_http_requests_in_flight %lu\n", atomic_load(&m->in_flight));
    if (fclose(f) != 0 || !buf) {
        free(buf);
        return respond_error(s, c, rq, 500, "The server ran out of memory.");
    }
    enum MHD_Result ret = respond(s, c, rq, 200, "text/plain; version=0.0.4; charset=utf-8", buf,
                                  len, MHD_RESPMEM_MUST_COPY);
    free(buf);
    return ret;
}

static enum MHD_Result dispatch(server *s, struct MHD_Connection *c, request *rq)
{
    switch (rq->route.ep) {
    case SERVE_EP_PAGE:
        return respond(s, c, rq, 200, "text/html; charset=utf-8", serve_page, serve_page_len,
                       MHD_RESPMEM_PERSISTENT);
    case SERVE_EP_VALIDATE: return do_validate(s, c, rq);
    case SERVE_EP_MIGRATE: return do_migrate(s, c, rq);
    case SERVE_EP_EXPLAIN: return do_explain(s, c, rq);
    case SERVE_EP_RULES:
        return respond(s, c, rq, 200, "application/json", s->rules_text, s->rules_len,
                       MHD_RESPMEM_PERSISTENT);
    case SERVE_EP_HEALTHZ:
        if (atomic_load(&s->stopping))
            return respond(s, c, rq, 503, "text/plain; charset=utf-8", "stopping\n", 9,
                           MHD_RESPMEM_PERSISTENT);
        return respond(s, c, rq, 200, "text/plain; charset=utf-8", "ok\n", 3,
                       MHD_RESPMEM_PERSISTENT);
    case SERVE_EP_METRICS: return do_metrics(s, c, rq);
    case SERVE_EP_OTHER:
    case SERVE_EP_COUNT: break;
    }
    return respond_error(s, c, rq, 404, "There is nothing at this path.");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    server *s = cls;
    request *rq = *con_cls;
    if (!rq) { /* the headers are in */
        rq = calloc(1, sizeof(*rq));
        if (!rq)
            return MHD_NO;
        rq->start = cli_now();
        *con_cls = rq;
        atomic_fetch_add(&s->m.in_flight, 1);
        serve_route_match(method, url, &rq->route);
        if (rq->route.status == 405) {
            rq->responded = 1;
            return respond_error(s, c, rq, 405,
                                 "This path does not take that method; the Allow header "
                                 "names the ones it takes.");
        }
        if (rq->route.status) {
            rq->responded = 1;
            return respond_error(s, c, rq, 404, "There is nothing at this path.");
        }
        if (rq->route.ep == SERVE_EP_VALIDATE || rq->route.ep == SERVE_EP_MIGRATE) {
            int st = serve_content_length_check(
                s->mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH),
                s->max_body);
            if (st) {
                rq->responded = 1;
                return respond_error(s, c, rq, st,
                                     st == 413 ? "The document is larger than this server "
                                                 "accepts (--max-filesize)."
                                               : "The Content-Length header is not a number.");
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (rq->responded)
            return MHD_YES; /* an answer is queued: the rest is dropped */
        if (cli_now() - rq->start > s->timeout)
            return MHD_NO; /* a body sent too slowly: close the connection */
        if (rq->too_large)
            return MHD_YES; /* dropped, until the body ends or --timeout */
        if (serve_body_append(&rq->body, upload_data, n, s->max_body) != 0)
            return MHD_NO;
        if (rq->body.too_large) { /* chunked, past the limit: 413 once it ends */
            rq->too_large = 1;
            serve_body_free(&rq->body);
        }
        return MHD_YES;
    }
    if (rq->status)
        return MHD_YES; /* answered already */
    if (rq->too_large)
        return respond_error(s, c, rq, 413,
                             "The document is larger than this server accepts (--max-filesize).");
    return dispatch(s, c, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    server *s = cls;
    request *rq = *con_cls;
    if (!rq)
        return;
    *con_cls = NULL;
    serve_body_free(&rq->body);
    free(rq);
    atomic_fetch_sub(&s->m.in_flight, 1);
}

/* --- the server ---------------------------------------------------------------------- */

static int server_init(server *s, const cli_options *o)
{
    memset(s, 0, sizeof(*s));
    s->o = o;
    s->max_body = o->max_filesize ? o->max_filesize : SERVE_DEFAULT_MAX_BODY;
    s->timeout = (double)(o->serve_timeout > 0 ? o->serve_timeout : CLI_DEFAULT_SERVE_TIMEOUT);
    s->m.n_rules = mlm_rule_count();
    s->m.rule_errors = calloc(s->m.n_rules + 1, sizeof(*s->m.rule_errors));
    s->m.rule_warnings = calloc(s->m.n_rules + 1, sizeof(*s->m.rule_warnings));
    json_t *rules = json_array();
    for (size_t i = 0; rules && i < s->m.n_rules; i++)
        json_array_append_new(rules, rule_json(mlm_rule_at(i)));
    char *text = rules ? json_dumps(rules, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(rules);
    if (text) {
        s->rules_len = strlen(text) + 1;
        s->rules_text = malloc(s->rules_len + 1);
        if (s->rules_text)
            snprintf(s->rules_text, s->rules_len + 1, "%s\n", text);
        free(text);
    }
    return s->m.rule_errors && s->m.rule_warnings && s->rules_text ? 0 : -1;
}

static void server_free(server *s)
{
    free(s->m.rule_errors);
    free(s->m.rule_warnings);
    free(s->rules_text);
}

int serve_run(const cli_options *o)
{
    char host[256];
    unsigned port = 0;
    if (serve_listen_parse(o->serve, host, sizeof(host), &port) != 0) {
        cli_errorf("--serve: expected [HOST:]PORT (e.g. 8080, 127.0.0.1:8080 or [::1]:8080), "
                   "got '%s'",
                   o->serve);
        return EXIT_USAGE;
    }
    char service[8];
    snprintf(service, sizeof(service), "%u", port);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(host, service, &hints, &ai);
    if (gai != 0 || !ai) {
        cli_errorf("--serve: cannot resolve the host '%s': %s", host, gai_strerror(gai));
        return EXIT_USAGE;
    }
    server s;
    if (server_init(&s, o) != 0) {
        freeaddrinfo(ai);
        server_free(&s);
        cli_errorf("out of memory");
        return EXIT_UNREADABLE;
    }
    char why[400];
    if (serve_mhd_load(&s.mhd, why, sizeof(why)) != 0) {
        freeaddrinfo(ai);
        server_free(&s);
        cli_errorf("%s", why);
        return EXIT_UNREADABLE;
    }
    /* The workers MHD starts inherit this mask: only sigwait() below sees
     * SIGTERM and SIGINT. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o->jobs ? o->jobs : cores < 1 ? 1u : cores > 64 ? 64u : (unsigned)cores;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    unsigned limit =
        (unsigned)(o->max_connections > 0 ? o->max_connections : CLI_DEFAULT_MAX_CONNECTIONS);
    struct MHD_Daemon *d = s.mhd.start_daemon(
        flags, (uint16_t)port, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, jobs > 1 ? jobs : 0u, MHD_OPTION_CONNECTION_LIMIT, limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s.timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)65536, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!d) {
        cli_errorf("--serve: cannot listen on %s port %u (in use, or not an address of this "
                   "machine?)",
                   host, port);
        server_free(&s);
        return EXIT_UNREADABLE;
    }
    const union MHD_DaemonInfo *info = s.mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    bool v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "%s: serving on http://%s%s%s:%u/ with %u worker%s (Ctrl-C or SIGTERM stops)\n",
            PROGRAM_NAME, v6 ? "[" : "", host, v6 ? "]" : "", info ? (unsigned)info->port : port,
            jobs, jobs == 1 ? "" : "s");
    fflush(stderr);
    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0)
        ;
    atomic_store(&s.stopping, 1);
    MHD_socket listener = s.mhd.quiesce_daemon(d); /* no new connections */
    double until = cli_now() + SERVE_GRACE_SECONDS;
    while (atomic_load(&s.m.in_flight) > 0 && cli_now() < until) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    unsigned long left = atomic_load(&s.m.in_flight);
    s.mhd.stop_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    fprintf(stderr, "%s: stopped (%s)%s\n", PROGRAM_NAME, sig == SIGTERM ? "SIGTERM" : "SIGINT",
            left ? "; some requests did not finish in time" : "");
    server_free(&s);
    return EXIT_VALID;
}
