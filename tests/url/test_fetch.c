/* mlm_fetch() against a real HTTP(S) server on 127.0.0.1 (tests/url/server.py).
 *
 * The program starts the server itself (fork/exec python3), reads the ports
 * it prints, and stops it at the end; the server also exits by itself when
 * this program dies (it watches its stdin pipe). It skips (exit 77) when
 * python3 or openssl is missing. Builds without libcurl only check that
 * mlm_fetch() reports MLM_ERR_UNSUPPORTED. */
#include "testutil.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "mlm/document.h"
#include "mlm/fetch.h"
#include "mlm_private.h"
#include "mlm_version.h"

#ifndef MLM_URL_TEST_DIR
#define MLM_URL_TEST_DIR "tests/url"
#endif

/* Print the error before a failed assertion, so ctest logs say why. */
#define EXPECT_ERROR(rc, expected, err, substring)                                            \
    do {                                                                                      \
        if ((rc) != (expected) || !strstr((err).text, (substring)))                           \
            print_message("rc=%d code=%d source=\"%s\" text=\"%s\" (wanted %d, \"%s\")\n",   \
                          (rc), (err).code, (err).source, (err).text, (expected), (substring)); \
        assert_int_equal((rc), (expected));                                                   \
        assert_int_equal((err).code, (expected));                                             \
        assert_non_null(strstr((err).text, (substring)));                                     \
    } while (0)

#define EXPECT_OK(rc, err)                                                                    \
    do {                                                                                      \
        if ((rc) != 0)                                                                        \
            print_message("rc=%d text=\"%s\"\n", (rc), (err).text);                           \
        assert_int_equal((rc), 0);                                                            \
        assert_int_equal((err).code, 0);                                                      \
    } while (0)


/* --- the loader of paths and URLs (mlm_parse_url, mlm_parse_location) --------------- */

/* A path that names a URL: mlm_parse_file() says it is one and names the
 * functions to use; the check does not depend on libcurl. */
static void test_parse_file_names_a_url(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_file("https://127.0.0.1:1/no/such/item.json", NULL, &err);
    assert_null(doc);
    assert_int_equal(err.code, MLM_ERR_IO);
    if (!strstr(err.text, "mlm_parse_url()") || !strstr(err.text, "mlm_parse_location()") ||
        !strstr(err.text, "URL"))
        print_message("text=\"%s\"\n", err.text);
    assert_non_null(strstr(err.text, "mlm_parse_url()"));
    assert_non_null(strstr(err.text, "mlm_parse_location()"));
    /* A missing file that is not a URL keeps the plain message. */
    mlm_error_clear(&err);
    doc = mlm_parse_file(MLM_URL_TEST_DIR "/fixtures/no-such-file.json", NULL, &err);
    assert_null(doc);
    assert_int_equal(err.code, MLM_ERR_IO);
    assert_null(strstr(err.text, "mlm_parse_url"));
    assert_int_equal(mlm_location_is_url("HTTPS://example.org/a.json"), 1);
    assert_int_equal(mlm_location_is_url("http://x"), 1);
    assert_int_equal(mlm_location_is_url("file:///tmp/a.json"), 0);
    assert_int_equal(mlm_location_is_url("http:/x"), 0);
    assert_int_equal(mlm_location_is_url("-"), 0);
    assert_int_equal(mlm_location_is_url(NULL), 0);
}

/* A path and "-" go to mlm_parse_file() whatever the fetch options. */
static void test_parse_location_path(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_fetch_options bad = MLM_FETCH_OPTIONS_INIT;
    bad.version = 0; /* unused for a path */
    mlm_document *doc = mlm_parse_location(MLM_URL_TEST_DIR "/fixtures/item.json", NULL, &bad,
                                           &err);
    if (!doc)
        print_message("text=\"%s\"\n", err.text);
    assert_non_null(doc);
    assert_string_equal(mlm_document_source(doc), MLM_URL_TEST_DIR "/fixtures/item.json");
    assert_int_equal(mlm_document_stac_type(doc), MLM_STAC_ITEM);
    mlm_document_free(doc);
}


#ifdef MLM_WITH_CURL

/* --- the server ------------------------------------------------------------ */

static struct {
    pid_t pid;
    int stdin_fd;  /* write end of the server's stdin; closing it stops the server */
    int http_port;
    int https_port;
    char tmpdir[64];
    char cacert[128];
    int refused_fd; /* a bound socket that never listens: connections are refused */
    int refused_port;
} srv = {-1, -1, 0, 0, "", "", -1, 0};

static bool in_path(const char *prog)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char dir[1024];
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n < sizeof(dir) - 1) {
            char full[2048];
            memcpy(dir, path, n);
            dir[n] = '\0';
            snprintf(full, sizeof(full), "%s/%s", dir, prog);
            if (access(full, X_OK) == 0)
                return true;
        }
        path += n;
        if (*path == ':')
            path++;
    }
    return false;
}

