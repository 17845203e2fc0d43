# The shared private helpers: the hash index (src/hashidx.c) and the URI
# splitter (src/urisplit.c), used by the library and compiled into the tools.
mlm_add_cmocka_test(test_helpers ${CMAKE_CURRENT_LIST_DIR}/test_helpers.c)
