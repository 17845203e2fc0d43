#!/usr/bin/python3
"""Validate a sharded NDJSON catalog with mlm-validate on a Dask cluster.

Each shard (one *.ndjson file) is one Dask task that runs

    mlm-validate --ndjson --format json --jobs N [--option...] SHARD

on a worker and returns that shard's summary; the summaries are merged into
one: documents, valid, invalid and unreadable counts, errors and warnings by
rule, and every invalid or unreadable Item with its shard and line. A task
that fails (the worker died, mlm-validate crashed or could not start) is
retried by Dask (`retries=`), so a shard is never lost silently; a shard that
still fails after its retries is listed under "failed_shards" and the exit
code is 3.

Cluster: --scheduler tcp://HOST:8786 connects to a running scheduler (the
shards and mlm-validate must be at the same paths on every worker, e.g. a
shared file system); without it a LocalCluster with --workers processes is
started here. Dask is Debian's python3-distributed: run this file with
/usr/bin/python3.

Exit code: 0 every Item valid, 1 some Item invalid, 3 some line unreadable or
some shard failed (as mlm-validate's codes), 2 usage.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import time


def validate_shard(shard, exe, extra, fail_once_dir=None):
    """Run mlm-validate over one shard on a worker; return its summary.

    mlm-validate's exit codes 0, 1 and 3 are results (valid, invalid,
    unreadable lines); anything else (usage error, crash, missing program)
    raises, so that Dask retries the task. fail_once_dir is for the tests:
    the first attempt at each shard whose name contains "fail-once" raises
    once (a marker file in that folder remembers the attempt)."""
    if fail_once_dir and "fail-once" in os.path.basename(shard):
        marker = os.path.join(fail_once_dir, os.path.basename(shard) + ".attempted")
        if not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError("injected failure on the first attempt at %s" % shard)
    start = time.monotonic()
    proc = subprocess.run([exe, "--ndjson", "--format", "json", *extra, shard],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1, 3):
        raise RuntimeError("mlm-validate exited %d on %s: %s" % (
            proc.returncode, shard, proc.stderr.decode("utf-8", "replace").strip()[:500]))
    summary = {"shards": 1, "documents": 0, "valid": 0, "invalid": 0, "unreadable": 0,
               "errors_by_rule": {}, "warnings_by_rule": {}, "problems": [],
               "seconds": 0.0}
    for raw in proc.stdout.splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        summary["documents"] += 1
        load = row.get("load_error")
        if load:
            summary["unreadable"] += 1
        elif row.get("valid"):
            summary["valid"] += 1
        else:
            summary["invalid"] += 1
        for d in row.get("diagnostics", []):
            key = "errors_by_rule" if d.get("severity") == "error" else "warnings_by_rule"
            if d.get("severity") in ("error", "warning"):
                summary[key][d["rule"]] = summary[key].get(d["rule"], 0) + 1
        if load or not row.get("valid"):
            summary["problems"].append({
                "shard": shard,
                "line": row.get("line") or (load or {}).get("line"),
                "unreadable": bool(load),
                "rules": sorted({d["rule"] for d in row.get("diagnostics", [])
                                 if d.get("severity") == "error"}),
                "message": (load or {}).get("message"),
            })
    summary["seconds"] = time.monotonic() - start
    return summary


def merge(a, b):
    """Merge two shard summaries (associative, so it can be a tree reduction)."""
    out = {k: a[k] + b[k] for k in ("shards", "documents", "valid", "invalid", "unreadable",
                                    "seconds")}
    for key in ("errors_by_rule", "warnings_by_rule"):
        counts = dict(a[key])
        for rule, n in b[key].items():
            counts[rule] = counts.get(rule, 0) + n
        out[key] = counts
    out["problems"] = a["problems"] + b["problems"]
    return out


def shards_of(paths):
    found = []
    for p in paths:
        if os.path.isdir(p):
            found.extend(sorted(glob.glob(os.path.join(p, "**", "*.ndjson"), recursive=True)))
        else:
            found.append(p)
    return [os.path.abspath(p) for p in found]


def run(args):
    from dask.distributed import Client, LocalCluster  # Debian python3-distributed

    shards = shards_of(args.shards)
    if not shards:
        print("mlm_dask: no *.ndjson shards in %s" % " ".join(args.shards), file=sys.stderr)
        return 2
    exe = os.path.abspath(args.mlm_validate)
    extra = ["--jobs", str(args.jobs)] + list(args.extra or [])
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        start = time.monotonic()
        futures = client.map(validate_shard, shards, exe=exe, extra=extra,
                             fail_once_dir=args.fail_once_dir, retries=args.retries,
                             pure=False)
        total = None
        failed = []
        for shard, fut in zip(shards, futures):
            try:
                s = fut.result()
            except Exception as e:  # after its retries: named, not lost
                failed.append({"shard": shard, "error": str(e)})
                continue
            total = s if total is None else merge(total, s)
        wall = time.monotonic() - start
        workers = len(client.scheduler_info().get("workers", {}))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if total is None:
        total = {"shards": 0, "documents": 0, "valid": 0, "invalid": 0, "unreadable": 0,
                 "errors_by_rule": {}, "warnings_by_rule": {}, "problems": [], "seconds": 0.0}
    total["problems"].sort(key=lambda p: (p["shard"], p["line"] or 0))
    total["failed_shards"] = failed
    total["workers"] = workers
    total["wall_seconds"] = round(wall, 3)
    total["task_seconds"] = round(total.pop("seconds"), 3)
    total["items_per_second"] = round(total["documents"] / wall, 1) if wall > 0 else None
    text = json.dumps(total, indent=1, sort_keys=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    if failed or total["unreadable"]:
        return 3
    return 1 if total["invalid"] else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("shards", nargs="+", help="NDJSON shard files, or folders of *.ndjson")
    p.add_argument("--mlm-validate", default="mlm-validate",
                   help="the mlm-validate program (same path on every worker)")
    p.add_argument("--scheduler", help="address of a running scheduler, tcp://HOST:PORT "
                   "(default: a LocalCluster here)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    p.add_argument("--jobs", type=int, default=1,
                   help="mlm-validate --jobs in each task (default 1: one core per task)")
    p.add_argument("--retries", type=int, default=2, help="Dask retries of a failed task")
    p.add_argument("--output", help="write the merged summary (JSON) here, not stdout")
    p.add_argument("--fail-once-dir", help=argparse.SUPPRESS)  # tests: injected failures
    p.add_argument("--option", dest="extra", action="append", default=[],
                   help="one more mlm-validate option, e.g. --option=--strict (repeatable)")
    args = p.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
