/* Migration of MLM metadata to a later release (mlm/migrate.h): the driver.
 *
 * Works on the json_t of the document in place, one release step at a time
 * (draft -> 1.0.0 -> 1.1.0 -> ... -> target) through the step table; each
 * step lives in the file of its era. Each kind of change has an id (the
 * table in docs/MIGRATION.md). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../facts.h"
#include "migrate_private.h"

/* ---- stac_extensions ----------------------------------------------------------- */

/* The identifier to write for v: the crim-ca copy where the facts table has
 * one (v1.0.0 to v1.3.0, whose stac-extensions.github.io copies have a
 * broken $id), else the version's identifier. */
static const char *target_url(mlm_spec_version v)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    return f && f->crim_url ? f->crim_url : mlm_spec_version_url(v);
}

void mig_rewrite_extensions(mig *m, mlm_spec_version source)
{
    const char *url = target_url(m->target);
    json_t *exts = json_object_get(m->doc, "stac_extensions");
    bool placed = false;
    for (size_t i = 0; json_is_array(exts) && i < json_array_size(exts);) {
        const char *u = json_string_value(json_array_get(exts, i));
        /* every MLM or dl-model identifier: published, unknown variants, moving branches */
        if (u && mlmp_url_classify(u).kind != MLMP_UCLASS_OTHER) {
            if (strcmp(u, url) == 0 && !placed) {
                placed = true;
                i++;
                continue;
            }
            const char *ip = mig_index(m, "/stac_extensions", i);
            if (!placed) {
                bool host = mlmp_spec_from_url(u) == m->target;
                mlmp_uclass_kind kind = mlmp_url_classify(u).kind;
                mig_note(m, MIG001, ip, ip, "The extension URL %s became %s: %s", u, url,
                         host ? "the copies of v1.0.0 to v1.3.0 on stac-extensions.github.io have "
                                "a broken $id and "
                                "the crim-ca host serves them correctly."
                         : kind == MLMP_UCLASS_MLM_UNKNOWN || kind == MLMP_UCLASS_MOVING
                             ? "it names no published MLM schema (an unknown variant or a moving "
                               "branch), so schema "
                               "validators cannot apply it."
                             : "the document now follows that version.");
                mig_chk(m, json_array_set_new(exts, i, json_string(url)));
                placed = true;
                i++;
            } else {
                mig_note(
                    m, MIG001, ip, NULL,
                    "The second MLM extension URL %s was removed: a document follows one version.",
                    u);
                json_array_remove(exts, i);
            }
            continue;
        }
        i++;
    }
    if (!placed) {
        if (!json_is_array(exts)) {
            exts = json_array();
            mig_chk(m, json_object_set_new(m->doc, "stac_extensions", exts));
        }
        mig_chk(m, json_array_append_new(exts, json_string(url)));
        mig_note(m, MIG001, NULL, mig_index(m, "/stac_extensions", json_array_size(exts) - 1),
                 "The extension URL %s was added: the document %s did not declare its MLM version, "
                 "and schema "
                 "validators apply an extension only when stac_extensions lists it.",
                 url, source == MLM_SPEC_DRAFT ? "followed the draft but" : "");
    }
}

/* ---- driver ---------------------------------------------------------------------- */

/* The release steps that change fields: a document at `from` is made to
 * follow `to` by fn. A release without a row here changes only the
 * extension URL (done once at the end), so a new release needs a row only
 * when it changes a field. dl-model, MLM's predecessor, has no version of
 * its own: MLM_SPEC_UNKNOWN. */
typedef struct mig_step {
    mlm_spec_version from, to;
    void (*fn)(mig *m);
} mig_step;

static const mig_step steps[] = {
    {MLM_SPEC_UNKNOWN, MLM_SPEC_1_0_0, mig_step_dl_model}, /* dl_model.c */
    {MLM_SPEC_DRAFT, MLM_SPEC_1_0_0, mig_step_draft},      /* draft.c */
    {MLM_SPEC_1_0_0, MLM_SPEC_1_1_0, mig_step_1_1},        /* v1.c from here */
    {MLM_SPEC_1_2_0, MLM_SPEC_1_3_0, mig_step_1_3},
    {MLM_SPEC_1_3_0, MLM_SPEC_1_4_0, mig_step_1_4},
    {MLM_SPEC_1_4_0, MLM_SPEC_1_5_0, mig_step_1_5},
};

static const mig_step *step_from(mlm_spec_version v)
{
    for (size_t i = 0; i < MLMP_ARRAY_LEN(steps); i++)
        if (steps[i].from == v)
            return &steps[i];
    return NULL;
}

