#!/usr/bin/env python3
"""message_words.py VALIDATOR DIR...: every message and hint the rules produce over the
JSON documents under DIR (recursively) is checked for doubled wording: a word written
twice in a row ("found null null"), or a JSON type name followed by the description of a
value ("found object an object", "found array an array of 1"). Fails listing each one.
--mlm-version is also tried on every document, so the rules of each version speak."""
import json
import os
import re
import subprocess
import sys

DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
TYPE_THEN_VALUE = re.compile(
    r"(?<!the )(?<!an )(?<!a )\b(null|boolean|true|false|object|array|string|number|integer)\s+"
    r"(null|true|false|an? |the |\"|-?\d)", re.IGNORECASE)
# Legitimate repeats: numbers ("1 1"), quoted JSON values, code between quotes.
ALLOWED = re.compile(r"^\d+$")


def problems(text):
    out = []
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # values quoted from the document
    for m in DOUBLED.finditer(unquoted):
        if not ALLOWED.match(m.group(1)):
            out.append(f"doubled word '{m.group(0)}'")
    for m in TYPE_THEN_VALUE.finditer(re.sub(r'"(?:[^"\\]|\\.)*"', '"x"', text)):
        out.append(f"type name before a value '{m.group(0)}'")
    return out


def main():
    exe, dirs = sys.argv[1], sys.argv[2:]
    files = sorted(os.path.join(r, f) for d in dirs for r, _, fs in os.walk(d)
                   for f in fs if f.endswith(".json"))
    bad, seen = [], 0
    for extra in ([], ["--mlm-version", "1.2.0"], ["--mlm-version", "1.5.2"],
                  ["--mlm-version", "draft"]):
        for i in range(0, len(files), 200):
            r = subprocess.run([exe, "--format", "json"] + extra + files[i:i + 200],
                               capture_output=True, text=True)
            for line in r.stdout.splitlines():
                if not line.startswith("{"):
                    continue
                rec = json.loads(line)
                for d in rec.get("diagnostics", []):
                    for field in ("message", "hint"):
                        t = d.get(field) or ""
                        seen += 1
                        for p in problems(t):
                            bad.append(f"{rec.get('source')}: {d.get('rule')} {field}: {p}: {t}")
    for b in sorted(set(bad)):
        print(b)
    print(f"{seen} messages and hints from {len(files)} documents, "
          f"{len(set(bad))} with doubled wording")
    return 1 if bad or seen == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
