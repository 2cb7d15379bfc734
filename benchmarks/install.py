"""Time `scaffold new --install` followed by the project's own tests: uv (the default) vs pip.

Goal: at most 10 s on the default path (uv, which scaffold brings), package caches
warm (the warm-up run of each side fills them). pip is the path SCAFFOLD_INSTALLER=pip
chooses; ``--pip NAME ...`` runs it for those templates only (a pip run takes minutes:
every template's would take most of an hour). scaffold is installed from a wheel into
.cache/bench-wheel.
"""

from __future__ import annotations

import json
import shlex

from timing import Pair, arguments, compare, scratch, templates_of, wheel_bin


def main() -> None:
    """Time each template's uv and pip runs alternately and print (or write) the table."""
    args = arguments(
        __doc__,
        runs=2,
        extra=lambda parser: parser.add_argument(
            "--pip", nargs="*", metavar="NAME", help="time pip for these templates only"
        ),
    )
    pip_for = None if args.pip is None else set(args.pip)
    bindir = wheel_bin(rebuild=args.rebuild, ref=args.ref)
    templates, names = templates_of(bindir, args.only)
    with scratch() as (out, fresh):

        def run(name: str, installer: str) -> list[str]:
            config = json.loads((templates / name / "cookiecutter.json").read_text())
            new = [str(bindir / "scaffold"), "new", "bench", "--framework", name, "--no-input"]
            new += ["--install", "--output-dir", str(out)]
            project = shlex.quote(str(out / "bench"))
            test = f'PATH="$PWD/.venv/bin:$PATH" {config["__test_command"]}'
            return [
                "sh",
                "-c",
                f"SCAFFOLD_INSTALLER={installer} {shlex.join(new)} && cd {project} && {test}",
            ]

        pairs = [
            Pair(
                f"`new --framework {name} --install` + its tests: uv vs pip",
                run(name, "uv"),
                run(name, "pip") if pip_for is None or name in pip_for else None,
                before=fresh,
                goal="uv <= 10 s",
            )
            for name in names
        ]
        compare(pairs, runs=args.runs, readme_block="install" if args.readme else None)


if __name__ == "__main__":
    main()
