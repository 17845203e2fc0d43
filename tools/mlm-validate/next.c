/* mlm-validate: a page's next link -> the next request, and href resolution
 * (next.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mlm.h"
#include "next.h"
#include "urisplit.h"

/* --- resolving hrefs ------------------------------------------------------------ */

/* RFC 3986 5.2.4 for file paths ("a/../b" -> "b"), in place; leading ".."
 * of a relative path are kept. */
static void remove_dot_segments(char *path, bool keep_leading_dotdot)
{
    bool absolute = path[0] == '/';
    size_t len = strlen(path);
    bool trailing =
        len > 0 && (path[len - 1] == '/' || (len >= 2 && strcmp(path + len - 2, "/.") == 0) ||
                    (len >= 3 && strcmp(path + len - 3, "/..") == 0) || strcmp(path, ".") == 0 ||
                    strcmp(path, "..") == 0);
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
    else if (trailing && o > 0 && o < len && out[o - 1] != '/')
        out[o++] = '/'; /* never past the input's length: the result is written back in place
                           (a bare ".." stays ".."; it was "../", one byte too many) */
    out[o] = '\0';
    memcpy(path, out, o + 1);
    free(out);
}

/* RFC 3986 5.2 by the library's one implementation, without the fragment,
 * as a malloc'ed string (the crawl frees with free()). */
static char *resolve_url(const char *base, const char *ref)
{
    char *r = mlm_uri_resolve(base, ref);
    if (!r)
        return NULL;
    size_t n = strcspn(r, "#");
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, r, n);
        out[n] = '\0';
    }
    mlm_free(r);
    return out;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
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

bool next_is_http(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

char *crawl_resolve(const char *base, bool base_is_url, const char *href, bool *is_url,
                    const char **why)
{
    mlmp_uri_parts r;
    mlmp_uri_split(href, &r);
    *why = NULL;
    if (r.scheme.has) {
        if (next_is_http(href)) {
            *is_url = true;
            return resolve_url(NULL, href);
        }
        if (r.scheme.n == 4 && strncasecmp(r.scheme.s, "file", 4) == 0 && !base_is_url) {
            /* file:///abs/path or file://localhost/abs/path */
            if (r.authority.has && r.authority.n &&
                !(r.authority.n == 9 && strncasecmp(r.authority.s, "localhost", 9) == 0)) {
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

/* --- the next request of a page ------------------------------------------------ */

void next_request_clear(next_request *r)
{
    free(r->target);
    json_decref(r->body);
    json_decref(r->headers);
    memset(r, 0, sizeof(*r));
}

next_status next_request_read(const json_t *links, const char *base, bool base_is_url,
                              const json_t *cur_body, const json_t *cur_headers, next_request *out)
{
    memset(out, 0, sizeof(*out));
    size_t i;
    json_t *link, *next = NULL;
    json_array_foreach (links, i, link) {
        const char *rel = json_string_value(json_object_get(link, "rel"));
        if (rel && strcmp(rel, "next") == 0 && json_string_value(json_object_get(link, "href"))) {
            next = link;
            break;
        }
    }
    if (!next)
        return NEXT_NONE;
    out->href = json_string_value(json_object_get(next, "href"));
    if (strlen(out->href) > NEXT_HREF_MAX) {
        out->why = "the href is longer than 8192 bytes, which no server is expected to take";
        return NEXT_UNRESOLVED;
    }
    out->target = crawl_resolve(base, base_is_url, out->href, &out->url, &out->why);
    if (!out->target)
        return NEXT_UNRESOLVED;
    const char *method = json_string_value(json_object_get(next, "method"));
    out->post = method && strcasecmp(method, "POST") == 0;
    out->code = MLM_ERR_UNSUPPORTED;
    if (method && !out->post && strcasecmp(method, "GET") != 0) {
        snprintf(out->message, sizeof(out->message),
                 "asks for the method %.40s; only GET and POST are supported", method);
        return NEXT_REFUSED;
    }
    if (out->post && !out->url) {
        snprintf(out->message, sizeof(out->message), "asks to POST to a file");
        return NEXT_REFUSED;
    }
    bool merge = json_is_true(json_object_get(next, "merge"));
    json_t *lbody = json_object_get(next, "body");
    json_t *lheaders = json_object_get(next, "headers");
    if (out->post && lbody && !json_is_object(lbody)) {
        out->code = MLM_ERR_INVALID_ARG;
        snprintf(out->message, sizeof(out->message),
                 "has a POST body that is not a JSON object, so the next request cannot be "
                 "made");
        return NEXT_REFUSED;
    }
    if (lheaders && !json_is_object(lheaders)) {
        out->code = MLM_ERR_INVALID_ARG;
        snprintf(out->message, sizeof(out->message),
                 "has headers that are not a JSON object, so the next request cannot be made");
        return NEXT_REFUSED;
    }
    out->code = 0;
    if (out->post) {
        out->body = merge && json_is_object(cur_body) ? json_deep_copy(cur_body) : json_object();
        if (out->body && json_is_object(lbody))
            json_object_update(out->body, lbody);
    }
    if (merge && json_is_object(cur_headers))
        out->headers = json_deep_copy(cur_headers);
    if (json_is_object(lheaders)) {
        if (!out->headers)
            out->headers = json_object();
        if (out->headers)
            json_object_update(out->headers, lheaders);
    }
    return NEXT_FOLLOW;
}
