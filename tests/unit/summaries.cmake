# Typed getters of a Collection's mlm: summaries (mlm/model.h): strings,
# numeric ranges and numeric value lists.
mlm_add_cmocka_test(test_summaries ${CMAKE_CURRENT_LIST_DIR}/test_summaries.c)
