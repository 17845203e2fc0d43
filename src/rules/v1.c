/*
 * Document structure of the released MLM versions (v1.0.0 .. v1.5.2): what
 * the official schema checks above the level of single field values.
 *
 *  - the top level: v1.0.0-v1.2.0 are a oneOf of an Item branch and a
 *    Collection branch (any other "type" fails both); v1.3.0+ are an allOf of
 *    if/then on "type" (other types pass untouched);
 *  - the objects that must be there (properties, assets) and the required
 *    mlm: fields of Item properties;
 *  - the scoping of fields to levels (v1.4.0+);
 *  - the stac_extensions self-reference, with the broken $id of the copies
 *    of v1.0.0-v1.3.0 published at stac-extensions.github.io;
 *  - the asset role rules, which changed form in almost every version;
 *  - the band and variable cross-references (v1.3.0+ / v1.5.0+);
 *  - the Collection branch, where the field schema is applied to every
 *    summary value (a defect: array summaries are rejected).
 *
 * Values of the mlm: fields themselves are checked by mlmp_v1_fields()
 * (v1_fields.c), called here for every object that holds them.
 *
 * What differs between versions is their row of src/facts/versions.def
 * (read by layout_for); the conditional rules are small named functions
 * below. Facts come from the published schemas (see docs and
 * KNOWN-BEHAVIOUR), not from the spec text.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "facts.h"
#include "rules/rules.h"
#include "rules/v1_structure.h"

/* How a schema decides that an asset "has the mlm:model role". */
typedef enum role_flavor {
    /* v1.0.0-v1.3.0 AssetModelRole: required roles, roles contains the
     * string "mlm:model"; no type checks, so a non-object asset or a roles
     * value that is not an array counts as a model asset. */
    ROLE_LOOSE,
    /* v1.4.0+: an object whose roles is a non-empty array containing "mlm:model". */
    ROLE_STRICT
} role_flavor;

/* Which "at least one model asset" rule a version has. */
typedef enum model_rule {
    MODEL_EVERY,     /* v1.0.0, v1.1.0: every Item asset needs the role */
    MODEL_MIN_LOOSE, /* v1.2.0, v1.3.0: AssetModelRoleMinimumOneDefinition, old form */
    MODEL_MIN_STRICT /* v1.4.0+: same, with the strict AssetModelRole */
} model_rule;

typedef struct v1_layout {
    mlm_spec_version v;
    const char *name; /* "1.2.0" */
    bool one_of;      /* top level is oneOf(Item, Collection) */
    model_rule model;
    role_flavor role;       /* AssetModelRole used by the band rules */
    bool item_assets;       /* Collection item_assets are checked */
    bool bands_inputs;      /* AnyBandsRef on inputs at the document level */
    bool bands_outputs;     /* ... and on outputs */
    bool variables;         /* AnyVariablesRef */
    bool scoped;            /* mlmItemFields / mlmAssetFields / mlmCollectionFields */
    bool artifact_type;     /* AssetModelRequiredProperties */
    bool entrypoint;        /* AssetCodeRoleWithEntrypoint, entrypoint scoped */
    bool item_assets_typed; /* Item "assets" must be an object */
    /* What the copy at stac-extensions.github.io requires in stac_extensions. */
    const char *se_requires;
} v1_layout;

#define SE MLMP_URL_SE_PREFIX
#define CRIM MLMP_URL_CRIM_PREFIX
#define TAIL MLMP_URL_SUFFIX

/* The layout of release v, from its row of src/facts/versions.def; false
 * when v is not a release. */
static bool layout_for(mlm_spec_version v, v1_layout *L)
{
    const mlmp_version_fact *f = mlmp_version_get(v);
    if (!f || !(f->flags & MLMP_VF_RELEASED))
        return false;
    bool strict = (f->flags & MLMP_VF_ROLE_STRICT) != 0;
    *L = (v1_layout){
        .v = v,
        .name = f->name,
        .one_of = (f->flags & MLMP_VF_ONE_OF) != 0,
        .model = (f->flags & MLMP_VF_MODEL_EVERY) ? MODEL_EVERY
                 : strict                         ? MODEL_MIN_STRICT
                                                  : MODEL_MIN_LOOSE,
        .role = strict ? ROLE_STRICT : ROLE_LOOSE,
        .item_assets = (f->flags & MLMP_VF_ITEM_ASSETS) != 0,
        .bands_inputs = (f->flags & MLMP_VF_BANDS_INPUTS) != 0,
        .bands_outputs = (f->flags & MLMP_VF_BANDS_OUTPUTS) != 0,
        .variables = (f->flags & MLMP_VF_VARIABLES) != 0,
        .scoped = (f->flags & MLMP_VF_SCOPED) != 0,
        .artifact_type = (f->flags & MLMP_VF_ARTIFACT_TYPE) != 0,
        .entrypoint = (f->flags & MLMP_VF_ENTRYPOINT) != 0,
        .item_assets_typed = (f->flags & MLMP_VF_ASSETS_TYPED) != 0,
        .se_requires = f->self_id,
    };
    return true;
}

