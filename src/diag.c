/* The diagnostics list. Each record's strings live in one allocation. */
#include <stdlib.h>
#include <string.h>

#include "document_private.h"
#include "locator.h"
#include "mlm/validate.h"
#include "rules/rules.h"

/* A public record and the block that holds its strings. */
typedef struct entry {
    mlm_diagnostic pub;
    char *block;
} entry;

struct mlm_diagnostics {
    entry *items;
    size_t n;
    size_t cap;
};

mlm_diagnostics *mlmp_diags_new(void) { return mlmp_calloc(1, sizeof(mlm_diagnostics)); }

size_t mlm_diagnostics_count(const mlm_diagnostics *d) { return d ? d->n : 0; }

const mlm_diagnostic *mlm_diagnostics_get(const mlm_diagnostics *d, size_t index)
{
    return d && index < d->n ? &d->items[index].pub : NULL;
}

size_t mlm_diagnostics_count_severity(const mlm_diagnostics *d, mlm_severity s)
{
    size_t count = 0;
    for (size_t i = 0; d && i < d->n; i++)
        if (d->items[i].pub.severity == s)
            count++;
    return count;
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

void mlm_diagnostics_free(mlm_diagnostics *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        mlmp_free(d->items[i].block);
    mlmp_free(d->items);
    mlmp_free(d);
}

int mlmp_diags_add(mlm_diagnostics *d, mlm_severity sev, const char *rule_id,
                   const char *pointer, const char *message, const char *hint,
                   const char *schema_location)
{
    if (mlmp_grow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items)) != MLM_OK)
        return MLM_ERR_NOMEM;
    const char *parts[5] = {rule_id ? rule_id : "", pointer ? pointer : "",
                            message ? message : "", hint, schema_location};
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
    d->items[d->n].block = block;
    mlm_diagnostic *r = &d->items[d->n++].pub;
    r->severity = sev;
    r->rule_id = slots[0];
    r->pointer = slots[1];
    r->message = slots[2];
    r->hint = slots[3];
    r->schema_location = slots[4];
    r->line = r->column = 0;
    return MLM_OK;
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

void mlmp_diags_locate_and_sort(mlm_diagnostics *d, const mlm_document *doc)
{
    if (!d || d->n == 0)
        return;
    const char **ptrs = mlmp_malloc(d->n * sizeof(*ptrs));
    mlmp_pos *pos = mlmp_malloc(d->n * sizeof(*pos));
    order *ord = mlmp_malloc(d->n * sizeof(*ord));
    entry *sorted = mlmp_malloc(d->n * sizeof(*sorted));
    if (!ptrs || !pos || !ord || !sorted)
        goto out; /* positions are best effort */
    for (size_t i = 0; i < d->n; i++)
        ptrs[i] = d->items[i].pub.pointer;
    const mlm_document *top = mlmp_document_top(doc);
    if (mlmp_locate(top->text, top->text_len, ptrs, d->n, pos) != MLM_OK)
        goto out;
    for (size_t i = 0; i < d->n; i++) {
        d->items[i].pub.line = pos[i].line > 0 ? pos[i].line + (int)doc->line_offset : 0;
        d->items[i].pub.column = pos[i].column;
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
