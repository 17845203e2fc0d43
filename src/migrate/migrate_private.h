/* Private interface of the migration (src/migrate/): the state of one
 * migration, the report helpers, the walk over a document's levels and the
 * steps of each era. Not installed. */
#ifndef MLM_MIGRATE_PRIVATE_H
#define MLM_MIGRATE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../document_private.h"
#include "mlm/migrate.h"

struct mlm_migration {
    mlm_spec_version source;
    bool dl_model;
    mlm_migrate_entry *items;
    size_t n, cap;
    size_t todos;
};

typedef struct mig {
    mlm_migration *rep;
    json_t *doc;           /* the document being migrated (a Feature, a Collection) */
    const char *prefix;    /* pointer of doc in the input ("" or "/features/3") */
    mlm_spec_version a, b; /* the current step */
    mlm_spec_version target;
    char **strs; /* pointers built during one document, freed at its end */
    size_t nstrs, capstrs;
    bool oom;
} mig;

/* The ids of report entries (mig_ids.def, the registry that also gives the
 * tables of docs/MIGRATION.md); each has its kind (change, TODO, note). */
typedef enum mig_id {
#define MIG_ID(id, kind) id,
#include "mig_ids.def"
    MIG_ID_COUNT
} mig_id;

/* ---- report and pointers (util.c) ---- */

/* The report hands out const strings it owns. */
void mig_free_const(const char *p);
/* One report entry of the current step (a TODO when the registry says so);
 * from/to are pointers relative to the document (NULL: added / removed). */
MLMP_PRINTF(5, 6)
void mig_note(mig *m, mig_id id, const char *from, const char *to, const char *fmt, ...);
/* s kept until the end of the document (NULL sets oom and gives ""). */
const char *mig_keep(mig *m, char *s);
/* base + "/" + key, with RFC 6901 escaping. */
const char *mig_key(mig *m, const char *base, const char *key);
/* base + rel, rel an already escaped pointer tail ("/0/name"). */
const char *mig_tail(mig *m, const char *base, const char *rel);
/* base + "/" + i. */
const char *mig_index(mig *m, const char *base, size_t i);
/* A value as compact JSON for a message (kept whole: messages are not cut). */
const char *mig_show(mig *m, const json_t *v);

/* ---- JSON edits (util.c) ---- */

void mig_chk(mig *m, int rc);
/* Replace key `at` of obj by the members of ins (stolen), at the same place;
 * append them when `at` is absent. Keys keep their order. */
void mig_splice(mig *m, json_t *obj, const char *at, json_t *ins);
/* Rename a key in place (value kept, or replaced by val when not NULL; val is stolen). */
void mig_rename(mig *m, json_t *obj, const char *from, const char *to, json_t *val);
bool mig_str_in(const char *s, const char *const *list);
/* Append role to an asset's roles unless present (creating the array); true when added. */
bool mig_add_role(mig *m, json_t *asset, const char *role);
bool mig_has_role(const json_t *asset, const char *role);
/* A renamed key: a row of a rename table. */
typedef struct mig_key_row {
    const char *from, *to;
} mig_key_row;
/* The new name of key in rows (key itself when no row names it). */
const char *mig_renamed(const mig_key_row *rows, size_t n, const char *key);

/* What statistics looked like before it was made [Statistics Object]. */
typedef enum mig_stats_shape {
    MIG_STATS_BAD,  /* none of the below (arrays of different lengths, empty ones, not an object) */
    MIG_STATS_LIST, /* already [Statistics Object] */
    MIG_STATS_PER_BAND, /* the pre-release layout: one object of per-band arrays */
    MIG_STATS_ONE       /* one object of single values */
} mig_stats_shape;
/* statistics as a new [Statistics Object] (min, max, std spelled minimum,
 * maximum, stddev), *bands objects; NULL when its shape is MIG_STATS_BAD. */
json_t *mig_statistics_list(mig *m, const json_t *st, mig_stats_shape *shape, size_t *bands);

/* Whether doc uses ml-model (a different extension from MLM). */
bool mig_uses_ml_model(const json_t *doc);
/* A key not yet used in obj: base, base-2, base-3, ... */
const char *mig_free_key(mig *m, const json_t *obj, const char *base);

/* ---- levels (walk.c) ---- */

/* The MLM levels of a document: where model fields live. In a Collection's
 * summaries each field lists the values its Items hold (STAC summaries), so
 * a field of object arrays (mlm:input, mlm:output) reads as it does in an
 * Item, and a scalar field (mlm:framework) is reached through mig_field_values(). */
typedef struct mig_level {
    json_t *obj;
    const char *ptr;
    bool summary;
} mig_level;

#define MIG_MAX_LEVELS 256

bool mig_is_collection(const json_t *doc);
/* No "type" and no properties: MLM fields with no STAC object around them
 * (the stac-model generator's early output); migrated where they are. */
bool mig_is_bare(const json_t *doc);
/* Item properties, the Collection itself and its summaries, every asset and item_assets entry. */
size_t mig_levels(mig *m, mig_level *out, size_t max);
/* A summary a step cannot rewrite value by value: a MIG905 TODO. */
void mig_summary_todo(mig *m, const mig_level *lv, const char *key, const char *what);

/* The values of field key at a level: the field itself, or each value a
 * summary lists. mig_value_at() and mig_value_ptr() read the i-th of n;
 * mig_set_field_value() replaces it. A summary that lists no values gets a MIG905
 * TODO and n = 0. */
typedef struct mig_values {
    json_t *one;      /* the only value (a field, a const), or NULL */
    json_t *list;     /* else the list of values */
    const char *base; /* pointer of one, or of the list */
    size_t n;
} mig_values;

mig_values mig_field_values(mig *m, const mig_level *lv, const char *key);
json_t *mig_value_at(const mig_values *v, size_t i);
const char *mig_value_ptr(mig *m, const mig_values *v, size_t i);
void mig_set_field_value(mig *m, const mig_level *lv, const char *key, size_t i, json_t *nv);
/* Call fn on each object of an object-array field (mlm:input, mlm:output) at
 * every level of the document, with its pointer; in a summary whose values
 * are not all objects, a MIG905 TODO instead. */
void mig_each_object(mig *m, const char *key, void (*fn)(mig *m, json_t *obj, const char *ptr));

/* ---- shared by the draft and dl-model eras (draft.c) ---- */

extern const char *const mig_tasks_v1[];
extern const char *const mig_accelerators_v1[];
/* "semantic segmentation" -> "semantic-segmentation" (the draft wrote tasks with spaces). */
const char *mig_task_name(mig *m, const char *t);
/* A draft function reference (string) as a v1 Processing Expression. */
json_t *mig_processing_expression(const char *s);
/* A model artifact of the old layout as an asset with role (merged into the
 * asset with the same href when there is one). */
json_t *mig_place_asset(mig *m, json_t *assets, const char *from, json_t *a, const char *key,
                        const char *role, mig_id id, const char *why);

/* ---- the steps (one file per era) ---- */

void mig_step_draft(mig *m);    /* draft.c */
void mig_step_dl_model(mig *m); /* dl_model.c */
void mig_step_1_1(mig *m);      /* v1.c */
void mig_step_1_3(mig *m);
void mig_step_1_4(mig *m);
void mig_step_1_5(mig *m);
void mig_rewrite_extensions(mig *m, mlm_spec_version source); /* driver.c */

#endif /* MLM_MIGRATE_PRIVATE_H */
