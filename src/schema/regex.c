/* ECMA-262 regular expressions (as JSON Schema requires) on top of PCRE2.
 *
 * The pattern is translated to PCRE2 syntax where the two differ:
 *   - `.` excludes only \n \r U+2028 U+2029, as in ECMA-262;
 *   - `\s`/`\S` use the ECMA-262 white-space set (Unicode spaces included;
 *     `\S` inside a class keeps PCRE2's meaning);
 *   - `\v` is U+000B (PCRE2: any vertical space), `\0` is NUL, `\uXXXX`,
 *     `\u{X...}` and surrogate pairs become `\x{...}`;
 *   - `[` inside a class is literal (PCRE2 would read `[:alpha:]`);
 *   - `\p{Letter}`, `\p{Script=Greek}` and other long property names become
 *     the short names PCRE2 knows (`\p{L}`, `\p{Greek}`);
 *   - letter escapes ECMA-262 does not define (`\Z`, `\A`, `\z`, `\a`, `\e`,
 *     `\h`, `\Q`, ...) are rejected instead of taking PCRE2's meaning.
 * Compile options: UTF, DOLLAR_ENDONLY ($ only at the very end),
 * ALLOW_EMPTY_CLASS (`[]` and `[^]`), no UCP (so \d and \w are ASCII).
 * Patterns are unanchored; match and depth limits come from the match
 * context, and a match that hits them reports MLM_ERR_DEPTH.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "schema/schema_int.h"

/* PCRE2's JIT code scans subjects with 16-byte loads that may pass the end
 * of the buffer (never a page boundary): harmless, but valgrind reports
 * every one, from code it cannot name or suppress precisely. Under valgrind
 * the interpreter runs instead; elsewhere this costs nothing. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define MLMP_UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef MLMP_UNDER_VALGRIND
#define MLMP_UNDER_VALGRIND() 0
#endif

static void *re_malloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return mlmp_malloc(n);
}

static void re_free(void *p, void *data)
{
    (void)data;
    mlmp_free(p);
}

int mlmp_sch_regex_env_init(mlmp_sch_regex_env *env, unsigned long match_limit,
                            unsigned long depth_limit)
{
    memset(env, 0, sizeof(*env));
    env->gctx = pcre2_general_context_create(re_malloc, re_free, NULL);
    if (!env->gctx)
        return MLM_ERR_NOMEM;
    env->cctx = pcre2_compile_context_create(env->gctx);
    env->mctx = pcre2_match_context_create(env->gctx);
    if (!env->cctx || !env->mctx) {
        mlmp_sch_regex_env_free(env);
        return MLM_ERR_NOMEM;
    }
    pcre2_set_match_limit(env->mctx, (uint32_t)(match_limit ? match_limit : 1000000ul));
    pcre2_set_depth_limit(env->mctx, (uint32_t)(depth_limit ? depth_limit : 10000ul));
    return MLM_OK;
}

void mlmp_sch_regex_env_free(mlmp_sch_regex_env *env)
{
    pcre2_match_context_free(env->mctx);
    pcre2_compile_context_free(env->cctx);
    pcre2_general_context_free(env->gctx);
    memset(env, 0, sizeof(*env));
}

static const char ECMA_SPACE[] =
    "\\t\\n\\x0b\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}"
    "\\x{205f}\\x{3000}\\x{feff}";

/* Read \uXXXX at s[i] (s[i] == '\\', s[i+1] == 'u'); returns code point or -1. */
static long read_u4(const char *s, size_t n, size_t i)
{
    if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u')
        return -1;
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = mlmp_hex_digit((unsigned char)s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* ECMA-262 spells Unicode properties with long names and "Name=Value"
 * forms; PCRE2 10.42 knows the short General_Category names and bare script
 * names. */
static const char *const GC_NAMES[][2] = {{"Letter", "L"},
                                          {"Cased_Letter", "L&"},
                                          {"Uppercase_Letter", "Lu"},
                                          {"Lowercase_Letter", "Ll"},
                                          {"Titlecase_Letter", "Lt"},
                                          {"Modifier_Letter", "Lm"},
                                          {"Other_Letter", "Lo"},
                                          {"Mark", "M"},
                                          {"Combining_Mark", "M"},
                                          {"Nonspacing_Mark", "Mn"},
                                          {"Spacing_Mark", "Mc"},
                                          {"Enclosing_Mark", "Me"},
                                          {"Number", "N"},
                                          {"Decimal_Number", "Nd"},
                                          {"digit", "Nd"},
                                          {"Letter_Number", "Nl"},
                                          {"Other_Number", "No"},
                                          {"Punctuation", "P"},
                                          {"punct", "P"},
                                          {"Connector_Punctuation", "Pc"},
                                          {"Dash_Punctuation", "Pd"},
                                          {"Open_Punctuation", "Ps"},
                                          {"Close_Punctuation", "Pe"},
                                          {"Initial_Punctuation", "Pi"},
                                          {"Final_Punctuation", "Pf"},
                                          {"Other_Punctuation", "Po"},
                                          {"Symbol", "S"},
                                          {"Math_Symbol", "Sm"},
                                          {"Currency_Symbol", "Sc"},
                                          {"Modifier_Symbol", "Sk"},
                                          {"Other_Symbol", "So"},
                                          {"Separator", "Z"},
                                          {"Space_Separator", "Zs"},
                                          {"Line_Separator", "Zl"},
                                          {"Paragraph_Separator", "Zp"},
                                          {"Other", "C"},
                                          {"Control", "Cc"},
                                          {"cntrl", "Cc"},
                                          {"Format", "Cf"},
                                          {"Surrogate", "Cs"},
                                          {"Private_Use", "Co"},
                                          {"Unassigned", "Cn"}};

static void put_property(mlmp_strbuf *out, const char *p, size_t n)
{
    const char *eq = memchr(p, '=', n);
    if (eq) { /* General_Category=X, gc=X, Script=X, sc=X, Script_Extensions=X, scx=X */
        n -= (size_t)(eq + 1 - p);
        p = eq + 1;
    }
    for (size_t i = 0; i < MLMP_ARRAY_LEN(GC_NAMES); i++) {
        if (strlen(GC_NAMES[i][0]) == n && memcmp(GC_NAMES[i][0], p, n) == 0) {
            mlmp_strbuf_puts(out, GC_NAMES[i][1]);
            return;
        }
    }
    mlmp_strbuf_append(out, p, n);
}

/* Fail a translation with a reason. */
static int bad(char *msg, size_t msglen, const char *fmt, ...) MLMP_PRINTF(3, 4);
static int bad(char *msg, size_t msglen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, msglen, fmt, ap);
    va_end(ap);
    return MLM_ERR_SCHEMA;
}

/* \uXXXX (with a following low surrogate), or \u{X...}; s[*i] is the 'u'. */
static int translate_u(const char *s, size_t n, size_t *i, mlmp_strbuf *out, char *msg,
                       size_t msglen)
{
    long cp = -1;
    if (*i + 1 < n && s[*i + 1] == '{') {
        size_t j = *i + 2;
        cp = 0;
        while (j < n && mlmp_hex_digit((unsigned char)s[j]) >= 0 && cp <= 0x10FFFF)
            cp = cp * 16 + mlmp_hex_digit((unsigned char)s[j++]);
        if (j >= n || s[j] != '}' || j == *i + 2 || cp > 0x10FFFF)
            return bad(msg, msglen, "invalid \\u{...} escape");
        *i = j;
    } else {
        cp = read_u4(s, n, *i - 1);
        if (cp < 0)
            return bad(msg, msglen, "\\u must be followed by four hex digits");
        *i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = read_u4(s, n, *i + 1);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                *i += 6;
            }
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return bad(msg, msglen, "lone surrogate \\u%04lx cannot match UTF-8 text", cp);
    mlmp_strbuf_printf(out, "\\x{%lx}", cp);
    return MLM_OK;
}

/* \s and \S: ECMA-262's white space, inside a class or as one. */
static void translate_space(char e, bool in_class, mlmp_strbuf *out)
{
    if (e == 'S' && in_class) {
        mlmp_strbuf_puts(out, "\\S");
        return;
    }
    if (!in_class)
        mlmp_strbuf_puts(out, e == 'S' ? "[^" : "[");
    mlmp_strbuf_puts(out, ECMA_SPACE);
    if (!in_class)
        mlmp_strbuf_putc(out, ']');
}

/* \p{...} and \P{...} with long property names made short; s[*i] is the 'p'. */
static int translate_property(const char *s, size_t n, size_t *i, char e, mlmp_strbuf *out,
                              char *msg, size_t msglen)
{
    mlmp_strbuf_putc(out, '\\');
    mlmp_strbuf_putc(out, e);
    if (*i + 1 >= n || s[*i + 1] != '{')
        return MLM_OK;
    const char *close = memchr(s + *i + 2, '}', n - *i - 2);
    if (!close)
        return bad(msg, msglen, "unterminated \\%c{", e);
    mlmp_strbuf_putc(out, '{');
    put_property(out, s + *i + 2, (size_t)(close - (s + *i + 2)));
    mlmp_strbuf_putc(out, '}');
    *i = (size_t)(close - s);
    return MLM_OK;
}

/* One escape; s[*i] is the character after the backslash. */
static int translate_escape(const char *s, size_t n, size_t *i, bool in_class, mlmp_strbuf *out,
                            char *msg, size_t msglen)
{
    char e = s[*i];
    switch (e) {
    case 's':
    case 'S': translate_space(e, in_class, out); return MLM_OK;
    case 'v': mlmp_strbuf_puts(out, "\\x0b"); return MLM_OK;
    case 'c':
        if (*i + 1 < n &&
            ((s[*i + 1] >= 'a' && s[*i + 1] <= 'z') || (s[*i + 1] >= 'A' && s[*i + 1] <= 'Z'))) {
            mlmp_strbuf_printf(out, "\\x{%x}", (unsigned)(s[*i + 1] & 0x1f));
            (*i)++;
        } else {
            mlmp_strbuf_puts(out, "\\\\c");
        }
        return MLM_OK;
    case 'x':
        if (*i + 2 >= n || mlmp_hex_digit((unsigned char)s[*i + 1]) < 0 ||
            mlmp_hex_digit((unsigned char)s[*i + 2]) < 0)
            return bad(msg, msglen, "\\x must be followed by two hex digits");
        mlmp_strbuf_printf(out, "\\x{%c%c}", s[*i + 1], s[*i + 2]);
        *i += 2;
        return MLM_OK;
    case 'u': return translate_u(s, n, i, out, msg, msglen);
    case '0':
        if (*i + 1 < n && s[*i + 1] >= '0' && s[*i + 1] <= '9')
            return bad(msg, msglen, "octal escapes are not ECMA-262");
        mlmp_strbuf_puts(out, "\\x{0}");
        return MLM_OK;
    case 'p':
    case 'P': return translate_property(s, n, i, e, out, msg, msglen);
    default: break;
    }
    if (e >= '1' && e <= '9' && in_class)
        return bad(msg, msglen, "back-reference in a character class");
    if (((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) && !strchr("dDwWbBfnrtk", e))
        return bad(msg, msglen, "\\%c is not an ECMA-262 escape", e);
    mlmp_strbuf_putc(out, '\\');
    mlmp_strbuf_putc(out, e);
    return MLM_OK;
}

/* '[' outside a class: an empty class "[]" or "[^]" is kept whole. */
static bool translate_class_open(const char *s, size_t n, size_t *i, mlmp_strbuf *out)
{
    mlmp_strbuf_putc(out, '[');
    if (*i + 1 < n && s[*i + 1] == '^') {
        mlmp_strbuf_putc(out, '^');
        (*i)++;
    }
    /* A ']' right after '[' closes an empty class in ECMA-262;
     * PCRE2_ALLOW_EMPTY_CLASS reads it the same way. */
    if (*i + 1 < n && s[*i + 1] == ']') {
        mlmp_strbuf_putc(out, ']');
        (*i)++;
        return false;
    }
    return true;
}

int mlmp_sch_regex_translate(const char *s, size_t n, mlmp_strbuf *out, char *msg, size_t msglen)
{
    bool in_class = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\') {
            if (i + 1 >= n)
                return bad(msg, msglen, "pattern ends with a lone backslash");
            i++;
            int rc = translate_escape(s, n, &i, in_class, out, msg, msglen);
            if (rc)
                return rc;
        } else if (in_class) {
            if (c == ']')
                in_class = false;
            if (c == '[')
                mlmp_strbuf_putc(out, '\\');
            mlmp_strbuf_putc(out, c);
        } else if (c == '[') {
            in_class = translate_class_open(s, n, &i, out);
        } else if (c == '.') {
            mlmp_strbuf_puts(out, "[^\\n\\r\\x{2028}\\x{2029}]");
        } else {
            mlmp_strbuf_putc(out, c);
        }
    }
    if (out->failed)
        return MLM_ERR_NOMEM;
    return MLM_OK;
}

