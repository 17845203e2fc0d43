/* The January 2024 draft -> MLM v1.0.0 (MIG100-MIG112). */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../facts.h"
#include "migrate_private.h"

/* ---- draft -> 1.0.0 ---------------------------------------------------------- */

const char *const mig_tasks_v1[] = {"regression",
                                    "classification",
                                    "scene-classification",
                                    "detection",
                                    "object-detection",
                                    "segmentation",
                                    "semantic-segmentation",
                                    "instance-segmentation",
                                    "panoptic-segmentation",
                                    "similarity-search",
                                    "generative",
                                    "image-captioning",
                                    "super-resolution",
                                    NULL};
const char *const mig_accelerators_v1[] = {
    "amd64", "cuda", "xla", "amd-rocm", "intel-ipex-cpu", "intel-ipex-gpu", "macos-arm", NULL};

/* "semantic segmentation" -> "semantic-segmentation" (the draft wrote tasks with spaces). */
const char *mig_task_name(mig *m, const char *t)
{
    char *s = mlmp_strdup(t);
    if (!s)
        return mig_keep(m, NULL);
    for (char *c = s; *c; c++) {
        if (*c == ' ' || *c == '_')
            *c = '-';
        else if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
    return mig_keep(m, s);
}

/* A draft function reference (string) as a v1 Processing Expression. */
json_t *mig_processing_expression(const char *s)
{
    if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
        return json_pack("{s:s, s:{s:s}}", "format", "uri", "expression", "href", s);
    return json_pack("{s:s, s:s}", "format", "python", "expression", s);
}

static void draft_processing(mig *m, json_t *obj, const char *ptr, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return;
    const char *s = json_string_value(v);
    json_t *pe = mig_processing_expression(s);
    bool uri = json_is_object(json_object_get(pe, "expression"));
    mig_note(m, MIG109, mig_key(m, ptr, key), mig_key(m, ptr, key),
             "The function reference \"%s\" became a Processing Expression with format \"%s\": "
             "v1.0.0 types %s as a Processing Expression object (format and expression).",
             s, uri ? "uri" : "python", key);
    mig_chk(m, json_object_set_new(obj, key, pe));
}

/* dim_order letters of the draft ("bchw") as v1 dimension names. */
static json_t *dim_names_from_letters(const char *s, bool *unknown)
{
    json_t *a = json_array();
    for (const char *c = s; a && *c; c++) {
        const char *n = NULL;
        switch (*c) {
        case 'b': n = "batch"; break;
        case 'c': n = "channel"; break;
        case 'h': n = "height"; break;
        case 'w': n = "width"; break;
        case 't': n = "time"; break;
        default: *unknown = true; break;
        }
        if (n)
            json_array_append_new(a, json_string(n));
    }
    return a;
}

/* {"mean": [..], "stddev": [..]} -> [{"mean": .., "stddev": ..}, ...] (MIG108). */
static void draft_statistics(mig *m, json_t *in, const char *ptr)
{
    json_t *st = json_object_get(in, "statistics");
    if (!json_is_object(st))
        return;
    mig_stats_shape shape;
    size_t len;
    json_t *arr = mig_statistics_list(m, st, &shape, &len);
    if (shape == MIG_STATS_PER_BAND)
        mig_note(m, MIG108, mig_key(m, ptr, "statistics"), mig_key(m, ptr, "statistics"),
                 "statistics, one array per statistic, became an array of %zu Statistics Objects, "
                 "one per "
                 "band: v1.0.0 types statistics as [Statistics Object].",
                 len);
    else if (shape == MIG_STATS_ONE)
        mig_note(m, MIG108, mig_key(m, ptr, "statistics"), mig_tail(m, ptr, "/statistics/0"),
                 "statistics, one object of single values, became an array holding that Statistics "
                 "Object: "
                 "v1.0.0 types statistics as [Statistics Object].");
    else
        mig_note(m, MIG903, mig_key(m, ptr, "statistics"), mig_key(m, ptr, "statistics"),
                 "statistics %s has arrays of different lengths (or empty ones) and cannot be "
                 "split into "
                 "one Statistics Object per band; it was left as it was. Rewrite it as [Statistics "
                 "Object].",
                 mig_show(m, st));
    if (arr)
        mig_chk(m, json_object_set_new(in, "statistics", arr));
}

static void draft_input(mig *m, json_t *in, const char *ptr)
{
    /* input_feature (or the example's input_array) -> input */
    const char *fk = json_object_get(in, "input_feature") ? "input_feature"
                     : json_object_get(in, "input_array") ? "input_array"
                                                          : NULL;
    if (fk && json_object_get(in, "input_feature") && json_object_get(in, "input_array")) {
        mig_note(m, MIG902, mig_key(m, ptr, "input_array"), mig_key(m, ptr, "input_array"),
                 "Both input_feature and input_array were given; input_feature was migrated and "
                 "input_array %s was left in place: take what the input structure needs from it, "
                 "then remove it.",
                 mig_show(m, json_object_get(in, "input_array")));
    }
    if (fk) {
        json_t *f = json_object_get(in, fk);
        if (json_is_object(f)) {
            json_t *d = json_object_get(f, "dim_order");
            if (json_is_string(d)) {
                bool unknown = false;
                json_t *names = dim_names_from_letters(json_string_value(d), &unknown);
                if (unknown)
                    mig_note(m, MIG903, mig_key(m, mig_key(m, ptr, fk), "dim_order"),
                             mig_key(m, mig_key(m, ptr, "input"), "dim_order"),
                             "The draft dim_order \"%s\" has letters other than b, c, h, w and t; "
                             "only those "
                             "were named. Name every dimension of the shape by hand.",
                             json_string_value(d));
                mig_chk(m, json_object_set_new(f, "dim_order", names));
            }
            if (json_object_get(f, "dtype"))
                mig_rename(m, f, "dtype", "data_type", NULL);
        }
        mig_rename(m, in, fk, "input", NULL);
        mig_note(
            m, MIG105, mig_key(m, ptr, fk), mig_key(m, ptr, "input"),
            "%s became input: v1.0.0 names the Input Structure Object \"input\", with dim_order "
            "as an array of dimension names and dtype renamed data_type.",
            fk);
    }
    json_t *r = json_object_get(in, "rescale_type");
    if (r) {
        const char *s = json_string_value(r);
        json_t *nv;
        if (s && (strcmp(s, "crop") == 0 || strcmp(s, "pad") == 0)) {
            nv = json_string(s);
            mig_note(m, MIG106, mig_key(m, ptr, "rescale_type"), mig_key(m, ptr, "resize_type"),
                     "rescale_type became resize_type (same value): v1.0.0 renamed the field.");
        } else if (s && strcmp(s, "none") == 0) {
            nv = json_null();
            mig_note(m, MIG106, mig_key(m, ptr, "rescale_type"), mig_key(m, ptr, "resize_type"),
                     "rescale_type \"none\" became resize_type null: v1.0.0 uses null when no "
                     "resize applies.");
        } else {
            nv = NULL; /* the value stays, under the new name, for a person to choose */
            mig_note(m, MIG903, mig_key(m, ptr, "rescale_type"), mig_key(m, ptr, "resize_type"),
                     "rescale_type %s has no single v1.0.0 equivalent (resize_type names the "
                     "method, e.g. "
                     "interpolation-linear or interpolation-nearest); it was kept as resize_type. "
                     "Choose the value.",
                     mig_show(m, r));
        }
        mig_rename(m, in, "rescale_type", "resize_type", nv);
    }
    json_t *nt = json_object_get(in, "norm_type");
    if (json_is_string(nt)) {
        const char *s = json_string_value(nt);
        if (strcmp(s, "min_max") == 0 || strcmp(s, "z_score") == 0) {
            const char *t = strcmp(s, "min_max") == 0 ? "min-max" : "z-score";
            mig_note(
                m, MIG107, mig_key(m, ptr, "norm_type"), mig_key(m, ptr, "norm_type"),
                "norm_type \"%s\" became \"%s\": v1.0.0 spells the Normalize Enum with hyphens.", s,
                t);
            mig_chk(m, json_object_set_new(in, "norm_type", json_string(t)));
        } else if (strcmp(s, "none") == 0) {
            mig_note(
                m, MIG107, mig_key(m, ptr, "norm_type"), mig_key(m, ptr, "norm_type"),
                "norm_type \"none\" became null: v1.0.0 uses null when no normalization applies.");
            mig_chk(m, json_object_set_new(in, "norm_type", json_null()));
        } else {
            mig_note(m, MIG903, mig_key(m, ptr, "norm_type"), mig_key(m, ptr, "norm_type"),
                     "norm_type \"%s\" has no equivalent in the v1.0.0 Normalize Enum; it was left "
                     "as it was. "
                     "Describe the operation with pre_processing_function (or value_scaling from "
                     "v1.4.0), then "
                     "remove it.",
                     s);
        }
    }
    draft_statistics(m, in, ptr);
    draft_processing(m, in, ptr, "pre_processing_function");
    if (json_object_get(in, "parameters")) {
        mig_note(m, MIG902, mig_key(m, ptr, "parameters"), mig_key(m, ptr, "parameters"),
                 "The input's parameters %s have no place in a v1.0.0 Model Input Object; they "
                 "were left in "
                 "place. Move what the model needs to mlm:hyperparameters, then remove them.",
                 mig_show(m, json_object_get(in, "parameters")));
    }
}

/* class_name_mapping as classification:classes, sorted by value (MIG110), or
 * NULL; number_of_classes dropped when the classes count the same, else kept
 * in the outputs with a TODO (*keep_count). */
static json_t *draft_classes(mig *m, json_t *out, const char *ptr, bool *keep_count)
{
    json_t *classes = NULL;
    json_t *map = json_object_get(out, "class_name_mapping");
    if (json_is_object(map)) {
        classes = json_array();
        /* sorted by label value: insertion sort over the (small) mapping */
        const char *k;
        json_t *v;
        json_object_foreach (map, k, v) {
            json_t *c = json_pack("{s:O, s:s, s:s}", "value", v, "name", k, "description", k);
            size_t at = json_array_size(classes);
            while (at > 0 && json_is_integer(v) &&
                   json_integer_value(json_object_get(json_array_get(classes, at - 1), "value")) >
                       json_integer_value(v))
                at--;
            mig_chk(m, json_array_insert_new(classes, at, c));
        }
        mig_note(m, MIG110, mig_key(m, ptr, "class_name_mapping"),
                 mig_tail(m, ptr, "/0/classification:classes"),
                 "class_name_mapping became classification:classes (value and name per class, by "
                 "value; the "
                 "name is repeated as description, which the v1.0.0 schema requires): v1.0.0 uses "
                 "the Classification "
                 "extension's Class Object in Model Outputs.");
    }
    json_t *noc = json_object_get(out, "number_of_classes");
    if (noc) {
        if (classes && json_is_integer(noc) &&
            (size_t)json_integer_value(noc) == json_array_size(classes))
            mig_note(
                m, MIG110, mig_key(m, ptr, "number_of_classes"), NULL,
                "number_of_classes was removed: v1.0.0 has no such field and the count is that of "
                "classification:classes.");
        else {
            *keep_count = true;
            mig_note(m, MIG902, mig_key(m, ptr, "number_of_classes"),
                     mig_tail(m, ptr, "/0/number_of_classes"),
                     "number_of_classes %s has no v1.0.0 field and differs from the classes given "
                     "(or there are "
                     "none); it was left in the output. List the classes in classification:classes "
                     "and remove it.",
                     mig_show(m, noc));
        }
    }
    return classes;
}

/* The draft's one output object -> an array of v1 Model Output Objects. */
static json_t *draft_output(mig *m, json_t *out, const char *ptr, json_t *tasks)
{
    json_t *arr = json_array();
    if (!arr || !json_is_object(out)) {
        if (!arr)
            m->oom = true;
        return arr;
    }
    const char *task = json_string_value(json_object_get(out, "task"));
    const char *t = task ? mig_task_name(m, task) : NULL;
    if (t && !mig_str_in(t, mig_tasks_v1))
        mig_note(
            m, MIG904, mig_key(m, ptr, "task"), mig_tail(m, ptr, "/0/tasks/0"),
            "The task \"%s\" is not one of the v1.0.0 Task Enum values; choose the closest one.",
            task);
    if (t) {
        bool dup = false;
        size_t i;
        json_t *e;
        json_array_foreach (tasks, i, e)
            if (strcmp(json_string_value(e), t) == 0)
                dup = true;
        if (!dup)
            mig_chk(m, json_array_append_new(tasks, json_string(t)));
    }
    bool keep_count = false;
    json_t *classes = draft_classes(m, out, ptr, &keep_count);
    json_t *results = json_object_get(out, "result");
    size_t nres = json_is_array(results) ? json_array_size(results) : 0;
    if (!nres)
        mig_note(
            m, MIG901, mig_key(m, ptr, "result"), mig_tail(m, ptr, "/0"),
            "The output has no result structure, which every v1.0.0 Model Output requires (shape, "
            "dim_order, data_type). Add it.");
    for (size_t i = 0; i < (nres ? nres : 1); i++) {
        json_t *o = json_object();
        mlmp_strbuf nb = MLMP_STRBUF_INIT;
        mlmp_strbuf_puts(&nb, t ? t : "output");
        if (nres > 1)
            mlmp_strbuf_printf(&nb, "-%zu", i + 1);
        const char *name = mig_keep(m, mlmp_strbuf_detach(&nb));
        json_t *given = json_object_get(out, "name");
        if (json_is_string(given) && nres <= 1)
            mig_chk(m, json_object_set(o, "name", given));
        else
            mig_chk(m, json_object_set_new(o, "name", json_string(name)));
        json_t *tl = json_array();
        if (t)
            json_array_append_new(tl, json_string(t));
        mig_chk(m, json_object_set_new(o, "tasks", tl));
        json_t *res = json_array_get(results, i);
        if (json_is_object(res)) {
            json_t *r = json_object();
            const char *k;
            json_t *v;
            json_object_foreach (res, k, v) {
                const char *nk = strcmp(k, "dim_names") == 0 ? "dim_order"
                                 : strcmp(k, "dtype") == 0   ? "data_type"
                                                             : k;
                mig_chk(m, json_object_set(r, nk, v));
            }
            mig_chk(m, json_object_set_new(o, "result", r));
        }
        if (classes)
            mig_chk(m, json_object_set(o, "classification:classes", classes));
        json_t *pp = json_object_get(out, "post_processing_function");
        if (pp)
            mig_chk(m, json_object_set(o, "post_processing_function", pp));
        /* keep members the draft did not define, in each output */
        const char *k;
        json_t *v;
        json_object_foreach (out, k, v)
            if (!mig_str_in(k, (const char *const[]){"task", "name", "number_of_classes", "result",
                                                     "class_name_mapping",
                                                     "post_processing_function", NULL}) ||
                (keep_count && strcmp(k, "number_of_classes") == 0))
                mig_chk(m, json_object_set(o, k, v));
        draft_processing(m, o, mig_index(m, ptr, i), "post_processing_function");
        mig_chk(m, json_array_append_new(arr, o));
    }
    json_decref(classes);
    if (!json_is_string(json_object_get(out, "name")) || nres > 1)
        mig_note(
            m, MIG110, ptr, mig_tail(m, ptr, "/0/name"),
            "The output was named after its task (\"%s\"): v1.0.0 requires a name and says \"if no "
            "explicit name is defined by the model, an informative name can be used instead\".",
            t ? t : "output");
    if (nres > 1)
        mig_note(m, MIG903, mig_key(m, ptr, "result"), ptr,
                 "The draft output has %zu result arrays; each became one v1.0.0 Model Output (one "
                 "per model "
                 "head). Check that this is what the model does and name each output.",
                 nres);
    mig_note(m, MIG110, ptr, ptr,
             "mlm:output, one object, became an array of Model Output Objects with task as tasks "
             "and each "
             "result (dim_names as dim_order, dtype as data_type): v1.0.0 adds the Model Output "
             "Object.");
    return arr;
}

/* The model asset of a draft runtime: merged into the asset with the same
 * href when there is one (adding the mlm:model role), else added. */
json_t *mig_place_asset(mig *m, json_t *assets, const char *from, json_t *a, const char *key,
                        const char *role, mig_id id, const char *why)
{
    const char *href = json_string_value(json_object_get(a, "href"));
    const char *k;
    json_t *v;
    json_object_foreach (assets, k, v) {
        if (href && json_is_object(v) && json_is_string(json_object_get(v, "href")) &&
            strcmp(json_string_value(json_object_get(v, "href")), href) == 0) {
            const char *ak;
            json_t *av;
            json_object_foreach (a, ak, av)
                if (strcmp(ak, "roles") != 0 && !json_object_get(v, ak))
                    mig_chk(m, json_object_set(v, ak, av));
            mig_add_role(m, v, role);
            mig_note(m, id, from, mig_key(m, "/assets", k),
                     "%s was merged into the asset with the same href, with the %s role: %s", from,
                     role, why);
            return v;
        }
    }
    const char *nk = mig_free_key(m, assets, key);
    json_t *c = json_deep_copy(a);
    if (!c) {
        m->oom = true;
        return NULL;
    }
    mig_add_role(m, c, role);
    mig_chk(m, json_object_set_new(assets, nk, c));
    mig_note(m, id, from, mig_key(m, "/assets", nk),
             "%s became the asset \"%s\" with the %s role: %s", from, nk, role, why);
    return c;
}

/* The draft's inputs (one object or an array) and its one output object. */
static void draft_io(mig *m, json_t *lv, const char *lp, json_t *tasks)
{
    json_t *inputs = json_object_get(lv, MLMP_KEY(DRAFT, input));
    if (json_is_object(inputs)) {
        json_t *a = json_pack("[O]", inputs);
        mig_note(m, MIG111, mig_key(m, lp, MLMP_KEY(DRAFT, input)), mig_key(m, lp, "mlm:input/0"),
                 "mlm:input, one object, became an array of one: the draft and v1.0.0 type it as "
                 "[Model Input "
                 "Object].");
        mig_chk(m, json_object_set_new(lv, MLMP_KEY(DRAFT, input), a));
        inputs = a;
    }
    size_t i;
    json_t *in;
    json_array_foreach (inputs, i, in)
        if (json_is_object(in))
            draft_input(m, in, mig_index(m, mig_key(m, lp, MLMP_KEY(DRAFT, input)), i));
    json_t *out = json_object_get(lv, MLMP_KEY(DRAFT, output));
    if (json_is_object(out))
        mig_chk(m, json_object_set_new(
                       lv, MLMP_KEY(DRAFT, output),
                       draft_output(m, out, mig_key(m, lp, MLMP_KEY(DRAFT, output)), tasks)));
}

/* The runtime's artifacts as assets (MIG103, MIG104); the model asset, or
 * an asset that already has a model role; NULL when there is none. */
static json_t *draft_assets(mig *m, json_t *runtime, const char *lp, json_t *assets)
{
    json_t *model_asset = NULL;
    if (json_is_object(runtime)) {
        const char *rp = mig_key(m, lp, MLMP_KEY(DRAFT, runtime));
        json_t *ma = json_object_get(runtime, "model_asset");
        const char *mk = "model_asset";
        if (!ma) {
            ma = json_object_get(runtime, "asset");
            mk = "asset";
        }
        if (json_is_object(ma))
            model_asset = mig_place_asset(
                m, assets, mig_key(m, rp, mk), ma, "model", MLMP_ROLE_MODEL, MIG103,
                "v1.0.0 describes the model artifact as an Asset with the mlm:model role.");
        json_t *sc = json_object_get(runtime, "source_code");
        json_t *a = json_is_object(sc) ? json_incref(sc)
                    : json_is_string(json_object_get(runtime, "source_code_url"))
                        ? json_pack("{s:O}", "href", json_object_get(runtime, "source_code_url"))
                        : NULL;
        if (a)
            mig_place_asset(
                m, assets, mig_key(m, rp, json_is_object(sc) ? "source_code" : "source_code_url"),
                a, "source-code", MLMP_ROLE_SOURCE_CODE, MIG104,
                "v1.0.0 describes source code as an Asset with the mlm:source_code role.");
        json_decref(a);
    }
    const char *k;
    json_t *v;
    json_object_foreach (assets, k, v)
        if (!model_asset && json_is_object(v) &&
            (mig_has_role(v, MLMP_ROLE_MODEL) || mig_has_role(v, "model"))) {
            model_asset = v;
            if (mig_add_role(m, v, MLMP_ROLE_MODEL))
                mig_note(m, MIG103, mig_key(m, "/assets", k), mig_key(m, "/assets", k),
                         "The asset with the model role also got the mlm:model role: v1.0.0 "
                         "requires it on "
                         "the model asset.");
        }
    return model_asset;
}

/* mlm:name, which the draft did not have: the id, else the architecture's name. */
static void draft_name(mig *m, json_t *lv, const char *lp, json_t *arch, json_t *flat)
{
    if (json_object_get(lv, MLMP_KEY(PROPS, name)))
        return;
    json_t *id = json_object_get(m->doc, "id");
    json_t *an = json_object_get(arch, "name");
    json_t *nm = json_is_string(id) ? id : json_is_string(an) ? an : NULL;
    if (nm) {
        mig_chk(m, json_object_set(flat, MLMP_KEY(PROPS, name), nm));
        mig_note(m, MIG901, NULL, mig_key(m, lp, MLMP_KEY(PROPS, name)),
                 "v1.0.0 requires mlm:name, a name for the model that the draft did not have; it "
                 "was set to "
                 "%s (the document's %s). Check it, or give the model's published name.",
                 mig_show(m, nm), nm == id ? "id" : "architecture name");
    } else {
        mig_note(
            m, MIG901, NULL, mig_key(m, lp, MLMP_KEY(PROPS, name)),
            "v1.0.0 requires mlm:name, a name for the model that the draft did not have. Add it.");
    }
}

/* The members of the draft's Architecture Object that become properties as they are (MIG100). */
static const mig_key_row arch_keys[] = {
    {"name", MLMP_KEY(PROPS, architecture)},
    {"memory_size", MLMP_KEY(PROPS, memory_size)},
    {"total_parameters", MLMP_KEY(PROPS, total_parameters)},
    {"pretrained_source", MLMP_KEY(PROPS, pretrained_source)},
};

/* One member of the Architecture Object: a property, a field of the model
 * asset (MIG101), or a TODO (MIG902). */
static void draft_arch_member(mig *m, const char *ap, const char *k, json_t *v, json_t *flat,
                              json_t *model_asset)
{
    const char *nk = mig_renamed(arch_keys, MLMP_ARRAY_LEN(arch_keys), k);
    if (nk != k) {
        if (strcmp(k, "pretrained_source") == 0)
            mig_chk(m, json_object_set_new(flat, MLMP_KEY(PROPS, pretrained), json_true()));
        mig_chk(m, json_object_set(flat, nk, v));
    } else if (strcmp(k, "file_size") == 0 && model_asset) {
        mig_chk(m, json_object_set(model_asset, "file:size", v));
        mig_note(
            m, MIG101, mig_key(m, ap, k), NULL,
            "file_size became file:size of the model asset: v1.0.0 says \"disk_size replaced by "
            "file:size\" (File extension on the Asset).");
    } else if (strcmp(k, "summary") == 0 && model_asset &&
               !json_object_get(model_asset, "description")) {
        mig_chk(m, json_object_set(model_asset, "description", v));
        mig_note(
            m, MIG101, mig_key(m, ap, k), NULL,
            "The architecture summary became the description of the model asset: v1.0.0 has no "
            "summary field.");
    } else {
        mig_note(
            m, MIG902, mig_key(m, ap, k), NULL,
            "mlm:architecture/%s %s has no v1.0.0 equivalent and was removed; keep it elsewhere "
            "(e.g. a description) if it matters.",
            k, mig_show(m, v));
    }
}

/* The Architecture Object flattened at its place, with mlm:name and mlm:tasks (flat is stolen). */
static void draft_architecture(mig *m, json_t *lv, const char *lp, json_t *arch, json_t *flat,
                               json_t *tasks, json_t *model_asset)
{
    if (!json_is_object(arch)) {
        if (json_array_size(tasks))
            mig_chk(m, json_object_set(flat, MLMP_KEY(PROPS, tasks), tasks));
        mig_splice(m, lv, MLMP_KEY(PROPS, name), flat);
        return;
    }
    const char *ap = mig_key(m, lp, MLMP_KEY(DRAFT, architecture));
    const char *k;
    json_t *v;
    json_object_foreach (arch, k, v) {
        draft_arch_member(m, ap, k, v, flat, model_asset);
        if (strcmp(k, "name") == 0 && json_array_size(tasks))
            mig_chk(m, json_object_set(flat, MLMP_KEY(PROPS, tasks), tasks));
    }
    if (!json_object_get(flat, MLMP_KEY(PROPS, tasks)) && json_array_size(tasks))
        mig_chk(m, json_object_set(flat, MLMP_KEY(PROPS, tasks), tasks));
    mig_note(
        m, MIG100, ap, lp,
        "mlm:architecture, an object, was flattened: name became mlm:architecture (a string), "
        "memory_size mlm:memory_size, total_parameters mlm:total_parameters, pretrained_source "
        "mlm:pretrained_source with mlm:pretrained true: v1.0.0 defines them as properties.");
    mig_splice(m, lv, MLMP_KEY(DRAFT, architecture), flat);
}

/* The members of the draft's Runtime Object that become properties (MIG102). */
static const mig_key_row runtime_keys[] = {
    {"framework", MLMP_KEY(PROPS, framework)},
    {"version", MLMP_KEY(PROPS, framework_version)},
    {"accelerator", MLMP_KEY(PROPS, accelerator)},
    {"accelerator_constrained", MLMP_KEY(PROPS, accelerator_constrained)},
    {"hardware_summary", MLMP_KEY(PROPS, accelerator_summary)},
    {"batch_size_suggestion", MLMP_KEY(PROPS, batch_size_suggestion)},
};

/* One member of the Runtime Object into rf (the properties it becomes). */
static void draft_runtime_member(mig *m, const char *rp, const char *lp, const char *k, json_t *v,
                                 json_t *rf)
{
    const char *nk = mig_renamed(runtime_keys, MLMP_ARRAY_LEN(runtime_keys), k);
    if (nk != k && strcmp(k, "accelerator") == 0 &&
        !mig_str_in(json_string_value(v), mig_accelerators_v1)) {
        mig_note(
            m, MIG904, mig_key(m, rp, k), mig_key(m, lp, nk),
            "The accelerator %s is not a v1.0.0 Accelerator Type; it was kept as it was. Choose "
            "one "
            "(amd64, cuda, xla, amd-rocm, intel-ipex-cpu, intel-ipex-gpu, macos-arm), or null.",
            mig_show(m, v));
        mig_chk(m, json_object_set(rf, nk, v));
    } else if (nk != k && strcmp(k, "batch_size_suggestion") == 0 && json_is_real(v) &&
               json_real_value(v) == floor(json_real_value(v)) && fabs(json_real_value(v)) < 1e15) {
        mig_chk(m, json_object_set_new(rf, nk, json_integer((json_int_t)json_real_value(v))));
    } else if (nk != k) {
        mig_chk(m, json_object_set(rf, nk, v));
    } else if (!mig_str_in(k, (const char *const[]){"model_asset", "asset", "source_code",
                                                    "source_code_url", NULL})) {
        mig_note(m, MIG902, mig_key(m, rp, k), NULL,
                 "mlm:runtime/%s %s has no v1.0.0 equivalent and was removed%s.", k, mig_show(m, v),
                 strcmp(k, "docker") == 0
                     ? "; describe the image as an Asset with the mlm:container role"
                 : strcmp(k, "model_commit_hash") == 0
                     ? "; the source code asset's href can name the commit"
                     : "");
    }
}

/* The Runtime Object flattened at its place. */
static void draft_runtime(mig *m, json_t *lv, const char *lp, json_t *runtime)
{
    const char *rp = mig_key(m, lp, MLMP_KEY(DRAFT, runtime));
    json_t *rf = json_object();
    const char *k;
    json_t *v;
    json_object_foreach (runtime, k, v)
        draft_runtime_member(m, rp, lp, k, v, rf);
    mig_note(m, MIG102, rp, lp,
             "mlm:runtime, an object, was flattened: framework became mlm:framework, version "
             "mlm:framework_version, accelerator mlm:accelerator, accelerator_constrained "
             "mlm:accelerator_constrained, hardware_summary mlm:accelerator_summary, "
             "batch_size_suggestion "
             "mlm:batch_size_suggestion: v1.0.0 defines them as properties and the artifacts as "
             "Assets.");
    mig_splice(m, lv, MLMP_KEY(DRAFT, runtime), rf);
}

static void draft_level(mig *m, json_t *lv, const char *lp)
{
    json_t *assets = json_object_get(m->doc, "assets");
    if (!json_is_object(assets)) {
        assets = json_object();
        mig_chk(m, json_object_set_new(m->doc, "assets", assets));
    }
    json_t *tasks = json_array(), *flat = json_object();
    if (!tasks || !flat) {
        json_decref(tasks);
        json_decref(flat);
        m->oom = true;
        return;
    }
    draft_io(m, lv, lp, tasks);
    json_t *arch = json_object_get(lv, MLMP_KEY(DRAFT, architecture));
    json_t *runtime = json_object_get(lv, MLMP_KEY(DRAFT, runtime));
    json_t *model_asset = draft_assets(m, runtime, lp, assets);
    draft_name(m, lv, lp, arch, flat);
    draft_architecture(m, lv, lp, arch, flat, tasks, model_asset);
    if (json_array_size(tasks))
        mig_note(m, MIG111, mig_key(m, lp, MLMP_KEY(DRAFT, output)),
                 mig_key(m, lp, MLMP_KEY(PROPS, tasks)),
                 "mlm:tasks was made from the outputs' tasks: v1.0.0 requires it and says to "
                 "\"specify all available "
                 "tasks under the main properties\".");
    else if (!json_object_get(lv, MLMP_KEY(PROPS, tasks)))
        mig_note(
            m, MIG901, NULL, mig_key(m, lp, MLMP_KEY(PROPS, tasks)),
            "v1.0.0 requires mlm:tasks and the draft output named no task. Add the model's tasks.");
    json_decref(tasks);
    if (json_is_object(runtime))
        draft_runtime(m, lv, lp, runtime);
    if (json_object_get(lv, "parameters")) {
        mig_rename(m, lv, "parameters", MLMP_KEY(PROPS, hyperparameters), NULL);
        mig_note(m, MIG112, mig_key(m, lp, "parameters"),
                 mig_key(m, lp, MLMP_KEY(PROPS, hyperparameters)),
                 "parameters became mlm:hyperparameters: v1.0.0's open object for the model's "
                 "parameters.");
    }
    if (!model_asset)
        mig_note(m, MIG901, NULL, "/assets",
                 "No asset describes the model artifact; v1.0.0 requires an asset with the "
                 "mlm:model role. Add it.");
}

/* A Collection's summaries in the draft: the inputs and outputs each summary
 * lists (or its const gives) go through the same draft_input() and
 * draft_output() as an Item's; the nested architecture and runtime objects
 * would become several summaries each, so they are TODOs. */
static void draft_summaries(mig *m)
{
    json_t *sum = json_object_get(m->doc, "summaries");
    if (!json_is_object(sum))
        return;
    mig_level lv = {sum, "/summaries", true};
    mig_values vs = mig_field_values(m, &lv, MLMP_KEY(DRAFT, input));
    for (size_t i = 0; i < vs.n; i++) {
        size_t j;
        json_t *in, *v = mig_value_at(&vs, i);
        if (json_is_object(v))
            draft_input(m, v, mig_value_ptr(m, &vs, i));
        else
            json_array_foreach (v, j, in)
                if (json_is_object(in))
                    draft_input(m, in, mig_index(m, mig_value_ptr(m, &vs, i), j));
    }
    vs = mig_field_values(m, &lv, MLMP_KEY(DRAFT, output));
    size_t n = vs.n;
    json_t *tasks = json_array();
    json_t *outs = json_array();
    for (size_t i = 0; i < n && tasks && outs; i++) {
        json_t *v = mig_value_at(&vs, i);
        json_t *o = json_is_object(v) && json_object_get(v, "task")
                        ? draft_output(m, v, mig_value_ptr(m, &vs, i), tasks)
                        : json_pack("[O]", v);
        mig_chk(m, o ? json_array_extend(outs, o) : -1);
        json_decref(o);
    }
    json_t *os = json_object_get(sum, MLMP_KEY(DRAFT, output));
    if (n && json_is_object(os))
        mig_chk(m, json_object_set(os, "const", outs));
    else if (n)
        mig_chk(m, json_object_set(sum, MLMP_KEY(DRAFT, output), outs));
    json_decref(outs);
    json_decref(tasks); /* a Collection needs no mlm:tasks summary */
    static const char *const nested[] = {MLMP_KEY(DRAFT, architecture), MLMP_KEY(DRAFT, runtime)};
    for (size_t k = 0; k < 2; k++) {
        vs = mig_field_values(m, &lv, nested[k]);
        for (size_t i = 0; i < vs.n; i++)
            if (json_is_object(mig_value_at(&vs, i))) {
                mig_summary_todo(
                    m, &lv, nested[k],
                    "a list of draft objects, each of which v1.0.0 splits into "
                    "several properties (e.g. mlm:architecture, mlm:total_parameters)");
                break;
            }
    }
}

void mig_step_draft(mig *m)
{
    if (mig_is_collection(m->doc)) {
        draft_summaries(m);
        draft_level(m, m->doc, "");
    } else if (json_is_object(json_object_get(m->doc, "properties"))) {
        draft_level(m, json_object_get(m->doc, "properties"), "/properties");
    } else if (mig_is_bare(m->doc)) {
        draft_level(m, m->doc, ""); /* no STAC object around the fields: check_stac() says so */
    }
}
