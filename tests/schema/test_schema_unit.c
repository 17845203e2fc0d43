/* Unit tests of the JSON Schema engine: error records, closest-branch
 * messages, identifiers and references, cycles, limits, large enums,
 * threads and allocation failures. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mlm/schema.h"
#include "mlm_private.h"
#include "testutil.h"

static json_t *J(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &e);
    if (!j)
        fprintf(stderr, "bad test JSON: %s: %s\n", text, e.text);
    assert_non_null(j);
    return j;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static mlm_schema *compile_text(const char *text, const char *base)
{
    json_t *j = J(text);
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema *s = mlm_schema_compile(NULL, j, base, NULL, &err);
    if (!s)
        fprintf(stderr, "compile failed: %s\n", err.text);
    json_decref(j);
    assert_non_null(s);
    return s;
}

static mlm_schema_result *run(const mlm_schema *s, const char *inst, unsigned flags)
{
    json_t *j = J(inst);
    mlm_schema_result *r = NULL;
    mlm_error err = MLM_ERROR_INIT;
    assert_int_equal(mlm_schema_validate(s, j, flags, &r, &err), 0);
    assert_int_equal(mlm_schema_is_valid(s, j, flags), mlm_schema_result_valid(r));
    json_decref(j);
    return r;
}

static bool valid(const mlm_schema *s, const char *inst, unsigned flags)
{
    mlm_schema_result *r = run(s, inst, flags);
    bool v = mlm_schema_result_valid(r);
    mlm_schema_result_free(r);
    return v;
}

static void dump(const mlm_schema_result *r)
{
    for (size_t i = 0; i < mlm_schema_result_count(r); i++) {
        const mlm_schema_error *e = mlm_schema_result_get(r, i);
        printf("    [%s] %s | %s | %s\n", e->keyword, e->instance_path, e->keyword_location,
               e->message);
    }
}

/* --- error records -------------------------------------------------------------- */

static void test_error_records(void **state)
{
    (void)state;
    mlm_schema *s = compile_text(
        "{\"type\":\"object\",\"required\":[\"name\",\"id\"],"
        "\"properties\":{\"a/b\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},"
        "\"e\":{\"enum\":[\"a\",\"b\",\"c\"]},\"n\":{\"maximum\":3},"
        "\"s\":{\"minLength\":3,\"pattern\":\"^x\"}},"
        "\"additionalProperties\":false}",
        "https://example.com/s.json");
    mlm_schema_result *r =
        run(s, "{\"a/b\":[1,\"x\",2.0],\"e\":\"foo\",\"n\":4,\"s\":\"\\u00e9\\u00e9\",\"zz\":1}", 0);
    dump(r);
    assert_int_equal(mlm_schema_result_count(r), 8);
    const mlm_schema_error *e = mlm_schema_result_get(r, 0);
    assert_string_equal(e->keyword, "required");
    assert_string_equal(e->instance_path, "");
    assert_string_equal(e->keyword_location, "https://example.com/s.json#/required");
    assert_string_equal(e->message, "missing required property \"name\"");
    e = mlm_schema_result_get(r, 2);
    assert_string_equal(e->keyword, "type");
    assert_string_equal(e->instance_path, "/a~1b/1");
    assert_string_equal(e->keyword_location,
                        "https://example.com/s.json#/properties/a~1b/items/type");
    assert_string_equal(e->message, "expected integer, found string");
    e = mlm_schema_result_get(r, 3);
    assert_string_equal(e->message, "value \"foo\" is not one of: \"a\", \"b\", \"c\"");
    e = mlm_schema_result_get(r, 4);
    assert_string_equal(e->message, "4 is greater than the maximum 3");
    e = mlm_schema_result_get(r, 5);
    assert_string_equal(e->keyword, "minLength");
    assert_string_equal(e->message, "string has 2 characters, fewer than the minimum 3");
    e = mlm_schema_result_get(r, 7);
    assert_string_equal(e->keyword, "additionalProperties");
    assert_string_equal(e->message, "property \"zz\" is not allowed (additionalProperties is false)");
    assert_null(mlm_schema_result_get(r, 8));
    mlm_schema_result_free(r);

    /* boolean schemas keep their own locations (jansson shares true/false) */
    mlm_schema *sb = compile_text("{\"properties\":{\"a\":false,\"b\":false},\"items\":false}", NULL);
    mlm_schema_result *rb = run(sb, "{\"b\":1}", 0);
    assert_string_equal(mlm_schema_result_get(rb, 0)->keyword_location, "#/properties/b");
    assert_string_equal(mlm_schema_result_get(rb, 0)->keyword, "false");
    assert_string_equal(mlm_schema_result_get(rb, 0)->instance_path, "/b");
    mlm_schema_result_free(rb);
    mlm_schema_free(sb);

    /* stop at the first error */
    r = run(s, "{\"a/b\":[1,\"x\",2.0],\"e\":\"foo\",\"n\":4}", MLM_SCHEMA_FIRST_ERROR);
    assert_int_equal(mlm_schema_result_count(r), 1);
    mlm_schema_result_free(r);
    mlm_schema_free(s);
}

