/*
 * Splitting a URI reference into its five parts (RFC 3986 appendix B, with
 * the scheme checked against section 3.1: a letter, then letters, digits,
 * '+', '-' or '.').
 *
 * Private: compiled into the library and, as a source file, into the tools.
 * No allocation: every part points into the string given.
 */
#ifndef MLMP_URISPLIT_H
#define MLMP_URISPLIT_H

#include <stdbool.h>
#include <stddef.h>

/* One part: @c s points into the split string (valid while it is), @c n
 * bytes long; @c has tells an empty part from a missing one. */
typedef struct mlmp_uri_span {
    const char *s;
    size_t n;
    bool has;
} mlmp_uri_span;

typedef struct mlmp_uri_parts {
    mlmp_uri_span scheme, authority, path, query, fragment;
} mlmp_uri_parts;

/* Splits @p s (NUL-terminated) into @p out. The path is always present
 * (maybe empty); the others only when their delimiters are there. */
void mlmp_uri_split(const char *s, mlmp_uri_parts *out);

#endif
