/* Schema compilation: index identifiers, resolve every $ref through the
 * registry, and turn each reachable schema into a node with a keyword array.
 *
 * Identifiers: a document is indexed under the URL it was fetched from, and
 * every `$id` found at a schema position (the draft-07 applicator keywords,
 * `definitions` and `$defs`) is indexed under its resolved URI; `$id: "#name"`
 * (or a non-pointer fragment) is a location-independent anchor. A `$id` next
 * to `$ref` is ignored, as draft-07 ignores every sibling of `$ref`.
 *
 * Nodes are memoised by the address of their JSON value, so recursive
 * schemas compile to cyclic graphs and each subschema is compiled once.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "schema/schema_int.h"

typedef struct resource {
    json_t *json;
    char *base; /* base URI in effect *around* json (its own $id not applied) */
    char *loc;  /* absolute location of json: URI "#" pointer */
} resource;

typedef struct compiler {
    mlm_schema *s;
    mlm_schema_registry *reg;
    mlm_error *err;
    mlmp_sch_smap index;   /* "uri" or "uri#anchor" -> resource * */
    mlmp_sch_pmap memo;    /* json_t * -> mlmp_node * */
    mlmp_sch_pmap scanned; /* json_t * (document roots) -> non-NULL */
    int status;
} compiler;

static void free_resource(void *p)
{
    resource *r = p;
    if (!r)
        return;
    mlmp_free(r->base);
    mlmp_free(r->loc);
    mlmp_free(r);
}

static void *fail_nomem(compiler *c)
{
    if (!c->status)
        c->status = MLM_ERR_NOMEM;
    mlmp_error_set(c->err, MLM_ERR_NOMEM, NULL, "out of memory compiling a schema");
    return NULL;
}

static void *fail_schema(compiler *c, const char *source, const char *fmt, ...) MLMP_PRINTF(3, 4);
static void *fail_schema(compiler *c, const char *source, const char *fmt, ...)
{
    if (!c->status)
        c->status = MLM_ERR_SCHEMA;
    va_list ap;
    va_start(ap, fmt);
    mlmp_error_vset(c->err, MLM_ERR_SCHEMA, source, fmt, ap);
    va_end(ap);
    return NULL;
}

static bool is_schema(const json_t *j) { return json_is_object(j) || json_is_boolean(j); }

/* The $id of an object, if it counts (a string, and no $ref sibling). */
static const char *schema_id(const json_t *j)
{
    if (!json_is_object(j) || json_is_string(json_object_get(j, "$ref")))
        return NULL;
    return json_string_value(json_object_get(j, "$id"));
}

/* --- indexing ----------------------------------------------------------------- */

static int index_put(compiler *c, const char *key, json_t *json, const char *base, const char *loc)
{
    if (mlmp_sch_smap_get(&c->index, key))
        return MLM_OK; /* first definition wins */
    resource *r = mlmp_calloc(1, sizeof(*r));
    if (!r)
        return MLM_ERR_NOMEM;
    r->json = json;
    r->base = mlmp_strdup(base);
    r->loc = mlmp_strdup(loc);
    if (!r->base || !r->loc || mlmp_sch_smap_put(&c->index, key, r, NULL)) {
        free_resource(r);
        return MLM_ERR_NOMEM;
    }
    return MLM_OK;
}

static const char *const SCHEMA_MAP_KWS[] = {"properties", "patternProperties", "definitions",
                                             "$defs", "dependencies"};
static const char *const SCHEMA_ONE_KWS[] = {"additionalItems",
                                             "additionalProperties",
                                             "contains",
                                             "propertyNames",
                                             "if",
                                             "then",
                                             "else",
                                             "not",
                                             "items"};
static const char *const SCHEMA_LIST_KWS[] = {"items", "allOf", "anyOf", "oneOf"};