/* Fields a level may not hold (scoped versions), with the version they
 * start in: the mlm: fields whose flags have one of `mask`. */
typedef struct scoped_field {
    const char *name;
    mlm_spec_version since;
    const char *where; /* where it belongs, for the hint */
} scoped_field;

static size_t scoped_fields(unsigned mask, scoped_field *out)
{
    size_t n = 0;
    for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
        const mlmp_field_fact *f = mlmp_field_at(i);
        if (f->object != MLMP_O_PROPS || !(f->flags & mask))
            continue;
        out[n].name = f->key;
        out[n].since = f->since;
        out[n].where = (f->flags & MLMP_FF_MODEL_ASSET) ? "the model asset"
                       : (f->flags & MLMP_FF_CODE_ASSET)
                           ? "the asset holding the code (with the \"code\" role)"
                           : "the Item properties";
        n++;
    }
    return n;
}

/* --- small matchers (exported for the unit tests) --------------------------- */

static bool str_is(const json_t *v, const char *s)
{
    return json_is_string(v) && strcmp(json_string_value(v), s) == 0;
}

/* One or more ASCII digits at *p; advances. */
static bool digits(const char **p)
{
    const char *s = *p;
    while (*s >= '0' && *s <= '9')
        s++;
    if (s == *p)
        return false;
    *p = s;
    return true;
}

bool mlmp_v1_match_ext_url(const char *s, const char *name, char major)
{
    /* The unanchored pattern
     *   https://stac-extensions\.github\.io/<name>/v<major>(\.[0-9]+){2}/schema\.json
     * found anywhere in s. Digit runs cannot be followed by a digit-free
     * alternative, so no backtracking is needed beyond trying each start. */
    static const char host[] = "https://stac-extensions.github.io/";
    size_t hl = sizeof(host) - 1, nl = strlen(name);
    for (const char *p = s; (p = strstr(p, host)) != NULL; p++) {
        const char *q = p + hl;
        if (strncmp(q, name, nl) != 0)
            continue;
        q += nl;
        if (q[0] != '/' || q[1] != 'v' || q[2] != major)
            continue;
        q += 3;
        if (*q++ != '.' || !digits(&q) || *q++ != '.' || !digits(&q))
            continue;
        if (strncmp(q, TAIL, strlen(TAIL)) == 0)
            return true;
    }
    return false;
}

bool mlmp_v1_match_stac_1_1(const char *s)
{
    /* The unanchored pattern 1\.[1-9][0-9]*\.[0-9]+(-.*)? ; the optional
     * tail never changes whether it matches. */
    for (const char *p = s; *p; p++) {
        const char *q = p;
        if (q[0] != '1' || q[1] != '.' || q[2] < '1' || q[2] > '9')
            continue;
        q += 3;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q++ != '.')
            continue;
        if (digits(&q))
            return true;
    }
    return false;
}

/* stac_extensions (an array) holds a string matching the extension pattern. */
static bool lists_extension(const json_t *root, const char *name, char major)
{
    const json_t *exts = json_object_get(root, "stac_extensions");
    size_t i;
    const json_t *e;
    if (!json_is_array(exts))
        return false;
    json_array_foreach (exts, i, e) {
        if (json_is_string(e) && mlmp_v1_match_ext_url(json_string_value(e), name, major))
            return true;
    }
    return false;
}

/* stac_version_1.1: required, and a string must contain a 1.x (x >= 1) version. */
static bool stac_1_1(const json_t *root)
{
    const json_t *v = json_object_get(root, "stac_version");
    if (!v)
        return false;
    return !json_is_string(v) || mlmp_v1_match_stac_1_1(json_string_value(v));
}

bool mlmp_v1_asset_is_model(const json_t *asset, bool strict)
{
    if (!json_is_object(asset))
        return !strict;
    const json_t *roles = json_object_get(asset, "roles");
    if (!roles)
        return false;
    if (!json_is_array(roles))
        return !strict;
    return mlmp_json_array_has_string(roles, MLMP_ROLE_MODEL);
}

/* A non-empty array whose items are all objects (with a non-empty string
 * "name" when need_name). */
static bool band_list_ok(const json_t *v, bool need_name)
{
    size_t i;
    const json_t *e;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return false;
    json_array_foreach (v, i, e) {
        if (!json_is_object(e))
            return false;
        if (need_name) {
            const json_t *n = json_object_get(e, "name");
            if (n && (!json_is_string(n) || mlmp_json_strlen(n) < 1))
                return false;
            if (!n)
                return false;
        }
    }
    return true;
}

/* A non-empty object (cube:variables). */
static bool variables_ok(const json_t *v) { return json_is_object(v) && json_object_size(v) > 0; }

/* --- stac_extensions -------------------------------------------------------- */

static bool lists_url(const json_t *exts, const char *url, size_t *index)
{
    size_t i;
    const json_t *e;
    json_array_foreach (exts, i, e) {
        if (str_is(e, url)) {
            if (index)
                *index = i;
            return true;
        }
    }
    return false;
}