/* Issue 17.2: the branch the value meant, by its discriminating values. */
/* Validating inst against schema gives one error, whose message contains
 * @p says and not @p lacks. */
static void one_error_says(const char *schema, const char *inst, const char *says,
                           const char *lacks)
{
    mlm_schema *s = compile_text(schema, NULL);
    mlm_schema_result *r = run(s, inst, 0);
    dump(r);
    assert_int_equal(mlm_schema_result_count(r), 1);
    const char *m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, says));
    assert_null(strstr(m, lacks));
    mlm_schema_result_free(r);
    mlm_schema_free(s);
}

static void test_meant_branch(void **state)
{
    (void)state;
    /* a const on "type": the Collection is not told it is not "Feature", although the
     * Feature branch's error goes deeper */
    mlm_schema *s = compile_text(
        "{\"anyOf\":[{\"type\":\"object\",\"required\":[\"properties\"],"
        "\"properties\":{\"type\":{\"const\":\"Feature\"},"
        "\"properties\":{\"required\":[\"p:x\"]}}},"
        "{\"type\":\"object\",\"properties\":{\"type\":{\"const\":\"Collection\"}},"
        "\"required\":[\"extent\"]}]}",
        NULL);
    mlm_schema_result *r = run(s, "{\"type\":\"Collection\",\"properties\":{}}", 0);
    dump(r);
    assert_int_equal(mlm_schema_result_count(r), 1);
    const char *m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "its \"type\" \"Collection\" selects anyOf/1, which fails"));
    assert_non_null(strstr(m, "missing required property \"extent\""));
    assert_null(strstr(m, "constant"));
    mlm_schema_result_free(r);
    /* the same document as a Feature is sent to anyOf/0 */
    r = run(s, "{\"type\":\"Feature\",\"properties\":{}}", 0);
    dump(r);
    m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "its \"type\" \"Feature\" selects anyOf/0"));
    assert_non_null(strstr(m, "\"p:x\""));
    mlm_schema_result_free(r);
    /* neither: no branch is singled out, the closest by its errors decides */
    r = run(s, "{\"type\":\"Catalog\"}", 0);
    dump(r);
    assert_non_null(strstr(mlm_schema_result_get(r, 0)->message, "the closest is"));
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    /* a member's type through $ref and a nested oneOf (a geometry that is an object):
     * "bbox" is required, not "geometry must be null" */
    s = compile_text(
        "{\"definitions\":{\"geom\":{\"oneOf\":[{\"type\":\"object\",\"required\":[\"c\"]},"
        "{\"type\":\"object\",\"required\":[\"g\"]}]}},"
        "\"oneOf\":[{\"required\":[\"geometry\",\"bbox\"],"
        "\"properties\":{\"geometry\":{\"$ref\":\"#/definitions/geom\"}}},"
        "{\"properties\":{\"geometry\":{\"type\":\"null\"},\"bbox\":{\"not\":{}}}}]}",
        NULL);
    r = run(s, "{\"geometry\":{\"c\":[1,2]}}", 0);
    dump(r);
    m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "its \"geometry\" (object) selects oneOf/0"));
    assert_non_null(strstr(m, "missing required property \"bbox\""));
    mlm_schema_result_free(r);
    /* and a null geometry with a bbox is told the bbox is not allowed */
    r = run(s, "{\"geometry\":null,\"bbox\":[0,0,1,1]}", 0);
    dump(r);
    m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "selects oneOf/1"));
    assert_non_null(strstr(m, "/bbox"));
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    /* an enum, and the then-part an if selects, count as discriminators; a disagreeing
     * enum elsewhere is outweighed by the one that agrees */
    s = compile_text(
        "{\"oneOf\":[{\"properties\":{\"kind\":{\"enum\":[\"a\",\"b\"]},"
        "\"n\":{\"type\":\"integer\"}}},"
        "{\"if\":{\"required\":[\"z\"]},\"then\":{\"properties\":{\"kind\":{\"const\":\"z\"}}},"
        "\"required\":[\"never\"]}]}",
        NULL);
    r = run(s, "{\"kind\":\"b\",\"n\":\"x\"}", 0);
    dump(r);
    m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "its \"kind\" \"b\" selects oneOf/0"));
    mlm_schema_result_free(r);
    r = run(s, "{\"kind\":\"z\",\"z\":1,\"n\":\"x\"}", 0);
    dump(r);
    m = mlm_schema_result_get(r, 0)->message;
    assert_non_null(strstr(m, "its \"kind\" \"z\" selects oneOf/1"));
    assert_non_null(strstr(m, "\"never\""));
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    /* branches that each ask for one member (an extension's "at least one of its
     * fields"): the value needs one of them, not the first of them */
    one_error_says("{\"properties\":{\"properties\":{\"anyOf\":[{\"required\":[\"p:a\"]},"
                   "{\"required\":[\"p:b\"]},{\"required\":[\"p:c\"]}],\"type\":\"object\"}}}",
                   "{\"properties\":{\"x\":1}}",
                   "none of the properties \"p:a\", \"p:b\", \"p:c\", and needs at least one of them",
                   "closest");
    /* one branch failing otherwise too, or two asking for the same member: the
     * closest branch, as before */
    one_error_says("{\"anyOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"],"
                   "\"properties\":{\"c\":{\"type\":\"string\"}}}]}",
                   "{\"c\":1}", "the closest is", "needs at least one");
    one_error_says("{\"anyOf\":[{\"required\":[\"t\"]},{\"required\":[\"t\"]}]}", "{}",
                   "missing required property \"t\"", "needs at least one");
}