static void remove_tmpdir(void)
{
    if (!srv.tmpdir[0])
        return;
    static const char *const files[] = {"cert.pem", "key.pem"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(files); i++)
        unlink(tu_path(srv.tmpdir, files[i]));
    rmdir(srv.tmpdir);
    srv.tmpdir[0] = '\0';
}

static void stop_server(void)
{
    if (srv.stdin_fd >= 0) {
        close(srv.stdin_fd);
        srv.stdin_fd = -1;
    }
    if (srv.pid > 0) {
        kill(srv.pid, SIGTERM);
        while (waitpid(srv.pid, NULL, 0) < 0 && errno == EINTR) {
        }
        srv.pid = -1;
    }
    if (srv.refused_fd >= 0) {
        close(srv.refused_fd);
        srv.refused_fd = -1;
    }
    remove_tmpdir();
}

/* Start server.py and wait (at most 20 s) for its READY line. Returns 0,
 * 77 when the server says it cannot run here, or 1 on failure. */
static int start_server(void)
{
    char tmpl[] = "/tmp/mlm-url-test-XXXXXX";
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(srv.tmpdir, sizeof(srv.tmpdir), "%s", tmpl);
    snprintf(srv.cacert, sizeof(srv.cacert), "%s/cert.pem", tmpl);

    char script[1024], fixtures[1024];
    snprintf(script, sizeof(script), "%s/server.py", MLM_URL_TEST_DIR);
    snprintf(fixtures, sizeof(fixtures), "%s/fixtures", MLM_URL_TEST_DIR);

    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0) {
        perror("pipe");
        return 1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execlp("python3", "python3", script, "--fixtures", fixtures, "--cert-dir", tmpl,
               (char *)NULL);
        perror("exec python3");
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    srv.pid = pid;
    srv.stdin_fd = in[1];

    char line[256];
    size_t n = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (n < sizeof(line) - 1 && (n == 0 || line[n - 1] != '\n')) {
        struct pollfd p = {out[0], POLLIN, 0};
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited = (long)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (waited > 20000) {
            fprintf(stderr, "test server did not start within 20 s\n");
            break;
        }
        int r = poll(&p, 1, 500);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t got = read(out[0], line + n, 1);
        if (got <= 0)
            break; /* the server exited */
        n += (size_t)got;
    }
    line[n] = '\0';
    close(out[0]);

    const char *h = strstr(line, "http=");
    const char *s = strstr(line, "https=");
    if (strncmp(line, "READY ", 6) != 0 || !h || !s) {
        int status = 0;
        close(srv.stdin_fd);
        srv.stdin_fd = -1;
        kill(srv.pid, SIGTERM);
        waitpid(srv.pid, &status, 0);
        srv.pid = -1;
        if (WIFEXITED(status) && WEXITSTATUS(status) == MLM_TEST_SKIP)
            return MLM_TEST_SKIP;
        fprintf(stderr, "test server failed to start (output: \"%s\")\n", line);
        return 1;
    }
    srv.http_port = (int)strtol(h + 5, NULL, 10);
    srv.https_port = (int)strtol(s + 6, NULL, 10);
    if (srv.http_port <= 0 || srv.https_port <= 0) {
        fprintf(stderr, "bad READY line from the test server: %s", line);
        return 1;
    }

    /* A port that refuses connections: bound (so nobody else gets it) but
     * never listening. */
    srv.refused_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof(a);
    if (srv.refused_fd < 0 || bind(srv.refused_fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        getsockname(srv.refused_fd, (struct sockaddr *)&a, &alen) != 0) {
        perror("refused-port socket");
        return 1;
    }
    srv.refused_port = ntohs(a.sin_port);
    return 0;
}

/* --- helpers --------------------------------------------------------------- */

typedef struct {
    char s[256];
} url_buf;

static url_buf http_url(const char *path)
{
    url_buf u;
    snprintf(u.s, sizeof(u.s), "http://127.0.0.1:%d%s", srv.http_port, path);
    return u;
}

static url_buf https_url(const char *path)
{
    url_buf u;
    snprintf(u.s, sizeof(u.s), "https://127.0.0.1:%d%s", srv.https_port, path);
    return u;
}

/* Short limits, so that failing cases end quickly. */
static mlm_fetch_options test_options(void)
{
    mlm_fetch_options o = MLM_FETCH_OPTIONS_INIT;
    o.connect_timeout = 2;
    o.max_time = 5;
    o.max_filesize = 1024 * 1024;
    return o;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static char *fixture(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/fixtures/%s", MLM_URL_TEST_DIR, name);
    char *s = tu_read_file(path, len);
    assert_non_null(s);
    return s;
}

/* Fetch url and check that the body equals the fixture `name`. */
static void expect_fixture(const char *url, const mlm_fetch_options *o, const char *name,
                           mlm_fetch_info *info)
{
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    size_t len = 0;
    int rc = mlm_fetch(url, o, &body, &len, info, &err);
    EXPECT_OK(rc, err);
    size_t want_len = 0;
    char *want = fixture(name, &want_len);
    assert_non_null(body);
    assert_int_equal(len, want_len);
    assert_memory_equal(body, want, len);
    assert_int_equal(body[len], '\0');
    free(want);
    mlm_free(body);
}

/* Fetch url and expect failure with code and a message substring; the
 * message must also name the URL, and source must be the URL. */
static void expect_failure(const char *url, const mlm_fetch_options *o, int code,
                           const char *substring)
{
    mlm_error err = MLM_ERROR_INIT;
    static char sentinel[] = "not touched";
    char *body = sentinel;
    size_t len = 99;
    int rc = mlm_fetch(url, o, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, code, err, substring);
    assert_null(body);
    assert_int_equal(len, 0);
    assert_string_equal(err.source, url);
    assert_non_null(strstr(err.text, url));
}

/* --- fixtures and content ---------------------------------------------------- */

static void test_valid_item(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    url_buf u = http_url("/item.json");
    expect_fixture(u.s, &o, "item.json", &info);
    assert_int_equal(info.http_status, 200);
    assert_int_equal(info.redirect_count, 0);
    assert_string_equal(info.final_url, u.s);
    assert_string_equal(info.content_type, "application/geo+json");
    /* Reusing the record releases the previous strings (valgrind checks). */
    expect_fixture(u.s, NULL, "item.json", &info);
    mlm_fetch_info_clear(&info);
    assert_null(info.final_url);
    assert_null(info.content_type);
    assert_int_equal(info.version, MLM_FETCH_INFO_VERSION);
}

static void test_invalid_item_is_fetched(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_fixture(http_url("/invalid.json").s, &o, "invalid.json", NULL);
}

static void test_not_json_is_fetched(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    expect_fixture(http_url("/not-json").s, &o, "not-json.txt", &info);
    assert_string_equal(info.content_type, "text/html");
    mlm_fetch_info_clear(&info);
}

static void test_text_plain_is_accepted(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    expect_fixture(http_url("/text-plain.json").s, &o, "item.json", &info);
    assert_string_equal(info.content_type, "text/plain; charset=utf-8");
    mlm_fetch_info_clear(&info);
}

static void test_chunked_body(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_fixture(http_url("/item-chunked.json").s, &o, "item.json", NULL);
}

static void test_empty_body(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    size_t len = 99;
    int rc = mlm_fetch(http_url("/empty.json").s, &o, &body, &len, NULL, &err);
    EXPECT_OK(rc, err);
    assert_non_null(body);
    assert_int_equal(len, 0);
    assert_string_equal(body, "");
    mlm_free(body);
}

static void test_gzip_and_deflate(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_fixture(http_url("/gzip").s, &o, "item.json", NULL);
    expect_fixture(http_url("/deflate").s, &o, "item.json", NULL);
    /* Without accept_encoding, nothing is offered and the server sends plain. */
    o.accept_encoding = 0;
    expect_fixture(http_url("/gzip").s, &o, "item.json", NULL);
}

/* --- request headers ----------------------------------------------------------- */

static char *fetch_headers(const mlm_fetch_options *o)
{
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    int rc = mlm_fetch(http_url("/headers").s, o, &body, NULL, NULL, &err);
    EXPECT_OK(rc, err);
    return body;
}

static void test_request_headers(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    char *body = fetch_headers(&o);
    assert_non_null(strstr(body, "\"user-agent\": \"libmlm/" MLM_VERSION_STRING " (+mlm-validate)\""));
    assert_non_null(strstr(body, "\"accept\": \"application/geo+json"));
    assert_non_null(strstr(body, "\"accept-encoding\": \""));
    assert_non_null(strstr(body, "gzip"));
    mlm_free(body);

    static const char *const extra[] = {"X-Mlm-Test: yes please", "Accept: application/json",
                                        "Authorization: Bearer t0ken"};
    o.headers = extra;
    o.header_count = MLMP_ARRAY_LEN(extra);
    o.user_agent = "custom-agent/1.0";
    o.accept_encoding = 0;
    body = fetch_headers(&o);
    assert_non_null(strstr(body, "\"x-mlm-test\": \"yes please\""));
    assert_non_null(strstr(body, "\"accept\": \"application/json\""));
    assert_non_null(strstr(body, "\"authorization\": \"Bearer t0ken\""));
    assert_non_null(strstr(body, "\"user-agent\": \"custom-agent/1.0\""));
    assert_null(strstr(body, "accept-encoding"));
    mlm_free(body);
}

/* libcurl does not pass a caller's Authorization or Cookie header on to
 * another host when it follows a redirect; this is part of what docs/URL.md
 * promises, so check it stays so. */
static void test_credentials_not_sent_to_other_host(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    static const char *const extra[] = {"Authorization: Bearer s3cret", "X-Other: kept"};
    o.headers = extra;
    o.header_count = MLMP_ARRAY_LEN(extra);
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    int rc = mlm_fetch(http_url("/to-other-host").s, &o, &body, NULL, NULL, &err);
    EXPECT_OK(rc, err);
    assert_non_null(strstr(body, "\"host\": \"localhost:"));
    assert_non_null(strstr(body, "\"x-other\": \"kept\""));
    assert_null(strstr(body, "s3cret"));
    mlm_free(body);
}

static void test_bad_headers_are_refused(void **state)
{
    (void)state;
    static const char *const injected[] = {"X-Ok: 1\r\nX-Injected: 2"};
    static const char *const no_colon[] = {"NoColonHere"};
    static const char *const has_null[] = {NULL};
    const char *const *cases[] = {injected, no_colon, has_null};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(cases); i++) {
        mlm_fetch_options o = test_options();
        o.headers = cases[i];
        o.header_count = 1;
        mlm_error err = MLM_ERROR_INIT;
        char *body = NULL;
        int rc = mlm_fetch(http_url("/headers").s, &o, &body, NULL, NULL, &err);
        EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "request header 1");
        assert_null(body);
    }
}

