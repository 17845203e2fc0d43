# Fixes attached to diagnostics (src/fix.c): text edits from patch
# operations, mlm_text_apply_edits() and mlm_diagnostics_apply_fixes().
mlm_add_cmocka_test(test_fix ${CMAKE_CURRENT_LIST_DIR}/test_fix.c)
