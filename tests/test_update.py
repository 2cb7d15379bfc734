"""scaffold update and check: a real three-way merge with real git, against a changing template."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import template as template_module
from scaffold.cli import app
from scaffold.gitrepo import TEMPLATE_REF

SLUG = "{{cookiecutter.project_slug}}"


def git(project: Path, *args: str) -> str:
    """Run git in ``project`` and return what it prints."""
    done = subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def templates(fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture templates that the test may change, as scaffold's templates."""
    root = shutil.copytree(fixture_templates, tmp_path / "templates")
    (root / "mini" / SLUG / "notes.txt").write_text("one\ntwo\nthree\nfour\nfive\nsix\nseven\n")
    (root / "mini" / SLUG / "old.txt").write_text("to be removed\n")
    (root / "mini" / SLUG / "moving.txt").write_text("a file the template renames\n" * 5)
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    template_module._discover.cache_clear()
    yield root
    template_module._discover.cache_clear()


def _invoke(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def project(runner: CliRunner, templates: Path, tmp_path: Path) -> Path:
    """A mini project generated with git, its first commit the pristine render."""
    out = tmp_path / "out"
    result = _invoke(runner, "new", "demo", "--framework", "mini", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    return out / "demo"


def _change_template(templates: Path, change: Callable[[Path], None]) -> None:
    change(templates / "mini" / SLUG)
    template_module._discover.cache_clear()


def _improve(folder: Path) -> None:
    """What a template maintainer does: add, remove, rename and edit files."""
    (folder / "added.txt").write_text("new in the template\n")
    (folder / "old.txt").unlink()
    (folder / "moving.txt").rename(folder / "moved.txt")
    notes = (folder / "notes.txt").read_text().replace("seven", "SEVEN (template)")
    (folder / "notes.txt").write_text(notes.replace("two", "TWO (template)"))


def test_new_keeps_the_pristine_render_on_the_template_ref(project: Path) -> None:
    assert git(project, "rev-parse", TEMPLATE_REF) == git(project, "rev-parse", "HEAD")
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template_ref"] == TEMPLATE_REF


def test_check_is_0_when_up_to_date_and_1_when_the_template_changed(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    assert _invoke(runner, "check", str(project)).exit_code == 0
    _change_template(templates, _improve)
    checked = _invoke(runner, "check", str(project), "--json")
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    assert data["up_to_date"] is False
    assert data["changes"]["added"] == ["added.txt"]
    assert data["changes"]["removed"] == ["old.txt"]
    assert data["changes"]["renamed"] == [["moving.txt", "moved.txt"]]


def test_update_merges_the_template_and_keeps_every_user_edit(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    notes = (project / "notes.txt").read_text().replace("four", "FOUR (mine)")
    (project / "notes.txt").write_text(notes)
    (project / "mine.txt").write_text("my own file\n")
    env_before = (project / ".env").read_bytes()
    git(project, "add", "-A")
    git(project, "commit", "-qm", "my work")
    _change_template(templates, _improve)

    result = _invoke(runner, "update", str(project))

    assert result.exit_code == 0, result.output
    assert (project / "notes.txt").read_text() == (
        "one\nTWO (template)\nthree\nFOUR (mine)\nfive\nsix\nSEVEN (template)\n"
    )
    assert (project / "added.txt").is_file()
    assert not (project / "old.txt").exists(), "removed by the template, unchanged by the user"
    assert not (project / "moving.txt").exists() and (project / "moved.txt").is_file()
    assert (project / "mine.txt").read_text() == "my own file\n"
    assert (project / ".env").read_bytes() == env_before, ".env is never touched"
    assert git(project, "status", "--porcelain") == ""
    parents = git(project, "log", "-1", "--format=%P").split()
    assert len(parents) == 2, "the update is one merge commit"
    assert _invoke(runner, "check", str(project)).exit_code == 0


def test_a_line_both_sides_changed_is_an_ordinary_git_conflict(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)

    result = _invoke(runner, "update", str(project))

    assert result.exit_code == 1
    assert "notes.txt" in result.stdout
    text = (project / "notes.txt").read_text()
    assert "<<<<<<<" in text and "TWO (mine)" in text and "TWO (template)" in text
    assert "UU notes.txt" in git(project, "status", "--porcelain")
    assert not list(project.rglob("*.rej")) and not list(project.rglob("*.orig"))
    assert _invoke(runner, "check", str(project)).exit_code == 1, "not up to date until merged"


def test_a_secret_file_the_user_committed_is_never_touched(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "add", "--force", ".env")
    git(project, "commit", "-qm", "committed my .env after all")
    committed = (project / ".env").read_bytes()
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert (project / ".env").read_bytes() == committed
    assert ".env" in git(project, "ls-files")


def test_a_file_the_user_deleted_stays_deleted(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "rm", "-q", "README.md")
    git(project, "commit", "-qm", "no readme")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert not (project / "README.md").exists()


def test_a_dirty_tree_is_refused_with_exit_3_and_nothing_changed(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "README.md").write_text("uncommitted\n")
    _change_template(templates, _improve)
    refs_before = git(project, "show-ref")
    result = _invoke(runner, "update", str(project))
    assert result.exit_code == 3
    assert "commit or stash" in result.stderr
    assert git(project, "show-ref") == refs_before
    assert (project / "README.md").read_text() == "uncommitted\n"


def test_a_dry_run_writes_nothing_not_even_git_objects(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    _change_template(templates, _improve)
    objects = sorted(p.name for p in (project / ".git" / "objects").rglob("*"))
    refs = git(project, "show-ref")
    result = _invoke(runner, "update", str(project), "--dry-run", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["changes"]["added"] == ["added.txt"]
    assert sorted(p.name for p in (project / ".git" / "objects").rglob("*")) == objects
    assert git(project, "show-ref") == refs
    assert not (project / "added.txt").exists()


def test_an_option_changed_later_adds_and_removes_its_files(
    runner: CliRunner, project: Path
) -> None:
    (project / "README.md").write_text((project / "README.md").read_text() + "mine\n")
    git(project, "commit", "-qam", "mine")
    result = _invoke(runner, "update", str(project), "-o", "docker=yes")
    assert result.exit_code == 0, result.output
    assert (project / "Dockerfile").is_file()
    assert (project / "README.md").read_text().endswith("mine\n")
    assert json.loads((project / ".scaffold.json").read_text())["options"]["docker"] == "yes"


def test_a_bad_option_is_refused_like_new_does(runner: CliRunner, project: Path) -> None:
    result = _invoke(runner, "update", str(project), "-o", "database=mysql")
    assert result.exit_code == 2
    assert "choose sqlite, postgresql or none" in result.stderr


def test_an_aborted_merge_can_be_updated_again(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 1
    git(project, "merge", "--abort")
    again = _invoke(runner, "update", str(project), "--dry-run", "--json")
    assert json.loads(again.stdout)["changes"]["added"] == ["added.txt"]


def test_a_project_from_before_the_ref_is_found_in_its_history(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "update-ref", "-d", TEMPLATE_REF)
    (project / "mine.txt").write_text("mine\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "mine")
    result = _invoke(runner, "update", str(project), "-o", "docker=yes")
    assert result.exit_code == 0, result.output
    assert (project / "Dockerfile").is_file() and (project / "mine.txt").is_file()


@pytest.mark.parametrize(
    ("prepare", "says"),
    [
        (lambda p: shutil.rmtree(p / ".git"), "not the top folder of a git repository"),
        (lambda p: (p / ".scaffold.json").unlink(), "no readable .scaffold.json"),
    ],
    ids=["no-git", "no-record"],
)
def test_what_cannot_be_updated_is_said_clearly(
    runner: CliRunner, project: Path, prepare: Callable[[Path], None], says: str
) -> None:
    prepare(project)
    result = _invoke(runner, "update", str(project))
    assert result.exit_code == 2
    assert says in result.stderr


def test_an_update_runs_no_template_code_but_rendering(
    runner: CliRunner, project: Path, templates: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "hook-ran"
    hook = templates / "mini" / "hooks" / "post_gen_project.py"
    hook.write_text(f"open({str(marker)!r}, 'w').close()\n")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert (project / "added.txt").is_file()
    assert not marker.exists()
