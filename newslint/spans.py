"""Span helpers shared by rules: edits that remove whole lines cleanly."""

from __future__ import annotations

from .diagnostics import Edit
from .document import Document


def remove_line(doc: Document, number: int) -> Edit:
    """An edit that removes line ``number`` (1-based) and keeps paragraphs tidy.

    * a line between two paragraphs takes one of the blank lines around it along,
      so ``A / blank / X / blank / B`` becomes ``A / blank / B``;
    * the last line of content takes the blank lines before it, so the text still
      ends exactly as it did (with or without a final newline);
    * the first line of content takes the blank lines after it.
    """
    texts, starts = doc.line_texts, doc.line_starts
    i = number - 1
    n = len(texts)
    start = starts[i]
    prev = i - 1  # the content lines around it (-1 / n: none)
    while prev >= 0 and not texts[prev].strip():
        prev -= 1
    after = i + 1
    while after < n and not texts[after].strip():
        after += 1
    if after == n:
        if prev < 0:
            return Edit.delete(start, start + len(texts[i]))
        # last line of content: delete from the end of the previous content line
        return Edit.delete(starts[prev] + len(texts[prev]), start + len(texts[i]))
    if prev < 0:
        # first line of content: delete it and the blank lines that follow
        return Edit.delete(start, starts[after])
    if after > i + 1 and prev < i - 1:  # blank lines on both sides: one of them goes
        return Edit.delete(start, starts[i + 2])
    return Edit.delete(start, starts[i + 1])
