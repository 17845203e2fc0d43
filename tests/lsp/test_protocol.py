#!/usr/bin/env python3
"""Protocol tests of mlm-validate --lsp, driven over pipes by lspclient.

Usage: test_protocol.py MLM_VALIDATE [unittest arguments]
"""
import json
import os
import pathlib
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import SLOW, Client, apply_edits, position_of, utf16_len  # noqa: E402

SERVER = None
HERE = pathlib.Path(__file__).resolve().parent
ITEM = (HERE / "fixtures" / "item.json").read_text(encoding="utf-8")
URI = "file:///nonexistent/lsp-test/item.json"


def codes(diags):
    return sorted(d["code"] for d in diags)


def by_code(diags, code):
    found = [d for d in diags if d["code"] == code]
    assert found, "no %s in %s" % (code, codes(diags))
    return found[0]


class Base(unittest.TestCase):
    def start(self, *args, **kw):
        c = Client(SERVER, args=("--lsp", *args), **kw)
        self.addCleanup(self._finish, c)
        return c

    def _finish(self, c):
        if c.proc.poll() is None:
            c.proc.kill()
            c.proc.wait()
        c.reader.join(10)
        c.err_reader.join(10)
        for f in (c.proc.stdin, c.proc.stdout, c.proc.stderr):
            try:
                f.close()
            except Exception:
                pass


class Lifecycle(Base):
    def test_initialize_capabilities_shutdown_exit(self):
        c = self.start()
        res = c.initialize()["result"]
        caps = res["capabilities"]
        self.assertEqual(caps["textDocumentSync"]["change"], 2)  # incremental
        self.assertTrue(caps["textDocumentSync"]["openClose"])
        self.assertTrue(caps["hoverProvider"])
        self.assertIn("completionProvider", caps)
        self.assertIn("quickfix", caps["codeActionProvider"]["codeActionKinds"])
        self.assertEqual(caps["positionEncoding"], "utf-16")
        self.assertEqual(res["serverInfo"]["name"], "mlm-validate")
        self.assertEqual(c.stop(), 0)

    def test_exit_without_shutdown_is_1(self):
        c = self.start()
        c.initialize()
        c.notify("exit")
        self.assertEqual(c.wait(), 1)

    def test_end_of_input_without_exit_is_1(self):
        c = self.start()
        c.initialize()
        self.assertEqual(c.wait(), 1)

    def test_requests_before_initialize(self):
        c = self.start()
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"]["code"], -32002)
        c.open(URI, ITEM)  # a notification before initialize: dropped, no answer
        c.initialize()
        self.assertEqual(c.stop(), 0)

    def test_after_shutdown(self):
        c = self.start()
        c.initialize()
        c.request("shutdown")
        r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"]["code"], -32600)
        c.notify("exit")
        self.assertEqual(c.wait(), 0)

    def test_initialize_twice(self):
        c = self.start()
        c.initialize()
        self.assertEqual(c.request("initialize", {"capabilities": {}})["error"]["code"], -32600)
        self.assertEqual(c.stop(), 0)