static void test_closest_branch(void **state)
{
    (void)state;
    mlm_schema *s = compile_text(
        "{\"oneOf\":[{\"type\":\"string\"},"
        "{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\"}},\"required\":[\"size\"]},"
        "{\"type\":\"array\"}]}",
        NULL);
    mlm_schema_result *r = run(s, "{\"size\":\"big\"}", 0);
    dump(r);
    assert_int_equal(mlm_schema_result_count(r), 1);
    const mlm_schema_error *e = mlm_schema_result_get(r, 0);
    assert_string_equal(e->keyword, "oneOf");
    assert_string_equal(e->keyword_location, "#/oneOf");
    /* only oneOf/1 admits an object: its type singles it out */
    assert_non_null(strstr(e->message, "its type (object) selects oneOf/1, which fails"));
    assert_non_null(strstr(e->message, "/size: expected integer, found string"));
    mlm_schema_result_free(r);
    /* more than one branch */
    mlm_schema *s2 = compile_text("{\"oneOf\":[{\"minimum\":1},{\"maximum\":10}]}", NULL);
    r = run(s2, "5", 0);
    assert_int_equal(mlm_schema_result_count(r), 1);
    assert_non_null(strstr(mlm_schema_result_get(r, 0)->message, "more than one"));
    mlm_schema_result_free(r);
    /* anyOf: a type-only mismatch loses against a branch of the right kind */
    mlm_schema *s3 = compile_text(
        "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"required\":[\"x\"]}]}", NULL);
    r = run(s3, "{}", 0);
    dump(r);
    assert_non_null(strstr(mlm_schema_result_get(r, 0)->message, "selects anyOf/1"));
    assert_non_null(strstr(mlm_schema_result_get(r, 0)->message, "missing required property"));
    mlm_schema_result_free(r);
    /* errors under not/if are not reported */
    mlm_schema *s4 = compile_text(
        "{\"if\":{\"required\":[\"a\"]},\"then\":{\"required\":[\"b\"]},\"not\":{\"type\":\"array\"}}",
        NULL);
    r = run(s4, "{\"a\":1}", 0);
    assert_int_equal(mlm_schema_result_count(r), 1);
    assert_string_equal(mlm_schema_result_get(r, 0)->keyword_location, "#/then/required");
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    mlm_schema_free(s2);
    mlm_schema_free(s3);
    mlm_schema_free(s4);
}

