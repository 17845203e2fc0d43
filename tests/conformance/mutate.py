#!/usr/bin/env python3
"""mutate.py: deterministic single-change mutants of the official MLM examples.

Usage: mutate.py [--shared DIR | --examples DIR] [--per-version N] [--versions v1.0.0,...] OUTDIR

Reads the examples of every MLM release v1.0.0 .. v1.5.2 and writes into OUTDIR (never into
the repository). The examples are either
  --shared DIR   the official ones, DIR/reference/examples/<tag>/*.json (default
                 $MLM_SHARED_DIR, else ../shared beside the source tree); the enum pools also
                 take the enums of DIR's MLM schemas;
  --examples DIR this repository's own, DIR/<tag>/valid/*.json and DIR/<tag>/invalid/*.json
                 (base names "<name>" and "invalid-<name>"); the enum pools come from the
                 examples alone, so the output depends on nothing outside the repository
                 (the committed recording, recorded/verdicts.jsonl, is keyed on it).
It writes:
  - every unmutated example (kind "original"),
  - about N mutants per release (default 750), each changing one thing,
  - manifest.jsonl: one line per file {file, base, version, pointer, kind, scope, sha256}.
File names encode release, example and mutation:
  v1.5.2__item_basic__properties.mlm:input.0.input.shape__set-empty-array.json
The output depends only on the examples and the options (no clock, no unseeded randomness),
so two runs give byte-identical folders. Python 3 standard library only.

Mutation families:
  generic, on every node: delete, set to each JSON type, string/number/array/object variants,
    key renames; exhaustive candidates for the MLM part (properties mlm:*, assets, summaries,
    item_assets, stac_extensions, bands-related core fields), then sampled to the per-release
    budget with every MLM path covered at least once; a small sample of other core fields.
  targeted: stac_extensions URL host/version swaps, stac_version changes, asset roles and
    asset-level mlm fields, bands/value_scaling/processing-function/classes/dim_order variants,
    mlm:pretrained combinations, collections that declare MLM (summaries, item_assets).
"""
import argparse
import copy
import glob
import hashlib
import json
import os
import random
import re
import sys

RELEASES = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2"]
CRIM = "https://crim-ca.github.io/mlm-extension/{v}/schema.json"
GHIO = "https://stac-extensions.github.io/mlm/{v}/schema.json"
MLM_URL_RE = re.compile(r"^https?://(crim-ca\.github\.io/mlm-extension|stac-extensions\.github\.io/mlm)/")
BAND_FIELDS = ("bands", "eo:bands", "raster:bands", "cube:variables", "cube:dimensions")

# Generic "set to another JSON type" values.
SET_VALUES = [("set-null", None), ("set-true", True), ("set-false", False), ("set-0", 0),
              ("set-1.5", 1.5), ("set--1", -1), ("set-empty-string", ""), ("set-x", "x"),
              ("set-empty-array", []), ("set-empty-object", {})]

VALUE_SCALING = {  # type -> required fields (MLM >= 1.3 value_scaling objects)
    "min-max": {"minimum": 0, "maximum": 10000},
    "z-score": {"mean": 1.5, "stddev": 2.5},
    "clip": {"minimum": 0, "maximum": 10000},
    "clip-min": {"minimum": 0},
    "clip-max": {"maximum": 10000},
    "offset": {"value": 1},
    "scale": {"value": 10000},
    "processing": {"format": "python", "expression": "package.module:function"},
}


def mlm_url(version):
    return (CRIM if version <= "v1.3.0" else GHIO).format(v=version)


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def dotted(path):
    return ".".join(str(p) for p in path) or "(root)"


