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
    lines = doc.lines
    i = number - 1
    line = lines[i]
    prev_content = next((j for j in range(i - 1, -1, -1) if not lines[j].is_blank), None)
    next_content = next((j for j in range(i + 1, len(lines)) if not lines[j].is_blank), None)
    if next_content is None:
        if prev_content is None:
            return Edit.delete(line.start, line.end)
        # last line of content: delete from the end of the previous content line
        return Edit.delete(lines[prev_content].end, line.end)
    if prev_content is None:
        # first line of content: delete it and the blank lines that follow
        return Edit.delete(line.start, lines[next_content].start)
    end = lines[i + 1].start
    prev_blank = lines[i - 1].is_blank
    next_blank = lines[i + 1].is_blank
    if prev_blank and next_blank:
        end = lines[i + 2].start
    return Edit.delete(line.start, end)
