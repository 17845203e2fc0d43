/* The run-time loader of dynload.h. */
#include <dlfcn.h>
#include <string.h>

#include "dynload.h"

mlmp_dynload_status mlmp_dynload(const char *soname, const mlmp_dynload_symbol *symbols, size_t n,
                                 void *table, const char **detail)
{
    _Static_assert(sizeof(void *) == sizeof(void (*)(void)), "dlsym results fit function pointers");
    *detail = NULL;
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        *detail = dlerror();
        return MLMP_DYNLOAD_NO_LIBRARY;
    }
    for (size_t i = 0; i < n; i++) {
        void *sym = dlsym(lib, symbols[i].name);
        if (!sym) {
            *detail = symbols[i].name;
            dlclose(lib);
            return MLMP_DYNLOAD_NO_SYMBOL;
        }
        /* ISO C has no conversion between object and function pointers;
         * POSIX guarantees that dlsym's result has the representation of the
         * function's address, and the member is a function pointer of that
         * size. */
        memcpy((unsigned char *)table + symbols[i].offset, &sym, sizeof(sym));
    }
    return MLMP_DYNLOAD_OK;
}