/* --- HTTP errors ----------------------------------------------------------------- */

static void test_http_errors(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_failure(http_url("/missing").s, &o, MLM_ERR_HTTP, "HTTP 404 Not Found");
    expect_failure(http_url("/error").s, &o, MLM_ERR_HTTP, "HTTP 500 Internal Server Error");
    /* The status wins over the size of the error page. */
    expect_failure(http_url("/big-404").s, &o, MLM_ERR_HTTP, "HTTP 404 Not Found");
    /* A 3xx that cannot be followed is not a document. */
    expect_failure(http_url("/no-location").s, &o, MLM_ERR_HTTP, "HTTP 302 Found");

    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    int rc = mlm_fetch(http_url("/missing").s, &o, &body, NULL, &info, &err);
    EXPECT_ERROR(rc, MLM_ERR_HTTP, err, "HTTP 404");
    assert_int_equal(info.http_status, 404);
    assert_non_null(info.final_url);
    mlm_fetch_info_clear(&info);
}

/* --- redirects --------------------------------------------------------------------- */

static void test_redirect_chain(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    expect_fixture(http_url("/redirect/3").s, &o, "item.json", &info);
    assert_int_equal(info.redirect_count, 3);
    assert_int_equal(info.http_status, 200);
    assert_true(ends_with(info.final_url, "/item.json"));
    mlm_fetch_info_clear(&info);

    expect_fixture(http_url("/redirect-absolute").s, &o, "item.json", NULL);

    o.max_redirs = 3;
    expect_fixture(http_url("/redirect/3").s, &o, "item.json", NULL);
    o.max_redirs = 2;
    expect_failure(http_url("/redirect/3").s, &o, MLM_ERR_NETWORK, "too many redirects (limit 2)");
    o.max_redirs = 0;
    expect_failure(http_url("/redirect/1").s, &o, MLM_ERR_NETWORK, "too many redirects (limit 0)");
}

