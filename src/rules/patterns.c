/* Exact matchers for the MLM field patterns (see patterns.h). Each function
 * states the pattern it stands for and why the straight-line check decides
 * the same strings as the backtracking regex. */
#include <string.h>

#include "rules/patterns.h"

/* Decode one UTF-8 code point at s[*i] (input is valid UTF-8: jansson checks
 * it; a stray byte decodes as itself and advances by one). */
static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 1;
    if (*i + len > n)
        len = 1;
    if (len == 1) {
        (*i)++;
        return c;
    }
    c &= 0x3Fu >> (len - 1);
    for (size_t k = 1; k < len; k++)
        c = (c << 6) | (u[*i + k] & 0x3Fu);
    *i += len;
    return c;
}

bool mlmp_pat_is_line_terminator(uint32_t cp)
{
    return cp == 0x0A || cp == 0x0D || cp == 0x2028 || cp == 0x2029;
}

bool mlmp_pat_is_ecma_space(uint32_t cp)
{
    switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;
    }
}

static bool is_alpha(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_alnum(uint32_t c) { return is_alpha(c) || is_digit(c); }

/* ^[a-zA-Z][a-zA-Z0-9_.\-\s]+[a-zA-Z0-9]$
 * The last class is a subset of the middle one, so the regex accepts exactly
 * the strings of at least three code points with a letter first, an ASCII
 * letter or digit last and only middle-class code points in between. */
bool mlmp_pat_model_name(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    uint32_t last = 0;
    while (i < n) {
        uint32_t c = next_cp(s, n, &i);
        if (count == 0) {
            if (!is_alpha(c))
                return false;
        } else if (count >= 2) {
            /* `last` is now a middle code point */
            if (!(is_alnum(last) || last == '_' || last == '.' || last == '-' ||
                  mlmp_pat_is_ecma_space(last)))
                return false;
        }
        last = c;
        count++;
    }
    return count >= 3 && is_alnum(last);
}

static bool framework_edge(uint32_t c)
{
    return !(mlmp_pat_is_ecma_space(c) || c == '.' || c == '_' || c == '-');
}

/* ^(?=[^\s._\-]).*[^\s._\-]$
 * The lookahead tests the first code point; `.*` then takes every code point
 * but the last, which must not be a line terminator, and the last must be
 * outside the class (line terminators are in \s, so none is allowed
 * anywhere). At least one code point. */
bool mlmp_pat_framework(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    uint32_t c = 0;
    while (i < n) {
        c = next_cp(s, n, &i);
        if (count == 0 && !framework_edge(c))
            return false;
        if (mlmp_pat_is_line_terminator(c))
            return false;
        count++;
    }
    return count >= 1 && framework_edge(c);
}

static bool semver_ident_char(char c) { return is_alnum((unsigned char)c) || c == '-'; }

/* (0|[1-9]\d*) followed by the literal `stop` ('.', or '\0' for "-", "+" or
 * the end). A longer run of digits cannot be split by backtracking because
 * what follows is never a digit. */
static bool semver_core_number(const char *s, size_t n, size_t *i)
{
    size_t start = *i;
    while (*i < n && is_digit((unsigned char)s[*i]))
        (*i)++;
    size_t len = *i - start;
    if (len == 0)
        return false;
    return len == 1 || s[start] != '0';
}

/* One identifier of the pre-release: a maximal run of [0-9A-Za-z-] (the
 * identifiers are separated by '.' and followed by '+' or the end, none of
 * which is in the run), which is 0, [1-9]\d*, or holds a letter or '-'. */
static bool semver_pre_ident(const char *s, size_t start, size_t end)
{
    if (end == start)
        return false;
    for (size_t k = start; k < end; k++)
        if (!is_digit((unsigned char)s[k]))
            return true;
    return end - start == 1 || s[start] != '0';
}

/* ^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)
 *  (?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?
 *  (?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$ */
bool mlmp_pat_semver(const char *s, size_t n)
{
    size_t i = 0;
    for (int part = 0; part < 3; part++) {
        if (!semver_core_number(s, n, &i))
            return false;
        if (part < 2) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
    }
    if (i < n && s[i] == '-') {
        i++;
        for (;;) {
            size_t start = i;
            while (i < n && semver_ident_char(s[i]))
                i++;
            if (!semver_pre_ident(s, start, i))
                return false;
            if (i < n && s[i] == '.') {
                i++;
                continue;
            }
            break;
        }
    }
    if (i < n && s[i] == '+') {
        i++;
        for (;;) {
            size_t start = i;
            while (i < n && semver_ident_char(s[i]))
                i++;
            if (i == start)
                return false;
            if (i < n && s[i] == '.') {
                i++;
                continue;
            }
            break;
        }
    }
    return i == n;
}

/* ^[a-z-_]+$ : the class is a-z, '-' and '_'. */
bool mlmp_pat_dim_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* ^[0-9a-zA-Z_.-]+$ */
bool mlmp_pat_hyperparameter_key(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(is_alnum(c) || c == '_' || c == '.' || c == '-'))
            return false;
    }
    return true;
}

/* ^([0-9A-Fa-f]{6})$ */
bool mlmp_pat_color_hint(const char *s, size_t n)
{
    if (n != 6)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

/* ^(?!prefix) : the key does not start with prefix (an unanchored search of
 * an anchored pattern, so only position 0 counts). */
bool mlmp_pat_not_prefixed(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return !(n >= p && memcmp(s, prefix, p) == 0);
}
