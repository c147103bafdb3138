"""HTML entities left in text, and what remains of them after a lost ``&``.

## What it does
Finds character references that a scraper failed to decode and replaces each
with the character it stands for:

- every named reference of the HTML5 table (`&amp;`, `&quot;`, `&eacute;`,
  `&rsquo;` …), in upper case too (`&EACUTE;` → `É`), and decimal or hex
  numeric references (`&#39;`, `&#x2019;`, `&#X2019;`; `&#146;` is `’`, as
  browsers read it);
- references missing their semicolon where that is unambiguous: a name that
  HTML5 itself accepts without one (`&amp `, `&nbsp `, `&copy 2019`) before a
  space or punctuation, outside URLs, and numeric references (`&#39s`);
- references escaped several times (`&amp;amp;`, `&amp;#39;`): each fix removes
  one level of escaping and the message says so, so that the history of the
  damage stays visible (`&amp;#39;` → `&#39;` → `'`);
- the remains of references whose `&` or `&#` was lost: `39;Venezuela`,
  `don39;t`, `#39;s`, `#x27;s`, `quot;Hello`, `donrsquo;t`, `cafeacute;`;
- references to control characters (the `&#3;` end markers of newswire feeds,
  `&#2;`, `&#127;`) and to the byte-order mark (`&#65279;`) are removed.

Guards against prose: a number followed by a semicolon and a space is not
debris (`aged 39; his wife`, `Mt 10, 39; 16, 25`) unless it is glued to the
word before it (`don39; t`); a road or model number such as `A38;` is not either;
bare numbers are only taken when they are the code of a character commonly
escaped (quotes, apostrophes, ampersand, angle brackets, dashes, no-break space,
currency and a few more), glued names only when no English word ends that way
(`quot`, `rsquo`, `eacute` … but not `amp;`, `lt;`, `part;` or `ring;` inside a
word).

Escaped markup (`&lt;span&gt;`), and references inside HTML tags, comments and
script elements (`<img src="…?a=1&amp;b=2">`), are left to `markup-debris`,
which removes the whole tag: one span is never fixed in two ways, and decoding
an escaped tag here would only turn it into a literal tag.

## Why is this bad?
Readers see `don39;t`; search, deduplication and language models see a word
that does not exist.

## Example
```text
39;Venezuela confronting coup attempt of soldier group'
```
becomes `'Venezuela confronting coup attempt of soldier group'`.

## Fix safety
**Safe**: the replacement is the character the publisher wrote (one level of
escaping at a time). It is also applied inside quoted speech, since no word
changes.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..kinds.base import matches_at
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy
from .markup_debris import DisjointSpans, markup_spans

_new_tuple = tuple.__new__
# code points whose references are common enough that "39;" alone means "&#39;"
_COMMON_NUMERIC = frozenset(
    {34, 38, 39, 60, 62, 145, 146, 147, 148, 150, 151, 160, 163, 169, 171, 174, 187}
    | {8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8226, 8230, 8364, 8482}
)
# named references whose remains ("quot;") are never English words
_LOST_NAME_LIST = (
    "quot", "apos", "nbsp", "rsquo", "lsquo", "rdquo", "ldquo", "sbquo", "bdquo", "ndash",
    "mdash", "hellip", "laquo", "raquo", "middot", "bull", "szlig", "aelig", "AElig", "oelig",
    "OElig", "iexcl", "iquest", "ordm", "ordf",
)  # fmt: skip
_ACCENTS = ("acute", "grave", "circ", "uml", "tilde", "cedil", "slash", "caron")  # after a letter
_SHORT_NAME_LIST = ("amp", "lt", "gt")
_LOST_NAMES = "|".join(_LOST_NAME_LIST) + f"|[A-Za-z](?:{'|'.join(_ACCENTS)})"
_SHORT_NAMES = "|".join(_SHORT_NAME_LIST)
# the last two characters before the ';' of every match of _LOST_NAMED
_NAME_ENDS = frozenset(n[-2:] for n in (*_LOST_NAME_LIST, *_ACCENTS, *_SHORT_NAME_LIST))
_DIGITS = frozenset("0123456789")
_HEX = frozenset("0123456789abcdefABCDEF")

_AMPS = r"(?P<amps>(?:[aA][mM][pP];)*)"
_ENTITY = lazy(
    rf"&{_AMPS}(?P<body>#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});"
)
_NO_SEMICOLON = lazy(
    rf"&{_AMPS}(?P<body>#[0-9]{{2,5}}(?![0-9;])|#[xX][0-9a-fA-F]{{2,4}}(?![0-9a-fA-F;])"
    r"|[A-Za-z]{2,8}(?=[\s.,:!?)\]'\"]|$))",
    re.MULTILINE,
)
_LOST_NUMERIC = lazy(r"(?<![\d&#])(?P<hash>#)?(?P<num>[0-9]{2,4});")
_LOST_HEX = lazy(r"(?<![&#0-9])#[xX](?P<hex>[0-9a-fA-F]{2,4});")
_LOST_NAMED = lazy(rf"(?<![&\w])(?P<short>{_SHORT_NAMES});(?=\S)|(?<!&)(?P<long>{_LOST_NAMES});")
# a ';' after two ASCII letters or digits (the ';' first: a fast search for it)
_MARK = lazy(r";(?<=[0-9A-Za-z]{2};)")
_LETTER_BEFORE = lazy(r"([^\W\d_]+)$")
_URLISH = lazy(r"://|www\.|[?=]")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    """The HTML5 table (``name;`` → text) and the names HTML5 accepts without ``;``."""
    from html.entities import html5

    legacy = frozenset(name for name in html5 if not name.endswith(";"))
    return html5, legacy


def _decode_named(name: str) -> str | None:
    table, _ = _tables()
    value = table.get(name + ";")
    if value is not None:
        return value
    if name.isupper() and len(name) > 1:
        # upper-cased by some system: &EACUTE; is É, &NTILDE; is Ñ
        lower = table.get(name.lower() + ";")
        if lower is not None:
            return lower.upper() if len(lower.upper()) == len(lower) else lower
    if name[:1].isupper():
        value = table.get(name.lower() + ";")
        if value is not None and name.lower() in ("amp", "quot", "lt", "gt", "nbsp", "apos"):
            return value
    return None


@lru_cache(maxsize=1024)
def _decode_numeric(body: str) -> str | None:
    try:
        code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
    except ValueError:
        return None
    if code < 32 or code == 127:
        return chr(code)  # html.unescape() would drop it silently
    import html

    value = html.unescape(f"&#{code};")
    if value == "\ufffd" and code != 0xFFFD:
        return None
    return value


def _is_removed(ch: str) -> bool:
    """Characters whose references are removed rather than decoded."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (o < 32 and ch not in "\t\n") or 127 <= o < 160 or o == 0xFEFF


