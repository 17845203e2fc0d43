/*
 * The metaschemas the engine knows without a download: draft-07 (its own
 * dialect), and draft-06 and draft-04 for schemas that declare them.
 *
 * Written for libmlm from the published descriptions of each draft's
 * vocabulary (the keywords, the types their values take, and their
 * defaults), in the engine's draft-07 dialect: where draft-04 said a thing
 * with its own keyword semantics (multipleOf > 0 as "minimum 0" with a
 * boolean "exclusiveMinimum"), the same rule is written the draft-07 way.
 * tests/schema (schema_unit, schema_suite_extra) validates the suites' and
 * the reference schemas against them.
 */
#include <string.h>

#include "schema/schema_int.h"

/* The definitions draft-06 and draft-07 share. */
#define DEFS_06_07                                                                                 \
    "\"schemaArray\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"$ref\":\"#\"}},"              \
    "\"nonNegativeInteger\":{\"type\":\"integer\",\"minimum\":0},"                                 \
    "\"nonNegativeIntegerDefault0\":{\"allOf\":[{\"$ref\":\"#/definitions/nonNegativeInteger\"},"  \
    "{\"default\":0}]},"                                                                           \
    "\"simpleTypes\":{\"enum\":[\"array\",\"boolean\",\"integer\",\"null\",\"number\","            \
    "\"object\",\"string\"]},"                                                                     \
    "\"stringArray\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"uniqueItems\":true,"    \
    "\"default\":[]}"

/* The properties draft-06 and draft-07 share. */
#define PROPS_06_07                                                                                \
    "\"$id\":{\"type\":\"string\",\"format\":\"uri-reference\"},"                                  \
    "\"$schema\":{\"type\":\"string\",\"format\":\"uri\"},"                                        \
    "\"$ref\":{\"type\":\"string\",\"format\":\"uri-reference\"},"                                 \
    "\"title\":{\"type\":\"string\"},"                                                             \
    "\"description\":{\"type\":\"string\"},"                                                       \
    "\"default\":true,"                                                                            \
    "\"multipleOf\":{\"type\":\"number\",\"exclusiveMinimum\":0},"                                 \
    "\"maximum\":{\"type\":\"number\"},"                                                           \
    "\"exclusiveMaximum\":{\"type\":\"number\"},"                                                  \
    "\"minimum\":{\"type\":\"number\"},"                                                           \
    "\"exclusiveMinimum\":{\"type\":\"number\"},"                                                  \
    "\"maxLength\":{\"$ref\":\"#/definitions/nonNegativeInteger\"},"                               \
    "\"minLength\":{\"$ref\":\"#/definitions/nonNegativeIntegerDefault0\"},"                       \
    "\"pattern\":{\"type\":\"string\",\"format\":\"regex\"},"                                      \
    "\"additionalItems\":{\"$ref\":\"#\"},"                                                        \
    "\"items\":{\"anyOf\":[{\"$ref\":\"#\"},{\"$ref\":\"#/definitions/schemaArray\"}],"            \
    "\"default\":true},"                                                                           \
    "\"maxItems\":{\"$ref\":\"#/definitions/nonNegativeInteger\"},"                                \
    "\"minItems\":{\"$ref\":\"#/definitions/nonNegativeIntegerDefault0\"},"                        \
    "\"uniqueItems\":{\"type\":\"boolean\",\"default\":false},"                                    \
    "\"contains\":{\"$ref\":\"#\"},"                                                               \
    "\"maxProperties\":{\"$ref\":\"#/definitions/nonNegativeInteger\"},"                           \
    "\"minProperties\":{\"$ref\":\"#/definitions/nonNegativeIntegerDefault0\"},"                   \
    "\"required\":{\"$ref\":\"#/definitions/stringArray\"},"                                       \
    "\"additionalProperties\":{\"$ref\":\"#\"},"                                                   \
    "\"definitions\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"              \
    "\"default\":{}},"                                                                             \
    "\"properties\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"               \
    "\"default\":{}},"                                                                             \
    "\"patternProperties\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"        \
    "\"propertyNames\":{\"format\":\"regex\"},\"default\":{}},"                                    \
    "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[{\"$ref\":\"#\"}," \
    "{\"$ref\":\"#/definitions/stringArray\"}]}},"                                                 \
    "\"propertyNames\":{\"$ref\":\"#\"},"                                                          \
    "\"const\":true,"                                                                              \
    "\"type\":{\"anyOf\":[{\"$ref\":\"#/definitions/simpleTypes\"},{\"type\":\"array\","           \
    "\"items\":{\"$ref\":\"#/definitions/simpleTypes\"},\"minItems\":1,\"uniqueItems\":true}]},"   \
    "\"format\":{\"type\":\"string\"},"                                                            \
    "\"allOf\":{\"$ref\":\"#/definitions/schemaArray\"},"                                          \
    "\"anyOf\":{\"$ref\":\"#/definitions/schemaArray\"},"                                          \
    "\"oneOf\":{\"$ref\":\"#/definitions/schemaArray\"},"                                          \
    "\"not\":{\"$ref\":\"#\"}"

