"""A progress line on stderr (documents, documents/s, share of bytes, ETA).

Shown only when stderr is a terminal; silent in CI logs and pipes.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total_bytes: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = max(total_bytes, 1)
        self.start = time.monotonic()
        self.last = 0.0
        self.documents = 0
        self.done_bytes = 0

    def update(self, documents: int, done_bytes: int) -> None:
        self.documents += documents
        self.done_bytes += done_bytes
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = self.documents / elapsed
        share = min(self.done_bytes / self.total, 1.0)
        eta = elapsed * (1 - share) / share if share > 0 else 0.0
        width = 24
        bar = "#" * int(share * width) + "-" * (width - int(share * width))
        self.stream.write(
            f"\r[{bar}] {share:4.0%}  {self.documents:,} docs  {rate:,.0f} docs/s  "
            f"ETA {int(eta // 60)}:{int(eta % 60):02d} "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * 78 + "\r")
        self.stream.flush()