class Errors(Base):
    def test_unknown_method_and_notification(self):
        c = self.start()
        c.initialize()
        c.notify("$/cancelRequest", {"id": 1})
        c.notify("workspace/somethingNew", {})
        c.notify("$/setTrace", {"value": "off"})
        r = c.request("textDocument/semanticTokens/full", {"textDocument": {"uri": URI}})
        self.assertEqual(r["error"]["code"], -32601)
        self.assertIn("semanticTokens", r["error"]["message"])
        r = c.request("$/somethingElse", {})
        self.assertEqual(r["error"]["code"], -32601)
        self.assertEqual(c.stop(), 0)
        # notifications got no answer: only the two errors and shutdown were answered
        self.assertEqual(c.responses, {})

    def test_malformed_json_and_invalid_requests(self):
        c = self.start()
        c.initialize()
        body = b'{"jsonrpc": "2.0", "id": 7, "method": "initialize",'
        c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        r = c.response(None)
        self.assertEqual(r["error"]["code"], -32700)
        c.send({"id": 8, "method": "shutdown"})  # no jsonrpc
        self.assertEqual(c.response(8)["error"]["code"], -32600)
        c.send({"jsonrpc": "2.0", "id": 9, "method": 12})
        self.assertEqual(c.response(9)["error"]["code"], -32600)
        c.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
        self.assertEqual(c.response(None)["error"]["code"], -32600)
        c.send([{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}])  # a batch
        self.assertEqual(c.response(None)["error"]["code"], -32600)
        c.send({"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover", "params": 3})
        self.assertEqual(c.response(11)["error"]["code"], -32600)
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": "x"}})
        self.assertIn(r["error"]["code"], (-32602,))
        self.assertEqual(c.stop(), 0)

    def test_missing_and_bad_content_length(self):
        c = self.start()
        c.initialize()
        c.send_raw(b"Content-Type: application/json\r\n\r\n{}")
        r = c.response(None)
        self.assertEqual(r["error"]["code"], -32700)
        self.assertIn("Content-Length", r["error"]["message"])
        c.send_raw(b"Content-Length: twelve\r\n\r\n")
        self.assertIn("not a number", c.response(None)["error"]["message"])
        # the server is still in sync
        self.assertEqual(c.stop(), 0)

    def test_huge_content_length(self):
        c = self.start()
        c.initialize()
        c.send_raw(b"Content-Length: 99999999999999\r\n\r\n{\"jsonrpc\":")
        r = c.response(None)
        self.assertIn("larger than", r["error"]["message"])
        # the body is discarded as it comes; closing the input ends the server cleanly
        self.assertEqual(c.wait(), 1)

    def test_long_header(self):
        c = self.start()
        c.initialize()
        c.send_raw(b"X-Junk: " + b"a" * 20000 + b"\r\n")
        self.assertIn("longer than", c.response(None)["error"]["message"])
        c.send_raw(b"\r\n")
        self.assertEqual(c.stop(), 0)


