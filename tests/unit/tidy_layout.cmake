# Tidiness of the code's shape (issue 18): no function over 150 lines and at
# most two over 100 in src/ and tools/ (tests/tidy/function_sizes.py, with a
# detects test that plants a long function), and every C source and header
# laid out as .clang-format says (tests/tidy/clang_format.sh; skipped when
# clang-format is not installed).
mlm_add_tidy_test(tidy_function_sizes function_sizes)
find_program(MLM_CLANG_FORMAT NAMES clang-format clang-format-14)
add_test(NAME tidy_clang_format
         COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tidy/clang_format.sh ${PROJECT_SOURCE_DIR}
                 ${MLM_CLANG_FORMAT})
set_tests_properties(tidy_clang_format PROPERTIES LABELS tidy SKIP_RETURN_CODE 77)
