"""Cost of the HTML report (``--format html``): time and peak memory of the writer.

    python bench/html_report.py [--documents 100000,1000000] [--per-doc 2]

Feeds :class:`newslint.formats.html.HtmlWriter` synthetic results shaped like a
JSONL run (chunks of 500 records, ``--per-doc`` findings per document from a
few rules, a source host per record, 1% of the documents reported as
duplicates at the end as a corpus rule would) and measures, per corpus size,
the writer's time per document and the peak of Python allocations
(``tracemalloc``, in a second run) while writing and rendering. The peak includes
one chunk of results and the corpus findings, which the command holds anyway. The
writer keeps counters, a
bounded number of examples and worst documents, one bit per record (affected?)
and two bytes per record (source), so the peak should grow by a few bytes per
document, not with the findings.
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.formats import Report, WriterOptions
from newslint.formats.html import HtmlWriter
from newslint.runner import FileResult

RULES = (
    ("NL101", "entity-debris", "encoding"),
    ("NL501", "whitespace", "typography"),
    ("NL301", "boilerplate", "boilerplate"),
)
CHUNK = 500


def diagnostic(
    code: str, rule: str, category: str, record: int, i: int, **kw: object
) -> Diagnostic:
    fix = Fix((Edit(i, i + 4, "<"),), Applicability.SAFE, "replace")
    return Diagnostic(code, rule, category, Severity.WARNING, f"finding {i}", i, i + 4, 1, i + 1,
                      1, i + 5, fix=fix, path="corpus.jsonl", doc_id=f"d{record}",
                      record=record, field="text", **kw)  # type: ignore[arg-type]  # fmt: skip


def results(documents: int, per_doc: int) -> Iterator[FileResult]:
    for start in range(1, documents + 1, CHUNK):
        found: list[Diagnostic] = []
        sources: dict[int, str] = {}
        stop = min(start + CHUNK, documents + 1)
        for record in range(start, stop):
            sources[record] = f"https://www.site{record % 500}.example/a/{record}"
            for i in range(per_doc if record % 3 else 0):
                code, rule, category = RULES[(record + i) % len(RULES)]
                found.append(diagnostic(code, rule, category, record, i))
        result = FileResult(path="corpus.jsonl", diagnostics=found)
        result.documents = stop - start
        result.sources = sources  # type: ignore[attr-defined]  # proposed FileResult field
        yield result
    dups = [
        diagnostic("NL203", "duplicate-document", "duplication", r, 0,
                   related=(Related("corpus.jsonl", None, 1, "the original", r - 1),))
        for r in range(2, documents + 1, 100)
    ]  # fmt: skip
    yield FileResult(path="corpus.jsonl", diagnostics=dups)


def measure(documents: int, per_doc: int, trace: bool) -> tuple[float, float, int]:
    """Seconds in the writer (without tracing), or peak MiB of allocations (tracing)."""
    if trace:
        tracemalloc.start()
    stream = io.StringIO()
    writer = HtmlWriter(stream, WriterOptions())
    report = Report()
    elapsed = 0.0
    for result in results(documents, per_doc):
        t = time.perf_counter()
        report.add(result, False)
        writer.write(result)
        elapsed += time.perf_counter() - t
    t = time.perf_counter()
    writer.close(report)
    elapsed += time.perf_counter() - t
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak / 2**20, len(stream.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="100000,1000000")
    parser.add_argument("--per-doc", type=int, default=2)
    args = parser.parse_args()
    print(f"{'documents':>10} {'us/doc':>8} {'peak MiB':>9} {'page KiB':>9}")
    for n in (int(x) for x in args.documents.split(",")):
        elapsed, _, size = measure(n, args.per_doc, trace=False)
        _, peak, _ = measure(n, args.per_doc, trace=True)
        print(f"{n:>10,} {1e6 * elapsed / n:>8.2f} {peak:>9.1f} {size / 1024:>9.0f}")


if __name__ == "__main__":
    main()
