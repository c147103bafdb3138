"""The screens of duplicate-paragraph and duplicate-headline never change a finding.

duplicate-paragraph checks only the lines its screen leaves (``_involved``), and
duplicate-headline, once rapidfuzz is loaded, only the lines its bulk screen leaves;
on random and real text, the findings equal those of the line-by-line check.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import duplicate_headline, duplicate_paragraph
from newslint.diagnostics import Diagnostic
from newslint.document import Document

REPO = Path(__file__).resolve().parents[1]
ZYTE = REPO.parent / "shared" / "data" / "boilerplate" / "zyte_aeb_txt"


def _reuters() -> list[str]:
    with (REPO / "tests" / "data" / "reuters-40.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


@pytest.fixture(autouse=True)
def _rapidfuzz_loaded() -> None:
    import rapidfuzz.fuzz  # noqa: F401 - loaded: the screens run


# -- the Unicode facts the screens rest on ------------------------------------------


def test_unicode_facts_of_the_folded_form() -> None:
    """Every code point: ``_`` is the one word character that folds to no letter or
    digit, U+0345 the one other character (no word character) whose casefold holds a
    word character, no character casefolds to nothing, and ``\\s`` is ``str.isspace``."""
    word, space, other = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"[^\w\n]+")
    empty, merging, spaces = [], [], []
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        folded = c.casefold()
        if bool(space.match(c)) != c.isspace():
            spaces.append(c)
        if not folded:
            empty.append(c)
        elif word.match(c):
            if not other.sub(" ", folded.replace("_", " ")).strip():
                empty.append(c)
        elif c != "\n" and word.search(folded.replace("_", " ")):
            merging.append(c)
    assert empty == ["_"]
    assert merging == ["\u0345"]
    assert spaces == []


# -- duplicate-paragraph ------------------------------------------------------------

# fmt: off
_WORDS = [
    "the", "company", "said", "it", "expects", "net", "income", "for", "year", "to", "rise",
    "sharply", "analysts", "had", "expected", "a", "loss", "quarter", "shares", "of", "bank",
    "fell", "cents", "in", "trading", "on", "monday", "Ольга", "Олеся", "straße", "STRASSE",
    "café", "naïve", "4", "oz", "8", "oz", "1987", "12",
]
# fmt: on


def _mutate(line: str, rng: random.Random) -> str:
    """A near copy, or not: a word inserted, dropped or misspelt, a number changed,
    case, spacing, quotes and punctuation changed."""
    words = line.split(" ")
    choice = rng.randrange(8)
    if choice == 0 and len(words) > 1:
        del words[rng.randrange(len(words))]
    elif choice == 1:
        words.insert(rng.randrange(len(words) + 1), rng.choice(_WORDS))
    elif choice == 2:
        i = rng.randrange(len(words))
        words[i] = words[i][:-1] + "x" if words[i] else "x"
    elif choice == 3:
        words = [w.replace("1", "2") for w in words]
    elif choice == 4:
        return line.upper()
    elif choice == 5:
        return line.replace(" ", "  ").replace("'", "\u2019") + "."
    elif choice == 6:
        return "  " + line + " \t"
    return " ".join(words)


def _paragraph_lines(rng: random.Random, count: int) -> list[str]:
    pool: list[str] = []
    out = []
    for _ in range(count):
        kind = rng.randrange(10)
        if pool and kind < 4:
            line = rng.choice(pool)
            out.append(_mutate(line, rng) if kind < 3 else line)
            continue
        if kind == 4:
            out.append(rng.choice(["", "", "***", "Share", "Read more", "Фото:"]))
            continue
        if kind == 5:  # runs of "_" are words to \w+ and fold to nothing
            out.append(" ".join(rng.choice(["__", "___", "_x_", "--"]) for _ in range(6)))
            continue
        if kind == 6:
            out.append("Text with a\u0345 combining mark " + " ".join(rng.sample(_WORDS, 5)))
            continue
        line = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 16)))
        pool.append(line)
        out.append(line)
    return out


_OPTIONS = [
    {},
    {"threshold": 100.0},
    {"threshold": 0.0},
    {"threshold": 1.5},
    {"threshold": 60.0},
    {"threshold": 99.9},
    {"min_words": 0, "min_chars": 0},
    {"min_words": 1, "min_chars": 5, "near_min_words": 0},
    {"near_min_words": 1},
    {"near_min_words": 20},
]


def _both(doc_args: tuple[str, str | None], extra: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    rule = duplicate_paragraph.RULE
    options = rule.Options(**extra)
    text, title = doc_args
    screened = list(rule._check(Document(text, title=title), options, screen=True))
    plain = list(rule._check(Document(text, title=title), options, screen=False))
    return screened, plain


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 2**32),
    st.integers(1, 90),
    st.sampled_from(_OPTIONS),
    st.booleans(),
)
def test_paragraph_screen_never_changes_a_finding(
    seed: int, count: int, extra: dict[str, Any], titled: bool
) -> None:
    rng = random.Random(seed)
    lines = _paragraph_lines(rng, count)
    title = lines[0] if titled and lines else None
    screened, plain = _both(("\n".join(lines), title), extra)
    assert screened == plain


def _real_documents() -> Iterator[tuple[str, str]]:
    """Real text: the Reuters stories as they are, several of them stitched with
    copies and near copies of their own lines (hard-wrapped lines included), and
    the long Zyte pages when the shared data is there (many real repeats)."""
    stories = _reuters()
    for i, text in enumerate(stories):
        yield f"reuters/{i}", text
    rng = random.Random(7)
    for n in range(60):
        lines = "\n".join(rng.sample(stories, 3)).split("\n")
        for _ in range(rng.randrange(1, 12)):
            line = rng.choice(lines)
            copy = _mutate(line, rng) if rng.random() < 0.7 else line
            lines.insert(rng.randrange(len(lines) + 1), copy)
        yield f"stitched/{n}", "\n".join(lines)
    if ZYTE.is_dir():
        for path in sorted(ZYTE.glob("*.txt")):
            yield path.name, path.read_text(encoding="utf-8")


def test_paragraph_screen_on_real_text() -> None:
    checked = fired = 0
    for name, text in _real_documents():
        for extra in ({}, {"threshold": 80.0}, {"min_words": 1, "min_chars": 1}):
            screened, plain = _both((text, None), extra)
            assert screened == plain, name
            checked += 1
            fired += bool(plain)
    assert fired > 20, (checked, fired)


def test_paragraph_screen_leaves_out_most_lines() -> None:
    """Clean Reuters stories: nothing to compare line by line."""
    options = duplicate_paragraph.RULE.Options()
    stories = _reuters()
    left = [duplicate_paragraph._involved(t, Document(t).folded_lines, options) for t in stories]
    assert sum(1 for x in left if x == []) >= len(stories) * 3 // 4


def test_paragraph_screen_waits_for_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    options = duplicate_paragraph.RULE.Options()
    monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")
    assert duplicate_paragraph._involved("a\nb", ["a", "b"], options) is None
    exact_only = options._replace(threshold=100.0)  # needs no rapidfuzz
    assert duplicate_paragraph._involved("a\nb", ["a", "b"], exact_only) == []


@pytest.mark.parametrize("count", [2, 10, 63, 64, 200])
def test_similar_finds_every_similar_pair(count: int) -> None:
    """Short and long lists (sorted by length from ``_SORTED`` on): the same lines
    as all pairs one by one."""
    from rapidfuzz.fuzz import ratio

    rng = random.Random(count)
    forms = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 30))) for _ in range(count)
    ]
    forms = [
        _mutate(rng.choice(forms), rng).casefold().strip() or "x" if rng.random() < 0.3 else f
        for f in forms
    ]
    for cutoff in (0.0, 50.0, 91.0):
        expected = sorted(
            {
                k
                for i in range(count)
                for j in range(i + 1, count)
                if ratio(forms[i], forms[j]) >= cutoff
                for k in (i, j)
            }
        )
        assert duplicate_paragraph._similar(forms, cutoff) == expected


# -- duplicate-headline -------------------------------------------------------------

_HEADLINE = "Venezuela confronting coup attempt of soldier group"
_SEPARATORS = [" - ", " | ", " : ", " \u2013 ", " \u2014 ", " \u00b7 ", " \u2022 ", " -- ", " |: "]
_SPACES = [" ", "\t", "\xa0", "\u2003", "  "]


def _headline_lines(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        kind = rng.randrange(7)
        if kind == 0:
            out.append(_HEADLINE)
        elif kind == 1:
            space = rng.choice(_SPACES)
            sep = rng.choice(_SEPARATORS).replace(" ", space)
            out.append(
                _mutate(_HEADLINE, rng) + sep + rng.choice(["WSJ", "Reuters World", "x.com"])
            )
        elif kind == 2:
            out.append(_mutate(_HEADLINE, rng))
        elif kind == 3:
            out.append(rng.choice(["", "***", "-", "- WSJ", "Opposition leaders - and allies"]))
        else:
            out.append(" ".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 12))))
    return out


def _headline_both(text: str, title: str | None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    rule = duplicate_headline.RULE
    options = rule.Options()
    screened = list(rule.check(Document(text, title=title), options))
    saved = sys.modules.pop("rapidfuzz.fuzz")
    try:  # not loaded: every line is checked one by one
        plain = list(rule.check(Document(text, title=title), options))
    finally:
        sys.modules["rapidfuzz.fuzz"] = saved
    return screened, plain


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25), st.booleans())
def test_headline_screen_never_changes_a_finding(seed: int, count: int, titled: bool) -> None:
    rng = random.Random(seed)
    body = _headline_lines(rng, count)
    text = "\n".join(body if titled else [_HEADLINE, *body])
    screened, plain = _headline_both(text, _HEADLINE if titled else None)
    assert screened == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -|:\u2013\u2022\t\xa0\n\r")), max_size=60))
def test_separator_lines_hold_every_site_separator(text: str) -> None:
    doc = Document(text)
    found = duplicate_headline._separator_lines(doc)
    for i, line in enumerate(doc.lines):
        candidate = line.text.strip()
        if duplicate_headline.strip_site(candidate) != candidate:
            assert i in found, (text, i)


def test_headline_screen_on_real_text() -> None:
    for name, text in _real_documents():
        for title in (None, text.strip().split("\n")[0]):
            screened, plain = _headline_both(text, title)
            assert screened == plain, name


# -- make_key(title=...): the title's words and the text's, the text's memoized --------

_KEY_PARTS = st.lists(
    st.sampled_from(
        ["Share this article", "Advertisement", "Café über", "x_y² İstanbul", "2x", "U.S.",
         "oil prices rose", "", "   ", "\u2003» Home", "Read more »", "the", "Reuter"]
    ),
    max_size=6,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_KEY_PARTS, _KEY_PARTS, st.booleans())
def test_make_key_with_title_is_the_key_of_title_and_text(
    title: list[str], body: list[str], boilerplate: bool
) -> None:
    from newslint import dedup

    t, b = "\n".join(title), "\n".join(body)
    combined = dedup.make_key(f"{t}\n\n{b}", None, with_ids=True, boilerplate=boilerplate)
    split = dedup.make_key(b, None, with_ids=True, boilerplate=boilerplate, title=t)
    assert split == combined._replace(length=len(b))
