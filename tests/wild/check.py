#!/usr/bin/env python3
"""check.py: the wild corpus (tests/wild/docs, written by make_corpus.py) against
mlm-validate and against the recorded verdict of the reference oracle.

Usage: check.py VALIDATOR            our verdicts (default mode) agree with expected.json, and
                                     expected.json agrees with the recorded oracle verdicts
                                     (oracle.json) except where a documented reason says why
       check.py VALIDATOR --recheck  needs $MLM_SHARED_DIR (default /work/shared): run the
                                     oracle again and compare with the recording, then run
                                     VALIDATOR --full offline and compare with the oracle;
                                     exit 77 (skipped) without the reference folder
       check.py --record             (re)write oracle.json from the oracle (needs the folder)

The oracle is stac-oracle (python jsonschema, the official schemas offline): it validates a
document against the STAC core schema and every schema in stac_extensions. Its verdict is
"valid", "invalid", or "error" when a schema it needs is not published (a STAC 0.9 core, an
http:// or moving-branch URL): then it does not apply, and only our expected verdict counts.
Deliberate differences (the `why` of expected.json) must be one of DEPARTURES.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
DOCS = os.path.join(HERE, "docs")
SKIP = 77
# Where mlm-validate deliberately differs from a schema validator (docs/CONFORMANCE.md).
DEPARTURES = {
    "undeclared-mlm-fields": "mlm: fields with no MLM identifier in stac_extensions are an "
                             "error (STAC requires listing every extension used); a schema "
                             "validator applies no MLM schema and passes the document",
    "not-json": "NaN and repeated keys are not JSON (RFC 8259 has no NaN; repeated keys make "
                "readers disagree): libmlm refuses to read the document, while Python's json "
                "module, under the oracle, reads NaN and keeps the last of repeated keys",
}


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def shared_dir():
    d = os.environ.get("MLM_SHARED_DIR", "/work/shared")
    tool = os.path.join(d, "tools", "stac-oracle")
    return (d, tool) if os.path.exists(tool) else (None, None)


def run_oracle(tool, files):
    r = subprocess.run([tool, "--json"] + files, capture_output=True, text=True, cwd=DOCS)
    out = {}
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        if rec.get("error"):
            out[rec["path"]] = {"verdict": "error", "note": rec["error"][:200]}
        else:
            first = rec["errors"][0]["message"][:160] if rec["errors"] else ""
            out[rec["path"]] = {"verdict": "valid" if rec["valid"] else "invalid", "note": first}
    return out


def run_ours(exe, files, extra=()):
    r = subprocess.run([exe, "--format", "json", *extra] + [os.path.join(DOCS, f) for f in files],
                       capture_output=True, text=True)
    got = {}
    for line in r.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            name = os.path.basename(rec.get("source", ""))
            if rec.get("load_error"):
                got[name] = ("unreadable", set(), rec["load_error"].get("message", ""))
            else:
                got[name] = ("valid" if rec["valid"] else "invalid",
                             {d["rule"] for d in rec.get("diagnostics", [])},
                             " | ".join(f"{d.get('message', '')} {d.get('hint') or ''}"
                                        for d in rec.get("diagnostics", [])))
    return got


def check_ours(exe, manifest, oracle):
    files = [e["file"] for e in manifest]
    got = run_ours(exe, files)
    bad = []
    for e in manifest:
        verdict, rules, text = got.get(e["file"], ("no result", set(), ""))
        if verdict != e["expected"]:
            bad.append(f"{e['file']}: expected {e['expected']}, got {verdict} {sorted(rules)}")
        for r in e["rules"]:
            if r not in rules:
                bad.append(f"{e['file']}: {r} expected, got {sorted(rules)}")
        for r in e["absent"]:
            if r in rules:
                bad.append(f"{e['file']}: {r} must not be reported")
        for t in e.get("says", []):
            if t not in text:
                bad.append(f"{e['file']}: no message or hint says {t!r}")
        for t in e.get("never", []):
            if t in text:
                bad.append(f"{e['file']}: a message or hint says {t!r}")
    # The expected verdicts against the recorded oracle.
    judged = agree = departed = 0
    for e in manifest:
        o = oracle.get(e["file"])
        if o is None:
            bad.append(f"{e['file']}: no oracle verdict recorded (run check.py --record)")
            continue
        if o["verdict"] == "error":
            continue
        judged += 1
        if o["verdict"] == e["expected"]:
            agree += 1
        elif e.get("why") in DEPARTURES:
            departed += 1
        else:
            bad.append(f"{e['file']}: expected {e['expected']} but the oracle says "
                       f"{o['verdict']} ({o['note']}) and no documented reason")
    unjudged = len(manifest) - judged
    print(f"wild corpus: {len(manifest)} documents; our verdict as expected on "
          f"{len(manifest) - len({b.split(':')[0] for b in bad})}")
    print(f"  oracle judged {judged}: agree on {agree}, deliberate departures {departed} "
          f"({', '.join(sorted(DEPARTURES))}); {unjudged} the oracle cannot judge "
          f"(a schema it needs is not published)")
    return bad


def main(argv):
    if argv[1:] == ["--record"]:
        shared, tool = shared_dir()
        if not tool:
            print("check.py: no stac-oracle (set MLM_SHARED_DIR)", file=sys.stderr)
            return 2
        manifest = load("expected.json")
        rec = run_oracle(tool, [e["file"] for e in manifest])
        with open(os.path.join(HERE, "oracle.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(rec.items())), f, indent=1)
            f.write("\n")
        print(f"recorded {len(rec)} oracle verdicts")
        return 0
    exe = argv[1]
    manifest = load("expected.json")
    oracle = load("oracle.json")
    if len(manifest) != len(os.listdir(DOCS)):
        print("check.py: expected.json and docs/ differ; rerun make_corpus.py")
        return 1
    if "--recheck" not in argv:
        bad = check_ours(exe, manifest, oracle)
    else:
        shared, tool = shared_dir()
        if not tool:
            print("SKIP: no reference oracle (set MLM_SHARED_DIR to the shared folder)")
            return SKIP
        try:
            import jsonschema  # noqa: F401
        except ImportError:
            pass  # stac-oracle brings its own interpreter; it reports if it cannot run
        now = run_oracle(tool, [e["file"] for e in manifest])
        bad = [f"{f}: recorded {oracle.get(f, {}).get('verdict')}, oracle now says {v['verdict']}"
               for f, v in sorted(now.items()) if oracle.get(f, {}).get("verdict") != v["verdict"]]
        full = run_ours(exe, [e["file"] for e in manifest],
                        ["--full", "--offline", "--no-cache", "--schema-dir",
                         os.path.join(shared, "reference", "schemas")])
        agree = judged = 0
        for e in manifest:
            o = now.get(e["file"], {}).get("verdict")
            ours = full.get(e["file"], ("no result", set(), ""))[0]
            if o == "error":
                if ours not in ("invalid", "unreadable"):
                    bad.append(f"{e['file']}: the oracle cannot resolve a schema, --full says {ours}")
                continue
            judged += 1
            if ours == o:
                agree += 1
            elif e.get("why") not in DEPARTURES:
                bad.append(f"{e['file']}: --full says {ours}, the oracle {o}")
        print(f"wild corpus --recheck: recording matches the oracle on "
              f"{len(now) - sum(1 for b in bad if 'recorded' in b)} of {len(now)}; "
              f"--full agrees with the oracle on {agree} of {judged} it judges")
    for b in bad:
        print("FAIL " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
