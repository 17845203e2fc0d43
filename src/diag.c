/* The diagnostics list. Each record's strings live in one allocation. */
#include <stdlib.h>
#include <string.h>

#include "diag_private.h"
#include "document_private.h"
#include "locator.h"
#include "mlm/validate.h"
#include "rules/rules.h"

/* A public record and the block that holds its strings. */
typedef struct entry {
    mlm_diagnostic pub;
    char *block;
    char *line; /* source_line, or NULL */
} entry;

struct mlm_diagnostics {
    entry *items;
    size_t n;
    size_t cap;
    size_t unresolved; /* schemas that could not be resolved (MLM012) */
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
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "unknown rule \"%s\" in the severity table",
                           table[k].rule_id ? table[k].rule_id : "(null)");
            return MLM_ERR_INVALID_ARG;
        }
        if (table[k].severity > MLM_SEVERITY_ERROR) {
            mlmp_error_set(err, MLM_ERR_INVALID_ARG, NULL, "severity %d for rule %s is not a severity",
                           (int)table[k].severity, r->id);
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
        if (drop) {
            mlmp_free(e->block);
            mlmp_free(e->line);
        }
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
    for (size_t i = 0; i < d->n; i++) {
        mlmp_free(d->items[i].block);
        mlmp_free(d->items[i].line);
    }
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
    d->items[d->n].line = NULL;
    mlm_diagnostic *r = &d->items[d->n++].pub;
    r->severity = sev;
    r->rule_id = slots[0];
    r->pointer = slots[1];
    r->message = slots[2];
    r->hint = slots[3];
    r->schema_location = slots[4];
    r->line = r->column = 0;
    r->source_line = NULL;
    r->source_column = 0;
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
