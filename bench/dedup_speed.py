"""Speed of near-duplicate detection against datasketch, at 10k and 100k documents.

    python bench/dedup_speed.py [--sizes 10000 100000] [--runs 3]

The corpus is built by sampling Reuters-21578 stories and perturbing them
(dropping, swapping and inserting words; line breaks kept, so that the
boilerplate filter has lines to look at), so it holds exact, near and unrelated
documents. Both sides do the whole job from text to verified-or-candidate
pairs: normalize and shingle (5-word shingles), hash, index, query.

* newslint: ``make_key`` per document (words, word ids; the boilerplate filter
  is off here, as datasketch has none: measured separately), then
  ``near_matches`` (signatures, LSH, verification of every candidate).
* datasketch: ``MinHash(num_perm=128).update_batch(shingles)``, then
  ``MinHashLSH.query`` and ``insert`` per document, with the same threshold,
  number of permutations and (bands, rows) weights: 16 bands of 8 rows. Its
  candidates are not verified (that would only add to its time), and its
  recall counts clusters of unverified candidates (generous to it).
  newslint reads the same 128 values twice (``Options.layouts``: 16 bands of 8
  consecutive values, then 16 of 8 values taken across them, 32 keys a
  document); that costs it a little time, which is measured.

Each configuration runs in its own process (peak RSS is that process's
``ru_maxrss`` right after the run, so it includes the corpus texts, whose
size is printed as "corpus built"); runs alternate between the two sides; medians are printed.
Recall is measured on the planted pairs whose true Jaccard is >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "dupes" / "reuters21578_docs.jsonl"
sys.path.insert(0, str(REPO))


def build_corpus(n: int, seed: int = 1) -> tuple[list[str], list[tuple[int, int]]]:
    """n documents; planted (copy, source) pairs for recall."""
    rng = random.Random(seed)
    base = [json.loads(line)["text"] for line in DATA.open()]
    docs: list[str] = []
    planted: list[tuple[int, int]] = []
    first: dict[int, int] = {}
    for i in range(n):
        b = rng.randrange(len(base))
        # words, each line's last one keeping its line break (for the boilerplate filter)
        words = [w for line in base[b].split("\n") for w in _tokens(line)]
        if b in first and rng.random() < 0.7:
            for _ in range(rng.randrange(0, 3)):  # a light edit
                op = rng.random()
                j = rng.randrange(len(words))
                if op < 0.4:
                    del words[j]
                elif op < 0.7:
                    words.insert(j, rng.choice(("also", "said", "on", "Monday", "new")))
                elif j + 1 < len(words):
                    words[j], words[j + 1] = words[j + 1], words[j]
            planted.append((i, first[b]))
        elif b not in first:
            first[b] = i  # the story itself
        else:
            rng.shuffle(words)  # an unrelated document made of the same words
            if rng.random() < 0.5:
                words = words[: max(20, len(words) // 2)]
        docs.append(" ".join(words))
    return docs, planted


def _tokens(line: str) -> list[str]:
    words = line.split()
    if words:
        words[-1] += "\n"
    return words


_WORD = re.compile(r"\w+")


def run_newslint(docs: list[str], boilerplate: bool) -> tuple[float, set[tuple[int, int]]]:
    from newslint import dedup

    start = time.perf_counter()
    keys = [dedup.make_key(t, None, with_ids=True, boilerplate=boilerplate) for t in docs]
    exact, near = dedup.near_matches(keys, list(range(len(keys))), dedup.Options())
    elapsed = time.perf_counter() - start
    found = {(m.copy, m.original) for m in [*exact, *near]}
    return elapsed, found


def run_datasketch(docs: list[str]) -> tuple[float, set[tuple[int, int]]]:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.8, num_perm=128, weights=(0.05, 0.95))
    found: set[tuple[int, int]] = set()
    for i, text in enumerate(docs):
        w = _WORD.findall(text.casefold())
        sh = {" ".join(w[j : j + 5]).encode() for j in range(max(1, len(w) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(sh))
        for j in lsh.query(m):
            found.add((i, j))
        lsh.insert(i, m)
    return time.perf_counter() - start, found


def child(side: str, n: int) -> None:
    docs, planted = build_corpus(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if side == "datasketch":
        elapsed, found = run_datasketch(docs)
    else:
        elapsed, found = run_newslint(docs, boilerplate=side == "newslint+boilerplate")
    # peak RSS of the run itself (the recall computation below is not counted)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from newslint import dedup

    # recall on the planted pairs that really are >= 0.8 similar
    true_pairs = 0
    hits = 0
    keys = {}
    same = _clusters(found)
    for a, b in planted:
        for i in (a, b):
            if i not in keys:
                keys[i] = dedup.shingle_set(
                    dedup.make_key(docs[i], None, with_ids=True, boilerplate=False).ids, 5
                )
        if dedup.similarity(keys[a], keys[b])[0] >= 0.8:
            true_pairs += 1
            hits += same(a) == same(b)
    print(json.dumps({"elapsed": elapsed, "recall": hits / max(1, true_pairs),
                      "pairs": true_pairs, "rss_mb": rss, "corpus_mb": before}))  # fmt: skip


def _clusters(found: set[tuple[int, int]]) -> Any:
    """``root(doc)`` of the union-find over the reported (or candidate) pairs."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while x in parent:
            x = parent[x]
        return x

    for x, y in sorted(found):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    sides = ("newslint", "datasketch", "newslint+boilerplate")
    for n in args.sizes:
        results: dict[str, list[dict[str, float]]] = {s: [] for s in sides}
        for _ in range(args.runs):
            for side in sides:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", side, str(n)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                results[side].append(json.loads(out.stdout))
        print(f"{n} documents ({args.runs} runs, medians):")
        med = {}
        for side in sides:
            rs = results[side]
            t = statistics.median(r["elapsed"] for r in rs)
            med[side] = t
            print(f"  {side:<22} {t:8.2f} s  {n / t:9.0f} docs/s  recall {rs[0]['recall']:.4f} "
                  f"({rs[0]['pairs']:.0f} pairs)  "
                  f"peak RSS {max(r['rss_mb'] for r in rs):.0f} MB "
                  f"(corpus built: {max(r['corpus_mb'] for r in rs):.0f} MB)")  # fmt: skip
        print(f"  speed-up vs datasketch: {med['datasketch'] / med['newslint']:.1f}x "
              "(with the boilerplate filter: "
              f"{med['datasketch'] / med['newslint+boilerplate']:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
