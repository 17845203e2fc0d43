#!/usr/bin/env python3
"""bench/serve_load.py: mlm-validate --serve under load (issue 20), on 127.0.0.1.

    python3 bench/serve_load.py [--build DIR] [--clients 32] [--requests 100000]
                                [--seconds 120] [--jobs 2] [--write]

Needs a built tree (default build/) with tools/mlm-validate/mlm-validate and
bench/serve_load (the C clients; built with MLM_BUILD_BENCH or MLM_BUILD_TESTS).
The documents are the official-example-sized documents of examples/*/ (valid
and invalid, Items and Collections; ~2-5 KB each). For each one the CLI's
`--format json --no-config` line is the expected answer, with "source" set to
"request" (the server's name for a body): every answer of the run must equal it
byte for byte. A warm-up of 1,600 requests comes first; then CLIENTS clients
post REQUESTS documents in all (bounded by SECONDS), each on its own keep-alive
connection. The server's resident memory (VmRSS) is sampled every 0.5 s, and
its CPU time is read from /proc before and after. --write replaces the block
between the serve-bench markers in BENCHMARKS.md. Nothing asserts timings.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "serve"))
from serve_common import Server  # noqa: E402


def corpus(validate, tmp):
    """(document, expected answer) pairs; FeatureCollections and unparseable files left out."""
    pairs = []
    for root, _, files in sorted(os.walk(os.path.join(ROOT, "examples"))):
        for f in sorted(files):
            if not f.endswith(".json"):
                continue
            path = os.path.join(root, f)
            p = subprocess.run([validate, "--no-config", "--format", "json", path],
                               capture_output=True, check=False)
            lines = p.stdout.splitlines()
            if len(lines) != 1 or b'"load_error"' in lines[0]:
                continue
            prefix = b'{"source":' + json.dumps(path).encode()
            if not lines[0].startswith(prefix):
                raise SystemExit(f"unexpected CLI output for {path}")
            expected = os.path.join(tmp, f"{len(pairs)}.expected")
            with open(expected, "wb") as out:
                out.write(b'{"source":"request"' + lines[0][len(prefix):] + b"\n")
            pairs.append((path, expected))
    return pairs


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_clients(load, port, clients, per_client, seconds, listing):
    p = subprocess.run([load, str(port), str(clients), str(per_client), str(seconds), listing],
                       capture_output=True, check=False)
    if p.returncode not in (0, 1):
        raise SystemExit("serve_load failed: " + p.stderr.decode())
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--requests", type=int, default=100000)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    validate = os.path.join(a.build, "tools", "mlm-validate", "mlm-validate")
    load = os.path.join(a.build, "bench", "serve_load")
    with tempfile.TemporaryDirectory() as tmp:
        pairs = corpus(validate, tmp)
        listing = os.path.join(tmp, "list")
        with open(listing, "w") as f:
            for d, e in pairs:
                f.write(f"{d}\t{e}\n")
        sizes = [os.path.getsize(d) for d, _ in pairs]
        with Server(validate, ["--no-config", "--jobs", str(a.jobs),
                               "--max-connections", str(max(256, a.clients * 2))]) as s:
            pid = s.proc.pid
            warm = run_clients(load, s.port, a.clients, 50, 30, listing)
            rss = [(0, rss_kib(pid))]
            stop = threading.Event()
            t0 = time.monotonic()

            def sample():
                while not stop.wait(0.5):
                    rss.append((time.monotonic() - t0, rss_kib(pid)))

            sampler = threading.Thread(target=sample)
            cpu0 = cpu_seconds(pid)
            sampler.start()
            res = run_clients(load, s.port, a.clients, -(-a.requests // a.clients), a.seconds,
                              listing)
            stop.set()
            sampler.join()
            cpu = cpu_seconds(pid) - cpu0
            rss.append((time.monotonic() - t0, rss_kib(pid)))
    load_avg = os.getloadavg()
    res.update({"documents": len(pairs), "doc_bytes_min": min(sizes), "doc_bytes_max": max(sizes),
                "doc_bytes_mean": sum(sizes) // len(sizes), "server_cpu_seconds": round(cpu, 2),
                "docs_per_server_cpu_second": round(res["requests"] / cpu, 1) if cpu else None,
                "rss_kib_after_warmup": rss[0][1], "rss_kib_max": max(r for _, r in rss),
                "rss_kib_end": rss[-1][1], "warmup_mismatches": warm["mismatches"],
                "load_average": [round(x, 2) for x in load_avg]})
    print(json.dumps(res, indent=2))
    if a.write:
        write(res, a)
    return 0 if res["mismatches"] == 0 and res["errors"] == 0 and warm["mismatches"] == 0 else 1


def write(r, a):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    met = r["docs_per_second"] >= 4000
    text = f"""<!-- serve-bench:begin (written by bench/serve_load.py --write) -->
Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {cpu} ({os.cpu_count()} cores), Linux {platform.release()}; commit `{commit}`, build `{os.path.relpath(a.build, ROOT)}`.
Command: `python3 bench/serve_load.py --write` ({a.clients} clients, C, on the same 2 cores as the server; server `--jobs {a.jobs}`, MLM rules, `--no-config`). Load average after: {'/'.join(str(x) for x in r['load_average'])}.
Documents: the {r['documents']} examples of `examples/` (Items and Collections, valid and invalid; {r['doc_bytes_min']}-{r['doc_bytes_max']} bytes, mean {r['doc_bytes_mean']}), posted in turn.

| measure | value |
| --- | ---: |
| requests (after a warm-up of {a.clients} x 50) | {r['requests']} |
| answers different from the CLI's report | {r['mismatches']} (warm-up: {r['warmup_mismatches']}) |
| connection errors | {r['errors']} |
| wall time | {r['seconds']:.2f} s |
| documents/s | {r['docs_per_second']:.0f} |
| latency p50 / p99 / max | {r['p50_ms']:.2f} / {r['p99_ms']:.2f} / {r['max_ms']:.2f} ms |
| server CPU time | {r['server_cpu_seconds']:.2f} s ({r['docs_per_server_cpu_second']:.0f} documents per CPU second) |
| server resident memory: after warm-up / highest / end | {r['rss_kib_after_warmup'] / 1024:.1f} / {r['rss_kib_max'] / 1024:.1f} / {r['rss_kib_end'] / 1024:.1f} MiB |

Target: at least 4,000 documents/s with the MLM rules on 2 cores: **{'met' if met else 'missed'}** ({r['docs_per_second']:.0f}/s).
<!-- serve-bench:end -->"""
    path = os.path.join(ROOT, "BENCHMARKS.md")
    with open(path) as f:
        md = f.read()
    block = re.compile(r"<!-- serve-bench:begin.*?<!-- serve-bench:end -->", re.S)
    if not block.search(md):
        raise SystemExit("BENCHMARKS.md has no serve-bench markers")
    with open(path, "w") as f:
        f.write(block.sub(lambda _: text, md))


if __name__ == "__main__":
    sys.exit(main())
