#!/usr/bin/env python3
"""A small STAC API on 127.0.0.1 for the paging tests and the crawl benchmark
(Python standard library only).

Prints "READY http=<port>" once it accepts connections and exits when its
standard input reaches end-of-file, on SIGTERM or on SIGINT (like
tests/url/server.py).

Features are made from two fixture Items (--fixtures DIR: item.json, valid,
and invalid.json), with their ids changed. Paged collections, by name:

  GET /collections/good/items?page=N      3 pages of 2 valid features
  GET /collections/bad7/items?page=N      8 pages; feature 1 of page 7 is invalid
  GET /collections/throttled/items?page=N 3 pages; the first request for page 1
                                          gets 429 with Retry-After: 1 (seconds),
                                          for page 2 a 503 with Retry-After as an
                                          HTTP-date one second ahead
  GET /collections/patient/items          429 with Retry-After: 3600 (too long)
  GET /collections/loop/items?page=N      3 pages; page 3 links back to page 1
  GET /collections/loopfirst/items?page=N 3 pages; page 3 links back to the first URL
  GET /collections/broken/items?page=N    4 pages; page 2 answers 500
  GET /collections/badjson/items?page=N   3 pages; page 2 is not JSON
  GET /collections/forever/items?page=N   pages without end
  GET /hostile-catalog                    a catalog whose child and item links are file:///
  GET /search                             page 1 of a search whose next links are
  POST /search                            POSTs: page 2 with a body and a header,
                                          page 3 with "merge": true (the server
                                          answers 400 unless the merged body and
                                          header arrive)

A static catalog (--catalog-children K --catalog-items M): /cat/catalog.json
links K Collections /cat/c<k>/collection.json, each linking M Items
/cat/c<k>/i<m>.json. --delay SECONDS is added to every request (the latency
of a remote server, for bench/crawl.py). /slowcat/... is the same catalog
answered after 0.1 s, counting the requests in progress; GET /stats gives
the most there were at once (and resets it), for --max-requests.
"""

import argparse
import email.utils
import http.server
import json
import os
import socket
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "url"))
from server import Server, serve  # noqa: E402  (the URL tests' server: same life cycle)

PAGES = {"good": 3, "bad7": 8, "throttled": 3, "loop": 3, "loopfirst": 3, "broken": 4, "badjson": 3,
         "forever": None, "patient": 1}
PER_PAGE = 2

# GET /hostile-catalog: a catalog whose child and item links lead to local files
# (the client must not read them because a server said so).
HOSTILE_CATALOG = {"type": "Catalog", "id": "h", "stac_version": "1.0.0",
                   "description": "links to local files",
                   "links": [{"rel": "child", "href": "file:///etc/passwd"},
                             {"rel": "item", "href": "file:///etc/hostname"}]}

# GET /hostile/<name>: a page of one valid feature whose next link is this.
HOSTILE = {
    "file": {"href": "file:///etc/passwd"},
    "scheme": {"href": "gopher://127.0.0.1/1"},
    "body": {"href": "/search", "method": "POST", "body": ["not", "an", "object"]},
    "huge": {"href": "items?page=" + "9" * 100000},
    "headers": {"href": "/search", "method": "POST", "body": {}, "headers": ["X-A: 1"]},
}


def load(name):
    with open(os.path.join(ARGS.fixtures, name), encoding="utf-8") as f:
        return json.load(f)


