"""Output formats. A writer receives file results in input order, as they come
(so that a corpus report streams), and a :class:`Report` of totals at the end.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple, TextIO

from ..diagnostics import Diagnostic
from ..runner import FileResult

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "html")


class WriterOptions(NamedTuple):
    unsafe_fixes: bool = False
    fixing: bool = False  # --fix (not --diff): fixed problems are written
    quiet: bool = False
    statistics: bool = False
    color: bool = False
    registry: Any = None  # for formats that describe the rules (SARIF)
    fields: Any = None  # the record field map (the HTML report reads quoted records again)


class Report:
    """Totals over a run: what the summary, statistics and exit code need."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.documents = 0
        self.counts: Counter[tuple[str, str]] = Counter()
        self.fixable: Counter[tuple[str, str]] = Counter()
        self.safe = 0
        self.unsafe = 0
        self.problems = 0
        self.fixed = 0
        self.changed_paths: set[str] = set()
        self.input_errors = 0
        self.suppressed = 0

    def add(self, result: FileResult, unsafe_fixes: bool) -> None:
        self.paths.add(result.path)
        self.documents += result.documents
        self.fixed += len(result.fixed)
        if result.changed:
            self.changed_paths.add(result.path)
        if result.input_error:
            self.input_errors += 1
        for d in result.diagnostics:
            self.count(d, unsafe_fixes)

    def count(self, d: Diagnostic, unsafe_fixes: bool) -> None:
        key = (d.code, d.rule)
        self.problems += 1
        self.counts[key] += 1
        if d.fixable(unsafe_fixes):
            self.fixable[key] += 1
        if d.fixable(False):
            self.safe += 1
        elif d.fixable(True):
            self.unsafe += 1


class Writer:
    """Base class: streams nothing, prints nothing."""

    def __init__(self, stream: TextIO, options: WriterOptions) -> None:
        self.stream = stream
        self.options = options

    def write(self, result: FileResult) -> None:
        raise NotImplementedError

    def close(self, report: Report) -> None:
        pass


def make_writer(name: str, stream: TextIO, options: WriterOptions) -> Writer:
    if name == "json":
        from .json import JsonWriter

        return JsonWriter(stream, options)
    if name == "jsonl":
        from .json import JsonLinesWriter

        return JsonLinesWriter(stream, options)
    if name == "sarif":
        from .sarif import SarifWriter

        return SarifWriter(stream, options)
    if name == "github":
        from .github import GithubWriter

        return GithubWriter(stream, options)
    if name == "junit":
        from .junit import JunitWriter

        return JunitWriter(stream, options)
    if name == "html":
        from .html import HtmlWriter

        return HtmlWriter(stream, options)
    from .text import TextWriter

    return TextWriter(stream, options)
