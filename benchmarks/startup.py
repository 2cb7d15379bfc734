"""Time scaffold's quick commands against `cookiecutter --help` and `python -c pass`.

Goals: list, info and --help at most 0.5x `cookiecutter --help`; --version within
60 ms of `python -c pass`. scaffold is installed from a wheel into .cache/bench-wheel.
"""

from __future__ import annotations

from timing import Pair, arguments, compare, wheel_bin


def main() -> None:
    """Time each command against its alternative and print (or write) the table."""
    args = arguments(__doc__, runs=21)
    bindir = wheel_bin(rebuild=args.rebuild, ref=args.ref)
    scaffold, cookiecutter = str(bindir / "scaffold"), str(bindir / "cookiecutter")
    cookiecutter_help = [cookiecutter, "--help"]
    half = "<= 0.5x"
    pairs = [
        Pair("`scaffold --help` vs `cookiecutter --help`", [scaffold, "--help"],
             cookiecutter_help, goal=half),
        Pair("`scaffold list` vs `cookiecutter --help`", [scaffold, "list"],
             cookiecutter_help, goal=half),
        Pair("`scaffold info django` vs `cookiecutter --help`", [scaffold, "info", "django"],
             cookiecutter_help, goal=half),
        Pair("`scaffold --version` vs `python -c pass`", [scaffold, "--version"],
             [str(bindir / "python"), "-c", "pass"], goal="<= +60 ms"),
    ]  # fmt: skip
    compare(pairs, runs=args.runs, readme_block="startup" if args.readme else None)


if __name__ == "__main__":
    main()