static void check_stac_extensions(mlmp_ctx *c, const v1_layout *L)
{
    char se_url[96], crim_url[96];
    snprintf(se_url, sizeof(se_url), SE "%s" TAIL, L->name);
    snprintf(crim_url, sizeof(crim_url), CRIM "%s" TAIL, L->name);
    bool has_crim_copy = (mlmp_version_get(L->v)->hosts & MLMP_HOST_CRIM) != 0;
    const json_t *exts = json_object_get(c->root, "stac_extensions");
    const char *want = has_crim_copy ? crim_url : se_url;

    if (c->inferred)
        return; /* no MLM URL at all: MLM005 / MLM007 said so already */
    if (!exts) {
        char hint[160];
        snprintf(hint, sizeof(hint), "add \"stac_extensions\": [\"%s\"]", want);
        mlmp_report(c, "MLM201", hint,
                    "stac_extensions is missing; the MLM v%s schema requires it to list %s",
                    L->name, want);
        return;
    }
    if (!json_is_array(exts)) {
        char got[96];
        mlmp_path_push_key(c, "stac_extensions");
        mlmp_report(c, "MLM101", "make stac_extensions an array of schema URLs",
                    "stac_extensions must be an array of schema URLs, found %s",
                    mlmp_json_found(exts, got, sizeof(got)));
        mlmp_path_pop(c);
        return;
    }

    size_t se_index = 0, crim_index = 0;
    bool lists_se = lists_url(exts, se_url, &se_index);
    bool lists_crim = has_crim_copy && lists_url(exts, crim_url, &crim_index);
    char hint[256];

    mlmp_path_push_key(c, "stac_extensions");
    if (!lists_se && !lists_crim) {
        /* The version was forced by the caller: the schema of that version
         * still requires its own URL. */
        snprintf(hint, sizeof(hint), "add \"%s\" to stac_extensions", want);
        mlmp_report(c, "MLM201", hint,
                    "stac_extensions does not list %s, which the MLM v%s schema requires", want,
                    L->name);
    } else if (lists_se && !lists_url(exts, L->se_requires, NULL)) {
        /* Every copy at stac-extensions.github.io requires its own URL from
         * v1.4.0; the v1.0.0-v1.3.0 copies require something else. */
        if (strcmp(L->se_requires, crim_url) != 0) { /* not even a real URL */
            if (lists_crim)
                snprintf(hint, sizeof(hint),
                         "remove this URL and keep %s (the copy published there is correct), "
                         "or move to MLM v1.4.0 or later (mlm-migrate --to 1.4.0)",
                         crim_url);
            else
                snprintf(hint, sizeof(hint),
                         "list %s instead (the copy published there is correct), or move to "
                         "MLM v1.4.0 or later (mlm-migrate --to 1.4.0)",
                         crim_url);
            mlmp_report_index(
                c, se_index, "MLM201", hint,
                "the schema published at %s has a broken $id, so it requires stac_extensions "
                "to contain \"%s\", which is not a real URL; no document listing %s can pass "
                "that schema",
                se_url, L->se_requires, se_url);
        } else {
            snprintf(hint, sizeof(hint),
                     "list %s instead of (or as well as) this URL, or move to MLM v1.4.0 or "
                     "later (mlm-migrate --to 1.4.0)",
                     crim_url);
            mlmp_report_index(c, se_index, "MLM201", hint,
                              "the schema published at %s has a broken $id and requires "
                              "stac_extensions to also list %s",
                              se_url, L->se_requires);
        }
    }
    mlmp_path_pop(c);
}

/* --- helpers for reporting --------------------------------------------------- */

/* Report a missing required field of obj (at the current pointer), with a
 * near-miss key of obj as the hint when there is one. */
static void report_missing(mlmp_ctx *c, const json_t *obj, const char *field, const char *what)
{
    const char *k;
    const json_t *v;
    char hint[160];
    const char *h = NULL;
    const char *from = NULL;
    mlmp_object_foreach (obj, k, v) {
        (void)v;
        /* A field the version defines is needed as it is ("mlm:input" is no
         * misspelt "mlm:output"): only an unknown key can be the slip. */
        if (strcmp(k, field) != 0 && !mlmp_v1_known_field(c, k) && mlmp_suggest(k, &field, 1)) {
            snprintf(hint, sizeof(hint), "rename \"%s\" to \"%s\"", k, field);
            h = hint;
            from = k;
            break;
        }
    }
    if (!h) {
        snprintf(hint, sizeof(hint), "add \"%s\"", field);
        h = hint;
    }
    mlmp_report(c, "MLM100", h, "%s lacks the required field %s", what, field);
    if (from) { /* safe when no other required field is as near */
        const char *required[MLMP_F_COUNT_];
        size_t n = 0;
        for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
            const mlmp_field_fact *f = mlmp_field_at(i);
            if (f->object == MLMP_O_PROPS && (f->flags & MLMP_FF_REQUIRED) &&
                mlmp_field_in(f, c->spec))
                required[n++] = f->key;
        }
        mlmp_fix_rename(c, from, field, mlmp_suggest_is_sure(from, field, required, n));
    }
}

