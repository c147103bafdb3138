"""Text decoded with the wrong character set (``â€™`` for ``’``, ``Ã©`` for ``é``).

## What it does
Finds runs of characters that are the UTF-8 bytes of some text decoded as
Windows-1252, Latin-1 or MacRoman (once or several times), using ftfy's encoding
repair, and reports each damaged span with ftfy's explanation.

Only the re-decoding is applied: curly quotes, dashes, character width and the
normalization form stay exactly as the publisher wrote them (unlike
``ftfy.fix_text`` with its defaults).

Text that is pure ASCII, or that has no two adjacent characters that can occur
in mojibake, is skipped without loading ftfy.

## Why is this bad?
`Nicolás` printed as `NicolÃ¡s` is unreadable for people and a different word
for every program that counts, searches or deduplicates text.

## Example
```text
The president said itâ€™s over.
```
becomes `The president said it’s over.`

## Fix safety
**Safe**: the bytes are decoded with the character set they were written in;
this restores what the publisher wrote, also inside quoted speech.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta

# Characters that Windows-1252 / Latin-1 give to bytes 0x80-0xFF: every
# UTF-8-as-single-byte mojibake is two or more of them in a row.
_CP1252_HIGH = (
    "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122"
)
# MacRoman's share of the same bytes (√© for é, ‚Äô for ’ ...)
_MACROMAN_HIGH = (
    "\u221a\u2248\u2206\u00ac\u0131\u2202\u2211\u220f\u03c0\u222b\u03a9\u2260\u221e"
    "\u2264\u2265\u25ca\ufb01\ufb02\u02c7\u02d8\u02d9\u02da\u02db\u02dd\u00b8"
)
_SUSPECT = re.compile(f"[{_CP1252_HIGH}{_MACROMAN_HIGH}]{{2}}")

_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "iso-8859-1": "Latin-1",
    "macroman": "MacRoman",
    "cp437": "CP437 (DOS)",
    "sloppy-windows-1251": "Windows-1251",
    "windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "iso-8859-2": "Latin-2",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8",
}


def explain(steps: Sequence[tuple[str, str]] | None) -> str:
    """Turn ftfy's explanation steps into a sentence."""
    if not steps:
        return "text decoded with the wrong character set"
    parts: list[str] = []
    pending: str | None = None
    for action, param in steps:
        name = _ENCODING_NAMES.get(param, param)
        if action == "encode":
            pending = name
        elif action == "decode" and pending is not None:
            parts.append(f"{name} bytes decoded as {pending}")
            pending = None
        elif action == "apply":
            parts.append(param.replace("_", " "))
        else:
            parts.append(f"{action} {name}")
    if len(parts) > 1 and len(set(parts)) == 1:
        return f"{parts[0]}, {len(parts)} times over"
    return "; then ".join(parts)


def _regions(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed regions between ``a`` and ``b``, merging changes close together."""
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] <= 2:
            regions[-1][1] = i2
            regions[-1][3] = j2
        else:
            regions.append([i1, i2, j1, j2])
    return [(r[0], r[1], r[2], r[3]) for r in regions]


class Mojibake(Rule):
    meta = RuleMeta(
        code="NL102",
        name="mojibake",
        category="encoding",
        summary="Text decoded with the wrong character set (mojibake), re-decoded by ftfy.",
        severity=Severity.ERROR,
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="re-decoding restores the characters the publisher wrote",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if text.isascii() or _SUSPECT.search(text) is None:
            return
        import ftfy

        for line in doc.lines:
            if line.text.isascii() or _SUSPECT.search(line.text) is None:
                continue
            fixed, steps = ftfy.fix_encoding_and_explain(line.text)
            if fixed == line.text:
                continue
            why = explain(steps)
            for i1, i2, j1, j2 in _regions(line.text, fixed):
                before, after = line.text[i1:i2], fixed[j1:j2]
                start, end = line.start + i1, line.start + i2
                yield self.report(
                    doc,
                    start,
                    end,
                    f"mojibake ({why}): '{before}' should be '{after}'",
                    fix=Fix((Edit(start, end, after),), Applicability.SAFE, f"write '{after}'"),
                )


RULE = Mojibake()
