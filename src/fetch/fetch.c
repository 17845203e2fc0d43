/* URL input: download one http(s) URL into memory with libcurl.
 *
 * libcurl is not linked: the first mlm_fetch() of the process loads it
 * (curl_api.c) and every libcurl call goes through the table it returns.
 * Every call uses its own easy handle and keeps its state on the stack, so
 * concurrent calls from distinct threads share nothing but libcurl's global
 * state (set up once, on that first call). Limits on time and size are always
 * on; see docs/URL.md for the reasons behind each option. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch_private.h"
#include "mlm/fetch.h"
#include "mlm_private.h"
#include "mlm_version.h"

#ifdef MLM_WITH_CURL
#include "fetch/curl_api.h"
#endif

/* Nothing to set up or release ahead of time: libcurl is loaded and
 * initialised by the first mlm_fetch() (see mlm/fetch.h). */
int mlm_global_init(void) { return MLM_OK; }

void mlm_global_cleanup(void) {}

void mlm_fetch_info_clear(mlm_fetch_info *info)
{
    if (!info)
        return;
    mlmp_free(info->final_url);
    mlmp_free(info->content_type);
    info->final_url = NULL;
    info->content_type = NULL;
    info->http_status = 0;
    info->redirect_count = 0;
    if (info->version >= 2)
        info->retry_after = -1;
}

/* Only http and https are fetched; the scheme is checked here so that other
 * URLs get a clear message before libcurl is involved. */
static bool has_http_scheme(const char *url)
{
    static const char *const schemes[] = {"http://", "https://"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(schemes); i++) {
        size_t n = strlen(schemes[i]);
        bool same = true;
        for (size_t j = 0; j < n && same; j++) {
            char c = url[j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            same = c == schemes[i][j];
        }
        if (same)
            return true;
    }
    return false;
}

/* A header must look like "Name: value", "Name;" or "Name:"; CR and LF would
 * let a caller smuggle extra headers or a second request. */
static bool header_ok(const char *h)
{
    if (!h || !*h || *h == ':' || *h == ';')
        return false;
    if (strpbrk(h, "\r\n"))
        return false;
    size_t name = strcspn(h, ":;");
    if (!h[name])
        return false;
    for (size_t i = 0; i < name; i++)
        if (h[i] == ' ' || h[i] == '\t')
            return false;
    return true;
}

/* Validate everything that does not need the network. */
static int check_args(const char *url, const mlm_fetch_options *o, char **body,
                      const mlm_fetch_info *info, mlm_error *err)
{
    if (!url || !body) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url, "mlm_fetch: url and body must not be NULL");
        return MLM_ERR_INVALID_ARG;
    }
    if (MLMP_OPTIONS_CHECK(o, FETCH_OPTIONS, mlm_fetch_options, "mlm_fetch", url, err) != MLM_OK)
        return MLM_ERR_INVALID_ARG;
    if (MLMP_OPTIONS_CHECK(info, FETCH_INFO, mlm_fetch_info, "mlm_fetch", url, err) != MLM_OK)
        return MLM_ERR_INVALID_ARG;
    if (o->connect_timeout < 0 || o->max_time < 0 || o->max_redirs < 0) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                       "mlm_fetch: timeouts and the redirect limit must not be negative");
        return MLM_ERR_INVALID_ARG;
    }
    if (o->header_count && !o->headers) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                       "mlm_fetch: header_count is %zu but headers is NULL", o->header_count);
        return MLM_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < o->header_count; i++) {
        if (!header_ok(o->headers[i])) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                           "request header %zu is not of the form \"Name: value\" "
                           "(or contains a line break)",
                           i + 1);
            return MLM_ERR_INVALID_ARG;
        }
    }
    if (o->version >= 2) {
        bool post = o->method && strcmp(o->method, "POST") == 0;
        if (o->method && !post && strcmp(o->method, "GET") != 0) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                           "mlm_fetch: the method must be GET or POST, not \"%.40s\"", o->method);
            return MLM_ERR_INVALID_ARG;
        }
        if (!post && (o->body || o->body_len)) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                           "mlm_fetch: a request body needs the POST method");
            return MLM_ERR_INVALID_ARG;
        }
        if (o->content_type && (!*o->content_type || strpbrk(o->content_type, "\r\n"))) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                           "mlm_fetch: the content type is empty or contains a line break");
            return MLM_ERR_INVALID_ARG;
        }
    }
    if (!has_http_scheme(url)) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url,
                       "only http:// and https:// URLs can be fetched: %s", url);
        return MLM_ERR_INVALID_ARG;
    }
    return MLM_OK;
}

