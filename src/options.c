/* The *_options_init() functions: each fills a caller's options record with
 * its _INIT macro, for language bindings that cannot expand C macros. They
 * use the macros themselves, so a field appended to a record (and to its
 * macro) is covered here without a change. */
#include "mlm/document.h"
#include "mlm/fetch.h"
#include "mlm/schema.h"
#include "mlm/stac.h"
#include "mlm/validate.h"
#include "mlm_private.h"

#define MLMP_DEFINE_INIT(fn, type, init)                                                           \
    void fn(type *x)                                                                               \
    {                                                                                              \
        if (x) {                                                                                   \
            type d = init;                                                                         \
            *x = d;                                                                                \
        }                                                                                          \
    }

MLMP_DEFINE_INIT(mlm_parse_options_init, mlm_parse_options, MLM_PARSE_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_fetch_options_init, mlm_fetch_options, MLM_FETCH_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_fetch_info_init, mlm_fetch_info, MLM_FETCH_INFO_INIT)
MLMP_DEFINE_INIT(mlm_validate_options_init, mlm_validate_options, MLM_VALIDATE_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_stac_options_init, mlm_stac_options, MLM_STAC_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_schema_options_init, mlm_schema_options, MLM_SCHEMA_OPTIONS_INIT)

/* The one rule for a caller's versioned options record (and mlm_fetch_info):
 * 1 <= version <= the version this library was built with. 0 is a record
 * that was never initialised (e.g. zeroed by memset); a larger value comes
 * from a newer header than the library, whose extra fields would be ignored
 * silently. Both are refused with a sentence that names the record, what
 * was found, what is accepted and the macro that sets it right. */
int mlmp_options_check(unsigned int version, unsigned int current, const char *record,
                       const char *init_macro, const char *fn, const char *source, mlm_error *err)
{
    if (version >= 1 && version <= current)
        return MLM_OK;
    if (version == 0)
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, source,
                       "%s: the %s record has version 0, so it was not initialised; start "
                       "from %s (this libmlm accepts versions 1 to %u).",
                       fn, record, init_macro, current);
    else
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, source,
                       "%s: the %s record has version %u, newer than this libmlm knows "
                       "(versions 1 to %u); the program was built against a newer header: "
                       "rebuild it against this libmlm or upgrade libmlm.",
                       fn, record, version, current);
    return MLM_ERR_INVALID_ARG;
}
