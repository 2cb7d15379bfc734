"""Write each template's ``_reserved_names``: every top-level module its projects install.

A project named like a module of its own dependency closure shadows it (a Flask
project called ``werkzeug`` cannot be installed). This bakes every option set of
every template (or those named), installs each one's runtime and dev
dependencies into a throwaway venv with uv, and records the import names that
``importlib.metadata.packages_distributions()`` reports there, so that scaffold
refuses those names with no install at generation time. The template harness
checks the lists against the real installs of every bake.

    .venv/bin/python scripts/refresh_reserved_names.py [TEMPLATE ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "tests" / "templates"
sys.path.insert(0, str(HARNESS))

from bakery import TEMPLATES_DIR, bake, discover_templates, variants  # noqa: E402
from venvs import MODULE_LISTING, find_python, install_requirements, run  # noqa: E402


def installed_modules(pyproject: Path, python: Path) -> set[str]:
    """Return the top-level import names of a venv holding the project's locked dependencies."""
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        uv = [sys.executable, "-m", "uv"]
        made = run([*uv, "venv", "--quiet", "--seed", "--python", python, venv])
        assert made.returncode == 0, made.stderr
        install_requirements(venv, pyproject)
        listed = run([venv / "bin" / "python", "-c", MODULE_LISTING])
        return set(json.loads(listed.stdout))


def refresh(name: str) -> list[str]:
    """Return the sorted reserved names of template ``name`` and write them into it."""
    template = next(t for t in discover_templates() if t.name == name)
    names: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        for variant in variants(template):
            python = find_python(variant.chosen.get("python_version", "3.11"))
            assert python is not None, f"no Python {variant.chosen.get('python_version')}"
            baked = bake(variant, Path(folder) / variant.label)
            names |= installed_modules(baked.path / "pyproject.toml", python.path)
            names.discard(baked.record["import_package"])
    reserved = sorted(names)
    _write(TEMPLATES_DIR / name / "cookiecutter.json", reserved)
    return reserved


def _write(config_path: Path, reserved: list[str]) -> None:
    """Set ``_reserved_names`` on its own line, keeping the file's hand-made layout."""
    lines = config_path.read_text(encoding="utf-8").splitlines()
    kept = [old for old in lines if not old.strip().startswith('"_reserved_names"')]
    at = next(i for i, old in enumerate(kept) if old.strip().startswith('"_extensions"'))
    indent = kept[at][: len(kept[at]) - len(kept[at].lstrip())]
    kept.insert(at, f'{indent}"_reserved_names": {json.dumps(reserved)},')
    text = "\n".join(kept) + "\n"
    json.loads(text)  # still valid JSON
    config_path.write_text(text, encoding="utf-8")


def main(names: list[str]) -> None:
    """Refresh the templates named, or all of them."""
    for name in names or [t.name for t in discover_templates()]:
        reserved = refresh(name)
        print(f"{name}: {len(reserved)} reserved names")


if __name__ == "__main__":
    main(sys.argv[1:])
