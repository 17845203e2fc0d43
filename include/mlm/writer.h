/**
 * @file mlm/writer.h
 * @brief Building and editing MLM documents, and writing them out.
 *
 * There is one model: a document's JSON (json_t) is the data, the typed view
 * of mlm/model.h is read from it. Every function here edits the JSON and
 * then rebuilds the typed view, so reading, editing and writing never
 * disagree. Unknown fields and key order are kept: a set replaces a value
 * where it stands, a new key goes to the end of its object.
 *
 * Rules of editing:
 * - An edit invalidates every handle borrowed from the document before it
 *   (mlm_document_model() and everything reached from it): fetch them again.
 * - Edits need exclusive use: not concurrently with any other call on the
 *   same document, and not while child documents (mlm_document_child()) of it
 *   exist (MLM_ERR_INVALID_ARG).
 * - A document keeps its text. A parsed document's text is its source;
 *   after an edit it is the text mlm_document_dump() writes (flags 0): the edited
 *   document in the source's layout (see mlm_document_dump()). So
 *   line:column of diagnostics (mlm_validate()) and mlm_document_locate()
 *   always refer to the text the document would be written as, without a
 *   write and a new parse. A document without source text (mlm_document_new(),
 *   mlm_parse_json()) has no line:column, also after edits; a child
 *   (mlm_document_child()) has those of its parent's text until its first
 *   edit detaches it, and none after.
 * - A document from mlm_parse_json() copies the caller's JSON on its first
 *   edit, so the caller's json_t is never changed.
 * - Setters do not judge the values (mlm_validate() does). Every function
 *   checks its arguments the same way before it changes anything, and
 *   refuses with MLM_ERR_INVALID_ARG (MLM_ERR_ENCODING for text that is not
 *   UTF-8) and a message "<function>: <what is wrong>." a NULL document; a
 *   document that is not an Item or a Collection (all but mlm_document_set()
 *   and mlm_document_remove()); a NULL, empty or non-UTF-8 required string
 *   (key, name, href, pointer, list entries); a non-UTF-8 optional string; a
 *   NULL list with a non-zero count; a task outside the released vocabulary;
 *   an input or output index with no object there; an asset key not in
 *   "assets"; and pointers that do not resolve. A stolen json_t is released
 *   also when the call is refused.
 *
 * Every function returns 0 (MLM_OK) or a negative mlm_status and, on
 * failure, fills @p err (may be NULL).
 *
 * Conventions (said in full in mlm/common.h and docs/API.md): getters answer 1
 * when the value is present and 0 when not; `_is_`/`_has_` predicates answer
 * 1 or 0; fallible calls (those taking an mlm_error *) return 0 (MLM_OK) on
 * success or a negative mlm_status, and constructors return NULL; a json_t
 * parameter says "(reference stolen)" or "(borrowed)" on its @param line.
 */
#ifndef MLM_WRITER_H
#define MLM_WRITER_H

#include <jansson.h>

#include "mlm/common.h"
#include "mlm/document.h"
#include "mlm/model.h"

MLM_BEGIN_DECL

/**
 * A new, empty STAC document declaring MLM @p version.
 *
 * An Item (MLM_STAC_ITEM) starts as `type`, `stac_version` "1.0.0",
 * `stac_extensions` (the MLM schema URL), `id`, `geometry` null, empty
 * `properties`, `links` and `assets`: set at least `properties/datetime`.
 * A Collection (MLM_STAC_COLLECTION) starts with `type`, `stac_version`,
 * `stac_extensions`, `id`, an empty `description`, `license` "other", a
 * whole-world open-ended `extent` and empty `links`: replace what you know.
 *
 * @param type     MLM_STAC_ITEM or MLM_STAC_COLLECTION
 * @param id       the STAC id (copied): non-empty UTF-8
 * @param version  a released MLM version, or MLM_SPEC_UNKNOWN for MLM_SPEC_LATEST
 *                 (the draft cannot be written: it had no schema URL)
 * @return a new document owned by the caller; release with mlm_document_free().
 *         NULL with @p err set (MLM_ERR_INVALID_ARG, MLM_ERR_ENCODING for an id
 *         that is not UTF-8, MLM_ERR_NOMEM), in the setters' words.
 */
