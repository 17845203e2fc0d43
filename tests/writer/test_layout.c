/*
 * The writer keeps the layout (src/layout.c through mlm_document_dump()):
 * every bundled document (examples/, tests/ fixtures, the reference
 * examples when ../shared is there) is written back byte for byte and one
 * edited value changes one line; the layout fixtures (compact "k":v,
 * "k" : v, four spaces, tabs, CRLF, one line, minified) keep their habits
 * in new members; four edits on a 145-line catalog item change only the
 * lines they touch; the typed removers keep shapes consistent or say why
 * not; line:column after edits are those of the text that would be written.
 *
 * MLM_LAYOUT_FIGURES=1 also prints the figures of the library's own layout
 * (the writer before it kept layouts) for docs/API.md.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

#include "layout.h"
#include "mlm.h"
#include "mlm_private.h"

#define OK(call) assert_int_equal((call), MLM_OK)

/* --- line differences ----------------------------------------------------------- */

typedef struct lines {
    const char **at;
    size_t *len;
    size_t n;
} lines;

static lines split(const char *s, size_t n)
{
    lines l = {NULL, NULL, 0};
    size_t cap = 16;
    l.at = malloc(cap * sizeof(*l.at));
    l.len = malloc(cap * sizeof(*l.len));
    assert_true(l.at && l.len);
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        if (l.n == cap) {
            cap *= 2;
            l.at = realloc(l.at, cap * sizeof(*l.at));
            l.len = realloc(l.len, cap * sizeof(*l.len));
            assert_true(l.at && l.len);
        }
        l.at[l.n] = s + i;
        l.len[l.n++] = e - i;
        i = e;
    }
    return l;
}

static bool same_line(const lines *a, size_t i, const lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->at[i], b->at[j], a->len[i]) == 0;
}

/* The lines a diff shows as removed or added between a and b (the lines
 * outside their longest common subsequence). */
