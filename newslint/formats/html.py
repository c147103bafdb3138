"""``--format html``: a corpus quality report in one self-contained HTML file.

The page has no external resources (inline CSS, inline SVG charts drawn here, a
few lines of inline script to sort and filter tables), so it can be archived as
a CI artifact and opened anywhere, offline.

It shows the totals, findings per rule and the share of documents each rule
affects, findings per source (the record's ``source``/``url`` host when the
runner passes it on, otherwise the record file, or a text file's directory),
how findings are spread over documents, duplicate clusters (diagnostics of
category ``duplication`` whose ``related`` entries point to other documents),
the documents with the most findings, and examples per rule with the matched
text highlighted.

Memory stays bounded however large the corpus: the writer keeps counters, at
most :data:`EXAMPLES_PER_RULE` examples per rule, the :data:`WORST_DOCUMENTS`
documents with the most findings, one bit per record (was it affected?) and two
bytes per record when sources are known (which source, so that corpus findings
that arrive at the end can be attributed) - never the diagnostics themselves.
Matched text of records is not kept by the runner: the few records the report
quotes are read again from their files when the report is written.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any, NamedTuple

from .._version import __version__
from ..diagnostics import Diagnostic, Related
from ..runner import FileResult
from ..sources import host_of, text_group
from . import Report, Writer
from .html_template import CSS, JS

EXAMPLES_PER_RULE = 5  # examples kept per rule, each from a different document
WORST_DOCUMENTS = 20  # documents with the most findings, listed with examples
EXAMPLES_PER_DOCUMENT = 3
SOURCES_SHOWN = 15  # bars in the per-source chart (the rest are summed up in a note)
HEATMAP_SOURCES = 12
MAX_SOURCES = 20_000  # distinct sources counted one by one; more go to "other sources"
MAX_CLUSTER_DOCUMENTS = 200_000  # documents tracked in duplicate clusters
CLUSTERS_SHOWN = 30
CLUSTER_MEMBERS_SHOWN = 12
CONTEXT = 70  # characters of context either side of a match
MAX_MATCH = 160  # characters of a long match shown

OTHER_SOURCES = "(other sources)"
UNKNOWN = "(unknown)"

CATEGORY_COLORS = {
    "encoding": "#d1495b",
    "markup": "#e08e29",
    "duplication": "#00798c",
    "boilerplate": "#30638e",
    "consistency": "#8f5fb5",
    "typography": "#5b9b6e",
    "input": "#7b8794",
}
DEFAULT_COLOR = "#52606d"

# findings per document, as histogram buckets (lower bound, label)
BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (3, "3-5"), (6, "6-10"), (11, "11-20"), (21, "21-50"),
           (51, "51+"))  # fmt: skip

DocKey = tuple[str, int]  # (path, record or 0 for a whole file)


def color(category: str) -> str:
    return CATEGORY_COLORS.get(category, DEFAULT_COLOR)


# -- what is kept -----------------------------------------------------------------------


class Excerpt(NamedTuple):
    before: str
    match: str
    after: str


class Example:
    """One diagnostic worth showing, with the text it matched once known."""

    __slots__ = ("applicability", "code", "column", "excerpt", "field", "fix", "label", "line",
                 "message", "path", "record", "rule", "span")  # fmt: skip

    def __init__(self, d: Diagnostic, label: str, text: str | None) -> None:
        self.code = d.code
        self.rule = d.rule
        self.message = d.message
        self.label = label
        self.path = d.path or ""
        self.record = d.record
        self.field = d.field
        self.line = d.line
        self.column = d.column
        self.span = (d.start, d.end)
        self.fix: str | None = None
        self.applicability: str | None = None
        if d.fix is not None:
            self.applicability = d.fix.applicability.value
            edits = d.fix.edits
            self.fix = d.fix.title
            if len(edits) == 1:
                content = edits[0].content
                if not content:
                    self.fix += " (delete)"
                elif not content.strip():  # whitespace: show the spaces
                    shown = _visible(content[:80].replace(" ", "\u00b7"))
                    self.fix += f" \u2192 \u201c{shown}\u201d"
                elif content.strip() not in d.fix.title:
                    self.fix += f" \u2192 \u201c{_visible(content[:80])}\u201d"
        self.excerpt: Excerpt | None = None
        if text is not None:
            self.excerpt = excerpt(text, d.start, d.end)

    @property
    def wants_text(self) -> bool:
        return self.excerpt is None and self.record is not None and self.span != (0, 0)


class RuleStats:
    __slots__ = ("category", "code", "documents", "examples", "findings", "fix_display",
                 "fix_safe", "fix_unsafe", "name", "seen")  # fmt: skip

    def __init__(self, d: Diagnostic) -> None:
        self.code = d.code
        self.name = d.rule
        self.category = d.category
        self.findings = 0
        self.documents = 0
        self.fix_safe = 0
        self.fix_unsafe = 0
        self.fix_display = 0
        self.examples: list[Example] = []
        self.seen: set[DocKey] = set()  # documents of the examples (at most EXAMPLES_PER_RULE)


class SourceStats:
    __slots__ = ("affected", "by_category", "by_rule_docs", "documents", "findings")

    def __init__(self) -> None:
        self.documents = 0
        self.affected = 0
        self.findings = 0
        self.by_category: Counter[str] = Counter()
        self.by_rule_docs: Counter[str] = Counter()  # rule code -> documents affected


class WorstDoc:
    __slots__ = ("count", "examples", "first_line", "label", "path", "record", "rules")

    def __init__(self, key: DocKey, label: str, diagnostics: list[Diagnostic],
                 text: str | None) -> None:  # fmt: skip
        self.path, self.record = key
        self.label = label
        self.count = len(diagnostics)
        self.rules: Counter[tuple[str, str, str]] = Counter(
            (d.code, d.rule, d.category) for d in diagnostics
        )
        self.first_line = first_line(text) if text is not None else None
        chosen: list[Diagnostic] = []
        codes: set[str] = set()
        for d in diagnostics:  # one example per rule first, then more of the same
            if d.code not in codes and len(chosen) < EXAMPLES_PER_DOCUMENT:
                chosen.append(d)
                codes.add(d.code)
        for d in diagnostics:
            if len(chosen) >= EXAMPLES_PER_DOCUMENT:
                break
            if d not in chosen:
                chosen.append(d)
        chosen.sort(key=lambda d: d.sort_key)
        self.examples = [Example(d, label, text) for d in chosen]


class ClusterMember(NamedTuple):
    label: str
    messages: tuple[str, ...]  # "CODE message" of its own findings; () for an original


# -- text helpers -----------------------------------------------------------------------


def _visible(s: str) -> str:
    """Make whitespace in a short match visible."""
    return s.replace("\t", "\u2192").replace("\r", "\u240d").replace("\n", "\u21b5")


def excerpt(text: str, start: int, end: int) -> Excerpt | None:
    """The matched text with some context on its line(s); None if the span is off."""
    if not 0 <= start <= end <= len(text):
        return None
    left = max(text.rfind("\n", 0, start) + 1, start - CONTEXT)
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    right = min(right, end + CONTEXT)
    before = text[left:start]
    after = text[end:right]
    if left > 0 and text[left - 1] != "\n":
        before = "\u2026" + before
    if right < len(text) and text[right] != "\n":
        after += "\u2026"
    match = text[start:end]
    if len(match) > MAX_MATCH:
        match = match[: MAX_MATCH // 2] + " \u2026 " + match[-MAX_MATCH // 2 :]
    if match.strip() == "" or match != match.strip():
        match = match.replace(" ", "\u00b7")  # whitespace findings: show the spaces
    return Excerpt(before, _visible(match), after)


def first_line(text: str) -> str | None:
    for line in text[:2000].splitlines():
        if line.strip():
            s = line.strip()
            return s if len(s) <= 120 else s[:119] + "\u2026"
    return None


def doc_label(path: str, record: int | None, doc_id: str | None) -> str:
    if record is None:
        return path
    return f"{path}:{record}" + (f" ({doc_id})" if doc_id else "")


def _other_document(d: Diagnostic, r: Related) -> bool:
    """Does ``r`` point to another document than the one ``d`` is about?"""
    if r.path is not None and d.path is not None and r.path != d.path:
        return True
    if r.record is not None and d.record is not None:
        return r.record != d.record
    if r.doc_id is not None and d.doc_id is not None:
        return r.doc_id != d.doc_id
    return False


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.1f}"


def _pct(part: int, whole: int) -> str:
    if whole <= 0:
        return "-"
    p = 100.0 * part / whole
    if p == 0:
        return "0%"
    if p < 0.1:
        return "<0.1%"
    if p > 99.9 and part < whole:
        return ">99.9%"
    return f"{p:.1f}%" if p < 10 or (p > 99 and part < whole) else f"{p:.0f}%"


def _trim(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "\u2026"


# -- the writer -------------------------------------------------------------------------


class HtmlWriter(Writer):
    """Accumulates bounded statistics in :meth:`write`; renders in :meth:`close`."""

    def __init__(self, stream: Any, options: Any) -> None:
        super().__init__(stream, options)
        self.rules: dict[str, RuleStats] = {}
        self.sources: dict[str, SourceStats] = {}
        self.source_names: list[str] = [UNKNOWN]  # index 0: no source recorded
        self.source_index: dict[str, int] = {}
        self.record_sources: dict[str, array[int]] = {}  # path -> source index by record
        self.affected_records: dict[str, bytearray] = {}  # path -> bitset by record
        self.affected_files: set[str] = set()
        self.affected = 0
        self.histogram: Counter[int] = Counter()  # bucket -> documents (document rules)
        self.worst: list[tuple[int, int, WorstDoc]] = []  # min-heap (count, -order, doc)
        self.order = 0
        self.by_category: Counter[str] = Counter()
        self.input_findings = 0
        self.fields_seen: Counter[str] = Counter()  # record fields that had findings
        # duplicate clusters: union-find over documents
        self.parent: dict[DocKey, DocKey] = {}
        self.members: dict[DocKey, ClusterMember] = {}
        self.cluster_overflow = 0
        self.duplicate_findings = 0

    # accumulating ----------------------------------------------------------------

    def write(self, result: FileResult) -> None:
        whole = (
            result.text is not None and result.documents == 1 and not result.new_records
            and not result.record_diffs
        )  # fmt: skip
        text = result.text if whole else None
        sources: Mapping[int, str] = getattr(result, "sources", None) or {}
        if result.documents:
            self._count_documents(result, sources)
        groups: dict[DocKey, list[Diagnostic]] = {}
        for d in result.diagnostics:
            stats = self.rules.get(d.code)
            if stats is None:
                stats = self.rules[d.code] = RuleStats(d)
            stats.findings += 1
            self.by_category[d.category] += 1
            if d.fix is not None and d.fix.edits:
                if d.fix.applicability.value == "safe":
                    stats.fix_safe += 1
                elif d.fix.applicability.value == "unsafe":
                    stats.fix_unsafe += 1
                else:
                    stats.fix_display += 1
            if d.category == "input":
                self.input_findings += 1
                self._example(stats, d, (d.path or "", d.record or 0), text)
                continue
            key = (d.path or result.path, d.record or 0)
            groups.setdefault(key, []).append(d)
            if d.field and result.documents:
                self.fields_seen[d.field] += 1
            if d.category == "duplication" and d.related:
                self._cluster(key, d)
        per_document = result.documents > 0  # the run's corpus findings come with 0 documents
        for key, found in groups.items():
            self._document(key, found, text, per_document)

    def _count_documents(self, result: FileResult, sources: Mapping[int, str]) -> None:
        path = result.path
        if result.text is not None and result.documents == 1 and not sources:
            self._source(text_group(path)).documents += 1
            return
        named = 0
        if sources:
            table = self.record_sources.get(path)
            if table is None:
                table = self.record_sources[path] = array("H")
            for record, value in sources.items():
                host = host_of(value) if value else None
                if host is None:
                    continue
                named += 1
                index = self._source_id(host)
                self.sources[self.source_names[index]].documents += 1
                if record >= len(table):
                    table.extend([0] * (record + 1 - len(table) + 1024))
                table[record] = index
        if result.documents > named:
            self._source(path).documents += result.documents - named

    def _source_id(self, name: str) -> int:
        index = self.source_index.get(name)
        if index is None:
            if len(self.source_names) >= min(MAX_SOURCES, 65_535):
                name = OTHER_SOURCES
                index = self.source_index.get(name)
            if index is None:
                index = len(self.source_names)
                self.source_names.append(name)
                self.source_index[name] = index
                self.sources.setdefault(name, SourceStats())
        return index

    def _source(self, name: str) -> SourceStats:
        stats = self.sources.get(name)
        if stats is None:
            if len(self.sources) >= MAX_SOURCES:
                name = OTHER_SOURCES
            stats = self.sources.setdefault(name, SourceStats())
        return stats

    def _source_of(self, key: DocKey) -> SourceStats:
        path, record = key
        if record:
            # sources of this result's records were indexed by _count_documents
            table = self.record_sources.get(path)
            if table is not None and record < len(table) and table[record]:
                return self.sources[self.source_names[table[record]]]
            return self._source(path)
        return self._source(text_group(path))

    def _mark_affected(self, key: DocKey) -> bool:
        """Mark a document as having findings; True if it had none before."""
        path, record = key
        if not record:
            if path in self.affected_files:
                return False
            self.affected_files.add(path)
            return True
        bits = self.affected_records.get(path)
        if bits is None:
            bits = self.affected_records[path] = bytearray()
        byte, bit = divmod(record, 8)
        if byte >= len(bits):
            bits.extend(bytes(byte + 1 - len(bits) + 256))
        if bits[byte] & (1 << bit):
            return False
        bits[byte] |= 1 << bit
        return True

    def _document(
        self,
        key: DocKey,
        found: list[Diagnostic],
        text: str | None,
        per_document: bool,
    ) -> None:
        source = self._source_of(key)
        first = self._mark_affected(key)
        if first:
            self.affected += 1
            source.affected += 1
        source.findings += len(found)
        codes: set[str] = set()
        for d in found:
            source.by_category[d.category] += 1
            if d.code not in codes:
                codes.add(d.code)
                self.rules[d.code].documents += 1
                source.by_rule_docs[d.code] += 1
        d0 = found[0]
        label = doc_label(key[0], d0.record, d0.doc_id)
        for d in found:
            self._example(self.rules[d.code], d, key, text, label)
        if not per_document:
            return
        self.order += 1
        self.histogram[bucket(len(found))] += 1
        entry = (len(found), -self.order)
        if len(self.worst) < WORST_DOCUMENTS:
            heapq.heappush(self.worst, (*entry, WorstDoc(key, label, found, text)))
        elif entry > self.worst[0][:2]:
            heapq.heapreplace(self.worst, (*entry, WorstDoc(key, label, found, text)))

    def _example(self, stats: RuleStats, d: Diagnostic, key: DocKey, text: str | None,
                 label: str | None = None) -> None:  # fmt: skip
        if len(stats.examples) >= EXAMPLES_PER_RULE or key in stats.seen:
            return
        stats.seen.add(key)
        stats.examples.append(
            Example(d, label or doc_label(d.path or "", d.record, d.doc_id), text)
        )

    def _cluster(self, key: DocKey, d: Diagnostic) -> None:
        others = [r for r in d.related if _other_document(d, r)]
        if not others:
            return
        self.duplicate_findings += 1
        if key not in self.parent and len(self.parent) >= MAX_CLUSTER_DOCUMENTS:
            self.cluster_overflow += 1
            return
        label = doc_label(key[0], d.record, d.doc_id)
        self._add_member(key, ClusterMember(label, (_trim(f"{d.code} {d.message}", 300),)))
        for r in others:
            other = (r.path or key[0], r.record or 0)
            if other not in self.parent and len(self.parent) >= MAX_CLUSTER_DOCUMENTS:
                self.cluster_overflow += 1
                continue
            self._add_member(other, ClusterMember(doc_label(other[0], r.record, r.doc_id), ()))
            self._union(key, other)

    def _add_member(self, key: DocKey, member: ClusterMember) -> None:
        if key not in self.parent:
            self.parent[key] = key
        known = self.members.get(key)
        if known is None:
            self.members[key] = member
        elif member.messages and len(known.messages) < 3:
            messages = known.messages + tuple(m for m in member.messages if m not in known.messages)
            self.members[key] = known._replace(messages=messages[:3])

    def _find(self, key: DocKey) -> DocKey:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def _union(self, a: DocKey, b: DocKey) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[rb] = ra

    # rendering -------------------------------------------------------------------

    def close(self, report: Report) -> None:
        worst = [w for _, _, w in sorted(self.worst, key=lambda t: (-t[0], -t[1]))]
        clusters = self._clusters()
        examples = [e for s in self.rules.values() for e in s.examples]
        examples += [e for w in worst for e in w.examples]
        heads: dict[DocKey, str | None] = {(w.path, w.record): None for w in worst if w.record}
        heads.update((root, None) for root, _ in clusters[:CLUSTERS_SHOWN])
        fill_texts(examples, heads, self._text_fields())
        for w in worst:
            w.first_line = w.first_line or heads.get((w.path, w.record))
        page = Page(self, report, worst, clusters, heads)
        self.stream.write(page.render())

    def _text_fields(self) -> list[str]:
        """Fields to take a record's first line from, most likely first."""
        fields = getattr(self.options, "fields", None)
        names = [fields.text] if fields is not None and getattr(fields, "text", None) else []
        names += [name for name, _ in self.fields_seen.most_common()]
        return list(dict.fromkeys([*names, "text"]))

    def _clusters(self) -> list[tuple[DocKey, list[DocKey]]]:
        groups: dict[DocKey, list[DocKey]] = {}
        for key in self.parent:
            groups.setdefault(self._find(key), []).append(key)
        out = []
        for keys in groups.values():
            if len(keys) < 2:
                continue
            # originals (pointed to, with no finding of their own) first, then the copies
            keys.sort(key=lambda k: (bool(self.members[k].messages), k))
            out.append((keys[0], keys))
        out.sort(key=lambda c: (-len(c[1]), c[0]))
        return out