static void test_redirect_loop(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_failure(http_url("/loop").s, &o, MLM_ERR_NETWORK, "too many redirects (limit 5)");
}

static void test_redirect_to_file_is_refused(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_failure(http_url("/to-file").s, &o, MLM_ERR_NETWORK,
                   "refused a redirect to file:///etc/passwd: only http and https are allowed");
}

/* --- limits ------------------------------------------------------------------------- */

static void test_slow_response_times_out(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    o.max_time = 1;
    double t0 = now_seconds();
    expect_failure(http_url("/slow").s, &o, MLM_ERR_NETWORK, "timed out");
    /* The server answers after 10 s; well before that means max_time held,
     * with room for a loaded machine. */
    assert_true(now_seconds() - t0 < 8.0);
}

static void test_trickle_is_cut_by_max_time(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    o.max_time = 2;
    double t0 = now_seconds();
    expect_failure(http_url("/trickle").s, &o, MLM_ERR_NETWORK, "timed out");
    double elapsed = now_seconds() - t0;
    /* The body takes minutes to trickle in; the cut comes near 2 s. */
    assert_true(elapsed >= 1.5 && elapsed < 10.0);
}

static void test_body_over_cap(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    static const char *const paths[] = {"/big-chunked", "/big-close", "/big-length", "/gzip-bomb"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(paths); i++)
        expect_failure(http_url(paths[i]).s, &o, MLM_ERR_TOO_LARGE,
                       "the response is larger than the limit of 1048576 bytes");
}

