"""Document's line index and folded lines equal their plain definitions.

``Document.lines``/``line_starts`` are built without a Python call per line and
``folded_lines`` takes a byte-table path for ASCII text: both must give exactly
what the straightforward regex definitions give, on any text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import Document

REUTERS = Path(__file__).parent / "data" / "reuters-40.jsonl"
PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=300)
ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


def folded_by_definition(text: str) -> list[str]:
    folded = re.sub(r"[^\w\n]+", " ", text.casefold().replace("_", " "))
    return [part.strip() for part in folded.split("\n")]


def check(text: str) -> None:
    doc = Document(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    assert doc.line_starts == starts
    assert [line.number for line in doc.lines] == list(range(1, len(starts) + 1))
    assert [line.text for line in doc.lines] == text.split("\n")
    assert all(text[line.start : line.end] == line.text for line in doc.lines)
    assert all(type(line).__name__ == "Line" for line in doc.lines)
    assert doc.folded_lines == folded_by_definition(text)


@PROFILE
@given(ASCII)
def test_ascii_text(text: str) -> None:
    check(text)


@PROFILE
@given(ANY)
def test_any_text(text: str) -> None:
    check(text)


def test_edge_cases_and_real_text() -> None:
    cases = ["", "\n", "a\n", "\nb", "A_b  c,,d\n\n x ", "\x1c\x1dfoo\x0bbar\x0c\r\nbaz  "]
    cases += ["ΑΒΓ ß_x", "Straße\nSTRASSE", "don't -- U.S.-backed\t(Reuters)"]
    with REUTERS.open(encoding="utf-8") as fh:
        cases += [json.loads(line)["text"] for line in fh]
    for text in cases:
        check(text)
    assert Document("Hello,  World_x!\n  Ünïcode — dash ").folded_lines == [
        "hello world x",
        "ünïcode dash",
    ]
