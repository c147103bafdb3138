"""``--format json`` (one array) and ``--format jsonl`` (one object per line).

Each object is one diagnostic. Positions are 1-based lines and columns within
the checked text (for records: within the field); ``end_column`` is exclusive;
``offset`` / ``end_offset`` are character offsets. Records add ``record`` (the
line number in a JSONL file), ``doc_id`` and ``field``. The schema is versioned
(``SCHEMA_VERSION``) and documented in docs/output-formats.md.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, Related
from ..document import Document
from ..runner import FileResult
from . import Report, Writer

SCHEMA_VERSION = 1


def diagnostic_to_dict(d: Diagnostic, doc: Document | None = None) -> dict[str, Any]:
    fix: dict[str, Any] | None = None
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            item: dict[str, Any] = {"start": e.start, "end": e.end, "content": e.content}
            if doc is not None and e.end <= len(doc.text):
                item["line"], item["column"] = doc.position(e.start)
                item["end_line"], item["end_column"] = doc.position(e.end)
            edits.append(item)
        fix = {"applicability": d.fix.applicability.value, "title": d.fix.title, "edits": edits}
    return {
        "path": d.path,
        "record": d.record,
        "doc_id": d.doc_id,
        "field": d.field,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "offset": d.start,
        "end_offset": d.end,
        "code": d.code,
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity.value,
        "message": d.message,
        "note": d.note,
        "fix": fix,
        "fingerprint": d.fingerprint,
        "related": [related_to_dict(r) for r in d.related],
    }


def related_to_dict(r: Related) -> dict[str, Any]:
    return {
        "path": r.path,
        "record": r.record,
        "doc_id": r.doc_id,
        "line": r.line,
        "message": r.message,
    }


def _doc_for(result: FileResult) -> Document | None:
    # whole-file results know their text, so edits get line/column too
    if result.text is not None and not result.new_records and result.documents == 1:
        return result.document
    return None


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode


def indented(value: Any, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with every line after the
    first indented by ``indent``: the same text, but the values go through the C
    encoder (``indent`` makes json.dumps use its pure-Python one, ~4x slower)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = ",\n".join(
            f"{inner}{_SCALAR(str(k))}: {indented(v, inner)}" for k, v in value.items()
        )
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + indented(v, inner) for v in value) + "\n" + indent + "]"
    return _SCALAR(value)


class JsonWriter(Writer):
    """A JSON array, written item by item so that large reports stream."""

    first = True

    def write(self, result: FileResult) -> None:
        doc = _doc_for(result)
        for d in result.diagnostics:
            item = "  " + indented(diagnostic_to_dict(d, doc), "  ")
            self.stream.write(("[\n" if self.first else ",\n") + item)
            self.first = False

    def close(self, report: Report) -> None:
        self.stream.write("[]\n" if self.first else "\n]\n")


_STR = json.encoder.encode_basestring  # the C function json.dumps(ensure_ascii=False) uses


def _str(value: str | None) -> str:
    return "null" if value is None else _STR(value)


def _int(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def diagnostic_json(d: Diagnostic, doc: Document | None = None) -> str:
    """``json.dumps(diagnostic_to_dict(d, doc), ensure_ascii=False)``, the same text
    (tested), written out directly: 3-4x cheaper than building the dict and running
    the encoder, which matters when a corpus run reports millions of findings."""
    fix = "null"
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            item = f'{{"start": {e.start}, "end": {e.end}, "content": {_STR(e.content)}'
            if doc is not None and e.end <= len(doc.text):
                line, column = doc.position(e.start)
                end_line, end_column = doc.position(e.end)
                item += (f', "line": {line}, "column": {column}, "end_line": {end_line}, '
                         f'"end_column": {end_column}')  # fmt: skip
            edits.append(item + "}")
        fix = (f'{{"applicability": {_STR(d.fix.applicability.value)}, '
               f'"title": {_STR(d.fix.title)}, "edits": [{", ".join(edits)}]}}')  # fmt: skip
    related = ", ".join(
        f'{{"path": {_str(r.path)}, "record": {_int(r.record)}, "doc_id": {_str(r.doc_id)}, '
        f'"line": {_int(r.line)}, "message": {_str(r.message)}}}'
        for r in d.related
    )
    return (
        f'{{"path": {_str(d.path)}, "record": {_int(d.record)}, "doc_id": {_str(d.doc_id)}, '
        f'"field": {_str(d.field)}, "line": {_int(d.line)}, "column": {_int(d.column)}, '
        f'"end_line": {_int(d.end_line)}, "end_column": {_int(d.end_column)}, '
        f'"offset": {_int(d.start)}, "end_offset": {_int(d.end)}, "code": {_str(d.code)}, '
        f'"rule": {_str(d.rule)}, "category": {_str(d.category)}, '
        f'"severity": {_str(d.severity.value)}, "message": {_str(d.message)}, '
        f'"note": {_str(d.note)}, "fix": {fix}, "fingerprint": {_str(d.fingerprint)}, '
        f'"related": [{related}]}}'
    )


class JsonLinesWriter(Writer):
    """One JSON object per line: easy to stream, grep and concatenate."""

    def write(self, result: FileResult) -> None:
        if result.diagnostics:
            doc = _doc_for(result)
            lines = [diagnostic_json(d, doc) for d in result.diagnostics]
            self.stream.write("\n".join(lines) + "\n")
