/* Checkers for the draft-07 `format` values (used only when the caller asks
 * for format assertion). RFC 3339 dates and times, RFC 5321-ish e-mail
 * addresses, RFC 1123 host names, IPv4/IPv6, RFC 3986/3987 URIs and IRIs,
 * RFC 6901 JSON Pointers, relative JSON Pointers, ECMA-262 regexes and
 * RFC 6570 URI templates. idn-hostname/idn-email are best effort: label
 * lengths, separators, hyphens, leading combining marks and a few
 * characters IDNA 2008 disallows are checked; full IDNA tables are not. */
#include <string.h>

#include "schema/schema_int.h"

static const struct {
    const char *name;
    mlmp_sch_format f;
} FORMATS[] = {{"date-time", MLMP_FMT_DATE_TIME},
               {"date", MLMP_FMT_DATE},
               {"time", MLMP_FMT_TIME},
               {"email", MLMP_FMT_EMAIL},
               {"idn-email", MLMP_FMT_IDN_EMAIL},
               {"hostname", MLMP_FMT_HOSTNAME},
               {"idn-hostname", MLMP_FMT_IDN_HOSTNAME},
               {"ipv4", MLMP_FMT_IPV4},
               {"ipv6", MLMP_FMT_IPV6},
               {"uri", MLMP_FMT_URI},
               {"uri-reference", MLMP_FMT_URI_REFERENCE},
               {"iri", MLMP_FMT_IRI},
               {"iri-reference", MLMP_FMT_IRI_REFERENCE},
               {"json-pointer", MLMP_FMT_JSON_POINTER},
               {"relative-json-pointer", MLMP_FMT_RELATIVE_JSON_POINTER},
               {"regex", MLMP_FMT_REGEX},
               {"uri-template", MLMP_FMT_URI_TEMPLATE}};

mlmp_sch_format mlmp_sch_format_lookup(const char *name)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(FORMATS); i++)
        if (strcmp(name, FORMATS[i].name) == 0)
            return FORMATS[i].f;
    return MLMP_FMT_UNKNOWN;
}

const char *mlmp_sch_format_name(mlmp_sch_format f)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(FORMATS); i++)
        if (FORMATS[i].f == f)
            return FORMATS[i].name;
    return "value";
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* --- dates and times (RFC 3339) ------------------------------------------------ */

static bool check_date(const char *s, size_t n)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return false;
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = DAYS[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

static bool check_time(const char *s, size_t n)
{
    if (n < 9 || s[2] != ':' || s[5] != ':')
        return false;
    int h = digits(s, 2), m = digits(s + 3, 2), sec = digits(s + 6, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return false;
    size_t i = 8;
    if (i < n && s[i] == '.') {
        size_t st = ++i;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        if (i == st)
            return false;
    }
    int oh = 0, om = 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        if (n - i != 6 || s[i + 3] != ':')
            return false;
        oh = digits(s + i + 1, 2);
        om = digits(s + i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return false;
        if (s[i] == '-') {
            oh = -oh;
            om = -om;
        }
        i += 6;
    } else {
        return false;
    }
    if (i != n)
        return false;
    if (sec == 60) {
        /* a leap second is 23:59:60 in UTC */
        int utc = ((h - oh) * 60 + (m - om)) % 1440;
        if (utc < 0)
            utc += 1440;
        if (utc != 23 * 60 + 59)
            return false;
    }
    return true;
}

static bool check_date_time(const char *s, size_t n)
{
    if (n < 11 || (s[10] != 'T' && s[10] != 't'))
        return false;
    return check_date(s, 10) && check_time(s + 11, n - 11);
}

/* --- hosts and addresses ----------------------------------------------------------- */

static bool check_ipv4(const char *s, size_t n)
{
    int parts = 0;
    size_t i = 0;
    while (parts < 4) {
        size_t st = i;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        size_t len = i - st;
        if (len == 0 || len > 3 || (len > 1 && s[st] == '0') || digits(s + st, len) > 255)
            return false;
        parts++;
        if (parts < 4) {
            if (i >= n || s[i] != '.')
                return false;
            i++;
        }
    }
    return i == n;
}

static bool check_ipv6(const char *s, size_t n)
{
    int groups = 0;
    bool dcolon = false;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        dcolon = true;
        i = 2;
        if (i == n)
            return true;
    } else if (n && s[0] == ':') {
        return false;
    }
    while (i < n) {
        size_t st = i;
        while (i < n && is_hex((unsigned char)s[i]))
            i++;
        size_t len = i - st;
        if (i < n && s[i] == '.') {
            /* embedded IPv4 at the end */
            if (!check_ipv4(s + st, n - st))
                return false;
            groups += 2;
            i = n;
            break;
        }
        if (len == 0 || len > 4)
            return false;
        groups++;
        if (i == n)
            break;
        if (s[i] != ':')
            return false;
        i++;
        if (i < n && s[i] == ':') {
            if (dcolon)
                return false;
            dcolon = true;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return false; /* trailing single ':' */
        }
    }
    return dcolon ? groups <= 7 : groups == 8;
}

static bool check_hostname(const char *s, size_t n)
{
    if (n == 0 || n > 253)
        return false;
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        while (i < n && s[i] != '.') {
            unsigned char c = (unsigned char)s[i];
            if (!is_alpha(c) && !is_digit(c) && c != '-')
                return false;
            i++;
        }
        size_t len = i - st;
        if (len == 0 || len > 63 || s[st] == '-' || s[i - 1] == '-')
            return false;
        if (i < n)
            i++; /* '.' */
        if (i == n && s[n - 1] == '.')
            return false;
    }
    return true;
}