def bucket(n: int) -> int:
    index = 0
    for i, (low, _) in enumerate(BUCKETS):
        if n >= low:
            index = i
    return index


def fill_texts(
    examples: Iterable[Example], heads: dict[DocKey, str | None], text_fields: list[str]
) -> None:
    """Read the quoted records again (one pass per file, stopping early).

    Fills in the excerpts of ``examples`` and, for each document of ``heads``, its
    first line (from the first of ``text_fields`` the record has).
    """
    wanted: dict[str, dict[int, list[Example]]] = {}
    for e in examples:
        if e.wants_text and e.record is not None:
            wanted.setdefault(e.path, {}).setdefault(e.record, []).append(e)
    lines: dict[str, set[int]] = {}
    for path, record in heads:
        if record:
            lines.setdefault(path, set()).add(record)
        else:
            heads[(path, record)] = _file_head(path)
    for path in sorted(set(wanted) | set(lines)):
        need = wanted.get(path, {})
        firsts = lines.get(path, set())
        try:
            for record, obj in _records(Path(path), set(need) | firsts):
                if not isinstance(obj, dict):
                    continue
                for e in need.get(record, ()):
                    value = obj.get(e.field) if e.field else None
                    if isinstance(value, str):
                        e.excerpt = excerpt(value, *e.span)
                if record in firsts:
                    for name in text_fields:
                        value = obj.get(name)
                        if isinstance(value, str) and value.strip():
                            heads[(path, record)] = first_line(value)
                            break
        except Exception:  # a report without some excerpts is still a report
            continue


