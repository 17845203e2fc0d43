# Document-structure rules of the released versions (src/rules/v1.c, MLM200-MLM211):
# matchers against PCRE2, per-version scenarios, wrong types, allocation failures.
mlm_add_cmocka_test(test_v1_structure ${CMAKE_CURRENT_LIST_DIR}/test_v1_structure.c)
target_link_libraries(test_v1_structure PRIVATE PkgConfig::PCRE2)
