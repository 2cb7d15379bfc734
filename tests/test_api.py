"""The library API: what the command line does, callable from Python, printing nothing."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from scaffold import api
from scaffold.errors import InvalidNameError, UnknownOptionError, UsageError

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
    with pytest.raises(UsageError, match="has no template yet"):
        api.template_for("tornado")


def test_recommend_ranks_every_framework_of_the_article() -> None:
    ranking = api.recommend({"realtime": "yes", "async": "yes"}).ranking
    assert len(ranking) == 11
    assert ranking[0].framework in {"tornado", "aiohttp"}


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
