"""A line that recurs across many articles of the same source: the site's template.

## What it does
Across a corpus, groups documents by source (the host of a record's
`source`/`url` field, else a text file's directory) and counts, for every short
line (at most `max-words` words), in how many of the source's documents it
occurs, after normalizing case, spacing and punctuation. A line found in at
least `min-share` of a source's documents (and in at least `min-count` of
them) is reported in each document: "appears in 87% of 412 documents from example.com".
The threshold scales with the number of documents; a source needs
`min-documents` documents before anything is reported.

Headlines, lines that repeat the headline, bylines and photo credits are
article content and are never counted. A single document is never compared
with anything.

## Why is this bad?
What every page of a site repeats - its menu, its footer, its newsletter
prompt - is the template, not the article. No phrase list knows every site's
template; the corpus does.

## Example
Forty pages from `example.com` all contain the line `Sections Home Politics
World Sport`: it is reported on each of them.

## Fix safety
**Display only**: the finding shows the removal of the line, but newslint does
not apply fixes decided across a corpus; a line that recurs can still be the
site's real (if repetitive) content.

## Options
- `min-documents` (int, default 5): documents a source needs before its lines
  are compared.
- `min-share` (float, default 0.5): share of the source's documents a line must
  occur in.
- `max-words` (int, default 25): longer lines are never template lines.
- `min-count` (int, default 3): documents a line must occur in, whatever the
  share; two pages of a site can share a line by chance (a series name, a quote).
"""

from __future__ import annotations

import math
import struct
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import CorpusRule, DocRef, RuleMeta
from ._lazy_re import lazy

_BYLINE = lazy(r"(?i)^(by|von|par|por|di|door|av)\s+\S")
_BYLINE_FIRST = frozenset("bvpdaBVPDA")  # no other character matches them, case ignored
_LETTER = lazy(r"[^\W\d_]")  # a key with a letter in it

# The counted lines of a document, packed: one 28-byte record per line (the 64-bit
# hash of its normalized text, then its line, column, end column, start and end
# offsets), all in one bytes object. The parent process keeps every document's
# lines until the end of a corpus run: as tuples of ints they took 61 MB for the
# 14,770 documents of a 20 MB corpus, packed they take 11 MB, and a bytes object
# is cheap to pickle on its way from a worker.
_RECORD = struct.Struct(">Q5i")
_POSITION = struct.Struct(">5i")
RECORD_SIZE = _RECORD.size


def record_keys(lines: bytes) -> list[int]:
    """The line hashes of packed ``lines`` (see :data:`_RECORD`), in order."""
    return [record[0] for record in _RECORD.iter_unpack(lines)]


def kept_records(lines: bytes, keep: Iterable[bool]) -> bytes:
    """The records of packed ``lines`` for which ``keep`` is true."""
    size = RECORD_SIZE
    starts = range(0, len(lines), size)
    return b"".join(lines[k : k + size] for k, ok in zip(starts, keep, strict=True) if ok)


class TemplateBoilerplate(CorpusRule):
    class Options(NamedTuple):
        min_documents: int = 5
        min_share: float = 0.5
        max_words: int = 25
        min_count: int = 3

    meta = RuleMeta(
        code="NL304",
        name="template-boilerplate",
        category="boilerplate",
        summary="A line that recurs across many articles of one source (the site's template).",
        severity=Severity.WARNING,
        scope="corpus",
        fix=Applicability.DISPLAY,
        quoted="report",
        doc=__doc__ or "",
        origin=__name__,
    )

    def collect(self, doc: Document, options: Any) -> Any:
        from hashlib import blake2b

        from ..sources import source_of
        from ._layout import _is_credit, _key_words, _shares_words, headline_keys

        keys = headline_keys(doc)
        key_words = _key_words(keys)
        headline_line = doc.headline_line if doc.title is None else None
        seen: dict[str, bytes] = {}
        max_words = options.max_words
        byline, letter, position = _BYLINE.match, _LETTER.search, _POSITION.pack
        texts, starts = doc.line_texts, doc.line_starts
        # runs on every document of a corpus run: the cheap tests come first, and a
        # key is hashed once per document
        for i, k in enumerate(doc.folded_lines):
            # k: normalize(line), shared with the duplication rules; a blank line or
            # one without a letter has no key worth counting
            if not k or k in seen or i + 1 == headline_line:
                continue
            text = texts[i]
            s = text.strip()
            if s.count(" ") >= max_words or not letter(k) or _is_credit(s):
                continue
            if s[0] in _BYLINE_FIRST and byline(s):
                continue
            # key_like_headline(k, keys), inlined: a line that repeats the headline
            if k in keys or (k.count(" ") >= 2 and _shares_words(k, key_words)):
                continue
            digest = blake2b(k.encode("utf-8", "surrogatepass"), digest_size=8).digest()
            lead = len(text) - len(text.lstrip())
            start = starts[i] + lead
            # (the digest is the record's big-endian key)
            seen[k] = digest + position(i + 1, lead + 1, lead + 1 + len(s), start,
                                        start + len(s))  # fmt: skip
        if not seen:
            return None
        return (source_of(doc.metadata.get("source"), doc.path), b"".join(seen.values()))

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        by_source: dict[str, list[tuple[DocRef, bytes]]] = defaultdict(list)
        for ref, (source, lines) in items:
            by_source[source].append((ref, lines))
        frequent: dict[str, tuple[int, Counter[int]]] = {}
        for source, docs in by_source.items():
            if len(docs) < options.min_documents:
                continue
            counts = Counter(key for _, lines in docs for key in record_keys(lines))
            need = max(options.min_count, 2, math.ceil(options.min_share * len(docs)))
            frequent[source] = (need, counts)
        for ref, (source, lines) in items:
            if source not in frequent:
                continue
            need, counts = frequent[source]
            total = len(by_source[source])
            for key, number, column, end_column, start, end in _RECORD.iter_unpack(lines):
                count = counts[key]
                if count < need:
                    continue
                yield self.report_at(
                    ref,
                    f"template line: appears in {count / total:.0%} of {total:,} documents "
                    f"from {source}",
                    line=number,
                    column=column,
                    end_column=end_column,
                    start=start,
                    end=end,
                    fix=Fix.display("remove the template line", Edit(start, end, "")),
                )


RULE = TemplateBoilerplate()
