/* The diagnostics list. Each record's strings live in one allocation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag_private.h"
#include "document_private.h"
#include "fix.h"
#include "locator.h"
#include "mlm/validate.h"
#include "rules/rules.h"

/* A public record and the block that holds its strings. */
/* A further place a grouped diagnostic names (mlm_diagnostics_related). */
typedef struct related {
    char *pointer;
    int line, column; /* 0 until located */
} related;

typedef struct entry {
    mlm_diagnostic pub;
    char *block;
    char *line;       /* source_line, or NULL */
    mlmp_fixrec *fix; /* or NULL */
    related *rel;     /* the other places of a grouped finding, or NULL */
    size_t n_rel;
} entry;

struct mlm_diagnostics {
    entry *items;
    size_t n;
    size_t cap;
    size_t unresolved;               /* schemas that could not be resolved (MLM012) */
    mlm_spec_version spec;           /* the version whose rules ran */
    const char *spec_how, *spec_why; /* static storage, or NULL */
};

/* Free what e owns (e itself is an item of the list). */
static void entry_clear(entry *e)
{
    mlmp_free(e->block);
    mlmp_free(e->line);
    mlmp_fixrec_free(e->fix);
    for (size_t k = 0; k < e->n_rel; k++)
        mlmp_free(e->rel[k].pointer);
    mlmp_free(e->rel);
}

mlm_diagnostics *mlmp_diags_new(void)
{
    mlm_diagnostics *d = mlmp_calloc(1, sizeof(mlm_diagnostics));
    if (d)
        d->spec = MLM_SPEC_UNKNOWN;
    return d;
}

void mlmp_diags_set_version(mlm_diagnostics *d, mlm_spec_version v, const char *how,
                            const char *why)
{
    d->spec = v;
    d->spec_how = how;
    d->spec_why = why;
}

mlm_spec_version mlm_diagnostics_spec_version(const mlm_diagnostics *d, const char **how,
                                              const char **why)
{
    bool known = d && d->spec != MLM_SPEC_UNKNOWN && d->spec_how;
    if (how)
        *how = known ? d->spec_how : "none";
    if (why)
        *why = known ? d->spec_why : NULL;
    return known ? d->spec : MLM_SPEC_UNKNOWN;
}

size_t mlm_diagnostics_count(const mlm_diagnostics *d) { return d ? d->n : 0; }

const mlm_diagnostic *mlm_diagnostics_get(const mlm_diagnostics *d, size_t index)
{
    return d && index < d->n ? &d->items[index].pub : NULL;
}

size_t mlm_diagnostics_related_count(const mlm_diagnostics *d, size_t index)
{
    return d && index < d->n ? d->items[index].n_rel : 0;
}

int mlm_diagnostics_related(const mlm_diagnostics *d, size_t index, size_t k, const char **pointer,
                            int *line, int *column)
{
    if (!d || index >= d->n || k >= d->items[index].n_rel)
        return 0;
    const related *r = &d->items[index].rel[k];
    if (pointer)
        *pointer = r->pointer;
    if (line)
        *line = r->line;
    if (column)
        *column = r->column;
    return 1;
}

size_t mlm_diagnostics_count_severity(const mlm_diagnostics *d, mlm_severity s)
{
    size_t count = 0;
    for (size_t i = 0; d && i < d->n; i++)
        if (d->items[i].pub.severity == s)
            count++;
    return count;
}

int mlm_diagnostics_has_failures(const mlm_diagnostics *d, int strict)
{
    return mlm_diagnostics_failed(d, strict);
}

int mlm_diagnostics_failed(const mlm_diagnostics *d, int strict)
{
    for (size_t i = 0; d && i < d->n; i++) {
        if (d->items[i].pub.severity == MLM_SEVERITY_ERROR)
            return 1;
        if (strict && d->items[i].pub.severity == MLM_SEVERITY_WARNING)
            return 1;
    }
    return 0;
}

size_t mlm_diagnostics_unresolved(const mlm_diagnostics *d) { return d ? d->unresolved : 0; }

void mlmp_diags_count_unresolved(mlm_diagnostics *d) { d->unresolved++; }

bool mlmp_diags_has_schema_message(const mlm_diagnostics *d, const char *pointer,
                                   const char *message)
{
    size_t len = strlen(message);
    for (size_t i = 0; d && i < d->n; i++) {
        const mlm_diagnostic *x = &d->items[i].pub;
        if (strncmp(x->rule_id, "MLM01", 5) != 0 || strcmp(x->pointer, pointer) != 0 ||
            strncmp(x->message, message, len) != 0)
            continue;
        if (x->message[len] == '\0' || strncmp(x->message + len, " (schema ", 9) == 0)
            return true;
    }
    return false;
}

