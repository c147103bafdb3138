"""``--format json``: a JSON array with one object per diagnostic.

Positions are 1-based lines and columns; ``end_column`` is exclusive. ``offset``
and ``end_offset`` are character offsets into the (decoded) text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Diagnostic
from ..document import Document
from ..runner import FileResult

SCHEMA_VERSION = 1


def diagnostic_to_dict(d: Diagnostic, doc: Document | None) -> dict[str, Any]:
    fix: dict[str, Any] | None = None
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            item: dict[str, Any] = {"start": e.start, "end": e.end, "content": e.content}
            if doc is not None and e.end <= len(doc.text):
                item["line"], item["column"] = doc.position(e.start)
                item["end_line"], item["end_column"] = doc.position(e.end)
            edits.append(item)
        fix = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": edits,
        }
    return {
        "path": d.path,
        "doc_id": d.doc_id,
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
        "related": [
            {"path": r.path, "doc_id": r.doc_id, "line": r.line, "message": r.message}
            for r in d.related
        ],
    }


def render(results: Iterable[FileResult]) -> str:
    items: list[dict[str, Any]] = []
    for result in results:
        doc = result.document if result.text is not None else None
        items.extend(diagnostic_to_dict(d, doc) for d in result.diagnostics)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
