/* The response path of mlm_fetch() without libcurl: the state of one
 * transfer, the header and body callbacks, and how the outcome is decided.
 * fetch.c hands these to libcurl; fuzz/fuzz_fetch.c feeds them bytes directly,
 * as the callbacks would see them from any server, without a network. */
#ifndef MLMP_FETCH_PRIVATE_H
#define MLMP_FETCH_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "mlm/common.h"
#include "mlm_private.h"

/* State of one transfer, shared with the callbacks. */
typedef struct mlmp_transfer {
    mlmp_strbuf body;
    size_t cap;         /* 0 = no limit */
    long status;        /* status code of the last status line seen */
    char reason[64];    /* its reason phrase (HTTP/1.x only) */
    char location[160]; /* Location of the last response (truncated), or "" */
    bool too_large;     /* the body went over cap */
    bool nomem;         /* the body could not grow */
    bool http_error;    /* a non-2xx body started: not kept */
} mlmp_transfer;

/* An empty transfer whose body may grow to @p cap bytes (0 = no limit). */
void mlmp_transfer_init(mlmp_transfer *t, size_t cap);

/* Release the body kept so far (the transfer may be reused after init). */
void mlmp_transfer_free(mlmp_transfer *t);

/* The header callback (CURLOPT_HEADERFUNCTION): one header line of
 * size * n bytes, not NUL-terminated. Returns size * n. */
size_t mlmp_transfer_on_header(char *buf, size_t size, size_t n, void *t);

/* The body callback (CURLOPT_WRITEFUNCTION): size * n bytes, not
 * NUL-terminated. Returns less than asked to abort the transfer. */
size_t mlmp_transfer_on_write(char *data, size_t size, size_t n, void *t);

/* How the transport ended, as far as the response path is concerned. */
typedef enum mlmp_transfer_end {
    MLMP_TRANSFER_OK = 0,   /* complete */
    MLMP_TRANSFER_FILESIZE, /* refused up front by its Content-Length */
    MLMP_TRANSFER_NOMEM,    /* the transport ran out of memory */
    MLMP_TRANSFER_FAILED    /* anything else (a callback abort, a network error) */
} mlmp_transfer_end;

/* Returned by mlmp_transfer_verdict() when the failure is the transport's
 * own and only the caller can explain it (curl's error). */
#define MLMP_TRANSFER_TRANSPORT 1

/* Decide the outcome of a finished transfer whose last response had
 * @p status: MLM_OK, a negative mlm_status with @p err set ("..., fetching
 * <url>"), or MLMP_TRANSFER_TRANSPORT. */
int mlmp_transfer_verdict(const mlmp_transfer *t, mlmp_transfer_end end, long status,
                          const char *url, size_t max_filesize, mlm_error *err);

/* On success: hand the body over (NUL-terminated, released with mlm_free())
 * and its length. Returns MLM_OK or MLM_ERR_NOMEM with @p err set; the
 * transfer is empty afterwards either way. */
int mlmp_transfer_take(mlmp_transfer *t, const char *url, char **body, size_t *len, mlm_error *err);

/* Set err to "<what> (<detail>), fetching <url>" and return @p code. */
int mlmp_fetch_fail(mlm_error *err, int code, const char *url, const char *what,
                    const char *detail);

#endif /* MLMP_FETCH_PRIVATE_H */
