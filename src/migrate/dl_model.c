/* dl-model (MLM's predecessor) -> MLM v1.0.0 (MIG160-MIG163). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../facts.h"
#include "migrate_private.h"

/* ---- dl-model -> 1.0.0 --------------------------------------------------------- */

/* The band names an input selects: indices resolved through dlm:data
 * useful_bands, else the Item's eo:bands. NULL when one cannot be resolved. */
static json_t *dlm_band_names(const json_t *props, const json_t *data, const json_t *selected)
{
    json_t *names = json_array();
    size_t i;
    json_t *ix;
    json_array_foreach (selected, i, ix) {
        if (!json_is_integer(ix))
            goto fail;
        json_int_t want = json_integer_value(ix);
        const json_t *name = NULL;
        size_t j;
        json_t *b;
        json_array_foreach (json_object_get(data, "useful_bands"), j, b)
            if (json_integer_value(json_object_get(b, "index")) == want &&
                json_is_string(json_object_get(b, "name")))
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

/* What dl-model's object obj held once converted: the members in keep_keys
 * (converted) go; the others, which MLM has not, stay with a TODO each. */
static void dlm_drop(mig *m, json_t *obj, const char *ptr, const char *const *keep_keys,
                     const char *what)
{
    const char *k;
    json_t *v;
    void *tmp;
    json_object_foreach_safe (obj, tmp, k, v) {
        if (mig_str_in(k, keep_keys) || json_is_null(v)) {
            json_object_del(obj, k); /* converted (or nothing said) */
            continue;
        }
        mig_note(m, MIG902, mig_key(m, ptr, k), mig_key(m, ptr, k),
                 "dl-model's %s/%s %s has no MLM v1.0.0 equivalent; it was left in place. Keep it "
                 "elsewhere "
                 "if it matters (a description, an asset), then remove it.",
                 what, k, mig_show(m, v));
    }
}

/* One Model Input or Output made from dl-model's object `from`: its function
 * reference as a Processing Expression, then as the only element of `key`. */
static void dlm_place(mig *m, json_t *flat, const char *key, json_t *o, const json_t *from,
                      const char *fn)
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
    json_object_foreach (o, k, v)
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
    json_object_foreach (lv.obj, k, v)
        if (strncmp(k, "dlm:", 4) == 0)
            mig_summary_todo(
                m, &lv, k,
                "a dl-model field, whose objects MLM v1.0.0 splits into several fields "
                "(the mapping of dl-model Items, docs/MIGRATION.md)");
}

/* One dl-model level being migrated: where the fields are (an Item's
 * properties or a Collection's top level), what the MLM fields become
 * (flat), the tasks found, dlm:data, and the assets object (or NULL). */
typedef struct dlm_ctx {
    json_t *lv;
    const char *lp;
    json_t *flat, *tasks, *data, *assets;
    bool coll;
    bool
        bands_named; /* the input's bands were named (through dlm:data useful_bands, else eo:bands) */
} dlm_ctx;

/* dlm:inputs -> mlm:input, one Model Input Object (MIG162). */
static void dlm_inputs(mig *m, dlm_ctx *c)
{
    json_t *in = json_object_get(c->lv, "dlm:inputs");
    if (json_is_object(in)) {
        const char *ip = mig_key(m, c->lp, "dlm:inputs");
        json_t *o = json_object();
        json_t *nm = json_object_get(in, "name");
        mig_chk(m, json_object_set_new(
                       o, "name", json_is_string(nm) ? json_incref(nm) : json_string("input")));
        const char *sel_key =
            json_object_get(in, "selected_bands") ? "selected_bands" : "selected_band";
        json_t *sel = json_object_get(in, sel_key);
        const char *from = mig_key(m, ip, sel_key), *to = mig_tail(m, c->lp, "/mlm:input/0/bands");
        json_t *bands = json_is_array(sel) ? dlm_band_names(c->lv, c->data, sel) : json_array();
        if (!bands) {
            bands = json_array();
            mig_note(m, MIG903, from, to,
                     "selected bands %s could not all be named from dlm:data useful_bands or "
                     "eo:bands; bands was left empty. List the band names the model reads.",
                     mig_show(m, sel));
        } else if (json_array_size(bands))
            mig_note(
                m, MIG903, from, to,
                "selected bands %s were named %s through dlm:data useful_bands (else the Item's "
                "eo:bands); "
                "dl-model does not say which list the indices refer to. Check the names.",
                mig_show(m, sel), mig_show(m, bands));
        c->bands_named = json_array_size(bands) > 0;
        mig_chk(m, json_object_set_new(o, "bands", bands));
        json_t *t = json_object_get(in, "input_tensors");
        json_t *shape = json_array();
        static const char *const tk[][2] = {{"batch", "batch"},
                                            {"channels", "channel"},
                                            {"dim", "channel"},
                                            {"height", "height"},
                                            {"width", "width"}};
        json_t *order = json_array();
        for (size_t i = 0; i < MLMP_ARRAY_LEN(tk); i++) {
            json_t *v = json_object_get(t, tk[i][0]);
            if (json_is_number(v)) {
                mig_chk(m, json_array_append_new(
                               shape,
                               json_integer(json_is_integer(v) ? json_integer_value(v)
                                                               : (json_int_t)json_real_value(v))));
                mig_chk(m, json_array_append_new(order, json_string(tk[i][1])));
            }
        }
        json_t *dt = json_object_get(c->data, "data_type");
        if (!dt)
            dt = json_object_get(c->data, "dtype");
        json_t *dtv = json_is_string(dt) ? json_incref(dt) : json_string("float32");
        json_t *inp =
            json_pack("{s:o, s:o, s:o}", "shape", shape, "dim_order", order, "data_type", dtv);
        mig_chk(m, json_object_set_new(o, "input", inp));
        mig_note(
            m, MIG903, mig_key(m, ip, "input_tensors"), mig_tail(m, c->lp, "/mlm:input/0/input"),
            "input_tensors %s became input (shape in batch, channel, height, width order) with "
            "data_type %s "
            "from %s: dl-model gave the data's type, not necessarily the tensor's. Check both.",
            mig_show(m, t), mig_show(m, json_object_get(inp, "data_type")),
            json_is_string(dt) ? "dlm:data" : "no source (a placeholder)");
        json_t *mean = json_object_get(in, "normalization:mean"),
               *sd = json_object_get(in, "normalization:std");
        if (json_is_array(mean) && json_is_array(sd) &&
            json_array_size(mean) == json_array_size(sd)) {
            json_t *st = json_array();
            for (size_t i = 0; i < json_array_size(mean); i++)
                mig_chk(m, json_array_append_new(st, json_pack("{s:O, s:O}", "mean",
                                                               json_array_get(mean, i), "stddev",
                                                               json_array_get(sd, i))));
            mig_chk(m, json_object_set_new(o, "norm_by_channel", json_true()));
            mig_chk(m, json_object_set_new(o, "norm_type", json_string("z-score")));
            mig_chk(m, json_object_set_new(o, "statistics", st));
            mig_note(m, MIG162, mig_key(m, ip, "normalization:mean"),
                     mig_tail(m, c->lp, "/mlm:input/0/statistics"),
                     "normalization:mean and normalization:std became norm_type z-score with one "
                     "Statistics Object per "
                     "band: MLM v1.0.0 describes normalization with norm_type and statistics.");
        }
        dlm_place(m, c->flat, MLMP_KEY(PROPS, input), o, in, "pre_processing_function");
        mig_note(m, MIG162, ip, mig_tail(m, c->lp, "/mlm:input"),
                 "dlm:inputs became mlm:input, an array of one Model Input Object: MLM v1.0.0 "
                 "replaced the dl-model "
                 "inputs with Model Input Objects.");
        dlm_drop(m, in, ip,
                 (const char *const[]){"name", "selected_bands", "selected_band", "input_tensors",
                                       "normalization:mean", "normalization:std",
                                       "pre_processing_function", NULL},
                 "dlm:inputs");
    }
}

/* dlm:outputs -> mlm:output, one Model Output Object named after its task (MIG163). */
static void dlm_outputs(mig *m, dlm_ctx *c)
{
    json_t *out = json_object_get(c->lv, "dlm:outputs");
    if (json_is_object(out)) {
        const char *op = mig_key(m, c->lp, "dlm:outputs");
        const char *task = json_string_value(json_object_get(out, "task"));
        const char *t = task ? mig_task_name(m, task) : "output";
        if (task) {
            mig_chk(m, json_array_append_new(c->tasks, json_string(t)));
            if (!mig_str_in(t, mig_tasks_v1))
                mig_note(m, MIG904, mig_key(m, op, "task"),
                         mig_tail(m, c->lp, "/mlm:output/0/tasks/0"),
                         "The task \"%s\" is not one of the v1.0.0 Task Enum values; choose the "
                         "closest one.",
                         task);
        }
        json_t *o = json_pack("{s:s, s:[s]}", "name", t, "tasks", t);
        json_t *fl = json_object_get(out, "final_layer_size");
        if (json_is_array(fl)) {
            static const char *const d4[] = {"batch", "class", "height", "width"};
            json_t *order = json_array();
            for (size_t i = 0; i < json_array_size(fl); i++)
                mig_chk(m, json_array_append_new(order, json_string(json_array_size(fl) == 4 ? d4[i]
                                                                    : i == 0 ? "batch"
                                                                             : "class")));
            mig_chk(m, json_object_set_new(o, "result",
                                           json_pack("{s:O, s:o, s:s}", "shape", fl, "dim_order",
                                                     order, "data_type", "float32")));
            mig_note(m, MIG903, mig_key(m, op, "final_layer_size"),
                     mig_tail(m, c->lp, "/mlm:output/0/result"),
                     "final_layer_size %s became the output's result with dimensions named %s and "
                     "data_type float32 "
                     "(dl-model gave neither). Check the names and the type.",
                     mig_show(m, fl),
                     json_array_size(fl) == 4 ? "batch, class, height, width" : "batch, class");
        } else {
            mig_note(m, MIG901, op, mig_tail(m, c->lp, "/mlm:output/0/result"),
                     "The output has no final_layer_size, so its result structure (required from "
                     "MLM v1.0.0) is "
                     "unknown. Add it.");
        }
        json_t *map = json_object_get(out, "class_name_mapping");
        if (json_is_array(map) && json_array_size(map)) {
            json_t *classes = json_array();
            size_t i;
            json_t *e;
            json_array_foreach (map, i, e) {
                json_t *idx = json_object_get(e, "index"), *cn = json_object_get(e, "class_name");
                if (!idx && json_object_size(e) == 1) { /* {"3": "Cropland"} */
                    const char *k = json_object_iter_key(json_object_iter(e));
                    char *end;
                    long long v = strtoll(k, &end, 10);
                    if (*k && !*end) {
                        mig_chk(m, json_array_append_new(
                                       classes, json_pack("{s:I, s:O, s:O}", "value", (json_int_t)v,
                                                          "name", json_object_get(e, k),
                                                          "description", json_object_get(e, k))));
                        continue;
                    }
                }
                if (json_is_integer(idx) && json_is_string(cn))
                    mig_chk(m, json_array_append_new(classes,
                                                     json_pack("{s:O, s:O, s:O}", "value", idx,
                                                               "name", cn, "description", cn)));
            }
            if (json_array_size(classes) == json_array_size(map)) {
                mig_chk(m, json_object_set_new(o, "classification:classes", classes));
                mig_note(m, MIG163, mig_key(m, op, "class_name_mapping"),
                         mig_tail(m, c->lp, "/mlm:output/0/classification:classes"),
                         "class_name_mapping became classification:classes (value, name, and the "
                         "name as the description "
                         "the v1.0.0 schema requires): MLM v1.0.0 \"use[s] classification:classes "
                         "in Model Output\".");
            } else {
                json_decref(classes);
                mig_note(m, MIG903, mig_key(m, op, "class_name_mapping"), NULL,
                         "class_name_mapping %s is not a list of index and class name pairs and "
                         "was removed. List the "
                         "classes in classification:classes.",
                         mig_show(m, map));
            }
        }
        dlm_place(m, c->flat, MLMP_KEY(PROPS, output), o, out, "post_processing_function");
        mig_note(m, MIG163, op, mig_tail(m, c->lp, "/mlm:output"),
                 "dlm:outputs became mlm:output, an array of one Model Output Object named after "
                 "its task: MLM v1.0.0 "
                 "adds the Model Output Object (\"an informative name ... can be used instead\").");
        dlm_drop(m, out, op,
                 (const char *const[]){"task", "final_layer_size", "class_name_mapping",
                                       "post_processing_function", "number_of_classes", NULL},
                 "dlm:outputs");
    }
}

/* dlm:architecture flattened (MIG160). */
static void dlm_architecture(mig *m, dlm_ctx *c)
{
    json_t *arch = json_object_get(c->lv, "dlm:architecture");
    if (json_is_object(arch)) {
        const char *ap = mig_key(m, c->lp, "dlm:architecture");
        json_t *ty = json_object_get(arch, "type"),
               *tp = json_object_get(arch, "total_nb_parameters");
        json_t *pre = json_object_get(arch, "pretrained");
        if (json_is_string(ty))
            mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, architecture), ty));
        if (json_is_integer(tp))
            mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, total_parameters), tp));
        if (json_is_string(pre)) {
            mig_chk(m, json_object_set_new(c->flat, MLMP_KEY(PROPS, pretrained), json_true()));
            mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, pretrained_source), pre));
        }
        mig_note(
            m, MIG160, ap, c->lp,
            "dlm:architecture was flattened: type became mlm:architecture, total_nb_parameters "
            "mlm:total_parameters, pretrained mlm:pretrained_source with mlm:pretrained true: MLM "
            "v1.0.0 "
            "defines them as properties.");
        dlm_drop(m, arch, ap,
                 (const char *const[]){"type", "total_nb_parameters", "pretrained", NULL},
                 "dlm:architecture");
    }
}

