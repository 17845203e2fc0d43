/* Internal layout of mlm_document (document.c). */
#ifndef MLM_DOCUMENT_PRIVATE_H
#define MLM_DOCUMENT_PRIVATE_H

#include <jansson.h>
#include <stdatomic.h>

#include "mlm/document.h"
#include "mlm_private.h"

/* What version detection found in stac_extensions (version.c). */
typedef struct mlmp_spec_scan {
    mlm_spec_version spec;        /* newest known version listed, or UNKNOWN */
    const char *url;              /* its URL (borrowed from the JSON) */
    const char *unknown_url;      /* first MLM-looking URL of no known version */
    size_t unknown_index;
    bool conflict;                /* two different known versions listed */
    const char *conflict_url;
    size_t conflict_index;
    bool has_mlm_fields;          /* any "mlm:" key in the usual places */
    bool draft_shaped;            /* mlm:architecture object or mlm:runtime present */
} mlmp_spec_scan;

struct mlm_document {
    /* References: the caller's, plus one per live child. The document is
     * released when the last goes (mlm_document_free). */
    atomic_long refs;
    json_t *root;
    /* A child's root is borrowed from its parent's tree (the parent is kept
     * alive by the reference the child holds): no json_incref, so creating
     * children on several threads never touches jansson's counters. */
    bool root_borrowed;
    char *text;        /* the source bytes (NUL-terminated), or NULL */
    size_t text_len;
    char *source;      /* path, URL or "<stdin>" */
    mlm_stac_type stac_type;
    mlm_spec_version spec;
    mlm_spec_origin origin;
    mlmp_spec_scan scan;
    struct mlm_model *model; /* typed view, built at parse time */
    mlm_document *parent; /* for children: the document that has the text (a reference) */
    char *prefix;      /* for children: the pointer of root in the top document, else NULL */
    long line_offset;  /* added to reported line numbers */
};

/* A new empty document named source (copied), one reference; NULL with err
 * set on allocation failure. (document.c) */
mlm_document *mlmp_document_new(const char *source, mlm_error *err);
/* Re-derive type, version and typed model from root after an edit. */
int mlmp_document_refresh(mlm_document *doc);

/* The document that holds the source text (the top-most parent). */
const mlm_document *mlmp_document_top(const mlm_document *doc);
/* Resolve an RFC 6901 pointer in root; NULL when it does not resolve. */
const json_t *mlmp_json_pointer_get(const json_t *root, const char *pointer);

/* Inspect stac_extensions and the mlm: fields (version.c). */
void mlmp_spec_scan_run(const json_t *root, mlmp_spec_scan *out);
/* Which version a URL names (exact match of a published URL), or UNKNOWN. */
mlm_spec_version mlmp_spec_from_url(const char *url);
/* Whether a URL looks like an MLM schema URL at all. */
bool mlmp_url_looks_mlm(const char *url);

/* Build the typed model (model.c); NULL on allocation failure. */
struct mlm_model;
struct mlm_model *mlmp_model_build(const mlm_document *doc);
void mlmp_model_free(struct mlm_model *m);

#endif
