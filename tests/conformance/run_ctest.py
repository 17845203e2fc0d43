#!/usr/bin/env python3
"""run_ctest.py: the ctest entry points of the conformance harness.

Usage: run_ctest.py examples  --validator EXE --work DIR
       run_ctest.py mutations --validator EXE --work DIR [--min-agreement PCT]
       run_ctest.py full      --validator EXE --work DIR [--min-agreement PCT]
       run_ctest.py recording --work DIR
       run_ctest.py official  --validator EXE --work DIR [--min-agreement PCT]
       run_ctest.py wild      --validator EXE --work DIR [--min-agreement PCT]

Need nothing outside the repository (the committed recording, recorded/verdicts.jsonl):
  examples:  every example of examples/<tag>/valid (v1.0.0 .. v1.5.2) is valid for the official
             schemas according to the recording, and valid under EXE (exit 0); with the
             reference folder present, every official example too.
  mutations: the mutants of this repository's examples (mutate.py --examples, into
             DIR/repo-mutants), checked against the recording (any document missing, extra or
             changed fails: the recording is stale), then compare.py --batch with the recorded
             MLM-schema verdicts and --min-agreement (default 100).
Need the reference folder ($MLM_SHARED_DIR, else ../shared beside the source tree); exit 77
(ctest: skipped), with a message, without it:
  full:      the same mutants as whole documents (core + extensions + MLM), with the official
             schemas as a local folder (--schema-dir), against the recorded full verdicts.
  wild:      ~150 mutants per release of our wild-like corpus (tests/wild/docs: neighbour
             extensions side by side, Collections with summaries, older releases), judged by
             the oracles here, MLM-only then full (like official).
  recording: record.py --check: the oracles judge the mutants again and must agree with the
             recording on every document (also needs Python's jsonschema/referencing).
  official:  the mutants of the official examples (mutate.py --shared), judged by the oracles
             (cached by content hash in DIR), MLM-only then full, both >= --min-agreement.
Set MLM_CONFORMANCE_NO_NODE=1 to leave stac-oracle-node out of the oracle runs.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402

RELEASES = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2"]
SKIP = 77


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(SKIP)


def need_shared(shared):
    if not os.path.isdir(os.path.join(shared, "reference")):
        skip(f"reference folder {shared}/reference not found (set MLM_SHARED_DIR); "
             "the default run checks the committed recording instead (conformance_mutations)")


def need_oracle(shared):
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError as e:
        skip(f"the reference oracle needs Python jsonschema + referencing ({e})")
    if not os.path.exists(os.path.join(shared, "tools", "stac-oracle")):
        skip(f"no {shared}/tools/stac-oracle")


def run_exit_codes(validator, files):
    bad = []
    for f in files:
        r = subprocess.run([validator, f], capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(f)
            print(f"FAIL (exit {r.returncode}): {f}\n{r.stdout}{r.stderr}")
    return bad


def examples(shared, validator, work):
    """The repository's valid examples: valid for the schemas (recording) and for us."""
    os.makedirs(work, exist_ok=True)
    manifest = record.generate(os.path.join(work, "repo-mutants"))
    _, recs = record.load_recording()
    ours = [f for v in RELEASES for f in sorted(glob.glob(os.path.join(record.EXAMPLES, v, "valid", "*.json")))]
    failed = 0
    for f in ours:
        v = os.path.basename(os.path.dirname(os.path.dirname(f)))
        name = f"{v}__{os.path.splitext(os.path.basename(f))[0]}__(root)__original.json"
        r = recs.get(name)
        if name not in manifest or r is None:
            print(f"FAIL: {name} (from {f}) is not in the recording; run record.py")
            failed += 1
        elif r["mlm"] != "valid" or r["full"] != "valid":
            print(f"FAIL: the official schemas do not accept {f} (recorded: MLM schema {r['mlm']}, "
                  f"whole document {r['full']}); an example under valid/ must be valid")
            failed += 1
    failed += len(run_exit_codes(validator, ours))
    print(f"{len(ours)} examples of this repository: valid for the official schemas (recorded) and for "
          f"mlm-validate, {failed} failures")
    if os.path.isdir(os.path.join(shared, "reference")):
        official = [f for v in RELEASES
                    for f in sorted(glob.glob(os.path.join(shared, "reference", "examples", v, "*.json")))]
        bad = run_exit_codes(validator, official)
        print(f"{len(official) - len(bad)} of {len(official)} official examples valid")
        failed += len(bad)
    else:
        print(f"(no reference folder at {shared}: the official examples are not checked)")
    return 1 if failed else 0


def compare(validator, mutants, verdicts, min_agreement, full, schema_dir=None):
    cmd = validator
    extra = []
    if full:
        # Whole documents (core + extensions + MLM) against the full reference verdict,
        # with the official schemas as a local folder, offline.
        cmd = f"{validator} --schema-dir {schema_dir} --offline --no-cache"
        extra = ["--full"]
    return subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--cmd", cmd, "--batch",
                           "--verdicts", verdicts, "--min-agreement", str(min_agreement)]
                          + extra + [mutants]).returncode


