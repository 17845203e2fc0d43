/* mlm_uri_resolve(): the reference resolution examples of RFC 3986 section
 * 5.4 (normal and abnormal), plus the cases the STAC crawler relies on. */
#include "testutil.h"

#include <string.h>

#include "mlm.h"
#include "mlm_private.h"

typedef struct example {
    const char *ref, *want;
} example;

static void expect(const char *base, const char *ref, const char *want)
{
    char *got = mlm_uri_resolve(base, ref);
    if (!got || strcmp(got, want) != 0)
        print_message("base=%s ref=%s got=%s want=%s\n", base ? base : "(null)", ref,
                      got ? got : "(null)", want);
    assert_non_null(got);
    assert_string_equal(got, want);
    mlm_free(got);
}

static void test_rfc3986_examples(void **state)
{
    (void)state;
    static const char base[] = "http://a/b/c/d;p?q";
    static const example cases[] = {
        {"g:h", "g:h"}, {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"}, {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"}, {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"}, {"..", "http://a/b/"}, {"../", "http://a/b/"},
        {"../g", "http://a/b/g"}, {"../..", "http://a/"}, {"../../g", "http://a/g"},
        /* abnormal */
        {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
        {"/../g", "http://a/g"}, {"g.", "http://a/b/c/g."}, {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"}, {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        expect(base, cases[i].ref, cases[i].want);
}

static void test_stac_links(void **state)
{
    (void)state;
    /* A next link relative to a paged URL, and a child of a catalog. */
    expect("https://h/collections/c/items?page=2", "items?page=3",
           "https://h/collections/c/items?page=3");
    expect("https://h/stac/catalog.json", "./sub/../c1/collection.json",
           "https://h/stac/c1/collection.json");
    expect("https://h", "catalog.json", "https://h/catalog.json");
    expect(NULL, "https://h/a/./b/../c", "https://h/a/c");
    assert_null(mlm_uri_resolve("https://h/", NULL));
}

/* Every allocation failing in turn: NULL, no leak (ASan, valgrind). */
static void test_out_of_memory(void **state)
{
    (void)state;
    bool completed = false;
    for (long n = 0; n < 64 && !completed; n++) {
        mlmp_alloc_fail_after(n);
        char *r = mlm_uri_resolve("https://h/a/b/c?q", "../d/./e?x#f");
        mlmp_alloc_fail_after(-1);
        if (r) {
            assert_string_equal(r, "https://h/a/d/e?x#f");
            completed = true;
        }
        mlm_free(r);
    }
    assert_true(completed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc3986_examples),
        cmocka_unit_test(test_stac_links),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
