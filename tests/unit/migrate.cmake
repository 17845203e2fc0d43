# mlm_migrate(): report API, errors, FeatureCollections, allocation failures.
mlm_add_cmocka_test(test_migrate ${CMAKE_CURRENT_LIST_DIR}/test_migrate.c)
