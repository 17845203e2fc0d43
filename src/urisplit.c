/* The URI splitter of urisplit.h. */
#include <ctype.h>
#include <string.h>

#include "urisplit.h"

void mlmp_uri_split(const char *s, mlmp_uri_parts *out)
{
    memset(out, 0, sizeof(*out));
    const char *p = s;
    if (isalpha((unsigned char)*p)) {
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '+' || *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            out->scheme = (mlmp_uri_span){p, (size_t)(q - p), true};
            p = q + 1;
        }
    }
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        size_t n = strcspn(p, "/?#");
        out->authority = (mlmp_uri_span){p, n, true};
        p += n;
    }
    size_t n = strcspn(p, "?#");
    out->path = (mlmp_uri_span){p, n, true};
    p += n;
    if (*p == '?') {
        p++;
        n = strcspn(p, "#");
        out->query = (mlmp_uri_span){p, n, true};
        p += n;
    }
    if (*p == '#')
        out->fragment = (mlmp_uri_span){p + 1, strlen(p + 1), true};
}
