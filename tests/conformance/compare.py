#!/usr/bin/env python3
"""compare.py: run a validator over the mutants and compare with the reference verdicts.

Usage: compare.py [--cmd CMD] [--batch] [--full] [--min-agreement PCT] [--jobs N]
                  [--verdicts FILE] [--versions v1.4.0,...] [--kinds REGEX] [--show N] DIR

DIR holds the documents, and --verdicts (default DIR/../verdicts.jsonl, written by oracle.py,
or by record.py from the committed recording) their reference verdicts.
--cmd is the validator command line (default: "$MLM_VALIDATE", else "mlm-validate").
  default mode: one call per file, `CMD FILE`; the verdict is the exit code:
                0 valid, 1 invalid, 3 unreadable; anything else (a crash) is always a mismatch.
  --batch:      `CMD --format json FILE...` in chunks; one JSON object per document on stdout,
                with the file in "source" (or "path"/"file") and the verdict in "valid"
                (bool) or "verdict"/"status" ("valid"/"invalid"/...).
Reference: "mlm_ref" (verdict of the declared MLM schema alone, what the native rules judge);
--full uses "full_ref" (core + every extension schema). What mlm-validate is expected to say
is decided in one place, expected_verdict(): documents whose reference is "none" (no MLM URL
in stac_extensions) are skipped in the default mode; a reference "error" (the MLM URL or a
schema it needs is not published) expects "not valid": exit 1 or 3 both agree. Deliberate
departures from the schemas belong there, with the document at hand.
Prints agreement per release and overall, then the disagreements grouped by mutation kind;
exits 1 when overall agreement < --min-agreement (default 100), 2 on setup errors.
Python 3 standard library only.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import time

EXIT = {0: "valid", 1: "invalid", 3: "unreadable"}


def run_one(cmd, path):
    try:
        r = subprocess.run(cmd + [path], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "timeout"
    except OSError as e:
        return f"cannot run: {e}"
    return EXIT.get(r.returncode, f"exit {r.returncode}")


def run_batch(cmd, paths):
    r = subprocess.run(cmd + ["--format", "json"] + paths, capture_output=True, text=True, timeout=600)
    got = {}
    for line in r.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        path = obj.get("source") or obj.get("path") or obj.get("file") or obj.get("document")
        if obj.get("load_error"):
            v = "unreadable"
        elif isinstance(obj.get("valid"), bool):
            v = "valid" if obj["valid"] else "invalid"
        else:
            v = str(obj.get("verdict") or obj.get("status") or "?")
        got[path] = v
    return {p: got.get(p, f"no result (exit {r.returncode})") for p in paths}


def expected_verdict(rec, path, full):
    """What mlm-validate should say about the document at `path`, given its reference record
    `rec` (the oracles' verdicts): "valid", "invalid", "error" (not valid: invalid or
    unreadable), or None when the document is not compared. `full`: the whole document (core +
    extensions) rather than the MLM schema alone. The only place where our expectation may
    depart from the schemas' verdict; `path` is there for departures that depend on the
    document's content."""
    ref = rec["full_ref" if full else "mlm_ref"]
    if ref == "none":
        return None  # no MLM URL: the MLM schema does not apply
    dep = departure(rec, path) if full else departure_mlm(rec, path)
    if dep:
        rec["departure"], expect = dep
        return expect
    return ref


