/* mlm-validate: the rule configuration (see config.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, getcwd: also when built alone (fuzz/) */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static int
fail(char **msg, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (*msg)
        vsnprintf(*msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return -1;
}

int cli_config_severity_parse(const char *s, mlm_severity *out)
{
    static const struct {
        const char *name;
        mlm_severity sev;
    } names[] = {{"error", MLM_SEVERITY_ERROR},
                 {"warning", MLM_SEVERITY_WARNING},
                 {"info", MLM_SEVERITY_INFO},
                 {"off", MLM_SEVERITY_NONE}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].sev;
            return 0;
        }
    return -1;
}

const char *cli_config_severity_name(mlm_severity s)
{
    return s == MLM_SEVERITY_NONE ? "off" : mlm_severity_name(s);
}

int cli_config_add(cli_config *c, const char *rule, mlm_severity sev, const char *origin,
                   char **msg)
{
    const mlm_rule_info *r = mlm_rule_find(rule);
    if (!r)
        return fail(msg, "%s: unknown rule \"%s\" (mlm-validate --list-rules lists them)", origin,
                    rule);
    if (strcmp(r->id, "MLM012") == 0)
        return fail(msg,
                    "%s: MLM012 (a schema that could not be resolved) cannot be disabled "
                    "or given another severity: it says that a document was not fully "
                    "checked; use --no-extensions or --no-core to skip schemas instead",
                    origin);
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        mlm_rule_severity *t = realloc(c->table, cap * sizeof(*t));
        if (!t)
            return fail(msg, "%s: out of memory", origin);
        c->table = t;
        c->cap = cap;
    }
    c->table[c->n].rule_id = r->id;
    c->table[c->n].severity = sev;
    c->n++;
    return 0;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: break;
    }
    return "null";
}

int cli_config_parse(cli_config *c, const char *text, size_t len, const char *name, char **msg)
{
    if (len > CLI_CONFIG_MAX_BYTES)
        return fail(msg, "%s: the file is larger than %d bytes; a configuration is a few lines",
                    name, CLI_CONFIG_MAX_BYTES);
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return fail(msg, "%s:%d:%d: not valid JSON: %s", name, je.line, je.column, je.text);
    int rc = 0;
    char origin[64];
    if (!json_is_object(root)) {
        rc = fail(msg, "%s: expected a JSON object with \"disable\" and/or \"severity\", found %s",
                  name, type_name(root));
        goto out;
    }
    const char *key;
    json_t *val;
    /* Unknown keys first: a misspelt key must not pass silently. */
    json_object_foreach (root, key, val) {
        if (strcmp(key, "$schema") != 0 && strcmp(key, "disable") != 0 &&
            strcmp(key, "severity") != 0) {
            rc = fail(msg,
                      "%s: unknown key \"%s\" (the keys are \"disable\", \"severity\" and "
                      "\"$schema\")",
                      name, key);
            goto out;
        }
    }
    json_t *schema = json_object_get(root, "$schema");
    if (schema && !json_is_string(schema)) {
        rc = fail(msg, "%s: \"$schema\" must be a string, found %s", name, type_name(schema));
        goto out;
    }
    json_t *disable = json_object_get(root, "disable");
    if (disable && !json_is_array(disable)) {
        rc = fail(msg,
                  "%s: \"disable\" must be an array of rule ids such as [\"MLM319\"], "
                  "found %s",
                  name, type_name(disable));
        goto out;
    }
    size_t i;
    json_array_foreach (disable, i, val) {
        if (!json_is_string(val)) {
            rc = fail(msg, "%s: \"disable\"[%zu] must be a rule id such as \"MLM319\", found %s",
                      name, i, type_name(val));
            goto out;
        }
        snprintf(origin, sizeof(origin), "\"disable\"[%zu]", i);
        char *inner = NULL;
        if (cli_config_add(c, json_string_value(val), MLM_SEVERITY_NONE, origin, &inner) != 0) {
            rc = fail(msg, "%s: %s", name, inner ? inner : "out of memory");
            free(inner);
            goto out;
        }
    }
    json_t *sev = json_object_get(root, "severity");
    if (sev && !json_is_object(sev)) {
        rc = fail(msg,
                  "%s: \"severity\" must be an object such as {\"MLM320\": \"info\"}, "
                  "found %s",
                  name, type_name(sev));
        goto out;
    }
    json_object_foreach (sev, key, val) {
        mlm_severity s;
        if (!json_is_string(val) || cli_config_severity_parse(json_string_value(val), &s) != 0) {
            rc = fail(msg,
                      "%s: \"severity\".\"%s\": expected \"error\", \"warning\", \"info\" "
                      "or \"off\", found %s%s%s",
                      name, key, json_is_string(val) ? "\"" : type_name(val),
                      json_is_string(val) ? json_string_value(val) : "",
                      json_is_string(val) ? "\"" : "");
            goto out;
        }
        char *inner = NULL;
        if (cli_config_add(c, key, s, "\"severity\"", &inner) != 0) {
            rc = fail(msg, "%s: %s", name, inner ? inner : "out of memory");
            free(inner);
            goto out;
        }
    }
out:
    json_decref(root);
    return rc;
}

