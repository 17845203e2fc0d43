/* Validation: a walk over the compiled node graph.
 *
 * Two modes share one walk: collecting (ctx->res set: every error is recorded
 * with its instance path, keyword location and message) and boolean
 * (ctx->res NULL: the walk returns at the first failure and builds nothing).
 * Sub-evaluations whose errors are never reported (`not`, `if`, `contains`,
 * anyOf/oneOf branches) always run in boolean mode; only a failing
 * anyOf/oneOf re-runs its branches collecting, to name the closest branch.
 *
 * The instance path is a chain of stack frames, turned into a string only
 * when an error is recorded, so a valid instance costs no allocation (except
 * one PCRE2 match block per call when a pattern runs).
 */
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "schema/schema_int.h"

struct mlm_schema_result {
    mlm_schema_error *errs;
    size_t n, cap;
};

typedef struct ipath {
    const struct ipath *up;
    const char *key; /* NULL: array index */
    size_t keylen;
    size_t index;
} ipath;

typedef struct vctx {
    const mlm_schema *s;
    unsigned flags;
    mlm_schema_result *res; /* NULL in boolean mode */
    bool stop_first;
    pcre2_match_data *md;
    unsigned depth;
    int status;     /* MLM_ERR_NOMEM once an allocation failed */
    bool limit_hit; /* a regex or depth limit stopped a check */
    char limit_msg[200];
    size_t steps;           /* schema nodes evaluated so far */
    size_t budget;          /* ... and the most allowed so far (see step_budget) */
    const json_t *instance; /* the value validated, whose size sets the budget */
    bool budget_sized;      /* budget is the full step_budget(instance) */
} vctx;

static bool over_budget(vctx *c);

static bool vnode(vctx *c, const mlmp_node *n, const json_t *inst, const ipath *p);

/* After a failure: keep going only when collecting every error. */
static inline bool go_on(const vctx *c) { return c->res && !c->stop_first && !c->status; }

/* --- results ------------------------------------------------------------------ */

static void free_error(mlm_schema_error *e)
{
    mlmp_free((char *)(uintptr_t)e->instance_path);
    mlmp_free((char *)(uintptr_t)e->keyword_location);
    mlmp_free((char *)(uintptr_t)e->message);
}

static void result_clear(mlm_schema_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        free_error(&r->errs[i]);
    mlmp_free(r->errs);
    r->errs = NULL;
    r->n = r->cap = 0;
}

void mlm_schema_result_free(mlm_schema_result *r)
{
    if (!r)
        return;
    result_clear(r);
    mlmp_free(r);
}

int mlm_schema_result_valid(const mlm_schema_result *r) { return r && r->n == 0; }
int mlm_schema_result_is_valid(const mlm_schema_result *r) { return mlm_schema_result_valid(r); }

size_t mlm_schema_result_count(const mlm_schema_result *r) { return r ? r->n : 0; }

const mlm_schema_error *mlm_schema_result_get(const mlm_schema_result *r, size_t i)
{
    return r && i < r->n ? &r->errs[i] : NULL;
}

static void put_path(mlmp_strbuf *b, const ipath *p)
{
    if (!p)
        return;
    put_path(b, p->up);
    mlmp_strbuf_putc(b, '/');
    if (p->key)
        mlmp_strbuf_put_token(b, p->key, p->keylen);
    else
        mlmp_strbuf_printf(b, "%zu", p->index);
}

/* Record an error: kwpath is appended to the node location ("/required"). */
static void add_error(vctx *c, const ipath *p, const mlmp_node *n, const char *kwpath,
                      const char *keyword, int code, const char *fmt, ...) MLMP_PRINTF(7, 8);
static void add_error(vctx *c, const ipath *p, const mlmp_node *n, const char *kwpath,
                      const char *keyword, int code, const char *fmt, ...)
{
    if (!c->res || c->status)
        return;
    mlm_schema_result *r = c->res;
    if (mlmp_grow((void **)&r->errs, &r->cap, r->n + 1, sizeof(*r->errs))) {
        c->status = MLM_ERR_NOMEM;
        return;
    }
    mlmp_strbuf ip = MLMP_STRBUF_INIT, kl = MLMP_STRBUF_INIT, msg = MLMP_STRBUF_INIT;
    put_path(&ip, p);
    mlmp_strbuf_puts(&kl, n->loc);
    if (kwpath)
        mlmp_strbuf_puts(&kl, kwpath);
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int len = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    mlmp_strbuf_append(&msg, small,
                       len < 0                       ? 0
                       : (size_t)len < sizeof(small) ? (size_t)len
                                                     : sizeof(small) - 1);
    if (r->n < 256) {
        /* the same keyword reached twice (two $refs to one definition) on
         * the same value reports once */
        const char *ips = mlmp_strbuf_cstr(&ip), *kls = mlmp_strbuf_cstr(&kl),
                   *ms = mlmp_strbuf_cstr(&msg);
        for (size_t i = 0; ips && kls && ms && i < r->n; i++) {
            if (strcmp(r->errs[i].instance_path, ips) == 0 &&
                strcmp(r->errs[i].keyword_location, kls) == 0 &&
                strcmp(r->errs[i].message, ms) == 0) {
                mlmp_strbuf_free(&ip);
                mlmp_strbuf_free(&kl);
                mlmp_strbuf_free(&msg);
                return;
            }
        }
    }
    mlm_schema_error *e = &r->errs[r->n];
    e->instance_path = mlmp_strbuf_detach(&ip);
    e->keyword_location = mlmp_strbuf_detach(&kl);
    e->message = mlmp_strbuf_detach(&msg);
    e->keyword = keyword;
    e->code = code;
    if (!e->instance_path || !e->keyword_location || !e->message) {
        free_error(e);
        c->status = MLM_ERR_NOMEM;
        return;
    }
    r->n++;
}

/* --- describing values ------------------------------------------------------------ */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    default: return "null";
    }
}

static void put_number(mlmp_strbuf *b, const json_t *v)
{
    if (json_is_integer(v)) {
        mlmp_strbuf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return;
    }
    double d = json_real_value(v);
    char buf[40];
    snprintf(buf, sizeof(buf), "%.15g", d);
    if (strtod(buf, NULL) != d)
        snprintf(buf, sizeof(buf), "%.17g", d);
    mlmp_strbuf_puts(b, buf);
}

static void put_string(mlmp_strbuf *b, const char *s, size_t n, size_t max)
{
    mlmp_strbuf_putc(b, '"');
    size_t lim = n > max ? max : n;
    while (lim < n && lim > 0 && ((unsigned char)s[lim] & 0xC0) == 0x80)
        lim--; /* do not cut a UTF-8 sequence */
    for (size_t i = 0; i < lim; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            mlmp_strbuf_printf(b, "\\%c", ch);
        else if (ch < 0x20)
            mlmp_strbuf_printf(b, "\\u%04x", ch);
        else
            mlmp_strbuf_putc(b, (char)ch);
    }
    if (lim < n)
        mlmp_strbuf_puts(b, "...");
    mlmp_strbuf_putc(b, '"');
}