static int scan(compiler *c, json_t *j, const char *base, mlmp_strbuf *loc, int depth)
{
    if (!json_is_object(j) || depth > 512)
        return MLM_OK;
    const char *id = schema_id(j);
    char *own_base = NULL;
    mlmp_strbuf own_loc = MLMP_STRBUF_INIT;
    int rc = MLM_OK;
    if (id) {
        char *abs = mlmp_sch_uri_resolve(base, id);
        if (!abs)
            return MLM_ERR_NOMEM;
        size_t fs = mlmp_sch_uri_fragment_start(abs);
        if (abs[fs] == '#' && abs[fs + 1] != '/' && abs[fs + 1] != '\0') {
            rc = index_put(c, abs, j, base, mlmp_strbuf_cstr(loc) ? loc->data : "");
        }
        if (!rc && id[0] != '#') {
            abs[fs] = '\0';
            own_base = abs;
            abs = NULL;
            mlmp_strbuf_puts(&own_loc, own_base);
            mlmp_strbuf_putc(&own_loc, '#');
            if (!mlmp_strbuf_cstr(&own_loc))
                rc = MLM_ERR_NOMEM;
            else
                rc = index_put(c, own_base, j, base, own_loc.data);
            loc = &own_loc;
            base = own_base;
        }
        mlmp_free(abs);
    }
    size_t mark = loc->len;
    for (size_t k = 0; !rc && k < MLMP_ARRAY_LEN(SCHEMA_MAP_KWS); k++) {
        json_t *m = json_object_get(j, SCHEMA_MAP_KWS[k]);
        if (!json_is_object(m))
            continue;
        const char *key;
        json_t *v;
        json_object_foreach (m, key, v) {
            mlmp_strbuf_putc(loc, '/');
            mlmp_strbuf_puts(loc, SCHEMA_MAP_KWS[k]);
            mlmp_strbuf_putc(loc, '/');
            mlmp_strbuf_put_token(loc, key, json_object_iter_key_len(json_object_key_to_iter(key)));
            rc = loc->failed ? MLM_ERR_NOMEM : scan(c, v, base, loc, depth + 1);
            loc->len = mark;
            loc->data[mark] = '\0';
            if (rc)
                break;
        }
    }
    for (size_t k = 0; !rc && k < MLMP_ARRAY_LEN(SCHEMA_ONE_KWS); k++) {
        json_t *v = json_object_get(j, SCHEMA_ONE_KWS[k]);
        if (!json_is_object(v))
            continue;
        mlmp_strbuf_putc(loc, '/');
        mlmp_strbuf_puts(loc, SCHEMA_ONE_KWS[k]);
        rc = loc->failed ? MLM_ERR_NOMEM : scan(c, v, base, loc, depth + 1);
        loc->len = mark;
        loc->data[mark] = '\0';
    }
    for (size_t k = 0; !rc && k < MLMP_ARRAY_LEN(SCHEMA_LIST_KWS); k++) {
        json_t *a = json_object_get(j, SCHEMA_LIST_KWS[k]);
        if (!json_is_array(a))
            continue;
        for (size_t i = 0; !rc && i < json_array_size(a); i++) {
            mlmp_strbuf_printf(loc, "/%s/%zu", SCHEMA_LIST_KWS[k], i);
            rc = loc->failed ? MLM_ERR_NOMEM : scan(c, json_array_get(a, i), base, loc, depth + 1);
            loc->len = mark;
            loc->data[mark] = '\0';
        }
    }
    if (loc->failed)
        rc = MLM_ERR_NOMEM;
    mlmp_strbuf_free(&own_loc);
    mlmp_free(own_base);
    return rc;
}

/* Index a document fetched from url (no fragment) and keep a reference to it. */
static int add_document(compiler *c, json_t *doc, const char *url)
{
    if (mlmp_sch_pmap_get(&c->scanned, doc)) {
        /* same document under a second URL */
        mlmp_strbuf l = MLMP_STRBUF_INIT;
        mlmp_strbuf_puts(&l, url);
        mlmp_strbuf_putc(&l, '#');
        int rc = mlmp_strbuf_cstr(&l) ? index_put(c, url, doc, url, l.data) : MLM_ERR_NOMEM;
        mlmp_strbuf_free(&l);
        return rc;
    }
    mlm_schema *s = c->s;
    if (mlmp_grow((void **)&s->docs, &s->capdocs, s->ndocs + 1, sizeof(*s->docs)))
        return MLM_ERR_NOMEM;
    if (mlmp_sch_pmap_put(&c->scanned, doc, doc))
        return MLM_ERR_NOMEM;
    s->docs[s->ndocs++] = json_incref(doc);
    mlmp_strbuf loc = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&loc, url);
    mlmp_strbuf_putc(&loc, '#');
    int rc = mlmp_strbuf_cstr(&loc) ? index_put(c, url, doc, url, loc.data) : MLM_ERR_NOMEM;
    if (!rc)
        rc = scan(c, doc, url, &loc, 0);
    mlmp_strbuf_free(&loc);
    return rc;
}

/* --- reference resolution -------------------------------------------------------- */

typedef struct target {
    json_t *json;
    char *base;
    char *loc;
} target;

static void target_free(target *t)
{
    mlmp_free(t->base);
    mlmp_free(t->loc);
}

/* Copy a resource's place into out. */
static bool target_set(compiler *c, target *out, json_t *json, const char *base, const char *loc)
{
    out->json = json;
    out->base = mlmp_strdup(base);
    out->loc = mlmp_strdup(loc);
    if (out->base && out->loc)
        return true;
    fail_nomem(c);
    return false;
}

/* The resource of document docuri, fetched through the registry the first time. */
static resource *document_resource(compiler *c, const char *docuri)
{
    resource *r = mlmp_sch_smap_get(&c->index, docuri);
    if (r)
        return r;
    json_t *doc = mlmp_sch_registry_fetch(c->reg, docuri, c->err);
    if (!doc) {
        if (!c->status)
            c->status = c->err && c->err->code ? c->err->code : MLM_ERR_SCHEMA;
        return NULL;
    }
    if (add_document(c, doc, docuri))
        return fail_nomem(c);
    return mlmp_sch_smap_get(&c->index, docuri);
}

