/* The hand-written matchers of src/rules/patterns.c against PCRE2.
 *
 * PCRE2 runs with PCRE2_UTF | PCRE2_DOLLAR_ENDONLY (so `$` is the very end, as
 * in ECMA-262) and without PCRE2_UCP (so `\d` is ASCII, as in ECMA-262). Two
 * ECMA-262 classes differ from PCRE2's: `\s` (ECMA adds U+00A0, U+1680,
 * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF) and `.`
 * (ECMA also excludes U+000D, U+2028 and U+2029; PCRE2's default newline is
 * LF only). The reference regexes below therefore spell those classes out;
 * a second check runs each schema pattern verbatim and verifies that PCRE2
 * only departs from it on strings holding one of those code points. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/patterns.h"
#include "testutil.h"

#define MLMP_TEST_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define ECMA_SP "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}" \
                "\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"
#define ECMA_DOT "[^\\n\\r\\x{2028}\\x{2029}]"

typedef bool (*matcher_fn)(const char *s, size_t n);

typedef struct {
    const char *name;
    const char *schema_pattern; /* as the schema writes it */
    const char *ecma_pattern;   /* the same, with ECMA-262 \s and . spelt out */
    matcher_fn fn;
    const char *seeds[4]; /* matching strings the generator mutates */
} pattern_case;

static bool not_mlm(const char *s, size_t n) { return mlmp_pat_not_prefixed(s, n, "mlm:"); }
static bool not_dlm(const char *s, size_t n) { return mlmp_pat_not_prefixed(s, n, "dlm:"); }

static const pattern_case cases[] = {
    {"mlm:name", "^[a-zA-Z][a-zA-Z0-9_.\\-\\s]+[a-zA-Z0-9]$",
     "^[a-zA-Z][a-zA-Z0-9_.\\-" ECMA_SP "]+[a-zA-Z0-9]$", mlmp_pat_model_name, {"Resnet-18 Sentinel-2", "a b", "abc", "x\xC2\xA0y"}},
    {"mlm:framework", "^(?=[^\\s._\\-]).*[^\\s._\\-]$",
     "^(?=[^" ECMA_SP "._\\-])" ECMA_DOT "*[^" ECMA_SP "._\\-]$", mlmp_pat_framework, {"PyTorch", "Hugging Face", "x", "scikit-learn"}},
    {"mlm:framework_version",
     "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
     "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$",
     NULL, mlmp_pat_semver, {"1.2.3", "1.0.0-rc.1+b.5", "10.20.30-0a.x-y", "0.0.0+001"}},
    {"dim_order", "^[a-z-_]+$", NULL, mlmp_pat_dim_name, {"batch", "time-step_x", "_", "-"}},
    {"mlm:hyperparameters key", "^[0-9a-zA-Z_.-]+$", NULL, mlmp_pat_hyperparameter_key, {"lr", "optimizer.lr", "a-b_c", "9"}},
    {"color_hint", "^([0-9A-Fa-f]{6})$", NULL, mlmp_pat_color_hint, {"00ff7F", "ABCDEF", "123456", "a0b1c2"}},
    {"catch-all v1.4.0+", "^(?!mlm:)", NULL, not_mlm, {"eo:bands", "mlm", "ml:x", "xmlm:"}},
    {"catch-all v1.0.0-v1.3.0", "^(?!dlm:)", NULL, not_dlm, {"mlm:x", "dlm", "dl:x", "xdlm:"}},
};

static pcre2_code *compile(const char *pattern)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof(msg));
        fail_msg("cannot compile %s at %zu: %s", pattern, (size_t)off, (const char *)msg);
    }
    return re;
}

static bool pcre_matches(pcre2_code *re, const char *s, size_t n)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    if (rc < -1)
        fail_msg("pcre2_match error %d", rc);
    return rc >= 0;
}

/* --- string generation ----------------------------------------------------- */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t bound)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % bound);
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Code points that sit on the edges of the classes above. */
static const uint32_t alphabet[] = {
    'a', 'b', 'f', 'g', 'm', 'l', 'd', 'z', 'A', 'F', 'G', 'Z', '0', '1', '9', '.', '_', '-', '+',
    ':', ' ', '\t', '\n', '\r', 0x0B, 0x0C, '/', '@', 0x00, 0x7F, 0x85, 0xA0, 0xE9, 0x660,
    0x1680, 0x180E, 0x2000, 0x2005, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    0xFEFF, 0xFF10, 0x1F600};

