/*
 * Fixture checker for the rule registry.
 *
 *   rules_fixture_check DIR ID   check the fixtures of one rule
 *   rules_fixture_check --all DIR  check that every registered rule has a
 *                                  fixture folder with a valid and an invalid case,
 *                                  and that no folder names an unknown rule
 *
 * For rule ID, every DIR/ID/invalid-*.json must produce a diagnostic with
 * that id, and every DIR/ID/valid-*.json must produce none with that id and
 * no error at all. Fixtures are plain documents: the version comes from
 * their stac_extensions, as for any user's document.
 *
 * A rule folder may hold an options.txt with one setting per line:
 *   schema-dir PATH   full validation (offline, no cache), schemas from PATH
 *                     (relative to the rule folder)
 *   official-mlm      also run the official MLM schema
 *   schema FILE       validate against FILE alone (any JSON root allowed)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"

typedef struct settings {
    mlm_stac_validator *stac;
    mlm_schema *custom;
} settings;

/* Read DIR/options.txt (if any) into s. Returns 0, or 1 on a bad file. */
static int load_settings(const char *dir, settings *s)
{
    char path[4096], line[1024];
    s->stac = NULL;
    s->custom = NULL;
    if (snprintf(path, sizeof(path), "%s/options.txt", dir) >= (int)sizeof(path))
        return 1;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    unsigned flags = MLM_STAC_OFFLINE | MLM_STAC_NO_CACHE;
    char schema_dir[4096] = "", schema_file[4096] = "";
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        int n = 0;
        if (strncmp(line, "schema-dir ", 11) == 0)
            n = snprintf(schema_dir, sizeof(schema_dir), "%s/%s", dir, line + 11);
        else if (strcmp(line, "official-mlm") == 0)
            flags |= MLM_STAC_OFFICIAL_MLM;
        else if (strncmp(line, "schema ", 7) == 0)
            n = snprintf(schema_file, sizeof(schema_file), "%s/%s", dir, line + 7);
        if (n >= (int)sizeof(schema_dir)) {
            fprintf(stderr, "FAIL %s: path too long\n", path);
            fclose(f);
            return 1;
        }
        if (line[0] && strncmp(line, "schema", 6) != 0 && strcmp(line, "official-mlm") != 0) {
            fprintf(stderr, "FAIL %s: unknown setting '%s'\n", path, line);
            fclose(f);
            return 1;
        }
    }
    fclose(f);
    mlm_error err = MLM_ERROR_INIT;
    if (schema_file[0]) {
        json_error_t je;
        json_t *j = json_load_file(schema_file, 0, &je);
        s->custom = j ? mlm_schema_compile(NULL, j, NULL, NULL, &err) : NULL;
        json_decref(j);
        if (!s->custom) {
            fprintf(stderr, "FAIL %s: cannot compile %s\n", path, schema_file);
            return 1;
        }
    }
    if (schema_dir[0]) {
        mlm_stac_options so = MLM_STAC_OPTIONS_INIT;
        so.flags = flags;
        s->stac = mlm_stac_validator_new(&so, &err);
        if (!s->stac || mlm_stac_validator_add_dir(s->stac, schema_dir, &err) != MLM_OK) {
            fprintf(stderr, "FAIL %s: %s\n", path, err.text);
            return 1;
        }
    }
    return 0;
}

static void free_settings(settings *s)
{
    mlm_stac_validator_free(s->stac);
    mlm_schema_free(s->custom);
}

static int has_prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static void print_diags(const mlm_diagnostics *d)
{
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++) {
        const mlm_diagnostic *x = mlm_diagnostics_get(d, i);
        fprintf(stderr, "      %d:%d %s[%s] %s (at %s)\n", x->line, x->column,
                mlm_severity_name(x->severity), x->rule_id, x->message, x->pointer);
    }
}

