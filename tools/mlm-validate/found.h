/* mlm-validate: what a worker found in a document that the walker needs,
 * and the gate that bounds the walker's downloads.
 *
 * The walker (crawl.c) submits a document to the pool with a `found`
 * record and goes on submitting what it already knows; when it needs the
 * document's links it waits on the record. The worker (process.c) publishes
 * the links as soon as the document is parsed, before validating it, so the
 * next download overlaps the validation. Depends on jansson alone. */
#ifndef MLM_CLI_FOUND_H
#define MLM_CLI_FOUND_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

typedef struct found {
    /* Set once by found_publish(); read-only after found_wait() returns. */
    bool loaded;       /* the document was parsed */
    char *base;        /* where relative hrefs resolve: the URL after redirects, or the path */
    char *type;        /* the document's "type", or NULL */
    json_t *links;     /* its "links" array (a copy), or NULL */
    size_t n_features; /* a FeatureCollection: the number of its features */
    /* private */
    int refs;
    bool published;
    void *sync;
} found;

/* A new record with one reference, or NULL when out of memory. */
found *found_new(void);
/* Another reference to @p f (returned). */
found *found_ref(found *f);
/* Drop a reference; the last one frees the record. NULL is a no-op. */
void found_unref(found *f);

/* Worker: publish what the document @p root (NULL when it could not be
 * loaded) links to. Only the first call counts; later ones do nothing, so
 * a worker may call found_publish(f, NULL, NULL) on every way out. */
void found_publish(found *f, const char *base, const json_t *root);

/* Walker: wait until the record is published. */
void found_wait(found *f);

/* A counting semaphore: at most `limit` holders at once (--max-requests).
 * Refcounted: the walker and each of its URL tasks hold a reference, so it
 * lives as long as the last task that may download. */
typedef struct gate gate;
gate *gate_new(long limit); /* one reference; NULL when out of memory */
gate *gate_ref(gate *g);    /* NULL stays NULL */
void gate_unref(gate *g);   /* NULL is a no-op */
void gate_enter(gate *g);   /* NULL: no bound */
void gate_leave(gate *g);

#endif
