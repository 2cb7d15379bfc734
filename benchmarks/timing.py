"""Whole-process wall-clock timing: the median of several runs of a command, side by side."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Pair:
    """A scaffold command and the command a user would run instead."""

    label: str
    ours: Sequence[str]
    theirs: Sequence[str]
    before: Callable[[], None] | None = None


def median_seconds(
    command: Sequence[str], *, runs: int, before: Callable[[], None] | None = None
) -> float:
    """Run ``command`` ``runs`` times (after one warm-up) and return the median wall time."""
    samples = []
    for attempt in range(runs + 1):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        if attempt:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def compare(pairs: Sequence[Pair], *, runs: int) -> None:
    """Time each pair alternately and print a Markdown table with the ratio."""
    print(f"median of {runs} runs, whole process, {sys.platform}, Python {sys.version.split()[0]}")
    print("| command | scaffold | alternative | ratio |")
    print("|---|---|---|---|")
    for pair in pairs:
        ours = median_seconds(pair.ours, runs=runs, before=pair.before)
        theirs = median_seconds(pair.theirs, runs=runs, before=pair.before)
        ratio = ours / theirs
        print(f"| {pair.label} | {ours * 1000:.0f} ms | {theirs * 1000:.0f} ms | {ratio:.2f}x |")
