"""Phase two of the corpus rules: decide once every document has been seen.

Workers call :meth:`Project.collect` on each document and send back small keys;
the :class:`CorpusCollector` keeps them (grouped by rule, in input order) and
runs each rule's ``finalize`` at the end of the run. Memory grows with the
number of documents times the size of a key, never with the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .diagnostics import Diagnostic
from .internal import RULE_ERROR, internal
from .rule import DocRef
from .workspace import Project


class CorpusCollector:
    def __init__(self) -> None:
        self.keys: dict[str, list[tuple[DocRef, Any]]] = {}
        self.documents = 0

    def add(self, items: Iterable[tuple[DocRef, dict[str, Any]]]) -> None:
        for ref, per_rule in items:
            for name, key in per_rule.items():
                self.keys.setdefault(name, []).append((ref, key))

    def finish(self, project: Project, documents: int) -> list[Diagnostic]:
        """Findings of every corpus rule, sorted; nothing when fewer than two documents
        (unless a rule has something else to compare with, such as an index)."""
        if documents < 2 and not (documents and project.corpus_needs_single_document()):
            return []
        out: list[Diagnostic] = []
        for rule, options in project.corpus_rules():
            items = sorted(self.keys.get(rule.meta.name, []), key=lambda item: item[0].order)
            if not items:
                continue
            try:
                out.extend(rule.finalize(items, options))
            except Exception as exc:  # a rule bug must not lose the rest of the report
                out.append(
                    internal(
                        RULE_ERROR,
                        f"corpus rule {rule.meta.name} failed: {type(exc).__name__}: {exc}; "
                        "please report it",
                        path=None,
                    )
                )
        return sorted(out, key=lambda d: d.sort_key)
