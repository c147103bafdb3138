"""The cheap pre-screens in front of regular expressions never hide a match."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, pack_patterns
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.kinds.base import required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", ("abc",)),
        (r"(?<![\w.])(U\.S|U\.K)(?![.\w])", ("U.",)),  # the regex parser factors the prefix out
        (r"(?<![\w.])(U\.S|E\.U)", ("U.S", "E.U")),
        (r"(?<=[a-z,] )US\.(?= [a-z])", ("US.",)),
        (r"x(ab|c)yz", ("yz",)),
        (r"(?:foo)+bar?", ("foo",)),
        (r"[ab]c", ("c",)),
        (r"a|b", None),  # one character class, no literal run
        (r"(?i)abc", None),  # other cases match too
        (r"x(?i:abc)", None),
        (r"(?:abc)?", None),  # optional
        ("[", None),  # does not parse: no screen, never a crash
    ],
)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == expected


PATTERNS = pack_patterns()
TEXTS = [
    p.read_text(encoding="utf-8", errors="replace")
    for p in sorted((REPO / "tests" / "fixtures" / "rules").glob("*.yaml"))
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_of_a_pack_pattern_contains_a_required_literal(pattern: str) -> None:
    literals = required_literals(pattern)
    if literals is None:
        return
    compiled = re.compile(pattern)
    for text in TEXTS:
        for m in compiled.finditer(text):
            assert any(s in m.group() for s in literals), (pattern, m.group())


_ALPHABET = "ab.U S"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["a", "b", r"\.", "U", " ", "S", r"\w", "[ab]", r"\b", "(?<=a)"]),
            st.sampled_from(["(a|b)", "(ab|U\\.S)", "(?:ab)+", "(?:a)?", "b*", "(?!a)"]),
        ),
        min_size=1,
        max_size=6,
    ),
    st.text(alphabet=_ALPHABET, max_size=30),
)
def test_screen_never_rejects_a_text_the_pattern_matches(parts: list[str], text: str) -> None:
    pattern = "".join(parts)
    literals = required_literals(pattern)
    if literals is not None and re.search(pattern, text):
        assert any(s in text for s in literals), (pattern, text)


_NAMES = [
    "Guaidó", "Guaido", "Gaddafi", "Qaddafi", "Kadhafi", "Johnson", "Jonhson", "Johnston",
    "Zelensky", "Zelenskiy", "Straße", "Strasse", "USA", "Usa", "Davis", "Davies", "Maduro",
]  # fmt: skip
_FILLER = ["said", "the", "on", "Monday", "and", "met", "President", ".", ",", "\n\n", "Mr", "of"]


_SENTENCE = st.tuples(
    st.sampled_from(["The minister", "Officials", "On Monday,"]),
    st.sampled_from(_NAMES),
    st.sampled_from(["said.", "met", "and", "told Mr", "\n\n"]),
    st.sampled_from(_NAMES + _FILLER),
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=12).map(" ".join))
def test_name_variant_screen_never_hides_a_finding(text: str) -> None:
    from newslint.checks.name_variant import RULE
    from newslint.document import Document

    doc = Document(text)
    options = RULE.Options()
    assert list(RULE.check(doc, options)) == list(RULE.check_all(doc, options))


def test_both_anchor_sets_of_the_phrase_packs_cover_every_phrase() -> None:
    # a text is searched for `contains` phrases only if it holds an anchor: every phrase
    # must hold one, in the quick set (first documents) and in the greedy set (later)
    from newslint.config import Config
    from newslint.workspace import Project

    rules = [
        r for r in Project(Config()).linter_for(None).document_rules if getattr(r, "contains", None)
    ]
    assert rules
    for rule in rules:
        quick = rule._contains_anchors()  # type: ignore[attr-defined]
        rule._screened = 100  # type: ignore[attr-defined]
        greedy = rule._contains_anchors()  # type: ignore[attr-defined]
        assert len(greedy) <= len(quick)
        for phrase in rule._contains_tokens:  # type: ignore[attr-defined]
            assert any(a in phrase for a in quick), phrase
            assert any(a in phrase for a in greedy), phrase


_HEADLINE = "Venezuela confronting coup attempt of soldier group"
_BODY_LINES = [
    _HEADLINE,
    _HEADLINE.upper(),
    _HEADLINE + " - WSJ",
    _HEADLINE + " | Reuters World News",
    "Venezuela confronts coup attempt of soldier group",
    "Venezuela confronting a coup attempt by a soldier group",
    "The government said the group was arrested on Monday.",
    "Opposition leaders - and their allies - called for calm",
    "",
    "***",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_BODY_LINES), min_size=1, max_size=12), st.booleans())
def test_duplicate_headline_screen_never_hides_a_finding(body: list[str], titled: bool) -> None:
    import sys

    import rapidfuzz.fuzz  # noqa: F401 - loaded: the bulk screen runs

    from newslint.checks.duplicate_headline import RULE
    from newslint.document import Document

    text = "\n".join(body if titled else [_HEADLINE, *body])
    doc = Document(text, title=_HEADLINE if titled else None)
    options = RULE.Options()
    screened = list(RULE.check(doc, options))
    saved = sys.modules.pop("rapidfuzz.fuzz")
    try:  # not loaded: every line is checked one by one
        plain = list(RULE.check(Document(text, title=doc.title), options))
    finally:
        sys.modules["rapidfuzz.fuzz"] = saved
    assert screened == plain
