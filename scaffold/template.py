"""Discover the bundled cookiecutter templates and read the options each one declares."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scaffold.errors import CatalogError, UnknownFrameworkError, did_you_mean, one_of

#: Keys scaffold sets itself: the name comes from NAME, the others derive from it.
NAME_KEY = "project_name"
COMMAND_KEYS = ("install", "dev", "serve", "test")
#: The distribution name of a quoted requirement with a version or marker: "flask>=3.1,<4".
_JINJA_TAG = re.compile(r"\{%.*?%\}")
_REQUIREMENT = re.compile(r'"([A-Za-z][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=~!]=?|;)')


@dataclass(frozen=True)
class Option:
    """One template option: its default, and its choices when it is a choice."""

    name: str
    default: str
    choices: tuple[str, ...] = ()
    prompt: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the option as plain data for JSON output."""
        return {
            "name": self.name,
            "default": self.default,
            "choices": list(self.choices),
            "prompt": self.prompt,
        }


@dataclass(frozen=True)
class Template:
    """A cookiecutter template folder and what its cookiecutter.json declares."""

    name: str
    path: Path
    config: MappingProxyType[str, Any]
    options: tuple[Option, ...]

    def option(self, name: str) -> Option | None:
        """Return the option called ``name``, or None."""
        return next((o for o in self.options if o.name == name), None)

    @property
    def reserved_names(self) -> frozenset[str]:
        """Package names a project must not take.

        The framework, the distributions its pyproject requires, the modules and folders
        at the top of the generated project (``tests``, Django's ``manage``; not
        ``README.md`` or ``Dockerfile``, which no import can reach), and any
        ``_reserved_names`` the template lists.
        """
        names = {self.name, *self.config.get("_reserved_names", ())}
        for project in self.path.glob("*{{*}}*"):
            names.update(_module_name(entry) for entry in project.iterdir())
            names.discard("")
            pyproject = project / "pyproject.toml"
            if pyproject.is_file():
                text = pyproject.read_text(encoding="utf-8")
                names.update(m.lower().replace("-", "_") for m in _REQUIREMENT.findall(text))
        return frozenset(names)

    def content_hash(self) -> str:
        """Return a sha256 over every file of the template, names and contents."""
        import hashlib

        digest = hashlib.sha256()
        for file in sorted(p for p in self.path.rglob("*") if p.is_file()):
            if "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(self.path).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
        return digest.hexdigest()


def templates_root() -> Path:
    """Return the folder holding the templates: inside the wheel, else the source tree."""
    packaged = Path(__file__).with_name("templates")
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def _is_derived(value: Any) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def _read_options(config: dict[str, Any], source: Path) -> tuple[Option, ...]:
    prompts = config.get("__prompts__", {})
    options = []
    for key, value in config.items():
        if key.startswith("_") or key == NAME_KEY or _is_derived(value):
            continue
        if isinstance(value, list):
            if not value or not all(isinstance(v, str) for v in value):
                raise CatalogError(f"{source}: {key}: a choice must be a non-empty list of strings")
            options.append(Option(key, value[0], tuple(value), str(prompts.get(key, ""))))
        elif isinstance(value, str):
            options.append(Option(key, value, (), str(prompts.get(key, ""))))
        else:
            raise CatalogError(f"{source}: {key}: options are strings or lists of strings")
    return tuple(options)


def load_template(path: Path) -> Template:
    """Read one template folder; raise CatalogError when its cookiecutter.json is malformed."""
    source = path / "cookiecutter.json"
    try:
        config = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogError(f"{source}: cannot be read: {error}") from error
    if not isinstance(config, dict) or NAME_KEY not in config:
        raise CatalogError(f"{source}: must be a JSON object with a {NAME_KEY!r} key")
    missing = [k for k in COMMAND_KEYS if f"__{k}_command" not in config]
    if missing:
        raise CatalogError(f"{source}: missing commands: {', '.join(missing)}")
    return Template(path.name, path, MappingProxyType(config), _read_options(config, source))


def discover(root: Path | None = None) -> tuple[Template, ...]:
    """Return every template under ``root``, sorted by name (folders starting with _ skipped)."""
    return _discover(root or templates_root())


@cache
def _discover(root: Path) -> tuple[Template, ...]:
    if not root.is_dir():
        return ()
    return tuple(
        load_template(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir()
        and not folder.name.startswith(("_", "."))
        and (folder / "cookiecutter.json").is_file()
    )


def template_named(name: str, root: Path | None = None) -> Template | None:
    """Return the template for framework ``name`` reading only its folder, or None."""
    folder = (root or templates_root()) / name.strip().lower()
    if folder.name.startswith(("_", ".")) or not (folder / "cookiecutter.json").is_file():
        return None
    return load_template(folder)


def find_template(name: str, root: Path | None = None) -> Template:
    """Return the template for framework ``name``; raise UnknownFrameworkError otherwise."""
    templates = {t.name: t for t in discover(root)}
    key = name.strip().lower()
    if key in templates:
        return templates[key]
    known = one_of(sorted(templates)) or "none"
    raise UnknownFrameworkError(
        f'No template for "{name}". Templates: {known}.{did_you_mean(key, templates)}'
    )


def _module_name(entry: Path) -> str:
    """Return the import name a top-level entry of a project takes, or "" for none.

    A folder is a (namespace) package and a ``.py`` file a module; an optional entry
    (``{% if ... %}tasks.py{% endif %}``) counts under the name it has when generated.
    """
    # A name still holding a variable ({{cookiecutter.package_name}}) is no identifier.
    stem, dot, suffix = _JINJA_TAG.sub("", entry.name).partition(".")
    is_module = (entry.is_dir() and not dot) or suffix == "py"
    return stem.lower() if is_module and stem.isidentifier() else ""