static size_t changed_lines(const char *a, size_t na, const char *b, size_t nb)
{
    lines x = split(a, na), y = split(b, nb);
    size_t lo = 0, hx = x.n, hy = y.n;
    while (lo < hx && lo < hy && same_line(&x, lo, &y, lo))
        lo++;
    while (hx > lo && hy > lo && same_line(&x, hx - 1, &y, hy - 1)) {
        hx--;
        hy--;
    }
    size_t m = hy - lo;
    size_t *prev = calloc(m + 1, sizeof(*prev)), *cur = calloc(m + 1, sizeof(*cur));
    assert_true(prev && cur);
    for (size_t i = lo; i < hx; i++) {
        for (size_t j = 1; j <= m; j++)
            cur[j] = same_line(&x, i, &y, lo + j - 1)
                         ? prev[j - 1] + 1
                         : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t common = prev[m];
    size_t changed = (hx - lo) + (hy - lo) - 2 * common;
    free(prev);
    free(cur);
    free(x.at);
    free(x.len);
    free(y.at);
    free(y.len);
    return changed;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static char *dump(const mlm_document *doc)
{
    mlm_error err = MLM_ERROR_INIT;
    char *t = mlm_document_dump(doc, 0, &err);
    assert_non_null(t);
    return t;
}

/* --- every bundled document --------------------------------------------------------- */

typedef struct tally {
    size_t docs, kept, fresh_kept;
    size_t edited, edit_lines, edit_lines_max, fresh_edit_lines;
    bool figures;
} tally;

static void one_document(const char *path, tally *t)
{
    size_t n = 0;
    char *bytes = tu_read_file(path, &n);
    assert_non_null(bytes);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(bytes, n, path, NULL, &err);
    if (!doc) {
        free(bytes);
        return; /* not a JSON object: nothing to write */
    }
    t->docs++;
    char *out = dump(doc);
    bool kept = strlen(out) == n && memcmp(out, bytes, n) == 0;
    if (!kept)
        fprintf(stderr, "not written back byte for byte: %s\n", path);
    t->kept += kept;
    size_t flen = 0;
    char *fresh = NULL;
    if (t->figures) {
        fresh = mlmp_layout_fresh(mlm_document_json(doc), false, &flen);
        assert_non_null(fresh);
        t->fresh_kept += flen == n && memcmp(fresh, bytes, n) == 0;
        mlmp_free(fresh);
    }
    /* one edited value: the id */
    const char *id = json_string_value(json_object_get(mlm_document_json(doc), "id"));
    if (id) {
        char *next = malloc(strlen(id) + 3);
        assert_non_null(next);
        sprintf(next, "%s-2", id);
        OK(mlm_document_set(doc, "/id", json_string(next), &err));
        free(next);
        char *edited = dump(doc);
        size_t c = changed_lines(bytes, n, edited, strlen(edited));
        if (c != 2)
            fprintf(stderr, "one edited value changed %zu lines: %s\n", c, path);
        t->edited++;
        t->edit_lines += c;
        if (c > t->edit_lines_max)
            t->edit_lines_max = c;
        if (t->figures) {
            fresh = mlmp_layout_fresh(mlm_document_json(doc), false, &flen);
            assert_non_null(fresh);
            t->fresh_edit_lines += changed_lines(bytes, n, fresh, flen);
            mlmp_free(fresh);
        }
        mlm_free(edited);
    }
    mlm_free(out);
    mlm_document_free(doc);
    free(bytes);
}

/* Every .json under dir; with only_fixtures, only those under a folder
 * named "fixtures". */
static void walk(const char *dir, bool only_fixtures, bool in_fixtures, tally *t)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        assert_non_null(path);
        snprintf(path, len, "%s/%s", dir, e->d_name);
        struct stat st;
        size_t nl = strlen(e->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(path, only_fixtures, in_fixtures || strcmp(e->d_name, "fixtures") == 0, t);
        else if ((!only_fixtures || in_fixtures) && nl > 5 &&
                 strcmp(e->d_name + nl - 5, ".json") == 0)
            one_document(path, t);
        free(path);
    }
    closedir(d);
}

static void test_bundled_documents_byte_for_byte(void **state)
{
    (void)state;
    tally t = {0};
    const char *f = getenv("MLM_LAYOUT_FIGURES");
    t.figures = f && *f == '1';
    walk(tu_path(tu_source_dir(), "examples"), false, false, &t);
    walk(tu_path(tu_source_dir(), "tests"), true, false, &t);
    const char *shared = tu_shared_dir();
    if (shared)
        walk(tu_path(shared, "reference/examples"), false, false, &t);
    printf("layout: %zu documents%s, %zu written back byte for byte; one edited value (the id) "
           "of %zu documents: %zu changed lines (at most %zu per document)\n",
           t.docs, shared ? " (with the reference examples)" : "", t.kept, t.edited,
           t.edit_lines, t.edit_lines_max);
    if (t.figures)
        printf("library layout (the writer before): %zu byte for byte; %zu changed lines for the "
               "same edits (%.1f per document)\n",
               t.fresh_kept, t.fresh_edit_lines,
               t.edited ? (double)t.fresh_edit_lines / (double)t.edited : 0.0);
    assert_true(t.docs >= 200);
    assert_int_equal(t.kept, t.docs);
    assert_int_equal(t.edit_lines, 2 * t.edited);
}

/* --- layouts --------------------------------------------------------------------------- */

static const char *const layouts[] = {"two-space", "colon-nospace", "spaced-colon", "four-space",
                                      "tabs",      "crlf",          "one-line",     "minified"};

static mlm_document *load(const char *name, char **bytes, size_t *n)
{
    char rel[128];
    snprintf(rel, sizeof(rel), "tests/writer/fixtures/%s", name);
    *bytes = tu_read_file(tu_path(tu_source_dir(), rel), n);
    assert_non_null(*bytes);
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(*bytes, *n, name, NULL, &err);
    assert_non_null(doc);
    return doc;
}

/* The line of text that holds needle (NULL if none), as a new string. */
static char *line_with(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    if (!p)
        return NULL;
    const char *s = p, *e = strchr(p, '\n');
    while (s > text && s[-1] != '\n')
        s--;
    if (!e)
        e = p + strlen(p);
    char *l = malloc((size_t)(e - s) + 1);
    assert_non_null(l);
    memcpy(l, s, (size_t)(e - s));
    l[e - s] = '\0';
    return l;
}

static void test_layouts_kept(void **state)
{
    (void)state;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(layouts); i++) {
        char name[64], *bytes = NULL;
        size_t n = 0;
        snprintf(name, sizeof(name), "layouts/%s.json", layouts[i]);
        mlm_document *doc = load(name, &bytes, &n);
        bool one_line = count_lines(bytes) <= 1;
        char *out = dump(doc);
        assert_int_equal(strlen(out), n);
        assert_memory_equal(out, bytes, n);
        mlm_free(out);
        mlm_error err = MLM_ERROR_INIT;
        /* a changed value: one line */
        OK(mlm_document_set_string(doc, "mlm:name", "renamed", &err));
        out = dump(doc);
        assert_int_equal(changed_lines(bytes, n, out, strlen(out)), 2);
        mlm_free(out);
        /* a new member: the line before gets its comma, and the new line
         * has the source's indentation, spacing and line ending */
        OK(mlm_document_set_bool(doc, "x:new", 1, &err));
        out = dump(doc);
        size_t changed = changed_lines(bytes, n, out, strlen(out));
        assert_int_equal(changed, one_line ? 2 : 2 + 3); /* with the name's line */
        char *l = line_with(out, "\"x:new\"");
        assert_non_null(l);
        const char *want = strcmp(layouts[i], "two-space") == 0       ? "    \"x:new\": true\n"
                           : strcmp(layouts[i], "colon-nospace") == 0 ? "    \"x:new\":true\n"
                           : strcmp(layouts[i], "spaced-colon") == 0  ? "    \"x:new\" : true\n"
                           : strcmp(layouts[i], "four-space") == 0    ? "        \"x:new\": true\n"
                           : strcmp(layouts[i], "tabs") == 0          ? "\t\t\"x:new\": true\n"
                           : strcmp(layouts[i], "crlf") == 0          ? "    \"x:new\": true\r\n"
                                                                      : NULL;
        if (want) {
            char *expect = malloc(strlen(want) + 1);
            assert_non_null(expect);
            strcpy(expect, want);
            expect[strlen(expect) - 1] = '\0'; /* line_with drops the '\n' */
            assert_string_equal(l, expect);
            free(expect);
        } else {
            assert_non_null(strstr(out, strcmp(layouts[i], "minified") == 0 ? ",\"x:new\":true}"
                                                                          : ", \"x:new\": true}"));
        }
        free(l);
        /* CRLF stays CRLF everywhere; the final newline (or its absence) stays */
        if (strcmp(layouts[i], "crlf") == 0)
            for (const char *p = strchr(out, '\n'); p; p = strchr(p + 1, '\n'))
                assert_int_equal(p[-1], '\r');
        assert_int_equal(out[strlen(out) - 1] == '\n', bytes[n - 1] == '\n');
        mlm_free(out);
        /* a new container follows the source's habits for its shape */
        static const char *const b2[] = {"a", "b"};
        size_t in = 9;
        OK(mlm_document_add_input(doc, "extra", &in, &err));
        OK(mlm_document_input_set_bands(doc, in, b2, 2, &err));
        out = dump(doc);
        json_t *again = json_loads(out, JSON_DECODE_ANY, NULL);
        assert_true(json_equal(again, mlmp_unconst(mlm_document_json(doc))));
        json_decref(again);
        mlm_free(out);
        mlm_document_free(doc);
        free(bytes);
    }
}

