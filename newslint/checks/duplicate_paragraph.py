"""A paragraph (or line) repeated later in the same article.

## What it does
Reports every paragraph that repeats an earlier paragraph of the same
document, with the line of the first copy in `related`:

- **exactly**: equal once whitespace, case and quotation marks (curly or
  straight, single or double) are normalized;
- **nearly**: a rapidfuzz similarity of at least `threshold` percent, for
  paragraphs of at least `near-min-words` words, and only when the two copies
  differ by inserted or deleted words or by spelling-level changes of a word.
  A changed number (`4 oz.` / `8 oz.`) or a different word (`Olga` / `Olesya`)
  makes a different statement, not a copy.

Lines shorter than `min-words` words (or `min-chars` characters) are not
paragraphs (`Share`, `Read more`, `Photo:`): repeated site furniture is the
`boilerplate` rule's business. The headline and its copies are
`duplicate-headline`'s.

## Why is this bad?
Scrapers repeat paragraphs: a pull quote printed again in the body, a
"continued" block, two pages of a paginated article stitched with an
overlap. The copy inflates the text and reads as a glitch.

## Example
```text
The Doobie Brothers will unite with former frontman Michael McDonald for a 2020 North American tour.

The tour begins in June.

The Doobie Brothers will unite with former frontman Michael McDonald for a 2020 North American tour.
```
The third paragraph is removed.

## Fix safety
Removing an **exact** later copy is **safe**: the first copy stays, nothing is
lost. Removing a **near** copy is **unsafe**: the copies differ, and the later
one may carry the correction. Removing a copy inside quotation marks does not
change the quotation (its first copy stays), so quoted paragraphs are fixed too.

## Options
- `min-words` (int, default 4): shorter lines are not paragraphs.
- `min-chars` (int, default 20): shorter lines are not paragraphs.
- `threshold` (float, default 92): minimum similarity (0-100) of a near copy; 100
  turns near copies off.
- `near-min-words` (int, default 8): paragraphs shorter than this are only matched exactly.
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import compress, repeat
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix, Related, Severity
from ..document import Document, Line
from ..rule import Rule, RuleMeta
from ..spans import remove_line
from ._lazy_re import lazy

_SPACES = lazy(r"\s+")
_WORD = lazy(r"\w+")
_DIGITS = lazy(r"\d+")
_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    }
)  # fmt: skip
_NON_WORD = lazy(r"[\W_]+")


def normalize(text: str) -> str:
    """Whitespace, case and quotation marks normalized: the form of an exact copy."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().casefold()


class _Para(NamedTuple):
    number: int
    fuzzy: str  # punctuation-free form for the similarity
    words: frozenset[str]  # for a cheap first filter
    chars: Counter[str] | None = None  # computed when a pair gets that far


_COMMON_WORDS = """a an the and or but of in on at to for from by with as is are was were be been
    has have had it its this that these those he she they we you i his her their our
    not no said says will would could should may can do does did than then there
    de la le les el los las des du der die das und en y e o di il un une ein eine"""
_COMMON = frozenset(_COMMON_WORDS.split())


def _prefix(words: frozenset[str]) -> list[str]:
    """Words that any paragraph sharing half of these words must share one of.

    Near copies pass ``2 * |A & B| >= max(|A|, |B|)``, so they share at least
    ``t = ceil(|A| / 2)`` words; then, with the words in one fixed order, the first
    ``|A| - t + 1`` of A and of B meet (prefix filtering, as in set-similarity
    joins). Common words go last so that the prefixes hold the telling ones.
    """
    size = len(words) // 2 + 1
    ordered = sorted(words - _COMMON)
    if len(ordered) < size:
        ordered += sorted(words & _COMMON)
    return ordered[:size]


def _same_statement(a: str, b: str) -> bool:
    """Near copies differ by inserted/deleted words or spelling-level edits only."""
    if sorted(_DIGITS.findall(a)) != sorted(_DIGITS.findall(b)):
        return False
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import ratio

    wa, wb = a.split(), b.split()
    for op in Levenshtein.opcodes(wa, wb):
        if op.tag != "replace":
            continue
        old = " ".join(wa[op.src_start : op.src_end])
        new = " ".join(wb[op.dest_start : op.dest_end])
        if ratio(old, new) < 80:
            return False
    return True


