/*
 * Pathological inputs (issue 6). Each case runs in a child process; the
 * parent kills it when it overruns its time bound and checks its peak
 * resident memory (getrusage of the child), so a hang, a blow-up or a
 * crash is a failure with a clear message. Inputs are generated here, at
 * test time; nothing big is stored in the repository.
 *
 * Usage: test_pathological CASE   (ctest runs one process per case)
 *        test_pathological        (lists the cases)
 *
 * The bounds are several times what a developer laptop needs, for slow CI
 * machines; builds with AddressSanitizer get more time and memory (shadow
 * memory, redzones). MLM_HARDENING_SLOW=1 (set by scripts/valgrind.sh)
 * shrinks the inputs 100-fold and lifts the bounds: valgrind checks the same
 * code paths for memory errors, not the sizes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mlm.h"
#include "locator.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* --- helpers ------------------------------------------------------------------ */

static bool slow_mode(void)
{
    const char *s = getenv("MLM_HARDENING_SLOW");
    return s && *s && strcmp(s, "0") != 0;
}

/* Sizes shrink 100-fold under valgrind. */
static size_t scaled(size_t n)
{
    return slow_mode() ? (n / 100 ? n / 100 : 1) : n;
}

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);       \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
            exit(1);                                                                       \
        }                                                                                  \
    } while (0)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A growable byte buffer (plain malloc: the library's allocator is not
 * involved in building inputs). */
typedef struct gb {
    char *p;
    size_t n, cap;
} gb;

