#!/usr/bin/env python3
"""HTTP(S) test server for libmlm's URL tests (Python standard library only).

Listens on 127.0.0.1 at free ports chosen by the kernel and prints one line
on stdout once it accepts connections:

    READY http=<port> https=<port>

(https=0 when --cert-dir is not given). With --cert-dir DIR, a self-signed
certificate for 127.0.0.1 is generated there with the openssl CLI
(DIR/cert.pem, DIR/key.pem) and an HTTPS listener serves the same routes.

The server exits when its standard input reaches end-of-file (the test that
started it closed the pipe or died; it then also removes the certificate
files and the --cert-dir folder if empty), on SIGTERM, or on SIGINT.

Routes (see ROUTES below): fixtures, error statuses, redirects, slow and
trickling responses, oversized bodies with and without Content-Length,
compressed bodies, a header echo, and a STAC catalog under /catalog/.
"""

import argparse
import email.utils
import gzip
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib

try:
    import ssl
except ImportError:  # Python built without OpenSSL: no https listener
    ssl = None

BIG = 4 * 1024 * 1024  # bytes sent by the oversized routes (tests cap at 1 MiB)
CHUNK = 64 * 1024


def read_fixture(name):
    with open(os.path.join(ARGS.fixtures, name), "rb") as f:
        return f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mlm-test-server/1"

    def log_message(self, fmt, *args):  # quiet unless asked
        if os.environ.get("MLM_URL_SERVER_VERBOSE"):
            sys.stderr.write("server: " + (fmt % args) + "\n")

    # --- helpers -----------------------------------------------------------
    def send_body(self, status, body, ctype="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        body = b"redirecting\n"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_chunked(self, data_iter, ctype="application/json"):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for data in data_iter:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def accepts(self, coding):
        return coding in self.headers.get("Accept-Encoding", "")

    # --- routes ------------------------------------------------------------
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        route = ROUTES.get(path)
        try:
            if route is not None:
                route(self)
            elif path.startswith("/redirect/"):
                self.route_redirect_chain(path)
            elif path.startswith("/catalog/"):
                self.route_catalog(path)
            else:
                self.send_body(404, b'{"error": "not found"}\n')
        except (OSError, socket.timeout):  # the client gave up (ssl.SSLError is an OSError)
            self.close_connection = True

    def do_POST(self):
        # /echo: the method, Content-Type and body of the request, as JSON.
        n = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(n)
        if self.path.split("?", 1)[0] == "/echo":
            echo = {"method": self.command, "content-type": self.headers.get("Content-Type"),
                    "body": body.decode("utf-8", "replace")}
            self.send_body(200, json.dumps(echo, sort_keys=True).encode() + b"\n")
        else:
            self.send_body(404, b'{"error": "not found"}\n')

    def route_retry_seconds(self):
        self.send_body(429, b'{"error": "slow down"}\n', extra={"Retry-After": "7"})

    def route_retry_date(self):
        when = email.utils.formatdate(time.time() + 3600, usegmt=True)
        self.send_body(503, b'{"error": "busy"}\n', extra={"Retry-After": when})

    def route_redirect_chain(self, path):
        try:
            n = int(path[len("/redirect/"):])
        except ValueError:
            n = -1
        if n < 1:
            self.send_body(404, b'{"error": "bad redirect count"}\n')
        elif n == 1:
            self.redirect("/item.json")
        else:
            self.redirect("/redirect/%d" % (n - 1))

    def route_catalog(self, path):
        # fixtures/catalog/<name>: a small STAC catalog for --recursive.
        name = path[len("/catalog/"):]
        if name and all(c.isalnum() or c in "-_." for c in name) and ".." not in name \
                and os.path.isfile(os.path.join(ARGS.fixtures, "catalog", name)):
            self.send_body(200, read_fixture(os.path.join("catalog", name)))
        else:
            self.send_body(404, b'{"error": "not found"}\n')

    def route_item(self):
        self.send_body(200, read_fixture("item.json"), "application/geo+json")

    def route_item_chunked(self):
        data = read_fixture("item.json")
        self.send_chunked(data[i:i + 100] for i in range(0, len(data), 100))

    def route_invalid(self):
        self.send_body(200, read_fixture("invalid.json"))

    def route_not_json(self):
        self.send_body(200, read_fixture("not-json.txt"), "text/html")

    def route_text_plain(self):
        self.send_body(200, read_fixture("item.json"), "text/plain; charset=utf-8")

    def route_empty(self):
        self.send_body(200, b"")

    def route_404(self):
        self.send_body(404, b'{"error": "no such item"}\n')

    def route_500(self):
        self.send_body(500, b"internal error\n", "text/plain")

    def route_redirect_absolute(self):
        scheme = "https" if ssl and isinstance(self.connection, ssl.SSLSocket) else "http"
        port = self.server.server_address[1]
        self.redirect("%s://127.0.0.1:%d/item.json" % (scheme, port), 301)

    def route_loop(self):
        self.redirect("/loop")

    def route_to_file(self):
        self.redirect("file:///etc/passwd")

    def route_no_location(self):
        self.redirect(None)

    def route_slow(self):
        time.sleep(10)  # longer than every timeout the tests use
        self.send_body(200, read_fixture("item.json"))

    def route_trickle(self):
        body = read_fixture("item.json")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(len(body)):
            self.wfile.write(body[i:i + 1])
            self.wfile.flush()
            time.sleep(1)

    def route_big_chunked(self):
        self.send_chunked(b" " * CHUNK for _ in range(BIG // CHUNK))

    def route_big_close(self):
        # HTTP/1.0 style: no length, no chunking, the end is the close.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for _ in range(BIG // CHUNK):
            self.wfile.write(b" " * CHUNK)

    def route_big_length(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(BIG))
        self.end_headers()
        for _ in range(BIG // CHUNK):
            self.wfile.write(b" " * CHUNK)

    def route_big_404(self):
        # An error page bigger than the cap: reported by its status.
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(BIG))
        self.end_headers()
        for _ in range(BIG // CHUNK):
            self.wfile.write(b" " * CHUNK)

    def route_to_other_host(self):
        # 127.0.0.1 -> localhost: a different host name for libcurl.
        port = self.server.server_address[1]
        self.redirect("http://localhost:%d/headers" % port)

    def route_gzip(self):
        data = read_fixture("item.json")
        if self.accepts("gzip"):
            self.send_body(200, gzip.compress(data), "application/json",
                           {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        else:
            self.send_body(200, data)

    def route_deflate(self):
        data = read_fixture("item.json")
        if self.accepts("deflate"):
            self.send_body(200, zlib.compress(data), "application/json",
                           {"Content-Encoding": "deflate"})
        else:
            self.send_body(200, data)

    def route_gzip_bomb(self):
        # 8 MiB of spaces in about 8 KiB: the cap applies to the decoded size.
        self.send_body(200, gzip.compress(b" " * (8 * 1024 * 1024)), "application/json",
                       {"Content-Encoding": "gzip"})

    def route_headers(self):
        echo = {k.lower(): v for k, v in self.headers.items()}
        self.send_body(200, json.dumps(echo, sort_keys=True).encode() + b"\n")


ROUTES = {
    "/item.json": Handler.route_item,
    "/item-chunked.json": Handler.route_item_chunked,
    "/invalid.json": Handler.route_invalid,
    "/not-json": Handler.route_not_json,
    "/text-plain.json": Handler.route_text_plain,
    "/empty.json": Handler.route_empty,
    "/missing": Handler.route_404,
    "/error": Handler.route_500,
    "/redirect-absolute": Handler.route_redirect_absolute,
    "/loop": Handler.route_loop,
    "/to-file": Handler.route_to_file,
    "/no-location": Handler.route_no_location,
    "/slow": Handler.route_slow,
    "/trickle": Handler.route_trickle,
    "/big-chunked": Handler.route_big_chunked,
    "/big-close": Handler.route_big_close,
    "/big-length": Handler.route_big_length,
    "/big-404": Handler.route_big_404,
    "/to-other-host": Handler.route_to_other_host,
    "/gzip": Handler.route_gzip,
    "/deflate": Handler.route_deflate,
    "/gzip-bomb": Handler.route_gzip_bomb,
    "/headers": Handler.route_headers,
    "/retry-seconds": Handler.route_retry_seconds,
    "/retry-date": Handler.route_retry_date,
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def handle_error(self, request, client_address):
        # Clients that give up (timeouts, refused certificates) are expected.
        if os.environ.get("MLM_URL_SERVER_VERBOSE"):
            super().handle_error(request, client_address)


class TLSServer(Server):
    def __init__(self, addr, handler, context):
        self.context = context
        super().__init__(addr, handler)

    def get_request(self):
        sock, addr = super().get_request()
        # Handshake in the handler thread, so a client that stalls or refuses
        # the certificate cannot block the accept loop.
        return self.context.wrap_socket(sock, server_side=True,
                                        do_handshake_on_connect=False), addr

    def finish_request(self, request, client_address):
        try:
            request.do_handshake()
        except OSError:  # includes ssl.SSLError: the client refused the certificate
            return
        super().finish_request(request, client_address)


def make_certificate(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return cert, key


def remove_certificate():
    if ARGS.cert_dir:
        for name in ("cert.pem", "key.pem"):
            try:
                os.unlink(os.path.join(ARGS.cert_dir, name))
            except OSError:
                pass
        try:
            os.rmdir(ARGS.cert_dir)
        except OSError:
            pass


def watch_stdin(cleanup=None):
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    # The test closed the pipe or died: clean up what we made and leave.
    if cleanup:
        cleanup()
    os._exit(0)


def serve(servers, ready, cleanup=None):
    """Serve until stdin closes, SIGTERM or SIGINT, after printing `ready`.
    Shared with tests/pages/stac_api.py."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=watch_stdin, args=(cleanup,), daemon=True).start()
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print(ready, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    os._exit(0)


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", required=True, help="folder of the fixture files")
    parser.add_argument("--cert-dir", help="generate a certificate here and serve https too")
    ARGS = parser.parse_args()

    servers = [Server(("127.0.0.1", 0), Handler)]
    https_port = 0
    if ARGS.cert_dir:
        if ssl is None:
            print("SKIP: this python3 has no ssl module", file=sys.stderr, flush=True)
            sys.exit(77)
        cert, key = make_certificate(ARGS.cert_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        servers.append(TLSServer(("127.0.0.1", 0), Handler, context))
        https_port = servers[1].server_address[1]
    serve(servers, "READY http=%d https=%d" % (servers[0].server_address[1], https_port),
          remove_certificate)


if __name__ == "__main__":
    main()
