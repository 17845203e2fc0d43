/**
 * @file mlm/schema.h
 * @brief A JSON Schema draft-07 validator over jansson values.
 *
 * Three objects:
 *
 * - ::mlm_schema_registry resolves schema URLs to documents: documents added
 *   explicitly, then URL-prefix to directory mappings, then an optional
 *   loader callback. It is mutable (it caches what it loads) and must not be
 *   used by two threads at once.
 * - ::mlm_schema is a compiled schema: every `$ref` is resolved and every
 *   pattern compiled when it is made. It is immutable afterwards and may be
 *   used from any number of threads at once. It holds its own references to
 *   the documents it was compiled from and does not depend on the registry,
 *   which may be freed first.
 * - ::mlm_schema_result lists every error of one validation.
 *
 * Typical use:
 * @code
 * mlm_error err = MLM_ERROR_INIT;
 * mlm_schema_registry *reg = mlm_schema_registry_new(&err);
 * mlm_schema_registry_add_dir(reg, "https://", "/usr/share/schemas", &err);
 * mlm_schema *s = mlm_schema_compile_url(reg, "https://example.com/s.json", NULL, &err);
 * mlm_schema_result *res = NULL;
 * if (s && mlm_schema_validate(s, instance, 0, &res, &err) == MLM_OK) {
 *     for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
 *         const mlm_schema_error *e = mlm_schema_result_get(res, i);
 *         printf("%s: %s (%s)\n", e->instance_path, e->message, e->keyword_location);
 *     }
 * }
 * mlm_schema_result_free(res);
 * mlm_schema_free(s);
 * mlm_schema_registry_free(reg);
 * @endcode
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_SCHEMA_H
#define MLM_SCHEMA_H

#include <jansson.h>

#include "mlm/common.h"

MLM_BEGIN_DECL

/** A set of schema documents and ways to find more (see file comment). */
typedef struct mlm_schema_registry mlm_schema_registry;
/** A compiled, immutable, thread-shareable schema. */
typedef struct mlm_schema mlm_schema;
/** The errors of one validation. */
typedef struct mlm_schema_result mlm_schema_result;

/**
 * Loader callback for URLs the registry has no document or directory for.
 *
 * @param url      the absolute URL without fragment (e.g. "https://x.org/s.json").
 * @param payload  the pointer given to mlm_schema_registry_set_loader().
 * @param out      on success, set to a new reference that the registry steals.
 * @param err      may be filled with the reason of a failure (may be NULL).
 * @return 0 on success, a negative ::mlm_status otherwise. The compile that
 *         needed the URL then fails with MLM_ERR_SCHEMA.
 */
typedef int (*mlm_schema_load_fn)(const char *url, void *payload, json_t **out, mlm_error *err);

/* ------------------------------------------------------------------------ */
/* Registry                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * Create an empty registry.
 * @return a new registry owned by the caller (mlm_schema_registry_free()),
 *         or NULL with @p err filled (MLM_ERR_NOMEM).
 */
MLM_EXPORT mlm_schema_registry *mlm_schema_registry_new(mlm_error *err) MLM_ATTR_WARN_UNUSED;

/** Free a registry and the documents it holds; NULL is a no-op. Compiled
 *  schemas stay valid. */
MLM_EXPORT void mlm_schema_registry_free(mlm_schema_registry *reg);

/**
 * Register @p doc as the document at @p url.
 *
 * @param url  absolute URL; a fragment (and a lone trailing "#") is ignored.
 *             A later add for the same URL replaces the earlier document.
 * @param doc  (borrowed) the registry takes its own reference (json_incref);
 *             the caller keeps its reference. The document must not be
 *             modified afterwards, nor while compiled schemas made from it live.
 * @return 0, or MLM_ERR_INVALID_ARG / MLM_ERR_NOMEM with @p err filled.
 */
MLM_EXPORT int mlm_schema_registry_add(mlm_schema_registry *reg, const char *url, json_t *doc,
                                       mlm_error *err);

