"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other viewers.

One run; ``tool.driver`` describes newslint and every rule that has a result
(id = code, name, short and full description, the rule's documentation as
help in Markdown, default level, category and fix safety). Each result has
its rule, level (``error`` / ``warning`` / ``note`` for info), message, one
location, related locations, the fix as a replacement and a content-based
fingerprint (``partialFingerprints["newslint/v1"]``, the same one the
baseline uses), so that a viewer tracks a problem across runs even when
lines move.

Locations. Artifact URIs are POSIX paths relative to ``%SRCROOT%``, the
current directory (in a GitHub workflow: ``$GITHUB_WORKSPACE``), given in
``originalUriBaseIds``; columns count Unicode code points
(``columnKind``). In a text file the region is the problem's exact span. A
problem in a JSONL record is placed on the record's line of the file; the
record number, document id, field and the span inside the field are in the
result's ``properties`` and at the end of the message. (In JSON-array and
CSV inputs a record is not a line, so the region is left out.) Fixes are
given only for text files, whose regions map onto the file; for records the
fix's title and applicability are kept in ``properties``.

Results are collected and the log is written at :meth:`SarifWriter.close`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..diagnostics import Diagnostic, Related
from ..document import Document
from ..runner import FileResult
from . import Report, Writer
from .github import is_jsonl, record_suffix, workspace_path

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "newslint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# newslint's own diagnostics are not rules of the registry
INTERNAL = {
    "NL001": "A file or record could not be read or written.",
    "NL002": "A rule crashed; the rest of the document was still checked.",
    "NL003": "Fixes did not converge within the pass limit (a bug in a rule).",
    "NL004": "A record is malformed: bad JSON, a missing field or a value of the wrong type.",
}


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?) of a path: relative to %SRCROOT% when inside it."""
    rel = workspace_path(path)
    if rel.startswith("/") or re.match(r"^[A-Za-z]:/", rel):
        return Path(rel).as_uri(), False
    return quote(rel, safe="/-._~!$&'()*+,;=@"), True


def artifact_location(path: str) -> dict[str, Any]:
    uri, relative = artifact_uri(path)
    location: dict[str, Any] = {"uri": uri}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    return location


def _section(doc: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    return match.group(1).strip() if match else ""


def rule_descriptor(example: Diagnostic, registry: Any) -> dict[str, Any]:
    """The ``reportingDescriptor`` of the rule that reported ``example``."""
    code = example.code
    rule = registry.by_code.get(code) if registry is not None else None
    if rule is None:  # newslint's own codes, or a rule of another configuration
        return {
            "id": code,
            "name": example.rule,
            "shortDescription": {"text": INTERNAL.get(code, example.rule)},
            "defaultConfiguration": {"level": "error" if code in INTERNAL else "warning"},
            "properties": {"category": example.category, "tags": [example.category]},
        }
    from ..explain import rule_doc

    meta = rule.meta
    doc = rule_doc(rule)
    full = _section(doc, "What it does") or meta.summary
    descriptor: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS[meta.severity.value]},
        "properties": {
            "category": meta.category,
            "scope": meta.scope,
            "fix": meta.fix.value if meta.fix else "none",
            "tags": [meta.category],
        },
    }
    if doc:
        descriptor["help"] = {"text": doc, "markdown": doc}
    return descriptor


def fingerprint(d: Diagnostic) -> str:
    if d.fingerprint:
        return d.fingerprint
    # newslint's own diagnostics and anything without one: rule + document + message
    where = d.doc_id or (Path(d.path).as_posix() if d.path else "")
    parts = "\0".join((d.code, where, d.field or "", d.message))
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _location(d: Diagnostic) -> dict[str, Any] | None:
    if d.path is None:
        return None
    physical: dict[str, Any] = {"artifactLocation": artifact_location(d.path)}
    if d.record is None:
        physical["region"] = _region(d.line, d.column, d.end_line, d.end_column)
    elif is_jsonl(d.path):
        physical["region"] = {"startLine": d.record, "endLine": d.record}
    return {"physicalLocation": physical}


def _related(d: Diagnostic, r: Related, index: int) -> dict[str, Any]:
    # a rule that points inside its own record does not repeat the record number
    record = r.record
    if record is None and d.record is not None and r.path == d.path and r.doc_id == d.doc_id:
        record = d.record
    out: dict[str, Any] = {"id": index}
    if r.path is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(r.path)}
        if record is not None:
            if is_jsonl(r.path):
                physical["region"] = {"startLine": record, "endLine": record}
        elif r.line is not None:
            physical["region"] = {"startLine": r.line}
        out["physicalLocation"] = physical
    if r.message:
        out["message"] = {"text": r.message}
    props: dict[str, Any] = {}
    if r.doc_id is not None:
        props["doc_id"] = r.doc_id
    if record is not None:
        props["record"] = record
        if r.line is not None:
            props["field_line"] = r.line
    if props:
        out["properties"] = props
    return out


def _fixes(d: Diagnostic, doc: Document | None) -> list[dict[str, Any]] | None:
    if d.fix is None or not d.fix.edits or doc is None or d.path is None or d.record is not None:
        return None
    if any(e.end > len(doc.text) for e in d.fix.edits):
        return None
    replacements = []
    for e in d.fix.edits:
        line, column = doc.position(e.start)
        end_line, end_column = doc.position(e.end)
        replacements.append(
            {
                "deletedRegion": _region(line, column, end_line, end_column),
                "insertedContent": {"text": e.content},
            }
        )
    return [
        {
            "description": {"text": f"{d.fix.title} ({d.fix.applicability.value} fix)"},
            "artifactChanges": [
                {"artifactLocation": artifact_location(d.path), "replacements": replacements}
            ],
            "properties": {"applicability": d.fix.applicability.value},
        }
    ]


def result_to_sarif(d: Diagnostic, rule_index: int, doc: Document | None) -> dict[str, Any]:
    text = d.message + (f" ({d.note})" if d.note else "") + record_suffix(d)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(d.severity.value, "warning"),
        "message": {"text": text},
    }
    location = _location(d)
    result["locations"] = [location] if location is not None else []
    if d.related:
        result["relatedLocations"] = [_related(d, r, i) for i, r in enumerate(d.related, 1)]
    fixes = _fixes(d, doc)
    if fixes:
        result["fixes"] = fixes
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(d)}
    props: dict[str, Any] = {"rule": d.rule, "category": d.category}
    if d.record is not None:
        props.update(
            record=d.record,
            doc_id=d.doc_id,
            field=d.field,
            field_line=d.line,
            field_column=d.column,
            field_end_line=d.end_line,
            field_end_column=d.end_column,
        )
    elif d.doc_id is not None:
        props["doc_id"] = d.doc_id
    if d.note:
        props["note"] = d.note
    if d.fix is not None:
        props["fix"] = {"title": d.fix.title, "applicability": d.fix.applicability.value}
    result["properties"] = props
    return result


def _text_document(result: FileResult) -> Document | None:
    """The text the diagnostics of a text file point into, if it is what is on disk."""
    if result.text is None or result.new_records or result.documents != 1:
        return None
    if result.changed and not result.written:
        return None  # --diff, or fixed stdin: positions are in text that is not the file
    return result.document


class SarifWriter(Writer):
    """Collects results; writes one SARIF log at :meth:`close`.

    Each result is converted when it arrives (the file's text is not kept);
    only its ``ruleIndex`` waits for the end, when the rules are known.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.results: list[dict[str, Any]] = []
        self.examples: dict[str, Diagnostic] = {}  # code -> first diagnostic of the rule

    def write(self, result: FileResult) -> None:
        doc = _text_document(result)
        for d in result.diagnostics:
            self.examples.setdefault(d.code, d)
            self.results.append(result_to_sarif(d, -1, doc))

    def close(self, report: Report) -> None:
        codes = sorted(self.examples)
        index = {code: i for i, code in enumerate(codes)}
        for item in self.results:
            item["ruleIndex"] = index[item["ruleId"]]
        base = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        registry = self.options.registry
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "newslint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": [rule_descriptor(self.examples[c], registry) for c in codes],
                }
            },
            "invocations": [{"executionSuccessful": report.input_errors == 0}],
            "originalUriBaseIds": {
                "%SRCROOT%": {"uri": Path(base).absolute().as_uri().rstrip("/") + "/"}
            },
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        text = json.dumps(log, ensure_ascii=False, indent=2)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a JSON record: keep it escaped
            text = json.dumps(log, ensure_ascii=True, indent=2)
        self.stream.write(text + "\n")