/* A short JSON rendering of v for messages. */
static void put_value(mlmp_strbuf *b, const json_t *v, int depth)
{
    switch (json_typeof(v)) {
    case JSON_STRING: put_string(b, json_string_value(v), json_string_length(v), 60); break;
    case JSON_INTEGER:
    case JSON_REAL: put_number(b, v); break;
    case JSON_TRUE: mlmp_strbuf_puts(b, "true"); break;
    case JSON_FALSE: mlmp_strbuf_puts(b, "false"); break;
    case JSON_NULL: mlmp_strbuf_puts(b, "null"); break;
    case JSON_ARRAY: {
        if (depth > 1) {
            mlmp_strbuf_puts(b, "[...]");
            break;
        }
        mlmp_strbuf_putc(b, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i == 3) {
                mlmp_strbuf_puts(b, ", ...");
                break;
            }
            if (i)
                mlmp_strbuf_puts(b, ", ");
            put_value(b, json_array_get(v, i), depth + 1);
        }
        mlmp_strbuf_putc(b, ']');
        break;
    }
    case JSON_OBJECT: {
        if (depth > 1) {
            mlmp_strbuf_puts(b, "{...}");
            break;
        }
        mlmp_strbuf_putc(b, '{');
        size_t i = 0;
        const char *k;
        json_t *e;
        json_object_foreach (mlmp_unconst(v), k, e) {
            if (i == 3) {
                mlmp_strbuf_puts(b, ", ...");
                break;
            }
            if (i++)
                mlmp_strbuf_puts(b, ", ");
            put_string(b, k, strlen(k), 40);
            mlmp_strbuf_puts(b, ": ");
            put_value(b, e, depth + 1);
        }
        mlmp_strbuf_putc(b, '}');
        break;
    }
    }
}

/* Render v into a new string (or a placeholder when out of memory). */
typedef struct vstr {
    mlmp_strbuf b;
} vstr;

static const char *vstr_of(vstr *s, const json_t *v)
{
    s->b = (mlmp_strbuf)MLMP_STRBUF_INIT;
    put_value(&s->b, v, 0);
    const char *r = mlmp_strbuf_cstr(&s->b);
    return r ? r : "(value)";
}

static void vstr_free(vstr *s) { mlmp_strbuf_free(&s->b); }

static void put_types(mlmp_strbuf *b, unsigned t)
{
    static const struct {
        unsigned bit;
        const char *name;
    } NAMES[] = {{MLMP_T_NULL, "null"},      {MLMP_T_BOOLEAN, "boolean"}, {MLMP_T_OBJECT, "object"},
                 {MLMP_T_ARRAY, "array"},    {MLMP_T_NUMBER, "number"},   {MLMP_T_STRING, "string"},
                 {MLMP_T_INTEGER, "integer"}};
    size_t count = 0, total = 0;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(NAMES); i++)
        if (t & NAMES[i].bit)
            total++;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(NAMES); i++) {
        if (!(t & NAMES[i].bit))
            continue;
        if (count)
            mlmp_strbuf_puts(b, count + 1 == total ? " or " : ", ");
        mlmp_strbuf_puts(b, NAMES[i].name);
        count++;
    }
}

/* --- numbers --------------------------------------------------------------------------- */

static unsigned type_bits(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return MLMP_T_OBJECT;
    case JSON_ARRAY: return MLMP_T_ARRAY;
    case JSON_STRING: return MLMP_T_STRING;
    case JSON_INTEGER: return MLMP_T_NUMBER | MLMP_T_INTEGER;
    case JSON_REAL: {
        double d = json_real_value(v);
        return MLMP_T_NUMBER | (mlmp_sch_is_integral(d) ? MLMP_T_INTEGER : 0u);
    }
    case JSON_TRUE:
    case JSON_FALSE: return MLMP_T_BOOLEAN;
    default: return MLMP_T_NULL;
    }
}

/* <0, 0, >0 as a < b, a == b, a > b (exact for integers). */
static int num_cmp(const json_t *a, const json_t *b)
{
    if (json_is_integer(a) && json_is_integer(b)) {
        json_int_t x = json_integer_value(a), y = json_integer_value(b);
        return x < y ? -1 : x > y;
    }
    double x = json_number_value(a), y = json_number_value(b);
    return x < y ? -1 : x > y;
}

static bool multiple_of(const json_t *v, const json_t *m)
{
    if (json_is_integer(v) && json_is_integer(m)) {
        json_int_t d = json_integer_value(m);
        if (d == 1 || d == -1)
            return true;
        return json_integer_value(v) % d == 0;
    }
    double x = json_number_value(v), d = json_number_value(m);
    if (x == 0)
        return true;
    double q = x / d;
    if (q - q != 0.0) /* overflow: x = k * d with k integral if x and 1/d are */
        return mlmp_sch_is_integral(x) && mlmp_sch_is_integral(1.0 / d);
    if (q >= 9007199254740992.0 || q <= -9007199254740992.0)
        return true; /* no fractional part is representable */
    /* The quotient of decimal fractions is rarely exact in binary
     * (0.0075 / 0.0001 = 74.99999999999999): accept a few ulps. */
    double r = (double)(int64_t)(q + (q >= 0 ? 0.5 : -0.5));
    double diff = q > r ? q - r : r - q;
    double aq = q >= 0 ? q : -q;
    double tol = aq * 8 * DBL_EPSILON;
    return diff <= (tol > 1e-9 ? tol : 1e-9);
}

/* --- helpers ----------------------------------------------------------------------------- */

/* Evaluate without recording errors. */
static bool vbool(vctx *c, const mlmp_node *n, const json_t *inst, const ipath *p)
{
    mlm_schema_result *saved = c->res;
    c->res = NULL;
    bool ok = vnode(c, n, inst, p);
    c->res = saved;
    return ok;
}

static void note_limit(vctx *c, const char *what, const char *detail)
{
    if (!c->limit_hit)
        snprintf(c->limit_msg, sizeof(c->limit_msg), "%s %.120s", what, detail);
    c->limit_hit = true;
}

static const mlmp_node *deref(const mlmp_node *n)
{
    while (n->ref)
        n = n->ref;
    return n;
}

/* 1 match, 0 no match (also when a limit stopped it: then noted). */
static int match(vctx *c, const mlmp_node *n, const ipath *p, const mlmp_sch_regex *re,
                 const char *s, size_t len, const char *kwpath, const char *keyword)
{
    int rc = mlmp_sch_regex_match(&c->s->env, re, s, len, &c->md);
    if (rc >= 0)
        return rc;
    if (rc == MLM_ERR_NOMEM) {
        c->status = MLM_ERR_NOMEM;
        return 0;
    }
    note_limit(c, "a regular expression hit its match limit:", re->source);
    add_error(c, p, n, kwpath, keyword, MLM_ERR_DEPTH,
              "the regular expression \"%.120s\" hit its match limit on this string; the value "
              "is treated as not matching",
              re->source);
    return -1;
}