/* Returns the number of failures for one fixture file. */
static int check_file(const char *path, const char *id, int expect_rule, const settings *set)
{
    mlm_error err = MLM_ERROR_INIT;
    mlm_parse_options po = MLM_PARSE_OPTIONS_INIT;
    if (set->custom)
        po.flags |= MLM_PARSE_ANY_ROOT;
    mlm_document *doc = mlm_parse_file(path, &po, &err);
    if (!doc) {
        fprintf(stderr, "FAIL %s: cannot parse: %s\n", path, err.text);
        return 1;
    }
    mlm_validate_options vo = MLM_VALIDATE_OPTIONS_INIT;
    vo.stac = set->stac;
    vo.schema = set->custom;
    mlm_diagnostics *d = mlm_validate(doc, &vo, &err);
    int failures = 0;
    if (!d) {
        fprintf(stderr, "FAIL %s: validation did not run: %s\n", path, err.text);
        mlm_document_free(doc);
        return 1;
    }
    int seen = 0;
    for (size_t i = 0; i < mlm_diagnostics_count(d); i++)
        if (strcmp(mlm_diagnostics_get(d, i)->rule_id, id) == 0)
            seen = 1;
    if (expect_rule && !seen) {
        fprintf(stderr, "FAIL %s: expected a %s diagnostic; got:\n", path, id);
        print_diags(d);
        failures++;
    } else if (!expect_rule && seen) {
        fprintf(stderr, "FAIL %s: expected no %s diagnostic; got:\n", path, id);
        print_diags(d);
        failures++;
    } else if (!expect_rule && mlm_diagnostics_count_severity(d, MLM_SEVERITY_ERROR) > 0) {
        fprintf(stderr, "FAIL %s: a valid-* fixture must have no errors; got:\n", path);
        print_diags(d);
        failures++;
    } else {
        printf("ok   %s\n", path);
    }
    mlm_diagnostics_free(d);
    mlm_document_free(doc);
    return failures;
}

/* Check one rule's folder; counts valid and invalid cases. */
static int check_rule(const char *root, const char *id, int *n_valid, int *n_invalid)
{
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/%s", root, id);
    DIR *dh = opendir(dir);
    *n_valid = *n_invalid = 0;
    if (!dh)
        return 0;
    settings set;
    int failures = load_settings(dir, &set);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (!has_suffix(e->d_name, ".json"))
            continue;
        char path[8192];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (has_prefix(e->d_name, "invalid-")) {
            (*n_invalid)++;
            failures += check_file(path, id, 1, &set);
        } else if (has_prefix(e->d_name, "valid-")) {
            (*n_valid)++;
            failures += check_file(path, id, 0, &set);
        }
    }
    closedir(dh);
    free_settings(&set);
    return failures;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--all") == 0) {
        int failures = 0;
        for (size_t i = 0; i < mlm_rule_count(); i++) {
            const mlm_rule_info *r = mlm_rule_at(i);
            int nv, ni;
            char dir[4096];
            snprintf(dir, sizeof(dir), "%s/%s", argv[2], r->id);
            DIR *dh = opendir(dir);
            if (!dh) {
                fprintf(stderr, "FAIL %s (%s): no fixture folder %s\n", r->id, r->name, dir);
                failures++;
                continue;
            }
            closedir(dh);
            failures += check_rule(argv[2], r->id, &nv, &ni);
            if (nv == 0 || ni == 0) {
                fprintf(stderr, "FAIL %s (%s): needs at least one valid-*.json and one "
                        "invalid-*.json fixture (has %d valid, %d invalid)\n",
                        r->id, r->name, nv, ni);
                failures++;
            }
        }
        DIR *dh = opendir(argv[2]);
        struct dirent *e;
        while (dh && (e = readdir(dh)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            if (!mlm_rule_find(e->d_name)) {
                fprintf(stderr, "FAIL fixture folder %s names no registered rule\n", e->d_name);
                failures++;
            }
        }
        if (dh)
            closedir(dh);
        printf("%zu rules, %d failures\n", mlm_rule_count(), failures);
        return failures ? 1 : 0;
    }
    if (argc == 3) {
        int nv, ni;
        if (!mlm_rule_find(argv[2])) {
            fprintf(stderr, "unknown rule %s\n", argv[2]);
            return 1;
        }
        int failures = check_rule(argv[1], argv[2], &nv, &ni);
        return failures ? 1 : 0;
    }
    fprintf(stderr, "usage: rules_fixture_check --all DIR | DIR ID\n");
    return 2;
}
