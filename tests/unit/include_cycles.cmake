# Tidiness: no #include cycle among the files of src/ and tools/
# (tests/tidy/include_cycles.py). The second test feeds it a small tree with
# a known cycle, so the first cannot pass because the script found nothing.
if(Python3_Interpreter_FOUND)
  add_test(NAME tidy_include_cycles
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/include_cycles.py
                   ${PROJECT_SOURCE_DIR})
  add_test(NAME tidy_include_cycles_detects
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tidy/include_cycles_detects.sh
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/include_cycles.py)
  set_tests_properties(tidy_include_cycles tidy_include_cycles_detects PROPERTIES LABELS tidy)
else()
  add_test(NAME tidy_include_cycles COMMAND sh -c "echo 'SKIP: python3 not found'; exit 77")
  set_tests_properties(tidy_include_cycles PROPERTIES SKIP_RETURN_CODE 77)
endif()
