/* mlm-validate --lsp: message framing and the run loop (see lsp.h).
 *
 * A message is a header section ("Name: value" lines ending in CRLF, then an
 * empty line) and a body of exactly Content-Length bytes. Headers other than
 * Content-Length (Content-Type) are accepted and ignored. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, poll: also when built alone (fuzz/) */
#endif
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lsp.h"

void lsp_reader_init(lsp_reader *r, size_t max_body)
{
    memset(r, 0, sizeof(*r));
    r->max_body = max_body ? max_body : LSP_MAX_BODY;
}

void lsp_reader_free(lsp_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof(*r));
}

int lsp_reader_feed(lsp_reader *r, const char *data, size_t n)
{
    if (r->skip) { /* the rest of a refused body: never stored */
        size_t k = n < r->skip ? n : r->skip;
        r->skip -= k;
        data += k;
        n -= k;
    }
    if (!n)
        return 0;
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
    return 0;
}

static void consume(lsp_reader *r, size_t n)
{
    memmove(r->buf, r->buf + n, r->len - n);
    r->len -= n;
}

/* The offset of "\r\n\r\n" (or "\n\n") ending the header section, and its
 * length in *sep; -1 when not there yet. */
static long header_end(const lsp_reader *r, size_t *sep)
{
    for (size_t i = 0; i + 1 < r->len; i++) {
        if (r->buf[i] == '\n' && r->buf[i + 1] == '\n') {
            *sep = 2;
            return (long)i;
        }
        if (i + 3 < r->len && memcmp(r->buf + i, "\r\n\r\n", 4) == 0) {
            *sep = 4;
            return (long)i;
        }
    }
    return -1;
}

/* Drop bytes up to the next line that starts "Content-Length" at or after
 * @p from (1 when the buffer's start is known bad, so that progress is
 * made), keeping a possible prefix of one at the end. */
static void resync(lsp_reader *r, size_t from)
{
    static const char name[] = "content-length";
    for (size_t i = from; i < r->len; i++) {
        if (i > 0 && r->buf[i - 1] != '\n')
            continue;
        size_t k = 0;
        while (k < sizeof(name) - 1 && i + k < r->len && (r->buf[i + k] | 0x20) == name[k])
            k++;
        if (k == sizeof(name) - 1 || i + k == r->len) {
            consume(r, i);
            return;
        }
    }
    r->len = 0;
}

lsp_read_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *error_buf,
                                size_t error_size)
{
    if (r->lent) { /* the body lent by the previous call */
        consume(r, r->lent);
        r->lent = 0;
    }
    size_t sep = 0;
    long end = header_end(r, &sep);
    if (end < 0) {
        if (r->len > LSP_MAX_HEADER) {
            snprintf(error_buf, error_size,
                     "The message header is longer than %d bytes without an empty line ending "
                     "it; the bytes were skipped up to the next Content-Length header.",
                     LSP_MAX_HEADER);
            resync(r, 1);
            return LSP_READ_ERROR;
        }
        return LSP_READ_MORE;
    }
    /* Parse the header lines. */
    long long length = -1;
    bool bad_length = false;
    size_t p = 0;
    while (p < (size_t)end) {
        size_t e = p;
        while (e < (size_t)end && r->buf[e] != '\n')
            e++;
        size_t le = e > p && r->buf[e - 1] == '\r' ? e - 1 : e;
        static const char cl[] = "Content-Length:";
        if (le - p >= sizeof(cl) - 1 && strncasecmp(r->buf + p, cl, sizeof(cl) - 1) == 0) {
            size_t q = p + sizeof(cl) - 1;
            while (q < le && (r->buf[q] == ' ' || r->buf[q] == '\t'))
                q++;
            long long v = 0;
            size_t digits = 0;
            while (q < le && r->buf[q] >= '0' && r->buf[q] <= '9') {
                if (v <= (long long)1 << 40) /* beyond: absurd, saturate */
                    v = v * 10 + (r->buf[q] - '0');
                q++;
                digits++;
            }
            while (q < le && (r->buf[q] == ' ' || r->buf[q] == '\t'))
                q++;
            if (!digits || q != le)
                bad_length = true;
            else
                length = v;
        }
        p = e + 1;
    }
    size_t head = (size_t)end + sep;
    if (bad_length || length < 0) {
        snprintf(error_buf, error_size,
                 bad_length ? "The message header has a Content-Length that is not a number of "
                              "bytes; the message was skipped."
                            : "The message header has no Content-Length; the message was "
                              "skipped.");
        consume(r, head);
        resync(r, 0);
        return LSP_READ_ERROR;
    }
    if ((unsigned long long)length > r->max_body) {
        snprintf(error_buf, error_size,
                 "The message body of %lld bytes is larger than the %zu bytes this server "
                 "accepts; it was skipped.",
                 length, r->max_body);
        consume(r, head);
        size_t have = r->len < (size_t)length ? r->len : (size_t)length;
        consume(r, have);
        r->skip = (size_t)length - have;
        return LSP_READ_ERROR;
    }
    if (r->len - head < (size_t)length)
        return LSP_READ_MORE;
    /* Hand out the body in place, at the front: the next call consumes it. */
    consume(r, head);
    *body = r->buf;
    *len = (size_t)length;
    r->lent = (size_t)length;
    return LSP_READ_MESSAGE;
}

