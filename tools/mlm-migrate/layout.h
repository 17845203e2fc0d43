/* The migrated document in its source's layout (mlm-migrate).
 *
 * jansson writes every container either expanded or all on one line; people
 * keep short arrays on one line. layout_serialise() writes a document so that
 * what did not change keeps the source's indentation and one-line containers,
 * and --diff shows only the migration's changes. */
#ifndef MLM_MIGRATE_LAYOUT_H
#define MLM_MIGRATE_LAYOUT_H

#include <jansson.h>

/* root written as JSON text in the layout of src_text, the source text whose
 * parse is src (src may differ from root: it is the document before the
 * migration). Neither root nor src is changed or kept. Returns a new string
 * ending in a newline, which the caller frees with free(), or NULL when
 * memory runs out. Parsing the result gives a value equal to root. */
char *layout_serialise(json_t *root, json_t *src, const char *src_text);

#endif
