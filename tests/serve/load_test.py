#!/usr/bin/env python3
"""A small, bounded load test of mlm-validate --serve (ctest): 32 clients x 50
requests at once, each on a keep-alive connection, posting the documents of
examples/ in turn; every answer must equal the CLI's report for the same
document (serve_common.same_report). No timing is asserted: the figures are
bench/serve_load.py's (BENCHMARKS.md).

Usage: load_test.py MLM_VALIDATE SOURCE_DIR [CLIENTS] [REQUESTS_PER_CLIENT]
"""
import http.client
import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, cli_reports, same_report  # noqa: E402

validate, src = sys.argv[1], sys.argv[2]
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 32
per_client = int(sys.argv[4]) if len(sys.argv) > 4 else 50
if os.environ.get("MLM_HARDENING_SLOW"):  # under valgrind: fewer requests
    per_client = min(per_client, 5)

docs = []
for root, _, files in sorted(os.walk(os.path.join(src, "examples"))):
    for f in sorted(files):
        if f.endswith(".json"):
            path = os.path.join(root, f)
            with open(path, "rb") as fh:
                docs.append((fh.read(), cli_reports(validate, ["--no-config"], path), path))

results = [None] * clients


def client(k, port):
    bad, done, c = [], 0, http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for i in range(per_client):
            body, want, path = docs[(k + i) % len(docs)]
            c.request("POST", "/validate", body=body)
            r = c.getresponse()
            got = json.loads(r.read())
            done += 1
            if r.status != 200 or not same_report(got, want):
                bad.append(path)
    except (OSError, http.client.HTTPException, ValueError) as e:
        bad.append(f"client {k}: {e}")
    finally:
        c.close()
    results[k] = (done, bad)


with Server(validate, ["--no-config", "--jobs", "2"]) as s:
    threads = [threading.Thread(target=client, args=(k, s.port)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    alive = s.alive()

done = sum(r[0] for r in results)
bad = [b for r in results for b in r[1]]
print(f"{done} answers from {clients} clients, {len(bad)} different from the CLI")
for b in bad[:10]:
    print("  differs:", b)
ok = done == clients * per_client and not bad and alive
sys.exit(0 if ok else 1)
