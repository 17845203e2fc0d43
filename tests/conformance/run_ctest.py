#!/usr/bin/env python3
"""run_ctest.py: the ctest entry points of the conformance harness.

Usage: run_ctest.py examples  --validator EXE
       run_ctest.py mutations --validator EXE --work DIR [--min-agreement PCT]

examples:  every official example of v1.0.0 .. v1.5.2 must be valid under EXE (exit 0).
mutations: mutate.py into DIR/mutants (regenerated only when mutate.py or the examples
           change), oracle.py into DIR/verdicts.jsonl (cached by content hash, so reruns only
           judge new documents), then compare.py with --min-agreement (default 99.5).
The reference folder is $MLM_SHARED_DIR (default /work/shared). Exit 77 (ctest: skipped), with
a message, when it is absent, or (mutations) when Python's jsonschema/referencing are missing.
Set MLM_CONFORMANCE_NO_NODE=1 to leave stac-oracle-node out of the oracle run.
"""
import argparse
import glob
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
RELEASES = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2"]
SKIP = 77


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(SKIP)


def examples(shared, validator):
    files = [f for v in RELEASES for f in sorted(glob.glob(os.path.join(shared, "reference", "examples", v, "*.json")))]
    if not files:
        skip(f"no official examples under {shared}/reference/examples")
    bad = []
    for f in files:
        r = subprocess.run([validator, f], capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(f)
            print(f"FAIL (exit {r.returncode}): {f}\n{r.stdout}{r.stderr}")
    print(f"{len(files) - len(bad)} of {len(files)} official examples valid")
    return 1 if bad else 0


def mutations(shared, validator, work, min_agreement, full=False):
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError as e:
        skip(f"the reference oracle needs Python jsonschema + referencing ({e})")
    if not os.path.exists(os.path.join(shared, "tools", "stac-oracle")):
        skip(f"no {shared}/tools/stac-oracle")
    os.makedirs(work, exist_ok=True)
    mutants = os.path.join(work, "mutants")
    h = hashlib.sha256(open(os.path.join(HERE, "mutate.py"), "rb").read())
    for v in RELEASES:
        for f in sorted(glob.glob(os.path.join(shared, "reference", "examples", v, "*.json"))):
            h.update(f.encode() + open(f, "rb").read())
    stamp_file = os.path.join(work, "mutants.stamp")
    stamp = h.hexdigest()
    if not (os.path.exists(stamp_file) and open(stamp_file).read() == stamp
            and os.path.exists(os.path.join(mutants, "manifest.jsonl"))):
        subprocess.run([sys.executable, os.path.join(HERE, "mutate.py"), "--shared", shared, mutants], check=True)
        with open(stamp_file, "w") as fh:
            fh.write(stamp)
    oracle = [sys.executable, os.path.join(HERE, "oracle.py"), "--shared", shared,
              "--out", os.path.join(work, "verdicts.jsonl"), mutants]
    if os.environ.get("MLM_CONFORMANCE_NO_NODE"):
        oracle.insert(2, "--no-node")
    r = subprocess.run(oracle)
    if r.returncode != 0:
        print("oracle.py failed")
        return 1
    cmd = validator
    extra = []
    if full:
        # Whole documents (core + extensions + MLM) against the full reference verdict,
        # with the official schemas as a local folder, offline.
        cmd = (f"{validator} --schema-dir {os.path.join(shared, 'reference', 'schemas')} "
               "--offline --no-cache")
        extra = ["--full"]
    return subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--cmd", cmd, "--batch",
                           "--verdicts", os.path.join(work, "verdicts.jsonl"),
                           "--min-agreement", str(min_agreement)] + extra + [mutants]).returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["examples", "mutations", "full"])
    ap.add_argument("--validator", required=True)
    ap.add_argument("--work")
    ap.add_argument("--min-agreement", type=float, default=99.5)
    args = ap.parse_args()
    shared = os.environ.get("MLM_SHARED_DIR") or "/work/shared"
    if not os.path.isdir(os.path.join(shared, "reference")):
        skip(f"reference folder {shared}/reference not found (set MLM_SHARED_DIR)")
    if args.what == "examples":
        return examples(shared, args.validator)
    if not args.work:
        ap.error("mutations needs --work")
    return mutations(shared, args.validator, args.work, args.min_agreement, args.what == "full")


if __name__ == "__main__":
    sys.exit(main())
