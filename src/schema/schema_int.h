/*
 * Internal declarations of the JSON Schema engine (src/schema). Not installed.
 *
 * A schema is compiled into a graph of nodes (one per schema object or
 * boolean), each with an array of keywords in evaluation order. Validation
 * walks that graph; it never mutates it.
 */
#ifndef MLM_SCHEMA_INT_H
#define MLM_SCHEMA_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "mlm/schema.h"
#include "mlm_private.h"

/* --- hash tables (map.c) --------------------------------------------------
 * Every hash table of the engine (string map, pointer map, value set, the
 * names of a "properties" keyword, uniqueItems) is the same scheme: open
 * addressing with linear probing over a power-of-two number of slots kept at
 * most half full. These helpers are that scheme, written once. */
static inline size_t mlmp_sch_slot(uint64_t hash, size_t cap) { return (size_t)hash & (cap - 1); }
static inline size_t mlmp_sch_next_slot(size_t j, size_t cap) { return (j + 1) & (cap - 1); }
/* Slots for n entries: the least power of two that is >= 2n and >= min
 * (min a power of two). */
size_t mlmp_sch_table_cap(size_t n, size_t min);

/* An index table: a hash set of positions in an array the caller owns (a
 * slot holds index + 1; 0 is empty). */
typedef struct mlmp_sch_itab {
    uint32_t *slots;
    size_t cap;
} mlmp_sch_itab;
/* Room for n indexes: 0, MLM_ERR_NOMEM, or MLM_ERR_TOO_LARGE. */
int mlmp_sch_itab_init(mlmp_sch_itab *t, size_t n);
void mlmp_sch_itab_free(mlmp_sch_itab *t);
/* The slot where a probe for hash stops: the first holding an index i with
 * same(ctx, i), or the first empty one (store index + 1 there to insert). */
static inline uint32_t *mlmp_sch_itab_probe(const mlmp_sch_itab *t, uint64_t hash,
                                            bool (*same)(const void *ctx, size_t i),
                                            const void *ctx)
{
    size_t j = mlmp_sch_slot(hash, t->cap);
    while (t->slots[j] && !same(ctx, t->slots[j] - 1))
        j = mlmp_sch_next_slot(j, t->cap);
    return &t->slots[j];
}

/* String map: keys are copied (and freed by the map). Pointer map: keys are
 * borrowed pointers. */
typedef struct mlmp_sch_smap_entry {
    char *key; /* NULL = empty slot */
    uint64_t hash;
    void *value;
} mlmp_sch_smap_entry;
typedef struct mlmp_sch_smap {
    mlmp_sch_smap_entry *slots;
    size_t cap, count;
} mlmp_sch_smap;
/* Insert or replace; *old receives the replaced value (NULL if none). */
int mlmp_sch_smap_put(mlmp_sch_smap *m, const char *key, void *value, void **old);
void *mlmp_sch_smap_get(const mlmp_sch_smap *m, const char *key);
void *mlmp_sch_smap_getn(const mlmp_sch_smap *m, const char *key, size_t n);
void mlmp_sch_smap_free(mlmp_sch_smap *m, void (*free_value)(void *));

typedef struct mlmp_sch_pmap_entry {
    const void *key;
    void *value;
} mlmp_sch_pmap_entry;
typedef struct mlmp_sch_pmap {
    mlmp_sch_pmap_entry *slots;
    size_t cap, count;
} mlmp_sch_pmap;
int mlmp_sch_pmap_put(mlmp_sch_pmap *m, const void *key, void *value);
void *mlmp_sch_pmap_get(const mlmp_sch_pmap *m, const void *key);
void mlmp_sch_pmap_free(mlmp_sch_pmap *m);

/* A set of JSON values (for large enums): an index table over a json array,
 * compared as JSON Schema compares values (1 == 1.0). */
typedef struct mlmp_sch_vkey {
    const json_t *array, *v; /* is v equal to array[i]? */
} mlmp_sch_vkey;
bool mlmp_sch_vkey_same(const void *ctx, size_t i);
int mlmp_sch_vset_build(mlmp_sch_itab *s, const json_t *array);
bool mlmp_sch_vset_contains(const mlmp_sch_itab *s, const json_t *array, const json_t *v);

/* A finite double with no fractional part (without libm: the library does
 * not link it). Every double of magnitude >= 2^53 is integral. */
static inline bool mlmp_sch_is_integral(double d)
{
    if (d != d || d - d != 0.0)
        return false; /* NaN, infinities */
    if (d >= 9007199254740992.0 || d <= -9007199254740992.0)
        return true;
    return d == (double)(int64_t)d;
}

