#!/usr/bin/env python3
"""Editor latency of mlm-validate --lsp: the time from sending a change to
receiving its diagnostics, for a real-shaped document of about 100 KB.

Usage: bench/lsp_latency.py BUILD/tools/mlm-validate/mlm-validate [--size KB] [--changes N]

The document is the test fixture grown with model outputs carrying
classification classes (as a land-cover model lists its classes) to the
wanted size. Each change is an incremental edit that toggles a value inside
the document (one keystroke); the latency is measured on the client side, so
it includes the pipes and this script: an upper bound of what an editor sees.
The server's CPU time per change (from /proc) is printed too: on a busy
machine the wall-clock figures grow with the load, the CPU time does not.
"""
import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
from lspclient import Client, position_of  # noqa: E402


def document(kb):
    with open(os.path.join(HERE, "..", "tests", "lsp", "fixtures", "item.json"), encoding="utf-8") as f:
        obj = json.load(f)
    outputs = obj["properties"]["mlm:output"]
    base = outputs[0]
    k = 0
    while len(json.dumps(obj, indent=2, ensure_ascii=False).encode()) < kb * 1024:
        out = json.loads(json.dumps(base))
        out["name"] = "classes %d" % k
        out["classification:classes"] = [
            {"value": v, "name": "class %d-%d" % (k, v), "description": "surface type %d of map %d" % (v, k),
             "color_hint": "%06X" % ((k * 97 + v * 13) & 0xFFFFFF)}
            for v in range(20)
        ]
        outputs.append(out)
        k += 1
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def cpu_seconds(pid):
    """User + system CPU time of a process (Linux /proc), in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("server")
    ap.add_argument("--size", type=int, default=100, help="document size in KB (default 100)")
    ap.add_argument("--changes", type=int, default=200, help="changes measured (default 200)")
    a = ap.parse_args()
    text = document(a.size)
    uri = "file:///bench/item.json"
    c = Client(a.server, args=("--lsp", "--no-config"))
    c.initialize()
    t0 = time.perf_counter()
    c.open(uri, text)
    c.diagnostics(uri, 1)
    first = time.perf_counter() - t0
    at = position_of(text, '"kuda"')
    at["character"] += 1
    end = {"line": at["line"], "character": at["character"] + 1}
    times = []
    cpu0 = cpu_seconds(c.proc.pid)
    for i in range(a.changes):
        letter = "c" if i % 2 == 0 else "k"
        t = time.perf_counter()
        c.change(uri, i + 2, [{"range": {"start": at, "end": end}, "text": letter}])
        diags = c.diagnostics(uri, i + 2)
        times.append(time.perf_counter() - t)
        want = letter == "k"
        if any(d["code"] == "MLM102" for d in diags) != want:
            sys.exit("lsp_latency: wrong diagnostics after change %d" % i)
    cpu = cpu_seconds(c.proc.pid) - cpu0
    rc = c.stop()
    times.sort()
    ms = [x * 1000 for x in times]
    print("document: %.1f KB, %d changes (one character each)" % (len(text.encode()) / 1024, len(ms)))
    print("open to diagnostics: %.2f ms" % (first * 1000))
    print("change to diagnostics: median %.2f ms, p95 %.2f ms, max %.2f ms" % (
        statistics.median(ms), ms[int(len(ms) * 0.95) - 1], ms[-1]))
    print("server CPU per change: %.2f ms (independent of other load on the machine)" % (cpu * 1000 / len(ms)))
    print("machine load average: %.1f" % os.getloadavg()[0])
    return rc


if __name__ == "__main__":
    sys.exit(main())
