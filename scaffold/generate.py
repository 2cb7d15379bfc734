"""Render a template into a new project: validated options, values as data, atomic output."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import __version__
from scaffold.errors import (
    GenerationError,
    TargetExistsError,
    UnknownOptionError,
    did_you_mean,
    one_of,
)
from scaffold.names import ProjectName
from scaffold.template import COMMAND_KEYS, NAME_KEY, Template

PROVENANCE_FILE = ".scaffold.json"
#: Files never recorded by hash nor replaced by --force: they hold the project's secrets.
SECRET_FILES = frozenset({".env"})
_DERIVED = {"project_slug": "slug", "package_name": "package"}


@dataclass(frozen=True)
class Result:
    """What a generation wrote (or, for a dry run, would write)."""

    path: Path
    framework: str
    options: Mapping[str, str]
    commands: Mapping[str, str]
    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain data for JSON output."""
        return {
            "path": str(self.path),
            "framework": self.framework,
            "options": dict(self.options),
            "commands": dict(self.commands),
            "files": list(self.files),
            "skipped": list(self.skipped),
            "dry_run": self.dry_run,
        }


@dataclass(frozen=True)
class Provenance:
    """Why this project was generated: the questionnaire's answers and the recommendation."""

    answers: Mapping[str, str] = field(default_factory=dict)
    recommendation: Mapping[str, Any] | None = None


def _check_text(key: str, value: str) -> str:
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        raise UnknownOptionError(
            f"Option {key} contains a control character ({bad[0]!r}); remove it."
        )
    return value


def resolve_options(template: Template, given: Mapping[str, str]) -> dict[str, str]:
    """Return every option of ``template`` with ``given`` applied, or raise UnknownOptionError."""
    names = [o.name for o in template.options]
    resolved = {o.name: o.default for o in template.options}
    for key, value in given.items():
        option = template.option(key)
        if key == NAME_KEY:
            raise UnknownOptionError("project_name is set from NAME, not with -o.")
        if option is None:
            raise UnknownOptionError(
                f'Unknown option "{key}" for the {template.name} template. '
                f"Options: {one_of(names)}.{did_you_mean(key, names)}"
            )
        if option.choices:
            match = next((c for c in option.choices if c.lower() == value.strip().lower()), None)
            if match is None:
                raise UnknownOptionError(
                    f'Option {key} does not accept "{value}": choose '
                    f"{one_of(option.choices)}.{did_you_mean(value, option.choices)}"
                )
            resolved[key] = match
        else:
            resolved[key] = _check_text(key, value)
    return resolved


@contextlib.contextmanager
def _importable(template: Template) -> Iterator[None]:
    """Let cookiecutter import the template's local Jinja extensions, as it does itself."""
    sys.path.insert(0, str(template.path))
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(str(template.path))


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
    with _importable(template):
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
            elif isinstance(raw, str):
                values[key] = env.from_string(raw).render(cookiecutter=values)
            else:
                values[key] = raw
    values["_template"] = str(template.path)
    cache = _bytecode_cache()
    if cache is not None:
        values["_jinja2_env_vars"] = {**values.get("_jinja2_env_vars", {}), "bytecode_cache": cache}
    return {"cookiecutter": values}