class Diagnostics(Base):
    def test_open_ranges_codes_links(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        diags = c.diagnostics(URI)
        d = by_code(diags, "MLM102")
        start = position_of(ITEM, '"kuda"')
        self.assertEqual(d["range"]["start"], start)
        # the token "kuda" with its quotes, in UTF-16 units after the non-ASCII text
        self.assertEqual(d["range"]["end"], {"line": start["line"], "character": start["character"] + 6})
        line = ITEM.split("\n")[start["line"]]
        self.assertNotEqual(utf16_len(line[: line.index('"kuda"')]), line.index('"kuda"'))
        self.assertEqual(d["severity"], 1)
        self.assertEqual(d["source"], "mlm-validate")
        self.assertTrue(d["codeDescription"]["href"].endswith("docs/rules.md#mlm102-not-in-enum-error"))
        self.assertIn("cuda", d["message"])
        self.assertEqual(by_code(diags, "MLM319")["severity"], 2)
        # a finding on an object covers its key and opening brace
        r = by_code(diags, "MLM319")["range"]
        self.assertEqual(r["start"], position_of(ITEM, '"assets"'))
        self.assertEqual(r["end"], {"line": r["start"]["line"], "character": r["start"]["character"] + len('"assets": {')})
        self.assertEqual(c.stop(), 0)

    def test_incremental_utf16_edits(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        c.diagnostics(URI)
        text = ITEM
        # 1. replace "kuda" by "cuda": a range in UTF-16 units after 𝄞 (two units)
        s = position_of(text, "kuda")
        e = {"line": s["line"], "character": s["character"] + 4}
        c.change(URI, 2, [{"range": {"start": s, "end": e}, "text": "cuda"}])
        text = text.replace("kuda", "cuda")
        diags = c.diagnostics(URI, 2)
        self.assertNotIn("MLM102", codes(diags))
        # 2. insert non-ASCII before the value and break it again on the same line
        p = position_of(text, "GPU")
        text2 = text.replace("GPU", "😀éGPU", 1)
        s2 = position_of(text2, "cuda")
        e2 = {"line": s2["line"], "character": s2["character"] + 4}
        c.change(URI, 3, [{"range": {"start": p, "end": p}, "text": "😀é"},
                          {"range": {"start": s2, "end": e2}, "text": "cüda"}])
        text = text2.replace("cuda", "cüda", 1)
        d = by_code(c.diagnostics(URI, 3), "MLM102")
        self.assertEqual(d["range"]["start"], position_of(text, '"cüda"'))
        # 3. full sync still accepted
        c.change(URI, 4, [{"text": ITEM}])
        self.assertIn("MLM102", codes(c.diagnostics(URI, 4)))
        self.assertEqual(c.stop(), 0)

    def test_position_encodings(self):
        # LSP 3.17: the client offers encodings, the server picks utf-8 first,
        # then utf-32, and every position (diagnostics, edits) counts in it
        def position(text, needle, enc):
            at = text.index(needle)
            start = text.rfind("\n", 0, at) + 1
            before = text[start:at]
            n = len(before.encode("utf-8")) if enc == "utf-8" else len(before)
            return {"line": text[:at].count("\n"), "character": n}

        for offered, enc in ((["utf-32", "utf-8"], "utf-8"), (["utf-16", "utf-32"], "utf-32"),
                             (["latin-1"], "utf-16")):
            c = self.start("--no-config")
            res = c.request("initialize", {"processId": None, "rootUri": None, "capabilities":
                                           {"general": {"positionEncodings": offered}}})
            c.notify("initialized", {})
            self.assertEqual(res["result"]["capabilities"]["positionEncoding"], enc)
            c.open(URI, ITEM)
            d = by_code(c.diagnostics(URI), "MLM102")
            want = position_of(ITEM, '"kuda"') if enc == "utf-16" else position(ITEM, '"kuda"', enc)
            self.assertEqual(d["range"]["start"], want, enc)
            self.assertEqual(d["range"]["end"]["character"], want["character"] + 6, enc)
            if enc != "utf-16":
                self.assertNotEqual(want, position_of(ITEM, '"kuda"'), "the fixture has no non-ASCII text")
            # an incremental edit in the same encoding
            s = position(ITEM, "kuda", enc) if enc != "utf-16" else position_of(ITEM, "kuda")
            e = {"line": s["line"], "character": s["character"] + 4}
            c.change(URI, 2, [{"range": {"start": s, "end": e}, "text": "cuda"}])
            self.assertNotIn("MLM102", codes(c.diagnostics(URI, 2)))
            self.assertEqual(c.stop(), 0)

    def test_half_typed_json(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        c.diagnostics(URI)
        # type a new member without finishing it
        p = position_of(ITEM, '"mlm:framework"')
        c.change(URI, 2, [{"range": {"start": p, "end": p}, "text": '"mlm:pretrained": tr'}])
        diags = c.diagnostics(URI, 2)
        self.assertEqual(codes(diags), ["JSON"])
        self.assertEqual(diags[0]["range"]["start"]["line"], p["line"])
        # finish it: nothing was lost
        q = {"line": p["line"], "character": p["character"] + len('"mlm:pretrained": tr')}
        c.change(URI, 3, [{"range": {"start": q, "end": q}, "text": "ue,\n    "}])
        diags = c.diagnostics(URI, 3)
        self.assertIn("MLM102", codes(diags))
        self.assertNotIn("JSON", codes(diags))
        self.assertEqual(c.stop(), 0)

    def test_related_information(self):
        doc = ITEM.replace('"bands": ["red", "green"]', '"bands": ["red", "red"]')
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, doc)
        d = by_code(c.diagnostics(URI), "MLM306")
        rel = d["relatedInformation"][0]
        self.assertEqual(rel["location"]["uri"], URI)
        self.assertEqual(rel["location"]["range"]["start"], position_of(doc, '"red"'))
        self.assertEqual(d["range"]["start"], position_of(doc, '"red"', 1))
        # two classes with one value: the second points at the first
        doc = ITEM.replace('"tasks": ["semantic-segmentation"],', '"tasks": ["semantic-segmentation"], "classification:classes": '
                           '[{"value": 0, "name": "eau"}, {"value": 1, "name": "blé"}, {"value": 0, "name": "forêt"}],')
        c.change(URI, 2, [{"text": doc}])
        d = by_code(c.diagnostics(URI, 2), "MLM307")
        first, second = position_of(doc, '"value": 0'), position_of(doc, '"value": 0', 1)
        first["character"] += len('"value": ')
        second["character"] += len('"value": ')
        self.assertEqual(d["range"]["start"], second)
        self.assertEqual(d["relatedInformation"][0]["location"]["range"]["start"], first)
        # one band repeated at three more positions: one diagnostic that points
        # at the first (the second place its message names) and at each repeat
        doc = ITEM.replace('"bands": ["red", "green"]', '"bands": ["red", "red", "red", "red"]')
        c.change(URI, 3, [{"text": doc}])
        ds = [x for x in c.diagnostics(URI, 3) if x["code"] == "MLM306"]
        self.assertEqual(len(ds), 1)
        starts = [r["location"]["range"]["start"] for r in ds[0]["relatedInformation"]]
        self.assertEqual(ds[0]["range"]["start"], position_of(doc, '"red"', 1))
        self.assertEqual(starts, [position_of(doc, '"red"', k) for k in (0, 2, 3)])
        self.assertEqual(c.stop(), 0)

    def test_feature_collection(self):
        feature = json.loads(ITEM)
        other = json.loads(ITEM)
        other["id"] = "second"
        other["properties"]["mlm:accelerator"] = "cuda"
        other["properties"]["mlm:tasks"] = ["semantic segmentation"]
        doc = json.dumps({"type": "FeatureCollection", "features": [feature, other]}, indent=1, ensure_ascii=False)
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, doc)
        diags = c.diagnostics(URI)
        self.assertEqual(by_code(diags, "MLM102")["range"]["start"], position_of(doc, '"kuda"'))
        tasks = [d for d in diags if d["code"] == "MLM102" and "semantic" in d["message"]]
        self.assertEqual(tasks[0]["range"]["start"], position_of(doc, '"semantic segmentation"'))
        self.assertEqual(c.stop(), 0)

    def test_close_clears(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        c.diagnostics(URI)
        c.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
        self.assertEqual(c.diagnostics(URI), [])
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"]["code"], -32602)
        self.assertEqual(c.stop(), 0)

    def test_several_megabytes(self):
        obj = json.loads(ITEM)
        obj["properties"]["mlm:hyperparameters"] = {"p%06d" % i: "é" * 40 for i in range(60000)}
        big = json.dumps(obj, indent=2, ensure_ascii=False)
        self.assertGreater(len(big.encode()), 3_000_000)
        c = self.start("--no-config")
        c.initialize()
        t = time.time()
        c.open(URI, big)
        diags = c.diagnostics(URI, timeout=60)
        self.assertIn("MLM102", codes(diags))
        # an incremental change at the end of the document
        end = position_of(big, '"links"')
        c.change(URI, 2, [{"range": {"start": end, "end": end}, "text": '"mlm:entrypoint": "x", '}])
        self.assertIn("MLM102", codes(c.diagnostics(URI, 2, timeout=60)))
        self.assertLess(time.time() - t, 60 * SLOW)
        self.assertEqual(c.stop(), 0)


class Settings(Base):
    def test_project_file_and_configuration(self):
        with tempfile.TemporaryDirectory() as tmp:
            sub = pathlib.Path(tmp, "models", "deep")
            sub.mkdir(parents=True)
            pathlib.Path(tmp, ".mlm-validate.json").write_text('{"disable": ["MLM319"], "severity": {"MLM320": "info"}}')
            uri = (sub / "item.json").as_uri()
            c = self.start()
            c.initialize()
            c.open(uri, ITEM)
            diags = c.diagnostics(uri)
            self.assertNotIn("MLM319", codes(diags))
            self.assertEqual(by_code(diags, "MLM320")["severity"], 3)
            # the editor's settings come after the project file
            c.notify("workspace/didChangeConfiguration", {"settings": {"mlm-validate": {"severity": {"MLM102": "warning"}, "disable": ["MLM320"]}}})
            diags = c.diagnostics(uri)
            self.assertEqual(by_code(diags, "MLM102")["severity"], 2)
            self.assertNotIn("MLM320", codes(diags))
            # a broken project file is said, and the rest still runs
            pathlib.Path(tmp, ".mlm-validate.json").write_text('{"disable": 3}')
            c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
            diags = c.diagnostics(uri)
            self.assertIn("config", codes(diags))
            self.assertIn("MLM319", codes(diags))
            self.assertEqual(c.stop(), 0)

    def test_watched_project_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            uri = pathlib.Path(tmp, "item.json").as_uri()
            c = self.start()
            c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}})
            c.notify("initialized", {})
            reg = c.wait_notification(lambda n: n.get("method") == "client/registerCapability")
            watcher = reg["params"]["registrations"][0]
            self.assertEqual(watcher["method"], "workspace/didChangeWatchedFiles")
            self.assertEqual(watcher["registerOptions"]["watchers"][0]["globPattern"], "**/.mlm-validate.json")
            c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})  # the client's answer: ignored
            c.open(uri, ITEM)
            self.assertIn("MLM319", codes(c.diagnostics(uri)))
            cfg = pathlib.Path(tmp, ".mlm-validate.json")
            cfg.write_text('{"disable": ["MLM319"]}')
            c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": cfg.as_uri(), "type": 1}]})
            self.assertNotIn("MLM319", codes(c.diagnostics(uri)))
            self.assertEqual(c.stop(), 0)

    def test_initialization_options_and_flags(self):
        c = self.start("--no-config", "--disable", "MLM319")
        c.initialize({"noWarnings": True})
        c.open(URI, ITEM)
        diags = c.diagnostics(URI)
        self.assertNotIn("MLM319", codes(diags))
        self.assertNotIn("MLM320", codes(diags))
        self.assertIn("MLM102", codes(diags))
        self.assertEqual(c.stop(), 0)

    def test_full_offline_with_schema_dir(self):
        schemas = os.environ.get("MLM_TEST_SCHEMA_DIR")
        if not schemas:
            self.skipTest("MLM_TEST_SCHEMA_DIR not set")
        c = self.start("--no-config")
        c.initialize({"full": True, "offline": True, "noCache": True, "schemaDirs": [schemas]})
        c.open(URI, ITEM.replace('"id": "carte-des-cultures",', '"id": 12,'))
        diags = c.diagnostics(URI)
        # the core schema found the id's type; the MLM rules ran too
        self.assertIn("MLM010", codes(diags))
        self.assertIn("MLM102", codes(diags))
        # switched off and on again by the editor's settings
        c.notify("workspace/didChangeConfiguration", {"settings": {}})
        self.assertNotIn("MLM010", codes(c.diagnostics(URI)))
        c.notify("workspace/didChangeConfiguration", {"settings": {"mlm-validate": {
            "offline": True, "noCache": True, "schemaDirs": [schemas]}}})
        self.assertIn("MLM010", codes(c.diagnostics(URI)))
        self.assertEqual(c.stop(), 0)


