"""``sweep()``: a chapter's headline figures for every scenario of a grid, as one pandas DataFrame."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from wxshop import chapters
from wxshop.sweep import columns, grid, notebooks, run

ERRORS = ("raise", "keep")
SHOWN_FAILURES = 10


class SweepError(RuntimeError):
    """Some scenarios failed. ``frame`` holds every scenario (the failed ones with empty figures and their
    ``error``); ``failures`` lists each failed scenario's parameters and what went wrong."""

    def __init__(self, message: str, frame: pd.DataFrame, failures: list[tuple[dict[str, Any], str]]) -> None:
        super().__init__(message)
        self.frame = frame
        self.failures = failures


def sweep(chapter: str, scenarios: Iterable[Mapping[str, Any]] | None = None, *, jobs: int | None = None,
          scheduler: Any = None, notebooks: bool = False, timeout: float = 300, texts: bool = False,
          errors: str = "raise", progress: bool | None = None, notebook_dir: Path | None = None,
          **axes: Any) -> pd.DataFrame:
    """The chapter's headline figures (``wiring.headlines``) for every scenario, one row each.

    ``sweep("new_platforms", budget=range(20_000, 500_001, 20_000), case=["low", "high"])`` runs the product
    of the axes (lists, ranges, numpy arrays; a single value is an axis of one); ``scenarios=[{...}, ...]``
    runs exactly those instead. Every scenario is checked before anything runs (a ParameterError with the
    build's message). Columns: each parameter, then each figure in its unit (:mod:`wxshop.sweep.columns`);
    ``texts=True`` adds each figure's text as the prose shows it.

    ``jobs``: local processes (default: every core when the sweep would take more than a couple of
    seconds; 1 runs in this process). ``scheduler``: a Dask scheduler address or ``distributed.Client``
    (default ``DASK_SCHEDULER_ADDRESS`` when set): the same chunks run on the cluster. ``notebooks=True``
    also executes each scenario's notebook (papermill, ``timeout`` seconds each) into ``notebook_dir``
    (default ``_build/sweeps/<chapter>/``) and checks that its glued figures equal the direct computation.

    A scenario that fails does not stop the others: with ``errors="raise"`` (default) a :class:`SweepError`
    names each failed scenario's parameters and carries the whole result; ``errors="keep"`` returns it with
    an ``error`` column instead. ``progress``: a progress bar (default: on long runs).
    """
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, got {errors!r}")
    spec = chapters.spec(chapter)
    found = grid.scenarios(chapter, axes, scenarios)
    values = [s.values for s in found]
    need_texts = texts or notebooks
    results = _direct(chapter, values, need_texts, jobs, scheduler, progress)
    failures: dict[int, str] = {}
    for chunk in results:
        failures.update(chunk.errors)
    figures = [row for chunk in results for row in chunk.figures]
    direct_texts = [row for chunk in results for row in (chunk.texts or [])] if need_texts else None
    if notebooks:
        failures.update(_notebooks(chapter, found, direct_texts or [], failures, jobs, scheduler, timeout,
                                   notebook_dir or run.ROOT / "_build" / "sweeps" / chapter, progress))
        for index in failures:
            figures[index] = None
            if direct_texts is not None:
                direct_texts[index] = None
    metas = columns.merge_metas(chunk.metas for chunk in results)
    keep_errors = errors == "keep" or bool(failures)
    result = columns.frame(spec, values, figures, metas, failures if keep_errors else None,
                           direct_texts if texts else None)
    result.attrs["swept"] = list(axes) if scenarios is None else sorted({k for s in found for k in s.given})
    if failures and errors == "raise":
        failed = [(found[i].given, failures[i]) for i in sorted(failures)]
        shown = "\n".join(f"  {grid.label(given)}: {message}" for given, message in failed[:SHOWN_FAILURES])
        more = f"\n  ... and {len(failed) - SHOWN_FAILURES} more" if len(failed) > SHOWN_FAILURES else ""
        raise SweepError(f"{len(failed)} of {len(found)} scenarios of {chapter} failed (the others' figures are "
                         f"in this error's .frame):\n{shown}{more}", result, failed)
    return result