static void test_cap_boundary(void **state)
{
    (void)state;
    size_t n = 0;
    free(fixture("item.json", &n));
    mlm_fetch_options o = test_options();
    /* Exactly at the cap is fine, one byte less is not, with and without a
     * Content-Length (the chunked route has none). */
    o.max_filesize = n;
    expect_fixture(http_url("/item.json").s, &o, "item.json", NULL);
    expect_fixture(http_url("/item-chunked.json").s, &o, "item.json", NULL);
    o.max_filesize = n - 1;
    expect_failure(http_url("/item.json").s, &o, MLM_ERR_TOO_LARGE, "larger than the limit");
    expect_failure(http_url("/item-chunked.json").s, &o, MLM_ERR_TOO_LARGE,
                   "larger than the limit");
    /* 0 means no limit. */
    o.max_filesize = 0;
    expect_fixture(http_url("/item.json").s, &o, "item.json", NULL);
}

/* --- network failures ------------------------------------------------------------------ */

static void test_connection_refused(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    char u[128];
    snprintf(u, sizeof(u), "http://127.0.0.1:%d/item.json", srv.refused_port);
    expect_failure(u, &o, MLM_ERR_NETWORK, "could not connect");
}

static void test_dns_failure(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    /* .invalid never resolves (RFC 6761); a slow resolver ends in a
     * "Resolving timed out" instead, which is also a resolver failure. */
    expect_failure("http://no-such-host.invalid/item.json", &o, MLM_ERR_NETWORK, "esolv");
}

/* --- TLS ------------------------------------------------------------------------------- */

static void test_https_self_signed_is_refused(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    expect_failure(https_url("/item.json").s, &o, MLM_ERR_NETWORK,
                   "TLS certificate verification failed");
}

static void test_https_insecure(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    o.insecure = 1;
    expect_fixture(https_url("/item.json").s, &o, "item.json", NULL);
}

static void test_https_cacert(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    o.cacert = srv.cacert;
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    expect_fixture(https_url("/item.json").s, &o, "item.json", &info);
    assert_true(strncmp(info.final_url, "https://", 8) == 0);
    mlm_fetch_info_clear(&info);
    expect_fixture(https_url("/gzip").s, &o, "item.json", NULL);
    expect_fixture(https_url("/redirect-absolute").s, &o, "item.json", NULL);

    o.cacert = "/nonexistent/ca.pem";
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    int rc = mlm_fetch(https_url("/item.json").s, &o, &body, NULL, NULL, &err);
    if (rc != MLM_ERR_NETWORK)
        print_message("rc=%d text=%s\n", rc, err.text);
    assert_int_equal(rc, MLM_ERR_NETWORK);
    assert_null(body);
}

/* --- arguments ---------------------------------------------------------------------------- */

/* Version 2 of the options: POST with a body and a content type. */
static void test_post_body(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    o.method = "POST";
    static const char json[] = "{\"token\": \"p2\"}";
    o.body = json;
    o.body_len = sizeof(json) - 1;
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    size_t len = 0;
    int rc = mlm_fetch(http_url("/echo").s, &o, &body, &len, NULL, &err);
    EXPECT_OK(rc, err);
    assert_non_null(strstr(body, "\"method\": \"POST\""));
    assert_non_null(strstr(body, "\"content-type\": \"application/json\""));
    assert_non_null(strstr(body, "\\\"token\\\": \\\"p2\\\""));
    mlm_free(body);
    o.content_type = "application/x-test";
    rc = mlm_fetch(http_url("/echo").s, &o, &body, &len, NULL, &err);
    EXPECT_OK(rc, err);
    assert_non_null(strstr(body, "\"content-type\": \"application/x-test\""));
    mlm_free(body);
    /* An empty POST. */
    o.body = NULL;
    o.body_len = 0;
    rc = mlm_fetch(http_url("/echo").s, &o, &body, &len, NULL, &err);
    EXPECT_OK(rc, err);
    assert_non_null(strstr(body, "\"body\": \"\""));
    mlm_free(body);
}

