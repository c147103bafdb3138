"""Diagnostics newslint reports about itself and its input (codes NL0xx).

These are not rules: they cannot be selected or ignored, and they always count
as errors, because they mean that some text was not checked or not fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .document import Document

INPUT_ERROR = ("NL001", "input-error")
RULE_ERROR = ("NL002", "rule-error")
FIX_LOOP = ("NL003", "fix-not-converged")
INVALID_RECORD = ("NL004", "invalid-record")
INTERNAL_CODES = {code for code, _ in (INPUT_ERROR, RULE_ERROR, FIX_LOOP, INVALID_RECORD)}


def internal(
    kind: tuple[str, str],
    message: str,
    *,
    path: str | None,
    doc_id: str | None = None,
    line: int = 1,
    column: int = 1,
    record: int | None = None,
    field: str | None = None,
) -> Diagnostic:
    code, name = kind
    return Diagnostic(
        code=code,
        rule=name,
        category="input",
        severity=Severity.ERROR,
        message=message,
        start=0,
        end=0,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
        path=path,
        doc_id=doc_id,
        record=record,
        field=field,
    )


def internal_in(kind: tuple[str, str], message: str, doc: Document) -> Diagnostic:
    """:func:`internal` placed at the start of a document (its path, id, record, field)."""
    return internal(kind, message, path=doc.path, doc_id=doc.id, record=doc.record,
                    field=doc.field)  # fmt: skip