/* --- which branch the value meant -----------------------------------------------------------
 *
 * When a value fails every branch of an anyOf/oneOf, the branch described is the one whose
 * discriminating values agree with the value: the `const` and `enum` (strong) and the `type`
 * (weak) of the branch itself and of the subschemas of the members the value has ("type":
 * "Feature" against "Collection"; a "geometry" that is an object against one that must be
 * null), looked for through $ref, allOf, the branches of a member's own anyOf/oneOf, and the
 * `then`/`else` that an `if` selects. Branches are ranked by strong agreements minus strong
 * disagreements, then by weak ones; only among the branches ranked first does the closest
 * branch by its errors decide (see closest_branch). The verdict never depends on this. */

typedef struct tally {
    const char *only; /* when set: count only the member of this name */
    size_t onlylen;
    bool wrong_kind;  /* the branch's own type rejects the value */
    bool wrong_value; /* the branch's own const/enum rejects the value */
    int strong, weak; /* agreements minus disagreements */
    const char *key;  /* the member whose value agreed (strongly if one did), or NULL */
    size_t keylen;
    const json_t *keyval; /* its value */
    bool key_strong;
    const char *own; /* "type" or "value": what of the value itself agreed, or NULL */
} tally;

#define JUDGE_DEPTH 6

static bool enum_has(const mlmp_kw *k, const json_t *inst)
{
    if (k->u.en.hashed)
        return mlmp_sch_vset_contains(&k->u.en.set, k->u.en.values, inst);
    for (size_t i = 0; i < json_array_size(k->u.en.values); i++)
        if (mlmp_json_equal(json_array_get(k->u.en.values, i), inst))
            return true;
    return false;
}

/* A type (weak), const or enum (strong) keyword: +-1 weak, +-2 strong agreement or
 * disagreement with inst, 0 for another keyword. */
static int discriminates(const mlmp_kw *k, const json_t *inst, unsigned tbits)
{
    switch (k->id) {
    case KW_TYPE: return k->u.types & tbits ? 1 : -1;
    case KW_CONST: return mlmp_json_equal(k->u.value, inst) ? 2 : -2;
    case KW_ENUM: return enum_has(k, inst) ? 2 : -2;
    default: return 0;
    }
}

static int admits(const mlmp_node *n, const json_t *inst, unsigned tbits, int depth);

/* The members of an allOf (the worst disagreement, else the best agreement) or the
 * branches of an anyOf/oneOf (the best agreement, else the mildest disagreement). */
static int admits_list(const mlmp_kw *k, const json_t *inst, unsigned tbits, int depth)
{
    bool all = k->id == KW_ALL_OF;
    int worst = 0, best = 0, mildest = -3;
    for (size_t b = 0; b < k->u.list.n; b++) {
        int x = admits(k->u.list.v[b], inst, tbits, depth + 1);
        if (x < worst)
            worst = x;
        if (x > best)
            best = x;
        if (x < 0 && x > mildest)
            mildest = x;
        if (x >= 0)
            mildest = 0; /* a branch does not disagree */
    }
    if (all)
        return worst < 0 ? worst : best;
    return best > 0 ? best : mildest < 0 ? mildest : 0;
}

/* What the schema n says of inst by its type/const/enum (and those of its in-place
 * applicators): -2/-1 it disagrees strongly/weakly, 2/1 agrees, 0 says nothing. */
static int admits(const mlmp_node *n, const json_t *inst, unsigned tbits, int depth)
{
    n = deref(n);
    if (n->kind != NODE_SCHEMA || depth > JUDGE_DEPTH)
        return 0;
    int worst = 0, best = 0;
    for (size_t i = 0; i < n->nkw; i++) {
        const mlmp_kw *k = &n->kws[i];
        int r = discriminates(k, inst, tbits);
        if (k->id == KW_ALL_OF || k->id == KW_ANY_OF || k->id == KW_ONE_OF)
            r = admits_list(k, inst, tbits, depth);
        if (r < worst)
            worst = r;
        if (r > best)
            best = r;
    }
    return worst < 0 ? worst : best;
}

static void tally_add(tally *t, int r)
{
    if (r == 2 || r == -2)
        t->strong += r / 2;
    else
        t->weak += r;
}

/* The members of inst that the "properties" keyword k has a subschema for. */
static void judge_members(const mlmp_kw *k, const json_t *inst, tally *t)
{
    void *it = json_object_iter(mlmp_unconst(inst));
    for (; it; it = json_object_iter_next(mlmp_unconst(inst), it)) {
        const char *key = json_object_iter_key(it);
        size_t klen = json_object_iter_key_len(it);
        if (t->only && (klen != t->onlylen || memcmp(key, t->only, klen) != 0))
            continue;
        const mlmp_node *sub = mlmp_props_lookup(k, key, klen);
        if (!sub)
            continue;
        const json_t *v = json_object_iter_value(it);
        int r = admits(sub, v, type_bits(v), 0);
        tally_add(t, r);
        if (r > 0 && (!t->key || (r == 2 && !t->key_strong))) {
            t->key = key;
            t->keylen = klen;
            t->keyval = v;
            t->key_strong = r == 2;
        }
    }
}

/* Add the discriminators of branch n (and of what it applies in place) to t. */
static void judge(vctx *c, const mlmp_node *n, const json_t *inst, const ipath *p, tally *t,
                  int depth)
{
    n = deref(n);
    if (n->kind != NODE_SCHEMA || depth > JUDGE_DEPTH)
        return;
    unsigned tbits = type_bits(inst);
    for (size_t i = 0; i < n->nkw && !c->status; i++) {
        const mlmp_kw *k = &n->kws[i];
        int r = t->only ? 0 : discriminates(k, inst, tbits);
        tally_add(t, r);
        t->wrong_kind |= r == -1;
        t->wrong_value |= r == -2;
        if (r > 0 && (!t->own || r == 2))
            t->own = r == 2 ? "value" : "type";
        if (k->id == KW_PROPERTIES && json_is_object(inst)) {
            judge_members(k, inst, t);
        } else if (k->id == KW_ALL_OF) {
            for (size_t b = 0; b < k->u.list.n; b++)
                judge(c, k->u.list.v[b], inst, p, t, depth + 1);
        } else if (k->id == KW_IF) {
            const mlmp_node *then =
                vbool(c, k->u.cond.cond, inst, p) ? k->u.cond.then_ : k->u.cond.else_;
            if (then)
                judge(c, then, inst, p, t, depth + 1);
        }
    }
}

/* True when branch a ranks above branch b. */
static bool tally_above(const tally *a, const tally *b)
{
    if (a->wrong_kind != b->wrong_kind)
        return b->wrong_kind;
    return a->strong != b->strong ? a->strong > b->strong : a->weak > b->weak;
}

/* Depth of an instance path: its number of tokens. */
static long path_depth(const char *path)
{
    long d = 0;
    for (; *path; path++)
        d += *path == '/';
    return d;
}

/* How close a branch came, by its errors: the depth of its deepest error, whether it failed
 * on "type" at the value itself (it wants another kind of value), and its error count. */
typedef struct closeness {
    long depth;
    bool kind; /* true: no "type" error at the value itself */
    size_t n;
} closeness;

static closeness closeness_of(const mlm_schema_result *r, long base)
{
    closeness k = {0, true, r->n};
    for (size_t e = 0; e < r->n; e++) {
        long d = path_depth(r->errs[e].instance_path);
        if (d > k.depth)
            k.depth = d;
        if (d == base && strcmp(r->errs[e].keyword, "type") == 0)
            k.kind = false;
    }
    return k;
}