/* In every build: the test mlm_parse_location() and mlm-validate apply. */
int mlm_location_is_url(const char *location)
{
    return location &&
           (strncasecmp(location, "http://", 7) == 0 || strncasecmp(location, "https://", 8) == 0);
}

#ifndef MLM_WITH_CURL

int mlm_fetch(const char *url, const mlm_fetch_options *opts, char **body, size_t *len,
              mlm_fetch_info *info, mlm_error *err)
{
    static const mlm_fetch_options defaults = MLM_FETCH_OPTIONS_INIT;
    if (body)
        *body = NULL;
    if (len)
        *len = 0;
    int rc = check_args(url, opts ? opts : &defaults, body, info, err);
    if (rc != MLM_OK)
        return rc;
    mlm_fetch_info_clear(info);
    mlmp_error_set(err, MLM_ERR_UNSUPPORTED, url,
                   "this libmlm was built without URL support (MLM_WITH_CURL=OFF), "
                   "cannot fetch %s",
                   url);
    return MLM_ERR_UNSUPPORTED;
}

#else /* MLM_WITH_CURL */

/* Transfers slower than this many bytes per second for LOW_SPEED_TIME
 * seconds are abandoned even when max_time is 0 (no limit), so that a stalled
 * or trickling server cannot hold a caller forever. */
#define LOW_SPEED_LIMIT 16L
#define LOW_SPEED_TIME 30L

#define DEFAULT_ACCEPT "Accept: application/geo+json, application/json;q=0.9, */*;q=0.1"
#define DEFAULT_USER_AGENT "libmlm/" MLM_VERSION_STRING " (+mlm-validate)"

/* Set err to "<what> (<detail>), fetching <url>". */
static int fail(mlm_error *err, int code, const char *url, const char *what, const char *detail)
{
    return mlmp_fetch_fail(err, code, url, what, detail);
}

/* Translate a libcurl failure into a status and a message. */
static int curl_failure(const mlmp_curl_api *curl, CURL *h, CURLcode res, const char *errbuf,
                        const mlmp_transfer *t, const char *url, const mlm_fetch_options *o,
                        mlm_error *err)
{
    char what[256];
    const char *detail = errbuf[0] ? errbuf : curl->easy_strerror(res);
    long redirects = 0;
    curl->easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects);

    switch (res) {
    case CURLE_OUT_OF_MEMORY: return fail(err, MLM_ERR_NOMEM, url, "out of memory", NULL);
    case CURLE_URL_MALFORMAT: return fail(err, MLM_ERR_INVALID_ARG, url, "malformed URL", detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
        if (redirects > 0 || t->location[0]) {
            snprintf(what, sizeof(what),
                     "refused a redirect to %s: only http and https are allowed",
                     t->location[0] ? t->location : "a URL that is not http(s)");
            return fail(err, MLM_ERR_NETWORK, url, what, NULL);
        }
        return fail(err, MLM_ERR_NETWORK, url, "unsupported protocol", detail);
    case CURLE_COULDNT_RESOLVE_HOST:
        return fail(err, MLM_ERR_NETWORK, url, "could not resolve the host name", detail);
    case CURLE_COULDNT_RESOLVE_PROXY:
        return fail(err, MLM_ERR_NETWORK, url, "could not resolve the proxy", detail);
    case CURLE_COULDNT_CONNECT: return fail(err, MLM_ERR_NETWORK, url, "could not connect", detail);
    case CURLE_OPERATION_TIMEDOUT:
        if (o->max_time)
            snprintf(what, sizeof(what), "timed out (limits: connect %ld s, total %ld s)",
                     o->connect_timeout, o->max_time);
        else
            snprintf(what, sizeof(what), "timed out (limits: connect %ld s, total none)",
                     o->connect_timeout);
        return fail(err, MLM_ERR_NETWORK, url, what, detail);
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(what, sizeof(what), "too many redirects (limit %ld)", o->max_redirs);
        return fail(err, MLM_ERR_NETWORK, url, what, NULL);
    case CURLE_PEER_FAILED_VERIFICATION:
        return fail(err, MLM_ERR_NETWORK, url,
                    "TLS certificate verification failed; pass the CA certificate "
                    "(cacert) to trust this server",
                    detail);
    case CURLE_SSL_CACERT_BADFILE:
        snprintf(what, sizeof(what), "cannot use the CA certificate file %s",
                 o->cacert ? o->cacert : "(system store)");
        return fail(err, MLM_ERR_NETWORK, url, what, detail);
    case CURLE_SSL_CONNECT_ERROR:
        return fail(err, MLM_ERR_NETWORK, url, "TLS handshake failed", detail);
    case CURLE_GOT_NOTHING:
        return fail(err, MLM_ERR_NETWORK, url, "the server closed the connection without a reply",
                    NULL);
    case CURLE_WEIRD_SERVER_REPLY:
        return fail(err, MLM_ERR_NETWORK, url, "the server's reply is not valid HTTP", detail);
    case CURLE_BAD_CONTENT_ENCODING:
        return fail(err, MLM_ERR_NETWORK, url, "the compressed response could not be decoded",
                    detail);
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return fail(err, MLM_ERR_NETWORK, url, "the connection failed during the transfer", detail);
    default:
        snprintf(what, sizeof(what), "transfer failed (curl error %d)", (int)res);
        return fail(err, MLM_ERR_NETWORK, url, what, detail);
    }
}

