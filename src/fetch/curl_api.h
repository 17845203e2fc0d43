/* libcurl, loaded at run time (dlopen) the first time a URL is fetched.
 *
 * libmlm does not link libcurl: a process that never fetches a URL never
 * loads libcurl and the ~30 libraries behind it (TLS, HTTP/2, IDN, ...), which
 * used to be most of the start-up time of a one-file mlm-validate run. The
 * headers of libcurl are still used at build time for the types and
 * constants; the functions come from a table filled once per process.
 *
 * Only fetch.c uses this table. To call another libcurl function, add a member
 * here and a row in the symbol list of curl_api.c; options of any type go
 * through easy_setopt (variadic, as curl_easy_setopt). */
#ifndef MLMP_CURL_API_H
#define MLMP_CURL_API_H

#include <curl/curl.h>

#include "mlm/common.h"

/* The libcurl functions libmlm calls; each has the signature of the libcurl
 * function of the same name with a "curl_" prefix. */
typedef struct mlmp_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
    CURLcode (*easy_perform)(CURL *h);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *h);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
    void (*slist_free_all)(struct curl_slist *list);
    curl_version_info_data *(*version_info)(CURLversion age);
} mlmp_curl_api;

/* The oldest libcurl accepted at run time (CURLOPT_PROTOCOLS_STR): 7.85.0. */
#define MLMP_LIBCURL_MIN_VERSION 0x075500

/* The library loaded by default: libcurl's ABI 4, as every libcurl since 7.16
 * names it. */
#ifndef MLMP_LIBCURL_SONAME
#if defined(__APPLE__)
#define MLMP_LIBCURL_SONAME "libcurl.4.dylib"
#else
#define MLMP_LIBCURL_SONAME "libcurl.so.4"
#endif
#endif

/* For tests only: when this environment variable is set (and the process is
 * not setuid/setgid), its value is loaded instead of MLMP_LIBCURL_SONAME, so
 * that a test can simulate a machine without libcurl (a name that does not
 * exist) or with a library that is not libcurl. Linux (glibc, musl) only. */
#define MLMP_LIBCURL_ENV "MLM_TEST_LIBCURL"

/* The loaded and initialised libcurl (dlopen, every symbol resolved,
 * curl_global_init(CURL_GLOBAL_DEFAULT) called), or NULL when that failed,
 * with @p err set ("URL support needs libcurl ..., fetching <url>") and *code
 * set to a negative mlm_status.
 *
 * The first call in the process does the work under pthread_once; every
 * later call, from any thread, returns the same outcome without locking. The
 * table is never written again and libcurl is never unloaded: its global
 * state lives until the process exits (curl_global_cleanup is not called,
 * since no caller can know that no other thread still needs it). */
const mlmp_curl_api *mlmp_curl_load(const char *url, mlm_error *err, int *code);

#endif /* MLMP_CURL_API_H */