def _involved(text: str, folded: list[str], options: Any) -> list[int] | None:
    """Indexes (ascending) of the lines that may take part in a finding, as copy or
    as first copy; ``None`` when this cannot be told cheaply (then every line is).

    The line-by-line check gives the same findings on these lines alone: a line
    that is in no finding is at most remembered as a first copy, and a first copy
    that no other line matches changes nothing (the candidates are tried in text
    order and each must pass the whole test on its own). The lines left out:

    - an **exact** copy has the folded form of its first copy, so only lines whose
      folded form occurs twice can be one; an empty folded form (no letter or
      digit) is a paragraph only with ``min-words <= 0`` or for the runs of ``_``
      that ``\\w+`` counts as words (``_`` is the one word character that folds
      to nothing: tests/test_speed_duplicates.py checks every code point); and
      a repeated form with fewer than ``min-words`` words is a line too short to
      be a paragraph (without ``_`` and U+0345 in the text: see the near copies);
    - a **near** copy and its first copy have folded forms (non-empty: an empty
      one is never near) at least ``threshold`` similar (``ratio``):
      :func:`_similar` scores the pairs of candidate lines in C++, with a cutoff
      one point lower (a margin for the float rounding of the same ratio), after
      :func:`_flagged` has scored all pairs of short lines at once and left the
      lines of the few similar pairs (most stories have none). A line
      is a candidate if it may have ``near-min-words`` words: without ``_`` and
      U+0345 (the one character that is no word character but folds to one) in
      the text, a line has at least as many words in its folded form as ``\\w+``
      finds in it (each run of word characters folds to a non-empty run, and two
      runs stay apart), so one with fewer folded words is none.

    The near-copy screen needs rapidfuzz: it runs once something has loaded it
    (this rule's first near candidate in a corpus run, as in duplicate-headline);
    until then every line is checked (a one-file run does not pay for the import).
    """
    near = options.threshold < 100
    if near and "rapidfuzz.fuzz" not in sys.modules:
        return None
    wanted: set[int] = set()
    distinct = set(folded)
    blanks = folded.count("")
    if len(distinct) - (blanks > 0) < len(folded) - blanks:  # a non-empty form repeats
        repeated = {form for form, count in Counter(folded).items() if count > 1 and form}
        if options.min_words > 1 and "_" not in text and "\u0345" not in text:
            # fewer folded words than min-words: fewer words, not a paragraph (below)
            few = options.min_words - 1
            repeated = {form for form in repeated if form.count(" ") >= few}
        if repeated:  # in C: the lines of those forms
            wanted.update(compress(range(len(folded)), map(repeated.__contains__, folded)))
    if blanks > 1 and (options.min_words <= 0 or "_" in text):
        wanted.update(i for i, form in enumerate(folded) if not form)
    if near:
        spaces = options.near_min_words - 1
        if "_" in text or "\u0345" in text or spaces <= 0:
            keep = list(map(bool, folded))
        else:  # in C: the lines with enough words
            keep = list(map(spaces.__le__, map(str.count, folded, repeat(" "))))
        forms = list(compress(folded, keep))
        if len(forms) > 1:
            cutoff = max(options.threshold - 1, 0.0)
            flagged = _flagged(forms, cutoff)
            if flagged is None:
                similar = _similar(forms, cutoff)
            elif flagged:
                chosen = [forms[i] for i in flagged]  # the few: scored pair by pair
                similar = [flagged[i] for i in _similar(chosen, cutoff)]
            else:
                similar = []  # most documents
            if similar:
                indexes = list(compress(range(len(folded)), keep))
                wanted.update(indexes[i] for i in similar)
    return sorted(wanted)


_SORTED = 64  # from this many forms on, each is scored against its length window only


