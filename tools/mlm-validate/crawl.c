/*
 * --recursive: a breadth-first walk of a STAC catalog, in the enumerating
 * thread. Each document becomes an ordinary task for the pool, carrying the
 * document and the rel of the link that led to it.
 *
 * Only the documents whose links are followed are loaded here: the roots
 * and the targets of `child` links (Catalogs and Collections). `item` links
 * lead to Items, which have no child or item links, so they are submitted
 * unread and the workers load them in parallel. A URL loaded here is handed
 * to its task as bytes (TASK_BUFFER), so it is fetched once; a file is read
 * again by the worker (from the page cache), so that its load errors are
 * reported exactly as without --recursive.
 *
 * Relative hrefs are resolved against the document's own URL (after
 * redirects) by RFC 3986 section 5.2, or against its folder for a file.
 * Each document is visited once: files are keyed by realpath(), URLs by
 * their resolved form without fragment. That stops cycles (a child linking
 * back to the root) and documents linked twice.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "crawl.h"

/* --- a set of strings (open addressing, FNV-1a) ------------------------------ */

struct crawl {
    char **slots;
    size_t cap, n;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

crawl *crawl_new(void)
{
    crawl *c = calloc(1, sizeof(*c));
    if (c) {
        c->cap = 64;
        c->slots = calloc(c->cap, sizeof(char *));
        if (!c->slots) {
            free(c);
            c = NULL;
        }
    }
    return c;
}

void crawl_free(crawl *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i]);
    free(c->slots);
    free(c);
}

/* Adds @p key; false when it was already there (or memory ran out). */
static bool seen_add(crawl *c, const char *key)
{
    if (2 * (c->n + 1) > c->cap) {
        size_t cap = c->cap * 2;
        char **slots = calloc(cap, sizeof(char *));
        if (!slots)
            return false;
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->slots[i])
                continue;
            size_t k = (size_t)hash(c->slots[i]) & (cap - 1);
            while (slots[k])
                k = (k + 1) & (cap - 1);
            slots[k] = c->slots[i];
        }
        free(c->slots);
        c->slots = slots;
        c->cap = cap;
    }
    size_t k = (size_t)hash(key) & (c->cap - 1);
    while (c->slots[k]) {
        if (strcmp(c->slots[k], key) == 0)
            return false;
        k = (k + 1) & (c->cap - 1);
    }
    c->slots[k] = strdup(key);
    if (!c->slots[k])
        return false;
    c->n++;
    return true;
}

/* --- resolving hrefs ------------------------------------------------------------ */

typedef struct span {
    const char *s;
    size_t n;
    bool has;
} span;

typedef struct uri {
    span scheme, authority, path, query, fragment;
} uri;

/* RFC 3986 appendix B. */
static void uri_split(const char *u, uri *out)
{
    memset(out, 0, sizeof(*out));
    const char *p = u;
    const char *colon = p + strcspn(p, ":/?#");
    if (*colon == ':' && colon > p && isalpha((unsigned char)*p)) {
        out->scheme = (span){p, (size_t)(colon - p), true};
        p = colon + 1;
    }
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        size_t n = strcspn(p, "/?#");
        out->authority = (span){p, n, true};
        p += n;
    }
    size_t n = strcspn(p, "?#");
    out->path = (span){p, n, true};
    p += n;
    if (*p == '?') {
        p++;
        n = strcspn(p, "#");
        out->query = (span){p, n, true};
        p += n;
    }
    if (*p == '#')
        out->fragment = (span){p + 1, strlen(p + 1), true};
}

/* RFC 3986 5.2.4, in place. Also used for file paths ("a/../b" -> "b"),
 * where leading ".." of a relative path are kept. */
static void remove_dot_segments(char *path, bool keep_leading_dotdot)
{
    bool absolute = path[0] == '/';
    size_t len = strlen(path);
    bool trailing = len > 0 && (path[len - 1] == '/' ||
                                (len >= 2 && strcmp(path + len - 2, "/.") == 0) ||
                                (len >= 3 && strcmp(path + len - 3, "/..") == 0) ||
                                strcmp(path, ".") == 0 || strcmp(path, "..") == 0);
    char *out = malloc(len + 2);
    if (!out)
        return;
    size_t o = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            /* drop the last output segment, unless it is a kept ".." */
            size_t start = o;
            while (start > 0 && out[start - 1] != '/')
                start--;
            bool last_is_dotdot = o - start == 2 && out[start] == '.' && out[start + 1] == '.';
            if (o > 0 && !last_is_dotdot) {
                o = start > 0 ? start - 1 : 0;
            } else if (!absolute && keep_leading_dotdot) {
                if (o > 0)
                    out[o++] = '/';
                memcpy(out + o, "..", 2);
                o += 2;
            }
        } else {
            if (o > 0 || absolute)
                out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
    }
    if (absolute && o == 0)
        out[o++] = '/';
    else if (trailing && o > 0 && out[o - 1] != '/')
        out[o++] = '/';
    out[o] = '\0';
    memcpy(path, out, o + 1);
    free(out);
}

