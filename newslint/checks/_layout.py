"""The layout of a scraped page, read from its lines alone.

Shared by the `boilerplate-block` and `teaser` rules. Once a page is turned into
plain text the markup is gone, but its shape is not: the article is a stretch of
prose lines (long, ending in sentence punctuation), and navigation, link lists
and footers are runs of short lines without it. This module classifies each line
and finds the article's *core*: the stretch of lines where prose outweighs short
link-like lines most (a maximum-sum segment, as in Finn et al.'s body text
extraction, with lines instead of tokens).

Everything here is a pure function of a :class:`~newslint.document.Document`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from itertools import chain, compress, count
from operator import and_, attrgetter, not_, or_
from typing import Any, NamedTuple

from ..diagnostics import Edit
from ..document import Document, Line
from ._lazy_re import lazy

# Line kinds (one character each: they are compared in tight loops).
BLANK = " "
HEADLINE = "H"  # the headline, or a line repeating it
PROSE = "P"  # a sentence of some length: article text (or a long footer notice)
LINK = "L"  # short, no sentence punctuation, no data: a menu item or a link
DATA = "D"  # short but with numbers, colons, commas ...: a list item of the article
NEUTRAL = "N"  # a bare number, date or "3h ago": joins a run, never counts for it
KEEP = "K"  # a byline or a picture credit: article furniture, never boilerplate
OTHER = "O"  # longer lines without sentence punctuation (headlines, teasers)

_TERMINAL = frozenset(".!?\u2026\u3002\uff01\uff1f")  # . ! ? … 。 ！ ？
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]*")
_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_NON_WORD = lazy(r"[\W_]+")

# Signs that a short line is a data item of the article (a schedule, a price list,
# a table row) rather than a link: digits, an inner colon or comma, an enumerator,
# an address, a dash between two parts, parentheses, a final colon (a lead-in).
_DATA = lazy(
    r"\d|\w\s?:\s*\S|,|^(?:[a-z][.)]|[-\u2022*\u2013\u2014\u00b7])\s"
    r"|https?://|www\.|\.(?:com|org|net)\b|\s[-\u2013\u2014]+\s|:$|\(|@|;|\.{3}|\S\s{3,}\S"
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)[a-zéû]*\.?"
    r"|(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
    r"|diciembre|januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile"
    r"|maggio|giugno|luglio|settembre|ottobre|novembre|dicembre|janeiro|fevereiro|março"
    r"|maio|junho|julho|setembro|outubro|novembro|dezembro)"
)
# A line that is only a rank, a date or a relative time: it sits between the items
# of "most read" and "latest" lists, and also under a headline (there it is kept,
# because it never counts towards a block on its own).
_NEUTRAL = (
    r"(?:\d{1,3}|[#\d\s./:|\u00b7\u2022-]+"
    r"|\d+\s*(?:[hmd]|min|mins|hrs?|hours?|days?|weeks?|months?|years?)\s*(?:ago)?"
    r"|(?:" + _MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|\d{1,2}\.?\s+(?:" + _MONTH + r")(?:\s+\d{4})?)"
)
_BYLINE = lazy(r"(?i:by|von|par|por|di|da|de|door|av|af):?\s+[A-Z\u00c0-\u00d6\u00d8-\u00de]")
_SITE_SUFFIX = lazy(r"\s+[-|\u2013\u2014:\u00b7\u2022/]+\s+[^|\u2013\u2014]{2,60}$")


class Layout(NamedTuple):
    """Kinds of the document's lines (by index) and the article core (indexes or None)."""

    kinds: list[str]
    core: tuple[int, int] | None
    headline_keys: tuple[str, ...]


# Expressions needed only for some texts are compiled when first needed: start-up
# time matters for a pre-commit run on one file.


@functools.cache
def cjk_chars() -> re.Pattern[str]:
    """Chinese and Japanese characters (Korean is written with spaces)."""
    return re.compile(_CJK)


@functools.cache
def _neutral() -> re.Pattern[str]:
    return re.compile(_NEUTRAL, re.IGNORECASE)


