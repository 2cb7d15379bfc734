"""The library API: what the command line does, callable from Python, printing nothing."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from installer import Installed, recorded_installs

from scaffold import api
from scaffold import template as template_module
from scaffold import update as update_module
from scaffold.errors import (
    InvalidNameError,
    TargetExistsError,
    UnknownFrameworkError,
    UnknownOptionError,
    UsageError,
)

SCAFFOLD = Path(__file__).parent.parent / "scaffold"


def test_new_generates_and_records_the_answers_it_was_given(
    mini_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = api.new(
        "My App",
        framework="mini",
        options={"docker": "yes"},
        answers={"size": "small"},
        output_dir=tmp_path,
    )
    assert result.path == tmp_path / "my-app"
    assert (result.path / "Dockerfile").is_file()
    record = json.loads((result.path / ".scaffold.json").read_text())
    assert record["answers"] == {"size": "small"}
    assert capsys.readouterr() == ("", ""), "the library prints nothing"


def test_new_raises_the_packages_errors_with_their_data(mini_root: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownOptionError) as raised:
        api.new("demo", framework="mini", options={"database": "mysql"}, output_dir=tmp_path)
    assert raised.value.option == "database"
    with pytest.raises(InvalidNameError):
        api.new("class", framework="mini", output_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_framework_of_the_article_without_a_template_is_said_so(mini_root: Path) -> None:
    with pytest.raises(UsageError) as raised:
        api.template_for(" Tornado")
    assert str(raised.value) == (
        "Tornado has no template yet (see scaffold info tornado)."
        " Run scaffold list for the templates."
    )


def test_a_framework_no_one_knows_is_an_unknown_framework(mini_root: Path) -> None:
    with pytest.raises(UnknownFrameworkError, match=r'^No template for "nosuch"'):
        api.template_for("nosuch")


def test_recommend_ranks_every_framework_of_the_article() -> None:
    ranking = api.recommend({"realtime": "yes", "async": "yes"}).ranking
    assert len(ranking) == 11
    assert ranking[0].framework in {"tornado", "aiohttp"}


def test_new_records_the_recommendation_it_followed(mini_root: Path, tmp_path: Path) -> None:
    chosen = {"framework": "mini", "score": 3}
    result = api.new("demo", framework="mini", recommendation=chosen, output_dir=tmp_path)
    record = json.loads((result.path / ".scaffold.json").read_text())
    assert record["recommendation"] == chosen


def test_new_dry_run_writes_nothing(mini_root: Path, tmp_path: Path) -> None:
    result = api.new("demo", framework="mini", output_dir=tmp_path, dry_run=True)
    assert result.dry_run and "README.md" in result.files
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_name_the_template_reserves(mini_root: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidNameError, match="the starter itself uses"):
        api.new("docs", framework="mini", output_dir=tmp_path)


def test_new_keeps_a_folder_in_use_unless_forced(mini_root: Path, tmp_path: Path) -> None:
    mine = tmp_path / "demo" / "mine.txt"
    mine.parent.mkdir()
    mine.write_text("mine")
    with pytest.raises(TargetExistsError):
        api.new("demo", framework="mini", output_dir=tmp_path)
    assert [p.name for p in mine.parent.iterdir()] == ["mine.txt"]
    api.new("demo", framework="mini", output_dir=tmp_path, force=True)
    assert (tmp_path / "demo" / ".scaffold.json").is_file() and mine.read_text() == "mine"


@pytest.fixture
def mini_with_auth(
    fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The mini template with an "auth" option, which the questionnaire's auth answer implies."""
    root = tmp_path / "templates"
    mini = shutil.copytree(fixture_templates / "mini", root / "mini")
    config = json.loads((mini / "cookiecutter.json").read_text())
    (mini / "cookiecutter.json").write_text(json.dumps({**config, "auth": ["no", "yes"]}))
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    return root


def test_new_preselects_the_options_the_answers_imply(mini_with_auth: Path, tmp_path: Path) -> None:
    implied = api.new("demo", framework="mini", answers={"auth": "yes"}, output_dir=tmp_path / "a")
    assert implied.options["auth"] == "yes"
    overridden = api.new(
        "demo",
        framework="mini",
        answers={"auth": "yes"},
        options={"auth": "no"},
        output_dir=tmp_path / "b",
    )
    assert overridden.options["auth"] == "no"


