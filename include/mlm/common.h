/**
 * @file mlm/common.h
 * @brief Shared definitions of libmlm: export macros, status codes and the
 *        caller-owned error record.
 *
 * Every other public header includes this one. Include <mlm.h> rather than
 * the topic headers directly.
 *
 * Conventions of every public header (docs/API.md, "Conventions"):
 * - Getters answer 1 when the value is present (and store it in `*out`) and
 *   0 when it is absent (leaving `*out` alone); getters of strings and
 *   handles return NULL for absent. They never fail.
 * - Predicates are named `_is_` / `_has_` and answer 1 or 0 (older names
 *   without them, such as mlm_diagnostics_failed(), stay as aliases).
 * - Fallible calls take an `mlm_error *` (NULL allowed) and return 0
 *   (MLM_OK) on success or a negative ::mlm_status; constructors return the
 *   new object, or NULL with the code in mlm_error::code.
 * - A json_t parameter says on its @param line whether the function takes
 *   the caller's reference ("(reference stolen)", as jansson's `_new`
 *   functions: do not json_decref() it afterwards, also on failure) or only
 *   uses it ("(borrowed)": the caller keeps its reference).
 * - Versioned options records accept 1 <= version <= the header's current
 *   version; anything else is MLM_ERR_INVALID_ARG with a sentence.
 * - Columns (mlm_error::column, mlm_diagnostic::column) count characters
 *   (Unicode code points), from 1.
 */
#ifndef MLM_COMMON_H
#define MLM_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "mlm_export.h"

#ifdef __cplusplus
/** Opens C linkage for the declarations that follow (C++ only). */
#define MLM_BEGIN_DECL extern "C" {
/** Closes MLM_BEGIN_DECL. */
#define MLM_END_DECL }
#else
/** Opens C linkage in C++; empty in C. */
#define MLM_BEGIN_DECL
/** Closes MLM_BEGIN_DECL; empty in C. */
#define MLM_END_DECL
#endif

#if defined(__GNUC__) || defined(__clang__)
/** Asks the compiler to warn when the result (a new object) is ignored. */
#define MLM_ATTR_WARN_UNUSED __attribute__((warn_unused_result))
#else
/** Warn when the result is ignored (empty on compilers without the attribute). */
#define MLM_ATTR_WARN_UNUSED
#endif

#ifdef __cplusplus
/** A size_t constant usable from C and C++ (no C-style cast in C++, so the
 *  macros that use it compile under -Wold-style-cast). */
#define MLM_SIZE_C(n) (static_cast<size_t>(n))
#else
/** A size_t constant usable from C and C++. */
#define MLM_SIZE_C(n) ((size_t)(n))
#endif

MLM_BEGIN_DECL

/**
 * Status codes. Fallible functions that do not return an object return 0
 * (MLM_OK) or one of these negative values; constructors return NULL and
 * store the code in mlm_error::code. New codes are only ever appended.
 */
typedef enum mlm_status {
    MLM_OK = 0,               /**< success */
    MLM_ERR_NOMEM = -1,       /**< an allocation failed */
    MLM_ERR_INVALID_ARG = -2, /**< a NULL or out-of-range argument */
    MLM_ERR_IO = -3,          /**< a file could not be opened or read */
    MLM_ERR_TOO_LARGE = -4,   /**< the input exceeds the configured byte cap */
    MLM_ERR_JSON = -5,        /**< the input is not well-formed JSON */
    MLM_ERR_NOT_OBJECT = -6,  /**< the JSON root is not an object */
    MLM_ERR_NETWORK = -7,     /**< a URL could not be fetched */
    MLM_ERR_HTTP = -8,        /**< the server answered with HTTP status >= 400 */
    MLM_ERR_UNSUPPORTED = -9, /**< a feature was not compiled in (e.g. URL support) */
    MLM_ERR_SCHEMA = -10,     /**< a JSON Schema could not be compiled or resolved */
    MLM_ERR_DEPTH = -11,      /**< nesting deeper than the configured limit */
    MLM_ERR_ENCODING = -12    /**< the input is not valid UTF-8 */
} mlm_status;

/** Size of mlm_error::source, including the terminating NUL. */
#define MLM_ERROR_SOURCE_LENGTH 256
/** Size of mlm_error::text, including the terminating NUL. */
#define MLM_ERROR_TEXT_LENGTH 1024

/** mlm_error::flags bit: the message did not fit and was cut (it ends in "..."). */
#define MLM_ERROR_TEXT_TRUNCATED 0x1u
/** mlm_error::flags bit: the source name did not fit; its tail was kept after "...". */
#define MLM_ERROR_SOURCE_TRUNCATED 0x2u

/**
 * An error record owned by the caller (usually on the stack). Filling it
 * never allocates, so out-of-memory can be reported. Functions that take an
 * `mlm_error *` accept NULL.
 *
 * Every call that fails overwrites the whole record, so after a failed call
 * it always describes that call's failure, never an older one. A call that
 * succeeds leaves the record untouched (do not use it to test for success:
 * test the return value).
 *
 * Messages longer than MLM_ERROR_TEXT_LENGTH - 1 bytes (in practice: messages
 * that quote very long user input) are cut at a UTF-8 character boundary,
 * end in "...", and have MLM_ERROR_TEXT_TRUNCATED set in `flags`.
 *
 * The size of this struct is part of the ABI (the caller allocates it); it
 * changes only when the SONAME changes (see docs/API.md).
 */
typedef struct mlm_error {
    int code;           /**< an mlm_status value (0 when no error was set) */
    int line;           /**< 1-based line of a JSON syntax error, else 0 */
    int column;         /**< 1-based column (in characters, i.e. Unicode code points, as
                        mlm_diagnostic::column) of a JSON syntax error, else 0;
                        an error before the first character of a line (an empty
                        input) is column 1 */
    long position;      /**< 0-based byte offset of a JSON syntax error, else -1 */
    unsigned int flags; /**< MLM_ERROR_TEXT_TRUNCATED, MLM_ERROR_SOURCE_TRUNCATED */
    char source
        [MLM_ERROR_SOURCE_LENGTH]; /**< path or URL; long names keep their tail, prefixed "..." */
    char text[MLM_ERROR_TEXT_LENGTH]; /**< a sentence for people */
} mlm_error;

/** Initialiser for an empty mlm_error. */
#define MLM_ERROR_INIT                                                                             \
    {                                                                                              \
        0, 0, 0, -1, 0u, {0}, { 0 }                                                                \
    }

/**
 * Initialise @p err to the empty state (the same as MLM_ERROR_INIT; for
 * language bindings that cannot use the macro). NULL is a no-op.
 */
MLM_EXPORT void mlm_error_init(mlm_error *err);

/** Reset @p err to the empty state; NULL is a no-op. */
MLM_EXPORT void mlm_error_clear(mlm_error *err);

/**
 * A short, static English description of a status code.
 * @return a string with static storage duration; never NULL.
 */
MLM_EXPORT const char *mlm_strerror(int code);

/**
 * The identifier of a status code, e.g. "MLM_ERR_NOMEM" ("MLM_OK" for 0,
 * "unknown" otherwise). Static storage.
 */
MLM_EXPORT const char *mlm_status_name(int code);

MLM_END_DECL

#endif /* MLM_COMMON_H */
