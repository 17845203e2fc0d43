mlm_add_cmocka_test(test_conventions ${CMAKE_CURRENT_LIST_DIR}/test_conventions.c)
