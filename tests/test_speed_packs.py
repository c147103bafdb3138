"""The fast paths of the per-document rules give the same findings as the plain ones
(random text and the real text of the rule fixtures): the prefix scans of
substitution and consistency packs, and the whole-text screens of whitespace,
markup-debris, entity-debris, honorific-style, lost-character and mojibake."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import REPO, pack_patterns
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import entity_debris as ed
from newslint.checks import honorific_style as hs
from newslint.checks import lost_character as lc
from newslint.checks import markup_debris as md
from newslint.checks import mojibake as mj
from newslint.checks import whitespace as ws
from newslint.config import Config
from newslint.diagnostics import Applicability, Edit, Fix
from newslint.document import Document
from newslint.kinds.base import PrefixScan, matches_at, prefix_literals
from newslint.workspace import Project

FIXTURE_TEXTS = [
    p.read_text(encoding="utf-8", errors="replace")
    for p in sorted((REPO / "tests" / "fixtures" / "rules").glob("*.yaml"))
]
PATTERNS = pack_patterns()


def _rule(name: str) -> Any:
    linter = Project(Config()).linter_for(None)
    return next(r for r in linter.document_rules if r.meta.name == name)


@pytest.fixture(scope="module")
def abbreviations() -> Any:
    return _rule("malformed-abbreviation")


@pytest.fixture(scope="module")
def names() -> Any:
    return _rule("name-consistency")


def _found(diagnostics: Any) -> list[tuple[int, int, str, str]]:
    return [(d.start, d.end, d.message, repr(d.fix)) for d in diagnostics]


# -- prefix literals and scans -----------------------------------------------------------

_ABBREVIATION_TEXT = st.lists(
    st.sampled_from(
        ["U", "S", "K", "N", "A", "E", "D", "C", "R", ".", "..", " ", "the ", "The ", "-", "x",
         "US", "UK.", "U. S. ", "a ", ", ", "\n", "’"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w.])(U\.S|U\.K)(?![.\w])", ("U.K", "U.S")),
        (r"(?<=\b[Tt]he )U\. ([SKN])\.", ("U. K.", "U. N.", "U. S.")),
        (r"(?<=[a-z,] )US\.(?= [a-z])", ("US.",)),
        (r"\bfoo|bar", ("bar", "foo")),
        (r"(?i)US\.", None),
        (r"[ab]c", ("ac", "bc")),
        (r"[^a]c", None),
        (r".c", None),
        (r"[A-Z]c", None),
        (r"(a|b(c|d)e)f", ("af", "bcef", "bdef")),
        (r"(?:x|)y", None),
        (r"a*b", None),
        (r"ab+c", ("ab",)),
    ],
)
def test_prefix_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert prefix_literals(pattern) == expected


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT, st.sampled_from(PATTERNS))
def test_every_match_starts_with_a_prefix_literal(text: str, pattern: str) -> None:
    starts = prefix_literals(pattern)
    if starts is None:
        return
    for m in re.finditer(pattern, text):
        assert m.group().startswith(starts)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab.U S", max_size=40),
    st.lists(st.text(alphabet="ab.U S", min_size=1, max_size=4), min_size=1, max_size=6),
)
def test_prefix_scan_finds_every_occurrence(text: str, strings: list[str]) -> None:
    found = PrefixScan(strings).scan(text)
    want = []
    for i in range(len(text)):
        here = [s for s in strings if text.startswith(s, i)]
        if here:
            want.append((i, max(here, key=len)))
    assert found == want


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT, st.sampled_from(PATTERNS))
def test_matches_at_the_prefix_positions_is_finditer(text: str, pattern: str) -> None:
    starts = prefix_literals(pattern)
    if starts is None:
        return
    compiled = re.compile(pattern)
    positions = [i for i, _ in PrefixScan(starts).scan(text)]
    fast = [m.span() + m.groups() for m in matches_at(compiled, text, positions)]
    assert fast == [m.span() + m.groups() for m in compiled.finditer(text)]


def _plain_substitutions(rule: Any, text: str) -> list[tuple[int, int, str]]:
    out = []
    for sub in rule.subs:
        for m in sub.pattern.finditer(text):
            new = m.expand(sub.replacement)
            if m.end() > m.start() and new != m.group():
                out.append((m.start(), m.end(), new))
    return out


def _fast_substitutions(rule: Any, text: str) -> list[tuple[int, int, str]]:
    return [
        (d.start, d.end, d.fix.edits[0].content)
        for d in rule.check(Document(text), None)
        if d.fix is not None
    ]


@settings(max_examples=400, deadline=None)
@given(_ABBREVIATION_TEXT)
def test_substitution_prefix_path_keeps_the_findings(abbreviations: Any, text: str) -> None:
    # (the first PLAN_AFTER documents take the plain path, the others the plan)
    # the same findings in the same order (entry by entry, each in text order)
    assert _fast_substitutions(abbreviations, text) == _plain_substitutions(abbreviations, text)


def test_substitution_prefix_path_on_real_text(abbreviations: Any) -> None:
    abbreviations._plan = abbreviations._plan or abbreviations._make_plan()
    for text in FIXTURE_TEXTS:
        assert _fast_substitutions(abbreviations, text) == _plain_substitutions(abbreviations, text)


_NAME_TEXT = st.lists(
    st.sampled_from(
        ["U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "UN", "U.N.", "EU", "E.U.", "Russia",
         "Russian Federation", "NATO", "Nato", "Opec", "OPEC", "the", " ", "\n", ".", "$",
         "@", "x", "S", "A", "United States of America", "DRC", "DR Congo", "USSR"]
    ),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_NAME_TEXT)
def test_forms_in_holds_every_form_its_group_finds(names: Any, text: str) -> None:
    # (the first SCANS_AFTER calls find the forms with one pattern, the others with
    # the scans per first character: both are checked)
    present = names.forms_in(text)
    for group in names.groups:
        for m in group.pattern.finditer(text):
            assert m.group() in present, (text, m.group())


def test_forms_in_on_real_text(names: Any) -> None:
    for _ in range(20):  # past the first documents
        names.forms_in("")
    for text in FIXTURE_TEXTS:
        present = names.forms_in(text)
        for group in names.groups:
            for m in group.pattern.finditer(text):
                assert m.group() in present


_EXEMPT_TEXT = st.lists(
    st.sampled_from(
        ["USA Today", "Team USA", "USA", "US", "U.S.", "U.S.A.", " Open", "Co", "Inc", "Corp.",
         ", ", " ", "(US)", "(USA)", "Chevron", "US 1", "U.S. 30", "<ALLD.L>", "<", ">", "UK",
         "UK Sport", "UN Women", "UN-Habitat", "Russian Federation Council", "\n", "Steel",
         "of the United States of America", "Constitution", "v.", "x"]
    ),
    max_size=16,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_EXEMPT_TEXT)
def test_exempt_spans_are_those_of_the_whole_alternation(names: Any, text: str) -> None:
    for group in names.groups:
        if group.exempt is not None:
            assert names._hidden(group, text) == [m.span() for m in group.exempt.finditer(text)]


def test_exempt_spans_on_real_text(names: Any) -> None:
    for text in FIXTURE_TEXTS:
        for group in names.groups:
            if group.exempt is not None:
                want = [m.span() for m in group.exempt.finditer(text)]
                assert names._hidden(group, text) == want


def _caps_neighbour_plain(line: str, start: int, end: int) -> bool:
    from newslint.kinds.consistency import _CAPS_WORD

    before = line[:start].rstrip().rsplit(None, 1)
    after = line[end:].lstrip().split(None, 1)
    words = [before[-1] if before else "", after[0] if after else ""]
    return any(_CAPS_WORD.fullmatch(w.strip('.,;:!?|()[]"“”')) for w in words)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("AB US.x \t\u00a0\u2003(")), max_size=30),
    st.data(),
)
def test_caps_neighbour_is_the_split_test(line: str, data: st.DataObject) -> None:
    from newslint.kinds.consistency import _caps_neighbour

    start = data.draw(st.integers(0, len(line)))
    end = data.draw(st.integers(start, len(line)))
    assert _caps_neighbour(line, start, end) == _caps_neighbour_plain(line, start, end)


# -- whitespace ----------------------------------------------------------------------------

_WS_TEXT = st.text(alphabet=st.sampled_from(list("ab. \t\n\r\u00a0\u3000")), max_size=60)
_WS_OPTIONS = st.builds(
    ws.Whitespace.Options,
    trailing=st.booleans(),
    doubled_spaces=st.booleans(),
    tabs=st.booleans(),
    blank_lines=st.booleans(),
    max_blank_lines=st.integers(0, 2),
)


@settings(max_examples=500, deadline=None)
@given(_WS_TEXT, _WS_OPTIONS, st.sampled_from([None, "a.md"]))
def test_whitespace_screens_keep_the_findings(text: str, options: Any, path: str | None) -> None:
    doc = Document(text, path=path)
    plain = []
    if text:  # every line looked at, no screen
        plain = list(ws.RULE._lines(doc, options, range(len(doc.lines))))
        if options.blank_lines:
            plain += list(ws.RULE._blank_lines(doc, options.max_blank_lines))
    assert _found(ws.RULE.check(doc, options)) == _found(plain)


# -- markup-debris -------------------------------------------------------------------------

_MARKUP_TEXT = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<b>", "</b>", "&lt;p&gt;", "&lt;/p&gt;", "&lt;", "&gt;", "<", ">",
         "[b]", "[/b]", "[vc_row]", "{{ x }}", "{% if %}", "{", "}", "var a = 1;", ";", ")",
         "function() {", " ", "\n", "text", "<!-- c -->", "&lt;!-- c --&gt;", "\t"]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_MARKUP_TEXT)
def test_code_ends_is_the_line_end_pattern(text: str) -> None:
    assert md._code_ends(text) == [m.start() for m in md._LINE_END_CODE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_MARKUP_TEXT)
def test_markup_screens_need_what_every_match_has(text: str) -> None:
    """Each part of the rule is skipped when a character its patterns need is missing."""
    if ">" not in text:
        assert md._TAG.search(text) is None and md._DOCTYPE.search(text) is None
        assert md._COMMENT_CLOSE.search(text) is None and md._SCRIPT_OPEN.search(text) is None
        assert md._STYLE_OPEN.search(text) is None
    if "gt;" not in text:
        assert md._ESCAPED_TAG.search(text) is None
        assert md._ESCAPED_COMMENT_CLOSE.search(text) is None
    if "]" not in text:
        assert md._SHORTCODE.search(text) is None
    if "}" not in text:
        assert md._PLACEHOLDER.search(text) is None


def _unscreened_markup_spans(text: str) -> list[tuple[int, int]]:
    spans = md.DisjointSpans()
    partners: dict[str, bool] = {}
    for start, end in md._code_elements(text) + md._pairs(
        text, md._COMMENT_OPEN, md._COMMENT_CLOSE, 2000
    ):
        spans.claim(start, end)
    for m in md._DOCTYPE.finditer(text):
        spans.claim(m.start(), m.end())
    for m in md._TAG.finditer(text):
        if md._is_tag(m, text, escaped=False, partners=partners):
            spans.claim(m.start(), m.end())
    for start, end in md._pairs(text, md._ESCAPED_COMMENT_OPEN, md._ESCAPED_COMMENT_CLOSE, 2000):
        spans.claim(start, end)
    for m in md._ESCAPED_TAG.finditer(text):
        if md._is_tag(m, text, escaped=True, partners=partners):
            spans.claim(m.start(), m.end())
    return list(zip(spans._starts, spans._ends, strict=True))


@settings(max_examples=300, deadline=None)
@given(_MARKUP_TEXT)
def test_markup_spans_screens_keep_the_spans(text: str) -> None:
    assert md.markup_spans(text) == _unscreened_markup_spans(text)


# -- entity-debris -------------------------------------------------------------------------


def _old_reference(m: re.Match[str], char: str, ref: str, *, semicolon: bool, text: str) -> Any:
    """entity_debris' message and fix as they were built for every finding."""
    start, end = m.start(), m.end()
    levels = m.group("amps").count(";")
    whole = m.group()
    if levels:
        once = "&" + whole[5:]
        times = "twice" if levels == 1 else f"{levels + 1} times"
        meaning = (
            f"{ed._control_name(char)}, which is removed"
            if ed._is_removed(char)
            else ed._show(char)
        )
        message = (
            f"HTML entity escaped {times}: '{whole}' is '{once}' escaped again "
            f"(it stands for {meaning}); decode one level"
        )
        return message, Fix(
            (Edit(start + 1, start + 5, ""),), Applicability.SAFE, f"write '{once}'"
        )
    if ed._is_removed(char):
        message = f"control-character reference '{whole}' ({ed._control_name(char)}): removed"
        if start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
            message += " (it stands inside a word: a character was probably lost there)"
        return message, Fix((Edit(start, end, ""),), Applicability.SAFE, "remove the reference")
    if semicolon:
        message = f"HTML entity '{ref}' left in text: write {ed._show(char)}"
    else:
        message = f"HTML entity '{whole}' without its semicolon ('{ref}'): write {ed._show(char)}"
    return message, Fix(
        (Edit(start, end, char),), Applicability.SAFE, f"replace with {ed._show(char)}"
    )


