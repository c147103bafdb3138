"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins).

One ``<testsuite name="newslint">`` inside ``<testsuites>``; one
``<testcase>`` per checked file (a JSONL/JSON/CSV file is one test case, however
many records it holds), named by its path; one ``<failure>`` per problem, whose
``message`` is ``CODE [rule] message`` and whose text gives the location
(``path:line:col`` or ``path:RECORD:FIELD:line:col``), the document id, the
fix and related places. A file without problems is a passing test case.
``tests`` counts test cases, ``failures`` the test cases that failed, and the
property ``problems`` the number of problems.

Characters that XML 1.0 cannot carry (control characters other than tab and
newline, lone surrogates) are written as ``\\xNN`` / ``\\uNNNN``. The
document is written at :meth:`JunitWriter.close`, when the counts are known.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..diagnostics import Diagnostic
from ..runner import FileResult
from . import Report, Writer
from .text import location

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold written as escapes."""

    def sub(m: re.Match[str]) -> str:
        n = ord(m.group())
        return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"

    return _NOT_XML.sub(sub, value)


def failure_text(d: Diagnostic) -> str:
    where = location(d) if d.path is not None else "<corpus>"
    lines = [f"{where}: {d.code} [{d.rule}] {d.message}"]
    if d.doc_id is not None:
        lines.append(f"document id: {d.doc_id}")
    if d.note:
        lines.append(f"note: {d.note}")
    if d.fix is not None:
        lines.append(f"fix ({d.fix.applicability.value}): {d.fix.title}")
    for r in d.related:
        where = r.path or "?"
        if r.record is not None:
            where += f":{r.record}"
        if r.line is not None:
            where += f":{r.line}"
        extra = f" (id {r.doc_id})" if r.doc_id else ""
        lines.append(f"related: {where}{extra}: {r.message or ''}".rstrip(": "))
    return "\n".join(lines)


class JunitWriter(Writer):
    """Collects problems per file; writes the XML document at :meth:`close`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases: dict[str, list[Diagnostic]] = {}  # path -> problems, in input order

    def write(self, result: FileResult) -> None:
        if result.documents or result.input_error or not result.diagnostics:
            self.cases.setdefault(result.path, [])
        for d in result.diagnostics:
            self.cases.setdefault(d.path if d.path is not None else result.path, []).append(d)

    def close(self, report: Report) -> None:
        problems = sum(len(v) for v in self.cases.values())
        failed = sum(1 for v in self.cases.values() if v)
        counts = {"tests": str(len(self.cases)), "failures": str(failed), "errors": "0"}
        root = ET.Element("testsuites", {"name": "newslint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "newslint", **counts, "skipped": "0"})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "problems", "value": str(problems)})
        for path, diagnostics in self.cases.items():
            name = xml_text(path)
            case = ET.SubElement(
                suite, "testcase", {"classname": "newslint", "name": name, "file": name}
            )
            for d in diagnostics:
                failure = ET.SubElement(
                    case,
                    "failure",
                    {"message": xml_text(f"{d.code} [{d.rule}] {d.message}"), "type": d.code},
                )
                failure.text = xml_text(failure_text(d))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")