static void report_not_object(mlmp_ctx *c, const json_t *v, const char *what)
{
    char got[96];
    mlmp_report(c, "MLM101", "write it as a JSON object ({...})", "%s must be an object, found %s",
                what, mlmp_json_found(v, got, sizeof(got)));
}

static void check_scoped(mlmp_ctx *c, const json_t *obj, unsigned forbidden, const char *level_name)
{
    scoped_field fields[MLMP_F_COUNT_];
    size_t n = scoped_fields(forbidden, fields);
    for (size_t i = 0; i < n; i++) {
        if (c->spec < fields[i].since || !json_object_get(obj, fields[i].name))
            continue;
        char hint[160];
        snprintf(hint, sizeof(hint), "move %s to %s", fields[i].name, fields[i].where);
        mlmp_report_key(c, fields[i].name, "MLM207", hint,
                        "%s is not allowed %s in MLM v%s (fields are scoped to levels from "
                        "v1.4.0 on)",
                        fields[i].name, level_name, mlm_spec_version_name(c->spec));
    }
}

/* --- artifact type examples ----------------------------------------------------------
 * The artifact types each version's text recommends, from the facts table
 * (vocabulary ARTIFACT_TYPE, with the framework each is listed under). */

/* The framework of a model asset: its own mlm:framework, else the Item's. */
static const char *framework_of(const mlmp_ctx *c, const json_t *asset)
{
    const char *key = MLMP_KEY(PROPS, framework);
    const char *f = json_string_value(json_object_get(asset, key));
    if (!f)
        f = json_string_value(json_object_get(json_object_get(c->root, "properties"), key));
    if (!f)
        f = json_string_value(json_object_get(c->root, key));
    return f;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
    return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

void mlmp_artifact_type_hint(const mlmp_ctx *c, const json_t *asset, const char *lead, char *buf,
                             size_t len)
{
    const char *f = framework_of(c, asset);
    const char *href = json_string_value(json_object_get(asset, "href"));
    size_t hl = href ? strlen(href) : 0;
    bool pt_file = hl > 3 && (strcmp(href + hl - 3, ".pt") == 0 ||
                              (hl > 4 && strcmp(href + hl - 4, ".pth") == 0));
    const char *family =
        starts_with_ci(f, "pytorch") || starts_with_ci(f, "torch") || (!f && pt_file) ? "PyTorch"
        : starts_with_ci(f, "tensorflow") || starts_with_ci(f, "keras") || starts_with_ci(f, "tf")
            ? "TensorFlow"
            : NULL;
    const char *ex[2] = {NULL, NULL};
    size_t n = 0;
    char families[64] = "";
    for (size_t i = 0; mlmp_term_at(i); i++) {
        const mlmp_term *t = mlmp_term_at(i);
        if (t->vocab != MLMP_VOC_ARTIFACT_TYPE || !t->extra ||
            !mlmp_version_in(c->spec, t->since, t->until))
            continue;
        if (!strstr(families, t->extra) &&
            strlen(families) + strlen(t->extra) + 6 < sizeof(families)) {
            if (families[0])
                strcat(families, " and ");
            strcat(families, t->extra);
        }
        if (family && strcmp(t->extra, family) == 0 && n < 2)
            ex[n++] = t->value;
    }
    if (n == 2)
        snprintf(buf, len, "%s (for example \"%s\" or \"%s\", as MLM %s recommends for %s)", lead,
                 ex[0], ex[1], mlm_spec_version_name(c->spec), family);
    else
        snprintf(buf, len,
                 "%s, naming how the artifact was saved (any string is allowed; the "
                 "values MLM %s recommends are for %s only)",
                 lead, mlm_spec_version_name(c->spec), families[0] ? families : "other frameworks");
}

/* --- assets of an Item --------------------------------------------------------- */

static void check_item_asset_roles(mlmp_ctx *c, const v1_layout *L, const char *key,
                                   const json_t *a)
{
    const json_t *roles = json_object_get(a, "roles");
    if (L->model == MODEL_EVERY) {
        static const char hint[] =
            "add \"mlm:model\" to the roles of this asset, or move to MLM v1.2.0 or later "
            "(mlm-migrate --to 1.2.0), where one model asset is enough";
        if (!roles)
            mlmp_report(c, "MLM203", hint,
                        "asset \"%s\" has no roles; the MLM v%s schema requires the mlm:model "
                        "role on every asset of an Item",
                        key, L->name);
        else if (json_is_array(roles) && !mlmp_json_array_has_string(roles, MLMP_ROLE_MODEL))
            mlmp_report_key(c, "roles", "MLM203", hint,
                            "the roles of asset \"%s\" lack \"mlm:model\"; the MLM v%s schema "
                            "requires that role on every asset of an Item",
                            key, L->name);
        return;
    }
    if (L->artifact_type) {
        bool model = mlmp_v1_asset_is_model(a, true);
        const json_t *at = json_object_get(a, MLMP_KEY(PROPS, artifact_type));
        if (model && !at) {
            char hint[320];
            mlmp_artifact_type_hint(c, a, "add \"mlm:artifact_type\" to this asset", hint,
                                    sizeof(hint));
            mlmp_report(c, "MLM204", hint,
                        "asset \"%s\" has the mlm:model role but no mlm:artifact_type", key);
        } else if (!model && at)
            mlmp_report_key(c, MLMP_KEY(PROPS, artifact_type), "MLM205",
                            "give this asset the \"mlm:model\" role, or remove "
                            "mlm:artifact_type from it",
                            "mlm:artifact_type is only allowed on assets with the mlm:model "
                            "role; asset \"%s\" does not have it",
                            key);
    }
    if (L->entrypoint && json_object_get(a, MLMP_KEY(PROPS, entrypoint))) {
        if (!(json_is_array(roles) && mlmp_json_array_has_string(roles, "code")))
            mlmp_report_key(c, MLMP_KEY(PROPS, entrypoint), "MLM206",
                            "add \"code\" to the roles of this asset, or remove mlm:entrypoint",
                            "mlm:entrypoint is only allowed on an asset with the \"code\" role; "
                            "asset \"%s\" %s",
                            key, roles ? "does not have it" : "has no roles");
    }
}

/* AssetModelRoleMinimumOneDefinition (v1.2.0+), as the schema evaluates it. */
static void check_min_one_model(mlmp_ctx *c, const v1_layout *L, const json_t *assets)
{
    const char *k;
    const json_t *a;
    bool any_with_roles = false, some_not_model = false, cond_no_model = true;
    mlmp_object_foreach (assets, k, a) {
        (void)k;
        const json_t *roles = json_is_object(a) ? json_object_get(a, "roles") : NULL;
        if (roles) {
            any_with_roles = true;
            size_t i;
            const json_t *r;
            if (!json_is_array(roles))
                cond_no_model = false;
            else
                json_array_foreach (roles, i, r) {
                    if (!json_is_string(r) || str_is(r, MLMP_ROLE_MODEL))
                        cond_no_model = false;
                }
        }
        if (L->model == MODEL_MIN_STRICT && !mlmp_v1_asset_is_model(a, true))
            some_not_model = true;
    }
    if (L->model == MODEL_MIN_LOOSE)
        some_not_model = any_with_roles;
    if (!(some_not_model && cond_no_model))
        return;
    char hint[200];
    snprintf(hint, sizeof(hint),
             "add \"mlm:model\" to the roles of the asset that holds the model%s",
             L->model == MODEL_MIN_STRICT ? " (and give it mlm:artifact_type)" : "");
    if (L->model == MODEL_MIN_STRICT && !any_with_roles)
        mlmp_report(c, "MLM202", hint,
                    "no asset has the mlm:model role (no asset has roles at all); an MLM Item "
                    "needs at least one model asset");
    else {
        /* One role written as a slip of "mlm:model" ("mlm:modle", "mlm_model"): that is
         * evidently the model asset; the role is corrected in place. */
        const char *slip_key = NULL, *slip = NULL;
        size_t slip_index = 0, slips = 0;
        const char *model_role = MLMP_ROLE_MODEL;
        mlmp_object_foreach (assets, k, a) {
            size_t i;
            const json_t *r;
            json_array_foreach (json_is_object(a) ? json_object_get(a, "roles") : NULL, i, r) {
                const char *rs = json_string_value(r);
                if (rs && strcmp(rs, model_role) != 0 && mlmp_suggest(rs, &model_role, 1) &&
                    mlmp_suggest_is_sure(rs, model_role, &model_role, 1)) {
                    slips++;
                    slip_key = k;
                    slip = rs;
                    slip_index = i;
                }
            }
        }
        if (slips == 1) {
            snprintf(hint, sizeof(hint),
                     "asset \"%s\" has the role \"%s\": did you mean "
                     "\"%s\"?",
                     slip_key, slip, model_role);
        }
        mlmp_report(c, "MLM202", hint,
                    "no asset has the mlm:model role; an MLM Item needs at least one model "
                    "asset");
        if (slips == 1) {
            char at[32];
            snprintf(at, sizeof(at), "%zu", slip_index);
            mlmp_path_push_key(c, slip_key);
            mlmp_path_push_key(c, "roles");
            mlmp_fix_replace_string(c, at, slip, model_role, true);
            mlmp_path_pop(c);
            mlmp_path_pop(c);
        }
    }
}

/* --- band and variable cross-references ----------------------------------------- */

/* Every entry of props[field] (a non-empty array) is an object with a
 * non-empty array under `key`. */
static bool all_list(const json_t *props, const char *field, const char *key)
{
    const json_t *arr = json_object_get(props, field);
    size_t i;
    const json_t *e;
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return false;
    json_array_foreach (arr, i, e) {
        const json_t *b = json_is_object(e) ? json_object_get(e, key) : NULL;
        if (!json_is_array(b) || json_array_size(b) == 0)
            return false;
    }
    return true;
}

/* Every model asset (by the version's AssetModelRole) has a field that
 * `ok` accepts; stores the first one that does not. Assets that are not an
 * object pass (the schema's conditions do not apply to them). */
static bool model_assets_have(const json_t *root, bool strict, const char *field,
                              bool (*ok)(const json_t *, bool), bool need_name,
                              const char **first_bad)
{
    const json_t *assets = json_object_get(root, "assets");
    const char *k;
    const json_t *a;
    if (!assets)
        return false;
    mlmp_object_foreach (assets, k, a) {
        if (!json_is_object(a) || !mlmp_v1_asset_is_model(a, strict))
            continue;
        if (!ok(json_object_get(a, field), need_name)) {
            if (first_bad)
                *first_bad = k;
            return false;
        }
    }
    return true;
}

static bool variables_ok2(const json_t *v, bool unused)
{
    (void)unused;
    return variables_ok(v);
}

static void check_bands(mlmp_ctx *c, const v1_layout *L, const json_t *props)
{
    if (!json_is_object(props))
        return;
    bool in = L->bands_inputs && all_list(props, MLMP_KEY(PROPS, input), "bands");
    bool out = L->bands_outputs && all_list(props, MLMP_KEY(PROPS, output), "bands");
    if (!in && !out)
        return;
    bool strict = L->role == ROLE_STRICT;
    const char *bad_raster = NULL, *bad_eo = NULL;
    bool raster = lists_extension(c->root, "raster", '1');
    bool eo = lists_extension(c->root, "eo", '1');
    bool s11 = stac_1_1(c->root);
    if (raster &&
        model_assets_have(c->root, strict, "raster:bands", band_list_ok, true, &bad_raster))
        return;
    if (eo && (band_list_ok(json_object_get(props, "eo:bands"), false) ||
               model_assets_have(c->root, strict, "eo:bands", band_list_ok, false, &bad_eo)))
        return;
    if (s11 && band_list_ok(json_object_get(props, "bands"), false))
        return;

    mlmp_strbuf why = MLMP_STRBUF_INIT;
    if (raster)
        mlmp_strbuf_printf(&why, "; the raster extension is listed, but %s%s%s",
                           bad_raster ? "model asset \"" : "there are no assets",
                           bad_raster ? bad_raster : "",
                           bad_raster ? "\" has no raster:bands list of named band objects" : "");
    if (eo)
        mlmp_strbuf_printf(&why,
                           "; the eo extension is listed, but neither the properties nor "
                           "%s%s%s has a non-empty eo:bands list",
                           bad_eo ? "model asset \"" : "the model assets", bad_eo ? bad_eo : "",
                           bad_eo ? "\"" : "");
    if (s11)
        mlmp_strbuf_puts(&why, "; stac_version is 1.1, but the properties have no non-empty "
                               "bands list");
    if (!raster && !eo && !s11)
        mlmp_strbuf_puts(&why, "; the document lists neither the eo nor the raster extension "
                               "and is not STAC 1.1");
    /* The hint names the one change that makes this document pass, from what
     * it already has: band lists whose extension is not listed, STAC 1.1. */
    const char *raster_asset = NULL, *eo_asset = NULL, *bands_asset = NULL;
    const char *ak;
    const json_t *a;
    mlmp_object_foreach (json_object_get(c->root, "assets"), ak, a) {
        if (!json_is_object(a) || !mlmp_v1_asset_is_model(a, strict))
            continue;
        if (!raster_asset && band_list_ok(json_object_get(a, "raster:bands"), true))
            raster_asset = ak;
        if (!eo_asset && band_list_ok(json_object_get(a, "eo:bands"), false))
            eo_asset = ak;
        if (!bands_asset && band_list_ok(json_object_get(a, "bands"), false))
            bands_asset = ak;
    }
    mlmp_strbuf hint = MLMP_STRBUF_INIT;
    if (raster_asset && !raster)
        mlmp_strbuf_printf(&hint,
                           "model asset \"%s\" has raster:bands, but stac_extensions does "
                           "not list the raster extension: add "
                           "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
                           raster_asset);
    else if ((eo_asset || band_list_ok(json_object_get(props, "eo:bands"), false)) && !eo)
        mlmp_strbuf_puts(&hint, "the document has eo:bands, but stac_extensions does not list "
                                "the eo extension: add "
                                "https://stac-extensions.github.io/eo/v1.1.0/schema.json");
    else if (raster && bad_raster)
        mlmp_strbuf_printf(&hint,
                           "give model asset \"%s\" a non-empty raster:bands list of "
                           "band objects, each with a \"name\"",
                           bad_raster);
    else if (s11)
        mlmp_strbuf_printf(&hint,
                           "add a non-empty \"bands\" list (band objects with a name) to "
                           "the properties, where the schema looks under STAC 1.1%s%s%s",
                           bands_asset ? ": copy the one of model asset \""
                                       : ", and keep one on "
                                         "the model asset, where the spec describes the model's "
                                         "bands",
                           bands_asset ? bands_asset : "", bands_asset ? "\"" : "");
    else
        mlmp_strbuf_puts(&hint,
                         "list https://stac-extensions.github.io/raster/v1.1.0/schema.json "
                         "and give the model asset raster:bands (each with a name), or list the "
                         "eo extension and add eo:bands to the properties or the model asset, or "
                         "move to STAC 1.1 (stac_version \"1.1.0\") with a bands list in the "
                         "properties and on the model asset");
    const char *w = mlmp_strbuf_cstr(&why);
    mlmp_path_push_key(c, "properties");
    mlmp_report_key(
        c, in ? MLMP_KEY(PROPS, input) : MLMP_KEY(PROPS, output), "MLM208", mlmp_strbuf_cstr(&hint),
        "every model %s names bands, so the MLM v%s schema requires a band description%s",
        in ? "input" : "output", L->name, w ? w : "");
    mlmp_path_pop(c);
    mlmp_strbuf_free(&why);
    mlmp_strbuf_free(&hint);
}

static void check_variables(mlmp_ctx *c, const v1_layout *L, const json_t *props)
{
    if (!L->variables || !json_is_object(props))
        return;
    bool in = all_list(props, MLMP_KEY(PROPS, input), "variables");
    bool out = all_list(props, MLMP_KEY(PROPS, output), "variables");
    if (!in && !out)
        return;
    bool dc = lists_extension(c->root, "datacube", '2');
    const char *bad = NULL;
    if (dc && (variables_ok(json_object_get(props, "cube:variables")) ||
               model_assets_have(c->root, true, "cube:variables", variables_ok2, false, &bad)))
        return;
    char why[200];
    if (!dc)
        snprintf(why, sizeof(why), "; the datacube extension (v2) is not listed");
    else
        snprintf(why, sizeof(why),
                 "; neither the properties nor %s%s%s has a non-empty cube:variables object",
                 bad ? "model asset \"" : "the model assets", bad ? bad : "", bad ? "\"" : "");
    mlmp_path_push_key(c, "properties");
    mlmp_report_key(c, in ? MLMP_KEY(PROPS, input) : MLMP_KEY(PROPS, output), "MLM209",
                    "list https://stac-extensions.github.io/datacube/v2.3.0/schema.json and add "
                    "cube:variables to the properties or to the model asset",
                    "every model %s names variables, so the MLM v%s schema requires "
                    "cube:variables%s",
                    in ? "input" : "output", L->name, why);
    mlmp_path_pop(c);
}

/* --- the Item branch -------------------------------------------------------------- */

static void check_item(mlmp_ctx *c, const v1_layout *L)
{
    const json_t *props = json_object_get(c->root, "properties");
    const json_t *assets = json_object_get(c->root, "assets");

    if (!props) {
        mlmp_report(c, "MLM100", "add \"properties\" with the mlm: fields of the model",
                    "an MLM Item needs \"properties\"");
    } else {
        mlmp_path_push_key(c, "properties");
        if (!json_is_object(props)) {
            report_not_object(c, props, "properties");
        } else {
            for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
                const mlmp_field_fact *f = mlmp_field_at(i);
                if (f->object == MLMP_O_PROPS && (f->flags & MLMP_FF_REQUIRED) &&
                    mlmp_field_in(f, c->spec) && !json_object_get(props, f->key))
                    report_missing(c, props, f->key, "Item properties");
            }
            if (L->scoped)
                check_scoped(c, props, MLMP_FF_MODEL_ASSET | MLMP_FF_CODE_ASSET,
                             "in Item properties");
            mlmp_v1_fields(c, props, MLMP_LEVEL_ITEM);
        }
        mlmp_path_pop(c);
    }

    if (!assets) {
        mlmp_report(c, "MLM100", "add \"assets\" with the model asset (roles [\"mlm:model\"])",
                    "an MLM Item needs \"assets\"");
    } else if (!json_is_object(assets)) {
        mlmp_path_push_key(c, "assets");
        if (L->item_assets_typed)
            report_not_object(c, assets, "assets");
        else
            /* v1.4.0+ do not type Item assets (the STAC core schema does). */
            mlmp_report_sev(c, MLM_SEVERITY_WARNING, "MLM101",
                            "make assets an object keyed by asset name",
                            "assets must be an object (STAC core); the MLM v%s schema itself "
                            "does not check this, so none of its asset rules ran",
                            L->name);
        mlmp_path_pop(c);
    } else {
        const char *k;
        const json_t *a;
        mlmp_path_push_key(c, "assets");
        mlmp_object_foreach (assets, k, a) {
            mlmp_path_push_key(c, k);
            if (!json_is_object(a)) {
                report_not_object(c, a, "an asset");
            } else {
                if (L->scoped)
                    check_scoped(c, a, MLMP_FF_ITEM_ONLY, "on an asset");
                mlmp_v1_fields(c, a, MLMP_LEVEL_ASSET);
                check_item_asset_roles(c, L, k, a);
            }
            mlmp_path_pop(c);
        }
        if (L->model != MODEL_EVERY)
            check_min_one_model(c, L, assets);
        mlmp_path_pop(c);
    }

    check_stac_extensions(c, L);
    check_bands(c, L, props);
    check_variables(c, L, props);
}

