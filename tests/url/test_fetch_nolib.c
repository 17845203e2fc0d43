/* mlm_fetch() when libcurl cannot be loaded (src/fetch/curl_api.c).
 *
 * libmlm loads libcurl with dlopen() at the first fetch. This program points
 * the test-only override MLM_TEST_LIBCURL at a library name that does not
 * exist before anything is fetched, then fetches from several threads at
 * once: every call must fail with MLM_ERR_UNSUPPORTED and the message that
 * says what to install, and the one-time loading must be race-free (TSan)
 * and leak-free (ASan, valgrind). No server is needed: nothing is sent. */
#include "testutil.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mlm/fetch.h"
#include "mlm_private.h"

#define THREADS 4

typedef struct {
    int rc;
    mlm_error err;
    char *body;
} fetch_result;

static void *fetch_one(void *arg)
{
    fetch_result *r = arg;
    r->rc = mlm_fetch("http://127.0.0.1:9/item.json", NULL, &r->body, NULL, NULL, &r->err);
    return NULL;
}

static void test_missing_libcurl(void **state)
{
    (void)state;
    assert_int_equal(mlm_global_init(), MLM_OK); /* loads nothing */
    pthread_t th[THREADS];
    fetch_result res[THREADS];
    for (int i = 0; i < THREADS; i++)
        res[i] = (fetch_result){0, MLM_ERROR_INIT, NULL};
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, fetch_one, &res[i]), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < THREADS; i++) {
        if (res[i].rc != MLM_ERR_UNSUPPORTED ||
            !strstr(res[i].err.text, "URL support needs libcurl"))
            print_message("rc=%d text=\"%s\"\n", res[i].rc, res[i].err.text);
        assert_int_equal(res[i].rc, MLM_ERR_UNSUPPORTED);
        assert_int_equal(res[i].err.code, MLM_ERR_UNSUPPORTED);
        assert_null(res[i].body);
        assert_non_null(strstr(res[i].err.text, "URL support needs libcurl (Debian: libcurl4)"));
        assert_non_null(strstr(res[i].err.text, "libmlm-test-no-such-libcurl.so.0"));
        assert_non_null(strstr(res[i].err.text, "fetching http://127.0.0.1:9/item.json"));
        assert_string_equal(res[i].err.source, "http://127.0.0.1:9/item.json");
    }
    /* The outcome is remembered: a later call fails the same way at once. */
    char *body = NULL;
    mlm_error err = MLM_ERROR_INIT;
    assert_int_equal(mlm_fetch("https://127.0.0.1:9/x", NULL, &body, NULL, NULL, &err),
                     MLM_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.text, "URL support needs libcurl"));
    /* Arguments are still checked first, with their own messages. */
    mlm_error_clear(&err);
    assert_int_equal(mlm_fetch("ftp://127.0.0.1/x", NULL, &body, NULL, NULL, &err),
                     MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err.text, "only http:// and https://"));
    mlm_global_cleanup();
}

int main(void)
{
    /* Before the first fetch: the name is read once, when libcurl is loaded. */
    if (setenv("MLM_TEST_LIBCURL", "libmlm-test-no-such-libcurl.so.0", 1) != 0)
        return 1;
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_missing_libcurl)};
    return cmocka_run_group_tests_name("url_fetch_missing_libcurl", tests, NULL, NULL);
}
