/* mlm-validate --lsp: a Language Server (LSP 3.17) over JSON-RPC.
 *
 * The server is split so that its parts can be tested and fuzzed alone:
 * - lsp_rpc.c: the message framing (Content-Length headers) and the run
 *   loop over two file descriptors;
 * - lsp_text.c: the documents' text, line index and the conversions between
 *   UTF-8 byte offsets, LSP positions (UTF-16 code units) and the library's
 *   line:column (code points);
 * - lsp.c: the server proper (lifecycle, documents, diagnostics, code
 *   actions, settings), fed one message body at a time;
 * - lsp_facts.c: what hover and completion know of the MLM fields and
 *   vocabularies, and the JSON context at a cursor.
 * None of these files knows the rest of the tool (cli.h), so that the fuzz
 * harness (fuzz/fuzz_lsp.c) can link them with config.c alone. There is no
 * global mutable state: everything hangs off one lsp_server. */
#ifndef MLM_CLI_LSP_H
#define MLM_CLI_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mlm.h"

/* --- settings from the command line ------------------------------------------------ */

typedef struct lsp_settings {
    /* --disable / --severity (applied after each document's project file). */
    const mlm_rule_severity *flag_rules;
    size_t n_flag_rules;
    const char *config_file; /* --config FILE for every document, or NULL */
    bool no_config;          /* --no-config */
    bool no_warnings;        /* --no-warnings */
    mlm_spec_version force_version;
    size_t max_bytes; /* --max-filesize (0: the library's default) */
    /* A STAC validator built from --full and its options, or NULL. Borrowed:
     * it outlives the server. initializationOptions may replace it by one the
     * server builds (and owns). */
    mlm_stac_validator *stac;
    const mlm_schema *schema; /* --schema FILE compiled, or NULL (borrowed) */
    bool allow_full;          /* whether settings may ask for --full (not in the fuzz harness) */
} lsp_settings;

/* --- the server ------------------------------------------------------------------- */

typedef struct lsp_server lsp_server;

/* Receives one outgoing message body (a JSON text of @p len bytes, not
 * framed). Returns 0, or -1 when the output is gone. */
typedef int (*lsp_write_fn)(const char *body, size_t len, void *ctx);

/* A new server that writes through @p write. @p s is copied (its pointers
 * are borrowed). NULL when out of memory. */
lsp_server *lsp_server_new(const lsp_settings *s, lsp_write_fn write, void *ctx);
void lsp_server_free(lsp_server *srv);

/* Handle one message body (any bytes: malformed JSON and invalid requests
 * are answered with the JSON-RPC errors). Diagnostics of changed documents
 * wait for lsp_server_flush(), so that a burst of changes is validated once. */
void lsp_server_message(lsp_server *srv, const char *body, size_t len);

/* Publish the diagnostics of every document changed since the last flush. */
void lsp_server_flush(lsp_server *srv);

/* Answer a framing error (a header without Content-Length, a body larger
 * than the cap): a JSON-RPC error with id null carrying @p message. */
void lsp_server_framing_error(lsp_server *srv, int code, const char *message);

/* Whether "exit" was received; *exit_code is then 0 after "shutdown", else 1. */
bool lsp_server_exited(const lsp_server *srv, int *exit_code);

/* --- framing ---------------------------------------------------------------------- */

/* The largest message body accepted, and the longest header section. */
#define LSP_MAX_BODY ((size_t)256 * 1024 * 1024)
#define LSP_MAX_HEADER 8192

typedef struct lsp_reader {
    char *buf; /* unread bytes (owned) */
    size_t len, cap;
    size_t max_body; /* LSP_MAX_BODY unless a test lowers it */
    size_t skip;     /* bytes of a refused body still to discard */
    size_t lent;     /* bytes of the body handed out by the last call */
} lsp_reader;

void lsp_reader_init(lsp_reader *r, size_t max_body);
void lsp_reader_free(lsp_reader *r);
/* Append @p n bytes read from the input. Returns 0, or -1 when out of memory. */
int lsp_reader_feed(lsp_reader *r, const char *data, size_t n);

typedef enum {
    LSP_READ_MORE = 0, /* no complete message yet: feed more */
    LSP_READ_MESSAGE, /* *body / *len: one body, borrowed until the next call (not NUL-terminated) */
    LSP_READ_ERROR    /* *error: a framing error (a sentence, static or in *error_buf) */
} lsp_read_status;

/* The next message of the buffered input. A framing error is reported once
 * and the reader resynchronises on the next "Content-Length" header; a body
 * over the cap is discarded as it arrives (memory stays bounded). */
lsp_read_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *error_buf,
                                size_t error_size);

/* Append @p n bytes of input to @p r, then hand each complete message it
 * holds to @p srv: a body to lsp_server_message(), a framing error to
 * lsp_server_framing_error() (and, when @p log is not NULL, to @p log as a
 * line "mlm-validate: <sentence>"). The one path from input bytes to the
 * server: lsp_run() reads into it, and so does the fuzz harness. Returns 1
 * once the server has received "exit" (the rest of the input is left
 * unread), 0 when it waits for more input, -1 when out of memory (nothing
 * was read). */
int lsp_reader_dispatch(lsp_reader *r, lsp_server *srv, const char *data, size_t n, FILE *log);

/* Serve on the two descriptors until "exit" or the end of the input.
 * Returns the process exit code (0 after shutdown + exit, else 1). */
int lsp_run(const lsp_settings *s, int in_fd, int out_fd);

/* --- text ------------------------------------------------------------------------- */

/* What the character of an LSP position counts (LSP 3.17 positionEncoding,
 * agreed at initialize): UTF-16 code units unless the client offers another. */
typedef enum lsp_encoding { LSP_UTF16 = 0, LSP_UTF8, LSP_UTF32 } lsp_encoding;

typedef struct lsp_text {
    char *data; /* UTF-8 bytes, NUL-terminated (owned) */
    size_t len, cap;
    size_t *lines; /* byte offset of the start of each line (owned) */
    size_t n_lines, lines_cap;
    lsp_encoding enc; /* of the positions below; 0 (UTF-16) in a zeroed text */
} lsp_text;

/* Set the whole text. Returns 0, or -1 when out of memory (text unchanged). */
int lsp_text_set(lsp_text *t, const char *s, size_t n);
/* Replace bytes [start, end) by @p s. Returns 0, or -1 (text unchanged). */
int lsp_text_replace(lsp_text *t, size_t start, size_t end, const char *s, size_t n);
void lsp_text_free(lsp_text *t);

/* The byte offset of an LSP position (0-based line, character in the text's
 * encoding), clamped to the text: a character past the line's end is its
 * end, a line past the last is the end of the text; inside a character (a
 * UTF-16 surrogate pair, the bytes of a UTF-8 sequence), its start. */
size_t lsp_text_offset(const lsp_text *t, long line, long character);
/* The LSP position of a byte offset (clamped to the text). */
void lsp_text_position(const lsp_text *t, size_t offset, long *line, long *character);
/* The byte offset of the library's 1-based line and column (code points). */
size_t lsp_text_offset_lc(const lsp_text *t, int line, int column);
/* The end (byte offset) of the JSON token starting at @p offset: a string
 * through its closing quote, a number or literal, or one bracket. */
size_t lsp_text_token_end(const lsp_text *t, size_t offset);

#endif
