"""Characters already destroyed upstream: U+FFFD, and ``?`` standing for a lost character.

## What it does
Finds text where a character was lost before the text reached you, so that no
decoding can bring it back:

- the replacement character U+FFFD (`�`), which a decoder writes for bytes it
  could not read;
- a `?` that a conversion to a smaller character set wrote for a character it
  did not have: an apostrophe in a contraction or possessive (`don?t`,
  `Bush?s`, `we?re`, `O?Brien`, `d?Ivoire`), a currency sign before an amount
  (`?15m`, `cost ?300`), a letter inside a word (`Espa?a`, `na?ve`), or quotation
  marks around a quotation that ends in punctuation (`?Hello,? she said`).

Real question marks are left alone: a `?` at the end of a word or before a
space, `??` and `?!`, a `?` before a capital letter (`password?Privacy` is a
missing space, not a lost character), and anything in a URL or query string
(`page.php?s=1`, `a?b:c`). A `?` inside a word that is not a contraction is
only reported when the document shows another sign of the same damage (another
such `?` or a U+FFFD), since one alone may be a typo.

## Why is this bad?
`Bush?s` and `?15m` are read as questions, split words for search and
deduplication, and hide which character the publisher wrote.

## Example
```text
Bush?s plan will cost ?15m.
```
reports `?` twice: the first stands for an apostrophe (`Bush’s`), the second
for a lost currency sign (£, € or ¥ - the text does not say which).

## Fix safety
No safe fix: the original character is gone. **Unsafe** only where the lost
character is unambiguous - the apostrophe of a contraction or possessive, and
of `O’Brien` / `d’Ivoire` - which is written as the typographic apostrophe `’`
(a plain `'` would not have been lost in the first place).

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
from ._lazy_re import lazy

# stems a contraction suffix can follow (lower case); "s" follows any word
_SUFFIX_STEMS = {
    "t": None,  # any stem ending in "n": don, can, isn, won, didn ...
    "re": frozenset(["you", "we", "they", "who", "what", "there", "here", "where"]),
    "ve": frozenset(["i", "you", "we", "they", "who", "could", "would", "should", "might", "must"]),
    "ll": frozenset(["i", "you", "he", "she", "it", "we", "they", "that", "who", "there"]),
    "d": frozenset(["i", "you", "he", "she", "it", "we", "they", "who", "that", "there"]),
    "m": frozenset(["i"]),
}
_CONTRACTION = lazy(
    r"(?<![\w?])(?P<stem>[A-Za-z]+)\?(?P<suffix>s|t|re|ve|ll|d|m|S|T|RE|VE|LL|D|M)(?![\w?=&/])"
)
_ELISION = lazy(
    r"(?<![\w?])(?P<stem>O|D|d|l|L|qu|Qu|dell|nell|sull|all|un)\?(?=[A-ZÀ-Þaeiouhéèêàâîôû])"
)
_IN_WORD = lazy(r"(?<=[^\W\d_])\?(?=[^\W\d_A-Z])")
_CURRENCY = lazy(r"(?:(?<=[\s(])|^)\?(?=\d)", re.MULTILINE)
_QUOTES = lazy(r"(?:(?<=\s)|^)\?(?=[A-Z])[^?\n]{1,300}?[a-z0-9][,.!]\?(?=\s|$)", re.MULTILINE)
# For each pattern above, what holds at the "?" of each of its matches, as a search
# that opens with the "?" (a fast search for it; the patterns open with look-behinds,
# which the regex engine tries at every position): where it finds nothing, nor
# does the pattern, so its search around the question marks is skipped.
_CONTRACTION_AT = lazy(r"\?(?<=[A-Za-z]\?)(?:s|t|re|ve|ll|d|m|S|T|RE|VE|LL|D|M)(?![\w?=&/])")
_ELISION_AT = lazy(r"\?(?<=[A-Za-z]\?)(?=[A-ZÀ-Þaeiouhéèêàâîôû])")
_IN_WORD_AT = lazy(r"\?(?<=[^\W\d_]\?)(?=[^\W\d_A-Z])")
_CURRENCY_AT = lazy(r"\?(?=\d)")
_QUOTES_AT = lazy(r"\?(?=[A-Z])")
_FFFD = lazy("\ufffd+")
_QMARK = lazy(r"\?")
_URLISH = lazy(r"[/=&@:\\_]|www\.|\.[a-z]{2,4}\?")


def _token(text: str, start: int, end: int) -> str:
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def _urlish(text: str, start: int, end: int) -> bool:
    token = _token(text, start, end).rstrip(".,;:!?)\"'”’")
    return _URLISH.search(token) is not None


class LostCharacter(Rule):
    meta = RuleMeta(
        code="NL104",
        name="lost-character",
        category="encoding",
        summary="A character lost upstream: U+FFFD, or '?' standing for one (Bush?s, ?15m).",
        severity=Severity.WARNING,
        scope="line",
        fix=Applicability.UNSAFE,
        quoted="restore",
        quoted_reason="the '?' is not the speaker's: the fix only puts back a lost apostrophe",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        has_q = "?" in text
        has_fffd = not text.isascii() and "\ufffd" in text
        if not has_q and not has_fffd:
            return
        found: list[Diagnostic] = []
        taken: set[int] = set()
        if has_fffd:
            for m in _FFFD.finditer(text):
                n = len(m.group())
                what = "a character was" if n == 1 else f"{n} characters were"
                found.append(
                    self.report(
                        doc,
                        m.start(),
                        m.end(),
                        f"replacement character U+FFFD: {what} lost when the text was "
                        "decoded; the original cannot be recovered from the text",
                    )
                )
        if has_q:
            found.extend(self._question_marks(doc, taken, evidence=bool(found)))
        yield from sorted(found, key=lambda d: d.start)

    def _question_marks(
        self, doc: Document, taken: set[int], *, evidence: bool
    ) -> list[Diagnostic]:
        text = doc.text
        marks = [m.start() for m in _QMARK.finditer(text)]
        if not marks:
            return []
        out: list[Diagnostic] = []
        for m in _around(_CONTRACTION, text, marks, 40, 4) if _CONTRACTION_AT.search(text) else ():
            stem, suffix = m.group("stem"), m.group("suffix").lower()
            q = m.start("suffix") - 1
            if not _is_contraction(stem, suffix) or _urlish(text, m.start(), m.end()):
                continue
            taken.add(q)
            word = m.group()
            fixed = word.replace("?", "\u2019")
            out.append(
                self.report(
                    doc,
                    q,
                    q + 1,
                    f"'?' in '{word}' stands for a lost apostrophe: '{fixed}'",
                    fix=Fix((Edit(q, q + 1, "\u2019"),), Applicability.UNSAFE, f"write '{fixed}'"),
                )
            )
        for m in _around(_ELISION, text, marks, 5, 2) if _ELISION_AT.search(text) else ():
            q = m.end() - 1
            if q in taken or _urlish(text, m.start(), m.end()):
                continue
            taken.add(q)
            word = _token(text, q, q + 1).strip(".,;:!)\"'”")
            fixed = word.replace("?", "\u2019", 1)
            out.append(
                self.report(
                    doc,
                    q,
                    q + 1,
                    f"'?' in '{word}' stands for a lost apostrophe: '{fixed}'",
                    fix=Fix((Edit(q, q + 1, "\u2019"),), Applicability.UNSAFE, f"write '{fixed}'"),
                )
            )
        for m in _around(_CURRENCY, text, marks, 1, 2) if _CURRENCY_AT.search(text) else ():
            q = m.start()
            if q in taken or _urlish(text, q, q + 1):
                continue
            taken.add(q)
            amount = _token(text, q, q + 1).rstrip(".,;:!)")
            out.append(
                self.report(
                    doc,
                    q,
                    q + 1,
                    f"'?' in '{amount}' stands for a lost character, probably a currency sign "
                    "(£, € or ¥; the text does not say which)",
                )
            )
        for m in _around(_QUOTES, text, marks, 310, 310) if _QUOTES_AT.search(text) else ():
            first, last = m.start(), m.end() - 1
            if first in taken or last in taken or _urlish(text, first, first + 1):
                continue
            taken.update((first, last))
            for q in (first, last):
                out.append(
                    self.report(
                        doc,
                        q,
                        q + 1,
                        "'?' stands for a lost quotation mark (the quotation "
                        f"'{_short(m.group())}' is wrapped in '?')",
                    )
                )
        in_word = [
            m.start()
            for m in (_around(_IN_WORD, text, marks, 1, 2) if _IN_WORD_AT.search(text) else ())
            if m.start() not in taken and not _urlish(text, m.start(), m.end())
        ]
        if in_word and (evidence or out or len(in_word) > 1):
            for q in in_word:
                word = _token(text, q, q + 1).strip(".,;:!)(\"'”“")
                out.append(
                    self.report(
                        doc,
                        q,
                        q + 1,
                        f"'?' in '{word}' stands for a letter lost in a conversion to another "
                        "character set; the original cannot be recovered from the text",
                    )
                )
        return out


def _around(
    pattern: re.Pattern[str], text: str, marks: list[int], before: int, after: int
) -> list[re.Match[str]]:
    """Matches of ``pattern`` near the question marks only (question marks are rare).

    Windows around the marks are merged; a match that touches the end of a window
    (not of the text) is dropped, since the window may have cut what follows.
    """
    n = len(text)
    windows: list[list[int]] = []
    for q in marks:
        lo, hi = max(0, q - before), min(n, q + after + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if m.end() < hi or hi == n:
                out.append(m)
    return out


def _is_contraction(stem: str, suffix: str) -> bool:
    lower = stem.lower()
    if suffix == "s":
        return len(stem) >= 2 or stem in ("I",)  # Bush?s, it?s, he?s
    if suffix == "t":
        return lower.endswith("n") and len(stem) >= 2  # don?t, can?t, isn?t
    stems = _SUFFIX_STEMS[suffix]
    return stems is not None and lower in stems


def _short(s: str, limit: int = 40) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


RULE = LostCharacter()