_ENTITY_TEXT = st.lists(
    st.sampled_from(
        ["&", "amp;", "AMP;", "#3;", "#39;", "#x27;", "lt;", "quot;", "eacute;", "EACUTE;",
         "nbsp", "copy", "#146", ";", "a", "b", " ", "\n", "don", "t", "&#3;", "&amp;amp;"]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_ENTITY_TEXT)
def test_entity_reference_findings_are_as_before(text: str) -> None:
    doc = Document(text)
    for pattern, semicolon in ((ed._ENTITY, True), (ed._NO_SEMICOLON, False)):
        for m in pattern.finditer(text):
            body = m.group("body")
            char = ed._decode_numeric(body) if body.startswith("#") else ed._decode_named(body)
            if char is None:
                continue
            ref = f"&{body};"
            d = ed.RULE._reference(doc, m, char, ref, semicolon=semicolon)
            message, fix = _old_reference(m, char, ref, semicolon=semicolon, text=text)
            assert (d.message, d.fix) == (message, fix)
            assert type(d.fix.edits[0]) is Edit and type(d.fix) is Fix


# -- honorific-style -----------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(["M", "r", "s", "D", ".", " ", "\t", "\n", "x"])))
def test_both_styles_is_the_substring_test(text: str) -> None:
    assert hs._both_styles(text) == hs._both_styles_plain(text)


# -- lost-character ------------------------------------------------------------------------

_Q_TEXT = st.lists(
    st.sampled_from(
        ["?", "don", "t", "s", "O", "Brien", "Espa", "a", " ", "\n", "15", "(", "Hello", ",",
         ".", "é", "www.", "x=", "/", "D", "re", "A"]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_Q_TEXT)
def test_question_mark_screens_find_every_match(text: str) -> None:
    marks = [m.start() for m in lc._QMARK.finditer(text)]
    for pattern, screen, before, after in (
        (lc._CONTRACTION, lc._CONTRACTION_AT, 40, 4),
        (lc._ELISION, lc._ELISION_AT, 5, 2),
        (lc._CURRENCY, lc._CURRENCY_AT, 1, 2),
        (lc._QUOTES, lc._QUOTES_AT, 310, 310),
        (lc._IN_WORD, lc._IN_WORD_AT, 1, 2),
    ):
        if lc._around(pattern, text, marks, before, after):
            assert screen.search(text) is not None, (text, pattern.pattern)


# -- mojibake ------------------------------------------------------------------------------


def _old_candidate_lines(text: str, line_starts: list[int]) -> list[int]:
    import bisect

    screen = mj._screen()
    found: set[int] = set()
    for m in re.finditer("[\u0080-\u009f]", text):
        found.add(bisect.bisect_right(line_starts, m.start()) - 1)
    for m in screen.pairs.finditer(text):
        i = m.start()
        line = bisect.bisect_right(line_starts, i) - 1
        if line not in found and mj._charsets_of_sequence(text, i, screen.maps, first=True):
            found.add(line)
    return sorted(found)


_MOJIBAKE_TEXT = st.lists(
    st.sampled_from(
        ["Ã", "©", "â€™", "Â", " ", "\n", "\x92", "\x81", "Ñ", "é", "Ð", "Ã\u00a0", "\ufffd",
         "a", "€", "ô", "™", "‚"]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_MOJIBAKE_TEXT)
def test_mojibake_candidate_lines_are_as_before(text: str) -> None:
    starts = Document(text).line_starts
    assert mj.candidate_lines(text, starts) == _old_candidate_lines(text, starts)


def test_mojibake_candidate_lines_on_real_text() -> None:
    for text in FIXTURE_TEXTS:
        starts = Document(text).line_starts
        assert mj.candidate_lines(text, starts) == _old_candidate_lines(text, starts)


@settings(max_examples=300, deadline=None)
@given(_MARKUP_TEXT)
def test_has_escaped_is_the_substring_test(text: str) -> None:
    assert md.has_escaped(text) == ("gt;" in text and "lt;" in text)
