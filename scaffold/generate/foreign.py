"""Templates from elsewhere: variables answered as cookiecutter asks them, rendered in the sandbox.

Unlike cookiecutter, a user's value is never rendered as Jinja; the template's own
defaults are, in Jinja's sandbox unless the template is trusted. Hooks and local
extensions are code: they run only with ``trust``, or are skipped with ``no_hooks``.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from scaffold.errors import UnknownOptionError, UsageError, shown
from scaffold.generate.context import importable
from scaffold.generate.pipeline import Result, creation_moment, produce
from scaffold.generate.plan import SECRET_FILES, sha256, tree
from scaffold.generate.provenance import seal_pristine
from scaffold.generate.render import failures_of, frozen_clock
from scaffold.generate.sandbox import (
    check_names,
    environment,
    local_extensions,
    refuse_escape,
    rendering_with,
)
from scaffold.gitrepo import TEMPLATE_REF
from scaffold.names import ProjectName
from scaffold.sources import Source
from scaffold.text import line_problem

HOOK_NAMES = ("pre_prompt", "pre_gen_project", "post_gen_project")
NAME_KEY = "project_name"
Kind = Literal["text", "choice", "yes/no", "dict"]
#: How a person is asked for one variable: (key, label, kind, default, choices) -> answer.
Ask = Callable[[str, str, Kind, Any, tuple[str, ...]], Any]
_YES = {"1", "true", "t", "yes", "y", "on"}
_NO = {"0", "false", "f", "no", "n", "off"}


@dataclass(frozen=True)
class Foreign:
    """A fetched third-party template: its folder, its cookiecutter.json, and its code."""

    source: Source
    path: Path
    config: Mapping[str, Any]
    hooks: tuple[str, ...]
    extensions: tuple[str, ...]

    @property
    def code(self) -> tuple[str, ...]:
        """Return what in the template is code: hook files and local extensions."""
        return (*self.hooks, *(f"extension {name}" for name in self.extensions))

    @property
    def name(self) -> str:
        """Return a short name for the template: its source's last part."""
        return self.source.given.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or "template"


