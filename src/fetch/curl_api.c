/* libcurl loaded on first use: see curl_api.h for why and how.
 *
 * State: one table, one status and one message, written only inside the
 * pthread_once routine and read-only after it (pthread_once orders the write
 * before every reader's return from pthread_once). Nothing here is visible to
 * users of the library, and nothing is ever written twice. */
#define _GNU_SOURCE /* secure_getenv */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "dynload.h"
#include "fetch/curl_api.h"
#include "fetch/fetch_private.h"

/* The symbols to resolve and the member of mlmp_curl_api each one fills. */
#define MLMP_CURL_SYMBOL(member) MLMP_DYNLOAD_SYMBOL(mlmp_curl_api, "curl_", member)
static const mlmp_dynload_symbol symbols[] = {
    MLMP_CURL_SYMBOL(global_init),    MLMP_CURL_SYMBOL(easy_init),
    MLMP_CURL_SYMBOL(easy_setopt),    MLMP_CURL_SYMBOL(easy_perform),
    MLMP_CURL_SYMBOL(easy_getinfo),   MLMP_CURL_SYMBOL(easy_cleanup),
    MLMP_CURL_SYMBOL(easy_strerror),  MLMP_CURL_SYMBOL(slist_append),
    MLMP_CURL_SYMBOL(slist_free_all), MLMP_CURL_SYMBOL(version_info),
};
#undef MLMP_CURL_SYMBOL

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static mlmp_curl_api api;
static int load_code;          /* MLM_OK, or why api is unusable */
static char load_message[320]; /* the reason, without the URL */
static const char *load_hint;  /* what to do about it, or "" */

/* The test-only library name (MLMP_LIBCURL_ENV), never for setuid/setgid
 * programs; NULL where secure_getenv() does not exist. */
static const char *test_override(void)
{
#if defined(__GLIBC__) || defined(__linux__)
    return secure_getenv(MLMP_LIBCURL_ENV);
#else
    return NULL;
#endif
}

static void load(void)
{
    _Static_assert(sizeof(mlmp_curl_api) == MLMP_ARRAY_LEN(symbols) * sizeof(void (*)(void)),
                   "one symbol per member of mlmp_curl_api");
    load_hint = "";
    const char *name = test_override();
    if (!name || !*name)
        name = MLMP_LIBCURL_SONAME;
    mlmp_curl_api t;
    const char *detail;
    switch (mlmp_dynload(name, symbols, MLMP_ARRAY_LEN(symbols), &t, &detail)) {
    case MLMP_DYNLOAD_OK: break;
    case MLMP_DYNLOAD_NO_LIBRARY:
        load_code = MLM_ERR_UNSUPPORTED;
        snprintf(load_message, sizeof(load_message),
                 "URL support needs libcurl (Debian: libcurl4), which cannot be loaded (%s)",
                 detail ? detail : name);
        load_hint = "; install libcurl, or download the document and give its file name";
        return;
    case MLMP_DYNLOAD_NO_SYMBOL:
        load_code = MLM_ERR_UNSUPPORTED;
        snprintf(load_message, sizeof(load_message),
                 "URL support needs libcurl (Debian: libcurl4), but %s has no function %s", name,
                 detail);
        load_hint = "; install libcurl 7.85 or later";
        return;
    }
    const curl_version_info_data *vi = t.version_info(CURLVERSION_NOW);
    if (!vi || vi->version_num < MLMP_LIBCURL_MIN_VERSION) {
        load_code = MLM_ERR_UNSUPPORTED;
        snprintf(load_message, sizeof(load_message),
                 "URL support needs libcurl 7.85 or later, but %s is version %s", name,
                 vi && vi->version ? vi->version : "unknown");
        load_hint = "; install a newer libcurl (Debian: libcurl4)";
        return; /* loaded but unused: it stays loaded, as after a failed init */
    }
    CURLcode rc = t.global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK) {
        load_code = rc == CURLE_OUT_OF_MEMORY ? MLM_ERR_NOMEM : MLM_ERR_NETWORK;
        snprintf(load_message, sizeof(load_message), "libcurl could not be initialised (%s)",
                 t.easy_strerror ? t.easy_strerror(rc) : "curl_global_init failed");
        return; /* libcurl stays loaded: unloading a half-initialised TLS stack is riskier */
    }
    api = t; /* libcurl stays loaded for the life of the process */
    load_code = MLM_OK;
}

const mlmp_curl_api *mlmp_curl_load(const char *url, mlm_error *err, int *code)
{
    if (pthread_once(&load_once, load) != 0) {
        *code = MLM_ERR_UNSUPPORTED;
        mlmp_fetch_fail(err, *code, url, "URL support could not be set up", NULL);
        return NULL;
    }
    *code = load_code;
    if (load_code == MLM_OK)
        return &api;
    mlmp_error_set(err, load_code, url, "%s, fetching %s%s.", load_message, url, load_hint);
    return NULL;
}