static bool closer(const closeness *a, const closeness *b)
{
    if (a->depth != b->depth)
        return a->depth > b->depth;
    if (a->kind != b->kind)
        return a->kind;
    return a->n < b->n;
}

/* Say which branch was chosen and its gist: the deepest of its errors, named by place when
 * it is below the value. t is the tally of a branch the discriminators chose, else NULL. */
static void describe_branch(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                            const ipath *p, const char *kwname, size_t best,
                            const mlm_schema_result *r, const tally *t)
{
    char kwpath[32];
    snprintf(kwpath, sizeof(kwpath), "/%s", kwname);
    const mlm_schema_error *g = &r->errs[0];
    long gd = -1;
    for (size_t e = 0; e < r->n; e++) {
        long d = path_depth(r->errs[e].instance_path);
        if (d > gd) {
            gd = d;
            g = &r->errs[e];
        }
    }
    mlmp_strbuf why = MLMP_STRBUF_INIT, here = MLMP_STRBUF_INIT;
    if (!t) {
        mlmp_strbuf_printf(&why, "the closest is %s/%zu", kwname, best);
    } else {
        /* its "type" "Collection", its "geometry" (object), its type (array) */
        mlmp_strbuf_puts(&why, "its ");
        if (t->key) {
            put_string(&why, t->key, t->keylen, 60);
            mlmp_strbuf_putc(&why, ' ');
            if (t->key_strong)
                put_value(&why, t->keyval, 1);
            else
                mlmp_strbuf_printf(&why, "(%s)", type_name(t->keyval));
        } else if (t->own && strcmp(t->own, "type") == 0) {
            mlmp_strbuf_printf(&why, "type (%s)", type_name(inst));
        } else {
            mlmp_strbuf_puts(&why, "value ");
            put_value(&why, inst, 1);
        }
        mlmp_strbuf_printf(&why, " selects %s/%zu, which fails", kwname, best);
    }
    put_path(&here, p);
    const char *h = mlmp_strbuf_cstr(&here), *w = mlmp_strbuf_cstr(&why);
    bool same = h ? strcmp(h, g->instance_path) == 0 : !g->instance_path[0];
    char more[48] = "";
    if (r->n > 1)
        snprintf(more, sizeof(more), " (and %zu more error%s)", r->n - 1, r->n > 2 ? "s" : "");
    add_error(c, p, n, kwpath, kwname, g->code,
              "the value matches none of the %zu %s branches; %s: %s%s%s%s%s", k->u.list.n, kwname,
              w ? w : "one is closest", same ? "" : "at ", same ? "" : g->instance_path,
              same ? "" : ": ", g->message, more);
    mlmp_strbuf_free(&here);
    mlmp_strbuf_free(&why);
}

/* Does the member key of inst single out branch best: it agrees there by a const/enum
 * that some other branch lacks or contradicts, or (strong unset) by its type, which some
 * other branch contradicts? */
static bool member_singles_out(vctx *c, const mlmp_kw *k, const json_t *inst, const ipath *p,
                               size_t best, const char *key, size_t klen, bool strong)
{
    tally tb = {.only = key, .onlylen = klen};
    judge(c, k->u.list.v[best], inst, p, &tb, 0);
    if (strong ? tb.strong <= 0 : tb.strong < 0 || tb.weak <= 0)
        return false;
    for (size_t j = 0; j < k->u.list.n && !c->status; j++) {
        tally tj = {.only = key, .onlylen = klen};
        if (j == best)
            continue;
        judge(c, k->u.list.v[j], inst, p, &tj, 0);
        if (strong ? tj.strong < tb.strong : tj.strong < 0 || tj.weak < 0)
            return true;
    }
    return false;
}

#define NAME_MEMBERS 64

/* What of the value singles out branch best, into *t (key, or own), or false when nothing
 * does (then the choice is the closest branch's, and said so). */
static bool name_discriminator(vctx *c, const mlmp_kw *k, const json_t *inst, const ipath *p,
                               const tally *tallies, size_t best, tally *t)
{
    *t = tallies[best];
    t->key = NULL;
    t->own = NULL;
    for (int strong = 1; strong >= 0 && json_is_object(inst); strong--) {
        void *it = json_object_iter(mlmp_unconst(inst));
        /* the first NAME_MEMBERS members: the words need not cost more than the check */
        for (size_t m = 0; it && m < NAME_MEMBERS;
             it = json_object_iter_next(mlmp_unconst(inst), it), m++) {
            const char *key = json_object_iter_key(it);
            size_t klen = json_object_iter_key_len(it);
            if (member_singles_out(c, k, inst, p, best, key, klen, strong)) {
                t->key = key;
                t->keylen = klen;
                t->keyval = json_object_iter_value(it);
                t->key_strong = strong;
                return true;
            }
        }
    }
    bool other_kind = false, other_value = false;
    for (size_t j = 0; j < k->u.list.n; j++) {
        other_kind |= j != best && tallies[j].wrong_kind;
        other_value |= j != best && tallies[j].wrong_value;
    }
    if (other_value && tallies[best].own && strcmp(tallies[best].own, "value") == 0)
        t->own = "value";
    else if (other_kind && !tallies[best].wrong_kind)
        t->own = "type";
    return t->own != NULL;
}

/* The members a list of branches asks for, when each branch failed for one missing
 * member of the value itself and for nothing else (all false otherwise). */
typedef struct need_one {
    mlmp_strbuf here;  /* the value's instance path */
    mlmp_strbuf names; /* "\"a\", \"b\" or \"c\"" so far */
    bool all;
} need_one;

static void need_one_add(need_one *w, const mlm_schema_result *r)
{
    static const char lead[] = "missing required property ";
    const char *h = mlmp_strbuf_cstr(&w->here);
    if (!w->all || r->n != 1 || strcmp(r->errs[0].keyword, "required") != 0 ||
        strcmp(r->errs[0].instance_path, h ? h : "") != 0 ||
        strncmp(r->errs[0].message, lead, sizeof(lead) - 1) != 0) {
        w->all = false;
        return;
    }
    const char *name = r->errs[0].message + sizeof(lead) - 1;
    if (w->names.len && strstr(mlmp_strbuf_cstr(&w->names), name)) {
        w->all = false; /* two branches ask for one member: not a choice of members */
        return;
    }
    mlmp_strbuf_puts(&w->names, w->names.len ? ", " : "");
    mlmp_strbuf_puts(&w->names, name);
}

/* Every branch of k failed on inst: describe the one the value meant (see tally), or,
 * when the discriminators single out none, the closest by its errors. */