static void gb_add(gb *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        CHECK(p != NULL, "out of memory building an input of %zu bytes", cap);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void gb_puts(gb *b, const char *s) { gb_add(b, s, strlen(s)); }

static void gb_printf(gb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gb_printf(gb *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    CHECK(n >= 0 && (size_t)n < sizeof(tmp), "format too long");
    gb_add(b, tmp, (size_t)n);
}

static void gb_repeat(gb *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        gb_add(b, s, n);
}

static void gb_free(gb *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

static const char *source_dir(void)
{
    const char *s = getenv("MLM_SOURCE_DIR");
    return s && *s ? s : ".";
}

/* An MLM v1.5.2 item; the pieces are JSON text spliced in as they are. */
static void make_item(gb *b, const char *shape, const char *bands, const char *classes,
                      const char *extra_props)
{
    gb_puts(b, "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"x\","
               "\"stac_extensions\":[\"https://stac-extensions.github.io/mlm/v1.5.2/schema.json\"],"
               "\"geometry\":null,\"links\":[],"
               "\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\",\"mlm:name\":\"m\","
               "\"mlm:architecture\":\"U-Net\",\"mlm:framework\":\"pytorch\",");
    if (!extra_props || !strstr(extra_props, "\"mlm:tasks\""))
        gb_puts(b, "\"mlm:tasks\":[\"classification\"],");
    if (!extra_props || !strstr(extra_props, "\"mlm:accelerator\""))
        gb_puts(b, "\"mlm:accelerator\":\"cuda\",");
    gb_puts(b, "\"mlm:input\":[{\"name\":\"in\",\"bands\":");
    gb_puts(b, bands ? bands : "[]");
    gb_puts(b, ",\"input\":{\"shape\":");
    gb_puts(b, shape ? shape : "[-1,3,64,64]");
    gb_puts(b, ",\"dim_order\":[\"batch\",\"bands\",\"height\",\"width\"],"
               "\"data_type\":\"float32\"}}],"
               "\"mlm:output\":[{\"name\":\"out\",\"tasks\":[\"classification\"],"
               "\"result\":{\"shape\":[-1,10],\"dim_order\":[\"batch\",\"class\"],"
               "\"data_type\":\"float32\"},\"classification:classes\":");
    gb_puts(b, classes ? classes : "[{\"value\":0,\"name\":\"a\"}]");
    gb_puts(b, "}]");
    if (extra_props) {
        gb_puts(b, ",");
        gb_puts(b, extra_props);
    }
    gb_puts(b, "},\"assets\":{\"model\":{\"href\":\"m.pt\",\"roles\":[\"mlm:model\"],"
               "\"type\":\"application/octet-stream\"}}}");
}

static mlm_stac_validator *offline_validator(void)
{
    mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
    so.flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
    mlm_error err = MLM_ERROR_INIT;
    mlm_stac_validator *v = mlm_stac_validator_new(&so, &err);
    CHECK(v != NULL, "%s", err.text);
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/tests/schemas", source_dir());
    CHECK(mlm_stac_validator_add_dir(v, dir, &err) == 0, "%s", err.text);
    return v;
}

/* Parse and validate (MLM rules, then also full STAC validation offline);
 * returns the number of diagnostics of the first validation, or -code when
 * parsing failed. */
static long parse_and_validate(const char *text, size_t len, size_t max_bytes, bool stac)
{
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.max_bytes = max_bytes;
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(text, len, "generated", &po, &err);
    if (!doc)
        return err.code < 0 ? err.code : -1000;
    const mlm_model *m = mlm_document_model(doc);
    CHECK(m != NULL, "no model");
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    CHECK(d != NULL, "mlm_validate failed: %s", err.text);
    long n = (long)mlm_diagnostics_count(d);
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        /* Messages must stay readable: never the whole of a huge value. */
        CHECK(strlen(x->message) < 64 * 1024, "a %zu-byte message (%s)", strlen(x->message),
              x->rule_id);
    }
    mlm_diagnostics_free(d);
    if (stac) {
        mlm_stac_validator *v = offline_validator();
        mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
        vo.stac = v;
        d = mlm_validate(doc, &vo, &err);
        CHECK(d != NULL, "mlm_validate with STAC failed: %s", err.text);
        for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
            CHECK(strlen(mlm_diagnostics_get(d, i)->message) < 64 * 1024, "a huge message");
        mlm_diagnostics_free(d);
        mlm_stac_validator_free(v);
    }
    mlm_document_free(doc);
    return n;
}

static int count_rule(const mlm_diagnostics *d, const char *rule)
{
    int n = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        n += strcmp(mlm_diagnostics_get(d, i)->rule_id, rule) == 0;
    return n;
}

/* Compile @p schema_text and validate @p inst_text with both entry points. */
static int schema_run(const char *schema_text, size_t slen, const char *inst_text, size_t ilen,
                      size_t *n_errors)
{
    json_error_t je;
    json_t *schema = json_loadb(schema_text, slen, 0, &je);
    CHECK(schema != NULL, "schema is not JSON: %s", je.text);
    json_t *inst = json_loadb(inst_text, ilen, JSON_DECODE_ANY, &je);
    CHECK(inst != NULL, "instance is not JSON: %s", je.text);
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema *s = mlm_schema_compile(NULL, schema, "https://example.org/s.json", NULL, &err);
    int rc = s ? MLM_OK : err.code;
    if (s) {
        mlm_schema_result *res = NULL;
        rc = mlm_schema_validate(s, inst, 0, &res, &err);
        if (n_errors)
            *n_errors = mlm_schema_result_count(res);
        mlm_schema_result_free(res);
        int v = mlm_schema_is_valid(s, inst, 0);
        CHECK(v >= 0, "is_valid failed: %d", v);
        mlm_schema_free(s);
    }
    json_decref(schema);
    json_decref(inst);
    return rc;
}

/* --- the cases ------------------------------------------------------------------ */

/* 100,000 levels: jansson stops at its depth limit; the locator has its own. */
static void case_deep_nesting(void)
{
    size_t depth = 100000;
    gb b = {0};
    gb_puts(&b, "{\"type\":\"Feature\",\"properties\":{\"mlm:name\":");
    gb_repeat(&b, "[", depth);
    gb_repeat(&b, "]", depth);
    gb_puts(&b, "}}");
    long r = parse_and_validate(b.p, b.n, 0, false);
    CHECK(r == MLM_ERR_DEPTH || r == MLM_ERR_JSON, "parse gave %ld", r);
    /* The locator scans any text, valid or not. */
    gb ptr = {0};
    gb_puts(&ptr, "/properties/mlm:name");
    for (size_t i = 0; i < 5000; i++)
        gb_puts(&ptr, "/0");
    const char *list[1] = {ptr.p};
    mlmp_pos pos;
    CHECK(mlmp_locate(b.p, b.n, list, 1, &pos) == MLM_OK, "locate failed");
    gb_free(&b);
    /* Objects too, and unbalanced. */
    gb_repeat(&b, "{\"a\":", depth);
    r = parse_and_validate(b.p, b.n, 0, false);
    CHECK(r == MLM_ERR_DEPTH || r == MLM_ERR_JSON, "parse gave %ld", r);
    CHECK(mlmp_locate(b.p, b.n, list, 1, &pos) == MLM_OK, "locate failed");
    gb_free(&b);
    gb_free(&ptr);
}

/* As deep as jansson accepts (2000 levels) in every place the rules, the
 * STAC schemas and a recursive custom schema walk. */
static void case_deep_accepted(void)
{
    size_t depth = 2000;
    gb deep = {0};
    gb_repeat(&deep, "[", depth);
    gb_repeat(&deep, "]", depth);
    gb deepo = {0};
    gb_repeat(&deepo, "{\"a\":", depth);
    gb_puts(&deepo, "1");
    gb_repeat(&deepo, "}", depth);
    gb extra = {0};
    gb_puts(&extra, "\"mlm:hyperparameters\":");
    gb_add(&extra, deepo.p, deepo.n);
    gb_puts(&extra, ",\"mlm:pretrained_source\":");
    gb_add(&extra, deep.p, deep.n);
    gb_puts(&extra, ",\"deep\":");
    gb_add(&extra, deep.p, deep.n);
    gb b = {0};
    make_item(&b, deep.p, deep.p, deep.p, extra.p);
    long r = parse_and_validate(b.p, b.n, 0, true);
    CHECK(r > 0, "expected diagnostics, got %ld", r);
    /* The schema engine on a deep instance with a recursive schema. */
    static const char schema[] =
        "{\"anyOf\":[{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}},"
        "{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"}},{\"type\":\"number\"}]}";
    size_t errs = 0;
    int rc = schema_run(schema, sizeof(schema) - 1, deep.p, deep.n, &errs);
    CHECK(rc == MLM_OK, "schema_run: %d", rc);
    rc = schema_run(schema, sizeof(schema) - 1, deepo.p, deepo.n, &errs);
    CHECK(rc == MLM_OK, "schema_run: %d", rc);
    /* A schema nested as deep. */
    gb ds = {0};
    gb_repeat(&ds, "{\"items\":", depth - 2);
    gb_puts(&ds, "{\"type\":\"string\"}");
    gb_repeat(&ds, "}", depth - 2);
    rc = schema_run(ds.p, ds.n, deep.p, deep.n, &errs);
    CHECK(rc == MLM_OK || rc == MLM_ERR_SCHEMA || rc == MLM_ERR_DEPTH, "deep schema: %d", rc);
    gb_free(&ds);
    gb_free(&b);
    gb_free(&extra);
    gb_free(&deep);
    gb_free(&deepo);
}

/* A 10-million-element shape (20 MB of text). */
static void case_huge_shape(void)
{
    size_t n = scaled(10000000);
    gb shape = {0};
    gb_puts(&shape, "[-1");
    gb_repeat(&shape, ",3", n - 1);
    gb_puts(&shape, "]");
    gb b = {0};
    make_item(&b, shape.p, NULL, NULL, NULL);
    gb_free(&shape);
    long r = parse_and_validate(b.p, b.n, 0, false);
    CHECK(r >= 0, "parse gave %ld", r);
    gb_free(&b);
}

/* A 100 MB string: over the default cap (refused at once), then accepted
 * with a larger cap, where the rules quote it (truncated) in messages. */
static void case_huge_string(void)
{
    size_t n = scaled(100u * 1024 * 1024);
    gb s = {0};
    gb_puts(&s, "\"");
    gb_repeat(&s, "\xc3\xa9", n / 2);
    gb_puts(&s, "\"");
    gb extra = {0};
    gb_printf(&extra, "\"mlm:compile_method\":1,\"description\":");
    gb_add(&extra, s.p, s.n);
    gb b = {0};
    make_item(&b, NULL, NULL, NULL, extra.p);
    gb_free(&extra);
    if (!slow_mode()) {
        double t0 = now();
        long r = parse_and_validate(b.p, b.n, 0, false);
        CHECK(r == MLM_ERR_TOO_LARGE, "the default cap did not stop it: %ld", r);
        CHECK(now() - t0 < 1.0, "refusing took %.1f s", now() - t0);
    }
    long r = parse_and_validate(b.p, b.n, 256u * 1024 * 1024, false);
    CHECK(r >= 0, "parse gave %ld", r);
    gb_free(&b);
    /* The same string where the rules complain about it and quote it. */
    gb_puts(&extra, "\"mlm:accelerator\":");
    gb_add(&extra, s.p, s.n);
    gb_free(&s);
    make_item(&b, NULL, NULL, NULL, extra.p);
    gb_free(&extra);
    r = parse_and_validate(b.p, b.n, 256u * 1024 * 1024, false);
    CHECK(r > 0, "parse gave %ld", r);
    gb_free(&b);
}

/* An object with a million keys, in the properties (walked by the rules and
 * the STAC schemas) and as a hyperparameters object. */
static void case_million_keys(void)
{
    size_t n = scaled(1000000);
    gb obj = {0};
    gb_puts(&obj, "{");
    for (size_t i = 0; i < n; i++)
        gb_printf(&obj, "%s\"k%zu\":%zu", i ? "," : "", i, i);
    gb_puts(&obj, "}");
    gb extra = {0};
    gb_add(&extra, obj.p + 1, obj.n - 2); /* the keys straight into properties */
    gb_puts(&extra, ",\"mlm:hyperparameters\":");
    gb_add(&extra, obj.p, obj.n);
    gb b = {0};
    make_item(&b, NULL, NULL, NULL, extra.p);
    gb_free(&extra);
    long r = parse_and_validate(b.p, b.n, 0, true);
    CHECK(r >= 0, "parse gave %ld", r);
    gb_free(&b);
    /* A duplicate at the very end is still found. */
    obj.n -= 1;
    gb_puts(&obj, ",\"k0\":1}");
    r = parse_and_validate(obj.p, obj.n, 0, false);
    CHECK(r == MLM_ERR_JSON, "a duplicate key was accepted: %ld", r);
    gb_free(&obj);
}

static void case_duplicate_keys(void)
{
    static const char *const texts[] = {
        "{\"a\":1,\"a\":2}",
        "{\"type\":\"Feature\",\"properties\":{\"mlm:name\":\"a\",\"mlm:name\":\"b\"}}",
        "{\"a\":{\"b\":[{\"c\":1,\"c\":1}]}}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"\":1,\"\":2}",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        long r = parse_and_validate(texts[i], strlen(texts[i]), 0, false);
        CHECK(r == MLM_ERR_JSON, "%s: %ld", texts[i], r);
    }
    /* Keys that differ only after a NUL are distinct keys... or refused;
     * either way no crash. */
    static const char nul[] = "{\"a\\u0000b\":1,\"a\\u0000c\":2}";
    (void)parse_and_validate(nul, sizeof(nul) - 1, 0, false);
}

/* 1e400, -0, 2^70 and friends wherever numbers are read. */
static void case_numbers(void)
{
    static const char *const nums[] = {
        "1e400", "-1e400", "-0", "0e-400", "1180591620717411303424", "-1180591620717411303424",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e308",
        "4.9e-324", "-0.0", "1.0", "1e-400", "123456789012345678901234567890e-10",
    };
    for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
        const char *x = nums[i];
        gb shape = {0}, classes = {0}, extra = {0}, b = {0};
        gb_printf(&shape, "[%s,%s,%s,%s]", x, x, x, x);
        gb_printf(&classes, "[{\"value\":%s,\"name\":\"a\"},{\"value\":%s,\"name\":\"b\"}]", x, x);
        gb_printf(&extra,
                  "\"mlm:total_parameters\":%s,\"mlm:memory_size\":%s,\"mlm:batch_size_suggestion\":%s,"
                  "\"eo:bands\":[{\"name\":\"b\",\"center_wavelength\":%s}]",
                  x, x, x, x);
        make_item(&b, shape.p, NULL, classes.p, extra.p);
        long r = parse_and_validate(b.p, b.n, 0, true);
        CHECK(r >= 0 || r == MLM_ERR_JSON, "%s: parse gave %ld", x, r);
        /* And in schema keywords. */
        gb s = {0};
        gb_printf(&s,
                  "{\"minimum\":%s,\"maximum\":%s,\"multipleOf\":%s,\"exclusiveMinimum\":%s,"
                  "\"const\":%s,\"enum\":[%s,1],\"maxLength\":%s,\"minItems\":%s}",
                  x, x, x, x, x, x, x, x);
        json_error_t je;
        json_t *sj = json_loadb(s.p, s.n, 0, &je);
        if (sj) {
            json_decref(sj);
            static const char *const insts[] = {"0", "-0", "1e300", "[1]", "\"abc\""};
            for (size_t k = 0; k < sizeof(insts) / sizeof(insts[0]); k++)
                (void)schema_run(s.p, s.n, insts[k], strlen(insts[k]), NULL);
        }
        gb_free(&s);
        gb_free(&shape);
        gb_free(&classes);
        gb_free(&extra);
        gb_free(&b);
    }
}

