/* The load generator of bench/serve_load.py: C clients of mlm-validate
 * --serve on 127.0.0.1, cheap enough that the server, not the clients, is
 * what is measured on a 2-core machine.
 *
 * serve_load PORT CLIENTS REQUESTS_PER_CLIENT MAX_SECONDS LIST
 *
 * LIST names pairs of files, one pair per line: "DOCUMENT<TAB>EXPECTED".
 * Each client (a thread) keeps one HTTP/1.1 connection open and posts the
 * documents to /validate in turn (client k starts at document k), and every
 * answer body must equal the EXPECTED file byte for byte. It stops after
 * REQUESTS_PER_CLIENT requests or MAX_SECONDS. Prints one JSON object:
 * requests, mismatches, errors, seconds, docs_per_second, p50_ms, p99_ms,
 * max_ms. Exit 0 when every answer matched, 1 otherwise, 2 on bad usage. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct doc {
    char *request; /* the whole HTTP request */
    size_t request_len;
    char *expected;
    size_t expected_len;
} doc;

typedef struct shared {
    int port;
    long per_client;
    double deadline;
    doc *docs;
    size_t n_docs;
} shared;

typedef struct client {
    const shared *sh;
    size_t index;
    long done, mismatches, errors;
    double *latency; /* seconds, one per request */
    pthread_t thread;
} client;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Read one response; returns its status and sets *body (into buf). */
static int read_response(int fd, char **buf, size_t *cap, char **body, size_t *body_len)
{
    size_t n = 0;
    char *end = NULL;
    for (;;) {
        if (n + 1 >= *cap) {
            char *b = realloc(*buf, *cap * 2);
            if (!b)
                return -1;
            *buf = b;
            *cap *= 2;
        }
        ssize_t r = recv(fd, *buf + n, *cap - n - 1, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        n += (size_t)r;
        (*buf)[n] = '\0';
        if (!end && (end = strstr(*buf, "\r\n\r\n")) != NULL) {
            const char *cl = strstr(*buf, "Content-Length:");
            if (!cl || cl > end)
                cl = strstr(*buf, "content-length:");
            if (!cl || cl > end)
                return -1;
            size_t want = (size_t)strtoul(cl + 15, NULL, 10);
            size_t head = (size_t)(end - *buf) + 4;
            while (n < head + want) {
                if (head + want + 1 > *cap) {
                    char *b = realloc(*buf, head + want + 1);
                    if (!b)
                        return -1;
                    *buf = b;
                    *cap = head + want + 1;
                }
                r = recv(fd, *buf + n, head + want - n, 0);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0)
                    return -1;
                n += (size_t)r;
            }
            *body = *buf + head;
            *body_len = want;
            return atoi(*buf + 9);
        }
    }
}

