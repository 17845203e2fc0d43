/*
 * Loading a shared library at run time (dlopen) into a struct of function
 * pointers: libcurl for URLs (src/fetch/curl_api.c) and libmicrohttpd for
 * mlm-validate --serve (tools/mlm-validate/serve_mhd.c), so that a process
 * which never needs them never loads them.
 *
 * Private: compiled into the library and, as a source file, into the tools.
 * No global state: the caller owns the table and decides what to say when
 * loading fails (the status tells which step failed; the caller writes the
 * sentence). A library loaded here is never unloaded.
 */
#ifndef MLMP_DYNLOAD_H
#define MLMP_DYNLOAD_H

#include <stddef.h>

/* One function to resolve: its symbol name, and the offset in the caller's
 * struct of the function pointer member it fills. */
typedef struct mlmp_dynload_symbol {
    const char *name;
    size_t offset;
} mlmp_dynload_symbol;

/* A row of a symbol table: the symbol @p prefix followed by the name of
 * @p member fills that member of @p type, e.g.
 * MLMP_DYNLOAD_SYMBOL(mlmp_curl_api, "curl_", easy_init). */
#define MLMP_DYNLOAD_SYMBOL(type, prefix, member)                                                  \
    {                                                                                              \
        prefix #member, offsetof(type, member)                                                     \
    }

typedef enum mlmp_dynload_status {
    MLMP_DYNLOAD_OK = 0,
    /* dlopen() failed: *detail is dlerror()'s text (valid until the next
     * dl* call of this thread), or NULL when there was none. */
    MLMP_DYNLOAD_NO_LIBRARY,
    /* The library was opened but lacks a symbol: *detail is the first
     * missing name (the table's string). The library was closed again. */
    MLMP_DYNLOAD_NO_SYMBOL
} mlmp_dynload_status;

/* Opens @p soname (RTLD_NOW | RTLD_LOCAL) and stores the address of each of
 * the @p n symbols of @p symbols into @p table at the symbol's offset; every
 * member named must be a function pointer. On MLMP_DYNLOAD_OK the library
 * stays loaded for the life of the process and *detail is NULL; otherwise
 * *detail says what failed (see above) and @p table may be partly written. */
mlmp_dynload_status mlmp_dynload(const char *soname, const mlmp_dynload_symbol *symbols, size_t n,
                                 void *table, const char **detail);

#endif