def feature(ident, valid=True):
    d = json.loads(json.dumps(VALID if valid else INVALID))
    d["id"] = ident
    return d


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mlm-stac-api/1"
    seen = set()  # first requests already answered 429/503 (throttled)
    lock = threading.Lock()
    inflight = 0  # /slowcat requests being answered now, and the most at once
    most = 0

    def log_message(self, fmt, *args):
        if os.environ.get("MLM_URL_SERVER_VERBOSE"):
            sys.stderr.write("stac_api: " + (fmt % args) + "\n")

    def send_json(self, status, obj, extra=None):
        body = obj if isinstance(obj, bytes) else json.dumps(obj, indent=1).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/geo+json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def do_GET(self):
        if ARGS.delay:
            time.sleep(ARGS.delay)
        url = urlsplit(self.path)
        q = parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        try:
            if len(parts) == 3 and parts[0] == "collections" and parts[2] == "items":
                self.items(parts[1], int(q.get("page", ["1"])[0]), q.get("run", [""])[0])
            elif url.path == "/search":
                self.search_page(1, None)
            elif len(parts) == 2 and parts[0] == "hostile" and parts[1] in HOSTILE:
                # One valid feature and a next link the client must refuse.
                self.send_json(200, {"type": "FeatureCollection",
                                     "features": [feature("hostile-1")],
                                     "links": [dict(HOSTILE[parts[1]], rel="next")]})
            elif parts[0] == "cat":
                self.catalog(parts[1:])
            elif parts[0] == "slowcat":
                # Counted from the request's arrival until just before the first
                # byte of the answer: inside the client's own window, which ends
                # when it has read the answer. Counting until the answer is
                # written would overlap the client's next request and report one
                # too many with a client that keeps the bound.
                with Handler.lock:
                    Handler.inflight += 1
                    Handler.most = max(Handler.most, Handler.inflight)
                try:
                    time.sleep(0.1)
                finally:
                    with Handler.lock:
                        Handler.inflight -= 1
                self.catalog(parts[1:])
            elif url.path == "/hostile-catalog":
                self.send_json(200, HOSTILE_CATALOG)
            elif url.path == "/stats":  # the most /slowcat requests at once, then reset
                with Handler.lock:
                    most, Handler.most = Handler.most, 0
                self.send_json(200, {"most_at_once": most})
            else:
                self.send_json(404, {"error": "not found"})
        except (OSError, socket.timeout):
            self.close_connection = True

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        if urlsplit(self.path).path != "/search":
            self.send_json(404, {"error": "not found"})
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self.send_json(400, {"error": "the body is not JSON"})
            return
        if self.headers.get("Content-Type", "") != "application/json":
            self.send_json(400, {"error": "expected Content-Type: application/json"})
        elif self.headers.get("X-Page-Key") != "k2":
            self.send_json(400, {"error": "the X-Page-Key header of the next link is missing"})
        elif body.get("collections") != ["c"] or body.get("limit") != PER_PAGE:
            self.send_json(400, {"error": "the body of the search was not kept (merge)"})
        elif body.get("token") == "p2":
            self.search_page(2, body)
        elif body.get("token") == "p3":
            self.search_page(3, body)
        else:
            self.send_json(400, {"error": "unknown token"})

    def search_page(self, page, body):
        feats = [feature("s%d-%d" % (page, i), valid=not (page == 3 and i == 0))
                 for i in range(PER_PAGE)]
        links = []
        if page == 1:
            links.append({"rel": "next", "href": "/search", "method": "POST",
                          "body": {"collections": ["c"], "limit": PER_PAGE, "token": "p2"},
                          "headers": {"X-Page-Key": "k2"}})
        elif page == 2:
            links.append({"rel": "next", "href": self.base() + "/search", "method": "POST",
                          "body": {"token": "p3"}, "merge": True})
        self.send_json(200, {"type": "FeatureCollection", "features": feats, "links": links})

    def items(self, name, page, run):
        if name not in PAGES or page < 1:
            self.send_json(404, {"error": "no such collection"})
            return
        last = PAGES[name]
        if last is not None and page > last:
            self.send_json(404, {"error": "no such page"})
            return
        key = (name, page, run)
        if name == "throttled" and page <= 2:
            with Handler.lock:
                first = key not in Handler.seen
                Handler.seen.add(key)
            if first and page == 1:
                self.send_json(429, {"error": "slow down"}, {"Retry-After": "1"})
                return
            if first and page == 2:
                when = email.utils.formatdate(time.time() + 1, usegmt=True)
                self.send_json(503, {"error": "busy"}, {"Retry-After": when})
                return
        if name == "patient":
            self.send_json(429, {"error": "come back in an hour"}, {"Retry-After": "3600"})
            return
        if name == "broken" and page == 2:
            self.send_json(500, {"error": "internal"})
            return
        if name == "badjson" and page == 2:
            self.send_json(200, b'{"type": "FeatureCollection", "features": [')
            return
        feats = [feature("%s-%d-%d" % (name, page, i),
                         valid=not (name == "bad7" and page == 7 and i == 1))
                 for i in range(PER_PAGE)]
        links = []
        suffix = "&run=" + run if run else ""
        if last is None or page < last:
            links.append({"rel": "next", "type": "application/geo+json",
                          "href": "items?page=%d%s" % (page + 1, suffix)})
        elif name == "loop":
            links.append({"rel": "next", "href": "items?page=1" + suffix})
        elif name == "loopfirst":  # back to the very URL of the first page
            links.append({"rel": "next", "href": "items" + ("?run=" + run if run else "")})
        self.send_json(200, {"type": "FeatureCollection", "features": feats, "links": links,
                             "numberReturned": len(feats)})

    def catalog(self, parts):
        k, m = ARGS.catalog_children, ARGS.catalog_items
        if parts == ["catalog.json"]:
            links = [{"rel": "child", "href": "c%d/collection.json" % i} for i in range(k)]
            self.send_json(200, {"type": "Catalog", "stac_version": "1.0.0", "id": "root",
                                 "description": "bench", "links": links})
        elif len(parts) == 2 and parts[0][:1] == "c" and parts[1] == "collection.json":
            links = [{"rel": "item", "href": "i%d.json" % i} for i in range(m)]
            self.send_json(200, {"type": "Catalog", "stac_version": "1.0.0", "id": parts[0],
                                 "description": "bench", "links": links})
        elif len(parts) == 2 and parts[0][:1] == "c" and parts[1].startswith("i"):
            self.send_json(200, feature(parts[0] + parts[1]))
        else:
            self.send_json(404, {"error": "not found"})


class ApiServer(Server):
    request_queue_size = 64  # the benchmark opens 16 connections at once


def main():
    global ARGS, VALID, INVALID
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fixtures", required=True)
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--catalog-children", type=int, default=2)
    p.add_argument("--catalog-items", type=int, default=2)
    ARGS = p.parse_args()
    VALID, INVALID = load("item.json"), load("invalid.json")
    server = ApiServer(("127.0.0.1", 0), Handler)
    serve([server], "READY http=%d" % server.server_address[1])

if __name__ == "__main__":
    main()
