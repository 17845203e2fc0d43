#!/usr/bin/env python3
"""bench/run.py: the reproducible benchmark of mlm-validate (issue 5, "Speed at scale").

One command, from the repository root:

    python3 bench/run.py            # build, generate, measure, write BENCHMARKS.md

It uses only the Python standard library. Steps:
  1. builds build-bench/ (Release, MLM_BUILD_BENCH=ON) unless --build points at a built tree,
     and BUILD-nocurl/ (the same with -DMLM_WITH_CURL=OFF), the start-up reference;
  2. generates three corpora, deterministically, into BUILD/bench-corpora (never committed):
     W1  ~70 MLM items and collections of every version (a CI job),
     W2  10,000 documents of 3-12 KB (a catalog),
     W3  one NDJSON stream of 100,000 items (an API dump / stac-geoparquet export);
     the templates are the official examples in ../shared/reference/examples when present,
     else this repository's examples/*/valid/*.json;
  3. runs, side by side, median of --runs runs each: the jansson floor (bench/parse_floor),
     mlm-validate with the MLM rules only, mlm-validate with full validation (core and
     extension schemas, offline, --schema-dir), and the reference validators
     ../shared/tools/stac-oracle (Python jsonschema) and stac-oracle-node (ajv) in batch mode;
     columns that need ../shared are skipped with a message when it is absent;
     and, per process: start-up (`--version`), one file (MLM rules and full), and W1 with one
     process per file, each with the build without libcurl as a column (and, for reference,
     this build with libcurl preloaded, which is what linking it used to cost);
  4. prints the table and replaces the block between the bench markers in BENCHMARKS.md.

Peak RSS comes from wait4() of each child (ru_maxrss, which covers the child's own children).
Nothing here asserts timings: the targets are reported as met or missed.
"""
import argparse
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- bench:begin (written by bench/run.py) -->"
END = "<!-- bench:end -->"
MIB = 1024.0 * 1024.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- building ------------------------------------------------------------------------------


def build(build_dir, extra=()):
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        log(f"configuring {build_dir} (Release{''.join(' ' + x for x in extra)})")
        subprocess.run(["cmake", "-S", REPO, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                        "-DMLM_BUILD_BENCH=ON", "-DMLM_BUILD_TESTS=OFF",
                        "-DMLM_BUILD_EXAMPLES=OFF"] + list(extra), check=True,
                       stdout=subprocess.DEVNULL)
    log(f"building mlm-validate and parse_floor in {build_dir}")
    subprocess.run(["cmake", "--build", build_dir, "--target", "mlm-validate", "parse_floor",
                    "-j", str(os.cpu_count() or 1)], check=True, stdout=subprocess.DEVNULL)
    tool = os.path.join(build_dir, "tools", "mlm-validate", "mlm-validate")
    floor = os.path.join(build_dir, "bench", "parse_floor")
    cache = open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8").read()
    btype = next((l.split("=", 1)[1] for l in cache.splitlines()
                  if l.startswith("CMAKE_BUILD_TYPE:")), "?")
    return tool, floor, btype


def find_libcurl():
    """The path of libcurl.so.4 as the loader finds it (ldconfig -p), or None."""
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        out = ""
    for line in out.splitlines():
        if line.strip().startswith("libcurl.so.4 ") and "=>" in line:
            return line.split("=>", 1)[1].strip()
    return None


# --- corpora -------------------------------------------------------------------------------


def load_templates(shared):
    """(name, raw bytes, parsed) of every valid v1.x example, in a fixed order."""
    out = []
    ex = os.path.join(shared, "reference", "examples") if shared else None
    if ex and os.path.isdir(ex):
        for v in sorted(os.listdir(ex)):
            if not v.startswith("v1.") or "beta" in v:
                continue
            for f in sorted(os.listdir(os.path.join(ex, v))):
                if f.endswith(".json"):
                    p = os.path.join(ex, v, f)
                    raw = open(p, "rb").read()
                    out.append((f"{v}-{f[:-5]}", raw, json.loads(raw)))
        return out, "official examples (../shared/reference/examples, v1.0.0-v1.5.2)"
    ex = os.path.join(REPO, "examples")
    for v in sorted(os.listdir(ex)):
        d = os.path.join(ex, v, "valid")
        if not v.startswith("v1.") or not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".json"):
                raw = open(os.path.join(d, f), "rb").read()
                out.append((f"{v}-{f[:-5]}", raw, json.loads(raw)))
    return out, "this repository's examples/v1.*/valid (../shared absent)"