static void closest_branch(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                           const ipath *p, const char *kwname)
{
    mlm_schema_result *saved = c->res;
    bool saved_stop = c->stop_first;
    long base = 0;
    for (const ipath *q = p; q; q = q->up)
        base++;
    /* the discriminators: which branches rank first, and whether that is not all of them */
    tally *tallies = mlmp_calloc(k->u.list.n, sizeof(*tallies));
    if (!tallies) {
        c->status = MLM_ERR_NOMEM;
        return;
    }
    size_t top = 0, ntop = 0;
    bool singled_out = false;
    for (size_t i = 0; i < k->u.list.n && !c->status; i++) {
        judge(c, k->u.list.v[i], inst, p, &tallies[i], 0);
        if (i &&
            (tally_above(&tallies[i], &tallies[top]) || tally_above(&tallies[top], &tallies[i])))
            singled_out = true;
        if (tally_above(&tallies[i], &tallies[top]))
            top = i;
    }
    for (size_t i = 0; i < k->u.list.n; i++)
        ntop += !tally_above(&tallies[top], &tallies[i]);
    size_t best = 0;
    closeness best_k = {-1, false, 0};
    mlm_schema_result best_res = {NULL, 0, 0};
    /* When every branch fails only for one missing member, the value needs one of them. */
    need_one need = {MLMP_STRBUF_INIT, MLMP_STRBUF_INIT, !singled_out};
    put_path(&need.here, p);
    for (size_t i = 0; i < k->u.list.n && !c->status; i++) {
        if (singled_out && tally_above(&tallies[top], &tallies[i]))
            continue;
        mlm_schema_result tmp = {NULL, 0, 0};
        c->res = &tmp;
        c->stop_first = false;
        (void)vnode(c, k->u.list.v[i], inst, p);
        need_one_add(&need, &tmp);
        closeness ck = closeness_of(&tmp, base);
        if (tmp.n && closer(&ck, &best_k)) {
            result_clear(&best_res);
            best_res = tmp;
            best = i;
            best_k = ck;
        } else {
            result_clear(&tmp);
        }
    }
    c->res = saved;
    c->stop_first = saved_stop;
    if (!best_res.n) {
        char kwpath[32];
        snprintf(kwpath, sizeof(kwpath), "/%s", kwname);
        add_error(c, p, n, kwpath, kwname, 0, "the value matches none of the %zu %s branches",
                  k->u.list.n, kwname);
    } else if (need.all && k->u.list.n > 1 && mlmp_strbuf_cstr(&need.names)) {
        char kwpath[32];
        snprintf(kwpath, sizeof(kwpath), "/%s", kwname);
        add_error(c, p, n, kwpath, kwname, 0,
                  "the value matches none of the %zu %s branches: it has none of the properties "
                  "%s, and needs at least one of them",
                  k->u.list.n, kwname, mlmp_strbuf_cstr(&need.names));
    } else {
        /* the discriminators name the branch when they alone chose it */
        tally t;
        bool named =
            singled_out && ntop == 1 && name_discriminator(c, k, inst, p, tallies, best, &t);
        describe_branch(c, n, k, inst, p, kwname, best, &best_res, named ? &t : NULL);
    }
    mlmp_strbuf_free(&need.here);
    mlmp_strbuf_free(&need.names);
    result_clear(&best_res);
    mlmp_free(tallies);
}

/* True when the items of arr are unique; else *di < *dj are two equal ones. */
static bool unique_items(vctx *c, const json_t *arr, size_t *di, size_t *dj)
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return true;
    if (n <= 32) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (mlmp_json_equal(json_array_get(arr, i), json_array_get(arr, j))) {
                    *di = i;
                    *dj = j;
                    return false;
                }
        return true;
    }
    mlmp_sch_itab seen;
    if (mlmp_sch_itab_init(&seen, n)) {
        c->status = MLM_ERR_NOMEM;
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        mlmp_sch_vkey q = {arr, json_array_get(arr, i)};
        uint32_t *slot = mlmp_sch_itab_probe(&seen, mlmp_json_hash(q.v), mlmp_sch_vkey_same, &q);
        if (*slot) {
            *di = *slot - 1;
            *dj = i;
            ok = false;
        } else {
            *slot = (uint32_t)(i + 1);
        }
    }
    mlmp_sch_itab_free(&seen);
    return ok;
}

/* --- keywords ----------------------------------------------------------------------------- */

static bool v_properties(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                         const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool valid = true;
    void *it = json_object_iter(mlmp_unconst(inst));
    for (; it; it = json_object_iter_next(mlmp_unconst(inst), it)) {
        const char *key = json_object_iter_key(it);
        size_t klen = json_object_iter_key_len(it);
        const json_t *v = json_object_iter_value(it);
        ipath cp = {p, key, klen, 0};
        bool matched = false;
        mlmp_node *sub = mlmp_props_lookup(k, key, klen);
        if (sub) {
            matched = true;
            if (!vnode(c, sub, v, &cp)) {
                valid = false;
                if (!go_on(c))
                    return false;
            }
        }
        for (size_t i = 0; i < k->u.obj.npatterns; i++) {
            int m = match(c, n, p, k->u.obj.patterns[i].re, key, klen, "/patternProperties",
                          "patternProperties");
            if (m < 0 || c->status) {
                valid = false;
                if (!go_on(c))
                    return false;
                continue;
            }
            if (!m)
                continue;
            matched = true;
            if (!vnode(c, k->u.obj.patterns[i].node, v, &cp)) {
                valid = false;
                if (!go_on(c))
                    return false;
            }
        }
        if (matched || !k->u.obj.additional)
            continue;
        const mlmp_node *a = deref(k->u.obj.additional);
        if (a->kind == NODE_FALSE) {
            valid = false;
            if (c->res) {
                vstr ks;
                ks.b = (mlmp_strbuf)MLMP_STRBUF_INIT;
                put_string(&ks.b, key, klen, 80);
                const char *kd = mlmp_strbuf_cstr(&ks.b);
                add_error(c, p, n, "/additionalProperties", "additionalProperties", 0,
                          "property %s is not allowed (additionalProperties is false)",
                          kd ? kd : "?");
                vstr_free(&ks);
            }
            if (!go_on(c))
                return false;
        } else if (!vnode(c, k->u.obj.additional, v, &cp)) {
            valid = false;
            if (!go_on(c))
                return false;
        }
    }
    return valid;
}

static bool v_property_names(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                             const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool valid = true;
    void *it = json_object_iter(mlmp_unconst(inst));
    for (; it; it = json_object_iter_next(mlmp_unconst(inst), it)) {
        const char *key = json_object_iter_key(it);
        json_t *name = json_stringn_nocheck(key, json_object_iter_key_len(it));
        if (!name) {
            c->status = MLM_ERR_NOMEM;
            return false;
        }
        if (!vbool(c, k->u.sub, name, p)) {
            valid = false;
            if (c->res) {
                /* describe the first reason */
                mlm_schema_result tmp = {NULL, 0, 0};
                mlm_schema_result *saved = c->res;
                c->res = &tmp;
                (void)vnode(c, k->u.sub, name, p);
                c->res = saved;
                vstr ks;
                add_error(c, p, n, "/propertyNames", "propertyNames", 0,
                          "property name %s is invalid: %s", vstr_of(&ks, name),
                          tmp.n ? tmp.errs[0].message : "it does not match propertyNames");
                vstr_free(&ks);
                result_clear(&tmp);
            }
        }
        json_decref(name);
        if (!valid && !go_on(c))
            return false;
    }
    return valid;
}

/* --- keywords: one function per keyword, reached through CHECKS ---------------------------- */

