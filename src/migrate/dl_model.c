/* dl-model (MLM's predecessor) -> MLM v1.0.0 (MIG160-MIG163). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate_private.h"

/* ---- dl-model -> 1.0.0 --------------------------------------------------------- */

/* The band names an input selects: indices resolved through dlm:data
 * useful_bands, else the Item's eo:bands. NULL when one cannot be resolved. */
static json_t *dlm_band_names(const json_t *props, const json_t *data, const json_t *selected)
{
    json_t *names = json_array();
    size_t i;
    json_t *ix;
    json_array_foreach(selected, i, ix) {
        if (!json_is_integer(ix))
            goto fail;
        json_int_t want = json_integer_value(ix);
        const json_t *name = NULL;
        size_t j;
        json_t *b;
        json_array_foreach(json_object_get(data, "useful_bands"), j, b)
            if (json_integer_value(json_object_get(b, "index")) == want && json_is_string(json_object_get(b, "name")))
                name = json_object_get(b, "name");
        json_t *eo = json_object_get(props, "eo:bands");
        if (!name && want >= 0 && (size_t)want < json_array_size(eo))
            name = json_object_get(json_array_get(eo, (size_t)want), "name");
        if (!json_is_string(name))
            goto fail;
        json_array_append(names, mlmp_unconst(name));
    }
    return names;
fail:
    json_decref(names);
    return NULL;
}

/* The fields dl-model had and MLM has not: removed, each a TODO with its value. */
static void dlm_drop(mig *m, json_t *obj, const char *ptr, const char *const *keep_keys, const char *what)
{
    const char *k;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(obj, tmp, k, v) {
        if (mig_str_in(k, keep_keys))
            continue;
        if (!json_is_null(v))
            mig_note(m, MIG902, mig_key(m, ptr, k), NULL,
                 "dl-model's %s/%s %s has no MLM v1.0.0 equivalent and was removed; keep it elsewhere if it "
                 "matters.", what, k, mig_show(m, v));
        json_object_del(obj, k);
    }
}

/* One Model Input or Output made from dl-model's object `from`: its function
 * reference as a Processing Expression, then as the only element of `key`. */
static void dlm_place(mig *m, json_t *flat, const char *key, json_t *o, const json_t *from, const char *fn)
{
    json_t *pf = json_object_get(from, fn);
    if (json_is_string(pf))
        mig_chk(m, json_object_set_new(o, fn, mig_processing_expression(json_string_value(pf))));
    json_t *arr = json_array();
    mig_chk(m, json_array_append_new(arr, o));
    mig_chk(m, json_object_set_new(flat, key, arr));
}

static void dlm_model_asset(mig *m, json_t *assets, const char *holder, bool *has_model);

static bool object_has_dlm(json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
        if (strncmp(k, "dlm:", 4) == 0)
            return true;
    return false;
}

/* dl-model fields in a Collection's summaries: a summary lists the Items'
 * dlm: objects, and each would become several MLM summaries; a TODO each. */
static void dlm_summaries(mig *m)
{
    mig_level lv = {json_object_get(m->doc, "summaries"), "/summaries", true};
    const char *k;
    json_t *v;
    json_object_foreach(lv.obj, k, v)
        if (strncmp(k, "dlm:", 4) == 0)
            mig_summary_todo(m, &lv, k, "a dl-model field, whose objects MLM v1.0.0 splits into several fields "
                                    "(the mapping of dl-model Items, docs/MIGRATION.md)");
}

/* dl-model fields live in an Item's properties, or at the top of a Collection
 * (and its summaries, see dlm_summaries()); the model asset of a Collection
 * may be an item_assets entry. */
