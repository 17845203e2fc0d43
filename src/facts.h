/*
 * The facts of MLM, in one place: its versions (names, identifiers, hosts,
 * what each schema does), its fields (object, key, type, since, until) and
 * its vocabularies (tasks, accelerators, data types, roles, ...). The rows
 * live in src/facts/{versions,fields,vocab}.def; this header gives them
 * names (MLMP_V_*, MLMP_F_*, MLMP_VOC_*) and accessors (facts.c). Not
 * installed.
 *
 * Every returned pointer is to static, read-only storage valid for the
 * life of the program; the functions keep no state and are thread-safe.
 * A new MLM release is a new row (docs/ADDING-A-VERSION.md).
 */
#ifndef MLM_FACTS_H
#define MLM_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mlm.h"

/* --- versions ---------------------------------------------------------------- */

/* MLMP_V_DRAFT, MLMP_V_1_0_0, ...: the same values as MLM_SPEC_* (facts.c
 * checks it), in the order of versions.def. */
typedef enum mlmp_vid {
    MLMP_V_NONE_ = MLM_SPEC_UNKNOWN,
#define MLMP_VERSION(id, name, url, hosts, flags) MLMP_V_##id,
#define MLMP_RELEASE(id, name, hosts, self_id, flags) MLMP_V_##id,
#include "facts/versions.def"
#undef MLMP_VERSION
#undef MLMP_RELEASE
    MLMP_V_END_
} mlmp_vid;

/* The identifier of the newest version, as a literal (MLMP_LATEST_NAME is
 * set in versions.def). */
#define MLMP_LATEST_URL MLMP_URL_SE_PREFIX MLMP_LATEST_NAME MLMP_URL_SUFFIX

/* "until" of a row still in force. */
#define MLMP_V_OPEN MLM_SPEC_UNKNOWN
/* The newest version the facts know (may be newer than MLM_SPEC_LATEST in a
 * test build with a fictitious release). */
#define MLMP_SPEC_LATEST ((mlm_spec_version)(MLMP_V_END_ - 1))
/* Number of versions (the draft and the releases). */
#define MLMP_SPEC_COUNT ((size_t)(MLMP_V_END_ - 1))

/* The prefix of every MLM field name. */
#define MLMP_PREFIX "mlm:"

/* Identifier URLs: prefix + name + suffix. */
#define MLMP_URL_SE_PREFIX "https://stac-extensions.github.io/mlm/v"
#define MLMP_URL_CRIM_PREFIX "https://crim-ca.github.io/mlm-extension/v"
#define MLMP_URL_BOGUS_PREFIX "https://stac-extensions/mlm/v"
#define MLMP_URL_SUFFIX "/schema.json"
/* The identifier of the January 2024 draft. */
#define MLMP_URL_DRAFT                                                                             \
    "https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/json-schema/schema.json"

/* Hosts that published a version (mlmp_version_fact::hosts). */
enum {
    MLMP_HOST_SE = 1u << 0,  /* stac-extensions.github.io/mlm */
    MLMP_HOST_CRIM = 1u << 1 /* crim-ca.github.io/mlm-extension */
};

/* What the schema of a version does (see versions.def). */
enum {
    MLMP_VF_RELEASED = 1u << 0, /* set for every MLMP_RELEASE row */
    MLMP_VF_ONE_OF = 1u << 1,
    MLMP_VF_MODEL_EVERY = 1u << 2,
    MLMP_VF_ROLE_STRICT = 1u << 3,
    MLMP_VF_ITEM_ASSETS = 1u << 4,
    MLMP_VF_BANDS_INPUTS = 1u << 5,
    MLMP_VF_BANDS_OUTPUTS = 1u << 6,
    MLMP_VF_VARIABLES = 1u << 7,
    MLMP_VF_SCOPED = 1u << 8,
    MLMP_VF_ARTIFACT_TYPE = 1u << 9,
    MLMP_VF_ENTRYPOINT = 1u << 10,
    MLMP_VF_ASSETS_TYPED = 1u << 11
};

