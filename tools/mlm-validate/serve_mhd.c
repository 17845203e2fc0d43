/* libmicrohttpd loaded on --serve: see serve_mhd.h for why. */
#include <stdio.h>

#include "dynload.h"
#include "serve_mhd.h"

#ifndef MLM_MHD_SONAME
#define MLM_MHD_SONAME "libmicrohttpd.so.12"
#endif

#define SYMBOL(member) MLMP_DYNLOAD_SYMBOL(serve_mhd, "MHD_", member)
static const mlmp_dynload_symbol symbols[] = {
    SYMBOL(start_daemon),
    SYMBOL(stop_daemon),
    SYMBOL(quiesce_daemon),
    SYMBOL(get_daemon_info),
    SYMBOL(get_connection_values),
    SYMBOL(lookup_connection_value),
    SYMBOL(create_response_from_buffer),
    SYMBOL(add_response_header),
    SYMBOL(queue_response),
    SYMBOL(destroy_response),
};
#undef SYMBOL

int serve_mhd_load(serve_mhd *t, char *why, size_t cap)
{
    enum { n_symbols = sizeof(symbols) / sizeof(symbols[0]) };
    _Static_assert(sizeof(serve_mhd) == n_symbols * sizeof(void (*)(void)),
                   "one symbol per member of serve_mhd");
    const char *detail;
    switch (mlmp_dynload(MLM_MHD_SONAME, symbols, n_symbols, t, &detail)) {
    case MLMP_DYNLOAD_OK: return 0;
    case MLMP_DYNLOAD_NO_LIBRARY:
        snprintf(why, cap,
                 "--serve needs libmicrohttpd (Debian: libmicrohttpd12), which cannot be loaded "
                 "(%s)",
                 detail ? detail : MLM_MHD_SONAME);
        return -1;
    case MLMP_DYNLOAD_NO_SYMBOL:
        snprintf(why, cap, "--serve needs libmicrohttpd 0.9.71 or later, but %s has no %s",
                 MLM_MHD_SONAME, detail);
        return -1;
    }
    return -1;
}