/* Check keyword k of node n on inst (whose type bits are tbits); false when it fails. */
typedef bool (*kw_check_fn)(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                            const ipath *p, unsigned tbits);

static bool v_type(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                   const ipath *p, unsigned tbits)
{
    if (k->u.types & tbits)
        return true;
    if (c->res) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        put_types(&b, k->u.types);
        const char *t = mlmp_strbuf_cstr(&b);
        add_error(c, p, n, "/type", "type", 0, "expected %s, found %s", t ? t : "?",
                  type_name(inst));
        mlmp_strbuf_free(&b);
    }
    return false;
}

static bool v_enum(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                   const ipath *p, unsigned tbits)
{
    (void)tbits;
    const json_t *vals = k->u.en.values;
    if (k->u.en.hashed) {
        if (mlmp_sch_vset_contains(&k->u.en.set, vals, inst))
            return true;
    } else {
        for (size_t i = 0; i < json_array_size(vals); i++)
            if (mlmp_json_equal(json_array_get(vals, i), inst))
                return true;
    }
    if (c->res) {
        mlmp_strbuf b = MLMP_STRBUF_INIT;
        size_t nv = json_array_size(vals);
        for (size_t i = 0; i < nv && i < 10; i++) {
            if (i)
                mlmp_strbuf_puts(&b, ", ");
            put_value(&b, json_array_get(vals, i), 1);
        }
        if (nv > 10)
            mlmp_strbuf_printf(&b, ", ... (%zu more)", nv - 10);
        vstr vs;
        const char *list = mlmp_strbuf_cstr(&b);
        add_error(c, p, n, "/enum", "enum", 0, "value %s is not one of: %s", vstr_of(&vs, inst),
                  list ? list : "?");
        vstr_free(&vs);
        mlmp_strbuf_free(&b);
    }
    return false;
}

static bool v_const(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                    const ipath *p, unsigned tbits)
{
    (void)tbits;
    if (mlmp_json_equal(k->u.value, inst))
        return true;
    if (c->res) {
        vstr a, b;
        add_error(c, p, n, "/const", "const", 0, "value %s is not the constant %s",
                  vstr_of(&a, inst), vstr_of(&b, k->u.value));
        vstr_free(&a);
        vstr_free(&b);
    }
    return false;
}

/* multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum */
static bool v_number(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool ok;
    const char *kw, *what;
    int cmp = k->id == KW_MULTIPLE_OF ? 0 : num_cmp(inst, k->u.num.value);
    switch (k->id) {
    case KW_MULTIPLE_OF:
        ok = multiple_of(inst, k->u.num.value);
        kw = "multipleOf";
        what = "is not a multiple of";
        break;
    case KW_MAXIMUM:
        ok = cmp <= 0;
        kw = "maximum";
        what = "is greater than the maximum";
        break;
    case KW_EXCLUSIVE_MAXIMUM:
        ok = cmp < 0;
        kw = "exclusiveMaximum";
        what = "is not less than the exclusive maximum";
        break;
    case KW_MINIMUM:
        ok = cmp >= 0;
        kw = "minimum";
        what = "is less than the minimum";
        break;
    default:
        ok = cmp > 0;
        kw = "exclusiveMinimum";
        what = "is not greater than the exclusive minimum";
        break;
    }
    if (ok)
        return true;
    if (c->res) {
        vstr a, b;
        char kwpath[40];
        snprintf(kwpath, sizeof(kwpath), "/%s", kw);
        add_error(c, p, n, kwpath, kw, 0, "%s %s %s", vstr_of(&a, inst), what,
                  vstr_of(&b, k->u.num.value));
        vstr_free(&a);
        vstr_free(&b);
    }
    return false;
}

static bool v_length(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)tbits;
    size_t bytes = json_string_length(inst);
    bool is_max = k->id == KW_MAX_LENGTH;
    if (is_max && bytes <= k->u.count)
        return true;
    size_t len = mlmp_utf8_length(json_string_value(inst), bytes);
    if (is_max ? len <= k->u.count : len >= k->u.count)
        return true;
    add_error(c, p, n, is_max ? "/maxLength" : "/minLength", is_max ? "maxLength" : "minLength", 0,
              "string has %zu character%s, %s %zu", len, len == 1 ? "" : "s",
              is_max ? "more than the maximum" : "fewer than the minimum", k->u.count);
    return false;
}

static bool v_pattern(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                      const ipath *p, unsigned tbits)
{
    (void)tbits;
    int m = match(c, n, p, k->u.re, json_string_value(inst), json_string_length(inst), "/pattern",
                  "pattern");
    if (m > 0)
        return true;
    if (m == 0 && c->res && !c->status) {
        vstr a;
        add_error(c, p, n, "/pattern", "pattern", 0,
                  "string %s does not match the pattern \"%.200s\"", vstr_of(&a, inst),
                  k->u.re->source);
        vstr_free(&a);
    }
    return false;
}

static bool v_format(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)tbits;
    if (!(c->flags & MLM_SCHEMA_ASSERT_FORMATS))
        return true;
    int rc = mlmp_sch_format_check(k->u.format, json_string_value(inst), json_string_length(inst));
    if (rc == 1)
        return true;
    if (rc < 0) {
        c->status = rc;
        return false;
    }
    if (c->res) {
        vstr a;
        add_error(c, p, n, "/format", "format", 0, "%s is not a valid %s", vstr_of(&a, inst),
                  mlmp_sch_format_name(k->u.format));
        vstr_free(&a);
    }
    return false;
}

/* Items from..to-1 of inst against sub. */
static bool v_item_range(vctx *c, const mlmp_node *sub, const json_t *inst, const ipath *p,
                         size_t from, size_t to)
{
    bool valid = true;
    for (size_t i = from; i < to; i++) {
        ipath cp = {p, NULL, 0, i};
        if (!vnode(c, sub, json_array_get(inst, i), &cp)) {
            valid = false;
            if (!go_on(c))
                return false;
        }
    }
    return valid;
}

static bool v_items(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                    const ipath *p, unsigned tbits)
{
    (void)n;
    (void)tbits;
    return v_item_range(c, k->u.sub, inst, p, 0, json_array_size(inst));
}

static bool v_items_tuple(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                          const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool valid = true;
    size_t cnt = json_array_size(inst);
    for (size_t i = 0; i < cnt && i < k->u.tuple.n; i++) {
        ipath cp = {p, NULL, 0, i};
        if (!vnode(c, k->u.tuple.items[i], json_array_get(inst, i), &cp)) {
            valid = false;
            if (!go_on(c))
                return false;
        }
    }
    if (cnt <= k->u.tuple.n || !k->u.tuple.additional)
        return valid;
    if (deref(k->u.tuple.additional)->kind == NODE_FALSE) {
        add_error(c, p, n, "/additionalItems", "additionalItems", 0,
                  "array has %zu items, at most %zu allowed (additionalItems is false)", cnt,
                  k->u.tuple.n);
        return false;
    }
    return v_item_range(c, k->u.tuple.additional, inst, p, k->u.tuple.n, cnt) && valid;
}

