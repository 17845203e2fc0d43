/*
 * rules_doc [FILE]: print docs/rules.md from the rule registry; with FILE,
 * compare with it instead and fail if they differ (the sync test).
 * Regenerate: build/tests/rules/rules_doc > docs/rules.md
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"

static void emit(FILE *o)
{
    fprintf(o, "# libmlm rules\n\n"
               "Generated from the rule registry (src/rules/rules_*.def) by "
               "`tests/rules/rules_doc`; a test keeps this file in sync. "
               "`mlm-validate --explain ID` prints one entry.\n\n"
               "| id | name | severity | summary |\n| --- | --- | --- | --- |\n");
    for (size_t i = 0; i < mlm_rule_count(); i++) {
        const mlm_rule_info *r = mlm_rule_at(i);
        fprintf(o, "| [%s](#%s) | %s | %s | %s |\n", r->id, r->id, r->name,
                mlm_severity_name(r->severity), r->summary);
    }
    for (size_t i = 0; i < mlm_rule_count(); i++) {
        const mlm_rule_info *r = mlm_rule_at(i);
        fprintf(o, "\n<a id=\"%s\"></a>\n## %s %s (%s)\n\n%s.\n\n%s\n\n", r->id, r->id, r->name,
                mlm_severity_name(r->severity), r->summary, r->description);
        fprintf(o, "Invalid:\n\n```json\n%s\n```\n\nValid:\n\n```json\n%s\n```\n",
                r->invalid_example, r->valid_example);
    }
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        emit(stdout);
        return 0;
    }
    char *got = NULL;
    size_t got_len = 0;
    FILE *mem = open_memstream(&got, &got_len);
    if (!mem)
        return 2;
    emit(mem);
    fclose(mem);
    FILE *f = fopen(argv[1], "rb");
    size_t cap = got_len + 2;
    char *want = malloc(cap);
    size_t want_len = f && want ? fread(want, 1, cap, f) : 0;
    if (f)
        fclose(f);
    int same = want && want_len == got_len && memcmp(want, got, got_len) == 0;
    if (!same)
        fprintf(stderr, "%s is out of date with the rule registry; regenerate it with\n"
                        "  build/tests/rules/rules_doc > docs/rules.md\n", argv[1]);
    free(want);
    free(got);
    return same ? 0 : 1;
}
