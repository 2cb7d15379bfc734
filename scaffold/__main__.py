"""The ``scaffold`` program and ``python -m scaffold``: --version at once, the rest to the CLI.

Answering ``--version`` here spares it the command line's imports (Typer, rich).
"""

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--version"]:
        from scaffold import __version__

        sys.stdout.write(f"scaffold {__version__}\n")
        return
    from scaffold.cli import app

    app(prog_name="scaffold")


if __name__ == "__main__":
    main()