/* A location-independent anchor (frag, as written) of document docuri. */
static bool resolve_anchor(compiler *c, const char *uri, const char *from, const char *docuri,
                           const char *frag, target *out)
{
    mlmp_strbuf key = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&key, docuri);
    mlmp_strbuf_putc(&key, '#');
    mlmp_strbuf_puts(&key, frag);
    resource *a = mlmp_strbuf_cstr(&key) ? mlmp_sch_smap_get(&c->index, key.data) : NULL;
    bool ok = false;
    if (key.failed)
        fail_nomem(c);
    else if (!a)
        fail_schema(c, from, "cannot resolve %s: no $id defines the anchor \"%s\"", uri, frag);
    else
        ok = target_set(c, out, a->json, a->base, a->loc);
    mlmp_strbuf_free(&key);
    return ok;
}

/* The member of cur named by the pointer token tok, or NULL. */
static json_t *pointer_step(json_t *cur, const mlmp_strbuf *tok)
{
    if (json_is_object(cur))
        return json_object_getn(cur, tok->data, tok->len);
    if (json_is_array(cur) && tok->len > 0 && tok->len < 10 &&
        strspn(tok->data, "0123456789") == tok->len && (tok->data[0] != '0' || tok->len == 1))
        return json_array_get(cur, strtoul(tok->data, NULL, 10));
    return NULL;
}

/* Move *base by the $id of cur (an id that is not an anchor also restarts loc). */
static void pointer_rebase(char **base, mlmp_strbuf *loc, const char *id)
{
    char *nb = mlmp_sch_uri_resolve(*base, id);
    mlmp_free(*base);
    *base = nb;
    if (!nb)
        return;
    nb[mlmp_sch_uri_fragment_start(nb)] = '\0';
    if (id[0] != '#') {
        loc->len = 0;
        mlmp_strbuf_puts(loc, nb);
        mlmp_strbuf_putc(loc, '#');
    }
}

/* A JSON Pointer (dfrag, decoded) from the root of resource r; intermediate
 * $ids move the base. */
static bool resolve_pointer(compiler *c, const char *uri, const char *from, const resource *r,
                            const char *dfrag, target *out)
{
    json_t *cur = r->json;
    char *base = mlmp_strdup(r->base);
    mlmp_strbuf loc = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&loc, r->loc);
    const char *id0 = schema_id(cur);
    if (id0 && base) {
        char *nb = mlmp_sch_uri_resolve(base, id0);
        mlmp_free(base);
        base = nb;
        if (base)
            base[mlmp_sch_uri_fragment_start(base)] = '\0';
    }
    const char *p = dfrag;
    bool bad = false;
    while (*p == '/' && base && !loc.failed) {
        p++;
        const char *end = strchr(p, '/');
        size_t tl = end ? (size_t)(end - p) : strlen(p);
        mlmp_strbuf tok = MLMP_STRBUF_INIT;
        (void)mlmp_strbuf_put_untoken(&tok, p, tl); /* a stray '~' is kept as it is */
        if (!mlmp_strbuf_cstr(&tok)) {
            mlmp_strbuf_free(&tok);
            loc.failed = true;
            break;
        }
        json_t *next = pointer_step(cur, &tok);
        mlmp_strbuf_putc(&loc, '/');
        mlmp_strbuf_put_token(&loc, tok.data, tok.len);
        mlmp_strbuf_free(&tok);
        p += tl;
        if (!next) {
            bad = true;
            break;
        }
        cur = next;
        const char *id = *p ? schema_id(cur) : NULL; /* the target applies its own */
        if (id)
            pointer_rebase(&base, &loc, id);
    }
    bool ok = false;
    if (!base || loc.failed || !mlmp_strbuf_cstr(&loc)) {
        fail_nomem(c);
    } else if (bad) {
        fail_schema(c, from, "cannot resolve %s: %s", uri,
                    "the JSON Pointer names no value in that document");
    } else {
        out->json = cur;
        out->base = base;
        out->loc = mlmp_strbuf_detach(&loc);
        base = NULL;
        ok = true;
    }
    mlmp_free(base);
    mlmp_strbuf_free(&loc);
    return ok;
}

/* Resolve an absolute reference (uri with optional fragment) to a target. */
static bool resolve(compiler *c, const char *uri, const char *from, target *out)
{
    memset(out, 0, sizeof(*out));
    size_t fs = mlmp_sch_uri_fragment_start(uri);
    char *docuri = mlmp_strndup(uri, fs);
    if (!docuri)
        return fail_nomem(c), false;
    resource *r = document_resource(c, docuri);
    if (!r && c->status) {
        mlmp_free(docuri);
        return false;
    }
    const char *frag = uri[fs] == '#' ? uri + fs + 1 : "";
    char *dfrag = mlmp_sch_uri_pct_decode(frag, strlen(frag));
    if (!dfrag) {
        mlmp_free(docuri);
        return fail_nomem(c), false;
    }
    bool ok = false;
    if (!r)
        fail_schema(c, from, "cannot resolve %s: %s", uri, "no such document");
    else if (dfrag[0] == '\0')
        ok = target_set(c, out, r->json, r->base, r->loc);
    else if (dfrag[0] != '/')
        ok = resolve_anchor(c, uri, from, docuri, frag, out);
    else
        ok = resolve_pointer(c, uri, from, r, dfrag, out);
    mlmp_free(dfrag);
    mlmp_free(docuri);
    if (!ok) {
        target_free(out);
        memset(out, 0, sizeof(*out));
    }
    return ok;
}