/* --- identifiers and references --------------------------------------------------- */

static void test_ids_and_refs(void **state)
{
    (void)state;
    mlm_schema *s = compile_text(
        "{\"$id\":\"http://x.org/root.json\","
        "\"$defs\":{\"pos\":{\"$id\":\"#positive\",\"exclusiveMinimum\":0},"
        "\"sub\":{\"$id\":\"sub/s.json\",\"definitions\":{\"t\":{\"type\":\"string\"}},"
        "\"allOf\":[{\"$ref\":\"#/definitions/t\"}]},"
        "\"pct%\":{\"type\":\"boolean\"}},"
        "\"definitions\":{\"t\":{\"type\":\"integer\"},\"a~b\":{\"const\":3}},"
        "\"properties\":{\"$comment\":\"a comment, not a schema\","
        "\"p\":{\"$ref\":\"#positive\"},\"q\":{\"$ref\":\"sub/s.json\"},"
        "\"r\":{\"$ref\":\"#/$defs/pct%25\"},\"u\":{\"$ref\":\"#/definitions/a~0b\"},"
        "\"v\":{\"$ref\":\"root.json#/definitions/t\",\"type\":\"string\"}}}",
        NULL);
    assert_true(valid(s, "{\"p\":1,\"q\":\"s\",\"r\":true,\"u\":3,\"v\":4,\"$comment\":[]}", 0));
    assert_false(valid(s, "{\"p\":0}", 0));
    assert_false(valid(s, "{\"q\":1}", 0));
    assert_false(valid(s, "{\"r\":1}", 0));
    assert_false(valid(s, "{\"u\":4}", 0));
    assert_false(valid(s, "{\"v\":\"x\"}", 0)); /* $ref siblings are ignored */
    mlm_schema_result *r = run(s, "{\"p\":0}", 0);
    assert_string_equal(mlm_schema_result_get(r, 0)->keyword_location,
                        "http://x.org/root.json#/$defs/pos/exclusiveMinimum");
    mlm_schema_result_free(r);
    mlm_schema_free(s);
}

static int loader_calls;

static int test_loader(const char *url, void *payload, json_t **out, mlm_error *err)
{
    (void)payload;
    loader_calls++;
    if (strcmp(url, "https://remote.example/int.json") == 0) {
        *out = json_pack("{s:s}", "type", "integer");
        return 0;
    }
    mlm_error_clear(err);
    snprintf(err->text, sizeof(err->text), "offline");
    return MLM_ERR_NETWORK;
}