/* Decode one UTF-8 code point at s[*i]; -1 when malformed. */
static long utf8_next(const char *s, size_t n, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!len || *i + (size_t)len > n)
        return -1;
    long cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; k++)
        cp = (cp << 6) | ((unsigned char)s[*i + (size_t)k] & 0x3F);
    *i += (size_t)len;
    return cp;
}

static bool is_combining(long cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x302A && cp <= 0x302F) || cp == 0x3099 ||
           cp == 0x309A;
}

static bool idna_disallowed(long cp)
{
    /* RFC 5892 exceptions and a few well-known DISALLOWED code points */
    return cp == 0x0640 || cp == 0x07FA || cp == 0x302E || cp == 0x302F ||
           (cp >= 0x3031 && cp <= 0x3035) || cp == 0x303B || cp < 0x20 || cp == 0x7F ||
           (cp >= 0x80 && cp < 0xA0) || cp == 0xA0 || cp == 0x2028 || cp == 0x2029;
}

static bool is_idn_dot(long cp)
{
    return cp == '.' || cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61;
}

/* One label of an internationalised host name; *len gets its ACE length estimate. */
static bool check_idn_label(const char *s, size_t n, size_t *len)
{
    size_t i = 0, cps = 0;
    bool ascii = true;
    long cp = 0;
    while (i < n) {
        cp = utf8_next(s, n, &i);
        if (cp < 0 || idna_disallowed(cp))
            return false;
        if (cps == 0 && (is_combining(cp) || cp == '-'))
            return false;
        if (cp < 0x80) {
            if (!is_alpha((int)cp) && !is_digit((int)cp) && cp != '-')
                return false;
        } else {
            ascii = false;
        }
        cps++;
    }
    if (cps == 0 || cp == '-')
        return false;
    /* punycode adds "xn--" and at least one character per code point */
    *len = cps + (ascii ? 0 : 4);
    return *len <= 63;
}

static bool check_idn_hostname(const char *s, size_t n)
{
    if (n == 0)
        return false;
    size_t i = 0, st = 0, total = 0;
    for (;;) {
        size_t at = i;
        long cp = '.';
        if (i < n) {
            cp = utf8_next(s, n, &i);
            if (cp < 0)
                return false;
        }
        if (!is_idn_dot(cp))
            continue;
        size_t len = 0;
        if (!check_idn_label(s + st, at - st, &len))
            return false;
        total += len + 1;
        if (at >= n)
            break;
        st = i;
    }
    return total <= 254;
}

static bool check_email(const char *s, size_t n, bool idn)
{
    const char *at = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == '@') {
            at = s + i - 1;
            break;
        }
    if (!at)
        return false;
    size_t ll = (size_t)(at - s), dl = n - ll - 1;
    if (ll == 0 || ll > 64 || dl == 0)
        return false;
    if (s[0] == '"') {
        if (ll < 2 || s[ll - 1] != '"')
            return false;
        for (size_t i = 1; i + 1 < ll; i++) {
            if (s[i] == '\\') {
                i++;
                continue;
            }
            if (s[i] == '"' || (unsigned char)s[i] < 0x20)
                return false;
        }
    } else {
        if (s[0] == '.' || s[ll - 1] == '.')
            return false;
        for (size_t i = 0; i < ll; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == '.' && s[i + 1] == '.')
                return false;
            if (is_alpha(c) || is_digit(c) || strchr("!#$%&'*+/=?^_`{|}~-.", c) ||
                (idn && c >= 0x80))
                continue;
            return false;
        }
    }
    const char *d = at + 1;
    if (d[0] == '[') {
        if (d[dl - 1] != ']')
            return false;
        if (dl > 7 && strncmp(d + 1, "IPv6:", 5) == 0)
            return check_ipv6(d + 6, dl - 7);
        return check_ipv4(d + 1, dl - 2);
    }
    return idn ? check_idn_hostname(d, dl) : check_hostname(d, dl);
}

