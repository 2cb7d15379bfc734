"""`scaffold recommend` and `scaffold new --auto`: answers in, the article's reasons out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import ui
from scaffold.catalog import load_catalog
from scaffold.cli import app
from scaffold.template import discover

TEMPLATES = {t.name for t in discover()}
DJANGO_ANSWERS = ["-a", "rest_api=yes", "-a", "size=large", "-a", "strict_deadline=y"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person sits at a terminal."""
    monkeypatch.setattr(ui, "is_interactive", lambda: True)


def test_recommend_json_ranks_every_template(runner: CliRunner) -> None:
    result = runner.invoke(app, ["recommend", "--no-input", "--json", *DJANGO_ANSWERS])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["rest_api"] == "yes" and data["answers"]["strict_deadline"] == "yes"
    assert set(data["answers"]) == {q.key for q in load_catalog().questions}
    assert {r["framework"] for r in data["ranking"]} == TEMPLATES
    top = data["ranking"][0]
    assert top["framework"] == "django"
    assert top["reasons"] and all(r["quote"] for r in top["reasons"])
    scores = [r["score"] for r in data["ranking"]]
    assert scores == sorted(scores, reverse=True)


def test_recommend_prints_reasons_and_concerns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["recommend", "--no-input", "-a", "size=small"])
    assert result.exit_code == 0, result.output
    assert "Django" in result.stdout and "score" in result.stdout
    assert "small projects" in result.stdout, "Django's concern quotes the article"


def test_answers_file_then_flags_win(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('size = "small"\nprototype = true\n')
    result = runner.invoke(
        app, ["recommend", "--no-input", "--json", "--answers", str(answers), "-a", "size=large"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["size"] == "large" and data["answers"]["prototype"] == "yes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "sise=small"], 'Did you mean "size"'),
        (["-a", "size=huge"], "small, medium or large"),
        (["-a", "rest_api=maybe"], "yes or no"),
        (["-a", "size"], "KEY=VALUE"),
        (["--answers", "missing.toml"], "missing.toml"),
    ],
    ids=["unknown-key", "bad-choice", "bad-bool", "no-equals", "missing-file"],
)
def test_bad_answers_are_exit_2(
    runner: CliRunner,
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["recommend", "--no-input", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_malformed_answers_file_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "answers.json"
    broken.write_text("{not json")
    result = runner.invoke(app, ["recommend", "--no-input", "--answers", str(broken)])
    assert result.exit_code == 2
    assert "answers.json" in result.stderr


def test_interactive_questionnaire_asks_and_reasks_bad_answers(
    runner: CliRunner, terminal: None
) -> None:
    # size, then 13 yes/no questions: a bad answer first, then Enter for defaults.
    keys = [q.key for q in load_catalog().questions]
    replies = {"size": "small", "prototype": "y", "min_dependencies": "yes"}
    lines = ["huge", *[replies.get(key, "") for key in keys]]
    result = runner.invoke(app, ["recommend", "--json"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["size"] == "small"
    assert data["answers"]["prototype"] == "yes"
    assert data["ranking"][0]["framework"] == "bottle"
    assert "small, medium or large" in result.stderr, "the bad answer is explained, then re-asked"


@pytest.mark.skipif("django" not in TEMPLATES, reason="needs the django template")
def test_new_auto_generates_the_top_framework_and_records_why(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "shop",
            "--auto",
            "--no-input",
            "--no-git",
            "--output-dir",
            str(tmp_path),
            *DJANGO_ANSWERS,
            "-a",
            "auth=yes",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Recommended: Django" in result.stdout
    record = json.loads((tmp_path / "shop" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "django"
    assert record["answers"]["rest_api"] == "yes"
    assert record["recommendation"]["framework"] == "django"
    assert record["recommendation"]["reasons"]
    assert record["options"]["rest_api"] == "drf", "rest_api=yes preselects the DRF option"
    assert record["options"]["auth"] == "yes"


@pytest.mark.skipif("django" not in TEMPLATES, reason="needs the django template")
def test_explicit_options_win_over_implied_ones(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "shop",
            "--auto",
            "--no-input",
            "--no-git",
            "--json",
            "--output-dir",
            str(tmp_path),
            *DJANGO_ANSWERS,
            "-o",
            "rest_api=none",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["options"]["rest_api"] == "none"
    assert data["recommendation"]["framework"] == "django"


@pytest.mark.skipif("bottle" not in TEMPLATES, reason="needs the bottle template")
def test_new_on_a_terminal_lets_the_person_pick(
    runner: CliRunner, tmp_path: Path, terminal: None
) -> None:
    questions = len(load_catalog().questions)
    lines = [""] * questions + ["bottle"]
    result = runner.invoke(
        app,
        ["new", "blog", "--no-git", "--output-dir", str(tmp_path)],
        input="\n".join(lines) + "\n",
    )
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "blog" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "bottle"


def test_end_of_input_at_a_prompt_is_an_interruption_not_a_crash(
    runner: CliRunner, terminal: None
) -> None:
    result = runner.invoke(app, ["recommend"], input="small\n")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output