/* A migration whose result is no STAC object is never a success: the
 * members of a STAC Item the document lacks, when it is no Item or
 * Collection at all (missing members of an Item or a Collection are
 * reported by the validation of the result). */
static void check_stac(mig *m)
{
    const char *type = json_string_value(json_object_get(m->doc, "type"));
    if (type && (strcmp(type, "Feature") == 0 || strcmp(type, "Collection") == 0))
        return;
    static const char *const item[] = {"stac_version", "id",    "geometry", "bbox",
                                       "properties",   "links", "assets"};
    mlmp_strbuf b = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&b, "\"type\": \"Feature\"");
    for (size_t i = 0; i < MLMP_ARRAY_LEN(item); i++)
        if (!json_object_get(m->doc, item[i]))
            mlmp_strbuf_printf(&b, ", \"%s\"", item[i]);
    const char *missing = mig_keep(m, mlmp_strbuf_detach(&b));
    mig_note(m, MIG906, "", "",
             "The migrated document is not a STAC Item or Collection (%s), so no STAC tool reads "
             "it and its MLM "
             "fields describe nothing. Make it a STAC Item: give it %s, and move the mlm: fields "
             "into its "
             "properties.",
             type ? "its type is not Feature or Collection" : "it has no \"type\"", missing);
}

/* Every step from the document's version (UNKNOWN: dl-model) to the target,
 * then the extension URL. */
static void migrate_one(mig *m, mlm_spec_version source, bool dl_model)
{
    mlm_spec_version v = dl_model ? MLM_SPEC_UNKNOWN : source;
    while (v < m->target && !m->oom) {
        const mig_step *s = step_from(v);
        mlm_spec_version next = s ? s->to : (mlm_spec_version)(v + 1);
        if (next > m->target)
            break;
        m->a = v;
        m->b = next;
        if (s)
            s->fn(m);
        v = next;
    }
    if (dl_model)
        source = MLM_SPEC_1_0_0;
    m->a = dl_model ? MLM_SPEC_UNKNOWN : source;
    m->b = m->target;
    mig_rewrite_extensions(m, source);
    check_stac(m);
}

/* The version a document follows (src/version.c: the MLM URL listed, else
 * what its fields look like); dl-model documents (its identifier listed, or
 * only dlm: fields) are UNKNOWN with *dl_model set. */
static mlm_spec_version detect(const json_t *doc, bool *dl_model)
{
    mlmp_spec_scan scan;
    mlmp_spec_scan_run(doc, &scan);
    *dl_model = false;
    if (scan.spec != MLM_SPEC_UNKNOWN)
        return scan.spec;
    if (scan.predecessor_url || (scan.has_dlm_fields && !scan.has_mlm_fields)) {
        *dl_model = true;
        return MLM_SPEC_UNKNOWN;
    }
    return mlmp_spec_infer(&scan);
}

static void free_strs(mig *m)
{
    for (size_t i = 0; i < m->nstrs; i++)
        mlmp_free(m->strs[i]);
    m->nstrs = 0;
}

/* What the driver does with one document: migrate it from src (dl: from
 * dl-model), or pass it through unchanged (no MLM in it). */
typedef struct plan {
    mlm_spec_version src;
    bool dl, pass;
} plan;

static bool stac_typed(const json_t *doc)
{
    static const char *const types[] = {"Feature", "Collection", "Catalog", "FeatureCollection",
                                        NULL};
    return mig_str_in(json_string_value(json_object_get(doc, "type")), types);
}

/* Keys "mlm_..." at the top: MLM fields dumped without their ":" names. */
static bool underscored(const json_t *doc)
{
    const char *k;
    json_t *v;
    mlmp_object_foreach (doc, k, v)
        if (strncmp(k, "mlm_", 4) == 0)
            return true;
    return false;
}

/* Plans every document (the root, or each feature); false with err set when
 * the root has nothing to migrate and is no STAC object, or a document is
 * newer than the target. */
static bool plan_all(json_t *root, json_t *features, size_t count, mlm_spec_version target, plan *p,
                     mlm_error *err)
{
    for (size_t i = 0; i < count; i++) {
        json_t *doc = features ? json_array_get(features, i) : root;
        p[i].src = json_is_object(doc) ? detect(doc, &p[i].dl) : MLM_SPEC_UNKNOWN;
        p[i].pass = p[i].src == MLM_SPEC_UNKNOWN && !p[i].dl;
        if (p[i].pass && !features && !stac_typed(root)) {
            mlmp_error_set(
                err, MLM_ERR_INVALID_ARG, NULL,
                "The document declares no MLM version, does not have the draft's shape and is not "
                "a "
                "STAC Item, Collection or Catalog (it has no \"type\" of one), so there is nothing "
                "to "
                "migrate%s.",
                underscored(root)
                    ? "; its keys such as \"mlm_input\" look like MLM fields written with "
                      "\"_\" instead of \":\" (\"mlm:input\"), which no MLM version defines"
                    : "");
            return false;
        }
        if (p[i].src > target) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "The document follows MLM %s, which is newer than the target %s; "
                           "migration only goes "
                           "to later versions.",
                           mlm_spec_version_name(p[i].src), mlm_spec_version_name(target));
            return false;
        }
    }
    return true;
}