/* Fragments that build well-formed-looking versions, names and keys. */
static const char *const tokens[] = {
    "0", "1", "10", "01", "00", "7", "123", ".", ".", "-", "+", "a", "rc", "alpha", "x-y", "0a",
    "mlm:", "dlm:", "mlm", "dlm", ":", "Z", "\n", " ", "_", "ff", "A0", "\xC2\xA0", "\xE2\x80\xA8"};

/* A seed with up to three random edits (replace, insert, delete). */
static size_t mutate(char *buf, size_t cap, const char *seed)
{
    size_t n = strlen(seed);
    memcpy(buf, seed, n);
    uint32_t edits = rnd(4);
    for (uint32_t e = 0; e < edits; e++) {
        char ins[8];
        size_t il = put_utf8(ins, alphabet[rnd((uint32_t)MLMP_TEST_LEN(alphabet))]);
        size_t at = n ? rnd((uint32_t)n + 1) : 0;
        /* keep edits on code point boundaries */
        while (at < n && ((unsigned char)buf[at] & 0xC0) == 0x80)
            at++;
        uint32_t op = rnd(3);
        if (op != 1 && at < n) { /* delete (or replace) the code point at `at` */
            size_t end = at + 1;
            while (end < n && ((unsigned char)buf[end] & 0xC0) == 0x80)
                end++;
            memmove(buf + at, buf + end, n - end);
            n -= end - at;
        }
        if (op != 2 && n + il < cap) { /* insert (or replace) */
            memmove(buf + at + il, buf + at, n - at);
            memcpy(buf + at, ins, il);
            n += il;
        }
    }
    return n;
}

static size_t gen(const pattern_case *pc, char *buf, size_t cap)
{
    size_t n = 0;
    uint32_t mode = rnd(3);
    if (mode == 2) {
        size_t seeds = 0;
        while (seeds < MLMP_TEST_LEN(pc->seeds) && pc->seeds[seeds])
            seeds++;
        return mutate(buf, cap, pc->seeds[rnd((uint32_t)seeds)]);
    }
    if (mode == 0) {
        uint32_t len = rnd(10);
        for (uint32_t k = 0; k < len && n + 4 < cap; k++)
            n += put_utf8(buf + n, alphabet[rnd((uint32_t)MLMP_TEST_LEN(alphabet))]);
    } else {
        uint32_t len = rnd(9);
        for (uint32_t k = 0; k < len; k++) {
            const char *t = tokens[rnd((uint32_t)MLMP_TEST_LEN(tokens))];
            size_t tl = strlen(t);
            if (n + tl >= cap)
                break;
            memcpy(buf + n, t, tl);
            n += tl;
        }
    }
    return n;
}

/* Does s hold a code point where ECMA-262 and non-UCP PCRE2 classes differ? */
static bool has_ecma_only_char(const char *s, size_t n)
{
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        uint32_t c = u[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (len > 1) {
            c &= 0x3Fu >> (len - 1);
            for (size_t k = 1; k < len && i + k < n; k++)
                c = (c << 6) | (u[i + k] & 0x3Fu);
        }
        if (c == '\r' || (c > 0x7F && mlmp_pat_is_ecma_space(c)))
            return true;
        i += len;
    }
    return false;
}

static void describe(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F)
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
    }
    out[o] = '\0';
}

static void check_one(const pattern_case *pc, pcre2_code *ecma, pcre2_code *verbatim,
                      const char *s, size_t n)
{
    bool mine = pc->fn(s, n);
    bool ref = pcre_matches(ecma, s, n);
    if (mine != ref) {
        char d[256];
        describe(d, sizeof(d), s, n);
        fail_msg("%s: matcher says %d, ECMA regex says %d for \"%s\"", pc->name, mine, ref, d);
    }
    if (verbatim != ecma && pcre_matches(verbatim, s, n) != ref && !has_ecma_only_char(s, n)) {
        char d[256];
        describe(d, sizeof(d), s, n);
        fail_msg("%s: PCRE2 and ECMA-262 differ on \"%s\" without an ECMA-only character",
                 pc->name, d);
    }
}

