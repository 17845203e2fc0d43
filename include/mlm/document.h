/**
 * @file mlm/document.h
 * @brief Loading a STAC Item or Collection and finding its MLM version.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_DOCUMENT_H
#define MLM_DOCUMENT_H

#include <jansson.h>

#include "mlm/common.h"

MLM_BEGIN_DECL

/** The MLM specification versions libmlm knows. */
typedef enum mlm_spec_version {
    MLM_SPEC_UNKNOWN = 0, /**< no MLM version could be determined */
    MLM_SPEC_DRAFT,       /**< the January 2024 draft (nested mlm:architecture / mlm:runtime) */
    MLM_SPEC_1_0_0,
    MLM_SPEC_1_1_0,
    MLM_SPEC_1_2_0,
    MLM_SPEC_1_3_0,
    MLM_SPEC_1_4_0,
    MLM_SPEC_1_5_0,
    MLM_SPEC_1_5_1,
    MLM_SPEC_1_5_2
} mlm_spec_version;

/** The newest version this build knows. */
#define MLM_SPEC_LATEST MLM_SPEC_1_5_2

/** "draft", "1.0.0" ... "1.5.2", or "unknown". Static storage. */
MLM_EXPORT const char *mlm_spec_version_name(mlm_spec_version v);

/**
 * Parse a version name as accepted by `--mlm-version`: "draft", "1.2.0",
 * "v1.2.0" (case-insensitive). Returns MLM_SPEC_UNKNOWN if not recognised.
 */
MLM_EXPORT mlm_spec_version mlm_spec_version_parse(const char *name);

/**
 * The canonical schema URL of a version
 * (https://stac-extensions.github.io/mlm/vX.Y.Z/schema.json; for the draft,
 * the identifier the draft used). NULL for MLM_SPEC_UNKNOWN. Static storage.
 */
MLM_EXPORT const char *mlm_spec_version_url(mlm_spec_version v);

/** A comma-separated list of every supported version name. Static storage. */
MLM_EXPORT const char *mlm_spec_versions_supported(void);

/** How the version of a document was determined. */
typedef enum mlm_spec_origin {
    MLM_SPEC_ORIGIN_NONE = 0,  /**< not determined (see the diagnostics) */
    MLM_SPEC_ORIGIN_EXTENSION, /**< from a `stac_extensions` URL */
    MLM_SPEC_ORIGIN_SHAPE,     /**< inferred from the shape of the `mlm:` fields (draft only) */
    MLM_SPEC_ORIGIN_FORCED     /**< set by the caller (mlm_parse_options::force_version) */
} mlm_spec_origin;

/** "none", "extension", "shape" or "forced". Static storage. */
MLM_EXPORT const char *mlm_spec_origin_name(mlm_spec_origin o);

/** Kind of STAC object at the root of a document. */
typedef enum mlm_stac_type {
    MLM_STAC_UNKNOWN = 0, /**< missing or not one of the below */
    MLM_STAC_ITEM,        /**< "type": "Feature" */
    MLM_STAC_COLLECTION,  /**< "type": "Collection" */
    MLM_STAC_CATALOG      /**< "type": "Catalog" */
} mlm_stac_type;

/** "unknown", "Feature", "Collection" or "Catalog" (the STAC "type" value). Static storage. */
MLM_EXPORT const char *mlm_stac_type_name(mlm_stac_type t);

/** Current version of mlm_parse_options. */
#define MLM_PARSE_OPTIONS_VERSION 2

/** Accept any JSON value as the root, not only an object (for mlm_validate_options::schema). */
#define MLM_PARSE_ANY_ROOT 0x1u

/** Default cap on the size of one input, in bytes (64 MiB). */
#define MLM_DEFAULT_MAX_BYTES (MLM_SIZE_C(64) * 1024 * 1024)

/**
 * Options for the mlm_parse_* functions. Initialise with
 * MLM_PARSE_OPTIONS_INIT, then change fields; passing NULL means defaults.
 */
typedef struct mlm_parse_options {
    unsigned int version;           /**< MLM_PARSE_OPTIONS_VERSION */
    size_t max_bytes;               /**< reject larger inputs (0 = MLM_DEFAULT_MAX_BYTES) */
    mlm_spec_version force_version; /**< MLM_SPEC_UNKNOWN = detect from the document */
    unsigned int flags;             /**< (version >= 2) MLM_PARSE_* bits */
    /** (version >= 2) Added to every line number reported for this input
     *  (parse errors and diagnostics): the line of the input within a larger
     *  file, such as one line of an NDJSON stream. */
    long line_offset;
} mlm_parse_options;

/** Default parse options. */
#define MLM_PARSE_OPTIONS_INIT                                                                     \
    {                                                                                              \
        MLM_PARSE_OPTIONS_VERSION, 0, MLM_SPEC_UNKNOWN, 0u, 0L                                     \
    }

/** Fill @p opts with MLM_PARSE_OPTIONS_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_parse_options_init(mlm_parse_options *opts);

/** A parsed STAC document (Item or Collection) with its MLM view. Opaque. */
typedef struct mlm_document mlm_document;

