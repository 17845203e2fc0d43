/* The facts of MLM: the tables of src/facts/ *.def and their accessors. */
#include <string.h>
#include <strings.h>

#include "facts.h"
#include "mlm_private.h"

/* The public enum and the facts agree: same first values and, unless a
 * test build adds a fictitious release, the same latest version. The
 * values in between are consecutive in both. */
_Static_assert((int)MLMP_V_DRAFT == (int)MLM_SPEC_DRAFT, "MLMP_V_DRAFT == MLM_SPEC_DRAFT");
_Static_assert((int)MLMP_V_1_0_0 == (int)MLM_SPEC_1_0_0, "MLMP_V_1_0_0 == MLM_SPEC_1_0_0");
#ifndef MLM_TEST_FICTITIOUS_RELEASE
_Static_assert((int)MLMP_SPEC_LATEST == (int)MLM_SPEC_LATEST,
               "the newest row of versions.def is MLM_SPEC_LATEST of include/mlm.h");
#endif
_Static_assert(MLMP_V_END_ <= 32, "stac_extensions scans keep one bit per version");

/* --- versions ---------------------------------------------------------------- */

/* The short names versions.def uses. */
#define ONE_OF MLMP_VF_ONE_OF
#define MODEL_EVERY MLMP_VF_MODEL_EVERY
#define ROLE_STRICT MLMP_VF_ROLE_STRICT
#define ITEM_ASSETS MLMP_VF_ITEM_ASSETS
#define BANDS_INPUTS MLMP_VF_BANDS_INPUTS
#define BANDS_OUTPUTS MLMP_VF_BANDS_OUTPUTS
#define VARIABLES MLMP_VF_VARIABLES
#define SCOPED MLMP_VF_SCOPED
#define ARTIFACT_TYPE MLMP_VF_ARTIFACT_TYPE
#define ENTRYPOINT MLMP_VF_ENTRYPOINT
#define ASSETS_TYPED MLMP_VF_ASSETS_TYPED

#define HOSTS_SE MLMP_HOST_SE
#define HOSTS_SE_CRIM (MLMP_HOST_SE | MLMP_HOST_CRIM)
#define CRIM_URL_SE(name) NULL
#define CRIM_URL_SE_CRIM(name) MLMP_URL_CRIM_PREFIX name MLMP_URL_SUFFIX
#define SELF_URL_SELF_SE(name) MLMP_URL_SE_PREFIX name MLMP_URL_SUFFIX
#define SELF_URL_SELF_CRIM(name) MLMP_URL_CRIM_PREFIX name MLMP_URL_SUFFIX
#define SELF_URL_SELF_BOGUS(name) MLMP_URL_BOGUS_PREFIX name MLMP_URL_SUFFIX

static const mlmp_version_fact versions[] = {
#define MLMP_VERSION(id, name, url, hosts, flags)                                                  \
    {(mlm_spec_version)MLMP_V_##id, name, url, NULL, NULL, hosts, flags},
#define MLMP_RELEASE(id, name, hosts, self_id, flags)                                              \
    {(mlm_spec_version)MLMP_V_##id,                                                                \
     name,                                                                                         \
     MLMP_URL_SE_PREFIX name MLMP_URL_SUFFIX,                                                      \
     CRIM_URL_##hosts(name),                                                                       \
     SELF_URL_##self_id(name),                                                                     \
     HOSTS_##hosts,                                                                                \
     MLMP_VF_RELEASED | (flags)},
#include "facts/versions.def"
#undef MLMP_VERSION
#undef MLMP_RELEASE
};
_Static_assert(MLMP_ARRAY_LEN(versions) == MLMP_SPEC_COUNT, "one row per version");

/* ", draft, ..." (every name with a leading separator; the list skips it). */
static const char version_list[] = ""
#define MLMP_VERSION(id, name, url, hosts, flags) ", " name
#define MLMP_RELEASE(id, name, hosts, self_id, flags) ", " name
#include "facts/versions.def"
#undef MLMP_VERSION
#undef MLMP_RELEASE
    ;

const mlmp_version_fact *mlmp_version_at(size_t i)
{
    return i < MLMP_ARRAY_LEN(versions) ? &versions[i] : NULL;
}

const mlmp_version_fact *mlmp_version_get(mlm_spec_version v)
{
    if ((int)v <= (int)MLM_SPEC_UNKNOWN || (int)v >= (int)MLMP_V_END_)
        return NULL;
    return &versions[(int)v - 1];
}

const mlmp_version_fact *mlmp_version_named(const char *name)
{
    for (size_t i = 0; name && i < MLMP_ARRAY_LEN(versions); i++)
        if (strcasecmp(versions[i].name, name) == 0)
            return &versions[i];
    return NULL;
}

bool mlmp_version_has(mlm_spec_version v, unsigned flags)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    return f && (f->flags & flags) == flags;
}

mlm_spec_version mlmp_version_first_with(unsigned flags)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(versions); i++)
        if ((versions[i].flags & MLMP_VF_RELEASED) && (versions[i].flags & flags) == flags)
            return versions[i].v;
    return MLM_SPEC_UNKNOWN;
}

