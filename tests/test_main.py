"""The ``scaffold`` program: --version and the quick commands at once, the rest to Typer."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator

import pytest

from scaffold import __version__
from scaffold.__main__ import main


@pytest.fixture(autouse=True)
def _sigterm_restored() -> Iterator[None]:
    """The program makes SIGTERM an interrupt: give the test process its handler back."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def _without_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make importing the Typer command line fail, as if it were not there."""
    monkeypatch.setitem(sys.modules, "scaffold.cli", None)
    monkeypatch.setitem(sys.modules, "typer", None)


def test_version_is_answered_without_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_typer(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["scaffold", "--version"])
    main()
    assert capsys.readouterr().out == f"scaffold {__version__}\n"


def test_a_quick_command_runs_without_the_command_line_and_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_typer(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["scaffold", "info", "django", "--json"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["name"] == "django"


def test_a_quick_commands_error_is_the_programs_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["scaffold", "info", "djngo"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert 'Did you mean "django"?' in capsys.readouterr().err


def test_other_command_lines_go_to_typer_under_the_name_scaffold(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/__main__.py", "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "Usage: scaffold [OPTIONS] COMMAND [ARGS]..." in out
    assert "recommend" in out
