"""The local engine: the sharded pipeline on a pool of processes on this machine.

It is what the multiprocessing runner does (fork a pool, results in order, a
bounded window of tasks in flight), behind the :class:`~newslint.engines.Engine`
interface; the shuffle is a sort in this process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from . import Engine, Rows, RowsFn, T, count_partition, star_partition


class LocalEngine(Engine):
    name = "local"

    def __init__(self, workers: int | None = None, **_: Any) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: Any = None

    def _get_pool(self) -> Any:
        if self._pool is None and self.workers > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
            self._pool = ctx.Pool(self.workers)
        return self._pool

    def map(self, fn: Callable[[T], Any], items: Sequence[T]) -> Iterator[Any]:
        pool = self._get_pool() if len(items) > 1 else None
        if pool is None:
            for item in items:
                yield fn(item)
            return
        window = self.workers * 4
        inflight: deque[Any] = deque()
        for item in items:
            inflight.append(pool.apply_async(fn, (item,)))
            while len(inflight) >= window:
                yield inflight.popleft().get()
        while inflight:
            yield inflight.popleft().get()

    def _rows(self, rows: RowsFn, items: Sequence[Any]) -> Rows:
        import numpy as np

        parts = list(self.map(rows, items))
        if not parts:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def star_edges(self, rows: RowsFn, items: Sequence[Any]) -> Rows:
        keys, docs = self._rows(rows, items)
        return star_partition(keys, docs)

    def count_by_key(self, rows: RowsFn, items: Sequence[Any], min_count: int = 1) -> Rows:
        keys, _ = self._rows(rows, items)
        return count_partition(keys, min_count)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