/* --- four edits on a catalog item -------------------------------------------------- */

static void test_four_edits_touch_only_their_lines(void **state)
{
    (void)state;
    char *bytes = NULL;
    size_t n = 0;
    mlm_document *doc = load("catalog-item.json", &bytes, &n);
    assert_int_equal(count_lines(bytes), 145);
    mlm_error err = MLM_ERROR_INIT;
    OK(mlm_document_set_string(doc, "mlm:name", "wetland-segmenter-v2", &err)); /* 1 line */
    /* the band list, the shape's band count and a per-band value_scaling entry */
    OK(mlm_document_input_remove_band_named(doc, 0, "nir", &err));
    /* the class list and the result's class count */
    OK(mlm_document_output_remove_class_named(doc, 0, "water", &err));
    OK(mlm_document_remove_asset(doc, "thumbnail", &err)); /* its lines and a comma */
    char *out = dump(doc);
    size_t changed = changed_lines(bytes, n, out, strlen(out));
    size_t fresh_len = 0;
    char *fresh = mlmp_layout_fresh(mlm_document_json(doc), false, &fresh_len);
    assert_non_null(fresh);
    printf("four edits on a 145-line item: %zu changed lines (the library layout: %zu)\n",
           changed, changed_lines(bytes, n, fresh, fresh_len));
    mlmp_free(fresh);
    /* name 2; bands 2, shape 2, value_scaling 3; classes 3, shape 2; the
     * asset's 5 lines (the "}," before it and its "}" read as one "}") */
    assert_int_equal(changed, 19);
    assert_int_equal(count_lines(out), 145 - 1 - 1 - 5);
    assert_non_null(strstr(out, "\n        \"bands\": [\"red\", \"green\", \"blue\"],\n"));
    assert_non_null(strstr(out, "\"shape\": [-1, 3, 512, 512],\n          \"dim_order\": [\"batch\", \"bands\""));
    assert_non_null(strstr(out, "\"shape\": [-1, 2, 512, 512],\n          \"dim_order\": [\"batch\", \"class\""));
    assert_non_null(strstr(out, "\"mean\": 88.0, \"stddev\": 35.75}\n        ],"));
    assert_non_null(strstr(out, "{\"name\": \"nir\", \"data_type\": \"uint8\"}")); /* not a model band list */
    assert_non_null(strstr(out, "\"learning_rate\": 1e-4,")); /* spellings kept */
    assert_non_null(strstr(out, "\"dropout\": 0.10\n"));
    assert_null(strstr(out, "thumbnail"));
    mlm_free(out);
    mlm_document_free(doc);
    free(bytes);
}

