/*
 * An ordered worker pool. Tasks go into a ring of slots; workers take them
 * in order and leave their results in the slot; the submitting thread emits
 * results strictly in submission order, so output is deterministic whatever
 * the number of threads. The ring bounds the tasks in flight, so a stream of
 * a million NDJSON lines uses the memory of a few dozen documents.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef enum { SLOT_EMPTY, SLOT_PENDING, SLOT_RUNNING, SLOT_DONE } slot_state;

typedef struct slot {
    slot_state state;
    task t;
    doc_result *results;
} slot;

struct pool {
    const cli_options *o;
    emit_fn emit;
    void *ctx;
    unsigned jobs;
    slot *ring;
    size_t cap;
    size_t submitted; /* next sequence number to fill */
    size_t claimed;   /* next sequence number a worker takes */
    size_t emitted;   /* next sequence number to emit */
    bool closing;
    pthread_mutex_t lock;
    pthread_cond_t work; /* a task is pending, or closing */
    pthread_cond_t done; /* a task finished */
    pthread_t *threads;
    unsigned n_threads;
};

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->claimed == p->submitted && !p->closing)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->claimed == p->submitted && p->closing)
            break;
        slot *s = &p->ring[p->claimed % p->cap];
        p->claimed++;
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->lock);
        doc_result *r = process_task(p->o, &s->t);
        pthread_mutex_lock(&p->lock);
        s->results = r;
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Emit every finished result at the head of the ring. Called with the lock
 * held; releases it around emit() so workers keep going. */
static void drain(pool *p)
{
    for (;;) {
        slot *s = &p->ring[p->emitted % p->cap];
        if (p->emitted == p->submitted || s->state != SLOT_DONE)
            return;
        doc_result *r = s->results;
        task_clear(&s->t);
        s->results = NULL;
        s->state = SLOT_EMPTY;
        p->emitted++;
        pthread_mutex_unlock(&p->lock);
        p->emit(r, p->ctx);
        pthread_mutex_lock(&p->lock);
    }
}

pool *pool_new(const cli_options *o, unsigned jobs, emit_fn emit, void *ctx)
{
    pool *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->o = o;
    p->emit = emit;
    p->ctx = ctx;
    p->jobs = jobs ? jobs : 1;
    p->cap = p->jobs > 1 ? (size_t)p->jobs * 8 : 1;
    p->ring = calloc(p->cap, sizeof(slot));
    if (!p->ring) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (p->jobs > 1) {
        p->threads = calloc(p->jobs, sizeof(pthread_t));
        for (unsigned i = 0; p->threads && i < p->jobs; i++) {
            if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
                break;
            p->n_threads++;
        }
    }
    return p;
}

void pool_submit(pool *p, task *t)
{
    if (p->n_threads == 0) {
        /* Inline: no threads, same order. */
        doc_result *r = process_task(p->o, t);
        task_clear(t);
        p->emit(r, p->ctx);
        return;
    }
    pthread_mutex_lock(&p->lock);
    for (;;) {
        drain(p);
        if (p->submitted - p->emitted < p->cap)
            break;
        pthread_cond_wait(&p->done, &p->lock);
    }
    slot *s = &p->ring[p->submitted % p->cap];
    s->t = *t;
    memset(t, 0, sizeof(*t));
    s->state = SLOT_PENDING;
    p->submitted++;
    pthread_cond_signal(&p->work);
    drain(p);
    pthread_mutex_unlock(&p->lock);
}

void pool_finish(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    while (p->emitted < p->submitted) {
        drain(p);
        if (p->emitted < p->submitted)
            pthread_cond_wait(&p->done, &p->lock);
    }
    p->closing = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    free(p->threads);
    free(p->ring);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p);
}
