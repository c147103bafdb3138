"""Text decoded with the wrong character set (``â€™`` for ``’``, ``Ã©`` for ``é``).

## What it does
Finds text whose UTF-8 bytes were decoded as a single-byte character set -
Windows-1252, Latin-1, MacRoman, Windows-1250/1251/1253/1254/1257, Latin-2 or
CP437 - once or several times over (double encoding), including the variants
ftfy knows: a no-break space byte turned into a space (`voilÃ le`), a lost
byte (`â€�`), Windows-1252 punctuation read as Latin-1 control characters
(`\\x92` for `’`), and mojibake confined to a few words of an otherwise correct
line. Each damaged span is reported on its own, with what happened to it
("UTF-8 bytes decoded as Windows-1252").

The decision is ftfy's encoding step (`ftfy.fix_encoding`), so what ftfy
leaves alone stays alone (`Ôôô`, `4288×…`, Greek `¨ανατροφή¨`). Only the
re-decoding is applied: curly quotes, dashes, character width and the
normalization form stay exactly as the publisher wrote them, unlike
`ftfy.fix_text` with its defaults.

A cheap pre-screen runs first: ASCII text, and text with no character that
starts a UTF-8 sequence in one of those character sets followed by the
continuation characters that sequence needs (in the same character set), is
skipped without loading ftfy.

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
this restores what the publisher wrote, also inside quoted speech. C1 control
characters that Windows-1252 gives a printable meaning (`\\x85` → `…`), and any
C1 control that is part of a UTF-8 sequence (`Ñ\\x81` is `с`), are this rule's;
`invisible-character` removes only the others.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

# The single-byte character sets ftfy re-encodes to, in ftfy's order
# (ftfy.chardata.CHARMAP_ENCODINGS), with Python's names for them. Bytes a
# Windows code page leaves undefined decode to the Latin-1 character of the same
# number, as ftfy's "sloppy" codecs (and web browsers) do.
_CHARSETS = (
    ("latin-1", "latin-1"),
    ("cp1252", "sloppy-windows-1252"),
    ("cp1251", "sloppy-windows-1251"),
    ("cp1250", "sloppy-windows-1250"),
    ("cp1253", "sloppy-windows-1253"),
    ("cp1254", "sloppy-windows-1254"),
    ("cp1257", "sloppy-windows-1257"),
    ("iso8859-2", "iso-8859-2"),
    ("mac-roman", "macroman"),
    ("cp437", "cp437"),
)

_ENCODING_NAMES = {
    "latin-1": "Latin-1",
    "iso-8859-1": "Latin-1",
    "windows-1252": "Windows-1252",
    "sloppy-windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "Latin-2",
    "macroman": "MacRoman",
    "cp437": "CP437 (DOS)",
    "utf-8": "UTF-8",
    "utf-8-variants": "CESU-8 (UTF-8 with surrogates)",
}
_TRANSCODE_NOTES = {
    "restore_byte_a0": "a no-break-space byte had become a space",
    "replace_lossy_sequences": "a byte was lost, so one character stays unknown",
    "fix_c1_controls": "Windows-1252 characters read as Latin-1 control characters",
}

_WRAPPERS = "\"'“”‘’„«»‹›()[]{}<>.,;:!?"
_SPACE = lazy(r"\s")


class _Screen(NamedTuple):
    """The pre-screen: a regex for candidate pairs and the byte maps to verify them."""

    pairs: re.Pattern[str]
    maps: tuple[dict[str, int], ...]
    candidates: re.Pattern[str]  # a C1 control, or the lead of a candidate pair


@lru_cache(maxsize=1)
def _screen() -> _Screen:
    """Build the pre-screen from Python's codecs (once, and only for non-ASCII text)."""
    maps: list[dict[str, int]] = []
    leads: set[str] = set()
    conts: set[str] = set()
    for codec, _ in _CHARSETS:
        table: dict[str, int] = {}
        for byte in range(0x80, 0x100):
            try:
                char = bytes((byte,)).decode(codec)
            except UnicodeDecodeError:
                char = chr(byte)
            table.setdefault(char, byte)
        maps.append(table)
        leads.update(c for c, b in table.items() if 0xC2 <= b <= 0xF4)
        conts.update(c for c, b in table.items() if b <= 0xBF)
    # a continuation may also be a space (a no-break-space byte that became a
    # space) or U+FFFD (a byte that was lost)
    conts.update(" \ufffd")
    # a lead followed by a continuation; only the lead is consumed, so that
    # finditer() sees every lead of a run
    pair = f"[{_char_class(leads)}](?=[{_char_class(conts)}])"
    # the same with the C1 controls, in one scan (each match is one character, so
    # every position is seen; no C1 control is a lead)
    assert not leads & {chr(c) for c in range(0x80, 0xA0)}
    # (one character class first, so that the regex engine skips ahead to it)
    candidates = re.compile(
        f"[\u0080-\u009f{_char_class(leads)}](?:(?<=[\u0080-\u009f])|(?=[{_char_class(conts)}]))"
    )
    return _Screen(re.compile(pair), tuple(maps), candidates)


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


