"""Print the test suite's time, in all and by marker.

    .venv/bin/python benchmarks/test_times.py            (or: make benchmark-tests) runs the suite as
                                                          `make test` does, then prints the figures
    .venv/bin/python benchmarks/test_times.py --last     prints the figures of the last run

Every run of the suite (make test, make test-fast, a single file) writes its figures to
``_build/test-times.json`` (tests/conftest.py); this prints them as a table. A test counts under each
of its markers; with several workers, the time in tests adds up across workers and exceeds the wall time.
Prints figures; asserts nothing (the goal, at most 10 minutes for `make test` on 2 cores, lives here).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMES = ROOT / "_build" / "test-times.json"
GOAL_S = 600
MARKERS = ("fast", "site", "browser", "pipeline", "notebook", "lab", "checker", "slow", "all")


def main(argv: list[str]) -> int:
    status = 0
    if "--last" not in argv:
        started = time.perf_counter()
        status = subprocess.call([sys.executable, "-m", "pytest", "tests", "-q", "-n", "2", "--dist", "loadscope",
                                  *[a for a in argv if a != "--last"]], cwd=ROOT)
        print(f"pytest wall time (this run): {time.perf_counter() - started:.0f} s")
    figures = json.loads(TIMES.read_text())
    print(f"\nsuite wall time: {figures['wall_s']:.0f} s ({figures['wall_s'] / 60:.1f} min; goal for make test: "
          f"{GOAL_S / 60:.0f} min on 2 cores, with the book and the PDF built)")
    print(f"{'marker':10} {'tests':>6} {'time in tests':>14}")
    for mark in MARKERS:
        if figures["tests"].get(mark):
            print(f"{mark:10} {figures['tests'][mark]:6} {figures['seconds'][mark]:12.1f} s")
    modules = sorted(figures.get("modules", {}).items(), key=lambda item: -item[1])
    if modules:
        print(f"\n{'module':36} {'time in tests':>14}")
        for name, seconds in modules[:12]:
            print(f"{Path(name).stem:36} {seconds:12.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