/* Invalid UTF-8 (raw and escaped) is refused; the tricky valid forms pass. */
static void case_utf8(void)
{
    static const char *const bad[] = {
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong, 3 bytes */
        "\xf0\x80\x80\xaf", /* overlong, 4 bytes */
        "\xc1\xbf",         /* overlong */
        "\xed\xa0\x80",     /* UTF-16 surrogate */
        "\xed\xbf\xbf",     /* surrogate */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\xf8\x88\x80\x80\x80", /* 5 bytes */
        "\xfe", "\xff", "\x80", "\xbf", /* stray bytes */
        "\xc3",             /* truncated */
        "\xe2\x82",         /* truncated */
        "\xf0\x9f\x98",     /* truncated */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        for (int where = 0; where < 3; where++) {
            gb b = {0};
            if (where == 0)
                gb_printf(&b, "{\"type\":\"Feature\",\"id\":\"%s\"}", bad[i]);
            else if (where == 1)
                gb_printf(&b, "{\"type\":\"Feature\",\"%s\":1}", bad[i]);
            else
                gb_printf(&b, "{\"type\":\"Feature\"}%s", bad[i]); /* after the value */
            long r = parse_and_validate(b.p, b.n, 0, false);
            CHECK(r == MLM_ERR_ENCODING || r == MLM_ERR_JSON, "bad sequence %zu at %d: %ld", i,
                  where, r);
            gb_free(&b);
        }
    }
    /* Truncated at the very end of the buffer (no closing quote). */
    static const char tail[] = "{\"id\":\"\xe2\x82";
    long r = parse_and_validate(tail, sizeof(tail) - 1, 0, false);
    CHECK(r == MLM_ERR_ENCODING || r == MLM_ERR_JSON, "truncated tail: %ld", r);
    static const char *const escaped[] = {"\\ud800", "\\udfff", "\\ud800\\u0041", "\\uDBFF"};
    for (size_t i = 0; i < sizeof(escaped) / sizeof(escaped[0]); i++) {
        gb b = {0};
        gb_printf(&b, "{\"type\":\"Feature\",\"id\":\"%s\"}", escaped[i]);
        r = parse_and_validate(b.p, b.n, 0, false);
        CHECK(r == MLM_ERR_ENCODING || r == MLM_ERR_JSON, "lone surrogate %s: %ld", escaped[i], r);
        gb_free(&b);
    }
    static const char *const good[] = {"\xf0\x9f\x98\x80", "\xef\xbf\xbf", "\\u0000",
                                       "\xf4\x8f\xbf\xbf", "\\ud83d\\ude00", "\xef\xbb\xbf"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        gb b = {0};
        gb_printf(&b, "{\"type\":\"Feature\",\"id\":\"%s\",\"properties\":{\"mlm:name\":\"%s\"}}",
                  good[i], good[i]);
        r = parse_and_validate(b.p, b.n, 0, false);
        CHECK(r >= 0, "valid sequence %zu refused: %ld", i, r);
        gb_free(&b);
    }
    /* A byte order mark before the document. */
    static const char bom[] = "\xef\xbb\xbf{\"type\":\"Feature\"}";
    (void)parse_and_validate(bom, sizeof(bom) - 1, 0, false);
}

