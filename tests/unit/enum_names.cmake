# The _name() functions of mlm_migrate_kind and mlm_schema_flags.
mlm_add_cmocka_test(test_enum_names ${CMAKE_CURRENT_LIST_DIR}/test_enum_names.c)