/* --- nodes and keywords -------------------------------------------------------------- */

static mlmp_node *compile_node(compiler *c, json_t *j, const char *base, const char *loc);

static mlmp_kw *add_kw(compiler *c, mlmp_node *n, mlmp_kw_id id, unsigned applies, size_t *cap)
{
    if (mlmp_grow((void **)&n->kws, cap, n->nkw + 1, sizeof(*n->kws)))
        return fail_nomem(c);
    mlmp_kw *k = &n->kws[n->nkw++];
    memset(k, 0, sizeof(*k));
    k->id = id;
    k->applies = applies;
    return k;
}

/* Compile the subschema at loc + "/" + a [+ "/" + b]. */
static mlmp_node *child(compiler *c, json_t *j, const char *base, const char *loc, const char *a,
                        const char *b, size_t blen)
{
    mlmp_strbuf l = MLMP_STRBUF_INIT;
    mlmp_strbuf_puts(&l, loc);
    mlmp_strbuf_putc(&l, '/');
    mlmp_strbuf_puts(&l, a);
    if (b) {
        mlmp_strbuf_putc(&l, '/');
        mlmp_strbuf_put_token(&l, b, blen);
    }
    mlmp_node *n = mlmp_strbuf_cstr(&l) ? compile_node(c, j, base, l.data) : fail_nomem(c);
    mlmp_strbuf_free(&l);
    return n;
}

static mlmp_node *child_index(compiler *c, json_t *j, const char *base, const char *loc,
                              const char *a, size_t i)
{
    char num[32];
    snprintf(num, sizeof(num), "%zu", i);
    return child(c, j, base, loc, a, num, strlen(num));
}

static mlmp_node **node_list(compiler *c, json_t *arr, const char *base, const char *loc,
                             const char *kw, size_t *n)
{
    *n = json_array_size(arr);
    mlmp_node **v = mlmp_calloc(*n, sizeof(*v));
    if (!v)
        return fail_nomem(c);
    for (size_t i = 0; i < *n; i++) {
        v[i] = child_index(c, json_array_get(arr, i), base, loc, kw, i);
        if (!v[i]) {
            mlmp_free(v);
            return NULL;
        }
    }
    return v;
}

static bool get_count(const json_t *v, size_t *out)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        *out = (size_t)json_integer_value(v);
        return true;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d >= 0 && mlmp_sch_is_integral(d) && d < 1e18) {
            *out = (size_t)d;
            return true;
        }
    }
    return false;
}

static unsigned type_bit(const char *name)
{
    static const struct {
        const char *name;
        unsigned bit;
    } T[] = {{"null", MLMP_T_NULL},      {"boolean", MLMP_T_BOOLEAN}, {"object", MLMP_T_OBJECT},
             {"array", MLMP_T_ARRAY},    {"number", MLMP_T_NUMBER},   {"string", MLMP_T_STRING},
             {"integer", MLMP_T_INTEGER}};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(T); i++)
        if (name && strcmp(name, T[i].name) == 0)
            return T[i].bit;
    return 0;
}

static mlmp_sch_regex *compile_regex(compiler *c, const char *src, size_t n, const char *loc,
                                     const char *kw)
{
    mlm_schema *s = c->s;
    if (mlmp_grow((void **)&s->regexes, &s->capregexes, s->nregexes + 1, sizeof(*s->regexes)))
        return fail_nomem(c);
    char msg[160];
    bool nomem = false;
    mlmp_sch_regex *re = mlmp_sch_regex_compile(&s->env, src, n, msg, sizeof(msg), &nomem);
    if (!re) {
        if (nomem)
            return fail_nomem(c);
        if (!c->status)
            c->status = MLM_ERR_SCHEMA;
        mlmp_error_set(c->err, MLM_ERR_SCHEMA, loc, "invalid %s \"%s\" at %s: %s", kw, src, loc,
                       msg);
        return NULL;
    }
    s->regexes[s->nregexes++] = re;
    return re;
}

/* --- keywords: one function per keyword, reached through KEYWORDS ----------------------- */

/* What a keyword's compiler works on: the schema object j of node n. */
typedef struct kwc {
    compiler *c;
    mlmp_node *n;
    json_t *j;
    const char *base, *loc;
    size_t cap; /* of n->kws */
} kwc;

typedef struct kw_row kw_row;
/* Compile keyword row->name, whose value is v (NULL when absent); false on failure. */
typedef bool (*kw_compile_fn)(kwc *x, const kw_row *row, json_t *v);
struct kw_row {
    const char *name;
    mlmp_kw_id id;
    unsigned applies; /* instance types the keyword checks; 0 = all */
    kw_compile_fn compile;
};

static mlmp_kw *kwc_add(kwc *x, const kw_row *row)
{
    return add_kw(x->c, x->n, row->id, row->applies, &x->cap);
}

/* Compile the subschema v of keyword kw into *out. */
static bool kwc_child(kwc *x, json_t *v, const char *kw, mlmp_node **out)
{
    *out = child(x->c, v, x->base, x->loc, kw, NULL, 0);
    return *out != NULL;
}