/* --- the Collection branch ---------------------------------------------------------- */

static void check_collection_assets(mlmp_ctx *c, const v1_layout *L, const char *member,
                                    mlmp_level level)
{
    const json_t *assets = json_object_get(c->root, member);
    if (!assets)
        return;
    mlmp_path_push_key(c, member);
    if (!json_is_object(assets)) {
        report_not_object(c, assets, member);
    } else {
        const char *k;
        const json_t *a;
        mlmp_object_foreach (assets, k, a) {
            mlmp_path_push_key(c, k);
            if (!json_is_object(a)) {
                report_not_object(c, a,
                                  level == MLMP_LEVEL_ASSET ? "an asset" : "an item_assets entry");
            } else {
                if (L->scoped)
                    check_scoped(c, a, MLMP_FF_ITEM_ONLY,
                                 level == MLMP_LEVEL_ASSET ? "on an asset"
                                                           : "in an item_assets entry");
                mlmp_v1_fields(c, a, level);
            }
            mlmp_path_pop(c);
        }
    }
    mlmp_path_pop(c);
}

static void check_summaries(mlmp_ctx *c, const v1_layout *L)
{
    const json_t *sums = json_object_get(c->root, "summaries");
    if (!sums)
        return;
    mlmp_path_push_key(c, "summaries");
    if (!json_is_object(sums)) {
        report_not_object(c, sums, "summaries");
        mlmp_path_pop(c);
        return;
    }
    const char *k;
    const json_t *v;
    mlmp_object_foreach (sums, k, v) {
        mlmp_path_push_key(c, k);
        if (!json_is_object(v)) {
            char got[96];
            mlmp_report(c, "MLM210",
                        "schema-based validators (stac-validator, stac-node-validator, pystac) "
                        "reject this too; until the schema is fixed, describe the value in "
                        "item_assets or in the Items instead of summaries",
                        "summary \"%s\" is %s, not an object; the published MLM v%s schema "
                        "applies its field schema, which requires an object, to every summary "
                        "value, so an ordinary summary (an array of values) is rejected (a "
                        "defect of the schema)",
                        k, mlmp_json_found(v, got, sizeof(got)), L->name);
        } else {
            if (L->scoped) {
                size_t n = 0, all = 0;
                for (size_t i = 0; i < MLMP_F_COUNT_; i++) {
                    const mlmp_field_fact *f = mlmp_field_at(i);
                    if (f->object != MLMP_O_PROPS || !(f->flags & MLMP_FF_SUMMARY_SET))
                        continue;
                    all++;
                    if (json_object_get(v, f->key))
                        n++;
                }
                if (n == all)
                    mlmp_report(c, "MLM211",
                                "remove at least one of them (model inputs and outputs belong "
                                "in the Items, artifact details on the model asset)",
                                "this summary value holds mlm:input, mlm:output, "
                                "mlm:artifact_type and mlm:compile_method together, which the "
                                "MLM v%s schema forbids in Collection summaries",
                                L->name);
            }
            mlmp_v1_fields(c, v, MLMP_LEVEL_SUMMARY);
        }
        mlmp_path_pop(c);
    }
    mlmp_path_pop(c);
}