/**
 * Parse a document from a file. "-" reads standard input.
 *
 * Fails (NULL, with @p err set) only when the input cannot be read, is larger
 * than the cap, is not well-formed UTF-8 JSON (duplicate keys are rejected),
 * or its root is not an object (unless MLM_PARSE_ANY_ROOT). Everything else (not STAC, no MLM version,
 * wrong field types) is reported later by mlm_validate() as diagnostics.
 *
 * @param path  file path, or "-" for stdin
 * @param opts  options, or NULL for defaults
 * @param err   receives the error, may be NULL
 * @return a new document owned by the caller; release with mlm_document_free().
 */
MLM_EXPORT mlm_document *mlm_parse_file(const char *path, const mlm_parse_options *opts,
                                        mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Read a whole file (or, for "-", standard input) into memory: the one file
 * reader of libmlm, used by mlm_parse_file() and by the tools, for callers
 * that need the text itself (to keep its layout, or to parse it otherwise).
 *
 * @param path       file path, or "-" for stdin. Borrowed.
 * @param max_bytes  refuse larger inputs (MLM_ERR_TOO_LARGE, reading stops one
 *                   byte past the cap); 0 = MLM_DEFAULT_MAX_BYTES.
 * @param text       receives, on success, a NUL-terminated buffer owned by the
 *                   caller, released with mlm_free(); NULL on failure.
 * @param len        receives the length in bytes (without the NUL; the text may
 *                   contain NUL bytes); 0 on failure. May be NULL.
 * @param err        NULL or a caller-owned record; on failure, a sentence naming
 *                   what failed and why, with the path ("<stdin>" for "-") as
 *                   `source`.
 * @return 0, or MLM_ERR_INVALID_ARG (NULL path or text), MLM_ERR_IO (cannot open
 *         or read; a missing "http(s)://..." path is said to be a URL),
 *         MLM_ERR_TOO_LARGE, MLM_ERR_NOMEM.
 */
MLM_EXPORT int mlm_read_file(const char *path, size_t max_bytes, char **text, size_t *len,
                             mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Parse a document from memory. The bytes are copied; @p buf need not be
 * NUL-terminated. @p source names the input in messages (may be NULL).
 * @return a new document owned by the caller; release with mlm_document_free().
 */
MLM_EXPORT mlm_document *mlm_parse_buffer(const char *buf, size_t len, const char *source,
                                          const mlm_parse_options *opts,
                                          mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Wrap an existing jansson value. The document takes a new reference to
 * @p root (the caller keeps its own). Since there is no source text,
 * diagnostics carry no line:column.
 * @param root  (borrowed) the JSON object; the document keeps its own
 *              reference, and copies it before its first edit.
 * @return a new document owned by the caller; release with mlm_document_free().
 */
MLM_EXPORT mlm_document *mlm_parse_json(json_t *root, const char *source,
                                        const mlm_parse_options *opts,
                                        mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * A document for the JSON object at @p pointer inside @p parent, such as one
 * feature ("/features/3") of a FeatureCollection or ItemCollection. The
 * child is a document in its own right (version detection, typed model,
 * validation), but its diagnostics carry the pointers of the parent
 * ("/features/3/properties/...") and line:column in the parent's text.
 *
 * @param opts  options for the child (max_bytes is ignored), or NULL.
 * The child keeps its parent alive (a reference count): the parent and
 * its children may be freed in any order, each with mlm_document_free().
 * While a child exists the parent cannot be edited (mlm/writer.h).
 * Creating and freeing children of one parent from several threads at once
 * is safe.
 *
 * @return a new document owned by the caller; release with
 *         mlm_document_free(). NULL with @p err set when the pointer does not resolve
 *         (MLM_ERR_INVALID_ARG), the value is not an object
 *         (MLM_ERR_NOT_OBJECT), or memory runs out.
 */
MLM_EXPORT mlm_document *mlm_document_child(const mlm_document *parent, const char *pointer,
                                            const mlm_parse_options *opts,
                                            mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Release the caller's reference to a document. Everything borrowed from it
 * becomes invalid, except that the document itself stays alive while child
 * documents (mlm_document_child()) still use it. NULL is a no-op.
 */
MLM_EXPORT void mlm_document_free(mlm_document *doc);

/** The JSON root. Borrowed: valid until @p doc is freed; do not modify it. */
MLM_EXPORT const json_t *mlm_document_json(const mlm_document *doc);

/** The name given at parse time (path, URL, "<stdin>"), or "<memory>". Borrowed. */
MLM_EXPORT const char *mlm_document_source(const mlm_document *doc);

/** The STAC object type of the root. */
MLM_EXPORT mlm_stac_type mlm_document_stac_type(const mlm_document *doc);

/** The MLM version the document declares (MLM_SPEC_UNKNOWN if none could be found). */
MLM_EXPORT mlm_spec_version mlm_document_spec_version(const mlm_document *doc);

/** How the version was found. */
MLM_EXPORT mlm_spec_origin mlm_document_spec_origin(const mlm_document *doc);

/**
 * The MLM URL listed in `stac_extensions` that fixed the version, or NULL.
 * Borrowed: valid until @p doc is freed.
 */
MLM_EXPORT const char *mlm_document_spec_url(const mlm_document *doc);

/**
 * Map a JSON Pointer of this document to the line and column (1-based) of
 * the value it points at in the source text. Both are set to 0 when the
 * pointer does not resolve or there is no source text.
 * @return 0 on success, MLM_ERR_INVALID_ARG if it cannot be located.
 */
MLM_EXPORT int mlm_document_locate(const mlm_document *doc, const char *pointer, int *line,
                                   int *column);

MLM_END_DECL

#endif /* MLM_DOCUMENT_H */
