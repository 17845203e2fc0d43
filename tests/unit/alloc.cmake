# Allocation-failure loops over every public entry point (issue 6).
mlm_add_cmocka_test(test_alloc ${CMAKE_CURRENT_LIST_DIR}/test_alloc.c)
# Every N is tried for each scenario: quadratic, so give it room on slow
# machines and under the sanitizers.
set_tests_properties(test_alloc PROPERTIES TIMEOUT 900)
