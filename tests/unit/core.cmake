mlm_add_cmocka_test(test_core ${CMAKE_CURRENT_LIST_DIR}/test_core.c)