def _show(ch: str) -> str:
    if ch == "":
        return "nothing"
    if ch == "\u00a0":
        return "a no-break space"
    if ch == " ":
        return "a space"
    if ch == "\n":
        return "a line break"
    if ch == "\t":
        return "a tab"
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


@lru_cache(maxsize=256)
def _control_name(ch: str) -> str:
    import unicodedata

    if ch == "\ufeff":
        return "byte-order mark, U+FEFF"
    name = {0x02: "START OF TEXT", 0x03: "END OF TEXT", 0x7F: "DELETE", 0x0D: "CARRIAGE RETURN"}
    o = ord(ch)
    label = name.get(o) or unicodedata.name(ch, "control character")
    return f"{label}, U+{o:04X}"


@lru_cache(maxsize=1024)
def _reference_parts(
    whole: str, ref: str, char: str, semicolon: bool
) -> tuple[str, int, int, str, str, bool]:
    """What a finding of the reference ``whole`` says and does, the same wherever it
    is: (message, edit start and end relative to the match, replacement, fix title,
    whether the reference is removed)."""
    # whole is "&", then "amp;" once per extra level, then the body (ref without its
    # "&" and ";"), then ";" if semicolon
    levels = (len(whole) - len(ref) + (0 if semicolon else 1)) // 4
    if levels:
        # one level of escaping at a time: '&amp;amp;' -> '&amp;'
        once = "&" + whole[5:]
        times = "twice" if levels == 1 else f"{levels + 1} times"
        meaning = f"{_control_name(char)}, which is removed" if _is_removed(char) else _show(char)
        message = (
            f"HTML entity escaped {times}: '{whole}' is '{once}' escaped again "
            f"(it stands for {meaning}); decode one level"
        )
        return message, 1, 5, "", f"write '{once}'", False
    if _is_removed(char):
        message = f"control-character reference '{whole}' ({_control_name(char)}): removed"
        return message, 0, len(whole), "", "remove the reference", True
    if semicolon:
        message = f"HTML entity '{ref}' left in text: write {_show(char)}"
    else:
        message = f"HTML entity '{whole}' without its semicolon ('{ref}'): write {_show(char)}"
    return message, 0, len(whole), char, f"replace with {_show(char)}", False


