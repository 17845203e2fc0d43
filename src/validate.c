/* mlm_validate(): version rules, then the rules of the document's version. */
#include <string.h>

#include "diag_private.h"
#include "document_private.h"
#include "mlm/validate.h"
#include "rules/rules.h"
#include "stac_private.h"

static bool is_predecessor(const char *url)
{
    return strstr(url, "dl-model") || strstr(url, "dlm-extension");
}

/* Report what version detection found (MLM001..MLM005). Returns whether a
 * version is known, so that its rules can run. */
static bool version_rules(mlmp_ctx *c)
{
    const mlm_document *doc = c->doc;
    const mlmp_spec_scan *s = &doc->scan;
    if (doc->origin == MLM_SPEC_ORIGIN_FORCED)
        return true;
    if (s->conflict) {
        mlmp_path_push_key(c, "stac_extensions");
        mlmp_report_index(c, s->conflict_index, "MLM002",
                          "keep only the URL of the version the fields follow",
                          "stac_extensions lists MLM %s and MLM %s; validating against %s",
                          mlm_spec_version_name(mlmp_spec_from_url(s->conflict_url)),
                          mlm_spec_version_name(s->spec), mlm_spec_version_name(s->spec));
        mlmp_path_pop(c);
    }
    if (s->unknown_url) {
        mlmp_path_push_key(c, "stac_extensions");
        if (doc->spec == MLM_SPEC_UNKNOWN && is_predecessor(s->unknown_url))
            mlmp_report_index(c, s->unknown_index, "MLM001",
                              "migrate the dlm: fields to MLM v1.5.2 "
                              "(https://stac-extensions.github.io/mlm/v1.5.2/schema.json)",
                              "\"%s\" is the Deep Learning Model (dl-model) extension, the "
                              "predecessor of MLM, which libmlm does not validate (supported: %s)",
                              s->unknown_url, mlm_spec_versions_supported());
        else if (doc->spec == MLM_SPEC_UNKNOWN)
            mlmp_report_index(c, s->unknown_index, "MLM001",
                              "use https://stac-extensions.github.io/mlm/v1.5.2/schema.json, "
                              "or pass --mlm-version",
                              "\"%s\" is not the schema URL of any published MLM version "
                              "(supported: %s)",
                              s->unknown_url, mlm_spec_versions_supported());
        else
            mlmp_report_index(c, s->unknown_index, "MLM001", "remove it",
                              "\"%s\" is not the schema URL of any published MLM version; "
                              "validating against MLM %s, also listed",
                              s->unknown_url, mlm_spec_version_name(doc->spec));
        mlmp_path_pop(c);
    }
    if (doc->spec != MLM_SPEC_UNKNOWN) {
        if (doc->origin == MLM_SPEC_ORIGIN_SHAPE)
            mlmp_report(c, "MLM004",
                        "list https://schemas.stacspec.org/2.0.0.alpha.0/extensions/ml-model/"
                        "json-schema/schema.json in stac_extensions, or migrate to MLM v1.5.2",
                        "no MLM schema URL in stac_extensions; the nested mlm:architecture / "
                        "mlm:runtime layout is the January 2024 draft, so the document is "
                        "validated as the draft");
        return true;
    }
    if (s->unknown_url)
        return false;
    if (s->has_mlm_fields)
        mlmp_report(c, "MLM005",
                    "add https://stac-extensions.github.io/mlm/v1.5.2/schema.json (or the "
                    "version you follow) to stac_extensions",
                    "the document has mlm: fields but stac_extensions lists no MLM schema URL, "
                    "so no MLM rules were applied (supported versions: %s)",
                    mlm_spec_versions_supported());
    else if (doc->stac_type == MLM_STAC_CATALOG)
        ; /* a Catalog only links to other documents: nothing MLM to expect */
    else if (json_object_get(c->root, "mlm_input") || json_object_get(c->root, "mlm_architecture"))
        mlmp_report(c, "MLM003",
                    "this looks like the stac-model package's dump of the draft fields "
                    "(mlm_input, mlm_architecture, ...): put them, as mlm:input, "
                    "mlm:architecture, ..., into the properties of a STAC Item",
                    "not an MLM document: no stac_extensions MLM URL and no mlm: fields, so no "
                    "MLM rule applies (supported versions: %s)",
                    mlm_spec_versions_supported());
    else
        mlmp_report(c, "MLM003",
                    "add the MLM schema URL of your version to stac_extensions, or pass "
                    "--mlm-version",
                    "not an MLM document: stac_extensions lists no MLM schema URL and "
                    "there are no mlm: fields, so no MLM rule applies (supported versions: %s)",
                    mlm_spec_versions_supported());
    return false;
}

void mlmp_rules_run(mlmp_ctx *c)
{
    if (!version_rules(c))
        return;
    if (c->spec == MLM_SPEC_DRAFT) {
        mlmp_rules_draft(c);
        return;
    }
    mlmp_rules_v1(c);
    if (!(c->flags & MLM_VALIDATE_NO_WARNINGS))
        mlmp_rules_v1_spec(c);
}

mlm_diagnostics *mlm_validate(const mlm_document *doc, const mlm_validate_options *opts,
                              mlm_error *err)
{
    if (!doc) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "NULL document");
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
    if (!(c.flags & MLM_VALIDATE_NO_POSITIONS))
        mlmp_diags_locate_and_sort_lines(c.out, doc, (c.flags & MLM_VALIDATE_SOURCE_LINES) != 0);
    return c.out;
}