int mlmp_diags_apply_severities(mlm_diagnostics *d, const mlm_rule_severity *table, size_t n,
                                mlm_error *err)
{
    if (!table || n == 0)
        return MLM_OK;
    /* Resolve the ids first: a typo is an error even when the rule did not fire. */
    for (size_t k = 0; k < n; k++) {
        const mlm_rule_info *r = table[k].rule_id ? mlm_rule_find(table[k].rule_id) : NULL;
        if (!r) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "unknown rule \"%s\" in the severity table",
                           table[k].rule_id ? table[k].rule_id : "(null)");
            return MLM_ERR_INVALID_ARG;
        }
        if (table[k].severity > MLM_SEVERITY_ERROR) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL,
                           "severity %d for rule %s is not a severity", (int)table[k].severity,
                           r->id);
            return MLM_ERR_INVALID_ARG;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < d->n; i++) {
        entry *e = &d->items[i];
        bool drop = false;
        if (strcmp(e->pub.rule_id, "MLM012") != 0) {
            for (size_t k = 0; k < n; k++) { /* the last entry for a rule wins */
                const mlm_rule_info *r = mlm_rule_find(table[k].rule_id);
                if (strcmp(r->id, e->pub.rule_id) != 0)
                    continue;
                drop = table[k].severity == MLM_SEVERITY_NONE;
                if (!drop)
                    e->pub.severity = table[k].severity;
            }
        }
        if (drop)
            entry_clear(e);
        else
            d->items[kept++] = *e;
    }
    d->n = kept;
    return MLM_OK;
}

void mlm_diagnostics_free(mlm_diagnostics *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        entry_clear(&d->items[i]);
    mlmp_free(d->items);
    mlmp_free(d);
}

/* Fill e (its block newly allocated) with copies of the strings. */
static int entry_fill(entry *e, mlm_severity sev, const char *rule_id, const char *pointer,
                      const char *message, const char *hint, const char *schema_location)
{
    const char *parts[5] = {rule_id ? rule_id : "", pointer ? pointer : "", message ? message : "",
                            hint, schema_location};
    size_t lens[5], total = 0;
    for (int k = 0; k < 5; k++) {
        lens[k] = parts[k] ? strlen(parts[k]) + 1 : 0;
        total += lens[k];
    }
    char *block = mlmp_malloc(total);
    if (!block)
        return MLM_ERR_NOMEM;
    char *slots[5];
    char *p = block;
    for (int k = 0; k < 5; k++) {
        slots[k] = parts[k] ? p : NULL;
        if (parts[k]) {
            memcpy(p, parts[k], lens[k]);
            p += lens[k];
        }
    }
    e->block = block;
    mlm_diagnostic *r = &e->pub;
    r->severity = sev;
    r->rule_id = slots[0];
    r->pointer = slots[1];
    r->message = slots[2];
    r->hint = slots[3];
    r->schema_location = slots[4];
    return MLM_OK;
}

int mlmp_diags_add(mlm_diagnostics *d, mlm_severity sev, const char *rule_id, const char *pointer,
                   const char *message, const char *hint, const char *schema_location)
{
    if (mlmp_grow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items)) != MLM_OK)
        return MLM_ERR_NOMEM;
    entry *e = &d->items[d->n];
    memset(e, 0, sizeof(*e));
    if (entry_fill(e, sev, rule_id, pointer, message, hint, schema_location) != MLM_OK)
        return MLM_ERR_NOMEM;
    d->n++;
    return MLM_OK;
}

/* Replace the message and hint of e (the other strings kept). */
static void entry_rewrite(entry *e, const char *message, const char *hint)
{
    entry copy = *e;
    if (entry_fill(&copy, e->pub.severity, e->pub.rule_id, e->pub.pointer, message, hint,
                   e->pub.schema_location) != MLM_OK)
        return; /* best effort: the finding stays as it was */
    mlmp_free(e->block);
    *e = copy;
}

/* The name X of a schema message 'missing required property "X"', in buf. */
static bool missing_property(const char *msg, char *buf, size_t cap)
{
    static const char lead[] = "missing required property \"";
    if (strncmp(msg, lead, sizeof(lead) - 1) != 0)
        return false;
    const char *a = msg + sizeof(lead) - 1, *b = strchr(a, '"');
    if (!b || (size_t)(b - a) + 3 > cap)
        return false;
    snprintf(buf, cap, "\"%.*s\"", (int)(b - a), a);
    return true;
}

