"""``--format text``: one line per problem, for people.

``path:line:col: CODE [rule] [*] message`` - ``[*]`` marks a problem that
``--fix`` repairs, ``[~]`` one that needs ``--unsafe-fixes`` too. A problem in
a record of a JSONL/JSON/CSV file reads ``path:RECORD:FIELD:line:col: ...``
(for JSONL the record number is the line of the file).
"""

from __future__ import annotations

import click

from ..diagnostics import Applicability, Diagnostic
from ..runner import FileResult
from . import Report, Writer


def marker(d: Diagnostic, unsafe_fixes: bool) -> str:
    if d.fix is None or not d.fix.edits:
        return ""
    if d.fix.applicability is Applicability.SAFE:
        return "[*] "
    if d.fix.applicability is Applicability.UNSAFE:
        return "[*] " if unsafe_fixes else "[~] "
    return ""


def location(d: Diagnostic) -> str:
    if d.record is not None:
        return f"{d.path}:{d.record}:{d.field or 'record'}:{d.line}:{d.column}"
    return f"{d.path}:{d.line}:{d.column}"


def line(d: Diagnostic, unsafe_fixes: bool, color: bool) -> str:
    where = location(d) + ":"
    code = d.code
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg="red" if d.severity.value == "error" else "yellow", bold=True)
    text = f"{where} {code} [{d.rule}] {marker(d, unsafe_fixes)}{d.message}"
    if d.doc_id is not None and d.record is not None:
        text += f" [id {d.doc_id}]"
    if d.note:
        text += f" ({d.note})"
    return text


def summary(report: Report, *, unsafe_fixes: bool, fixing: bool) -> list[str]:
    out: list[str] = []
    if fixing and report.fixed:
        files = len(report.changed_paths)
        out.append(
            f"Fixed {report.fixed} problem{'s' if report.fixed != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}."
        )
    n = report.problems
    if report.suppressed:
        out.append(f"{report.suppressed} known problem{'s' if report.suppressed != 1 else ''} "
                   "in the baseline not shown.")  # fmt: skip
    if n == 0:
        if not report.fixed:
            files = len(report.paths)
            out.append(f"All checked! ({files} file{'s' if files != 1 else ''})")
        return out
    parts = [f"{n} problem{'s' if n != 1 else ''}"]
    if unsafe_fixes:
        parts.append(f"{report.safe + report.unsafe} fixable with --fix --unsafe-fixes")
    else:
        parts.append(f"{report.safe} fixable with --fix")
        parts.append(f"{report.unsafe} more with --unsafe-fixes")
    out.append(", ".join(parts) + ".")
    return out


def statistics(report: Report) -> list[str]:
    if not report.counts:
        return []
    width = max(len(str(c)) for c in report.counts.values())
    rows = []
    for (code, rule), count in sorted(report.counts.items(), key=lambda kv: (-kv[1], kv[0])):
        fx = report.fixable[(code, rule)]
        note = f"  ({fx} fixable)" if fx else ""
        rows.append(f"{count:>{width}}  {code}  {rule}{note}")
    return rows


class TextWriter(Writer):
    wrote = False

    def write(self, result: FileResult) -> None:
        o = self.options
        for d in result.diagnostics:
            self.stream.write(line(d, o.unsafe_fixes, o.color) + "\n")
            self.wrote = True

    def close(self, report: Report) -> None:
        o = self.options
        blocks: list[list[str]] = []
        if o.statistics:
            blocks.append(statistics(report))
        if not o.quiet:
            blocks.append(summary(report, unsafe_fixes=o.unsafe_fixes, fixing=o.fixing))
        for block in blocks:
            if not block:
                continue
            if self.wrote:
                self.stream.write("\n")
            self.stream.write("\n".join(block) + "\n")
            self.wrote = True