/* dlm:runtime flattened, its source URL an asset (MIG161). */
static void dlm_runtime(mig *m, dlm_ctx *c)
{
    json_t *rt = json_object_get(c->lv, "dlm:runtime");
    if (json_is_object(rt)) {
        const char *rp = mig_key(m, c->lp, "dlm:runtime");
        json_t *fw = json_object_get(rt, "framework"), *ver = json_object_get(rt, "version");
        if (json_is_string(fw))
            mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, framework), fw));
        if (json_is_string(ver))
            mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, framework_version), ver));
        else if (json_is_number(ver)) {
            mig_chk(m, json_object_set_new(c->flat, MLMP_KEY(PROPS, framework_version),
                                           json_string(mig_show(m, ver))));
            mig_note(m, MIG903, mig_key(m, rp, "version"),
                     mig_key(m, c->lp, MLMP_KEY(PROPS, framework_version)),
                     "The framework version, the number %s, became the string \"%s\"; from v1.1.0 "
                     "the MLM schemas "
                     "want a full version (e.g. 1.5.0). Give the exact version.",
                     mig_show(m, ver), mig_show(m, ver));
        }
        json_t *src = json_object_get(rt, "model_src_url");
        if (json_is_string(src) && !c->assets && !json_object_get(m->doc, "assets")) {
            c->assets =
                json_object(); /* a Collection without assets: the source code asset needs one */
            mig_chk(m, json_object_set_new(m->doc, "assets", c->assets));
        }
        if (json_is_string(src) && c->assets) {
            json_t *a = json_pack("{s:O, s:[s]}", "href", src, "roles", "code");
            mig_place_asset(
                m, c->assets, mig_key(m, rp, "model_src_url"), a, "source-code",
                MLMP_ROLE_SOURCE_CODE, MIG161,
                "MLM v1.0.0 describes source code as an Asset with the mlm:source_code role.");
            json_decref(a);
        }
        mig_note(m, MIG161, rp, c->lp,
                 "dlm:runtime was flattened: framework became mlm:framework, version "
                 "mlm:framework_version (a "
                 "string): MLM v1.0.0 defines them as properties.");
        dlm_drop(m, rt, rp, (const char *const[]){"framework", "version", "model_src_url", NULL},
                 "dlm:runtime");
    }
}