static void test_registry(void **state)
{
    (void)state;
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema_registry *reg = mlm_schema_registry_new(&err);
    assert_non_null(reg);
    json_t *doc = J("{\"definitions\":{\"s\":{\"type\":\"string\"}}}");
    assert_int_equal(mlm_schema_registry_add(reg, "https://a.example/doc.json#", doc, &err), 0);
    json_decref(doc);
    mlm_schema_registry_set_loader(reg, test_loader, NULL);
    json_t *root = J("{\"properties\":{\"s\":{\"$ref\":\"https://a.example/doc.json#/definitions/s\"},"
                     "\"i\":{\"$ref\":\"https://remote.example/int.json\"}}}");
    mlm_schema *s = mlm_schema_compile(reg, root, "https://me.example/x.json", NULL, &err);
    assert_non_null(s);
    assert_int_equal(loader_calls, 1);
    /* the compiled schema outlives the registry */
    mlm_schema_registry_free(reg);
    assert_true(valid(s, "{\"s\":\"x\",\"i\":1}", 0));
    assert_false(valid(s, "{\"i\":1.5}", 0));
    mlm_schema_free(s);
    json_decref(root);

    /* unresolvable: names the URL and what was tried */
    reg = mlm_schema_registry_new(&err);
    assert_int_equal(mlm_schema_registry_add_dir(reg, "https://nowhere.example/", "/nonexistent", &err), 0);
    mlm_schema_registry_set_loader(reg, test_loader, NULL);
    root = J("{\"$ref\":\"https://nowhere.example/missing.json\"}");
    mlm_error_clear(&err);
    s = mlm_schema_compile(reg, root, NULL, NULL, &err);
    assert_null(s);
    assert_int_equal(err.code, MLM_ERR_SCHEMA);
    printf("    %s\n", err.text);
    assert_non_null(strstr(err.text, "https://nowhere.example/missing.json"));
    assert_non_null(strstr(err.text, "/nonexistent/missing.json"));
    assert_non_null(strstr(err.text, "offline"));
    json_decref(root);
    /* a directory mapping with the host/path layout */
    const char *suite = "/usr/share/json-schema-test-suite/remotes";
    mlm_error_clear(&err);
    assert_int_equal(mlm_schema_registry_add_dir(reg, "http://localhost:1234/", suite, &err), 0);
    s = mlm_schema_compile_url(reg, "http://localhost:1234/subSchemas.json#/integer", NULL, &err);
    if (s) { /* the suite may be absent */
        assert_true(valid(s, "3", 0));
        assert_false(valid(s, "\"3\"", 0));
        mlm_schema_free(s);
    }
    mlm_schema_registry_free(reg);

    /* bad options version */
    mlm_schema_options o = MLM_SCHEMA_OPTIONS_INIT;
    o.version = 99;
    root = J("true");
    mlm_error_clear(&err);
    assert_null(mlm_schema_compile(NULL, root, NULL, &o, &err));
    assert_int_equal(err.code, MLM_ERR_INVALID_ARG);
    json_decref(root);
}

static void test_ref_cycles(void **state)
{
    (void)state;
    const char *cycles[] = {
        "{\"$ref\":\"#\"}",
        "{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"$ref\":\"#/definitions/a\"}},"
        "\"properties\":{\"x\":{\"$ref\":\"#/definitions/a\"}}}",
    };
    for (size_t i = 0; i < 2; i++) {
        json_t *j = J(cycles[i]);
        mlm_error err = MLM_ERROR_INIT;
        double t0 = now();
        mlm_schema *s = mlm_schema_compile(NULL, j, NULL, NULL, &err);
        assert_true(now() - t0 < 1.0);
        assert_null(s);
        assert_int_equal(err.code, MLM_ERR_SCHEMA);
        assert_non_null(strstr(err.text, "cycle"));
        json_decref(j);
    }
    /* a cycle through allOf never consumes the instance: a depth error, quickly */
    mlm_schema *s = compile_text("{\"allOf\":[{\"$ref\":\"#\"}]}", NULL);
    double t0 = now();
    mlm_schema_result *r = run(s, "1", 0);
    assert_true(now() - t0 < 1.0);
    assert_false(mlm_schema_result_valid(r));
    assert_int_equal(mlm_schema_result_get(r, 0)->code, MLM_ERR_DEPTH);
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    /* legitimate recursion */
    s = compile_text("{\"type\":\"object\",\"properties\":{\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}},"
                     "\"additionalProperties\":false}", NULL);
    assert_true(valid(s, "{\"kids\":[{\"kids\":[]},{\"kids\":[{}]}]}", 0));
    r = run(s, "{\"kids\":[{\"kids\":[{\"x\":1}]}]}", 0);
    assert_string_equal(mlm_schema_result_get(r, 0)->instance_path, "/kids/0/kids/0");
    assert_string_equal(mlm_schema_result_get(r, 0)->keyword_location, "#/additionalProperties");
    mlm_schema_result_free(r);
    mlm_schema_free(s);
}