static int load_from_map(const char *url, void *payload, json_t **out, mlm_error *err)
{
    (void)payload;
    (void)err;
    const char *text = strstr(url, "a.json") ? "{\"items\":{\"$ref\":\"b.json\"},\"$ref\":\"b.json\"}"
                                             : "{\"$ref\":\"a.json#\",\"minimum\":0}";
    *out = json_loads(text, 0, NULL);
    return *out ? 0 : MLM_ERR_NOMEM;
}

/* $ref cycles, in one document and across documents: compiling fails or
 * validating terminates (the engine's depth limit), never a loop. */
static void case_ref_cycle(void)
{
    static const char *const schemas[] = {
        "{\"$ref\":\"#\"}",
        "{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"$ref\":\"#/definitions/a\"}},"
        "\"$ref\":\"#/definitions/a\"}",
        "{\"allOf\":[{\"$ref\":\"#\"}]}",
        "{\"properties\":{\"x\":{\"$ref\":\"#\"}},\"anyOf\":[{\"$ref\":\"#/properties/x\"}]}",
        "{\"$id\":\"https://example.org/c.json\",\"not\":{\"$ref\":\"c.json\"}}",
        /* Branches that multiply: exponential without the step budget. */
        "{\"anyOf\":[{\"items\":{\"$ref\":\"#\"},\"minItems\":5},{\"items\":{\"$ref\":\"#\"}}],"
        "\"minItems\":1,\"properties\":{\"x\":{\"$ref\":\"#\"}}}",
        "{\"oneOf\":[{\"$ref\":\"#/definitions/a\"},{\"$ref\":\"#/definitions/a\"}],"
        "\"definitions\":{\"a\":{\"items\":{\"$ref\":\"#\"},\"additionalProperties\":{\"$ref\":\"#\"}}}}",
    };
    gb inst = {0};
    gb_puts(&inst, "{\"x\":{\"x\":{\"x\":[1,2,3]}},\"y\":");
    gb_repeat(&inst, "[", 60);
    gb_repeat(&inst, "]", 60);
    gb_puts(&inst, "}");
    gb arr = {0};
    gb_repeat(&arr, "[", 60);
    gb_repeat(&arr, "]", 60);
    /* The last two run into the engine's step budget (a few million
     * steps): seconds natively, far too long under valgrind. */
    size_t n_schemas = sizeof(schemas) / sizeof(schemas[0]) - (slow_mode() ? 2 : 0);
    for (size_t i = 0; i < n_schemas; i++) {
        for (int k = 0; k < 2; k++) {
            double t0 = now();
            const gb *x = k ? &arr : &inst;
            int rc = schema_run(schemas[i], strlen(schemas[i]), x->p, x->n, NULL);
            CHECK(rc == MLM_OK || rc == MLM_ERR_SCHEMA || rc == MLM_ERR_DEPTH, "schema %zu: %d",
                  i, rc);
            fprintf(stderr, "ref cycle %zu on %s: %.2f s\n", i, k ? "arrays" : "object",
                    now() - t0);
        }
    }
    gb_free(&arr);
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema_registry *reg = mlm_schema_registry_new(&err);
    CHECK(reg != NULL, "registry");
    mlm_schema_registry_set_loader(reg, load_from_map, NULL);
    mlm_schema *s = mlm_schema_compile_url(reg, "https://example.org/a.json", NULL, &err);
    if (s) {
        json_t *j = json_loads(inst.p, 0, NULL);
        mlm_schema_result *res = NULL;
        int rc = mlm_schema_validate(s, j, 0, &res, &err);
        CHECK(rc == MLM_OK, "validate: %d", rc);
        mlm_schema_result_free(res);
        json_decref(j);
        mlm_schema_free(s);
    }
    mlm_schema_registry_free(reg);
    gb_free(&inst);
}