int cli_config_load(cli_config *c, const char *path, char **msg)
{
    /* The library's file reader; "-" names a file here, not standard input. */
    char *buf = NULL;
    size_t len = 0;
    mlm_error e = MLM_ERROR_INIT;
    int r =
        mlm_read_file(strcmp(path, "-") == 0 ? "./-" : path, CLI_CONFIG_MAX_BYTES, &buf, &len, &e);
    int rc;
    if (r == MLM_ERR_TOO_LARGE)
        rc = cli_config_parse(c, NULL, CLI_CONFIG_MAX_BYTES + 1, path, msg); /* says it */
    else if (r == MLM_ERR_NOMEM)
        rc = fail(msg, "%s: out of memory", path);
    else if (r != MLM_OK)
        rc = fail(msg, "%s: %s (the configuration file)", path, e.text);
    else
        rc = cli_config_parse(c, buf, len, path, msg);
    mlm_free(buf);
    if (rc == 0) {
        free(c->file);
        c->file = strdup(path);
        if (!c->file)
            return fail(msg, "%s: out of memory", path);
    }
    return rc;
}

char *cli_config_find(void)
{
    char *cwd = getcwd(NULL, 0);
    char *found = cwd ? cli_config_find_from(cwd) : NULL;
    free(cwd);
    return found;
}

char *cli_config_find_from(const char *start)
{
    char *dir = strdup(start);
    if (!dir)
        return NULL;
    for (;;) {
        size_t n = strlen(dir);
        char *path = malloc(n + sizeof(CLI_CONFIG_NAME) + 1);
        if (!path)
            break;
        snprintf(path, n + sizeof(CLI_CONFIG_NAME) + 1, "%s%s" CLI_CONFIG_NAME, dir,
                 n && dir[n - 1] == '/' ? "" : "/");
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            free(dir);
            return path;
        }
        free(path);
        char *slash = strrchr(dir, '/');
        if (!slash || n <= 1)
            break; /* the filesystem root was searched */
        slash[slash == dir ? 1 : 0] = '\0';
    }
    free(dir);
    return NULL;
}

int cli_config_final(const cli_config *c, const char *id, mlm_severity *sev)
{
    int found = 0;
    for (size_t k = 0; k < c->n; k++)
        if (strcmp(c->table[k].rule_id, id) == 0) {
            *sev = c->table[k].severity;
            found = 1;
        }
    return found;
}

json_t *cli_config_json(const cli_config *c)
{
    json_t *obj = json_object(), *disabled = json_array(), *sev = json_object();
    if (!obj || !disabled || !sev) {
        json_decref(obj);
        json_decref(disabled);
        json_decref(sev);
        return NULL;
    }
    for (size_t i = 0; i < mlm_rule_count(); i++) {
        const char *id = mlm_rule_at(i)->id;
        mlm_severity s;
        if (!cli_config_final(c, id, &s))
            continue;
        if (s == MLM_SEVERITY_NONE)
            json_array_append_new(disabled, json_string(id));
        else
            json_object_set_new(sev, id, json_string(cli_config_severity_name(s)));
    }
    json_object_set_new(obj, "file", c->file ? json_string(c->file) : json_null());
    json_object_set_new(obj, "disabled", disabled);
    json_object_set_new(obj, "severity", sev);
    return obj;
}

void cli_config_free(cli_config *c)
{
    free(c->file);
    free(c->table);
    memset(c, 0, sizeof(*c));
}
