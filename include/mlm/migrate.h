/**
 * @file migrate.h
 * Migration of MLM metadata to a later version of the extension.
 *
 * mlm_migrate() rewrites the JSON of one STAC document in place, from the
 * version it declares (dl-model, the January 2024 draft, v1.0.0 ... v1.5.1) to a later
 * one, one release step at a time, and returns a report with one entry per
 * change. Keys keep their order, fields the migration does not know are kept,
 * and integers stay integers. What cannot be migrated without a person is a
 * TODO entry (see docs/MIGRATION.md for every row).
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_MIGRATE_H
#define MLM_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "mlm/common.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/** What an entry of a migration report is. */
typedef enum mlm_migrate_kind {
    MLM_MIGRATE_CHANGE = 0, /**< the document was changed, nothing left to do */
    MLM_MIGRATE_TODO = 1,   /**< a person has to finish or check this */
    MLM_MIGRATE_NOTE = 2    /**< nothing was changed; said for the reader (e.g. a document
                                 without MLM passed through unchanged, id MIG002) */
} mlm_migrate_kind;

/** "change", "todo" or "note" (the words of mlm-migrate's JSON report); "unknown"
 * for a value outside the enum. Static storage: never free it. */
MLM_EXPORT const char *mlm_migrate_kind_name(mlm_migrate_kind k);

/** One entry of a migration report. Strings are owned by the report. */
typedef struct mlm_migrate_entry {
    const char *id;                /**< kind of change, e.g. "MIG110" (static storage) */
    mlm_migrate_kind kind;         /**< change or TODO */
    mlm_spec_version from_version; /**< the release step this entry belongs to: from ... */
    mlm_spec_version to_version;   /**< ... to */
    const char *from;    /**< JSON Pointer in the document before the step, or NULL (added) */
    const char *to;      /**< JSON Pointer in the document after the step, or NULL (removed) */
    const char *message; /**< what was done and why, complete sentences */
} mlm_migrate_entry;

/** A migration report (opaque). Free with mlm_migration_free(). */
typedef struct mlm_migration mlm_migration;

/**
 * Migrate @p root in place to @p target.
 *
 * The source version is detected as mlm-validate detects it (stac_extensions,
 * else the draft's shape); dl-model documents (its URL, or dlm: fields) are
 * migrated too, for what has a clear MLM equivalent. A FeatureCollection has each feature migrated.
 * A STAC document (or feature) without MLM, e.g. a plain Collection or an
 * ml-model Item, passes through unchanged with a MLM_MIGRATE_NOTE entry
 * (MIG002). A migrated document that is still no STAC Item or Collection
 * (e.g. bare mlm: fields without "type") gets a TODO saying what is missing
 * (MIG906).
 * On failure (nothing to migrate and no STAC object, a target older than the source, out of
 * memory) NULL is returned, @p err says why (code MLM_ERR_INVALID_ARG or
 * MLM_ERR_NOMEM) and @p root may have been partly changed only when the code
 * is MLM_ERR_NOMEM.
 *
 * @param root   (borrowed) the document; modified in place (the caller keeps its reference)
 * @param target the version to migrate to (MLM_SPEC_1_0_0 ... MLM_SPEC_LATEST)
 * @param err    receives the error; may be NULL
 * @return a report owned by the caller, or NULL on failure
 */
MLM_EXPORT mlm_migration *mlm_migrate(json_t *root, mlm_spec_version target,
                                      mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * The version the document declared before the migration (the oldest, for a
 * FeatureCollection). MLM_SPEC_UNKNOWN when it was a dl-model document (see
 * mlm_migration_from_dl_model()).
 */
MLM_EXPORT mlm_spec_version mlm_migration_source(const mlm_migration *m);
/**
 * Whether the document (or a feature of it) followed dl-model, MLM's
 * predecessor; entries of that step have from_version MLM_SPEC_UNKNOWN.
 */
MLM_EXPORT bool mlm_migration_from_dl_model(const mlm_migration *m);
/** The number of entries in the report. */
MLM_EXPORT size_t mlm_migration_count(const mlm_migration *m);
/** The number of TODO entries in the report. */
MLM_EXPORT size_t mlm_migration_todo_count(const mlm_migration *m);
/**
 * Entry @p i (0-based) of the report, in the order the changes were made.
 * @return a pointer valid until mlm_migration_free(), or NULL when out of range
 */
MLM_EXPORT const mlm_migrate_entry *mlm_migration_entry(const mlm_migration *m, size_t i);
/** Free a report; NULL is a no-op. */
MLM_EXPORT void mlm_migration_free(mlm_migration *m);

/**
 * The number of significant digits that prints every real number of @p v
 * so that it reads back exactly (1..17), for JSON_REAL_PRECISION() when the
 * migrated document is written: jansson's default (17) would turn 0.1 into
 * 0.10000000000000001.
 * @param v  (borrowed) any JSON value.
 */
MLM_EXPORT int mlm_json_real_precision(const json_t *v);

MLM_END_DECL

#endif /* MLM_MIGRATE_H */
