/* mlm_validate(): version rules, then the rules of the document's version. */
#include <stdio.h>
#include <string.h>

#include "diag_private.h"
#include "document_private.h"
#include "facts.h"
#include "mlm/validate.h"
#include "rules/rules.h"
#include "stac_private.h"

/* Why mlmp_spec_infer() chose v. */
static const char *inferred_because(mlm_spec_version v)
{
    if (v == MLM_SPEC_DRAFT)
        return "the nested mlm:architecture / mlm:runtime layout is the January 2024 draft's";
    if (v == MLM_SPEC_1_3_0)
        return "an input uses norm_type / norm_by_channel / norm_clip / statistics, which only "
               "v1.0.0 to v1.3.0 define";
    return "no field has the layout of an older version";
}

/* Whether the root object is a STAC object: an Item ("type": "Feature"), Collection or
 * Catalog with its stac_version, or an ItemCollection ("FeatureCollection", whose
 * stac_version the STAC API makes optional). Issue 17.1: stac_extensions or stac_version
 * alone do not make one, nor does a GeoJSON Feature. */
static bool is_stac(const mlmp_ctx *c)
{
    const char *t = json_string_value(json_object_get(c->root, "type"));
    if (t && strcmp(t, "FeatureCollection") == 0)
        return true;
    return c->doc->stac_type != MLM_STAC_UNKNOWN && json_object_get(c->root, "stac_version");
}

/* MLM008: why the root object is not a STAC object, and what to do. */
static void not_stac_rule(mlmp_ctx *c)
{
    const json_t *type = json_object_get(c->root, "type");
    const char *t = json_string_value(type);
    if (json_object_get(c->root, "mlm_input") || json_object_get(c->root, "mlm_architecture")) {
        mlmp_report(c, "MLM008",
                    "this looks like the stac-model package's dump of the draft fields "
                    "(mlm_input, mlm_architecture, ...): put them, as mlm:input, "
                    "mlm:architecture, ..., into the properties of a STAC Item",
                    "not a STAC object: it has no \"type\" of a STAC Item, Collection or "
                    "Catalog, so nothing in it can be validated");
    } else if (!type) {
        mlmp_report(c, "MLM008",
                    "give the object \"type\": \"Feature\" (an Item), \"Collection\" or "
                    "\"Catalog\", and its \"stac_version\"",
                    "not a STAC object: it has no \"type\", so it is not a STAC Item, "
                    "Collection, Catalog or ItemCollection%s, and its fields were not checked",
                    json_object_get(c->root, "stac_extensions") ||
                            json_object_get(c->root, "stac_version")
                        ? " (\"stac_extensions\" and \"stac_version\" do not make one)"
                        : "");
    } else if (!t || c->doc->stac_type == MLM_STAC_UNKNOWN) {
        mlmp_path_push_key(c, "type");
        mlmp_report(c, "MLM008",
                    "write \"Feature\" (an Item), \"Collection\", \"Catalog\" or "
                    "\"FeatureCollection\" (an ItemCollection)",
                    "not a STAC object: \"type\" is %s%s%s, not that of a STAC Item, "
                    "Collection, Catalog or ItemCollection, so its fields were not checked",
                    t ? "\"" : "", t ? t : "not a string", t ? "\"" : "");
        mlmp_path_pop(c);
    } else {
        mlmp_report(
            c, "MLM008", "add \"stac_version\" (e.g. \"1.1.0\")",
            "not a STAC object: it has \"type\": \"%s\" but no \"stac_version\", "
            "which every STAC object states%s",
            t, strcmp(t, "Feature") == 0 ? " (without it, it is a plain GeoJSON Feature)" : "");
    }
}

/* MLM006: the Deep Learning Model extension, by its URL, its short id or its
 * dlm: fields. One rule and one severity whichever sign is seen. */