#define FIXED(str) {str, sizeof(str) - 1}
static const struct {
    const char *s;
    size_t n;
} fixed[] = {
    FIXED(""), FIXED("a"), FIXED("ab"), FIXED("abc"), FIXED("a b"), FIXED("a\nb"),
    FIXED("a\xE2\x80\xA8z"), FIXED("Resnet-18 Sentinel-2 ALL MOCO"), FIXED("model\n"),
    FIXED("1.2.3"), FIXED("1.2.3-rc.1+build.5"), FIXED("01.2.3"), FIXED("1.2"), FIXED("1.2.3-"),
    FIXED("1.2.3+"), FIXED("1.2.3-01"), FIXED("1.2.3-0a"), FIXED("1.2.3-a..b"), FIXED("1.2.3\n"),
    FIXED("2.1.0+cu121"), FIXED("PyTorch"), FIXED(" PyTorch"), FIXED("PyTorch."), FIXED("x"),
    FIXED("."), FIXED("\xC2\xA0x"), FIXED("x\xEF\xBB\xBF"), FIXED("ab\rc"), FIXED("batch"),
    FIXED("time-step_2"), FIXED("Bands"), FIXED("lr"), FIXED("learning.rate-2"), FIXED("a b"),
    FIXED("ff00AA"), FIXED("ff00AAB"), FIXED("#ff00AA"), FIXED("mlm:tasks"), FIXED("dlm:x"),
    FIXED("mlm"), FIXED("MLM:x"), FIXED("a\0b"), FIXED("1.2.3-\xD9\xA0"), FIXED("1.\xD9\xA0.3"),
};

static void test_against_pcre2(void **state)
{
    (void)state;
    char buf[128];
    for (size_t p = 0; p < MLMP_TEST_LEN(cases); p++) {
        const pattern_case *pc = &cases[p];
        pcre2_code *verbatim = compile(pc->schema_pattern);
        pcre2_code *ecma = pc->ecma_pattern ? compile(pc->ecma_pattern) : verbatim;
        size_t matched = 0;
        for (size_t i = 0; i < MLMP_TEST_LEN(fixed); i++)
            check_one(pc, ecma, verbatim, fixed[i].s, fixed[i].n);
        for (int i = 0; i < 5000; i++) {
            size_t n = gen(pc, buf, sizeof(buf));
            check_one(pc, ecma, verbatim, buf, n);
            matched += pc->fn(buf, n);
        }
        /* the generator must reach both outcomes for every pattern */
        assert_true(matched > 0);
        assert_true(matched < 5000);
        if (ecma != verbatim)
            pcre2_code_free(ecma);
        pcre2_code_free(verbatim);
    }
}

static void test_known_values(void **state)
{
    (void)state;
    assert_true(mlmp_pat_model_name("Resnet-18 Sentinel-2 ALL MOCO", 29));
    assert_false(mlmp_pat_model_name("model\n", 6));
    assert_true(mlmp_pat_model_name("a\nb", 3)); /* \s includes line feeds */
    assert_false(mlmp_pat_model_name("ab", 2));
    assert_true(mlmp_pat_framework("Hugging Face", 12));
    assert_false(mlmp_pat_framework("torch ", 6));
    assert_false(mlmp_pat_framework("a\nb", 3));
    assert_true(mlmp_pat_semver("1.0.0-alpha.1+001", 17));
    assert_false(mlmp_pat_semver("1.0", 3));
    assert_false(mlmp_pat_semver("1.0.0\n", 6));
    assert_false(mlmp_pat_dim_name("time_step-2", 11));
    assert_true(mlmp_pat_dim_name("time_step-x", 11));
    assert_true(mlmp_pat_hyperparameter_key("optimizer.lr", 12));
    assert_false(mlmp_pat_hyperparameter_key("learning rate", 13));
    assert_true(mlmp_pat_color_hint("00ff7F", 6));
    assert_false(mlmp_pat_color_hint("#00ff7F", 7));
    assert_true(mlmp_pat_not_prefixed("eo:bands", 8, "mlm:"));
    assert_false(mlmp_pat_not_prefixed("mlm:task", 8, "mlm:"));
    assert_true(mlmp_pat_is_ecma_space(0xFEFF));
    assert_false(mlmp_pat_is_ecma_space(0x85));
    assert_false(mlmp_pat_is_ecma_space(0x200B));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_values),
        cmocka_unit_test(test_against_pcre2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
