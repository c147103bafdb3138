"""A result cache for repeated runs over a corpus (``--cache FILE``).

Each document's diagnostics (and its corpus-rule keys) are stored under a key
made of the document's bytes, the linter it was checked with (newslint version,
selected rules and their options, pack files) and the field mapping. A CI run
over a corpus where a few records changed re-lints only those. The store is one
SQLite file; every worker process has its own connection and writes its
results in one transaction per task. Only plain checks are cached, never fixes.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path
from typing import Any

from ._version import __version__

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, value BLOB NOT NULL)"


def settings_digest(*parts: Any) -> bytes:
    return hashlib.blake2b(repr((__version__, *parts)).encode(), digest_size=16).digest()


class Cache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(SCHEMA)
        self.pending: list[tuple[bytes, bytes]] = []
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(settings: bytes, data: bytes) -> bytes:
        return hashlib.blake2b(data, digest_size=20, key=settings[:16]).digest()

    def get(self, key: bytes) -> Any:
        row = self.db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads(row[0])
        except Exception:  # a damaged entry is a miss, never an error
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: bytes, value: Any) -> None:
        self.pending.append((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def flush(self) -> None:
        if not self.pending:
            return
        self.db.execute("BEGIN")
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", self.pending)
        self.db.execute("COMMIT")
        self.pending.clear()