void mig_step_dl_model(mig *m)
{
    bool coll = mig_is_collection(m->doc);
    if (coll)
        dlm_summaries(m);
    json_t *lv = coll ? m->doc : json_object_get(m->doc, "properties");
    if (!json_is_object(lv) || !object_has_dlm(lv))
        return;
    const char *lp = coll ? "" : "/properties";
    json_t *assets = json_object_get(m->doc, "assets");
    if (!json_is_object(assets)) {
        if (assets)
            mig_note(m, MIG901, "/assets", "/assets",
                 "assets is not an object, so the model artifact cannot be described as an asset with the "
                 "mlm:model role (MLM v1.0.0). Rewrite assets as an object of Asset Objects.");
        assets = NULL;
    }
    json_t *flat = json_object();
    json_t *tasks = json_array();
    json_t *data = json_object_get(lv, "dlm:data");
    /* inputs */
    json_t *in = json_object_get(lv, "dlm:inputs");
    if (json_is_object(in)) {
        const char *ip = mig_key(m, lp, "dlm:inputs");
        json_t *o = json_object();
        json_t *nm = json_object_get(in, "name");
        mig_chk(m, json_object_set_new(o, "name", json_is_string(nm) ? json_incref(nm) : json_string("input")));
        json_t *sel = json_object_get(in, "selected_bands");
        if (!sel)
            sel = json_object_get(in, "selected_band");
        json_t *bands = json_is_array(sel) ? dlm_band_names(lv, data, sel) : json_array();
        if (!bands) {
            bands = json_array();
            mig_note(m, MIG903, mig_key(m, ip, json_object_get(in, "selected_bands") ? "selected_bands" : "selected_band"),
                 mig_tail(m, lp, "/mlm:input/0/bands"),
                 "selected bands %s could not all be named from dlm:data useful_bands or eo:bands; bands was left "
                 "empty. List the band names the model reads.", mig_show(m, sel));
        }
        else if (json_array_size(bands))
            mig_note(m, MIG903, mig_key(m, ip, json_object_get(in, "selected_bands") ? "selected_bands" : "selected_band"),
                 mig_tail(m, lp, "/mlm:input/0/bands"),
                 "selected bands %s were named %s through dlm:data useful_bands (else the Item's eo:bands); "
                 "dl-model does not say which list the indices refer to. Check the names.",
                 mig_show(m, sel), mig_show(m, bands));
        mig_chk(m, json_object_set_new(o, "bands", bands));
        json_t *t = json_object_get(in, "input_tensors");
        json_t *shape = json_array();
        static const char *const tk[][2] = {{"batch", "batch"}, {"channels", "channel"}, {"dim", "channel"},
                                            {"height", "height"}, {"width", "width"}};
        json_t *order = json_array();
        for (size_t i = 0; i < MLMP_ARRAY_LEN(tk); i++) {
            json_t *v = json_object_get(t, tk[i][0]);
            if (json_is_number(v)) {
                mig_chk(m, json_array_append_new(shape, json_integer(json_is_integer(v) ? json_integer_value(v)
                                                                                  : (json_int_t)json_real_value(v))));
                mig_chk(m, json_array_append_new(order, json_string(tk[i][1])));
            }
        }
        json_t *dt = json_object_get(data, "data_type");
        if (!dt)
            dt = json_object_get(data, "dtype");
        json_t *dtv = json_is_string(dt) ? json_incref(dt) : json_string("float32");
        json_t *inp = json_pack("{s:o, s:o, s:o}", "shape", shape, "dim_order", order, "data_type", dtv);
        mig_chk(m, json_object_set_new(o, "input", inp));
        mig_note(m, MIG903, mig_key(m, ip, "input_tensors"), mig_tail(m, lp, "/mlm:input/0/input"),
             "input_tensors %s became input (shape in batch, channel, height, width order) with data_type %s "
             "from %s: dl-model gave the data's type, not necessarily the tensor's. Check both.",
             mig_show(m, t), mig_show(m, json_object_get(inp, "data_type")),
             json_is_string(dt) ? "dlm:data" : "no source (a placeholder)");
        json_t *mean = json_object_get(in, "normalization:mean"), *sd = json_object_get(in, "normalization:std");
        if (json_is_array(mean) && json_is_array(sd) && json_array_size(mean) == json_array_size(sd)) {
            json_t *st = json_array();
            for (size_t i = 0; i < json_array_size(mean); i++)
                mig_chk(m, json_array_append_new(st, json_pack("{s:O, s:O}", "mean", json_array_get(mean, i), "stddev",
                                                           json_array_get(sd, i))));
            mig_chk(m, json_object_set_new(o, "norm_by_channel", json_true()));
            mig_chk(m, json_object_set_new(o, "norm_type", json_string("z-score")));
            mig_chk(m, json_object_set_new(o, "statistics", st));
            mig_note(m, MIG162, mig_key(m, ip, "normalization:mean"), mig_tail(m, lp, "/mlm:input/0/statistics"),
                 "normalization:mean and normalization:std became norm_type z-score with one Statistics Object per "
                 "band: MLM v1.0.0 describes normalization with norm_type and statistics.");
        }
        dlm_place(m, flat, "mlm:input", o, in, "pre_processing_function");
        mig_note(m, MIG162, ip, mig_tail(m, lp, "/mlm:input"),
             "dlm:inputs became mlm:input, an array of one Model Input Object: MLM v1.0.0 replaced the dl-model "
             "inputs with Model Input Objects.");
        dlm_drop(m, in, ip, (const char *const[]){"name", "selected_bands", "selected_band", "input_tensors",
                                                  "normalization:mean", "normalization:std",
                                                  "pre_processing_function", NULL}, "dlm:inputs");
    }
    /* outputs */
    json_t *out = json_object_get(lv, "dlm:outputs");
    if (json_is_object(out)) {
        const char *op = mig_key(m, lp, "dlm:outputs");
        const char *task = json_string_value(json_object_get(out, "task"));
        const char *t = task ? mig_task_name(m, task) : "output";
        if (task) {
            mig_chk(m, json_array_append_new(tasks, json_string(t)));
            if (!mig_str_in(t, mig_tasks_v1))
                mig_note(m, MIG904, mig_key(m, op, "task"), mig_tail(m, lp, "/mlm:output/0/tasks/0"),
                     "The task \"%s\" is not one of the v1.0.0 Task Enum values; choose the closest one.", task);
        }
        json_t *o = json_pack("{s:s, s:[s]}", "name", t, "tasks", t);
        json_t *fl = json_object_get(out, "final_layer_size");
        if (json_is_array(fl)) {
            static const char *const d4[] = {"batch", "class", "height", "width"};
            json_t *order = json_array();
            for (size_t i = 0; i < json_array_size(fl); i++)
                mig_chk(m, json_array_append_new(order, json_string(json_array_size(fl) == 4 ? d4[i]
                                                                : i == 0 ? "batch" : "class")));
            mig_chk(m, json_object_set_new(o, "result", json_pack("{s:O, s:o, s:s}", "shape", fl, "dim_order", order,
                                                              "data_type", "float32")));
            mig_note(m, MIG903, mig_key(m, op, "final_layer_size"), mig_tail(m, lp, "/mlm:output/0/result"),
                 "final_layer_size %s became the output's result with dimensions named %s and data_type float32 "
                 "(dl-model gave neither). Check the names and the type.", mig_show(m, fl),
                 json_array_size(fl) == 4 ? "batch, class, height, width" : "batch, class");
        } else {
            mig_note(m, MIG901, op, mig_tail(m, lp, "/mlm:output/0/result"),
                 "The output has no final_layer_size, so its result structure (required from MLM v1.0.0) is "
                 "unknown. Add it.");
        }
        json_t *map = json_object_get(out, "class_name_mapping");
        if (json_is_array(map) && json_array_size(map)) {
            json_t *classes = json_array();
            size_t i;
            json_t *e;
            json_array_foreach(map, i, e) {
                json_t *idx = json_object_get(e, "index"), *cn = json_object_get(e, "class_name");
                if (!idx && json_object_size(e) == 1) { /* {"3": "Cropland"} */
                    const char *k = json_object_iter_key(json_object_iter(e));
                    char *end;
                    long long v = strtoll(k, &end, 10);
                    if (*k && !*end) {
                        mig_chk(m, json_array_append_new(classes, json_pack("{s:I, s:O, s:O}", "value", (json_int_t)v, "name",
                                                                        json_object_get(e, k), "description",
                                                                        json_object_get(e, k))));
                        continue;
                    }
                }
                if (json_is_integer(idx) && json_is_string(cn))
                    mig_chk(m, json_array_append_new(classes, json_pack("{s:O, s:O, s:O}", "value", idx, "name", cn,
                                                                    "description", cn)));
            }
            if (json_array_size(classes) == json_array_size(map)) {
                mig_chk(m, json_object_set_new(o, "classification:classes", classes));
                mig_note(m, MIG163, mig_key(m, op, "class_name_mapping"), mig_tail(m, lp, "/mlm:output/0/classification:classes"),
                     "class_name_mapping became classification:classes (value, name, and the name as the description "
                     "the v1.0.0 schema requires): MLM v1.0.0 \"use[s] classification:classes in Model Output\".");
            } else {
                json_decref(classes);
                mig_note(m, MIG903, mig_key(m, op, "class_name_mapping"), NULL,
                     "class_name_mapping %s is not a list of index and class name pairs and was removed. List the "
                     "classes in classification:classes.", mig_show(m, map));
            }
        }
        dlm_place(m, flat, "mlm:output", o, out, "post_processing_function");
        mig_note(m, MIG163, op, mig_tail(m, lp, "/mlm:output"),
             "dlm:outputs became mlm:output, an array of one Model Output Object named after its task: MLM v1.0.0 "
             "adds the Model Output Object (\"an informative name ... can be used instead\").");
        dlm_drop(m, out, op, (const char *const[]){"task", "final_layer_size", "class_name_mapping",
                                                   "post_processing_function", "number_of_classes", NULL},
                 "dlm:outputs");
    }
    /* architecture */
    json_t *arch = json_object_get(lv, "dlm:architecture");
    if (json_is_object(arch)) {
        const char *ap = mig_key(m, lp, "dlm:architecture");
        json_t *ty = json_object_get(arch, "type"), *tp = json_object_get(arch, "total_nb_parameters");
        json_t *pre = json_object_get(arch, "pretrained");
        if (json_is_string(ty))
            mig_chk(m, json_object_set(flat, "mlm:architecture", ty));
        if (json_is_integer(tp))
            mig_chk(m, json_object_set(flat, "mlm:total_parameters", tp));
        if (json_is_string(pre)) {
            mig_chk(m, json_object_set_new(flat, "mlm:pretrained", json_true()));
            mig_chk(m, json_object_set(flat, "mlm:pretrained_source", pre));
        }
        mig_note(m, MIG160, ap, lp,
             "dlm:architecture was flattened: type became mlm:architecture, total_nb_parameters "
             "mlm:total_parameters, pretrained mlm:pretrained_source with mlm:pretrained true: MLM v1.0.0 "
             "defines them as properties.");
        dlm_drop(m, arch, ap, (const char *const[]){"type", "total_nb_parameters", "pretrained", NULL},
                 "dlm:architecture");
    }
    /* runtime */
    json_t *rt = json_object_get(lv, "dlm:runtime");
    if (json_is_object(rt)) {
        const char *rp = mig_key(m, lp, "dlm:runtime");
        json_t *fw = json_object_get(rt, "framework"), *ver = json_object_get(rt, "version");
        if (json_is_string(fw))
            mig_chk(m, json_object_set(flat, "mlm:framework", fw));
        if (json_is_string(ver))
            mig_chk(m, json_object_set(flat, "mlm:framework_version", ver));
        else if (json_is_number(ver)) {
            mig_chk(m, json_object_set_new(flat, "mlm:framework_version", json_string(mig_show(m, ver))));
            mig_note(m, MIG903, mig_key(m, rp, "version"), mig_key(m, lp, "mlm:framework_version"),
                 "The framework version, the number %s, became the string \"%s\"; from v1.1.0 the MLM schemas "
                 "want a full version (e.g. 1.5.0). Give the exact version.", mig_show(m, ver), mig_show(m, ver));
        }
        json_t *src = json_object_get(rt, "model_src_url");
        if (json_is_string(src) && !assets && !json_object_get(m->doc, "assets")) {
            assets = json_object(); /* a Collection without assets: the source code asset needs one */
            mig_chk(m, json_object_set_new(m->doc, "assets", assets));
        }
        if (json_is_string(src) && assets) {
            json_t *a = json_pack("{s:O, s:[s]}", "href", src, "roles", "code");
            mig_place_asset(m, assets, mig_key(m, rp, "model_src_url"), a, "source-code", "mlm:source_code", MIG161,
                        "MLM v1.0.0 describes source code as an Asset with the mlm:source_code role.");
            json_decref(a);
        }
        mig_note(m, MIG161, rp, lp,
             "dlm:runtime was flattened: framework became mlm:framework, version mlm:framework_version (a "
             "string): MLM v1.0.0 defines them as properties.");
        dlm_drop(m, rt, rp, (const char *const[]){"framework", "version", "model_src_url", NULL}, "dlm:runtime");
    }
    if (json_is_object(data))
        dlm_drop(m, data, mig_key(m, lp, "dlm:data"), (const char *const[]){NULL}, "dlm:data");
    json_t *archive = json_object_get(lv, "dlm:archive");
    if (archive)
        mig_note(m, MIG902, mig_key(m, lp, "dlm:archive"), NULL,
             "dlm:archive %s has no MLM equivalent and was removed: describe each file as an Asset (the model "
             "file with the mlm:model role).", mig_show(m, archive));
    /* name and tasks */
    json_t *id = json_object_get(m->doc, "id");
    if (json_is_string(id)) {
        mig_chk(m, json_object_set(flat, "mlm:name", id));
        mig_note(m, MIG901, NULL, mig_key(m, lp, "mlm:name"),
             "MLM v1.0.0 requires mlm:name, which dl-model did not have; it was set to %s (the document's id). "
             "Check it, or give the model's published name.", mig_show(m, id));
    }
    if (json_array_size(tasks))
        mig_chk(m, json_object_set(flat, "mlm:tasks", tasks));
    json_decref(tasks);
    /* the dlm: fields go, the mlm: fields take the place of the first of them */
    static const char *const dlm_keys[] = {"dlm:data", "dlm:inputs", "dlm:architecture", "dlm:runtime",
                                           "dlm:outputs", "dlm:archive", NULL};
    const char *first = NULL;
    const char *k;
    json_t *v;
    json_object_foreach(lv, k, v)
        if (!first && mig_str_in(k, dlm_keys))
            first = k;
    char at[32] = "";
    if (first)
        snprintf(at, sizeof(at), "%s", first);
    for (size_t i = 0; dlm_keys[i]; i++)
        if (strcmp(dlm_keys[i], at) != 0)
            json_object_del(lv, dlm_keys[i]);
    mig_splice(m, lv, at[0] ? at : "mlm:name", flat);
    /* the model asset */
    bool has_model = false;
    for (size_t h = 0; h < (coll ? 2u : 1u); h++) {
        const char *holder = h ? "item_assets" : "assets";
        json_t *hs = h ? json_object_get(m->doc, holder) : assets;
        dlm_model_asset(m, hs, holder, &has_model);
    }
    if (!has_model)
        mig_note(m, MIG901, NULL, "/assets",
             "No asset is recognisable as the model; MLM v1.0.0 requires an asset with the mlm:model role. Add it.");
}

/* The first asset of holder whose role names the model gets mlm:model (MIG161). */
static void dlm_model_asset(mig *m, json_t *assets, const char *holder, bool *has_model)
{
    const char *k;
    json_t *v;
    json_object_foreach(assets, k, v) {
        if (!json_is_object(v))
            continue;
        json_t *roles = json_object_get(v, "roles");
        if (!roles)
            roles = json_object_get(v, "role");
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r)
            if (json_is_string(r) && strstr(json_string_value(r), "model") && !*has_model) {
                *has_model = true;
                mig_add_role(m, v, "mlm:model");
                const char *ap = mig_key(m, mig_key(m, "", holder), k);
                mig_note(m, MIG161, ap, mig_tail(m, ap, "/roles"),
                     "The asset with the role %s got the mlm:model role: MLM v1.0.0 requires it on the model asset.",
                     json_string_value(r));
            }
    }
}
