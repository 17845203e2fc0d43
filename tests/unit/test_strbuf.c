/* src/strbuf.c: the one RFC 6901 reference-token escaper and unescaper that
 * the locator, the rules' paths, the schema validator, the model, the
 * migration and the writer share. */
#include "testutil.h"

#include <string.h>

#include "mlm_private.h"

static void escape_is(const char *s, size_t n, const char *want, size_t want_len)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, "/");
    mlmp_strbuf_put_token(&b, s, n);
    assert_false(b.failed);
    assert_int_equal(b.len, want_len + 1);
    assert_memory_equal(b.data + 1, want, want_len);
    mlmp_strbuf_free(&b);
}

static void test_escape(void **state)
{
    (void)state;
    escape_is("", 0, "", 0);
    escape_is("plain", 5, "plain", 5);
    escape_is("a/b", 3, "a~1b", 4);
    escape_is("a~b", 3, "a~0b", 4);
    escape_is("~/~/", 4, "~0~1~0~1", 8);
    escape_is("~1", 2, "~01", 3); /* not unescaped first: ~ then 1 */
    escape_is("a\0/b", 4, "a\0~1b", 5);  /* the length counts, not a NUL */
    escape_is("a/bcd", 3, "a~1b", 4);   /* only the first n bytes */
}

static void unescape_is(const char *s, bool want_valid, const char *want)
{
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    bool valid = mlmp_strbuf_put_untoken(&b, s, strlen(s));
    assert_int_equal(valid, want_valid);
    assert_string_equal(mlmp_strbuf_cstr(&b), want);
    mlmp_strbuf_free(&b);
}

static void test_unescape(void **state)
{
    (void)state;
    unescape_is("", true, "");
    unescape_is("plain", true, "plain");
    unescape_is("a~1b", true, "a/b");
    unescape_is("a~0b", true, "a~b");
    unescape_is("~01", true, "~1"); /* ~0 first, then a plain 1 */
    unescape_is("~10", true, "/0");
    /* A stray '~' is copied and reported. */
    unescape_is("~", false, "~");
    unescape_is("a~2b", false, "a~2b");
    unescape_is("~~0", false, "~~");
}

/* With no room (dst NULL, cap 0) only the verdict and the length come back,
 * as the json-pointer format check uses it. */
static void test_check_only(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool valid;
        size_t len;
    } cases[] = {{"/a~0b/c~1d", true, 8}, {"/a~2", false, 4}, {"/~", false, 2},
                 {"~~0", false, 2},       {"", true, 0},      {"/x~01", true, 4}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool valid = !cases[i].valid;
        size_t len = mlmp_pointer_untoken(NULL, 0, cases[i].s, strlen(cases[i].s), &valid);
        assert_int_equal(valid, cases[i].valid);
        assert_int_equal(len, cases[i].len);
    }
    /* A short buffer is cut and still NUL-terminated; the full length is returned. */
    char small[4];
    bool valid = false;
    assert_int_equal(mlmp_pointer_untoken(small, sizeof(small), "ab~1cd", 6, &valid), 5);
    assert_true(valid);
    assert_string_equal(small, "ab/");
}

static void test_round_trip(void **state)
{
    (void)state;
    static const char *const keys[] = {"", "a", "/", "~", "~0", "~1", "a/b~c", "//~~", "é/ü"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        mlmp_strbuf e = MLMP_STRBUF_INIT, d = MLMP_STRBUF_INIT;
        mlmp_strbuf_put_token(&e, keys[i], strlen(keys[i]));
        const char *esc = mlmp_strbuf_cstr(&e);
        assert_non_null(esc);
        assert_null(strchr(esc, '/'));
        assert_true(mlmp_strbuf_put_untoken(&d, esc, e.len));
        assert_string_equal(mlmp_strbuf_cstr(&d), keys[i]);
        mlmp_strbuf_free(&e);
        mlmp_strbuf_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_unescape),
        cmocka_unit_test(test_check_only),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
