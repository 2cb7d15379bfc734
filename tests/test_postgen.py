"""After generation: git, and --install that creates the project's own .venv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import postgen
from scaffold.cli import app
from scaffold.errors import InstallError, Interrupted
from scaffold.template import discover

TEMPLATES = {t.name for t in discover()}


def test_find_python_returns_a_working_interpreter() -> None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = postgen.find_python(version)
    done = subprocess.run(
        [found, "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == str(sys.version_info[:2])


def test_find_python_falls_back_to_this_interpreter() -> None:
    assert postgen.find_python("2.1") == sys.executable


def test_git_inside_an_existing_repository_makes_no_new_one(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    project = tmp_path / "demo"
    project.mkdir()
    assert "existing git repository" in postgen.init_git(project)
    assert not (project / ".git").exists()


def test_git_missing_is_said_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgen.shutil, "which", lambda name: None)
    assert "git was not found" in postgen.init_git(tmp_path)


def _with_uv_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    bindir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", bindir + os.pathsep + os.environ.get("PATH", ""))


@pytest.mark.slow
def test_a_failed_install_keeps_the_project_and_says_how_to_retry(
    runner: CliRunner, mini_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_uv_on_path(monkeypatch)
    project = tmp_path / "demo"
    with pytest.raises(InstallError, match="retry with"):
        postgen.install(
            _unresolvable(project),
            python_version="3.11",
            command="python -m pip install -e '.[dev]'",
        )
    result = runner.invoke(
        app,
        [
            "new",
            "demo2",
            "--framework",
            "mini",
            "--no-git",
            "--install",
            "--output-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1
    assert "retry with" in result.stderr
    assert (tmp_path / "demo2" / "pyproject.toml").is_file(), "the project stays in place"


def _unresolvable(project: Path) -> Path:
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "demo"\nversion = "0.1.0"\n'
        'dependencies = ["scaffold-no-such-package-7f3c9"]\n'
    )
    return project


@pytest.mark.slow
@pytest.mark.skipif("bottle" not in TEMPLATES, reason="needs the bottle template")
def test_install_creates_a_venv_with_the_project_and_its_dev_extra(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_uv_on_path(monkeypatch)
    result = runner.invoke(
        app,
        [
            "new",
            "blog",
            "--framework",
            "bottle",
            "--no-git",
            "--install",
            "--no-input",
            "--output-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    python = tmp_path / "blog" / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", "import blog, bottle, pytest"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ". .venv/bin/activate" in result.stdout


def _failing_run(output: str, *, interrupt: bool = False):
    def run(args: list[str], cwd: Path, *, env: dict[str, str], progress: object = None):
        (cwd / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
        if interrupt:
            raise KeyboardInterrupt
        return subprocess.CompletedProcess(args, 1, output, "")

    return run


def test_a_failed_install_shows_the_installers_own_lines_and_a_quoted_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "my project"
    project.mkdir()
    noise = "Collecting x\n\nERROR: No matching distribution found for flask>=99\n"
    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", _failing_run(noise + "note: This error originates\n"))
    with pytest.raises(InstallError) as raised:
        postgen.install(project, python_version="3.11", command="python -m pip install -e .")
    message = str(raised.value)
    assert "ERROR: No matching distribution found for flask>=99" in message
    assert "note:" not in message
    assert f"cd '{project}' && python -m venv .venv && . .venv/bin/activate" in message


def test_ctrl_c_during_install_removes_the_partial_venv_and_says_how_to_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", _failing_run("", interrupt=True))
    with pytest.raises(Interrupted) as raised:
        postgen.install(tmp_path, python_version="3.11", command="python -m pip install -e .")
    assert not (tmp_path / ".venv").exists()
    assert raised.value.exit_code == 130
    assert "Install with: cd" in str(raised.value)


def _recorded_install(monkeypatch: pytest.MonkeyPatch, venv: Path) -> list[list[str]]:
    """Make the installer's steps succeed without running; return the list they are put in."""
    ran: list[list[str]] = []

    def run(args: list[str], cwd: Path, *, env: dict[str, str], progress: object = None):
        ran.append(args)
        assert env["VIRTUAL_ENV"] == str(venv)
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", run)
    return ran


def test_the_pip_path_runs_the_templates_own_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    ran = _recorded_install(monkeypatch, tmp_path / ".venv")
    postgen.install(tmp_path, python_version="3.11", command="python -m pip install -e '.[dev]'")
    assert ran[0][1:] == ["-m", "venv", str(tmp_path / ".venv")]
    assert ran[1] == ["sh", "-c", "python -m pip install -e '.[dev]'"]


def test_ctrl_c_during_git_leaves_no_half_made_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "demo"
    project.mkdir()
    real_run = postgen._run

    def run(args: list[str], cwd: Path, *, env: dict[str, str] | None = None):
        if "add" in args:
            raise KeyboardInterrupt
        return real_run(args, cwd, env=env)

    monkeypatch.setattr(postgen, "_run", run)
    with pytest.raises(Interrupted, match=r"without a repository\. Finish with: cd") as raised:
        postgen.init_git(project)
    assert not (project / ".git").exists()
    assert "git commit -m 'Initial commit from scaffold'" in str(raised.value)


def test_uv_comes_with_scaffold_and_pip_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAFFOLD_INSTALLER", raising=False)
    monkeypatch.setenv("PATH", "")
    uv = postgen.find_uv()
    assert uv is not None and Path(uv).name == "uv"
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    assert postgen.find_uv() is None


def test_the_installers_lines_reach_the_progress_display_as_they_come(tmp_path: Path) -> None:
    seen: list[str] = []
    script = "echo Resolved 3 packages; echo; echo ' + flask==3.1.0' >&2; exit 3"
    command = ["sh", "-c", script]
    done = postgen._stream(command, tmp_path, env=dict(os.environ), progress=seen.append)
    assert seen == ["Resolved 3 packages", "+ flask==3.1.0"]
    assert done.returncode == 3 and "+ flask==3.1.0" in done.stdout


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("python -m pip install -e '.[dev]'", "/u/uv pip install -e '.[dev]'"),
        (
            "python -m pip install -c requirements.lock -e '.[dev]'",
            "/u/uv pip install -c requirements.lock -e '.[dev]'",
        ),
        (
            "python -m pip install -e '.[dev]' && python -m cubicweb_shop setup",
            "/u/uv pip install -e '.[dev]' && python -m cubicweb_shop setup",
        ),
        ("python -m pip install -e . && pip check", None),
        ("make install", None),
    ],
)
def test_uv_runs_the_templates_own_install_command(command: str, expected: str | None) -> None:
    assert postgen.with_uv(command, "/u/uv") == expected


def test_the_uv_path_seeds_the_venv_and_keeps_the_templates_constraints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgen, "find_uv", lambda: "/u/uv")
    ran = _recorded_install(monkeypatch, tmp_path / ".venv")
    command = "python -m pip install -c requirements.lock -e '.[dev]'"
    postgen.install(tmp_path, python_version="3.11", command=command)
    assert ran[0][:3] == ["/u/uv", "venv", "--quiet"] and "--seed" in ran[0]
    assert ran[1] == ["sh", "-c", "/u/uv pip install -c requirements.lock -e '.[dev]'"]
