"""The command line: exit codes, one-line errors, JSON on stdout and nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import __version__
from scaffold.cli import app

FRAMEWORKS_TOML = Path(__file__).resolve().parents[1] / "scaffold" / "data" / "frameworks.toml"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"scaffold {__version__}"


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("list", "info", "recommend", "new"):
        assert command in result.stdout


@pytest.mark.process
def test_python_dash_m_works_from_anywhere(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scaffold", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"scaffold {__version__}"


def test_list_json_describes_each_template(runner: CliRunner, mini_root: Path) -> None:
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["name"] == "mini"
    database = next(o for o in entry["options"] if o["name"] == "database")
    assert database == {
        "name": "database",
        "default": "sqlite",
        "choices": ["sqlite", "postgresql", "none"],
        "prompt": "Database",
    }


def test_list_shows_a_single_templates_options(runner: CliRunner, mini_root: Path) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert "mini" in result.stdout and "database: sqlite, postgresql, none" in result.stdout
    assert "Every template" not in result.stdout


def test_list_gives_a_line_per_template_and_shared_options_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for name, kind in (("django", "full-stack"), ("flask", "micro"), ("web2py", "full-stack")):
        assert any(line.split()[:2] == [name, kind] for line in lines if line.strip()), name
    text = " ".join(result.stdout.split())  # whatever the width the lines were wrapped to
    assert "Django: The full-stack web framework" in text, "each template's title"
    assert text.count("license: MIT") == 1
    assert text.count("rest_api: none, drf") == 1  # only Django has it
    shared = text.partition("Every template: ")[2].partition("Free-text options")[0]
    assert "python_version: 3.11, 3.12, 3.13" in shared and "rest_api" not in shared


def test_info_json_gives_the_article_profile(runner: CliRunner) -> None:
    result = runner.invoke(app, ["info", "Django", "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["name"] == "django" and profile["kind"] == "full-stack"
    for key in ("summary", "pros", "cons", "when_to_use", "examples", "features"):
        assert profile[key], key


def test_info_of_a_framework_without_template(runner: CliRunner, mini_root: Path) -> None:
    result = runner.invoke(app, ["info", "tornado"])
    assert result.exit_code == 0
    assert "No template yet" in result.stdout


def test_unknown_framework_is_exit_2_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["info", "djnago"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert 'Did you mean "django"?' in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def _new(runner: CliRunner, tmp_path: Path, *args: str):
    return runner.invoke(
        app, ["new", *args, "--output-dir", str(tmp_path), "--no-input", "--no-git"]
    )


def test_new_with_a_framework(runner: CliRunner, mini_root: Path, tmp_path: Path) -> None:
    result = _new(runner, tmp_path, "My Shop", "--framework", "mini", "-o", "docker=yes")
    assert result.exit_code == 0, result.output
    project = tmp_path / "my-shop"
    assert (project / "Dockerfile").is_file()
    assert "Next steps" in result.stdout
    assert "python -m my_shop" in result.stdout, "next steps come from the template's commands"


def test_new_json_prints_one_object_and_nothing_else(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(tmp_path / "demo")
    assert data["framework"] == "mini"
    assert data["options"]["database"] == "sqlite"
    assert "pyproject.toml" in data["files"]


def test_new_dry_run_shows_the_tree_and_writes_nothing(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "pyproject.toml" in result.stdout and "Dry run" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_new_into_an_existing_project_is_exit_3(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "keep.txt").write_text("mine")
    result = _new(runner, tmp_path, "demo", "--framework", "mini")
    assert result.exit_code == 3
    assert "--force" in result.stderr
    assert (tmp_path / "demo" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["demo", "--framework", "mini", "-o", "dockr=yes"], 'Did you mean "docker"'),
        (["demo", "--framework", "mini", "-o", "database=mysql"], "sqlite, postgresql or none"),
        (["demo", "--framework", "mini", "-o", "docker"], "KEY=VALUE"),
        (["demo", "--framework", "nope"], "No template"),
        (["demo", "--framework", "tornado"], "has no template yet"),
        (["class", "--framework", "mini"], "Python keyword"),
        (["../x", "--framework", "mini"], "path separator"),
        (["docs", "--framework", "mini"], "starter itself uses"),
        (["demo"], "--framework NAME, or --auto"),
        (["demo", "--framework", "mini", "--auto"], "not both"),
    ],
    ids=[
        "unknown-option",
        "bad-choice",
        "option-without-value",
        "unknown-framework",
        "no-template",
        "keyword-name",
        "path-name",
        "reserved-name",
        "no-terminal",
        "framework-and-auto",
    ],
)
def test_bad_input_is_exit_2_with_one_line(
    runner: CliRunner, mini_root: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = _new(runner, tmp_path, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_git_creates_a_first_commit(runner: CliRunner, mini_root: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["new", "demo", "--framework", "mini", "--output-dir", str(tmp_path), "--git"]
    )
    assert result.exit_code == 0, result.output
    log = subprocess.run(
        ["git", "log", "--oneline"],
        cwd=tmp_path / "demo",
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Initial commit from scaffold" in log.stdout
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=tmp_path / "demo", capture_output=True, text=True, check=True
    ).stdout.split()
    assert "pyproject.toml" in tracked


def test_an_unexpected_error_is_one_line_not_a_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("scaffold.catalog.load_catalog", boom)
    result = runner.invoke(app, ["info", "django"])
    assert result.exit_code == 1
    assert "Unexpected error: RuntimeError: disk on fire" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_is_exit_130_with_one_line_and_nothing_written(
    runner: CliRunner, mini_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("scaffold.generate.pipeline.render", interrupted)
    result = _new(runner, tmp_path, "demo", "--framework", "mini")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_auto_without_a_terminal_says_no_question_was_asked(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["new", "demo", "--auto", "--dry-run", "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "No question was asked (no terminal)" in said and "-a KEY=VALUE" in said
    assert list(tmp_path.iterdir()) == []
