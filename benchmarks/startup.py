"""Time scaffold's read-only commands against `cookiecutter --help` (goal: list <= 0.7x)."""

from __future__ import annotations

import argparse

from timing import BIN, Pair, compare


def main() -> None:
    """Parse --runs and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cookiecutter_help = [str(BIN / "cookiecutter"), "--help"]
    scaffold = str(BIN / "scaffold")
    compare(
        [
            Pair("scaffold --help", [scaffold, "--help"], cookiecutter_help),
            Pair("scaffold list", [scaffold, "list"], cookiecutter_help),
            Pair("scaffold info django", [scaffold, "info", "django"], cookiecutter_help),
        ],
        runs=runs,
    )


if __name__ == "__main__":
    main()
