"""The Dask engine: shards as ``dask.distributed`` tasks, shuffles with ``dask.dataframe``.

With no address it starts a ``LocalCluster`` on this machine (``--workers N``
processes of one thread). With ``--scheduler ADDR``, ``--scheduler-file FILE`` or
``DASK_SCHEDULER_ADDRESS`` it connects to the user's cluster, and first checks that
every worker runs the same newslint (and has what the shuffle needs).

Lost workers are Dask's business: their tasks run again elsewhere, and a shard
task is idempotent (its files are written whole, its marker last).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from .._version import __version__
from . import Engine, EngineError, Rows, RowsFn, T, count_partition, star_partition

WAIT_FOR_WORKERS = float(os.environ.get("NEWSLINT_DASK_WAIT", "60"))  # seconds


def _missing(exc: ImportError) -> EngineError:
    return EngineError(
        f"--engine dask needs Dask ({exc.name or exc} is not installed): "
        "pip install 'newslint[dask]'"
    )


def worker_versions() -> dict[str, str]:
    """What a worker runs (called on every worker when connecting)."""
    import sys

    import dask
    import distributed

    info = {
        "newslint": __version__,
        "dask": getattr(dask, "__version__", "?"),
        "distributed": getattr(distributed, "__version__", "?"),
        "python": "{}.{}".format(*sys.version_info[:2]),
    }
    for name in ("pandas", "numpy"):
        try:
            info[name] = __import__(name).__version__
        except ImportError:
            info[name] = "missing"
    return info


class DaskEngine(Engine):
    name = "dask"

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        scheduler_file: str | None = None,
    ) -> None:
        try:
            import dask.dataframe  # noqa: F401
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise _missing(exc) from None
        self.cluster: Any = None
        address = scheduler or (
            None if scheduler_file else os.environ.get("DASK_SCHEDULER_ADDRESS")
        )
        try:
            if address or scheduler_file:
                where = address or f"the scheduler in {scheduler_file}"
                try:
                    self.client: Any = Client(address, scheduler_file=scheduler_file)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise EngineError(
                        f"cannot connect to the Dask scheduler at {where}: {exc}"
                    ) from None
                self._check_workers(where)
            else:
                import logging

                self.cluster = LocalCluster(
                    n_workers=max(1, workers or os.cpu_count() or 1),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except BaseException:
            self.close()
            raise
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def _check_workers(self, where: str) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise EngineError(
                f"no Dask worker joined the scheduler at {where} within {WAIT_FOR_WORKERS:g} s"
            ) from None
        try:
            found: dict[str, dict[str, str]] = self.client.run(worker_versions)
        except Exception as exc:  # the worker cannot even import newslint
            raise EngineError(
                f"a Dask worker cannot run newslint ({type(exc).__name__}: {exc}); install "
                f"newslint[dask]=={__version__} on every worker"
            ) from None
        mine = worker_versions()
        for addr, info in sorted(found.items()):
            if info["newslint"] != __version__:
                raise EngineError(
                    f"Dask worker {addr} runs newslint {info['newslint']}, this client "
                    f"{__version__}: install newslint[dask]=={__version__} on every worker"
                )
            missing = [n for n in ("pandas", "numpy") if info.get(n) == "missing"]
            if missing:
                raise EngineError(
                    f"Dask worker {addr} lacks {', '.join(missing)} (the shuffle needs them): "
                    f"install newslint[dask]=={__version__} on every worker"
                )
            if info["dask"] != mine["dask"] or info["distributed"] != mine["distributed"]:
                raise EngineError(
                    f"Dask worker {addr} runs dask {info['dask']} / distributed "
                    f"{info['distributed']}, this client {mine['dask']} / "
                    f"{mine['distributed']}: use the same versions everywhere"
                )

    # the interface

    def map(self, fn: Callable[[T], Any], items: Sequence[T]) -> Iterator[Any]:
        if not items:
            return
        from distributed import KilledWorker

        futures: list[Any] = self.client.map(fn, list(items), pure=False, retries=2)
        for n, future in enumerate(futures):
            try:
                yield future.result()
            except KilledWorker as exc:
                raise EngineError(
                    f"shard {n} killed every Dask worker that ran it ({exc}); is a worker's "
                    "memory limit too low?"
                ) from None
            futures[n] = None  # let the scheduler forget it

    def _frame(self, rows: RowsFn, items: Sequence[Any]) -> Any:
        import dask
        import dask.dataframe as dd
        import numpy as np
        import pandas as pd

        meta = pd.DataFrame({"key": np.empty(0, np.int64), "doc": np.empty(0, np.int64)})
        frame = dd.from_map(partial(_rows_frame, rows), list(items), meta=meta,
                            enforce_metadata=False)  # fmt: skip
        method = dask.config.get("dataframe.shuffle.method", None) or "tasks"
        return frame.shuffle(on="key", npartitions=max(1, len(items)), shuffle_method=method)

    def star_edges(self, rows: RowsFn, items: Sequence[Any]) -> Rows:
        import numpy as np
        import pandas as pd

        if not items:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        meta = pd.DataFrame({"doc": np.empty(0, np.int64), "to": np.empty(0, np.int64)})
        edges = self._frame(rows, items).map_partitions(_star_frame, meta=meta)
        out = self.client.compute(edges).result()
        return out["doc"].to_numpy(np.int64), out["to"].to_numpy(np.int64)

    def count_by_key(self, rows: RowsFn, items: Sequence[Any], min_count: int = 1) -> Rows:
        import numpy as np
        import pandas as pd

        if not items:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        meta = pd.DataFrame({"key": np.empty(0, np.int64), "count": np.empty(0, np.int64)})
        counted = self._frame(rows, items).map_partitions(
            partial(_count_frame, min_count), meta=meta
        )
        out = self.client.compute(counted).result()
        return out["key"].to_numpy(np.int64), out["count"].to_numpy(np.int64)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def _rows_frame(rows: RowsFn, item: Any) -> Any:
    import pandas as pd

    keys, docs = rows(item)
    return pd.DataFrame({"key": keys, "doc": docs})


def _star_frame(frame: Any) -> Any:
    import pandas as pd

    src, dst = star_partition(frame["key"].to_numpy(), frame["doc"].to_numpy())
    return pd.DataFrame({"doc": src, "to": dst})


def _count_frame(min_count: int, frame: Any) -> Any:
    import pandas as pd

    keys, counts = count_partition(frame["key"].to_numpy(), min_count)
    return pd.DataFrame({"key": keys, "count": counts})
