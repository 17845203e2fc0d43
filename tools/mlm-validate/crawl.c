/*
 * The walker: a breadth-first walk of STAC documents, in the enumerating
 * thread, that follows
 *   - with --recursive, the `child`, `item` and `items` links of Catalogs and
 *     Collections;
 *   - always, the `next` link of a FeatureCollection / ItemCollection page
 *     (STAC API paging: GET, or POST with the link's body and headers,
 *     merged into the current request's when the link says `merge`), within
 *     --max-pages and --max-items.
 *
 * Every document is an ordinary task for the pool, loaded and validated by a
 * worker; the walker never reads a document itself. For a document whose
 * links matter it hands the pool a `found` record (found.h) and, only when
 * it has nothing else to submit, waits for the records in queue order. So
 * catalogs load in parallel and the submission order (which is the output
 * order) is exactly that of a one-at-a-time breadth-first walk.
 *
 * Relative hrefs are resolved against the document's own URL (after
 * redirects) by RFC 3986 section 5.2, or against its folder for a file.
 * Each document is visited once: files are keyed by realpath(), URLs by
 * their resolved form without fragment, next requests by method, URL and
 * body. That stops cycles (a child linking back to the root), documents
 * linked twice and next links that go round in a loop (reported as an
 * unreadable page).
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdarg.h>
#include <stdio.h>

#include "crawl.h"
#include "hashidx.h"
#include "found.h"
#include "next.h"

/* --- a set of strings (hashidx.h) ------------------------------------------- */

struct crawl {
    char **keys; /* the distinct keys seen, owned */
    size_t n, cap;
    mlmp_hidx index; /* key -> entry of keys */
    pool *p;
    bool children; /* --recursive: follow child, item and items links */
    size_t roots;  /* roots walked so far: next requests are remembered per root */
    gate *net;     /* --max-requests, or NULL */
};

crawl *crawl_new(const cli_options *o)
{
    crawl *c = calloc(1, sizeof(*c));
    if (c && o->max_requests > 0 && !(c->net = gate_new(o->max_requests))) {
        free(c);
        return NULL;
    }
    if (c)
        mlmp_hidx_init(&c->index, calloc, free);
    return c;
}

void crawl_free(crawl *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->keys[i]);
    free(c->keys);
    mlmp_hidx_free(&c->index);
    gate_unref(c->net);
    free(c);
}

static bool key_eq(const void *ctx, size_t item, const void *key)
{
    return strcmp(((const crawl *)ctx)->keys[item], key) == 0;
}

static uint64_t key_rehash(const void *ctx, size_t item)
{
    return mlmp_hidx_str_hash(((const crawl *)ctx)->keys[item]);
}

/* Adds @p key; false when it was already there (or memory ran out). */
static bool seen_add(crawl *c, const char *key)
{
    uint64_t h = mlmp_hidx_str_hash(key);
    if (mlmp_hidx_find(&c->index, h, key_eq, c, key) != SIZE_MAX)
        return false;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        char **keys =
            cap <= SIZE_MAX / sizeof(*keys) ? realloc(c->keys, cap * sizeof(*keys)) : NULL;
        if (!keys)
            return false;
        c->keys = keys;
        c->cap = cap;
    }
    if (!(c->keys[c->n] = strdup(key)))
        return false;
    if (!mlmp_hidx_add(&c->index, h, c->n, key_rehash, c)) {
        free(c->keys[c->n]);
        return false;
    }
    c->n++;
    return true;
}

/* --- the walk -------------------------------------------------------------------- */

typedef struct node {
    char *loc;    /* path or URL to load */
    char *source; /* name in reports when not loc (a POST page), or NULL */
    bool url;
    char *via, *rel;
    long depth;
    bool walk; /* loaded through the pool, then its links are followed */
    /* paging */
    char *method;    /* "POST", or NULL for GET */
    json_t *body;    /* the POST body, or NULL */
    json_t *headers; /* a next link's headers (name -> string or array), or NULL */
    long page;       /* 1 for the first page */
    size_t root;     /* which root of crawl_run() the chain started from */
    long items;      /* features on the earlier pages */
    found *f;        /* once submitted, when walked */
} node;

typedef struct queue {
    node *v;
    size_t n, cap;
} queue;

static void node_free(node *n)
{
    free(n->loc);
    free(n->source);
    free(n->via);
    free(n->rel);
    free(n->method);
    json_decref(n->body);
    json_decref(n->headers);
    found_unref(n->f);
    memset(n, 0, sizeof(*n));
}

/* Appends @p n (its contents are moved; on failure they are freed). */
static bool queue_push(queue *q, node *n)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        node *v = realloc(q->v, cap * sizeof(*v));
        if (!v) {
            node_free(n);
            return false;
        }
        q->v = v;
        q->cap = cap;
    }
    q->v[q->n++] = *n;
    memset(n, 0, sizeof(*n));
    return true;
}

