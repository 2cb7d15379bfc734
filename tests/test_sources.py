"""Where a template comes from: the commit of a local git folder is recorded when it has one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitrun import git

from scaffold.sources import fetched


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A local template folder that is a git repository without any commit yet."""
    folder = tmp_path / "template"
    (folder / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (folder / "cookiecutter.json").write_text(json.dumps({"project_slug": "demo"}))
    git(folder, "init", "-q")
    return folder


def test_a_local_repository_without_commits_records_no_commit(template: Path) -> None:
    with fetched(str(template)) as source:
        assert source.path == template.resolve()
        assert source.commit is None


def test_a_local_repository_records_its_head_commit(template: Path) -> None:
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", "first")
    with fetched(str(template)) as source:
        assert source.commit == git(template, "rev-parse", "HEAD")
        assert source.to_dict()["commit"] == source.commit


def test_a_template_in_a_folder_of_a_repository_records_where_it_is(template: Path) -> None:
    nested = template / "inner"
    (nested / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (nested / "cookiecutter.json").write_text(json.dumps({"project_slug": "demo"}))
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", "first")
    with fetched(str(template), directory="inner") as source:
        assert source.path == nested.resolve()
        assert source.to_dict() == {
            "source": str(template),
            "checkout": None,
            "directory": "inner",
            "commit": git(template, "rev-parse", "HEAD"),
        }