# lead bytes after which ftfy accepts a space for a lost no-break-space byte
# (ftfy.chardata.ALTERED_UTF8_RE); never in MacRoman, where it would be a dash
_SPACE_LEADS = frozenset({0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0, 0xE1, 0xE2, 0xE3, 0xF0})
_MACROMAN = [codec for codec, _ in _CHARSETS].index("mac-roman")


def _is_sequence(text: str, i: int, maps: Sequence[dict[str, int]]) -> bool:
    """Whether ``text[i:]`` starts with a whole UTF-8 sequence in one character set."""
    return _starts_sequence(text[i : i + 4])


@lru_cache(maxsize=4096)
def _starts_sequence(head: str) -> bool:
    """:func:`_is_sequence` of ``head`` at 0: a sequence is at most four characters, so
    the four from ``i`` decide it (fewer at the end of the text, which
    :func:`_charsets_of_sequence` counts with)."""
    return bool(_charsets_of_sequence(head, 0, _screen().maps, first=True))


def _charsets_of_sequence(
    text: str, i: int, maps: Sequence[dict[str, int]], *, first: bool = False
) -> list[int]:
    """Indices of the character sets in which ``text[i:]`` starts a UTF-8 sequence."""
    found: list[int] = []
    for index, table in enumerate(maps):
        lead = table.get(text[i])
        if lead is None or not 0xC2 <= lead <= 0xF4:
            continue
        need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        if i + need >= len(text):
            continue
        spaces = index != _MACROMAN and lead in _SPACE_LEADS
        ok = True
        for k in range(1, need + 1):
            char = text[i + k]
            byte = table.get(char)
            if byte is not None and byte <= 0xBF and byte != 0xA0:
                continue
            if char == "\ufffd" or (spaces and char in " \u00a0"):
                continue
            ok = False
            break
        if ok:
            found.append(index)
            if first:
                break
    return found


def in_sequence(text: str, i: int) -> bool:
    """Whether ``text[i]`` continues a UTF-8 sequence read in one of the character
    sets (the ``\\x81`` of ``Ñ\\x81``, which is ``с``): ``invisible-character``
    leaves such characters to this rule."""
    maps = _screen().maps
    for j in range(max(0, i - 3), i):
        for index in _charsets_of_sequence(text, j, maps):
            lead = maps[index][text[j]]
            if j + (1 if lead < 0xE0 else 2 if lead < 0xF0 else 3) >= i:
                return True
    return False


def candidate_lines(text: str, line_starts: Sequence[int]) -> list[int]:
    """0-based numbers of the lines that may hold mojibake (sorted, unique).

    A line qualifies when it has a C1 control character, or a character that
    starts a UTF-8 sequence in one of the character sets followed by the
    continuation characters the sequence needs, in the same character set.
    """
    import bisect

    screen = _screen()
    found: set[int] = set()
    last_start = last_end = 0  # the span of the last line found (the next candidate
    # is often on it too)
    for m in screen.candidates.finditer(text):
        i = m.start()
        if last_start <= i < last_end:
            continue  # on a line found already
        line = bisect.bisect_right(line_starts, i) - 1
        if line in found:
            continue
        if text[i] <= "\x9f" or _starts_sequence(text[i : i + 4]):
            found.add(line)
            last_start = line_starts[line]
            last_end = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
    return sorted(found)