def units(s: str) -> int:
    """Words in a line; Chinese and Japanese characters count one word per two."""
    n = len(s.split())
    if not s.isascii():
        cjk = len(cjk_chars().findall(s))
        if cjk:
            n += cjk // 2
    return n


def ends_sentence(s: str) -> bool:
    """Whether a stripped line ends with sentence punctuation (perhaps before a quote)."""
    i = len(s) - 1
    while i > 0 and s[i] in _CLOSERS:
        i -= 1
    return s[i] in _TERMINAL


def normalize(s: str) -> str:
    return _NON_WORD.sub(" ", s.casefold()).strip()


def headline_keys(doc: Document) -> tuple[str, ...]:
    """Normalized forms of the headline: whole, and without ``- Site name`` suffixes
    (once per document: several rules ask)."""
    return doc.memo(_headline_keys)


def _headline_keys(doc: Document) -> tuple[str, ...]:
    headline = doc.headline
    if not headline:
        return ()
    keys = [normalize(headline)]
    stripped = headline.strip()
    for _ in range(2):  # "Title | Section | Site"
        m = _SITE_SUFFIX.search(stripped)
        if m is None:
            break
        stripped = stripped[: m.start()]
        keys.append(normalize(stripped))
    return tuple(k for k in dict.fromkeys(keys) if k)


def like_headline(s: str, keys: tuple[str, ...]) -> bool:
    """Whether a line repeats the headline (exactly, in part, or with a site name)."""
    return key_like_headline(normalize(s), keys)


def key_like_headline(k: str, keys: tuple[str, ...]) -> bool:
    """:func:`like_headline` for a line already normalized (:func:`normalize`: words
    separated by single spaces)."""
    if not k:
        return False
    if k in keys:
        return True
    if k.count(" ") < 2:
        return False  # fewer than three words
    return _shares_words(k, _key_words(keys))