/* dlm:data and dlm:archive (no MLM equivalent), mlm:name from the id, mlm:tasks. */
static void dlm_name_and_rest(mig *m, dlm_ctx *c)
{
    if (json_is_object(c->data))
        dlm_drop(m, c->data, mig_key(m, c->lp, "dlm:data"),
                 (const char *const[]){"data_type", "dtype", c->bands_named ? "useful_bands" : NULL,
                                       NULL},
                 "dlm:data");
    json_t *archive = json_object_get(c->lv, "dlm:archive");
    if (archive)
        mig_note(m, MIG902, mig_key(m, c->lp, "dlm:archive"), mig_key(m, c->lp, "dlm:archive"),
                 "dlm:archive %s has no MLM equivalent; it was left in place. Describe each file "
                 "as an Asset "
                 "(the model file with the mlm:model role), then remove it.",
                 mig_show(m, archive));
    /* name and tasks */
    json_t *id = json_object_get(m->doc, "id");
    if (json_is_string(id)) {
        mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, name), id));
        mig_note(m, MIG901, NULL, mig_key(m, c->lp, MLMP_KEY(PROPS, name)),
                 "MLM v1.0.0 requires mlm:name, which dl-model did not have; it was set to %s (the "
                 "document's id). "
                 "Check it, or give the model's published name.",
                 mig_show(m, id));
    }
    if (json_array_size(c->tasks))
        mig_chk(m, json_object_set(c->flat, MLMP_KEY(PROPS, tasks), c->tasks));
    json_decref(c->tasks);
}

