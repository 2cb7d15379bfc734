"""`scaffold recommend` and `scaffold new --auto`: answers in, the article's reasons out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from scenarios import ALL, ask, asked
from typer.testing import CliRunner

from scaffold import template as template_module
from scaffold import ui
from scaffold.catalog import load_catalog
from scaffold.cli import app
from scaffold.template import discover

TEMPLATES = {t.name for t in discover()}
DJANGO_ANSWERS = ["-a", "rest_api=yes", "-a", "size=large", "-a", "strict_deadline=y"]
#: The frameworks of the `some_templates` root, whatever templates have landed.
SOME = ("flask", "bottle", "falcon")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person sits at a terminal."""
    monkeypatch.setattr(ui, "is_interactive", lambda: True)


@pytest.fixture(scope="session")
def some_templates_root(fixture_templates: Path) -> Path:
    """A templates root where only Flask, Bottle and Falcon (with an `interface`) have one."""
    root = fixture_templates.parent / "some-templates"
    if not root.exists():
        for name in SOME:
            shutil.copytree(fixture_templates / "mini", root / name)
        config = root / "falcon" / "cookiecutter.json"
        data = json.loads(config.read_text())
        config.write_text(json.dumps({**data, "interface": ["wsgi", "asgi"]}))
    return root


@pytest.fixture
def some_templates(some_templates_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the `some_templates_root` templates the ones scaffold discovers."""
    monkeypatch.setattr(template_module, "templates_root", lambda: some_templates_root)
    return some_templates_root


@pytest.fixture
def every_template(
    fixture_templates: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A templates root with a template for each of the eleven frameworks, as once they land."""
    root = tmp_path_factory.mktemp("every-template")
    for name in ALL:
        shutil.copytree(fixture_templates / "mini", root / name)
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    return root


def test_once_every_template_lands_the_best_framework_is_generated(
    runner: CliRunner, tmp_path: Path, every_template: Path
) -> None:
    result = runner.invoke(app, ["recommend", "--no-input", "--json", "-a", "realtime=yes"])
    ranking = json.loads(result.stdout)["ranking"]
    assert all(ranked["has_template"] for ranked in ranking)
    result = runner.invoke(
        app,
        ["new", "feed", "--auto", "--no-input", "--no-git", "--output-dir", str(tmp_path),
         "-a", "realtime=yes"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "no template yet" not in result.stdout
    record = json.loads((tmp_path / "feed" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "tornado"


def test_once_every_template_lands_recommend_and_new_ask_the_same(
    runner: CliRunner, terminal: None, every_template: Path
) -> None:
    truth = {"semantic_data": "yes"}
    lines, _ = _replies(truth, races=[ALL])
    for command in (["recommend", "--json"], ["new", "x", "--auto", "--dry-run", "--json"]):
        result = runner.invoke(app, command, input="\n".join(lines) + "\n")
        assert result.exit_code == 0, result.output
        assert result.stderr.count("Question ") == len(lines)
    assert json.loads(result.stdout)["framework"] == "cubicweb"


def test_recommend_json_ranks_every_framework_of_the_article(runner: CliRunner) -> None:
    result = runner.invoke(app, ["recommend", "--no-input", "--json", *DJANGO_ANSWERS])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["rest_api"] == "yes" and data["answers"]["strict_deadline"] == "yes"
    assert set(data["answers"]) == {q.key for q in load_catalog().questions}
    assert sorted(r["framework"] for r in data["ranking"]) == sorted(ALL)
    assert len(data["ranking"]) == 11
    assert {r["framework"] for r in data["ranking"] if r["has_template"]} == TEMPLATES & set(ALL)
    top = data["ranking"][0]
    assert top["framework"] == "django"
    assert top["reasons"] and all(r["quote"] for r in top["reasons"])
    scores = [r["score"] for r in data["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert data["close_call"] is None


def test_a_framework_without_a_template_is_ranked_and_marked(
    runner: CliRunner, some_templates: Path
) -> None:
    result = runner.invoke(app, ["recommend", "--no-input", "--json", "-a", "realtime=yes"])
    assert result.exit_code == 0, result.output
    ranking = json.loads(result.stdout)["ranking"]
    assert (ranking[0]["framework"], ranking[0]["has_template"]) == ("tornado", False)
    assert {r["framework"] for r in ranking if r["has_template"]} == set(SOME)
    output = runner.invoke(app, ["recommend", "--no-input", "-a", "realtime=yes"]).stdout
    assert "1. Tornado  score +4  no template yet" in output
    text = " ".join(output.split())
    assert "long polling and Web sockets" in text
    assert "the best you can generate: Flask (scaffold new NAME --framework flask)" in text


def test_a_close_call_names_the_answer_that_flips_it(runner: CliRunner) -> None:
    args = ["recommend", "--no-input", "-a", "builtin_server=yes"]
    result = runner.invoke(app, [*args, "--json"])
    assert json.loads(result.stdout)["close_call"] == {
        "first": "cherrypy",
        "second": "aiohttp",
        "margin": 2,
        "flips": [{"question": "async", "answer": "yes"}],
    }
    text = runner.invoke(app, args).stdout
    assert "Close call: CherryPy leads aiohttp by 2: answer async=yes and aiohttp comes first." in (
        " ".join(text.split())
    )


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


def test_all_questions_asks_every_question_in_order_and_reasks_bad_answers(
    runner: CliRunner, terminal: None
) -> None:
    keys = [q.key for q in load_catalog().questions]
    replies = {"size": "small", "prototype": "y", "min_dependencies": "yes"}
    lines = ["huge", *[replies.get(key, "") for key in keys]]
    result = runner.invoke(
        app, ["recommend", "--json", "--all-questions"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["size"] == "small"
    assert data["answers"]["prototype"] == "yes"
    assert data["ranking"][0]["framework"] == "bottle"
    assert "small, medium or large" in result.stderr, "the bad answer is explained, then re-asked"
    assert result.stderr.count("Question ") == len(keys)
    assert "That settles it" not in result.stderr


def _replies(truth: dict[str, str], races: list[tuple[str, ...]]) -> tuple[list[str], str]:
    """The lines a person types at the adaptive questionnaire, and the questions' prompts."""
    steps, _ = ask(truth, races=races)
    keys = asked(steps)
    prompts = "".join(step.question.prompt for step in steps if step.question)
    return [truth.get(key, "") for key in keys], prompts


def test_the_questionnaire_stops_once_the_answers_settle_the_top(
    runner: CliRunner, terminal: None, some_templates: Path
) -> None:
    truth = {"async": "yes", "realtime": "yes", "high_traffic": "yes"}
    lines, _ = _replies(truth, races=[ALL, SOME])
    assert len(lines) < len(load_catalog().questions)
    result = runner.invoke(app, ["recommend", "--json"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Question ") == len(lines)
    assert "Question 1, at most 22 more" not in result.stderr
    assert "at most" in result.stderr and "That settles it" in result.stderr
    data = json.loads(result.stdout)
    assert data["ranking"][0]["framework"] == "tornado"
    full = runner.invoke(app, ["recommend", "--json", "--no-input", *_pairs(truth)])
    assert json.loads(full.stdout)["ranking"][0]["framework"] == "tornado"


def _pairs(answers: dict[str, str]) -> list[str]:
    return [arg for key, value in answers.items() for arg in ("-a", f"{key}={value}")]


def test_given_answers_are_never_asked_again(
    runner: CliRunner, terminal: None, some_templates: Path
) -> None:
    given = {"async": "yes", "oop": "no"}
    steps, _ = ask({}, races=[ALL, SOME], preset=given)
    lines = [""] * len(steps)
    result = runner.invoke(
        app, ["recommend", "--json", *_pairs(given)], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    catalog = load_catalog()
    for key in given:
        assert catalog.question(key).prompt not in result.stderr
    assert result.stderr.count("Question ") == len(steps)
    assert json.loads(result.stdout)["ranking"][0]["framework"] == "aiohttp"


def test_nothing_is_asked_when_the_given_answers_settle_it(
    runner: CliRunner, terminal: None, some_templates: Path
) -> None:
    truth = {q.key: q.default for q in load_catalog().questions} | {"realtime": "yes"}
    result = runner.invoke(app, ["recommend", *_pairs(truth)], input="")
    assert result.exit_code == 0, result.output
    assert "About your project" not in result.stdout and "Question" not in result.stdout


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


def test_new_on_a_terminal_lets_the_person_pick_among_the_templates(
    runner: CliRunner, tmp_path: Path, terminal: None, some_templates: Path
) -> None:
    steps, _ = ask({}, races=[SOME])
    lines = [""] * len(steps) + ["tornado", "bottle"]
    result = runner.invoke(
        app,
        ["new", "blog", "--no-git", "--output-dir", str(tmp_path)],
        input="\n".join(lines) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Please select one of the available options" in result.stdout, "Tornado has none"
    record = json.loads((tmp_path / "blog" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "bottle"


def test_new_asks_only_what_can_change_the_framework_generated(
    runner: CliRunner, tmp_path: Path, terminal: None, some_templates: Path
) -> None:
    steps, _ = ask({}, races=[SOME])
    keys = set(asked(steps))
    assert "data_dashboard" not in keys and "semantic_data" not in keys, "no template can win"
    result = runner.invoke(
        app,
        ["new", "blog", "--auto", "--no-git", "--output-dir", str(tmp_path)],
        input="\n" * len(steps),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Question ") == len(steps)


def test_new_auto_takes_the_best_framework_with_a_template_and_says_so(
    runner: CliRunner, tmp_path: Path, some_templates: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "new", "api", "--auto", "--no-input", "--no-git", "--output-dir", str(tmp_path),
            "-a", "realtime=yes", "-a", "microservice=yes", "-a", "async=yes",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Tornado ranks first (score +7) but has no template yet: generating Falcon" in text
    assert "Recommended: Falcon" in text
    record = json.loads((tmp_path / "api" / ".scaffold.json").read_text())
    assert record["template"]["name"] == "falcon"
    assert record["options"]["interface"] == "asgi", "async=yes implies Falcon's ASGI interface"


def test_an_implied_option_applies_only_where_a_template_has_it(
    runner: CliRunner, tmp_path: Path, some_templates: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "new", "pages", "--auto", "--no-input", "--no-git", "--json",
            "--output-dir", str(tmp_path), "-a", "async=yes", "-a", "flexibility=yes",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == "flask"
    assert "interface" not in data["options"]
    assert "aiohttp ranks first but has no template yet." in result.stderr


def test_end_of_input_at_a_prompt_is_an_interruption_not_a_crash(
    runner: CliRunner, terminal: None
) -> None:
    result = runner.invoke(app, ["recommend"], input="small\n")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output


def test_new_auto_without_any_template_of_the_article_is_exit_2(
    runner: CliRunner, tmp_path: Path, mini_root: Path
) -> None:
    result = runner.invoke(
        app, ["new", "demo", "--auto", "--no-input", "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 2, result.output
    assert "No framework of the article has a template yet" in result.stderr
    assert list(tmp_path.iterdir()) == []
