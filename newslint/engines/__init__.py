"""Engines: where the work of a sharded run happens (this machine, a Dask cluster).

An engine offers four operations and nothing else, so that the corpus passes
(:mod:`newslint.engines.sharded`) never know which engine runs them and a new
engine is a small addition:

- :meth:`Engine.map`: run a function on every item (a shard), results **in item
  order**, streamed;
- :meth:`Engine.star_edges`: a keyed shuffle-and-reduce: every item yields
  integer rows ``(key, doc)``; rows are shuffled by key and each key's group
  becomes star edges ``(doc, smallest doc of the group)`` (linear in the group's
  size, so a giant bucket of boilerplate cannot stall a worker);
- :meth:`Engine.count_by_key`: the same rows, counted per key (keys seen at least
  ``min_count`` times come back);
- :meth:`Engine.collect`: :meth:`map`, concatenated.

Rows are two equal-length ``int64`` numpy arrays (keys, docs). Keys are stable
64-bit hashes (:func:`stable_hash`), never Python's salted ``hash()``.

``newslint check --engine local`` (the default) does not come through here: it is
the plain :class:`newslint.runner.Runner`. :class:`~newslint.engines.local.LocalEngine`
runs the sharded pipeline on a process pool (tests compare it with Dask).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from ..config import ConfigError

T = TypeVar("T")
R = TypeVar("R")
Rows = tuple[Any, Any]  # (keys, docs): int64 numpy arrays of equal length
RowsFn = Callable[[Any], Rows]

ENGINES = ("local", "dask")


class EngineError(ConfigError):
    """The engine cannot run (no cluster, a worker with another version ...); the
    command reports it like a configuration error: one line, exit status 2."""


def stable_hash(*parts: bytes | str | int) -> int:
    """A signed 64-bit hash of the parts, the same in every process and machine."""
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        if isinstance(part, int):
            data = part.to_bytes(16, "big", signed=True)
        elif isinstance(part, str):
            data = part.encode("utf-8", "surrogatepass")
        else:
            data = part
        h.update(len(data).to_bytes(4, "big"))
        h.update(data)
    return int.from_bytes(h.digest(), "big", signed=True)


class Engine:
    """The narrow interface the sharded pipeline runs on."""

    name = "engine"
    workers = 1

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        raise NotImplementedError

    def collect(self, fn: Callable[[T], list[R]], items: Sequence[T]) -> list[R]:
        out: list[R] = []
        for part in self.map(fn, items):
            out.extend(part)
        return out

    def star_edges(self, rows: RowsFn, items: Sequence[Any]) -> Rows:
        raise NotImplementedError

    def count_by_key(self, rows: RowsFn, items: Sequence[Any], min_count: int = 1) -> Rows:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- the reductions, shared by every engine (numpy, on one partition of rows) --------


def star_partition(keys: Any, docs: Any) -> Rows:
    """Star edges of the groups in one partition: ``(doc, smallest doc of its key)``
    for every doc that is not the smallest; duplicate rows count once."""
    import numpy as np

    if len(keys) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    group = np.cumsum(first) - 1
    smallest = d[first][group]
    keep = d != smallest
    edges = np.stack([d[keep], smallest[keep]], axis=1)
    if len(edges):
        edges = np.unique(edges, axis=0)
    return edges[:, 0].astype(np.int64), edges[:, 1].astype(np.int64)


def count_partition(keys: Any, min_count: int) -> Rows:
    import numpy as np

    if len(keys) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    uniq, counts = np.unique(keys, return_counts=True)
    keep = counts >= min_count
    return uniq[keep].astype(np.int64), counts[keep].astype(np.int64)


def get_engine(name: str, **options: Any) -> Engine:
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(**options)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(**options)
    raise EngineError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")


__all__ = ["ENGINES", "Engine", "EngineError", "Rows", "get_engine", "stable_hash"]