/* A keyword whose value is one subschema (a true schema adds nothing). */
static bool kw_subschema(kwc *x, const kw_row *row, json_t *v)
{
    if (!is_schema(v) || (json_is_true(v) && row->id != KW_CONTAINS && row->id != KW_NOT))
        return true;
    mlmp_kw *k = kwc_add(x, row);
    return k && kwc_child(x, v, row->name, &k->u.sub);
}

static bool kw_type(kwc *x, const kw_row *row, json_t *v)
{
    unsigned t = 0;
    if (json_is_string(v)) {
        t = type_bit(json_string_value(v));
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            t |= type_bit(json_string_value(json_array_get(v, i)));
    }
    if (!t)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (k)
        k->u.types = t;
    return k != NULL;
}

static bool kw_enum(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_array(v))
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    k->u.en.values = v;
    if (json_array_size(v) < 16)
        return true;
    if (mlmp_sch_vset_build(&k->u.en.set, v))
        return fail_nomem(x->c), false;
    k->u.en.hashed = true;
    return true;
}

static bool kw_const(kwc *x, const kw_row *row, json_t *v)
{
    if (!v)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (k)
        k->u.value = v;
    return k != NULL;
}

/* multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum */
static bool kw_number(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_number(v) || (row->id == KW_MULTIPLE_OF && !(json_number_value(v) > 0)))
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    k->u.num.value = v;
    k->u.num.d = json_number_value(v);
    return true;
}

/* maxLength, minLength, maxItems, minItems, maxProperties, minProperties */
static bool kw_count(kwc *x, const kw_row *row, json_t *v)
{
    size_t cnt;
    if (!get_count(v, &cnt))
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (k)
        k->u.count = cnt;
    return k != NULL;
}

static bool kw_pattern(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_string(v))
        return true;
    mlmp_sch_regex *re =
        compile_regex(x->c, json_string_value(v), json_string_length(v), x->loc, row->name);
    if (!re)
        return false;
    mlmp_kw *k = kwc_add(x, row);
    if (k)
        k->u.re = re;
    return k != NULL;
}

static bool kw_format(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_string(v))
        return true;
    mlmp_sch_format f = mlmp_sch_format_lookup(json_string_value(v));
    if (f == MLMP_FMT_UNKNOWN)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (k)
        k->u.format = f;
    return k != NULL;
}

/* items as one schema (KW_ITEMS), or as an array with additionalItems (KW_ITEMS_TUPLE) */
static bool kw_items(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_array(v))
        return kw_subschema(x, row, v);
    kw_row tuple = {row->name, KW_ITEMS_TUPLE, row->applies, NULL};
    mlmp_kw *k = kwc_add(x, &tuple);
    if (!k)
        return false;
    k->u.tuple.items = node_list(x->c, v, x->base, x->loc, row->name, &k->u.tuple.n);
    if (!k->u.tuple.items)
        return false;
    json_t *ai = json_object_get(x->j, "additionalItems");
    if (!is_schema(ai) || json_is_true(ai))
        return true;
    return kwc_child(x, ai, "additionalItems", &k->u.tuple.additional);
}

static bool kw_unique_items(kwc *x, const kw_row *row, json_t *v)
{
    return !json_is_true(v) || kwc_add(x, row) != NULL;
}

static bool kw_required(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_array(v) || json_array_size(v) == 0)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    k->u.req.names = mlmp_calloc(json_array_size(v), sizeof(*k->u.req.names));
    if (!k->u.req.names)
        return fail_nomem(x->c), false;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (json_is_string(json_array_get(v, i)))
            k->u.req.names[k->u.req.n++] = json_string_value(json_array_get(v, i));
    return true;
}

/* The subschemas of "properties", in schema order, indexed when there are more than 8. */
static bool compile_props(kwc *x, mlmp_kw *k, json_t *props)
{
    k->u.obj.props = mlmp_calloc(json_object_size(props), sizeof(*k->u.obj.props));
    if (!k->u.obj.props)
        return fail_nomem(x->c), false;
    k->u.obj.has_props = true;
    bool indexed = json_object_size(props) > 8;
    if (indexed && mlmp_sch_itab_init(&k->u.obj.index, json_object_size(props)))
        return fail_nomem(x->c), false;
    const char *key;
    json_t *v;
    json_object_foreach (props, key, v) {
        size_t kl = json_object_iter_key_len(json_object_key_to_iter(key));
        mlmp_node *sub = child(x->c, v, x->base, x->loc, "properties", key, kl);
        if (!sub)
            return false;
        size_t i = k->u.obj.n++;
        k->u.obj.props[i] = (mlmp_named_node){key, kl, sub};
        if (indexed) {
            mlmp_props_key q = {k->u.obj.props, key, kl};
            *mlmp_sch_itab_probe(&k->u.obj.index, mlmp_hash_bytes(key, kl), mlmp_props_same, &q) =
                (uint32_t)(i + 1);
        }
    }
    return true;
}

