"""list and info run without Typer, and say exactly what the Typer path says."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold.catalog import load_catalog
from scaffold.cli import app
from scaffold.quick import quick_command, report, run


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import atexit, sys; atexit.register(lambda: print(sorted(sys.modules)))\n"
        "from scaffold.__main__ import main; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.process
@pytest.mark.parametrize(
    "args",
    [["list", "--json"], ["info", "django", "--json"], ["info", "--json", "tornado"]],
)
def test_the_quick_path_prints_what_typer_prints_and_imports_no_typer(
    runner: CliRunner, args: list[str]
) -> None:
    done = _program(*args)
    assert done.returncode == 0, done.stderr
    output, _, modules = done.stdout.rpartition("\n[")
    assert "'typer'" not in modules and "'tomllib'" not in modules
    assert output + "\n" == runner.invoke(app, args).stdout


@pytest.mark.process
def test_an_error_on_the_quick_path_is_one_line_and_the_exit_code(runner: CliRunner) -> None:
    done = _program("info", "djngo")
    assert done.returncode == 2
    assert done.stderr == runner.invoke(app, ["info", "djngo"]).stderr
    assert "Traceback" not in done.stderr and 'Did you mean "django"?' in done.stderr


@pytest.mark.parametrize(
    "args",
    [[], ["list", "-h"], ["list", "extra"], ["info"], ["info", "a", "b"], ["new", "x"], ["--help"]],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert quick_command(args) is None


@pytest.fixture(autouse=True)
def _sigterm_restored() -> Iterator[None]:
    """The quick path makes SIGTERM an interrupt: give the test process its handler back."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_quick_list_json_gives_each_templates_catalog_entry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["list", "--json"]) == 0
    entries = {entry["name"]: entry for entry in json.loads(capsys.readouterr().out)}
    django = load_catalog().framework("django")
    assert entries["django"]["title"] == django.title == "Django"
    assert entries["django"]["kind"] == "full-stack"
    assert entries["django"]["summary"] == django.summary
    assert any(o["name"] == "python_version" for o in entries["django"]["options"])


def test_quick_list_without_json_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Templates (the first choice of an option is its default)")
    assert "django" in out


@pytest.mark.parametrize("args", [["info", "django", "--json"], ["info", "--json", "django"]])
def test_quick_info_json_gives_the_profile_and_the_templates_options(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(args) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["name"] == "django" and profile["kind"] == "full-stack"
    options = [o["name"] for o in profile["template"]["options"]]
    assert "python_version" in options


def test_quick_info_json_of_a_framework_without_template_says_null(
    mini_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["info", "tornado", "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["name"] == "tornado" and profile["template"] is None


def test_quick_info_without_json_prints_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["info", "django"]) == 0
    assert capsys.readouterr().out.startswith("Django (full-stack)\n")


def test_a_quick_error_is_one_line_on_stderr_and_its_exit_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["info", "djngo"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Error: ") and captured.err.count("\n") == 1
    assert 'Did you mean "django"?' in captured.err


def test_a_command_that_is_not_quick_is_left_to_typer(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["new", "x"]) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("error", [KeyboardInterrupt(), EOFError()])
def test_an_interruption_is_reported_as_exit_130(
    error: BaseException, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(error) == 130
    assert capsys.readouterr().err == "Error: Interrupted: nothing was written.\n"


def test_an_unexpected_error_says_how_to_see_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SCAFFOLD_DEBUG", raising=False)
    assert report(ValueError("boom")) == 1
    assert capsys.readouterr().err == (
        "Error: Unexpected error: ValueError: boom. "
        "Set SCAFFOLD_DEBUG=1 to see the traceback, and please report it.\n"
    )


def test_scaffold_debug_lets_an_unexpected_error_rise(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SCAFFOLD_DEBUG", "1")
    assert report(ValueError("boom")) is None
    assert capsys.readouterr().err == ""


def test_a_system_exit_is_not_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SCAFFOLD_DEBUG", raising=False)
    assert report(SystemExit(3)) is None
    assert capsys.readouterr().err == ""