def _read_config(path: Path) -> dict[str, Any]:
    try:
        config = json.loads((path / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise UsageError(f"The template's cookiecutter.json cannot be read: {error}.") from None
    if not isinstance(config, dict):
        raise UsageError("The template's cookiecutter.json is not a JSON object.")
    return config


def load(source: Source, *, options: Mapping[str, str]) -> Foreign:
    """Read the template ``source`` holds; a nested template is chosen by ``-o template=``."""
    path, config = source.path, _read_config(source.path)
    nested = config.get("templates")
    if isinstance(nested, dict) and nested:
        names = list(nested)
        chosen = options.get("template", names[0])
        if chosen not in nested:
            raise UnknownOptionError(
                f'Option template does not accept "{shown(chosen)}": choose {", ".join(names)}.',
                option="template",
                value=chosen,
                choices=tuple(names),
            )
        inner = (path / str(nested[chosen].get("path", ""))).resolve()
        if path.resolve() not in inner.parents:
            raise UsageError(f"The nested template {chosen} points outside the template.")
        path, config = inner, _read_config(inner)
    hooks_dir = path / "hooks"
    hooks = tuple(
        sorted(
            f"hooks/{hook.name}"
            for hook in (hooks_dir.iterdir() if hooks_dir.is_dir() else ())
            if hook.is_file() and hook.stem in HOOK_NAMES and not hook.name.endswith("~")
        )
    )
    return Foreign(source, path, config, hooks, tuple(local_extensions(config)))


def _coerce(key: str, given: str, raw: Any, rendered: Any) -> Any:
    """Return the user's text as the variable's type: kept literal, never rendered."""
    if isinstance(raw, bool):
        word = given.strip().lower()
        if word not in _YES | _NO:
            raise UnknownOptionError(
                f'Option {key} takes yes or no, not "{shown(given)}".',
                option=key,
                value=given,
                choices=("yes", "no"),
            )
        return word in _YES
    if isinstance(raw, list):
        if given not in rendered:
            raise UnknownOptionError(
                f'Option {key} does not accept "{shown(given)}": choose '
                f"{', '.join(map(str, rendered))}.",
                option=key,
                value=given,
                choices=tuple(map(str, rendered)),
            )
        return given
    if isinstance(raw, dict):
        with contextlib.suppress(ValueError):
            value = json.loads(given)
            if isinstance(value, dict):
                return value
        raise UnknownOptionError(f"Option {key} takes a JSON object.", option=key, value=given)
    problem = line_problem(given)
    if problem:
        raise UnknownOptionError(
            f'Option {key}: "{shown(given)}" {problem}.', option=key, value=given
        )
    return given


def _render(env: Any, raw: Any, values: dict[str, Any]) -> Any:
    """Render a default as cookiecutter's ``render_variable`` does, in ``env``."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, dict):
        return {_render(env, k, values): _render(env, v, values) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_render(env, v, values) for v in raw]
    return env.from_string(str(raw)).render(cookiecutter=values)


def _kind(raw: Any) -> Kind:
    if isinstance(raw, bool):
        return "yes/no"
    if isinstance(raw, list):
        return "choice"
    return "dict" if isinstance(raw, dict) else "text"


def build_values(
    foreign: Foreign,
    name: ProjectName | None,
    options: Mapping[str, str],
    *,
    trusted: bool,
    ask: Ask | None,
) -> dict[str, Any]:
    """Return the template's variables: given values as they are, defaults rendered.

    The order and the two passes are cookiecutter's (plain variables first, then
    dictionaries); ``ask`` is called for each visible variable not given.
    """
    config = dict(foreign.config)
    config.pop("templates", None)
    prompts = config.pop("__prompts__", {}) or {}
    given = {k: v for k, v in options.items() if k != "template"}
    if name is not None and NAME_KEY in config:
        given.setdefault(NAME_KEY, name.name)
    visible = {key for key in config if not key.startswith("_")}
    unknown = sorted(set(given) - visible)
    if unknown:
        raise UnknownOptionError(
            f'The template has no variable "{shown(unknown[0])}". Its variables: '
            f"{', '.join(sorted(visible)) or 'none'}.",
            option=unknown[0],
            choices=tuple(sorted(visible)),
        )
    env = environment({"cookiecutter": config}, trusted=trusted)
    values: dict[str, Any] = {}
    try:
        for key, raw in config.items():
            if key.startswith("_") and not key.startswith("__"):
                values[key] = raw
            elif key.startswith("__"):
                values[key] = _render(env, raw, values)
            elif not isinstance(raw, dict):
                values[key] = _answer(key, raw, env, values, given, prompts, ask)
        for key, raw in config.items():
            if isinstance(raw, dict) and not (key.startswith("_") and not key.startswith("__")):
                values[key] = _answer(key, raw, env, values, given, prompts, ask)
    except SecurityError as error:
        raise refuse_escape(
            error, template=foreign.path, unknown="a default in cookiecutter.json"
        ) from None
    except (UndefinedError, TemplateError) as error:
        raise UsageError(
            f"The template's cookiecutter.json does not render: {shown(str(error))}."
        ) from None
    return values


def _answer(
    key: str,
    raw: Any,
    env: Any,
    values: dict[str, Any],
    given: Mapping[str, str],
    prompts: Mapping[str, Any],
    ask: Ask | None,
) -> Any:
    rendered = _render(env, raw, values)
    if key in given:
        return _coerce(key, given[key], raw, rendered)
    if key.startswith("__"):
        return rendered
    default = rendered[0] if isinstance(raw, list) else rendered
    if ask is None:
        return default
    label = prompts.get(key)
    if not isinstance(label, str):
        label = key
    choices = tuple(map(str, rendered)) if isinstance(raw, list) else ()
    return ask(key, label, _kind(raw), default, choices)


@dataclass(frozen=True)
class Prepared:
    """A third-party template's values and context, checked, ready to render."""

    values: dict[str, Any]
    context: dict[str, Any]
    folder: str
    moment: datetime
    trust: bool


def prepare(
    foreign: Foreign,
    name: ProjectName,
    options: Mapping[str, str],
    *,
    output_dir: Path,
    trust: bool,
    moment: datetime,
    ask: Ask | None = None,
) -> Prepared:
    """Answer the template's variables and check every name it renders, writing nothing."""
    code = importable(foreign.path) if trust else contextlib.nullcontext()
    with frozen_clock(moment), code:
        values = build_values(foreign, name, options, trusted=trust, ask=ask)
    values |= {
        "_template": foreign.source.given,
        "_output_dir": str(output_dir),
        "_repo_dir": str(foreign.path),
        "_checkout": foreign.source.checkout,
    }
    context = {"cookiecutter": values, "_cookiecutter": dict(foreign.config)}
    project_template = _project_template(foreign.path)
    code = importable(foreign.path) if trust else contextlib.nullcontext()
    try:
        with frozen_clock(moment), code:
            env = environment(context, trusted=trust)
            check_names(project_template, env, context)
            folder = env.from_string(project_template.name).render(**context)
    except SecurityError as error:
        raise refuse_escape(error, template=foreign.path) from None
    except TemplateError as error:
        raise UsageError(
            f"A file or folder name of the template does not render ({shown(str(error))}). "
            "Nothing was written."
        ) from None
    return Prepared(values, context, folder, moment, trust)


def record(
    foreign: Foreign,
    name: ProjectName,
    prepared: Prepared,
    *,
    rendered: Path,
    written: tuple[str, ...],
    hooks_ran: bool,
) -> bytes:
    """Return the ``.scaffold.json`` of a project made from a third-party template."""
    data = {
        "scaffold_version": _version(),
        "template": {"name": foreign.name, **foreign.source.to_dict()},
        "created": prepared.moment.isoformat(),
        "project": {"name": name.name, "folder": prepared.folder},
        "options": {k: v for k, v in prepared.values.items() if not k.startswith("_")},
        "trusted": prepared.trust,
        "hooks_ran": hooks_ran,
        "template_ref": TEMPLATE_REF,
        "commands": {},
        "files": {rel: sha256(rendered / rel) for rel in written if rel not in SECRET_FILES},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n").encode()


def generate_foreign(
    foreign: Foreign,
    name: ProjectName,
    *,
    options: Mapping[str, str],
    output_dir: Path,
    trust: bool = False,
    no_hooks: bool = False,
    force: bool = False,
    dry_run: bool = False,
    ask: Ask | None = None,
) -> Result:
    """Generate a project from a third-party template, with every guarantee of ``new``."""
    if foreign.code and not trust and not no_hooks:
        raise UsageError(
            "The template runs code: "
            + ", ".join(foreign.code)
            + ". Pass --trust to run it (only for a template whose author you trust), or "
            "--no-hooks to generate without it (the result may then differ from what the "
            "author intended)."
        )
    output_dir = output_dir.expanduser().absolute()
    with _pre_prompted(foreign) if trust else contextlib.nullcontext(foreign) as template:
        ready = prepare(
            template,
            name,
            options,
            output_dir=output_dir,
            trust=trust,
            moment=creation_moment(),
            ask=ask,
        )
        hooks_ran = trust and bool(template.hooks)

        def render_into(into: Path) -> Path:
            return _render_project(template, ready, into, hooks=trust)

        def record_for(rendered: Path, written: tuple[str, ...]) -> bytes:
            return record(
                template, name, ready, rendered=rendered, written=written, hooks_ran=hooks_ran
            )

        target = output_dir / ready.folder
        the_plan = produce(target, render_into, record_for, force=force, dry_run=dry_run)
    shown_options = {k: str(v) for k, v in ready.values.items() if not k.startswith("_")}
    return Result(target, foreign.name, shown_options, {}, the_plan, dry_run=dry_run)


def render_pristine(
    foreign: Foreign,
    name: ProjectName,
    options: Mapping[str, str],
    into: Path,
    *,
    output_dir: Path,
    trust: bool,
    moment: datetime,
) -> Path:
    """Render the project as it was made, for an update: no hook runs, no secret file kept."""
    ready = prepare(foreign, name, options, output_dir=output_dir, trust=trust, moment=moment)
    rendered = _render_project(foreign, ready, into)
    written = tuple(tree(rendered))
    data = record(foreign, name, ready, rendered=rendered, written=written, hooks_ran=False)
    return seal_pristine(rendered, data)


def _version() -> str:
    from scaffold import __version__

    return __version__


def _project_template(path: Path) -> Path:
    """Return the template's project folder: the one whose name holds ``cookiecutter``."""
    for child in sorted(path.iterdir()):
        if child.is_dir() and "cookiecutter" in child.name and "{" in child.name:
            return child
    raise UsageError("The template has no project folder (a folder named {{cookiecutter.…}}).")


def _render_project(foreign: Foreign, ready: Prepared, into: Path, *, hooks: bool = False) -> Path:
    """Render the project into ``into``; ``hooks`` runs pre_gen_project and post_gen_project."""
    from cookiecutter.generate import generate_files

    try:
        with (
            failures_of(foreign.name),
            frozen_clock(ready.moment),
            rendering_with(lambda ctx: environment(ctx, trusted=ready.trust)),
            importable(foreign.path) if ready.trust else contextlib.nullcontext(),
        ):
            rendered = generate_files(
                str(foreign.path), ready.context, output_dir=into, accept_hooks=hooks
            )
    except SecurityError as error:
        raise refuse_escape(error, template=foreign.path) from None
    return Path(rendered)


@contextlib.contextmanager
def _pre_prompted(foreign: Foreign) -> Iterator[Foreign]:
    """Yield the template as its pre_prompt hook leaves it: a copy, removed afterwards.

    As in cookiecutter, the hook runs in a copy of the template before any variable is
    read, so what it writes into the copy's cookiecutter.json is what is asked and
    rendered. The copy goes whatever happens, a failing hook included. A template
    without the hook is yielded as it is.
    """
    if not any(hook.startswith("hooks/pre_prompt") for hook in foreign.hooks):
        yield foreign
        return
    from cookiecutter.hooks import find_hook, run_script
    from cookiecutter.utils import create_tmp_repo_dir, work_in

    with failures_of(foreign.name):
        copy = create_tmp_repo_dir(foreign.path)
    try:
        with failures_of(foreign.name), work_in(copy):
            for script in find_hook("pre_prompt") or []:
                run_script(script, str(copy))
        config = _read_config(copy)
        yield Foreign(foreign.source, copy, config, foreign.hooks, tuple(local_extensions(config)))
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
