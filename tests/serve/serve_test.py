#!/usr/bin/env python3
"""Tests of mlm-validate --serve over HTTP on 127.0.0.1 (ephemeral ports).

Usage: serve_test.py MLM_VALIDATE MLM_MIGRATE SOURCE_DIR CASE

Each CASE starts its own server(s) and checks one area: endpoints, the
answers against the CLI's --format json, limits (413, 404/405), hostile
clients (slow, malformed HTTP), SIGTERM with a request in flight, and that
no request makes the server read a file. Python standard library only.

The comparison with the CLI (serve_common.same_report): the server's object
for a document equals the CLI's --format json line for the same file after
removing "source" (the server calls every body "request") and
"configuration"."file" (the server never names its files); a
FeatureCollection is one CLI line per feature and one JSON array from the
server. docs/SERVE.md states the same.
"""
import http.client
import json
import os
import signal
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, cli_reports, request, same_report  # noqa: E402

VALIDATE, MIGRATE, SRC, CASE = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
FIX = os.path.join(SRC, "tests", "cli", "fixtures")
EXAMPLES = os.path.join(SRC, "examples")
SCHEMAS = os.path.join(SRC, "tests", "schemas")

failures = []
# Under valgrind (scripts/valgrind.sh sets MLM_HARDENING_SLOW) everything is
# slower: the time bounds below stretch; the behaviour checked stays the same.
SLOW = 10 if os.environ.get("MLM_HARDENING_SLOW") else 1


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def documents():
    """Fixture and example documents: valid, invalid, a FeatureCollection."""
    out = [os.path.join(FIX, n) for n in
           ("valid.json", "invalid.json", "warning.json", "collection-of-items.json",
            "malformed.json", "not_object.json")]
    for root, _, files in sorted(os.walk(EXAMPLES)):
        for f in sorted(files):
            if f.endswith(".json"):
                out.append(os.path.join(root, f))
    return out


def case_endpoints():
    with Server(VALIDATE, ["--no-config", "--jobs", "2"]) as s:
        st, h, body = request(s.port, "GET", "/healthz")
        check(st == 200 and body == b"ok\n", "GET /healthz is 200 ok")
        st, h, body = request(s.port, "GET", "/rules")
        rules = json.loads(body)
        listed = os.popen(f"'{VALIDATE}' --list-rules").read().splitlines()
        check(st == 200 and len(rules) == len(listed) and len(rules) > 10,
              "GET /rules lists every rule of --list-rules")
        check(all({"id", "name", "severity", "summary", "description"} <= set(r) for r in rules),
              "each rule has id, name, severity, summary and description")
        st, h, body = request(s.port, "GET", "/explain/MLM102")
        j = json.loads(body)
        check(st == 200 and j["id"] == "MLM102" and j["description"], "GET /explain/MLM102")
        st, h, body = request(s.port, "GET", "/explain/" + rules[0]["name"])
        check(st == 200 and json.loads(body)["id"] == rules[0]["id"], "explain by rule name")
        st, h, body = request(s.port, "GET", "/explain/MLM999")
        check(st == 404 and "error" in json.loads(body), "an unknown rule is 404 with a sentence")
        st, h, body = request(s.port, "GET", "/")
        check(st == 200 and h.get("content-type", "").startswith("text/html")
              and b"<html" in body.lower() and "default-src 'none'" in h.get(
                  "content-security-policy", ""), "GET / is the page, with a CSP")
        st, h, body = request(s.port, "HEAD", "/")
        check(st == 200 and body == b"", "HEAD / answers without a body")
        # 404 and 405 (with Allow)
        st, h, body = request(s.port, "GET", "/nothing-here")
        check(st == 404, "GET /nothing-here is 404")
        st, h, body = request(s.port, "GET", "/validate")
        check(st == 405 and h.get("allow") == "POST", "GET /validate is 405, Allow: POST")
        st, h, body = request(s.port, "POST", "/rules", b"{}")
        check(st == 405 and h.get("allow") == "GET, HEAD", "POST /rules is 405, Allow: GET, HEAD")
        st, h, body = request(s.port, "DELETE", "/migrate")
        check(st == 405 and h.get("allow") == "POST", "DELETE /migrate is 405")
        # query errors are 400 with a sentence
        for q in ("bogus=1", "strict=maybe", "mlm_version=9.9.9", "disable=NOPE",
                  "severity=MLM102", "severity=MLM102=loud", "disable=MLM012", "full=1"):
            st, h, body = request(s.port, "POST", "/validate?" + q, b"{}")
            msg = json.loads(body).get("error", "") if st == 400 else ""
            check(st == 400 and msg.endswith("."), f"/validate?{q} is 400 with a sentence ({st})")
        st, h, body = request(s.port, "POST", "/migrate?to=draft", b"{}")
        check(st == 400, "/migrate?to=draft is 400")
        # metrics after the above
        with open(os.path.join(FIX, "invalid.json"), "rb") as f:
            doc = f.read()
        for _ in range(3):
            request(s.port, "POST", "/validate", doc)
        st, h, body = request(s.port, "GET", "/metrics")
        text = body.decode()
        check(st == 200 and h.get("content-type", "").startswith("text/plain"), "GET /metrics")
        check('mlm_http_requests_total{path="/validate",code="200"} 3' in text,
              "metrics count /validate 200 answers")
        check('mlm_http_requests_total{path="/validate",code="400"} 8' in text,
              "metrics count /validate 400 answers")
        check('mlm_http_requests_total{path="other",code="404"} 1' in text, "metrics count 404")
        check('mlm_documents_total{outcome="invalid"} 3' in text, "metrics count documents")
        check('mlm_diagnostics_total{rule="' in text and 'severity="error"} 3' in text,
              "metrics count errors by rule")
        check('mlm_http_request_duration_seconds_bucket{le="+Inf"}' in text and
              "mlm_http_request_duration_seconds_count" in text, "latency histogram")


