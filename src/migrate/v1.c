/* The steps between MLM v1 releases (1.0.0 -> 1.1.0 ... 1.4.0 -> 1.5.0). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../facts.h"
#include "migrate_private.h"

/* ---- 1.0.0 -> 1.1.0 ----------------------------------------------------------- */

void mig_step_1_1(mig *m)
{
    mig_level lv[MIG_MAX_LEVELS];
    size_t n = mig_levels(m, lv, MIG_MAX_LEVELS);
    for (size_t i = 0; i < n; i++) {
        mig_values vs = mig_field_values(m, &lv[i], MLMP_KEY(PROPS, framework));
        for (size_t j = 0; j < vs.n; j++) {
            const char *f = json_string_value(mig_value_at(&vs, j));
            const char *nf = !f                               ? NULL
                             : strcmp(f, "Scikit-learn") == 0 ? "scikit-learn"
                             : strcmp(f, "Huggingface") == 0  ? "Hugging Face"
                                                              : NULL;
            if (nf) {
                const char *fp = mig_value_ptr(m, &vs, j);
                mig_note(
                    m, MIG120, fp, fp,
                    "mlm:framework \"%s\" became \"%s\": v1.1.0 adjusted \"scikit-learn and "
                    "Hugging Face "
                    "framework names to match the format employed by the official documentation\".",
                    f, nf);
                mig_set_field_value(m, &lv[i], MLMP_KEY(PROPS, framework), j, json_string(nf));
            }
        }
    }
}

/* ---- 1.2.0 -> 1.3.0 ----------------------------------------------------------- */

#define RASTER_URL "https://stac-extensions.github.io/raster/v1.1.0/schema.json"

static bool has_band_list(const json_t *o)
{
    return json_is_array(json_object_get(o, "eo:bands")) ||
           json_is_array(json_object_get(o, "raster:bands")) ||
           json_is_array(json_object_get(o, "bands"));
}

/* Source code assets that carried mlm:model (as v1.0.0-v1.2.0 examples did). */
static void source_code_roles(mig *m)
{
    json_t *assets = json_object_get(m->doc, "assets");
    size_t models = 0;
    const char *k;
    json_t *a;
    json_object_foreach (assets, k, a)
        if (json_is_object(a) && mig_has_role(a, MLMP_ROLE_MODEL) && !mig_has_role(a, "code"))
            models++;
    if (!models)
        return;
    json_object_foreach (assets, k, a) {
        if (!json_is_object(a) || !mig_has_role(a, MLMP_ROLE_MODEL) || !mig_has_role(a, "code"))
            continue;
        json_t *roles = json_object_get(a, "roles");
        size_t i;
        json_t *r;
        json_array_foreach (roles, i, r)
            if (strcmp(json_string_value(r), MLMP_ROLE_MODEL) == 0)
                break;
        if (mig_has_role(a, MLMP_ROLE_SOURCE_CODE))
            json_array_remove(roles, i);
        else
            mig_chk(m, json_array_set_new(roles, i, json_string(MLMP_ROLE_SOURCE_CODE)));
        mig_note(m, MIG131, mig_index(m, mig_tail(m, mig_key(m, "/assets", k), "/roles"), i),
                 mig_index(m, mig_tail(m, mig_key(m, "/assets", k), "/roles"), i),
                 "The code asset's mlm:model role became mlm:source_code: v1.3.0 fixed \"Asset "
                 "definitions erroneously "
                 "employing mlm:model role instead of the intended mlm:source_code\", and another "
                 "asset holds the model.");
    }
}

