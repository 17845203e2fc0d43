/**
 * @file mlm/fetch.h
 * @brief Fetching documents over http(s) with libcurl.
 *
 * libcurl is loaded at run time (dlopen of libcurl.so.4) by the first
 * mlm_fetch() of the process, once and thread-safely, and stays loaded; a
 * process that fetches nothing never loads it. When it cannot be loaded,
 * mlm_fetch() returns MLM_ERR_UNSUPPORTED with a message saying what to
 * install. (The environment variable MLM_TEST_LIBCURL, read only by tests,
 * replaces the library name; it is ignored in setuid/setgid programs.)
 *
 * mlm_fetch() downloads one URL into memory, following a bounded number of
 * redirects, with time and size limits. Only `http` and `https` are accepted,
 * for the first request and for every redirect. See docs/URL.md for the
 * defaults, the error messages and the security choices.
 *
 * Builds without libcurl (MLM_WITH_CURL=OFF) keep these functions:
 * mlm_global_init() and mlm_global_cleanup() do nothing and succeed, and
 * mlm_fetch() returns MLM_ERR_UNSUPPORTED.
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_FETCH_H
#define MLM_FETCH_H

#include "mlm/common.h"
#include "mlm/alloc.h"
#include "mlm/document.h"

MLM_BEGIN_DECL

/**
 * Kept for compatibility; does nothing and returns 0.
 *
 * It used to call curl_global_init(). The network layer is now set up by the
 * first mlm_fetch() of the process (libcurl is loaded and
 * curl_global_init(CURL_GLOBAL_DEFAULT) called, once, under pthread_once), so
 * calling this function is optional, and it loads nothing: a program that
 * calls it from main() and never fetches a URL never loads libcurl. It may be
 * called any number of times, from any thread.
 *
 * @return 0.
 */
MLM_EXPORT int mlm_global_init(void) MLM_ATTR_WARN_UNUSED;

/**
 * Kept for compatibility; does nothing. libcurl, once loaded by mlm_fetch(),
 * stays loaded and initialised until the process exits (curl_global_cleanup()
 * is never called by libmlm).
 */
MLM_EXPORT void mlm_global_cleanup(void);

/** The version of mlm_fetch_options described by this header. */
#define MLM_FETCH_OPTIONS_VERSION 2u

/** Default connection timeout in seconds. */
#define MLM_FETCH_DEFAULT_CONNECT_TIMEOUT 10L
/** Default limit on the whole transfer in seconds. */
#define MLM_FETCH_DEFAULT_MAX_TIME 60L
/** Default cap on the (decoded) body size in bytes: 64 MiB. */
#define MLM_FETCH_DEFAULT_MAX_FILESIZE (MLM_SIZE_C(64) * 1024 * 1024)
/** Default maximum number of redirects followed. */
#define MLM_FETCH_DEFAULT_MAX_REDIRS 5L

/**
 * Options of mlm_fetch(). Always start from MLM_FETCH_OPTIONS_INIT and then
 * change fields, so that `version` is set and new fields added by later
 * versions get their defaults. Every pointer is borrowed: it must stay valid
 * for the duration of the mlm_fetch() call only, and is never freed.
 */
