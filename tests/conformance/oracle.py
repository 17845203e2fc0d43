#!/usr/bin/env python3
"""oracle.py: reference verdicts for a folder of STAC documents, cached by content hash.

Usage: oracle.py [--shared DIR] [--jobs N] [--batch N] [--no-node] [--out FILE] DIR

For every DIR/*.json (in DIR/manifest.jsonl order when present) it records:
  full_py    stac-oracle --json (Python jsonschema, draft-07 as declared): THE reference
  full_node  stac-oracle-node --json (ajv 8), when ajv is installed
  mlm_py     verdict of the MLM schema alone (mlm_oracle.py, stac-oracle's own code)
  mlm_node   the same from ajv's errors (errors whose "schema" is an MLM URL)
  full_ref / mlm_ref   resolved reference verdict, with full_reason / mlm_reason:
    agree                    both oracles agree (or only the Python oracle ran: python-only)
    python-dollar-newline    Python's `$` matches before a final "\\n", ECMA-262's does not;
                             stac-oracle with ECMA `$` agrees with ajv: ajv wins
    ajv-contains             ajv accepts what Python rejects through a `contains` keyword
                             (ajv 8 `contains` bug): Python wins
    unexplained              anything else: Python wins, investigate
  Verdicts: valid, invalid, error (exit 2: unreadable, schema not available locally), and for
  mlm_*: none (no MLM URL in stac_extensions, the MLM schema does not apply).
Writes --out (default DIR/../verdicts.jsonl); lines of an earlier run whose sha256 and tool
stamp match are reused, so reruns only judge new content. Timings go to stderr.
Python 3 standard library only (the oracles bring their own dependencies).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
from mlm_oracle import MLM_URL_RE  # noqa: E402


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tool_stamp(shared, node):
    h = hashlib.sha256()
    for p in (os.path.join(shared, "tools", "stac-oracle"), os.path.join(shared, "tools", "stac-oracle-node"),
              os.path.join(shared, "reference", "schemas", "index.json"), os.path.join(HERE, "mlm_oracle.py"),
              os.path.realpath(__file__)):
        if os.path.exists(p):
            h.update(open(p, "rb").read())
    h.update(b"node" if node else b"no-node")
    return h.hexdigest()[:16]


def node_available(shared):
    tool = os.path.join(shared, "tools", "stac-oracle-node")
    if not shutil.which("node") or not os.path.exists(tool):
        return False
    r = subprocess.run([tool, "--json", os.devnull], capture_output=True, text=True)
    return "cannot load" not in r.stderr


def child_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_batches(cmd, files, cwd, jobs, batch):
    """Run cmd + files in batches (in parallel), return {path: parsed JSON line}."""
    size = max(1, min(batch, -(-len(files) // jobs)))  # one call per job when it fits: start-up is costly
    chunks = [files[i:i + size] for i in range(0, len(files), size)]

    def one(chunk):
        r = subprocess.run(cmd + chunk, cwd=cwd, capture_output=True, text=True)
        out = {}
        for line in r.stdout.splitlines():
            if line.startswith("{"):
                obj = json.loads(line)
                out[obj["path"]] = obj
        missing = [f for f in chunk if f not in out]
        if missing:
            raise RuntimeError(f"{cmd[0]} gave no result for {missing[:3]} (exit {r.returncode}): {r.stderr[-500:]}")
        return out
    res = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        for part in ex.map(one, chunks):
            res.update(part)
    return res


def tool_verdict(obj):
    if "error" in obj:
        return "error"
    return "valid" if obj["valid"] else "invalid"


def node_mlm_verdict(obj, mlm_schemas):
    if "error" in obj:
        return None
    if not mlm_schemas:
        return "none"
    return "invalid" if any(e.get("schema") and MLM_URL_RE.match(e["schema"]) for e in obj["errors"]) else "valid"


def resolve(py, node, py_ecma, errors, scope_mlm, node_ran=True):
    """(reference verdict, reason) from the two oracles' verdicts."""
    if node is None:
        if py == "valid" and py_ecma == "invalid":
            # Python's '$' also matches before a trailing line break; the
            # schemas' patterns are ECMA-262 regexes, where it does not.
            return py_ecma, "python-dollar-newline (ECMA check, no stac-oracle-node)"
        return py, "python-only" if not node_ran else "python-only (stac-oracle-node: error)"
    if py == node:
        return py, "agree"
    if py == "valid" and node == "invalid" and py_ecma == "invalid":
        return node, "python-dollar-newline"
    if py == "invalid" and node == "valid":
        errs = [e for e in errors if e.get("schema") and (not scope_mlm or MLM_URL_RE.match(e["schema"]))]
        if errs and all("contains" in e.get("keywords", []) for e in errs):
            return py, "ajv-contains"
    return py, "unexplained"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--shared", default=os.environ.get("MLM_SHARED_DIR") or os.path.normpath(
                        os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", "shared")))
    ap.add_argument("--out", help="verdicts JSONL (default: DIR/../verdicts.jsonl)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=2000, help="at most this many files per oracle call")
    ap.add_argument("--no-node", action="store_true", help="do not run stac-oracle-node even if installed")
    args = ap.parse_args(argv)

    d = os.path.realpath(args.dir)
    out = args.out or os.path.join(os.path.dirname(d), "verdicts.jsonl")
    manifest = {}
    mpath = os.path.join(d, "manifest.jsonl")
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as f:
            for line in f:
                m = json.loads(line)
                manifest[m["file"]] = m
    files = [f for f in manifest if os.path.exists(os.path.join(d, f))] or \
        sorted(f for f in os.listdir(d) if f.endswith(".json"))
    node = not args.no_node and node_available(args.shared)
    stamp = tool_stamp(args.shared, node)

    cache = {}
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            for line in f:
                try:
                    v = json.loads(line)
                except ValueError:
                    continue
                if v.get("stamp") == stamp:
                    cache[v["sha256"]] = v
    hashes = {f: sha256_file(os.path.join(d, f)) for f in files}
    todo, seen = [], set()
    for f in files:
        if hashes[f] not in cache and hashes[f] not in seen:
            seen.add(hashes[f])
            todo.append(f)
    print(f"oracle.py: {len(files)} documents, {len(files) - len(todo)} cached, {len(todo)} to judge"
          + ("" if node else " (stac-oracle-node not installed: Python oracle only)"), file=sys.stderr)

    timings = {}
    if todo:
        t, c = time.monotonic(), child_cpu()
        py = run_batches([os.path.join(args.shared, "tools", "stac-oracle"), "--json"], todo, d, args.jobs, args.batch)
        timings["stac-oracle"] = (time.monotonic() - t, child_cpu() - c)
        t, c = time.monotonic(), child_cpu()
        helper = run_batches([sys.executable, os.path.join(HERE, "mlm_oracle.py"), "--shared", args.shared],
                             todo, d, args.jobs, args.batch)
        timings["mlm_oracle.py"] = (time.monotonic() - t, child_cpu() - c)
        nd = {}
        if node:
            t, c = time.monotonic(), child_cpu()
            nd = run_batches([os.path.join(args.shared, "tools", "stac-oracle-node"), "--json"], todo, d, args.jobs, args.batch)
            timings["stac-oracle-node"] = (time.monotonic() - t, child_cpu() - c)
        for f in todo:
            h = helper[f]
            full_py = tool_verdict(py[f])
            rec = {"sha256": hashes[f], "stamp": stamp, "full_py": full_py, "mlm_py": h["mlm"],
                   "mlm_schemas": h["mlm_schemas"]}
            if h["full"] != full_py:  # mlm_oracle.py must reproduce stac-oracle exactly
                rec["helper_mismatch"] = h["full"]
            if "full_ecma" in h:
                rec["full_py_ecma"], rec["mlm_py_ecma"] = h["full_ecma"], h["mlm_ecma"]
            full_node = tool_verdict(nd[f]) if node else None
            mlm_node = node_mlm_verdict(nd[f], h["mlm_schemas"]) if node else None
            if node:
                rec["full_node"], rec["mlm_node"] = full_node, mlm_node
            rec["full_ref"], rec["full_reason"] = resolve(full_py, full_node, h.get("full_ecma"), h["errors"], False, node)
            if h["mlm"] == "none":
                rec["mlm_ref"], rec["mlm_reason"] = "none", "no MLM schema declared"
            else:
                rec["mlm_ref"], rec["mlm_reason"] = resolve(h["mlm"], mlm_node, h.get("mlm_ecma"), h["errors"], True, node)
            rec["errors"] = [{k: e.get(k) for k in ("schema", "pointer", "keywords", "message")}
                             for e in h["errors"]][:8]
            if "error" in py[f]:
                rec["error"] = py[f]["error"]
            cache[hashes[f]] = rec

    with open(out + ".tmp", "w", encoding="utf-8") as fh:
        for f in files:
            rec = dict(cache[hashes[f]])
            rec["file"] = f
            m = manifest.get(f, {})
            for k in ("base", "version", "pointer", "kind", "scope"):
                if k in m:
                    rec[k] = m[k]
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(out + ".tmp", out)

    for name, (secs, cpu) in timings.items():
        print(f"oracle.py: {name}: {secs:.1f} s wall, {cpu:.1f} s CPU for {len(todo)} documents ({args.jobs} jobs)",
              file=sys.stderr)
    recs = [cache[hashes[f]] for f in files]
    for scope in ("full", "mlm"):
        counts = {}
        for r in recs:
            counts[r[scope + "_ref"]] = counts.get(r[scope + "_ref"], 0) + 1
        reasons = {}
        for r in recs:
            if r[scope + "_reason"] in ("python-dollar-newline", "ajv-contains", "unexplained"):
                reasons[r[scope + "_reason"]] = reasons.get(r[scope + "_reason"], 0) + 1
        print(f"oracle.py: {scope}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
              + (f"; oracle disagreements: {reasons}" if reasons else ""), file=sys.stderr)
    bad = sum(1 for r in recs if "helper_mismatch" in r)
    if bad:
        print(f"oracle.py: WARNING: mlm_oracle.py full verdict differs from stac-oracle on {bad} documents", file=sys.stderr)
    print(f"oracle.py: wrote {out}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
