"""The fast paths of the pipeline around the rules give the same results (issue 7).

Fingerprints without ``_replace``, the corpus fingerprint of a one-document finding,
the JSON report written out directly, the document reference built from line texts,
the record fields extracted without a closure, the document's cached analyses and
folded lines, and the garbage collector kept off the corpus keys: each must not
change a byte of the output. Random diagnostics, records and texts, every code
point, and real findings: old against new.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import newslint
from newslint.baseline import corpus_fingerprint, document_key, fingerprint, fingerprinted
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.document import Document
from newslint.formats.json import diagnostic_json_indented, diagnostic_to_dict, indented
from newslint.io.records import FieldMap, Fields, RecordError, extract
from newslint.rule import DocRef
from newslint.runner import _ref

REPO = Path(__file__).resolve().parents[1]
TEXTS = st.text(alphabet=st.characters(), max_size=20)  # lone surrogates included
MAYBE = st.none() | TEXTS
NUMBER = st.none() | st.integers(min_value=0, max_value=10**12)


@st.composite
def diagnostics(draw: Any) -> Diagnostic:
    edits = draw(st.lists(st.tuples(st.integers(0, 50), TEXTS), max_size=3))
    fix = None
    if draw(st.booleans()):
        starts = sorted({s for s, _ in edits})
        fix = Fix(
            [Edit(s, s + 1, c) for s, (_, c) in zip(starts, edits, strict=False)],
            draw(st.sampled_from(list(Applicability))),
            draw(TEXTS),
        )
    related = draw(st.lists(st.builds(Related, MAYBE, MAYBE, NUMBER, MAYBE, NUMBER), max_size=2))
    start = draw(st.integers(0, 60))
    end = start + draw(st.integers(0, 10))
    ints = draw(st.lists(st.integers(0, 10**9), min_size=4, max_size=4))
    return Diagnostic(
        draw(TEXTS), draw(TEXTS), draw(TEXTS), draw(st.sampled_from(list(Severity))),
        draw(TEXTS), start, end, *ints, fix=fix, path=draw(MAYBE), doc_id=draw(MAYBE),
        related=tuple(related), note=draw(MAYBE), record=draw(NUMBER), field=draw(MAYBE),
        fingerprint=draw(MAYBE),
    )  # fmt: skip


def _real_findings() -> tuple[Document, list[Diagnostic]]:
    seed = (REPO / "examples" / "venezuela-2019.txt").read_text(encoding="utf-8")
    doc = Document(seed, path="seed.txt")
    found = newslint.project(select=["ALL"]).linter_for(None).lint(doc)
    assert len(found) > 5 and any(d.fix for d in found)
    return doc, found


# -- fingerprints ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(diagnostics(), max_size=4), TEXTS, st.none() | st.text(max_size=80))
def test_fingerprinted_equals_replace(found: list[Diagnostic], key: str, text: str | None) -> None:
    expected = [d._replace(fingerprint=fingerprint(d, key, text)) for d in found]
    got = fingerprinted(found, key, text)
    assert got == expected
    assert all(type(d) is Diagnostic for d in got)


def test_fingerprinted_on_real_findings() -> None:
    doc, found = _real_findings()
    key = document_key(doc.id, doc.path, doc.text, doc.record)
    assert fingerprinted(found, key, doc.text) == [
        d._replace(fingerprint=fingerprint(d, key, doc.text)) for d in found
    ]


def _corpus_fingerprint_reference(d: Diagnostic) -> str:
    keys = sorted(
        {
            document_key(d.doc_id, d.path, d.message, d.record),
            *(document_key(r.doc_id, r.path, d.message, r.record) for r in d.related),
        }
    )
    parts = "\0".join((d.code, *keys))
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


@settings(max_examples=300, deadline=None)
@given(diagnostics())
def test_corpus_fingerprint_of_one_document_is_the_general_one(d: Diagnostic) -> None:
    assert corpus_fingerprint(d) == _corpus_fingerprint_reference(d)
    assert corpus_fingerprint(d._replace(related=())) == _corpus_fingerprint_reference(
        d._replace(related=())
    )


# -- the JSON report ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(diagnostics(), st.text(max_size=60), st.sampled_from(["", "  ", "    "]))
def test_indented_json_encoder_equals_json_dumps(d: Diagnostic, text: str, indent: str) -> None:
    for doc in (None, Document(text)):
        value = diagnostic_to_dict(d, doc)
        expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        assert diagnostic_json_indented(d, doc, indent) == expected
        assert diagnostic_json_indented(d, doc, indent) == indented(value, indent)


def test_indented_json_encoder_on_real_findings() -> None:
    doc, found = _real_findings()
    for d in found:
        for where in (None, doc):
            assert diagnostic_json_indented(d, where, "  ") == indented(
                diagnostic_to_dict(d, where), "  "
            )


# -- the document reference of a corpus key ----------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\r\t\u2028é"), max_size=40))
def test_ref_from_line_texts_equals_ref_from_lines(text: str) -> None:
    doc = Document(text, path="p", id="i", record=3, field="text")
    lines = doc.lines
    expected = DocRef(7, "p", 3, "i", len(lines), len(lines[-1].text) + 1, "text")
    assert _ref(7, doc) == expected


# -- the garbage collector ---------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    story = "Officials said the plan would go ahead.\nIt was announced on Monday.\n"
    rows = [{"id": f"d{i}", "text": story, "source": "wire"} for i in range(6)]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_check_run_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    from newslint.session import CheckRequest, run_check

    path = _corpus(tmp_path)
    out = tmp_path / "report.jsonl"
    req = CheckRequest(paths=[path], output_format="jsonl", output_file=out, exit_zero=True)
    thresholds = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    assert run_check(req) == 0
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert gc.get_threshold() == thresholds
    first = out.read_text(encoding="utf-8")
    assert "duplicate-document" in first  # the corpus keys went through
    # a caller that froze objects itself keeps them frozen, and the report is the same
    gc.freeze()
    try:
        assert run_check(req) == 0
        assert gc.get_freeze_count() > 0  # (objects freed since leave the count)
    finally:
        gc.unfreeze()
    assert out.read_text(encoding="utf-8") == first


# -- records and documents -----------------------------------------------------------------


def _extract_reference(obj: Any, fields: FieldMap) -> Any:
    """extract() as it was written first (a closure per call)."""
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object, got {type(obj).__name__}")
    if fields.text not in obj:
        raise RecordError(f"missing field {fields.text!r}")
    text = obj[fields.text]
    if not isinstance(text, str):
        raise RecordError(f"field {fields.text!r} is {type(text).__name__}, not a string")

    def optional(name: str | None) -> str | None:
        if name is None or obj.get(name) is None:
            return None
        value = obj[name]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise RecordError(f"field {name!r} is {type(value).__name__}, not a string")
        return str(value)

    source = optional(fields.source)
    if source is None and fields.source == "source":
        source = optional("url")
    title = obj.get(fields.title) if fields.title else None
    if title is not None and not isinstance(title, str):
        raise RecordError(f"field {fields.title!r} is {type(title).__name__}, not a string")
    meta = {"source": source, "date": optional(fields.date)}
    return (text, title, optional(fields.id), source, meta["date"], meta)


KEYS = st.sampled_from(["text", "title", "id", "source", "url", "date", "body", "other"])
VALUES = st.none() | st.booleans() | st.integers() | st.floats() | TEXTS | st.lists(TEXTS)
FIELD_MAPS = st.sampled_from(
    [FieldMap(), FieldMap("body", None, None, None, None), FieldMap("text", "title", "id", "url")]
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(KEYS, VALUES) | VALUES, FIELD_MAPS)
def test_extract_equals_the_reference(obj: Any, fields: FieldMap) -> None:
    try:
        expected = _extract_reference(obj, fields)
    except RecordError as exc:
        try:
            extract(obj, fields)
        except RecordError as got:
            assert str(got) == str(exc)
        else:
            raise AssertionError("extract accepted what the reference refused") from None
        return
    got = extract(obj, fields)
    assert type(got) is Fields
    assert tuple(got) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\r\t\u2028é"), max_size=40))
def test_cached_analyses_equal_their_definitions(text: str) -> None:
    doc = Document(text)
    parts = text.split("\n")
    assert doc.line_texts == parts and doc.line_texts is doc.line_texts
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    assert doc.line_starts == starts
    assert doc.lines == [
        (i + 1, s, s + len(p), p) for i, (s, p) in enumerate(zip(starts, parts, strict=True))
    ]
    assert doc.lines is doc.lines and doc.folded_lines is doc.folded_lines
    assert Document(text).headline == doc.headline


def _folded_reference(text: str) -> list[str]:
    """Document.folded_lines as first written: one regex over the casefolded text."""
    folded = re.sub(r"[^\w\n]+", " ", text.casefold().replace("_", " "))
    return [part.strip() for part in folded.split("\n")]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=60))  # lone surrogates included
def test_folded_lines_equal_the_regex_on_any_text(text: str) -> None:
    assert Document(text).folded_lines == _folded_reference(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("aZ9_ -,.\n\t\r\xa0\u2028\u3000éßİK\u0301ß\x85\x1c'’"), max_size=60
    )
)
def test_folded_lines_equal_the_regex_on_the_tricky_characters(text: str) -> None:
    assert Document(text).folded_lines == _folded_reference(text)


def test_folded_lines_equal_the_regex_for_every_code_point() -> None:
    chars = [chr(i) for i in range(0x110000)]
    for start in range(0, len(chars), 0x10000):
        # each character between two letters and beside a space, one per line
        text = "\n".join(f"a{c}b {c} {c}{c}" for c in chars[start : start + 0x10000])
        assert Document(text).folded_lines == _folded_reference(text)
        assert Document(text + "é").folded_lines == _folded_reference(text + "é")


def test_folded_lines_on_real_text() -> None:
    seed = (REPO / "examples" / "venezuela-2019.txt").read_text(encoding="utf-8")
    for text in (seed, seed + "\u2014 ok", seed.replace(" ", "\xa0")):
        assert Document(text).folded_lines == _folded_reference(text)
