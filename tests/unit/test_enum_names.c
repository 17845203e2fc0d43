/* Every public enum has a _name() function; these are the ones added last
 * (mlm_migrate_kind, mlm_schema_flags). */
#include "testutil.h"

#include "mlm.h"

static void test_enum_names(void **state)
{
    (void)state;
    assert_string_equal(mlm_migrate_kind_name(MLM_MIGRATE_CHANGE), "change");
    assert_string_equal(mlm_migrate_kind_name(MLM_MIGRATE_TODO), "todo");
    assert_string_equal(mlm_migrate_kind_name((mlm_migrate_kind)9), "unknown");
    assert_string_equal(mlm_schema_flags_name(MLM_SCHEMA_FIRST_ERROR), "first_error");
    assert_string_equal(mlm_schema_flags_name(MLM_SCHEMA_ASSERT_FORMATS), "assert_formats");
    assert_string_equal(
        mlm_schema_flags_name((mlm_schema_flags)(MLM_SCHEMA_FIRST_ERROR | MLM_SCHEMA_ASSERT_FORMATS)),
        "unknown");
    assert_string_equal(mlm_schema_flags_name((mlm_schema_flags)0), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enum_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