/* The dlm: fields go, the mlm: fields take the place of the first of them. */
static void dlm_replace_keys(mig *m, dlm_ctx *c)
{
    static const char *const dlm_keys[] = {"dlm:data",    "dlm:inputs",  "dlm:architecture",
                                           "dlm:runtime", "dlm:outputs", "dlm:archive",
                                           NULL};
    const char *first = NULL;
    const char *k;
    json_t *v;
    json_object_foreach (c->lv, k, v)
        if (!first && mig_str_in(k, dlm_keys))
            first = k;
    char at[32] = "";
    if (first)
        snprintf(at, sizeof(at), "%s", first);
    /* what is left of a dl-model field (members MLM has not, each a TODO) stays, after the MLM fields */
    for (size_t i = 0; dlm_keys[i]; i++) {
        json_t *left = json_object_get(c->lv, dlm_keys[i]);
        bool gone =
            !left || json_is_null(left) || (json_is_object(left) && json_object_size(left) == 0);
        if (!gone && strcmp(dlm_keys[i], at) == 0)
            mig_chk(m, json_object_set(c->flat, at, left));
        else if (gone && strcmp(dlm_keys[i], at) != 0)
            json_object_del(c->lv, dlm_keys[i]);
    }
    mig_splice(m, c->lv, at[0] ? at : MLMP_KEY(PROPS, name), c->flat);
}

