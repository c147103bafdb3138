"""Baselines: accept the problems a corpus has today, fail CI only on new ones.

A problem's fingerprint is keyed by *content*, never by position: the rule, the
document (its id; else the path of a text file; else a hash of the record's
text) and the text the problem covers. Fingerprints therefore survive reordered
records, inserted lines and reshuffled shards. A baseline stores a count per
fingerprint, so two identical problems in one document need two entries.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .diagnostics import Diagnostic

VERSION = 1
_new_tuple = tuple.__new__
assert Diagnostic._fields[-1] == "fingerprint"  # fingerprinted() relies on it


def document_key(
    doc_id: str | None, path: str | None, text: str | None, record: int | None = None
) -> str:
    """The document part of a fingerprint: its id, a text file's path, or its content."""
    if doc_id:
        return "id:" + doc_id
    if path and path != "-" and record is None:
        return "path:" + Path(path).as_posix()
    data = (text or "").encode("utf-8", "surrogatepass")
    return "text:" + hashlib.blake2b(data, digest_size=12).hexdigest()


def fingerprint(d: Diagnostic, doc_key: str, text: str | None) -> str:
    covered = text[d.start : d.end] if text is not None and d.end > d.start else d.message
    parts = "\0".join((d.code, doc_key, d.field or "", covered))
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def fingerprinted(found: list[Diagnostic], doc_key: str, text: str | None) -> list[Diagnostic]:
    """``[d._replace(fingerprint=fingerprint(d, doc_key, text)) for d in found]``, the
    same diagnostics (tested), without ``_replace``'s Python-level work per field:
    every finding of a corpus run goes through here."""
    blake2b = hashlib.blake2b
    out = []
    for d in found:
        start, end = d.start, d.end
        covered = text[start:end] if text is not None and end > start else d.message
        data = f"{d.code}\0{doc_key}\0{d.field or ''}\0{covered}".encode("utf-8", "surrogatepass")
        # fingerprint is the last field of a Diagnostic
        out.append(_new_tuple(Diagnostic, (*d[:-1], blake2b(data, digest_size=12).hexdigest())))
    return out


def corpus_fingerprint(d: Diagnostic) -> str:
    """A finding that relates documents (a duplicate and its original) is keyed by
    the unordered set of documents, so it survives a reordering that makes the
    other document the "original"."""
    if not d.related:  # one document (most corpus findings): the same key, sooner
        parts = f"{d.code}\0{document_key(d.doc_id, d.path, d.message, d.record)}"
        return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    keys = sorted(
        {
            document_key(d.doc_id, d.path, d.message, d.record),
            *(document_key(r.doc_id, r.path, d.message, r.record) for r in d.related),
        }
    )
    parts = "\0".join((d.code, *keys))
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class BaselineError(ValueError):
    pass


class Baseline:
    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts or Counter()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not a newslint baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: not a newslint baseline (version {VERSION})")
        fps = data.get("fingerprints")
        if not isinstance(fps, dict) or not all(isinstance(v, int) for v in fps.values()):
            raise BaselineError(f"{path}: 'fingerprints' must map strings to counts")
        return cls(Counter(fps))

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            if d.fingerprint:
                self.counts[d.fingerprint] += 1

    def save(self, path: Path) -> None:
        data = {
            "version": VERSION,
            "tool": "newslint",
            "fingerprints": dict(sorted(self.counts.items())),
        }
        from .io.text import write_atomic

        payload = (json.dumps(data, indent=1) + "\n").encode("utf-8")
        if path.exists():
            write_atomic(path, payload)
        else:
            path.write_bytes(payload)

    def filter(self, diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], int]:
        """Diagnostics not covered by the baseline, and how many were suppressed."""
        kept: list[Diagnostic] = []
        suppressed = 0
        for d in diagnostics:
            if d.fingerprint and self.counts.get(d.fingerprint, 0) > 0:
                self.counts[d.fingerprint] -= 1
                suppressed += 1
            else:
                kept.append(d)
        return kept, suppressed