void mig_step_1_3(mig *m)
{
    source_code_roles(m);
    json_t *props = json_object_get(m->doc, "properties");
    json_t *inputs = json_object_get(props, MLMP_KEY(PROPS, input));
    if (!json_array_size(inputs))
        return;
    if (has_band_list(props)) {
        /* bands defined in the properties: v1.3.0 wants them on the model asset */
        static const char *const fields[] = {"eo:bands", "raster:bands", "bands"};
        const char *k;
        json_t *a;
        json_object_foreach (json_object_get(m->doc, "assets"), k, a) {
            if (!json_is_object(a) || !mig_has_role(a, MLMP_ROLE_MODEL) || has_band_list(a))
                continue;
            for (size_t f = 0; f < 3; f++) {
                json_t *v = json_object_get(props, fields[f]);
                if (!json_is_array(v) || strcmp(fields[f], "bands") == 0)
                    continue;
                mig_chk(m, json_object_set_new(a, fields[f], json_deep_copy(v)));
                mig_note(m, MIG130, mig_key(m, "/properties", fields[f]),
                         mig_key(m, mig_key(m, "/assets", k), fields[f]),
                         "%s of the Item properties was copied to the model asset: v1.3.0 says "
                         "\"the correct use is for "
                         "them to be defined under the STAC Asset using the mlm:model role\".",
                         fields[f]);
            }
        }
        return;
    }
    json_t *names = json_array();
    size_t i;
    json_t *in;
    json_array_foreach (inputs, i, in) {
        json_t *bands = json_object_get(in, "bands");
        if (!json_array_size(bands)) {
            json_decref(names);
            return; /* v1.3.0 checks bands only when every input lists some */
        }
        size_t j;
        json_t *b;
        json_array_foreach (bands, j, b) {
            json_t *n = json_is_string(b) ? b : json_object_get(b, "name");
            bool seen = false;
            size_t x;
            json_t *e;
            json_array_foreach (names, x, e)
                if (json_equal(e, n))
                    seen = true;
            if (json_is_string(n) && !seen)
                mig_chk(m, json_array_append(names, n));
        }
    }
    const char *k;
    json_t *a;
    json_object_foreach (json_object_get(m->doc, "assets"), k, a) {
        if (!json_is_object(a) || !mig_has_role(a, MLMP_ROLE_MODEL) || has_band_list(a))
            continue;
        const char *sv = json_string_value(json_object_get(m->doc, "stac_version"));
        bool stac11 = sv && strncmp(sv, "1.1", 3) == 0;
        const char *field = stac11 ? "bands" : "raster:bands";
        json_t *rb = json_array();
        size_t x;
        json_t *n;
        json_array_foreach (names, x, n)
            mig_chk(m, json_array_append_new(rb, json_pack("{s:O}", "name", n)));
        if (stac11 &&
            json_is_object(props)) /* the schema's STAC 1.1 branch reads properties.bands */
            mig_chk(m, json_object_set_new(props, "bands", json_deep_copy(rb)));
        mig_chk(m, json_object_set_new(a, field, rb));
        if (!stac11) {
            json_t *exts = json_object_get(m->doc, "stac_extensions");
            bool listed = false;
            size_t e;
            json_t *u;
            json_array_foreach (exts, e, u)
                if (json_is_string(u) && strstr(json_string_value(u), "/raster/"))
                    listed = true;
            if (!listed && json_is_array(exts)) {
                mig_chk(m, json_array_append_new(exts, json_string(RASTER_URL)));
                mig_note(m, MIG130, NULL,
                         mig_index(m, "/stac_extensions", json_array_size(exts) - 1),
                         "The Raster extension (%s) was added to stac_extensions: the v1.3.0 "
                         "schema accepts "
                         "raster:bands as band definitions only when the document declares that "
                         "extension.",
                         RASTER_URL);
            }
        }
        mig_note(m, MIG130, mig_tail(m, "/properties", "/mlm:input"),
                 mig_key(m, mig_key(m, "/assets", k), field),
                 "The model asset got %s naming the %zu bands the inputs use: v1.3.0 \"add[s] "
                 "raster:bands "
                 "required property name for describing mlm:input bands\" and checks that the "
                 "model asset defines "
                 "them. Add the bands' other properties (data_type, nodata, ...) if known.",
                 field, json_array_size(names));
    }
    json_decref(names);
}

