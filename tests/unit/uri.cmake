# mlm_uri_resolve(): RFC 3986 section 5.4 reference resolution.
mlm_add_cmocka_test(test_uri_resolve ${CMAKE_CURRENT_LIST_DIR}/test_uri_resolve.c)