static void check_collection(mlmp_ctx *c, const v1_layout *L)
{
    check_summaries(c, L);
    check_collection_assets(c, L, "assets", MLMP_LEVEL_ASSET);
    if (L->item_assets)
        check_collection_assets(c, L, "item_assets", MLMP_LEVEL_ITEM_ASSET);
    check_stac_extensions(c, L);
}

/* --- entry point ------------------------------------------------------------------- */

void mlmp_rules_v1(mlmp_ctx *c)
{
    v1_layout layout;
    if (!layout_for(c->spec, &layout) || !json_is_object(c->root))
        return;
    const v1_layout *L = &layout;
    const json_t *type = json_object_get(c->root, "type");
    if (str_is(type, "Feature")) {
        check_item(c, L);
    } else if (str_is(type, "Collection")) {
        check_collection(c, L);
    } else if (L->one_of) {
        /* Both branches of the oneOf require "type" with a const value. */
        char got[64];
        if (!type)
            mlmp_report(c, "MLM200",
                        "add \"type\": \"Feature\" (an Item) or \"type\": \"Collection\"",
                        "the document has no \"type\"; the MLM v%s schema accepts only an Item "
                        "(\"Feature\") or a Collection",
                        L->name);
        else
            mlmp_report_key(c, "type", "MLM200",
                            "MLM describes models in Items and Collections; from v1.3.0 the "
                            "schema leaves other documents alone",
                            "type is %s; the MLM v%s schema accepts only an Item (\"Feature\") "
                            "or a Collection (its top level is a oneOf of the two)",
                            mlmp_json_brief(type, got, sizeof(got)), L->name);
    }
    /* v1.3.0+: the if/then branches do not apply to other types. */
}