/* ---- 1.3.0 -> 1.4.0 ----------------------------------------------------------- */

static json_t *scaling_of(mig *m, const char *type, const json_t *stat, bool *missing)
{
    json_t *o = json_pack("{s:s}", "type", type);
    static const char *const mm[] = {"minimum", "maximum", NULL};
    static const char *const zs[] = {"mean", "stddev", NULL};
    const char *const *need = strcmp(type, "min-max") == 0 ? mm : zs;
    for (; o && *need; need++) {
        json_t *v = json_object_get(stat, *need);
        if (json_is_number(v))
            mig_chk(m, json_object_set(o, *need, v));
        else
            *missing = true;
    }
    return o;
}

/* value_scaling from norm_type (min-max or z-score) and statistics, one
 * object per band; statistics may be the pre-release layout (one object of
 * per-band arrays). NULL, with a MIG901 TODO, when a band lacks a value:
 * the caller then leaves the source fields where they are. */
static json_t *scaling_list(mig *m, json_t *in, const char *ptr, const char *t)
{
    json_t *st = json_object_get(in, "statistics");
    mig_stats_shape shape;
    size_t bands;
    json_t *list = mig_statistics_list(m, st, &shape, &bands);
    bool missing = !bands;
    json_t *vs = json_array();
    size_t i;
    json_t *s;
    json_array_foreach (list, i, s)
        mig_chk(m, vs ? json_array_append_new(vs, scaling_of(m, t, s, &missing)) : -1);
    json_decref(list);
    if (missing || !vs) {
        mig_note(m, MIG901, mig_key(m, ptr, "statistics"), mig_key(m, ptr, "statistics"),
                 "norm_type \"%s\" needs %s for every band and statistics %s does not give them "
                 "all, so v1.4.0's "
                 "value_scaling (which requires them) could not be written; norm_type and "
                 "statistics were left in "
                 "place. Write value_scaling from them and remove them.",
                 t, strcmp(t, "min-max") == 0 ? "minimum and maximum" : "mean and stddev",
                 st ? mig_show(m, st) : "(absent)");
        json_decref(vs); /* a half-filled value_scaling would be invalid */
        return NULL;
    }
    mig_note(m, MIG140, mig_key(m, ptr, "norm_type"), mig_key(m, ptr, "value_scaling"),
             "norm_type \"%s\" and statistics%s became value_scaling, one %s object per band: "
             "v1.4.0 \"moved "
             "norm_type to value_scaling\" and \"moved statistics to value_scaling\".",
             t,
             shape == MIG_STATS_PER_BAND
                 ? " (one object of per-band arrays, the pre-release layout)"
                 : "",
             t);
    return vs;
}

/* The v1.3.0 normalization that has no value_scaling equivalent: a TODO that
 * points at the fields, which stay where they are. True when there is one. */
static bool scaling_todo(mig *m, json_t *in, const char *ptr, const char *t)
{
    json_t *st = json_object_get(in, "statistics"), *clip = json_object_get(in, "norm_clip");
    if (t) {
        mig_note(m, MIG903, mig_key(m, ptr, "norm_type"), mig_key(m, ptr, "norm_type"),
                 "norm_type \"%s\" (with norm_clip %s and statistics %s) has no direct "
                 "value_scaling type: v1.4.0 "
                 "\"removed norm_type enum values that were ambiguous\" and says \"a "
                 "processing:expression should "
                 "be employed\". The fields were left in place: write value_scaling (type "
                 "\"processing\") or "
                 "pre_processing_function from them, and remove them.",
                 t, clip ? mig_show(m, clip) : "(absent)", st ? mig_show(m, st) : "(absent)");
        return true;
    }
    if (st && !json_is_null(st)) {
        mig_note(m, MIG902, mig_key(m, ptr, "statistics"), mig_key(m, ptr, "statistics"),
                 "statistics %s without norm_type have no v1.4.0 equivalent (statistics moved into "
                 "value_scaling, "
                 "which needs the scaling type); they were left in place. Write value_scaling if "
                 "the model scales "
                 "its input, and remove them.",
                 mig_show(m, st));
        return true;
    }
    return false;
}

