"""Stray whitespace: trailing spaces, doubled spaces, tabs inside a line, blank-line runs.

## What it does
- trailing spaces and tabs at the end of a line are removed (in Markdown files, a
  hard line break of exactly two spaces is kept);
- two spaces between words become one;
- a tab between words becomes a space;
- more than `max-blank-lines` blank lines in a row become that many, and blank
  lines at the start or the end of the text are removed (the final newline, or
  its absence, stays as it was).

Leading indentation is left alone, and so is every line that looks aligned like
a table (a run of three or more spaces, or two tabs, inside it): there the spaces
are layout.

## Why is this bad?
Scraped text collects whitespace from markup and templates. It is invisible in
print, but it breaks exact matching, inflates diffs and confuses tokenizers.

## Example
```text
The talks  resumed on Monday.␠␠
```
becomes `The talks resumed on Monday.`

## Fix safety
**Safe**: only spaces, tabs and empty lines change, also inside quoted speech.

## Options
- `trailing` (bool, default true), `doubled-spaces` (bool, default true),
  `tabs` (bool, default true), `blank-lines` (bool, default true): switch
  each check on or off.
- `max-blank-lines` (int, default 1): blank lines allowed in a row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

_TRAILING = lazy(r"[ \t\u00a0\u3000]+(?=\r?$)")
# (the two spaces first, so that the regex engine looks for them with a fast string
# search; a look-behind first is tried at every position); in a line or the whole
# text: a non-space is never a line break
_DOUBLED = lazy(r"  (?<=\S  )(?=\S)")
_new_tuple = tuple.__new__
_TAB = lazy(r"(?<=\S) ?\t[ \t]*(?=\S)")
_TABLE = lazy(r"\S {3,}\S|\S\t.*\S\t")
_SPACE = " \t\u00a0\u3000"  # what _TRAILING strips
_WIDE = "\u00a0\u3000"


def _maybe(text: str, max_blank_lines: int = 1) -> bool:
    """Could the text have anything to report? Substring tests for what every finding
    needs (two spaces, a tab, a space before a line end, more blank lines in a row
    than allowed, a blank line at either end): a few scans for fixed strings, far
    cheaper than a regex that may start at every space."""
    return (
        "  " in text
        or "\t" in text
        or "\n" * (max_blank_lines + 2) in text
        or text.startswith("\n")
        or text.endswith("\n\n")
        or (text[-1:] != "" and text[-1:] in _SPACE)
        or (text.endswith("\r") and text[-2:-1] in _SPACE and len(text) > 1)
        or any(c + "\n" in text or c + "\r\n" in text for c in " \u00a0\u3000")
    )


class Whitespace(Rule):
    class Options(NamedTuple):
        trailing: bool = True
        doubled_spaces: bool = True
        tabs: bool = True
        blank_lines: bool = True
        max_blank_lines: int = 1

    meta = RuleMeta(
        code="NL501",
        name="whitespace",
        category="typography",
        summary="Trailing spaces, doubled spaces, tabs inside a line, runs of blank lines.",
        severity=Severity.INFO,
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="only spacing changes, never a word",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if not text:
            return
        if not _maybe(text, options.max_blank_lines):
            return
        rows = _rows(doc, options)
        if rows:
            yield from self._lines(doc, options, rows)
        if options.blank_lines and (
            text.startswith("\n")
            or text.endswith("\n\n")
            or "\n" * (options.max_blank_lines + 2) in text
        ):  # (what each finding of _blank_lines needs)
            yield from self._blank_lines(doc, options.max_blank_lines)

    def _lines(self, doc: Document, options: Any, rows: Iterable[int]) -> Iterator[Diagnostic]:
        """The findings inside lines ``rows`` (indices, in order)."""
        markdown = (doc.path or "").lower().endswith((".md", ".markdown"))
        lines = doc.lines
        for row in rows:
            line = lines[row]
            s = line.text
            if not s:
                continue
            last = s[-1]
            if options.trailing and (last in _SPACE or (last == "\r" and s[-2:-1] in _SPACE)):
                m = _TRAILING.search(s)
                if m and not (markdown and m.group() == "  " and m.start() > 0):
                    start, end = line.start + m.start(), line.start + m.end()
                    what = "whitespace-only line" if not s.strip() else "trailing whitespace"
                    yield self._edit(doc, start, end, "", f"{what} ({_describe(m.group())})")
            tab = "\t" in s
            if not tab and "  " not in s:
                continue  # nothing below can match
            if _TABLE.search(s):
                continue  # aligned like a table: spaces are layout
            if options.doubled_spaces:
                for m in _DOUBLED.finditer(s):
                    start = line.start + m.start()
                    yield self._edit(doc, start, start + 2, " ", "two spaces between words")
            if options.tabs and tab:
                for m in _TAB.finditer(s):
                    start, end = line.start + m.start(), line.start + m.end()
                    yield self._edit(doc, start, end, " ", "tab between words")

    def _blank_lines(self, doc: Document, allowed: int) -> Iterator[Diagnostic]:
        text = doc.text
        # (the strips copy the text: only when it starts or ends with line breaks)
        starts = text.startswith("\n")
        if not text or (starts and text.endswith("\n") and not text.strip("\n")):
            return  # nothing but line breaks
        lead = len(text) - len(text.lstrip("\n")) if starts else 0
        if text.endswith("\n\n"):
            tail = len(text) - len(text.rstrip("\n"))
        else:
            tail = 1 if text.endswith("\n") else 0
        if lead:
            yield self._edit(doc, 0, lead, "", "blank lines at the start of the text")
        if "\n" * (allowed + 2) not in text:
            run = None  # (searching for the run costs more than this test)
        else:
            run = re.compile("\n{" + str(allowed + 2) + ",}")
        for m in run.finditer(text, lead, len(text) - tail) if run else ():
            blank = m.end() - m.start() - 1
            lines = "blank line" if blank == 1 else "blank lines in a row"
            message = f"{blank} {lines} (at most {allowed})"
            # the edit removes the excess lines, so it points at the first of them
            yield self._edit(doc, m.start() + allowed + 1, m.end(), "", message)
        if tail >= 2:
            end = len(text)
            message = "blank lines at the end of the text"
            yield self._edit(doc, end - tail + 1, end, "", message)

    def _edit(self, doc: Document, start: int, end: int, new: str, message: str) -> Diagnostic:
        # (tuple.__new__: the span is valid, so Edit's and Fix's checks are skipped)
        edit = _new_tuple(Edit, (start, end, new))
        fix = _new_tuple(Fix, ((edit,), Applicability.SAFE, "normalize whitespace"))
        return self.report(doc, start, end, message, fix=fix)


def _rows(doc: Document, options: Any) -> list[int] | range:
    """The lines (indices, in order) that can hold a trailing space, a doubled space
    or a tab; every other line is left out of the line-by-line checks (which look
    for all three in each line they get).

    Exact: a trailing-whitespace finding is a space, tab, no-break or ideographic
    space before the line's end (or before a carriage return there), found with
    string searches for each such pair and a look at the end of the text; a
    doubled-space finding is two spaces between two non-space characters of one
    line (a non-space never is a line break), which _DOUBLED finds over
    the whole text; a tab finding needs a tab in the line.
    """
    text = doc.text
    tab = "\t" in text
    if tab and text.count("\t") * 4 > len(doc.line_texts):
        return range(len(doc.line_texts))
    at: list[int] = []
    if options.doubled_spaces:
        at += [m.start() for m in _DOUBLED.finditer(text)]
    if options.trailing:
        find = text.find
        spaces = " \t" if tab else " "
        if not text.isascii():  # (a search for one character first: far cheaper)
            spaces += "".join(c for c in _WIDE if c in text)
        for end in "\n\r" if "\r" in text else "\n":
            for c in spaces:
                i = find(c + end)
                while i != -1:
                    at.append(i)
                    i = find(c + end, i + 1)
        if text[-1] in _SPACE or (len(text) > 1 and text[-2] in _SPACE):
            at.append(len(text) - 1)  # the last line ends without a line break
    if tab:
        find = text.find
        i = find("\t")
        while i != -1:
            at.append(i)
            i = find("\t", i + 1)
    if not at:
        return []
    starts = doc.line_starts
    return sorted({bisect_right(starts, i) - 1 for i in at})


def _describe(ws: str) -> str:
    n = len(ws)
    if set(ws) == {" "}:
        return f"{n} space{'s' if n > 1 else ''}"
    if set(ws) == {"\t"}:
        return f"{n} tab{'s' if n > 1 else ''}"
    return f"{n} whitespace characters"


RULE = Whitespace()