const char *mlmp_versions_list(void) { return version_list + 2; }

/* --- fields ------------------------------------------------------------------ */

#define REQUIRED MLMP_FF_REQUIRED
#define ITEM_ONLY MLMP_FF_ITEM_ONLY
#define MODEL_ASSET MLMP_FF_MODEL_ASSET
#define CODE_ASSET MLMP_FF_CODE_ASSET
#define SUMMARY_SET MLMP_FF_SUMMARY_SET
/* since / until columns: a version id (MLMP_V_OPEN for "still in force"). */
#define VID(x) ((mlm_spec_version)MLMP_V_##x)

const char mlmp_key_text[MLMP_F_COUNT_][MLMP_KEY_CAP] = {
#define MLMP_FIELD(object, id, key, type, since, until, flags) key,
#include "facts/fields.def"
#undef MLMP_FIELD
};

static const mlmp_field_fact fields[] = {
#define MLMP_FIELD(object, id, key, type, since, until, flags)                                     \
    {MLMP_F_##object##_##id,                                                                       \
     MLMP_O_##object,                                                                              \
     mlmp_key_text[MLMP_F_##object##_##id],                                                        \
     MLMP_FT_##type,                                                                               \
     VID(since),                                                                                   \
     VID(until),                                                                                   \
     flags},
#include "facts/fields.def"
#undef MLMP_FIELD
};
_Static_assert(MLMP_ARRAY_LEN(fields) == MLMP_F_COUNT_, "one row per field");

const mlmp_field_fact *mlmp_field_at(size_t i)
{
    return i < MLMP_ARRAY_LEN(fields) ? &fields[i] : NULL;
}

const char *mlmp_key(mlmp_field_id id)
{
    return (size_t)id < MLMP_ARRAY_LEN(fields) ? fields[id].key : "";
}

const mlmp_field_fact *mlmp_field_lookup(mlmp_object object, const char *key, mlm_spec_version v)
{
    const mlmp_field_fact *found = NULL;
    for (size_t i = 0; key && i < MLMP_ARRAY_LEN(fields); i++) {
        const mlmp_field_fact *f = &fields[i];
        if (f->object != object || strcmp(f->key, key) != 0)
            continue;
        if (v == MLM_SPEC_UNKNOWN || mlmp_field_in(f, v))
            found = f;
    }
    return found;
}

/* --- vocabularies ------------------------------------------------------------ */

static const char *const vocab_what[] = {
#define MLMP_VOCAB(id, what) what,
#define MLMP_TERM(vocab, value, since, until, pub, extra)
#include "facts/vocab.def"
#undef MLMP_VOCAB
#undef MLMP_TERM
};

static const mlmp_term terms[] = {
#define MLMP_VOCAB(id, what)
#define MLMP_TERM(vocab, value, since, until, pub, extra)                                          \
    {MLMP_VOC_##vocab, value, VID(since), VID(until), pub, extra},
#include "facts/vocab.def"
#undef MLMP_VOCAB
#undef MLMP_TERM
};

const mlmp_term *mlmp_term_at(size_t i) { return i < MLMP_ARRAY_LEN(terms) ? &terms[i] : NULL; }

const char *mlmp_vocab_what(mlmp_vocab voc)
{
    return (size_t)voc < MLMP_ARRAY_LEN(vocab_what) ? vocab_what[voc] : "value";
}

const mlmp_term *mlmp_term_lookup(mlmp_vocab voc, const char *value)
{
    for (size_t i = 0; value && i < MLMP_ARRAY_LEN(terms); i++)
        if (terms[i].vocab == voc && strcmp(terms[i].value, value) == 0)
            return &terms[i];
    return NULL;
}

bool mlmp_term_known(mlmp_vocab voc, const char *value, mlm_spec_version v)
{
    for (size_t i = 0; value && i < MLMP_ARRAY_LEN(terms); i++)
        if (terms[i].vocab == voc && strcmp(terms[i].value, value) == 0 &&
            (v == MLM_SPEC_UNKNOWN || mlmp_version_in(v, terms[i].since, terms[i].until)))
            return true;
    return false;
}

size_t mlmp_vocab_values(mlmp_vocab voc, mlm_spec_version v, const char **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(terms); i++) {
        if (terms[i].vocab != voc)
            continue;
        if (v != MLM_SPEC_UNKNOWN && !mlmp_version_in(v, terms[i].since, terms[i].until))
            continue;
        if (k < cap)
            out[k] = terms[i].value;
        k++;
    }
    return k;
}

int mlmp_term_public(mlmp_vocab voc, const char *value)
{
    const mlmp_term *t = mlmp_term_lookup(voc, value);
    return t ? t->pub : 0;
}

const char *mlmp_term_of_public(mlmp_vocab voc, int pub)
{
    for (size_t i = 0; pub != 0 && i < MLMP_ARRAY_LEN(terms); i++)
        if (terms[i].vocab == voc && terms[i].pub == pub)
            return terms[i].value;
    return NULL;
}