/* The parent pointer length of p when its last token is an array index. */
static bool index_pointer(const char *p, size_t *parent_len, size_t *index)
{
    const char *slash = strrchr(p, '/');
    if (!slash || !slash[1])
        return false;
    size_t v = 0;
    for (const char *q = slash + 1; *q; q++) {
        if (*q < '0' || *q > '9' || v > (SIZE_MAX - 9) / 10)
            return false;
        v = v * 10 + (size_t)(*q - '0');
    }
    *parent_len = (size_t)(slash - p);
    *index = v;
    return true;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Sorting for mlmp_diags_merge (qsort has no context: the items travel along). */
typedef struct merge_key {
    const entry *e;
    size_t index;      /* in d->items */
    size_t parent_len; /* of the pointer, for the grouping */
    size_t list_index; /* the last token */
} merge_key;

static int cmp_str_or_null(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_group(const void *pa, const void *pb)
{
    const merge_key *a = pa, *b = pb;
    int c = strcmp(a->e->pub.rule_id, b->e->pub.rule_id);
    if (c)
        return c;
    if (a->e->pub.severity != b->e->pub.severity)
        return a->e->pub.severity < b->e->pub.severity ? -1 : 1;
    if (a->parent_len != b->parent_len)
        return a->parent_len < b->parent_len ? -1 : 1;
    if ((c = strncmp(a->e->pub.pointer, b->e->pub.pointer, a->parent_len)) != 0)
        return c;
    if ((c = cmp_str_or_null(a->e->pub.hint, b->e->pub.hint)) != 0)
        return c;
    return a->index < b->index ? -1 : (a->index > b->index);
}

static bool same_group(const merge_key *a, const merge_key *b)
{
    return strcmp(a->e->pub.rule_id, b->e->pub.rule_id) == 0 &&
           a->e->pub.severity == b->e->pub.severity && a->parent_len == b->parent_len &&
           strncmp(a->e->pub.pointer, b->e->pub.pointer, a->parent_len) == 0 &&
           same_text(a->e->pub.hint, b->e->pub.hint);
}

static int cmp_pointer(const void *pa, const void *pb)
{
    const merge_key *a = pa, *b = pb;
    int c = strcmp(a->e->pub.pointer, b->e->pub.pointer);
    return c ? c : (a->index < b->index ? -1 : (a->index > b->index));
}

/* Give e the pointers of the k findings said with it (best effort: without
 * memory the message alone names them). */
static void keep_related(entry *e, const merge_key *others, size_t k)
{
    related *rel = mlmp_calloc(k, sizeof(*rel));
    if (!rel)
        return;
    for (size_t q = 0; q < k; q++) {
        rel[q].pointer = mlmp_strdup(others[q].e->pub.pointer);
        if (!rel[q].pointer) {
            while (q-- > 0)
                mlmp_free(rel[q].pointer);
            mlmp_free(rel);
            return;
        }
    }
    e->rel = rel;
    e->n_rel = k;
}

void mlmp_diags_merge(mlm_diagnostics *d)
{
    if (!d || d->n < 2)
        return;
    bool *gone = mlmp_calloc(d->n, sizeof(bool));
    merge_key *keys = mlmp_malloc(d->n * sizeof(merge_key));
    if (!gone || !keys) {
        mlmp_free(gone);
        mlmp_free(keys);
        return; /* best effort */
    }
    /* One fact, once: a required member the STAC schema reports missing is
     * not said again by MLM100 at the same place (that one's hint kept).
     * The MLM100 findings are sorted by pointer and looked up. */
    size_t nm = 0;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->items[i].pub.rule_id, "MLM100") == 0 && !d->items[i].fix)
            keys[nm++] = (merge_key){&d->items[i], i, 0, 0};
    qsort(keys, nm, sizeof(*keys), cmp_pointer);
    for (size_t i = 0; nm && i < d->n; i++) {
        char name[160];
        entry *s = &d->items[i];
        if (strncmp(s->pub.rule_id, "MLM01", 5) != 0 ||
            !missing_property(s->pub.message, name, sizeof(name)))
            continue;
        size_t lo = 0, hi = nm;
        while (lo < hi) { /* the first MLM100 at s's pointer */
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(keys[mid].e->pub.pointer, s->pub.pointer) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < nm && strcmp(keys[lo].e->pub.pointer, s->pub.pointer) == 0; lo++) {
            size_t j = keys[lo].index;
            if (gone[j] || !strstr(d->items[j].pub.message, name))
                continue;
            if (!s->pub.hint && d->items[j].pub.hint)
                entry_rewrite(s, s->pub.message, d->items[j].pub.hint);
            gone[j] = true;
        }
    }
    /* One finding, one diagnostic: the same rule at several positions of one
     * list, with the same hint (the positions do not differ in kind) and no
     * fix of its own, is said once, at the first, naming the others. The
     * candidates are sorted so that each group is a run. */
    size_t nk = 0;
    for (size_t i = 0; i < d->n; i++) {
        entry *e = &d->items[i];
        size_t plen, index;
        if (gone[i] || e->fix || e->pub.schema_location ||
            !index_pointer(e->pub.pointer, &plen, &index))
            continue;
        keys[nk++] = (merge_key){e, i, plen, index};
    }
    qsort(keys, nk, sizeof(*keys), cmp_group);
    for (size_t a = 0; a < nk;) {
        size_t b = a + 1;
        while (b < nk && same_group(&keys[a], &keys[b]))
            b++;
        size_t k = b - a - 1; /* the others, after the first of the run */
        if (k > 0) {
            mlmp_strbuf m = MLMP_STRBUF_INIT;
            mlmp_strbuf_puts(&m, keys[a].e->pub.message);
            mlmp_strbuf_printf(&m, "; the same at %zu more position%s of this list (index", k,
                               k == 1 ? "" : "s");
            for (size_t q = 0; q < k; q++) {
                if (q == 24) {
                    mlmp_strbuf_puts(&m, ", ...");
                    break;
                }
                mlmp_strbuf_printf(&m, "%s %zu",
                                   q == 0       ? (k == 1 ? "" : "es")
                                   : q + 1 == k ? " and"
                                                : ",",
                                   keys[a + 1 + q].list_index);
            }
            mlmp_strbuf_putc(&m, ')');
            const char *msg = mlmp_strbuf_cstr(&m);
            if (msg) { /* out of memory: every one is kept */
                entry_rewrite(&d->items[keys[a].index], msg, keys[a].e->pub.hint);
                keep_related(&d->items[keys[a].index], keys + a + 1, k);
                for (size_t q = a + 1; q < b; q++)
                    gone[keys[q].index] = true;
            }
            mlmp_strbuf_free(&m);
        }
        a = b;
    }
    size_t kept = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (gone[i])
            entry_clear(&d->items[i]);
        else
            d->items[kept++] = d->items[i];
    }
    d->n = kept;
    mlmp_free(gone);
    mlmp_free(keys);
}