def _flagged(forms: list[str], cutoff: float) -> list[int] | None:
    """Indexes (ascending) of the ``forms`` that may have a ``ratio`` of at least
    ``cutoff`` to another one - every form that does, maybe more - from few
    rapidfuzz calls, for short forms (``None`` when the calls do not pay or are
    not available, or ``cutoff`` is below 2).

    ``process.cdist`` scores a list of forms of at most :data:`_SIMD` characters
    (the lines of a hard-wrapped story) against a list of forms with SIMD, about
    twice as fast as one ``extract`` call per form, which cannot use it (longer
    forms gain nothing: :func:`_similar` scores them). It fills a byte matrix,
    which the public function hands to numpy; the matrix itself exposes its
    buffer, so numpy is not needed. The scores are stored as integers with a
    cutoff one point below ``floor(cutoff)``: a pair scoring at least ``cutoff``
    is stored as at least that, whether the score is rounded or cut, so its cell
    is not 0. A form with itself scores 100.

    The forms are scored :data:`_BLOCK` at a time against themselves and the forms
    after them (one matrix for most stories): every pair once or twice, not each
    pair both ways as one square matrix would.
    """
    count = len(forms)
    low = math.floor(cutoff) - 1
    impl = sys.modules.get("rapidfuzz.process_cpp_impl")
    fuzz = sys.modules.get("rapidfuzz.fuzz")
    if low < 1 or impl is None or fuzz is None or max(map(len, forms)) > _SIMD:
        return None
    found: set[int] = set()
    for first in range(0, count, _BLOCK):
        queries = forms[first : first + _BLOCK]
        width = count - first
        try:
            matrix = impl.cdist(
                queries, forms[first:], scorer=fuzz.ratio, score_cutoff=low, dtype=impl.UINT8
            )
            scores = memoryview(matrix).tobytes()
        except (AttributeError, ImportError, TypeError, ValueError):  # another rapidfuzz
            return None
        if len(scores) != len(queries) * width:
            return None
        others = width - 1  # the zeros of a row with no similar form
        if scores.count(0) == len(queries) * others:
            continue  # each form is similar to itself only: most documents
        for q in range(len(queries)):  # a few rows: the similar forms, both of them
            if scores.count(0, q * width, q * width + width) < others:
                row = scores[q * width : q * width + width]
                found.update(first + j for j in range(width) if row[j] and j != q)
                found.add(first + q)
    return sorted(found)


_SIMD = 64  # the longest strings rapidfuzz scores several at a time
_BLOCK = 16  # forms scored at once: a call costs about as much as 50 pairs


def _similar(forms: list[str], cutoff: float) -> list[int]:
    """Indexes (ascending) of the ``forms`` with a ``ratio`` of at least ``cutoff``
    to another one, the pairs scored in C++ by rapidfuzz.

    Each form is scored against the later ones in one ``process.extract`` call.
    From :data:`_SORTED` forms on (long pages), the forms are sorted by length
    and each is scored against the longer ones of its length window only:
    ``ratio <= 200 * shorter / (shorter + longer)``, so forms of lengths
    ``n <= m`` reach ``cutoff`` only if ``m <= n * (200 - cutoff) / cutoff``.
    (``process.cdist`` would score all pairs in one call, but needs numpy, which
    a run loads only at its end: the rule does not load it; on the corpus, cdist
    would save about 3 us a document.)
    """
    from rapidfuzz import fuzz, process

    found: set[int] = set()
    count = len(forms)
    extract, ratio = process.extract, fuzz.ratio
    if count < _SORTED:
        for i in range(count - 1):
            hits = extract(forms[i], forms[i + 1 :], scorer=ratio, score_cutoff=cutoff, limit=None)
            if hits:
                found.add(i)
                found.update(i + 1 + j for _, _, j in hits)
        return sorted(found)
    lengths = [len(form) for form in forms]
    order = sorted(range(count), key=lengths.__getitem__)
    ordered = [forms[i] for i in order]
    lengths.sort()
    stretch = (200.0 - cutoff) / cutoff if cutoff > 0 else float("inf")
    for i in range(count - 1):
        stop = bisect_right(lengths, lengths[i] * stretch + 1, i + 1)
        if stop > i + 1:
            hits = extract(
                ordered[i], ordered[i + 1 : stop], scorer=ratio, score_cutoff=cutoff, limit=None
            )
            if hits:
                found.add(order[i])
                found.update(order[i + 1 + j] for _, _, j in hits)
    return sorted(found)


