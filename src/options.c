/* The *_options_init() functions: each fills a caller's options record with
 * its _INIT macro, for language bindings that cannot expand C macros. They
 * use the macros themselves, so a field appended to a record (and to its
 * macro) is covered here without a change. */
#include "mlm/document.h"
#include "mlm/fetch.h"
#include "mlm/schema.h"
#include "mlm/stac.h"
#include "mlm/validate.h"

#define MLMP_DEFINE_INIT(fn, type, init) \
    void fn(type *x)                     \
    {                                    \
        if (x) {                         \
            type d = init;               \
            *x = d;                      \
        }                                \
    }

MLMP_DEFINE_INIT(mlm_parse_options_init, mlm_parse_options, MLM_PARSE_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_fetch_options_init, mlm_fetch_options, MLM_FETCH_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_fetch_info_init, mlm_fetch_info, MLM_FETCH_INFO_INIT)
MLMP_DEFINE_INIT(mlm_validate_options_init, mlm_validate_options, MLM_VALIDATE_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_stac_options_init, mlm_stac_options, MLM_STAC_OPTIONS_INIT)
MLMP_DEFINE_INIT(mlm_schema_options_init, mlm_schema_options, MLM_SCHEMA_OPTIONS_INIT)
