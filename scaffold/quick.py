"""The read-only commands list and info, and the error boundary, without importing Typer.

``scaffold list`` and ``scaffold info NAME`` (with or without ``--json``) run from here
straight away; every other command line goes through Typer (scaffold.cli), which
calls the same functions, so both paths print the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from scaffold import ui
from scaffold.errors import ScaffoldError


def report(error: BaseException) -> int | None:
    """Say what went wrong in one line on stderr; return the exit code (None: let it rise)."""
    if isinstance(error, ScaffoldError):
        ui.error(str(error))
        return error.exit_code
    if isinstance(error, KeyboardInterrupt | EOFError):
        ui.error("Interrupted: nothing was written.")
        return 130
    if not isinstance(error, Exception) or os.environ.get("SCAFFOLD_DEBUG"):
        return None
    ui.error(
        f"Unexpected error: {type(error).__name__}: {error}. "
        "Set SCAFFOLD_DEBUG=1 to see the traceback, and please report it."
    )
    return 1


def list_templates(*, as_json: bool) -> None:
    """List the frameworks that have a template, with their options."""
    from scaffold.catalog import load_catalog
    from scaffold.template import discover

    known = {f.name: f for f in load_catalog().frameworks}
    rows = [(t, known.get(t.name)) for t in discover()]
    if as_json:
        ui.emit_json(
            [
                {
                    "name": t.name,
                    "title": f.title if f else t.name,
                    "kind": f.kind if f else None,
                    "summary": f.summary if f else None,
                    "options": [o.to_dict() for o in t.options],
                }
                for t, f in rows
            ]
        )
    else:
        ui.show_templates(rows)


def info(framework: str, *, as_json: bool) -> None:
    """Show the article's profile of a framework and its template's options."""
    from scaffold.catalog import load_catalog
    from scaffold.template import template_named

    profile = load_catalog().framework(framework)
    template = template_named(profile.name)
    if as_json:
        data = profile.to_dict()
        data["template"] = (
            {"options": [o.to_dict() for o in template.options]} if template else None
        )
        ui.emit_json(data)
    else:
        ui.show_info(profile, template)


def quick_command(args: Sequence[str]) -> Callable[[], None] | None:
    """Return the command ``args`` ask for when it is list or info in a plain form, else None."""
    words = [arg for arg in args[1:] if not arg.startswith("-")]
    flags = {arg for arg in args[1:] if arg.startswith("-")}
    if not args or not flags <= {"--json"}:
        return None
    as_json = bool(flags)
    if args[0] == "list" and not words:
        return lambda: list_templates(as_json=as_json)
    if args[0] == "info" and len(words) == 1:
        return lambda: info(words[0], as_json=as_json)
    return None


def run(args: Sequence[str]) -> int | None:
    """Run ``args`` here when they are a quick command; return its exit code, else None."""
    command = quick_command(args)
    if command is None:
        return None
    from scaffold.signals import terminate_as_interrupt

    terminate_as_interrupt()
    try:
        command()
    except BaseException as error:
        code = report(error)
        if code is None:
            raise
        return code
    return 0