/* --- removers ----------------------------------------------------------------------- */

static void refused(int rc, mlm_error *err, const char *fn, const char *what)
{
    assert_int_equal(rc, MLM_ERR_INVALID_ARG);
    assert_non_null(strstr(err->text, fn));
    if (!strstr(err->text, what))
        fail_msg("\"%s\" does not say \"%s\"", err->text, what);
}

static void test_removers(void **state)
{
    (void)state;
    char *bytes = NULL;
    size_t n = 0;
    mlm_document *doc = load("catalog-item.json", &bytes, &n);
    mlm_error err = MLM_ERROR_INIT;
    const mlm_model *m = mlm_document_model(doc);
    assert_int_equal(mlm_model_input_count(m), 2);

    /* refusals change nothing */
    refused(mlm_document_remove_input(doc, 2, &err), &err, "mlm_document_remove_input",
            "no object at index 2");
    refused(mlm_document_remove_input_named(doc, "nope", &err), &err,
            "mlm_document_remove_input_named", "mlm:input has no entry named \"nope\"");
    refused(mlm_document_remove_output(doc, 1, &err), &err, "mlm_document_remove_output",
            "no object at index 1");
    refused(mlm_document_input_remove_band(doc, 0, 4, &err), &err,
            "mlm_document_input_remove_band", "input 0 has no band at index 4 (it lists 4)");
    refused(mlm_document_input_remove_band_named(doc, 0, "swir", &err), &err,
            "mlm_document_input_remove_band_named", "no band named \"swir\"");
    /* the only band, counted by the shape: the shape would get a 0 */
    refused(mlm_document_input_remove_band_named(doc, 1, "dem", &err), &err,
            "mlm_document_input_remove_band_named", "only band");
    refused(mlm_document_output_remove_class(doc, 0, 3, &err), &err,
            "mlm_document_output_remove_class", "no class at index 3");
    refused(mlm_document_output_remove_class_named(doc, 0, "sand", &err), &err,
            "mlm_document_output_remove_class_named", "no class named \"sand\"");
    refused(mlm_document_remove_asset(doc, "nope", &err), &err, "mlm_document_remove_asset",
            "no asset \"nope\" to remove");
    refused(mlm_document_remove_input(NULL, 0, &err), &err, "mlm_document_remove_input",
            "NULL");
    refused(mlm_document_remove_asset(doc, NULL, &err), &err, "mlm_document_remove_asset",
            "key is NULL");
    char *out = dump(doc);
    assert_memory_equal(out, bytes, n);
    mlm_free(out);

    /* a shape that disagrees with the band list: refused with the reason */
    OK(mlm_document_set(doc, "/properties/mlm:input/0/input/shape/1", json_integer(5), &err));
    refused(mlm_document_input_remove_band(doc, 0, 1, &err), &err,
            "mlm_document_input_remove_band",
            "the input lists 4 bands but its shape gives another size at dimension \"bands\" "
            "(index 1), so the band count cannot be kept consistent");
    /* a variable size stays variable; value_scaling follows the bands */
    OK(mlm_document_set(doc, "/properties/mlm:input/0/input/shape/1", json_integer(-1), &err));
    OK(mlm_document_input_remove_band(doc, 0, 1, &err));
    m = mlm_document_model(doc); /* fetched again after the edit */
    const mlm_input *in = mlm_model_input(m, 0);
    assert_int_equal(mlm_input_band_count(in), 3);
    assert_string_equal(mlm_band_name(mlm_input_band(in, 1)), "blue");
    const json_t *ij = mlm_input_json(in);
    assert_int_equal(json_integer_value(json_array_get(
                         json_object_get(json_object_get(ij, "input"), "shape"), 1)),
                     -1);
    assert_int_equal(json_array_size(json_object_get(ij, "value_scaling")), 3);
    /* no dimension names the bands: only the band goes */
    static const int64_t shp[] = {-1, 3, 64, 64};
    static const char *const dims[] = {"batch", "depth", "height", "width"};
    OK(mlm_document_input_set_tensor(doc, 0, shp, 4, dims, 4, MLM_DATA_TYPE_FLOAT32, &err));
    OK(mlm_document_input_remove_band_named(doc, 0, "red", &err));
    ij = mlm_input_json(mlm_model_input(mlm_document_model(doc), 0));
    assert_int_equal(json_array_size(json_object_get(ij, "bands")), 2);
    assert_int_equal(json_integer_value(json_array_get(
                         json_object_get(json_object_get(ij, "input"), "shape"), 1)),
                     3);

    /* classes: by index, the result's class count follows */
    OK(mlm_document_output_remove_class(doc, 0, 0, &err));
    const json_t *oj = mlm_output_json(mlm_model_output(mlm_document_model(doc), 0));
    const json_t *classes = json_object_get(oj, "classification:classes");
    assert_int_equal(json_array_size(classes), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(classes, 0), "name")),
                        "wetland");
    assert_int_equal(json_integer_value(json_array_get(
                         json_object_get(json_object_get(oj, "result"), "shape"), 1)),
                     2);

    /* inputs and outputs by index and by name; later indices move down */
    OK(mlm_document_remove_input(doc, 0, &err));
    m = mlm_document_model(doc);
    assert_int_equal(mlm_model_input_count(m), 1);
    assert_string_equal(mlm_input_name(mlm_model_input(m, 0)), "elevation");
    OK(mlm_document_remove_input_named(doc, "elevation", &err));
    assert_int_equal(mlm_model_input_count(mlm_document_model(doc)), 0);
    OK(mlm_document_remove_output_named(doc, "wetland-mask", &err));
    assert_int_equal(mlm_model_output_count(mlm_document_model(doc)), 0);
    OK(mlm_document_remove_asset(doc, "onnx", &err));
    assert_null(json_object_get(json_object_get(mlm_document_json(doc), "assets"), "onnx"));
    out = dump(doc);
    json_t *again = json_loads(out, 0, NULL);
    assert_true(json_equal(again, mlmp_unconst(mlm_document_json(doc))));
    json_decref(again);
    mlm_free(out);
    mlm_document_free(doc);
    free(bytes);
}

