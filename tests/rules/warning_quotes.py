#!/usr/bin/env python3
"""warning_quotes.py WARNINGS.md: every quotation of the "Quotations" section of
docs/WARNINGS.md appears in the spec text of every release of its range, and every
spec-text warning of the registry (MLM3xx in src/rules/rules_spec.def) has at least one.
Lines read: - MLMnnn [vA..vB FILE] «sentence». FILE is README or best-practices.
The text is compared without Markdown markup. Needs the reference spec text
($MLM_SHARED_DIR/reference/spec/<tag>/); exit 77 (skipped) without it."""
import os
import re
import sys

RELEASES = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2"]
LINE = re.compile(r"^- (MLM3\d\d) \[(v[\d.]+)\.\.(v[\d.]+) (README|best-practices)\] «(.+)»$")


def plain(text):
    text = re.sub(r"<[^>]+>", " ", text)                      # html tags
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)      # [x](url)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)     # [x][ref]
    text = re.sub(r"[*`\\>|]", "", text)                       # emphasis, code, quotes, tables
    return re.sub(r"\s+", " ", text).strip()


def main():
    doc, defs = sys.argv[1], sys.argv[2]
    shared = os.environ.get("MLM_SHARED_DIR", "/work/shared")
    spec = os.path.join(shared, "reference", "spec")
    if not os.path.isdir(spec):
        print(f"SKIP: no spec text under {spec}")
        return 77
    quotes, bad = [], []
    for line in open(doc, encoding="utf-8"):
        m = LINE.match(line.strip())
        if m:
            quotes.append(m.groups())
    ids = set(re.findall(r'MLMP_RULE\("(MLM3\d\d)"', open(defs, encoding="utf-8").read()))
    for missing in sorted(ids - {q[0] for q in quotes}):
        bad.append(f"{missing} has no quotation")
    cache = {}
    for rule, lo, hi, name, sentence in quotes:
        for tag in RELEASES[RELEASES.index(lo):RELEASES.index(hi) + 1]:
            path = os.path.join(spec, tag, ("README" if name == "README" else name) + ".md")
            if path not in cache:
                cache[path] = plain(open(path, encoding="utf-8").read()) if os.path.exists(path) else None
            if cache[path] is None:
                bad.append(f"{rule}: no {name} for {tag}")
            elif plain(sentence) not in cache[path]:
                bad.append(f"{rule}: not in {tag} {name}: «{sentence}»")
    for b in bad:
        print("FAIL " + b)
    print(f"{len(quotes)} quotations for {len(ids)} spec-text warnings; {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
