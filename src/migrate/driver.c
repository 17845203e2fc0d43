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

#include "migrate_private.h"

/* ---- stac_extensions ----------------------------------------------------------- */

static const char *target_url(mig *m, mlm_spec_version v)
{
    if (v >= MLM_SPEC_1_0_0 && v <= MLM_SPEC_1_3_0) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        mlmp_strbuf_printf(&b, "https://crim-ca.github.io/mlm-extension/v%s/schema.json", mlm_spec_version_name(v));
        return mig_keep(m, mlmp_strbuf_detach(&b));
    }
    return mlm_spec_version_url(v);
}

void mig_rewrite_extensions(mig *m, mlm_spec_version source)
{
    const char *url = target_url(m, m->target);
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
                mig_note(m, "MIG001", false, ip, ip, "The extension URL %s became %s: %s", u, url,
                     host ? "the copies of v1.0.0 to v1.3.0 on stac-extensions.github.io have a broken $id and "
                            "the crim-ca host serves them correctly."
                     : kind == MLMP_UCLASS_MLM_UNKNOWN || kind == MLMP_UCLASS_MOVING
                         ? "it names no published MLM schema (an unknown variant or a moving branch), so schema "
                           "validators cannot apply it."
                         : "the document now follows that version.");
                mig_chk(m, json_array_set_new(exts, i, json_string(url)));
                placed = true;
                i++;
            } else {
                mig_note(m, "MIG001", false, ip, NULL,
                     "The second MLM extension URL %s was removed: a document follows one version.", u);
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
        mig_note(m, "MIG001", false, NULL, mig_index(m, "/stac_extensions", json_array_size(exts) - 1),
             "The extension URL %s was added: the document %s did not declare its MLM version, and schema "
             "validators apply an extension only when stac_extensions lists it.", url,
             source == MLM_SPEC_DRAFT ? "followed the draft but" : "");
    }
}

/* ---- driver ---------------------------------------------------------------------- */

static void migrate_one(mig *m, mlm_spec_version source, bool dl_model)
{
    if (dl_model) {
        m->a = MLM_SPEC_UNKNOWN;
        m->b = MLM_SPEC_1_0_0;
        mig_step_dl_model(m);
        source = MLM_SPEC_1_0_0;
    }
    for (mlm_spec_version v = source; v < m->target && !m->oom; v++) {
        m->a = v;
        m->b = (mlm_spec_version)(v + 1);
        switch (m->b) {
        case MLM_SPEC_1_0_0: mig_step_draft(m); break;
        case MLM_SPEC_1_1_0: mig_step_1_1(m); break;
        case MLM_SPEC_1_3_0: mig_step_1_3(m); break;
        case MLM_SPEC_1_4_0: mig_step_1_4(m); break;
        case MLM_SPEC_1_5_0: mig_step_1_5(m); break;
        default: break; /* 1.2.0, 1.5.1, 1.5.2: the URL only */
        }
    }
    m->a = dl_model ? MLM_SPEC_UNKNOWN : source;
    m->b = m->target;
    mig_rewrite_extensions(m, source);
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

mlm_migration *mlm_migrate(json_t *root, mlm_spec_version target, mlm_error *err)
{
    if (!json_is_object(root) || target < MLM_SPEC_1_0_0 || target > MLM_SPEC_LATEST) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                       json_is_object(root) ? "The target version must be a release (1.0.0 to %s)."
                                            : "The document is not a JSON object%s.",
                       json_is_object(root) ? mlm_spec_version_name(MLM_SPEC_LATEST) : "");
        return NULL;
    }
    json_t *features = NULL;
    const char *type = json_string_value(json_object_get(root, "type"));
    if (type && strcmp(type, "FeatureCollection") == 0)
        features = json_object_get(root, "features");
    size_t count = features ? json_array_size(features) : 1;
    mlm_spec_version *src = mlmp_calloc(count ? count : 1, sizeof(*src));
    bool *dl = mlmp_calloc(count ? count : 1, sizeof(*dl));
    if (!src || !dl) {
        mlmp_free(src);
        mlmp_free(dl);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory.");
        return NULL;
    }
    mlm_spec_version first = MLM_SPEC_UNKNOWN;
    for (size_t i = 0; i < count; i++) {
        json_t *doc = features ? json_array_get(features, i) : root;
        src[i] = json_is_object(doc) ? detect(doc, &dl[i]) : MLM_SPEC_UNKNOWN;
        if (src[i] == MLM_SPEC_UNKNOWN && !dl[i]) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           features ? "Feature %zu declares no MLM version and does not have the draft's shape, "
                                      "so there is nothing to migrate."
                                    : "The document declares no MLM version and does not have the draft's shape, "
                                      "so there is nothing to migrate%.0zu.",
                           i);
            mlmp_free(src);
            mlmp_free(dl);
            return NULL;
        }
        if (src[i] > target) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "The document follows MLM %s, which is newer than the target %s; migration only goes "
                           "to later versions.",
                           mlm_spec_version_name(src[i]), mlm_spec_version_name(target));
            mlmp_free(src);
            mlmp_free(dl);
            return NULL;
        }
        if (!dl[i] && (first == MLM_SPEC_UNKNOWN || src[i] < first))
            first = src[i];
    }
    mlm_migration *r = mlmp_calloc(1, sizeof(*r));
    if (!r) {
        mlmp_free(src);
        mlmp_free(dl);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory.");
        return NULL;
    }
    r->source = first;
    for (size_t i = 0; i < count; i++)
        if (dl[i])
            r->dl_model = true;
    if (r->dl_model)
        r->source = MLM_SPEC_UNKNOWN;
    mig m = {0};
    m.rep = r;
    m.target = target;
    for (size_t i = 0; i < count && !m.oom; i++) {
        char pre[48] = "";
        if (features)
            snprintf(pre, sizeof(pre), "/features/%zu", i);
        m.doc = features ? json_array_get(features, i) : root;
        m.prefix = pre;
        migrate_one(&m, src[i], dl[i]);
        free_strs(&m);
    }
    mlmp_free(m.strs);
    mlmp_free(src);
    mlmp_free(dl);
    if (m.oom) {
        mlm_migration_free(r);
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while migrating.");
        return NULL;
    }
    return r;
}

mlm_spec_version mlm_migration_source(const mlm_migration *m) { return m ? m->source : MLM_SPEC_UNKNOWN; }
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

static int real_digits(double d)
{
    char buf[40];
    for (int p = 1; p < 17; p++) {
        snprintf(buf, sizeof(buf), "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            return p;
    }
    return 17;
}

int mlm_json_real_precision(const json_t *v)
{
    int best = 1;
    if (json_is_real(v))
        return real_digits(json_real_value(v));
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(mlmp_unconst(v), i, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        mlmp_object_foreach(v, k, e) {
            int p = mlm_json_real_precision(e);
            if (p > best)
                best = p;
        }
    }
    return best;
}