static bool compile_pattern_props(kwc *x, mlmp_kw *k, json_t *pprops)
{
    k->u.obj.patterns = mlmp_calloc(json_object_size(pprops), sizeof(*k->u.obj.patterns));
    if (!k->u.obj.patterns)
        return fail_nomem(x->c), false;
    const char *key;
    json_t *v;
    json_object_foreach (pprops, key, v) {
        mlmp_pattern_node *pn = &k->u.obj.patterns[k->u.obj.npatterns];
        pn->re = compile_regex(x->c, key, strlen(key), x->loc, "patternProperties regex");
        if (!pn->re)
            return false;
        pn->node = child(x->c, v, x->base, x->loc, "patternProperties", key,
                         json_object_iter_key_len(json_object_key_to_iter(key)));
        if (!pn->node)
            return false;
        k->u.obj.npatterns++;
    }
    return true;
}

/* properties + patternProperties + additionalProperties as one keyword */
static bool kw_properties(kwc *x, const kw_row *row, json_t *props)
{
    json_t *pprops = json_object_get(x->j, "patternProperties");
    json_t *addl = json_object_get(x->j, "additionalProperties");
    if (!json_is_object(props))
        props = NULL;
    if (!json_is_object(pprops))
        pprops = NULL;
    if (!is_schema(addl) || json_is_true(addl))
        addl = NULL;
    if (!props && !pprops && !addl)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    if (props && json_object_size(props) && !compile_props(x, k, props))
        return false;
    if (pprops && json_object_size(pprops) && !compile_pattern_props(x, k, pprops))
        return false;
    return !addl || kwc_child(x, addl, "additionalProperties", &k->u.obj.additional);
}

static bool kw_dependencies(kwc *x, const kw_row *row, json_t *deps)
{
    if (!json_is_object(deps) || json_object_size(deps) == 0)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    k->u.dep.deps = mlmp_calloc(json_object_size(deps), sizeof(*k->u.dep.deps));
    if (!k->u.dep.deps)
        return fail_nomem(x->c), false;
    const char *key;
    json_t *v;
    json_object_foreach (deps, key, v) {
        mlmp_dependency *d = &k->u.dep.deps[k->u.dep.n];
        if (json_is_array(v)) {
            d->name = key;
            size_t m = json_array_size(v);
            d->names = mlmp_calloc(m, sizeof(*d->names));
            if (!d->names)
                return fail_nomem(x->c), false;
            k->u.dep.n++;
            for (size_t i = 0; i < m; i++)
                if (json_is_string(json_array_get(v, i)))
                    d->names[d->nnames++] = json_string_value(json_array_get(v, i));
        } else if (is_schema(v)) {
            d->name = key;
            d->node = child(x->c, v, x->base, x->loc, "dependencies", key,
                            json_object_iter_key_len(json_object_key_to_iter(key)));
            if (!d->node)
                return false;
            k->u.dep.n++;
        }
    }
    return true;
}

/* if, with then and/or else (an "if" alone asserts nothing) */
static bool kw_if(kwc *x, const kw_row *row, json_t *v)
{
    json_t *th = json_object_get(x->j, "then"), *el = json_object_get(x->j, "else");
    if (!is_schema(v) || (!is_schema(th) && !is_schema(el)))
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k || !kwc_child(x, v, "if", &k->u.cond.cond))
        return false;
    if (is_schema(th) && !kwc_child(x, th, "then", &k->u.cond.then_))
        return false;
    return !is_schema(el) || kwc_child(x, el, "else", &k->u.cond.else_);
}

/* allOf, anyOf, oneOf */
static bool kw_list(kwc *x, const kw_row *row, json_t *v)
{
    if (!json_is_array(v) || json_array_size(v) == 0)
        return true;
    mlmp_kw *k = kwc_add(x, row);
    if (!k)
        return false;
    k->u.list.v = node_list(x->c, v, x->base, x->loc, row->name, &k->u.list.n);
    return k->u.list.v != NULL;
}

/* The keywords in evaluation order (the order of their errors). */
static const kw_row KEYWORDS[] = {
    {"type", KW_TYPE, 0, kw_type},
    {"enum", KW_ENUM, 0, kw_enum},
    {"const", KW_CONST, 0, kw_const},
    {"multipleOf", KW_MULTIPLE_OF, MLMP_T_NUMBER, kw_number},
    {"maximum", KW_MAXIMUM, MLMP_T_NUMBER, kw_number},
    {"exclusiveMaximum", KW_EXCLUSIVE_MAXIMUM, MLMP_T_NUMBER, kw_number},
    {"minimum", KW_MINIMUM, MLMP_T_NUMBER, kw_number},
    {"exclusiveMinimum", KW_EXCLUSIVE_MINIMUM, MLMP_T_NUMBER, kw_number},
    {"maxLength", KW_MAX_LENGTH, MLMP_T_STRING, kw_count},
    {"minLength", KW_MIN_LENGTH, MLMP_T_STRING, kw_count},
    {"maxItems", KW_MAX_ITEMS, MLMP_T_ARRAY, kw_count},
    {"minItems", KW_MIN_ITEMS, MLMP_T_ARRAY, kw_count},
    {"maxProperties", KW_MAX_PROPERTIES, MLMP_T_OBJECT, kw_count},
    {"minProperties", KW_MIN_PROPERTIES, MLMP_T_OBJECT, kw_count},
    {"pattern", KW_PATTERN, MLMP_T_STRING, kw_pattern},
    {"format", KW_FORMAT, MLMP_T_STRING, kw_format},
    {"items", KW_ITEMS, MLMP_T_ARRAY, kw_items},
    {"contains", KW_CONTAINS, MLMP_T_ARRAY, kw_subschema},
    {"uniqueItems", KW_UNIQUE_ITEMS, MLMP_T_ARRAY, kw_unique_items},
    {"required", KW_REQUIRED, MLMP_T_OBJECT, kw_required},
    {"properties", KW_PROPERTIES, MLMP_T_OBJECT, kw_properties},
    {"propertyNames", KW_PROPERTY_NAMES, MLMP_T_OBJECT, kw_subschema},
    {"dependencies", KW_DEPENDENCIES, MLMP_T_OBJECT, kw_dependencies},
    {"if", KW_IF, 0, kw_if},
    {"allOf", KW_ALL_OF, 0, kw_list},
    {"anyOf", KW_ANY_OF, 0, kw_list},
    {"oneOf", KW_ONE_OF, 0, kw_list},
    {"not", KW_NOT, 0, kw_subschema},
};