/* Copy what libcurl knows about the transfer into the caller's record. */
static int fill_info(const mlmp_curl_api *curl, CURL *h, mlm_fetch_info *info)
{
    char *s = NULL;
    curl->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &info->http_status);
    curl->easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &info->redirect_count);
    if (curl->easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK && s) {
        info->final_url = mlmp_strdup(s);
        if (!info->final_url)
            return MLM_ERR_NOMEM;
    }
    s = NULL;
    if (curl->easy_getinfo(h, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK && s) {
        info->content_type = mlmp_strdup(s);
        if (!info->content_type)
            return MLM_ERR_NOMEM;
    }
#if LIBCURL_VERSION_NUM >= 0x074200 /* CURLINFO_RETRY_AFTER: 7.66.0 */
    /* libcurl parses both forms of Retry-After (delay-seconds, HTTP-date). */
    curl_off_t wait = -1;
    if (info->version >= 2 && curl->easy_getinfo(h, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK &&
        wait > 0)
        info->retry_after = wait > LONG_MAX ? LONG_MAX : (long)wait;
#endif
    return MLM_OK;
}

/* Case-insensitive "does h start with the header name `name`:"? */
static bool header_named(const char *h, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return h[n] == ':' || h[n] == ';';
}

/* The request headers: the caller's, plus a JSON-friendly Accept unless the
 * caller chose one. NULL with *rc set on failure. */
static struct curl_slist *build_headers(const mlmp_curl_api *curl, const mlm_fetch_options *o,
                                        int *rc)
{
    struct curl_slist *list = NULL;
    bool has_accept = false;
    *rc = MLM_OK;
    for (size_t i = 0; i < o->header_count; i++) {
        struct curl_slist *next = curl->slist_append(list, o->headers[i]);
        if (!next) {
            curl->slist_free_all(list);
            *rc = MLM_ERR_NOMEM;
            return NULL;
        }
        list = next;
        if (header_named(o->headers[i], "accept"))
            has_accept = true;
    }
    if (!has_accept) {
        struct curl_slist *next = curl->slist_append(list, DEFAULT_ACCEPT);
        if (!next) {
            curl->slist_free_all(list);
            *rc = MLM_ERR_NOMEM;
            return NULL;
        }
        list = next;
    }
    if (o->version >= 2 && o->body) {
        const char *ct = o->content_type ? o->content_type : "application/json";
        size_t n = strlen(ct) + sizeof("Content-Type: ");
        char *line = mlmp_malloc(n);
        struct curl_slist *next = NULL;
        if (line) {
            snprintf(line, n, "Content-Type: %s", ct);
            next = curl->slist_append(list, line); /* copies the line */
            mlmp_free(line);
        }
        if (!next) {
            curl->slist_free_all(list);
            *rc = MLM_ERR_NOMEM;
            return NULL;
        }
        list = next;
    }
    return list;
}

/* Apply the options to a fresh handle. Returns the first libcurl failure. */
static CURLcode configure(const mlmp_curl_api *curl, CURL *h, const char *url,
                          const mlm_fetch_options *o, struct curl_slist *headers, mlmp_transfer *t,
                          char *errbuf)
{
    CURLcode rc = CURLE_OK;
#define MLMP_SETOPT(opt, val)                                                                      \
    do {                                                                                           \
        if (rc == CURLE_OK)                                                                        \
            rc = curl->easy_setopt(h, opt, val);                                                   \
    } while (0)
    MLMP_SETOPT(CURLOPT_ERRORBUFFER, errbuf);
    MLMP_SETOPT(CURLOPT_NOSIGNAL, 1L);
    MLMP_SETOPT(CURLOPT_PROTOCOLS_STR, "http,https");
    MLMP_SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    MLMP_SETOPT(CURLOPT_URL, url);
    MLMP_SETOPT(CURLOPT_FOLLOWLOCATION, 1L);
    MLMP_SETOPT(CURLOPT_MAXREDIRS, o->max_redirs);
    MLMP_SETOPT(CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
    MLMP_SETOPT(CURLOPT_TIMEOUT, o->max_time);
    MLMP_SETOPT(CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_LIMIT);
    MLMP_SETOPT(CURLOPT_LOW_SPEED_TIME, LOW_SPEED_TIME);
    if (o->max_filesize && (unsigned long long)o->max_filesize <= (unsigned long long)INT64_MAX)
        MLMP_SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_filesize);
    MLMP_SETOPT(CURLOPT_USERAGENT, o->user_agent ? o->user_agent : DEFAULT_USER_AGENT);
    if (o->accept_encoding)
        MLMP_SETOPT(CURLOPT_ACCEPT_ENCODING, "");
    MLMP_SETOPT(CURLOPT_HTTPHEADER, headers);
    if (o->version >= 2 && o->method && strcmp(o->method, "POST") == 0) {
        /* POSTFIELDS is not copied: the body outlives the transfer. */
        MLMP_SETOPT(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)o->body_len);
        MLMP_SETOPT(CURLOPT_POSTFIELDS, o->body ? o->body : "");
    }
    if (o->insecure) {
        MLMP_SETOPT(CURLOPT_SSL_VERIFYPEER, 0L);
        MLMP_SETOPT(CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (o->cacert)
        MLMP_SETOPT(CURLOPT_CAINFO, o->cacert);
    MLMP_SETOPT(CURLOPT_HEADERFUNCTION, mlmp_transfer_on_header);
    MLMP_SETOPT(CURLOPT_HEADERDATA, (void *)t);
    MLMP_SETOPT(CURLOPT_WRITEFUNCTION, mlmp_transfer_on_write);
    MLMP_SETOPT(CURLOPT_WRITEDATA, (void *)t);
#undef MLMP_SETOPT
    return rc;
}

int mlm_fetch(const char *url, const mlm_fetch_options *opts, char **body, size_t *len,
              mlm_fetch_info *info, mlm_error *err)
{
    static const mlm_fetch_options defaults = MLM_FETCH_OPTIONS_INIT;
    const mlm_fetch_options *o = opts ? opts : &defaults;
    if (body)
        *body = NULL;
    if (len)
        *len = 0;
    int rc = check_args(url, o, body, info, err);
    if (rc != MLM_OK)
        return rc;
    mlm_fetch_info_clear(info);

    const mlmp_curl_api *curl = mlmp_curl_load(url, err, &rc);
    if (!curl)
        return rc;
    struct curl_slist *headers = build_headers(curl, o, &rc);
    if (rc != MLM_OK)
        return fail(err, rc, url, "out of memory", NULL);
    CURL *h = curl->easy_init();
    if (!h) {
        curl->slist_free_all(headers);
        return fail(err, MLM_ERR_NOMEM, url, "cannot create a libcurl handle (out of memory?)",
                    NULL);
    }

    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = '\0';
    mlmp_transfer t;
    mlmp_transfer_init(&t, o->max_filesize);

    CURLcode res = configure(curl, h, url, o, headers, &t, errbuf);
    if (res == CURLE_OK)
        res = curl->easy_perform(h);

    long status = 0;
    curl->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (info && fill_info(curl, h, info) != MLM_OK) {
        rc = fail(err, MLM_ERR_NOMEM, url, "out of memory", NULL);
    } else {
        mlmp_transfer_end end = res == CURLE_OK                  ? MLMP_TRANSFER_OK
                                : res == CURLE_FILESIZE_EXCEEDED ? MLMP_TRANSFER_FILESIZE
                                : res == CURLE_OUT_OF_MEMORY     ? MLMP_TRANSFER_NOMEM
                                                                 : MLMP_TRANSFER_FAILED;
        rc = mlmp_transfer_verdict(&t, end, status, url, o->max_filesize, err);
        if (rc == MLMP_TRANSFER_TRANSPORT)
            rc = curl_failure(curl, h, res, errbuf, &t, url, o, err);
    }

    curl->easy_cleanup(h);
    curl->slist_free_all(headers);
    if (rc != MLM_OK) {
        mlmp_transfer_free(&t);
        return rc;
    }
    return mlmp_transfer_take(&t, url, body, len, err);
}

#endif /* MLM_WITH_CURL */
