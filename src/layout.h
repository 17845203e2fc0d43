/* Internal: the one JSON writer of the library (layout.c).
 *
 * Two ways to write a value. mlmp_layout_fresh() is the library's own
 * layout, for documents that have no source text (built from scratch,
 * wrapped with mlm_parse_json()). mlmp_layout_keep() writes a value in the
 * layout of the source text it was read from: what did not change is copied
 * byte for byte, and an edit changes only the lines of the values it
 * touched. mlm_document_dump() (writer.c) and the document's text after an
 * edit use them; mlm-migrate reaches them through mlm_document_dump(). */
#ifndef MLM_LAYOUT_H
#define MLM_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* root as JSON text in the library's layout: two-space indentation (or one
 * line when compact), keys in document order, every real with the fewest
 * digits that read back exactly, and a final newline. Returns a new string
 * (mlmp_free) of *len bytes plus a NUL, or NULL when memory runs out. */
char *mlmp_layout_fresh(const json_t *root, bool compact, size_t *len);

/* root as JSON text in the layout of text (len bytes, a UTF-8 byte order
 * mark allowed), whose parse is src. A value equal to the source's value at
 * the same place is copied from the source byte for byte (spacing, escapes,
 * number spellings such as 1.0 or 1e3); a changed container keeps the
 * whitespace around each member it keeps; new values follow the source's
 * habits (newline, indentation unit, spacing around ':' and ',', which
 * shapes of container it writes on one line). Nothing is kept of root, src
 * or text. Returns a new string (mlmp_free) of *len bytes plus a NUL, or
 * NULL when memory runs out or text is not the text of src or holds a
 * NUL byte (the caller then writes mlmp_layout_fresh()). When root equals src the result is
 * text itself. */
char *mlmp_layout_keep(const json_t *root, const json_t *src, const char *text, size_t len,
                       size_t *out_len);

#endif