def _shares_words(k: str, key_words: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """The rest of :func:`key_like_headline`, for a line of three words or more."""
    words: list[str] | None = None
    for key, b in key_words:
        if (k in key and len(k) * 2 >= len(key)) or key in k:
            return True
        if words is None:
            words = k.split()
        # the words in common (the line's word set is built only when four are: rare)
        shared = len(b.intersection(words))
        if shared >= 4 and shared * 5 >= min(len(set(words)), len(b)) * 3:
            return True
    return False


@functools.lru_cache(maxsize=64)
def _key_words(keys: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The headline's forms of three words or more, each with its set of words
    (a document's lines are all compared with the same few forms)."""
    return tuple((key, frozenset(key.split())) for key in keys if key.count(" ") >= 2)


_CREDIT_START = (
    "photo", "image", "picture", "pictured", "credit", "caption", "foto", "bild",
    "quelle", "fonte", "fuente", "source",
)  # fmt: skip
_CREDIT_END = ("(afp)", "(ap)", "(reuters)", "/afp", "/ap", "/reuters", "getty images", "(epa)",
               "/epa", "(dpa)", "/dpa", "(ansa)", "(efe)")  # fmt: skip
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff \u00a0\u3000"
_DIGIT = lazy(r"\d")
_PUNCT_ONLY = "#./:|-_*=~\u00b7\u2022\u2013\u2014 "


# The first two and the last three letters of the credit words: an ASCII line that
# neither starts nor ends with one of them is no credit. The byline expression is not
# tried on a line that starts with an ASCII character other than its first letters.
_CREDIT_HEADS = frozenset(p[:2] for p in _CREDIT_START)
_CREDIT_TAILS = frozenset(e[-3:] for e in _CREDIT_END)
_BYLINE_FIRST = frozenset("bvpdaBVPDA")


def _is_credit(s: str) -> bool:
    if s.isascii() and s[:2].lower() not in _CREDIT_HEADS and s[-3:].lower() not in _CREDIT_TAILS:
        return False  # the tests below would fail: a fast path for a hot loop
    low = s.lower()
    if low.startswith(_CREDIT_START):
        for p in _CREDIT_START:
            if low.startswith(p):
                rest = low[len(p) : len(p) + 2]
                return not rest[:1].isalpha() or rest == "s:" or rest == "s "
    return low.endswith(_CREDIT_END)


def classify(s: str, max_words: int) -> tuple[str, int]:
    """The kind and size (in words) of one stripped, non-empty line.

    Headlines are recognized by the caller, which knows the document's headline.
    """
    n = len(s)
    u = len(s.split()) if s.isascii() else units(s)  # units(), inlined: a hot loop
    if n > 160:
        return (PROSE if u >= 12 else OTHER), u
    last = s[-1]
    sentence = last in _TERMINAL if last not in _CLOSERS else ends_sentence(s)
    if (sentence and u >= 8) or u >= 20:
        return PROSE, u
    if u > 8:
        return OTHER, u
    first = s[0]
    if ((first in _BYLINE_FIRST or first >= "\x80") and _BYLINE.match(s)) or _is_credit(s):
        return KEEP, u
    if "   " not in s and s.replace(" ", "").isalpha():
        data = False  # letters and spaces only (most menu items): no sign of data
    else:
        data = _DATA.search(s) is not None
        if not data:
            if not s.strip(_PUNCT_ONLY):
                return NEUTRAL, u
        elif _DIGIT.search(s) and _neutral().fullmatch(s):
            return NEUTRAL, u
    if u <= max_words and n <= 80 and not (sentence and (u >= 4 or s[-1] in "!?")):
        return (DATA if data else LINK), u
    return OTHER, u


# Short lines recur: the menu items and section names of a site come back on each of
# its pages. classify() is a pure function of the line and `max_words`, so a bounded
# memo of it (lines of at most `_MEMO_CHARS` characters only: longer ones are
# mostly unique prose, cheap to classify and would only push the short ones out)
# saves most of its cost on web pages; the bound keeps memory flat on any corpus.
_MEMO_CHARS = 80
classify_short = functools.lru_cache(maxsize=8192)(classify)


def classify_line(s: str, max_words: int) -> tuple[str, int]:
    """:func:`classify`, through the memo for short lines."""
    if len(s) <= _MEMO_CHARS:
        return classify_short(s, max_words)
    return classify(s, max_words)


_TITLE_LIKE = frozenset((LINK, DATA, OTHER))
_text = attrgetter("text")
_WRAP_WIDTH = 100  # hard-wrapped text has no line longer than this
# words a line of running text can stop on but no heading or menu item ends with
_DANGLING = frozenset(
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
        "that",
        "its",
        "their",
        "his",
        "her",
        "as",
        "is",
        "was",
        "were",
        "are",
        "said",
        "says",
        "than",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
    }
)
_HEADLINE_REACH = 3  # title-like lines looked at above the core
# Weights for the core search: prose counts by its words, links against it.
_WEIGHT = {LINK: -4, DATA: 1, OTHER: -1}


def joins_of(doc: Document) -> list[bool] | None:
    """:func:`wrap_joins` of the document's lines, once per document (several rules ask)."""
    return doc.memo(_joins)


def _joins(doc: Document) -> list[bool] | None:
    return wrap_joins(doc.line_texts)


def standalone_lines(doc: Document) -> list[int] | None:
    """For hard-wrapped text (:func:`joins_of` is not None): the indexes of the lines
    that are a unit of their own (they neither run on into the next line nor are run
    on into from the one above), blank lines included; None for other text."""
    return doc.memo(_standalone)


def _standalone(doc: Document) -> list[int] | None:
    joins = joins_of(doc)
    if joins is None:
        return None
    # line i stands alone when neither joins[i - 1] nor joins[i]
    return list(compress(count(), map(not_, map(or_, chain((False,), joins), joins))))


def wrap_joins(texts: list[str]) -> list[bool] | None:
    """For hard-wrapped text (wire copy, e-mail): whether each line runs on into the next.

    ``texts``: the lines' texts (:attr:`Document.line_texts`). None when the text is
    not hard-wrapped, which is the common case: its lines are
    whole paragraphs or blocks. A text is hard-wrapped when no line is longer than
    100 characters, most lines are close to the longest, and sentences visibly run
    across line ends (a line without final punctuation followed by one that starts
    in lower case). A line then runs on into the next unless it is short and
    without punctuation (a heading, a menu item), it ends a sentence well before the
    margin, or the next line is blank or indented deeper (a new paragraph).
    """
    lengths = list(map(len, texts))
    if max(lengths, default=0) > _WRAP_WIDTH and any(
        len(t) > _WRAP_WIDTH and len(t.rstrip()) > _WRAP_WIDTH for t in texts
    ):
        return None  # a line longer than the margin (most texts stop here, early)
    lengths = list(map(len, map(str.rstrip, texts)))
    longest = max(lengths, default=0)
    if longest == 0:
        return None
    # the lines of 12 characters or more (a signature or a stray mark says nothing),
    # and how many of them are close to the longest (3/5 of it at least), counted
    # on the sorted lengths
    ordered = sorted(lengths)
    content = len(ordered) - bisect_left(ordered, 12)
    near = len(ordered) - bisect_left(ordered, max(12, -(-longest * 3 // 5)))
    if content < 3 or near * 2 < content:
        return None
    stripped = list(map(str.strip, texts))
    n = len(texts)
    joins = [False] * n
    broken = 0
    terminal, closers, dangling = _TERMINAL, _CLOSERS, _DANGLING
    # the length tests of the loop, as thresholds: length * 4 >= longest * 3 (close
    # to the margin) and length * 2 >= longest (half of it)
    margin = -(-longest * 3 // 4)
    half = -(-longest // 2)
    b = stripped[0]
    for i in range(n - 1):  # (the last line runs on into nothing)
        a = b
        b = stripped[i + 1]
        if not a or not b:
            continue
        next_text = texts[i + 1]
        if next_text[0].isspace():  # (only an indented line can be indented deeper)
            text = texts[i]
            if len(next_text) - len(next_text.lstrip()) > len(text) - len(text.lstrip()):
                continue  # the next line is indented deeper: a new paragraph
        last = a[-1]  # ends_sentence(a) or a[-1] == ":", inlined: a hot loop
        length = lengths[i]
        if last in terminal or last == ":":
            if length < margin:
                continue  # a sentence that ends well before the margin ends its paragraph
        elif last in closers and ends_sentence(a):
            if length < margin:
                continue
        elif b[0].islower():
            broken += 1
            # (the last word is looked at only when it decides: a hot loop)
            if length < half and a.rsplit(None, 1)[-1].lower() not in dangling:
                continue  # a short line without punctuation: a heading, a menu item
        elif a.rsplit(None, 1)[-1].lower() in dangling:
            broken += 1  # a line that stops on "the", "of", "said" runs on
        elif length < half:
            continue
        joins[i] = True
    if broken == 0 or broken * 10 < content:
        return None
    return joins


def count_kinds(doc: Document, max_words: int, wanted: frozenset[str], need: int) -> int:
    """At least the number of lines that :func:`layout` can give one of the ``wanted``
    kinds (LINK, KEEP), counted until ``need`` is reached: a screen that lets a
    rule which needs ``need`` such lines skip the layout (clean wire copy has none).

    Why it is sound: :func:`layout` gives a line its kind by :func:`classify` of its
    *unit*, the stripped line itself or, in hard-wrapped text, the paragraph that
    :func:`joins_of` makes of it and the lines it runs on into (all of them take
    the kind of the whole). Every later step only turns LINK into DATA or
    HEADLINE and OTHER into HEADLINE: none makes a LINK or a KEEP. So a line has
    a wanted kind only if its unit, classified, has one, and counting each unit
    that does once per line never counts less than layout gives. A unit is not
    classified when it cannot be one: LINK needs at most 80 characters and KEEP at
    most 160 (longer units are PROSE or OTHER), and a joined unit is at least as
    long as its first two lines and the space between them. Blank lines have no
    kind but BLANK.
    """
    joins = joins_of(doc)
    limit = 160 if KEEP in wanted else 80
    found = 0
    texts = doc.line_texts
    if joins is None:
        for s in map(str.strip, texts):
            if s and len(s) <= limit and classify_line(s, max_words)[0] in wanted:
                found += 1
                if found >= need:
                    break
        return found
    # the units of one line (from the memo the other layout rules share), then the
    # paragraphs: most are longer than `limit` by their first two lines already
    for i in standalone_lines(doc) or ():
        s = texts[i].strip()
        if s and len(s) <= limit and classify_line(s, max_words)[0] in wanted:
            found += 1
            if found >= need:
                return found
    for i in compress(count(), map(and_, joins, chain((True,), map(not_, joins)))):
        # (a line that runs on into the next, and is not run on into: a paragraph's first)
        if len(texts[i].strip()) + 1 + len(texts[i + 1].strip()) > limit:
            continue
        end = joins.index(False, i)  # the paragraph's last line (the last line never joins)
        s = " ".join(texts[k].strip() for k in range(i, end + 1))
        if len(s) <= limit and classify_line(s, max_words)[0] in wanted:
            found += end + 1 - i
            if found >= need:
                break
    return found


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _base_indent(lines: list[Line]) -> int:
    """The most common indentation of the text's lines; -1 when no line is indented."""
    if not any(line.text[:1] in (" ", "\t") for line in lines):
        return -1
    counts = Counter(
        len(text) - len(text.lstrip(" \t"))
        for text in (line.text for line in lines)
        if text.strip()
    )
    if not counts:
        return -1  # only blank lines (whitespace included)
    return max(counts, key=lambda n: (counts[n], -n))


def layout(doc: Document, max_words: int = 8) -> Layout:
    lines = doc.lines
    keys = headline_keys(doc)
    shortest = min((len(k) for k in keys), default=0) * 2 // 5
    key_words = _key_words(keys)
    first = doc.headline_line if doc.title is None or not doc.title.strip() else None
    joins = joins_of(doc)
    base: int | None = None  # the text's usual indentation, found when first needed
    folded: list[str] | None = None  # the lines normalized, fetched when first needed
    kinds: list[str] = []
    append = kinds.append
    best, best_start, best_end = 0, -1, -1
    run, run_start = 0, 0
    weight = _WEIGHT.get
    memo, limit = classify_short, _MEMO_CHARS  # classify_line(), inlined: a hot loop
    title_like, invisible = _TITLE_LIKE, _INVISIBLE
    kind = BLANK
    for i, s in enumerate(map(str.strip, map(_text, lines))):
        if joins is not None:
            if i > 0 and joins[i - 1]:
                append(kind)  # the rest of a hard-wrapped paragraph: counted with its start
                continue
            joined = joins[i] and bool(s)
        else:
            joined = False
        if not s or (not s.isascii() and not s.strip(invisible)):
            kind = BLANK
            append(BLANK)
            continue
        if joined:
            k = i
            parts = [s]
            while joins[k]:  # type: ignore[index]
                k += 1
                parts.append(lines[k].text.strip())
            s = " ".join(parts)
        kind, u = memo(s, max_words) if len(s) <= limit else classify(s, max_words)
        if kind == PROSE:
            score = u if u < 40 else 40
        else:
            if kind == LINK and lines[i].text[:1] in (" ", "\t"):
                if base is None:
                    base = _base_indent(lines)
                if base >= 0 and _indent(lines[i].text) > base:
                    kind = DATA  # laid out by its author (a table row, an indented note)
            if i + 1 == first:
                kind, score = HEADLINE, 0  # the first line stands for the headline
            else:
                if kind in title_like and keys and len(s) >= shortest:
                    if joined:
                        similar = like_headline(s, keys)  # a paragraph's lines joined
                    else:
                        # key_like_headline(normalize(s), keys), inlined: a hot loop
                        if folded is None:
                            folded = doc.folded_lines
                        norm = folded[i]
                        similar = bool(norm) and (
                            norm in keys
                            or (norm.count(" ") >= 2 and _shares_words(norm, key_words))
                        )
                    if similar:
                        kind = HEADLINE
                score = weight(kind, 0)
        append(kind)
        if run <= 0:
            run, run_start = 0, i
        run += score
        if run > best:
            best, best_start, best_end = run, run_start, i
    if best > 0 and joins is not None:
        while best_end + 1 < len(lines) and joins[best_end]:
            best_end += 1  # the core ends with the last line of its last paragraph
    core = (best_start, best_end) if best > 0 else None
    if core is not None and PROSE not in kinds[best_start : best_end + 1]:
        core = None  # data and headings only: no article to tell furniture from
    if core is not None:
        _mark_standing_headline(lines, kinds, core[0], keys)
    return Layout(kinds, core, keys)


def _mark_standing_headline(
    lines: list[Any], kinds: list[str], core_start: int, keys: tuple[str, ...]
) -> None:
    """Protect the headline that stands right above the article's first paragraph.

    When the page title differs from the article's headline (or is only the site
    name), the headline is not found by similarity; it is still the last title-like
    line before the core, with at most a byline, a date or a credit in between.
    """
    if _mark_similar_headline(lines, kinds, core_start, keys):
        return
    k = core_start - 1
    seen = 0
    while k >= 0 and seen < _HEADLINE_REACH:
        kind = kinds[k]
        if kind == HEADLINE:
            return
        if kind in (LINK, OTHER):
            text = lines[k].text.strip()
            if text.count(" ") >= 3:  # four words or more
                for j, kind_j in enumerate(kinds):  # and its copies (a sticky header)
                    if kind_j in (LINK, OTHER) and lines[j].text.strip() == text:
                        kinds[j] = HEADLINE
                return
            seen += 1
        elif kind != BLANK and kind not in (KEEP, NEUTRAL, DATA):
            return
        k -= 1


def _content_words(s: str) -> set[str]:
    return {w for w in normalize(s).split() if len(w) >= 4 and not w.isdigit()}


def _mark_similar_headline(
    lines: list[Any], kinds: list[str], core_start: int, keys: tuple[str, ...]
) -> bool:
    """The headline above the core that rewords the page title (an SEO title).

    Among the title-like lines within reach above the core, the first one that
    shares two content words (four letters or more) with the page title is the
    article's headline, even if a byline link or a "follow" line stands between
    it and the first paragraph. Its copies (a sticky header) are marked too.
    """
    if kinds[0] != HEADLINE or not keys:
        return False
    title = _content_words(keys[-1])  # without the "| Site name" suffix
    if len(title) < 2:
        return False
    k = core_start - 1
    seen = 0
    while k > 0 and seen < _HEADLINE_REACH:
        kind = kinds[k]
        if kind == HEADLINE:
            return True
        if kind in (LINK, OTHER):
            text = lines[k].text.strip()
            if text.count(" ") >= 2 and len(_content_words(text) & title) >= 2:
                for j, kind_j in enumerate(kinds):
                    if kind_j in (LINK, OTHER) and lines[j].text.strip() == text:
                        kinds[j] = HEADLINE
                return True
            seen += 1
        elif kind != BLANK and kind not in (KEEP, NEUTRAL, DATA):
            return False
        k -= 1
    return False


def remove_lines(doc: Document, first: int, last: int) -> Edit:
    """An edit that removes lines ``first``..``last`` (1-based) and keeps paragraphs tidy.

    The block version of :func:`newslint.spans.remove_line`: between paragraphs one
    blank line stays, at the end the text keeps its final newline (or its absence),
    at the start the blank lines after the block go with it.
    """
    lines = doc.lines
    i, j = first - 1, last - 1
    prev_content = next((k for k in range(i - 1, -1, -1) if not lines[k].is_blank), None)
    next_content = next((k for k in range(j + 1, len(lines)) if not lines[k].is_blank), None)
    if next_content is None:
        if prev_content is None:
            return Edit.delete(lines[i].start, lines[j].end)
        return Edit.delete(lines[prev_content].end, lines[j].end)
    if prev_content is None:
        return Edit.delete(lines[i].start, lines[next_content].start)
    end = lines[j + 1].start
    if lines[i - 1].is_blank and lines[j + 1].is_blank:
        end = lines[j + 2].start
    return Edit.delete(lines[i].start, end)
