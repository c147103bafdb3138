"""Throughput and memory of `newslint check` over a realistic JSONL news corpus.

    python bench/throughput.py [--mb 200] [--runs 3]

Builds corpora of 20 MB and ``--mb`` MB (default 200) of JSONL from the real text
in ../shared/data (Reuters stories as distributed, with their entity debris, and
the Zyte pages' text), then measures, in the same run:

* `newslint check --jobs 1` with all default per-document rules (corpus rules
  off: the per-document throughput), in MB/s, median of ``--runs`` runs;
* the same with the corpus rules too (the default run: duplicate documents,
  template lines, source style), whose keys are kept until the end of the run;
* `--jobs 2`, and the speed-up over `--jobs 1`;
* `ftfy.fix_text` over the same texts, in MB/s (the bar a user would compare with);
* peak RSS of the newslint process at 20 MB and at the full size (flat = streaming).

Targets (issue 7): >= 10 MB/s per core, >= 3x ftfy.fix_text, --jobs 2 >= 1.7x
--jobs 1, peak memory within 20% from 20 MB to 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
WORK = Path(os.environ.get("NEWSLINT_BENCH_DIR", "/tmp/newslint-bench"))


def source_texts() -> list[dict[str, str]]:
    docs = []
    with (DATA / "dupes" / "reuters21578_docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs.append({"title": d["title"], "text": d["text_raw"], "source": "reuters"})
    with (DATA / "boilerplate" / "zyte_aeb.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            lines = [x["text"] for x in d["lines"]]
            docs.append({"title": lines[0] if lines else "", "text": "\n\n".join(lines[1:]),
                         "url": d["url"]})  # fmt: skip
    return docs


def build(path: Path, megabytes: int) -> Path:
    if path.exists() and path.stat().st_size >= megabytes * 1_000_000:
        return path
    docs = source_texts()
    rng = random.Random(megabytes)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            d = dict(rng.choice(docs))
            d = {"id": f"doc-{n}", **d}
            line = json.dumps(d, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode())
            n += 1
    return path


def run_newslint(corpus: Path, jobs: int, corpus_rules: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run (``corpus_rules``: the default run,
    with the cross-document rules; else per-document rules only)."""
    cmd = [
        sys.executable, "-m", "newslint", "check", str(corpus), "--jobs", str(jobs),
        "--format", "jsonl", "--output-file", os.devnull, "--exit-zero",
    ]  # fmt: skip
    if not corpus_rules:
        cmd.append("--no-corpus")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed: {proc.stderr[-2000:]}")
    try:
        rss = int(proc.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        rss = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, rss


def ftfy_rate(corpus: Path, limit_mb: int = 20) -> float:
    import ftfy

    texts = []
    size = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            texts.append(t)
            size += len(t.encode())
            if size > limit_mb * 1_000_000:
                break
    start = time.perf_counter()
    for t in texts:
        ftfy.fix_text(t)
    return size / 1e6 / (time.perf_counter() - start)


def text_share(corpus: Path) -> float:
    """The share of the file's bytes that are the ``text`` fields."""
    text = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            text += len(json.loads(line)["text"].encode())
    return text / corpus.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    small = build(WORK / "corpus-20MB.jsonl", 20)
    large = build(WORK / f"corpus-{args.mb}MB.jsonl", args.mb)
    mb_small = small.stat().st_size / 1e6
    mb_large = large.stat().st_size / 1e6
    print(f"corpora: {mb_small:.0f} MB and {mb_large:.0f} MB of JSONL ({small.parent})")

    t1 = [run_newslint(small, 1) for _ in range(args.runs)]
    t2 = [run_newslint(small, 2) for _ in range(args.runs)]
    f = [ftfy_rate(small, 10) for _ in range(args.runs)]
    one = mb_small / statistics.median(t for t, _ in t1)
    two = mb_small / statistics.median(t for t, _ in t2)
    fx = statistics.median(f)
    # ftfy sees the text fields only; newslint's rate counts the JSONL file (ids, titles,
    # JSON syntax too): the comparison uses newslint's rate in text bytes as well
    share = text_share(small)
    print(f"newslint --jobs 1: {one:6.2f} MB/s (median of {args.runs}; target >= 10)")
    print(f"newslint --jobs 2: {two:6.2f} MB/s, {two / one:.2f}x --jobs 1 (target >= 1.7)")
    print(f"ftfy.fix_text:     {fx:6.2f} MB/s of text; newslint --jobs 1: {one * share:.2f} MB/s "
          f"of text fields ({share:.0%} of the file) = {one * share / fx:.1f}x ftfy "
          f"(target >= 3)")  # fmt: skip
    full = [run_newslint(small, 1, corpus_rules=True) for _ in range(args.runs)]
    whole = mb_small / statistics.median(t for t, _ in full)
    print(f"with the corpus rules (the default run: duplicates, templates, source style), "
          f"--jobs 1: {whole:6.2f} MB/s = {whole * share / fx:.1f}x ftfy; peak RSS "
          f"{statistics.median(r for _, r in full) / 1024:.0f} MiB")  # fmt: skip
    big_time, big_rss = run_newslint(large, 1)
    small_rss = statistics.median(r for _, r in t1)
    print(f"peak RSS --jobs 1: {small_rss / 1024:.0f} MiB at {mb_small:.0f} MB, "
          f"{big_rss / 1024:.0f} MiB at {mb_large:.0f} MB "
          f"({(big_rss / small_rss - 1) * 100:+.0f}%; target within 20%); "
          f"{mb_large / big_time:.2f} MB/s on the large corpus")  # fmt: skip


if __name__ == "__main__":
    main()
