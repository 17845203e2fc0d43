/* URI reference resolution (RFC 3986 section 5) and JSON Pointer helpers. */
#include <string.h>

#include "schema/schema_int.h"
#include "urisplit.h"

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
static void put_auth_path_query(mlmp_strbuf *out, const mlmp_uri_parts *u)
{
    if (u->authority.has) {
        mlmp_strbuf_puts(out, "//");
        mlmp_strbuf_append(out, u->authority.s, u->authority.n);
    }
    remove_dots(out, u->path.s, u->path.n);
    if (u->query.has) {
        mlmp_strbuf_putc(out, '?');
        mlmp_strbuf_append(out, u->query.s, u->query.n);
    }
}

char *mlmp_sch_uri_resolve(const char *base, const char *ref)
{
    mlmp_uri_parts b, r;
    mlmp_uri_split(base ? base : "", &b);
    mlmp_uri_split(ref, &r);
    mlmp_strbuf out = MLMP_STRBUF_INIT;
    if (r.scheme.has) {
        mlmp_strbuf_append(&out, r.scheme.s, r.scheme.n);
        mlmp_strbuf_putc(&out, ':');
        put_auth_path_query(&out, &r);
    } else {
        if (b.scheme.has) {
            mlmp_strbuf_append(&out, b.scheme.s, b.scheme.n);
            mlmp_strbuf_putc(&out, ':');
        }
        if (r.authority.has) {
            put_auth_path_query(&out, &r);
        } else {
            if (b.authority.has) {
                mlmp_strbuf_puts(&out, "//");
                mlmp_strbuf_append(&out, b.authority.s, b.authority.n);
            }
            if (r.path.n == 0) {
                mlmp_strbuf_append(&out, b.path.s, b.path.n);
                if (r.query.has) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, r.query.s, r.query.n);
                } else if (b.query.has) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, b.query.s, b.query.n);
                }
            } else {
                if (r.path.s[0] == '/') {
                    remove_dots(&out, r.path.s, r.path.n);
                } else {
                    /* merge (5.2.3) */
                    mlmp_strbuf merged = MLMP_STRBUF_INIT;
                    if (b.authority.has && b.path.n == 0) {
                        mlmp_strbuf_putc(&merged, '/');
                    } else {
                        size_t k = b.path.n;
                        while (k > 0 && b.path.s[k - 1] != '/')
                            k--;
                        mlmp_strbuf_append(&merged, b.path.s, k);
                    }
                    mlmp_strbuf_append(&merged, r.path.s, r.path.n);
                    if (merged.failed)
                        out.failed = true;
                    else
                        remove_dots(&out, merged.data, merged.len);
                    mlmp_strbuf_free(&merged);
                }
                if (r.query.has) {
                    mlmp_strbuf_putc(&out, '?');
                    mlmp_strbuf_append(&out, r.query.s, r.query.n);
                }
            }
        }
    }
    if (r.fragment.has && r.fragment.n) {
        mlmp_strbuf_putc(&out, '#');
        mlmp_strbuf_append(&out, r.fragment.s, r.fragment.n);
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
