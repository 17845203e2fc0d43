#!/usr/bin/env python3
"""bench/crawl.py: --recursive crawling, one-at-a-time catalogs vs the pool.

    python3 bench/crawl.py --baseline OLD/mlm-validate --candidate NEW/mlm-validate

Compares two mlm-validate builds (e.g. the commit before the parallel walker,
built from `git archive`, and this tree, both Release) on:

  files    a catalog of 10,000 small files on disk: a root Catalog, 100 child
           Catalogs, 99 Items each (--files-children / --files-items);
  latency  the same shape served over HTTP by tests/pages/stac_api.py on
           127.0.0.1 with a delay added to every request (--delay, default
           20 ms; 20 Catalogs of 20 Items by default), i.e. a remote server.

Each case runs --runs times per build (median reported), --jobs workers
each, and checks that both builds print the same documents in the same
order (the JSON report's source column). Standard library only; nothing is
asserted about timings. Prints a Markdown table (paste into docs/SCALE.md).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(REPO, "tests", "url", "fixtures")


def make_files(root, children, items):
    with open(os.path.join(FIXTURES, "item.json"), encoding="utf-8") as f:
        item = json.load(f)
    links = [{"rel": "child", "href": "c%d/catalog.json" % c} for c in range(children)]
    with open(os.path.join(root, "catalog.json"), "w") as f:
        json.dump({"type": "Catalog", "stac_version": "1.0.0", "id": "root",
                   "description": "bench", "links": links}, f)
    for c in range(children):
        d = os.path.join(root, "c%d" % c)
        os.mkdir(d)
        links = [{"rel": "item", "href": "i%d.json" % i} for i in range(items)]
        with open(os.path.join(d, "catalog.json"), "w") as f:
            json.dump({"type": "Catalog", "stac_version": "1.0.0", "id": "c%d" % c,
                       "description": "bench", "links": links}, f)
        for i in range(items):
            item["id"] = "c%d-i%d" % (c, i)
            with open(os.path.join(d, "i%d.json" % i), "w") as f:
                json.dump(item, f)
    return os.path.join(root, "catalog.json"), 1 + children * (1 + items)


def run_once(exe, target, jobs):
    start = time.monotonic()
    p = subprocess.run([exe, "--recursive", "--jobs", str(jobs), "--format", "json",
                        "--no-warnings", target], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    wall = time.monotonic() - start
    if p.returncode not in (0, 1):
        sys.exit("%s exited %d: %s" % (exe, p.returncode, p.stderr.decode()[:400]))
    sources = [json.loads(l)["source"] for l in p.stdout.splitlines() if l.strip()]
    return wall, sources


def measure(name, builds, target, jobs, runs, expect_docs):
    """Median of `runs` runs per build, the builds interleaved run by run so
    that load from other processes falls on both alike."""
    row = {"case": name}
    order = {}
    times = {label: [] for label, _ in builds}
    for label, exe in builds:
        run_once(exe, target, jobs)  # warm-up (page cache, server threads)
    for _ in range(runs):
        for label, exe in builds:
            t, sources = run_once(exe, target, jobs)
            times[label].append(t)
            order[label] = sources
            if len(sources) != expect_docs:
                sys.exit("%s: %s reported %d documents, expected %d" % (
                    name, label, len(sources), expect_docs))
    for label, _ in builds:
        row[label] = statistics.median(times[label])
    labels = [b[0] for b in builds]
    row["same_order"] = all(order[l] == order[labels[0]] for l in labels)
    row["documents"] = expect_docs
    return row


def start_server(delay, children, items):
    p = subprocess.Popen([sys.executable, os.path.join(REPO, "tests", "pages", "stac_api.py"),
                          "--fixtures", FIXTURES, "--delay", str(delay),
                          "--catalog-children", str(children), "--catalog-items", str(items)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    line = p.stdout.readline().decode()
    if not line.startswith("READY"):
        sys.exit("the server did not start")
    return p, int(line.split("http=")[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--candidate", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--http-jobs", type=int, default=16,
                    help="--jobs for the latency case (requests at once)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files-children", type=int, default=100)
    ap.add_argument("--files-items", type=int, default=99)
    ap.add_argument("--delay", type=float, default=0.02)
    ap.add_argument("--http-children", type=int, default=20)
    ap.add_argument("--http-items", type=int, default=20)
    args = ap.parse_args()
    builds = [("baseline", args.baseline), ("candidate", args.candidate)]
    rows = []
    tmp = tempfile.mkdtemp(prefix="mlm-crawl-bench-")
    try:
        root, n = make_files(tmp, args.files_children, args.files_items)
        rows.append(measure("files: %d files (%d catalogs), --jobs %d" % (
            n, args.files_children + 1, args.jobs), builds, root, args.jobs, args.runs, n))
        server, port = start_server(args.delay, args.http_children, args.http_items)
        try:
            n = 1 + args.http_children * (1 + args.http_items)
            rows.append(measure("latency: %d URLs (%d catalogs), %g ms per request, --jobs %d" % (
                n, args.http_children + 1, args.delay * 1000, args.http_jobs), builds,
                "http://127.0.0.1:%d/cat/catalog.json" % port, args.http_jobs, args.runs, n))
        finally:
            server.stdin.close()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("| case | baseline (one catalog at a time) | candidate (pool) | speed-up | same output order |")
    print("| --- | ---: | ---: | ---: | --- |")
    for r in rows:
        print("| %s | %.2f s | %.2f s | %.2fx | %s |" % (
            r["case"], r["baseline"], r["candidate"], r["baseline"] / r["candidate"],
            "yes" if r["same_order"] else "NO"))


if __name__ == "__main__":
    main()