/* Draft-07: comments, read/write-only annotations, content annotations,
 * conditionals; enum takes any array. */
static const char DRAFT_07[] =
    "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
    "\"$id\":\"http://json-schema.org/draft-07/schema#\","
    "\"title\":\"Core schema meta-schema (draft-07, built into libmlm)\","
    "\"definitions\":{" DEFS_06_07 "},"
    "\"type\":[\"object\",\"boolean\"],"
    "\"properties\":{" PROPS_06_07 ","
    "\"$comment\":{\"type\":\"string\"},"
    "\"readOnly\":{\"type\":\"boolean\",\"default\":false},"
    "\"writeOnly\":{\"type\":\"boolean\",\"default\":false},"
    "\"examples\":{\"type\":\"array\",\"items\":true},"
    "\"enum\":{\"type\":\"array\",\"items\":true},"
    "\"contentMediaType\":{\"type\":\"string\"},"
    "\"contentEncoding\":{\"type\":\"string\"},"
    "\"if\":{\"$ref\":\"#\"},\"then\":{\"$ref\":\"#\"},\"else\":{\"$ref\":\"#\"}"
    "},\"default\":true}";

/* Draft-06: boolean schemas, numeric exclusive bounds, const, contains,
 * propertyNames, examples; enum is a non-empty array. */
static const char DRAFT_06[] =
    "{\"$schema\":\"http://json-schema.org/draft-06/schema#\","
    "\"$id\":\"http://json-schema.org/draft-06/schema#\","
    "\"title\":\"Core schema meta-schema (draft-06, built into libmlm)\","
    "\"definitions\":{" DEFS_06_07 "},"
    "\"type\":[\"object\",\"boolean\"],"
    "\"properties\":{" PROPS_06_07 ","
    "\"examples\":{\"type\":\"array\",\"items\":{}},"
    "\"enum\":{\"type\":\"array\",\"minItems\":1,\"uniqueItems\":true}"
    "},\"default\":{}}";

/* Draft-04: "id", schemas are objects (booleans only for additionalItems
 * and additionalProperties), exclusiveMaximum/exclusiveMinimum are booleans
 * that need maximum/minimum, required and enum are non-empty. */