def recorded(validator, work, min_agreement, full=False, shared=None):
    """Our verdicts on the repository's mutants against the committed recording."""
    os.makedirs(work, exist_ok=True)
    mutants = os.path.join(work, "repo-mutants")
    manifest = record.generate(mutants)
    meta, recs = record.load_recording()
    why = record.stale(manifest, recs)
    if why:
        for w in why[:20]:
            print(f"STALE: {w}")
        print(f"The recording ({os.path.relpath(record.RECORDING, record.SOURCE)}) does not describe the "
              f"generated mutants ({len(why)} differences): regenerate it with "
              "python3 tests/conformance/record.py (needs the reference folder) and commit it.")
        return 1
    verdicts = os.path.join(work, "repo-verdicts.jsonl")
    record.verdict_table(manifest, recs, verdicts)
    print(f"recording: {len(recs)} documents ({meta.get('generator', '?')})")
    schema_dir = os.path.join(shared, "reference", "schemas") if shared else None
    return compare(validator, mutants, verdicts, min_agreement, full, schema_dir)


def judged(shared, validator, work, min_agreement, mutate_args, inputs):
    """Mutants made by mutate.py MUTATE_ARGS into WORK/mutants (again only when mutate.py or
    the INPUTS files change), judged by the oracles here (cached by content hash in WORK),
    compared MLM-only then full, both >= min_agreement."""
    os.makedirs(work, exist_ok=True)
    mutants = os.path.join(work, "mutants")
    h = hashlib.sha256(open(os.path.join(HERE, "mutate.py"), "rb").read())
    h.update(" ".join(mutate_args).encode())
    for f in inputs:
        h.update(f.encode() + open(f, "rb").read())
    stamp_file = os.path.join(work, "mutants.stamp")
    stamp = h.hexdigest()
    if not (os.path.exists(stamp_file) and open(stamp_file).read() == stamp
            and os.path.exists(os.path.join(mutants, "manifest.jsonl"))):
        subprocess.run([sys.executable, os.path.join(HERE, "mutate.py")] + mutate_args + [mutants],
                       check=True)
        with open(stamp_file, "w") as fh:
            fh.write(stamp)
    verdicts = os.path.join(work, "verdicts.jsonl")
    oracle = [sys.executable, os.path.join(HERE, "oracle.py"), "--shared", shared, "--out", verdicts, mutants]
    if os.environ.get("MLM_CONFORMANCE_NO_NODE"):
        oracle.insert(2, "--no-node")
    if subprocess.run(oracle).returncode != 0:
        print("oracle.py failed")
        return 1
    rc = compare(validator, mutants, verdicts, min_agreement, False)
    rc_full = compare(validator, mutants, verdicts, min_agreement, True,
                      os.path.join(shared, "reference", "schemas"))
    return rc or rc_full


def official(shared, validator, work, min_agreement):
    """The mutants of the official examples, judged by the oracles here (cached)."""
    inputs = [f for v in RELEASES
              for f in sorted(glob.glob(os.path.join(shared, "reference", "examples", v, "*.json")))]
    return judged(shared, validator, work, min_agreement, ["--shared", shared], inputs)


WILD_MLM = re.compile(r"^https://(stac-extensions\.github\.io/mlm|crim-ca\.github\.io/mlm-extension)/"
                      r"(v1\.[0-9]+\.[0-9]+)/schema\.json$")


def wild(shared, validator, work, min_agreement, per_version=150):
    """Mutants of our wild-like corpus (tests/wild/docs), judged by the oracles here: the
    documents that list exactly one published MLM version are laid out as examples of that
    version (WORK/examples/<tag>/valid) for mutate.py --examples."""
    docs = sorted(glob.glob(os.path.join(HERE, "..", "wild", "docs", "*.json")))
    ex = os.path.join(work, "examples")
    shutil.rmtree(ex, ignore_errors=True)
    tags, used = set(), []
    for f in docs:
        try:
            with open(f, encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError):
            continue
        exts = doc.get("stac_extensions") if isinstance(doc, dict) else None
        found = {m.group(2) for e in (exts if isinstance(exts, list) else [])
                 if isinstance(e, str) for m in [WILD_MLM.match(e)] if m}
        if len(found) != 1 or found & set(RELEASES) != found:
            continue
        tag = found.pop()
        os.makedirs(os.path.join(ex, tag, "valid"), exist_ok=True)
        shutil.copy(f, os.path.join(ex, tag, "valid", os.path.basename(f)))
        tags.add(tag)
        used.append(f)
    if not used:
        print("no document of tests/wild/docs lists exactly one published MLM version")
        return 1
    print(f"wild: {len(used)} of {len(docs)} documents of tests/wild/docs, releases {sorted(tags)}")
    args = ["--examples", ex, "--versions", ",".join(v for v in RELEASES if v in tags),
            "--per-version", str(per_version)]
    return judged(shared, validator, work, min_agreement, args, used)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["examples", "mutations", "full", "recording", "official", "wild"])
    ap.add_argument("--validator")
    ap.add_argument("--work", required=True)
    ap.add_argument("--min-agreement", type=float, default=100)
    args = ap.parse_args()
    if args.what != "recording" and not args.validator:
        ap.error(f"{args.what} needs --validator")
    shared = record.default_shared()
    if args.what == "examples":
        return examples(shared, args.validator, args.work)
    if args.what == "mutations":
        return recorded(args.validator, args.work, args.min_agreement)
    need_shared(shared)
    if args.what == "full":
        return recorded(args.validator, args.work, args.min_agreement, full=True, shared=shared)
    need_oracle(shared)
    if args.what == "recording":
        return record.main(["--shared", shared, "--work", args.work, "--check"])
    if args.what == "wild":
        return wild(shared, args.validator, os.path.join(args.work, "wild"), args.min_agreement)
    return official(shared, args.validator, os.path.join(args.work, "official"), args.min_agreement)


if __name__ == "__main__":
    sys.exit(main())
