"""``--format text``: one line per problem, for people.

``path:line:col: CODE [rule] [*] message`` - ``[*]`` marks a problem that
``--fix`` repairs, ``[~]`` one that needs ``--unsafe-fixes`` too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from ..diagnostics import Applicability, Diagnostic
from ..runner import FileResult


def marker(d: Diagnostic, unsafe_fixes: bool) -> str:
    if d.fix is None or not d.fix.edits:
        return ""
    if d.fix.applicability is Applicability.SAFE:
        return "[*] "
    if d.fix.applicability is Applicability.UNSAFE:
        return "[*] " if unsafe_fixes else "[~] "
    return ""


def line(d: Diagnostic, unsafe_fixes: bool, color: bool) -> str:
    where = f"{d.path}:{d.line}:{d.column}:"
    code = d.code
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg="red" if d.severity.value == "error" else "yellow", bold=True)
    text = f"{where} {code} [{d.rule}] {marker(d, unsafe_fixes)}{d.message}"
    if d.note:
        text += f" ({d.note})"
    return text


def summary(results: Sequence[FileResult], *, unsafe_fixes: bool, fixing: bool) -> list[str]:
    diagnostics = [d for r in results for d in r.diagnostics]
    fixed = sum(len(r.fixed) for r in results)
    out: list[str] = []
    n = len(diagnostics)
    if fixing and fixed:
        files = sum(1 for r in results if r.changed)
        out.append(
            f"Fixed {fixed} problem{'s' if fixed != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}."
        )
    if n == 0:
        if not fixed:
            out.append(f"All checked! ({len(results)} file{'s' if len(results) != 1 else ''})")
        return out
    safe = sum(1 for d in diagnostics if d.fixable(False))
    unsafe = sum(1 for d in diagnostics if d.fixable(True)) - safe
    parts = [f"{n} problem{'s' if n != 1 else ''}"]
    if unsafe_fixes:
        parts.append(f"{safe + unsafe} fixable with --fix --unsafe-fixes")
    else:
        parts.append(f"{safe} fixable with --fix")
        parts.append(f"{unsafe} more with --unsafe-fixes")
    out.append(", ".join(parts) + ".")
    return out


def statistics(results: Sequence[FileResult], unsafe_fixes: bool) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.rule)] += 1
            if d.fixable(unsafe_fixes):
                fixable[(d.code, d.rule)] += 1
    if not counts:
        return []
    width = max(len(str(c)) for c in counts.values())
    rows = []
    for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        fx = fixable[(code, rule)]
        note = f"  ({fx} fixable)" if fx else ""
        rows.append(f"{count:>{width}}  {code}  {rule}{note}")
    return rows


def render(
    results: Sequence[FileResult],
    *,
    unsafe_fixes: bool,
    fixing: bool,
    quiet: bool,
    show_statistics: bool,
    color: bool,
) -> str:
    lines: list[str] = []
    for r in results:
        lines.extend(line(d, unsafe_fixes, color) for d in r.diagnostics)
    if show_statistics:
        stats = statistics(results, unsafe_fixes)
        if stats:
            if lines:
                lines.append("")
            lines.extend(stats)
    if not quiet:
        end = summary(results, unsafe_fixes=unsafe_fixes, fixing=fixing)
        if lines and end:
            lines.append("")
        lines.extend(end)
    return "\n".join(lines) + ("\n" if lines else "")