/**
 * Map every URL that starts with @p url_prefix to a file below @p dir: the
 * rest of the URL (without query and fragment) is appended to @p dir. With
 * prefix "https://" and dir "/schemas", https://h.org/a/s.json is read from
 * /schemas/h.org/a/s.json (a host[:port]/path layout). When that file does
 * not exist and the last segment has no '.', "<file>.json" is tried too.
 * URLs with ".." segments are never mapped. Mappings are tried in the order
 * they were added. Both strings are copied.
 * @return 0, or MLM_ERR_INVALID_ARG / MLM_ERR_NOMEM with @p err filled.
 */
MLM_EXPORT int mlm_schema_registry_add_dir(mlm_schema_registry *reg, const char *url_prefix,
                                           const char *dir, mlm_error *err);

/**
 * Set (or, with @p load NULL, remove) the loader called for URLs that no
 * added document or directory mapping provides. @p payload is passed through
 * untouched and stays owned by the caller. Documents it returns are cached
 * by the registry like added ones.
 */
MLM_EXPORT void mlm_schema_registry_set_loader(mlm_schema_registry *reg, mlm_schema_load_fn load,
                                               void *payload);

/* ------------------------------------------------------------------------ */
/* Compile                                                                  */
/* ------------------------------------------------------------------------ */

/** Version of ::mlm_schema_options understood by this library. */
#define MLM_SCHEMA_OPTIONS_VERSION 1

/**
 * Compile options. Declare with MLM_SCHEMA_OPTIONS_INIT; zero fields mean
 * "the default".
 */
typedef struct mlm_schema_options {
    unsigned int version;            /**< MLM_SCHEMA_OPTIONS_VERSION */
    unsigned long regex_match_limit; /**< PCRE2 match limit per match (default 1000000) */
    unsigned long regex_depth_limit; /**< PCRE2 depth limit per match (default 10000) */
    unsigned int max_depth;          /**< nested schema evaluations per validation (default 1000) */
} mlm_schema_options;

/** Initialiser for ::mlm_schema_options with every default. */
#define MLM_SCHEMA_OPTIONS_INIT                                                                    \
    {                                                                                              \
        MLM_SCHEMA_OPTIONS_VERSION, 0, 0, 0                                                        \
    }

/** Fill @p opts with MLM_SCHEMA_OPTIONS_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_schema_options_init(mlm_schema_options *opts);

/**
 * Compile the schema published at @p url, resolved through @p reg.
 *
 * @param reg   required; it may load and cache documents (not thread-safe).
 * @param url   absolute URL, possibly with a fragment ("...#/definitions/x").
 * @param opts  NULL for the defaults.
 * @return a new schema owned by the caller (mlm_schema_free()), or NULL with
 *         @p err filled: MLM_ERR_SCHEMA (a URL, `$ref`, or pattern could not be
 *         resolved/compiled; the message names it and what was tried),
 *         MLM_ERR_NOMEM, MLM_ERR_INVALID_ARG.
 */