typedef struct mlm_fetch_options {
    /** Must be MLM_FETCH_OPTIONS_VERSION (set by MLM_FETCH_OPTIONS_INIT). */
    unsigned int version;
    /** Seconds allowed to connect (DNS, TCP and TLS); 0 = libcurl's default (300 s). */
    long connect_timeout;
    /** Seconds allowed for the whole transfer, redirects included; 0 = no limit. */
    long max_time;
    /** Largest accepted body in bytes, after content decoding; 0 = no limit.
     *  Enforced with and without a Content-Length header. */
    size_t max_filesize;
    /** Maximum number of redirects followed; 0 = a redirect is an error. */
    long max_redirs;
    /** Number of entries in `headers`. */
    size_t header_count;
    /** Extra request headers, each "Name: value" (or "Name;" for an empty
     *  value, or "Name:" to remove a default header such as Accept). No CR or
     *  LF allowed. Borrowed; NULL when header_count is 0. */
    const char *const *headers;
    /** Non-zero: do not verify the server's TLS certificate and host name.
     *  For testing only: this makes https no safer than http. */
    int insecure;
    /** Path of a PEM file of CA certificates to verify servers with, instead
     *  of the system store; NULL = the system store. Borrowed. */
    const char *cacert;
    /** User-Agent header; NULL = "libmlm/<version> (+mlm-validate)". Borrowed. */
    const char *user_agent;
    /** Non-zero: offer every content encoding libcurl supports (gzip,
     *  deflate, ...) and decode the response. Default 1. */
    int accept_encoding;
    /* --- version 2 (read only when `version` >= 2) --- */
    /** HTTP method: NULL or "GET" (the default), or "POST". Borrowed. */
    const char *method;
    /** Request body sent with "POST" (may contain NUL bytes; NULL = empty).
     *  Borrowed. Must be NULL with "GET". */
    const char *body;
    /** Length of `body` in bytes. */
    size_t body_len;
    /** Content-Type of the body; NULL = "application/json". Ignored without
     *  a body. Borrowed; no CR or LF allowed. */
    const char *content_type;
} mlm_fetch_options;

/** Initialiser of mlm_fetch_options with every default. */
#define MLM_FETCH_OPTIONS_INIT                                                                     \
    {                                                                                              \
        MLM_FETCH_OPTIONS_VERSION, MLM_FETCH_DEFAULT_CONNECT_TIMEOUT, MLM_FETCH_DEFAULT_MAX_TIME,  \
            MLM_FETCH_DEFAULT_MAX_FILESIZE, MLM_FETCH_DEFAULT_MAX_REDIRS, 0, NULL, 0, NULL, NULL,  \
            1, NULL, NULL, 0, NULL                                                                 \
    }

/** The version of mlm_fetch_info described by this header. */
#define MLM_FETCH_INFO_VERSION 2u

/**
 * What mlm_fetch() learned about the transfer. Initialise it with
 * MLM_FETCH_INFO_INIT; release its strings with mlm_fetch_info_clear().
 * The strings are owned by the record.
 */
typedef struct mlm_fetch_info {
    /** Must be MLM_FETCH_INFO_VERSION (set by MLM_FETCH_INFO_INIT). */
    unsigned int version;
    /** HTTP status of the last response, 0 when none was received. */
    long http_status;
    /** Number of redirects followed. */
    long redirect_count;
    /** URL of the last request (after redirects), or NULL. Owned by the record. */
    char *final_url;
    /** Content-Type of the last response, or NULL when absent. Owned by the record. */
    char *content_type;
    /* --- version 2 (written only when `version` >= 2) --- */
    /** Seconds the server asked the client to wait before retrying (the
     *  Retry-After header, in seconds or as an HTTP-date, of a 429 or 503
     *  response), or -1 when the last response had none. */
    long retry_after;
} mlm_fetch_info;

/** Initialiser of an empty mlm_fetch_info. */
#define MLM_FETCH_INFO_INIT                                                                        \
    {                                                                                              \
        MLM_FETCH_INFO_VERSION, 0, 0, NULL, NULL, -1                                               \
    }

/** Fill @p opts with MLM_FETCH_OPTIONS_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_fetch_options_init(mlm_fetch_options *opts);
/** Fill @p info with MLM_FETCH_INFO_INIT (for bindings that cannot use the macro). */
MLM_EXPORT void mlm_fetch_info_init(mlm_fetch_info *info);

/**
 * Release the strings of @p info and reset its fields (the version is kept).
 * NULL is a no-op.
 */
MLM_EXPORT void mlm_fetch_info_clear(mlm_fetch_info *info);