def get(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def walk(node, path=()):
    """Yield (path, value) for every node except the root, in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,), v
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield path + (i,), v
            yield from walk(v, path + (i,))


def scope_of(doc, path):
    """'mlm' for the part of the document the MLM schema judges, 'core' otherwise."""
    head = path[0]
    if head in ("assets", "item_assets", "summaries", "stac_extensions"):
        return "mlm"
    if head == "properties" and len(path) > 1:
        key = path[1]
        if isinstance(key, str) and (key.startswith("mlm:") or key in BAND_FIELDS):
            return "mlm"
    if head == "stac_version":
        return "mlm"
    return "core"


# ---------------------------------------------------------------- enum pools

def default_shared():
    """$MLM_SHARED_DIR, else the reference folder beside the source tree (../shared)."""
    return os.environ.get("MLM_SHARED_DIR") or os.path.normpath(
        os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", "shared"))


def collect_enums(shared, examples):
    """String enum lists of the MLM schemas (when shared is not None), plus per-key string
    values seen in the examples."""
    lists = []
    schema_glob = os.path.join(shared, "reference", "schemas", "*", "*", "v1.*", "schema.json") if shared else None
    for path in sorted(glob.glob(schema_glob)) if schema_glob else []:
        if "/mlm" not in path:
            continue
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)

        def rec(x):
            if isinstance(x, dict):
                for k, v in x.items():
                    if k == "enum" and isinstance(v, list) and all(isinstance(s, str) for s in v):
                        lists.append(tuple(v))
                    else:
                        rec(v)
            elif isinstance(x, list):
                for v in x:
                    rec(v)
        rec(schema)
    seen = {}
    for doc in examples:
        for path, v in walk(doc):
            key = next((p for p in reversed(path) if isinstance(p, str)), None)
            if isinstance(v, str) and key and len(v) < 40:
                seen.setdefault(key, set()).add(v)
    for key, vals in sorted(seen.items()):
        if 1 < len(vals) < 30:
            lists.append(tuple(sorted(vals)))
    uniq = []
    for l in lists:
        if l not in uniq:
            uniq.append(l)
    return uniq


# ---------------------------------------------------------------- generic mutations

def typo(s):
    if len(s) >= 2:
        i = len(s) // 2
        t = s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]
        if t != s:
            return t
    return s + s[-1:] if s else "x"


def rename_variants(key):
    out = []
    if key.endswith("s") and len(key) > 2:
        out.append(("rename-singular", key[:-1]))
    else:
        out.append(("rename-plural", key + "s"))
    if key.startswith("mlm:"):
        out.append(("rename-unprefixed", key[4:]))
        out.append(("rename-dlm", "dlm:" + key[4:]))
    elif ":" not in key:
        out.append(("rename-mlm-prefixed", "mlm:" + key))
    out.append(("rename-upper", key.upper()))
    return out


def generic_candidates(doc, path, value, enums, mlm_input):
    """Yield (kind, fn) where fn(copy_of_doc) applies the change in place."""
    parent_path, last = path[:-1], path[-1]

    def setter(new):
        def fn(d, new=new):
            get(d, parent_path)[last] = copy.deepcopy(new)
        return fn

    if isinstance(last, str):
        def delete(d):
            del get(d, parent_path)[last]
        yield "delete", delete
        for kind, new in rename_variants(last):
            def ren(d, new=new):
                parent = get(d, parent_path)
                if new in parent:
                    return False
                items = list(parent.items())
                parent.clear()
                for k, v in items:
                    parent[new if k == last else k] = v
            yield kind, ren
    for kind, new in SET_VALUES:
        if type(new) is not type(value) or new != value:
            yield kind, setter(new)
    if isinstance(value, str):
        for kind, new in [("str-space", " "), ("str-leading-space", " " + value),
                          ("str-trailing-space", value + " "), ("str-tab", value + "\t"),
                          ("str-trailing-newline", value + "\n"), ("str-upper", value.upper()),
                          ("str-lower", value.lower()), ("str-capitalize", value[:1].swapcase() + value[1:]),
                          ("str-typo", typo(value)), ("str-truncate", value[:-1])]:
            if new != value:
                yield kind, setter(new)
        same = [l for l in enums if value in l]
        for l in same[:1]:
            alt = [x for x in l if x != value]
            if alt:
                yield "enum-same-other-value", setter(alt[len(value) % len(alt)])
        other = [l for l in enums if value not in l]
        if other:
            l = other[len(value) % len(other)]
            yield "enum-value-from-other-enum", setter(l[len(path) % len(l)])
    elif isinstance(value, bool):
        yield "bool-flip", setter(not value)
        yield "bool-as-string", setter("true" if value else "false")
    elif isinstance(value, (int, float)):
        for kind, new in [("num-0", 0), ("num--1", -1), ("num--2", -2), ("num-1.5", 1.5),
                          ("num-huge", 1e300), ("num-huge-int", 2 ** 63), ("num-as-string", str(value))]:
            if type(new) is not type(value) or new != value:
                yield kind, setter(new)
        if isinstance(value, int):
            yield "num-float-integral", setter(float(value))
    elif isinstance(value, list):
        if value:
            yield "arr-dup-first", setter(value + value[:1])
            yield "arr-drop-first", setter(value[1:])
            if len(value) > 1:
                yield "arr-drop-last", setter(value[:-1])
                yield "arr-reverse", setter(list(reversed(value)))
        yield "arr-wrap", setter([value])
    elif isinstance(value, dict):
        for kind, k, v in [("obj-add-unknown", "unknown_field", "x"), ("obj-add-mlm-unknown", "mlm:unknown", "x"),
                           ("obj-add-dlm-foo", "dlm:foo", "x"), ("obj-add-mlm-input", "mlm:input", mlm_input)]:
            if k not in value:
                new = dict(value)
                new[k] = v
                yield kind, setter(new)
        yield "obj-wrap", setter([value])


# ---------------------------------------------------------------- targeted mutations

def targeted(doc, version):
    """Yield (path, kind, fn): hand-written mutations aimed at the MLM rules."""
    def at(path, kind, fn):
        return (tuple(path), kind, fn)

    def setp(path, new):
        def fn(d):
            get(d, path[:-1])[path[-1]] = copy.deepcopy(new)
        return fn

    def delp(path):
        def fn(d):
            parent = get(d, path[:-1])
            if path[-1] not in parent:
                return False
            del parent[path[-1]]
        return fn

    exts = doc.get("stac_extensions")
    props = doc.get("properties") if isinstance(doc.get("properties"), dict) else None

    # stac_extensions: host swap, version swaps, made-up/unpublished URLs, removal.
    if isinstance(exts, list):
        for i, url in enumerate(exts):
            if not isinstance(url, str) or not MLM_URL_RE.match(url):
                continue
            p = ("stac_extensions", i)
            swapped = url.replace("crim-ca.github.io/mlm-extension", "stac-extensions.github.io/mlm") \
                if "crim-ca" in url else url.replace("stac-extensions.github.io/mlm", "crim-ca.github.io/mlm-extension")
            yield at(p, "ext-swap-host", setp(p, swapped))
            for v in RELEASES:
                if v != version:
                    yield at(p, "ext-version-" + v, setp(p, re.sub(r"/v\d+\.\d+\.\d+/", "/" + v + "/", url)))
                    yield at(p, "ext-canonical-" + v, setp(p, mlm_url(v)))
            yield at(p, "ext-made-up-version", setp(p, re.sub(r"/v\d+\.\d+\.\d+/", "/v9.9.9/", url)))
            yield at(p, "ext-http", setp(p, url.replace("https://", "http://")))
            yield at(p, "ext-no-version", setp(p, re.sub(r"/v\d+\.\d+\.\d+/", "/", url)))
            yield at(p, "ext-trailing-space", setp(p, url + " "))
            yield at(p, "ext-remove-mlm", setp(("stac_extensions",), exts[:i] + exts[i + 1:]))
            yield at(p, "ext-duplicate-mlm", setp(("stac_extensions",), exts + [url]))
            yield at(p, "ext-both-hosts", setp(("stac_extensions",), exts + [swapped]))
        yield at(("stac_extensions",), "ext-add-classification",
                 setp(("stac_extensions",), exts + ["https://stac-extensions.github.io/classification/v1.1.0/schema.json"]))
        yield at(("stac_extensions",), "ext-only-mlm",
                 setp(("stac_extensions",), [u for u in exts if isinstance(u, str) and MLM_URL_RE.match(u)]))
        if not any(isinstance(u, str) and MLM_URL_RE.match(u) for u in exts):
            yield at(("stac_extensions",), "ext-add-mlm", setp(("stac_extensions",), exts + [mlm_url(version)]))

    # stac_version
    sv = doc.get("stac_version")
    for new in ("1.0.0", "1.1.0", "1.0.0-rc.1", "1.0.0-beta.2"):
        if new != sv:
            yield at(("stac_version",), "stac-version-" + new, setp(("stac_version",), new))

    # assets / item_assets
    for top in ("assets", "item_assets"):
        assets = doc.get(top)
        if not isinstance(assets, dict):
            continue
        yield at((top,), "assets-empty", setp((top,), {}))
        for name, asset in assets.items():
            if not isinstance(asset, dict):
                continue
            ap = (top, name)
            roles = asset.get("roles")
            if isinstance(roles, list):
                if "mlm:model" in roles:
                    yield at(ap + ("roles",), "roles-remove-mlm:model", setp(ap + ("roles",), [r for r in roles if r != "mlm:model"]))
                else:
                    yield at(ap + ("roles",), "roles-add-mlm:model", setp(ap + ("roles",), roles + ["mlm:model"]))
                for r in ("code", "mlm:weights", "mlm:source_code", "mlm:inference-runtime", "mlm:unknown-role"):
                    if r not in roles:
                        yield at(ap + ("roles",), "roles-add-" + r, setp(ap + ("roles",), roles + [r]))
                yield at(ap + ("roles",), "roles-only-mlm:model", setp(ap + ("roles",), ["mlm:model"]))
                yield at(ap + ("roles",), "roles-empty", setp(ap + ("roles",), []))
                yield at(ap + ("roles",), "roles-only-code", setp(ap + ("roles",), ["code"]))
            for field, val in (("mlm:artifact_type", "torch.save"), ("mlm:entrypoint", "package.module:function"),
                               ("mlm:compile_method", "aot")):
                with_role = dict(asset)
                with_role[field] = val
                with_role["roles"] = sorted(set((roles if isinstance(roles, list) else []) + ["mlm:model"]))
                yield at(ap + (field,), "asset-add-" + field + "-with-model-role", setp(ap, with_role))
                without = dict(asset)
                without[field] = val
                without["roles"] = [r for r in (roles if isinstance(roles, list) else []) if r != "mlm:model"] or ["data"]
                yield at(ap + (field,), "asset-add-" + field + "-without-model-role", setp(ap, without))
                noroles = dict(asset)
                noroles[field] = val
                noroles.pop("roles", None)
                yield at(ap + (field,), "asset-add-" + field + "-no-roles", setp(ap, noroles))
            for field, val in (("mlm:input", props.get("mlm:input", []) if props else []),
                               ("mlm:name", "model"), ("mlm:tasks", ["classification"]), ("mlm:unknown", 1),
                               ("dlm:foo", 1)):
                if field not in asset:
                    new = dict(asset)
                    new[field] = val
                    yield at(ap + (field,), "asset-add-" + field, setp(ap, new))

    # summaries (collections)
    summ = doc.get("summaries")
    if isinstance(summ, dict):
        for field, val in (("mlm:tasks", ["classification"]), ("mlm:tasks-object", {"minimum": 1}),
                           ("mlm:input", []), ("mlm:input-object", {"name": "x"}),
                           ("mlm:name", ["model"]), ("mlm:framework", ["pytorch"]), ("mlm:unknown", ["x"]),
                           ("mlm:artifact_type", ["torch.save"]), ("dlm:foo", ["x"])):
            key = field.split("-")[0]
            new = dict(summ)
            new[key] = val
            yield at(("summaries", key), "summaries-add-" + field, setp(("summaries",), new))

    if props is None:
        return
    P = ("properties",)
    # properties-level fields of the wrong level
    for field, val in (("mlm:artifact_type", "torch.save"), ("mlm:entrypoint", "package.module:function"),
                       ("mlm:compile_method", "aot"), ("mlm:unknown", "x"), ("dlm:foo", "x"),
                       ("mlm:hyperparameters", {"lr": 0.1}), ("mlm:hyperparameters-bad", "lr=0.1")):
        key = field.split("-")[0]
        if key not in props:
            yield at(P + (key,), "props-add-" + field, setp(P + (key,), val))
    # mlm:pretrained / mlm:pretrained_source
    for pre, src, kind in ((False, None, "pretrained-false-no-source"),
                           (False, "ImageNet", "pretrained-false-with-source"),
                           (True, None, "pretrained-true-no-source"),
                           (True, "ImageNet", "pretrained-true-with-source"),
                           (None, "ImageNet", "pretrained-missing-with-source"),
                           (True, "__null__", "pretrained-true-source-null"),
                           (False, "__null__", "pretrained-false-source-null")):
        def fn(d, pre=pre, src=src):
            pr = d["properties"]
            pr.pop("mlm:pretrained", None)
            pr.pop("mlm:pretrained_source", None)
            if pre is not None:
                pr["mlm:pretrained"] = pre
            if src == "__null__":
                pr["mlm:pretrained_source"] = None
            elif src is not None:
                pr["mlm:pretrained_source"] = src
        yield at(P + ("mlm:pretrained",), kind, fn)
    if "mlm:tasks" in props:
        def ren(d):
            pr = d["properties"]
            pr["mlm:task"] = pr.pop("mlm:tasks")
        yield at(P + ("mlm:tasks",), "rename-mlm:tasks-to-mlm:task", ren)
    # bands-related core fields on the item
    eo = props.get("eo:bands")
    names = [b.get("name") for b in eo if isinstance(b, dict)] if isinstance(eo, list) else []
    for field in BAND_FIELDS:
        if field in props:
            yield at(P + (field,), "core-remove-" + field, delp(P + (field,)))
            yield at(P + (field,), "core-empty-" + field, setp(P + (field,), [] if field != "cube:dimensions" else {}))
    if "bands" not in props:
        yield at(P + ("bands",), "core-add-bands-names", setp(P + ("bands",), [{"name": n} for n in names] or [{"name": "B01"}]))
        if isinstance(eo, list):
            yield at(P + ("bands",), "core-add-bands-from-eo", setp(P + ("bands",), eo))
    if "assets" in doc and isinstance(doc["assets"], dict):
        for name, asset in doc["assets"].items():
            if isinstance(asset, dict):
                for field in ("eo:bands", "raster:bands", "bands"):
                    if field in asset:
                        yield at(("assets", name, field), "asset-remove-" + field, delp(("assets", name, field)))
                if "bands" not in asset and names:
                    yield at(("assets", name, "bands"), "asset-add-bands", setp(("assets", name, "bands"), [{"name": n} for n in names]))
                break  # first asset only

    # mlm:input entries
    inputs = props.get("mlm:input")
    if isinstance(inputs, list):
        for i, inp in enumerate(inputs):
            if not isinstance(inp, dict):
                continue
            ip = P + ("mlm:input", i)
            bands = inp.get("bands")
            yield at(ip + ("bands",), "bands-empty", setp(ip + ("bands",), []))
            yield at(ip + ("bands",), "bands-unknown-name", setp(ip + ("bands",), (bands or []) + ["NOT_A_BAND"]))
            if isinstance(bands, list) and bands:
                first = bands[0]
                bname = first if isinstance(first, str) else first.get("name", "B") if isinstance(first, dict) else "B"
                for kind, obj in (("band-object-name-only", {"name": bname}),
                                  ("band-object-format-no-expression", {"name": bname, "format": "rio-calc"}),
                                  ("band-object-expression-no-format", {"name": bname, "expression": "B1*2"}),
                                  ("band-object-format-and-expression", {"name": bname, "format": "rio-calc", "expression": "B1*2"}),
                                  ("band-object-no-name", {"format": "rio-calc", "expression": "B1*2"}),
                                  ("band-object-unknown-field", {"name": bname, "foo": 1}),
                                  ("band-object-empty-name", {"name": ""})):
                    yield at(ip + ("bands", 0), kind, setp(ip + ("bands", 0), obj))
                yield at(ip + ("bands",), "bands-duplicate-first", setp(ip + ("bands",), bands + bands[:1]))
                yield at(ip + ("bands",), "bands-all-objects", setp(ip + ("bands",), [b if isinstance(b, dict) else {"name": b} for b in bands]))
            # value_scaling
            vs = P + ("mlm:input", i, "value_scaling")
            for t, req in VALUE_SCALING.items():
                full = dict(type=t, **req)
                yield at(vs, "value-scaling-" + t, setp(vs, [full]))
                for k in req:
                    miss = {a: b for a, b in full.items() if a != k}
                    yield at(vs, "value-scaling-" + t + "-missing-" + k, setp(vs, [miss]))
                yield at(vs, "value-scaling-" + t + "-extra-field", setp(vs, [dict(full, extra=1)]))
            yield at(vs, "value-scaling-null", setp(vs, None))
            yield at(vs, "value-scaling-unknown-type", setp(vs, [{"type": "log", "value": 1}]))
            yield at(vs, "value-scaling-no-type", setp(vs, [{"minimum": 0, "maximum": 1}]))
            if "norm_type" not in inp:
                yield at(ip + ("norm_type",), "legacy-norm_type", setp(ip + ("norm_type",), "z-score"))
            # processing functions
            for kind, val in processing_variants():
                yield at(ip + ("pre_processing_function",), "pre-processing-" + kind, setp(ip + ("pre_processing_function",), val))
            # dim_order
            dop = ip + ("input", "dim_order")
            try:
                dim = get(doc, dop)
            except (KeyError, IndexError, TypeError):
                dim = None
            if isinstance(dim, list):
                for kind, new in dim_order_variants(dim):
                    yield at(dop, kind, setp(dop, new))
            sp = ip + ("input", "shape")
            try:
                shape = get(doc, sp)
            except (KeyError, IndexError, TypeError):
                shape = None
            if isinstance(shape, list) and shape:
                yield at(sp, "shape-entry-zero", setp(sp, [0] + shape[1:]))
                yield at(sp, "shape-entry--2", setp(sp, [-2] + shape[1:]))
                yield at(sp, "shape-longer-than-dim_order", setp(sp, shape + [1]))
            yield at(ip + ("resize_type",), "resize-type-crop", setp(ip + ("resize_type",), "crop"))
            yield at(ip + ("resize_type",), "resize-type-bad", setp(ip + ("resize_type",), "stretch"))
            for k in ("name", "bands", "input"):
                if k in inp:
                    yield at(ip + (k,), "input-remove-required-" + k, delp(ip + (k,)))
    # mlm:output entries
    outputs = props.get("mlm:output")
    if isinstance(outputs, list):
        for i, out in enumerate(outputs):
            if not isinstance(out, dict):
                continue
            op = P + ("mlm:output", i)
            cls_key = next((k for k in ("classification_classes", "classification:classes") if k in out), None)
            classes = out.get(cls_key) if cls_key else None
            one = {"value": 0, "name": "BACKGROUND"}
            for key in ("classification_classes", "classification:classes"):
                kp = op + (key,)
                for kind, val in (("empty", []), ("minimal", [one]), ("no-value", [{"name": "A"}]),
                                  ("no-name", [{"value": 0}]), ("duplicate", [one, one]),
                                  ("extra-field", [dict(one, foo=1)]), ("string-value", [{"value": "0", "name": "A"}]),
                                  ("color-hint-bad", [dict(one, color_hint="red")])):
                    yield at(kp, key + "-" + kind, setp(kp, val))
            if cls_key and isinstance(classes, list):
                other = "classification:classes" if cls_key == "classification_classes" else "classification_classes"

                def ren(d, op=op, cls_key=cls_key, other=other):
                    o = get(d, op)
                    o[other] = o.pop(cls_key)
                yield at(op + (cls_key,), "classes-rename-to-" + other, ren)
            for kind, val in processing_variants():
                yield at(op + ("post_processing_function",), "post-processing-" + kind, setp(op + ("post_processing_function",), val))
            dop = op + ("result", "dim_order")
            try:
                dim = get(doc, dop)
            except (KeyError, IndexError, TypeError):
                dim = None
            if isinstance(dim, list):
                for kind, new in dim_order_variants(dim):
                    yield at(dop, "result-" + kind, setp(dop, new))
            for k in ("name", "tasks", "result"):
                if k in out:
                    yield at(op + (k,), "output-remove-required-" + k, delp(op + (k,)))
            yield at(op + ("tasks",), "output-tasks-unknown", setp(op + ("tasks",), ["not-a-task"]))


def processing_variants():
    return [("null", None), ("python", {"format": "python", "expression": "package.module:function"}),
            ("gdal-calc", {"format": "gdal-calc", "expression": "A*2"}),
            ("missing-expression", {"format": "python"}), ("missing-format", {"expression": "a:b"}),
            ("unknown-format", {"format": "made-up-format", "expression": "x"}),
            ("expression-object", {"format": "python", "expression": {"a": 1}}),
            ("list", [{"format": "python", "expression": "a:b"}, {"format": "python", "expression": "c:d"}]),
            ("string", "package.module:function"), ("extra-field", {"format": "python", "expression": "a:b", "foo": 1})]


def dim_order_variants(dim):
    out = []
    if "bands" in dim:
        out.append(("dim-order-remove-bands", [d for d in dim if d != "bands"]))
        out.append(("dim-order-bands-to-variables", ["variables" if d == "bands" else d for d in dim]))
        out.append(("dim-order-bands-to-channel", ["channel" if d == "bands" else d for d in dim]))
    else:
        out.append(("dim-order-add-bands", dim + ["bands"]))
    if "variables" in dim:
        out.append(("dim-order-remove-variables", [d for d in dim if d != "variables"]))
    else:
        out.append(("dim-order-add-variables", dim + ["variables"]))
    out.append(("dim-order-duplicate", dim + dim[:1]))
    out.append(("dim-order-unknown-name", dim[:-1] + ["not_a_dim"]))
    return out


# ---------------------------------------------------------------- driver

def safe_name(s):
    s = s.replace("/", "~1").replace("\n", "_").replace("\t", "_").replace(" ", "_")
    if len(s) > 150:
        s = s[:120] + "~" + hashlib.sha1(s.encode()).hexdigest()[:10]
    return s


def dump(doc):
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--shared", default=default_shared())
    ap.add_argument("--examples", help="this repository's examples folder (its <tag>/valid, <tag>/invalid)")
    ap.add_argument("--per-version", type=int, default=750, help="mutants per release (default 750)")
    ap.add_argument("--versions", default=",".join(RELEASES))
    args = ap.parse_args(argv)

    versions = [v for v in args.versions.split(",") if v]
    bases = {}
    for v in versions:
        if args.examples:
            files = [(f, "") for f in sorted(glob.glob(os.path.join(args.examples, v, "valid", "*.json")))]
            files += [(f, "invalid-") for f in sorted(glob.glob(os.path.join(args.examples, v, "invalid", "*.json")))]
            where = os.path.join(args.examples, v)
        else:
            where = os.path.join(args.shared, "reference", "examples", v)
            files = [(f, "") for f in sorted(glob.glob(os.path.join(where, "*.json")))]
        if not files:
            print(f"mutate.py: no examples in {where}", file=sys.stderr)
            return 2
        for f, prefix in files:
            with open(f, encoding="utf-8") as fh:
                bases[(v, prefix + os.path.splitext(os.path.basename(f))[0])] = json.load(fh)
    enums = collect_enums(None if args.examples else args.shared, bases.values())

    os.makedirs(args.outdir, exist_ok=True)
    for old in glob.glob(os.path.join(args.outdir, "v*__*.json")):
        os.remove(old)
    manifest = []
    seen = set()

    def emit(version, base, doc, path, kind, scope):
        data = dump(doc)
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            return False
        seen.add(digest)
        name = f"{version}__{base}__{safe_name(dotted(path))}__{safe_name(kind)}.json"
        with open(os.path.join(args.outdir, name), "wb") as fh:
            fh.write(data)
        manifest.append({"file": name, "base": f"{version}/{base}.json", "version": version,
                         "pointer": pointer(path), "kind": kind, "scope": scope, "sha256": digest})
        return True

    counts = {}
    for version in versions:
        rng = random.Random("mlm-conformance-" + version)
        cands = []  # (group, coverage_key, base, basedoc, path, kind, fn, scope)
        names = sorted(b for (v, b) in bases if v == version)
        for base in names:
            doc = bases[(version, base)]
            emit(version, base, doc, (), "original", "original")
            variants = [(base, doc)]
            if doc.get("type") == "Collection":  # a collection that declares MLM: the summaries/item_assets rules apply
                d2 = copy.deepcopy(doc)
                d2["stac_extensions"] = list(d2.get("stac_extensions", [])) + [mlm_url(version)]
                emit(version, base + "+mlm", d2, ("stac_extensions",), "original-plus-mlm-extension", "original")
                variants.append((base + "+mlm", d2))
            for bname, bdoc in variants:
                props = bdoc.get("properties", {})
                mlm_input = props.get("mlm:input", []) if isinstance(props, dict) else []
                for path, kind, fn in targeted(bdoc, version):
                    cands.append(("t:" + kind.split("-v1.")[0], None, bname, bdoc, path, kind, fn, "mlm"))
                for path, value in walk(bdoc):
                    scope = scope_of(bdoc, path)
                    # array indices >= 2 look like index 1: coverage is per path shape
                    shape = tuple(p if isinstance(p, str) else min(p, 1) for p in path)
                    for kind, fn in generic_candidates(bdoc, path, value, enums, mlm_input):
                        cands.append(("g:" + scope + ":" + kind, (bname, shape) if scope == "mlm" else None,
                                      bname, bdoc, path, kind, fn, scope))
        # deterministic selection: cover every MLM path shape once, then round-robin over groups
        budget = args.per_version
        rng.shuffle(cands)
        chosen, covered = [], set()
        for c in cands:
            if c[1] is not None and c[1] not in covered and len(chosen) < budget * 0.45:
                covered.add(c[1])
                chosen.append(c)
        chosen_ids = {id(c) for c in chosen}
        groups = {}
        for c in cands:
            if id(c) not in chosen_ids:
                groups.setdefault(c[0], []).append(c)
        # core fields get a small share: at most 12% of the budget
        core_cap = int(budget * 0.12)
        order = sorted(groups)
        made = 0
        pending = chosen
        idx = {g: 0 for g in order}
        n_core = 0
        while True:
            for c in pending:
                if made >= budget:
                    break
                _, _, bname, bdoc, path, kind, fn, scope = c
                d = copy.deepcopy(bdoc)
                try:
                    if fn(d) is False:
                        continue
                except (KeyError, IndexError, TypeError):
                    continue
                if dump(d) == dump(bdoc):
                    continue
                if emit(version, bname, d, path, kind, scope):
                    made += 1
                    n_core += scope == "core"
            if made >= budget:
                break
            pending = []
            for g in order:
                if g.startswith("g:core:") and n_core >= core_cap:
                    continue
                if idx[g] < len(groups[g]):
                    pending.append(groups[g][idx[g]])
                    idx[g] += 1
            if not pending:
                break
        counts[version] = made
    with open(os.path.join(args.outdir, "manifest.jsonl"), "w", encoding="utf-8") as fh:
        for m in manifest:
            fh.write(json.dumps(m, ensure_ascii=False, sort_keys=True) + "\n")
    total = len(manifest)
    print("mutate.py: " + ", ".join(f"{v}: {n}" for v, n in counts.items()) +
          f"; {total} files (with originals) in {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