static bool v_contains(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                       const ipath *p, unsigned tbits)
{
    (void)tbits;
    size_t cnt = json_array_size(inst);
    for (size_t i = 0; i < cnt; i++) {
        ipath cp = {p, NULL, 0, i};
        if (vbool(c, k->u.sub, json_array_get(inst, i), &cp))
            return true;
        if (c->status)
            return false;
    }
    add_error(c, p, n, "/contains", "contains", 0,
              cnt ? "no item of the array matches the \"contains\" schema"
                  : "the array is empty; an item matching \"contains\" is required");
    return false;
}

static bool v_item_count(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                         const ipath *p, unsigned tbits)
{
    (void)tbits;
    size_t cnt = json_array_size(inst);
    bool is_max = k->id == KW_MAX_ITEMS;
    if (is_max ? cnt <= k->u.count : cnt >= k->u.count)
        return true;
    add_error(c, p, n, is_max ? "/maxItems" : "/minItems", is_max ? "maxItems" : "minItems", 0,
              "array has %zu item%s, %s %zu", cnt, cnt == 1 ? "" : "s",
              is_max ? "more than the maximum" : "fewer than the minimum", k->u.count);
    return false;
}

static bool v_unique_items(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                           const ipath *p, unsigned tbits)
{
    (void)k;
    (void)tbits;
    size_t i = 0, j = 0;
    if (unique_items(c, inst, &i, &j))
        return true;
    if (!c->status)
        add_error(c, p, n, "/uniqueItems", "uniqueItems", 0,
                  "items %zu and %zu are equal; the items must be unique", i, j);
    return false;
}

static bool v_required(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                       const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool valid = true;
    for (size_t i = 0; i < k->u.req.n; i++) {
        if (json_object_get(inst, k->u.req.names[i]))
            continue;
        valid = false;
        if (c->res) {
            mlmp_strbuf b = MLMP_STRBUF_INIT;
            put_string(&b, k->u.req.names[i], strlen(k->u.req.names[i]), 80);
            const char *nm = mlmp_strbuf_cstr(&b);
            add_error(c, p, n, "/required", "required", 0, "missing required property %s",
                      nm ? nm : "?");
            mlmp_strbuf_free(&b);
        }
        if (!go_on(c))
            return false;
    }
    return valid;
}

static bool v_property_count(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                             const ipath *p, unsigned tbits)
{
    (void)tbits;
    size_t cnt = json_object_size(inst);
    bool is_max = k->id == KW_MAX_PROPERTIES;
    if (is_max ? cnt <= k->u.count : cnt >= k->u.count)
        return true;
    add_error(c, p, n, is_max ? "/maxProperties" : "/minProperties",
              is_max ? "maxProperties" : "minProperties", 0, "object has %zu propert%s, %s %zu",
              cnt, cnt == 1 ? "y" : "ies",
              is_max ? "more than the maximum" : "fewer than the minimum", k->u.count);
    return false;
}

/* The array form of a dependency: the names d requires that inst lacks. */
static bool v_dependency_names(vctx *c, const mlmp_node *n, const mlmp_dependency *d,
                               const json_t *inst, const ipath *p)
{
    bool valid = true;
    for (size_t r = 0; r < d->nnames; r++) {
        if (json_object_get(inst, d->names[r]))
            continue;
        valid = false;
        if (c->res) {
            mlmp_strbuf kp = MLMP_STRBUF_INIT, a = MLMP_STRBUF_INIT, b = MLMP_STRBUF_INIT;
            mlmp_strbuf_puts(&kp, "/dependencies/");
            mlmp_strbuf_put_token(&kp, d->name, strlen(d->name));
            put_string(&a, d->name, strlen(d->name), 80);
            put_string(&b, d->names[r], strlen(d->names[r]), 80);
            const char *kps = mlmp_strbuf_cstr(&kp), *as = mlmp_strbuf_cstr(&a),
                       *bs = mlmp_strbuf_cstr(&b);
            if (kps && as && bs)
                add_error(c, p, n, kps, "dependencies", 0, "property %s requires property %s", as,
                          bs);
            else
                c->status = MLM_ERR_NOMEM;
            mlmp_strbuf_free(&kp);
            mlmp_strbuf_free(&a);
            mlmp_strbuf_free(&b);
        }
        if (!go_on(c))
            return false;
    }
    return valid;
}

static bool v_dependencies(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                           const ipath *p, unsigned tbits)
{
    (void)tbits;
    bool valid = true;
    for (size_t i = 0; i < k->u.dep.n; i++) {
        const mlmp_dependency *d = &k->u.dep.deps[i];
        if (!json_object_get(inst, d->name))
            continue;
        bool ok = d->node ? vnode(c, d->node, inst, p) : v_dependency_names(c, n, d, inst, p);
        if (!ok) {
            valid = false;
            if (!go_on(c))
                return false;
        }
    }
    return valid;
}

static bool v_if(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst, const ipath *p,
                 unsigned tbits)
{
    (void)n;
    (void)tbits;
    bool cond = vbool(c, k->u.cond.cond, inst, p);
    const mlmp_node *branch = cond ? k->u.cond.then_ : k->u.cond.else_;
    return branch ? vnode(c, branch, inst, p) : true;
}

static bool v_all_of(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)n;
    (void)tbits;
    bool valid = true;
    for (size_t i = 0; i < k->u.list.n; i++) {
        if (!vnode(c, k->u.list.v[i], inst, p)) {
            valid = false;
            if (!go_on(c))
                return false;
        }
    }
    return valid;
}

static bool v_any_of(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)tbits;
    for (size_t i = 0; i < k->u.list.n; i++) {
        if (vbool(c, k->u.list.v[i], inst, p))
            return true;
        if (c->status)
            return false;
    }
    if (c->res)
        closest_branch(c, n, k, inst, p, "anyOf");
    return false;
}

static bool v_one_of(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst,
                     const ipath *p, unsigned tbits)
{
    (void)tbits;
    size_t first = 0, count = 0, second = 0;
    for (size_t i = 0; i < k->u.list.n; i++) {
        if (vbool(c, k->u.list.v[i], inst, p)) {
            if (count++ == 0) {
                first = i;
            } else {
                second = i;
                break;
            }
        }
        if (c->status)
            return false;
    }
    if (count == 1)
        return true;
    if (!c->res)
        return false;
    if (count == 0)
        closest_branch(c, n, k, inst, p, "oneOf");
    else
        add_error(c, p, n, "/oneOf", "oneOf", 0,
                  "the value matches more than one oneOf branch (oneOf/%zu and oneOf/%zu); "
                  "exactly one must match",
                  first, second);
    return false;
}

static bool v_not(vctx *c, const mlmp_node *n, const mlmp_kw *k, const json_t *inst, const ipath *p,
                  unsigned tbits)
{
    (void)tbits;
    if (!vbool(c, k->u.sub, inst, p))
        return !c->status;
    if (k->u.sub->kind == NODE_TRUE ||
        (k->u.sub->kind == NODE_SCHEMA && !k->u.sub->ref && k->u.sub->nkw == 0))
        /* "not": {} is how schemas forbid a field: say so plainly. */
        add_error(c, p, n, "/not", "not", 0,
                  "no value is allowed here (the schema forbids this field with \"not\": {})");
    else
        add_error(c, p, n, "/not", "not", 0, "the value must not match the \"not\" schema");
    return false;
}

