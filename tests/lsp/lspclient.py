"""A small Language Server Protocol client for the tests of mlm-validate --lsp.

It starts the server with pipes, frames messages with Content-Length, and
keeps every message the server sent (responses by id, notifications in
order) so that tests can wait for what they expect.
"""
import json
import os
import queue
import subprocess
import threading
import time

# Under valgrind (scripts/valgrind.sh sets MLM_HARDENING_SLOW) everything is slower.
SLOW = 10 if os.environ.get("MLM_HARDENING_SLOW") else 1


def utf16_len(s):
    """The length of s in UTF-16 code units (LSP positions)."""
    return len(s.encode("utf-16-le")) // 2


def position_of(text, needle, nth=0):
    """The LSP position (line, UTF-16 character) of the nth occurrence of needle."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    before = text[:at]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return {"line": line, "character": utf16_len(text[start:at])}


def offset_of(text, pos):
    """The Python string index of an LSP position in text."""
    lines = text.split("\n")
    index = sum(len(l) + 1 for l in lines[: pos["line"]])
    line = lines[pos["line"]] if pos["line"] < len(lines) else ""
    units = 0
    k = 0
    while k < len(line) and units < pos["character"]:
        units += utf16_len(line[k])
        k += 1
    return index + k


def apply_edits(text, edits):
    """Apply LSP TextEdits (non-overlapping) to text."""
    spans = sorted(
        ((offset_of(text, e["range"]["start"]), offset_of(text, e["range"]["end"]), e["newText"]) for e in edits),
        reverse=True,
    )
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


class Client:
    def __init__(self, server, args=("--lsp",), cwd=None, env=None):
        self.proc = subprocess.Popen(
            [server, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.next_id = 1
        self.responses = {}
        self.notifications = []
        self.lock = threading.Condition()
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.stderr = b""
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    # --- wire ---------------------------------------------------------------
    def _read_err(self):
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            self.stderr += chunk

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    with self.lock:
                        self.closed = True
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            msg = json.loads(body)
            with self.lock:
                if "id" in msg and "method" not in msg:
                    self.responses[json.dumps(msg["id"])] = msg
                else:
                    self.notifications.append(msg)
                self.lock.notify_all()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    # --- JSON-RPC -------------------------------------------------------------
    def request(self, method, params=None, wait=True, timeout=20):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.response(rid, timeout) if wait else rid

    def response(self, rid, timeout=20):
        key = json.dumps(rid)
        deadline = time.time() + timeout * SLOW
        with self.lock:
            while key not in self.responses:
                left = deadline - time.time()
                if left <= 0 or self.closed:
                    raise AssertionError("no response to request %r; stderr: %s" % (rid, self.stderr))
                self.lock.wait(left)
            return self.responses.pop(key)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_notification(self, pred, timeout=20):
        """The first notification (in order) for which pred is true; it is removed."""
        deadline = time.time() + timeout * SLOW
        with self.lock:
            while True:
                for i, n in enumerate(self.notifications):
                    if pred(n):
                        return self.notifications.pop(i)
                left = deadline - time.time()
                if left <= 0 or self.closed:
                    raise AssertionError("notification not received; stderr: %s" % self.stderr)
                self.lock.wait(left)

    def diagnostics(self, uri, version=None, timeout=20):
        def match(n):
            return (
                n.get("method") == "textDocument/publishDiagnostics"
                and n["params"]["uri"] == uri
                and (version is None or n["params"].get("version") == version)
            )

        return self.wait_notification(match, timeout)["params"]["diagnostics"]

    # --- lifecycle --------------------------------------------------------------
    def initialize(self, options=None, root=None):
        params = {"processId": os.getpid(), "rootUri": root, "capabilities": {}}
        if options is not None:
            params["initializationOptions"] = options
        res = self.request("initialize", params)
        self.notify("initialized", {})
        return res

    def open(self, uri, text, version=1):
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "json", "version": version, "text": text}},
        )

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def stop(self, timeout=20):
        """shutdown + exit; returns the exit code."""
        self.request("shutdown")
        self.notify("exit")
        return self.wait(timeout)

    def wait(self, timeout=20):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout * SLOW)
