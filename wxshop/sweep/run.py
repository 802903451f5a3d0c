"""Running scenarios: in this process, on a local pool of processes, or on a Dask cluster, by the same code.

Scenarios are cut into chunks; each chunk is one call of :func:`evaluate_chunk`, a plain function that any
``concurrent.futures`` executor can run: a ``ProcessPoolExecutor`` on this machine, or Dask distributed's
``Client.get_executor()`` when a scheduler is named (``scheduler=`` / ``--scheduler`` or the environment's
``DASK_SCHEDULER_ADDRESS``). A worker reads the data package once per chunk at most (the frames stay
cached in the process while the files are unchanged) and returns each scenario's figures, or its error:
one failing scenario never loses the others' results.
"""
from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from wxshop import data
from wxshop.sweep.columns import DATE, FigureMeta

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
ROOT = Path(__file__).resolve().parent.parent.parent
LONG_RUN = 2.0  # seconds: a sweep estimated to take longer runs in parallel and shows a progress bar


@dataclass
class Chunk:
    """The results of consecutive scenarios ``start``, ``start + 1``, ...: figures (None where one failed)."""

    start: int
    figures: list[dict[str, Any] | None]
    texts: list[dict[str, str] | None] | None
    errors: dict[int, str] = field(default_factory=dict)  # scenario index -> what went wrong
    metas: dict[str, FigureMeta] = field(default_factory=dict)
    seconds: float = 0.0


@lru_cache(maxsize=None)
def _wiring(chapter: str) -> Any:
    return importlib.import_module(f"wxshop.chapters.{chapter}.wiring")


def figures_of(chapter: str, values: dict[str, Any]) -> list[Any]:
    """The chapter's headline figures for one scenario's checked values (``wiring.headlines``)."""
    return _wiring(chapter).headlines(values)


def evaluate_chunk(chapter: str, start: int, scenarios: Sequence[dict[str, Any]], texts: bool = False,
                   digest: str | None = None) -> Chunk:
    """Each scenario's headline figures; a scenario that raises is recorded with its error and the rest go on.

    ``digest`` (given when the chunk runs on a cluster) is the submitting checkout's
    :func:`project_digest`: a worker whose package or data differ refuses the chunk instead of computing
    other numbers.
    """
    clock = time.perf_counter()
    if digest is not None and digest != project_digest():
        raise RuntimeError(f"this worker's wxshop package or data/ differ from the submitting checkout's "
                           f"(worker {project_digest()[:12]} at {ROOT}, submitted {digest[:12]}): "
                           "install the same commit on every worker")
    units = getattr(_wiring(chapter), "HEADLINE_UNITS", {})
    result = Chunk(start, [], [] if texts else None)
    with data.frozen():
        for offset, values in enumerate(scenarios):
            try:
                found = figures_of(chapter, values)
            except Exception as exc:  # noqa: BLE001 - any failure is this scenario's, reported with it
                result.errors[start + offset] = f"{type(exc).__name__}: {exc}"
                result.figures.append(None)
                if result.texts is not None:
                    result.texts.append(None)
                continue
            row: dict[str, Any] = {}
            for figure in found:
                meta = result.metas.get(figure.key)
                if meta is None:
                    meta = result.metas[figure.key] = FigureMeta(figure.label)
                if figure.value is None:
                    meta.text_only = True
                    row[figure.key] = figure.text
                    continue
                unit = figure.unit or units.get(figure.key, "")
                meta.units.add(unit)
                if isinstance(figure.value, str) and unit != DATE:
                    meta.codes = True
                row[figure.key] = _plain(figure.value)
            result.figures.append(row)
            if result.texts is not None:
                result.texts.append({figure.key: figure.text for figure in found})
    result.seconds = time.perf_counter() - clock
    return result


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)  # numpy scalars travel and compare as Python numbers
    return item() if callable(item) and not isinstance(value, (str, bytes)) else value


@lru_cache(maxsize=1)
def project_digest() -> str:
    """A digest of this checkout's package code and data package (what a scenario's figures depend on)."""
    digest = hashlib.sha256()
    files = sorted(p for p in (ROOT / "wxshop").rglob("*.py") if "__pycache__" not in p.parts)
    files += sorted(p for p in data.datavalues.data_dir().iterdir() if p.is_file())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- where chunks run

@dataclass
class Pool:
    """Where a sweep's chunks run: ``executor`` None means in this process."""

    executor: Executor | None
    workers: int
    where: str  # for messages: "this process", "2 local processes", "Dask at tcp://..."
    dask: bool = False


def scheduler_address(scheduler: Any = None) -> Any:
    """The Dask scheduler to use: the one given, else ``DASK_SCHEDULER_ADDRESS``, else None (run locally)."""
    if scheduler is not None:
        return scheduler
    return os.environ.get(SCHEDULER_ENV) or None


def _fork_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    # fork: a child starts with the package imported and the data read, in milliseconds.
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


@contextmanager
def pool(jobs: int | None, scheduler: Any = None, threads: bool = False) -> Iterator[Pool]:
    """The executor for a sweep: Dask when a scheduler is named, else ``jobs`` local processes (or threads,
    for notebooks, which start their own processes), else this process (``jobs=1``)."""
    address = scheduler_address(scheduler)
    if address is not None:
        from distributed import Client

        client = address if isinstance(address, Client) else Client(address, set_as_default=False)
        try:
            workers = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
            yield Pool(client.get_executor(pure=False), workers, f"Dask at {client.scheduler.address}", dask=True)
        finally:
            if client is not address:
                client.close()
        return
    count = jobs or os.cpu_count() or 1
    if count <= 1:
        yield Pool(None, 1, "this process")
        return
    if threads:
        with ThreadPoolExecutor(max_workers=count) as executor:
            yield Pool(executor, count, f"{count} local threads")
        return
    with ProcessPoolExecutor(max_workers=count, mp_context=_fork_context()) as executor:
        yield Pool(executor, count, f"{count} local processes")


def chunks(count: int, workers: int, largest: int = 500) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges: about eight per worker (an even load and a moving progress bar)."""
    size = max(1, min(largest, -(-count // max(1, workers * 8))))
    return [(start, min(count, start + size)) for start in range(0, count, size)]


def progress_bar(total: int, unit: str, enabled: bool) -> Any:
    """tqdm on stderr (or as a widget in Jupyter) when enabled; a stand-in that does nothing otherwise."""
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, smoothing=0.1)


class _NoBar:
    def update(self, _: int) -> None:
        pass

    def close(self) -> None:
        pass


def run_chunks(submit: Callable[[int, int], Future], ranges: list[tuple[int, int]], bar: Any,
               on_error: Callable[[int, int, BaseException], Any]) -> list[Any]:
    """Submit every range, collect the results in the ranges' order; a range whose call failed as a whole
    (a worker lost, a refused chunk) is handed to ``on_error`` so its scenarios are reported, not lost."""
    futures = {submit(start, stop): (start, stop) for start, stop in ranges}
    results: dict[int, Any] = {}
    for future in as_completed(futures):
        start, stop = futures[future]
        try:
            results[start] = future.result()
        except BaseException as exc:  # noqa: BLE001 - reported per scenario by on_error
            if isinstance(exc, KeyboardInterrupt):
                raise
            results[start] = on_error(start, stop, exc)
        bar.update(stop - start)
    return [results[start] for start, _stop in ranges]