static void *run_client(void *arg)
{
    client *c = arg;
    const shared *sh = c->sh;
    size_t cap = 65536;
    char *buf = malloc(cap);
    int fd = connect_to(sh->port);
    size_t k = c->index;
    while (buf && c->done < sh->per_client && now() < sh->deadline) {
        if (fd < 0 && (fd = connect_to(sh->port)) < 0) {
            c->errors++;
            break;
        }
        const doc *d = &sh->docs[k++ % sh->n_docs];
        double t0 = now();
        char *body = NULL;
        size_t body_len = 0;
        int st = send_all(fd, d->request, d->request_len) == 0
                     ? read_response(fd, &buf, &cap, &body, &body_len)
                     : -1;
        if (st < 0) {
            c->errors++;
            close(fd);
            fd = -1;
            continue;
        }
        c->latency[c->done++] = now() - t0;
        if (st != 200 || body_len != d->expected_len || memcmp(body, d->expected, body_len) != 0)
            c->mismatches++;
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: serve_load PORT CLIENTS REQUESTS_PER_CLIENT MAX_SECONDS LIST\n");
        return 2;
    }
    shared sh;
    memset(&sh, 0, sizeof(sh));
    sh.port = atoi(argv[1]);
    long clients = atol(argv[2]);
    sh.per_client = atol(argv[3]);
    double max_seconds = atof(argv[4]);
    if (sh.port <= 0 || clients <= 0 || clients > 1024 || sh.per_client <= 0 || max_seconds <= 0) {
        fprintf(stderr, "serve_load: bad arguments\n");
        return 2;
    }
    FILE *list = fopen(argv[5], "r");
    if (!list) {
        perror(argv[5]);
        return 2;
    }
    char line[8192];
    size_t cap = 0;
    while (fgets(line, sizeof(line), list)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        size_t dl = 0, el = 0;
        char *body = read_file(line, &dl), *exp = read_file(tab + 1, &el);
        if (!body || !exp) {
            fprintf(stderr, "serve_load: cannot read %s or %s\n", line, tab + 1);
            return 2;
        }
        if (sh.n_docs == cap) {
            cap = cap ? cap * 2 : 64;
            sh.docs = realloc(sh.docs, cap * sizeof(*sh.docs));
            if (!sh.docs)
                return 2;
        }
        doc *d = &sh.docs[sh.n_docs++];
        char head[256];
        int hn = snprintf(head, sizeof(head),
                          "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                          "application/json\r\nContent-Length: %zu\r\n\r\n",
                          dl);
        d->request = malloc((size_t)hn + dl);
        if (!d->request)
            return 2;
        memcpy(d->request, head, (size_t)hn);
        memcpy(d->request + hn, body, dl);
        d->request_len = (size_t)hn + dl;
        d->expected = exp;
        d->expected_len = el;
        free(body);
    }
    fclose(list);
    if (!sh.n_docs) {
        fprintf(stderr, "serve_load: no documents\n");
        return 2;
    }
    client *cs = calloc((size_t)clients, sizeof(*cs));
    if (!cs)
        return 2;
    double start = now();
    sh.deadline = start + max_seconds;
    for (long i = 0; i < clients; i++) {
        cs[i].sh = &sh;
        cs[i].index = (size_t)i;
        cs[i].latency = malloc((size_t)sh.per_client * sizeof(double));
        if (!cs[i].latency || pthread_create(&cs[i].thread, NULL, run_client, &cs[i]) != 0)
            return 2;
    }
    long done = 0, mismatches = 0, errors = 0;
    for (long i = 0; i < clients; i++) {
        pthread_join(cs[i].thread, NULL);
        done += cs[i].done;
        mismatches += cs[i].mismatches;
        errors += cs[i].errors;
    }
    double seconds = now() - start;
    double *all = malloc((size_t)(done ? done : 1) * sizeof(double));
    if (!all)
        return 2;
    long k = 0;
    for (long i = 0; i < clients; i++)
        for (long j = 0; j < cs[i].done; j++)
            all[k++] = cs[i].latency[j];
    qsort(all, (size_t)done, sizeof(double), cmp_double);
    double p50 = done ? all[(size_t)(done * 50 / 100)] : 0, p99 = done ? all[(size_t)(done * 99 / 100)] : 0;
    double mx = done ? all[done - 1] : 0;
    printf("{\"requests\": %ld, \"mismatches\": %ld, \"errors\": %ld, \"seconds\": %.3f, "
           "\"docs_per_second\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}\n",
           done, mismatches, errors, seconds, seconds > 0 ? (double)done / seconds : 0.0,
           p50 * 1e3, p99 * 1e3, mx * 1e3);
    for (long i = 0; i < clients; i++)
        free(cs[i].latency);
    free(cs);
    free(all);
    for (size_t i = 0; i < sh.n_docs; i++) {
        free(sh.docs[i].request);
        free(sh.docs[i].expected);
    }
    free(sh.docs);
    return mismatches || errors ? 1 : 0;
}
