"""Every option of every template changed later by update: the same project as a fresh `new`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scaffold import postgen
from scaffold.generate import PROVENANCE_FILE, generate
from scaffold.names import validate_name
from scaffold.template import Template, discover
from scaffold.update import update

pytestmark = pytest.mark.slow
SKIPPED = {".git", ".env"}


def _variants(template: Template) -> list[pytest.ParameterSet]:
    """Option sets setting the k-th non-default value of every option: every value once."""
    choices = [option for option in template.options if option.choices]
    rounds = max((len(option.choices) - 1 for option in choices), default=0)
    found = []
    for k in range(1, rounds + 1):
        changed = {o.name: o.choices[k] for o in choices if k < len(o.choices)}
        found.append(pytest.param(template, changed, id=f"{template.name}-v{k}"))
    return found


def _contents(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file()
        and not SKIPPED & set(path.relative_to(project).parts)
        and path.name != PROVENANCE_FILE
    }


@pytest.mark.parametrize(("template", "changed"), [p for t in discover() for p in _variants(t)])
def test_an_updated_project_is_the_project_new_would_make(
    template: Template, changed: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # both made at the same moment
    name = validate_name("shop", reserved=template.reserved_names)
    made = generate(template, name, options={}, output_dir=tmp_path / "updated")
    postgen.init_git(made.path)

    result = update(made.path, options=changed)

    assert result.merged and not result.conflicts, result
    fresh = generate(template, name, options=changed, output_dir=tmp_path / "fresh")
    assert _contents(made.path) == _contents(fresh.path)
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=made.path, capture_output=True, text=True
    )
    assert status.stdout == "", "the update left a clean tree"
