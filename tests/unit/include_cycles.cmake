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

# No circle between the files of the library or of a tool either: a.c using
# what b.c defines while b.c (directly or not) uses what a.c defines, read
# from the objects with nm (tests/tidy/file_cycles.py); the second test shows
# it a known circle.
if(Python3_Interpreter_FOUND AND CMAKE_NM)
  add_test(NAME tidy_file_cycles
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/file_cycles.py ${CMAKE_NM}
                   ${PROJECT_BINARY_DIR}/src/CMakeFiles/mlm_objects.dir
                   ${PROJECT_BINARY_DIR}/tools/mlm-validate/CMakeFiles/mlm-validate.dir
                   ${PROJECT_BINARY_DIR}/tools/mlm-migrate/CMakeFiles/mlm-migrate.dir)
  add_test(NAME tidy_file_cycles_detects
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tidy/file_cycles_detects.sh
                   ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/tidy/file_cycles.py
                   ${CMAKE_C_COMPILER} ${CMAKE_NM})
  set_tests_properties(tidy_file_cycles tidy_file_cycles_detects PROPERTIES LABELS tidy)
endif()
