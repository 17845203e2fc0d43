# The writer's one argument check (src/writer.c check_call): every setter
# refuses bad handles and arguments the same way, with the same words.
mlm_add_cmocka_test(test_writer_args ${CMAKE_CURRENT_LIST_DIR}/test_writer_args.c)