typedef struct mlmp_version_fact {
    mlm_spec_version v;
    const char *name;     /* "1.5.2", "draft" */
    const char *url;      /* the identifier (the stac-extensions.github.io URL for releases) */
    const char *crim_url; /* the crim-ca.github.io URL, NULL when not published there */
    const char *self_id;  /* what the stac-extensions.github.io copy requires; NULL for the draft */
    unsigned hosts;       /* MLMP_HOST_* */
    unsigned flags;       /* MLMP_VF_* */
} mlmp_version_fact;

/* The i-th version, oldest first (i < MLMP_SPEC_COUNT), else NULL. */
const mlmp_version_fact *mlmp_version_at(size_t i);
/* The facts of version v, or NULL when v is not a known version. */
const mlmp_version_fact *mlmp_version_get(mlm_spec_version v);
/* The version named exactly `name` ("1.5.2", "draft"; case-insensitive),
 * or NULL. */
const mlmp_version_fact *mlmp_version_named(const char *name);
/* Whether version v is known and its schema has every flag of `flags`. */
bool mlmp_version_has(mlm_spec_version v, unsigned flags);
/* The oldest release with every flag of `flags`, or MLM_SPEC_UNKNOWN. */
mlm_spec_version mlmp_version_first_with(unsigned flags);
/* "draft, 1.0.0, ..., 1.5.2": every known version, for help and messages. */
const char *mlmp_versions_list(void);
/* Whether v lies in [since, until] (until MLMP_V_OPEN: no end). */
static inline bool mlmp_version_in(mlm_spec_version v, mlm_spec_version since,
                                   mlm_spec_version until)
{
    return v >= since && (until == MLMP_V_OPEN || v <= until);
}

/* --- fields ------------------------------------------------------------------ */

/* The objects fields belong to (see fields.def). */
typedef enum mlmp_object {
    MLMP_O_PROPS,
    MLMP_O_INPUT,
    MLMP_O_OUTPUT,
    MLMP_O_STRUCT,
    MLMP_O_SCALING,
    MLMP_O_EXPR,
    MLMP_O_BAND,
    MLMP_O_ROLE,
    MLMP_O_DRAFT
} mlmp_object;

/* Value types of fields. */
typedef enum mlmp_ftype {
    MLMP_FT_ANY,
    MLMP_FT_STRING,
    MLMP_FT_NONEMPTY_STRING,
    MLMP_FT_STRING_OR_NULL,
    MLMP_FT_NAME, /* mlm:name pattern */
    MLMP_FT_SEMVER,
    MLMP_FT_BOOLEAN,
    MLMP_FT_NUMBER,
    MLMP_FT_COUNT0, /* integer >= 0 */
    MLMP_FT_COUNT1, /* integer >= 1 */
    MLMP_FT_OBJECT,
    MLMP_FT_ARRAY,
    MLMP_FT_TASKS, /* array of MLMP_VOC_TASK */
    MLMP_FT_FRAMEWORK,
    MLMP_FT_ACCELERATOR, /* MLMP_VOC_ACCELERATOR or null */
    MLMP_FT_HYPERPARAMETERS,
    MLMP_FT_INPUTS,  /* array of Model Input Objects */
    MLMP_FT_OUTPUTS, /* array of Model Output Objects */
    MLMP_FT_BANDS,
    MLMP_FT_STRUCTURE,
    MLMP_FT_SHAPE,
    MLMP_FT_DIM_ORDER,
    MLMP_FT_DATA_TYPE,
    MLMP_FT_SCALINGS,
    MLMP_FT_SCALING_TYPE,
    MLMP_FT_RESIZE,
    MLMP_FT_EXPRESSIONS
} mlmp_ftype;

/* Field flags. */
enum {
    MLMP_FF_REQUIRED = 1u << 0,    /* the object (Item properties for PROPS) must have it */
    MLMP_FF_ITEM_ONLY = 1u << 1,   /* scoped versions: not allowed in assets */
    MLMP_FF_MODEL_ASSET = 1u << 2, /* scoped versions: belongs to the model asset */
    MLMP_FF_CODE_ASSET = 1u << 3,  /* scoped versions: belongs to the code asset */
    MLMP_FF_SUMMARY_SET = 1u << 4  /* scoped versions: not all of these in one summary value */
};