MLM_EXPORT mlm_document *mlm_document_new(mlm_stac_type type, const char *id,
                                          mlm_spec_version version,
                                          mlm_error *err) MLM_ATTR_WARN_UNUSED;

/* --- generic edits by JSON Pointer ------------------------------------------------ */

/**
 * Set the value at @p pointer (RFC 6901, from the document root). The parent
 * must exist; an object key is replaced in place or appended; an array index
 * replaces that element, and the index equal to the size (or "-") appends.
 * @param value  (reference stolen) a jansson value; released also on failure
 */
MLM_EXPORT int mlm_document_set(mlm_document *doc, const char *pointer, json_t *value,
                                mlm_error *err);

/** Remove the value at @p pointer (an object key, or an array element: later ones shift). */
MLM_EXPORT int mlm_document_remove(mlm_document *doc, const char *pointer, mlm_error *err);

/**
 * Replace the whole JSON of the document by @p root (an object), as one
 * edit: the document's text becomes @p root written in the layout of the
 * text it had, so values equal to the old ones keep their text. For a value changed outside the
 * library, e.g. by mlm_migrate() on a copy from mlm_document_to_json().
 * The root json_t of the document (mlm_document_json()) stays the same
 * object, its members replaced. MLM_ERR_INVALID_ARG when @p root is NULL or
 * not an object, or the document's root is not one (MLM_PARSE_ANY_ROOT).
 * @param root  (reference stolen) the new root object; released also on failure.
 */
MLM_EXPORT int mlm_document_set_root(mlm_document *doc, json_t *root, mlm_error *err);

/* --- model fields ------------------------------------------------------------------ */

/**
 * Set a field of the model object (an Item's properties, created if needed,
 * or a Collection's top level), e.g. "mlm:framework".
 * Pass json_null() for an explicit null (e.g. "mlm:accelerator").
 * @param value  (reference stolen) the new value; released also on failure.
 */
MLM_EXPORT int mlm_document_set_field(mlm_document *doc, const char *key, json_t *value,
                                      mlm_error *err);
/** Set a string field of the model object; @p value NULL writes an explicit null. */
MLM_EXPORT int mlm_document_set_string(mlm_document *doc, const char *key, const char *value,
                                       mlm_error *err);
/** Set an integer field of the model object (mlm:total_parameters, ...). */
MLM_EXPORT int mlm_document_set_integer(mlm_document *doc, const char *key, int64_t value,
                                        mlm_error *err);
/** Set a boolean field of the model object (mlm:pretrained, ...). */
MLM_EXPORT int mlm_document_set_bool(mlm_document *doc, const char *key, int value, mlm_error *err);
/** Remove a field of the model object; removing an absent field succeeds. */
MLM_EXPORT int mlm_document_remove_field(mlm_document *doc, const char *key, mlm_error *err);
/** Set mlm:tasks from vocabulary values (MLM_TASK_UNKNOWN is refused). */
MLM_EXPORT int mlm_document_set_tasks(mlm_document *doc, const mlm_task *tasks, size_t n,
                                      mlm_error *err);
/** Set mlm:accelerator; MLM_ACCELERATOR_UNKNOWN writes an explicit null (no accelerator needed). */
MLM_EXPORT int mlm_document_set_accelerator(mlm_document *doc, mlm_accelerator accelerator,
                                            mlm_error *err);

/* --- inputs ------------------------------------------------------------------------- */

/**
 * Append an input `{"name": name}` to mlm:input (created if needed).
 * @param[out] index  receives its index in mlm:input (may be NULL)
 */
MLM_EXPORT int mlm_document_add_input(mlm_document *doc, const char *name, size_t *index,
                                      mlm_error *err);
/** Set "bands" of input @p input to a list of band names. */
MLM_EXPORT int mlm_document_input_set_bands(mlm_document *doc, size_t input,
                                            const char *const *bands, size_t n, mlm_error *err);
/**
 * Set the input structure "input" of input @p input: shape (-1 for a
 * variable size), dim_order names and data type.
 */
MLM_EXPORT int mlm_document_input_set_tensor(mlm_document *doc, size_t input, const int64_t *shape,
                                             size_t n_shape, const char *const *dim_order,
                                             size_t n_dims, mlm_data_type data_type,
                                             mlm_error *err);