# --- deliberate departures (docs/CONFORMANCE.md, "Deliberate departures") ---------------
# One precise condition each; a departing document is expected to get the returned verdict,
# is counted apart and left out of the parity figure.
def _load(path):
    """The JSON document at path, or None when it cannot be read or parsed."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _has_mlm_field(doc):
    """An "mlm:" key where libmlm looks (version.c: properties, top level, assets, summaries)."""
    if not isinstance(doc, dict):
        return False
    places = [doc, doc.get("properties"), doc.get("summaries")]
    places += list((doc.get("assets") or {}).values()) if isinstance(doc.get("assets"), dict) else []
    return any(isinstance(o, dict) and any(k.startswith("mlm:") for k in o) for o in places)


def departure(rec, path):
    """(reason, expected verdict) when rec is a deliberate departure, else None.
    undeclared-mlm-fields: the oracle applied no MLM schema (mlm_ref "none": no published MLM
    identifier in stac_extensions) and accepted the document (full_ref "valid"), although it
    has mlm: fields. STAC requires listing every extension used; libmlm reports
    MLM001/MLM005/MLM007 (errors)."""
    if rec.get("mlm_ref") != "none" or rec.get("full_ref") != "valid":
        return None
    doc = _load(path)
    if doc is not None and _has_mlm_field(doc):
        return ("undeclared-mlm-fields", "invalid")
    return None


_MLM_HOSTS = r"(crim-ca\.github\.io/mlm-extension|stac-extensions\.github\.io/mlm)"
_PUBLISHED_MLM = re.compile(r"^https://" + _MLM_HOSTS + r"/v1\.[0-9]+\.[0-9]+/schema\.json$")
_MLM_LIKE = re.compile(r"^\s*https?://" + _MLM_HOSTS + r"/", re.IGNORECASE)


_STAC_TYPES = ("Feature", "Collection", "Catalog", "FeatureCollection")


def _not_stac(doc):
    """A JSON object that is not a STAC object: its "type" is not that of an Item,
    Collection, Catalog or ItemCollection, or (but for an ItemCollection) it has no
    "stac_version" (validate.c, is_stac)."""
    return isinstance(doc, dict) and doc.get("type") != "FeatureCollection" and (
        doc.get("type") not in _STAC_TYPES or "stac_version" not in doc)


def departure_mlm(rec, path):
    """The MLM-schema-only mode's departure, (reason, expected verdict) or None.
    not-stac-object: the published MLM schema accepted the document (mlm_ref "valid": from
    v1.3.0 it leaves alone what is not an Item or Collection) but it is not a STAC object
    (no STAC "type", or no stac_version). libmlm reports MLM008 (error): never "valid" for
    what was not checked (issue 17.1).
    misspelled-mlm-url: the oracle applied a published MLM schema and accepted the document
    (mlm_ref "valid"), but the whole document could not be judged (full_ref "error": a schema
    it lists cannot be resolved), and stac_extensions also lists an MLM URL written wrongly
    (another case, http, spaces: it names the MLM host but is not a published URL). libmlm
    reports MLM001 (error) for the wrongly written URL, in both modes."""
    if rec.get("mlm_ref") != "valid":
        return None
    doc = _load(path)
    if _not_stac(doc):
        return ("not-stac-object", "invalid")
    if rec.get("full_ref") != "error":
        return None
    exts = doc.get("stac_extensions") if isinstance(doc, dict) else None
    if isinstance(exts, list) and any(isinstance(e, str) and _MLM_LIKE.match(e)
                                      and not _PUBLISHED_MLM.match(e) for e in exts):
        return ("misspelled-mlm-url", "invalid")
    return None


def agrees(expected, got):
    if expected == "error":
        return got in ("invalid", "unreadable")
    return expected == got


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--cmd", default=os.environ.get("MLM_VALIDATE") or "mlm-validate")
    ap.add_argument("--batch", action="store_true", help="CMD --format json FILE... (many files per call)")
    ap.add_argument("--chunk", type=int, default=200, help="files per call in --batch mode")
    ap.add_argument("--full", action="store_true", help="compare with the full verdict (core + all extensions)")
    ap.add_argument("--verdicts")
    ap.add_argument("--min-agreement", type=float, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--versions", help="comma-separated releases to keep")
    ap.add_argument("--kinds", help="regex on the mutation kind to keep")
    ap.add_argument("--show", type=int, default=10, help="file names listed per mutation kind (0: all)")
    ap.add_argument("--json-report", help="write every disagreement as JSONL here")
    args = ap.parse_args(argv)

    d = os.path.realpath(args.dir)
    vpath = args.verdicts or os.path.join(os.path.dirname(d), "verdicts.jsonl")
    if not os.path.exists(vpath):
        print(f"compare.py: no verdicts at {vpath}; run oracle.py {d} first", file=sys.stderr)
        return 2
    key = "full_ref" if args.full else "mlm_ref"
    recs = []
    with open(vpath, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if args.versions and r.get("version") not in args.versions.split(","):
                continue
            if args.kinds and not re.search(args.kinds, r.get("kind", "")):
                continue
            if os.path.exists(os.path.join(d, r["file"])):
                r["expected"] = expected_verdict(r, os.path.join(d, r["file"]), args.full)
                recs.append(r)
    skipped = [r for r in recs if r["expected"] is None]
    recs = [r for r in recs if r["expected"] is not None]
    if not recs:
        print("compare.py: nothing to compare", file=sys.stderr)
        return 2
    cmd = shlex.split(args.cmd)

    t0 = time.monotonic()
    paths = [os.path.join(d, r["file"]) for r in recs]
    got = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        if args.batch:
            chunks = [paths[i:i + args.chunk] for i in range(0, len(paths), args.chunk)]
            for part in ex.map(lambda c: run_batch(cmd, c), chunks):
                got.update(part)
        else:
            for p, v in zip(paths, ex.map(lambda p: run_one(cmd, p), paths)):
                got[p] = v
    secs = time.monotonic() - t0
    if all(v.startswith("cannot run") for v in got.values()):
        print(f"compare.py: {next(iter(got.values()))} ({args.cmd})", file=sys.stderr)
        return 2

    per_version, bad, departed = {}, [], {}
    for r, p in zip(recs, paths):
        if r.get("departure"):
            tot = departed.setdefault(r["departure"], [0, 0])
            tot[0] += got[p] == r["expected"]
            tot[1] += 1
            if got[p] != r["expected"]:
                bad.append(({**r, "kind": "departure-" + r["departure"]}, got[p]))
            continue
        ok = agrees(r["expected"], got[p])
        tot = per_version.setdefault(r.get("version", "?"), [0, 0])
        tot[0] += ok
        tot[1] += 1
        if not ok:
            bad.append((r, got[p]))
    ref = "full verdict (core + extensions)" if args.full else "MLM-schema-only verdict"
    print(f"compare.py: {args.cmd} vs the {ref}: {len(recs)} documents in {secs:.1f} s"
          + (f" ({len(skipped)} without an MLM URL skipped)" if skipped else ""))
    for v in sorted(per_version):
        a, n = per_version[v]
        print(f"  {v:8} {100.0 * a / n:7.2f} %  ({n - a} of {n} differ)")
    agree_n = sum(a for a, _ in per_version.values())
    compared = sum(n for _, n in per_version.values())
    pct = 100.0 * agree_n / compared if compared else 0.0
    print(f"  overall  {pct:7.2f} %  ({compared - agree_n} of {compared} differ; required {args.min_agreement} %)")
    for reason, (a, n) in sorted(departed.items()):
        print(f"  deliberate departure {reason}: {n} documents left out of the figure, "
              f"{a} of {n} with the expected verdict")
    if any(a != n for a, n in departed.values()):
        pct = min(pct, 0.0)  # a departure that does not hold is a failure

    if bad:
        groups = {}
        for r, g in bad:
            groups.setdefault(r.get("kind", "?"), []).append((r, g))
        print(f"\ndisagreements by mutation kind (expected -> got):")
        for kind, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {kind}: {len(items)}")
            for r, g in items[:args.show or None]:
                note = "" if r.get(key.replace("_ref", "_reason")) in ("agree", None) else \
                    f"  [{r.get(key.replace('_ref', '_reason'))}]"
                print(f"    {r['expected']} -> {g}: {r['file']}{note}")
            if args.show and len(items) > args.show:
                print(f"    ... {len(items) - args.show} more")
    if args.json_report:
        with open(args.json_report, "w", encoding="utf-8") as fh:
            for r, g in bad:
                fh.write(json.dumps({"file": r["file"], "kind": r.get("kind"), "version": r.get("version"),
                                     "pointer": r.get("pointer"), "expected": r["expected"], "got": g,
                                     "errors": r.get("errors", [])}, ensure_ascii=False) + "\n")
    return 0 if pct >= args.min_agreement else 1


if __name__ == "__main__":
    sys.exit(main())
