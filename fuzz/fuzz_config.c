/*
 * Fuzz target: mlm-validate's project configuration parser
 * (tools/mlm-validate/config.c) on arbitrary bytes. Whatever the input, the
 * parser either succeeds with a table of known rules and severities, or fails
 * with a message; it never crashes, leaks or loops.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cli_config c;
    memset(&c, 0, sizeof(c));
    char *msg = NULL;
    int rc = cli_config_parse(&c, (const char *)data, size, "fuzz.json", &msg);
    if (rc == 0) {
        for (size_t i = 0; i < c.n; i++)
            if (!mlm_rule_find(c.table[i].rule_id) || c.table[i].severity > MLM_SEVERITY_ERROR)
                abort(); /* only known rules and real severities get through */
        json_t *j = cli_config_json(&c);
        json_decref(j);
    } else if (!msg || strncmp(msg, "fuzz.json", 9) != 0) {
        abort(); /* every failure has a message naming the file */
    }
    free(msg);
    cli_config_free(&c);
    return 0;
}