/* --- URIs and IRIs (RFC 3986 / 3987) ------------------------------------------------- */

static bool unreserved(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool sub_delim(unsigned char c) { return c && strchr("!$&'()*+,;=", c) != NULL; }

/* Characters [s, e) are pchar-like, plus the extra set; iri allows non-ASCII. */
static bool chars_ok(const char *s, const char *e, const char *extra, bool iri)
{
    for (const char *p = s; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%') {
            if (e - p < 3 || !is_hex((unsigned char)p[1]) || !is_hex((unsigned char)p[2]))
                return false;
            p += 2;
            continue;
        }
        if (unreserved(c) || sub_delim(c) || c == ':' || c == '@' ||
            (extra && c && strchr(extra, c)))
            continue;
        if (iri && c >= 0x80)
            continue;
        return false;
    }
    return true;
}

static bool check_authority(const char *s, const char *e, bool iri)
{
    const char *at = NULL;
    for (const char *p = s; p < e; p++)
        if (*p == '@')
            at = p;
    if (at) {
        for (const char *p = s; p < at; p++)
            if (*p == '@')
                return false;
        if (!chars_ok(s, at, NULL, iri))
            return false;
        s = at + 1;
    }
    const char *host_end;
    if (s < e && *s == '[') {
        const char *close = memchr(s, ']', (size_t)(e - s));
        if (!close)
            return false;
        if (s + 1 < close && (s[1] == 'v' || s[1] == 'V')) {
            if (!chars_ok(s + 2, close, NULL, false))
                return false;
        } else if (!check_ipv6(s + 1, (size_t)(close - s - 1))) {
            return false;
        }
        host_end = close + 1;
    } else {
        host_end = s;
        while (host_end < e && *host_end != ':')
            host_end++;
        for (const char *p = s; p < host_end; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == '%') {
                if (host_end - p < 3 || !is_hex((unsigned char)p[1]) ||
                    !is_hex((unsigned char)p[2]))
                    return false;
                p += 2;
            } else if (!(unreserved(c) || sub_delim(c) || (iri && c >= 0x80))) {
                return false;
            }
        }
    }
    if (host_end < e) {
        if (*host_end != ':')
            return false;
        for (const char *p = host_end + 1; p < e; p++)
            if (!is_digit((unsigned char)*p))
                return false;
    }
    return true;
}

/* hier-part or relative-part with query and fragment. */
static bool check_uri_rest(const char *s, const char *e, bool iri, bool relative)
{
    const char *p = s;
    if (e - p >= 2 && p[0] == '/' && p[1] == '/') {
        const char *a = p + 2, *ae = a;
        while (ae < e && *ae != '/' && *ae != '?' && *ae != '#')
            ae++;
        if (!check_authority(a, ae, iri))
            return false;
        p = ae;
    }
    const char *pe = p;
    while (pe < e && *pe != '?' && *pe != '#')
        pe++;
    if (!chars_ok(p, pe, "/", iri))
        return false;
    if (relative && p == s) {
        /* path-noscheme: no ':' in the first segment */
        const char *seg = p;
        while (seg < pe && *seg != '/') {
            if (*seg == ':')
                return false;
            seg++;
        }
    }
    p = pe;
    if (p < e && *p == '?') {
        const char *q = ++p;
        while (p < e && *p != '#')
            p++;
        if (!chars_ok(q, p, "/?", iri))
            return false;
    }
    if (p < e && *p == '#') {
        if (!chars_ok(p + 1, e, "/?", iri))
            return false;
    }
    return true;
}

