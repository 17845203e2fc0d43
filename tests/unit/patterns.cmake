# Exact pattern matchers (src/rules/patterns.c) against PCRE2.
mlm_add_cmocka_test(test_patterns ${CMAKE_CURRENT_LIST_DIR}/test_patterns.c)
target_link_libraries(test_patterns PRIVATE PkgConfig::PCRE2)
