"""scaffold as a library: recommend a framework, generate, update and check projects.

Every function is typed, keyword-only after its subject, prints nothing and raises
``scaffold.errors.ScaffoldError`` subclasses (each with its exit code, and data
attributes where they help). The command line is a thin layer over this module;
the other modules are internal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffold.errors import UnknownFrameworkError, UsageError

if TYPE_CHECKING:
    from scaffold.catalog import Catalog
    from scaffold.generate import Result
    from scaffold.generate.foreign import Ask
    from scaffold.recommend import Recommendation
    from scaffold.template import Template
    from scaffold.update import UpdateResult

__all__ = [
    "check",
    "init_git",
    "install",
    "new",
    "new_from_template",
    "recommend",
    "template_for",
    "templates",
    "update",
]


def _catalog() -> Catalog:
    from scaffold.catalog import load_catalog

    return load_catalog()


def templates() -> list[str]:
    """Return the frameworks of the catalog that have a template, in the article's order."""
    from scaffold.template import discover

    found = {template.name for template in discover()}
    return [framework.name for framework in _catalog().frameworks if framework.name in found]


def template_for(framework: str) -> Template:
    """Return the template of ``framework``; say so when the article's framework has none yet."""
    from scaffold.template import find_template

    try:
        return find_template(framework)
    except UnknownFrameworkError:
        profile = next(
            (f for f in _catalog().frameworks if f.name == framework.strip().lower()), None
        )
        if profile is None:
            raise
        raise UsageError(
            f"{profile.title} has no template yet (see scaffold info {profile.name}). "
            "Run scaffold list for the templates."
        ) from None


def recommend(answers: Mapping[str, str] | None = None) -> Recommendation:
    """Rank every framework of the article for ``answers`` (question key -> answer)."""
    from scaffold.questionnaire import parse_pairs
    from scaffold.recommend import recommend as rank

    catalog = _catalog()
    given = parse_pairs([f"{key}={value}" for key, value in (answers or {}).items()], catalog)
    return rank(given, catalog, templates=templates())


def new(
    name: str,
    *,
    framework: str,
    options: Mapping[str, str] | None = None,
    answers: Mapping[str, str] | None = None,
    recommendation: Mapping[str, Any] | None = None,
    output_dir: Path = Path("."),
    force: bool = False,
    dry_run: bool = False,
) -> Result:
    """Generate project ``name`` from ``framework``'s built-in template into ``output_dir``.

    ``answers`` (the questionnaire's) preselect the options they imply; ``options``
    always win. Both, and ``recommendation``, are recorded in ``.scaffold.json``.
    """
    from scaffold.generate import Provenance, generate
    from scaffold.names import validate_name
    from scaffold.questionnaire import implied_options

    template = template_for(framework)
    project = validate_name(name, reserved=template.reserved_names)
    choices = {option.name: option.choices for option in template.options}
    implied = implied_options(answers, _catalog(), choices) if answers else {}
    return generate(
        template,
        project,
        options={**implied, **(options or {})},
        output_dir=output_dir,
        force=force,
        dry_run=dry_run,
        provenance=Provenance(dict(answers or {}), recommendation),
    )


def new_from_template(
    name: str,
    *,
    source: str,
    checkout: str | None = None,
    directory: str | None = None,
    options: Mapping[str, str] | None = None,
    output_dir: Path = Path("."),
    trust: bool = False,
    no_hooks: bool = False,
    force: bool = False,
    dry_run: bool = False,
    ask: Ask | None = None,
) -> Result:
    """Generate project ``name`` from any cookiecutter template, sandboxed unless ``trust``.

    ``source`` is a folder, a git URL, a zip or a ``gh:``/``gl:``/``bb:`` name;
    ``ask`` answers the template's variables not in ``options`` (None: defaults).
    """
    from scaffold.generate.foreign import generate_foreign, load
    from scaffold.names import validate_name
    from scaffold.sources import fetched

    if trust and no_hooks:
        raise UsageError("Give either --trust or --no-hooks, not both.")
    project = validate_name(name)
    with fetched(source, checkout=checkout, directory=directory) as where:
        foreign = load(where, options=options or {})
        return generate_foreign(
            foreign,
            project,
            options=options or {},
            output_dir=output_dir,
            trust=trust,
            no_hooks=no_hooks,
            force=force,
            dry_run=dry_run,
            ask=ask,
        )


def update(
    path: Path, *, options: Mapping[str, str] | None = None, dry_run: bool = False
) -> UpdateResult:
    """Merge the current template, or changed ``options``, into the project at ``path``."""
    from scaffold.update import update as run_update

    return run_update(path, options=options, dry_run=dry_run)


def check(path: Path) -> UpdateResult:
    """Return what ``update`` would do for the project at ``path``, changing nothing."""
    from scaffold.update import check as run_check

    return run_check(path)


def init_git(path: Path) -> str:
    """Make the new project at ``path`` a git repository whose first commit is its render."""
    from scaffold.postgen import init_git as make_repository

    return make_repository(path)


def install(result: Result, *, progress: Callable[[str], None] | None = None) -> None:
    """Create the project's ``.venv`` and install it with its dev extra (uv, else pip).

    ``progress`` is told each line the installer prints, as it prints it.
    """
    from scaffold.postgen import install as install_project

    if not result.commands:
        raise UsageError("The template says nothing of how to install its project.")
    install_project(
        result.path,
        python_version=result.options.get("python_version", ""),
        command=result.commands["install"],
        progress=progress,
    )
