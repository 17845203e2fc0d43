# The stac_extensions URL classifier (src/version.c): a table of traps.
mlm_add_cmocka_test(test_url_class ${CMAKE_CURRENT_LIST_DIR}/test_url_class.c)
