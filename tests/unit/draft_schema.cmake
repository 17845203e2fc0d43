# The draft's native rules against schemas/mlm-draft.schema.json (run by the
# project's schema engine) on the draft fixtures, examples and mutants.
mlm_add_cmocka_test(test_draft_schema ${CMAKE_CURRENT_LIST_DIR}/test_draft_schema.c)
