"""Discover the templates, derive the option sets to bake, and bake them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = REPO_ROOT / "templates"
#: The NAME projects are baked with (a name the CLI accepts, shown by the home page).
PROJECT_NAME = "harness-demo"
#: The NAME of each template's first variant: as long as the CLI accepts (64 characters),
#: with capitals, an accent and characters HTML and Python must escape, so that every
#: check (lint, the project's own tests, its servers, the browser) sees the worst name too.
LONG_NAME = "Café & Co <Demo> Project With A Name As Long As Scaffold Takes 1"


@dataclass(frozen=True)
class Option:
    """A choice option of a template: its first choice is the default."""

    name: str
    choices: tuple[str, ...]

    @property
    def default(self) -> str:
        """Return the default choice."""
        return self.choices[0]


@dataclass(frozen=True)
class Template:
    """A template folder and the choice options its cookiecutter.json declares."""

    name: str
    options: tuple[Option, ...]
    #: Whether the template declares a WebSocket (``__websocket_path``) for bakes with a database.
    websocket: bool = False

    @classmethod
    def load(cls, path: Path) -> Template:
        """Read the template in ``path``: its choices are options (``_`` keys are private)."""
        config = json.loads((path / "cookiecutter.json").read_text(encoding="utf-8"))
        options = tuple(
            Option(key, tuple(value))
            for key, value in config.items()
            if not key.startswith("_") and isinstance(value, list)
        )
        return cls(path.name, options, websocket="__websocket_path" in config)


@dataclass(frozen=True)
class Variant:
    """One option set to bake: every option with its chosen value (hashable, so a test param)."""

    template: str
    label: str
    options: tuple[tuple[str, str], ...]
    overrides: tuple[tuple[str, str], ...]

    @property
    def id(self) -> str:
        """Return a readable test id: ``flask-default``, ``flask-v1[database=none,...]``."""
        if not self.overrides:
            return f"{self.template}-{self.label}"
        settings = ",".join(f"{key}={value}" for key, value in self.overrides)
        return f"{self.template}-{self.label}[{settings}]"

    @property
    def project_name(self) -> str:
        """Return the NAME this variant is baked with: the longest, oddest one for v1."""
        return LONG_NAME if self.label == "v1" else PROJECT_NAME

    @property
    def is_default(self) -> bool:
        """Return whether every option keeps its default."""
        return not self.overrides

    @property
    def chosen(self) -> dict[str, str]:
        """Return the value of every option."""
        return dict(self.options)


@dataclass(frozen=True)
class Commands:
    """The project's shell commands, run from its root."""

    install: str
    dev: str
    serve: str
    test: str


@dataclass(frozen=True)
class Baked:
    """A generated project: where it is, what it was baked with, and its commands."""

    variant: Variant
    path: Path
    commands: Commands
    record: dict[str, Any]


def discover_templates() -> tuple[Template, ...]:
    """Return every template folder (with a cookiecutter.json, not starting with ``_``)."""
    return tuple(
        Template.load(folder)
        for folder in sorted(TEMPLATES_DIR.iterdir())
        if not folder.name.startswith(("_", ".")) and (folder / "cookiecutter.json").is_file()
    )


def variants(template: Template) -> tuple[Variant, ...]:
    """Return the default set, then variant k setting the k-th non-default value of each option.

    That covers every value of every option in as few bakes as the longest choice list allows.
    """
    defaults = tuple((option.name, option.default) for option in template.options)
    found = [Variant(template.name, "default", defaults, ())]
    rounds = max((len(option.choices) - 1 for option in template.options), default=0)
    for k in range(1, rounds + 1):
        overrides = tuple(
            (option.name, option.choices[k])
            for option in template.options
            if k < len(option.choices)
        )
        chosen = dict(defaults) | dict(overrides)
        found.append(Variant(template.name, f"v{k}", tuple(chosen.items()), overrides))
    return tuple(found)


def bake(variant: Variant, output_dir: Path, *, name: str | None = None) -> Baked:
    """Generate the project with ``scaffold new`` and read back its ``.scaffold.json``."""
    command = [sys.executable, "-m", "scaffold", "new", name or variant.project_name]
    command += ["--framework", variant.template]
    command += [arg for key, value in variant.options for arg in ("-o", f"{key}={value}")]
    command += ["--output-dir", str(output_dir), "--no-input", "--no-git", "--json"]
    result = run(command, cwd=REPO_ROOT)
    assert result.returncode == 0, failure(result)
    path = Path(json.loads(result.stdout)["path"])
    record = json.loads((path / ".scaffold.json").read_text(encoding="utf-8"))
    return Baked(variant, path, Commands(**record["commands"]), record)


def bake_with_cookiecutter(variant: Variant, output_dir: Path, *, name: str | None) -> Path:
    """Generate the project with the plain cookiecutter CLI; ``name=None`` keeps its default."""
    command = [sys.executable, "-m", "cookiecutter", "--no-input", "--output-dir", str(output_dir)]
    command += [str(TEMPLATES_DIR / variant.template)]
    command += [f"project_name={name}"] if name is not None else []
    command += [f"{key}={value}" for key, value in variant.options]
    result = run(command, cwd=output_dir)
    assert result.returncode == 0, failure(result)
    (project,) = output_dir.iterdir()
    return project


def project_files(root: Path) -> set[str]:
    """Return the relative paths of every file under ``root``."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def run(
    command: str | Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a program (a shell command line when ``command`` is a string), capturing its output."""
    return subprocess.run(
        command if isinstance(command, str) else [str(part) for part in command],
        shell=isinstance(command, str),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def failure(result: subprocess.CompletedProcess[str]) -> str:
    """Describe a finished command and all it printed, for an assertion message."""
    shown = result.args if isinstance(result.args, str) else " ".join(result.args)
    return f"`{shown}` exited with {result.returncode}:\n{result.stdout}{result.stderr}"