static char *seen_key(const char *loc, bool url)
{
    if (url)
        return strdup(loc);
    char *real = realpath(loc, NULL);
    return real ? real : strdup(loc);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* "Name: value" lines of a next link's headers (string or array values). */
static void task_headers(task *t, json_t *headers)
{
    const char *name;
    const json_t *value;
    size_t cap = 0;
    json_object_foreach (headers, name, value) {
        size_t n = json_is_array(value) ? json_array_size(value) : 1;
        for (size_t i = 0; i < n; i++) {
            const char *v =
                json_string_value(json_is_array(value) ? json_array_get(value, i) : value);
            if (!v)
                continue;
            if (t->n_headers == cap) {
                cap = cap ? cap * 2 : 4;
                char **h = realloc(t->headers, cap * sizeof(*h));
                if (!h)
                    return;
                t->headers = h;
            }
            size_t len = strlen(name) + strlen(v) + 3;
            char *line = malloc(len);
            if (!line)
                return;
            snprintf(line, len, "%s: %s", name, v);
            t->headers[t->n_headers++] = line;
        }
    }
}

/* Hand @p n to the pool; a walked node keeps a reference to its record. */
static void submit_node(const cli_options *o, crawl *c, pool *p, node *n)
{
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = n->url ? TASK_URL : TASK_PATH;
    t.source = strdup(n->source ? n->source : n->loc);
    t.url = n->source ? strdup(n->loc) : NULL;
    t.via = dup_or_null(n->via);
    t.via_rel = dup_or_null(n->rel);
    t.method = dup_or_null(n->method);
    if (n->body) {
        t.body = json_dumps(n->body, JSON_COMPACT);
        t.body_len = t.body ? strlen(t.body) : 0;
    }
    if (n->headers)
        task_headers(&t, n->headers);
    if (o->max_items && n->page > 1) /* the page that reaches --max-items is cut there */
        t.max_features = (size_t)(o->max_items - n->items);
    t.gate = n->url ? gate_ref(c->net) : NULL;
    if (n->walk) {
        n->f = found_new();
        t.found = n->f ? found_ref(n->f) : NULL;
    }
    if (!t.source) { /* out of memory: nothing to wait for */
        if (t.found)
            found_publish(t.found, NULL, NULL);
        task_clear(&t);
        return;
    }
    pool_submit(p, &t);
}

static void submit_failure(pool *p, const node *n, const char *source, int code, const char *fmt,
                           ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void submit_failure(pool *p, const node *n, const char *source, int code, const char *fmt,
                           ...)
{
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = TASK_FAILED;
    t.source = strdup(source);
    t.via = dup_or_null(n->source ? n->source : n->loc);
    t.via_rel = strdup("next");
    t.err.code = code;
    t.err.position = -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t.err.text, sizeof(t.err.text), fmt, ap);
    va_end(ap);
    if (t.source)
        pool_submit(p, &t);
    else
        task_clear(&t);
}

/* Enqueue the child, item and items links of a Catalog or Collection. */
static void follow_children(const cli_options *o, crawl *c, queue *q, const node *n, const found *f)
{
    if (!f->type || (strcmp(f->type, "Catalog") != 0 && strcmp(f->type, "Collection") != 0))
        return;
    const char *name = n->source ? n->source : n->loc;
    size_t i;
    const json_t *link;
    bool deeper = false;
    json_array_foreach (f->links, i, link) {
        const char *rel = json_string_value(json_object_get(link, "rel"));
        const char *href = json_string_value(json_object_get(link, "href"));
        if (!rel || !href ||
            (strcmp(rel, "child") != 0 && strcmp(rel, "item") != 0 && strcmp(rel, "items") != 0))
            continue;
        if (n->depth >= o->max_depth) {
            deeper = true;
            continue;
        }
        bool url = false;
        const char *why = NULL;
        char *target = crawl_resolve(f->base, n->url, href, &url, &why);
        if (!target) {
            if (why && !o->quiet)
                cli_errorf("%s: link rel=%s href=%s not followed: %s", name, rel, href, why);
            continue;
        }
        char *key = seen_key(target, url);
        bool fresh = key && seen_add(c, key);
        free(key);
        if (!fresh) {
            free(target);
            continue;
        }
        /* Items have no links to follow: submitted unread, loaded in parallel. */
        node child = {.loc = target,
                      .url = url,
                      .via = strdup(name),
                      .rel = strdup(rel),
                      .depth = n->depth + 1,
                      .walk = strcmp(rel, "item") != 0,
                      .page = 1,
                      .root = ++c->roots};
        queue_push(q, &child);
    }
    if (deeper && !o->quiet)
        cli_errorf("%s: links not followed: deeper than --max-depth %ld", name, o->max_depth);
}

/* The request of a next link: method, body and headers, merged into the
 * current request's when the link says "merge": true (STAC API paging). */
static void follow_next(const cli_options *o, crawl *c, queue *q, const node *n, const found *f)
{
    const char *name = n->source ? n->source : n->loc;
    next_request r;
    next_status st = next_request_read(f->links, f->base, n->url, n->body, n->headers, &r);
    if (st == NEXT_NONE) {
        next_request_clear(&r);
        return;
    }
    long items = n->items + (long)f->n_features;
    if (o->max_pages && n->page >= o->max_pages) {
        if (!o->quiet)
            cli_errorf("%s: next link not followed: --max-pages %ld reached", name, o->max_pages);
        next_request_clear(&r);
        return;
    }
    if (o->max_items && items >= o->max_items) {
        if (!o->quiet)
            cli_errorf("%s: next link not followed: --max-items %ld reached", name, o->max_items);
        next_request_clear(&r);
        return;
    }
    if (st == NEXT_UNRESOLVED) {
        if (!o->quiet) {
            if (strlen(r.href) > 200)
                cli_errorf("%s: link rel=next (an href of %zu bytes) not followed: %s", name,
                           strlen(r.href), r.why ? r.why : "out of memory");
            else
                cli_errorf("%s: link rel=next href=%s not followed: %s", name, r.href,
                           r.why ? r.why : "out of memory");
        }
        next_request_clear(&r);
        return;
    }
    if (st == NEXT_REFUSED) {
        submit_failure(c->p, n, r.target ? r.target : r.href, r.code, "the next link of %s %s",
                       name, r.message);
        next_request_clear(&r);
        return;
    }
    bool post = r.post;
    char *target = r.target;
    node page = {.loc = target,
                 .url = r.url,
                 .via = strdup(name),
                 .rel = strdup("next"),
                 .depth = n->depth,
                 .walk = true,
                 .page = n->page + 1,
                 .items = items,
                 .root = n->root,
                 .body = r.body,
                 .headers = r.headers};
    if (post)
        page.method = strdup("POST");
    /* A request already made: the server's links go round in a loop. */
    char *body = page.body ? json_dumps(page.body, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    size_t klen = strlen(target) + (body ? strlen(body) : 0) + 48;
    char *key = malloc(klen);
    if (key)
        snprintf(key, klen, "next %zu %s %s %s", n->root, post ? "POST" : "GET", target,
                 body ? body : "");
    bool fresh = key && seen_add(c, key);
    free(key);
    free(body);
    if (!fresh) {
        submit_failure(c->p, n, target, MLM_ERR_INVALID_ARG,
                       "the next link of %s (page %ld) leads back to a page already read: the "
                       "server's next links form a loop, so paging stopped here",
                       name, n->page);
        node_free(&page);
        return;
    }
    if (post) {
        size_t len = strlen(target) + 48;
        page.source = malloc(len);
        if (page.source)
            snprintf(page.source, len, "%s (POST page %ld)", target, page.page);
    }
    queue_push(q, &page);
}

/* Breadth first: every node in the queue is submitted as soon as it is
 * known; the walker waits for a walked node's links only when it has run out
 * of nodes to submit, and takes them in queue order, so the queue (and the
 * output) is the same as a one-at-a-time walk, whatever the pool's speed. */
static void walk(const cli_options *o, crawl *c, queue *q, pool *p)
{
    size_t submitted = 0, waited = 0;
    for (;;) {
        for (; submitted < q->n; submitted++) {
            node *n = &q->v[submitted];
            submit_node(o, c, p, n);
            if (!n->f)
                node_free(n); /* nothing more to do with it */
        }
        while (waited < submitted && !q->v[waited].f)
            waited++;
        if (waited == submitted)
            break;
        node n = q->v[waited];
        memset(&q->v[waited], 0, sizeof(node));
        waited++;
        if (waited >= 4096 && 2 * waited >= q->n) {
            /* Everything before `waited` is spent: drop it, so a catalog of
             * a million Items does not keep a million queue entries. */
            memmove(q->v, q->v + waited, (q->n - waited) * sizeof(node));
            q->n -= waited;
            submitted -= waited;
            waited = 0;
        }
        found_wait(n.f);
        if (n.f->loaded) {
            if (c->children && n.f->links)
                follow_children(o, c, q, &n, n.f);
            if (n.f->links && n.f->type && strcmp(n.f->type, "FeatureCollection") == 0)
                follow_next(o, c, q, &n, n.f);
        }
        node_free(&n);
    }
}

void crawl_run(const cli_options *o, crawl *c, const char *const *roots, size_t n_roots, pool *p)
{
    queue q;
    memset(&q, 0, sizeof(q));
    c->p = p;
    c->children = o->recursive;
    for (size_t i = 0; i < n_roots; i++) {
        bool url = next_is_http(roots[i]);
        node n = {.loc = strdup(roots[i]), .url = url, .walk = true, .page = 1, .root = ++c->roots};
        if (!n.loc)
            continue;
        if (c->children) { /* each document once, also across roots */
            char *key = seen_key(n.loc, url);
            bool fresh = key && seen_add(c, key);
            free(key);
            if (!fresh) {
                node_free(&n);
                continue;
            }
        }
        /* The first page is a page read: a next link back to it closes the
         * loop there, not after reading it a second time. */
        size_t klen = strlen(n.loc) + 48;
        char *key = malloc(klen);
        if (key) {
            snprintf(key, klen, "next %zu GET %s ", n.root, n.loc);
            seen_add(c, key);
            free(key);
        }
        queue_push(&q, &n);
    }
    walk(o, c, &q, p);
    for (size_t i = 0; i < q.n; i++)
        node_free(&q.v[i]);
    free(q.v);
}
