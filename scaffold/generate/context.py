"""Build cookiecutter's context with every user value as data, never as template code."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from scaffold.generate.shortcuts import renders_as_is
from scaffold.names import ProjectName
from scaffold.template import NAME_KEY, Template

_DERIVED = {"project_slug": "slug", "package_name": "package"}


@contextlib.contextmanager
def importable(folder: Path) -> Iterator[None]:
    """Let cookiecutter import a template's local Jinja extensions, as it does itself."""
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(str(folder))


def build_context(
    template: Template, name: ProjectName, options: Mapping[str, str]
) -> dict[str, Any]:
    """Return cookiecutter's context with every user value as data, never as template code.

    Cookiecutter's own prompt stage renders every value, user-supplied ones included,
    as Jinja. Here only the template's own defaults are rendered; user values pass
    through untouched and reach the files through the template's escaping filters.
    """
    from cookiecutter.environment import StrictEnvironment

    values: dict[str, Any] = {}
    with importable(template.path):
        env = StrictEnvironment(context={"cookiecutter": dict(template.config)})
        for key, raw in template.config.items():
            if key == NAME_KEY:
                values[key] = name.name
            elif key in _DERIVED:
                values[key] = getattr(name, _DERIVED[key])
            elif key in options:
                values[key] = options[key]
            elif (key.startswith("_") and not key.startswith("__")) or key == "__prompts__":
                values[key] = raw
            elif isinstance(raw, list):
                values[key] = raw[0]
            elif isinstance(raw, str) and renders_as_is(env, raw):
                values[key] = raw  # what Jinja would render, without compiling it
            elif isinstance(raw, str):
                values[key] = env.from_string(raw).render(cookiecutter=values)
            else:
                values[key] = raw
    values["_template"] = str(template.path)
    return {"cookiecutter": values}