def _in_url(text: str, start: int) -> bool:
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    return _URLISH.search(text, token_start, start) is not None


class EntityDebris(Rule):
    meta = RuleMeta(
        code="NL101",
        name="entity-debris",
        category="encoding",
        summary="An HTML entity, or what is left of one, instead of the character it stands for.",
        severity=Severity.ERROR,
        scope="line",
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="decoding an entity restores the character the publisher wrote",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        amps = _find_all(text, "&") if "&" in text else None
        # where remains can end (see _marks): most texts have none
        marks = _marks(text) if ";" in text else None
        if amps is None and not (marks and (marks[0] or marks[1] or marks[2])):
            return
        markup: list[tuple[int, int]] | tuple[()] = ()
        if amps is not None:
            # markup_spans finds nothing without a "<" and a ">", or "gt;" and "lt;"
            # (whose ';' are among the named marks)
            named = marks[2] if marks else []
            if ("<" in text and ">" in text) or (
                any(text[i - 2 : i] == "gt" for i in named)
                and any(text[i - 2 : i] == "lt" for i in named)
            ):
                markup = markup_spans(text)
        free = DisjointSpans(markup).claim

        if amps is not None:
            yield from self._references(doc, free, amps)
        if marks and (marks[0] or marks[1] or marks[2]):
            yield from self._remains(doc, free, marks)

    # -- complete references ---------------------------------------------------------

    def _references(
        self, doc: Document, free: Any, amps: list[int] | None = None
    ) -> Iterator[Diagnostic]:
        """The references, and those without their semicolon; both patterns open with
        '&', so they are tried at the '&' of the text only (``amps``)."""
        text = doc.text
        if amps is None:
            amps = _find_all(text, "&")
        for m in matches_at(_ENTITY, text, amps):
            body = m.group("body")
            char = _decode_numeric(body) if body.startswith("#") else _decode_named(body)
            if char is None or not free(m.start(), m.end()):
                continue
            yield self._reference(doc, m, char, f"&{body};", semicolon=True)
        for m in matches_at(_NO_SEMICOLON, text, amps):
            body = m.group("body")
            if body.startswith("#"):
                char = _decode_numeric(body)
            else:
                _, legacy = _tables()
                if body not in legacy and body.lower() not in ("amp", "nbsp", "quot", "lt", "gt"):
                    continue
                char = _decode_named(body)
            if char is None or _in_url(text, m.start()) or not free(m.start(), m.end()):
                continue
            yield self._reference(doc, m, char, f"&{body};", semicolon=False)

    def _reference(
        self, doc: Document, m: re.Match[str], char: str, ref: str, *, semicolon: bool
    ) -> Diagnostic:
        start, end = m.start(), m.end()
        message, lo, hi, content, title, removed = _reference_parts(m.group(), ref, char, semicolon)
        if removed:
            text = doc.text
            if start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
                message += " (it stands inside a word: a character was probably lost there)"
        # (tuple.__new__: the spans are valid, so Edit's and Fix's checks are skipped)
        edit = _new_tuple(Edit, (start + lo, start + hi, content))
        fix = _new_tuple(Fix, ((edit,), Applicability.SAFE, title))
        return self.report(doc, start, end, message, fix=fix)

    # -- remains of references whose '&' or '&#' was lost ------------------------------

    def _remains(
        self,
        doc: Document,
        free: Any,
        marks: tuple[list[int], list[int], list[int]] | None = None,
    ) -> Iterator[Diagnostic]:
        text = doc.text
        numeric, hexa, named = _marks(text) if marks is None else marks
        if not (numeric or hexa or named):
            return
        for m in _before(_LOST_NUMERIC, text, numeric, 6):
            num = int(m.group("num"))
            start, end = m.start(), m.end()
            following = text[end : end + 1]
            glued = _glued_to_word(text, start)
            if glued is None:
                continue  # a road or model number: "A38;", "M62;M6"
            if not (glued or (following and not following.isspace() and not following.isdigit())):
                continue  # "aged 39; his wife", "Mt 10, 39; 16, 25"
            if following == ";":
                continue
            if not (num in _COMMON_NUMERIC or (glued and 192 <= num <= 383 and num != 215)):
                continue
            char = _decode_numeric(f"#{num}")
            if char is None or not free(start, end):
                continue
            lost = "'&'" if m.group("hash") else "'&#'"
            yield self._remain(doc, start, end, char, f"&#{num};", lost, m.group())
        for m in _before(_LOST_HEX, text, hexa, 8):
            char = _decode_numeric("#x" + m.group("hex"))
            if char is None or len(char) != 1 or ord(char) not in _COMMON_NUMERIC:
                continue
            if not free(m.start(), m.end()):
                continue
            yield self._remain(doc, m.start(), m.end(), char, f"&{m.group()}", "'&'", m.group())
        for m in _before(_LOST_NAMED, text, named, 10):
            name = m.group("long") or m.group("short")
            char = _decode_named(name)
            if char is None or not free(m.start(), m.end()):
                continue
            yield self._remain(doc, m.start(), m.end(), char, f"&{name};", "'&'", m.group())

    def _remain(
        self, doc: Document, start: int, end: int, char: str, ref: str, lost: str, seen: str
    ) -> Diagnostic:
        message = (
            f"remains of the HTML entity '{ref}' (its {lost} was lost): "
            f"'{seen}' should be {_show(char)}"
        )
        fix = Fix((Edit(start, end, char),), Applicability.SAFE, f"replace with {_show(char)}")
        return self.report(doc, start, end, message, fix=fix)


def _marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where remains can end, for each kind: the ';' after two decimal digits, after two
    hex digits, after the last two letters of a name. Remains end in ';' after a letter
    or a digit, and a match of _LOST_NUMERIC, _LOST_HEX or _LOST_NAMED ending at a ';'
    has these before it: _before finds only matches that end at a mark, so leaving out
    the other marks changes nothing (tests/test_speed_lines.py checks it)."""
    numeric: list[int] = []
    hexa: list[int] = []
    named: list[int] = []
    # every kind needs two ASCII letters or digits before the ';' (_MARK finds those)
    for m in _MARK.finditer(text):
        i = m.start()
        two = text[i - 2 : i]
        if two[1] in _DIGITS and two[0] in _DIGITS:
            numeric.append(i)
        if two[1] in _HEX and two[0] in _HEX:
            hexa.append(i)
        if two in _NAME_ENDS:
            named.append(i)
    return numeric, hexa, named


def _find_all(text: str, char: str) -> list[int]:
    """Where ``char`` occurs in ``text`` (a fast search for each)."""
    out: list[int] = []
    i = text.find(char)
    while i != -1:
        out.append(i)
        i = text.find(char, i + 1)
    return out


def _before(
    pattern: re.Pattern[str], text: str, marks: list[int], width: int
) -> list[re.Match[str]]:
    """Matches of ``pattern`` that end at one of the ``marks`` (a ';'), found by
    searching only the ``width`` characters before each (and one after it)."""
    out: list[re.Match[str]] = []
    last_end = -1
    for i in marks:
        for m in pattern.finditer(text, max(0, i - width, last_end), min(len(text), i + 2)):
            if m.end() == i + 1:
                out.append(m)
                last_end = m.end()
    return out


def _glued_to_word(text: str, start: int) -> bool | None:
    """Whether the number at ``start`` continues a word (``don39;``, ``It#39;``).

    ``None`` when a single capital comes before it: a road or model number
    (``A38;``, ``M62;``), never debris.
    """
    m = _LETTER_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1 and not word.islower():
        return None
    return True


RULE = EntityDebris()