static void test_post_bad_arguments(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    o.method = "PUT";
    int rc = mlm_fetch(http_url("/echo").s, &o, &body, NULL, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "GET or POST");
    mlm_error_clear(&err);
    o.method = NULL;
    o.body = "{}";
    o.body_len = 2;
    rc = mlm_fetch(http_url("/echo").s, &o, &body, NULL, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "needs the POST method");
    mlm_error_clear(&err);
    o.method = "POST";
    o.content_type = "application/json\r\nX-Evil: 1";
    rc = mlm_fetch(http_url("/echo").s, &o, &body, NULL, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "line break");
    assert_null(body);
    /* A version-1 caller: the fields after accept_encoding are not read. */
    mlm_error_clear(&err);
    o.version = 1;
    o.method = "PUT";
    size_t len = 0;
    rc = mlm_fetch(http_url("/item.json").s, &o, &body, &len, NULL, &err);
    EXPECT_OK(rc, err);
    mlm_free(body);
}

/* Version 2 of the info: Retry-After in seconds and as an HTTP-date. */
static void test_retry_after(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    assert_int_equal(info.retry_after, -1);
    int rc = mlm_fetch(http_url("/retry-seconds").s, &o, &body, NULL, &info, &err);
    EXPECT_ERROR(rc, MLM_ERR_HTTP, err, "HTTP 429");
    assert_int_equal(info.http_status, 429);
    assert_int_equal(info.retry_after, 7);
    mlm_error_clear(&err);
    rc = mlm_fetch(http_url("/retry-date").s, &o, &body, NULL, &info, &err);
    EXPECT_ERROR(rc, MLM_ERR_HTTP, err, "HTTP 503");
    /* An hour ahead when the server wrote it. How long the answer takes to
     * arrive is no part of the check (a loaded machine may stall for
     * minutes), so any value from 50 minutes to the hour is right. */
    if (info.retry_after < 3000 || info.retry_after > 3600)
        fail_msg("Retry-After as an HTTP-date gave %ld s, not 3000..3600", info.retry_after);
    mlm_error_clear(&err);
    rc = mlm_fetch(http_url("/item.json").s, &o, &body, NULL, &info, &err);
    EXPECT_OK(rc, err);
    assert_int_equal(info.retry_after, -1);
    mlm_free(body);
    mlm_fetch_info_clear(&info);
    /* A version-1 record is filled without the new field. */
    struct {
        mlm_fetch_info info;
        long canary;
    } v1 = {{1, 0, 0, NULL, NULL, -5}, 12345};
    rc = mlm_fetch(http_url("/retry-seconds").s, &o, &body, NULL, &v1.info, &err);
    assert_int_equal(rc, MLM_ERR_HTTP);
    assert_int_equal(v1.info.retry_after, -5);
    mlm_fetch_info_clear(&v1.info);
    assert_int_equal(v1.info.retry_after, -5);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_error err = MLM_ERROR_INIT;
    char *body = NULL;
    size_t len = 0;

    int rc = mlm_fetch(NULL, &o, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "must not be NULL");
    mlm_error_clear(&err);
    rc = mlm_fetch(http_url("/item.json").s, &o, NULL, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "must not be NULL");

    static const char *const refused[] = {"file:///etc/passwd", "ftp://127.0.0.1/x",
                                          "item.json", "gopher://127.0.0.1/"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(refused); i++)
        expect_failure(refused[i], &o, MLM_ERR_INVALID_ARG, "only http:// and https://");
    /* Schemes are case-insensitive. */
    url_buf u = http_url("/item.json");
    memcpy(u.s, "HTTP", 4);
    expect_fixture(u.s, &o, "item.json", NULL);

    mlm_error_clear(&err);
    mlm_fetch_options bad = o;
    bad.version = 0;
    rc = mlm_fetch(http_url("/item.json").s, &bad, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "MLM_FETCH_OPTIONS_INIT");
    mlm_error_clear(&err);
    bad = o;
    bad.max_time = -1;
    rc = mlm_fetch(http_url("/item.json").s, &bad, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "negative");
    mlm_error_clear(&err);
    bad = o;
    bad.header_count = 2;
    rc = mlm_fetch(http_url("/item.json").s, &bad, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "headers is NULL");
    mlm_error_clear(&err);
    mlm_fetch_info info = {0, 0, 0, NULL, NULL, -1};
    rc = mlm_fetch(http_url("/item.json").s, &o, &body, &len, &info, &err);
    EXPECT_ERROR(rc, MLM_ERR_INVALID_ARG, err, "MLM_FETCH_INFO_INIT");
    assert_null(body);

    /* Each failing call overwrites the record. */
    mlm_error_clear(&err);
    rc = mlm_fetch(http_url("/missing").s, &o, &body, &len, NULL, &err);
    assert_non_null(strstr(err.text, "HTTP 404"));
    rc = mlm_fetch(http_url("/error").s, &o, &body, &len, NULL, &err);
    assert_int_equal(rc, MLM_ERR_HTTP);
    assert_non_null(strstr(err.text, "HTTP 500"));

    /* A NULL error record is accepted. */
    rc = mlm_fetch(http_url("/missing").s, &o, &body, &len, NULL, NULL);
    assert_int_equal(rc, MLM_ERR_HTTP);
}