MLM_EXPORT mlm_schema *mlm_schema_compile_url(mlm_schema_registry *reg, const char *url,
                                              const mlm_schema_options *opts,
                                              mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Compile @p schema (an object or a boolean).
 *
 * @param reg       may be NULL when the schema has no reference outside itself.
 * @param schema    (borrowed) the compiled schema keeps its own reference, so
 *                  it must not be modified afterwards.
 * @param base_uri  the URI the schema was retrieved from (used to resolve
 *                  relative `$ref`s and in keyword locations); NULL or "" for none.
 * @param opts      NULL for the defaults.
 * @return as mlm_schema_compile_url().
 */
MLM_EXPORT mlm_schema *mlm_schema_compile(mlm_schema_registry *reg, json_t *schema,
                                          const char *base_uri, const mlm_schema_options *opts,
                                          mlm_error *err) MLM_ATTR_WARN_UNUSED;

/** Free a compiled schema; NULL is a no-op. No validation may be running on it. */
MLM_EXPORT void mlm_schema_free(mlm_schema *schema);

/* ------------------------------------------------------------------------ */
/* Validate                                                                 */
/* ------------------------------------------------------------------------ */

/** Validation flags (bitwise or). */
typedef enum mlm_schema_flags {
    MLM_SCHEMA_FIRST_ERROR = 1u << 0,   /**< stop at the first error */
    MLM_SCHEMA_ASSERT_FORMATS = 1u << 1 /**< `format` is an assertion, not an annotation */
} mlm_schema_flags;

/** The name of one flag ("first_error", "assert_formats"), or "unknown" for
 * any other value, including 0 and combinations of flags. Static storage:
 * never free it. */
MLM_EXPORT const char *mlm_schema_flags_name(mlm_schema_flags f);

/** One validation error; every string is owned by the result. */
typedef struct mlm_schema_error {
    const char *instance_path;    /**< RFC 6901 pointer to the value ("" is the root) */
    const char *keyword_location; /**< absolute: schema URI "#" JSON pointer to the keyword */
    const char *keyword;          /**< the keyword ("type", "required", ...; "false" for a false
                                       schema; "" when the nesting limit stopped the walk) */
    const char *message;          /**< a sentence for people */
    int code; /**< 0, or MLM_ERR_DEPTH when a regex or nesting limit stopped the check
                   (the keyword then counts as failed) */
} mlm_schema_error;

/**
 * Validate @p instance (borrowed, not modified; concurrent calls may share it
 * and @p schema).
 *
 * @param instance (borrowed) the value to validate.
 * @param flags   ::mlm_schema_flags.
 * @param result  set to a new result owned by the caller
 *                (mlm_schema_result_free()), also when the instance is valid.
 * @return 0 when the validation ran (look at the result), or a negative
 *         ::mlm_status (MLM_ERR_NOMEM, MLM_ERR_INVALID_ARG) with @p err filled
 *         and *@p result NULL.
 */
MLM_EXPORT int mlm_schema_validate(const mlm_schema *schema, const json_t *instance,
                                   unsigned int flags, mlm_schema_result **result, mlm_error *err);

/**
 * The verdict only: builds no error, allocates at most one PCRE2 match block
 * (only when a `pattern` is evaluated).
 * @param instance (borrowed) the value to validate.
 * @return 1 valid, 0 invalid (also when a limit was hit), or a negative
 *         ::mlm_status (MLM_ERR_NOMEM, MLM_ERR_INVALID_ARG).
 */
MLM_EXPORT int mlm_schema_is_valid(const mlm_schema *schema, const json_t *instance,
                                   unsigned int flags);

/** 1 when the result has no error, else 0 (NULL counts as invalid). */
MLM_EXPORT int mlm_schema_result_valid(const mlm_schema_result *result);
/** The same as mlm_schema_result_valid(), named as a predicate (`_is_`): 1 or 0. */
MLM_EXPORT int mlm_schema_result_is_valid(const mlm_schema_result *result);

/** Number of errors in @p result (0 for NULL). */
MLM_EXPORT size_t mlm_schema_result_count(const mlm_schema_result *result);

/**
 * Error @p i (0-based, in evaluation order).
 * @return borrowed from @p result (valid until mlm_schema_result_free()), or
 *         NULL when out of range.
 */
MLM_EXPORT const mlm_schema_error *mlm_schema_result_get(const mlm_schema_result *result, size_t i);

/** Free a result and its strings; NULL is a no-op. */
MLM_EXPORT void mlm_schema_result_free(mlm_schema_result *result);

/**
 * Resolve the URI reference @p ref against the base URI @p base, by RFC 3986
 * section 5.2 (the strict algorithm), removing dot segments. The same
 * resolution the schema engine uses for `$id` and `$ref`, for callers that
 * follow links (mlm-validate resolves STAC `href`s with it).
 *
 * No percent-decoding or case normalisation is done; a fragment of @p ref is
 * kept (a fragment of @p base never is). Thread-safe; no I/O.
 *
 * @param base an absolute URI (scheme, usually authority), or NULL to only
 *             remove the dot segments of @p ref. Borrowed.
 * @param ref  the reference (relative or absolute). Borrowed.
 * @return a new NUL-terminated string owned by the caller, to be released with
 *         mlm_free(); NULL when @p ref is NULL or memory ran out.
 */
MLM_EXPORT char *mlm_uri_resolve(const char *base, const char *ref) MLM_ATTR_WARN_UNUSED;

MLM_END_DECL

#endif /* MLM_SCHEMA_H */
