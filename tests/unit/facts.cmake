# The facts table of MLM (src/facts.c, src/facts/*.def): its accessors and
# the invariants every row must keep.
mlm_add_cmocka_test(test_facts ${CMAKE_CURRENT_LIST_DIR}/test_facts.c)
# Tidiness: every fact of MLM (mlm: names, version lists, the newest version,
# the draft's identifier) is written only in the facts table
# (tests/tidy/facts_one_home.py). The second test plants each kind of
# violation in a small tree, so the first cannot pass because the script
# found nothing.
mlm_add_tidy_test(tidy_facts_one_home facts_one_home)