/**
 * Append a value_scaling entry to input @p input. @p params are, in order:
 * min-max and clip: minimum, maximum; z-score: mean, stddev; clip-min:
 * minimum; clip-max: maximum; offset and scale: value. Any other count is
 * MLM_ERR_INVALID_ARG. For "processing" use mlm_document_set() with an object.
 */
MLM_EXPORT int mlm_document_input_add_value_scaling(mlm_document *doc, size_t input,
                                                    mlm_scaling_type type, const double *params,
                                                    size_t n_params, mlm_error *err);
/** Set resize_type of input @p input; MLM_RESIZE_UNKNOWN writes null (no resizing). */
MLM_EXPORT int mlm_document_input_set_resize_type(mlm_document *doc, size_t input,
                                                  mlm_resize_type type, mlm_error *err);
/**
 * Set pre_processing_function of input @p input to one expression object
 * `{"format": format, "expression": expression}`.
 */
MLM_EXPORT int mlm_document_input_set_pre_processing(mlm_document *doc, size_t input,
                                                     const char *format, const char *expression,
                                                     mlm_error *err);

/* --- outputs ------------------------------------------------------------------------ */

/**
 * Append an output `{"name": name, "tasks": [...]}` to mlm:output.
 * @param[out] index  receives its index in mlm:output (may be NULL)
 */
MLM_EXPORT int mlm_document_add_output(mlm_document *doc, const char *name, const mlm_task *tasks,
                                       size_t n_tasks, size_t *index, mlm_error *err);
/** Set the result structure "result" of output @p output. */
MLM_EXPORT int mlm_document_output_set_result(mlm_document *doc, size_t output,
                                              const int64_t *shape, size_t n_shape,
                                              const char *const *dim_order, size_t n_dims,
                                              mlm_data_type data_type, mlm_error *err);
/**
 * Append a class to "classification:classes" of output @p output.
 * @param description the class's description. Classification v1.1.0 (the
 *                    version MLM outputs use) requires one; NULL is accepted
 *                    (setters do not judge) and writes a class without it,
 *                    which mlm_validate() reports as an MLM114 error: pass
 *                    a description to write a valid class.
 */
MLM_EXPORT int mlm_document_output_add_class(mlm_document *doc, size_t output, int64_t value,
                                             const char *name, const char *description,
                                             mlm_error *err);

/* --- assets ------------------------------------------------------------------------- */

/**
 * Add (or replace) the asset @p key in "assets" with href, media type (may
 * be NULL) and roles.
 */
MLM_EXPORT int mlm_document_add_asset(mlm_document *doc, const char *key, const char *href,
                                      const char *type, const char *const *roles, size_t n_roles,
                                      mlm_error *err);
/**
 * Set a field of asset @p key, e.g. "mlm:artifact_type", or an MLM field
 * the version allows on assets ("mlm:accelerator", "mlm:framework", ...).
 * @param value  (reference stolen) the new value; released also on failure.
 */
MLM_EXPORT int mlm_document_asset_set(mlm_document *doc, const char *key, const char *field,
                                      json_t *value, mlm_error *err);

/* --- removing ------------------------------------------------------------------------ */

/*
 * Typed removers: no JSON Pointer to build. Each is one edit, so like every
 * edit it invalidates every handle borrowed before it (fetch the model
 * again). Indices are the document's: removing entry i moves every later
 * entry of the same list down by one (entry i + 1 becomes i), so remove
 * from the last index down, or by name. A "_named" remover takes the first
 * entry whose "name" is @p name (a band written as a plain string is its
 * own name) and refuses (MLM_ERR_INVALID_ARG) when there is none; an index
 * with no entry is refused too. Nothing is changed when a call is refused.
 */

/** Remove input @p input of mlm:input. */
MLM_EXPORT int mlm_document_remove_input(mlm_document *doc, size_t input, mlm_error *err);
/** Remove the first input of mlm:input named @p name. */
MLM_EXPORT int mlm_document_remove_input_named(mlm_document *doc, const char *name, mlm_error *err);
/** Remove output @p output of mlm:output. */
MLM_EXPORT int mlm_document_remove_output(mlm_document *doc, size_t output, mlm_error *err);
/** Remove the first output of mlm:output named @p name. */
MLM_EXPORT int mlm_document_remove_output_named(mlm_document *doc, const char *name,
                                                mlm_error *err);
