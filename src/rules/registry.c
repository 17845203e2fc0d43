/* The rule registry: one table, assembled from the rules_*.def files, from
 * which --explain, docs/rules.md and the sync tests are all produced. */
#include <string.h>
#include <strings.h>

#include "facts.h"
#include "rules/rules.h"

#define MLMP_RULE(id, name, sev, summary, description, bad, good)                                  \
    {id, name, sev, summary, description, bad, good},

static const mlm_rule_info rules[] = {
#include "rules/rules_core.def"
#include "rules/rules_generic.def"
#include "rules/rules_fields.def"
#include "rules/rules_structure.def"
#include "rules/rules_spec.def"
#include "rules/rules_draft.def"
};

#undef MLMP_RULE

size_t mlm_rule_count(void) { return MLMP_ARRAY_LEN(rules); }

const mlm_rule_info *mlm_rule_at(size_t index)
{
    return index < MLMP_ARRAY_LEN(rules) ? &rules[index] : NULL;
}

const mlm_rule_info *mlmp_rule_lookup(const char *id)
{
    /* Ids are "MLM" + 3 digits and the table is sorted by id within each
     * file; a linear scan over ~80 entries is cheaper than it sounds and
     * only runs when something is reported. */
    for (size_t i = 0; i < MLMP_ARRAY_LEN(rules); i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

const mlm_rule_info *mlm_rule_find(const char *id_or_name)
{
    if (!id_or_name)
        return NULL;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(rules); i++)
        if (strcasecmp(rules[i].id, id_or_name) == 0 || strcasecmp(rules[i].name, id_or_name) == 0)
            return &rules[i];
    return NULL;
}

const char *mlm_severity_name(mlm_severity s)
{
    switch (s) {
    case MLM_SEVERITY_ERROR: return "error";
    case MLM_SEVERITY_WARNING: return "warning";
    case MLM_SEVERITY_INFO: return "info";
    case MLM_SEVERITY_NONE: break;
    }
    return "none";
}