static char *span_dup(span a)
{
    char *s = malloc(a.n + 1);
    if (s) {
        memcpy(s, a.s, a.n);
        s[a.n] = '\0';
    }
    return s;
}

/* RFC 3986 5.2.2 (strict), without the fragment. */
static char *resolve_url(const char *base, const char *ref)
{
    uri b, r;
    uri_split(base, &b);
    uri_split(ref, &r);
    span scheme = r.scheme.has ? r.scheme : b.scheme;
    span authority, query;
    char *path = NULL;
    if (r.scheme.has || r.authority.has) {
        authority = r.authority;
        path = span_dup(r.path);
        query = r.query;
    } else {
        authority = b.authority;
        if (r.path.n == 0) {
            path = span_dup(b.path);
            query = r.query.has ? r.query : b.query;
        } else {
            query = r.query;
            if (r.path.s[0] == '/') {
                path = span_dup(r.path);
            } else {
                /* merge: the base path up to its last '/', then the reference */
                size_t keep = b.path.n;
                while (keep > 0 && b.path.s[keep - 1] != '/')
                    keep--;
                bool root = b.authority.has && b.path.n == 0;
                path = malloc(keep + r.path.n + 2);
                if (path)
                    snprintf(path, keep + r.path.n + 2, "%s%.*s%.*s", root ? "/" : "",
                             (int)keep, b.path.s, (int)r.path.n, r.path.s);
            }
        }
    }
    if (!path)
        return NULL;
    remove_dot_segments(path, false);
    size_t n = scheme.n + authority.n + strlen(path) + query.n + 8;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s:%s%.*s%s%s%.*s", (int)scheme.n, scheme.s,
                 authority.has ? "//" : "", (int)authority.n, authority.s, path,
                 query.has ? "?" : "", (int)query.n, query.s);
    free(path);
    return out;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The path of a file: href (no query or fragment), percent-decoded. */
