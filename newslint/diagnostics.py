"""Typed results: diagnostics and the fixes they carry.

A fix is a list of span edits on the document's text plus an applicability:

* ``safe``: restores what the publisher wrote (re-decoding, an entity, an exact
  boilerplate line, whitespace); applied by ``--fix``.
* ``unsafe``: changes wording or identity (a name to the house style, a near
  duplicate); applied only with ``--unsafe-fixes``.
* ``display``: shown to the user, never applied (a curation decision).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    @property
    def rank(self) -> int:
        return {"safe": 0, "unsafe": 1, "display": 2}[self.value]

    def allowed(self, unsafe_fixes: bool) -> bool:
        """Whether a fix of this applicability is applied under the given mode."""
        if self is Applicability.SAFE:
            return True
        return self is Applicability.UNSAFE and unsafe_fixes


class _EditFields(NamedTuple):
    start: int
    end: int
    content: str = ""


class Edit(_EditFields):
    """Replace ``text[start:end]`` with ``content`` (character offsets).

    Edits are tuples, so they sort by position.
    """

    __slots__ = ()

    def __new__(cls, start: int, end: int, content: str = "") -> Edit:
        if not 0 <= start <= end:
            raise ValueError(f"invalid edit span {start}..{end}")
        return super().__new__(cls, start, end, content)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)

    def overlaps(self, other: Edit) -> bool:
        if self.start < other.end and other.start < self.end:
            return True
        # Two insertions (or an insertion at the boundary of a replacement) at one
        # point have no defined order: treat them as conflicting.
        return self.start == other.start and (self.start == self.end or other.start == other.end)


class _FixFields(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str


class Fix(_FixFields):
    """A set of non-overlapping edits applied together, or not at all."""

    __slots__ = ()

    def __new__(cls, edits: Iterable[Edit], applicability: Applicability, title: str) -> Fix:
        ordered = tuple(edits)
        if len(ordered) > 1:  # (most fixes are one edit)
            ordered = tuple(sorted(ordered))
            for a, b in itertools.pairwise(ordered):
                if a.overlaps(b):
                    raise ValueError(f"overlapping edits in one fix: {a} and {b}")
        return tuple.__new__(cls, (ordered, applicability, title))

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> Fix:
        return cls(edits, Applicability.SAFE, title)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> Fix:
        return cls(edits, Applicability.UNSAFE, title)

    @classmethod
    def display(cls, title: str, *edits: Edit) -> Fix:
        return cls(edits, Applicability.DISPLAY, title)

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0

    @property
    def end(self) -> int:
        return self.edits[-1].end if self.edits else 0

    def with_applicability(self, applicability: Applicability) -> Fix:
        return Fix(self.edits, applicability, self.title)

    def overlaps(self, other: Fix) -> bool:
        return any(a.overlaps(b) for a in self.edits for b in other.edits)


class Related(NamedTuple):
    """Another place a diagnostic refers to (the original of a duplicate, say)."""

    path: str | None
    doc_id: str | None = None
    line: int | None = None
    message: str | None = None
    record: int | None = None


class Diagnostic(NamedTuple):
    """One problem found by one rule, located by character offsets and line/column.

    ``line``/``column`` are 1-based; ``end_line``/``end_column`` point just past the
    last character of the span (exclusive end), as in LSP and SARIF.
    """

    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    path: str | None = None
    doc_id: str | None = None
    related: tuple[Related, ...] = ()
    note: str | None = None
    record: int | None = None  # record number in a JSONL/JSON/CSV input (1-based)
    field: str | None = None  # which field of the record ("text", "title")
    fingerprint: str | None = None  # content-based identity (see newslint.baseline)

    @property
    def sort_key(self) -> tuple[str, int, str, int, int, str]:
        return (
            self.path or "",
            self.record or 0,
            self.field or "",
            self.start,
            self.end,
            self.code,
        )

    def fixable(self, unsafe_fixes: bool = False) -> bool:
        return self.fix is not None and self.fix.applicability.allowed(unsafe_fixes)

    def replace(self, **changes: Any) -> Diagnostic:
        return self._replace(**changes)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: d.sort_key)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits to ``text`` in one pass."""
    pieces: list[str] = []
    pos = 0
    for edit in sorted(edits):
        if edit.start < pos or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        pieces.append(text[pos : edit.start])
        pieces.append(edit.content)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces)
