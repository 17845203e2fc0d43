/* Internal layout of mlm_document (document.c). */
#ifndef MLM_DOCUMENT_PRIVATE_H
#define MLM_DOCUMENT_PRIVATE_H

#include <jansson.h>
#include <stdatomic.h>

#include "mlm/document.h"
#include "mlm_private.h"

/* What version detection found in stac_extensions (version.c). */
typedef struct mlmp_spec_scan {
    mlm_spec_version spec;   /* newest known version listed, or UNKNOWN */
    const char *url;         /* its URL (borrowed from the JSON) */
    const char *unknown_url; /* first MLM-looking URL of no known version */
    size_t unknown_index;
    bool conflict;   /* two different known versions listed */
    unsigned listed; /* bit v set for every known version v listed */
    const char *conflict_url;
    size_t conflict_index;
    mlm_spec_version unknown_near; /* the published version unknown_url is a variant of */
    const char *moving_url;        /* first URL of a moving branch of the MLM repositories */
    size_t moving_index;
    const char *predecessor_url; /* first dl-model identifier (URL or short id) */
    size_t predecessor_index;
    bool has_mlm_fields; /* any "mlm:" key in the usual places */
    bool has_dlm_fields; /* any "dlm:" key in the same places */
    bool draft_shaped;   /* mlm:architecture object or mlm:runtime present */
    bool v13_shaped;     /* an input with norm_type/statistics (v1.0.0..v1.3.0) */
} mlmp_spec_scan;

/* What a stac_extensions entry is (version.c, mlmp_url_classify). */
typedef enum {
    MLMP_UCLASS_OTHER,       /* another extension (ml-model, eo, ...) */
    MLMP_UCLASS_MLM,         /* the published identifier of an MLM version (v) */
    MLMP_UCLASS_MLM_UNKNOWN, /* an MLM URL that is no published identifier (near: the version
                              it is a variant of: http, case, slash, query, mirror) */
    MLMP_UCLASS_MOVING,      /* a branch of the MLM / dl-model repositories: no fixed version */
    MLMP_UCLASS_PREDECESSOR, /* the Deep Learning Model extension (dl-model) */
} mlmp_uclass_kind;

typedef struct {
    mlmp_uclass_kind kind;
    mlm_spec_version v;    /* MLMP_UCLASS_MLM: the version */
    mlm_spec_version near; /* MLM or MLM_UNKNOWN: the published version it names, or UNKNOWN */
} mlmp_url_class;

struct mlm_document {
    /* References: the caller's, plus one per live child. The document is
     * released when the last goes (mlm_document_free). */
    atomic_long refs;
    json_t *root;
    /* A child's root is borrowed from its parent's tree (the parent is kept
     * alive by the reference the child holds): no json_incref, so creating
     * children on several threads never touches jansson's counters. */
    bool root_borrowed;
    char *text; /* the source bytes (NUL-terminated), or NULL; after an edit,
                          the text mlm_document_dump() writes (layout.c) */
    size_t text_len;
    json_t *edit_src; /* during an edit (writer.c): root as it was, which text is of */
    char *source;     /* path, URL or "<stdin>" */
    mlm_stac_type stac_type;
    mlm_spec_version spec;
    mlm_spec_origin origin;
    mlmp_spec_scan scan;
    struct mlm_model *model; /* typed view, built at parse time */
    mlm_document *parent;    /* for children: the document that has the text (a reference) */
    char *prefix;            /* for children: the pointer of root in the top document, else NULL */
    long line_offset;        /* added to reported line numbers */
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
/* Whether a URL looks like an MLM schema URL at all (MLM, MLM_UNKNOWN or MOVING). */
bool mlmp_url_looks_mlm(const char *url);
/* Classify one stac_extensions entry (a URL or a short identifier). */
mlmp_url_class mlmp_url_classify(const char *url);
/* The MLM version the fields of a document look like, when no URL says it:
 * the draft, v1.3.0 (the last with norm_type/statistics) or the latest. */
mlm_spec_version mlmp_spec_infer(const mlmp_spec_scan *s);

/* Build the typed model (model.c); NULL on allocation failure. */
struct mlm_model;
struct mlm_model *mlmp_model_build(const mlm_document *doc);
void mlmp_model_free(struct mlm_model *m);

/* json_error.c: jansson's parse error je on the n bytes s, in words for people (written
 * to msg, cap bytes: "trailing comma before '}'", "missing ',' between two members of an
 * object", "unterminated string", ...). Returns the byte offset in s of the fault the
 * words name (the comma, the string's opening quote, where the comma is missing). */
size_t mlmp_json_explain(const char *s, size_t n, const json_error_t *je, char *msg, size_t cap);

#endif