@pytest.fixture
def flask_and_mini(
    fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A templates folder with "flask" (of the article) and "mini" (not of the article)."""
    root = tmp_path / "templates"
    shutil.copytree(fixture_templates / "mini", root / "mini")
    shutil.copytree(fixture_templates / "mini", root / "flask")
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    return root


def test_templates_lists_only_the_articles_frameworks_that_have_one(flask_and_mini: Path) -> None:
    assert api.templates() == ["flask"]


def test_recommend_says_which_frameworks_have_a_template(flask_and_mini: Path) -> None:
    ranking = api.recommend({"size": "small"}).ranking
    assert {ranked.framework for ranked in ranking if ranked.has_template} == {"flask"}


@pytest.fixture
def installs(monkeypatch: pytest.MonkeyPatch) -> list[Installed]:
    """Record what api.install asks the installer to do instead of installing."""
    return recorded_installs(monkeypatch, "project", "python", "command", "progress")


def test_install_runs_the_templates_install_command_in_the_project(
    mini_root: Path, tmp_path: Path, installs: list[Installed]
) -> None:
    result = api.new("demo", framework="mini", output_dir=tmp_path, dry_run=True)
    api.install(result, progress=print)
    assert installs == [
        {
            "project": tmp_path / "demo",
            "python": "",
            "command": "python -m pip install -e '.[dev]'",
            "progress": print,
        }
    ]


def test_install_uses_the_projects_python_version(
    mini_root: Path, tmp_path: Path, installs: list[Installed]
) -> None:
    result = api.new("demo", framework="mini", output_dir=tmp_path, dry_run=True)
    pinned = dataclasses.replace(result, options={**result.options, "python_version": "3.12"})
    api.install(pinned)
    assert installs[0]["python"] == "3.12"


def test_install_refuses_a_template_without_an_install_command(
    mini_root: Path, tmp_path: Path, installs: list[Installed]
) -> None:
    result = api.new("demo", framework="mini", output_dir=tmp_path, dry_run=True)
    with pytest.raises(UsageError) as raised:
        api.install(dataclasses.replace(result, commands={}))
    assert str(raised.value) == "The template says nothing of how to install its project."
    assert installs == []


def test_update_changes_the_project_unless_asked_for_a_dry_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's update runs for real by default; only dry_run=True asks it to look."""
    runs: list[tuple[Path, object, bool]] = []

    def run(project: Path, *, options: object = None, dry_run: bool = False) -> str:
        runs.append((project, options, dry_run))
        return "result"

    monkeypatch.setattr(update_module, "update", run)
    assert api.update(tmp_path, options={"docker": "yes"}) == "result"
    api.update(tmp_path, dry_run=True)
    assert runs == [(tmp_path, {"docker": "yes"}, False), (tmp_path, None, True)]


def _foreign_template(root: Path, *, hook: bool = False) -> Path:
    """Write a third-party cookiecutter template into ``root``/sub and return ``root``."""
    template = root / "sub"
    project = template / "{{cookiecutter.project_slug}}"
    project.mkdir(parents=True)
    config = {
        "project_name": "x",
        "project_slug": "{{ cookiecutter.project_name|slugify }}",
        "colour": ["red", "blue"],
        "motto": "hi",
    }
    (template / "cookiecutter.json").write_text(json.dumps(config))
    (project / "info.txt").write_text("{{ cookiecutter.colour }} {{ cookiecutter.motto }}\n")
    if hook:
        (template / "hooks").mkdir()
        (template / "hooks" / "post_gen_project.py").write_text(
            "from pathlib import Path\nPath('hooked.txt').write_text('yes')\n"
        )
    return root


def _answer(key: str, label: str, kind: object, default: object, choices: object) -> object:
    return {"motto": "bold"}.get(key, default)


def test_new_from_template_takes_the_options_and_asks_the_rest(tmp_path: Path) -> None:
    source = _foreign_template(tmp_path / "src")
    result = api.new_from_template(
        "My Demo",
        source=str(source),
        directory="sub",
        options={"colour": "blue"},
        output_dir=tmp_path / "out",
        ask=_answer,
    )
    assert result.path == tmp_path / "out" / "my-demo"
    assert (result.path / "info.txt").read_text() == "blue bold\n"


def test_new_from_template_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = _foreign_template(tmp_path / "src")
    result = api.new_from_template(
        "demo", source=str(source), directory="sub", output_dir=tmp_path / "out", dry_run=True
    )
    assert result.dry_run and "info.txt" in result.files
    assert not (tmp_path / "out").exists()


def test_new_from_template_into_a_folder_in_use_needs_force(tmp_path: Path) -> None:
    source = _foreign_template(tmp_path / "src")
    mine = tmp_path / "out" / "demo" / "mine.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine")
    given = {"source": str(source), "directory": "sub", "output_dir": tmp_path / "out"}
    with pytest.raises(TargetExistsError):
        api.new_from_template("demo", **given)
    result = api.new_from_template("demo", force=True, **given)
    assert (result.path / "info.txt").read_text() == "red hi\n"
    assert mine.read_text() == "mine"


def test_new_from_template_runs_hooks_only_when_trusted(tmp_path: Path) -> None:
    source = str(_foreign_template(tmp_path / "src", hook=True))
    with pytest.raises(UsageError, match=r"^The template runs code: hooks/post_gen_project\.py\."):
        api.new_from_template("a", source=source, directory="sub", output_dir=tmp_path)
    skipped = api.new_from_template(
        "b", source=source, directory="sub", output_dir=tmp_path, no_hooks=True
    )
    assert not (skipped.path / "hooked.txt").exists()
    trusted = api.new_from_template(
        "c", source=source, directory="sub", output_dir=tmp_path, trust=True
    )
    assert (trusted.path / "hooked.txt").read_text() == "yes"


def test_new_from_template_refuses_both_trust_and_no_hooks(tmp_path: Path) -> None:
    source = _foreign_template(tmp_path / "src", hook=True)
    with pytest.raises(UsageError) as raised:
        api.new_from_template(
            "demo", source=str(source), directory="sub", trust=True, no_hooks=True
        )
    assert str(raised.value) == "Give either --trust or --no-hooks, not both."


#: The command line's modules: the only ones that may import the UI.
CLI_LAYER = {"cli.py", "quick.py", "ui.py", "__main__.py"}


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    "module",
    sorted(p for p in SCAFFOLD.rglob("*.py") if p.name not in CLI_LAYER),
    ids=lambda p: p.relative_to(SCAFFOLD).as_posix(),
)
def test_layers_point_one_way(module: Path) -> None:
    """cli -> ui and api -> engine -> data: nothing below the CLI imports it, the UI or the API."""
    above = {"scaffold.cli", "scaffold.quick", "scaffold.ui"} | (
        {"scaffold.api"} if module.name != "api.py" else set()
    )
    assert not {name for name in _imports(module) if name in above}
