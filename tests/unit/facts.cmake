# The facts table of MLM (src/facts.c, src/facts/*.def): its accessors and
# the invariants every row must keep.
mlm_add_cmocka_test(test_facts ${CMAKE_CURRENT_LIST_DIR}/test_facts.c)
