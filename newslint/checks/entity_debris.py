"""HTML entities left in text, and what remains of them after a lost ``&``.

## What it does
Finds character references that a scraper failed to decode - `&#39;`, `&amp;`,
`&quot;`, `&nbsp;`, `&#x2019;`, references escaped twice (`&amp;#39;`), common
ones missing their semicolon (`&amp ` / `&nbsp `) - and the remains of references
whose `&` or `&#` was lost (`39;Venezuela`, `don39;t`, `#39;s`, `quot;Hello`,
`donrsquo;t`). Each is replaced by the character it stands for; references to
control characters (the `&#3;` end markers of newswire feeds) are removed.

A number followed by a semicolon and a space is prose, not debris (`aged 39; his
wife`, `Mt 10, 39; 16, 25`), and bare numbers are only taken for remains when they
are the code of a character that is commonly escaped (quotes, apostrophes,
ampersand, angle brackets, dashes, no-break space).

## Why is this bad?
Readers see `don39;t`; search, deduplication and language models see a word
that does not exist.

## Example
```text
39;Venezuela confronting coup attempt of soldier group'
```
becomes `'Venezuela confronting coup attempt of soldier group'`.

## Fix safety
**Safe**: the replacement is the character the publisher wrote. It is also
applied inside quoted speech, since no word changes.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta

# code points whose references are common enough that "39;" alone means "&#39;"
_COMMON_NUMERIC = {
    34, 38, 39, 60, 62, 145, 146, 147, 148, 150, 151, 160,
    8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8226, 8230,
}  # fmt: skip
# named references whose remains ("quot;") are never English words
_LONG_NAMES = "quot|apos|nbsp|rsquo|lsquo|rdquo|ldquo|ndash|mdash|hellip|laquo|raquo"
_SHORT_NAMES = "amp|lt|gt"

_ENTITY = re.compile(
    r"&(?P<amps>(?:amp;)*)(?P<body>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_NO_SEMICOLON = re.compile(r"&(?P<body>amp|nbsp|quot|lt|gt)(?=\s)")
_LOST_NUMERIC = re.compile(r"(?<![\d&#])(?P<hash>#)?(?P<num>[0-9]{2,4});(?=[^\s\d;])")
_LOST_HASH_HEX = re.compile(r"(?<![&\w])#[xX](?P<hex>[0-9a-fA-F]{2,4});")
_LOST_NAMED = re.compile(
    rf"(?<!&)(?:(?P<long>{_LONG_NAMES})|(?<![A-Za-z])(?P<short>{_SHORT_NAMES})(?=;\S));"
)
_QUICK = re.compile(r"&[#A-Za-z]|[0-9a-z];")


def _entity_table() -> dict[str, str]:
    from html.entities import html5

    return html5


def _decode_named(name: str) -> str | None:
    table = _entity_table()
    for candidate in (name, name.capitalize(), name.lower()):
        value = table.get(candidate + ";")
        if value is not None:
            return value
    return None


def _decode_numeric(body: str) -> str | None:
    import html

    value = html.unescape(f"&{body};")
    if value == f"&{body};" or value == "\ufffd":
        return None
    return value


def _is_control(ch: str) -> bool:
    return len(ch) == 1 and (ord(ch) < 32 or 127 <= ord(ch) < 160) and ch not in "\t\n"


def _show(ch: str) -> str:
    if ch == "":
        return "nothing"
    if ch == "\u00a0":
        return "a no-break space"
    return repr(ch)


class EntityDebris(Rule):
    meta = RuleMeta(
        code="NL101",
        name="entity-debris",
        category="encoding",
        summary="An HTML entity, or what is left of one, instead of the character it stands for.",
        severity=Severity.ERROR,
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="decoding an entity restores the character the publisher wrote",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if _QUICK.search(text) is None:
            return
        taken: list[tuple[int, int]] = []

        def emit(start: int, end: int, char: str, message: str) -> Diagnostic | None:
            if any(s < end and start < e for s, e in taken):
                return None
            taken.append((start, end))
            fix = Fix((Edit(start, end, char),), Applicability.SAFE, f"replace with {_show(char)}")
            return self.report(doc, start, end, message, fix=fix)

        for m in _ENTITY.finditer(text):
            body = m.group("body")
            char = _decode_numeric(body) if body.startswith("#") else _decode_named(body)
            if char is None:
                continue
            levels = m.group("amps").count("amp;")
            ref = f"&{body};"
            if char == "" or _is_control(char):
                char = ""
                message = f"control-character reference '{m.group()}' (removed)"
            elif levels:
                times = "twice" if levels == 1 else f"{levels + 1} times"
                message = (
                    f"HTML entity escaped {times}: '{m.group()}' decodes to '{ref}', "
                    f"which is {_show(char)}"
                )
            else:
                message = f"HTML entity '{ref}' left in text: write {_show(char)}"
            d = emit(m.start(), m.end(), char, message)
            if d:
                yield d
        for m in _NO_SEMICOLON.finditer(text):
            char = _decode_named(m.group("body"))
            if char is not None:
                d = emit(
                    m.start(),
                    m.end(),
                    char,
                    f"HTML entity '{m.group()};' without its semicolon: write {_show(char)}",
                )
                if d:
                    yield d
        for m in _LOST_NUMERIC.finditer(text):
            num = int(m.group("num"))
            if num not in _COMMON_NUMERIC:
                continue
            char = _decode_numeric(f"#{num}")
            if char is None:
                continue
            lost = "'&'" if m.group("hash") else "'&#'"
            d = emit(
                m.start(),
                m.end(),
                char,
                f"remains of the HTML entity '&#{num};' (its {lost} was lost): "
                f"'{m.group()}' should be {_show(char)}",
            )
            if d:
                yield d
        for m in _LOST_HASH_HEX.finditer(text):
            char = _decode_numeric("#x" + m.group("hex"))
            if char is None or ord(char) not in _COMMON_NUMERIC:
                continue
            d = emit(
                m.start(),
                m.end(),
                char,
                f"remains of the HTML entity '&{m.group()}' (its '&' was lost): "
                f"write {_show(char)}",
            )
            if d:
                yield d
        for m in _LOST_NAMED.finditer(text):
            name = m.group("long") or m.group("short")
            char = _decode_named(name)
            if char is None:
                continue
            d = emit(
                m.start(),
                m.end(),
                char,
                f"remains of the HTML entity '&{name};' (its '&' was lost): "
                f"'{m.group()}' should be {_show(char)}",
            )
            if d:
                yield d


RULE = EntityDebris()
