/* See found.h. One mutex and one condition per record, and per gate. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "found.h"

typedef struct sync {
    pthread_mutex_t lock;
    pthread_cond_t cond;
} sync_t;

found *found_new(void)
{
    found *f = calloc(1, sizeof(*f));
    sync_t *s = calloc(1, sizeof(*s));
    if (!f || !s) {
        free(f);
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    f->sync = s;
    f->refs = 1;
    return f;
}

found *found_ref(found *f)
{
    sync_t *s = f->sync;
    pthread_mutex_lock(&s->lock);
    f->refs++;
    pthread_mutex_unlock(&s->lock);
    return f;
}

void found_unref(found *f)
{
    if (!f)
        return;
    sync_t *s = f->sync;
    pthread_mutex_lock(&s->lock);
    int left = --f->refs;
    pthread_mutex_unlock(&s->lock);
    if (left > 0)
        return;
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
    free(f->base);
    free(f->type);
    json_decref(f->links);
    free(f);
}

void found_publish(found *f, const char *base, const json_t *root)
{
    sync_t *s = f->sync;
    pthread_mutex_lock(&s->lock);
    if (f->published) {
        pthread_mutex_unlock(&s->lock);
        return;
    }
    if (root && base) {
        /* Out of memory leaves fields NULL: the walker then follows nothing. */
        f->loaded = true;
        f->base = strdup(base);
        const char *type = json_string_value(json_object_get(root, "type"));
        f->type = type ? strdup(type) : NULL;
        const json_t *links = json_object_get(root, "links");
        f->links = json_is_array(links) ? json_deep_copy(links) : NULL;
        const json_t *features = json_object_get(root, "features");
        f->n_features = json_array_size(features);
    }
    f->published = true;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

void found_wait(found *f)
{
    sync_t *s = f->sync;
    pthread_mutex_lock(&s->lock);
    while (!f->published)
        pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

struct gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    long limit, inside;
    int refs;
};

gate *gate_new(long limit)
{
    gate *g = calloc(1, sizeof(*g));
    if (!g)
        return NULL;
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->cond, NULL);
    g->limit = limit;
    g->refs = 1;
    return g;
}

gate *gate_ref(gate *g)
{
    if (g) {
        pthread_mutex_lock(&g->lock);
        g->refs++;
        pthread_mutex_unlock(&g->lock);
    }
    return g;
}

void gate_unref(gate *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    int left = --g->refs;
    pthread_mutex_unlock(&g->lock);
    if (left > 0)
        return;
    pthread_mutex_destroy(&g->lock);
    pthread_cond_destroy(&g->cond);
    free(g);
}

void gate_enter(gate *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    while (g->inside >= g->limit)
        pthread_cond_wait(&g->cond, &g->lock);
    g->inside++;
    pthread_mutex_unlock(&g->lock);
}

void gate_leave(gate *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->inside--;
    pthread_cond_signal(&g->cond);
    pthread_mutex_unlock(&g->lock);
}
