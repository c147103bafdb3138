"""``--format github``: one GitHub Actions workflow command per problem.

A line looks like::

    ::error file=examples/a.txt,line=3,col=1,endLine=3,endColumn=4,title=NL101 entity-debris::...

``error`` / ``warning`` / ``notice`` follow the problem's severity
(``info`` is a ``notice``). The runner turns each line into an annotation on
the file, shown in the job summary and on the lines of a pull request's diff.

Escaping follows the runner's parser (``ActionCommand.TryParseV2``): in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in property values
also ``:`` and ``,`` become ``%3A`` and ``%2C``. Empty properties are left out
(the runner drops them anyway).

Positions: a problem in a text file carries its exact span; columns are only
given when the span lies on one line, because the runner discards them
otherwise, and ``endColumn`` is exclusive as everywhere in newslint. A span
that ends at the start of a line (a whole removed line) ends on the line
before. A problem in a JSONL record is placed on the record's line of the
file; the field and the line/column inside the field are added to the
message. For JSON-array and CSV inputs the record number is not a line of the
file, so only the file is named. Paths are made relative to
``$GITHUB_WORKSPACE`` (the repository root in a workflow) when it is set and
contains the file, else to the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic
from ..runner import FileResult
from . import Writer

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """``path`` as a POSIX path relative to the workspace, if it lies inside it.

    The workspace is ``$GITHUB_WORKSPACE`` when set, else the current directory.
    A path outside it stays absolute, which the runner still understands.
    """
    if path == "-":
        return path
    base = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).absolute()
    p = Path(path)
    absolute = p if p.is_absolute() else Path(os.getcwd()).absolute() / p
    absolute = Path(os.path.normpath(absolute))
    try:
        return absolute.relative_to(Path(os.path.normpath(base))).as_posix()
    except ValueError:
        return absolute.as_posix()


def is_jsonl(path: str | None) -> bool:
    if path is None:
        return False
    from ..io.records import record_format

    return record_format(Path(path)) == "jsonl"


def record_suffix(d: Diagnostic) -> str:
    """Where inside a record a problem is: `` [record 17, id x, text:3:5]``."""
    if d.record is None:
        return ""
    parts = []
    if not d.message.startswith(f"record {d.record}:"):  # newslint's own messages say it
        parts.append(f"record {d.record}")
    if d.doc_id is not None:
        parts.append(f"id {d.doc_id}")
    if d.field is not None:
        parts.append(f"{d.field}:{d.line}:{d.column}")
    return " [" + ", ".join(parts) + "]" if parts else ""


def message_text(d: Diagnostic) -> str:
    text = d.message
    if d.note:
        text += f" ({d.note})"
    return text + record_suffix(d)


def properties(d: Diagnostic) -> list[tuple[str, str]]:
    """The command's properties, in the documented order."""
    props: list[tuple[str, str]] = []
    if d.path is not None:
        props.append(("file", workspace_path(d.path)))
        if d.record is not None:
            if is_jsonl(d.path):
                props.append(("line", str(d.record)))
        else:
            end_line, end_column = d.end_line, d.end_column
            if end_line > d.line and end_column == 1:
                end_line, end_column = end_line - 1, 0  # ends where a line starts
            props.append(("line", str(d.line)))
            if end_line == d.line and end_column:
                props.append(("col", str(d.column)))
            if end_line > d.line:
                props.append(("endLine", str(end_line)))
            elif end_column:
                props.append(("endLine", str(end_line)))
                props.append(("endColumn", str(max(end_column, d.column))))
    props.append(("title", f"{d.code} {d.rule}"))
    return props


def command(d: Diagnostic) -> str:
    name = COMMANDS.get(d.severity.value, "warning")
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties(d) if value)
    line = f"::{name} {props}::{escape_data(message_text(d))}"
    # a lone surrogate (from a JSON "\ud800" escape) cannot be written as UTF-8
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


class GithubWriter(Writer):
    """Streams one workflow command per problem; prints nothing else."""

    def write(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.stream.write(command(d) + "\n")
