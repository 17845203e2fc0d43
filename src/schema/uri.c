/* URI reference resolution (RFC 3986 section 5) and JSON Pointer helpers. */
#include <ctype.h>
#include <string.h>

#include "schema/schema_int.h"

typedef struct uri_parts {
    const char *scheme;
    size_t scheme_len;
    bool has_scheme;
    const char *auth;
    size_t auth_len;
    bool has_auth;
    const char *path;
    size_t path_len;
    const char *query;
    size_t query_len;
    bool has_query;
    const char *frag;
    size_t frag_len;
    bool has_frag;
} uri_parts;

static void uri_split(const char *s, uri_parts *u)
{
    memset(u, 0, sizeof(*u));
    const char *p = s;
    /* scheme */
    if (isalpha((unsigned char)*p)) {
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '+' || *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            u->has_scheme = true;
            u->scheme = p;
            u->scheme_len = (size_t)(q - p);
            p = q + 1;
        }
    }
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        u->has_auth = true;
        u->auth = p;
        while (*p && *p != '/' && *p != '?' && *p != '#')
            p++;
        u->auth_len = (size_t)(p - u->auth);
    }
    u->path = p;
    while (*p && *p != '?' && *p != '#')
        p++;
    u->path_len = (size_t)(p - u->path);
    if (*p == '?') {
        u->has_query = true;
        u->query = ++p;
        while (*p && *p != '#')
            p++;
        u->query_len = (size_t)(p - u->query);
    }
    if (*p == '#') {
        u->has_frag = true;
        u->frag = p + 1;
        u->frag_len = strlen(p + 1);
    }
}

/* RFC 3986 5.2.4 remove_dot_segments, appending the result to out. */
static void remove_dots(mlmp_strbuf *out, const char *in, size_t n)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n && !out->failed) {
        const char *p = in + i;
        size_t left = n - i;
        if (left >= 3 && memcmp(p, "../", 3) == 0) {
            i += 3;
        } else if (left >= 2 && memcmp(p, "./", 2) == 0) {
            i += 2;
        } else if (left >= 3 && memcmp(p, "/./", 3) == 0) {
            i += 2;
        } else if (left == 2 && memcmp(p, "/.", 2) == 0) {
            i += 1;
            mlmp_strbuf_putc(out, '/');
            i += 1;
        } else if ((left >= 4 && memcmp(p, "/../", 4) == 0) ||
                   (left == 3 && memcmp(p, "/..", 3) == 0)) {
            /* drop the last output segment */
            size_t len = out->len;
            while (len > start && out->data[len - 1] != '/')
                len--;
            if (len > start)
                len--;
            out->len = len;
            if (out->data)
                out->data[len] = '\0';
            if (left == 3) {
                mlmp_strbuf_putc(out, '/');
                i += 3;
            } else {
                i += 3; /* keep the trailing '/' as the start of the next segment */
            }
        } else if ((left == 1 && p[0] == '.') || (left == 2 && memcmp(p, "..", 2) == 0)) {
            i = n;
        } else {
            size_t j = (p[0] == '/') ? 1 : 0;
            while (j < left && p[j] != '/')
                j++;
            mlmp_strbuf_append(out, p, j);
            i += j;
        }
    }
}

/* "//" authority (when it has one), dot-free path and "?" query of u: the
 * part of the target that comes whole from the reference (5.2.2). */
static void put_auth_path_query(mlmp_strbuf *out, const uri_parts *u)
{
    if (u->has_auth) {
        mlmp_strbuf_puts(out, "//");
        mlmp_strbuf_append(out, u->auth, u->auth_len);
    }
    remove_dots(out, u->path, u->path_len);
    if (u->has_query) {
        mlmp_strbuf_putc(out, '?');
        mlmp_strbuf_append(out, u->query, u->query_len);
    }
}

char *mlmp_sch_uri_resolve(const char *base, const char *ref)
{
    uri_parts b, r;
    uri_split(base ? base : "", &b);
    uri_split(ref, &r);
    mlmp_strbuf out = MLMP_STRBUF_INIT;
    if (r.has_scheme) {
        mlmp_strbuf_append(&out, r.scheme, r.scheme_len);
        mlmp_strbuf_putc(&out, ':');
        put_auth_path_query(&out, &r);
    } else {
        if (b.has_scheme) {
            mlmp_strbuf_append(&out, b.scheme, b.scheme_len);
            mlmp_strbuf_putc(&out, ':');
        }
        if (r.has_auth) {
            put_auth_path_query(&out, &r);
        } else {
            if (b.has_auth) {
                mlmp_strbuf_puts(&out, "//");
                mlmp_strbuf_append(&out, b.auth, b.auth_len);
            }
            if (r.path_len == 0) {
                mlmp_strbuf_append(&out, b.path, b.path_len);
                if (r.has_query) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, r.query, r.query_len);
                } else if (b.has_query) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, b.query, b.query_len);
                }
            } else {
                if (r.path[0] == '/') {
                    remove_dots(&out, r.path, r.path_len);
                } else {
                    /* merge (5.2.3) */
                    mlmp_strbuf merged = MLMP_STRBUF_INIT;
                    if (b.has_auth && b.path_len == 0) {
                        mlmp_strbuf_putc(&merged, '/');
                    } else {
                        size_t k = b.path_len;
                        while (k > 0 && b.path[k - 1] != '/')
                            k--;
                        mlmp_strbuf_append(&merged, b.path, k);
                    }
                    mlmp_strbuf_append(&merged, r.path, r.path_len);
                    if (merged.failed)
                        out.failed = true;
                    else
                        remove_dots(&out, merged.data, merged.len);
                    mlmp_strbuf_free(&merged);
                }
                if (r.has_query) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, r.query, r.query_len);
                }
            }
        }
    }
    if (r.has_frag && r.frag_len) {
        mlmp_strbuf_putc(&out, '#');
        mlmp_strbuf_append(&out, r.frag, r.frag_len);
    }
    return mlmp_strbuf_detach(&out);
}

char *mlm_uri_resolve(const char *base, const char *ref)
{
    return ref ? mlmp_sch_uri_resolve(base, ref) : NULL;
}

size_t mlmp_sch_uri_fragment_start(const char *uri)
{
    const char *h = strchr(uri, '#');
    return h ? (size_t)(h - uri) : strlen(uri);
}

char *mlmp_sch_uri_pct_decode(const char *s, size_t n)
{
    char *d = mlmp_malloc(n + 1);
    if (!d)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && mlmp_hex_digit(s[i + 1]) >= 0 &&
            mlmp_hex_digit(s[i + 2]) >= 0) {
            d[j++] = (char)(mlmp_hex_digit(s[i + 1]) * 16 + mlmp_hex_digit(s[i + 2]));
            i += 2;
        } else {
            d[j++] = s[i];
        }
    }
    d[j] = '\0';
    return d;
}
