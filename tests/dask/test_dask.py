#!/usr/bin/python3
"""tools/dask/mlm_dask.py on a Dask LocalCluster: merged summary, a failed
task retried (an injected failure), a task that keeps failing named (not
lost), and the same code through --scheduler against a scheduler address.

usage: test_dask.py MLM_VALIDATE      exit 0 pass, 1 fail, 77 skip (no
Debian python3-distributed under this python)."""

import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE, "tools", "dask"))

try:
    import distributed  # noqa: F401
except ImportError:
    print("SKIP: dask.distributed is not installed for %s (Debian: python3-distributed)"
          % sys.executable)
    sys.exit(77)

import mlm_dask  # noqa: E402


def line_of(name):
    with open(os.path.join(SOURCE, "tests", "url", "fixtures", name), encoding="utf-8") as f:
        return json.dumps(json.load(f))


def make_shards(folder):
    """4 shards of 25 lines; invalid Items at known lines, one broken line."""
    good, bad = line_of("item.json"), line_of("invalid.json")
    expected = []
    names = ["a.ndjson", "b.ndjson", "c-fail-once.ndjson", "d.ndjson"]
    for k, name in enumerate(names):
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            for line in range(1, 26):
                if line == 5 + k:
                    f.write(bad + "\n")
                    expected.append((path, line, False))
                elif name == "d.ndjson" and line == 25:
                    f.write('{"type": "Feature", \n')
                    expected.append((path, line, True))
                else:
                    f.write(good + "\n")
    return names, expected


def check(summary, expected, failed_shards=()):
    assert summary["documents"] == 100 - 25 * len(failed_shards), summary["documents"]
    n_bad = len([e for e in expected if not e[2] and os.path.basename(e[0]) not in failed_shards])
    assert summary["invalid"] == n_bad, summary
    got = [(p["shard"], p["line"], p["unreadable"]) for p in summary["problems"]]
    want = sorted(e for e in expected if os.path.basename(e[0]) not in failed_shards)
    assert got == want, (got, want)
    assert summary["errors_by_rule"].get("MLM100") == n_bad, summary["errors_by_rule"]
    for p in summary["problems"]:
        if not p["unreadable"]:
            assert "MLM100" in p["rules"], p


def main():
    exe = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="mlm-dask-") as tmp:
        shards = os.path.join(tmp, "shards")
        os.mkdir(shards)
        names, expected = make_shards(shards)
        marks = os.path.join(tmp, "marks")
        os.mkdir(marks)
        out = os.path.join(tmp, "summary.json")

        # 1. LocalCluster, one injected failure: retried, nothing lost.
        rc = mlm_dask.main([shards, "--mlm-validate", exe, "--workers", "2", "--retries", "2",
                            "--fail-once-dir", marks, "--output", out])
        summary = json.load(open(out))
        assert rc == 3, rc  # the broken line of d.ndjson
        assert os.path.exists(os.path.join(marks, "c-fail-once.ndjson.attempted"))
        assert summary["failed_shards"] == [], summary["failed_shards"]
        assert summary["shards"] == 4 and summary["unreadable"] == 1
        check(summary, expected)

        # 2. No retries: the failing task is named under failed_shards, exit 3.
        os.unlink(os.path.join(marks, "c-fail-once.ndjson.attempted"))
        rc = mlm_dask.main([shards, "--mlm-validate", exe, "--workers", "1", "--retries", "0",
                            "--fail-once-dir", marks, "--output", out])
        summary = json.load(open(out))
        assert rc == 3, rc
        assert [os.path.basename(f["shard"]) for f in summary["failed_shards"]] == \
            ["c-fail-once.ndjson"], summary["failed_shards"]
        assert "injected failure" in summary["failed_shards"][0]["error"]
        check(summary, expected, failed_shards=("c-fail-once.ndjson",))

        # 3. The same code against a scheduler address (--scheduler).
        from dask.distributed import LocalCluster
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=40) as cluster:
            rc = mlm_dask.main([shards, "--mlm-validate", exe,
                                "--scheduler", cluster.scheduler_address, "--output", out])
        summary = json.load(open(out))
        assert rc == 3 and summary["workers"] == 1, (rc, summary["workers"])
        check(summary, expected)

        # 4. Only valid shards: exit 0; an invalid one: exit 1.
        rc = mlm_dask.main([os.path.join(shards, "a.ndjson"), "--mlm-validate", exe,
                            "--workers", "1", "--output", out])
        assert rc == 1, rc
    print("all Dask cases passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
