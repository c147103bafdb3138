"""A run of short, link-like lines: a menu, a footer link list, a "related" list.

## What it does
Finds runs of consecutive short lines (at most `max-words` words, no sentence
punctuation, no numbers or other signs of a data list) and reports each run of
at least `min-lines` such lines as **one** finding, with the reason. Blank lines
inside a run are ignored; a bare number, date or "3 hours ago" between the items
joins the run without counting towards it, and so do up to three longer lines in
a row (the headlines of a "latest news" list), as long as the link-like lines
are at least half of the block.

Where the run stands matters. The rule first finds the article's core: the
stretch of lines where prose (sentences of some length) outweighs short lines
most. A run before or after the core is page furniture: navigation menus,
footer links, share buttons, tag clouds. A run *between* paragraphs of the core
is reported only when it opens with a list header such as `Related stories`,
`Most read`, `Tags` or `Share this` (in English, Spanish, French, German,
Portuguese or Italian), because lists inside an article are usually its own
(steps, ingredients, tour dates). A share button (`Share on Facebook`) is an
item of such a list, not its header.

The core can start too late: a long list inside the article (product boxes of a
deals page) outweighs the paragraphs above it. When the page repeats its
headline above the core and two prose lines follow that headline, the article
has begun there, and a run after them counts as between paragraphs.

A list header inside a run (`Share this entry`, `Related stories`; two words
or more) opens a list of its own: the lines above it are judged apart, so the
last lines of the article (a contact line and its phone number) do not join
the share buttons below them.

Never part of a block: the headline, lines repeating it and the title-like line
that stands right above the first paragraph (or, above it, the line that
rewords the page title: two content words in common); the last line of a run
when a paragraph follows it directly and it has two words or more (the
paragraph's heading, such as `Create a new password` above the form's text;
not under a list header that opens the whole run); the last line of a run when
the headline follows it (past a date) and it has two words or more (the
headline's kicker or the blog's name, such as `Dancing With the Stars` above
`James Van Der Beek eliminated ...`; not under a list header); lines ending in
`!` or `?` do not count as links;
bylines and picture credits; prose;
list items that carry numbers, colons, commas, bullets or enumerators
(schedules, prices, results); lines indented deeper than the rest of the text
(tables, notes). A text without any prose line has no core and is left alone.
Hard-wrapped text (wire copy broken at a fixed width) is read paragraph by
paragraph, not line by line.

## Why is this bad?
A scraper that keeps every text block of a page keeps its menus and link lists
too: dozens of lines that are not the article, which pollute search indexes,
training data and word counts. Phrase lists cannot know every section name of
every site; the shape of these runs gives them away.

## Example
```text
Home
World
Business
Tech
Sport
Prosecutors in Sweden have dropped an investigation into a rape allegation.
```
The five menu lines are reported as one block before the article.

## Fix safety
Removing the block is **unsafe**: the decision rests on the shape of the lines,
not on their words, and a short list can be the article's own. The whole block
goes, and paragraphs stay separated as before.

## Options
- `min-lines` (int, default 3): link-like lines a block needs.
- `max-words` (int, default 8): longest line (in words) that can be link-like.
- `between-paragraphs` (bool, default true): also report blocks inside the
  article core that sit under a list header.
- `bylines-and-credits` (bool, default false): count bylines and picture
  credits as link-like lines, for corpora that treat them as boilerplate (by
  default they are article content and break a block).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix, Severity
from ..document import Document, Line
from ..rule import Rule, RuleMeta
from ._layout import (
    BLANK,
    DATA,
    HEADLINE,
    KEEP,
    LINK,
    NEUTRAL,
    OTHER,
    PROSE,
    count_kinds,
    layout,
    remove_lines,
)

# Headers of lists that are not the article's, in six languages.
_HEADER = (
    r"(?:related|more|most|top|latest|trending|popular|recommended|read (?:more|next|also)"
    r"|also read|see (?:also|more)|share(?! (?:on|via|by|to) )|follow|tags?|topics?"
    r"|filed under|categories"
    r"|you (?:may|might) also|don'?t miss|around the web|comments?|sponsored|newsletters?"
    r"|relacionad[oa]s?|m[áa]s (?:le[íi]d[oa]s|noticias|vistos)|lo m[áa]s|comparte|compartir"
    r"|s[íi]guenos|etiquetas|temas|noticias relacionadas|te puede interesar|lee tambi[ée]n"
    r"|[àa] lire aussi|lire aussi|les plus lus|sur le m[êe]me sujet|partager|suivez-nous"
    r"|mots-cl[ée]s|voir aussi|articles? li[ée]s|plus d'articles"
    r"|mehr zum thema|meistgelesen|auch interessant|das k[öo]nnte sie auch interessieren"
    r"|teilen|folgen sie uns|schlagw[öo]rter|themen|weitere artikel"
    r"|leia tamb[ée]m|mais lidas|not[íi]cias relacionadas|compartilhe|siga-nos|veja tamb[ée]m"
    r"|leggi anche|pi[ùu] lett[ie]|articoli correlati|condividi|seguici|potrebbe interessarti"
    r"|ti potrebbe interessare|argomenti)\b"
)
_SHOWN = 3  # items quoted in the message
_OPENING = 2  # prose lines after the headline that show the article has begun


# The characters a list header can start with: the first letters of the words of
# `_HEADER` in both cases, and the long s (which matches `s` when case is ignored).
_HEADER_FIRST = frozenset("rmtlpasfcydnevwRMTLPASFCYDNEVW\u00e0\u00c0\u017f")


@functools.cache
def _header_re() -> re.Pattern[str]:
    return re.compile(_HEADER, re.IGNORECASE)


_WANTED = frozenset((LINK,))
_WANTED_CREDITS = frozenset((LINK, KEEP))  # bylines and credits counted as links
_MEMBERS = frozenset((LINK, NEUTRAL, DATA, OTHER, BLANK))
_MAX_GAP = 3  # non-link lines in a row that a block may span
_MIN_SHARE = 1  # links must be at least this many times the other lines of a block


class BoilerplateBlock(Rule):
    class Options(NamedTuple):
        min_lines: int = 3
        max_words: int = 8
        between_paragraphs: bool = True
        bylines_and_credits: bool = False

    meta = RuleMeta(
        code="NL302",
        name="boilerplate-block",
        category="boilerplate",
        summary="A run of short link-like lines (menu, link list, footer) outside the article.",
        severity=Severity.WARNING,
        fix=Applicability.UNSAFE,
        quoted="report",
        doc=__doc__ or "",
        origin=__name__,
    )

    def min_lines(self, options: Any) -> int:
        # a block has `min-lines` link-like lines (one at least: a run starts at one)
        # and the article core a prose line besides them
        return max(int(options.min_lines), 1) + 1

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        return self._check(doc, options, screen=True)

    def _check(self, doc: Document, options: Any, *, screen: bool) -> Iterator[Diagnostic]:
        """The findings; ``screen``: first count the lines that can be link-like
        (:func:`~._layout.count_kinds`) and stop when a block cannot have enough."""
        need = max(options.min_lines, 1)  # a block counts its links: at least its first
        wanted = _WANTED_CREDITS if options.bylines_and_credits else _WANTED
        if screen and count_kinds(doc, options.max_words, wanted, need) < need:
            return
        found = layout(doc, options.max_words)
        if found.core is None:
            return
        kinds = found.kinds
        if options.bylines_and_credits:
            kinds = [LINK if k == KEEP else k for k in kinds]
        core_start, core_end = found.core
        line_kinds = "".join(kinds)  # kinds as a string: found and counted by str methods
        opened = _article_opened(line_kinds, core_start)
        lines = doc.lines
        n = len(kinds)
        inner = False  # whether the last run ended at a list header inside it
        i = 0
        while True:
            i = line_kinds.find(LINK, i)
            if i < 0:
                break
            # a run: lines that are not prose, headline or byline; blank lines ignored
            j = i
            last = i
            links = others = gap = 0
            header = self._header(lines, kinds, i)
            split, inner = inner, False
            while j < n and kinds[j] in _MEMBERS:
                kind = kinds[j]
                if kind == LINK:
                    if j > i and header is None and _inner_header(lines[j].text):
                        inner = True  # a list header inside the run opens a list of its own:
                        break  # the lines above it are judged on their own
                    links += 1
                    last = j
                    gap = 0
                elif kind != NEUTRAL and kind != BLANK:
                    others += 1
                    gap += 1
                    if gap > _MAX_GAP:  # a list of the article's own, not of links
                        break
                j += 1
            start = i
            i = j
            if (
                (header is None or split)
                and last > start
                and _heads_paragraph(kinds, last, j)
                and " " in lines[last].text.strip()  # "Share", "Tweet": buttons, not headings
            ):
                # the run's last short line stands right above a paragraph: its heading
                # (unless a list header over the whole run says that every item is a link)
                links -= 1
                last = max(k for k in range(start, last) if kinds[k] == LINK)
            elif (
                header is None
                and last > start
                and _tops_headline(kinds, last, j)
                and " " in lines[last].text.strip()
            ):
                # the run's last short line stands right above the headline (a date may
                # come between): the headline's kicker or the blog's name, not a menu item
                links -= 1
                last = max(k for k in range(start, last) if kinds[k] == LINK)
            # trailing non-link lines are not part of the block
            others -= line_kinds.count(DATA, last + 1, j) + line_kinds.count(OTHER, last + 1, j)
            if links < options.min_lines or others * _MIN_SHARE > links:
                continue
            if last < core_start and (opened is None or start < opened):
                where = "before the article"
            elif start > core_end:
                where = "after the article"
            else:
                if not options.between_paragraphs:
                    continue
                if header is None:
                    continue
                where = f"between paragraphs, under '{header}'"
            count = line_kinds.count(LINK, start, last + 1)
            shown = ", ".join(f"'{t}'" for t in _first_items(lines, line_kinds, start, last))
            more = f" and {count - _SHOWN} more" if count > _SHOWN else ""
            first_line, last_line = lines[start], lines[last]
            size = last + 1 - start - line_kinds.count(BLANK, start, last + 1)
            share = "all" if count == size else f"{count} of them"
            yield self.report(
                doc,
                first_line.start + (len(first_line.text) - len(first_line.text.lstrip())),
                last_line.start + len(last_line.text.rstrip()),
                f"block of {size} lines {where}, {share} short and link-like "
                f"(no sentence punctuation, at most {options.max_words} words): "
                f"{shown}{more}",
                fix=Fix(
                    (remove_lines(doc, start + 1, last + 1),),
                    Applicability.UNSAFE,
                    f"remove the {last - start + 1}-line block",
                ),
            )

    @staticmethod
    def _header(lines: list[Line], kinds: list[str], start: int) -> str | None:
        """The list header that opens the run (its first line), if there is one."""
        text: str = lines[start].text.strip()
        if kinds[start] == LINK and text[:1] in _HEADER_FIRST and _header_re().match(text):
            return text
        return None


def _inner_header(text: str) -> bool:
    """Whether a line inside a run opens a list of its own: a list header of two
    words or more (a lone `Share` or `Follow` is one of a row of buttons)."""
    if " " not in text:
        return False
    text = text.strip()
    return " " in text and text[:1] in _HEADER_FIRST and _header_re().match(text) is not None


def _heads_paragraph(kinds: list[str], last: int, end: int) -> bool:
    """Whether the line ``last`` is followed, past blank lines only, by prose."""
    if end >= len(kinds) or kinds[end] != PROSE:
        return False
    return all(kinds[k] == BLANK for k in range(last + 1, end))


def _tops_headline(kinds: list[str], last: int, end: int) -> bool:
    """Whether the line ``last`` is followed by the headline, past blank lines, dates
    and short data lines only."""
    if end >= len(kinds) or kinds[end] != HEADLINE:
        return False
    return all(kinds[k] in (BLANK, NEUTRAL, DATA) for k in range(last + 1, end))


def _first_items(lines: list[Line], line_kinds: str, start: int, last: int) -> list[str]:
    """The first `_SHOWN` link-like lines of lines ``start`` to ``last``, stripped."""
    items: list[str] = []
    k = line_kinds.find(LINK, start, last + 1)
    while k >= 0 and len(items) < _SHOWN:
        items.append(lines[k].text.strip())
        k = line_kinds.find(LINK, k + 1, last + 1)
    return items


def _article_opened(kinds: str, core_start: int) -> int | None:
    """Where the article demonstrably began before its core, or None.

    The core is where prose outweighs short lines *most*; a long list inside the
    article (product boxes, a fact file) can push it below the article's first
    paragraphs. When the page repeats its headline above the core and
    `_OPENING` prose lines follow that headline, the article has begun there,
    and a run after them stands between paragraphs, not before the article.
    """
    k = kinds.find(HEADLINE, 1, core_start) if core_start > 1 else -1
    if k < 0:
        return None  # only the page title (the first line): nothing shows where the text begins
    prose = 0
    for j in range(k + 1, core_start):
        if kinds[j] == PROSE:
            prose += 1
            if prose >= _OPENING:
                return j + 1
    return None


RULE = BoilerplateBlock()