static void input_1_4(mig *m, json_t *in, const char *ptr)
{
    json_t *nt = json_object_get(in, "norm_type");
    json_t *st = json_object_get(in, "statistics");
    json_t *clip = json_object_get(in, "norm_clip");
    if (!nt && !st && !clip && !json_object_get(in, "norm_by_channel"))
        return;
    const char *t = json_string_value(nt);
    json_t *vs = NULL;
    if (t && (strcmp(t, "min-max") == 0 || strcmp(t, "z-score") == 0)) {
        if (!(vs = scaling_list(m, in, ptr, t)))
            return; /* nothing the source states may be lost */
    } else if (scaling_todo(m, in, ptr, t)) {
        return;
    }
    json_t *ins = json_object();
    if (vs)
        mig_chk(m, json_object_set_new(ins, "value_scaling", vs));
    const char *at = nt ? "norm_type" : st ? "statistics" : clip ? "norm_clip" : "norm_by_channel";
    static const char *const gone[] = {"norm_type", "statistics", "norm_clip", "norm_by_channel"};
    for (size_t i = 0; i < 4; i++) {
        json_t *v = json_object_get(in, gone[i]);
        if (!v)
            continue;
        if (strcmp(gone[i], "norm_by_channel") == 0)
            mig_note(m, MIG141, mig_key(m, ptr, gone[i]), NULL,
                     "norm_by_channel was removed: v1.4.0 \"removed norm_by_channel from mlm:input "
                     "objects\" (one "
                     "value_scaling object is broadcast; otherwise there is one per band).");
        else if (strcmp(gone[i], "norm_clip") == 0 && !json_is_null(v))
            mig_note(m, MIG141, mig_key(m, ptr, gone[i]), NULL,
                     "norm_clip %s was removed: v1.4.0 \"removed norm_clip property\" and "
                     "norm_type was not clip.",
                     mig_show(m, v));
        if (strcmp(gone[i], at) != 0)
            json_object_del(in, gone[i]);
    }
    mig_splice(m, in, at, ins);
}

static void assets_1_4(mig *m, const char *holder);

void mig_step_1_4(mig *m)
{
    mig_each_object(m, MLMP_KEY(PROPS, input), input_1_4);
    source_code_roles(m); /* v1.4.0 requires mlm:artifact_type on every mlm:model asset */
    /* model-wide fields on assets go to the Item properties; on a Collection's
     * item_assets, to its summaries (the values its Items hold) */
    static const char *const holders[] = {"assets", "item_assets"};
    for (size_t h = 0; h < 2; h++)
        if (h == 0 || mig_is_collection(m->doc))
            assets_1_4(m, holders[h]);
}

