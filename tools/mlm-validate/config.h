/* mlm-validate: rule configuration (noise tuning). A project file
 * (.mlm-validate.json, or --config FILE) and the --disable / --severity
 * flags become one severity table for mlm_validate(): the file's entries
 * first, then the command line's, so that the command line wins.
 *
 * The file is a JSON object with the optional keys
 *   "$schema"  : a string (for editors; not used)
 *   "disable"  : an array of rule ids or names, e.g. ["MLM319"]
 *   "severity" : an object from rule id or name to "error", "warning",
 *                "info" or "off", e.g. {"MLM320": "info"}
 * and nothing else (schemas/mlm-validate-config.schema.json).
 *
 * This file knows nothing of the rest of the tool, so that the fuzz
 * harness (fuzz/fuzz_config.c) can build it alone. */
#ifndef MLM_CLI_CONFIG_H
#define MLM_CLI_CONFIG_H

#include <jansson.h>
#include <stddef.h>

#include "mlm.h"

/* The file name looked for from the working directory upward. */
#define CLI_CONFIG_NAME ".mlm-validate.json"
/* Project files larger than this are refused. */
#define CLI_CONFIG_MAX_BYTES (1024 * 1024)

typedef struct cli_config {
    char *file;               /* the project file read, or NULL (owned) */
    mlm_rule_severity *table; /* in order; rule ids are the registry's static strings */
    size_t n, cap;
} cli_config;

/* "error", "warning", "info" or "off" (MLM_SEVERITY_NONE). Returns 0, or -1. */
int cli_config_severity_parse(const char *s, mlm_severity *out);
/* The name of a table severity: "off" for MLM_SEVERITY_NONE. */
const char *cli_config_severity_name(mlm_severity s);

/* Append one setting. @p rule is an id or a name. On error returns -1 and
 * sets *msg to a heap sentence (free()) that starts with @p origin. */
int cli_config_add(cli_config *c, const char *rule, mlm_severity sev, const char *origin,
                   char **msg);

/* Parse a project file's text (@p len bytes; @p name for messages) and
 * append its settings. Returns 0, or -1 with *msg set as above. */
int cli_config_parse(cli_config *c, const char *text, size_t len, const char *name, char **msg);

/* Read and parse the file @p path (and remember it as c->file). Returns 0,
 * or -1 with *msg set. */
int cli_config_load(cli_config *c, const char *path, char **msg);

/* The path of the nearest .mlm-validate.json in the working directory or one
 * of its parents, up to the filesystem root, or NULL (heap string). */
char *cli_config_find(void);
/* The same, from the folder @p dir upward (the language server looks from
 * each document's folder). */
char *cli_config_find_from(const char *dir);

/* The final setting of rule @p id (a registry id): returns 1 and sets *sev
 * when the configuration changes it (the last entry wins), else 0. */
int cli_config_final(const cli_config *c, const char *id, mlm_severity *sev);

/* The active configuration as JSON: {"file": PATH or null, "disabled":
 * [ids], "severity": {id: severity}}, each rule with its final setting, in
 * registry order. New reference, or NULL when out of memory. */
json_t *cli_config_json(const cli_config *c);

void cli_config_free(cli_config *c);

#endif