def explain(steps: Sequence[tuple[str, str]] | None) -> str:
    """Turn ftfy's explanation steps into a sentence."""
    if not steps:
        return "text decoded with the wrong character set"
    parts: list[str] = []
    notes: list[str] = []
    pending: str | None = None
    for action, param in steps:
        name = _ENCODING_NAMES.get(param, param)
        if action == "encode":
            pending = name
        elif action == "decode" and pending is not None:
            parts.append(f"{name} bytes decoded as {pending}")
            pending = None
        elif action == "transcode" and param in _TRANSCODE_NOTES:
            if param == "fix_c1_controls":
                parts.append(_TRANSCODE_NOTES[param])
            else:
                notes.append(_TRANSCODE_NOTES[param])
        elif action == "apply" and param == "decode_inconsistent_utf8":
            parts.append("UTF-8 bytes decoded as a single-byte character set")
        else:
            parts.append(f"{action} {param.replace('_', ' ')}")
    if len(parts) > 1 and len(set(parts)) == 1:
        sentence = f"{parts[0]}, {len(parts)} times over"
    else:
        sentence = "; then ".join(dict.fromkeys(parts))
    if notes:
        sentence += ", and " + ", and ".join(dict.fromkeys(notes))
    return sentence


def _regions(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed regions between ``a`` and its re-decoded form ``b``.

    Re-decoding changes runs of non-ASCII characters and leaves ASCII alone, so the
    two strings are walked side by side, resynchronising on ASCII; only when that
    fails (a space that was part of the damage) is the slower ``difflib`` used.
    Regions closer than three characters are merged, and each covers whole damaged
    sequences: ``Â£`` → ``£`` is one region, not the deletion of ``Â``.
    """
    raw = _walk(a, b)
    if raw is None or _apply(a, b, raw) != b:
        raw = _diff(a, b)
    regions: list[list[int]] = []
    for i1, i2, j1, j2 in raw:
        if regions and i1 - regions[-1][1] <= 2:
            regions[-1][1] = i2
            regions[-1][3] = j2
        else:
            regions.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in regions:
        while j1 == j2 or i1 == i2:
            if i2 < len(a) and j2 < len(b) and a[i2] == b[j2] and not a[i2].isascii():
                i2, j2 = i2 + 1, j2 + 1
            elif i1 > 0 and j1 > 0 and a[i1 - 1] == b[j1 - 1] and not a[i1 - 1].isascii():
                i1, j1 = i1 - 1, j1 - 1
            else:
                break
        out.append((i1, i2, j1, j2))
    return out


def _apply(a: str, b: str, regions: list[tuple[int, int, int, int]]) -> str:
    pieces = []
    pos = 0
    for i1, i2, j1, j2 in regions:
        pieces.append(a[pos:i1])
        pieces.append(b[j1:j2])
        pos = i2
    pieces.append(a[pos:])
    return "".join(pieces)


def _walk(a: str, b: str) -> list[tuple[int, int, int, int]] | None:
    """Regions found by resynchronising on ASCII characters, or ``None``."""
    out: list[tuple[int, int, int, int]] = []
    i = j = 0
    n, m = len(a), len(b)
    while i < n and j < m:
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        i1, j1 = i, j
        while i < n and not a[i].isascii():
            i += 1
        while j < m and not b[j].isascii():
            j += 1
        if i < n and j < m and a[i] != b[j]:
            return None
        # trim what both ends share (“Ã©” → “é”: the quotes are not damage),
        # keeping both sides non-empty
        i2, j2 = i, j
        while i2 - i1 > 1 and j2 - j1 > 1 and a[i2 - 1] == b[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
        while i2 - i1 > 1 and j2 - j1 > 1 and a[i1] == b[j1]:
            i1, j1 = i1 + 1, j1 + 1
        out.append((i1, i2, j1, j2))
    if i < n or j < m:
        if a[i:] and b[j:] and not a[i:].isascii() and not b[j:].isascii():
            out.append((i, n, j, m))
        else:
            return None
    return out


def _diff(a: str, b: str) -> list[tuple[int, int, int, int]]:
    import difflib

    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    a_mid, b_mid = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
    return [
        (i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


class Mojibake(Rule):
    meta = RuleMeta(
        code="NL102",
        name="mojibake",
        category="encoding",
        summary="Text decoded with the wrong character set (mojibake), re-decoded by ftfy.",
        severity=Severity.ERROR,
        scope="line",
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="re-decoding restores the characters the publisher wrote",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if text.isascii():
            return
        numbers = candidate_lines(text, doc.line_starts)
        if not numbers:
            return
        import ftfy

        for index in numbers:
            line = doc.lines[index]
            s = line.text
            fixed, steps = ftfy.fix_encoding_and_explain(s)
            if fixed != s:
                yield from self._report_changes(doc, line.start, s, fixed, steps, ftfy)
                continue
            # ftfy left the whole line alone; mojibake confined to a few words of a
            # line that also holds text no single-byte character set can encode is
            # fixed word by word (only when ftfy finds the line suspicious at all)
            from ftfy.badness import is_bad

            if not is_bad(s):
                continue
            for start, end in _words_with_candidates(s):
                # the word, then the word without the quotes or brackets around it
                while start < end:
                    word = s[start:end]
                    fixed_word, word_steps = ftfy.fix_encoding_and_explain(word)
                    if fixed_word != word:
                        yield from self._report_changes(
                            doc, line.start + start, word, fixed_word, word_steps, ftfy
                        )
                        break
                    inner = word.strip(_WRAPPERS)
                    if inner == word or not inner:
                        break
                    start += word.index(inner)
                    end = start + len(inner)

    def _report_changes(
        self,
        doc: Document,
        offset: int,
        before_all: str,
        after_all: str,
        steps: Sequence[tuple[str, str]] | None,
        ftfy: Any,
    ) -> Iterator[Diagnostic]:
        overall = explain(steps)
        # a plain re-decoding explains every span; a mixed line ("inconsistent
        # UTF-8") is explained span by span, as ftfy repairs each alone
        mixed = not steps or any(action not in ("encode", "decode") for action, _ in steps)
        cache: dict[str, str] = {}
        for i1, i2, j1, j2 in _regions(before_all, after_all):
            before, after = before_all[i1:i2], after_all[j1:j2]
            why = overall
            if mixed:
                key = before + "\x00" + after
                if key not in cache:
                    own, own_steps = ftfy.fix_encoding_and_explain(before)
                    cache[key] = explain(own_steps) if own == after and own_steps else overall
                why = cache[key]
            start, end = offset + i1, offset + i2
            shown_before, shown_after = _visible(before), _visible(after)
            yield self.report(
                doc,
                start,
                end,
                f"mojibake ({why}): '{shown_before}' should be '{shown_after}'",
                fix=Fix((Edit(start, end, after),), Applicability.SAFE, f"write '{shown_after}'"),
            )


def _visible(s: str) -> str:
    """``s`` with control characters spelled out (``\\x92``), for messages."""
    if s.isprintable():
        return s
    return "".join(
        c
        if c.isprintable() or c == " "
        else f"\\x{ord(c):02x}"
        if ord(c) < 256
        else f"\\u{ord(c):04x}"
        for c in s
    )


def _words_with_candidates(s: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-separated words of ``s`` to re-decode on their own.

    A word qualifies when it holds a UTF-8 sequence in a character set that cannot
    encode the whole line (so ftfy could not try that character set on the line).
    When the line could be encoded, ftfy has seen it whole and decided against it
    (``Bremer/Mccoy – DrÃ¥ber``); that decision stands.
    """
    screen = _screen()
    encodable: dict[int, bool] = {}

    def line_encodable(index: int) -> bool:
        if index not in encodable:
            table = screen.maps[index]
            encodable[index] = all(c.isascii() or c in table for c in s)
        return encodable[index]

    hits = set()
    for m in screen.pairs.finditer(s):
        charsets = _charsets_of_sequence(s, m.start(), screen.maps)
        if charsets and not any(line_encodable(index) for index in charsets):
            hits.add(m.start())
    spans: list[tuple[int, int]] = []
    for i in sorted(hits):
        if spans and spans[-1][0] <= i < spans[-1][1]:
            continue
        start = i
        while start > 0 and not _SPACE.match(s, start - 1):
            start -= 1
        end = i + 2
        while end < len(s) and not _SPACE.match(s, end):
            end += 1
        spans.append((start, min(end, len(s))))
    return spans


RULE = Mojibake()