/**
 * Download @p url into memory.
 *
 * Thread-safe: distinct threads may call it at the same time (each call uses
 * its own libcurl handle); the first call of the process loads libcurl while
 * concurrent first calls wait for it.
 *
 * Any final status outside 200..299 is an error (MLM_ERR_HTTP); the body of an
 * error response is not kept. The Content-Type is not checked: whether the
 * body is JSON is for the parser to say.
 *
 * @param url   an absolute http:// or https:// URL. Borrowed.
 * @param opts  options, or NULL for the defaults. Borrowed.
 * @param body  receives, on success, a NUL-terminated buffer owned by the
 *              caller, to be released with mlm_free(); set to NULL on failure.
 * @param len   receives the body length in bytes (without the NUL; the body
 *              may contain NUL bytes); 0 on failure. May be NULL.
 * @param info  NULL, or a record initialised with MLM_FETCH_INFO_INIT: any
 *              strings it holds are released, then it is filled as far as the
 *              transfer got, also on failure. Release it with
 *              mlm_fetch_info_clear().
 * @param err   NULL or a caller-owned record; on failure, receives the code, a
 *              message naming the URL, and the URL as `source`.
 * @return 0, or a negative mlm_status:
 *         MLM_ERR_INVALID_ARG (NULL argument, wrong struct version, a URL that
 *         is not http(s), a malformed header), MLM_ERR_NETWORK (DNS failure,
 *         connection refused, timeout, TLS failure, too many redirects, a
 *         redirect to a refused scheme, ...), MLM_ERR_HTTP (status >= 400 or
 *         an unfollowed 3xx), MLM_ERR_TOO_LARGE (body over max_filesize),
 *         MLM_ERR_NOMEM, or MLM_ERR_UNSUPPORTED in builds without libcurl and
 *         when libcurl cannot be loaded.
 */
MLM_EXPORT int mlm_fetch(const char *url, const mlm_fetch_options *opts, char **body, size_t *len,
                         mlm_fetch_info *info, mlm_error *err) MLM_ATTR_WARN_UNUSED;

/* --- loading what a command line names: a path or a URL ------------------- */

/**
 * Whether @p location is an http:// or https:// URL (the scheme compared
 * without regard to case), the test mlm-validate applies to its arguments.
 * @return 1 for a URL, 0 otherwise (NULL included).
 */
MLM_EXPORT int mlm_location_is_url(const char *location);

/**
 * Download @p url with mlm_fetch() and parse the body as
 * mlm_parse_buffer() does, naming the document by @p url (as given, before
 * redirects: mlm_fetch_info::final_url tells where it ended).
 *
 * Both caps apply: the download stops at @p fetch_opts->max_filesize, and the
 * body is then refused above @p parse_opts->max_bytes.
 *
 * @param url         an absolute http:// or https:// URL. Borrowed.
 * @param parse_opts  parse options, or NULL for the defaults. Borrowed.
 * @param fetch_opts  download options, or NULL for the defaults. Borrowed.
 * @param info        NULL, or a record initialised with MLM_FETCH_INFO_INIT,
 *                    filled as by mlm_fetch() (release it with
 *                    mlm_fetch_info_clear()).
 * @param err         NULL or a caller-owned record; on failure, the error of
 *                    the download (mlm_fetch()) or of the parse.
 * @return a new document owned by the caller (mlm_document_free()), or NULL:
 *         every error of mlm_fetch() (MLM_ERR_UNSUPPORTED in builds or
 *         processes without libcurl, with a sentence saying so) and of
 *         mlm_parse_buffer().
 */
MLM_EXPORT mlm_document *mlm_parse_url(const char *url, const mlm_parse_options *parse_opts,
                                       const mlm_fetch_options *fetch_opts, mlm_fetch_info *info,
                                       mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * Parse what a command line names, choosing as mlm-validate does: an http(s)
 * URL (mlm_location_is_url()) is downloaded with mlm_parse_url(); anything
 * else is a path read with mlm_parse_file() ("-" is standard input).
 * Directories are not walked: a directory is an MLM_ERR_IO error.
 *
 * @param location    a path, "-", or an http(s) URL. Borrowed.
 * @param parse_opts  parse options, or NULL for the defaults. Borrowed.
 * @param fetch_opts  download options for a URL, or NULL for the defaults;
 *                    unused for a path. Borrowed.
 * @param err         NULL or a caller-owned record.
 * @return a new document owned by the caller (mlm_document_free()), or NULL
 *         with @p err set, as mlm_parse_url() or mlm_parse_file().
 */
MLM_EXPORT mlm_document *mlm_parse_location(const char *location,
                                            const mlm_parse_options *parse_opts,
                                            const mlm_fetch_options *fetch_opts,
                                            mlm_error *err) MLM_ATTR_WARN_UNUSED;

MLM_END_DECL

#endif /* MLM_FETCH_H */
