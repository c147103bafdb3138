"""Find quoted speech: spans of text inside double quotation marks.

News convention: a quotation that runs over several paragraphs opens every
paragraph with a quotation mark and closes only the last one, so an opening mark
with no partner runs to the end of its paragraph. Paragraphs are separated by
blank lines; in text without any blank line (one block per line, as many
scrapers write it) each line is a paragraph. Single quotes are not used:
they cannot be told apart from apostrophes reliably.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence

# opening -> closing marks; the straight quote is both
_PAIRS = {
    '"': '"',
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c",  # „ “ (German)
    "\u00ab": "\u00bb",  # « »
    "\u300c": "\u300d",  # 「 」
}
_ANY_QUOTE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d]')
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return sorted, disjoint ``(start, end)`` spans that lie inside quotation marks.

    The marks themselves are included in the span.
    """
    if _ANY_QUOTE.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    para_start = 0
    # scrapers often write one block per line with no blank lines between: then
    # every line is a paragraph, so an unclosed quote cannot run to the end
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    for brk in breaks.finditer(text):
        spans.extend(_paragraph_spans(text, para_start, brk.start()))
        para_start = brk.end()
    spans.extend(_paragraph_spans(text, para_start, len(text)))
    return spans


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at = -1
    closing = ""
    for m in _ANY_QUOTE.finditer(text, start, end):
        ch = m.group()
        if open_at < 0:
            if ch in _PAIRS:
                open_at, closing = m.start(), _PAIRS[ch]
        elif ch == closing:
            spans.append((open_at, m.end()))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, end))
    return spans


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` intersects any of the (sorted, disjoint) spans."""
    if not spans:
        return False
    i = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans):
            s, e = spans[j]
            if start < e and s < max(end, start + 1):
                return True
    return False
