"""Whole-process wall-clock timing, side by side: alternating pairs, medians and min-max."""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: The virtual environment scaffold is installed into from a wheel, as a user gets it.
WHEEL_VENV = REPO / ".cache" / "bench-wheel"
README = REPO / "README.md"
#: The environment commands are timed in: this one, without what a user's shell would not
#: have (a CI image's PYTHONDONTWRITEBYTECODE makes every process compile from source).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Pair:
    """A scaffold command and the command a user would run instead."""

    label: str
    ours: Sequence[str]
    theirs: Sequence[str] | None  # None: scaffold's command alone, against its goal
    before: Callable[[], None] | None = None
    goal: str = ""


@dataclass(frozen=True)
class Timing:
    """The samples of one pair, in seconds: wall-clock time and CPU time (user + system)."""

    pair: Pair
    ours: tuple[float, ...]
    theirs: tuple[float, ...]
    ours_cpu: tuple[float, ...]
    theirs_cpu: tuple[float, ...]

    def row(self) -> str:
        """Return the pair's Markdown table row: medians, min-max and the ratios of medians."""
        ours = statistics.median(self.ours)
        if not self.theirs:
            cpu = statistics.median(self.ours_cpu)
            return (
                f"| {self.pair.label} | {_spread(self.ours)} | not run | - | - "
                f"| {1000 * cpu:.0f} ms CPU | {self.pair.goal} |"
            )
        theirs = statistics.median(self.theirs)
        cpu = statistics.median(self.ours_cpu) / statistics.median(self.theirs_cpu)
        return (
            f"| {self.pair.label} | {_spread(self.ours)} | {_spread(self.theirs)} "
            f"| {ours / theirs:.2f}x | {1000 * (ours - theirs):+.0f} ms | {cpu:.2f}x "
            f"| {self.pair.goal} |"
        )


def _spread(samples: Sequence[float]) -> str:
    median, low, high = (1000 * x for x in (statistics.median(samples), min(samples), max(samples)))
    return f"{median:.0f} ms ({low:.0f}-{high:.0f})"


def run_once(
    command: Sequence[str], before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Run ``command`` once, output discarded, no standard input; return wall and CPU time."""
    if before:
        before()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=USER_ENV
    )
    wall = time.perf_counter() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime


def time_pair(pair: Pair, *, runs: int) -> Timing:
    """Time ``pair`` alternately (ours, theirs, theirs, ours, ...) after one warm-up each."""
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    order = [(pair.ours, ours), *([(pair.theirs, theirs)] if pair.theirs else [])]
    for command, _ in order:
        run_once(command, pair.before)
    for attempt in range(runs):
        for command, samples in order if attempt % 2 == 0 else reversed(order):
            samples.append(run_once(command, pair.before))
    return Timing(
        pair,
        tuple(wall for wall, _ in ours),
        tuple(wall for wall, _ in theirs),
        tuple(cpu for _, cpu in ours),
        tuple(cpu for _, cpu in theirs),
    )


def header(runs: int) -> str:
    """Return the line that says when, where and under what load the table was measured."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, {runs} alternating pairs after one warm-up each, "
        f"load average {load} at the end."
    )


def compare(pairs: Sequence[Pair], *, runs: int, readme_block: str | None = None) -> None:
    """Time each pair, print a Markdown table row by row, and write it into README if asked."""
    head = [
        "| command | scaffold: median (min-max) | alternative: median (min-max) "
        "| ratio | difference | CPU ratio | goal |",
        "|---|---|---|---|---|---|---|",
    ]
    print("\n".join(head), flush=True)
    rows = []
    for pair in pairs:
        rows.append(time_pair(pair, runs=runs).row())
        print(rows[-1], flush=True)
    table = "\n".join([header(runs), "", *head, *rows])
    print(f"\n{header(runs)}")
    if readme_block:
        write_readme(readme_block, table)


def write_readme(block: str, table: str) -> None:
    """Replace README's text between ``<!-- bench:BLOCK -->`` and ``<!-- /bench:BLOCK -->``."""
    start, end = f"<!-- bench:{block} -->", f"<!-- /bench:{block} -->"
    text = README.read_text(encoding="utf-8")
    head, found, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not (found and found_end):
        sys.exit(f"README.md has no {start} ... {end} block")
    README.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")


def wheel_bin(*, rebuild: bool, ref: str | None = None) -> Path:
    """Return the bin folder of a venv holding scaffold installed from a wheel of this tree.

    ``ref`` builds the wheel from that git commit instead (say, the one before a change).
    """
    venv = WHEEL_VENV.with_name(f"{WHEEL_VENV.name}-{ref}") if ref else WHEEL_VENV
    bindir = venv / "bin"
    if (bindir / "scaffold").exists() and not rebuild:
        return bindir
    uv = [sys.executable, "-m", "uv"]
    work = Path(tempfile.mkdtemp(prefix="scaffold-wheel-"))
    try:
        source = REPO
        if ref:
            source = work / "source"
            source.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", ref], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        subprocess.run([*uv, "build", "-q", "--wheel", "-o", str(work), str(source)], check=True)
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([*uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
        wheel = next(work.glob("*.whl"))
        python = str(bindir / "python")
        install = ["pip", "install", "-q", "--compile-bytecode", "--python", python, str(wheel)]
        subprocess.run([*uv, *install], check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return bindir


def templates_of(bindir: Path, only: Sequence[str] | None) -> tuple[Path, list[str]]:
    """Return the templates folder of the venv of ``bindir`` and the templates' names.

    ``only`` keeps those names alone.
    """
    folder = next((bindir.parent / "lib").glob("python*/site-packages/scaffold/templates"))
    names = sorted(p.name for p in folder.iterdir() if (p / "cookiecutter.json").is_file())
    return folder, [name for name in names if not only or name in only]


@contextlib.contextmanager
def scratch() -> Iterator[tuple[Path, Callable[[], None]]]:
    """Yield an output folder and a function that empties it; remove it all at the end."""
    work = Path(tempfile.mkdtemp(prefix="scaffold-bench-"))
    out = work / "out"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    try:
        yield out, fresh
    finally:
        shutil.rmtree(work, ignore_errors=True)


def arguments(
    doc: str | None, runs: int, extra: Callable[[argparse.ArgumentParser], object] | None = None
) -> argparse.Namespace:
    """Parse the options every benchmark takes, and those ``extra`` adds."""
    parser = argparse.ArgumentParser(description=doc)
    if extra:
        extra(parser)
    parser.add_argument("--runs", type=int, default=runs, help="alternating pairs per command")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the wheel venv first")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--ref", help="time scaffold as of this git commit instead")
    parser.add_argument("--only", nargs="*", help="only these templates (new, install)")
    return parser.parse_args()
