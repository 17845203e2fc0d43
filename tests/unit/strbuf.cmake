# The string buffer (src/strbuf.c): RFC 6901 token escaping and unescaping.
mlm_add_cmocka_test(test_strbuf ${CMAKE_CURRENT_LIST_DIR}/test_strbuf.c)