typedef enum mlmp_field_id {
#define MLMP_FIELD(object, id, key, type, since, until, flags) MLMP_F_##object##_##id,
#include "facts/fields.def"
#undef MLMP_FIELD
    MLMP_F_COUNT_
} mlmp_field_id;

typedef struct mlmp_field_fact {
    mlmp_field_id id;
    mlmp_object object;
    const char *key; /* "mlm:accelerator_count", "norm_type" */
    mlmp_ftype type;
    mlm_spec_version since, until; /* until MLMP_V_OPEN while in force */
    unsigned flags;                /* MLMP_FF_* */
} mlmp_field_fact;

/* The keys, indexed by mlmp_field_id (read-only; a key is shorter than
 * MLMP_KEY_CAP). Indexing it with a constant is an address constant, so
 * MLMP_KEY can initialise static tables. */
#define MLMP_KEY_CAP 48
extern const char mlmp_key_text[MLMP_F_COUNT_][MLMP_KEY_CAP];
/* The key of a field by object and id: MLMP_KEY(PROPS, name) is "mlm:name". */
#define MLMP_KEY(object, id) (mlmp_key_text[MLMP_F_##object##_##id])

/* The roles the code looks for (rows of the ROLE object). */
#define MLMP_ROLE_MODEL MLMP_KEY(ROLE, model)
#define MLMP_ROLE_SOURCE_CODE MLMP_KEY(ROLE, source_code)
#define MLMP_ROLE_CONTAINER MLMP_KEY(ROLE, container)

/* The i-th field row (i < MLMP_F_COUNT_), in the order of fields.def, else NULL. */
const mlmp_field_fact *mlmp_field_at(size_t i);
/* The key of a field ("mlm:name"); never NULL for a valid id. */
const char *mlmp_key(mlmp_field_id id);
/* The row of `key` in `object` known in version v, or, when v is
 * MLM_SPEC_UNKNOWN, in any version (the newest such row). NULL if none. */
const mlmp_field_fact *mlmp_field_lookup(mlmp_object object, const char *key, mlm_spec_version v);
/* Whether field f exists in version v. */
static inline bool mlmp_field_in(const mlmp_field_fact *f, mlm_spec_version v)
{
    return f && mlmp_version_in(v, f->since, f->until);
}

/* --- vocabularies ------------------------------------------------------------ */

typedef enum mlmp_vocab {
#define MLMP_VOCAB(id, what) MLMP_VOC_##id,
#define MLMP_TERM(vocab, value, since, until, pub, extra)
#include "facts/vocab.def"
#undef MLMP_VOCAB
#undef MLMP_TERM
    MLMP_VOC_COUNT_
} mlmp_vocab;

typedef struct mlmp_term {
    mlmp_vocab vocab;
    const char *value;
    mlm_spec_version since, until;
    int pub;           /* the public enum value (mlm_task, ...), 0 when none */
    const char *extra; /* see vocab.def; may be NULL */
} mlmp_term;

/* The i-th term row, in the order of vocab.def, else NULL. */
const mlmp_term *mlmp_term_at(size_t i);
/* What a vocabulary is ("task", "accelerator"), for messages. */
const char *mlmp_vocab_what(mlmp_vocab voc);
/* The term `value` of voc (exact, case-sensitive) in any version, or NULL. */
const mlmp_term *mlmp_term_lookup(mlmp_vocab voc, const char *value);
/* Whether `value` is a term of voc in version v (MLM_SPEC_UNKNOWN: any). */
bool mlmp_term_known(mlmp_vocab voc, const char *value, mlm_spec_version v);
/* The values of voc in force in v (MLM_SPEC_UNKNOWN: every row), in
 * table order, into out[0..cap); returns how many there are (which may
 * exceed cap: only cap are written). */
size_t mlmp_vocab_values(mlmp_vocab voc, mlm_spec_version v, const char **out, size_t cap);
/* The public enum value of `value` in voc, 0 when unknown. */
int mlmp_term_public(mlmp_vocab voc, const char *value);
/* The first value of voc whose public enum value is pub, or NULL. */
const char *mlmp_term_of_public(mlmp_vocab voc, int pub);

#endif
