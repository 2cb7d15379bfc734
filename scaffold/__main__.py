"""The ``scaffold`` program and ``python -m scaffold``: quick commands at once, the rest to Typer.

Answering ``--version`` here spares it the command line's imports (Typer, rich);
``list`` and ``info`` run without Typer (scaffold.quick).
"""

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--version"]:
        from scaffold import __version__

        sys.stdout.write(f"scaffold {__version__}\n")
        return
    from scaffold.quick import run

    code = run(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from scaffold.cli import app

    app(prog_name="scaffold")


if __name__ == "__main__":
    main()
