"""Output formats. Each writer turns file results into text for a stream."""

from __future__ import annotations

FORMATS = ("text", "json")