/* --- values ------------------------------------------------------------------------------ */

static void test_values(void **state)
{
    (void)state;
    mlm_schema *s = compile_text("{\"multipleOf\":0.0001}", NULL);
    assert_true(valid(s, "0.0075", 0));
    assert_false(valid(s, "0.00751", 0));
    mlm_schema_free(s);
    s = compile_text("{\"type\":\"integer\",\"multipleOf\":0.5}", NULL);
    assert_true(valid(s, "1e308", 0));
    assert_true(valid(s, "1.0", 0));
    mlm_schema_free(s);
    s = compile_text("{\"enum\":[1,[1.0],{\"a\":2}]}", NULL);
    assert_true(valid(s, "1.0", 0));
    assert_true(valid(s, "[1]", 0));
    assert_true(valid(s, "{\"a\":2.0}", 0));
    assert_false(valid(s, "true", 0));
    mlm_schema_free(s);
    s = compile_text("{\"uniqueItems\":true}", NULL);
    assert_false(valid(s, "[1, 1.0]", 0));
    assert_true(valid(s, "[1, true]", 0));
    /* the hashed path (more than 32 items) */
    char big[4096] = "[";
    for (int i = 0; i < 100; i++)
        snprintf(big + strlen(big), sizeof(big) - strlen(big), "%s{\"k\":%d}", i ? "," : "", i);
    strcat(big, "]");
    assert_true(valid(s, big, 0));
    big[strlen(big) - 1] = '\0';
    strcat(big, ",{\"k\":7.0}]");
    mlm_schema_result *r = run(s, big, 0);
    assert_string_equal(mlm_schema_result_get(r, 0)->message,
                        "items 7 and 100 are equal; the items must be unique");
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    s = compile_text("{\"maxLength\":2}", NULL);
    assert_true(valid(s, "\"\\ud83d\\udc32\\ud83d\\udc32\"", 0)); /* two code points */
    mlm_schema_free(s);
    /* format: annotation unless asked */
    s = compile_text("{\"format\":\"date\"}", NULL);
    assert_true(valid(s, "\"2024-02-30\"", 0));
    assert_false(valid(s, "\"2024-02-30\"", MLM_SCHEMA_ASSERT_FORMATS));
    assert_true(valid(s, "\"2024-02-29\"", MLM_SCHEMA_ASSERT_FORMATS));
    mlm_schema_free(s);
}

static void test_huge_enum(void **state)
{
    (void)state;
    json_t *vals = json_array();
    for (int i = 0; i < 200000; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "value-%d", i);
        json_array_append_new(vals, i % 2 ? json_string(buf) : json_integer(i));
    }
    json_t *schema = json_pack("{s:o}", "enum", vals);
    mlm_error err = MLM_ERROR_INIT;
    double t0 = now();
    mlm_schema *s = mlm_schema_compile(NULL, schema, NULL, NULL, &err);
    assert_non_null(s);
    for (int i = 0; i < 20000; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "value-%d", i * 7 + 1);
        json_t *v = json_string(buf);
        assert_int_equal(mlm_schema_is_valid(s, v, 0), (i * 7 + 1) % 2 == 1);
        json_decref(v);
        v = json_real((double)(i * 2));
        assert_int_equal(mlm_schema_is_valid(s, v, 0), 1);
        json_decref(v);
    }
    json_t *bad = json_string("nope");
    mlm_schema_result *r = NULL;
    assert_int_equal(mlm_schema_validate(s, bad, 0, &r, &err), 0);
    assert_non_null(strstr(mlm_schema_result_get(r, 0)->message, "(199990 more)"));
    mlm_schema_result_free(r);
    json_decref(bad);
    double dt = now() - t0;
    printf("    200000-value enum: compile + 40000 lookups in %.3f s\n", dt);
    assert_true(dt < 2.0);
    mlm_schema_free(s);
    json_decref(schema);
}

/* --- regular expressions ------------------------------------------------------------------ */

