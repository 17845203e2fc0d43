/* libmicrohttpd loaded on --serve: see serve_mhd.h for why. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "serve_mhd.h"

#ifndef MLM_MHD_SONAME
#define MLM_MHD_SONAME "libmicrohttpd.so.12"
#endif

#define SYMBOL(member)                                                                             \
    {                                                                                              \
        "MHD_" #member, offsetof(serve_mhd, member)                                                \
    }
static const struct {
    const char *name;
    size_t offset;
} symbols[] = {
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
    _Static_assert(sizeof(serve_mhd) ==
                       sizeof(symbols) / sizeof(symbols[0]) * sizeof(void (*)(void)),
                   "one symbol per member of serve_mhd");
    _Static_assert(sizeof(void *) == sizeof(void (*)(void)), "dlsym results fit function pointers");
    void *lib = dlopen(MLM_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(why, cap,
                 "--serve needs libmicrohttpd (Debian: libmicrohttpd12), which cannot be loaded "
                 "(%s)",
                 e ? e : MLM_MHD_SONAME);
        return -1;
    }
    for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
        void *sym = dlsym(lib, symbols[i].name);
        if (!sym) {
            snprintf(why, cap, "--serve needs libmicrohttpd 0.9.71 or later, but %s has no %s",
                     MLM_MHD_SONAME, symbols[i].name);
            dlclose(lib);
            return -1;
        }
        /* POSIX: dlsym's result has the representation of the function's address. */
        memcpy((unsigned char *)t + symbols[i].offset, &sym, sizeof(sym));
    }
    return 0;
}