static bool compile_keywords(compiler *c, mlmp_node *n, json_t *j, const char *base,
                             const char *loc)
{
    kwc x = {c, n, j, base, loc, 0};
    for (size_t i = 0; i < MLMP_ARRAY_LEN(KEYWORDS); i++)
        if (!KEYWORDS[i].compile(&x, &KEYWORDS[i], json_object_get(j, KEYWORDS[i].name)))
            return false;
    return true;
}

static mlmp_node *compile_node(compiler *c, json_t *j, const char *base, const char *loc)
{
    mlmp_node *n = mlmp_sch_pmap_get(&c->memo, j);
    if (n)
        return n;
    mlm_schema *s = c->s;
    if (mlmp_grow((void **)&s->nodes, &s->capnodes, s->nnodes + 1, sizeof(*s->nodes)))
        return fail_nomem(c);
    n = mlmp_calloc(1, sizeof(*n));
    if (!n)
        return fail_nomem(c);
    s->nodes[s->nnodes++] = n;
    n->loc = mlmp_strdup(loc);
    if (!n->loc)
        return fail_nomem(c);
    /* jansson's true/false/null are shared singletons: only objects are
     * memoised, so each boolean schema keeps its own location */
    if (json_is_object(j) && mlmp_sch_pmap_put(&c->memo, j, n))
        return fail_nomem(c);
    if (json_is_false(j)) {
        n->kind = NODE_FALSE;
        return n;
    }
    if (!json_is_object(j)) {
        /* true, or a non-schema value (e.g. a "$comment" string inside
         * "properties"): accepts everything */
        n->kind = NODE_TRUE;
        return n;
    }
    n->kind = NODE_SCHEMA;
    const char *ref = json_string_value(json_object_get(j, "$ref"));
    if (ref) {
        char *abs = mlmp_sch_uri_resolve(base, ref);
        if (!abs)
            return fail_nomem(c);
        target t;
        bool ok = resolve(c, abs, loc, &t);
        mlmp_free(abs);
        if (!ok)
            return NULL;
        n->ref = compile_node(c, t.json, t.base, t.loc);
        target_free(&t);
        return n->ref ? n : NULL;
    }
    const char *id = schema_id(j);
    char *own_base = NULL;
    mlmp_strbuf own_loc = MLMP_STRBUF_INIT;
    if (id) {
        own_base = mlmp_sch_uri_resolve(base, id);
        if (!own_base)
            return fail_nomem(c);
        own_base[mlmp_sch_uri_fragment_start(own_base)] = '\0';
        base = own_base;
        if (id[0] != '#') {
            mlmp_strbuf_puts(&own_loc, own_base);
            mlmp_strbuf_putc(&own_loc, '#');
            if (!mlmp_strbuf_cstr(&own_loc)) {
                mlmp_strbuf_free(&own_loc); /* a failed buffer may still hold memory */
                mlmp_free(own_base);
                return fail_nomem(c);
            }
            loc = own_loc.data;
        }
    }
    bool ok = compile_keywords(c, n, j, base, loc);
    mlmp_free(own_base);
    mlmp_strbuf_free(&own_loc);
    if (!ok && !c->status)
        fail_nomem(c);
    return ok ? n : NULL;
}

/* --- public ---------------------------------------------------------------------------- */

static void free_kw(mlmp_kw *k)
{
    switch (k->id) {
    case KW_ENUM: mlmp_sch_itab_free(&k->u.en.set); break;
    case KW_ITEMS_TUPLE: mlmp_free(k->u.tuple.items); break;
    case KW_ALL_OF:
    case KW_ANY_OF:
    case KW_ONE_OF: mlmp_free(k->u.list.v); break;
    case KW_REQUIRED: mlmp_free(k->u.req.names); break;
    case KW_PROPERTIES:
        mlmp_free(k->u.obj.props);
        mlmp_sch_itab_free(&k->u.obj.index);
        mlmp_free(k->u.obj.patterns);
        break;
    case KW_DEPENDENCIES:
        for (size_t i = 0; k->u.dep.deps && i < k->u.dep.n; i++)
            mlmp_free(k->u.dep.deps[i].names);
        mlmp_free(k->u.dep.deps);
        break;
    default: break;
    }
}

