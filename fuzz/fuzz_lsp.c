/*
 * Fuzz target: mlm-validate --lsp's JSON-RPC reader and dispatcher
 * (tools/mlm-validate/lsp*.c) on arbitrary bytes. A server is initialized
 * and given a small open document, then the input goes through
 * lsp_reader_dispatch(), the server's own path from input bytes to framed
 * messages, as an editor's byte stream would (in two pieces, split where the
 * first input byte says, so that messages cut across reads are covered);
 * diagnostics are flushed after each piece, as the server does when the
 * input pauses (a request that needs them, a code action, hover or
 * completion, flushes on its own). Every message the server writes must be
 * a JSON object carrying "jsonrpc": "2.0": anything else aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_output(const char *body, size_t len, void *ctx)
{
    (void)ctx;
    json_error_t je;
    json_t *m = json_loadb(body, len, 0, &je);
    if (!m || !json_is_object(m) || !json_is_string(json_object_get(m, "jsonrpc")) ||
        strcmp(json_string_value(json_object_get(m, "jsonrpc")), "2.0") != 0)
        abort();
    json_decref(m);
    return 0;
}

static void say(lsp_server *srv, const char *body)
{
    lsp_server_message(srv, body, strlen(body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    lsp_settings s;
    memset(&s, 0, sizeof(s));
    s.no_config = true; /* no project files from the fuzzer's file: URIs */
    s.allow_full = false;
    lsp_server *srv = lsp_server_new(&s, check_output, NULL);
    if (!srv)
        return 0;
    say(srv, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}");
    say(srv, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
             "{\"uri\":\"file:///f.json\",\"version\":1,\"text\":\"{\\\"type\\\": \\\"Feature\\\", "
             "\\\"properties\\\": {\\\"mlm:accelerator\\\": \\\"kuda\\\", \\\"mlm:name\\\": "
             "\\\"\\u00e9\\ud834\\udd1e\\\"}}\"}}}");
    lsp_server_flush(srv);
    lsp_reader r;
    lsp_reader_init(&r, 1 << 16); /* a small cap: the discard path is reached */
    size_t cut = size ? data[0] % (size + 1) : 0;
    const char *bytes = (const char *)data;
    size_t pieces[2][2] = {{0, cut}, {cut, size - cut}};
    int code;
    for (int k = 0; k < 2 && !lsp_server_exited(srv, &code); k++) {
        int st = lsp_reader_dispatch(&r, srv, bytes + pieces[k][0], pieces[k][1], NULL);
        if (st < 0)
            break;
        lsp_server_flush(srv);
    }
    lsp_reader_free(&r);
    lsp_server_free(srv);
    return 0;
}