/* --- allocation failures and threads ------------------------------------------------------- */

static void test_allocation_failures(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    bool done = false;
    for (long n = 0; n < 500 && !done; n++) {
        mlm_fetch_info info = MLM_FETCH_INFO_INIT;
        mlm_error err = MLM_ERROR_INIT;
        char *body = NULL;
        size_t len = 0;
        mlmp_alloc_fail_after(n);
        int rc = mlm_fetch(http_url("/item-chunked.json").s, &o, &body, &len, &info, &err);
        mlmp_alloc_fail_after(-1);
        if (rc == 0) {
            assert_non_null(body);
            assert_non_null(info.final_url);
            done = true;
        } else {
            EXPECT_ERROR(rc, MLM_ERR_NOMEM, err, "out of memory");
            assert_null(body);
        }
        mlm_free(body);
        mlm_fetch_info_clear(&info);
    }
    assert_true(done);
}

typedef struct {
    int index;
    int failures;
    char message[MLM_ERROR_TEXT_LENGTH];
} thread_job;

static void *fetch_thread(void *arg)
{
    thread_job *job = arg;
    static const char *const paths[] = {"/item.json", "/gzip", "/redirect/3", "/item-chunked.json"};
    size_t want_len = 0;
    char path[1024];
    snprintf(path, sizeof(path), "%s/fixtures/item.json", MLM_URL_TEST_DIR);
    char *want = tu_read_file(path, &want_len);
    for (int i = 0; i < 8; i++) {
        mlm_fetch_options o = test_options();
        url_buf u;
        if ((i + job->index) % 3 == 0) {
            o.cacert = srv.cacert;
            u = https_url(paths[(size_t)i % MLMP_ARRAY_LEN(paths)]);
        } else {
            u = http_url(paths[(size_t)i % MLMP_ARRAY_LEN(paths)]);
        }
        mlm_error err = MLM_ERROR_INIT;
        char *body = NULL;
        size_t len = 0;
        int rc = mlm_fetch(u.s, &o, &body, &len, NULL, &err);
        if (rc != 0 || !want || len != want_len || memcmp(body, want, len) != 0) {
            job->failures++;
            snprintf(job->message, sizeof(job->message), "%s", err.text);
        }
        mlm_free(body);
    }
    free(want);
    return NULL;
}