def case_same_as_cli():
    variants = [([], ""), (["--strict"], "strict=1"), (["--disable", "MLM319"], "disable=MLM319"),
                (["--severity", "MLM102=warning", "--severity", "MLM319=off"],
                 "severity=MLM102=warning,MLM319=off"),
                (["--mlm-version", "1.2.0"], "mlm_version=1.2.0")]
    with Server(VALIDATE, ["--no-config", "--jobs", "2"]) as s:
        n = 0
        for path in documents():
            with open(path, "rb") as f:
                doc = f.read()
            for flags, query in variants if n < 6 else variants[:1]:
                want = cli_reports(VALIDATE, ["--no-config"] + flags, path)
                st, h, body = request(s.port, "POST", "/validate" + ("?" + query if query else ""),
                                      doc)
                got = json.loads(body)
                check(st == 200 and h.get("content-type") == "application/json",
                      f"{path} {query}: 200 application/json")
                check(same_report(got, want), f"{os.path.basename(path)} {query}: the CLI's report")
            n += 1
        check(n > 20, "enough documents compared")
        # Bodies that are not documents are reports too, with the position.
        st, h, body = request(s.port, "POST", "/validate", b'{"type": "Feature",\n "id": }')
        j = json.loads(body)
        check(st == 200 and j["load_error"]["line"] == 2 and j["load_error"]["column"] > 0
              and j["valid"] is False, "a parse error is a report with its position")
        st, h, body = request(s.port, "POST", "/validate", b"")
        check(st == 200 and "load_error" in json.loads(body), "an empty body is a report")
    # The server's own rule configuration is the default of every request.
    cfg = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"serve-cfg-{os.getpid()}.json")
    with open(cfg, "w") as f:
        json.dump({"disable": ["MLM319"], "severity": {"MLM102": "warning"}}, f)
    try:
        with Server(VALIDATE, ["--config", cfg]) as s:
            path = os.path.join(EXAMPLES, "v1.0.0", "invalid", "task-typo-clasification.json")
            with open(path, "rb") as f:
                st, h, body = request(s.port, "POST", "/validate", f.read())
            got = json.loads(body)
            check(same_report(got, cli_reports(VALIDATE, ["--config", cfg], path)),
                  "the server's --config is every request's default")
            check(cfg not in body.decode() and got["configuration"]["file"] is None,
                  "the answer does not name the server's configuration file")
    finally:
        os.unlink(cfg)


