#!/usr/bin/env python3
"""make_corpus.py: write the wild corpus (tests/wild/docs/*.json) and its manifest
(tests/wild/expected.json).

The documents are written here, by hand, in the shapes that STAC MLM publications take in
the wild (model hubs, openEO, TerraTorch-like fine-tuning repos, older releases, the ml-model
and dl-model neighbours, moving-branch URLs, missing schema URLs, Collections with
summaries). No third-party document is copied. Each entry of the manifest gives the verdict
mlm-validate must reach (default mode), the rules that must be reported, and, where the
verdict deliberately differs from a schema validator's, the reason.

Rerun after editing: python3 tests/wild/make_corpus.py && python3 tests/wild/check.py --record
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.realpath(__file__))
DOCS = os.path.join(HERE, "docs")

MLM = "https://stac-extensions.github.io/mlm/v{}/schema.json"
CRIM = "https://crim-ca.github.io/mlm-extension/v{}/schema.json"
EO = "https://stac-extensions.github.io/eo/v1.1.0/schema.json"
RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json"
FILE = "https://stac-extensions.github.io/file/v2.1.0/schema.json"
PROC = "https://stac-extensions.github.io/processing/v1.1.0/schema.json"
CLASS = "https://stac-extensions.github.io/classification/v1.1.0/schema.json"
SCI = "https://stac-extensions.github.io/scientific/v1.0.0/schema.json"
MLMODEL = "https://stac-extensions.github.io/ml-model/v1.0.0/schema.json"
MOVING = "https://raw.githubusercontent.com/crim-ca/dlm-extension/main/json-schema/schema.json"

S2 = ["B02", "B03", "B04", "B08", "B11", "B12"]
HLS = ["BLUE", "GREEN", "RED", "NIR_NARROW", "SWIR_1", "SWIR_2"]


def item(id_, exts, props, assets, stac="1.0.0", bbox=(11.0, 46.0, 12.0, 47.0)):
    w, s, e, n = bbox
    return {
        "stac_version": stac,
        "stac_extensions": exts,
        "type": "Feature",
        "id": id_,
        "geometry": {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]},
        "bbox": [w, s, e, n],
        "properties": {"datetime": None, "start_datetime": "2023-01-01T00:00:00Z",
                       "end_datetime": "2023-12-31T23:59:59Z", **props},
        "links": [{"rel": "self", "href": f"https://models.example.net/{id_}.json"}],
        "assets": assets,
    }


def seg_input(bands, size=224, scaling="v14"):
    i = {"name": "multispectral chips", "bands": bands,
         "input": {"shape": [-1, len(bands), size, size],
                   "dim_order": ["batch", "bands", "height", "width"], "data_type": "float32"},
         "resize_type": None, "pre_processing_function": None}
    if scaling == "v14":
        i["value_scaling"] = [{"type": "z-score", "mean": 1000.0 + 10 * k, "stddev": 500.0 + k}
                              for k in range(len(bands))]
    elif scaling == "v13":
        i["norm_by_channel"] = True
        i["norm_type"] = "z-score"
        i["statistics"] = [{"mean": 1000.0 + k, "stddev": 400.0} for k in range(len(bands))]
    return i


def seg_output(classes, size=224):
    return {"name": "land cover", "tasks": ["semantic-segmentation"],
            "result": {"shape": [-1, len(classes), size, size],
                       "dim_order": ["batch", "class", "height", "width"], "data_type": "float32"},
            "classification:classes": [{"value": k, "name": c, "description": f"{c} pixels"}
                                       for k, c in enumerate(classes)],
            "post_processing_function": None}


def mlm_props(name, bands, version="1.5", scaling="v14", **extra):
    p = {"mlm:name": name, "mlm:architecture": "U-Net", "mlm:tasks": ["semantic-segmentation"],
         "mlm:framework": "pytorch", "mlm:framework_version": "2.1.2",
         "mlm:memory_size": 125_000_000, "mlm:total_parameters": 31_000_000,
         "mlm:pretrained": True, "mlm:pretrained_source": "Sentinel-2 L2A 2021 mosaic",
         "mlm:accelerator": "cuda", "mlm:accelerator_constrained": False,
         "mlm:accelerator_summary": "one NVIDIA GPU with 16 GB", "mlm:batch_size_suggestion": 16,
         "mlm:input": [seg_input(bands, scaling=scaling)],
         "mlm:output": [seg_output(["water", "forest", "built-up"])]}
    p.update(extra)
    return p


def band_objs(names):
    return [{"name": n, "common_name": n.lower()} if n in ("BLUE", "GREEN", "RED") else {"name": n}
            for n in names]


def model_asset(href="https://models.example.net/unet/weights.pt", artifact="torch.save",
                bands=None, key="raster:bands", **extra):
    a = {"href": href, "type": "application/octet-stream; application=pytorch",
         "title": "model weights", "roles": ["mlm:model", "mlm:weights", "data"],
         "mlm:artifact_type": artifact}
    if bands is not None:
        a[key] = band_objs(bands) if key != "eo:bands" else [{"name": b} for b in bands]
    a.update(extra)
    return a


def side_assets():
    return {
        "source": {"href": "https://git.example.net/geo/unet-landcover/-/tree/v2.0",
                   "type": "text/html", "title": "training code",
                   "roles": ["mlm:source_code", "code"],
                   "mlm:entrypoint": "landcover.predict:main"},
        "image": {"href": "registry.example.net/geo/unet-landcover:2.0",
                  "type": "application/vnd.oci.image.index.v1+json", "title": "runtime",
                  "roles": ["mlm:container", "runtime"]},
    }


CORPUS = []


def add(name, doc, expected, rules=(), why=None, absent=(), says=(), never=()):
    """says / never: text that some message or hint must / must not contain."""
    CORPUS.append({"file": name + ".json", "expected": expected, "rules": list(rules),
                   "absent": list(absent), "says": list(says), "never": list(never),
                   "why": why, "doc": doc})


def v15(id_, bands=S2, exts=None, extra_assets=None, props_extra=None, model=None, stac="1.0.0",
        version="1.5.2"):
    assets = {"model": model if model is not None else model_asset(bands=bands)}
    assets.update(side_assets())
    assets.update(extra_assets or {})
    return item(id_, exts if exts is not None else [MLM.format(version), RASTER, FILE],
                mlm_props(id_, bands, **(props_extra or {})), assets, stac=stac)


def build():
    # --- current releases, several extensions side by side -----------------------------
    add("01-hub-v152-eo-raster-file", v15("unet-s2-landcover",
        exts=[MLM.format("1.5.2"), EO, RASTER, FILE, PROC],
        props_extra={"eo:cloud_cover": 0, "processing:level": "L4"}), "valid")
    d = v15("unet-alternates")
    d["assets"]["onnx"] = model_asset("https://models.example.net/unet/model.onnx", "onnx",
                                      bands=S2, type="application/octet-stream; application=onnx")
    d["assets"]["onnx"]["type"] = "application/octet-stream; application=onnx"
    add("02-alternate-model-assets", d, "valid", absent=["MLM321"],
        why="v1.4.0+ permits alternate mlm:model assets distinguished by mlm:artifact_type")
    d = v15("unet-two-same")
    d["assets"]["copy"] = model_asset("https://mirror.example.org/unet/weights.pt", bands=S2)
    add("03-alternates-same-artifact-type", d, "valid", rules=["MLM321"])
    d = v15("unet-v140", version="1.4.0")
    add("04-v140-with-v15-entrypoint", d, "invalid", rules=["MLM107"])
    d = v15("unet-v140-clean", version="1.4.0")
    del d["assets"]["source"]["mlm:entrypoint"]
    add("04b-v140-value-scaling", d, "valid")
    d = v15("unet-v151", version="1.5.1")
    d["properties"]["mlm:input"][0]["value_scaling"] = [{"type": "min-max", "minimum": 0,
                                                         "maximum": 10000}]
    add("05-v151-broadcast-scaling", d, "valid")
    # --- older releases ------------------------------------------------------------------
    d = item("resnet-v130", [CRIM.format("1.3.0"), EO],
             mlm_props("resnet-v130", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands"), **side_assets()})
    add("06-v130-crim-norm-statistics", d, "valid", rules=["MLM313"])
    d = item("resnet-v120", [CRIM.format("1.2.0"), EO],
             mlm_props("resnet-v120", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands"), **side_assets()})
    del d["assets"]["source"]["mlm:entrypoint"]
    add("07-v120-crim", d, "valid", absent=["MLM313"])
    d = item("resnet-v110", [CRIM.format("1.1.0"), EO],
             mlm_props("resnet-v110", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands")})
    add("08-v110-model-only", d, "valid")
    d = item("resnet-v100", [CRIM.format("1.0.0"), EO],
             mlm_props("resnet-v100", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands")})
    for k in ("mlm:accelerator_summary",):
        d["properties"].pop(k)
    add("09-v100-crim", d, "valid")
    d = item("resnet-v130-se", [MLM.format("1.3.0"), EO],
             mlm_props("resnet-v130-se", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands"), **side_assets()})
    add("10-v130-se-copy-broken-id", d, "invalid", rules=["MLM201"])
    # --- collections with summaries ------------------------------------------------------
    coll = {"stac_version": "1.0.0", "stac_extensions": [MLM.format("1.5.2"), FILE],
            "type": "Collection", "id": "landcover-models",
            "description": "Land-cover segmentation models trained on Sentinel-2.",
            "license": "CC-BY-4.0",
            "extent": {"spatial": {"bbox": [[-10.0, 35.0, 30.0, 60.0]]},
                       "temporal": {"interval": [["2021-01-01T00:00:00Z", None]]}},
            "summaries": {"mlm:framework": ["pytorch"], "mlm:tasks": ["semantic-segmentation"],
                          "mlm:accelerator": ["cuda", "amd64"]},
            "item_assets": {"model": {"title": "weights", "roles": ["mlm:model"],
                                      "mlm:artifact_type": "torch.save"}},
            "links": [{"rel": "item", "href": "./unet-s2-landcover.json"}]}
    add("11-collection-summaries", coll, "invalid", rules=["MLM210"],
        why="the published schema rejects array summaries of mlm: fields (a schema defect)")
    c2 = copy.deepcopy(coll)
    c2["stac_extensions"] = [FILE]
    add("12-collection-summaries-no-mlm-url", c2, "invalid", rules=["MLM005"],
        why="undeclared-mlm-fields")
    c3 = copy.deepcopy(coll)
    del c3["summaries"]
    c3["id"] = "item-assets-only"
    add("13-collection-item-assets-only", c3, "valid")
    c4 = copy.deepcopy(c3)
    c4["item_assets"]["model"]["mlm:accelerator"] = "cpu"
    add("13b-collection-item-assets-cpu", c4, "invalid", rules=["MLM102"])
    cat = {"stac_version": "1.0.0", "type": "Catalog", "id": "model-zoo",
           "description": "A zoo of Earth observation models.",
           "links": [{"rel": "child", "href": "./landcover/collection.json"}]}
    add("14-catalog-of-models", cat, "valid")
    # --- neighbours: ml-model and dl-model -------------------------------------------------
    d = v15("unet-with-ml-model")
    d["stac_extensions"] = [MLM.format("1.2.0"), EO, MLMODEL]
    d = item("unet-with-ml-model", [CRIM.format("1.2.0"), EO, MLMODEL],
             {**mlm_props("unet-with-ml-model", S2, scaling="v13"),
              "ml-model:type": "ml-model", "ml-model:learning_approach": "supervised",
              "ml-model:prediction_type": "segmentation",
              "ml-model:architecture": "U-Net"},
             {"model": model_asset(bands=S2, key="eo:bands",
                                   roles=["mlm:model", "ml-model:checkpoint"]),
              **side_assets()})
    del d["assets"]["source"]["mlm:entrypoint"]
    add("15-ml-model-beside-mlm-v120", d, "valid", absent=["MLM001", "MLM003"])
    d = item("rf-ml-model-only", [MLMODEL],
             {"ml-model:type": "ml-model", "ml-model:learning_approach": "supervised",
              "ml-model:prediction_type": "classification",
              "ml-model:architecture": "RandomForest"},
             {"model": {"href": "https://models.example.net/rf.pkl",
                        "type": "application/octet-stream", "roles": ["ml-model:checkpoint"]}})
    add("16-ml-model-only", d, "valid", rules=["MLM003"], absent=["MLM001"],
        never=["v1.5.2/schema.json"])
    dlm_props = {"dlm:framework": {"name": "pytorch", "version": "1.7"},
                 "dlm:architecture": {"name": "unet", "total_nb_parameters": 1000000},
                 "dlm:inputs": {"name": "s2", "input_tensors": {"batch": 1, "channels": 4}},
                 "dlm:outputs": {"task": "semantic segmentation", "number_of_classes": 3}}
    d = item("dlm-short-id", ["dl-model"], dlm_props,
             {"model": {"href": "https://models.example.net/dlm.pt", "roles": ["model"]}},
             stac="0.9.0")
    add("17-dl-model-short-id", d, "valid", rules=["MLM006"])
    d = item("dlm-url", ["https://crim-ca.github.io/dlm-extension/v0.1.0/schema.json"],
             dlm_props, {"model": {"href": "https://models.example.net/dlm.pt",
                                   "roles": ["model"]}})
    add("18-dl-model-url", d, "valid", rules=["MLM006"], absent=["MLM001"])
    d = item("dlm-fields-only", [], dlm_props,
             {"model": {"href": "https://models.example.net/dlm.pt", "roles": ["model"]}})
    add("19-dlm-fields-no-url", d, "valid", rules=["MLM006"])
    # --- moving branches ---------------------------------------------------------------
    d = v15("moving-v15", exts=[MOVING, RASTER, FILE])
    add("20-moving-branch-v15-fields", d, "invalid", rules=["MLM007"],
        says=["checked against MLM 1.5.2, assumed because"])
    d = item("moving-v13", [MOVING, EO], mlm_props("moving-v13", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands"), **side_assets()})
    add("21-moving-branch-v13-fields", d, "invalid", rules=["MLM007", "MLM313"],
        says=["checked against MLM 1.3.0, assumed because an input uses norm_type"])
    d = item("moving-dlm", ["https://raw.githubusercontent.com/crim-ca/dlm-extension/main/"
                            "json-schema/schema.json"], dlm_props,
             {"model": {"href": "https://models.example.net/dlm.pt", "roles": ["model"]}})
    add("22-moving-branch-dlm-fields", d, "invalid", rules=["MLM007"])
    # --- the MLM URL written otherwise ------------------------------------------------------
    for n, url in (("23-http-url", "http://stac-extensions.github.io/mlm/v1.5.2/schema.json"),
                   ("24-trailing-slash", MLM.format("1.5.2") + "/"),
                   ("25-query-string", MLM.format("1.5.2") + "?v=2"),
                   ("26-upper-case-version", "https://stac-extensions.github.io/mlm/V1.5.2/schema.json")):
        add(n, v15("url-" + n[:2], exts=[url, RASTER, FILE]), "invalid", rules=["MLM001"])
    add("27-two-mlm-versions", v15("two-versions", exts=[MLM.format("1.4.0"), MLM.format("1.5.2"),
                                                         RASTER, FILE]),
        "invalid", rules=["MLM002"])
    # --- missing schemas (point 8) -----------------------------------------------------------
    add("28-mlm-fields-no-url", v15("no-url", exts=[RASTER, FILE]), "invalid", rules=["MLM005"],
        why="undeclared-mlm-fields", says=["checked against MLM 1.5.2"])
    d = v15("no-url-bad-task", exts=[RASTER, FILE])
    d["properties"]["mlm:tasks"] = ["semantic segmentation"]
    add("29-mlm-fields-no-url-bad-task", d, "invalid", rules=["MLM005", "MLM102"],
        why="undeclared-mlm-fields")
    d = item("no-url-v13", [EO], mlm_props("no-url-v13", S2, scaling="v13"),
             {"model": model_asset(bands=S2, key="eo:bands"), **side_assets()})
    add("30-mlm-v13-fields-no-url", d, "invalid", rules=["MLM005", "MLM313"],
        why="undeclared-mlm-fields")
    d = v15("ml-model-instead", exts=[MLMODEL, RASTER, FILE])
    add("31-ml-model-url-with-mlm-fields", d, "invalid", rules=["MLM005"], absent=["MLM001"],
        why="undeclared-mlm-fields")
    add("32-empty-object", {}, "invalid", rules=["MLM008"])
    add("33-openeo-process-graph", {
        "id": "segment_landcover", "summary": "Run the land-cover model on a cube",
        "parameters": [{"name": "data", "schema": {"type": "object", "subtype": "datacube"}}],
        "process_graph": {"infer": {"process_id": "apply_neighborhood",
                                    "arguments": {"data": {"from_parameter": "data"},
                                                  "size": [{"dimension": "x", "value": 224,
                                                            "unit": "px"}]},
                                    "result": True}}}, "invalid", rules=["MLM008"])
    # --- openEO / TerraTorch-like shapes -----------------------------------------------------
    d = v15("openeo-udf-unet", stac="1.1.0",
            exts=[MLM.format("1.5.2"), FILE, PROC])
    d["assets"]["model"] = model_asset(bands=S2, key="bands")
    d["properties"]["bands"] = band_objs(S2)
    d["properties"]["processing:level"] = "L2A"
    d["properties"]["mlm:input"][0]["pre_processing_function"] = {
        "format": "openeo-udf", "expression": {"process_id": "run_udf", "udf": "prep.py"}}
    add("34-openeo-udp-stac11-bands", d, "valid")
    d = v15("terratorch-prithvi", bands=HLS, stac="1.1.0", exts=[MLM.format("1.5.2"), FILE])
    d["assets"]["model"] = model_asset(bands=HLS, key="bands",
                                       href="https://models.example.net/prithvi/ckpt.pt",
                                       artifact="torch.load")
    d["properties"]["bands"] = band_objs(HLS)
    d["properties"]["mlm:hyperparameters"] = {"optimizer": {"type": "AdamW", "lr": 0.0001},
                                              "max_epochs": 50, "backbone.frozen": False}
    add("35-terratorch-hls-stac11", d, "valid")
    d2 = copy.deepcopy(d)
    d2["id"] = "terratorch-case"
    d2["properties"]["mlm:input"][0]["bands"] = [b.lower() if b == "BLUE" else b for b in HLS]
    add("36-terratorch-band-case", d2, "valid", rules=["MLM304"],
        says=['"blue" differs from "BLUE" only in case'])
    d3 = copy.deepcopy(d)
    d3["id"] = "terratorch-asset-bands-only"
    del d3["properties"]["bands"]
    add("37-stac11-bands-on-asset-only", d3, "invalid", rules=["MLM208"],
        says=['copy the one of model asset "model"'])
    # --- typical mistakes -------------------------------------------------------------------
    d = v15("cpu-accel")
    d["properties"]["mlm:accelerator"] = "cpu"
    add("38-accelerator-cpu", d, "invalid", rules=["MLM102"],
        says=['calls "cpu" an alias of "amd64"'])
    d = v15("min-max-short")
    d["properties"]["mlm:input"][0]["value_scaling"] = [{"type": "min-max", "min": 0,
                                                         "max": 10000}]
    add("39-value-scaling-min-max", d, "invalid", rules=["MLM111"],
        says=['rename "min" to "minimum" and "max" to "maximum"'])
    d = v15("raster-bands-no-url", exts=[MLM.format("1.5.2"), FILE])
    add("40-raster-bands-without-raster-url", d, "invalid", rules=["MLM208"],
        says=["does not list the raster extension"])
    d = v15("missing-b05")
    d["properties"]["mlm:input"][0]["bands"] = ["B02", "B03", "B04", "B05", "B11", "B12"]
    add("41-band-missing-b05", d, "valid", rules=["MLM304"], never=["did you mean"])
    d = v15("2-bad-name")
    d["properties"]["mlm:name"] = "2nd model"
    add("42-name-pattern", d, "invalid", rules=["MLM103"])
    d = v15("classes-and-sci", exts=[MLM.format("1.5.2"), RASTER, FILE, CLASS, SCI])
    d["properties"]["sci:doi"] = "10.5281/zenodo.0000000"
    d["properties"]["sci:citation"] = "Example et al. (2024), a land-cover U-Net."
    add("43-classification-scientific", d, "valid")
    d = v15("hub-safetensors")
    d["assets"]["model"]["href"] = "https://hub.example.org/geo/unet/resolve/main/model.safetensors"
    d["assets"]["model"]["mlm:artifact_type"] = "safetensors"
    d["assets"]["model"]["file:size"] = 124_000_000
    add("44-hub-safetensors-file-size", d, "valid")
    d = v15("empty-tasks")
    d["properties"]["mlm:tasks"] = []
    d["properties"]["mlm:output"][0]["tasks"] = []
    add("45-empty-tasks", d, "valid", rules=["MLM322"])
    d = v15("scratch")
    d["properties"]["mlm:pretrained"] = False
    d["properties"]["mlm:pretrained_source"] = None
    add("46-trained-from-scratch", d, "valid")
    d = v15("datacube-vars", exts=[MLM.format("1.5.2"), RASTER, FILE,
                                   "https://stac-extensions.github.io/datacube/v2.3.0/schema.json"])
    d["properties"]["cube:dimensions"] = {"time": {"type": "temporal",
                                                   "extent": ["2023-01-01T00:00:00Z", None]}}
    d["properties"]["cube:variables"] = {"t2m": {"dimensions": ["time"], "type": "data"}}
    d["properties"]["mlm:input"].append({
        "name": "temperature", "bands": [], "variables": ["t2m"],
        "input": {"shape": [-1, 1, 12], "dim_order": ["batch", "variables", "time"],
                  "data_type": "float32"}})
    add("47-datacube-variables", d, "valid")
    d = v15("cuda-in-asset")
    d["assets"]["cpu-model"] = model_asset("https://models.example.net/unet/cpu.onnx", "onnx",
                                           bands=S2, **{"mlm:accelerator": "amd64"})
    d["assets"]["cpu-model"]["type"] = "application/octet-stream; application=onnx"
    add("48-asset-level-accelerator-override", d, "valid", rules=["MLM315"])
    build_not_stac()
    build_malformed()


def build_not_stac():
    """Issue 17.1: never "valid" for what was not checked. An object is a STAC object only
    with a STAC type and its stac_version; each way of missing that, and valid neighbours."""
    add("49-extensions-only-no-type", {"stac_extensions": [MLM.format("1.5.2")], "mlm:name": 5},
        "invalid", rules=["MLM008"], says=['it has no "type"', "do not make one"])
    d = v15("no-type")
    del d["type"]
    add("50-item-without-type", d, "invalid", rules=["MLM008"], says=['it has no "type"'])
    d = v15("lower-type")
    d["type"] = "feature"
    add("51-type-lower-case", d, "invalid", rules=["MLM008"], says=['"type" is "feature"'])
    d = v15("geojson")
    del d["stac_version"]
    add("52-geojson-feature-without-stac-version", d, "invalid", rules=["MLM008"],
        says=["plain GeoJSON Feature"])
    add("53-catalog-of-models", {"type": "Catalog", "stac_version": "1.0.0", "id": "models",
                                 "description": "Models of a team",
                                 "links": [{"rel": "item", "href": "./unet.json"}]},
        "valid", absent=["MLM008"])


# Issue 17.5: malformed JSON, written as text (each with its neighbours in the CLI test).
MALFORMED = [
    ("55-trailing-comma-object", '{\n  "type": "Feature",\n  "id": "m",\n}\n',
     "trailing comma before '}'"),
    ("56-trailing-comma-array", '{\n  "bbox": [0, 0, 1, 1,],\n  "id": "m"\n}\n',
     "trailing comma before ']'"),
    ("57-missing-comma-members", '{\n  "type": "Feature"\n  "id": "m"\n}\n',
     "missing ',' between two members of an object"),
    ("58-unterminated-string", '{\n  "type": "Feature",\n  "id": "m\n}\n',
     "unterminated string"),
    ("59-truncated-download", '{\n  "type": "Feature",\n  "properties": {"mlm:name": "m"',
     "unexpected end of input"),
    ("60-nan-statistics", '{"type": "Feature", "properties": {"mean": NaN}}\n',
     "NaN is not a JSON number"),
    ("61-comment", '{\n  // exported by a notebook\n  "type": "Feature"\n}\n',
     "comments are not JSON"),
    ("62-single-quotes", "{'type': 'Feature'}\n", "single quotes are not JSON"),
    ("63-duplicate-key", '{"type": "Feature", "id": "a", "id": "b"}\n', 'duplicate key "id"'),
    ("64-leading-zero", '{"type": "Feature", "properties": {"mlm:total_parameters": 0100}}\n',
     "leading zeros are not allowed"),
]


def build_malformed():
    for name, text, words in MALFORMED:
        lenient = "NaN" in words or "duplicate" in words  # Python's json reads these
        add(name, text, "unreadable", says=[words], why="not-json" if lenient else None)


def build_hintfix():
    """Issue 17.3 / 17.4 / 19: one finding once, hints that fit, fixes that apply."""
    # 36 band positions (4 dates x 9 bands): one MLM306 naming the positions.
    bands9 = S2 + ["B05", "B06", "B07"]
    d = v15("time-series-4-dates", bands=bands9)
    d["properties"]["mlm:input"][0] = seg_input(bands9 * 4)
    add("70-four-dates-repeated-bands", d, "valid", rules=["MLM306"],
        says=["the same at 26 more positions of this list"])
    # Neighbour: two lists each with a repeat: one diagnostic per list.
    d = v15("two-inputs-repeats")
    d["properties"]["mlm:input"] = [seg_input(S2 * 2), seg_input(["B02", "B02", "B03"])]
    d["properties"]["mlm:input"][1]["name"] = "second input"
    add("71-two-inputs-repeated-bands", d, "valid", rules=["MLM306"],
        says=["the same at 5 more positions of this list"])
    # ml-model fields, no URL of any extension: told it is ml-model, not to add MLM.
    d = item("ml-model-fields-only", [FILE],
             {"ml-model:type": "ml-model", "ml-model:learning_approach": "supervised",
              "ml-model:prediction_type": "classification"},
             {"model": {"href": "https://models.example.net/rf.pkl", "roles": ["ml-model:checkpoint"]}})
    add("72-ml-model-fields-no-url", d, "valid", rules=["MLM003"],
        says=["uses the ml-model extension"], never=["add the MLM schema URL"])
    # A scikit-learn pickle without an artifact type: no PyTorch example.
    d = v15("rf-sklearn", props_extra={"mlm:framework": "scikit-learn",
                                       "mlm:framework_version": "1.4.2"},
            model=model_asset(href="https://models.example.net/rf/model.pkl", bands=S2))
    del d["assets"]["model"]["mlm:artifact_type"]
    add("73-sklearn-no-artifact-type", d, "invalid", rules=["MLM204"], never=["torch"])
    # PyTorch in v1.5.2: the version's own names.
    d = v15("unet-no-artifact-type")
    del d["assets"]["model"]["mlm:artifact_type"]
    add("74-pytorch-no-artifact-type-v152", d, "invalid", rules=["MLM204"],
        says=["torch.jit.save"], never=["torch.jit.script"])
    # mlm:output missing, mlm:input present: never "rename mlm:input".
    d = v15("no-output")
    del d["properties"]["mlm:output"]
    add("75-input-without-output", d, "invalid", rules=["MLM100"], says=['add "mlm:output"'],
        never=['rename "mlm:input"'])
    # A band reference that differs only in case: a safe fix.
    d = v15("band-case-fix")
    d["properties"]["mlm:input"][0]["bands"] = ["b02"] + S2[1:]  # a new list: S2 is shared
    add("76-band-reference-case", d, "valid", rules=["MLM304"], says=["only in case"])
    # min/max shorthands in value_scaling, as a notebook writes them: one rename fix.
    d = v15("min-max-shorthand")
    d["properties"]["mlm:input"][0]["value_scaling"] = [{"type": "min-max", "min": 0, "max": 10000}]
    add("77-value-scaling-min-max-shorthand", d, "invalid", rules=["MLM111"],
        says=['rename "min" to "minimum" and "max" to "maximum"'])


def main():
    build()
    build_hintfix()
    os.makedirs(DOCS, exist_ok=True)
    for f in os.listdir(DOCS):
        if f.endswith(".json"):
            os.remove(os.path.join(DOCS, f))
    manifest = []
    for e in CORPUS:
        with open(os.path.join(DOCS, e["file"]), "w", encoding="utf-8") as f:
            if isinstance(e["doc"], str):  # malformed JSON, written as it is
                f.write(e["doc"])
            else:
                json.dump(e["doc"], f, indent=2, ensure_ascii=False)
                f.write("\n")
        manifest.append({k: v for k, v in e.items() if k != "doc"})
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(manifest)} documents")


if __name__ == "__main__":
    main()
