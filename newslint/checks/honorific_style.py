"""Courtesy titles written with and without a period in one article (`Mr` / `Mr.`).

## What it does
Counts the courtesy titles `Mr`, `Mrs`, `Ms` and `Dr` in front of a name, with
a period (American style: `Mr. Guaido`) and without one (British style: `Mr
Guaido`). When one article uses both, every title in the other style is
reported: the target is the house style, or the style the article uses most
(a tie goes to the style of the first title).

Only a title followed by a capitalized name counts. `Dr` after a capitalized
word (`Sunset Dr.`, a street) and a title before a word that opens sentences
(`... Dr. The next day`) are left alone.

## Why is this bad?
Mixed courtesy titles show that paragraphs came from different sources (a wire
story pasted into a local one) or were edited by different hands. They look
careless in print and break exact matching of names such as `Mr Guaido`.

## Example
```text
Mr. Guaido spoke on Tuesday. Later, Mr Guaido said he would return.
```
The second title is reported; the fix writes `Mr. Guaido`.

## Fix safety
**Safe**: only the period after the title is added or removed, also inside
quoted speech; no word changes.

## Options
- `house-style` (string, default `majority`): `dotted` (or `ap`: `Mr.`),
  `undotted` (or `bbc`, `guardian`: `Mr`), or `majority` (the article's most
  used style). The top-level `house-style` setting applies here too; a style
  that says nothing about courtesy titles (`reuters`, or a style of your own
  name pack) means `majority`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

_TITLE = lazy(r"(?<![\w.])(Mr|Mrs|Ms|Dr)(\.?)(?=(?:[ \t]+|[ \t]*\n[ \t]*)([^\W\d_]+))")
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr")


def _both_styles(text: str) -> bool:
    """Could the text have a dotted title and an undotted one? What _TITLE needs
    (``Mr.``; ``Mr`` then a space or a line break) for both, from what follows each
    ``Mr``, ``Mrs``, ``Ms`` and ``Dr``: two scans that open with a literal character
    (``M``, ``Dr``), which the regex engine skips ahead to, where _TITLE opens with a
    look-behind and is tried at every position."""
    ends = set(_M_TITLE_END.findall(text))
    ends.update(_D_TITLE_END.findall(text))
    return "." in ends and len(ends) > 1


# the character after each title: "." or a space, tab or line break
_M_TITLE_END = lazy(r"M(?:rs?|s)([. \t\n])")
_D_TITLE_END = lazy(r"Dr([. \t\n])")


def _both_styles_plain(text: str) -> bool:
    """:func:`_both_styles` as substring tests (the property tests compare them)."""
    return any(a + "." in text for a in _ABBREVIATIONS) and any(
        a + c in text for a in _ABBREVIATIONS for c in " \t\n"
    )


_PREVIOUS_WORD = lazy(r"([^\W\d_]+)[ \t]+$")
# words that open sentences: after them "Dr." is more likely the end of an address
_SENTENCE_WORDS = frozenset((
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But",
    "And", "Or", "So", "This", "That", "These", "Those", "There", "Then", "When", "While",
    "After", "Before", "As", "If", "For", "His", "Her", "Its", "Their", "Our",
))  # fmt: skip
DOTTED_STYLES = frozenset({"dotted", "ap"})
UNDOTTED_STYLES = frozenset({"undotted", "bbc", "guardian"})


class _Title(NamedTuple):
    title: str
    dotted: bool
    start: int
    end: int  # past the period, if any


class HonorificStyle(Rule):
    class Options(NamedTuple):
        house_style: str = "majority"

    meta = RuleMeta(
        code="NL503",
        name="honorific-style",
        category="typography",
        summary="Courtesy titles with and without a period in one article (`Mr` / `Mr.`).",
        severity=Severity.INFO,
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="only the period after a courtesy title changes, never a word",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        if not _both_styles(text):
            return
        titles = list(_titles(text))
        dotted = sum(1 for t in titles if t.dotted)
        undotted = len(titles) - dotted
        if not dotted or not undotted:
            return
        style = options.house_style
        if style in DOTTED_STYLES:
            want_dotted, why = True, f"house style ({style}) writes titles with a period"
        elif style in UNDOTTED_STYLES:
            want_dotted, why = False, f"house style ({style}) writes titles without a period"
        else:
            want_dotted = dotted > undotted or (dotted == undotted and titles[0].dotted)
            why = (
                f"this article writes {dotted} title{'s' if dotted > 1 else ''} with a period "
                f"and {undotted} without"
            )
        for t in titles:
            if t.dotted == want_dotted:
                continue
            new = t.title + "." if want_dotted else t.title
            written = text[t.start : t.end]
            yield self.report(
                doc,
                t.start,
                t.end,
                f"'{written}' {'without' if want_dotted else 'with'} a period: {why}; "
                f"write '{new}'",
                fix=Fix((Edit(t.start, t.end, new),), Applicability.SAFE, f"write {new!r}"),
            )


def _titles(text: str) -> Iterator[_Title]:
    for m in _TITLE.finditer(text):
        title, period, following = m.group(1), m.group(2), m.group(3)
        if not following[0].isupper() or following in _SENTENCE_WORDS:
            continue
        if following.isupper() and len(following) > 1:
            continue  # MR SMITH in a line of capitals, or an acronym after "Dr"
        if title == "Dr":
            prev = _PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.start())
            if prev and prev.group(1)[0].isupper():
                continue  # "Sunset Dr. Police said" is an address
        yield _Title(title, bool(period), m.start(), m.end())


RULE = HonorificStyle()