static void assets_1_4(mig *m, const char *holder)
{
    bool items = strcmp(holder, "item_assets") == 0;
    json_t *dest = json_object_get(m->doc, items ? "summaries" : "properties");
    const char *dp = items ? "/summaries" : "/properties";
    const char *dn = items ? "Collection summaries" : "Item properties";
    json_t *assets = json_object_get(m->doc, holder);
    const char *k;
    json_t *a;
    json_object_foreach (assets, k, a) {
        if (!json_is_object(a))
            continue;
        const char *ap = mig_key(m, mig_key(m, "", holder), k);
        static const char *const wide[] = {MLMP_KEY(PROPS, name), MLMP_KEY(PROPS, input),
                                           MLMP_KEY(PROPS, output),
                                           MLMP_KEY(PROPS, hyperparameters)};
        for (size_t w = 0; w < 4; w++) {
            json_t *v = json_object_get(a, wide[w]);
            if (!v)
                continue;
            if (items && !dest) {
                dest = json_object();
                mig_chk(m, json_object_set_new(m->doc, "summaries", dest));
            }
            /* in summaries, as the JSON Schema {"const": value}: every Item holds that value, and the
             * published schemas reject array summaries (MLM210) */
            json_t *sv = items ? json_pack("{s:O}", "const", v) : json_incref(v);
            if (json_is_object(dest) && !json_object_get(dest, wide[w])) {
                mig_chk(m, json_object_set(dest, wide[w], sv));
                mig_note(
                    m, MIG142, mig_key(m, ap, wide[w]), mig_key(m, dp, wide[w]),
                    "%s moved from the asset to the %s: v1.4.0 \"explicitly disallow[s] mlm:name, "
                    "mlm:input, mlm:output and mlm:hyperparameters at the Asset level\".",
                    wide[w], dn);
                json_object_del(a, wide[w]);
            } else if (json_is_object(dest) &&
                       mlmp_json_equal(json_object_get(dest, wide[w]), sv)) {
                mig_note(m, MIG142, mig_key(m, ap, wide[w]), NULL,
                         "%s was removed from the asset, where v1.4.0 disallows it; the %s hold "
                         "the same value.",
                         wide[w], dn);
                json_object_del(a, wide[w]);
            } else {
                mig_note(
                    m, MIG903, mig_key(m, ap, wide[w]), mig_key(m, ap, wide[w]),
                    "%s on an asset is disallowed from v1.4.0 and the %s %s; decide which value "
                    "describes the model and keep it in the %s.",
                    wide[w], dn, json_is_object(dest) ? "hold a different one" : "are missing", dn);
            }
            json_decref(sv);
        }
        if (!items && mig_has_role(a, MLMP_ROLE_MODEL) &&
            !json_object_get(a, MLMP_KEY(PROPS, artifact_type))) {
            const char *href = json_string_value(json_object_get(a, "href"));
            const char *dot = href ? strrchr(href, '.') : NULL;
            const char *guess =
                !dot                                                      ? NULL
                : (strcmp(dot, ".pt") == 0 || strcmp(dot, ".pth") == 0)   ? "torch.save"
                : strcmp(dot, ".pt2") == 0                                ? "torch.export.save"
                : strcmp(dot, ".onnx") == 0                               ? "onnx"
                : strcmp(dot, ".safetensors") == 0                        ? "safetensors"
                : (strcmp(dot, ".h5") == 0 || strcmp(dot, ".keras") == 0) ? "tf.keras.Model.save"
                                                                          : NULL;
            if (guess) {
                mig_chk(m,
                        json_object_set_new(a, MLMP_KEY(PROPS, artifact_type), json_string(guess)));
                mig_note(m, MIG901, NULL, mig_key(m, ap, MLMP_KEY(PROPS, artifact_type)),
                         "v1.4.0 requires mlm:artifact_type on the asset with the mlm:model role; "
                         "it was set to \"%s\" "
                         "from the file name \"%s\". Check how the file was written.",
                         guess, href);
            } else {
                mig_note(m, MIG901, NULL, mig_key(m, ap, MLMP_KEY(PROPS, artifact_type)),
                         "v1.4.0 requires mlm:artifact_type on the asset with the mlm:model role, "
                         "and the file name "
                         "does not tell how the model was saved. Add it (e.g. torch.save, "
                         "torch.jit.script, onnx).");
            }
        }
    }
}

/* ---- 1.4.0 -> 1.5.0 ----------------------------------------------------------- */

/* v1.5.0 on one input at @p ip: a "bands" dimension where the input lists
 * bands, and reserved dimension names only with their definitions. */
