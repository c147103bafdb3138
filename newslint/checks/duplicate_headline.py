"""The headline printed again in the body.

## What it does
Takes the headline - the document's title field when it has one (the `title`
of a JSONL/JSON/CSV record), otherwise the first non-blank line of the text -
and reports every later line that repeats it: exactly, with differences only
in case, spacing or punctuation, without a trailing site name (`... - WSJ`,
`... | Reuters`, `... - The Hollywood Reporter`: the page title often carries
one, the article's own headline does not), or nearly (a similarity of at
least `threshold` percent after normalizing case, spacing and punctuation).
With a title field, a body that *starts* with the headline is reported too.

## Why is this bad?
Scrapers often pick up the headline twice (from the page title and from the
article header). The copy inflates word counts and shows up as a duplicated
paragraph in every downstream use.

## Example
```text
Venezuela's Juan Guaido urges military uprising

Venezuela's Juan Guaido urges military uprising

U.S. Secretary of State Mike Pompeo claims ...
```
The second headline line is removed.

## Fix safety
Removing an **exact** copy is **safe**. A near copy may carry a correction or a
different wording, so its removal is **unsafe**.

## Options
- `threshold` (float, default 90): minimum similarity (0-100) for a near copy.
- `min-words` (int, default 3): a headline shorter than this is not checked.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix, Related, Severity
from ..document import Document, Line
from ..rule import Rule, RuleMeta
from ..spans import remove_line
from ._lazy_re import lazy

_NON_WORD = lazy(r"[\W_]+")


# ASCII letters lowered, digits kept, every other byte a space: normalize() of ASCII text
_ASCII_FOLD = bytes(
    (ord(chr(c).lower()) if chr(c).isalnum() else 32) if c < 128 else 32 for c in range(256)
)


def normalize(text: str) -> str:
    if text.isascii():  # the same through a byte table, several times cheaper
        return " ".join(text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split())
    return _NON_WORD.sub(" ", text.casefold()).strip()


_SITE_SEPARATOR = lazy(r"\s+(?:[-|\u2013\u2014\u00b7\u2022:]{1,2})\s+")


def strip_site(text: str) -> str:
    """``text`` without a trailing site name (`` - WSJ``, `` | Reuters``), if it has one.

    The part after the last separator must look like a name: at most four words,
    each capitalized, a number, or a domain (``nytimes.com``).
    """
    text = text.strip()
    if not _has_separator_character(text):
        return text  # most headlines and lines: no separator to look for
    last = None
    for match in _SITE_SEPARATOR.finditer(text):
        last = match
    if last is None:
        return text
    suffix = text[last.end() :]
    words = suffix.split()
    if not 1 <= len(words) <= 4 or len(suffix) > 40:
        return text
    if not all(w[:1].isupper() or w[:1].isdigit() or "." in w for w in words):
        return text
    return text[: last.start()]


def _similarity_bound(a: str, b: str) -> float:
    """An upper bound of the Indel similarity (0-100): first from the lengths
    (free), then from character counts."""
    if not a and not b:
        return 100.0
    total = len(a) + len(b)
    length_bound = 200.0 * min(len(a), len(b)) / total
    if length_bound < 80.0:  # below every sensible threshold: skip the counting
        return length_bound
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return 200.0 * common / total


_SEPARATOR_CHARACTERS = "-|:\u2013\u2014\u00b7\u2022"  # those of _SITE_SEPARATOR


def _has_separator_character(text: str) -> bool:
    """Whether ``text`` holds a character of a :data:`_SITE_SEPARATOR` (one ``in``
    per character, in C: a character wider than the text's is found absent at once)."""
    return (
        "-" in text
        or ":" in text
        or "|" in text
        or "\u2013" in text
        or "\u2014" in text
        or "\u00b7" in text
        or "\u2022" in text
    )


def _separator_lines(doc: Document) -> set[int]:
    """Indexes of the lines that may hold a :data:`_SITE_SEPARATOR` (every line
    in which :func:`strip_site` may find one, and maybe more).

    A separator in a line is ``\\s+``, one or two separator characters, ``\\s+``:
    its first separator character follows a space character of the same line
    (``\\s`` is ``str.isspace``). Each separator character is found with
    ``str.find`` (in C, and at once for a character wider than the text's);
    a regular expression would try every space of the text.
    """
    text = doc.text
    found: set[int] = set()
    starts: list[int] | None = None
    find = text.find
    for character in _SEPARATOR_CHARACTERS:
        at = find(character)
        while at != -1:
            before = text[at - 1] if at else "\n"
            if before != "\n" and before.isspace():
                if starts is None:
                    starts = doc.line_starts
                found.add(bisect_right(starts, at) - 1)
            at = find(character, at + 1)
    return found


def _could_repeat(
    doc: Document, folded: list[str], targets: list[str], threshold: float
) -> set[int]:
    """Indexes of the lines that may repeat the headline: a folded form at least
    ``threshold`` similar to a form of the headline (which includes every exact copy),
    or a site separator, after which the line's other form must be checked. Every
    line this leaves out, the line-by-line check leaves out too."""
    # the modules, without the import statement's cost in every document
    fuzz: Any = sys.modules.get("rapidfuzz.fuzz")
    process: Any = sys.modules.get("rapidfuzz.process")
    if fuzz is None or process is None:  # loaded with rapidfuzz.fuzz: not seen in practice
        from rapidfuzz import fuzz, process

    wanted: set[int] = set()
    for target in targets:
        for _, _, i in process.extract(
            target, folded, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            wanted.add(i)
    wanted.update(_separator_lines(doc))
    return wanted


class DuplicateHeadline(Rule):
    class Options(NamedTuple):
        threshold: float = 90.0
        min_words: int = 3

    meta = RuleMeta(
        code="NL201",
        name="duplicate-headline",
        category="duplication",
        summary="The headline is repeated later in the body.",
        severity=Severity.WARNING,
        fix=Applicability.SAFE,
        quoted="report",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        from_title = doc.title is not None and bool(doc.title.strip())
        if not from_title and "\n" not in doc.text:
            return  # one line and no title (a JSONL title field): the headline is all there is
        headline = doc.headline
        if headline is None:
            return
        target = normalize(headline)
        if target.count(" ") + 1 < options.min_words:
            return
        stripped = headline.strip()
        site = strip_site(headline)
        bare = target if site == stripped else normalize(site)
        targets = {target, bare} if bare.count(" ") + 1 >= options.min_words else {target}
        folded = doc.folded_lines  # normalize() of each line
        threshold = options.threshold
        ordered = sorted(targets)
        # the bound spares a one-file run the import; once loaded, rapidfuzz is faster
        loaded = "rapidfuzz.fuzz" in sys.modules
        if loaded and threshold > 0:
            # in a corpus run: screen all lines at once, in C++
            wanted = _could_repeat(doc, folded, ordered, threshold)
            if not from_title and doc.headline_line is not None:
                wanted.discard(doc.headline_line - 1)  # the headline itself
            if not wanted:
                return
            every = doc.lines
            lines: list[Line] = [every[i] for i in sorted(wanted)]
            seen_headline = True
        else:
            lines = doc.lines
            seen_headline = from_title
        lengths = [len(t) for t in targets]
        # a line whose folded form is longer than this cannot be similar enough to the
        # headline even without a site name (at most 40 characters, each casefolding
        # to at most 3, plus its separator: 125 to spare)
        longest = (max(lengths) * (200.0 - threshold) / threshold + 125) if threshold > 0 else None
        for line in lines:
            candidate = line.text.strip()
            if not candidate:
                continue  # a blank line
            if not seen_headline:
                seen_headline = True  # the first line is the headline itself
                continue
            exact = candidate == stripped
            kind = "exactly"
            if not exact:
                norm = folded[line.number - 1]
                kind = "with differences only in case, spacing or punctuation"
                if norm != target:
                    n = len(norm)
                    if longest is not None and n > longest:
                        continue
                    if all(n < m and 200.0 * n / (n + m) < threshold for m in lengths):
                        # shorter than every form of the headline by too much: so is
                        # the line without its site name, a prefix of it
                        continue
                    site = strip_site(candidate)
                    forms = [norm] if site == candidate else sorted({norm, normalize(site)})
                    if not targets.isdisjoint(forms):
                        kind = "without its site name, up to case and punctuation"
                    else:
                        similarity = self._similarity(forms, ordered, threshold, loaded)
                        if similarity is None:
                            continue
                        kind = f"nearly ({similarity:.0f}% similar)"
            headline_line = None if from_title else doc.headline_line
            where = "the title" if from_title else f"line {headline_line}"
            yield self.report(
                doc,
                line.start + (len(line.text) - len(line.text.lstrip())),
                line.start + len(line.text.rstrip()),
                f"the headline ({where}) is repeated here {kind}",
                fix=Fix(
                    (remove_line(doc, line.number),),
                    Applicability.SAFE if exact else Applicability.UNSAFE,
                    "remove the repeated headline",
                ),
                related=(Related(doc.path, doc.id, headline_line, "the headline"),),
            )

    @staticmethod
    def _similarity(
        forms: list[str], targets: list[str], threshold: float, loaded: bool
    ) -> float | None:
        """The best similarity of a line's forms to the headline's, if >= threshold
        (both lists sorted)."""
        best: float | None = None
        for norm in forms:
            for target in targets:
                if not norm or (not loaded and _similarity_bound(norm, target) < threshold):
                    continue
                from rapidfuzz.fuzz import ratio

                similarity = float(ratio(norm, target))
                if similarity >= threshold and (best is None or similarity > best):
                    best = similarity
        return best


RULE = DuplicateHeadline()