def case_migrate():
    import subprocess
    with Server(VALIDATE, ["--no-config"]) as s:
        n = 0
        for path in documents():
            if "/invalid/" in path or "/draft/" in path or not path.startswith(EXAMPLES):
                continue
            with open(path, "rb") as f:
                doc = f.read()
            st, h, body = request(s.port, "POST", "/migrate?to=1.5.2", doc)
            j = json.loads(body)
            p = subprocess.run([MIGRATE, "--to", "1.5.2", path], capture_output=True)
            check(st == 200 and j["document"] == p.stdout.decode(),
                  f"{os.path.basename(path)}: /migrate gives mlm-migrate's document")
            check(j["to_version"] == "1.5.2" and isinstance(j["entries"], list), "migrate report")
            n += 1
        check(n >= 3, "some documents migrated")
        st, h, body = request(s.port, "POST", "/migrate", b"[1]")
        check(st == 400 and "error" in json.loads(body), "/migrate of a non-object is 400")
        st, h, body = request(s.port, "POST", "/migrate", b'{"a": ')
        check(st == 400 and "line 1" in json.loads(body)["error"], "/migrate of bad JSON is 400")


def case_limits():
    with Server(VALIDATE, ["--no-config", "--max-filesize", "2000"]) as s:
        st, h, body = request(s.port, "POST", "/validate", b" " * 2001)
        check(st == 413 and "larger" in json.loads(body)["error"], "a body over the limit is 413")
        st, h, body = request(s.port, "POST", "/validate", b"{}" + b" " * 1998)
        check(st == 200, "a body at the limit is taken")
        # Chunked, without a Content-Length: refused once it passes the limit.
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=5)
        c.putrequest("POST", "/validate")
        c.putheader("Transfer-Encoding", "chunked")
        c.endheaders()
        for _ in range(10):
            c.send(b"200\r\n" + b" " * 512 + b"\r\n")
        c.send(b"0\r\n\r\n")
        r = c.getresponse()
        check(r.status == 413, f"a chunked body over the limit is 413 ({r.status})")
        c.close()
        st, h, body = request(s.port, "GET", "/healthz")
        check(st == 200, "healthy after refusals")
        got = raw_exchange(s.port, b"POST /validate HTTP/1.1\r\nHost: x\r\n"
                                   b"Content-Length: 12abc\r\n\r\n{}")
        check(got == b"" or got.startswith(b"HTTP/1.1 400"), f"a bad Content-Length is refused")