static void predecessor_rule(mlmp_ctx *c)
{
    const mlmp_spec_scan *s = &c->doc->scan;
    bool fields = s->has_dlm_fields && c->doc->spec == MLM_SPEC_UNKNOWN && !s->moving_url;
    if (!s->predecessor_url && !fields)
        return;
    char hint[256];
    snprintf(hint, sizeof(hint),
             "libmlm does not validate dl-model; to have the model checked, migrate it to MLM "
             "with mlm-migrate (it maps the dlm: fields to their mlm: counterparts and lists %s)",
             mlm_spec_version_url(MLMP_SPEC_LATEST));
    if (s->predecessor_url) {
        mlmp_path_push_key(c, "stac_extensions");
        mlmp_report_index(c, s->predecessor_index, "MLM006", hint,
                          "\"%s\" identifies the Deep Learning Model extension (dl-model), the "
                          "predecessor of MLM: its fields are not checked",
                          s->predecessor_url);
        mlmp_path_pop(c);
    } else {
        mlmp_report(c, "MLM006", hint,
                    "the document has dlm: fields of the Deep Learning Model extension "
                    "(dl-model), the predecessor of MLM: they are not checked");
    }
}

/* Validate against v although no published MLM identifier is listed (the rules
 * that ask for the identifier leave it to the version rules). False when there
 * is no version to assume. */
static bool assume_version(mlmp_ctx *c, mlm_spec_version v, const char *why)
{
    if (v == MLM_SPEC_UNKNOWN)
        return false;
    c->assumed_why = why;
    c->spec = v;
    c->inferred = true;
    return true;
}

/* The fix of an entry of stac_extensions that is no published MLM
 * identifier: replaced by url, or removed when url is NULL. The current
 * pointer is that of stac_extensions. */
static void fix_extension(mlmp_ctx *c, size_t index, const char *url, bool safe)
{
    const json_t *old = json_array_get(json_object_get(c->root, "stac_extensions"), index);
    if (!json_is_string(old) || !c->reported)
        return;
    char key[32];
    snprintf(key, sizeof(key), "%zu", index);
    if (url) {
        mlmp_fix_replace_string(c, key, json_string_value(old), url, safe);
        return;
    }
    mlmp_fix_remove(c, key, safe);
}

#define MOVING_TEXT                                                                                \
    "\"%s\" names a branch of the MLM repository, whose schema changed over time (it "             \
    "served dl-model, then each MLM release), so it names no version; "

/* What shows that the document uses the ml-model extension (a different
 * extension from MLM, whose draft was published under an ml-model path): an
 * entry of stac_extensions that is another extension with an "ml-model"
 * path segment or short name, or an "ml-model:" field in the properties.
 * NULL when there is none. Borrowed from the JSON or static. */
static const char *ml_model_sign(const mlmp_ctx *c)
{
    const json_t *exts = json_object_get(c->root, "stac_extensions");
    for (size_t i = 0; i < json_array_size(exts); i++) {
        const char *u = json_string_value(json_array_get(exts, i));
        if (!u || mlmp_url_classify(u).kind != MLMP_UCLASS_OTHER)
            continue;
        if (strcmp(u, "ml-model") == 0 || strstr(u, "/ml-model/"))
            return u;
    }
    const json_t *props = json_object_get(c->root, "properties");
    const char *k;
    const json_t *v;
    mlmp_object_foreach (props, k, v) {
        (void)v;
        if (strncmp(k, "ml-model:", 9) == 0)
            return "its ml-model: fields";
    }
    return NULL;
}

/* MLM002: stac_extensions lists several MLM versions. */
static void conflict_rule(mlmp_ctx *c, const mlmp_spec_scan *s)
{
    char list[128] = "";
    size_t used = 0;
    for (unsigned v = 0; v < 32 && used < sizeof(list); v++)
        if (s->listed & (1u << v)) {
            int w = snprintf(list + used, sizeof(list) - used, "%s%s", used ? " and " : "",
                             mlm_spec_version_name((mlm_spec_version)v));
            used += w > 0 ? (size_t)w : 0;
        }
    mlmp_path_push_key(c, "stac_extensions");
    mlmp_report_index(c, s->conflict_index, "MLM002",
                      "keep only the URL of the version the fields follow",
                      "stac_extensions lists MLM %s; the document is checked against each "
                      "of them, as a schema validator applies every schema listed",
                      list);
    mlmp_path_pop(c);
}

/* MLM001: a URL that looks like MLM's but is no published identifier.
 * Returns the version it names (MLM_SPEC_UNKNOWN when none). */
