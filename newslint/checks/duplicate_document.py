"""The same article more than once in a corpus.

## What it does
Compares every document of a run (the files of a directory, the records of a
JSONL/JSON/CSV file, or both) and reports each document whose text is the same
as an earlier one's after normalization: case, whitespace and punctuation are
ignored, and so are lines that the `boilerplate` rule flags (share buttons,
navigation, cookie notices), so two scrapes of one article from different
pages still match. The finding names the original it copies, in the message
and in `related` (path, record, id, line).

Which copy is the original follows the `original` policy, deterministically:
`first` in input order (the default), `oldest` by the record's date field
(undated documents count as newer than dated ones), or `longest`; ties go to
input order. A run that sees a single document reports nothing (there is
nothing to compare with), and `--no-corpus` turns the rule off.

## Why is this bad?
A corpus that holds the same wire story many times over-weights it in search,
statistics and training data, and every duplicate costs storage and review
time. Dedup tools drop copies silently; newslint says which document each copy
duplicates and lets you decide (`newslint dedup --write-unique` writes the
corpus without them).

## Example
```text
corpus/a.txt   BankAmerica Corp is not under pressure to act quickly ...
corpus/b.txt   BANKAMERICA CORP is not under pressure to act quickly ...
```
`corpus/b.txt` is reported as a duplicate of `corpus/a.txt`.

## Fix safety
Dropping a document is a curation decision: the fix is **display-only** and
never applied; `newslint dedup --write-unique OUT` writes a deduplicated copy
of the corpus (inputs are never modified).

## Options
- `original` (`"first"` | `"oldest"` | `"longest"`, default `"first"`): which copy
  counts as the original.
- `ignore-boilerplate` (bool, default true): leave out lines the boilerplate pack matches.
- `min-words` (int, default 3): documents with fewer normalized words are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from ..document import Document
from ..rule import CorpusRule, DocRef, OptionError, RuleMeta


class DuplicateDocument(CorpusRule):
    class Options(NamedTuple):
        original: Literal["first", "oldest", "longest"] = "first"
        ignore_boilerplate: bool = True
        min_words: int = 3

    meta = RuleMeta(
        code="NL203",
        name="duplicate-document",
        category="duplication",
        summary="The same article text occurs earlier in the corpus.",
        severity=Severity.WARNING,
        scope="corpus",
        fix=Applicability.DISPLAY,
        doc=__doc__ or "",
        origin=__name__,
    )

    def parse_options(self, raw: Any) -> Any:
        options = super().parse_options(raw)
        if options.min_words < 1:
            raise OptionError(f"rule {self.meta.name}: min-words must be at least 1")
        return options

    def collect(self, doc: Document, options: Any) -> Any:
        from ..dedup import make_key

        key = make_key(
            doc.text, doc.metadata.get("date"), with_ids=False,
            boilerplate=options.ignore_boilerplate,
        )  # fmt: skip
        return key if key.words >= options.min_words else None

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        from ..dedup import describe, exact_matches

        keys = [key for _, key in items]
        orders = [ref.order for ref, _ in items]
        for m in exact_matches(keys, orders, options.original):
            ref, key = items[m.copy]
            orig = items[m.original][0]
            yield document_finding(
                self,
                ref,
                key.length,
                f"this document duplicates {describe(orig.path, orig.record, orig.doc_id)} "
                "(the same text once case, spacing, punctuation and boilerplate lines "
                "are ignored)",
                Related(orig.path, orig.doc_id, 1, "the original", orig.record),
            )


def document_finding(
    rule: CorpusRule, ref: DocRef, length: int, message: str, related: Related
) -> Diagnostic:
    """A finding that spans a whole document, with a display-only removal."""
    return rule.report_at(
        ref,
        message,
        line=1,
        column=1,
        end_line=ref.lines,
        end_column=ref.last_column,
        start=0,
        end=length,
        fix=Fix.display("drop this duplicate document", Edit.delete(0, length)),
        related=(related,),
    )


RULE = DuplicateDocument()