/* --- URIs and pointers (uri.c) ---------------------------------------------- */
/* Resolve reference `ref` against `base` (RFC 3986 section 5.2). Returns a
 * new string or NULL (out of memory). base may be "" (then ref, normalised). */
char *mlmp_sch_uri_resolve(const char *base, const char *ref);
/* Length of uri without its fragment. */
size_t mlmp_sch_uri_fragment_start(const char *uri);
/* Percent-decode n bytes into a new string; NULL on memory failure. */
char *mlmp_sch_uri_pct_decode(const char *s, size_t n);

/* --- regular expressions (regex.c) ------------------------------------------- */
typedef struct mlmp_sch_regex {
    pcre2_code *code;
    char *source; /* the original ECMA-262 pattern */
} mlmp_sch_regex;
/* Per-schema regex environment: the allocator and match limits. */
typedef struct mlmp_sch_regex_env {
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
} mlmp_sch_regex_env;
int mlmp_sch_regex_env_init(mlmp_sch_regex_env *env, unsigned long match_limit,
                            unsigned long depth_limit);
void mlmp_sch_regex_env_free(mlmp_sch_regex_env *env);
/* Translate an ECMA-262 pattern to PCRE2 syntax. Returns 0, MLM_ERR_NOMEM,
 * or MLM_ERR_SCHEMA with a message in msg (syntax PCRE2 would misread). */
int mlmp_sch_regex_translate(const char *src, size_t n, mlmp_strbuf *out, char *msg, size_t msglen);
/* Compile the n bytes of src (which may hold NUL characters); on failure
 * returns NULL and writes a reason to msg (nomem set when out of memory). */
mlmp_sch_regex *mlmp_sch_regex_compile(const mlmp_sch_regex_env *env, const char *src, size_t n,
                                       char *msg, size_t msglen, bool *nomem);
void mlmp_sch_regex_free(mlmp_sch_regex *re);

/* meta.c: a new reference to the built-in metaschema at url (draft-04, -06,
 * -07; http or https; no fragment), or NULL when url is not one of them
 * (nomem set when it is but memory ran out). */
json_t *mlmp_sch_builtin(const char *url, bool *nomem);
/* 1 match, 0 no match, MLM_ERR_DEPTH a limit was hit, MLM_ERR_NOMEM. *md is
 * created on first use (owned by the caller, pcre2_match_data_free). */
int mlmp_sch_regex_match(const mlmp_sch_regex_env *env, const mlmp_sch_regex *re, const char *s,
                         size_t n, pcre2_match_data **md);

/* --- formats (format.c) -------------------------------------------------------- */
typedef enum mlmp_sch_format {
    MLMP_FMT_UNKNOWN = 0,
    MLMP_FMT_DATE_TIME,
    MLMP_FMT_DATE,
    MLMP_FMT_TIME,
    MLMP_FMT_EMAIL,
    MLMP_FMT_IDN_EMAIL,
    MLMP_FMT_HOSTNAME,
    MLMP_FMT_IDN_HOSTNAME,
    MLMP_FMT_IPV4,
    MLMP_FMT_IPV6,
    MLMP_FMT_URI,
    MLMP_FMT_URI_REFERENCE,
    MLMP_FMT_IRI,
    MLMP_FMT_IRI_REFERENCE,
    MLMP_FMT_JSON_POINTER,
    MLMP_FMT_RELATIVE_JSON_POINTER,
    MLMP_FMT_REGEX,
    MLMP_FMT_URI_TEMPLATE
} mlmp_sch_format;
mlmp_sch_format mlmp_sch_format_lookup(const char *name);
const char *mlmp_sch_format_name(mlmp_sch_format f);
/* 1 valid, 0 invalid, MLM_ERR_NOMEM. */
int mlmp_sch_format_check(mlmp_sch_format f, const char *s, size_t n);

/* --- compiled schema ------------------------------------------------------------ */
/* Type masks: MLMP_T_* (mlm_private.h). */

typedef enum mlmp_kw_id {
    KW_TYPE,
    KW_ENUM,
    KW_CONST,
    KW_MULTIPLE_OF,
    KW_MAXIMUM,
    KW_EXCLUSIVE_MAXIMUM,
    KW_MINIMUM,
    KW_EXCLUSIVE_MINIMUM,
    KW_MAX_LENGTH,
    KW_MIN_LENGTH,
    KW_PATTERN,
    KW_FORMAT,
    KW_ITEMS,       /* one schema for every item */
    KW_ITEMS_TUPLE, /* items array + additionalItems */
    KW_CONTAINS,
    KW_MAX_ITEMS,
    KW_MIN_ITEMS,
    KW_UNIQUE_ITEMS,
    KW_REQUIRED,
    KW_MAX_PROPERTIES,
    KW_MIN_PROPERTIES,
    KW_PROPERTIES, /* properties + patternProperties + additionalProperties */
    KW_PROPERTY_NAMES,
    KW_DEPENDENCIES,
    KW_IF,
    KW_ALL_OF,
    KW_ANY_OF,
    KW_ONE_OF,
    KW_NOT,
    KW_COUNT_ /* the number of keyword ids */
} mlmp_kw_id;

