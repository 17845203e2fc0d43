/* Prints every registered rule id, one per line (used by docs generation). */
#include <stdio.h>

#include "mlm.h"

int main(void)
{
    for (size_t i = 0; i < mlm_rule_count(); i++) {
        const mlm_rule_info *r = mlm_rule_at(i);
        printf("%s\t%s\t%s\t%s\n", r->id, r->name, mlm_severity_name(r->severity), r->summary);
    }
    return 0;
}
