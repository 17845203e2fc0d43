#!/usr/bin/env python3
"""mlm_oracle.py: per-schema verdicts (MLM schema alone, and full) with stac-oracle's own code.

Usage: mlm_oracle.py [--shared DIR] FILE...      one JSON object per file on stdout

stac-oracle reports one verdict per document (core schema + every stac_extensions schema).
libmlm's native rules judge the MLM part only, so this helper loads stac-oracle itself from
$MLM_SHARED_DIR/tools/stac-oracle (nothing is copied: its schema loading, `$comment` dropping,
registry and draft-07-as-declared validator choice are used as they are) and validates each
document against each schema URL separately:

  full   verdict of all schemas (must equal stac-oracle's; oracle.py checks that)
  mlm    verdict of the MLM schema(s) listed in stac_extensions only: "none" when no MLM URL is
         listed, "error" when the MLM URL (or a schema it references) is not available locally.
         The core schema still applies to the document, but its verdict is not part of "mlm".

For documents that contain a string ending in "\n" it also computes both verdicts with
ECMA-262 `$` semantics (Python's `$` also matches before a final newline; ajv's does not), so
oracle.py can tell that known Python/ajv difference from a real one ("full_ecma", "mlm_ecma").
Every error carries the JSON Schema keywords involved, so ajv's `contains` bug can be recognised.
Python 3 standard library + the jsonschema/referencing packages stac-oracle already needs.
"""
import argparse
import functools
import importlib.machinery
import importlib.util
import json
import os
import re
import sys

MLM_URL_RE = re.compile(r"^https?://(crim-ca\.github\.io/mlm-extension|stac-extensions\.github\.io/mlm|"
                        r"stac-extensions/mlm|schemas\.stacspec\.org/[^/]+/extensions/dl-model)/")


def load_oracle(shared):
    path = os.path.join(shared, "tools", "stac-oracle")
    loader = importlib.machinery.SourceFileLoader("stac_oracle", path)
    spec = importlib.util.spec_from_loader("stac_oracle", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def ecma_regex(pattern):
    """Rewrite unescaped `$` outside character classes as `\\Z` (ECMA-262 `$` without the m flag)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "$":
            c = r"\Z"
        out.append(c)
        i += 1
    return "".join(out)


def has_trailing_newline(node):
    if isinstance(node, str):
        return node.endswith("\n")
    if isinstance(node, dict):
        return any(has_trailing_newline(k) or has_trailing_newline(v) for k, v in node.items())
    if isinstance(node, list):
        return any(has_trailing_newline(v) for v in node)
    return False


class Judge:
    def __init__(self, shared):
        self.o = load_oracle(shared)
        from jsonschema import validators, ValidationError

        @functools.lru_cache(maxsize=None)
        def compiled(p):
            return re.compile(ecma_regex(p))

        def pattern(validator, patrn, instance, schema):
            if validator.is_type(instance, "string") and not compiled(patrn).search(instance):
                yield ValidationError(f"{instance!r} does not match {patrn!r}")
        self._validators = validators
        self._ecma_pattern = pattern

    def validator(self, url, ecma):
        if not ecma:
            return self.o.validator_for(url, True)  # draft-07 as declared: the reference mode
        # A fresh root validator, built while the ECMA `pattern` is installed (see ecma_patterns).
        schema = self.o.load_schema(url)
        cls = self._validators.validator_for(schema, default=self.o.Draft202012Validator)
        return cls(schema, registry=self.o.REGISTRY)

    def ecma_patterns(self, on):
        """Install (or remove) the ECMA `pattern` in every dialect class. Sub-validators are
        created per $ref/descend from the class's VALIDATORS table (a $ref to a whole document
        switches to that document's dialect class), so patching the classes reaches them all."""
        from jsonschema import _keywords
        for cls in self._validators._META_SCHEMAS.values():
            if "pattern" in cls.VALIDATORS:
                cls.VALIDATORS["pattern"] = self._ecma_pattern if on else _keywords.pattern

    def per_schema(self, doc, ecma):
        """[(url, is_mlm, status, errors)] with status valid/invalid/error."""
        out = []
        for url in self.o.schema_urls(doc):
            is_mlm = bool(MLM_URL_RE.match(url))
            try:
                found = list(self.validator(url, ecma).iter_errors(doc))
            except self.o.SchemaUnavailable as e:
                out.append((url, is_mlm, "error", [{"message": str(e)}]))
                continue
            except self.o.Unresolvable as e:
                out.append((url, is_mlm, "error", [{"message": f"unresolvable $ref {getattr(e, 'ref', e)}"}]))
                continue
            except Exception as e:  # a schema jsonschema cannot process
                out.append((url, is_mlm, "error", [{"message": f"{type(e).__name__}: {e}"}]))
                continue
            errs = []
            for err in sorted(found, key=lambda e: list(map(str, e.absolute_path))):
                leaf = self.o.best_match([err])
                errs.append({"schema": url, "pointer": self.o.pointer(leaf.absolute_path),
                             "keywords": sorted(keywords(err)), "message": leaf.message[:300]})
            out.append((url, is_mlm, "invalid" if errs else "valid", errs))
        return out

    def verdicts(self, doc, ecma=False):
        if not isinstance(doc, dict):
            return {"full": "invalid", "mlm": "invalid", "mlm_schemas": [],
                    "errors": [{"schema": None, "pointer": "", "keywords": [], "message": "not an object"}]}
        results = self.per_schema(doc, ecma)
        mlm = [r for r in results if r[1]]
        res = {"mlm_schemas": [r[0] for r in mlm]}
        if not isinstance(doc.get("stac_version"), str) or not doc["stac_version"].strip():
            res["full"] = "invalid"  # stac-oracle stops here, before running any schema
        elif any(r[2] == "error" for r in results):
            res["full"] = "error"
        else:
            res["full"] = "invalid" if any(r[2] == "invalid" for r in results) else "valid"
        if not mlm:
            res["mlm"] = "none"
        elif any(r[2] == "error" for r in mlm):
            res["mlm"] = "error"
        else:
            res["mlm"] = "invalid" if any(r[2] == "invalid" for r in mlm) else "valid"
        res["errors"] = [dict(e, schema=e.get("schema", r[0])) for r in results for e in r[3]]
        return res

    def judge_file(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            return {"path": path, "full": "error", "mlm": "error", "mlm_schemas": [],
                    "errors": [{"message": str(e)}]}
        res = self.verdicts(doc)
        res["path"] = path
        if has_trailing_newline(doc):
            self.ecma_patterns(True)
            try:
                e = self.verdicts(doc, ecma=True)
            finally:
                self.ecma_patterns(False)
            res["full_ecma"], res["mlm_ecma"] = e["full"], e["mlm"]
        return res


def keywords(err):
    """JSON Schema keywords of an error and of its sub-errors (oneOf/anyOf contexts)."""
    kw = {err.validator} if err.validator else set()
    kw.update(p for p in err.schema_path if isinstance(p, str) and p in ("contains", "dependencies", "pattern", "patternProperties"))
    for sub in err.context or ():
        kw |= keywords(sub)
    return kw


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("MLM_SHARED_DIR") or os.path.normpath(
                        os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", "shared")))
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    judge = Judge(args.shared)
    for path in args.files:
        print(json.dumps(judge.judge_file(path), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
