/* Placeholder until this rule group lands; replaced by its owner. */
#include "rules/rules.h"

void mlmp_rules_v1(mlmp_ctx *c) { (void)c; }
