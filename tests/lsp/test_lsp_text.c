/* Unit tests of the language server's text and cursor parts: UTF-16
 * positions <-> UTF-8 offsets, incremental edits, token ranges, and the JSON
 * context the cursor is in (tools/mlm-validate/lsp_text.c, lsp_facts.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lsp.h"
#include "lsp_facts.h"

static void set(lsp_text *t, const char *s)
{
    assert_int_equal(lsp_text_set(t, s, strlen(s)), 0);
}

static void test_positions_utf16(void **state)
{
    (void)state;
    lsp_text t = {0};
    /* "é" is 2 bytes / 1 unit, "𝄞" 4 bytes / 2 units, "東" 3 bytes / 1 unit */
    set(&t, "ab\n\xc3\xa9\xf0\x9d\x84\x9ex\xe6\x9d\xb1\r\nlast");
    assert_int_equal(t.n_lines, 3);
    assert_int_equal(lsp_text_offset(&t, 1, 0), 3);
    assert_int_equal(lsp_text_offset(&t, 1, 1), 5);  /* after é */
    assert_int_equal(lsp_text_offset(&t, 1, 3), 9);  /* after 𝄞 (two units) */
    assert_int_equal(lsp_text_offset(&t, 1, 2), 5);  /* inside the pair: its start */
    assert_int_equal(lsp_text_offset(&t, 1, 4), 10); /* after x */
    assert_int_equal(lsp_text_offset(&t, 1, 99), 13); /* past the end: before \r\n */
    assert_int_equal(lsp_text_offset(&t, 7, 0), t.len);
    long line, ch;
    lsp_text_position(&t, 10, &line, &ch);
    assert_int_equal(line, 1);
    assert_int_equal(ch, 4);
    lsp_text_position(&t, 15, &line, &ch);
    assert_int_equal(line, 2);
    assert_int_equal(ch, 0);
    /* the library's line:column counts code points */
    assert_int_equal(lsp_text_offset_lc(&t, 2, 3), 9);
    assert_int_equal(lsp_text_offset_lc(&t, 2, 4), 10);
    lsp_text_free(&t);
}

/* The same line counted in UTF-8 bytes and in code points (positionEncoding
 * utf-8 and utf-32). */
static void test_positions_utf8_utf32(void **state)
{
    (void)state;
    lsp_text t = {0};
    t.enc = LSP_UTF8;
    set(&t, "ab\n\xc3\xa9\xf0\x9d\x84\x9ex\xe6\x9d\xb1\r\nlast");
    assert_int_equal(lsp_text_offset(&t, 1, 2), 5);  /* after é (2 bytes) */
    assert_int_equal(lsp_text_offset(&t, 1, 1), 3);  /* inside é: its start */
    assert_int_equal(lsp_text_offset(&t, 1, 6), 9);  /* after 𝄞 (4 bytes) */
    assert_int_equal(lsp_text_offset(&t, 1, 4), 5);  /* inside 𝄞: its start */
    assert_int_equal(lsp_text_offset(&t, 1, 8), 10); /* inside 東: its start */
    assert_int_equal(lsp_text_offset(&t, 1, 10), 13); /* after 東 */
    long line, ch;
    lsp_text_position(&t, 10, &line, &ch);
    assert_int_equal(line, 1);
    assert_int_equal(ch, 7);
    t.enc = LSP_UTF32;
    assert_int_equal(lsp_text_offset(&t, 1, 1), 5); /* after é */
    assert_int_equal(lsp_text_offset(&t, 1, 2), 9); /* after 𝄞: one code point */
    assert_int_equal(lsp_text_offset(&t, 1, 3), 10);
    lsp_text_position(&t, 13, &line, &ch);
    assert_int_equal(ch, 4);
    lsp_text_free(&t);
}

static void test_lone_cr_and_edits(void **state)
{
    (void)state;
    lsp_text t = {0};
    set(&t, "a\rb\nc");
    assert_int_equal(t.n_lines, 3);
    /* replace "b\nc" by "\xc3\xa9" then insert at the start */
    assert_int_equal(lsp_text_replace(&t, lsp_text_offset(&t, 1, 0), lsp_text_offset(&t, 2, 1),
                                      "\xc3\xa9", 2), 0);
    assert_string_equal(t.data, "a\r\xc3\xa9");
    assert_int_equal(t.n_lines, 2);
    assert_int_equal(lsp_text_replace(&t, 0, 0, "{", 1), 0);
    assert_string_equal(t.data, "{a\r\xc3\xa9");
    /* out-of-range and reversed ends are clamped, never read past the text */
    assert_int_equal(lsp_text_replace(&t, 100, 2, "", 0), 0);
    assert_string_equal(t.data, "{a\r\xc3\xa9");
    lsp_text_free(&t);
}

