/* The rest of the stand-in for an old libcurl (fake_old_libcurl.c): every
 * other function libmlm resolves, present so that loading gets as far as the
 * version check, and aborting if ever called. Kept apart from <curl/curl.h>,
 * whose prototypes (and macros) these do not follow. */
#include <stdlib.h>

#define MLMP_NEVER(name)                                  \
    __attribute__((visibility("default"))) void name(void); \
    void name(void) { abort(); }
MLMP_NEVER(curl_global_init)
MLMP_NEVER(curl_easy_init)
MLMP_NEVER(curl_easy_setopt)
MLMP_NEVER(curl_easy_perform)
MLMP_NEVER(curl_easy_getinfo)
MLMP_NEVER(curl_easy_cleanup)
MLMP_NEVER(curl_easy_strerror)
MLMP_NEVER(curl_slist_append)
MLMP_NEVER(curl_slist_free_all)
