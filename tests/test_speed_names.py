"""The fast paths of name-variant and of substitution packs give the same findings as
the plain ones (random text and the real text of the rule fixtures)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, pack_patterns
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import name_variant as nv
from newslint.document import Document
from newslint.kinds.base import (
    finditer,
    lookbehind_free,
    required_literal_sets,
    required_literals,
)

FIXTURE_TEXTS = [
    p.read_text(encoding="utf-8", errors="replace")
    for p in sorted((REPO / "tests" / "fixtures" / "rules").glob("*.yaml"))
]


PATTERNS = pack_patterns()

# -- name-variant ---------------------------------------------------------------------

_NAMES = [
    "Guaidó", "Guaido", "Guiado", "Gaddafi", "Qaddafi", "Kadhafi", "Zelensky", "Zelenskiy",
    "Starship", "Starhip", "Philippines", "Phillipines", "Taiwan", "Taiwain", "Davis",
    "Davies", "Austria", "Australia", "Juan", "Nicolás", "Nicolas", "Reagan", "Regan",
    "Commission", "Commmission", "Penney", "Penny", "Muñoz", "Munoz", "Enetertainment",
    "Entertainment", "Stewart", "Stuart", "Jumardi", "Jukardi", "Nato", "Sherwoood",
]  # fmt: skip
_FILLER = [
    "said", "the", "penny", "www.guaido.com", "@Guaido", "Khark-5", "NicolÃ¡s", "and",
    "commission", "der", "die", "und", "Mr", "Dr.", "\n", "\n\n", ".", ",", "“", "—",
]  # fmt: skip
_WORD = st.sampled_from(_NAMES + _FILLER)
_TEXT = st.lists(_WORD, min_size=1, max_size=40).map(" ".join)


def _same_findings(text: str, options: nv.NameVariant.Options) -> None:
    doc = Document(text)
    fast = [(d.start, d.end, d.message, repr(d.fix)) for d in nv.RULE.check(doc, options)]
    plain = [(d.start, d.end, d.message, repr(d.fix)) for d in nv.RULE.check_all(doc, options)]
    assert fast == plain


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_name_variant_screen_and_token_subset_keep_the_findings(text: str) -> None:
    _same_findings(text, nv.NameVariant.Options())


@settings(max_examples=150, deadline=None)
@given(
    _TEXT,
    st.integers(3, 7),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_name_variant_screen_with_any_options(
    text: str, min_length: int, diacritics: bool, transliterations: bool, typos: bool
) -> None:
    _same_findings(text, nv.NameVariant.Options(min_length, diacritics, transliterations, typos))


_MADE_UP_NAME = st.text(alphabet="aeiorstnl", min_size=4, max_size=12).map(str.title)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_MADE_UP_NAME, min_size=30, max_size=200),
    st.lists(st.sampled_from(_NAMES), min_size=2, max_size=20),
)
def test_name_variant_screen_on_long_pages_of_similar_names(
    made_up: list[str], names: list[str]
) -> None:
    # many names, many of them used twice: the sorted-list neighbours of _near_pairs
    words = made_up + names + names[::2] + made_up[::3]
    text = " ".join(f"the minister met {w} and" for w in words)
    _same_findings(text, nv.NameVariant.Options())


@pytest.mark.parametrize("index", range(len(FIXTURE_TEXTS)))
def test_name_variant_screen_on_real_text(index: int) -> None:
    _same_findings(FIXTURE_TEXTS[index], nv.NameVariant.Options())
    _same_findings(FIXTURE_TEXTS[index], nv.NameVariant.Options(min_length=4))


_KEY = st.text(alphabet="abcdeo", min_size=5, max_size=13)


@settings(max_examples=300, deadline=None)
@given(st.sets(_KEY, min_size=2, max_size=40), st.data())
def test_typo_neighbours_hold_every_pair_within_reach(keys: set[str], data: st.DataObject) -> None:
    from rapidfuzz.distance import OSA

    frequent = data.draw(st.lists(st.sampled_from(sorted(keys)), min_size=1, unique=True))

    def within(pairs: object) -> set[frozenset[str]]:
        out = set()
        for f, b in pairs:  # type: ignore[attr-defined]
            edits = nv._typo_edits(f, b)
            if f != b and abs(len(f) - len(b)) <= edits and OSA.distance(f, b) <= edits:
                out.add(frozenset((f, b)))
        return out

    every = within((f, b) for f in frequent for b in keys if b[0] == f[0])
    assert within(nv._few_pairs(keys, frequent, 5)) == every
    assert within(nv._near_pairs(keys, frequent)) == every


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.@/:wcomnetshp \n\t", max_size=60))
def test_urls_are_the_matches_of_urlish(text: str) -> None:
    spans = [m.span() for m in nv._URLISH.finditer(text)]
    urls = nv._Urls(text)
    for at, c in enumerate(text):
        if not c.isspace():  # a token starts with a letter
            assert (at in urls) == any(a <= at < b for a, b in spans)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcé\u0301A² ,.1_-", max_size=40),
    st.sampled_from(["abc", "ab", "bca", "ab2c", "a²c", "ab c", "Abc"]),
)
def test_lower_word_is_membership_in_the_lower_case_words(text: str, word: str) -> None:
    lower = {w for w in nv._WORD.findall(text) if w.islower()}
    assert nv._LowerWord(text)(word) == (word in lower)


# -- substitution packs ---------------------------------------------------------------

_ABBREVIATION_TEXT = st.lists(
    st.sampled_from(
        ["U", "S", "K", "N", "A", "E", "D", "C", "R", ".", "..", " ", "the ", "The ", "-", "x"]
    ),
    max_size=30,
).map("".join)


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_lookbehind_free_finditer_is_finditer_on_real_text(pattern: str) -> None:
    compiled = re.compile(pattern)
    rest = lookbehind_free(compiled)
    for text in FIXTURE_TEXTS:
        assert _spans(finditer(compiled, rest, text)) == _spans(compiled.finditer(text))


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT, st.sampled_from(PATTERNS))
def test_lookbehind_free_finditer_is_finditer(text: str, pattern: str) -> None:
    compiled = re.compile(pattern)
    rest = lookbehind_free(compiled)
    assert _spans(finditer(compiled, rest, text)) == _spans(compiled.finditer(text))


@pytest.mark.parametrize(
    ("pattern", "rest"),
    [
        (r"(?<![\w.])(U\.S|U\.K)(?![.\w])", r"(U\.S|U\.K)(?![.\w])"),
        (r"(?<![\w.])(?<!\b[Tt]he )U\. ([SKN])\.", r"U\. ([SKN])\."),
        (r"(?<=[)(\]])x", "x"),
        (r"abc", None),  # no look-behind to drop
        (r"(?<=(a))b", None),  # a group inside the look-behind
        (r"(?<=a)b?", None),  # may match an empty string
    ],
)
def test_lookbehind_free(pattern: str, rest: str | None) -> None:
    found = lookbehind_free(re.compile(pattern))
    assert (found.pattern if found else None) == rest


def _plain_findings(rule: object, text: str) -> list[tuple[int, int, str]]:
    """The substitution check without screens or short cuts."""
    out = []
    for sub in rule.subs:  # type: ignore[attr-defined]
        for m in sub.pattern.finditer(text):
            new = m.expand(sub.replacement)
            if m.end() > m.start() and new != m.group():
                out.append((m.start(), m.end(), new))
    return out


@pytest.fixture(scope="module")
def abbreviation_rule() -> object:
    from newslint.config import Config
    from newslint.workspace import Project

    linter = Project(Config()).linter_for(None)
    return next(r for r in linter.document_rules if r.meta.name == "malformed-abbreviation")


def _fast_findings(rule: object, text: str) -> list[tuple[int, int, str]]:
    diagnostics = rule.check(Document(text), None)  # type: ignore[attr-defined]
    return sorted(
        (d.start, d.end, d.fix.edits[0].content) for d in diagnostics if d.fix is not None
    )


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT)
def test_substitution_screens_keep_the_findings(abbreviation_rule: object, text: str) -> None:
    assert _fast_findings(abbreviation_rule, text) == sorted(
        _plain_findings(abbreviation_rule, text)
    )


def test_substitution_screens_keep_the_findings_on_real_text(abbreviation_rule: object) -> None:
    for text in FIXTURE_TEXTS:
        assert _fast_findings(abbreviation_rule, text) == sorted(
            _plain_findings(abbreviation_rule, text)
        )


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT)
def test_present_literals_hold_every_literal_in_the_text(
    abbreviation_rule: object, text: str
) -> None:
    rule = abbreviation_rule
    plan = rule._plan or rule._make_plan()  # type: ignore[attr-defined]
    present = rule._present(plan, text)  # type: ignore[attr-defined]
    for sub in rule.subs:  # type: ignore[attr-defined]
        for literal in required_literals(sub.pattern.pattern) or ():
            assert literal not in text or literal in present


@settings(max_examples=300, deadline=None)
@given(_ABBREVIATION_TEXT, st.sampled_from(PATTERNS))
def test_every_match_contains_a_string_of_every_required_set(text: str, pattern: str) -> None:
    sets = required_literal_sets(pattern)
    for m in re.finditer(pattern, text):
        for strings in sets:
            assert any(s in m.group() for s in strings)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_required_literal_sets_hold_the_best_one(pattern: str) -> None:
    best = required_literals(pattern)
    assert best is None or best in required_literal_sets(pattern) or len(best) == 1
    for text in FIXTURE_TEXTS:
        for m in re.finditer(pattern, text):
            for strings in required_literal_sets(pattern):
                assert any(s in m.group() for s in strings)