static mlm_spec_version unknown_url_rule(mlmp_ctx *c, const mlmp_spec_scan *s, bool declared)
{
    const mlm_document *doc = c->doc;
    mlmp_path_push_key(c, "stac_extensions");
    mlm_spec_version near = s->unknown_near;
    const char *near_url = mlm_spec_version_url(near);
    char hint[256];
    if (near_url)
        snprintf(hint, sizeof(hint), "write the published identifier %s", near_url);
    else
        snprintf(hint, sizeof(hint), "use %s, or pass --mlm-version",
                 mlm_spec_version_url(MLMP_SPEC_LATEST));
    if (declared) {
        mlmp_report_index(c, s->unknown_index, "MLM001", "remove it",
                          "\"%s\" is not the schema URL of any published MLM version; "
                          "validating against MLM %s, also listed",
                          s->unknown_url, mlm_spec_version_name(doc->spec));
        /* Safe when it is a variant of the version listed (a duplicate). */
        fix_extension(c, s->unknown_index, NULL, near == doc->spec);
    } else if (near != MLM_SPEC_UNKNOWN) {
        mlmp_report_index(c, s->unknown_index, "MLM001", hint,
                          "\"%s\" is not the published identifier of MLM %s (schema "
                          "validators compare identifiers exactly, so none applies the MLM "
                          "schema); the fields are checked against MLM %s, the version "
                          "it names",
                          s->unknown_url, mlm_spec_version_name(near), mlm_spec_version_name(near));
        /* http, a slash, the case, a mirror: the version is named. */
        fix_extension(c, s->unknown_index, near_url, true);
    } else
        mlmp_report_index(c, s->unknown_index, "MLM001", hint,
                          "\"%s\" is not the schema URL of any published MLM version "
                          "(supported: %s)",
                          s->unknown_url, mlm_spec_versions_supported());
    mlmp_path_pop(c);
    return near;
}

/* MLM007: a moving-branch URL (main, latest) in place of a version. */
static void moving_url_rule(mlmp_ctx *c, const mlmp_spec_scan *s, bool declared,
                            mlm_spec_version guess)
{
    const mlm_document *doc = c->doc;
    char list_hint[200], dlm_hint[160];
    snprintf(list_hint, sizeof(list_hint),
             "list the identifier of the version the fields follow (e.g. %s)",
             mlm_spec_version_url(MLMP_SPEC_LATEST));
    snprintf(dlm_hint, sizeof(dlm_hint),
             "list the dl-model identifier, or migrate the dlm: fields to MLM v%s "
             "(mlm-migrate)",
             mlm_spec_version_name(MLMP_SPEC_LATEST));
    mlmp_path_push_key(c, "stac_extensions");
    if (declared) {
        mlmp_report_index(c, s->moving_index, "MLM007", "remove it",
                          MOVING_TEXT "validating against MLM %s, also listed", s->moving_url,
                          mlm_spec_version_name(doc->spec));
        fix_extension(c, s->moving_index, NULL, true);
    } else if (guess != MLM_SPEC_UNKNOWN) {
        mlmp_report_index(c, s->moving_index, "MLM007", list_hint,
                          MOVING_TEXT "the fields are checked against MLM %s, assumed "
                                      "because %s",
                          s->moving_url, mlm_spec_version_name(guess), inferred_because(guess));
        /* The version the fields have, in place of the branch. */
        fix_extension(c, s->moving_index, mlm_spec_version_url(guess), true);
    } else
        mlmp_report_index(c, s->moving_index, "MLM007",
                          s->has_dlm_fields ? dlm_hint
                                            : "list the identifier of the MLM version you follow",
                          MOVING_TEXT "%s", s->moving_url,
                          s->has_dlm_fields ? "the dlm: fields are those of dl-model, which libmlm "
                                              "does not validate"
                                            : "there are no mlm: fields to tell the version from");
    mlmp_path_pop(c);
}

/* No usable identifier: the draft's shape (MLM004), mlm: fields without
 * the URL (MLM005), or no MLM at all (MLM003). Whether rules can run. */