/* --- line:column after edits ---------------------------------------------------------- */

/* The 1-based line of text at which needle starts. */
static int line_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    assert_non_null(p);
    int line = 1;
    for (const char *q = text; q < p; q++)
        line += *q == '\n';
    return line;
}

static void test_positions_follow_edits(void **state)
{
    (void)state;
    char *bytes = NULL;
    size_t n = 0;
    mlm_document *doc = load("catalog-item.json", &bytes, &n);
    mlm_error err = MLM_ERROR_INIT;
    OK(mlm_document_remove_input(doc, 0, &err));
    OK(mlm_document_remove_asset(doc, "weights", &err));
    char *out = dump(doc);
    int line = 0, col = 0;
    OK(mlm_document_locate(doc, "/properties/mlm:input/0/bands/0", &line, &col));
    assert_int_equal(line, line_of(out, "\"bands\": [\"dem\"]"));
    assert_int_equal(col, 19);
    OK(mlm_document_locate(doc, "/assets/onnx", &line, NULL));
    assert_int_equal(line, line_of(out, "\"onnx\": {"));
    /* diagnostics too, without a write and a new parse */
    mlm_diagnostics *d = mlm_validate(doc, NULL, &err);
    assert_non_null(d);
    bool seen = false;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *g = mlm_diagnostics_get(d, i);
        if (strcmp(g->pointer, "/properties/mlm:input/0/bands/0") == 0) {
            assert_int_equal(g->line, line_of(out, "\"bands\": [\"dem\"]"));
            seen = true;
        }
    }
    assert_true(seen);
    mlm_diagnostics_free(d);
    /* a new document has no source text: no positions, as before */
    mlm_document *fresh = mlm_document_new(MLM_STAC_ITEM, "n", MLM_SPEC_LATEST, &err);
    assert_non_null(fresh);
    OK(mlm_document_set_string(fresh, "mlm:name", "n", &err));
    assert_int_equal(mlm_document_locate(fresh, "/id", &line, NULL), MLM_ERR_INVALID_ARG);
    mlm_document_free(fresh);
    mlm_free(out);
    mlm_document_free(doc);
    free(bytes);
}

