"""Print how fast scenario sweeps run: scenarios per second, direct and (optionally) on a Dask cluster.

    .venv/bin/python benchmarks/sweep.py                 10,000 scenarios of new_platforms (4.3), local
    .venv/bin/python benchmarks/sweep.py --count 2000 --every-chapter
    .venv/bin/python benchmarks/sweep.py --dask          also on a 2-worker LocalCluster (loopback)

Times the whole call of ``wxshop.sweep.sweep`` (checking the grid, running it on the default local pool,
assembling the DataFrame), prints the machine's load average before and after (a shared machine inflates
the figures) and the CPU seconds the run used. Asserts nothing; the goal is 10,000 direct scenarios in at
most 10 s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import os
import resource
import time

GOAL_SCENARIOS, GOAL_SECONDS = 10_000, 10.0


def grid(chapter: str, count: int) -> dict[str, list]:
    """About ``count`` scenarios of the chapter: its first numeric parameters across their ranges."""
    from wxshop import chapters
    from wxshop.sweep.ranges import values_across

    if chapter == "new_platforms":  # the issue's own example: budgets x cases x objectives x KOL trust
        budgets = max(1, -(-count // (3 * 3 * 11)))  # at least count scenarios
        return {"budget": [10_000 * (k + 1) for k in range(budgets)], "case": ["low", "mid", "high"],
                "objective": ["reach", "engagements", "conversions"],
                "kol_trust": [round(0.1 * k, 2) for k in range(11)][1:] + [0.05]}
    spec = chapters.spec(chapter)
    numbers = [p for p in spec.params if p.kind == "number" and not p.optional][:2]
    if not numbers:
        return {}
    per = max(2, round(count ** (1 / len(numbers))))
    axes = {}
    for param in numbers:
        values = values_across(param, per)
        default = spec.defaults()[param.name]
        axes[param.name] = [v for v in values if _allowed(spec, param.name, v)][:per] or [default]
    return axes


def _allowed(spec, name, value) -> bool:
    from wxshop.params import ParameterError

    try:
        spec.validate(**{name: value})
        return True
    except ParameterError:
        return False


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def timed(chapter: str, axes: dict, **options) -> tuple[int, float, float]:
    from wxshop.sweep import sweep

    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    frame = sweep(chapter, progress=False, **axes, **options)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    return len(frame), seconds, cpu


def report(what: str, count: int, seconds: float, cpu: float | None = None) -> None:
    used = "" if cpu is None else f" ({cpu / count * 1000:.2f} ms CPU each)"
    print(f"{what:44} {count:6d} scenarios in {seconds:6.2f} s = {count / seconds:7.0f} scenarios/s{used}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=GOAL_SCENARIOS, help="scenarios per sweep (about)")
    parser.add_argument("--every-chapter", action="store_true", help="every chapter, not only new_platforms")
    parser.add_argument("--dask", action="store_true", help="also on a 2-worker Dask LocalCluster")
    args = parser.parse_args()
    from wxshop import chapters
    from wxshop.sweep import sweep

    print(f"{os.cpu_count()} cores; {load()}", flush=True)
    stems = chapters.names() if args.every_chapter else ["new_platforms"]
    for stem in stems:
        sweep(stem, jobs=1)  # imports and the data read once, as in a session that has already swept
        axes = grid(stem, args.count)
        count, seconds, cpu = timed(stem, axes)
        report(f"{stem}, direct, default local pool", count, seconds, cpu)
        if stem == "new_platforms" and count >= GOAL_SCENARIOS:
            verdict = "within" if seconds <= GOAL_SECONDS else "OVER"
            print(f"  goal: {GOAL_SCENARIOS} scenarios in <= {GOAL_SECONDS:g} s: {verdict} ({load()})", flush=True)
    if args.dask:
        from distributed import LocalCluster

        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            print(f"LocalCluster of 2 workers up in {time.perf_counter() - started:.1f} s", flush=True)
            for stem in stems:
                axes = grid(stem, args.count)
                sweep(stem, scheduler=cluster.scheduler_address, progress=False, **axes)  # workers warm
                count, seconds, _cpu = timed(stem, axes, scheduler=cluster.scheduler_address)
                report(f"{stem}, direct, Dask LocalCluster (warm)", count, seconds)  # workers' CPU is theirs
    print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
