# The facts table of MLM (src/facts.c, src/facts/*.def): its accessors and
# the invariants every row must keep.
mlm_add_cmocka_test(test_facts ${CMAKE_CURRENT_LIST_DIR}/test_facts.c)
# Tidiness: every fact of MLM (mlm: names, version lists, the newest version,
# the draft's identifier) is written only in the facts table
# (tests/tidy/facts_one_home.py). The second test plants each kind of
# violation in a small tree, so the first cannot pass because the script
# found nothing.
if(Python3_Interpreter_FOUND)
  add_test(NAME tidy_facts_one_home
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/facts_one_home.py
                   ${PROJECT_SOURCE_DIR})
  add_test(NAME tidy_facts_one_home_detects
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tidy/facts_one_home_detects.sh
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/facts_one_home.py)
  set_tests_properties(tidy_facts_one_home tidy_facts_one_home_detects PROPERTIES LABELS tidy)
else()
  add_test(NAME tidy_facts_one_home COMMAND sh -c "echo 'SKIP: python3 not found'; exit 77")
  set_tests_properties(tidy_facts_one_home PROPERTIES SKIP_RETURN_CODE 77)
endif()
