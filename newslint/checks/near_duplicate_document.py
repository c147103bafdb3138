"""An article that nearly duplicates another one in the corpus (or in an index).

## What it does
Finds documents whose word shingles (runs of `shingle-size` normalized words;
case, punctuation and boilerplate lines ignored) overlap an earlier document's
with a Jaccard similarity of at least `threshold`: the same wire story lightly
edited, re-issued with an update, or scraped with a different byline.
Candidates come from MinHash signatures (`num-perm` values, one-permutation
hashing with optimal densification) and LSH banding, with the number of bands
and rows derived from the threshold as datasketch derives them, the signature
banded twice (the second time across the first bands) so that fewer pairs near
the threshold are missed; **every candidate is verified** on the exact shingle
sets before it is reported, and the message gives the measured similarity.

With `containment = true` it also reports a document whose shingles lie (to
`containment-threshold`) inside a longer document: a short wire story
contained in a longer rewrite. The longer document is then the original.

Exact copies are left to `duplicate-document`. The original of a near copy is
the best-ranked document it is verified against, by the `original` policy:
`first` in input order (default), `oldest` by the date field, or `longest`;
results and originals are the same on every run, whatever `--jobs`. The
original may itself be a copy of an earlier document (clusters are chains of
verified pairs); `newslint dedup` shows the clusters and the document it keeps.

With `index-file` (or `newslint check --index FILE`), each document is also looked
up in a persisted index built by `newslint index build`, so that one new
article can be checked against a whole corpus without re-reading it.

## Why is this bad?
Near copies inflate a corpus just as exact copies do, but no exact-hash dedup
finds them. Reporting each one with the document it copies, and how similar
they are, lets a person decide which to keep.

## Example
```text
corpus.jsonl:12  BankAmerica Corp is not under pressure to act quickly ...
corpus.jsonl:40  BankAmerica Corp is not under pressure to act quickly ... (one
                 paragraph added)
```
Record 40 is reported: `nearly duplicates corpus.jsonl:12 (Jaccard 0.91 ...)`.

## Fix safety
Dropping a document is a curation decision: the fix is **display-only**;
`newslint dedup --write-unique OUT` writes the corpus without the copies.

## Options
- `threshold` (float, default 0.8): minimum Jaccard similarity of the shingle sets.
- `containment` (bool, default false): also report documents contained in a longer one.
- `containment-threshold` (float, default 0.9): minimum share of the shorter
  document's shingles found in the longer one.
- `original` (`"first"` | `"oldest"` | `"longest"`, default `"first"`): which copy
  counts as the original.
- `shingle-size` (int, default 5): words per shingle.
- `num-perm` (int, default 128): MinHash signature length.
- `min-words` (int, default 10): shorter documents are not compared.
- `ignore-boilerplate` (bool, default true): leave out lines the boilerplate pack matches.
- `index-file` (str, default ""): a persisted index (SQLite) to check documents against.
- `with-title` (bool, default true): a title given as a field (JSONL `title`) is
  shingled with the body, as the headline is part of the story; text files carry
  their headline in the text anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Related, Severity
from ..document import Document
from ..rule import CorpusRule, DocRef, OptionError, RuleMeta
from .duplicate_document import document_finding


class NearDuplicateDocument(CorpusRule):
    class Options(NamedTuple):
        threshold: float = 0.8
        containment: bool = False
        containment_threshold: float = 0.9
        original: Literal["first", "oldest", "longest"] = "first"
        shingle_size: int = 5
        num_perm: int = 128
        min_words: int = 10
        ignore_boilerplate: bool = True
        index_file: str = ""
        with_title: bool = True

    meta = RuleMeta(
        code="NL204",
        name="near-duplicate-document",
        category="duplication",
        summary="An article nearly duplicates another one in the corpus.",
        severity=Severity.WARNING,
        scope="corpus",
        fix=Applicability.DISPLAY,
        doc=__doc__ or "",
        origin=__name__,
    )

    def parse_options(self, raw: Any) -> Any:
        o = super().parse_options(raw)
        name = self.meta.name
        if not 0.0 < o.threshold <= 1.0 or not 0.0 < o.containment_threshold <= 1.0:
            raise OptionError(f"rule {name}: thresholds must be in (0, 1]")
        if not 1 <= o.shingle_size <= 16:
            raise OptionError(f"rule {name}: shingle-size must be between 1 and 16")
        if not 8 <= o.num_perm <= 1024:
            raise OptionError(f"rule {name}: num-perm must be between 8 and 1024")
        return o

    def needs_single_document(self, options: Any) -> bool:
        return bool(options.index_file)

    def collect(self, doc: Document, options: Any) -> Any:
        from ..dedup import make_key

        titled = options.with_title and doc.title is not None and doc.title.strip()
        key = make_key(
            doc.text,
            doc.metadata.get("date"),
            with_ids=True,
            boilerplate=options.ignore_boilerplate,
            title=doc.title if titled else None,  # (the finding spans the body)
        )
        return key if key.words >= options.min_words else None

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        from ..dedup import describe, near_matches

        keys = [key for _, key in items]
        orders = [ref.order for ref, _ in items]
        settings = dedup_options(options)
        copies: set[int] = set()
        if len(items) > 1:
            exact, near = near_matches(keys, orders, settings)
            copies = {m.copy for m in exact}
            for m in near:
                copies.add(m.copy)
                ref, key = items[m.copy]
                orig = items[m.original][0]
                where = describe(orig.path, orig.record, orig.doc_id)
                yield document_finding(
                    self, ref, key.length, self._message(m.kind, m.similarity, where, options),
                    Related(orig.path, orig.doc_id, 1, "the original", orig.record),
                )  # fmt: skip
        if options.index_file:
            yield from self._against_index(items, copies, options)

    def _message(self, kind: str, sim: float, where: str, options: Any) -> str:
        k = options.shingle_size
        if kind == "contained":
            return (
                f"this document is contained in {where}: {sim:.0%} of its {k}-word shingles "
                f"occur there (threshold {options.containment_threshold:.0%})"
            )
        if kind == "exact":
            return f"this document duplicates {where} (identical once normalized)"
        return (
            f"this document nearly duplicates {where}: Jaccard similarity {sim:.2f} "
            f"of {k}-word shingles (threshold {options.threshold:.2f})"
        )

    def _against_index(
        self, items: list[tuple[DocRef, Any]], copies: set[int], options: Any
    ) -> Iterator[Diagnostic]:
        import os

        from ..dedup import Index, describe

        index = Index(options.index_file)
        try:
            settings = dedup_options(options)
            for i, (ref, key) in enumerate(items):
                if i in copies:
                    continue  # its original in this run is checked instead
                me = (os.path.abspath(ref.path) if ref.path else None, ref.record)
                m = index.query(key, settings, exclude=me)
                if m is None:
                    continue
                hit = index.doc(m.original)
                where = describe(hit.path, hit.record, hit.doc_id)
                where += f" in the index {options.index_file}"
                yield document_finding(
                    self, ref, key.length, self._message(m.kind, m.similarity, where, options),
                    Related(hit.path, hit.doc_id, 1, "the indexed original", hit.record),
                )  # fmt: skip
        finally:
            index.close()


def dedup_options(options: Any) -> Any:
    """The rule's options as :class:`newslint.dedup.Options`."""
    from ..dedup import Options

    return Options(
        threshold=options.threshold,
        num_perm=options.num_perm,
        shingle_size=options.shingle_size,
        containment=options.containment,
        containment_threshold=options.containment_threshold,
        policy=options.original,
        min_words=options.min_words,
    )


RULE = NearDuplicateDocument()