int lsp_reader_dispatch(lsp_reader *r, lsp_server *srv, const char *data, size_t n, FILE *log)
{
    if (lsp_reader_feed(r, data, n) != 0)
        return -1;
    int code;
    for (;;) {
        const char *body;
        size_t len;
        char err[256];
        lsp_read_status st = lsp_reader_next(r, &body, &len, err, sizeof(err));
        if (st == LSP_READ_MORE)
            return 0;
        if (st == LSP_READ_ERROR) {
            if (log)
                fprintf(log, "mlm-validate: %s\n", err);
            lsp_server_framing_error(srv, -32700, err);
            continue;
        }
        lsp_server_message(srv, body, len);
        if (lsp_server_exited(srv, &code))
            return 1;
    }
}

/* --- the run loop ------------------------------------------------------------------ */

typedef struct out_ctx {
    int fd;
    bool gone;
} out_ctx;

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_message(const char *body, size_t len, void *ctx)
{
    out_ctx *o = ctx;
    if (o->gone)
        return -1;
    char head[64];
    int h = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", len);
    if (write_all(o->fd, head, (size_t)h) != 0 || write_all(o->fd, body, len) != 0) {
        o->gone = true;
        return -1;
    }
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether more input is waiting right now. */
static bool input_pending(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

int lsp_run(const lsp_settings *s, int in_fd, int out_fd)
{
    out_ctx out = {out_fd, false};
    lsp_server *srv = lsp_server_new(s, write_message, &out);
    if (!srv) {
        fprintf(stderr, "mlm-validate: out of memory\n");
        return 1;
    }
    lsp_reader r;
    lsp_reader_init(&r, 0);
    char chunk[65536];
    int code = 1;
    double last_flush = now_seconds();
    while (!out.gone) {
        ssize_t n = read(in_fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the client went away without "exit" */
        int st = lsp_reader_dispatch(&r, srv, chunk, (size_t)n, stderr);
        if (st < 0) {
            fprintf(stderr, "mlm-validate: out of memory reading a message\n");
            break;
        }
        if (st > 0)
            break; /* "exit" */
        /* Validate once a burst of changes has been read, or every 50 ms
         * while a client keeps sending without a pause. */
        double now = now_seconds();
        if (!input_pending(in_fd) || now - last_flush > 0.05) {
            lsp_server_flush(srv);
            last_flush = now;
        }
    }
    lsp_server_exited(srv, &code);
    lsp_reader_free(&r);
    lsp_server_free(srv);
    return code;
}
