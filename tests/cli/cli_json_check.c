/*
 * cli_json_check SCHEMA FILE: every line of FILE must be a JSON object valid
 * against SCHEMA (the mlm-validate JSON report schema).
 * cli_json_check --document SCHEMA FILE: FILE is one JSON document (a SARIF
 * log) valid against SCHEMA. Uses libmlm's own JSON Schema engine.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm/schema.h"

static void print_errors(const char *where, const mlm_schema_result *res)
{
    for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
        const mlm_schema_error *e = mlm_schema_result_get(res, i);
        fprintf(stderr, "%s: %s: %s\n", where, e->instance_path, e->message);
    }
}

/* The whole file as one document. */
static int check_document(mlm_schema *schema, const char *path)
{
    json_error_t je;
    mlm_error err = MLM_ERROR_INIT;
    json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        fprintf(stderr, "%s:%d:%d: not JSON: %s\n", path, je.line, je.column, je.text);
        return 1;
    }
    mlm_schema_result *res = NULL;
    int rc = mlm_schema_validate(schema, v, 0, &res, &err) == 0 && mlm_schema_result_valid(res)
                 ? 0
                 : 1;
    if (rc) {
        fprintf(stderr, "%s: %s\n", path, err.text[0] ? err.text : "not valid");
        print_errors(path, res);
    } else {
        printf("%s: valid\n", path);
    }
    mlm_schema_result_free(res);
    json_decref(v);
    return rc;
}

int main(int argc, char **argv)
{
    bool whole = argc == 4 && strcmp(argv[1], "--document") == 0;
    if (whole) {
        argv++;
        argc--;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: cli_json_check [--document] SCHEMA FILE\n");
        return 2;
    }
    json_error_t je;
    json_t *sj = json_load_file(argv[1], 0, &je);
    if (!sj) {
        fprintf(stderr, "%s: %s\n", argv[1], je.text);
        return 2;
    }
    mlm_error err = MLM_ERROR_INIT;
    mlm_schema *schema = mlm_schema_compile(NULL, sj, NULL, NULL, &err);
    if (!schema) {
        fprintf(stderr, "%s: %s\n", argv[1], err.text);
        json_decref(sj);
        return 2;
    }
    if (whole) {
        int rc = check_document(schema, argv[2]);
        mlm_schema_free(schema);
        json_decref(sj);
        return rc;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int failures = 0, lines = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lines++;
        json_t *v = json_loadb(line, (size_t)n, 0, &je);
        if (!v) {
            fprintf(stderr, "line %d: not JSON: %s\n", lines, je.text);
            failures++;
            continue;
        }
        mlm_schema_result *res = NULL;
        if (mlm_schema_validate(schema, v, 0, &res, &err) != 0 || !mlm_schema_result_valid(res)) {
            failures++;
            for (size_t i = 0; i < mlm_schema_result_count(res); i++) {
                const mlm_schema_error *e = mlm_schema_result_get(res, i);
                fprintf(stderr, "line %d: %s: %s\n", lines, e->instance_path, e->message);
            }
        }
        mlm_schema_result_free(res);
        json_decref(v);
    }
    free(line);
    fclose(f);
    mlm_schema_free(schema);
    json_decref(sj);
    if (lines == 0) {
        fprintf(stderr, "no output lines\n");
        return 1;
    }
    printf("%d lines, %d invalid\n", lines, failures);
    return failures ? 1 : 0;
}