/* The step budget grows with the value: a legitimate validation of a large
 * value takes more steps than the budget's base and must still finish with
 * no error, while branches that multiply on a small value are stopped with
 * the budget's error. (The budget is sized lazily, when the base is passed.) */
static void case_step_budget(void)
{
    static const char big_schema[] =
        "{\"items\":{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":0},"
        "{\"maximum\":9},{\"multipleOf\":1}]}}";
    size_t n = scaled(1200 * 1000); /* 5 steps each: 6M steps, over the 4M base */
    gb big = {0};
    gb_puts(&big, "[");
    for (size_t i = 0; i < n; i++)
        gb_puts(&big, i ? ",7" : "7");
    gb_puts(&big, "]");
    size_t n_errors = 99;
    int rc = schema_run(big_schema, strlen(big_schema), big.p, big.n, &n_errors);
    CHECK(rc == MLM_OK && n_errors == 0, "a large valid value: rc %d, %zu errors", rc, n_errors);
    gb_free(&big);
    if (slow_mode())
        return; /* millions of steps: too long under valgrind */
    static const char multiply[] =
        "{\"anyOf\":[{\"items\":{\"$ref\":\"#\"},\"minItems\":5},{\"items\":{\"$ref\":\"#\"}}],"
        "\"minItems\":1,\"properties\":{\"x\":{\"$ref\":\"#\"}}}";
    gb arr = {0};
    gb_repeat(&arr, "[", 60);
    gb_repeat(&arr, "]", 60);
    n_errors = 0;
    rc = schema_run(multiply, strlen(multiply), arr.p, arr.n, &n_errors);
    CHECK(rc == MLM_OK && n_errors > 0, "branches that multiply: rc %d, %zu errors", rc, n_errors);
    gb_free(&arr);
}

/* Exponential backtracking: PCRE2's match limits stop it. */
static void case_regex_backtracking(void)
{
    gb inst = {0};
    gb_puts(&inst, "{\"s\":\"");
    gb_repeat(&inst, "a", 64);
    gb_puts(&inst, "!\",\"");
    gb_repeat(&inst, "a", 64);
    gb_puts(&inst, "!\":1}");
    static const char *const schemas[] = {
        "{\"properties\":{\"s\":{\"pattern\":\"^(a+)+$\"}}}",
        "{\"properties\":{\"s\":{\"pattern\":\"^(a|aa)+$\"}}}",
        "{\"properties\":{\"s\":{\"pattern\":\"^(a|a?)+$\"}}}",
        "{\"properties\":{\"s\":{\"pattern\":\"(.*a){20}\"}}}",
        "{\"patternProperties\":{\"^(a+)+$\":{\"type\":\"string\"}}}",
        "{\"propertyNames\":{\"pattern\":\"^(a*)*b$\"}}",
        "{\"properties\":{\"s\":{\"format\":\"regex\"}}}",
    };
    for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
        double t0 = now();
        int rc = schema_run(schemas[i], strlen(schemas[i]), inst.p, inst.n, NULL);
        CHECK(rc == MLM_OK, "schema %zu: %d", i, rc);
        CHECK(now() - t0 < 5.0 * (UNDER_ASAN ? 4 : 1) * (slow_mode() ? 50 : 1),
              "schema %zu took %.1f s", i, now() - t0);
    }
    gb_free(&inst);
}

