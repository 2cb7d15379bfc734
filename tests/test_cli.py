"""The command line: exit codes, one-line errors, JSON on stdout and nothing else."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from installer import Installed, recorded_installs
from typer.testing import CliRunner

from scaffold import __version__, ui
from scaffold import template as template_module
from scaffold.catalog import load_catalog
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
    assert "Initialised a git repository with a first commit." in result.stdout.splitlines()
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
    assert result.stderr.splitlines() == [
        "No question was asked (no terminal): every answer takes its default. "
        "Answer with -a KEY=VALUE or --answers FILE (see scaffold recommend)."
    ]
    assert list(tmp_path.iterdir()) == []


def test_an_option_value_may_itself_hold_an_equals_sign(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "-o", "description=a=b")
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert record["options"]["description"] == "a=b"


ONLY_WITH_TEMPLATE = (
    "--checkout, --directory, --trust and --no-hooks go with --template "
    "(built-in templates run no code)."
)
NO_FRAMEWORK_WITH_TEMPLATE = "--template takes no --framework, --auto or answers: choose one."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--framework", "mini", "--auto"], "Give either --framework or --auto, not both."),
        (["--template", "TPL", "--framework", "mini"], NO_FRAMEWORK_WITH_TEMPLATE),
        (["--template", "TPL", "--auto"], NO_FRAMEWORK_WITH_TEMPLATE),
        (["--template", "TPL", "-a", "size=small"], NO_FRAMEWORK_WITH_TEMPLATE),
        (["--template", "TPL", "--answers", "TPL/cookiecutter.json"], NO_FRAMEWORK_WITH_TEMPLATE),
        (["--framework", "mini", "--trust"], ONLY_WITH_TEMPLATE),
        (["--framework", "mini", "--no-hooks"], ONLY_WITH_TEMPLATE),
        (["--framework", "mini", "--checkout", "v1"], ONLY_WITH_TEMPLATE),
        (["--framework", "mini", "--directory", "sub"], ONLY_WITH_TEMPLATE),
        (
            [],
            "Choose a framework: pass --framework NAME, or --auto to take the "
            "recommendation (there is no terminal to ask on).",
        ),
        (["--auto"], "No framework of the article has a template yet (see scaffold list)."),
    ],
    ids=[
        "framework-and-auto",
        "template-and-framework",
        "template-and-auto",
        "template-and-answer",
        "template-and-answers-file",
        "trust-without-template",
        "no-hooks-without-template",
        "checkout-without-template",
        "directory-without-template",
        "no-framework-no-terminal",
        "auto-without-article-template",
    ],
)
def test_new_refuses_what_cannot_be_done_in_these_words(
    runner: CliRunner, mini_root: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    template = _foreign_template(tmp_path / "tpl")
    out = tmp_path / "out"
    args = [arg.replace("TPL", str(template)) for arg in args]
    result = runner.invoke(app, ["new", "demo", *args, "--output-dir", str(out), "--no-input"])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""
    assert not out.exists()


def _foreign_template(root: Path) -> Path:
    """Write a small cookiecutter template (not one of scaffold's) into ``root``."""
    project = root / "{{cookiecutter.project_slug}}"
    project.mkdir(parents=True)
    config = {"project_name": "Demo", "project_slug": "{{ cookiecutter.project_name|lower }}"}
    (root / "cookiecutter.json").write_text(json.dumps(config))
    (project / "README.md").write_text("# {{ cookiecutter.project_name }}\n")
    return root


def _article_templates(
    fixture_templates: Path, root: Path, monkeypatch: pytest.MonkeyPatch, *names: str
) -> None:
    """Make copies of the mini template, named for frameworks of the article, the ones found."""
    for name in names:
        shutil.copytree(fixture_templates / "mini", root / name)
    monkeypatch.setattr(template_module, "templates_root", lambda: root)


@pytest.fixture
def flask_and_bottle(
    fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Make Flask and Bottle the templates found (copies of the mini template)."""
    _article_templates(fixture_templates, tmp_path / "t", monkeypatch, "flask", "bottle")


def test_answers_given_with_a_framework_are_recorded_the_flags_winning(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('size = "large"\nprototype = true\n')
    given = ["--answers", str(answers), "-a", "size=small"]
    result = _new(runner, tmp_path, "demo", "--framework", "mini", *given)
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert record["answers"] == {"size": "small", "prototype": "yes"}
    assert record["recommendation"] is None


def test_an_answer_given_with_a_framework_is_recorded(
    runner: CliRunner, mini_root: Path, tmp_path: Path
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "-a", "rest_api=y")
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert record["answers"] == {"rest_api": "yes"}


def test_new_auto_without_a_terminal_follows_the_answers_file_and_says_nothing_of_defaults(
    runner: CliRunner, fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _article_templates(fixture_templates, tmp_path / "t", monkeypatch, "flask", "bottle", "falcon")
    answers = tmp_path / "answers.toml"
    answers.write_text('size = "small"\nprototype = "yes"\nmin_dependencies = "yes"\n')
    result = _new(runner, tmp_path, "demo", "--auto", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "No question was asked" not in result.stderr
    record = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "bottle"
    assert record["answers"]["size"] == "small" and record["answers"]["prototype"] == "yes"


def test_new_auto_with_answers_given_says_nothing_of_defaults(
    runner: CliRunner, tmp_path: Path, flask_and_bottle: None
) -> None:
    result = _new(runner, tmp_path, "demo", "--auto", "--dry-run", "-a", "size=small")
    assert result.exit_code == 0, result.output
    assert "No question was asked" not in result.stderr


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person sits at a terminal."""
    monkeypatch.setattr(ui, "is_interactive", lambda: True)


def test_new_all_questions_on_a_terminal_asks_every_question(
    runner: CliRunner, terminal: None, flask_and_bottle: None
) -> None:
    questions = len(load_catalog().questions)
    result = runner.invoke(
        app,
        ["new", "demo", "--auto", "--all-questions", "--dry-run", "--json"],
        input="\n" * questions,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Question ") == questions
    assert "No question was asked" not in result.stderr, "every one was"


def test_new_on_a_terminal_asks_and_says_nothing_of_defaults(
    runner: CliRunner, terminal: None, flask_and_bottle: None
) -> None:
    result = runner.invoke(app, ["new", "demo", "--auto", "--dry-run"], input="\n" * 30)
    assert result.exit_code == 0, result.output
    assert "Question 1" in result.stdout
    assert result.stderr == ""


def test_new_json_on_a_terminal_asks_on_stderr_and_prints_only_json(
    runner: CliRunner, terminal: None, flask_and_bottle: None
) -> None:
    result = runner.invoke(app, ["new", "demo", "--dry-run", "--json"], input="\n" * 30)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == data["recommendation"]["framework"]
    assert "Question 1" in result.stderr and "Generate which framework" in result.stderr


INSTALLER_SAYS = "Installed 3 packages"


@pytest.fixture
def installs(monkeypatch: pytest.MonkeyPatch) -> list[Installed]:
    """Record what the installer is asked to do instead of installing; it says one line."""
    return recorded_installs(monkeypatch, "project", "command", says=INSTALLER_SAYS)


@pytest.fixture
def on_a_terminal_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Write to stdout and stderr as to a terminal: spinners and their text show."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    ui.out.cache_clear()  # the consoles read the environment when they are made
    ui.err.cache_clear()
    yield
    ui.out.cache_clear()
    ui.err.cache_clear()


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_install_shows_the_installers_progress_and_next_steps_use_the_new_venv(
    runner: CliRunner,
    mini_root: Path,
    tmp_path: Path,
    installs: list[Installed],
    on_a_terminal_screen: None,
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "--install")
    assert result.exit_code == 0, result.output
    assert installs == [
        {"project": tmp_path / "demo", "command": "python -m pip install -e '.[dev]'"}
    ]
    shown = _plain(result.stderr).splitlines()
    spinner = next(i for i, line in enumerate(shown) if line.endswith("dev extra…"))
    assert shown[spinner][2:] == "Creating .venv and installing the project with its dev extra…"
    assert shown[spinner + 1] == f"  {INSTALLER_SAYS}"
    assert "nothing installed" not in result.stderr
    steps = _plain(result.stdout).partition("Next steps")[2].split("\n  ")
    assert steps[2] == ". .venv/bin/activate"
    assert "python -m venv" not in result.stdout


def test_install_json_says_installed(
    runner: CliRunner, mini_root: Path, tmp_path: Path, installs: list[Installed]
) -> None:
    result = _new(runner, tmp_path, "demo", "--framework", "mini", "--install", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["installed"], data["git"]) == (True, None)
    assert len(installs) == 1


def test_a_dry_run_installs_nothing_and_makes_no_repository(
    runner: CliRunner, mini_root: Path, tmp_path: Path, installs: list[Installed]
) -> None:
    args = ["--output-dir", str(tmp_path), "--dry-run", "--install", "--git", "--json"]
    result = runner.invoke(app, ["new", "demo", "--framework", "mini", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["installed"] is False and data["git"] is None
    assert installs == []
    assert list(tmp_path.iterdir()) == []


def test_install_of_a_template_without_an_install_command_says_nothing_was_installed(
    runner: CliRunner, tmp_path: Path, installs: list[Installed]
) -> None:
    template = _foreign_template(tmp_path / "tpl")
    args = ["--install", "--no-git", "--no-input", "--output-dir", str(tmp_path / "out")]
    result = runner.invoke(app, ["new", "demo", "--template", str(template), *args])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "The template says nothing of how to install its project: nothing installed."
    ]
    assert installs == []
    assert (tmp_path / "out" / "demo" / "README.md").read_text() == "# demo\n"