typedef struct mlmp_node mlmp_node;

typedef struct mlmp_named_node {
    const char *name; /* borrowed from the schema document */
    size_t len;
    mlmp_node *node;
} mlmp_named_node;

typedef struct mlmp_pattern_node {
    mlmp_sch_regex *re;
    mlmp_node *node;
} mlmp_pattern_node;

typedef struct mlmp_dependency {
    const char *name;   /* the trigger property */
    mlmp_node *node;    /* schema form, or NULL */
    const char **names; /* array form: required names (borrowed) */
    size_t nnames;
} mlmp_dependency;

typedef struct mlmp_kw {
    mlmp_kw_id id;
    unsigned applies; /* instance types it applies to; 0 = all */
    union {
        unsigned types;
        size_t count;
        struct {
            const json_t *value; /* borrowed from the document */
            double d;
        } num;
        const json_t *value;
        struct {
            const json_t *values;
            mlmp_sch_itab set; /* built for large enums */
            bool hashed;
        } en;
        mlmp_sch_regex *re;
        mlmp_sch_format format;
        mlmp_node *sub;
        struct {
            mlmp_node **items;
            size_t n;
            mlmp_node *additional; /* NULL = anything */
        } tuple;
        struct {
            mlmp_node **v;
            size_t n;
        } list;
        struct {
            const char **names;
            size_t n;
        } req;
        struct {
            mlmp_named_node *props; /* in schema order */
            size_t n;
            mlmp_sch_itab index; /* over props, when there are more than 8 */
            mlmp_pattern_node *patterns;
            size_t npatterns;
            mlmp_node *additional; /* NULL = anything */
            bool has_props;
        } obj;
        struct {
            mlmp_dependency *deps;
            size_t n;
        } dep;
        struct {
            mlmp_node *cond, *then_, *else_;
        } cond;
    } u;
} mlmp_kw;

/* The subschema "properties" gives the member name (len bytes), or NULL. */
typedef struct mlmp_props_key {
    const mlmp_named_node *props;
    const char *name;
    size_t len;
} mlmp_props_key;
static inline bool mlmp_props_same(const void *ctx, size_t i)
{
    const mlmp_props_key *q = ctx;
    return q->props[i].len == q->len && memcmp(q->props[i].name, q->name, q->len) == 0;
}
static inline mlmp_node *mlmp_props_lookup(const mlmp_kw *k, const char *name, size_t len)
{
    const mlmp_named_node *props = k->u.obj.props;
    if (!k->u.obj.index.cap) {
        /* up to 8 names: a plain array, compare lengths, then bytes */
        for (size_t j = 0; j < k->u.obj.n; j++)
            if (props[j].len == len && memcmp(props[j].name, name, len) == 0)
                return props[j].node;
        return NULL;
    }
    mlmp_props_key q = {props, name, len};
    uint32_t *slot =
        mlmp_sch_itab_probe(&k->u.obj.index, mlmp_hash_bytes(name, len), mlmp_props_same, &q);
    return *slot ? props[*slot - 1].node : NULL;
}

typedef enum mlmp_node_kind { NODE_TRUE, NODE_FALSE, NODE_SCHEMA } mlmp_node_kind;

struct mlmp_node {
    mlmp_node_kind kind;
    const mlmp_node *ref; /* $ref target: the other keywords are ignored */
    mlmp_kw *kws;
    size_t nkw;
    char *loc; /* absolute location: URI "#" pointer */
};

struct mlm_schema {
    mlmp_node *root;
    mlmp_node **nodes;
    size_t nnodes, capnodes;
    json_t **docs; /* references held on every document in use */
    size_t ndocs, capdocs;
    mlmp_sch_regex **regexes;
    size_t nregexes, capregexes;
    mlmp_sch_regex_env env;
    unsigned max_depth;
};

/* Registry lookup used by the compiler: a borrowed document, or NULL with err set. */
json_t *mlmp_sch_registry_fetch(mlm_schema_registry *reg, const char *url, mlm_error *err);

#endif /* MLM_SCHEMA_INT_H */