/* An enum of a million entries, and the same against uniqueItems. */
static void case_huge_enum(void)
{
    size_t n = scaled(1000000);
    gb s = {0};
    gb_puts(&s, "{\"items\":{\"enum\":[");
    for (size_t i = 0; i < n; i++)
        gb_printf(&s, "%s\"v%zu\"", i ? "," : "", i);
    gb_puts(&s, "]},\"uniqueItems\":true}");
    gb inst = {0};
    gb_puts(&inst, "[");
    for (size_t i = 0; i < 1000; i++)
        gb_printf(&inst, "%s\"v%zu\"", i ? "," : "", i * 997 % (n + 7));
    gb_puts(&inst, "]");
    size_t errs = 0;
    int rc = schema_run(s.p, s.n, inst.p, inst.n, &errs);
    CHECK(rc == MLM_OK, "schema: %d", rc);
    gb_free(&inst);
    /* The enum itself as an instance of a uniqueItems schema. */
    static const char uniq[] = "{\"uniqueItems\":true}";
    rc = schema_run(uniq, sizeof(uniq) - 1, s.p + 17, s.n - 17 - 21, &errs);
    CHECK(rc == MLM_OK && errs == 0, "uniqueItems: %d, %zu errors", rc, errs);
    gb_free(&s);
}

/* Arrays of many containers where duplicates are looked for: uniqueItems,
 * the rules' duplicate checks (bands, classes, tasks). */
static void case_many_containers(void)
{
    size_t n = scaled(100000);
    gb arr = {0};
    gb_puts(&arr, "[");
    for (size_t i = 0; i < n; i++)
        gb_printf(&arr, "%s{\"name\":\"b%zu\",\"value\":%zu}", i ? "," : "", i, i);
    gb_puts(&arr, "]");
    static const char uniq[] = "{\"uniqueItems\":true}";
    size_t errs = 0;
    double t0 = now();
    int rc = schema_run(uniq, sizeof(uniq) - 1, arr.p, arr.n, &errs);
    CHECK(rc == MLM_OK && errs == 0, "uniqueItems: %d, %zu errors", rc, errs);
    fprintf(stderr, "uniqueItems over %zu objects: %.2f s\n", n, now() - t0);
    gb empties = {0};
    gb_puts(&empties, "[");
    for (size_t i = 0; i < n; i++)
        gb_puts(&empties, i ? ",[]" : "[]");
    gb_puts(&empties, "]");
    t0 = now();
    rc = schema_run(uniq, sizeof(uniq) - 1, empties.p, empties.n, &errs);
    CHECK(rc == MLM_OK && errs == 1, "uniqueItems: %d, %zu errors", rc, errs);
    fprintf(stderr, "uniqueItems over %zu empty arrays: %.2f s\n", n, now() - t0);

    /* Bands and classes: every name distinct, then every name the same. */
    gb bands = {0};
    gb_puts(&bands, "[");
    for (size_t i = 0; i < n; i++)
        gb_printf(&bands, "%s\"b%zu\"", i ? "," : "", i);
    gb_puts(&bands, "]");
    gb extra = {0};
    gb_puts(&extra, "\"mlm:tasks\":");
    gb_add(&extra, empties.p, empties.n);
    gb_puts(&extra, ",\"eo:bands\":");
    gb_add(&extra, arr.p, arr.n);
    gb b = {0};
    make_item(&b, NULL, bands.p, arr.p, extra.p);
    t0 = now();
    long r = parse_and_validate(b.p, b.n, 0, false);
    CHECK(r > 0, "parse gave %ld", r);
    fprintf(stderr, "rules over %zu distinct bands and classes: %.2f s\n", n, now() - t0);
    gb_free(&b);
    gb_free(&bands);
    gb_puts(&bands, "[");
    for (size_t i = 0; i < n; i++)
        gb_puts(&bands, i ? ",\"b\"" : "\"b\"");
    gb_puts(&bands, "]");
    gb same = {0};
    gb_puts(&same, "[");
    for (size_t i = 0; i < n; i++)
        gb_puts(&same, i ? ",{\"value\":1,\"name\":\"c\"}" : "{\"value\":1,\"name\":\"c\"}");
    gb_puts(&same, "]");
    make_item(&b, NULL, bands.p, same.p, NULL);
    t0 = now();
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(b.p, b.n, "same", NULL, &err);
    CHECK(doc != NULL, "%s", err.text);
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    CHECK(d != NULL, "%s", err.text);
    /* The n - 1 repeats are one finding (issue 17.3): one MLM306 that counts them. */
    CHECK(count_rule(d, "MLM306") == 1, "MLM306 %d times", count_rule(d, "MLM306"));
    char more[64];
    snprintf(more, sizeof(more), "the same at %zu more positions", n - 2);
    bool counted = false;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        counted = counted || strstr(mlm_diagnostics_get(d, i)->message, more) != NULL;
    CHECK(counted, "no MLM306 says \"%s\"", more);
    /* The other positions are there as data too, each located on its own line. */
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, "MLM306") != 0)
            continue;
        size_t nrel = mlm_diagnostics_related_count(d, i);
        CHECK(nrel == n - 2, "MLM306 names %zu related places, not %zu", nrel, n - 2);
        const char *p = NULL;
        int line = 0, col = 0;
        int last_line = mlm_diagnostics_get(d, i)->line, last_col = mlm_diagnostics_get(d, i)->column;
        for (size_t k = 0; k < nrel; k++) {
            CHECK(mlm_diagnostics_related(d, i, k, &p, &line, &col) == 1, "related %zu", k);
            CHECK(p && strstr(p, "/bands/") && col > 0 &&
                      (line > last_line || (line == last_line && col > last_col)),
                  "related %zu: %s at %d:%d, not after %d:%d", k, p ? p : "(null)", line, col,
                  last_line, last_col);
            last_line = line;
            last_col = col;
        }
        CHECK(mlm_diagnostics_related(d, i, nrel, &p, NULL, NULL) == 0, "one past the end");
    }
    CHECK(mlm_diagnostics_related_count(NULL, 0) == 0 &&
              mlm_diagnostics_related(d, mlm_diagnostics_count(d), 0, NULL, NULL, NULL) == 0,
          "related places out of range");
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    fprintf(stderr, "rules over %zu identical bands and classes: %.2f s\n", n, now() - t0);
    gb_free(&same);
    gb_free(&b);
    gb_free(&bands);
    gb_free(&extra);
    gb_free(&empties);
    gb_free(&arr);
}