def raw_exchange(port, data, wait=3.0):
    """Send raw bytes; return what came back before the server closed or wait ran out."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=wait)
    got = b""
    try:
        sock.sendall(data)
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            got += chunk
    except (socket.timeout, ConnectionError):
        pass
    finally:
        sock.close()
    return got


def case_hostile():
    with Server(VALIDATE, ["--no-config", "--jobs", "1", "--timeout", "2",
                           "--max-connections", "64"]) as s:
        for data in (b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                     b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                     b"GET /healthz HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 100000 + b"\r\n\r\n",
                     b"\x00\xff\xfe binary junk\r\n\r\n",
                     b"POST /validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"zz\r\n"):
            got = raw_exchange(s.port, data)
            check(not got.startswith(b"HTTP/1.1 200") or b"/healthz" in data[:20],
                  f"malformed request {data[:30]!r} is not answered 200")
            check(s.alive(), f"the server survives {data[:30]!r}")
        # Slow clients (1 byte a second) hold connections, not the one worker.
        stop = threading.Event()

        def slowloris(port):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                for b in b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{":
                    if stop.is_set():
                        break
                    sock.send(bytes([b]))
                    time.sleep(1.0)
                sock.close()
            except OSError:
                pass

        threads = [threading.Thread(target=slowloris, args=(s.port,)) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        with open(os.path.join(FIX, "invalid.json"), "rb") as f:
            doc = f.read()
        worst = 0.0
        for _ in range(20):
            t0 = time.monotonic()
            st, h, body = request(s.port, "POST", "/validate", doc)
            worst = max(worst, time.monotonic() - t0)
            check(st == 200, "answered while slow clients are connected")
            time.sleep(0.1)
        # A blocked worker would wait for a slow client (a minute); 3 s leaves room
        # for a loaded machine.
        check(worst < 3 * SLOW, f"slow clients do not block the worker (worst {worst:.2f} s)")
        # A body dribbled in for longer than --timeout is cut off.
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        sock.sendall(b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
        t0 = time.monotonic()
        closed = False
        try:
            for _ in range(12):
                sock.send(b" ")
                time.sleep(0.5)
        except OSError:
            closed = True
        if not closed:
            try:
                sock.settimeout(3)
                closed = sock.recv(100) == b""
            except OSError:
                closed = True
        sock.close()
        check(closed and time.monotonic() - t0 < 9 * SLOW, "a body slower than --timeout is cut off")
        stop.set()
        for t in threads:
            t.join()
        check(s.alive(), "the server is still up")


def case_sigterm():
    with Server(VALIDATE, ["--no-config", "--jobs", "2"]) as s:
        with open(os.path.join(FIX, "invalid.json"), "rb") as f:
            doc = f.read()
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        head = (b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(doc))
        sock.sendall(head + doc[:10])
        time.sleep(0.3 * SLOW)  # the request is in flight: headers read, body coming
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3 * SLOW)
        try:  # no new connections once stopping
            c = socket.create_connection(("127.0.0.1", s.port), timeout=1)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            late = c.recv(100)
            c.close()
        except OSError:
            late = b""
        check(not late.startswith(b"HTTP/1.1 200"), "no new request is answered 200 after SIGTERM")
        sock.sendall(doc[10:])
        got = b""
        sock.settimeout(5 * SLOW)
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                got += chunk
        except OSError:
            pass
        sock.close()
        check(got.startswith(b"HTTP/1.1 200"), "the in-flight request is answered 200")
        body = got.split(b"\r\n\r\n", 1)[-1]
        check(b'"rule":"MLM' in body, "with its report")
        rc = s.proc.wait(timeout=10 * SLOW)
        check(rc == 0, f"the server exits 0 after SIGTERM ({rc})")
        check(b"stopped (SIGTERM)" in s.stderr(), "and says why it stopped")


def case_no_files():
    """No request makes the server read a file or fetch a URL; no path leaks."""
    with Server(VALIDATE, ["--no-config", "--full", "--no-cache", "--schema-dir", SCHEMAS]) as s:
        hostile = {
            "type": "Feature", "stac_version": "1.0.0", "id": "x",
            "stac_extensions": ["file:///etc/passwd", "https://stac-extensions.github.io/"
                                "../../../../../../etc/passwd", "http://127.0.0.1:1/x.json",
                                "/etc/passwd", "https://example.org/%2e%2e/%2e%2e/etc/shadow"],
            "geometry": None, "properties": {"datetime": "2020-01-01T00:00:00Z"},
            "links": [], "assets": {}}
        st, h, body = request(s.port, "POST", "/validate?full=1",
                              json.dumps(hostile).encode())
        text = body.decode()
        check(st == 200, "a hostile document gets a report")
        check("root:" not in text and "nologin" not in text, "no file content in the answer")
        check(SRC not in text and SCHEMAS not in text and os.path.expanduser("~") + "/" not in text,
              "no server path in the answer")
        st, h, body = request(s.port, "POST", "/validate?full=0", json.dumps(hostile).encode())
        check(st == 200, "full=0 on a server with schemas")
        st, h, body = request(s.port, "GET", "/explain/..%2f..%2fetc%2fpasswd")
        check(st == 404 and b"root:" not in body, "explain does not read files")
        st, h, body = request(s.port, "GET", "/../../etc/passwd")
        check(st in (400, 404) and b"root:" not in body, "paths do not reach files")
        check(s.stderr().count(b"serving on http://127.0.0.1:") == 1,
              "bound to 127.0.0.1 by default")


CASES = {"endpoints": case_endpoints, "same_as_cli": case_same_as_cli, "migrate": case_migrate,
         "limits": case_limits, "hostile": case_hostile, "sigterm": case_sigterm,
         "no_files": case_no_files}

if __name__ == "__main__":
    CASES[CASE]()
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("ok")