mlmp_sch_regex *mlmp_sch_regex_compile(const mlmp_sch_regex_env *env, const char *src, size_t n,
                                       char *msg, size_t msglen, bool *nomem)
{
    *nomem = false;
    mlmp_strbuf tr = MLMP_STRBUF_INIT;
    int rc = mlmp_sch_regex_translate(src, n, &tr, msg, msglen);
    if (rc != MLM_OK || !mlmp_strbuf_cstr(&tr)) {
        if (rc == MLM_ERR_NOMEM || rc == MLM_OK) {
            *nomem = true;
            snprintf(msg, msglen, "out of memory");
        }
        mlmp_strbuf_free(&tr);
        return NULL;
    }
    mlmp_sch_regex *re = mlmp_calloc(1, sizeof(*re));
    if (!re) {
        mlmp_strbuf_free(&tr);
        *nomem = true;
        snprintf(msg, msglen, "out of memory");
        return NULL;
    }
    re->source = mlmp_strdup(src);
    int errcode = 0;
    PCRE2_SIZE erroff = 0;
    if (re->source)
        re->code = pcre2_compile((PCRE2_SPTR)tr.data, tr.len,
                                 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY |
                                     PCRE2_ALLOW_EMPTY_CLASS,
                                 &errcode, &erroff, env->cctx);
    mlmp_strbuf_free(&tr);
    if (!re->code) {
        if (!re->source || errcode == PCRE2_ERROR_HEAP_FAILED || errcode == PCRE2_ERROR_NOMEMORY) {
            *nomem = true;
            snprintf(msg, msglen, "out of memory");
        } else {
            PCRE2_UCHAR buf[120];
            if (pcre2_get_error_message(errcode, buf, sizeof(buf)) < 0)
                buf[0] = '\0';
            snprintf(msg, msglen, "%s", (const char *)buf);
        }
        mlmp_sch_regex_free(re);
        return NULL;
    }
    /* JIT is an optimisation only: the interpreter runs when it is absent. */
    if (!MLMP_UNDER_VALGRIND())
        (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    return re;
}

void mlmp_sch_regex_free(mlmp_sch_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    mlmp_free(re->source);
    mlmp_free(re);
}

int mlmp_sch_regex_match(const mlmp_sch_regex_env *env, const mlmp_sch_regex *re, const char *s,
                         size_t n, pcre2_match_data **md)
{
    if (!*md) {
        *md = pcre2_match_data_create(1, env->gctx);
        if (!*md)
            return MLM_ERR_NOMEM;
    }
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, *md, env->mctx);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_NOMEMORY)
        return MLM_ERR_NOMEM;
    return MLM_ERR_DEPTH;
}
