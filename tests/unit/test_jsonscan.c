/* src/jsonscan.c: where a string or a value's text ends, on JSON and on any
 * other bytes (the scan never reads past n and always advances). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "jsonscan.h"

static size_t str_end(const char *s) { return mlmp_scan_string_end(s, strlen(s), 0); }

static size_t val_end(const char *s) { return mlmp_scan_value_end(s, strlen(s), 0); }

static void test_string_end(void **state)
{
    (void)state;
    assert_int_equal(str_end("\"\""), 2);
    assert_int_equal(str_end("\"abc\", 1"), 5);
    assert_int_equal(str_end("\"a\\\"b\""), 6);           /* "a\"b" */
    assert_int_equal(str_end("\"a\\\\\"b"), 5);           /* "a\\" then b */
    assert_int_equal(str_end("\"\\\\\\\"\""), 6);         /* "\\\"" */
    assert_int_equal(str_end("\"\\\\\\\\\""), 6);         /* "\\\\" */
    assert_int_equal(str_end("\"never closed"), MLMP_SCAN_END);
    assert_int_equal(str_end("\"ends in an escape\\\""), MLMP_SCAN_END);
    assert_int_equal(str_end("\""), MLMP_SCAN_END);
    /* Bytes after n are not read, even a closing quote. */
    assert_int_equal(mlmp_scan_string_end("\"ab\"", 3, 0), MLMP_SCAN_END);
}

static void test_value_end(void **state)
{
    (void)state;
    assert_int_equal(val_end("1"), 1);
    assert_int_equal(val_end("  -1.5e3 ,"), 8);
    assert_int_equal(val_end("true]"), 4);
    assert_int_equal(val_end("null\n"), 4);
    assert_int_equal(val_end("\"s\" : 1"), 3);
    assert_int_equal(val_end("{}"), 2);
    assert_int_equal(val_end("{\"a\": [1, {\"b\": \"}]\"}], \"c\": 2} tail"), 31);
    assert_int_equal(val_end("[[[]]],[]"), 6);
    assert_int_equal(val_end("{\"a\": [1, 2"), MLMP_SCAN_END);
    assert_int_equal(val_end("[\"open"), MLMP_SCAN_END);
    assert_int_equal(val_end("   "), MLMP_SCAN_END);
    assert_int_equal(val_end(""), MLMP_SCAN_END);
    /* Not JSON: a stray byte is one token, so the scan advances. */
    assert_int_equal(val_end("@"), 1);
    assert_int_equal(val_end("\x01\xff}"), 2);
}

/* Nesting far deeper than any recursion could take is stepped over. */
static void test_deep(void **state)
{
    (void)state;
    size_t depth = 200000;
    char *s = malloc(2 * depth + 2);
    assert_non_null(s);
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = ',';
    s[2 * depth + 1] = '\0';
    assert_int_equal(mlmp_scan_value_end(s, 2 * depth + 1, 0), 2 * depth);
    assert_int_equal(mlmp_scan_value_end(s, 2 * depth - 1, 0), MLMP_SCAN_END);
    free(s);
}

/* Every prefix of a document: the answer is within the prefix or
 * MLMP_SCAN_END, never beyond it. */
static void test_prefixes(void **state)
{
    (void)state;
    const char *doc = "{\"k\": [\"a\\\"\", {\"x\": -0.5}, true], \"m\": \"\\\\\"}";
    size_t n = strlen(doc);
    assert_int_equal(mlmp_scan_value_end(doc, n, 0), n);
    for (size_t len = 0; len < n; len++) {
        size_t e = mlmp_scan_value_end(doc, len, 0);
        assert_int_equal(e, MLMP_SCAN_END);
    }
}

static void test_whitespace(void **state)
{
    (void)state;
    assert_int_equal(mlmp_scan_ws(" \t\r\n x", 6, 0), 5);
    assert_int_equal(mlmp_scan_ws("   ", 3, 1), 3);
    assert_false(mlmp_scan_is_ws('\v'));
    assert_false(mlmp_scan_is_ws('\0'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_end), cmocka_unit_test(test_value_end),
        cmocka_unit_test(test_deep),       cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_whitespace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
