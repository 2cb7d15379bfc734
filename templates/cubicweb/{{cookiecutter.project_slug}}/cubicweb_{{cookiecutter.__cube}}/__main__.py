"""The project's commands, run as ``python -m <this package> COMMAND``.

- ``setup``: create the instance and its database when missing (idempotent).
- ``dev``: ``setup``, then the development server (waitress, reloading on code changes).
- ``shell [SCRIPT]``: ``cubicweb-ctl shell`` on the instance: a Python shell with ``rql()``.
- ``ctl ARGS...``: any ``cubicweb-ctl`` command, with this project's environment.
"""

import argparse
import os
import sys

from .settings import ConfigError, Settings, prepare_environment

PACKAGE = "cubicweb_{{ cookiecutter.__cube }}"


def _prepare(*, require_secret: bool = False) -> Settings:
    try:
        return prepare_environment(require_secret=require_secret)
    except ConfigError as error:
        raise SystemExit(f"configuration error: {error}") from error


def setup() -> Settings:
    """Create the instance and its database when they are missing."""
    settings = _prepare()
    from .instance import ensure_instance

    ensure_instance(settings)
    return settings


def serve_dev() -> None:
    """Serve the application with waitress, in development mode (run by hupper's worker)."""
    import waitress

    from .wsgi import make_app

    settings = _prepare(require_secret=True)
    waitress.serve(make_app(debug=True), host=settings.host, port=settings.port, threads=4)


def dev() -> None:
    """Set up, then serve with reloading: hupper restarts the server when a file changes."""
    os.environ.setdefault("DEBUG", "true")
    setup()
    import hupper

    hupper.start_reloader(f"{PACKAGE}.__main__.serve_dev")
    serve_dev()


def ctl(*args: str) -> None:
    """Replace this process with ``cubicweb-ctl ARGS`` in the project's environment."""
    _prepare()
    os.execv(sys.executable, [sys.executable, "-m", "cubicweb", *args])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog=f"python -m {PACKAGE}",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup", help="create the instance and its database when missing")
    commands.add_parser("dev", help="set up, then run the development server")
    shell = commands.add_parser("shell", help="cubicweb-ctl shell on the instance")
    shell.add_argument("script", nargs="*", help="a Python script to run instead of a prompt")
    passthrough = commands.add_parser("ctl", help="any cubicweb-ctl command")
    passthrough.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    if options.command == "setup":
        setup()
    elif options.command == "dev":
        dev()
    elif options.command == "shell":
        settings = setup()
        ctl("shell", settings.instance, *options.script)
    else:
        ctl(*options.args)


if __name__ == "__main__":
    main()