void mlm_schema_free(mlm_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nnodes; i++) {
        mlmp_node *n = s->nodes[i];
        for (size_t k = 0; k < n->nkw; k++)
            free_kw(&n->kws[k]);
        mlmp_free(n->kws);
        mlmp_free(n->loc);
        mlmp_free(n);
    }
    mlmp_free(s->nodes);
    for (size_t i = 0; i < s->nregexes; i++)
        mlmp_sch_regex_free(s->regexes[i]);
    mlmp_free(s->regexes);
    for (size_t i = 0; i < s->ndocs; i++)
        json_decref(s->docs[i]);
    mlmp_free(s->docs);
    mlmp_sch_regex_env_free(&s->env);
    mlmp_free(s);
}

/* A $ref chain that returns to itself without any other keyword loops forever. */
static bool check_ref_cycles(compiler *c)
{
    mlm_schema *s = c->s;
    for (size_t i = 0; i < s->nnodes; i++) {
        const mlmp_node *n = s->nodes[i];
        size_t steps = 0;
        while (n->ref && steps <= s->nnodes) {
            n = n->ref;
            steps++;
        }
        if (n->ref) {
            fail_schema(c, s->nodes[i]->loc,
                        "$ref cycle at %s: the references never reach a schema", s->nodes[i]->loc);
            return false;
        }
    }
    return true;
}

static mlm_schema *compile_common(mlm_schema_registry *reg, json_t *doc, const char *docurl,
                                  const char *frag_uri, const mlm_schema_options *opts,
                                  mlm_error *err)
{
    if (MLMP_OPTIONS_CHECK(opts, SCHEMA_OPTIONS, mlm_schema_options, "mlm_schema_compile", docurl,
                           err) != MLM_OK)
        return NULL;
    compiler c;
    memset(&c, 0, sizeof(c));
    c.reg = reg;
    c.err = err;
    c.s = mlmp_calloc(1, sizeof(*c.s));
    if (!c.s) {
        fail_nomem(&c);
        return NULL;
    }
    if (mlmp_sch_regex_env_init(&c.s->env, opts ? opts->regex_match_limit : 0,
                                opts ? opts->regex_depth_limit : 0)) {
        fail_nomem(&c);
        mlm_schema_free(c.s);
        return NULL;
    }
    c.s->max_depth = opts && opts->max_depth ? opts->max_depth : 1000;
    bool ok = false;
    if (doc) {
        if (add_document(&c, doc, docurl)) {
            fail_nomem(&c);
        } else {
            mlmp_strbuf loc = MLMP_STRBUF_INIT;
            mlmp_strbuf_puts(&loc, docurl);
            mlmp_strbuf_putc(&loc, '#');
            if (!mlmp_strbuf_cstr(&loc))
                fail_nomem(&c);
            else
                c.s->root = compile_node(&c, doc, docurl, loc.data);
            mlmp_strbuf_free(&loc);
        }
    } else {
        target t;
        if (resolve(&c, frag_uri, frag_uri, &t)) {
            if (is_schema(t.json))
                c.s->root = compile_node(&c, t.json, t.base, t.loc);
            else
                fail_schema(&c, frag_uri, "%s is not a schema (an object or a boolean)", frag_uri);
            target_free(&t);
        }
    }
    ok = c.s->root && check_ref_cycles(&c);
    mlmp_sch_smap_free(&c.index, free_resource);
    mlmp_sch_pmap_free(&c.memo);
    mlmp_sch_pmap_free(&c.scanned);
    if (!ok) {
        if (!c.status)
            fail_nomem(&c);
        mlm_schema_free(c.s);
        return NULL;
    }
    return c.s;
}

mlm_schema *mlm_schema_compile(mlm_schema_registry *reg, json_t *schema, const char *base_uri,
                               const mlm_schema_options *opts, mlm_error *err)
{
    if (!schema || !is_schema(schema)) {
        mlmp_error_set(err, schema ? MLM_ERR_SCHEMA : MLM_ERR_INVALID_ARG, base_uri,
                       "a schema must be a JSON object or a boolean");
        return NULL;
    }
    char *url = mlmp_strndup(base_uri ? base_uri : "",
                             base_uri ? mlmp_sch_uri_fragment_start(base_uri) : 0);
    if (!url) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory compiling a schema");
        return NULL;
    }
    mlm_schema *s = compile_common(reg, schema, url, NULL, opts, err);
    mlmp_free(url);
    return s;
}

mlm_schema *mlm_schema_compile_url(mlm_schema_registry *reg, const char *url,
                                   const mlm_schema_options *opts, mlm_error *err)
{
    if (!reg || !url || !*url) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, url, "mlm_schema_compile_url: NULL argument");
        return NULL;
    }
    return compile_common(reg, NULL, NULL, url, opts, err);
}
