# Tidiness: no #include cycle among the files of src/ and tools/
# (tests/tidy/include_cycles.py). The second test feeds it a small tree with
# a known cycle, so the first cannot pass because the script found nothing.
mlm_add_tidy_test(tidy_include_cycles include_cycles)

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