/* The report's source: the oldest MLM version among the documents migrated
 * (UNKNOWN when one followed dl-model, or when every document passed through). */
static void set_source(mlm_migration *r, const plan *p, size_t count)
{
    r->source = MLM_SPEC_UNKNOWN;
    for (size_t i = 0; i < count; i++) {
        if (p[i].dl)
            r->dl_model = true;
        else if (!p[i].pass && (r->source == MLM_SPEC_UNKNOWN || p[i].src < r->source))
            r->source = p[i].src;
    }
    if (r->dl_model)
        r->source = MLM_SPEC_UNKNOWN;
}

/* A document without MLM stays as it is; the note says so and why. */
static void pass_through(mig *m)
{
    m->a = MLM_SPEC_UNKNOWN;
    m->b = m->target;
    const char *what =
        !json_is_object(m->doc) ? "is not a JSON object"
        : mig_uses_ml_model(m->doc)
            ? "uses ml-model, a different extension from MLM (not its predecessor dl-model), and "
              "no MLM field"
            : "declares no MLM version and has no MLM field";
    mig_note(m, MIG002, "", "",
             "The %s %s, so no MLM step applies to it; it was passed through unchanged.",
             *m->prefix ? "feature" : "document", what);
}

mlm_migration *mlm_migrate(json_t *root, mlm_spec_version target, mlm_error *err)
{
    if (!json_is_object(root) || target < MLM_SPEC_1_0_0 || target > MLMP_SPEC_LATEST) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                       json_is_object(root) ? "The target version must be a release (1.0.0 to %s)."
                                            : "The document is not a JSON object%s.",
                       json_is_object(root) ? mlm_spec_version_name(MLMP_SPEC_LATEST) : "");
        return NULL;
    }
    json_t *features = NULL;
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0)
        features = json_object_get(root, "features");
    size_t count = features ? json_array_size(features) : 1;
    plan *p = mlmp_calloc(count ? count : 1, sizeof(*p));
    mlm_migration *r = p ? mlmp_calloc(1, sizeof(*r)) : NULL;
    if (!r) {
        mlmp_free(p);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory.");
        return NULL;
    }
    if (!plan_all(root, features, count, target, p, err)) {
        mlmp_free(p);
        mlmp_free(r);
        return NULL;
    }
    set_source(r, p, count);
    mig m = {0};
    m.rep = r;
    m.target = target;
    for (size_t i = 0; i < count && !m.oom; i++) {
        char pre[48] = "";
        if (features)
            snprintf(pre, sizeof(pre), "/features/%zu", i);
        m.doc = features ? json_array_get(features, i) : root;
        m.prefix = pre;
        if (p[i].pass)
            pass_through(&m);
        else
            migrate_one(&m, p[i].src, p[i].dl);
        free_strs(&m);
    }
    mlmp_free(m.strs);
    mlmp_free(p);
    if (m.oom) {
        mlm_migration_free(r);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while migrating.");
        return NULL;
    }
    return r;
}

mlm_spec_version mlm_migration_source(const mlm_migration *m)
{
    return m ? m->source : MLM_SPEC_UNKNOWN;
}
bool mlm_migration_from_dl_model(const mlm_migration *m) { return m && m->dl_model; }
size_t mlm_migration_count(const mlm_migration *m) { return m ? m->n : 0; }
size_t mlm_migration_todo_count(const mlm_migration *m) { return m ? m->todos : 0; }

const mlm_migrate_entry *mlm_migration_entry(const mlm_migration *m, size_t i)
{
    return m && i < m->n ? &m->items[i] : NULL;
}

const char *mlm_migrate_kind_name(mlm_migrate_kind k)
{
    switch (k) {
    case MLM_MIGRATE_CHANGE: return "change";
    case MLM_MIGRATE_TODO: return "todo";
    case MLM_MIGRATE_NOTE: return "note";
    }
    return "unknown";
}

void mlm_migration_free(mlm_migration *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        mig_free_const(m->items[i].from);
        mig_free_const(m->items[i].to);
        mig_free_const(m->items[i].message);
    }
    mlmp_free(m->items);
    mlmp_free(m);
}
