/*
 * Small matchers of the document-structure rules of the released MLM
 * versions (v1.c), exposed for the unit tests. Internal, not installed.
 */
#ifndef MLM_RULES_V1_STRUCTURE_H
#define MLM_RULES_V1_STRUCTURE_H

#include <jansson.h>
#include <stdbool.h>

/* Whether s contains (the schemas' pattern is unanchored) an extension URL
 * https://stac-extensions.github.io/<name>/v<major>.<digits>.<digits>/schema.json. */
bool mlmp_v1_match_ext_url(const char *s, const char *name, char major);

/* Whether s contains 1.<1-9><digits>.<digits> (the unanchored stac_version
 * pattern of the schemas' "STAC 1.1" branch). */
bool mlmp_v1_match_stac_1_1(const char *s);

/* AssetModelRole: strict (v1.4.0+) needs an object with a roles array that
 * contains "mlm:model"; loose (v1.0.0-v1.3.0) also accepts a non-object
 * asset and a roles value that is not an array. */
bool mlmp_v1_asset_is_model(const json_t *asset, bool strict);

#endif