LOREM = ("This model was trained on multi-temporal Sentinel-2 scenes and evaluated on held-out "
         "tiles of every biome; see the linked paper and the training notebook for details. ")


def mutate(doc, i, tag):
    d = json.loads(json.dumps(doc))  # deep copy
    d["id"] = f"{d.get('id', 'doc')}-{tag}{i:06d}"
    props = d.get("properties")
    if isinstance(props, dict) and isinstance(props.get("datetime"), str):
        day = 1 + i % 28
        props["datetime"] = f"2023-{1 + i % 12:02d}-{day:02d}T{i % 24:02d}:00:00Z"
    return d


def pad_to(doc, target, dumps):
    """Grow the description so the serialised document is about `target` bytes."""
    holder = doc["properties"] if doc.get("type") == "Feature" else doc
    base = holder.get("description", "")
    holder["description"] = base
    size = len(dumps(doc).encode())
    if size < target:
        need = target - size
        holder["description"] = base + " " + (LOREM * (need // len(LOREM) + 1))[:need - 1]
    return doc


def generate(out_dir, templates, w2_count, w3_count):
    """Write W1, W2 and W3 under out_dir; reuse them when the stamp matches."""
    stamp = json.dumps({"v": 3, "templates": [t[0] for t in templates],
                        "sizes": [len(t[1]) for t in templates], "w2": w2_count,
                        "w3": w3_count})
    stamp_path = os.path.join(out_dir, "stamp.json")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        log(f"corpora up to date in {out_dir}")
        return
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    indent = lambda d: json.dumps(d, indent=2, ensure_ascii=False) + "\n"
    compact = lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False)

    # W1: every example as published, plus mutated copies up to 70 documents.
    w1 = os.path.join(out_dir, "w1")
    os.makedirs(w1)
    for name, raw, _ in templates:
        open(os.path.join(w1, name + ".json"), "wb").write(raw)
    items = [t for t in templates if t[2].get("type") == "Feature"]
    for i in range(max(0, 70 - len(templates))):
        name, _, doc = items[-1 - i % len(items)]
        open(os.path.join(w1, f"{name}-copy{i}.json"), "w").write(indent(mutate(doc, i, "w1-")))

    # W2: 10,000 documents of 3-12 KB, each from a template at most its target size.
    rng = random.Random(20240502)
    w2 = os.path.join(out_dir, "w2")
    os.makedirs(w2)
    sized = [(len(indent(t[2]).encode()), t) for t in templates]
    for i in range(w2_count):
        target = rng.randint(3 * 1024, 12 * 1024)
        fits = [t for s, t in sized if target // 2 <= s <= target] or \
               [min(sized, key=lambda st: st[0])[1]]
        name, _, doc = fits[rng.randrange(len(fits))]
        d = pad_to(mutate(doc, i, "w2-"), target, indent)
        open(os.path.join(w2, f"doc{i:05d}.json"), "w").write(indent(d))

    # W3: 100,000 items, one compact line each (as stac-geoparquet / API dumps write them).
    rng = random.Random(3)
    newest = [t for t in items if t[0].split("-")[0] in ("v1.4.0", "v1.5.0", "v1.5.1", "v1.5.2")]
    newest = newest or items
    with open(os.path.join(out_dir, "w3.ndjson"), "w") as f:
        for i in range(w3_count):
            _, _, doc = newest[rng.randrange(len(newest))]
            f.write(compact(mutate(doc, i, "w3-")) + "\n")
    open(stamp_path, "w").write(stamp)
    log(f"corpora generated in {out_dir}")


def corpus_stats(paths, ndjson=False):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += [os.path.join(p, f) for f in sorted(os.listdir(p)) if f.endswith(".json")]
        else:
            files.append(p)
    size = sum(os.path.getsize(f) for f in files)
    if ndjson:
        docs = sum(1 for f in files for line in open(f, "rb") if line.strip())
    else:
        docs = len(files)
    return files, docs, size


# --- measuring -----------------------------------------------------------------------------


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(argv, cwd=None, env=None):
    """Wall seconds, CPU seconds (user + system), peak RSS (bytes) and exit code of one child.

    Peak RSS comes from /usr/bin/time (%M) when it is installed. Otherwise from wait4(): the
    child then also counts the RSS of this Python process, which it shares until exec
    (Linux carries the high-water mark across exec), so small figures are overstated.
    """
    import tempfile
    tf = None
    if TIME:
        tf = tempfile.NamedTemporaryFile(prefix="bench-rss-", delete=False)
        tf.close()
        argv = [TIME, "-f", "%M", "-o", tf.name] + argv
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    # wait4 reports this child's own rusage (Popen.wait would reap it without).
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    rss = ru.ru_maxrss * 1024
    cpu = ru.ru_utime + ru.ru_stime  # with /usr/bin/time: its child's, which it waited for
    if tf:
        try:
            lines = open(tf.name).read().split()
            rss = int(lines[-1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(tf.name)
    return wall, cpu, rss, p.returncode, err.decode(errors="replace")


def measure(label, commands, runs, cwd=None, ok_codes=(0,), env=None):
    """commands: a list of argv run one after the other (one per file for start-up runs)."""
    walls, cpus, rss, codes = [], [], 0, set()
    for r in range(runs):
        total = cpu_total = 0.0
        for argv in commands:
            wall, cpu, peak, code, err = run_once(argv, cwd=cwd, env=env)
            total += wall
            cpu_total += cpu
            rss = max(rss, peak)
            codes.add(code)
            if code not in ok_codes:
                log(f"  {label}: exit {code}: {err.strip()[:300]}")
        walls.append(total)
        cpus.append(cpu_total)
        log(f"  {label}: run {r + 1}/{runs}: {total:.3f} s (CPU {cpu_total:.3f} s)")
    return {"label": label, "wall": statistics.median(walls), "walls": walls,
            "cpu": statistics.median(cpus), "rss": rss,
            "codes": sorted(codes), "runs": runs}


def machine_info():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / MIB:.1f} GiB"
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version()}


def version_of(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def git_head():
    try:
        return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


# --- the run -------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build-bench"),
                    help="build folder (default build-bench/, configured Release if new)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"),
                    help="the ../shared folder (schemas, examples and reference validators)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--slow-runs", type=int, default=1,
                    help="runs of the Python peer on W2 and of per-process start-up (slow)")
    ap.add_argument("--workloads", default="S,W1,W2,W3",
                    help="comma-separated subset (S: start-up and one file per process)")
    ap.add_argument("--startup-n", type=int, default=30,
                    help="processes per start-up measurement (the row shows ms per process)")
    ap.add_argument("--w2", type=int, default=10000, help="documents in W2")
    ap.add_argument("--w3", type=int, default=100000, help="items in W3")
    ap.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    ap.add_argument("--output", default=os.path.join(REPO, "BENCHMARKS.md"))
    ap.add_argument("--render", metavar="JSON",
                    help="measure nothing: render BUILD/bench-results.json of an earlier run again")
    a = ap.parse_args()
    if a.render:
        saved = json.load(open(a.render))
        text = render(saved["results"], saved["info"])
        print(text)
        if not a.no_write:
            write_block(a.output, text)
        return
    a.build = os.path.abspath(a.build)
    work = set(w.strip().upper() for w in a.workloads.split(","))

    tool, floor, btype = build(a.build)
    tool_nc, _, _ = build(a.build + "-nocurl", ["-DMLM_WITH_CURL=OFF"])
    libcurl = find_libcurl()
    preload = dict(os.environ, LD_PRELOAD=libcurl) if libcurl else None
    shared = a.shared if os.path.isdir(os.path.join(a.shared, "reference")) else None
    if not shared:
        log(f"NOTE: {a.shared} not found: skipping full validation and the reference "
            "validators; the jansson floor and the MLM-rules columns still run")
    templates, origin = load_templates(shared)
    corpora = os.path.join(a.build, "bench-corpora")
    generate(corpora, templates, a.w2, a.w3)

    schemas = os.path.join(shared, "reference", "schemas") if shared else None
    oracle_py = os.path.join(shared, "tools", "stac-oracle") if shared else None
    oracle_js = os.path.join(shared, "tools", "stac-oracle-node") if shared else None
    peers = []
    if shared:
        for label, path in (("stac-oracle-node (ajv)", oracle_js),
                            ("stac-oracle (Python jsonschema)", oracle_py)):
            probe = subprocess.run([path, os.path.join(corpora, "w1", sorted(
                os.listdir(os.path.join(corpora, "w1")))[0])], capture_output=True, text=True)
            if probe.returncode in (0, 1):
                peers.append((label, path))
            else:
                log(f"NOTE: skipping {label}: not runnable here ({probe.stderr.strip()[:200]})")
    full = ["--offline", "--no-cache", "--schema-dir", schemas] if schemas else None
    load0 = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {}

    def column(results_list, label, argv, runs, ok=(0,), cwd=None, per_file=None, env=None):
        cmds = [argv + [f] for f in per_file] if per_file else [argv]
        results_list.append(measure(label, cmds, runs, cwd=cwd, ok_codes=ok, env=env))

    if "S" in work:
        # Start-up: the same process --startup-n times; one Item of the W1 corpus.
        w1 = os.path.join(corpora, "w1")
        item = next(os.path.join(w1, f) for f in sorted(os.listdir(w1))
                    if json.load(open(os.path.join(w1, f))).get("type") == "Feature")
        n = a.startup_n
        rows = []
        builds = [("", tool, None), (", MLM_WITH_CURL=OFF", tool_nc, None)]
        if preload:
            builds.append((", libcurl preloaded (as when it was linked)", tool, preload))
        cases = [("--version", ["--version"]), ("one Item, MLM rules", ["-q", item])]
        if full:
            cases.append(("one Item, full", ["-q"] + full + [item]))
        true = shutil.which("true") or "/bin/true"
        rows.append(measure("process floor: `true` (fork, exec, wait)", [[true]] * n, a.runs))
        for case, args in cases:
            for suffix, exe, env in builds:
                rows.append(measure(f"{case}{suffix}", [[exe] + args] * n, a.runs,
                                    ok_codes=(0, 1), env=env))
        for r in rows:
            r["per_process_ms"] = 1000.0 * r["wall"] / n
            r["per_process_cpu_ms"] = 1000.0 * r["cpu"] / n
        results["S"] = {"processes": n, "item": os.path.basename(item), "rows": rows}

    for wname in ("W1", "W2", "W3"):
        if wname not in work:
            continue
        nd = wname == "W3"
        target = os.path.join(corpora, "w3.ndjson" if nd else wname.lower())
        files, docs, size = corpus_stats([target], ndjson=nd)
        log(f"{wname}: {docs} documents, {size / MIB:.1f} MiB")
        rows = []
        ndflag = ["--ndjson"] if nd else []
        column(rows, "jansson parse (floor), 1 thread", [floor] + ndflag + [target], a.runs)
        column(rows, "mlm-validate, MLM rules, -j1", [tool, "-j1"] + ndflag + [target], a.runs)
        if wname != "W1":
            column(rows, "mlm-validate, MLM rules, -j2", [tool, "-j2"] + ndflag + [target],
                   a.runs)
        if full:
            column(rows, "mlm-validate, full, -j1", [tool, "-j1"] + full + ndflag + [target],
                   a.runs)
            column(rows, "mlm-validate, full, -j2", [tool, "-j2"] + full + ndflag + [target],
                   a.runs)
        if not nd:
            rel = [os.path.relpath(f, target) for f in files]
            for label, path in peers:
                slow = "Python" in label and wname == "W2"
                column(rows, f"{label}, batch", [path] + rel, a.slow_runs if slow else a.runs,
                       ok=(0, 1), cwd=target)
            if wname == "W1":
                # A CI job validates its ~70 files once: one process per file.
                column(rows, "mlm-validate, full, one process per file",
                       [tool, "-q"] + (full or []), a.slow_runs, ok=(0, 1), cwd=target,
                       per_file=rel)
                column(rows, "mlm-validate MLM_WITH_CURL=OFF, full, one process per file",
                       [tool_nc, "-q"] + (full or []), a.slow_runs, ok=(0, 1), cwd=target,
                       per_file=rel)
                column(rows, "process floor: `true`, one process per file",
                       [shutil.which("true") or "/bin/true"], a.slow_runs, cwd=target,
                       per_file=rel)
                for label, path in peers:
                    column(rows, f"{label}, one process per file", [path], a.slow_runs,
                           ok=(0, 1), cwd=target, per_file=rel)
        for r in rows:
            r["docs_per_s"] = docs / r["wall"]
            r["mb_per_s"] = size / MIB / r["wall"]
        results[wname] = {"docs": docs, "bytes": size, "rows": rows}
    results = {k: results[k] for k in ("S", "W1", "W2", "W3") if k in results}
    load1 = os.getloadavg()
    info = {"machine": machine_info(), "started": started.strftime("%Y-%m-%d %H:%M UTC"),
            "load_before": load0, "load_after": load1, "build_type": btype, "git": git_head(),
            "templates": origin, "rss_tool": "/usr/bin/time -f %M" if TIME else
            "wait4() ru_maxrss (includes the harness's RSS at fork)", "runs": a.runs, "slow_runs": a.slow_runs,
            "jansson": version_of(["pkg-config", "--modversion", "jansson"]),
            "node": version_of(["node", "--version"]) if peers else "-",
            "command": "python3 bench/run.py" + "".join(
                f" {x}" for x in sys.argv[1:])}
    text = render(results, info)
    print(text)
    json.dump({"info": info, "results": results},
              open(os.path.join(a.build, "bench-results.json"), "w"), indent=1)
    if not a.no_write:
        write_block(a.output, text)
        log(f"wrote the results into {a.output}")


# --- reporting -----------------------------------------------------------------------------


def find(rows, prefix):
    return next((r for r in rows if r["label"].startswith(prefix)), None)


def ratio(a, b):
    return a / b if a and b else None


def fmt_ratio(x, digits=2):
    return "n/a" if x is None else f"{x:.{digits}f}x"


def render(results, info):
    m = info["machine"]
    L = []
    L.append(f"Measured {info['started']} on {m['cpu']} ({m['cores']} cores, {m['memory']}), "
             f"{m['os']}; commit `{info['git']}`, {info['build_type']} build, jansson "
             f"{info['jansson']}, Python {m['python']}, Node {info['node']}.")
    L.append(f"Load average (1/5/15 min) before: {'/'.join(f'{x:.1f}' for x in info['load_before'])},"
             f" after: {'/'.join(f'{x:.1f}' for x in info['load_after'])}.")
    L.append(f"Command: `{info['command']}`. Wall time is the median of {info['runs']} runs "
             f"(rows marked * : {info['slow_runs']} run). Templates: {info['templates']}. "
             f"Peak RSS: {info['rss_tool']}.")
    L.append("")
    if "S" in results:
        S = results["S"]
        L.append(f"**Start-up**: {S['processes']} processes one after the other per run "
                 f"(one Item: `{S['item']}`); per process:")
        L.append("")
        L.append("| column | wall ms | CPU ms | peak RSS MiB | vs MLM_WITH_CURL=OFF | exit |")
        L.append("| --- | ---: | ---: | ---: | ---: | --- |")
        for r in S["rows"]:
            case = r["label"].split(",")[0] if not r["label"].startswith("one Item") else \
                ", ".join(r["label"].split(", ")[:2])
            ref = next((x for x in S["rows"] if x["label"] == case + ", MLM_WITH_CURL=OFF"), None)
            if r["label"].startswith("process floor"):
                ref = None
            L.append(f"| {r['label']} | {r['per_process_ms']:.2f} | {r['per_process_cpu_ms']:.2f} | "
                     f"{r['rss'] / MIB:.1f} | {fmt_ratio(ratio(r['wall'], ref and ref['wall']))} | "
                     f"{','.join(map(str, r['codes']))} |")
        L.append("")
    for wname, w in results.items():
        if wname == "S":
            continue
        rows = w["rows"]
        floor = find(rows, "jansson")
        L.append(f"**{wname}**: {w['docs']} documents, {w['bytes'] / MIB:.1f} MiB")
        L.append("")
        L.append("| column | wall s | docs/s | MB/s | peak RSS MiB | vs floor | CPU s | CPU vs floor | exit |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in rows:
            star = "*" if r["runs"] != info["runs"] else ""
            L.append(f"| {r['label']}{star} | {r['wall']:.3f} | {r['docs_per_s']:.0f} | "
                     f"{r['mb_per_s']:.1f} | {r['rss'] / MIB:.1f} | "
                     f"{fmt_ratio(ratio(r['wall'], floor['wall']))} | {r['cpu']:.3f} | "
                     f"{fmt_ratio(ratio(r['cpu'], floor['cpu']))} | "
                     f"{','.join(map(str, r['codes']))} |")
        L.append("")
    L.append("**Targets** (ratios from the medians above):")
    L.append("")
    L.append("| target | measured | met |")
    L.append("| --- | ---: | --- |")

    def target(name, value, ok, digits=2):
        L.append(f"| {name} | {fmt_ratio(value, digits) if value is not None else 'n/a'} | "
                 f"{'n/a' if value is None else ('yes' if ok(value) else '**no**')} |")

    def wall_and_cpu(name, num, den, ok, digits=2):
        """A target on the wall-time ratio num/den, then the same in CPU time."""
        target(name, ratio(num and num["wall"], den and den["wall"]), ok, digits)
        target("(the same in CPU time)", ratio(num and num["cpu"], den and den["cpu"]), ok, digits)

    if "S" in results:
        rows = results["S"]["rows"]
        for case in ("--version", "one Item, MLM rules", "one Item, full"):
            ours, ref = find(rows, case), find(rows, case + ", MLM_WITH_CURL=OFF")
            if ours and ref:
                wall_and_cpu(f"start-up, {case}: this build vs MLM_WITH_CURL=OFF, <= 1.10x",
                             ours, ref, lambda x: x <= 1.10)
    if "W1" in results:
        rows = results["W1"]["rows"]
        full = find(rows, "mlm-validate, full, -j1")
        wall_and_cpu("W1: the Python oracle in batch mode vs full -j1, >= 40x",
                     find(rows, "stac-oracle (Python jsonschema), batch"), full, lambda x: x >= 40, 1)
        peers = [r for r in rows if r["label"].startswith("stac-oracle") and "batch" in r["label"]]
        best = min((r["wall"] for r in peers), default=None)
        target("(W1: the faster reference validator in batch mode vs full -j1)",
               ratio(best, full and full["wall"]), lambda x: x >= 30, 1)
        wall_and_cpu("W1: the Python oracle's one process per file vs ours, >= 60x",
                     find(rows, "stac-oracle (Python jsonschema), one process per file"),
                     find(rows, "mlm-validate, full, one process per file"), lambda x: x >= 60, 1)
        wall_and_cpu("W1: full -j1 vs MLM rules -j1, <= 1.3x", full,
                     find(rows, "mlm-validate, MLM rules, -j1"), lambda x: x <= 1.3)
    if "W2" in results:
        rows = results["W2"]["rows"]
        floor = find(rows, "jansson")
        ajv = find(rows, "stac-oracle-node")
        f1 = find(rows, "mlm-validate, full, -j1")
        f2 = find(rows, "mlm-validate, full, -j2")
        r1 = find(rows, "mlm-validate, MLM rules, -j1")
        target("W2: full -j1 throughput vs ajv, >= 1x", ratio(ajv and ajv["wall"], f1 and f1["wall"]),
               lambda x: x >= 1)
        target("W2: full -j2 vs full -j1 throughput, >= 1.8x",
               ratio(f1 and f1["wall"], f2 and f2["wall"]), lambda x: x >= 1.8)
        target("W2: MLM rules -j1 time vs jansson floor, <= 1.25x",
               ratio(r1 and r1["wall"], floor["wall"]), lambda x: x <= 1.25)
        target("W2: full -j1 time vs jansson floor, <= 2.00x",
               ratio(f1 and f1["wall"], floor["wall"]), lambda x: x <= 2.0)
        target("(W2: the same two in CPU time: MLM rules, <= 1.25x)",
               ratio(r1 and r1["cpu"], floor["cpu"]), lambda x: x <= 1.25)
        target("(W2: full, <= 2.00x)", ratio(f1 and f1["cpu"], floor["cpu"]), lambda x: x <= 2.0)
    if "W3" in results:
        rows = results["W3"]["rows"]
        for r in rows:
            if r["label"].startswith("mlm-validate"):
                L.append(f"| W3: peak RSS, {r['label'][len('mlm-validate, '):]}, < 64 MiB | "
                         f"{r['rss'] / MIB:.1f} MiB | {'yes' if r['rss'] < 64 * MIB else '**no**'} |")
    return "\n".join(L) + "\n"


def write_block(path, text):
    block = f"{BEGIN}\n{text}{END}"
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else \
        "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + block + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    open(path, "w", encoding="utf-8").write(new)


if __name__ == "__main__":
    main()