static bool undeclared_rules(mlmp_ctx *c, const mlmp_spec_scan *s, mlm_spec_version guess)
{
    const mlm_document *doc = c->doc;
    if (doc->spec != MLM_SPEC_UNKNOWN) {
        char draft_hint[256] = "";
        if (doc->origin == MLM_SPEC_ORIGIN_SHAPE)
            snprintf(draft_hint, sizeof(draft_hint),
                     "migrate the fields to MLM v%s (mlm-migrate --to %s), which lists its "
                     "identifier; the draft's announced identifier was never published as a "
                     "schema, so no schema validator can check the draft",
                     mlm_spec_version_name(MLMP_SPEC_LATEST),
                     mlm_spec_version_name(MLMP_SPEC_LATEST));
        if (doc->origin == MLM_SPEC_ORIGIN_SHAPE)
            mlmp_report(c, "MLM004", draft_hint,
                        "the document has mlm: fields but no MLM schema URL in "
                        "stac_extensions; the nested mlm:architecture / mlm:runtime layout is "
                        "the January 2024 draft, so the fields are checked against the draft");
        return true;
    }
    if (s->has_mlm_fields) {
        char hint[200];
        snprintf(hint, sizeof(hint),
                 "add %s (or the URL of the version you follow) to "
                 "stac_extensions",
                 mlm_spec_version_url(guess));
        mlmp_report(c, "MLM005", hint,
                    "the document has mlm: fields but stac_extensions lists no MLM schema URL, "
                    "as STAC requires of every extension used; the fields are checked against "
                    "MLM %s, assumed because %s",
                    mlm_spec_version_name(guess), inferred_because(guess));
        if (mlm_spec_version_url(guess)) {
            char desc[200];
            snprintf(desc, sizeof(desc), "Add \"%s\" to stac_extensions.",
                     mlm_spec_version_url(guess));
            /* Unsafe: the version is a guess from the fields' layout. */
            mlmp_fix_append_string(c, "stac_extensions", mlm_spec_version_url(guess), false, desc);
        }
        return assume_version(c, guess, inferred_because(guess));
    }
    if (!is_stac(c) || doc->stac_type == MLM_STAC_CATALOG ||
        (s->predecessor_url || s->has_dlm_fields))
        ; /* said already; a Catalog only links to other documents */
    else if (ml_model_sign(c))
        /* Another extension: telling it to add the MLM URL would be wrong. */
        mlmp_report(c, "MLM003", NULL,
                    "not an MLM document: it uses the ml-model extension (%s), a different "
                    "extension that libmlm does not validate, and has no mlm: fields, so no "
                    "MLM rule applies",
                    ml_model_sign(c));
    else
        mlmp_report(c, "MLM003",
                    "add the MLM schema URL of your version to stac_extensions, or pass "
                    "--mlm-version",
                    "not an MLM document: stac_extensions lists no MLM schema URL and "
                    "there are no mlm: fields, so no MLM rule applies (supported versions: %s)",
                    mlm_spec_versions_supported());
    return false;
}

/* Report what version detection found (MLM001..MLM008). Returns whether a
 * version is known or assumed (c->spec), so that its rules can run. */
static bool version_rules(mlmp_ctx *c)
{
    const mlm_document *doc = c->doc;
    const mlmp_spec_scan *s = &doc->scan;
    if (doc->origin == MLM_SPEC_ORIGIN_FORCED)
        return true;
    if (!is_stac(c))
        not_stac_rule(c);
    predecessor_rule(c);
    if (s->conflict)
        conflict_rule(c, s);
    bool declared = doc->spec != MLM_SPEC_UNKNOWN && doc->origin != MLM_SPEC_ORIGIN_SHAPE;
    mlm_spec_version guess = mlmp_spec_infer(s);
    if (s->unknown_url) {
        mlm_spec_version near = unknown_url_rule(c, s, declared);
        if (!declared)
            return assume_version(c, near, "stac_extensions lists a variant of its identifier");
    }
    if (s->moving_url) {
        moving_url_rule(c, s, declared, guess);
        if (!declared)
            return assume_version(c, guess, inferred_because(guess));
    }
    return undeclared_rules(c, s, guess);
}

