"""Invisible characters: zero-width spaces, soft hyphens, stray joiners, bidi and control codes.

## What it does
Finds characters that take no room on screen but change what the text is:

- zero-width space (U+200B), word joiner (U+2060), a byte-order mark inside the
  text (U+FEFF), soft hyphen (U+00AD), invisible math operators (U+2061-2064),
  deprecated format characters (U+206A-206F), interlinear annotation marks
  (U+FFF9-FFFB);
- bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069):
  text that *displays* in another order than it is stored, a known way to hide
  what a text says (CVE-2021-42574, "Trojan Source");
- left-to-right / right-to-left / Arabic letter marks (U+200E, U+200F, U+061C)
  on a line with no right-to-left script;
- C0 control characters other than tab and newline (a carriage return of a
  CRLF pair is a newline), DEL, and the C1 controls that Windows-1252 leaves
  undefined (U+0081, U+008D, U+008F, U+0090, U+009D).

Each run of such characters is one finding, removed by its fix. A control
character that separates two words (vertical tab, form feed, the information
separators U+001C-U+001F) becomes a space, and a lone carriage return a line
break, so that words are not glued together.

What a language needs is kept: a zero-width joiner inside an emoji sequence
(👩‍💻, 🏳️‍🌈) or between letters of a script that shapes with it (Arabic,
Indic scripts, Sinhala); a zero-width non-joiner between letters of Persian,
Arabic-script or Indic text (`می‌خواهم`); a zero-width space between letters of
Thai, Lao, Khmer, Myanmar or Tibetan, which mark word breaks with it; and
direction marks on a line that holds right-to-left text.

The other C1 controls (U+0080-U+009F with a Windows-1252 meaning, `\\x92` for
`’`) are mojibake and belong to the `mojibake` rule, which restores them; so
does any C1 control that is part of a UTF-8 sequence read as a single-byte
character set (`Ñ\\x81` is the Cyrillic `с` read as Windows-1252).

## Why is this bad?
Invisible characters split words for search and deduplication (`lang\\u200buage`
is not `language`), break tokenizers, survive copy and paste into other
systems, and bidirectional controls can make a text read differently than it
is.

## Example
```text
The websites’ administration has the right to delete comments made in languages ​​other than …
```
(two zero-width spaces before `other`) becomes `… languages other than …`.

## Fix safety
**Safe**: the characters are invisible, so removing them changes nothing a
reader sees (except for bidirectional controls, whose removal shows the text in
the order it is stored - which is the point). Applied inside quoted speech too.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"
_QUICK = lazy(
    "[\x00-\x08\x0b-\x1f\x7f\u0081\u008d\u008f\u0090\u009d\u00ad\u061c"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_INVISIBLE = lazy(
    "(?:[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\u0081\u008d\u008f\u0090\u009d\u00ad\u061c"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
    "|\r(?!\n))+"
)
_SEPARATORS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")
_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKS = frozenset("\u200e\u200f\u061c")
_RTL = lazy("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")

_NAMES = {
    "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "BYTE ORDER MARK",
    "\r": "CARRIAGE RETURN",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x7f": "DELETE",
}


_C0 = [
    "NULL",
    "START-OF-HEADING",
    "START-OF-TEXT",
    "END-OF-TEXT",
    "END-OF-TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "TAB",
    "LINE-FEED",
    "LINE-TABULATION",
    "FORM-FEED",
    "CARRIAGE-RETURN",
    "SHIFT-OUT",
    "SHIFT-IN",
    "DATA-LINK-ESCAPE",
    "DEVICE-CONTROL-ONE",
    "DEVICE-CONTROL-TWO",
    "DEVICE-CONTROL-THREE",
    "DEVICE-CONTROL-FOUR",
    "NEGATIVE-ACKNOWLEDGE",
    "SYNCHRONOUS-IDLE",
    "END-OF-TRANSMISSION-BLOCK",
    "CANCEL",
    "END-OF-MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE-SEPARATOR",
    "GROUP-SEPARATOR",
    "RECORD-SEPARATOR",
    "UNIT-SEPARATOR",
]


def _name(ch: str) -> str:
    name = _NAMES.get(ch)
    if name is None:
        o = ord(ch)
        if o < 32:
            name = _C0[o].replace("-", " ")
        elif 127 <= o < 160:
            name = "C1 CONTROL"
        else:
            import unicodedata

            name = unicodedata.name(ch, "format character")
    return f"{name} (U+{ord(ch):04X})"


# -- what a language needs ---------------------------------------------------------------


def _in(ch: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in ranges)


# scripts that shape letters with joiners: Arabic (and Syriac, Thaana, N'Ko),
# the Indic scripts from Devanagari to Malayalam, Sinhala, Myanmar, Khmer, Mongolian
_JOINING = (
    (0x0600, 0x08FF),
    (0x0900, 0x0DFF),
    (0x1000, 0x109F),
    (0x1780, 0x18AF),
    (0xA8E0, 0xA8FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFC),
    (0x11000, 0x111FF),
)
# scripts written without spaces that use U+200B to mark word breaks
_NO_SPACES = (
    (0x0E00, 0x0EFF),
    (0x0F00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x19E0, 0x19FF),
    (0xA9E0, 0xA9FF),
    (0xAA60, 0xAA7F),
)
_MONGOLIAN = ((0x1800, 0x18AF),)
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2190, 0x21FF),
    (0x2300, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25A0, 0x27BF),
    (0x2934, 0x2935),
    (0x2B00, 0x2BFF),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
)
# what may sit between an emoji and its joiner: variation selectors, skin tones,
# the keycap mark and tag characters
_EMOJI_MODIFIERS = ((0xFE0E, 0xFE0F), (0x1F3FB, 0x1F3FF), (0x20E3, 0x20E3), (0xE0020, 0xE007F))


def _neighbour(text: str, i: int, step: int) -> str:
    """The next visible character from ``i`` in direction ``step``, skipping marks."""
    import unicodedata

    j = i
    while 0 <= j < len(text):
        ch = text[j]
        if unicodedata.category(ch) in ("Mn", "Mc", "Me") or _in(ch, _EMOJI_MODIFIERS):
            j += step
            continue
        return ch
    return ""


def _after_virama(text: str, i: int) -> bool:
    """Whether a joiner follows a virama of a script that shapes with joiners."""
    import unicodedata

    return i >= 2 and unicodedata.combining(text[i - 1]) == 9 and _in(text[i - 2], _JOINING)


def _in_mojibake(text: str, i: int) -> bool:
    """A C1 control that continues a UTF-8 sequence read as a single-byte character
    set (``Ñ\\x81`` is ``с``) is the ``mojibake`` rule's."""
    if not "\x80" <= text[i] <= "\x9f" or i == 0 or text[i - 1].isascii():
        return False
    from .mojibake import in_sequence

    return in_sequence(text, i)