def _bytecode_cache() -> Any:
    """Return a Jinja bytecode cache in the user's cache folder, or None if it cannot be made.

    Compiling the template files is most of the rendering time; Jinja checks each
    cached entry against its source's checksum and writes entries atomically.
    """
    from jinja2 import FileSystemBytecodeCache

    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = Path(base) / "scaffold" / "jinja2"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _render(template: Template, context: dict[str, Any], into: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    try:
        with _importable(template):
            rendered = generate_files(template.path, context, output_dir=into, accept_hooks=True)
    except (CookiecutterException, TemplateError, OSError) as error:
        detail = " ".join(str(error).split())
        raise GenerationError(
            f"The {template.name} template failed to render ({type(error).__name__}: {detail}). "
            "Nothing was written."
        ) from error
    _drop_bytecode(Path(rendered))
    return Path(rendered)


def _drop_bytecode(project: Path) -> None:
    """Remove the ``__pycache__`` folders an installer compiled into the installed template.

    pip byte-compiles every ``.py`` file of the wheel, the templates' included, and
    cookiecutter copies whatever the template folder holds.
    """
    for cache in list(project.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
        if not any(cache.parent.iterdir()):
            cache.parent.rmdir()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _provenance(
    template: Template,
    name: ProjectName,
    context: Mapping[str, Any],
    options: Mapping[str, str],
    files: Mapping[str, str],
    provenance: Provenance | None,
) -> dict[str, Any]:
    values = context["cookiecutter"]
    return {
        "scaffold_version": __version__,
        "template": {"name": template.name, "sha256": template.content_hash()},
        "project": {"name": name.name, "slug": name.slug, "package": name.package},
        "options": dict(options),
        "answers": dict(provenance.answers) if provenance else {},
        "recommendation": dict(provenance.recommendation)
        if provenance and provenance.recommendation
        else None,
        "commands": {key: values[f"__{key}_command"] for key in COMMAND_KEYS},
        "websocket": values.get("__websocket_path") or None,
        "files": dict(files),
    }


def _recorded_hashes(target: Path) -> dict[str, str]:
    try:
        data = json.loads((target / PROVENANCE_FILE).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _merge(rendered: Path, target: Path) -> tuple[list[str], list[str]]:
    """Move rendered files into an existing ``target``; never replace a file the user owns.

    A file is replaced only when scaffold wrote it before (it is listed in the target's
    .scaffold.json) and it still has the content scaffold wrote. Every other existing
    file is kept as it is and reported as skipped.
    """
    recorded = _recorded_hashes(target)
    written, skipped = [], []
    for rel in _tree(rendered):
        source, dest = rendered / rel, target / rel
        if rel == PROVENANCE_FILE:
            continue
        if dest.exists() or dest.is_symlink():
            ours = dest.is_file() and rel in recorded and recorded[rel] == _sha256(dest)
            if not ours:
                skipped.append(rel)
                continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, dest)
        written.append(rel)
    os.replace(rendered / PROVENANCE_FILE, target / PROVENANCE_FILE)
    written.append(PROVENANCE_FILE)
    return written, skipped


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def generate(
    template: Template,
    name: ProjectName,
    *,
    options: Mapping[str, str],
    output_dir: Path,
    force: bool = False,
    dry_run: bool = False,
    provenance: Provenance | None = None,
) -> Result:
    """Generate ``name`` from ``template`` into ``output_dir``/slug, all or nothing.

    The project is rendered into a temporary directory beside the target and moved
    into place at the end; on any failure, Ctrl-C included, nothing is left behind.
    """
    resolved = resolve_options(template, options)
    output_dir = output_dir.expanduser().absolute()
    target = output_dir / name.slug
    if target.exists() and not target.is_dir():
        raise TargetExistsError(f"{target} exists and is not a directory. Choose another name.")
    existing = target.is_dir() and not _is_empty_dir(target)
    if existing and not force:
        raise TargetExistsError(
            f"{target} already exists and is not empty. Choose another name or "
            "--output-dir, or pass --force to add the missing files (your files are kept)."
        )
    context = build_context(template, name, resolved)
    created = _missing_parents(output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GenerationError(f"Cannot create {output_dir}: {error.strerror}.") from error
    staging = Path(tempfile.mkdtemp(prefix=f".{name.slug}-", dir=output_dir))
    done = False
    try:
        rendered = _render(template, context, staging)
        hashes = {
            rel: _sha256(rendered / rel) for rel in _tree(rendered) if rel not in SECRET_FILES
        }
        record = _provenance(template, name, context, resolved, hashes, provenance)
        (rendered / PROVENANCE_FILE).write_text(
            json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        files, skipped = _tree(rendered), []
        if not dry_run:
            if existing:
                files, skipped = _merge(rendered, target)
            else:
                if target.is_dir():
                    target.rmdir()
                os.replace(rendered, target)
        done = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if dry_run or not done:
            _remove_created(created)
    return Result(
        path=target,
        framework=template.name,
        options=resolved,
        commands=record["commands"],
        files=tuple(files),
        skipped=tuple(skipped),
        dry_run=dry_run,
    )


def _missing_parents(path: Path) -> list[Path]:
    """Return the folders of ``path`` that do not exist yet, deepest first."""
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing


def _remove_created(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