static void case_empty_input(void)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer("", 0, "empty", NULL, &err);
    CHECK(doc == NULL && err.code == MLM_ERR_JSON, "empty buffer: %d", err.code);
    char path[] = "/tmp/mlm-hardening-empty-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    mlm_error_clear(&err);
    doc = mlm_parse_file(path, NULL, &err);
    unlink(path);
    CHECK(doc == NULL && err.code == MLM_ERR_JSON, "empty file: %d", err.code);
    static const char *const blanks[] = {" ", "\n\n\n", "\xef\xbb\xbf", "\0", "null", "[]"};
    for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
        mlm_error_clear(&err);
        doc = mlm_parse_buffer(blanks[i], strlen(blanks[i]) + (i == 3), "blank", NULL, &err);
        CHECK(doc == NULL && err.code < 0, "blank %zu accepted", i);
    }
}

/* /dev/zero never ends: the size cap stops the read. */
static void case_dev_zero(void)
{
    if (access("/dev/zero", R_OK) != 0) {
        fprintf(stderr, "no /dev/zero here\n");
        return;
    }
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    for (int k = 0; k < 2; k++) {
        po.max_bytes = k == 0 ? 1024 * 1024 : 0; /* 1 MiB, then the 64 MiB default */
        mlm_error err = MLM_ERROR_INIT;
        double t0 = now();
        mlm_document *doc = mlm_parse_file("/dev/zero", &po, &err);
        CHECK(doc == NULL && err.code == MLM_ERR_TOO_LARGE, "/dev/zero: %d %s", err.code,
              err.text);
        fprintf(stderr, "/dev/zero with cap %zu: %.2f s\n", po.max_bytes, now() - t0);
    }
}

/* mlm-validate walking a folder that holds a FIFO nobody writes to and a
 * symlink loop: both are skipped with a note, the walk ends. */
static void case_directory_walk(void)
{
    const char *exe = getenv("MLM_VALIDATE");
    if (!exe || !*exe || access(exe, X_OK) != 0) {
        fprintf(stderr, "SKIP: MLM_VALIDATE not set (no CLI in this build)\n");
        exit(77);
    }
    char dir[] = "/tmp/mlm-hardening-walk-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char p[4200], q[4200];
    snprintf(p, sizeof(p), "%s/fifo.json", dir);
    CHECK(mkfifo(p, 0600) == 0, "mkfifo: %s", strerror(errno));
    snprintf(p, sizeof(p), "%s/sub", dir);
    CHECK(mkdir(p, 0700) == 0, "mkdir");
    snprintf(p, sizeof(p), "%s/sub/loop", dir);
    CHECK(symlink("..", p) == 0, "symlink");
    snprintf(p, sizeof(p), "%s/sub/self.json", dir);
    CHECK(symlink("self.json", p) == 0, "symlink");
    snprintf(p, sizeof(p), "%s/sub/item.json", dir);
    snprintf(q, sizeof(q), "%s/tests/cli/fixtures/valid.json", source_dir());
    CHECK(symlink(q, p) == 0, "symlink");
    snprintf(p, sizeof(p), "%s/out.txt", dir);
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int null_in = open("/dev/null", O_RDONLY);
        if (fd < 0 || null_in < 0)
            _exit(126);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        dup2(null_in, STDIN_FILENO);
        execl(exe, exe, dir, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
    FILE *f = fopen(p, "r");
    char out[8192] = "";
    size_t n = f ? fread(out, 1, sizeof(out) - 1, f) : 0;
    out[n] = '\0';
    if (f)
        fclose(f);
    fprintf(stderr, "mlm-validate said:\n%s", out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) < 64, "mlm-validate ended with status %d", st);
    CHECK(strstr(out, "fifo.json") != NULL, "the FIFO is not mentioned");
    /* Clean up. */
    const char *const names[] = {"sub/loop", "sub/self.json", "sub/item.json", "fifo.json",
                                 "out.txt"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
        unlink(p);
    }
    snprintf(p, sizeof(p), "%s/sub", dir);
    rmdir(p);
    rmdir(dir);
}

/* A server that sends one byte a second: with no overall time limit at all,
 * the low-speed limit still ends the transfer. */
