"""Time each per-document rule over the same documents (where does the time go?).

    python bench/rule_costs.py [--docs 3000] [--runs 3]

Reads documents from the throughput corpus (bench/throughput.py builds it) and
times ``rule.check`` for every selected per-document rule on every document, as
the engine calls it, plus the whole ``Linter.lint`` (rules + engine policy).
Prints milliseconds per rule (median of ``--runs``), sorted by cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from newslint.config import Config
from newslint.document import Document
from newslint.workspace import Project

CORPUS = Path("/tmp/newslint-bench/corpus-20MB.jsonl")


def load(n: int) -> list[tuple[str, str | None, str, int, dict[str, str]]]:
    docs = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            d = json.loads(line)
            docs.append((d["text"], d.get("title"), d["id"], i + 1, {"url": d.get("url", "")}))
    return docs


def fresh(raw: list[tuple[str, str | None, str, int, dict[str, str]]]) -> list[Document]:
    return [
        Document(t, title=ti, id=i, record=r, field="text", metadata=m) for t, ti, i, r, m in raw
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = Project(Config())
    linter = project.linter_for(None)
    rules = linter.document_rules
    raw = load(args.docs)
    mb = sum(len(t.encode()) for t, *_ in raw) / 1e6
    costs: dict[str, list[float]] = {r.meta.name: [] for r in rules}
    whole: list[float] = []
    for _ in range(args.runs):
        docs = fresh(raw)
        for rule in rules:
            options = linter.ruleset.options_for(rule)
            start = time.process_time()
            for doc in docs:
                list(rule.check(doc, options))
            costs[rule.meta.name].append(time.process_time() - start)
        docs = fresh(raw)
        start = time.process_time()
        for doc in docs:
            linter.lint(doc)
        whole.append(time.process_time() - start)
    total = statistics.median(whole)
    print(
        f"{len(raw)} documents, {mb:.1f} MB: Linter.lint "
        f"{total * 1000:.0f} ms = {mb / total:.2f} MB/s (CPU time)"
    )
    for name, ts in sorted(costs.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {statistics.median(ts) * 1000:8.1f} ms  {name}")


if __name__ == "__main__":
    main()
