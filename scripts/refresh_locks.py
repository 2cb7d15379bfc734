"""Write each template's ``requirements.txt``: the exact versions its projects install.

A generated project installs with pip constraints (``-c requirements.txt``), so every
install, Docker build and CI run takes the same versions. The lock depends on the
options (a SQLite project has no PostgreSQL driver), so the template's lock is a Jinja
file whose lines are kept or dropped by the options that need them; no resolver runs
when a project is generated. This bakes the template with every combination of the
options that change its dependencies, resolves their union once with uv (universal:
every platform and every Python from 3.11), then each combination against that union,
and writes which lines each combination needs. The template harness checks every
bake's lock against its ``pyproject.toml`` and its real install.

    .venv/bin/python scripts/refresh_locks.py [TEMPLATE ...]
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "tests" / "templates"
sys.path.insert(0, str(HARNESS))

from bakery import TEMPLATES_DIR, Template, Variant, bake, discover_templates  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402
from packaging.utils import canonicalize_name  # noqa: E402
from venvs import requirements, run  # noqa: E402

LOCK = "requirements.txt"
#: What every template's lock is resolved under (see the file for why).
SHARED_CONSTRAINTS = Path(__file__).with_name("lock-constraints.txt")
OLDEST_PYTHON = "3.11"
HEADER = """\
# The exact versions of every runtime and dev dependency, for pip's -c (constraints):
# whatever installs the project (the install command, and the Dockerfile and CI where the
# project has them) installs from it, so every install is the same. Resolved for every
# platform and every Python this project supports. After
# changing the dependencies in pyproject.toml, regenerate it with:
#   uv pip compile pyproject.toml --extra dev --universal --no-annotate -o requirements.txt
"""

Combination = tuple[tuple[str, str], ...]


def compile_lock(specs: Iterable[str], *, constraints: Path | None = None) -> list[str]:
    """Return uv's universal resolution of ``specs`` as ``name==version ; marker`` lines."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "requirements.in"
        source.write_text("\n".join(sorted(set(specs))) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "uv", "pip", "compile", source, "--universal"]
        command += ["--python-version", OLDEST_PYTHON, "--no-header", "--no-annotate", "--quiet"]
        command += ["--constraint", SHARED_CONSTRAINTS]
        command += ["--constraint", constraints] if constraints else []
        result = run(command)
        assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line and not line.startswith("#")]


def _needs(template: Template, chosen: Combination, folder: Path) -> list[str]:
    """Bake ``template`` with ``chosen`` (other options at their defaults); return its specs."""
    options = {option.name: option.default for option in template.options} | dict(chosen)
    label = f"b{len(list(folder.iterdir()))}"
    variant = Variant(template.name, label, tuple(options.items()), tuple(chosen))
    return requirements(bake(variant, folder / label).path / "pyproject.toml")


def dependency_options(template: Template, folder: Path) -> list[str]:
    """Return the options whose value changes the dependencies of a project."""
    default = _needs(template, (), folder)
    return [
        option.name
        for option in template.options
        if option.name != "python_version"
        and any(
            _needs(template, ((option.name, value),), folder) != default
            for value in option.choices[1:]
        )
    ]


def condition(needed_by: set[Combination], combos: Sequence[Combination]) -> str | None:
    """Return the Jinja test keeping a line in exactly ``needed_by``; None when all need it."""
    if len(needed_by) == len(combos):
        return None
    names = [key for key, _ in combos[0]]
    for width in range(1, len(names) + 1):
        for subset in itertools.combinations(range(len(names)), width):
            kept = {_values(c, subset) for c in needed_by}
            if all((_values(c, subset) in kept) == (c in needed_by) for c in combos):
                return _jinja([names[i] for i in subset], sorted(kept))
    raise AssertionError("unreachable: the full tuple always separates")


def _values(combo: Combination, subset: tuple[int, ...]) -> tuple[str, ...]:
    """Return the values ``combo`` gives the options at the positions in ``subset``."""
    return tuple(combo[i][1] for i in subset)


def _jinja(names: list[str], kept: list[tuple[str, ...]]) -> str:
    """Return ``cookiecutter.a in [...]`` or ``(cookiecutter.a, cookiecutter.b) in [...]``."""
    if len(names) == 1 and len(kept) == 1:
        return f"cookiecutter.{names[0]} == {kept[0][0]!r}"
    if len(names) == 1:
        return f"cookiecutter.{names[0]} in {[values[0] for values in kept]!r}"
    subject = ", ".join(f"cookiecutter.{name}" for name in names)
    return f"({subject}) in {[tuple(values) for values in kept]!r}"


def _by_name(line: str) -> tuple[str, str]:
    """Sort lock lines by package name, then by the whole line (markers)."""
    return (canonicalize_name(Requirement(line).name), line)


def render(lines: list[str], needed: dict[str, set[Combination]], combos: list[Combination]) -> str:
    """Return the lock template: every line, runs with one condition in one ``if`` block."""
    out = [HEADER.rstrip("\n")]
    open_test: str | None = None
    for line in lines:
        test = condition(needed[line], combos)
        if test != open_test:
            if open_test is not None:
                out.append("{%- endif %}")
            if test is not None:
                out.append("{%- if " + test + " %}")
            open_test = test
        out.append(line)
    if open_test is not None:
        out.append("{%- endif %}")
    return "\n".join(out) + "\n"


def refresh(name: str) -> int:
    """Write the lock template of ``name``; return how many distinct lines it holds."""
    template = next(t for t in discover_templates() if t.name == name)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        varying = dependency_options(template, folder)
        choices = [next(o.choices for o in template.options if o.name == v) for v in varying]
        combos = [tuple(zip(varying, v, strict=True)) for v in itertools.product(*choices)]
        specs = {combo: _needs(template, combo, folder) for combo in combos}
        union = folder / "union.txt"
        union.write_text("\n".join(compile_lock(itertools.chain(*specs.values()))) + "\n")
        locks = {combo: compile_lock(specs[combo], constraints=union) for combo in combos}
    lines = sorted({line for lock in locks.values() for line in lock}, key=_by_name)
    needed = {line: {combo for combo in combos if line in locks[combo]} for line in lines}
    target = next((TEMPLATES_DIR / name).glob("{{cookiecutter.project_slug}}")) / LOCK
    target.write_text(render(lines, needed, combos), encoding="utf-8")
    return len(lines)


def main(names: list[str]) -> None:
    """Refresh the templates named, or all of them."""
    for name in names or [t.name for t in discover_templates()]:
        print(f"{name}: {refresh(name)} locked lines")


if __name__ == "__main__":
    main(sys.argv[1:])