static bool check_uri(const char *s, size_t n, bool iri, bool reference)
{
    const char *e = s + n;
    const char *p = s;
    if (p < e && is_alpha((unsigned char)*p)) {
        const char *q = p + 1;
        while (q < e && (is_alpha((unsigned char)*q) || is_digit((unsigned char)*q) || *q == '+' ||
                         *q == '-' || *q == '.'))
            q++;
        if (q < e && *q == ':')
            return check_uri_rest(q + 1, e, iri, false);
    }
    if (!reference)
        return false;
    return check_uri_rest(s, e, iri, true);
}

/* --- pointers, regexes, templates -------------------------------------------------------- */

static bool check_json_pointer(const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (s[0] != '/')
        return false;
    /* Only the escapes can be wrong: unescape nowhere (cap 0) and keep the verdict. */
    bool valid = true;
    (void)mlmp_pointer_untoken(NULL, 0, s, n, &valid);
    return valid;
}

static bool check_relative_json_pointer(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_digit((unsigned char)s[i]))
        i++;
    if (i == 0 || (i > 1 && s[0] == '0'))
        return false;
    if (i == n)
        return true;
    if (s[i] == '#')
        return i + 1 == n;
    return check_json_pointer(s + i, n - i);
}

static int check_regex(const char *s, size_t n)
{
    if (memchr(s, '\0', n))
        return 0;
    mlmp_sch_regex_env env;
    if (mlmp_sch_regex_env_init(&env, 0, 0))
        return MLM_ERR_NOMEM;
    char msg[160];
    bool nomem = false;
    mlmp_sch_regex *re = mlmp_sch_regex_compile(&env, s, n, msg, sizeof(msg), &nomem);
    int rc = re ? 1 : nomem ? MLM_ERR_NOMEM : 0;
    mlmp_sch_regex_free(re);
    mlmp_sch_regex_env_free(&env);
    return rc;
}

static bool check_uri_template(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '}')
            return false;
        if (c == '{') {
            size_t j = i + 1;
            if (j < n && strchr("+#./;?&=,!@|", s[j]) && s[j])
                j++;
            bool need_var = true;
            while (j < n && s[j] != '}') {
                size_t st = j;
                while (j < n && (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j]) ||
                                 s[j] == '_' || s[j] == '%' || (s[j] == '.' && j > st)))
                    j++;
                if (j == st)
                    return false;
                need_var = false;
                if (j < n && s[j] == ':') {
                    size_t d = ++j;
                    while (j < n && is_digit((unsigned char)s[j]))
                        j++;
                    if (j == d || j - d > 4 || s[d] == '0')
                        return false;
                } else if (j < n && s[j] == '*') {
                    j++;
                }
                if (j < n && s[j] == ',') {
                    j++;
                    need_var = true;
                }
            }
            if (j >= n || need_var)
                return false;
            i = j;
            continue;
        }
        if (c <= 0x20 || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '|')
            return false;
        if (c == '%' &&
            (i + 2 >= n || !is_hex((unsigned char)s[i + 1]) || !is_hex((unsigned char)s[i + 2])))
            return false;
    }
    return true;
}

int mlmp_sch_format_check(mlmp_sch_format f, const char *s, size_t n)
{
    switch (f) {
    case MLMP_FMT_DATE_TIME: return check_date_time(s, n);
    case MLMP_FMT_DATE: return check_date(s, n);
    case MLMP_FMT_TIME: return check_time(s, n);
    case MLMP_FMT_EMAIL: return check_email(s, n, false);
    case MLMP_FMT_IDN_EMAIL: return check_email(s, n, true);
    case MLMP_FMT_HOSTNAME: return check_hostname(s, n);
    case MLMP_FMT_IDN_HOSTNAME: return check_idn_hostname(s, n);
    case MLMP_FMT_IPV4: return check_ipv4(s, n);
    case MLMP_FMT_IPV6: return check_ipv6(s, n);
    case MLMP_FMT_URI: return check_uri(s, n, false, false);
    case MLMP_FMT_URI_REFERENCE: return check_uri(s, n, false, true);
    case MLMP_FMT_IRI: return check_uri(s, n, true, false);
    case MLMP_FMT_IRI_REFERENCE: return check_uri(s, n, true, true);
    case MLMP_FMT_JSON_POINTER: return check_json_pointer(s, n);
    case MLMP_FMT_RELATIVE_JSON_POINTER: return check_relative_json_pointer(s, n);
    case MLMP_FMT_REGEX: return check_regex(s, n);
    case MLMP_FMT_URI_TEMPLATE: return check_uri_template(s, n);
    case MLMP_FMT_UNKNOWN: break;
    }
    return 1;
}
