#!/usr/bin/python3
"""bench/dask_scale.py: throughput of tools/dask/mlm_dask.py on a LocalCluster
with 1 and 2 workers, and what a million-item catalog costs at that rate.

    /usr/bin/python3 bench/dask_scale.py --mlm-validate build-rel/tools/mlm-validate/mlm-validate

Generates --shards NDJSON shards of --lines Items each (the valid fixture
Item of tests/url/fixtures with distinct ids, one invalid Item per shard),
then runs the recipe with 1 and 2 single-threaded workers (--runs times each,
median wall time) through --scheduler against a LocalCluster started once
per worker count (its start-up is reported, not counted). Also times one
`mlm-validate --ndjson --jobs 1` over every shard as the no-Dask baseline of
one core. Prints a Markdown table; nothing is asserted.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools", "dask"))
import mlm_dask  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mlm-validate", required=True)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    fx = os.path.join(REPO, "tests", "url", "fixtures")
    good = json.load(open(os.path.join(fx, "item.json")))
    bad = json.load(open(os.path.join(fx, "invalid.json")))
    n = args.shards * args.lines
    with tempfile.TemporaryDirectory(prefix="mlm-dask-bench-") as tmp:
        paths = []
        for k in range(args.shards):
            p = os.path.join(tmp, "shard-%03d.ndjson" % k)
            with open(p, "w") as f:
                for i in range(args.lines):
                    d = bad if i == 17 else good
                    d["id"] = "s%d-%d" % (k, i)
                    f.write(json.dumps(d) + "\n")
            paths.append(p)
        size = sum(os.path.getsize(p) for p in paths)
        # one core, no Dask
        base = []
        for _ in range(args.runs):
            t = time.monotonic()
            subprocess.run([args.mlm_validate, "--ndjson", "--jobs", "1", "-f", "json"] + paths,
                           stdout=subprocess.DEVNULL, check=False)
            base.append(time.monotonic() - t)
        rows = [("mlm-validate --jobs 1, no Dask", statistics.median(base), None)]
        out = os.path.join(tmp, "summary.json")
        from dask.distributed import LocalCluster
        for workers in (1, 2):
            walls = []
            t = time.monotonic()
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None, silence_logs=40) as cluster:
                start = time.monotonic() - t
                for _ in range(args.runs):
                    t = time.monotonic()
                    mlm_dask.main([tmp, "--mlm-validate", args.mlm_validate, "--scheduler",
                                   cluster.scheduler_address, "--output", out])
                    walls.append(time.monotonic() - t)
                    s = json.load(open(out))
                    assert s["documents"] == n and s["invalid"] == args.shards, s["documents"]
            rows.append(("Dask, %d worker%s (cluster start %.1f s, not counted)" % (
                workers, "s" if workers > 1 else "", start), statistics.median(walls), None))
    print("%d Items in %d shards (%.0f MB), median of %d runs, %d cores here, load average "
          "%.1f at the end\n" % (n, args.shards, size / 1e6, args.runs, os.cpu_count() or 0,
                                 os.getloadavg()[0]))
    print("| run | wall | Items/s | Items/s per worker | 1,000,000 Items at this rate |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, wall, _ in rows:
        rate = n / wall
        workers = 2 if "2 workers" in name else 1
        print("| %s | %.2f s | %.0f | %.0f | %.0f s (%.1f core-min) |" % (
            name, wall, rate, rate / workers, 1e6 / rate, 1e6 / rate * workers / 60))


if __name__ == "__main__":
    main()