static const char DRAFT_04[] =
    "{\"id\":\"http://json-schema.org/draft-04/schema#\","
    "\"$schema\":\"http://json-schema.org/draft-04/schema#\","
    "\"title\":\"Core schema meta-schema (draft-04, built into libmlm)\","
    "\"definitions\":{"
    "\"schemaArray\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"$ref\":\"#\"}},"
    "\"positiveInteger\":{\"type\":\"integer\",\"minimum\":0},"
    "\"positiveIntegerDefault0\":{\"allOf\":[{\"$ref\":\"#/definitions/positiveInteger\"},"
    "{\"default\":0}]},"
    "\"simpleTypes\":{\"enum\":[\"array\",\"boolean\",\"integer\",\"null\",\"number\","
    "\"object\",\"string\"]},"
    "\"stringArray\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,"
    "\"uniqueItems\":true}},"
    "\"type\":\"object\","
    "\"properties\":{"
    "\"id\":{\"type\":\"string\"},"
    "\"$schema\":{\"type\":\"string\"},"
    "\"title\":{\"type\":\"string\"},"
    "\"description\":{\"type\":\"string\"},"
    "\"default\":{},"
    "\"multipleOf\":{\"type\":\"number\",\"exclusiveMinimum\":0},"
    "\"maximum\":{\"type\":\"number\"},"
    "\"exclusiveMaximum\":{\"type\":\"boolean\",\"default\":false},"
    "\"minimum\":{\"type\":\"number\"},"
    "\"exclusiveMinimum\":{\"type\":\"boolean\",\"default\":false},"
    "\"maxLength\":{\"$ref\":\"#/definitions/positiveInteger\"},"
    "\"minLength\":{\"$ref\":\"#/definitions/positiveIntegerDefault0\"},"
    "\"pattern\":{\"type\":\"string\",\"format\":\"regex\"},"
    "\"additionalItems\":{\"anyOf\":[{\"type\":\"boolean\"},{\"$ref\":\"#\"}],\"default\":{}},"
    "\"items\":{\"anyOf\":[{\"$ref\":\"#\"},{\"$ref\":\"#/definitions/schemaArray\"}],"
    "\"default\":{}},"
    "\"maxItems\":{\"$ref\":\"#/definitions/positiveInteger\"},"
    "\"minItems\":{\"$ref\":\"#/definitions/positiveIntegerDefault0\"},"
    "\"uniqueItems\":{\"type\":\"boolean\",\"default\":false},"
    "\"maxProperties\":{\"$ref\":\"#/definitions/positiveInteger\"},"
    "\"minProperties\":{\"$ref\":\"#/definitions/positiveIntegerDefault0\"},"
    "\"required\":{\"$ref\":\"#/definitions/stringArray\"},"
    "\"additionalProperties\":{\"anyOf\":[{\"type\":\"boolean\"},{\"$ref\":\"#\"}],"
    "\"default\":{}},"
    "\"definitions\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"
    "\"default\":{}},"
    "\"properties\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"
    "\"default\":{}},"
    "\"patternProperties\":{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#\"},"
    "\"default\":{}},"
    "\"dependencies\":{\"type\":\"object\",\"additionalProperties\":{\"anyOf\":[{\"$ref\":\"#\"},"
    "{\"$ref\":\"#/definitions/stringArray\"}]}},"
    "\"enum\":{\"type\":\"array\",\"minItems\":1,\"uniqueItems\":true},"
    "\"type\":{\"anyOf\":[{\"$ref\":\"#/definitions/simpleTypes\"},{\"type\":\"array\","
    "\"items\":{\"$ref\":\"#/definitions/simpleTypes\"},\"minItems\":1,\"uniqueItems\":true}]},"
    "\"format\":{\"type\":\"string\"},"
    "\"allOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
    "\"anyOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
    "\"oneOf\":{\"$ref\":\"#/definitions/schemaArray\"},"
    "\"not\":{\"$ref\":\"#\"}},"
    "\"dependencies\":{\"exclusiveMaximum\":[\"maximum\"],\"exclusiveMinimum\":[\"minimum\"]},"
    "\"default\":{}}";

static const struct {
    const char *url; /* without the fragment, as the registry looks documents up */
    const char *text;
} BUILTIN[] = {
    {"http://json-schema.org/draft-07/schema", DRAFT_07},
    {"http://json-schema.org/draft-06/schema", DRAFT_06},
    {"http://json-schema.org/draft-04/schema", DRAFT_04},
};

json_t *mlmp_sch_builtin(const char *url, bool *nomem)
{
    *nomem = false;
    const char *rest = strncmp(url, "https://", 8) == 0  ? url + 8
                       : strncmp(url, "http://", 7) == 0 ? url + 7
                                                         : NULL;
    if (!rest)
        return NULL;
    for (size_t i = 0; i < MLMP_ARRAY_LEN(BUILTIN); i++) {
        if (strcmp(rest, BUILTIN[i].url + 7) != 0)
            continue;
        json_error_t je;
        json_t *doc = json_loads(BUILTIN[i].text, 0, &je);
        *nomem = doc == NULL; /* the texts are valid JSON: only memory can fail */
        return doc;
    }
    return NULL;
}