static const kw_check_fn CHECKS[KW_COUNT_] = {
    [KW_TYPE] = v_type,
    [KW_ENUM] = v_enum,
    [KW_CONST] = v_const,
    [KW_MULTIPLE_OF] = v_number,
    [KW_MAXIMUM] = v_number,
    [KW_EXCLUSIVE_MAXIMUM] = v_number,
    [KW_MINIMUM] = v_number,
    [KW_EXCLUSIVE_MINIMUM] = v_number,
    [KW_MAX_LENGTH] = v_length,
    [KW_MIN_LENGTH] = v_length,
    [KW_PATTERN] = v_pattern,
    [KW_FORMAT] = v_format,
    [KW_ITEMS] = v_items,
    [KW_ITEMS_TUPLE] = v_items_tuple,
    [KW_CONTAINS] = v_contains,
    [KW_MAX_ITEMS] = v_item_count,
    [KW_MIN_ITEMS] = v_item_count,
    [KW_UNIQUE_ITEMS] = v_unique_items,
    [KW_REQUIRED] = v_required,
    [KW_MAX_PROPERTIES] = v_property_count,
    [KW_MIN_PROPERTIES] = v_property_count,
    [KW_PROPERTIES] = v_properties,
    [KW_PROPERTY_NAMES] = v_property_names,
    [KW_DEPENDENCIES] = v_dependencies,
    [KW_IF] = v_if,
    [KW_ALL_OF] = v_all_of,
    [KW_ANY_OF] = v_any_of,
    [KW_ONE_OF] = v_one_of,
    [KW_NOT] = v_not,
};

static bool vnode(vctx *c, const mlmp_node *n, const json_t *inst, const ipath *p)
{
    n = deref(n);
    if (n->kind == NODE_TRUE)
        return true;
    if (n->kind == NODE_FALSE) {
        add_error(c, p, n, NULL, "false", 0, "no value is allowed here (the schema is false)");
        return false;
    }
    if (++c->steps > c->budget && over_budget(c)) {
        if (c->steps == c->budget + 1) {
            note_limit(c, "evaluation took more steps than allowed, at", n->loc);
            add_error(c, p, n, NULL, "", MLM_ERR_DEPTH,
                      "schema evaluation stopped after %zu steps (a recursive schema whose "
                      "branches multiply?)",
                      c->budget);
        }
        return false;
    }
    if (++c->depth > c->s->max_depth) {
        c->depth--;
        note_limit(c, "evaluation nested deeper than the limit at", n->loc);
        add_error(c, p, n, NULL, "", MLM_ERR_DEPTH,
                  "schema evaluation nested deeper than %u levels (a recursive schema that does "
                  "not descend into the value?)",
                  c->s->max_depth);
        return false;
    }
    unsigned tbits = type_bits(inst);
    bool valid = true;
    for (size_t i = 0; i < n->nkw; i++) {
        const mlmp_kw *k = &n->kws[i];
        if (k->applies && !(k->applies & tbits))
            continue;
        if (!CHECKS[k->id](c, n, k, inst, p, tbits)) {
            valid = false;
            if (!go_on(c))
                break;
        }
    }
    c->depth--;
    return valid;
}

/* Every schema node evaluated costs a step. Without a budget, a schema whose
 * $refs branch (anyOf of two recursive branches, a recursive anyOf beside
 * "properties") makes the work exponential in the depth of the value or of
 * the recursion limit: a hostile schema URL in stac_extensions would hang
 * the validator. The budget grows with the size of the value, so any
 * schema that visits each value a bounded number of times stays within it. */
#define STEP_BUDGET_BASE ((size_t)4 * 1000 * 1000)
#define STEP_BUDGET_PER_VALUE 64

static size_t count_values(const json_t *v, size_t limit)
{
    size_t n = 1;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v) && n < limit; i++)
            n += count_values(json_array_get(v, i), limit - n);
    } else if (json_is_object(v)) {
        const char *key;
        json_t *x;
        json_object_foreach (mlmp_unconst(v), key, x) {
            (void)key;
            n += count_values(x, limit - n);
            if (n >= limit)
                break;
        }
    }
    return n;
}

static size_t step_budget(const json_t *instance)
{
    size_t max_values = ((size_t)-1 - STEP_BUDGET_BASE) / STEP_BUDGET_PER_VALUE;
    return STEP_BUDGET_BASE + count_values(instance, max_values) * STEP_BUDGET_PER_VALUE;
}

/* The budget starts at its base, which most validations never reach, and is
 * sized to the value only when the steps pass it: counting the values of every
 * instance up front walked each document once per schema applied to it. The
 * limit is the same either way. True when the steps are over the real budget. */
static bool over_budget(vctx *c)
{
    if (!c->budget_sized) {
        c->budget_sized = true;
        c->budget = step_budget(c->instance);
    }
    return c->steps > c->budget;
}

/* --- public ------------------------------------------------------------------------------- */

const char *mlm_schema_flags_name(mlm_schema_flags f)
{
    switch (f) {
    case MLM_SCHEMA_FIRST_ERROR: return "first_error";
    case MLM_SCHEMA_ASSERT_FORMATS: return "assert_formats";
    }
    return "unknown";
}

int mlm_schema_validate(const mlm_schema *schema, const json_t *instance, unsigned int flags,
                        mlm_schema_result **result, mlm_error *err)
{
    if (result)
        *result = NULL;
    if (!schema || !instance || !result) {
        mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "mlm_schema_validate: NULL argument");
        return MLM_ERR_INVALID_ARG;
    }
    mlm_schema_result *r = mlmp_calloc(1, sizeof(*r));
    if (!r) {
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "out of memory validating");
        return MLM_ERR_NOMEM;
    }
    vctx c;
    memset(&c, 0, sizeof(c));
    c.s = schema;
    c.flags = flags;
    c.res = r;
    c.stop_first = (flags & MLM_SCHEMA_FIRST_ERROR) != 0;
    c.budget = STEP_BUDGET_BASE;
    c.instance = instance;
    bool ok = vnode(&c, schema->root, instance, NULL);
    if (ok && c.limit_hit && !c.status) {
        /* a limit was hit where errors are not reported (inside not/if/...) */
        add_error(&c, NULL, schema->root, NULL, "", MLM_ERR_DEPTH,
                  "the verdict could not be established: %s", c.limit_msg);
    }
    pcre2_match_data_free(c.md);
    if (c.status) {
        mlm_schema_result_free(r);
        mlmp_error_set(err, c.status, NULL, "out of memory validating");
        return c.status;
    }
    *result = r;
    return MLM_OK;
}

int mlm_schema_is_valid(const mlm_schema *schema, const json_t *instance, unsigned int flags)
{
    if (!schema || !instance)
        return MLM_ERR_INVALID_ARG;
    vctx c;
    memset(&c, 0, sizeof(c));
    c.s = schema;
    c.flags = flags;
    c.budget = STEP_BUDGET_BASE;
    c.instance = instance;
    bool ok = vnode(&c, schema->root, instance, NULL);
    pcre2_match_data_free(c.md);
    if (c.status)
        return c.status;
    return ok && !c.limit_hit ? 1 : 0;
}
