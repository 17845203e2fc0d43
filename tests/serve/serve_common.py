"""Shared by the tests of mlm-validate --serve (serve_test.py, page and load
tests) and bench/serve_load.py: start a server on an ephemeral port, talk
HTTP, and compare its answers with the CLI's --format json."""
import http.client
import json
import os
import re
import subprocess
import tempfile
import time


class Server:
    """mlm-validate --serve 127.0.0.1:0 ARGS...; the port is read from stderr."""

    def __init__(self, binary, args, host="127.0.0.1"):
        self.binary, self.args, self.host = binary, args, host

    def __enter__(self):
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([self.binary, "--serve", f"{self.host}:0"] + self.args,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.err)
        deadline = time.monotonic() + (120 if os.environ.get("MLM_HARDENING_SLOW") else 20)
        while time.monotonic() < deadline:
            m = re.search(rb"serving on http://[^ ]*:(\d+)/", self.stderr())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.proc.kill()
        raise RuntimeError("the server did not start: " + self.stderr().decode(errors="replace"))

    def stderr(self):
        self.err.seek(0)
        return self.err.read()

    def alive(self):
        try:
            st, _, _ = request(self.port, "GET", "/healthz")
            return st == 200
        except OSError:
            return False

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()
        return False


def request(port, method, path, body=None, headers=None, conn=None,
            timeout=100 if os.environ.get("MLM_HARDENING_SLOW") else 10):
    """One request; returns (status, lower-cased headers, body bytes)."""
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        if conn is None:
            c.close()


def cli_reports(binary, flags, path):
    """The CLI's --format json objects for one file (one per feature)."""
    p = subprocess.run([binary, "--format", "json"] + flags + [path], capture_output=True,
                       check=False)
    return [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]


def normalise(report):
    """What the comparison ignores: the source name and the configuration file."""
    r = dict(report)
    r.pop("source", None)
    if isinstance(r.get("configuration"), dict):
        r["configuration"] = {k: v for k, v in r["configuration"].items() if k != "file"}
    return r


def same_report(got, want):
    """The server's answer (an object, or an array for a FeatureCollection)
    against the CLI's objects for the same document."""
    got_list = got if isinstance(got, list) else [got]
    return [normalise(g) for g in got_list] == [normalise(w) for w in want]