/**
 * Remove band @p band of "bands" of input @p input, keeping the input
 * consistent: when "dim_order" of its "input" structure names a band
 * dimension ("bands", "band", "channels" or "channel") whose size in
 * "shape" is the band count, that size goes down by one (a size of -1 is
 * left as it is); a "value_scaling" with one entry per band loses the
 * band's entry. When the size there is another number, or the band is the
 * only one and the shape counts it, nothing is removed and the call fails
 * with MLM_ERR_INVALID_ARG and a sentence saying why. When no dimension
 * names the bands, only the band is removed.
 */
MLM_EXPORT int mlm_document_input_remove_band(mlm_document *doc, size_t input, size_t band,
                                              mlm_error *err);
/** mlm_document_input_remove_band() for the first band named @p name. */
MLM_EXPORT int mlm_document_input_remove_band_named(mlm_document *doc, size_t input,
                                                    const char *name, mlm_error *err);
/**
 * Remove class @p index of "classification:classes" of output @p output.
 * When "dim_order" of the output's "result" names a class dimension
 * ("classes" or "class") whose size is the class count (more than one), it
 * goes down by one; any other size is left as it is (a result may hold
 * class indices rather than one score per class).
 */
MLM_EXPORT int mlm_document_output_remove_class(mlm_document *doc, size_t output, size_t index,
                                                mlm_error *err);
/** mlm_document_output_remove_class() for the first class named @p name. */
MLM_EXPORT int mlm_document_output_remove_class_named(mlm_document *doc, size_t output,
                                                      const char *name, mlm_error *err);
/** Remove the asset @p key from "assets" (MLM_ERR_INVALID_ARG when there is none). */
MLM_EXPORT int mlm_document_remove_asset(mlm_document *doc, const char *key, mlm_error *err);

/* --- writing ---------------------------------------------------------------------------- */

/** mlm_document_dump() flag: no indentation or spaces (one line), in the
 *  library's layout whatever the source's. */
#define MLM_DUMP_COMPACT 0x1u
/** mlm_document_dump() flag: the library's layout (two-space indentation,
 *  a final newline) even when the document has a source layout to keep. */
#define MLM_DUMP_REFORMAT 0x2u

/**
 * The document as JSON text (UTF-8, keys in document order).
 *
 * A parsed document (mlm_parse_file(), mlm_parse_buffer()) is written in its
 * source's layout: unchanged, its source byte for byte (byte order mark,
 * CRLF, a missing final newline and all); after edits, only the lines of
 * the values an edit touched differ. An unchanged value keeps its text
 * (spacing such as `"k":v` or `"k" : v`, escapes, number spellings such as
 * 1.0 or 1e3); a changed object or array keeps the whitespace and keys of
 * the members it keeps; new values follow the source's habits (newline,
 * indentation unit, spacing around ':' and ',', which shapes of small
 * container it writes on one line). New numbers have the fewest digits that
 * read back exactly.
 *
 * A document without source text (mlm_document_new(), mlm_parse_json(), a
 * child of mlm_document_child()), or any document with MLM_DUMP_REFORMAT or
 * MLM_DUMP_COMPACT, is written in the library's layout: two-space
 * indentation (one line with MLM_DUMP_COMPACT) and a final newline.
 *
 * @param flags  0, or MLM_DUMP_* bits
 * @return a new NUL-terminated string owned by the caller; release with
 *         mlm_free(). NULL with @p err set on allocation failure.
 */
MLM_EXPORT char *mlm_document_dump(const mlm_document *doc, unsigned flags,
                                   mlm_error *err) MLM_ATTR_WARN_UNUSED;

/**
 * A deep copy of the document's JSON.
 * @return a new reference owned by the caller; release with json_decref().
 *         NULL on allocation failure.
 */
MLM_EXPORT json_t *mlm_document_to_json(const mlm_document *doc) MLM_ATTR_WARN_UNUSED;

MLM_END_DECL

#endif /* MLM_WRITER_H */