static void test_token_end(void **state)
{
    (void)state;
    lsp_text t = {0};
    set(&t, "{\"k\": \"v\\\"w\", \"n\": -1.5e3, \"o\": {}, \"u\": \"open\n");
    assert_int_equal(lsp_text_token_end(&t, 6), 12);  /* "v\"w" with its quotes */
    assert_int_equal(lsp_text_token_end(&t, 19), 25); /* -1.5e3 */
    assert_int_equal(lsp_text_token_end(&t, 32), 33); /* { alone */
    assert_int_equal(lsp_text_token_end(&t, 41), 46); /* an unclosed string: to the line end */
    lsp_text_free(&t);
}

/* The cursor at the '|' of @p marked (removed before scanning). */
static void cursor(const char *marked, lsp_cursor *c)
{
    char buf[1024];
    const char *bar = strchr(marked, '|');
    assert_non_null(bar);
    size_t at = (size_t)(bar - marked);
    memcpy(buf, marked, at);
    strcpy(buf + at, bar + 1);
    lsp_cursor_at(buf, strlen(buf), at, c);
}

static void test_cursor(void **state)
{
    (void)state;
    lsp_cursor c;
    cursor("{\"properties\": {\"mlm:accelerator\": \"cu|da\"}}", &c);
    assert_int_equal(c.object, LSP_OBJ_PROPERTIES);
    assert_true(c.at_value && c.in_string && c.closed);
    assert_string_equal(c.key, "mlm:accelerator");
    cursor("{\"properties\": {\"mlm:input\": [{\"input\": {\"data_type\": \"|", &c);
    assert_int_equal(c.object, LSP_OBJ_STRUCT);
    assert_string_equal(c.key, "data_type");
    assert_false(c.closed);
    cursor("{\"properties\": {\"mlm:output\": [{\"tasks\": [\"a\", \"|\"]}]}}", &c);
    assert_int_equal(c.object, LSP_OBJ_OUTPUT);
    assert_string_equal(c.key, "tasks");
    cursor("{\"assets\": {\"w\": {\"href\": \"x\", |}}}", &c);
    assert_int_equal(c.object, LSP_OBJ_ASSET);
    assert_true(c.at_key && !c.in_string);
    assert_int_equal(c.n_present, 1);
    assert_string_equal(c.present[0], "href");
    cursor("{\"properties\": {\"mlm:input\": [{\"value_scaling\": [{\"ty|pe\": 1}]}]}}", &c);
    assert_int_equal(c.object, LSP_OBJ_SCALING);
    assert_true(c.at_key);
    assert_string_equal(c.key, "type");
    /* garbage and deep nesting never break the scan */
    cursor("]]]}}}{[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[|", &c);
    assert_int_equal(c.object, LSP_OBJ_UNKNOWN);
}

static void test_facts(void **state)
{
    (void)state;
    lsp_field f;
    assert_true(lsp_facts_field(LSP_OBJ_PROPERTIES, "mlm:accelerator", MLM_SPEC_UNKNOWN, &f));
    assert_int_equal(f.since, MLM_SPEC_1_0_0);
    assert_true(lsp_facts_field(LSP_OBJ_INPUT, "value_scaling", MLM_SPEC_1_5_2, &f));
    assert_false(lsp_facts_field_in(&f, MLM_SPEC_1_2_0));
    assert_false(lsp_facts_field(LSP_OBJ_INPUT, "mlm:name", MLM_SPEC_UNKNOWN, &f));
    const char *names[64];
    size_t n = lsp_facts_values(LSP_OBJ_PROPERTIES, "mlm:tasks", MLM_SPEC_1_4_0, names, 64);
    size_t n15 = lsp_facts_values(LSP_OBJ_PROPERTIES, "mlm:tasks", MLM_SPEC_1_5_0, names, 64);
    assert_true(n > 10 && n15 == n + 1); /* one task came with 1.5.0 */
    assert_int_equal(lsp_facts_values(LSP_OBJ_PROPERTIES, "mlm:name", MLM_SPEC_UNKNOWN, names, 64), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions_utf16), cmocka_unit_test(test_positions_utf8_utf32),
        cmocka_unit_test(test_lone_cr_and_edits),
        cmocka_unit_test(test_token_end), cmocka_unit_test(test_cursor),
        cmocka_unit_test(test_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