static void test_concurrent_fetches(void **state)
{
    (void)state;
    enum { THREADS = 6 };
    pthread_t tids[THREADS];
    thread_job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        memset(&jobs[i], 0, sizeof(jobs[i]));
        jobs[i].index = i;
        assert_int_equal(pthread_create(&tids[i], NULL, fetch_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(tids[i], NULL);
        if (jobs[i].failures)
            print_message("thread %d: %d failures, last: %s\n", i, jobs[i].failures,
                          jobs[i].message);
        assert_int_equal(jobs[i].failures, 0);
    }
}

/* The same document by URL, with the fetch options and the fetch record. */
static void test_parse_url(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_error err = MLM_ERROR_INIT;
    mlm_fetch_info info = MLM_FETCH_INFO_INIT;
    url_buf u = http_url("/redirect/1");
    mlm_document *doc = mlm_parse_url(u.s, NULL, &o, &info, &err);
    if (!doc)
        print_message("text=\"%s\"\n", err.text);
    assert_non_null(doc);
    assert_string_equal(mlm_document_source(doc), u.s);
    assert_int_equal(info.http_status, 200);
    assert_int_equal(info.redirect_count, 1);
    mlm_document *local = mlm_parse_file(MLM_URL_TEST_DIR "/fixtures/item.json", NULL, &err);
    assert_non_null(local);
    assert_true(json_equal(mlm_document_json(doc), mlm_document_json(local)));
    mlm_document_free(local);
    mlm_document_free(doc);
    mlm_fetch_info_clear(&info);

    u = http_url("/item.json");
    doc = mlm_parse_location(u.s, NULL, &o, &err);
    assert_non_null(doc);
    assert_string_equal(mlm_document_source(doc), u.s);
    mlm_document_free(doc);
}

/* Download errors, parse errors and both caps. */
static void test_parse_url_errors(void **state)
{
    (void)state;
    mlm_fetch_options o = test_options();
    mlm_error err = MLM_ERROR_INIT;
    url_buf u = http_url("/missing");
    assert_null(mlm_parse_location(u.s, NULL, &o, &err));
    EXPECT_ERROR(err.code, MLM_ERR_HTTP, err, "HTTP 404");
    assert_string_equal(err.source, u.s);

    u = http_url("/not-json");
    assert_null(mlm_parse_url(u.s, NULL, &o, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_JSON);
    assert_string_equal(err.source, u.s);
    assert_true(err.line >= 1);

    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.max_bytes = 10;
    assert_null(mlm_parse_url(http_url("/item.json").s, &po, &o, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_TOO_LARGE);
    o.max_filesize = 10;
    assert_null(mlm_parse_url(http_url("/item.json").s, NULL, &o, NULL, &err));
    EXPECT_ERROR(err.code, MLM_ERR_TOO_LARGE, err, "larger than the limit");
    po.max_bytes = 0;
    po.version = 99;
    assert_null(mlm_parse_url(http_url("/item.json").s, &po, NULL, NULL, &err));
    EXPECT_ERROR(err.code, MLM_ERR_INVALID_ARG, err, "mlm_parse_options");
    assert_null(mlm_parse_url(NULL, NULL, NULL, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
}

int main(void)
{
    if (!in_path("python3") || !in_path("openssl")) {
        printf("SKIP: the URL tests need python3 and openssl in PATH\n");
        return MLM_TEST_SKIP;
    }
    /* Requests go to 127.0.0.1 directly, whatever the environment says. */
    static const char *const proxies[] = {"http_proxy", "HTTP_PROXY", "https_proxy",
                                          "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(proxies); i++)
        unsetenv(proxies[i]);

    int rc = start_server();
    if (rc != 0) {
        stop_server();
        if (rc == MLM_TEST_SKIP)
            printf("SKIP: the test server cannot run here (see above)\n");
        return rc;
    }
    if (mlm_global_init() != 0) {
        stop_server();
        fprintf(stderr, "mlm_global_init failed\n");
        return 1;
    }

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_item),
        cmocka_unit_test(test_invalid_item_is_fetched),
        cmocka_unit_test(test_not_json_is_fetched),
        cmocka_unit_test(test_text_plain_is_accepted),
        cmocka_unit_test(test_chunked_body),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_gzip_and_deflate),
        cmocka_unit_test(test_request_headers),
        cmocka_unit_test(test_credentials_not_sent_to_other_host),
        cmocka_unit_test(test_bad_headers_are_refused),
        cmocka_unit_test(test_http_errors),
        cmocka_unit_test(test_redirect_chain),
        cmocka_unit_test(test_redirect_loop),
        cmocka_unit_test(test_redirect_to_file_is_refused),
        cmocka_unit_test(test_slow_response_times_out),
        cmocka_unit_test(test_trickle_is_cut_by_max_time),
        cmocka_unit_test(test_body_over_cap),
        cmocka_unit_test(test_cap_boundary),
        cmocka_unit_test(test_connection_refused),
        cmocka_unit_test(test_dns_failure),
        cmocka_unit_test(test_https_self_signed_is_refused),
        cmocka_unit_test(test_https_insecure),
        cmocka_unit_test(test_https_cacert),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_post_body),
        cmocka_unit_test(test_post_bad_arguments),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_concurrent_fetches),
        cmocka_unit_test(test_parse_file_names_a_url),
        cmocka_unit_test(test_parse_location_path),
        cmocka_unit_test(test_parse_url),
        cmocka_unit_test(test_parse_url_errors),
    };
    rc = cmocka_run_group_tests_name("url_fetch", tests, NULL, NULL);
    mlm_global_cleanup();
    stop_server();
    return rc;
}

#else /* !MLM_WITH_CURL */

static void test_unsupported(void **state)
{
    (void)state;
    assert_int_equal(mlm_global_init(), 0);
    mlm_error err = MLM_ERROR_INIT;
    static char sentinel[] = "x";
    char *body = sentinel;
    size_t len = 1;
    int rc = mlm_fetch("http://127.0.0.1:1/item.json", NULL, &body, &len, NULL, &err);
    EXPECT_ERROR(rc, MLM_ERR_UNSUPPORTED, err, "without URL support");
    assert_null(body);
    assert_int_equal(len, 0);
    mlm_global_cleanup();
    mlm_free(NULL);
}

/* Without libcurl, a URL still gets a sentence that says why. */
static void test_parse_location_unsupported(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_location("http://127.0.0.1:1/item.json", NULL, NULL, &err);
    assert_null(doc);
    EXPECT_ERROR(MLM_ERR_UNSUPPORTED, MLM_ERR_UNSUPPORTED, err, "without URL support");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_unsupported),
                                       cmocka_unit_test(test_parse_file_names_a_url),
                                       cmocka_unit_test(test_parse_location_path),
                                       cmocka_unit_test(test_parse_location_unsupported)};
    return cmocka_run_group_tests_name("url_fetch_without_curl", tests, NULL, NULL);
}

#endif /* MLM_WITH_CURL */
