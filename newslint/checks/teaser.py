"""A headline-like line inside the article that links to another story.

## What it does
Reports a line that stands alone between two paragraphs and looks like a
headline (Title Case, capitals or a question; five to 16 words; no final full
stop) when nothing in the paragraph that follows takes up its words: a
subheading announces what comes next ("NISSAN SENTRA" before "Nissan is hoping a
sleek redesign of the Sentra ..."), a teaser points to another story.

Articles with subheadings are left alone: as soon as one headline-like line
between paragraphs is taken up by the paragraph after it, the rule reports
nothing in that document. A question counts only when it is the only candidate
(several questions between paragraphs are an interview or the author's own
device). Never reported: the headline and lines repeating it, bylines, credits,
dates, lines with `©`, `|` or `@`, `Q:`/`A:` lines, and lines that open with an
explicit label (`Read more:`, `Related:`), which are the `boilerplate` rule's
business. At most `max-teasers` lines are reported per document, and a
document with more candidates is left alone: so many headline-like lines
between paragraphs are the article's own (subheadings that its paragraphs do
not echo, the points of a list), or the page interleaves another story.

## Why is this bad?
News pages sprinkle links to related articles into the body ("Who is
Venezuela's legitimate leader?"). Once the page is flattened to text, the link
reads like a sentence of the article that breaks off its flow, and readers,
summarizers and language models take it for part of the story.

## Example
```text
In a three-minute video posted on Mr Guaido's twitter page, he is seen surrounded
by heavily armed soldiers.

Who is Venezuela's legitimate leader?

"He was headed for Havana", Mike Pompeo said on CNN.
```
The question is a link to another article, not a question the article asks.

## Fix safety
Removing the line is **unsafe**: a subheading that the next paragraph does not
echo, or a one-line rhetorical question, can look the same. The finding is
reported as `info`.

## Options
- `min-words` (int, default 5), `max-words` (int, default 16): the size of a
  headline-like line (subheadings are mostly shorter than five words).
- `max-teasers` (int, default 2): findings per document at most; a document
  with more candidates gets none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix, Severity
from ..document import Document, Line
from ..rule import Rule, RuleMeta
from ..spans import remove_line
from ._layout import (
    _CLOSERS,
    _TERMINAL,
    KEEP,
    NEUTRAL,
    PROSE,
    cjk_chars,
    classify_line,
    ends_sentence,
    headline_keys,
    like_headline,
    standalone_lines,
)
from ._lazy_re import lazy

_WORD = lazy(r"[^\W\d_]{4,}")  # content words: four letters or more
# small words that stay lower-case in Title Case headlines
_LOWER_OK = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "vs",
        "via",
        "de",
        "la",
        "le",
        "el",
        "los",
        "las",
        "del",
        "des",
        "du",
        "et",
        "y",
        "e",
        "o",
        "da",
        "do",
        "das",
        "dos",
        "di",
        "il",
        "lo",
        "und",
        "der",
        "die",
        "von",
        "zu",
    }
)
_MAX_CHARS = 150
_MIN_PROSE = 16  # characters: no shorter line is a paragraph
_NOT_IN = ("\u00a9", "|", "@", "\u24b8", "\u24d2")  # © | @ Ⓒ ⓒ
_LABEL = lazy(
    r"(?:read more|related|read also|also read|see also|more|watch|listen|don'?t miss"
    r"|lee tambi[ée]n|lea tambi[ée]n|te puede interesar|[àa] lire aussi|lire aussi|voir aussi"
    r"|lesen sie auch|mehr zum thema|leia tamb[ée]m|veja tamb[ée]m|leggi anche)\s*:",
    re.IGNORECASE,
)
_QA = lazy(r"[QA]\s?[:.]\s", re.IGNORECASE)
_NOT_FIRST = frozenset("-\u2013\u2014\u2015(\"'\u201c\u2018\u00ab[")


def _headline_like(s: str, min_words: int, max_words: int) -> bool:
    # (the tests are ordered cheapest first: a hot loop; each one only says no)
    last = s[-1]  # not a sentence: ends_sentence(s) and not "?" or "!", inlined
    if last in ".,;:":
        return False
    if last in _CLOSERS:
        if ends_sentence(s):
            return False
    elif last in _TERMINAL and last not in "?!":
        return False
    if s[0] in _NOT_FIRST or "|" in s or "@" in s:
        return False  # an attribution, a credit line
    if not s.isascii() and (any(c in s for c in _NOT_IN) or cjk_chars().search(s)):
        return False  # a credit line; a script without capitals
    words = s.split()
    if not min_words <= len(words) <= max_words:
        return False
    if s.endswith("?"):
        shape = "," not in s  # "Really, have you ever seen ...?" is the author talking
    elif s.isupper():
        shape = any(w[0].isalpha() for w in words)  # capitals, and a word of letters
    else:
        # Title Case: the words that start with a letter start with a capital, but
        # for small words, and the first of them does (one pass, stopping early)
        shape = False
        for w in words:
            c = w[0]
            if not c.isalpha():
                continue
            if c.isupper():
                shape = True
            elif not shape or w.lower() not in _LOWER_OK:
                shape = False
                break
    if not shape:
        return False
    # "Related: ...": the boilerplate rule's business; "Q: ...": an interview
    return _LABEL.match(s) is None and _QA.match(s) is None


def _stems(s: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(s.casefold())}


class Teaser(Rule):
    class Options(NamedTuple):
        min_words: int = 5
        max_words: int = 16
        max_teasers: int = 2

    meta = RuleMeta(
        code="NL303",
        name="teaser",
        category="boilerplate",
        summary="A headline-like line between paragraphs that links to another story.",
        severity=Severity.INFO,
        fix=Applicability.UNSAFE,
        quoted="report",
        doc=__doc__ or "",
        origin=__name__,
    )

    def min_lines(self, options: Any) -> int:
        return 3  # a line with a paragraph above and below it

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        lines = doc.lines
        first = -1  # the headline's line number, looked up when first needed
        keys: tuple[str, ...] | None = None
        candidates: list[tuple[Line, str]] = []
        alone = standalone_lines(doc)  # shared with the other boilerplate rules
        n = len(lines)
        stripped: list[str] | _Stripped
        looked_at: Iterable[int]
        if alone is None:
            looked_at = range(1, n - 1)
            stripped = list(map(str.strip, doc.line_texts))  # every line is looked at
        else:
            # only lines that stand alone: not a piece of a hard-wrapped paragraph
            looked_at = alone
            stripped = _Stripped(lines)
        prose: dict[int, bool] = {}  # classified once, though each line has two neighbours
        for idx in looked_at:
            s = stripped[idx]
            if not s or s[-1] in ".,;:":
                continue  # blank; not headline-like (the cheap test of _headline_like)
            line = lines[idx]
            if line.end - line.start > _MAX_CHARS or line.end - line.start < 4:
                continue
            if first == -1:
                first = doc.headline_line or 0
            if line.number == first:
                continue
            # the non-blank lines before and after it (a paragraph on both sides, the
            # cheap test first: prose lines are long)
            b = idx - 1
            while b >= 0 and not stripped[b]:
                b -= 1
            if b < 0:
                continue
            a = idx + 1
            while a < n and not stripped[a]:
                a += 1
            if a >= n:
                continue
            before, after = lines[b], lines[a]
            if before.end - before.start < _MIN_PROSE or after.end - after.start < _MIN_PROSE:
                continue
            if not _headline_like(s, 1, options.max_words):
                continue
            if not (_prose(prose, b, before) and _prose(prose, a, after)):
                continue
            if classify_line(s, 8)[0] in (KEEP, NEUTRAL):
                continue  # a byline, a credit, a date
            taken = bool(_stems(s) & _stems(after.text))
            if taken:
                return  # the next paragraph takes up its words: the article has subheadings
            if len(s.split()) < options.min_words:
                continue
            if keys is None:
                keys = headline_keys(doc)
            if like_headline(s, keys):
                continue
            candidates.append((line, s))
        if len(candidates) > 1:
            # a question between paragraphs is a teaser only when it stands alone; in
            # numbers they are the author's (an interview, a list of questions)
            candidates = [(line, s) for line, s in candidates if not s.endswith("?")]
        if len(candidates) > options.max_teasers:
            return  # so many are the article's own: subheadings its paragraphs do not echo
        for line, s in candidates:
            start = line.start + (len(line.text) - len(line.text.lstrip()))
            yield self.report(
                doc,
                start,
                start + len(s),
                f"headline-like line between paragraphs that the next paragraph does not "
                f"take up: probably a link to another article: '{s}'",
                fix=Fix((remove_line(doc, line.number),), Applicability.UNSAFE, "remove the line"),
            )


class _Stripped:
    """The stripped text of the lines, looked up by index (for the few lines looked at)."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __getitem__(self, idx: int) -> str:
        return self.lines[idx].text.strip()


def _prose(cache: dict[int, bool], idx: int, line: Line) -> bool:
    found = cache.get(idx)
    if found is None:
        found = cache[idx] = classify_line(line.text.strip(), 8)[0] == PROSE
    return found


RULE = Teaser()
