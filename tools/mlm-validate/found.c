/* See found.h. One mutex and one condition per record. */
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