/* --- the whole root, and the library's own layout --------------------------------------- */

static void test_set_root_and_reformat(void **state)
{
    (void)state;
    static const char src[] = "{\"type\":\"Feature\",\r\n \"id\":\"a\",\r\n \"n\":1.50,\r\n"
                              " \"x\":[1,2]}";
    mlm_error err = MLM_ERROR_INIT;
    mlm_document *doc = mlm_parse_buffer(src, sizeof(src) - 1, "r.json", NULL, &err);
    assert_non_null(doc);
    const json_t *root = mlm_document_json(doc);
    json_t *next = mlm_document_to_json(doc);
    json_object_set_new(next, "id", json_string("b"));
    json_object_set_new(next, "y", json_pack("[f,f]", 0.1, 1000.0));
    OK(mlm_document_set_root(doc, next, &err));
    assert_ptr_equal(mlm_document_json(doc), root); /* the same root object */
    char *out = dump(doc);
    assert_string_equal(out, "{\"type\":\"Feature\",\r\n \"id\":\"b\",\r\n \"n\":1.50,\r\n"
                             " \"x\":[1,2],\r\n \"y\":[0.1,1000.0]}");
    mlm_free(out);
    /* the library's layout on request, as for a document built from scratch */
    out = mlm_document_dump(doc, MLM_DUMP_REFORMAT, &err);
    assert_string_equal(out, "{\n  \"type\": \"Feature\",\n  \"id\": \"b\",\n  \"n\": 1.5,\n"
                             "  \"x\": [\n    1,\n    2\n  ],\n  \"y\": [\n    0.1,\n"
                             "    1000.0\n  ]\n}\n");
    mlm_free(out);
    refused(mlm_document_set_root(doc, json_array(), &err), &err, "mlm_document_set_root",
            "not a JSON object");
    refused(mlm_document_set_root(doc, NULL, &err), &err, "mlm_document_set_root", "NULL");
    mlm_document_free(doc);
    /* an array root (MLM_PARSE_ANY_ROOT) is not replaced by an object */
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    po.flags = MLM_PARSE_ANY_ROOT;
    doc = mlm_parse_buffer("[1, 2]", 6, "a.json", &po, &err);
    assert_non_null(doc);
    refused(mlm_document_set_root(doc, json_object(), &err), &err, "mlm_document_set_root",
            "the document's root is not an object");
    mlm_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_documents_byte_for_byte),
        cmocka_unit_test(test_layouts_kept),
        cmocka_unit_test(test_four_edits_touch_only_their_lines),
        cmocka_unit_test(test_removers),
        cmocka_unit_test(test_positions_follow_edits),
        cmocka_unit_test(test_set_root_and_reformat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
