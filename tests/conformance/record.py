#!/usr/bin/env python3
"""record.py: the official schemas' verdicts on mutants of this repository's examples, as data.

Usage: record.py [--shared DIR] [--work DIR] [--check]

The proof of parity that a clone of the repository carries by itself:

  1. mutate.py --examples <source>/examples: single-change mutants of OUR examples
     (examples/<tag>/valid and invalid, v1.0.0 .. v1.5.2), deterministic and independent of
     anything outside the repository;
  2. oracle.py (needs the reference folder, $MLM_SHARED_DIR or ../shared beside the source
     tree): the reference verdicts of the official schemas on each of them;
  3. the recording, recorded/verdicts.jsonl (committed): one line per document,
     {"file", "sha256" (first 16 hex digits of the content hash), "mlm", "full"} plus
     "mlm_reason"/"full_reason" when the two oracles disagreed (see CONFORMANCE.md); its first
     line is {"meta": ...} (generator options, counts, oracle tool stamp).

Without --check it (re)writes the recording. With --check it writes nothing and exits 1 when
the recording and the schemas disagree on any document, or when the generated corpus no longer
matches the recording (then rerun without --check and commit the result). Exit 77 (skipped)
without the reference folder or Python's jsonschema/referencing.

The default ctest run (run_ctest.py mutations) needs none of this: it regenerates the mutants
and compares mlm-validate with the recording. Python 3 standard library only.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
RECORDING = os.path.join(HERE, "recorded", "verdicts.jsonl")
EXAMPLES = os.path.join(SOURCE, "examples")
PER_VERSION = 750
SKIP = 77


def default_shared():
    return os.environ.get("MLM_SHARED_DIR") or os.path.normpath(os.path.join(SOURCE, "..", "shared"))


def generate(mutants):
    """Mutants of the repository's examples into `mutants` (regenerated only when mutate.py or
    the examples changed); returns the manifest as {file: record}."""
    h = hashlib.sha256(open(os.path.join(HERE, "mutate.py"), "rb").read())
    h.update(str(PER_VERSION).encode())
    for root, dirs, files in sorted(os.walk(EXAMPLES)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".json"):
                p = os.path.join(root, f)
                h.update(os.path.relpath(p, EXAMPLES).encode() + open(p, "rb").read())
    stamp_file = mutants + ".stamp"
    manifest = os.path.join(mutants, "manifest.jsonl")
    if not (os.path.exists(stamp_file) and open(stamp_file).read() == h.hexdigest()
            and os.path.exists(manifest)):
        subprocess.run([sys.executable, os.path.join(HERE, "mutate.py"), "--examples", EXAMPLES,
                        "--per-version", str(PER_VERSION), mutants], check=True)
        with open(stamp_file, "w") as fh:
            fh.write(h.hexdigest())
    with open(manifest, encoding="utf-8") as f:
        return {m["file"]: m for m in map(json.loads, f)}


def load_recording(path=RECORDING):
    """(meta, {file: record}) of the committed recording."""
    meta, recs = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "meta" in r:
                meta = r["meta"]
            else:
                recs[r["file"]] = r
    return meta, recs


def stale(manifest, recs):
    """Why the recording does not describe the generated corpus (a list of sentences; empty when
    it does): a document missing from it, an extra one, or one whose content changed."""
    why = []
    for f, m in manifest.items():
        r = recs.get(f)
        if r is None:
            why.append(f"{f} is not in the recording")
        elif not m["sha256"].startswith(r["sha256"]):
            why.append(f"{f} has changed since it was recorded")
    why += [f"{f} is recorded but no longer generated" for f in recs if f not in manifest]
    return why


def verdict_table(manifest, recs, out):
    """Write `out` in compare.py's verdicts format: the recorded verdicts with the manifest's
    version, kind, pointer and scope."""
    with open(out, "w", encoding="utf-8") as fh:
        for f, m in manifest.items():
            r = recs[f]
            rec = {"file": f, "mlm_ref": r["mlm"], "full_ref": r["full"],
                   "mlm_reason": r.get("mlm_reason", "agree"), "full_reason": r.get("full_reason", "agree")}
            for k in ("base", "version", "pointer", "kind", "scope"):
                rec[k] = m.get(k)
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


def compact(manifest, oracle_out):
    """{file: recording line} from oracle.py's verdicts."""
    recs = {}
    with open(oracle_out, encoding="utf-8") as f:
        for v in map(json.loads, f):
            if v["file"] not in manifest:
                continue
            r = {"file": v["file"], "sha256": v["sha256"][:16], "mlm": v["mlm_ref"], "full": v["full_ref"]}
            for k in ("mlm_reason", "full_reason"):
                if v.get(k) not in ("agree", "python-only", "no MLM schema declared", None):
                    r[k] = v[k]
            recs[v["file"]] = r
    return recs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=default_shared())
    ap.add_argument("--work", default=os.path.join(SOURCE, "build", "conformance-record"),
                    help="mutants and the oracle's cache (default: build/conformance-record in the source tree)")
    ap.add_argument("--check", action="store_true", help="compare with the committed recording, write nothing")
    ap.add_argument("--no-node", action="store_true", help="leave stac-oracle-node (ajv) out")
    args = ap.parse_args(argv)

    if not os.path.isdir(os.path.join(args.shared, "reference")):
        print(f"SKIP: reference folder {args.shared}/reference not found (set MLM_SHARED_DIR)")
        return SKIP
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError as e:
        print(f"SKIP: the reference oracle needs Python jsonschema + referencing ({e})")
        return SKIP
    os.makedirs(args.work, exist_ok=True)
    mutants = os.path.join(args.work, "repo-mutants")
    manifest = generate(mutants)
    oracle_out = os.path.join(args.work, "repo-oracle.jsonl")
    cmd = [sys.executable, os.path.join(HERE, "oracle.py"), "--shared", args.shared, "--out", oracle_out, mutants]
    if args.no_node or os.environ.get("MLM_CONFORMANCE_NO_NODE"):
        cmd.insert(2, "--no-node")
    if subprocess.run(cmd).returncode != 0:
        print("record.py: oracle.py failed")
        return 1
    fresh = compact(manifest, oracle_out)

    if args.check:
        meta, recs = load_recording()
        why = stale(manifest, recs)
        diff = [(f, recs[f], fresh[f]) for f in manifest if f in recs and
                (recs[f]["mlm"], recs[f]["full"]) != (fresh[f]["mlm"], fresh[f]["full"])]
        for f, old, new in diff[:40]:
            print(f"DIFFERS: {f}: recorded mlm={old['mlm']} full={old['full']}, "
                  f"the schemas say mlm={new['mlm']} full={new['full']}")
        for w in why[:20]:
            print(f"STALE: {w}")
        print(f"record.py --check: {len(manifest)} documents, {len(diff)} verdicts differ from the recording, "
              f"{len(why)} documents out of date")
        if diff or why:
            print("Regenerate with: python3 tests/conformance/record.py, and commit "
                  "tests/conformance/recorded/verdicts.jsonl")
            return 1
        return 0

    counts = {}
    for r in fresh.values():
        for k in ("mlm", "full"):
            counts.setdefault(k, {}).setdefault(r[k], 0)
            counts[k][r[k]] += 1
    meta = {"generator": "mutate.py --examples examples --per-version %d" % PER_VERSION,
            "documents": len(fresh), "verdicts": counts,
            "oracles": "stac-oracle (Python jsonschema) + stac-oracle-node (ajv) when installed; "
                       "reference verdicts resolved as in docs/CONFORMANCE.md"}
    os.makedirs(os.path.dirname(RECORDING), exist_ok=True)
    with open(RECORDING + ".tmp", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"meta": meta}, sort_keys=True) + "\n")
        for f in manifest:
            fh.write(json.dumps(fresh[f], ensure_ascii=False, sort_keys=True) + "\n")
    os.replace(RECORDING + ".tmp", RECORDING)
    print(f"record.py: wrote {os.path.relpath(RECORDING, SOURCE)} ({len(fresh)} documents, "
          f"{os.path.getsize(RECORDING) // 1024} KiB): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