static void test_regex(void **state)
{
    (void)state;
    mlm_schema *s = compile_text("{\"pattern\":\"^\\\\d+$\"}", NULL);
    assert_true(valid(s, "\"123\"", 0));
    assert_false(valid(s, "\"123\\n\"", 0));           /* $ only at the very end */
    assert_false(valid(s, "\"\\u0661\\u0662\"", 0));   /* \d is ASCII */
    mlm_schema_free(s);
    s = compile_text("{\"pattern\":\"^\\\\s$\"}", NULL);
    assert_true(valid(s, "\"\\u00a0\"", 0)); /* ECMA \s includes Unicode spaces */
    assert_true(valid(s, "\"\\ufeff\"", 0));
    mlm_schema_free(s);
    s = compile_text("{\"pattern\":\"^.$\"}", NULL);
    assert_true(valid(s, "\"\\ud83d\\udc32\"", 0)); /* one code point */
    assert_false(valid(s, "\"\\n\"", 0));
    mlm_schema_free(s);
    s = compile_text("{\"pattern\":\"^\\\\p{Letter}+\\\\p{Script=Greek}$\"}", NULL);
    assert_true(valid(s, "\"\u00e9t\u00e9\u03b1\"", 0)); /* long property names */
    assert_false(valid(s, "\"\u00e9t\u00e9a\"", 0));
    mlm_schema_free(s);
    s = compile_text("{\"pattern\":\"a\"}", NULL); /* unanchored */
    assert_true(valid(s, "\"xxaxx\"", 0));
    mlm_schema_free(s);
    /* PCRE-only syntax is rejected at compile time with a clear error */
    json_t *j = J("{\"properties\":{\"x\":{\"pattern\":\"^a\\\\Z\"}}}");
    mlm_error err = MLM_ERROR_INIT;
    assert_null(mlm_schema_compile(NULL, j, NULL, NULL, &err));
    assert_int_equal(err.code, MLM_ERR_SCHEMA);
    assert_non_null(strstr(err.text, "\\Z"));
    json_decref(j);
}

static void test_catastrophic_regex(void **state)
{
    (void)state;
    mlm_schema *s = compile_text("{\"properties\":{\"x\":{\"pattern\":\"^(a+)+$\"}}}", NULL);
    char inst[200] = "{\"x\":\"";
    for (int i = 0; i < 60; i++)
        strcat(inst, "a");
    strcat(inst, "!\"}");
    double t0 = now();
    mlm_schema_result *r = run(s, inst, 0);
    double dt = now() - t0;
    dump(r);
    printf("    catastrophic pattern decided in %.3f s\n", dt);
    assert_true(dt < 2.0);
    assert_int_equal(mlm_schema_result_count(r), 1);
    const mlm_schema_error *e = mlm_schema_result_get(r, 0);
    assert_int_equal(e->code, MLM_ERR_DEPTH);
    assert_string_equal(e->keyword, "pattern");
    assert_non_null(strstr(e->message, "match limit"));
    mlm_schema_result_free(r);
    /* inside "not", the limit still makes the verdict invalid */
    mlm_schema *s2 = compile_text("{\"not\":{\"pattern\":\"^(a+)+$\"}}", NULL);
    r = run(s2, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"", 0);
    assert_false(mlm_schema_result_valid(r));
    assert_int_equal(mlm_schema_result_get(r, 0)->code, MLM_ERR_DEPTH);
    mlm_schema_result_free(r);
    mlm_schema_free(s);
    mlm_schema_free(s2);
}

/* --- threads ---------------------------------------------------------------------------------- */

typedef struct thread_arg {
    const mlm_schema *s;
    json_t *good, *bad;
    int failures;
} thread_arg;

static void *thread_main(void *p)
{
    thread_arg *a = p;
    for (int i = 0; i < 3000; i++) {
        if (mlm_schema_is_valid(a->s, a->good, MLM_SCHEMA_ASSERT_FORMATS) != 1)
            a->failures++;
        mlm_schema_result *r = NULL;
        mlm_error err = MLM_ERROR_INIT;
        if (mlm_schema_validate(a->s, a->bad, MLM_SCHEMA_ASSERT_FORMATS, &r, &err) != 0 ||
            mlm_schema_result_count(r) != 4)
            a->failures++;
        mlm_schema_result_free(r);
    }
    return NULL;
}

