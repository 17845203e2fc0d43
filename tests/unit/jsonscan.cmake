# The JSON text scanner (src/jsonscan.c) that the locator, the layout-keeping
# writer and the fixes share: string and value ends on any bytes.
mlm_add_cmocka_test(test_jsonscan ${CMAKE_CURRENT_LIST_DIR}/test_jsonscan.c)