static char *decode_path(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi = s[i] == '%' && i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
        int lo = hi >= 0 ? hexval((unsigned char)s[i + 2]) : -1;
        if (lo >= 0 && (hi || lo)) { /* %00 stays as it is */
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

static bool is_http(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

char *crawl_resolve(const char *base, bool base_is_url, const char *href, bool *is_url,
                    const char **why)
{
    uri r;
    uri_split(href, &r);
    *why = NULL;
    if (r.scheme.has) {
        if (is_http(href)) {
            *is_url = true;
            return resolve_url(href, "");
        }
        if (r.scheme.n == 4 && strncasecmp(r.scheme.s, "file", 4) == 0 && !base_is_url) {
            /* file:///abs/path or file://localhost/abs/path */
            if (r.authority.has && r.authority.n && !(r.authority.n == 9 &&
                                                      strncasecmp(r.authority.s, "localhost", 9) == 0)) {
                *why = "a file: URL on another host";
                return NULL;
            }
            *is_url = false;
            char *p = decode_path(r.path.s, r.path.n);
            if (p)
                remove_dot_segments(p, true);
            return p;
        }
        *why = base_is_url ? "only http and https links are followed from a URL"
                           : "only file paths, file:, http and https links are followed";
        return NULL;
    }
    if (base_is_url) {
        *is_url = true;
        return resolve_url(base, href);
    }
    /* A path: relative to the folder of the linking file. */
    *is_url = false;
    if (r.authority.has) {
        *why = "a network-path reference (//host/...) from a local file";
        return NULL;
    }
    char *rel = decode_path(r.path.s, r.path.n);
    if (!rel)
        return NULL;
    if (rel[0] == '\0') {
        free(rel);
        *why = "an empty href";
        return NULL;
    }
    if (rel[0] == '/') {
        remove_dot_segments(rel, true);
        return rel;
    }
    const char *slash = strrchr(base, '/');
    size_t dir = slash ? (size_t)(slash - base) + 1 : 0;
    size_t n = dir + strlen(rel) + 1;
    char *out = malloc(n);
    if (out) {
        snprintf(out, n, "%.*s%s", (int)dir, base, rel);
        remove_dot_segments(out, true);
    }
    free(rel);
    return out;
}

/* --- the walk -------------------------------------------------------------------- */

typedef struct node {
    char *loc; /* path or URL */
    bool url;
    char *via, *rel;
    long depth;
} node;

typedef struct queue {
    node *v;
    size_t head, n, cap;
} queue;

static void node_free(node *n)
{
    free(n->loc);
    free(n->via);
    free(n->rel);
}

static bool queue_push(queue *q, char *loc, bool url, const char *via, const char *rel,
                       long depth)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        node *v = realloc(q->v, cap * sizeof(*v));
        if (!v)
            return false;
        q->v = v;
        q->cap = cap;
    }
    node *n = &q->v[q->n];
    n->loc = loc;
    n->url = url;
    n->via = via ? strdup(via) : NULL;
    n->rel = rel ? strdup(rel) : NULL;
    n->depth = depth;
    q->n++;
    return true;
}

static char *seen_key(const char *loc, bool url)
{
    if (url)
        return strdup(loc);
    char *real = realpath(loc, NULL);
    return real ? real : strdup(loc);
}

static void submit_node(pool *p, node *n, task_kind kind, char *data, size_t len,
                        const mlm_error *err)
{
    task t;
    memset(&t, 0, sizeof(t));
    t.kind = kind;
    t.source = n->loc;
    t.via = n->via;
    t.via_rel = n->rel;
    n->loc = n->via = n->rel = NULL;
    t.data = data;
    t.len = len;
    if (err)
        t.err = *err;
    pool_submit(p, &t);
}

/* Enqueue the child and item links of a Catalog or Collection. */
static void follow_links(const cli_options *o, crawl *c, queue *q, const node *n,
                         const char *base, const json_t *root)
{
    const char *type = json_string_value(json_object_get(root, "type"));
    if (!type || (strcmp(type, "Catalog") != 0 && strcmp(type, "Collection") != 0))
        return;
    const json_t *links = json_object_get(root, "links");
    size_t i;
    const json_t *link;
    bool deeper = false;
    json_array_foreach(links, i, link) {
        const char *rel = json_string_value(json_object_get(link, "rel"));
        const char *href = json_string_value(json_object_get(link, "href"));
        if (!rel || !href || (strcmp(rel, "child") != 0 && strcmp(rel, "item") != 0))
            continue;
        if (n->depth >= o->max_depth) {
            deeper = true;
            continue;
        }
        bool url = false;
        const char *why = NULL;
        char *target = crawl_resolve(base, n->url, href, &url, &why);
        if (!target) {
            if (why && !o->quiet)
                cli_errorf("%s: link rel=%s href=%s not followed: %s", n->loc, rel, href, why);
            continue;
        }
        char *key = seen_key(target, url);
        bool fresh = key && seen_add(c, key);
        free(key);
        if (!fresh || !queue_push(q, target, url, n->loc, rel, n->depth + 1))
            free(target);
    }
    if (deeper && !o->quiet)
        cli_errorf("%s: links not followed: deeper than --max-depth %ld", n->loc, o->max_depth);
}

/* Visit one document: submit it, and follow its links when it may have any. */
static void visit(const cli_options *o, crawl *c, queue *q, node *n, pool *p)
{
    bool may_link = !n->rel || strcmp(n->rel, "item") != 0;
    size_t limit = o->max_filesize ? o->max_filesize : MLM_DEFAULT_MAX_BYTES;
    if (!may_link) {
        submit_node(p, n, n->url ? TASK_URL : TASK_PATH, NULL, 0, NULL);
        return;
    }
    if (n->url) {
        mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
        cli_fetch_options(o, &fo);
        mlm_fetch_info info = MLM_FETCH_INFO_INIT;
        mlm_error err = MLM_ERROR_INIT;
        char *body = NULL;
        size_t len = 0;
        if (mlm_fetch(n->loc, &fo, &body, &len, &info, &err) != MLM_OK) {
            mlm_fetch_info_clear(&info);
            submit_node(p, n, TASK_FAILED, NULL, 0, &err);
            return;
        }
        json_error_t je;
        json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
        if (root) {
            follow_links(o, c, q, n, info.final_url ? info.final_url : n->loc, root);
            json_decref(root);
        }
        mlm_fetch_info_clear(&info);
        /* The task owns a malloc'ed copy (task_clear() frees with free()). */
        char *data = malloc(len + 1);
        if (data) {
            memcpy(data, body, len);
            data[len] = '\0';
        }
        mlm_free(body);
        if (data)
            submit_node(p, n, TASK_BUFFER, data, len, NULL);
        else
            submit_node(p, n, TASK_URL, NULL, 0, NULL);
        return;
    }
    struct stat st;
    if (stat(n->loc, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= limit) {
        json_error_t je;
        json_t *root = json_load_file(n->loc, JSON_REJECT_DUPLICATES, &je);
        if (root) {
            follow_links(o, c, q, n, n->loc, root);
            json_decref(root);
        }
    }
    submit_node(p, n, TASK_PATH, NULL, 0, NULL);
}

void crawl_run(const cli_options *o, crawl *c, const char *root, pool *p)
{
    queue q;
    memset(&q, 0, sizeof(q));
    bool url = is_http(root);
    char *loc = strdup(root);
    char *key = loc ? seen_key(loc, url) : NULL;
    bool fresh = key && seen_add(c, key);
    free(key);
    if (!fresh || !queue_push(&q, loc, url, NULL, NULL, 0)) {
        free(loc);
        return;
    }
    while (q.head < q.n) {
        node n = q.v[q.head++];
        visit(o, c, &q, &n, p);
        node_free(&n);
    }
    free(q.v);
}