static const char *THREAD_SCHEMA =
    "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{"
    "\"id\":{\"type\":\"string\",\"pattern\":\"^[a-z][a-z0-9-]*$\"},"
    "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"tags\":{\"type\":\"array\",\"items\":{\"enum\":[\"a\",\"b\",\"c\"]},\"uniqueItems\":true},"
    "\"geom\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"object\",\"required\":[\"type\"]}]}},"
    "\"patternProperties\":{\"^x-\":{\"type\":\"number\"}}}";

static void test_threads(void **state)
{
    (void)state;
    mlm_schema *s = compile_text(THREAD_SCHEMA, NULL);
    json_t *good = J("{\"id\":\"abc-1\",\"when\":\"2024-01-01T00:00:00Z\",\"tags\":[\"a\",\"b\"],"
                     "\"geom\":{\"type\":\"Point\"},\"x-n\":3}");
    json_t *bad = J("{\"id\":\"Abc\",\"when\":\"yesterday\",\"tags\":[\"a\",\"a\"],\"geom\":{}}");
    pthread_t th[4];
    thread_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (thread_arg){s, good, bad, 0};
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &args[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].failures, 0);
    }
    json_decref(good);
    json_decref(bad);
    mlm_schema_free(s);
}

/* --- allocation failures ------------------------------------------------------------------------ */

static void test_alloc_failures(void **state)
{
    (void)state;
    json_t *remote = J("{\"$id\":\"https://r.example/d.json\",\"definitions\":{\"n\":{\"type\":\"number\","
                       "\"minimum\":0}},\"$defs\":{\"a\":{\"$id\":\"#anchor\",\"type\":\"string\"}}}");
    json_t *root = J(THREAD_SCHEMA);
    json_object_set_new(json_object_get(root, "properties"), "n",
                        json_pack("{s:s}", "$ref", "https://r.example/d.json#/definitions/n"));
    json_object_set_new(json_object_get(root, "properties"), "s",
                        json_pack("{s:s}", "$ref", "https://r.example/d.json#anchor"));
    json_t *bad = J("{\"id\":\"Abc\",\"when\":\"yesterday\",\"tags\":[\"a\",\"a\"],\"geom\":{},\"n\":-1,\"s\":1}");
    long n;
    for (n = 0; n < 100000; n++) {
        mlm_error err = MLM_ERROR_INIT;
        mlmp_alloc_fail_after(n);
        mlm_schema_registry *reg = mlm_schema_registry_new(&err);
        mlm_schema *s = NULL;
        mlm_schema_result *r = NULL;
        int rc = -1, bv = -1;
        if (reg && mlm_schema_registry_add(reg, "https://r.example/d.json", remote, &err) == 0)
            s = mlm_schema_compile(reg, root, "https://me.example/", NULL, &err);
        if (s) {
            rc = mlm_schema_validate(s, bad, MLM_SCHEMA_ASSERT_FORMATS, &r, &err);
            bv = mlm_schema_is_valid(s, bad, 0);
        }
        mlmp_alloc_fail_after(-1);
        if (!s || rc != 0)
            assert_true(err.code == MLM_ERR_NOMEM);
        bool done = s && rc == 0 && bv == 0;
        if (done)
            assert_int_equal(mlm_schema_result_count(r), 6);
        mlm_schema_result_free(r);
        mlm_schema_free(s);
        mlm_schema_registry_free(reg);
        if (done)
            break;
    }
    printf("    allocation failure injected at each of %ld allocations\n", n);
    assert_true(n > 10 && n < 100000);
    json_decref(remote);
    json_decref(root);
    json_decref(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_records),  cmocka_unit_test(test_closest_branch), cmocka_unit_test(test_meant_branch),
        cmocka_unit_test(test_ids_and_refs),   cmocka_unit_test(test_registry),
        cmocka_unit_test(test_ref_cycles),     cmocka_unit_test(test_values),
        cmocka_unit_test(test_huge_enum),      cmocka_unit_test(test_regex),
        cmocka_unit_test(test_catastrophic_regex), cmocka_unit_test(test_threads),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