const mlm_fix *mlm_diagnostics_fix(const mlm_diagnostics *d, size_t index)
{
    return d && index < d->n ? mlmp_fixrec_view(d->items[index].fix) : NULL;
}

void mlmp_diags_fix_last(mlm_diagnostics *d, mlmp_fixrec *f)
{
    if (!d || d->n == 0 || !f) {
        mlmp_fixrec_free(f);
        return;
    }
    entry *e = &d->items[d->n - 1];
    mlmp_fixrec_free(e->fix);
    e->fix = f;
}

void mlmp_diags_fix_edits(mlm_diagnostics *d, const mlm_document *doc)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->n; i++)
        n += d->items[i].fix != NULL;
    if (n == 0 || !doc)
        return;
    mlmp_fixrec **fixes = mlmp_malloc(n * sizeof(*fixes));
    if (!fixes)
        return; /* text edits are best effort */
    n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].fix)
            fixes[n++] = d->items[i].fix;
    const mlm_document *top = mlmp_document_top(doc);
    mlmp_fixrecs_compute_edits(fixes, n, top->text, top->text_len, doc->line_offset);
    mlmp_free(fixes);
}

typedef struct order {
    size_t index;
    long offset;
} order;

static int cmp_order(const void *a, const void *b)
{
    const order *x = a, *y = b;
    /* Unlocated diagnostics (offset -1) keep their place at the front. */
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

#define LINE_SIDE 512 /* bytes kept on each side of the value in a long line */

static bool utf8_continuation(char c) { return ((unsigned char)c & 0xC0u) == 0x80u; }

/* Keep the source line around byte offset `at` of text (which is `column`
 * characters into its line) in e->line; best effort. */
static void keep_line(entry *e, const char *text, size_t len, long at, int column)
{
    if (at < 0 || (size_t)at > len || column < 1)
        return;
    size_t start = (size_t)at, end = (size_t)at;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    while (end < len && text[end] != '\n')
        end++;
    if (end > start && text[end - 1] == '\r')
        end--;
    int col = column;
    if ((size_t)at - start > LINE_SIDE) {
        size_t cut = (size_t)at - LINE_SIDE;
        while (cut < (size_t)at && utf8_continuation(text[cut]))
            cut++;
        for (size_t k = start; k < cut; k++) /* characters dropped on the left */
            if (!utf8_continuation(text[k]))
                col--;
        start = cut;
    }
    if (end > (size_t)at && end - (size_t)at > LINE_SIDE) {
        size_t cut = (size_t)at + LINE_SIDE;
        while (cut > (size_t)at && utf8_continuation(text[cut]))
            cut--;
        end = cut;
    }
    e->line = mlmp_malloc(end - start + 1);
    if (!e->line)
        return;
    memcpy(e->line, text + start, end - start);
    e->line[end - start] = '\0';
    e->pub.source_line = e->line;
    e->pub.source_column = col;
}

void mlmp_diags_locate_and_sort(mlm_diagnostics *d, const mlm_document *doc)
{
    mlmp_diags_locate_and_sort_lines(d, doc, false);
}

void mlmp_diags_locate_and_sort_lines(mlm_diagnostics *d, const mlm_document *doc, bool lines)
{
    if (!d || d->n == 0)
        return;
    size_t total = d->n; /* the diagnostics' pointers, then their related ones */
    for (size_t i = 0; i < d->n; i++)
        total += d->items[i].n_rel;
    const char **ptrs = mlmp_malloc(total * sizeof(*ptrs));
    mlmp_pos *pos = mlmp_malloc(total * sizeof(*pos));
    order *ord = mlmp_malloc(d->n * sizeof(*ord));
    entry *sorted = mlmp_malloc(d->n * sizeof(*sorted));
    if (!ptrs || !pos || !ord || !sorted)
        goto out; /* positions are best effort */
    size_t at = d->n;
    for (size_t i = 0; i < d->n; i++) {
        ptrs[i] = d->items[i].pub.pointer;
        for (size_t k = 0; k < d->items[i].n_rel; k++)
            ptrs[at++] = d->items[i].rel[k].pointer;
    }
    const mlm_document *top = mlmp_document_top(doc);
    if (mlmp_locate(top->text, top->text_len, ptrs, total, pos) != MLM_OK)
        goto out;
    at = d->n;
    for (size_t i = 0; i < d->n; i++) {
        for (size_t k = 0; k < d->items[i].n_rel; k++, at++) {
            d->items[i].rel[k].line = pos[at].line > 0 ? pos[at].line + (int)doc->line_offset : 0;
            d->items[i].rel[k].column = pos[at].line > 0 ? pos[at].column : 0;
        }
    }
    for (size_t i = 0; i < d->n; i++) {
        d->items[i].pub.line = pos[i].line > 0 ? pos[i].line + (int)doc->line_offset : 0;
        d->items[i].pub.column = pos[i].column;
        if (lines && pos[i].line > 0)
            keep_line(&d->items[i], top->text, top->text_len, pos[i].offset, pos[i].column);
        ord[i].index = i;
        ord[i].offset = pos[i].offset;
    }
    qsort(ord, d->n, sizeof(*ord), cmp_order);
    for (size_t i = 0; i < d->n; i++)
        sorted[i] = d->items[ord[i].index];
    memcpy(d->items, sorted, d->n * sizeof(*sorted));
out:
    mlmp_free(ptrs);
    mlmp_free(pos);
    mlmp_free(ord);
    mlmp_free(sorted);
}

int mlm_diagnostics_apply_fixes(const mlm_diagnostics *d, const char *text, size_t len,
                                unsigned flags, char **out, size_t *out_len, size_t *applied,
                                mlm_error *err)
{
    size_t count = mlm_diagnostics_count(d);
    const mlm_fix **fixes = mlmp_calloc(count ? count : 1, sizeof(*fixes));
    if (!fixes) {
        if (applied)
            *applied = 0;
        mlmp_error_set(err, MLM_ERR_NOMEM, NULL, "Out of memory while applying fixes.");
        return MLM_ERR_NOMEM;
    }
    for (size_t i = 0; i < count; i++)
        fixes[i] = mlm_diagnostics_fix(d, i);
    int rc = mlm_fixes_apply(fixes, count, text, len, flags, out, out_len, applied, err);
    mlmp_free(fixes);
    return rc;
}
