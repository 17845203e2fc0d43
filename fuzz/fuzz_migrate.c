/*
 * Fuzz target: arbitrary bytes -> JSON -> mlm_migrate() -> JSON text.
 * The first byte chooses the target version (1.0.0 .. 1.5.2). Properties:
 *   - no crash, leak or hang: migration either fails with a message, or
 *     returns a report whose entries all have an id, a kind and a message;
 *   - the result serialises and parses back to an object;
 *   - idempotence: migrating the result to the same target changes nothing
 *     (no change entry; TODOs that remain and notes may be said again), and
 *     leaves the JSON equal.
 * Any violation aborts, which libFuzzer reports as a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlm.h"
#include "mlm/migrate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t check_report(const mlm_migration *m)
{
    size_t todos = 0, changes = 0;
    for (size_t i = 0; i < mlm_migration_count(m); i++) {
        const mlm_migrate_entry *e = mlm_migration_entry(m, i);
        if (!e || !e->id || !e->message || !e->message[0] || (!e->from && !e->to))
            abort();
        todos += e->kind == MLM_MIGRATE_TODO;
        changes += e->kind == MLM_MIGRATE_CHANGE;
    }
    if (todos != mlm_migration_todo_count(m) || mlm_migration_entry(m, mlm_migration_count(m)))
        abort();
    return changes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 20)
        return 0;
    mlm_spec_version to = (mlm_spec_version)(MLM_SPEC_1_0_0 + data[0] % (MLM_SPEC_LATEST - MLM_SPEC_1_0_0 + 1));
    json_t *root = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL);
    if (!root)
        return 0;
    mlm_error err = MLM_ERROR_INIT;
    mlm_migration *m = mlm_migrate(root, to, &err);
    if (!m) {
        if (!err.text[0])
            abort();
        json_decref(root);
        return 0;
    }
    (void)check_report(m);
    mlm_migration_free(m);
    char *text = json_dumps(root, JSON_REAL_PRECISION(mlm_json_real_precision(root)));
    if (!text)
        abort();
    json_t *again = json_loads(text, 0, NULL);
    free(text);
    if (!json_is_object(again))
        abort();
    json_t *copy = json_deep_copy(again);
    m = mlm_migrate(again, to, &err);
    if (!m)
        abort(); /* a migrated document is always migratable to its own version */
    if (check_report(m) != 0 || !json_equal(again, copy))
        abort(); /* not idempotent */
    mlm_migration_free(m);
    json_decref(copy);
    json_decref(again);
    json_decref(root);
    return 0;
}
