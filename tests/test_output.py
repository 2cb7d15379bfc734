"""What each command prints, word for word, kept as snapshots (syrupy).

A change to any help text, heading, line of the article's profile or layout of the
ranking shows up here as a diff to review; accept it with ``pytest --snapshot-update``.
Paths of the test's own folders are replaced by ``<TMP>``, on lines wide enough that the
length of those paths never moves a line break.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

from scaffold import ui
from scaffold.catalog import load_catalog
from scaffold.cli import app

COMMANDS = ["list", "info", "recommend", "new", "update", "check"]
FRAMEWORKS = sorted(framework.name for framework in load_catalog().frameworks)
ANSWER_SETS = {
    "defaults": [],
    "small-api": ["-a", "size=small", "-a", "rest_api=yes", "-a", "min_dependencies=yes"],
    "large-growing": ["-a", "size=large", "-a", "will_grow=yes", "-a", "auth=yes"],
    "realtime-async": ["-a", "async=yes", "-a", "realtime=yes", "-a", "high_traffic=yes"],
    "dashboard": ["-a", "data_dashboard=yes", "-a", "prototype=yes"],
    "semantic": ["-a", "semantic_data=yes", "-a", "output_formats=yes"],
}


@pytest.fixture(autouse=True)
def fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay help and text out at 80 columns, wherever the tests run."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("NO_COLOR", raising=False)


def _printed(runner: CliRunner, args: list[str], tmp: Path | None = None) -> str:
    ui.out.cache_clear()  # the consoles read COLUMNS when they are made
    ui.err.cache_clear()
    result = runner.invoke(app, args, env={"COLUMNS": "400"} if tmp else None)
    ui.out.cache_clear()
    ui.err.cache_clear()
    text = f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    return text.replace(str(tmp), "<TMP>") if tmp else text


def test_help(runner: CliRunner, snapshot: SnapshotAssertion) -> None:
    assert _printed(runner, ["--help"]) == snapshot


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command(runner: CliRunner, command: str, snapshot: SnapshotAssertion) -> None:
    assert _printed(runner, [command, "--help"]) == snapshot


def test_list(runner: CliRunner, snapshot: SnapshotAssertion) -> None:
    assert _printed(runner, ["list"]) == snapshot


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_info(runner: CliRunner, framework: str, snapshot: SnapshotAssertion) -> None:
    assert _printed(runner, ["info", framework]) == snapshot


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_recommend(runner: CliRunner, answers: str, snapshot: SnapshotAssertion) -> None:
    args = ["recommend", "--no-input", *ANSWER_SETS[answers]]
    assert _printed(runner, args) == snapshot


@pytest.mark.parametrize(
    "args",
    [
        ["info", "djnago"],
        ["recommend", "--no-input", "-a", "size=huge"],
        ["recommend", "--no-input", "-a", "nosuchquestion=yes"],
        ["recommend", "--no-input", "-a", "size"],
        ["new", "x" * 65, "--framework", "flask", "--no-input"],
        ["new", "import", "--framework", "flask", "--no-input"],
        ["new", "flask", "--framework", "flask", "--no-input"],
        ["new", "app", "--framework", "nosuch", "--no-input"],
        ["new", "app", "--framework", "flask", "-o", "database=oracle", "--no-input"],
        ["check", "."],
    ],
    ids=lambda args: "-".join(args)[:40],
)
def test_refusals(
    runner: CliRunner,
    args: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snapshot: SnapshotAssertion,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _printed(runner, args, tmp_path) == snapshot


def test_new_dry_run(
    runner: CliRunner, mini_root: Path, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    args = ["new", "demo", "--framework", "mini", "--no-input", "--dry-run"]
    assert _printed(runner, [*args, "--output-dir", str(tmp_path)], tmp_path) == snapshot
    assert not (tmp_path / "demo").exists()


def test_new(
    runner: CliRunner, mini_root: Path, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    args = ["new", "demo", "--framework", "mini", "--no-input", "--no-git"]
    assert _printed(runner, [*args, "--output-dir", str(tmp_path)], tmp_path) == snapshot