/* The structure and field rules of c->spec. */
static void version_rules_of(mlmp_ctx *c)
{
    if (c->spec == MLM_SPEC_DRAFT)
        mlmp_rules_draft(c);
    else
        mlmp_rules_v1(c);
}

/* Tell the diagnostics which version the rules assumed, and why. */
static void record_version(mlmp_ctx *c)
{
    const mlm_document *doc = c->doc;
    const char *how = "declared", *why = "stac_extensions lists its identifier";
    if (doc->origin == MLM_SPEC_ORIGIN_FORCED) {
        how = "forced";
        why = "the caller asked for it (--mlm-version)";
    } else if (c->inferred) {
        how = "inferred";
        why = c->assumed_why ? c->assumed_why : "no MLM identifier is listed";
    } else if (doc->origin == MLM_SPEC_ORIGIN_SHAPE) {
        how = "inferred";
        why = inferred_because(MLM_SPEC_DRAFT);
    } else if (doc->scan.conflict) {
        why = "stac_extensions lists its identifier (the newest of the versions listed)";
    }
    mlmp_diags_set_version(c->out, c->spec, how, why);
}

void mlmp_rules_run(mlmp_ctx *c)
{
    if (!version_rules(c))
        return;
    record_version(c);
    const mlmp_spec_scan *s = &c->doc->scan;
    if (s->conflict && c->doc->origin == MLM_SPEC_ORIGIN_EXTENSION) {
        /* Several versions listed: every one of their schemas applies, so every
         * version's rules do; the spec-text warnings are those of the newest. */
        mlm_spec_version newest = c->spec;
        for (unsigned v = 0; v < 32; v++)
            if ((s->listed & (1u << v)) && v != (unsigned)newest) {
                c->spec = (mlm_spec_version)v;
                version_rules_of(c);
            }
        c->spec = newest;
    }
    version_rules_of(c);
    if (c->spec != MLM_SPEC_DRAFT && !(c->flags & MLM_VALIDATE_NO_WARNINGS))
        mlmp_rules_v1_spec(c);
}

mlm_diagnostics *mlm_validate(const mlm_document *doc, const mlm_validate_options *opts,
                              mlm_error *err)
{
    if (!doc) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "NULL document");
        return NULL;
    }
    if (MLMP_OPTIONS_CHECK(opts, VALIDATE_OPTIONS, mlm_validate_options, "mlm_validate",
                           doc->source, err) != MLM_OK) {
        return NULL;
    }
    mlmp_ctx c;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.root = doc->root;
    c.spec = doc->spec;
    c.flags = opts ? opts->flags : 0;
    c.out = mlmp_diags_new();
    if (c.out && doc->prefix)
        mlmp_strbuf_puts(&c.path, doc->prefix); /* a child reports the parent's pointers */
    if (!c.out) {
        mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory");
        return NULL;
    }
    int rc = MLM_OK;
    if (opts && opts->version >= 2 && opts->schema) {
        rc = mlmp_schema_run(opts->schema, &c, "MLM015", NULL, err);
    } else {
        if (opts && opts->version >= 2 && opts->stac)
            rc = mlmp_stac_run(opts->stac, &c, err);
        if (rc == MLM_OK)
            mlmp_rules_run(&c);
    }
    mlmp_strbuf_free(&c.path);
    mlmp_free(c.marks);
    if (rc != MLM_OK) {
        mlm_diagnostics_free(c.out);
        return NULL;
    }
    if (c.oom) {
        mlm_diagnostics_free(c.out);
        mlmp_error_set(err, MLM_ERR_NOMEM, doc->source, "out of memory during validation");
        return NULL;
    }
    if (opts && opts->version >= 3 &&
        mlmp_diags_apply_severities(c.out, opts->severities, opts->n_severities, err) != MLM_OK) {
        mlm_diagnostics_free(c.out);
        return NULL;
    }
    mlmp_diags_merge(c.out);
    if (!(c.flags & MLM_VALIDATE_NO_POSITIONS))
        mlmp_diags_locate_and_sort_lines(c.out, doc, (c.flags & MLM_VALIDATE_SOURCE_LINES) != 0);
    mlmp_diags_fix_edits(c.out, doc);
    return c.out;
}