static void case_trickle(void)
{
#ifndef MLM_HARDENING_URL_DIR
    fprintf(stderr, "SKIP: no URL support in this build\n");
    exit(77);
#else
    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP: python3 is not available\n");
        exit(77);
    }
    int out[2], in[2];
    CHECK(pipe(out) == 0 && pipe(in) == 0, "pipe");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[1]);
        close(out[0]);
        execlp("python3", "python3", MLM_HARDENING_URL_DIR "/server.py", "--fixtures",
               MLM_HARDENING_URL_DIR "/fixtures", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[256] = "";
    CHECK(f && fgets(line, sizeof(line), f), "the server did not start");
    int port = 0;
    CHECK(sscanf(line, "READY http=%d", &port) == 1, "server said: %s", line);
    char url[128];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/trickle", port);
    CHECK(mlm_global_init() == 0, "mlm_global_init");
    mlm_fetch_options fo = MLM_FETCH_OPTIONS_INIT;
    fo.max_time = 0; /* no overall limit: only the low-speed guard is left */
    char *body = NULL;
    size_t len = 0;
    mlm_error err = MLM_ERROR_INIT;
    double t0 = now();
    int rc = mlm_fetch(url, &fo, &body, &len, NULL, &err);
    double took = now() - t0;
    fprintf(stderr, "trickle: %s after %.1f s\n", err.text, took);
    CHECK(rc == MLM_ERR_NETWORK, "fetch gave %d", rc);
    CHECK(took < 45.0, "took %.1f s", took);
    mlm_free(body);
    mlm_global_cleanup();
    close(in[1]); /* the server exits at end of input */
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    fclose(f);
#endif
}

/* --- runner ------------------------------------------------------------------- */

typedef struct test_case {
    const char *name;
    void (*fn)(void);
    double seconds;  /* bound on the CPU time the case uses (its wall clock may be
                      * four times that on a loaded machine before it counts as a hang) */
    long megabytes;  /* peak resident memory bound */
} test_case;

static const test_case cases[] = {
    {"deep_nesting", case_deep_nesting, 10, 256},
    {"deep_accepted", case_deep_accepted, 20, 256},
    {"huge_shape", case_huge_shape, 60, 1536},
    {"huge_string", case_huge_string, 60, 1536},
    {"million_keys", case_million_keys, 90, 1536},
    {"duplicate_keys", case_duplicate_keys, 5, 128},
    {"numbers", case_numbers, 20, 256},
    {"utf8", case_utf8, 10, 128},
    {"ref_cycle", case_ref_cycle, 30, 128},
    {"step_budget", case_step_budget, 30, 256},
    {"regex_backtracking", case_regex_backtracking, 20, 128},
    {"huge_enum", case_huge_enum, 60, 1024},
    {"many_containers", case_many_containers, 60, 1024},
    {"empty_input", case_empty_input, 5, 64},
    {"dev_zero", case_dev_zero, 20, 256},
    {"directory_walk", case_directory_walk, 30, 256},
    {"trickle", case_trickle, 60, 256},
};

static volatile sig_atomic_t timed_out;
static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

int main(int argc, char **argv)
{
    size_t n_cases = sizeof(cases) / sizeof(cases[0]);
    if (argc != 2) {
        for (size_t i = 0; i < n_cases; i++)
            printf("%s\n", cases[i].name);
        return argc == 1 ? 0 : 2;
    }
    const test_case *tc = NULL;
    for (size_t i = 0; i < n_cases; i++)
        if (strcmp(cases[i].name, argv[1]) == 0)
            tc = &cases[i];
    if (!tc) {
        fprintf(stderr, "unknown case %s\n", argv[1]);
        return 2;
    }
    double seconds = tc->seconds * (UNDER_ASAN ? 3 : 1) * (slow_mode() ? 30 : 1);
    long megabytes = tc->megabytes * (UNDER_ASAN ? 4 : 1);
    fflush(NULL);
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        tc->fn();
        fflush(NULL);
        _exit(0);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)(seconds * 4) + 1); /* a hang, whatever the machine's load */
    int st = 0;
    struct rusage ru;
    pid_t r;
    do {
        r = waitpid(pid, &st, 0);
        if (r < 0 && errno == EINTR && timed_out) {
            kill(pid, SIGKILL);
            r = waitpid(pid, &st, 0);
            fprintf(stderr, "%s: killed after %.0f s (bound %.0f s): a hang?\n", tc->name,
                    now() - t0, seconds);
            return 1;
        }
    } while (r < 0 && errno == EINTR);
    alarm(0);
    double wall = now() - t0;
    /* The child (and what it waited for) is the only child: its peak, and
     * its CPU time, which other work on the machine does not lengthen. */
    getrusage(RUSAGE_CHILDREN, &ru);
    long peak_mb = ru.ru_maxrss / 1024;
    double took = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                  (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("%s: %.2f s CPU, %.2f s wall (bound %.0f s CPU), peak RSS %ld MB (bound %ld MB%s)\n",
           tc->name, took, wall, seconds, peak_mb, megabytes, slow_mode() ? ", not checked" : "");
    if (WIFSIGNALED(st)) {
        fprintf(stderr, "%s: killed by signal %d\n", tc->name, WTERMSIG(st));
        return 1;
    }
    if (WEXITSTATUS(st) != 0)
        return WEXITSTATUS(st);
    if (took > seconds) {
        fprintf(stderr, "%s: took %.1f s of CPU, over the bound of %.0f s\n", tc->name, took,
                seconds);
        return 1;
    }
    if (!slow_mode() && peak_mb > megabytes) {
        fprintf(stderr, "%s: peak RSS %ld MB, over the bound of %ld MB\n", tc->name, peak_mb,
                megabytes);
        return 1;
    }
    return 0;
}
