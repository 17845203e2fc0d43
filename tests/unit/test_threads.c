/*
 * Thread safety: several threads parse and validate documents at once with
 * one shared STAC validator (shared compiled schemas) and one shared parsed
 * document; every thread must get exactly the single-threaded results.
 * Run under ThreadSanitizer too (see docs/HACKING.md).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "mlm.h"

#define N_THREADS 4
#define ROUNDS 25

static const char *const docs[] = {
    "tests/cli/fixtures/valid.json",
    "tests/cli/fixtures/invalid.json",
    "tests/cli/fixtures/warning.json",
    "tests/model/fixtures/draft_item.json",
    /* last: an extension schema that cannot be resolved, first looked for by
     * all threads at once (MLM012; the failure is cached under the lock) */
    "tests/cli/fixtures/missing-schema.json",
};
#define N_DOCS (sizeof(docs) / sizeof(docs[0]))

typedef struct shared {
    mlm_stac_validator *stac;
    const mlm_document *common; /* one document validated by every thread */
    char *texts[N_DOCS];
    size_t lens[N_DOCS];
    size_t expected[N_DOCS];
    size_t expected_common;
    int failures;
    pthread_mutex_t lock;
} shared;

static size_t signature(const mlm_diagnostics *d)
{
    /* Count and a cheap digest of rule ids and pointers. */
    size_t h = mlm_diagnostics_count(d);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        for (const char *p = x->rule_id; *p; p++)
            h = h * 31 + (unsigned char)*p;
        for (const char *p = x->pointer; *p; p++)
            h = h * 31 + (unsigned char)*p;
        h = h * 31 + (size_t)x->line;
    }
    return h;
}

static size_t run_one(shared *s, const char *text, size_t len, const mlm_document *given)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = NULL;
    if (!given) {
        doc = mlm_parse_buffer(text, len, "t", NULL, &err);
        if (!doc)
            return 0;
        given = doc;
    }
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.stac = s->stac;
    mlm_diagnostics *d = mlm_validate(given, &vo, &err);
    size_t sig = d ? signature(d) : (size_t)-1;
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return sig;
}

static void *worker(void *arg)
{
    shared *s = arg;
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t i = 0; i < N_DOCS; i++) {
            size_t got = run_one(s, s->texts[i], s->lens[i], NULL);
            size_t common = run_one(s, NULL, 0, s->common);
            if (got != s->expected[i] || common != s->expected_common) {
                pthread_mutex_lock(&s->lock);
                s->failures++;
                pthread_mutex_unlock(&s->lock);
            }
        }
    }
    return NULL;
}

static void test_concurrent_validation(void **state)
{
    (void)state;
    shared s;
    memset(&s, 0, sizeof(s));
    pthread_mutex_init(&s.lock, NULL);
    mlm_error err = MLM_ERROR_INIT;
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
    s.stac = mlm_stac_validator_new(&so, &err);
    assert_non_null(s.stac);
    assert_int_equal(mlm_stac_validator_add_dir(s.stac, tu_path(tu_source_dir(), "tests/schemas"),
                                                &err),
                     MLM_OK);
    for (size_t i = 0; i < N_DOCS; i++) {
        s.texts[i] = tu_read_file(tu_path(tu_source_dir(), docs[i]), &s.lens[i]);
        assert_non_null(s.texts[i]);
    }
    mlm_document *common = mlm_parse_buffer(s.texts[0], s.lens[0], "common", NULL, &err);
    assert_non_null(common);
    s.common = common;
    /* Expected results, single-threaded; the first call also compiles the
     * schemas, so the threads then only share compiled ones... except that
     * the last document's schemas are first resolved concurrently. */
    for (size_t i = 0; i + 1 < N_DOCS; i++)
        s.expected[i] = run_one(&s, s.texts[i], s.lens[i], NULL);
    s.expected_common = run_one(&s, NULL, 0, common);
    {
        /* the last document's expected result from a separate validator */
        mlm_stac_validator *other = mlm_stac_validator_new(&so, &err);
        assert_non_null(other);
        assert_int_equal(mlm_stac_validator_add_dir(other,
                                                    tu_path(tu_source_dir(), "tests/schemas"), &err),
                         MLM_OK);
        mlm_stac_validator *keep = s.stac;
        s.stac = other;
        s.expected[N_DOCS - 1] = run_one(&s, s.texts[N_DOCS - 1], s.lens[N_DOCS - 1], NULL);
        s.stac = keep;
        mlm_stac_validator_free(other);
    }
    pthread_t t[N_THREADS];
    for (int i = 0; i < N_THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, &s), 0);
    for (int i = 0; i < N_THREADS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(s.failures, 0);
    mlm_document_free(common);
    for (size_t i = 0; i < N_DOCS; i++)
        free(s.texts[i]);
    mlm_stac_validator_free(s.stac);
    pthread_mutex_destroy(&s.lock);
}

/* Children of one parent made, read and freed on several threads at once,
 * with the parent's own reference dropped while they run: the reference
 * count keeps it alive, and TSan sees no race. */
typedef struct {
    const mlm_document *parent;
    int failures;
} child_job;

static void *child_worker(void *arg)
{
    child_job *job = arg;
    for (int r = 0; r < 200; r++) {
        mlm_error err = MLM_ERROR_INIT;
        mlm_document *c = mlm_document_child(job->parent, "/features/0", NULL, &err);
        if (!c || !mlm_model_name(mlm_document_model(c)) ||
            strcmp(mlm_model_name(mlm_document_model(c)), "shared") != 0)
            job->failures++;
        mlm_document_free(c);
    }
    return NULL;
}

static void test_concurrent_children(void **state)
{
    (void)state;
    const char *fc = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                     "\"stac_extensions\": [\"https://stac-extensions.github.io/mlm/v1.5.2/"
                     "schema.json\"], \"properties\": {\"mlm:name\": \"shared\"}}]}";
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *parent = mlm_parse_buffer(fc, strlen(fc), "fc", NULL, &err);
    assert_non_null(parent);
    /* One child outlives the parent's own reference. */
    mlm_document *keeper = mlm_document_child(parent, "/features/0", NULL, &err);
    assert_non_null(keeper);
    child_job jobs[N_THREADS];
    pthread_t t[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        jobs[i].parent = parent;
        jobs[i].failures = 0;
        assert_int_equal(pthread_create(&t[i], NULL, child_worker, &jobs[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].failures, 0);
    }
    mlm_document_free(parent);
    assert_string_equal(mlm_model_name(mlm_document_model(keeper)), "shared");
    mlm_document_free(keeper);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_validation),
        cmocka_unit_test(test_concurrent_children),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