def _needed(text: str, i: int, line_has_rtl: bool) -> bool:
    """Whether the invisible character at ``i`` is one a language needs there."""
    ch = text[i]
    if ch in _MARKS:
        return line_has_rtl
    if ch not in "\u200b\u200c\u200d\u180e":
        return False
    before, after = _neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1)
    if not before or not after:
        return False
    if ch in "\u200c\u200d" and _after_virama(text, i):
        return True  # Malayalam chillu (ന്‍), Devanagari half forms (क्‍ष) ...
    if ch == "\u200d":
        if _in(before, _PICTOGRAPHIC) and _in(after, _PICTOGRAPHIC):
            return True
        return _in(before, _JOINING) and _in(after, _JOINING)
    if ch == "\u200c":
        return _in(before, _JOINING) and _in(after, _JOINING)
    if ch == "\u180e":
        return _in(before, _MONGOLIAN) and _in(after, _MONGOLIAN)
    return _in(before, _NO_SPACES) and _in(after, _NO_SPACES)


class InvisibleCharacter(Rule):
    meta = RuleMeta(
        code="NL103",
        name="invisible-character",
        category="encoding",
        summary="Zero-width, soft-hyphen, bidirectional or control characters that do not belong.",
        severity=Severity.WARNING,
        scope="line",
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="invisible characters are not words: removing them changes no word",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if text.isascii():
            # bytes.translate() drops printable ASCII much faster than a regex scans
            rest = text.encode("ascii").translate(None, _PLAIN_ASCII)
            if not rest or (rest.strip(b"\r") == b"" and _INVISIBLE.search(text) is None):
                return  # nothing, or only the carriage returns of CRLF line ends
        elif _QUICK.search(text) is None:
            return
        rtl_lines: dict[int, bool] = {}
        for m in _INVISIBLE.finditer(text):
            start = m.start()
            kept: list[int] = []
            line_has_rtl = False
            if any(c in _MARKS for c in m.group()):
                number = doc.position(start)[0]
                if number not in rtl_lines:
                    rtl_lines[number] = _RTL.search(doc.lines[number - 1].text) is not None
                line_has_rtl = rtl_lines[number]
            for i in range(start, m.end()):
                if _needed(text, i, line_has_rtl) or _in_mojibake(text, i):
                    kept.append(i)
            # split the run at the characters that stay
            pos = start
            for stop in [*kept, m.end()]:
                if stop > pos:
                    yield self._finding(doc, pos, stop)
                pos = stop + 1

    def _finding(self, doc: Document, start: int, end: int) -> Diagnostic:
        text = doc.text
        run = text[start:end]
        counts: dict[str, int] = {}
        for ch in run:
            counts[ch] = counts.get(ch, 0) + 1
        names = ", ".join(_name(ch) + (f" ×{n}" if n > 1 else "") for ch, n in counts.items())
        plural = "s" if len(run) > 1 else ""
        if any(ch in _OVERRIDES for ch in run):
            message = (
                f"bidirectional control character{plural} {names}: the text displays in "
                "another order than it is stored"
            )
        elif all(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in run):
            message = f"control character{plural} {names} in text"
            if any(0x80 <= ord(ch) < 0xA0 for ch in run):
                message += " (a byte that Windows-1252 leaves undefined)"
        else:
            message = f"invisible character{plural} {names} in text"
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        replacement = ""
        if run == "\r" and after != "\n":
            replacement = "\n"
            message = "a carriage return on its own (CARRIAGE RETURN, U+000D): a line break"
        elif (
            any(ch in _SEPARATORS for ch in run)
            and before
            and after
            and not before.isspace()
            and not after.isspace()
        ):
            replacement = " "
        title = "remove it" if not replacement else f"replace with {replacement!r}"
        fix = Fix((Edit(start, end, replacement),), Applicability.SAFE, title)
        return self.report(doc, start, end, message, fix=fix)


RULE = InvisibleCharacter()