def _file_head(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(4096)
    except OSError:
        return None
    return first_line(data.decode("utf-8", "replace").lstrip("\ufeff"))


def _records(path: Path, numbers: set[int]) -> Iterator[tuple[int, Any]]:
    from ..io.records import (
        load_csv,
        load_json_array,
        open_binary,
        parse_json_line,
        record_format,
    )

    fmt = record_format(path)
    if fmt is None or not numbers or not path.is_file():
        return
    last = max(numbers)
    if fmt == "jsonl":
        with open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if number in numbers:
                    yield number, parse_json_line(raw)
                if number >= last:
                    return
        return
    rows: list[Any] = load_json_array(path) if fmt == "json" else load_csv(path)
    for number in sorted(numbers):
        if 0 < number <= len(rows):
            yield number, rows[number - 1]


# -- the page ---------------------------------------------------------------------------


class Page:
    def __init__(self, w: HtmlWriter, report: Report, worst: list[WorstDoc],
                 clusters: list[tuple[DocKey, list[DocKey]]],
                 heads: Mapping[DocKey, str | None]) -> None:  # fmt: skip
        self.w = w
        self.heads = heads
        self.report = report
        self.worst = worst
        self.clusters = clusters
        self.documents = report.documents
        self.rules = sorted(w.rules.values(), key=lambda s: (-s.findings, s.code))
        registry = getattr(w.options, "registry", None)
        self.summaries: dict[str, str] = {}
        if registry is not None:
            for s in self.rules:
                rule = registry.get(s.code)
                if rule is not None:
                    self.summaries[s.code] = rule.meta.summary

    def render(self) -> str:
        r = self.report
        files = len(r.paths)
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        sub = (
            f"{_fmt(self.documents)} document{'s' if self.documents != 1 else ''} in "
            f"{_fmt(files)} file{'s' if files != 1 else ''} &middot; generated {now} "
            f"&middot; newslint {escape(__version__)}"
        )
        sections = [
            self.summary(),
            self.rules_section(),
            self.sources_section(),
            self.distribution_section(),
            self.duplicates_section(),
            self.worst_section(),
            self.examples_section(),
        ]
        toc = "".join(
            f'<a href="#{ident}">{escape(title)}</a>'
            for ident, title in (
                ("summary", "Summary"), ("rules", "Rules"), ("sources", "Sources"),
                ("distribution", "Distribution"), ("duplicates", "Duplicate clusters"),
                ("worst", "Worst documents"), ("examples", "Examples"),
            )
        )  # fmt: skip
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="newslint">\n'
            "<title>newslint corpus quality report</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n"
            f'<header class="top"><div class="wrap"><h1>newslint corpus quality report</h1>'
            f'<div class="sub">{sub}</div><nav class="toc">{toc}</nav></div></header>\n'
            f'<main class="wrap">\n{"".join(sections)}</main>\n'
            f"<footer>Generated by newslint {escape(__version__)} &middot; "
            "self-contained: no network access needed</footer>\n"
            f"<script>{JS}</script>\n</body>\n</html>\n"
        )

    # sections ----------------------------------------------------------------------

    def summary(self) -> str:
        r, w = self.report, self.w
        n = self.documents
        clean = max(n - w.affected, 0)
        fix_hint = "fixed" if r.fixed else "fixable with --fix"
        cards = [
            ("Documents checked", _fmt(n), ""),
            ("Findings", _fmt(r.problems), "bad" if r.problems else "ok"),
            ("Documents with findings",
             f"{_fmt(w.affected)} <small>({_pct(w.affected, n)})</small>",
             "bad" if w.affected else "ok"),
            ("Clean documents", f"{_fmt(clean)} <small>({_pct(clean, n)})</small>", "ok"),
            ("Rules that fired", _fmt(len([s for s in self.rules if s.category != "input"])), ""),
            (fix_hint.capitalize(), _fmt(r.fixed if r.fixed else r.safe), ""),
            ("More with --unsafe-fixes", _fmt(r.unsafe), ""),
            ("Duplicate clusters", _fmt(len(self.clusters)), ""),
        ]  # fmt: skip
        if w.input_findings or r.input_errors:
            cards.append(("Input problems", _fmt(w.input_findings), "bad"))
        if r.suppressed:
            cards.append(("Known (baseline), not shown", _fmt(r.suppressed), ""))
        body = "".join(
            f'<div class="card {cls}"><div class="v">{value}</div><div class="k">{escape(k)}</div>'
            "</div>"
            for k, value, cls in cards
        )
        donut = svg_donut(w.affected, n)
        cats = sorted(w.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
        stack = svg_stack(cats, r.problems)
        legend = "".join(
            f'<span><i style="background:{color(c)}"></i>{escape(c)} ({_fmt(v)}, '
            f"{_pct(v, r.problems)})</span>"
            for c, v in cats
        )
        return (
            f'<section id="summary"><h2>Summary</h2>'
            f'<p class="lead">What was checked and how much of it needs attention.</p>'
            f'<div class="cards">{body}</div>'
            f'<div class="split"><div>{donut}</div><div><h3 style="margin:0 0 6px">'
            "Findings by category</h3>"
            f'{stack}<div class="legend">{legend}</div></div></div></section>\n'
        )

    def rules_section(self) -> str:
        rules = self.rules
        if not rules:
            return _empty_section("rules", "Findings per rule", "No rule found anything.")
        n = self.documents
        chart = svg_rule_bars(rules, n, self.summaries)
        rows = []
        for s in rules:
            docs = s.documents
            share = docs / n if n else 0.0
            fixes = []
            if s.fix_safe:
                fixes.append(f"{_fmt(s.fix_safe)} safe")
            if s.fix_unsafe:
                fixes.append(f"{_fmt(s.fix_unsafe)} unsafe")
            if s.fix_display:
                fixes.append(f"{_fmt(s.fix_display)} display")
            rows.append(
                f'<tr><td class="mono">{escape(s.code)}</td>'
                f'<td title="{escape(self.summaries.get(s.code, ""))}">{escape(s.name)}</td>'
                f"<td>{_badge(s.category)}</td>"
                f'<td class="n" data-v="{s.findings}">{_fmt(s.findings)}</td>'
                f'<td class="n" data-v="{docs}">{_fmt(docs)}</td>'
                f'<td data-v="{share:.6f}"><span class="bar-bg"><span style="width:'
                f'{min(share, 1) * 100:.1f}%;background:{color(s.category)}"></span></span>'
                f"{_pct(docs, n)}</td>"
                f'<td data-v="{s.fix_safe + s.fix_unsafe}">{", ".join(fixes) or "-"}</td></tr>'
            )
        table = (
            '<input class="filter" data-table="rules-table" placeholder="Filter rules\u2026" '
            'aria-label="Filter rules">'
            '<div class="scroll"><table id="rules-table" class="sortable"><thead><tr>'
            '<th class="sortable">Code</th><th class="sortable">Rule</th>'
            '<th class="sortable">Category</th><th class="sortable n">Findings</th>'
            '<th class="sortable n">Documents</th><th class="sortable">Share of documents</th>'
            '<th class="sortable">Fixes</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table></div>"
        )
        return (
            '<section id="rules"><h2>Findings per rule</h2>'
            '<p class="lead">How often each rule fired, and the share of all documents it '
            "affects. Click a column to sort.</p>"
            f"{chart}{table}</section>\n"
        )

    def sources_section(self) -> str:
        w = self.w
        items = [(name, s) for name, s in w.sources.items() if s.documents or s.findings]
        if not items:
            return _empty_section("sources", "Findings per source", "No documents.")
        items.sort(key=lambda kv: (-kv[1].findings, -kv[1].documents, kv[0]))
        shown = items[:SOURCES_SHOWN]
        rest = items[SOURCES_SHOWN:]
        chart = svg_source_bars(shown)
        if rest:
            docs = sum(s.documents for _, s in rest)
            hit = sum(s.affected for _, s in rest)
            chart += (
                f'<p class="note">{_fmt(len(rest))} more sources: '
                f"{_fmt(sum(s.findings for _, s in rest))} findings; {_fmt(hit)} of "
                f"{_fmt(docs)} documents ({_pct(hit, docs)}) with findings.</p>"
            )
        heat = self.heatmap(items[:HEATMAP_SOURCES])
        rows = "".join(
            f'<tr><td class="mono">{escape(_trim(name, 70))}</td>'
            f'<td class="n" data-v="{s.documents}">{_fmt(s.documents)}</td>'
            f'<td class="n" data-v="{s.affected}">{_fmt(s.affected)}</td>'
            f'<td class="n" data-v="{s.affected / s.documents if s.documents else 0:.6f}">'
            f"{_pct(s.affected, s.documents)}</td>"
            f'<td class="n" data-v="{s.findings}">{_fmt(s.findings)}</td>'
            f'<td class="n" data-v="{s.findings / s.documents if s.documents else 0:.6f}">'
            f"{s.findings / s.documents if s.documents else 0:.2f}</td></tr>"
            for name, s in items[:200]
        )
        more = (
            f'<p class="note">{len(items) - 200} more sources not listed.</p>'
            if len(items) > 200
            else ""
        )
        legend = "".join(
            f'<span><i style="background:{color(c)}"></i>{escape(c)}</span>'
            for c in sorted({c for _, s in shown for c in s.by_category})
        )
        return (
            '<section id="sources"><h2>Findings per source</h2>'
            '<p class="lead">A source is the host of the record\'s <code>source</code>/'
            "<code>url</code> field when the run knows it, otherwise the record file, or "
            "the directory of a text file. Bars: findings by category; right: share of the "
            "source's documents with findings.</p>"
            f'{chart}<div class="legend">{legend}</div>{heat}'
            '<details><summary>All sources (table)</summary><div class="inner scroll">'
            '<table class="sortable"><thead><tr><th class="sortable">Source</th>'
            '<th class="sortable n">Documents</th><th class="sortable n">With findings</th>'
            '<th class="sortable n">Share</th><th class="sortable n">Findings</th>'
            '<th class="sortable n">Per document</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>{more}</div></details></section>\n"
        )

    def heatmap(self, items: list[tuple[str, SourceStats]]) -> str:
        rules = [s for s in self.rules if s.category != "input"][:14]
        if len(items) < 2 or not rules:
            return ""
        return (
            '<h3 style="margin:16px 0 4px">Which sources have which problems</h3>'
            '<p class="note" style="margin:0 0 6px">Share of each source\'s documents with at '
            "least one finding of the rule.</p>" + svg_heatmap(items, rules)
        )

    def distribution_section(self) -> str:
        w = self.w
        counts = [w.histogram.get(i, 0) for i in range(len(BUCKETS))]
        counted = sum(counts[1:])
        counts[0] = max(self.documents - counted, 0)
        if not self.documents:
            return _empty_section("distribution", "Findings per document", "No documents.")
        chart = svg_histogram([label for _, label in BUCKETS], counts)
        return (
            '<section id="distribution"><h2>Findings per document</h2>'
            '<p class="lead">How many documents have how many findings of the per-document '
            "rules (duplicates across documents are counted in the next section).</p>"
            f"{chart}</section>\n"
        )

    def duplicates_section(self) -> str:
        w = self.w
        clusters = self.clusters
        if not clusters:
            note = (
                "No duplicate clusters: no rule of category <em>duplication</em> pointed "
                "from one document to another in this run."
            )
            return _empty_section("duplicates", "Duplicate clusters", note, raw=True)
        in_clusters = sum(len(m) for _, m in clusters)
        sizes: Counter[str] = Counter()
        for _, members in clusters:
            k = len(members)
            sizes["2" if k == 2 else "3" if k == 3 else "4-5" if k <= 5 else "6-10" if k <= 10
                  else "11+"] += 1  # fmt: skip
        labels = ["2", "3", "4-5", "6-10", "11+"]
        chart = svg_histogram(labels, [sizes.get(x, 0) for x in labels], color("duplication"),
                              x_title="documents in the cluster", y_title="clusters")  # fmt: skip
        blocks = []
        for i, (root, members) in enumerate(clusters[:CLUSTERS_SHOWN], start=1):
            original = w.members[root]
            rows = []
            for key in members[:CLUSTER_MEMBERS_SHOWN]:
                m = w.members[key]
                role = "copy" if m.messages else "original"
                rows.append(
                    f'<tr><td><span class="pill">{role}</span></td>'
                    f'<td class="mono">{escape(m.label)}</td>'
                    f"<td>{'<br>'.join(escape(x) for x in m.messages)}</td></tr>"
                )
            more = len(members) - CLUSTER_MEMBERS_SHOWN
            if more > 0:
                rows.append(f'<tr><td></td><td colspan="2" class="empty">{more} more</td></tr>')
            head = self.heads.get(root)
            title = f"\u201c{escape(_trim(head, 90))}\u201d " if head else ""
            blocks.append(
                f"<details{' open' if i <= 3 else ''}><summary>Cluster {i}: {len(members)} "
                f'documents &middot; {title}<span class="loc mono">'
                f"{escape(_trim(original.label, 80))}</span></summary>"
                '<div class="inner"><table class="cluster"><thead><tr><th></th>'
                "<th>Document</th><th>Finding</th></tr></thead><tbody>"
                + "".join(rows)
                + "</tbody></table></div></details>"
            )
        note = ""
        if len(clusters) > CLUSTERS_SHOWN:
            note += (
                f'<p class="note">{len(clusters) - CLUSTERS_SHOWN} smaller clusters not shown.</p>'
            )
        if w.cluster_overflow:
            note += (
                f'<p class="note">{_fmt(w.cluster_overflow)} duplicate links were not clustered '
                f"(more than {_fmt(MAX_CLUSTER_DOCUMENTS)} documents involved).</p>"
            )
        return (
            '<section id="duplicates"><h2>Duplicate clusters</h2>'
            f'<p class="lead">{_fmt(len(clusters))} cluster{"s" if len(clusters) != 1 else ""} '
            "of duplicated documents, "
            f"{_fmt(in_clusters)} documents in all ({_pct(in_clusters, self.documents)} of the "
            f"corpus), from {_fmt(w.duplicate_findings)} "
            f"finding{'s' if w.duplicate_findings != 1 else ''} that point to another "
            "document. An <em>original</em> is a document the others point to.</p>"
            f"{chart}{''.join(blocks)}{note}</section>\n"
        )

    def worst_section(self) -> str:
        if not self.worst:
            return _empty_section("worst", "Documents with the most findings", "None.")
        top = self.worst[0].count or 1
        rows = []
        for i, wd in enumerate(self.worst, start=1):
            mix = "".join(
                f'<span class="minibar" title="{escape(code)} {escape(name)}: {n}" '
                f'style="width:{max(2.0, 110 * n / top):.1f}px;background:{color(cat)}"></span>'
                for (code, name, cat), n in sorted(wd.rules.items(), key=lambda kv: -kv[1])
            )
            pills = "".join(
                f'<span class="pill">{escape(code)} {escape(name)} &times;{n}</span>'
                for (code, name, _), n in sorted(wd.rules.items(), key=lambda kv: -kv[1])
            )
            head = f"<div><strong>{escape(wd.first_line)}</strong></div>" if wd.first_line else ""
            k = len(wd.examples)
            examples = (
                f"<details{' open' if i <= 3 else ''}><summary>{k} example{'s' if k > 1 else ''}"
                '</summary><div class="inner">'
                + "".join(_example_html(e, with_label=False) for e in wd.examples)
                + "</div></details>"
            )
            rows.append(
                f'<tr><td class="n" data-v="{i}">{i}</td>'
                f'<td><div class="mono">{escape(wd.label)}</div>{head}<div>{pills}</div>'
                f"{examples}</td>"
                f'<td class="n" data-v="{wd.count}">{_fmt(wd.count)}</td>'
                f'<td style="white-space:nowrap">{mix}</td></tr>'
            )
        return (
            '<section id="worst"><h2>Documents with the most findings</h2>'
            f'<p class="lead">The {len(self.worst)} documents with the most findings of the '
            "per-document rules, with examples.</p>"
            '<input class="filter" data-table="worst-table" placeholder="Filter documents\u2026" '
            'aria-label="Filter documents">'
            '<div class="scroll"><table id="worst-table" class="sortable"><thead><tr>'
            '<th class="sortable n">#</th><th class="sortable">Document</th>'
            '<th class="sortable n">Findings</th><th>Rules</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table></div></section>\n"
        )

    def examples_section(self) -> str:
        if not self.rules:
            return _empty_section("examples", "Examples per rule", "Nothing to show.")
        blocks = []
        for i, s in enumerate(self.rules):
            body = "".join(_example_html(e, with_label=True) for e in s.examples)
            summary = self.summaries.get(s.code, "")
            blocks.append(
                f"<details{' open' if i < 2 else ''}><summary>{_badge(s.category)} "
                f'<span class="mono">{escape(s.code)}</span> {escape(s.name)} '
                f'<span class="loc">&middot; {_fmt(s.findings)} findings'
                f"{' &middot; ' + escape(summary) if summary else ''}</span></summary>"
                f'<div class="inner">{body}</div></details>'
            )
        return (
            '<section id="examples"><h2>Examples per rule</h2>'
            f'<p class="lead">Up to {EXAMPLES_PER_RULE} findings per rule, each from a '
            "different document, with the matched text highlighted.</p>"
            + "".join(blocks)
            + "</section>\n"
        )


def _empty_section(ident: str, title: str, text: str, raw: bool = False) -> str:
    body = text if raw else escape(text)
    return f'<section id="{ident}"><h2>{escape(title)}</h2><p class="empty">{body}</p></section>\n'


def _badge(category: str) -> str:
    return f'<span class="badge" style="background:{color(category)}">{escape(category)}</span>'


def _example_html(e: Example, with_label: bool) -> str:
    where = f"line {e.line}, column {e.column}"
    if e.field and e.record is not None:
        where = f"{e.field}, " + where
    label = f'<span class="mono">{escape(e.label)}</span> &middot; ' if with_label else ""
    code = "" if with_label else f'<span class="mono">{escape(e.code)}</span> '
    parts = [
        f'<div class="example"><p class="msg">{code}{escape(e.message)}</p>'
        f'<div class="loc">{label}{escape(where)}</div>'
    ]
    if e.excerpt is not None:
        x = e.excerpt
        match = escape(x.match) or "\u2038"  # an insertion point
        parts.append(
            f'<div class="excerpt">{escape(x.before)}<mark>{match}</mark>{escape(x.after)}</div>'
        )
    if e.fix:
        parts.append(f'<div class="fix">fix ({escape(e.applicability or "")}): '
                     f"{escape(e.fix)}</div>")  # fmt: skip
    parts.append("</div>")
    return "".join(parts)


# -- charts (inline SVG) ----------------------------------------------------------------


def _svg(width: int, height: int, body: str, label: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * exp:
            return m * exp
    return 10 * exp


def svg_donut(part: int, whole: int) -> str:
    size, r, stroke = 260, 92, 30
    cx = cy = size / 2
    circ = 2 * math.pi * r
    share = part / whole if whole else 0.0
    dash = circ * share
    body = (
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#e3f2e8" '
        f'stroke-width="{stroke}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#c0392b" '
        f'stroke-width="{stroke}" stroke-dasharray="{dash:.2f} {circ:.2f}" '
        f'transform="rotate(-90 {cx} {cy})"/>'
        f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" font-size="34" '
        f'font-weight="650">{_pct(part, whole)}</text>'
        f'<text x="{cx}" y="{cy + 24}" text-anchor="middle" font-size="12" class="muted">'
        "of documents</text>"
        f'<text x="{cx}" y="{cy + 39}" text-anchor="middle" font-size="12" class="muted">'
        "have findings</text>"
    )
    return _svg(size, size, body, f"{_pct(part, whole)} of documents have findings")


def svg_stack(items: list[tuple[str, int]], total: int) -> str:
    width, height = 820, 44
    body = [f'<rect x="0" y="6" width="{width}" height="30" rx="5" fill="#edf0f3"/>']
    x = 0.0
    total = max(total, sum(v for _, v in items), 1)
    for cat, v in items:
        w = width * v / total
        body.append(
            f'<rect x="{x:.2f}" y="6" width="{w:.2f}" height="30" fill="{color(cat)}">'
            f"<title>{escape(cat)}: {v}</title></rect>"
        )
        if w > 60:
            body.append(
                f'<text x="{x + 8:.2f}" y="26" font-size="13" style="fill:#fff">'
                f"{escape(_trim(cat, int(w / 8)))}</text>"
            )
        x += w
    return _svg(width, height, "".join(body), "findings by category")


def svg_rule_bars(rules: list[RuleStats], documents: int, summaries: Mapping[str, str]) -> str:
    width, row = 1150, 26
    label_w, bar_w, gap = 290, 470, 40
    share_x = label_w + bar_w + gap + 70
    share_w = width - share_x - 60
    top = 28
    height = top + row * len(rules) + 8
    vmax = _nice_max(max(s.findings for s in rules))
    body = [
        f'<text x="{label_w}" y="16" font-size="12" class="muted">findings</text>',
        f'<text x="{share_x}" y="16" font-size="12" class="muted">share of documents affected'
        "</text>",
        f'<text x="{label_w + bar_w}" y="16" font-size="11" text-anchor="end" class="muted">'
        f"{_fmt(vmax)}</text>",
    ]
    for i, s in enumerate(rules):
        y = top + i * row
        w = bar_w * s.findings / vmax
        share = s.documents / documents if documents else 0.0
        tip = escape(f"{s.code} {s.name}: {s.findings} findings in {s.documents} documents. "
                     + summaries.get(s.code, ""))  # fmt: skip
        body.append(
            f"<g><title>{tip}</title>"
            f'<text x="0" y="{y + 15}" font-size="13" class="mono">'
            f'<tspan font-weight="600">{escape(s.code)}</tspan> '
            f"{escape(_trim(s.name, 30))}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="#f3f5f7"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1.5):.2f}" height="16" rx="2" '
            f'fill="{color(s.category)}"/>'
            f'<text x="{label_w + max(w, 1.5) + 6:.2f}" y="{y + 15}" font-size="12">'
            f"{_fmt(s.findings)}</text>"
            f'<rect x="{share_x}" y="{y + 3}" width="{share_w}" height="16" fill="#f3f5f7"/>'
            f'<rect x="{share_x}" y="{y + 3}" width="{max(share_w * min(share, 1), 1.5):.2f}" '
            f'height="16" rx="2" fill="{color(s.category)}" fill-opacity=".55"/>'
            f'<text x="{share_x + share_w + 6}" y="{y + 15}" font-size="12">'
            f"{_pct(s.documents, documents)}</text></g>"
        )
    return _svg(width, height, "".join(body), "findings per rule")


def svg_source_bars(items: list[tuple[str, SourceStats]]) -> str:
    width, row = 1150, 26
    label_w, bar_w = 300, 560
    share_x = label_w + bar_w + 90
    share_w = width - share_x - 55
    top = 28
    height = top + row * len(items) + 8
    vmax = _nice_max(max((s.findings for _, s in items), default=1))
    body = [
        f'<text x="{label_w}" y="16" font-size="12" class="muted">findings by category</text>',
        f'<text x="{share_x}" y="16" font-size="12" class="muted">documents with findings</text>',
        f'<text x="{label_w + bar_w}" y="16" font-size="11" text-anchor="end" class="muted">'
        f"{_fmt(vmax)}</text>",
    ]
    for i, (name, s) in enumerate(items):
        y = top + i * row
        body.append(
            f"<g><title>{escape(name)}: {s.findings} findings; {s.affected} of "
            f"{s.documents} documents affected</title>"
            f'<text x="0" y="{y + 15}" font-size="13">{escape(_trim(name, 38))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="#f3f5f7"/>'
        )
        x = float(label_w)
        for cat, v in sorted(s.by_category.items(), key=lambda kv: (-kv[1], kv[0])):
            w = bar_w * v / vmax
            body.append(
                f'<rect x="{x:.2f}" y="{y + 3}" width="{w:.2f}" height="16" '
                f'fill="{color(cat)}"><title>{escape(cat)}: {v}</title></rect>'
            )
            x += w
        share = s.affected / s.documents if s.documents else 0.0
        body.append(
            f'<text x="{x + 6:.2f}" y="{y + 15}" font-size="12">{_fmt(s.findings)}</text>'
            f'<rect x="{share_x}" y="{y + 3}" width="{share_w}" height="16" fill="#f3f5f7"/>'
            f'<rect x="{share_x}" y="{y + 3}" width="{max(share_w * min(share, 1), 1.5):.2f}" '
            f'height="16" rx="2" fill="#c0392b" fill-opacity=".7"/>'
            f'<text x="{share_x + share_w + 6}" y="{y + 15}" font-size="12">'
            f"{_pct(s.affected, s.documents)}</text></g>"
        )
    return _svg(width, height, "".join(body), "findings per source")


def svg_heatmap(items: list[tuple[str, SourceStats]], rules: list[RuleStats]) -> str:
    label_w, cell_w, cell_h, head = 300, 58, 24, 118
    width = label_w + cell_w * len(rules) + 130  # room for the slanted labels
    height = head + cell_h * len(items) + 6
    body = []
    for j, s in enumerate(rules):
        x = label_w + j * cell_w + cell_w / 2
        body.append(
            f'<text transform="translate({x:.1f},{head - 8}) rotate(-45)" font-size="12">'
            f'<tspan font-weight="600">{escape(s.code)}</tspan> {escape(_trim(s.name, 15))}'
            "</text>"
        )
    for i, (name, src) in enumerate(items):
        y = head + i * cell_h
        body.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(_trim(name, 38))}</text>')
        for j, s in enumerate(rules):
            docs = src.by_rule_docs.get(s.code, 0)
            share = docs / src.documents if src.documents else 0.0
            x = label_w + j * cell_w
            alpha = 0.0 if not docs else 0.12 + 0.88 * min(share, 1.0) ** 0.6
            text_fill = "#fff" if alpha > 0.55 else "#1f2933"
            body.append(
                f"<g><title>{escape(name)} / {escape(s.code)} {escape(s.name)}: {docs} of "
                f"{src.documents} documents</title>"
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'rx="3" fill="#f3f5f7"/>'
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'rx="3" fill="{color(s.category)}" fill-opacity="{alpha:.2f}"/>'
                + (
                    f'<text x="{x + cell_w / 2:.1f}" y="{y + 16}" font-size="11" '
                    f'text-anchor="middle" style="fill:{text_fill}">{_pct(docs, src.documents)}'
                    "</text>"
                    if docs
                    else ""
                )
                + "</g>"
            )
    return f'<div class="scroll">{_svg(width, height, "".join(body), "rules per source")}</div>'


def svg_histogram(labels: list[str], values: list[int], fill: str = "#30638e", *,
                  x_title: str = "findings in the document",
                  y_title: str = "documents") -> str:  # fmt: skip
    width, height = 1150, 250
    left, bottom, top = 60, 46, 18
    plot_h = height - bottom - top
    n = len(values)
    slot = (width - left - 10) / n
    vmax = max(_nice_max(max(values, default=0)), 5.0)
    body = []
    for k in range(6):
        v = vmax * k / 5
        y = top + plot_h - plot_h * k / 5
        body.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'class="muted">{_fmt(v)}</text>'
        )
    total = sum(values) or 1
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * v / vmax
        x = left + i * slot + slot * 0.15
        bw = slot * 0.7
        bar_fill = "#9fb3c8" if i == 0 and fill == "#30638e" else fill
        body.append(
            f"<g><title>{escape(label)}: {v} {escape(y_title)}</title>"
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bw:.1f}" '
            f'height="{max(h, 0.5):.1f}" rx="2" fill="{bar_fill}"/>'
            f'<text x="{x + bw / 2:.1f}" y="{top + plot_h - h - 5:.1f}" font-size="12" '
            f'text-anchor="middle">{_fmt(v)} <tspan class="muted">({_pct(v, total)})</tspan>'
            "</text>"
            f'<text x="{x + bw / 2:.1f}" y="{top + plot_h + 17:.1f}" font-size="13" '
            f'text-anchor="middle">{escape(label)}</text></g>'
        )
    body.append(
        f'<text x="{left + (width - left) / 2:.1f}" y="{height - 6}" font-size="12" '
        f'text-anchor="middle" class="muted">{escape(x_title)}</text>'
    )
    return _svg(width, height, "".join(body), f"{y_title} by {x_title}")
