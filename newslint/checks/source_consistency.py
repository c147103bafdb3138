"""An article that names a country differently from the rest of its source.

## What it does
Across a corpus, groups articles by source (the host of a record's
`source`/`url` field, else a text file's directory) and finds, for each alias
group of `name-consistency` (`U.S.` / `US` / `USA` ...), the form the source
writes. When at least `min-share` of a source's articles that name the group
use one form, and the source has at least `min-documents` such articles, every
article that writes another form is reported: "this source writes 'U.S.' in
94% of 1,200 articles that name the United States; this one writes 'USA'".
Quoted speech, fixed names and neutral forms are left out exactly as in
`name-consistency`, and so are forms inside a longer proper name (`Exxon U.S.A.`,
`US Sprint`, `Pirelli UK`) and forms on lines laid out as tables. It needs
more than one document; a single file is never compared with anything.

## Why is this bad?
A house style is a property of a publication, not of one article. An article
that breaks its source's style was often re-posted from elsewhere, machine
rewritten, or stitched from another wire - and it splits search and entity
counts for that source.

## Example
Twenty-five articles from `example.com` write `U.S.`; one writes `USA`: that
one is reported, at its first `USA`.

## Fix safety
No fix: the article's own mix (if any) is `name-consistency`'s business, and
rewriting an article to its source's majority is an editorial decision.

## Options
- `min-documents` (int, default 20): articles naming a group that a source needs
  before its majority counts as its style.
- `min-share` (float, default 0.8): the share of those articles that must agree.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Severity
from ..document import Document
from ..rule import CorpusRule, DocRef, RuleMeta

_TABLE = re.compile(r"\S {3,}\S|\d[\d.,/]* +\d")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_PREV_WORD = re.compile(r"(\w+)[ \t]+$")


def _in_name_or_table(text: str, start: int, end: int) -> bool:
    """Leave out a form inside a longer proper name (``Exxon U.S.A.``, ``US Sprint``,
    ``Pirelli UK``) or on a line of a table: across a corpus those are names and
    layout, not house style."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if _TABLE.search(line):
        return True
    after = _NEXT_WORD.match(text, end)
    if after and after.group(1)[:1].isupper():
        return True
    before = _PREV_WORD.search(text, line_start, start)
    return bool(before and before.group(1)[:1].isupper() and before.start() > line_start)


@functools.cache
def _consistency_rule() -> Any:
    """The built-in name-consistency pack rule, whose groups this rule counts (loaded
    once per process: `collect` runs on every document of a corpus)."""
    from ..kinds.consistency import ConsistencyRule
    from ..packs import builtin_pack_dir, load_pack_rules

    for rule in load_pack_rules([builtin_pack_dir()]):
        if isinstance(rule, ConsistencyRule) and rule.meta.name == "name-consistency":
            return rule
    return None


class _Key(NamedTuple):
    source: str
    forms: dict[str, dict[str, tuple[int, int, int]]]  # group -> form -> (count, line, col)


class SourceConsistency(CorpusRule):
    class Options(NamedTuple):
        min_documents: int = 20
        min_share: float = 0.8

    meta = RuleMeta(
        code="NL404",
        name="source-consistency",
        category="consistency",
        summary="An article names a country differently from the rest of its source.",
        severity=Severity.INFO,
        scope="corpus",
        fix=None,
        quoted="skip",
        doc=__doc__ or "",
        origin=__name__,
    )

    def collect(self, doc: Document, options: Any) -> Any:
        rule = _consistency_rule()
        if rule is None:
            return None
        from ..sources import source_of

        forms: dict[str, dict[str, tuple[int, int, int]]] = {}
        text = doc.text
        present = rule.forms_in(text)  # a superset of the forms used, from one scan
        if not present:
            return None
        for group in rule.groups:
            if present.isdisjoint(group.forms):
                continue  # (every occurrence is one of the group's forms)
            found = [
                o
                for o in rule.occurrences(doc, group)
                if not o.quoted and not _in_name_or_table(text, o.start, o.end)
            ]
            if not found:
                continue
            per_form: dict[str, tuple[int, int, int]] = {}
            for o in found:
                count, line, col = per_form.get(o.form, (0, 0, 0))
                if not count:
                    line, col = doc.position(o.start)
                per_form[o.form] = (count + 1, line, col)
            forms[group.id] = per_form
        if not forms:
            return None
        return _Key(source_of(doc.metadata.get("source"), doc.path), forms)

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        rule = _consistency_rule()
        labels = {g.id: g.label for g in rule.groups} if rule is not None else {}
        # (source, group) -> the documents' own majority form
        majority: dict[tuple[str, str], list[tuple[DocRef, str, dict[str, Any]]]] = defaultdict(
            list
        )
        for ref, key in items:
            for gid, per_form in key.forms.items():
                own = max(per_form, key=lambda f: (per_form[f][0], f))
                majority[(key.source, gid)].append((ref, own, per_form))
        for (source, gid), docs in sorted(majority.items()):
            if len(docs) < options.min_documents:
                continue
            votes = Counter(own for _, own, _ in docs)
            style, agreeing = votes.most_common(1)[0]
            share = agreeing / len(docs)
            if share < options.min_share:
                continue
            label = labels.get(gid, gid)
            for ref, _, per_form in docs:
                others = {f: v for f, v in per_form.items() if f != style}
                if not others:
                    continue
                first = min(others, key=lambda f: (others[f][1], others[f][2]))
                _, line, col = others[first]
                written = ", ".join(f"'{f}' ({v[0]}x)" for f, v in sorted(others.items()))
                yield self.report_at(
                    ref,
                    f"this source ({source}) writes '{style}' in {share:.0%} of "
                    f"{len(docs):,} articles that name {label}; this one writes {written}",
                    line=line,
                    column=col,
                    end_column=col + len(first),
                )


RULE = SourceConsistency()
