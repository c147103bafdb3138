"""The whole-document fast paths of duplicate-paragraph and duplicate-headline give
what the plain paths give (random text and real text).

- duplicate-paragraph scores the candidate lines of a hard-wrapped story in one
  ``cdist`` matrix (``_flagged``): the lines its screen leaves are those of one
  ``extract`` call per line (``_similar``), and so are the findings;
- duplicate-headline folds ASCII text through a byte table (``normalize``) and
  looks for a site name only in text with a separator character (``strip_site``).
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import duplicate_headline, duplicate_paragraph
from newslint.document import Document

REPO = Path(__file__).resolve().parents[1]
ZYTE = REPO.parent / "shared" / "data" / "boilerplate" / "zyte_aeb_txt"


@pytest.fixture(autouse=True)
def _rapidfuzz_loaded() -> None:
    import rapidfuzz.fuzz
    import rapidfuzz.process  # noqa: F401 - loaded: the screens run, with the matrix


def _reuters() -> list[str]:
    with (REPO / "tests" / "data" / "reuters-40.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def _zyte() -> list[str]:
    if not ZYTE.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(ZYTE.glob("*.txt"))[:40]]


# -- duplicate-paragraph --------------------------------------------------------------

# fmt: off
_WORDS = [
    "the", "company", "said", "it", "expects", "net", "income", "for", "year", "to",
    "rise", "sharply", "analysts", "had", "a", "loss", "quarter", "shares", "of", "bank",
    "fell", "cents", "in", "trading", "on", "monday", "1987", "12", "4", "oz", "café",
    "straße", "Ольга", "mln", "dlrs", "vs",
]
# fmt: on


def _near(line: str, rng: random.Random) -> str:
    """A copy with a few characters changed, dropped or added (near the threshold)."""
    chars = list(line)
    for _ in range(rng.randrange(0, 8)):
        i = rng.randrange(len(chars) + 1)
        what = rng.randrange(3)
        if what == 0 and i < len(chars):
            del chars[i]
        elif what == 1:
            chars.insert(i, rng.choice(string.ascii_lowercase + " "))
        elif i < len(chars):
            chars[i] = rng.choice(string.ascii_lowercase)
    return " ".join("".join(chars).split()) or "x"


def _forms(rng: random.Random, count: int, longest: int = 64) -> list[str]:
    """Folded-looking lines of at most ``longest`` characters, many near copies."""
    forms: list[str] = []
    for _ in range(count):
        if forms and rng.random() < 0.4:
            form = _near(rng.choice(forms), rng)
        else:
            form = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 14)))
        forms.append(form[:longest].strip() or "x")
    return forms


def _pairwise(forms: list[str], cutoff: float) -> list[int]:
    from rapidfuzz.fuzz import ratio

    return sorted(
        {
            k
            for i in range(len(forms))
            for j in range(i + 1, len(forms))
            if ratio(forms[i], forms[j]) >= cutoff
            for k in (i, j)
        }
    )


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.integers(2, 70), st.sampled_from([2.0, 50.0, 85.5, 91.0, 99.0]))
def test_flagged_holds_every_similar_form(seed: int, count: int, cutoff: float) -> None:
    """The matrix flags a superset of the forms that have a similar form, and no
    more than those that come within a point or two of the cutoff."""
    from rapidfuzz.fuzz import ratio

    rng = random.Random(seed)
    forms = _forms(rng, count)
    flagged = duplicate_paragraph._flagged(forms, cutoff)
    assert flagged is not None
    assert set(_pairwise(forms, cutoff)) <= set(flagged)
    assert set(flagged) <= set(_pairwise(forms, cutoff - 2.5))
    assert flagged == sorted(flagged)
    # the exact set, from the flagged forms alone (what _involved does with them)
    chosen = [forms[i] for i in flagged]
    refined = [flagged[i] for i in duplicate_paragraph._similar(chosen, cutoff)]
    assert refined == duplicate_paragraph._similar(forms, cutoff)
    for i in refined:
        assert any(ratio(forms[i], forms[j]) >= cutoff for j in range(count) if j != i)


def test_flagged_declines_what_it_does_not_pay_for() -> None:
    rng = random.Random(1)
    short = _forms(rng, 10)
    assert duplicate_paragraph._flagged(short, 1.5) is None  # cutoff below 2
    assert duplicate_paragraph._flagged([*short, "x" * 65], 91.0) is None  # a long form
    many = _forms(rng, 150)  # ten blocks
    flagged = duplicate_paragraph._flagged(many, 91.0)
    assert flagged is not None
    assert set(_pairwise(many, 91.0)) <= set(flagged) <= set(_pairwise(many, 88.5))
    assert duplicate_paragraph._flagged(["a b c", "x y z"], 91.0) == []
    assert duplicate_paragraph._flagged(["a b c d", "a b c d"], 91.0) == [0, 1]


def _involved_both(
    text: str, options: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[int] | None, list[int] | None]:
    folded = Document(text).folded_lines
    fast = duplicate_paragraph._involved(text, folded, options)
    with monkeypatch.context() as patch:
        patch.setattr(duplicate_paragraph, "_flagged", lambda forms, cutoff: None)
        plain = duplicate_paragraph._involved(text, folded, options)
    return fast, plain


_OPTIONS: list[dict[str, Any]] = [
    {},
    {"threshold": 80.0},
    {"threshold": 2.5},
    {"threshold": 3.0},
    {"threshold": 99.9},
    {"near_min_words": 1},
    {"near_min_words": 3, "min_words": 1, "min_chars": 1},
]


def _stories(rng: random.Random) -> list[str]:
    """Reuters stories, and stories stitched with near copies of their own lines."""
    stories = _reuters()
    out = list(stories)
    for _ in range(40):
        lines = "\n".join(rng.sample(stories, 2)).split("\n")
        for _ in range(rng.randrange(1, 8)):
            line = rng.choice(lines)
            lines.insert(rng.randrange(len(lines) + 1), _near(line, rng) if line else line)
        out.append("\n".join(lines))
    return out


def test_paragraph_screen_with_and_without_the_matrix_on_real_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(3)
    checked = differ = 0
    for text in _stories(rng) + _zyte():
        for extra in _OPTIONS:
            fast, plain = _involved_both(
                text, duplicate_paragraph.RULE.Options(**extra), monkeypatch
            )
            assert fast == plain
            checked += 1
            differ += bool(fast)
    assert differ > 50, (checked, differ)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 60), st.sampled_from(_OPTIONS))
def test_paragraph_findings_with_the_matrix_on_random_text(
    seed: int, count: int, extra: dict[str, Any]
) -> None:
    rng = random.Random(seed)
    lines = _forms(rng, count, longest=rng.choice([40, 64, 90]))
    lines = [line.upper() if rng.random() < 0.2 else line for line in lines]
    text = "\n".join(lines)
    rule = duplicate_paragraph.RULE
    options = rule.Options(**extra)
    screened = list(rule._check(Document(text), options, screen=True))
    plain = list(rule._check(Document(text), options, screen=False))
    assert screened == plain


# -- duplicate-headline ----------------------------------------------------------------


def _normalize_plain(text: str) -> str:
    return duplicate_headline._NON_WORD.sub(" ", text.casefold()).strip()


_ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_ASCII)
def test_ascii_normalize_is_the_regex_one(text: str) -> None:
    assert duplicate_headline.normalize(text) == _normalize_plain(text)


def test_ascii_normalize_on_every_character_and_real_lines() -> None:
    every = "".join(map(chr, range(128)))
    assert duplicate_headline.normalize(every) == _normalize_plain(every)
    for text in _reuters():
        for line in text.split("\n"):
            assert duplicate_headline.normalize(line) == _normalize_plain(line)


def _strip_site_plain(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(duplicate_headline, "_has_separator_character", lambda text: True)
        return duplicate_headline.strip_site(text)


_SITE_TEXT = st.lists(
    st.sampled_from(
        ["Venezuela", "coup", "WSJ", "Reuters", "x.com", "-", "|", ":", "--", "\u2013",
         "\u2014", "\u00b7", "\u2022", "–", " ", "\t", "\xa0", "a-b", "12", "The"]
    ),
    max_size=14,
).map(" ".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_SITE_TEXT)
def test_strip_site_screen(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicate_headline, "_has_separator_character", lambda text: True)
        plain = duplicate_headline.strip_site(text)
    assert duplicate_headline.strip_site(text) == plain


def test_strip_site_screen_on_real_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _reuters() + _zyte():
        for line in text.split("\n"):
            assert duplicate_headline.strip_site(line) == _strip_site_plain(line, monkeypatch)
