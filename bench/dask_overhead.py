"""Overhead of ``--engine dask`` over ``--engine local`` on one machine, and 1 -> 2 workers.

The issue's target: on one machine the Dask engine costs at most 2.5x the wall
time of the local engine (same corpus, same number of processes), at 20,000 and
100,000 documents. Also reported: the Dask engine with 1 and with 2 workers.

    python bench/dask_overhead.py [--sizes 20000 100000] [--runs 3] [--workers 2]

The corpus is built from the Reuters-21578 stories in ``../shared/data``: each
story is repeated with about a tenth of its words replaced (a new document, not
a near copy), a few percent of the repeats are near copies (two words changed) or
exact copies, in JSONL shards of 2,000 records (what a crawl ships as parts).
Runs are interleaved (local, dask, dask with 1 worker) so that machine load
affects every side alike; the script prints every run and the medians, and
checks that both engines' reports are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "dupes" / "reuters21578_docs.jsonl"
SHARD = 2000


def build(directory: Path, size: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    base = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    vocabulary = [w for d in base[:500] for w in d["text"].split()][:20000]
    paths: list[str] = []
    out = None
    for n in range(size):
        if n % SHARD == 0:
            if out is not None:
                out.close()
            path = directory / f"part-{n // SHARD:05d}.jsonl"
            paths.append(path.name)
            out = path.open("w", encoding="utf-8")
        doc = dict(base[n % len(base)])
        words = doc["text"].split(" ")
        if n >= len(base):
            roll = rng.random()
            changes = 2 if roll < 0.04 else 0 if roll < 0.06 else max(1, len(words) // 10)
            for _ in range(changes):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        doc["text"] = " ".join(words)
        doc["id"] = f"doc-{n}"
        assert out is not None
        out.write(json.dumps(doc) + "\n")
    if out is not None:
        out.close()
    return paths


def run(cmd: list[str], cwd: Path, report: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "-o", str(report)], cwd=cwd, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "newslint", "check", "--format", "json", "-q"]
    w = str(args.workers)
    sides = {
        "local": [*exe, "--jobs", w],
        "dask": [*exe, "--engine", "dask", "--workers", w],
        "dask-1": [*exe, "--engine", "dask", "--workers", "1"],
    }
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            paths = build(root, size)
            times: dict[str, list[float]] = {name: [] for name in sides}
            for n in range(args.runs):
                for name, cmd in sides.items():
                    report = root / f"{name}.json"
                    t = run([*cmd, *paths], root, report)
                    times[name].append(t)
                    print(f"{size:>7} docs  run {n + 1}  {name:<7} {t:7.2f} s", flush=True)
            same = (root / "local.json").read_bytes() == (root / "dask.json").read_bytes()
            med = {name: statistics.median(ts) for name, ts in times.items()}
            print(
                f"{size:>7} docs  medians: local {med['local']:.2f} s, dask ({w} workers) "
                f"{med['dask']:.2f} s, dask (1 worker) {med['dask-1']:.2f} s; overhead "
                f"{med['dask'] / med['local']:.2f}x (target <= 2.5x); 1 -> {w} workers "
                f"speed-up {med['dask-1'] / med['dask']:.2f}x; reports identical: {same}"
            )


if __name__ == "__main__":
    main()