static void input_1_5(mig *m, json_t *in, const char *ip)
{
    json_t *dims = json_object_get(json_object_get(in, "input"), "dim_order");
    const char *dp = mig_tail(m, ip, "/input/dim_order");
    if (json_array_size(json_object_get(in, "bands"))) {
        bool has = false;
        size_t ch = (size_t)-1, nch = 0, d;
        json_t *dn;
        json_array_foreach (dims, d, dn) {
            if (json_is_string(dn) && strcmp(json_string_value(dn), "bands") == 0)
                has = true;
            if (json_is_string(dn) && strcmp(json_string_value(dn), "channel") == 0) {
                ch = d;
                nch++;
            }
        }
        static const char *const not_bands[] = {
            "batch", "time",       "height",    "width",   "depth",     "token", "class",
            "score", "confidence", "embedding", "channel", "variables", "b",     "t",
            "h",     "w",          "x",         "y",       NULL};
        size_t other = (size_t)-1, nother = 0;
        json_array_foreach (dims, d, dn)
            if (json_is_string(dn) && !mig_str_in(json_string_value(dn), not_bands)) {
                other = d;
                nother++;
            }
        if (!has && nch == 0 && nother == 1) {
            const char *old_name = mig_show(m, json_array_get(dims, other));
            mig_chk(m, json_array_set_new(dims, other, json_string("bands")));
            mig_note(m, MIG903, mig_index(m, dp, other), mig_index(m, dp, other),
                     "The dimension %s, the only one of this input that is not a batch, "
                     "time or spatial "
                     "dimension, became \"bands\": v1.5.0 requires a \"bands\" dimension "
                     "when an input lists "
                     "bands. Check that it is the band dimension.",
                     old_name);
        } else if (!has && nch == 1) {
            mig_chk(m, json_array_set_new(dims, ch, json_string("bands")));
            mig_note(m, MIG151, mig_index(m, dp, ch), mig_index(m, dp, ch),
                     "The dimension \"channel\" of an input that lists bands became "
                     "\"bands\": v1.5.0 checks "
                     "\"bands\" definitions \"against corresponding \\\"bands\\\" "
                     "dimensions indicated in dim_order\".");
        } else if (!has && dims) {
            mig_note(m, MIG903, dp, dp,
                     "This input lists bands but no dimension of dim_order is \"bands\" "
                     "(v1.5.0 requires one) "
                     "and there is not exactly one \"channel\" dimension to rename. Name "
                     "the band dimension.");
        }
    }
    size_t d;
    json_t *dn;
    json_array_foreach (dims, d, dn) {
        const char *s = json_string_value(dn);
        if (s && (strcmp(s, "bands") == 0 || strcmp(s, "variables") == 0) &&
            !json_array_size(json_object_get(in, s)))
            mig_note(m, MIG903, mig_index(m, dp, d), mig_index(m, dp, d),
                     "The dimension name \"%s\" is reserved from v1.5.0 (\"cannot be "
                     "employed as general "
                     "dimension names without accompanying %s definitions\") and this "
                     "input lists none. "
                     "List them, or rename the dimension (e.g. channel).",
                     s, s);
    }
}

void mig_step_1_5(mig *m)
{
    json_t *assets = json_object_get(m->doc, "assets");
    const char *k;
    json_t *a;
    json_object_foreach (assets, k, a) {
        if (json_is_object(a) && json_object_get(a, MLMP_KEY(PROPS, entrypoint)) &&
            mig_add_role(m, a, "code"))
            mig_note(m, MIG150, mig_key(m, "/assets", k),
                     mig_key(m, mig_key(m, "/assets", k), "roles"),
                     "The asset has mlm:entrypoint, so it got the code role: v1.5.0 \"enforce[s] "
                     "roles: [\"code\"] "
                     "(minimally) to be included if an Asset specified mlm:entrypoint\".");
    }
    mig_each_object(m, MLMP_KEY(PROPS, input), input_1_5);
}
