"""list and info run without Typer, and say exactly what the Typer path says."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.quick import quick_command


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
