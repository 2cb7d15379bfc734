"""Jinja's sandbox for templates from elsewhere: no escape, no code, nothing written outside."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from scaffold.errors import UsageError, shown

#: Extensions that are part of cookiecutter or Jinja, not code from the template.
SAFE_EXTENSIONS = frozenset(
    {
        "cookiecutter.extensions.JsonifyExtension",
        "cookiecutter.extensions.RandomStringExtension",
        "cookiecutter.extensions.SlugifyExtension",
        "cookiecutter.extensions.TimeExtension",
        "cookiecutter.extensions.UUIDExtension",
        "jinja2_time.TimeExtension",
        "jinja2.ext.do",
        "jinja2.ext.loopcontrols",
        "jinja2.ext.i18n",
        "jinja2.ext.debug",
    }
)
#: Environment settings a template may choose: syntax and whitespace, nothing that loads code.
SAFE_ENV_VARS = frozenset(
    {
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
        "line_statement_prefix",
        "line_comment_prefix",
        "trim_blocks",
        "lstrip_blocks",
        "newline_sequence",
        "keep_trailing_newline",
    }
)


def local_extensions(config: Mapping[str, Any]) -> list[str]:
    """Return the ``_extensions`` of a cookiecutter.json that are not cookiecutter's or Jinja's."""
    listed = config.get("_extensions") or []
    return [str(name) for name in listed if str(name) not in SAFE_EXTENSIONS]


def _sandboxed_class() -> type:
    from cookiecutter.environment import ExtensionLoaderMixin

    class SandboxedStrictEnvironment(ExtensionLoaderMixin, ImmutableSandboxedEnvironment):
        """cookiecutter's StrictEnvironment, in Jinja's immutable sandbox."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(undefined=StrictUndefined, **kwargs)

    return SandboxedStrictEnvironment


def environment(context: Mapping[str, Any], *, trusted: bool) -> Any:
    """Return the Jinja environment for ``context``: sandboxed unless ``trusted``."""
    from cookiecutter.environment import StrictEnvironment

    values = dict(context.get("cookiecutter", {}))
    env_vars = dict(values.get("_jinja2_env_vars") or {})
    if not trusted:
        env_vars = {key: value for key, value in env_vars.items() if key in SAFE_ENV_VARS}
        values["_extensions"] = [
            name for name in values.get("_extensions") or [] if name in SAFE_EXTENSIONS
        ]
    cls = StrictEnvironment if trusted else _sandboxed_class()
    return cls(context={"cookiecutter": values}, keep_trailing_newline=True, **env_vars)


@contextlib.contextmanager
def rendering_with(make_env: Any) -> Iterator[None]:
    """Make cookiecutter's file generation use ``make_env(context)`` for its environment."""
    from cookiecutter import generate

    real = generate.create_env_with_context
    generate.create_env_with_context = make_env
    try:
        yield
    finally:
        generate.create_env_with_context = real


def where(traceback: TracebackType | None) -> tuple[str, int] | None:
    """Return the template file and line a Jinja error was raised from, if it was a file."""
    found = None
    while traceback is not None:
        name = traceback.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            found = (name, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def refuse_escape(
    error: SecurityError, *, template: Path, unknown: str = "a file or folder name"
) -> UsageError:
    """Return the error to raise for a template that tried to leave the sandbox.

    It names the template file and line, relative to ``template``, or ``unknown``.
    """
    found = where(error.__traceback__)
    place = unknown
    if found:
        name, line = found
        place = f"{_inside(name, template)}, line {line}"
    return UsageError(
        f"The template tried to leave Jinja's sandbox ({place}: {shown(str(error))}). "
        "Nothing was written. Read the template; pass --trust only if you trust its author."
    )


def _inside(name: str, template: Path) -> str:
    """Return a template file's name relative to the template, when it can be."""
    if not os.path.isabs(name):
        return name
    try:
        return os.path.relpath(name, template)
    except ValueError:  # on Windows, another drive
        return name


_SYNTAX = ("{{", "{%", "{#")


def confined(name: str) -> bool:
    """Return whether a rendered relative path stays inside the project."""
    path = PurePosixPath(name.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts


def check_names(project_template: Path, env: Any, context: Mapping[str, Any]) -> None:
    """Render every file and folder name of the template; refuse any that leaves the project.

    cookiecutter renders each name as a whole relative path and joins it to the
    project folder, so a name rendering ``../x`` or ``/x`` would write elsewhere.
    """
    top = env.from_string(project_template.name).render(**context)
    if not top or not confined(top) or len(PurePosixPath(top).parts) != 1:
        raise UsageError(
            f'The template\'s project folder renders to "{shown(top)}", which is not a '
            "plain folder name. Nothing was written."
        )
    if any(marker in top for marker in _SYNTAX):
        raise UsageError(
            f'The project folder would be named "{shown(top)}": cookiecutter renders that '
            "path again as a template, so a value would run as template code. Choose values "
            "without {{, {% or {#."
        )
    for path in project_template.rglob("*"):
        relative = path.relative_to(project_template).as_posix()
        rendered = env.from_string(relative).render(**context)
        if not confined(rendered):
            raise UsageError(
                f'The template\'s {relative} renders to "{shown(rendered)}", outside the '
                "project. Nothing was written."
            )
