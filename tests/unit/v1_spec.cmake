# Spec-text warnings of the released versions (src/rules/v1_spec.c, MLM300-MLM322).
mlm_add_cmocka_test(test_v1_spec ${CMAKE_CURRENT_LIST_DIR}/test_v1_spec.c)