class Actions(Base):
    def test_migrate_action(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        c.diagnostics(URI)
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI},
                                                  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                                  "context": {"diagnostics": []}})
        acts = [a for a in r["result"] if a["title"].startswith("Migrate this document to MLM ")]
        self.assertEqual(len(acts), 1)
        edits = acts[0]["edit"]["changes"][URI]
        migrated = apply_edits(ITEM, edits)
        obj = json.loads(migrated)
        self.assertTrue(any("/v1.5.2/" in u for u in obj["stac_extensions"]))
        # layout kept: the untouched line is still as it was
        self.assertIn('"mlm:accelerator_summary": "GPU — 16 Go 𝄞"', migrated)
        # only what is asked for
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI},
                                                  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                                  "context": {"diagnostics": [], "only": ["quickfix"]}})
        self.assertFalse([a for a in r["result"] if a["kind"] != "quickfix"])
        self.assertEqual(c.stop(), 0)


class QuickFixes(Base):
    def actions(self, c, start, end, only=None):
        ctx = {"diagnostics": []}
        if only:
            ctx["only"] = only
        return c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": {"start": start, "end": end},
                                                     "context": ctx})["result"]

    def test_quick_fix_and_fix_all(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        d = by_code(c.diagnostics(URI), "MLM102")
        acts = self.actions(c, d["range"]["start"], d["range"]["start"], ["quickfix"])
        self.assertEqual(len(acts), 1, acts)
        a = acts[0]
        self.assertEqual(a["kind"], "quickfix")
        self.assertTrue(a["isPreferred"])
        self.assertIn("cuda", a["title"])
        self.assertEqual(a["diagnostics"][0]["code"], "MLM102")
        edits = a["edit"]["changes"][URI]
        # the edit's range is in UTF-16 units, after the non-ASCII text of the line
        self.assertEqual(edits[0]["range"]["start"], position_of(ITEM, '"kuda"'))
        fixed = apply_edits(ITEM, edits)
        self.assertIn('"mlm:accelerator": "cuda"', fixed)
        self.assertEqual(fixed.replace('"cuda"', '"kuda"'), ITEM)
        # nothing on a line without a fixable diagnostic
        self.assertEqual(self.actions(c, {"line": 1, "character": 0}, {"line": 1, "character": 0}, ["quickfix"]), [])
        # fix all: the whole document, the safe fixes applied
        acts = self.actions(c, {"line": 0, "character": 0}, {"line": 0, "character": 0}, ["source.fixAll"])
        self.assertEqual(len(acts), 1, acts)
        self.assertEqual(apply_edits(ITEM, acts[0]["edit"]["changes"][URI]), fixed)
        # applied by the editor: the diagnostic goes away
        c.change(URI, 2, [{"text": fixed}])
        self.assertNotIn("MLM102", codes(c.diagnostics(URI, 2)))
        self.assertEqual(c.stop(), 0)


class HoverCompletion(Base):
    def test_hover(self):
        c = self.start("--no-config")
        c.initialize()
        c.open(URI, ITEM)
        p = position_of(ITEM, '"mlm:accelerator"')
        p["character"] += 3
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": p})["result"]
        self.assertIn("mlm:accelerator", r["contents"]["value"])
        self.assertIn("hardware", r["contents"]["value"])
        self.assertIn("1.0.0", r["contents"]["value"])
        p = position_of(ITEM, '"data_type"')
        p["character"] += 2
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": p})["result"]
        self.assertIn("tensor layout", r["contents"]["value"])
        # a field of a later version than the document's
        doc = ITEM.replace('"roles": ["mlm:model"],', '"roles": ["mlm:model"], "mlm:entrypoint": "m:f",')
        uri = "file:///nonexistent/lsp-test/h.json"
        c.open(uri, doc)
        p = position_of(doc, '"mlm:entrypoint"')
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": p})["result"]
        self.assertIn("1.5.0 and later; not in this document's MLM 1.4.0", r["contents"]["value"])
        # an mlm: key in an object the server does not place: still explained
        doc = ITEM.replace('"links": []', '"summaries": {"x": {"mlm:pretrained": true}}, "links": []')
        c.change(uri, 2, [{"text": doc}])
        p = position_of(doc, '"mlm:pretrained"')
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": p})["result"]
        self.assertIn("earlier training", r["contents"]["value"])
        p["character"] += len('"mlm:pretrained')  # on the closing quote
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": p})["result"]
        self.assertIn("earlier training", r["contents"]["value"])
        # a value is not a key
        p = position_of(ITEM, '"U-Net"')
        r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": p})
        self.assertIsNone(r["result"])
        self.assertEqual(c.stop(), 0)

    def complete(self, c, text, marker):
        uri = "file:///nonexistent/lsp-test/c.json"
        at = position_of(text, marker)
        c.open(uri, text.replace(marker, "", 1))
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": at})["result"]
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return [i["label"] for i in r["items"]], r["items"]

    def test_completion(self):
        c = self.start("--no-config")
        c.initialize()
        labels, items = self.complete(c, ITEM.replace('"kuda"', '"k|"'), "|")
        self.assertIn("cuda", labels)
        self.assertIn("amd64", labels)
        self.assertEqual(items[0]["textEdit"]["range"]["start"], position_of(ITEM, "kuda"))
        labels, _ = self.complete(c, ITEM.replace('"tasks": ["semantic-segmentation"]', '"tasks": ["|"]'), "|")
        self.assertIn("object-detection", labels)
        labels, _ = self.complete(c, ITEM.replace('"data_type": "float32"', '"data_type": "|"'), "|")
        self.assertIn("float32", labels)
        self.assertIn("uint8", labels)
        labels, _ = self.complete(c, ITEM.replace('"roles": ["mlm:model"]', '"roles": ["mlm:model", "|"]'), "|")
        self.assertIn("mlm:weights", labels)
        labels, _ = self.complete(c, ITEM.replace('"mlm:artifact_type": "torch.save"', '"mlm:artifact_type": "|"'), "|")
        self.assertIn("torch.jit.save", labels)
        labels, _ = self.complete(c, ITEM.replace('"dim_order": ["batch", "bands"', '"dim_order": ["|", "bands"'), "|")
        self.assertIn("batch", labels)
        # keys of the properties: what is missing, not what is there
        labels, items = self.complete(c, ITEM.replace('"mlm:framework": "PyTorch",', '"mlm:framework": "PyTorch", |'), "|")
        self.assertIn("mlm:pretrained", labels)
        self.assertNotIn("mlm:name", labels)
        self.assertNotIn("href", labels)
        self.assertTrue(items[0]["textEdit"]["newText"].startswith('"'))
        # keys of an input (inside a half-typed key)
        labels, _ = self.complete(c, ITEM.replace('"name": "rouge vert",', '"name": "rouge vert", "val|'), "|")
        self.assertIn("value_scaling", labels)
        self.assertIn("resize_type", labels)
        self.assertNotIn("mlm:name", labels)
        # while the document does not parse, the fields of its last known version
        c.open(URI, ITEM)
        c.diagnostics(URI)
        broken = ITEM.replace('"mlm:framework": "PyTorch",', '"mlm:framework": "PyTorch", "mlm:|')
        at = position_of(broken, "|")
        c.change(URI, 2, [{"text": broken.replace("|", "", 1)}])
        r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": at})["result"]
        labels = [i["label"] for i in r["items"]]
        self.assertIn("mlm:compile_method", labels)  # 1.4.0 and later
        self.assertNotIn("mlm:entrypoint", labels)  # 1.5.0 and later: not in this 1.4.0 document
        # keys of an asset
        labels, _ = self.complete(c, ITEM.replace('"mlm:artifact_type": "torch.save"', '"mlm:artifact_type": "torch.save", |'), "|")
        self.assertIn("mlm:compile_method", labels)
        self.assertNotIn("href", labels)  # already there
        self.assertNotIn("mlm:artifact_type", labels)  # already there
        self.assertNotIn("mlm:entrypoint", labels)  # 1.5.0 and later
        self.assertNotIn("mlm:input", labels)  # Item properties only
        labels, _ = self.complete(c, ITEM.replace('"mlm:artifact_type": "torch.save"', '"mlm:artifact_type": "torch.save", |').replace("v1.4.0", "v1.5.2"), "|")
        self.assertIn("mlm:entrypoint", labels)
        self.assertEqual(c.stop(), 0)


if __name__ == "__main__":
    SERVER = sys.argv.pop(1)
    unittest.main()
