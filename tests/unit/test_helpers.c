/* The hash index and the URI splitter: the behaviours their users rely on
 * (growth keeps every item findable, colliding hashes stay apart, parts are
 * told missing from empty). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "hashidx.h"
#include "urisplit.h"

typedef struct names {
    char items[600][8];
    size_t n;
} names;

static bool name_eq(const void *ctx, size_t item, const void *key)
{
    return strcmp(((const names *)ctx)->items[item], key) == 0;
}

static uint64_t name_rehash(const void *ctx, size_t item)
{
    return mlmp_hidx_str_hash(((const names *)ctx)->items[item]);
}

/* A hash that puts every name in one chain. */
static uint64_t same_rehash(const void *ctx, size_t item)
{
    (void)ctx;
    (void)item;
    return 7;
}

static void test_hidx_grows(void **state)
{
    (void)state;
    static names ns;
    mlmp_hidx t;
    mlmp_hidx_init(&t, calloc, free);
    assert_int_equal(mlmp_hidx_find(&t, 1, name_eq, &ns, "x"), SIZE_MAX);
    for (ns.n = 0; ns.n < 600; ns.n++) {
        snprintf(ns.items[ns.n], sizeof(ns.items[0]), "n%zu", ns.n);
        assert_true(mlmp_hidx_add(&t, mlmp_hidx_str_hash(ns.items[ns.n]), ns.n, name_rehash, &ns));
    }
    assert_int_equal(t.n, 600);
    assert_true(t.cap >= 1200 && (t.cap & (t.cap - 1)) == 0);
    for (size_t i = 0; i < 600; i++)
        assert_int_equal(mlmp_hidx_find(&t, mlmp_hidx_str_hash(ns.items[i]), name_eq, &ns,
                                        ns.items[i]), i);
    assert_int_equal(mlmp_hidx_find(&t, mlmp_hidx_str_hash("n600"), name_eq, &ns, "n600"),
                     SIZE_MAX);
    mlmp_hidx_free(&t);
    assert_int_equal(mlmp_hidx_find(&t, mlmp_hidx_str_hash("n1"), name_eq, &ns, "n1"), SIZE_MAX);
}

static void test_hidx_collisions(void **state)
{
    (void)state;
    static names ns;
    mlmp_hidx t;
    mlmp_hidx_init(&t, calloc, free);
    for (ns.n = 0; ns.n < 40; ns.n++) {
        snprintf(ns.items[ns.n], sizeof(ns.items[0]), "c%zu", ns.n);
        assert_true(mlmp_hidx_add(&t, 7, ns.n, same_rehash, &ns));
    }
    for (size_t i = 0; i < 40; i++)
        assert_int_equal(mlmp_hidx_find(&t, 7, name_eq, &ns, ns.items[i]), i);
    assert_int_equal(mlmp_hidx_find(&t, 7, name_eq, &ns, "c40"), SIZE_MAX);
    mlmp_hidx_free(&t);
}

static void *failing_calloc(size_t n, size_t size)
{
    (void)n;
    (void)size;
    return NULL;
}

static void test_hidx_out_of_memory(void **state)
{
    (void)state;
    static names ns = {{"a"}, 1};
    mlmp_hidx t;
    mlmp_hidx_init(&t, failing_calloc, free);
    assert_false(mlmp_hidx_add(&t, mlmp_hidx_str_hash("a"), 0, name_rehash, &ns));
    assert_int_equal(t.n, 0);
    assert_int_equal(mlmp_hidx_find(&t, mlmp_hidx_str_hash("a"), name_eq, &ns, "a"), SIZE_MAX);
    mlmp_hidx_free(&t);
}

static void assert_span(mlmp_uri_span sp, bool has, const char *text)
{
    assert_int_equal(sp.has, has);
    if (has) {
        assert_int_equal(sp.n, strlen(text));
        assert_memory_equal(sp.s, text, sp.n);
    }
}

static void test_uri_split(void **state)
{
    (void)state;
    mlmp_uri_parts u;
    mlmp_uri_split("HTTPS://host:8/a/b?q=1#f", &u);
    assert_span(u.scheme, true, "HTTPS");
    assert_span(u.authority, true, "host:8");
    assert_span(u.path, true, "/a/b");
    assert_span(u.query, true, "q=1");
    assert_span(u.fragment, true, "f");

    mlmp_uri_split("../x.json", &u);
    assert_span(u.scheme, false, NULL);
    assert_span(u.authority, false, NULL);
    assert_span(u.path, true, "../x.json");

    /* not a scheme: a space, or a leading digit */
    mlmp_uri_split("my file:x", &u);
    assert_span(u.scheme, false, NULL);
    assert_span(u.path, true, "my file:x");
    mlmp_uri_split("1a:b", &u);
    assert_span(u.scheme, false, NULL);

    /* empty parts are there, missing ones are not */
    mlmp_uri_split("file:///p?#", &u);
    assert_span(u.scheme, true, "file");
    assert_span(u.authority, true, "");
    assert_span(u.path, true, "/p");
    assert_span(u.query, true, "");
    assert_span(u.fragment, true, "");
    mlmp_uri_split("", &u);
    assert_span(u.path, true, "");
    assert_span(u.query, false, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hidx_grows),
        cmocka_unit_test(test_hidx_collisions),
        cmocka_unit_test(test_hidx_out_of_memory),
        cmocka_unit_test(test_uri_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
