"""Time `scaffold new` against plain `cookiecutter --no-input` on the same template, every one.

Goal: scaffold at most 0.6x cookiecutter, into a fresh folder each run, warm-up
excluded on both sides. scaffold is installed from a wheel into .cache/bench-wheel;
cookiecutter renders the very templates that wheel holds.
"""

from __future__ import annotations

from timing import Pair, arguments, compare, scratch, templates_of, wheel_bin


def main() -> None:
    """Time each template's pair and print (or write) the table."""
    args = arguments(__doc__, runs=11)
    bindir = wheel_bin(rebuild=args.rebuild, ref=args.ref)
    templates, names = templates_of(bindir, args.only)
    scaffold, cookiecutter = str(bindir / "scaffold"), str(bindir / "cookiecutter")
    with scratch() as (out, fresh):
        common = ["--no-input", "--no-git", "--output-dir", str(out)]
        pairs = [
            Pair(
                f"`new --framework {name}` vs `cookiecutter --no-input`",
                [scaffold, "new", "bench", "--framework", name, *common],
                [cookiecutter, "--no-input", str(templates / name), "-o", str(out)],
                before=fresh,
                goal="<= 0.6x",
            )
            for name in names
        ]
        compare(pairs, runs=args.runs, readme_block="generate" if args.readme else None)


if __name__ == "__main__":
    main()