/* The model asset: an asset (or item_assets entry) whose role names the model. */
static void dlm_find_model(mig *m, dlm_ctx *c)
{
    bool has_model = false;
    for (size_t h = 0; h < (c->coll ? 2u : 1u); h++) {
        const char *holder = h ? "item_assets" : "assets";
        json_t *hs = h ? json_object_get(m->doc, holder) : c->assets;
        dlm_model_asset(m, hs, holder, &has_model);
    }
    if (!has_model)
        mig_note(m, MIG901, NULL, "/assets",
                 "No asset is recognisable as the model; MLM v1.0.0 requires an asset with the "
                 "mlm:model role. Add it.");
}

/* dl-model fields live in an Item's properties, or at the top of a Collection
 * (and its summaries, see dlm_summaries()); the model asset of a Collection
 * may be an item_assets entry. */
void mig_step_dl_model(mig *m)
{
    dlm_ctx c = {0};
    c.coll = mig_is_collection(m->doc);
    if (c.coll)
        dlm_summaries(m);
    c.lv = c.coll ? m->doc : json_object_get(m->doc, "properties");
    if (!json_is_object(c.lv) || !object_has_dlm(c.lv))
        return;
    c.lp = c.coll ? "" : "/properties";
    c.assets = json_object_get(m->doc, "assets");
    if (!json_is_object(c.assets)) {
        if (c.assets)
            mig_note(m, MIG901, "/assets", "/assets",
                     "assets is not an object, so the model artifact cannot be described as an "
                     "asset with the "
                     "mlm:model role (MLM v1.0.0). Rewrite assets as an object of Asset Objects.");
        c.assets = NULL;
    }
    c.flat = json_object();
    c.tasks = json_array();
    c.data = json_object_get(c.lv, "dlm:data");
    dlm_inputs(m, &c);
    dlm_outputs(m, &c);
    dlm_architecture(m, &c);
    dlm_runtime(m, &c);
    dlm_name_and_rest(m, &c);
    dlm_replace_keys(m, &c);
    dlm_find_model(m, &c);
}

/* The first asset of holder whose role names the model gets mlm:model (MIG161). */
static void dlm_model_asset(mig *m, json_t *assets, const char *holder, bool *has_model)
{
    const char *k;
    json_t *v;
    json_object_foreach (assets, k, v) {
        if (!json_is_object(v))
            continue;
        json_t *roles = json_object_get(v, "roles");
        if (!roles)
            roles = json_object_get(v, "role");
        size_t i;
        json_t *r;
        json_array_foreach (roles, i, r)
            if (json_is_string(r) && strstr(json_string_value(r), "model") && !*has_model) {
                *has_model = true;
                mig_add_role(m, v, MLMP_ROLE_MODEL);
                const char *ap = mig_key(m, mig_key(m, "", holder), k);
                mig_note(m, MIG161, ap, mig_tail(m, ap, "/roles"),
                         "The asset with the role %s got the mlm:model role: MLM v1.0.0 requires "
                         "it on the model asset.",
                         json_string_value(r));
            }
    }
}
