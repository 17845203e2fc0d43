/**
 * @file mlm/stac.h
 * @brief Full STAC validation: the core schema of the document's STAC
 *        version and type, and every schema listed in `stac_extensions`.
 *
 * An ::mlm_stac_validator resolves schema URLs (local directories and
 * mappings first, then an on-disk cache, then a download unless offline),
 * compiles each schema once, and shares the compiled schemas between all
 * documents and threads. Attach it to mlm_validate() through
 * mlm_validate_options::stac; the schema findings then join the MLM
 * diagnostics (rule ids MLM010..MLM014). A schema that cannot be resolved
 * is reported as MLM012 (see mlm_diagnostics_unresolved()) and does not stop
 * the other schemas or the MLM rules. The same schema error reached through
 * two schemas (the core and an extension, or two branches) is reported once.
 *
 * For the MLM schema URL itself the native MLM rules stand in for the
 * official schema (same verdict, better messages) unless
 * MLM_STAC_OFFICIAL_MLM is set, which runs the official schema as well.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_STAC_H
#define MLM_STAC_H

#include "mlm/common.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/** Do not validate against the STAC core schema. */
#define MLM_STAC_NO_CORE 0x1u
/** Do not validate against the schemas listed in stac_extensions. */
#define MLM_STAC_NO_EXTENSIONS 0x2u
/** Also run the official MLM JSON schema (in addition to the native rules). */
#define MLM_STAC_OFFICIAL_MLM 0x4u
/** Never download: schemas must come from directories, mappings or the cache. */
#define MLM_STAC_OFFLINE 0x8u
/** Neither read nor write the on-disk cache. */
#define MLM_STAC_NO_CACHE 0x10u
/** Treat `format` as an assertion (off by default, as the reference validators). */
#define MLM_STAC_ASSERT_FORMATS 0x20u

/** Current version of mlm_stac_options. */
#define MLM_STAC_OPTIONS_VERSION 1

struct mlm_fetch_options;

/**
 * Options of an ::mlm_stac_validator. Initialise with MLM_STAC_OPTIONS_INIT.
 */
typedef struct mlm_stac_options {
    unsigned int version; /**< MLM_STAC_OPTIONS_VERSION */
    unsigned int flags;   /**< MLM_STAC_* bits */
    /** Cache folder; NULL means $XDG_CACHE_HOME/mlm-validate, else
     *  $HOME/.cache/mlm-validate. Borrowed for the validator's lifetime. */
    const char *cache_dir;
    /** Download options (timeouts, size cap, headers...); NULL for defaults.
     *  Borrowed for the validator's lifetime. */
    const struct mlm_fetch_options *fetch;
} mlm_stac_options;

/** Default options. */
#define MLM_STAC_OPTIONS_INIT                                                                      \
    {                                                                                              \
        MLM_STAC_OPTIONS_VERSION, 0u, NULL, NULL                                                   \
    }

/** Fill @p opts with MLM_STAC_OPTIONS_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_stac_options_init(mlm_stac_options *opts);

/** A set of resolved, compiled schemas shared by many validations. Opaque. */
typedef struct mlm_stac_validator mlm_stac_validator;

/**
 * Create a validator.
 * @return a new validator owned by the caller (mlm_stac_validator_free()),
 *         or NULL with @p err set (MLM_ERR_NOMEM).
 */
MLM_EXPORT mlm_stac_validator *mlm_stac_validator_new(const mlm_stac_options *opts,
                                                      mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Resolve schema URLs from a folder laid out as host[:port]/path: the schema
 * of https://example.org/a/schema.json is read from DIR/example.org/a/schema.json.
 * Folders are tried in the order they were added, before the cache.
 * Not thread-safe: configure before validating.
 * @return 0, or a negative ::mlm_status with @p err set.
 */
MLM_EXPORT int mlm_stac_validator_add_dir(mlm_stac_validator *v, const char *dir, mlm_error *err);

/**
 * Resolve the schema at @p url from the file @p path (a `URL=PATH` mapping).
 * The file is read now. Not thread-safe: configure before validating.
 * @return 0, or a negative ::mlm_status with @p err set (MLM_ERR_IO, MLM_ERR_JSON).
 */
MLM_EXPORT int mlm_stac_validator_map(mlm_stac_validator *v, const char *url, const char *path,
                                      mlm_error *err);

/** Release a validator and its compiled schemas. NULL is a no-op. */
MLM_EXPORT void mlm_stac_validator_free(mlm_stac_validator *v);

/**
 * The schema URLs that apply to @p doc, in order (core first), as
 * validation would use them: a NULL-terminated array of @p n entries
 * allocated with the library allocator; release with mlm_free() (one call
 * frees the array and its strings). Honours MLM_STAC_NO_CORE/NO_EXTENSIONS
 * and skips the MLM URL unless MLM_STAC_OFFICIAL_MLM.
 * @return 0, or MLM_ERR_NOMEM.
 */
MLM_EXPORT int mlm_stac_schema_urls(const mlm_stac_validator *v, const mlm_document *doc,
                                    char ***urls, size_t *n);

MLM_END_DECL

#endif /* MLM_STAC_H */