class DuplicateParagraph(Rule):
    class Options(NamedTuple):
        min_words: int = 4
        min_chars: int = 20
        threshold: float = 92.0
        near_min_words: int = 8

    meta = RuleMeta(
        code="NL202",
        name="duplicate-paragraph",
        category="duplication",
        summary="A paragraph is repeated later in the same article.",
        severity=Severity.WARNING,
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason=(
            "the fix removes a second copy; the first copy of the quotation stays word for word"
        ),
        doc=__doc__ or "",
        origin=__name__,
    )

    def min_lines(self, options: Any) -> int:
        return 2  # a line repeated later in the text (the title is not compared)

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        return self._check(doc, options, screen=True)

    def _check(self, doc: Document, options: Any, *, screen: bool) -> Iterator[Diagnostic]:
        """The findings; ``screen``: look only at the lines :func:`_involved` leaves
        (the same findings, see there)."""
        folded = doc.folded_lines  # the punctuation-free form of each line
        involved = _involved(doc.text, folded, options) if screen else None
        lines: list[Line]
        if involved is None:
            lines = doc.lines
        elif involved:
            every = doc.lines
            lines = [every[i] for i in involved]
        else:
            return  # most documents
        headline = doc.headline
        head = _NON_WORD.sub(" ", headline.casefold()).strip() if headline else None
        # first copies by their punctuation-free form (an exact copy has the same one):
        # the exact form is computed only when two lines share it
        seen: dict[str, list[list[Any]]] = {}  # fuzzy -> [[line number, text, norm]]
        kept: list[_Para] = []  # first copies that may have near copies
        postings: dict[str, list[int]] = {}  # word -> kept paragraphs with it in their prefix
        near_on = options.threshold < 100
        for line in lines:
            text = line.text.strip()
            if len(text) < options.min_chars:
                continue
            fuzzy = folded[line.number - 1]
            if text.isascii() and "_" not in text:
                # ASCII without "_": the words are exactly the runs of the folded form
                words = fuzzy.count(" ") + 1 if fuzzy else 0
            else:
                words = len(_WORD.findall(text))
            if words < options.min_words:
                continue
            if head is not None and fuzzy == head:
                continue  # the headline and its copies: duplicate-headline
            first = None
            same_fuzzy = seen.get(fuzzy)
            norm = None
            if same_fuzzy is not None:
                norm = normalize(text)
                for entry in same_fuzzy:
                    if entry[2] is None:
                        entry[2] = normalize(entry[1])
                    if entry[2] == norm:
                        first = entry[0]
                        break
            kind = "exactly"
            applicability = Applicability.SAFE
            near = near_on and words >= options.near_min_words
            if near:
                para_words = frozenset(fuzzy.split())
                prefix = _prefix(para_words)
            if first is None and near:
                match = self._near(fuzzy, para_words, prefix, kept, postings, options.threshold)
                if match is not None:
                    first, similarity = match
                    kind = f"nearly ({similarity:.0f}% similar)"
                    applicability = Applicability.UNSAFE
            if first is None:
                seen.setdefault(fuzzy, []).append([line.number, text, norm])
                if near:
                    for word in prefix:
                        postings.setdefault(word, []).append(len(kept))
                    kept.append(_Para(line.number, fuzzy, para_words))
                continue
            lead = len(line.text) - len(line.text.lstrip())
            yield self.report(
                doc,
                line.start + lead,
                line.start + lead + len(text),
                f"this paragraph repeats line {first} {kind}",
                fix=Fix(
                    (remove_line(doc, line.number),), applicability, "remove the repeated paragraph"
                ),
                related=(Related(doc.path, doc.id, first, "the first copy", doc.record),),
            )

    @staticmethod
    def _near(
        fuzzy: str,
        words: frozenset[str],
        prefix: list[str],
        kept: list[_Para],
        postings: dict[str, list[int]],
        threshold: float,
    ) -> tuple[int, float] | None:
        """The first kept paragraph (in text order) that ``fuzzy`` nearly copies
        (``words``: its words; ``prefix``: their :func:`_prefix`)."""
        n = len(fuzzy)
        if not kept or not n:
            return None
        candidates = {i for word in prefix for i in postings.get(word, ())}
        if not candidates:
            return None
        mine: Counter[str] | None = None
        for i in sorted(candidates):
            p = kept[i]
            m = len(p.fuzzy)
            if 200.0 * min(n, m) / (n + m) < threshold:
                continue
            # near copies differ by a few words: most words must be shared (a set
            # intersection in C, far cheaper than the character counts below)
            if 2 * len(words & p.words) < max(len(words), len(p.words)):
                continue
            if mine is None:
                mine = Counter(fuzzy)
            chars = p.chars
            if chars is None:
                chars = Counter(p.fuzzy)
                kept[i] = p._replace(chars=chars)
            common = sum([min(count, chars[c]) for c, count in mine.items()])
            if 200.0 * common / (n + m) < threshold:
                continue
            from rapidfuzz.fuzz import ratio

            similarity = float(ratio(fuzzy, p.fuzzy, score_cutoff=threshold))
            if similarity >= threshold and _same_statement(p.fuzzy, fuzzy):
                return p.number, similarity
        return None


RULE = DuplicateParagraph()
