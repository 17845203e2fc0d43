# Field-value rules of the released MLM versions (src/rules/v1_fields.c).
mlm_add_cmocka_test(test_v1_fields ${CMAKE_CURRENT_LIST_DIR}/test_v1_fields.c)