def _direct(chapter: str, values: list[dict[str, Any]], texts: bool, jobs: int | None, scheduler: Any,
            progress: bool | None) -> list[run.Chunk]:
    """Every scenario's figures: here when the sweep is short, else on the local pool or the cluster."""
    done: list[run.Chunk] = []
    address = run.scheduler_address(scheduler)
    if address is None:
        # Measure on the first scenarios here (the second one is warm): short sweeps stay in this process.
        first = run.evaluate_chunk(chapter, 0, values[:1], texts)
        done.append(first)
        estimate = first.seconds * (len(values) - 1)
        if len(values) > 1:
            second = run.evaluate_chunk(chapter, 1, values[1:2], texts)
            done.append(second)
            estimate = second.seconds * (len(values) - 2)
        start = len(done)
        if start >= len(values):
            return done
        serial = jobs == 1 or (jobs is None and estimate < run.LONG_RUN)
    else:
        start, estimate, serial = 0, float("inf"), False
    rest = len(values) - start
    show = progress if progress is not None else estimate >= run.LONG_RUN
    bar = run.progress_bar(len(values), "scenarios", show)
    bar.update(start)
    if serial:
        for lo, hi in run.chunks(rest, 1, largest=200):
            done.append(run.evaluate_chunk(chapter, start + lo, values[start + lo:start + hi], texts))
            bar.update(hi - lo)
        bar.close()
        return done
    with run.pool(jobs, address) as where:
        digest = run.project_digest() if where.dask else None
        ranges = [(start + lo, start + hi) for lo, hi in run.chunks(rest, where.workers)]

        def submit(lo: int, hi: int) -> Any:
            return where.executor.submit(run.evaluate_chunk, chapter, lo, values[lo:hi], texts, digest)

        def lost(lo: int, hi: int, exc: BaseException) -> run.Chunk:
            message = f"{type(exc).__name__} on {where.where}: {exc}"
            return run.Chunk(lo, [None] * (hi - lo), [None] * (hi - lo) if texts else None,
                             {i: message for i in range(lo, hi)})

        done += run.run_chunks(submit, ranges, bar, lost)
    bar.close()
    return done


def _notebooks(chapter: str, found: list[grid.Scenario], direct_texts: list[dict[str, str] | None],
               failed: dict[int, str], jobs: int | None, scheduler: Any, timeout: float, folder: Path,
               progress: bool | None) -> dict[int, str]:
    """Execute each scenario's notebook (two at a time locally, or on the cluster); return the scenarios whose
    execution failed or whose glued figures differ from the direct computation, with what went wrong."""
    folder.mkdir(parents=True, exist_ok=True)
    todo = [s for s in found if s.index not in failed]
    problems: dict[int, str] = {}
    bar = run.progress_bar(len(todo), "notebooks", progress if progress is not None else True)
    with run.pool(jobs or 2, scheduler, threads=True) as where:
        digest = run.project_digest() if where.dask else None
        executor = where.executor
        if executor is None:
            from concurrent.futures import ThreadPoolExecutor

            executor = ThreadPoolExecutor(max_workers=1)
        futures = {s.index: executor.submit(notebooks.execute_scenario, chapter, s.given, timeout, digest)
                   for s in todo}
        for scenario in todo:
            try:
                executed = futures[scenario.index].result()
            except Exception as exc:  # noqa: BLE001 - this scenario's failure, reported with its parameters
                problems[scenario.index] = f"notebook: {type(exc).__name__}: {exc}"
            else:
                (folder / notebooks.file_name(scenario.given)).write_text(executed["notebook"], encoding="utf-8")
                differ = notebooks.differences(executed["texts"], direct_texts[scenario.index] or {})
                if differ:
                    problems[scenario.index] = ("the executed notebook's figures differ from the direct "
                                                f"computation: {differ}")
            bar.update(1)
        if where.executor is None:
            executor.shutdown()
    bar.close()
    return problems
