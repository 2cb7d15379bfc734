"""After generation: git, and --install that creates the project's own .venv."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gitrun import git
from typer.testing import CliRunner

from scaffold import bytecode, postgen
from scaffold.cli import app
from scaffold.errors import InstallError, Interrupted, shown
from scaffold.gitrepo import TEMPLATE_REF
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
    said = postgen.init_git(project)
    assert said == "Inside an existing git repository: no new one was created."
    assert not (project / ".git").exists()


def test_git_missing_is_said_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgen.shutil, "which", lambda name: None)
    assert postgen.init_git(tmp_path) == (
        "git was not found: no repository was created (install git, then run git init)."
    )


@pytest.fixture
def git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty global git configuration of the test's own, and no identity from the environment."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    return config


def _new_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("demo\n")
    return folder


def _first_commit(project: Path) -> str:
    """Return the author and subject of the project's only commit."""
    log = ["git", "log", "--format=%an <%ae> %s", TEMPLATE_REF]
    return subprocess.run(log, cwd=project, capture_output=True, text=True, check=True).stdout


def test_git_commits_as_scaffold_when_no_identity_is_configured(
    git_config: Path, tmp_path: Path
) -> None:
    project = _new_project(tmp_path / "demo")
    said = postgen.init_git(project)
    assert said == "Initialised a git repository with a first commit."
    assert _first_commit(project) == (
        "scaffold <scaffold@localhost> Initial commit from scaffold\n"
    )


def test_git_commits_as_the_user_when_an_identity_is_configured(
    git_config: Path, tmp_path: Path
) -> None:
    git_config.write_text("[user]\n\tname = Ada\n\temail = ada@example.com\n")
    project = _new_project(tmp_path / "demo")
    assert postgen.init_git(project) == "Initialised a git repository with a first commit."
    assert _first_commit(project) == "Ada <ada@example.com> Initial commit from scaffold\n"


def test_the_identity_is_the_projects_not_that_of_the_folder_scaffold_runs_in(
    git_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "elsewhere"
    here.mkdir()
    git(here, "init", "-q")
    git(here, "config", "user.email", "local@example.com")
    git_config.write_text("[user]\n\tuseConfigOnly = true\n")
    monkeypatch.chdir(here)
    project = _new_project(tmp_path / "out" / "demo")
    assert postgen.init_git(project) == "Initialised a git repository with a first commit."
    assert _first_commit(project) == (
        "scaffold <scaffold@localhost> Initial commit from scaffold\n"
    )


def test_a_bare_repository_around_the_project_does_not_stop_its_own(
    git_config: Path, tmp_path: Path
) -> None:
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    project = _new_project(bare / "demo")
    assert postgen.init_git(project) == "Initialised a git repository with a first commit."
    assert (project / ".git").is_dir()


def _pre_commit_hook(git_config: Path, body: str) -> None:
    """Make every commit run a pre-commit hook with ``body``, as core.hooksPath does."""
    hooks = git_config.parent / "hooks"
    _script(hooks / "pre-commit", body)
    git_config.write_text(f"[core]\n\thooksPath = {hooks}\n")


def test_a_refused_first_commit_says_gits_last_line_and_leaves_no_repository(
    git_config: Path, tmp_path: Path
) -> None:
    _pre_commit_hook(
        git_config, "echo checking\necho 'lint: 2 errors' >&2\necho 'refused'\nexit 1\n"
    )
    project = _new_project(tmp_path / "demo")
    assert postgen.init_git(project) == (
        "git failed (refused): the project is in place without a repository; make one with: "
        f"cd {project} && git init && git add -A && git commit -m 'Initial commit from scaffold'"
    )
    assert sorted(p.name for p in project.iterdir()) == ["README.md"]


def test_a_git_failure_that_says_nothing_gives_its_exit_code(
    git_config: Path, tmp_path: Path
) -> None:
    _pre_commit_hook(git_config, "exit 1\n")
    project = _new_project(tmp_path / "demo")
    said = postgen.init_git(project)
    assert said.startswith("git failed (exit 1): the project is in place without a repository")
    assert not (project / ".git").exists()


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
    retry, *said = str(raised.value).splitlines()
    assert said == ["  Collecting x", "  ERROR: No matching distribution found for flask>=99"]
    assert retry.endswith(
        f"retry with: cd '{project}' && python -m venv .venv && . .venv/bin/activate "
        "&& python -m pip install -e ."
    )


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
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    ran = _recorded_install(monkeypatch, tmp_path / ".venv")
    asked = _warmed(monkeypatch)
    postgen.install(tmp_path, python_version="3.11", command="python -m pip install -e '.[dev]'")
    assert ran[0][1:] == ["-m", "venv", str(tmp_path / ".venv")]
    assert ran[1] == ["sh", "-c", "python -m pip install -e '.[dev]'"]
    assert asked == [], "pip compiles what it installs itself"


def test_ctrl_c_during_git_leaves_no_half_made_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "demo"
    project.mkdir()
    real_run = postgen._run

    def run(args: list[str], cwd: Path):
        if "add" in args:
            raise KeyboardInterrupt
        return real_run(args, cwd)

    monkeypatch.setattr(postgen, "_run", run)
    with pytest.raises(Interrupted, match=r"without a repository\. Finish with: cd") as raised:
        postgen.init_git(project)
    assert not (project / ".git").exists()
    assert str(raised.value).endswith(
        f"Finish with: cd {project} && git init && git add -A && "
        "git commit -m 'Initial commit from scaffold'"
    )


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
    assert done.returncode == 3 and done.args == command
    assert done.stdout == "Resolved 3 packages\n\n + flask==3.1.0\n" and done.stderr == ""


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
    venv = str(tmp_path / ".venv")
    assert ran[0] == ["/u/uv", "venv", "--quiet", "--seed", "--python", sys.executable, venv]
    assert ran[1] == ["sh", "-c", "/u/uv pip install -c requirements.lock -e '.[dev]'"]


def _offline_then(
    monkeypatch: pytest.MonkeyPatch, results: list[int]
) -> list[tuple[str, str | None]]:
    """Make uv's install step end with ``results`` in turn; return (command, UV_OFFLINE) run."""
    ran: list[tuple[str, str | None]] = []

    def run(args: list[str], cwd: Path, *, env: dict[str, str], progress: object = None):
        if args[0] == "/u/uv":  # the venv
            return subprocess.CompletedProcess(args, 0, "", "")
        ran.append((args[-1], env.get("UV_OFFLINE")))
        code = results[len(ran) - 1]
        return subprocess.CompletedProcess(args, code, f"attempt {len(ran)} ended {code}\n", "")

    monkeypatch.setattr(postgen, "find_uv", lambda: "/u/uv")
    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", run)
    monkeypatch.delenv("UV_OFFLINE", raising=False)
    return ran


COMMAND = "python -m pip install -c requirements.txt -e '.[dev]'"
UV_COMMAND = "/u/uv pip install -c requirements.txt -e '.[dev]'"


def test_uv_installs_from_its_cache_alone_when_the_cache_holds_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = _offline_then(monkeypatch, [0])
    seen: list[str] = []
    postgen.install(tmp_path, python_version="3.11", command=COMMAND, progress=seen.append)
    assert ran == [(UV_COMMAND, "1")]
    assert seen == [], "nothing to say when the cache holds it all"


def test_uv_asks_the_index_when_its_cache_lacks_something_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = _offline_then(monkeypatch, [1, 0])
    seen: list[str] = []
    postgen.install(tmp_path, python_version="3.11", command=COMMAND, progress=seen.append)
    assert ran == [(UV_COMMAND, "1"), (UV_COMMAND, None)]
    assert seen == ["Not all of it is in uv's cache: asking the package index"]


def test_an_install_that_fails_with_the_index_too_says_what_the_index_run_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = _offline_then(monkeypatch, [1, 2])
    with pytest.raises(InstallError) as raised:
        postgen.install(tmp_path, python_version="3.11", command=COMMAND)
    assert len(ran) == 2
    assert str(raised.value).endswith("\n  attempt 2 ended 2")


@pytest.mark.parametrize("chosen", ["0", "1", ""])
def test_a_uv_offline_the_user_set_is_left_as_it_is(
    chosen: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = _offline_then(monkeypatch, [0])
    monkeypatch.setenv("UV_OFFLINE", chosen)
    postgen.install(tmp_path, python_version="3.11", command=COMMAND)
    assert ran == [(UV_COMMAND, chosen)]


def _script(path: Path, body: str) -> Path:
    """Write an executable shell script at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}")
    path.chmod(0o755)
    return path


def _working_python(path: Path) -> Path:
    return _script(path, f'exec {shlex.quote(sys.executable)} "$@"\n')


def _failing_shim(path: Path) -> Path:
    """Like a pyenv shim of a version that is installed but not selected."""
    return _script(path, "echo 'pyenv: python3.99: command not found' >&2\nexit 1\n")


@pytest.fixture
def pythons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A new first folder on PATH and an empty PYENV_ROOT, with a HOME that has no pyenv."""
    bindir, pyenv = tmp_path / "bin", tmp_path / "pyenv"
    bindir.mkdir()
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("PYENV_ROOT", str(pyenv))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return bindir, pyenv / "versions"


def test_find_python_prefers_the_interpreter_on_path(pythons: tuple[Path, Path]) -> None:
    bindir, versions = pythons
    on_path = _working_python(bindir / "python3.99")
    _working_python(versions / "3.99.1" / "bin" / "python3.99")
    assert postgen.find_python("3.99") == str(on_path)


def test_find_python_skips_a_shim_that_fails_for_pyenvs_own(pythons: tuple[Path, Path]) -> None:
    bindir, versions = pythons
    _failing_shim(bindir / "python3.99")
    _failing_shim(versions / "3.99.1" / "bin" / "python3.99")
    working = _working_python(versions / "3.99.2" / "bin" / "python3.99")
    assert postgen.find_python("3.99") == str(working)


def test_find_python_looks_in_the_home_pyenv_without_pyenv_root(
    pythons: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYENV_ROOT")
    working = _working_python(tmp_path / "home" / ".pyenv" / "versions" / "3.99.4/bin/python3.99")
    assert postgen.find_python("3.99") == str(working)


def test_find_python_falls_back_when_every_candidate_fails(pythons: tuple[Path, Path]) -> None:
    bindir, versions = pythons
    _failing_shim(bindir / "python3.99")
    _failing_shim(versions / "3.99.1" / "bin" / "python3.99")
    assert postgen.find_python("3.99") == sys.executable


@pytest.fixture
def fake_python(pythons: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """Put a python3.99 on PATH whose ``-m venv DIR`` makes DIR/bin/python at once; use pip."""
    bindir, _ = pythons
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    venv_python = "#!/bin/sh\\necho the venv python\\n"
    _script(
        bindir / "python3.99",
        'if [ "$1 $2" = "-m venv" ]; then\n'
        f'  mkdir -p "$3/bin" && printf \'{venv_python}\' > "$3/bin/python"\n'
        '  chmod +x "$3/bin/python" && echo "created $3" && exit 0\n'
        "fi\n"
        f'exec {shlex.quote(sys.executable)} "$@"\n',
    )
    return "3.99"


def test_install_runs_the_command_in_the_project_with_its_venv_first_on_path(
    fake_python: str, tmp_path: Path
) -> None:
    project = tmp_path / "demo"
    project.mkdir()
    seen: list[str] = []
    command = (
        'printf "%s\\n" "$VIRTUAL_ENV" "$(pwd -P)" "$PATH" > where.txt; '
        "python >> where.txt; echo installed"
    )
    path = os.environ["PATH"]
    postgen.install(project, python_version=fake_python, command=command, progress=seen.append)
    venv = project / ".venv"
    assert (project / "where.txt").read_text().splitlines() == [
        str(venv),
        str(project.resolve()),
        f"{venv / 'bin'}{os.pathsep}{path}",
        "the venv python",
    ]
    assert seen == [f"created {venv}", "installed"]


def test_a_failed_install_shows_the_commands_last_lines(fake_python: str, tmp_path: Path) -> None:
    command = "echo Collecting x; echo; echo 'ERROR: boom' >&2; echo 'hint: see above'; exit 3"
    with pytest.raises(InstallError) as raised:
        postgen.install(tmp_path, python_version=fake_python, command=command)
    retry, *said = str(raised.value).splitlines()
    assert said == ["  Collecting x", "  ERROR: boom"]
    assert retry.endswith(f". .venv/bin/activate && {command}")


def test_a_failed_install_without_output_says_its_exit_code(
    fake_python: str, tmp_path: Path
) -> None:
    with pytest.raises(InstallError) as raised:
        postgen.install(tmp_path, python_version=fake_python, command="exit 4")
    assert str(raised.value).splitlines()[1:] == ["  exit 4"]


def test_a_missing_interpreter_is_an_install_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-python"
    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    monkeypatch.setattr(postgen, "find_python", lambda version: str(missing))
    with pytest.raises(InstallError) as raised:
        postgen.install(tmp_path, python_version="3.11", command="true")
    retry, *said = str(raised.value).splitlines()
    assert retry.startswith("Installing failed. The project is in place; retry with: cd ")
    (line,) = said
    assert "No such file or directory" in line and str(missing) in line


def _recorded_envs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Make the installer's steps succeed without running; return the environments given."""
    envs: list[dict[str, str]] = []

    def run(args: list[str], cwd: Path, *, env: dict[str, str], progress: object = None):
        envs.append(env)
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setenv("SCAFFOLD_INSTALLER", "pip")
    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", run)
    return envs


def test_without_a_path_the_venvs_bin_is_the_only_folder_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    envs = _recorded_envs(monkeypatch)
    monkeypatch.delenv("PATH")
    postgen.install(tmp_path, python_version="3.11", command="true")
    assert [env["PATH"].rstrip(os.pathsep) for env in envs] == [str(tmp_path / ".venv/bin")] * 2


def test_on_windows_the_venvs_scripts_folder_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    envs = _recorded_envs(monkeypatch)
    with monkeypatch.context() as windows:
        windows.setattr(os, "name", "nt")
        postgen.install(tmp_path, python_version="3.11", command="true")
    first = envs[-1]["PATH"].split(os.pathsep)[0]
    assert first == str(tmp_path / ".venv" / "Scripts")


def test_uv_makes_no_venv_for_a_command_it_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgen, "find_uv", lambda: "/u/uv")
    ran = _recorded_install(monkeypatch, tmp_path / ".venv")
    postgen.install(tmp_path, python_version="3.11", command="make install")
    assert ran == [
        [sys.executable, "-m", "venv", str(tmp_path / ".venv")],
        ["sh", "-c", "make install"],
    ]


def test_ctrl_c_before_the_venv_exists_still_says_how_to_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(postgen, "find_python", lambda version: sys.executable)
    monkeypatch.setattr(postgen, "_stream", interrupted)
    with pytest.raises(Interrupted, match=r"the partial \.venv was removed"):
        postgen.install(tmp_path, python_version="3.11", command="true")
    assert not (tmp_path / ".venv").exists()


def test_uv_on_path_serves_when_the_uv_package_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCAFFOLD_INSTALLER", raising=False)
    monkeypatch.setitem(sys.modules, "uv", None)
    uv = _script(tmp_path / "uv", "exit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert postgen.find_uv() == str(uv)


def test_last_lines_keep_indentation_and_leave_out_notes_and_hints() -> None:
    output = "  Building wheel  \nhint: retry later\n  note: see above\n\nERROR: failed\n"
    assert postgen.last_lines(output) == ["  Building wheel", "ERROR: failed"]


def test_last_lines_are_the_last_count_and_hints_when_nothing_else() -> None:
    assert postgen.last_lines("a\nb\nc\n", count=2) == ["b", "c"]
    assert postgen.last_lines("note: only\nHint: this\n") == ["note: only", "Hint: this"]


def test_last_lines_are_cut_at_200_characters() -> None:
    assert postgen.last_lines("y" * 250) == ["y" * 199 + "…"]


def test_a_long_installer_line_is_cut_at_100_characters_for_progress(tmp_path: Path) -> None:
    seen: list[str] = []
    postgen._stream(["echo", "z" * 150], tmp_path, env=dict(os.environ), progress=seen.append)
    assert seen == ["z" * 99 + "…"]


def test_output_that_is_not_utf8_is_replaced_not_fatal(tmp_path: Path) -> None:
    seen: list[str] = []
    command = ["printf", "caf\\351\\n"]
    done = postgen._stream(command, tmp_path, env=dict(os.environ), progress=seen.append)
    assert done.stdout == "caf\ufffd\n" and seen == [shown("caf\ufffd")]


@pytest.fixture
def typed_stdin() -> Iterator[None]:
    """Give this process's standard input a line a person might have typed."""
    saved = os.dup(0)
    read, write = os.pipe()
    os.write(write, b"typed\n")
    os.close(write)
    os.dup2(read, 0)
    os.close(read)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        os.close(saved)


def test_git_and_the_interpreter_probes_are_given_no_input(
    tmp_path: Path, typed_stdin: None
) -> None:
    script = 'read answer && echo "read $answer" || echo no input'
    assert postgen._run(["sh", "-c", script], tmp_path).stdout == "no input\n"


def test_the_installer_runs_in_the_folder_with_the_environment_and_no_input(
    tmp_path: Path, typed_stdin: None
) -> None:
    script = 'pwd -P; echo "$MARK"; read answer && echo "read $answer" || echo no input'
    env = {**os.environ, "MARK": "given"}
    done = postgen._stream(["sh", "-c", script], tmp_path, env=env, progress=None)
    assert done.stdout.splitlines() == [str(tmp_path.resolve()), "given", "no input"]


def _warmed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the Pythons whose environments bytecode.warm is asked to warm."""
    asked: list[Path] = []
    monkeypatch.setattr(bytecode, "warm", lambda python, progress=None: asked.append(python))
    return asked


def test_the_uv_path_gives_the_new_environment_its_bytecode_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _offline_then(monkeypatch, [0])
    asked = _warmed(monkeypatch)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    postgen.install(tmp_path, python_version="3.11", command=COMMAND)
    assert asked == [tmp_path / ".venv" / "bin" / "python"]


def test_no_bytecode_is_written_when_the_user_asked_for_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _offline_then(monkeypatch, [0])
    asked = _warmed(monkeypatch)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    postgen.install(tmp_path, python_version="3.11", command=COMMAND)
    assert asked == []


def test_a_failed_install_warms_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _offline_then(monkeypatch, [1, 1])
    asked = _warmed(monkeypatch)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    with pytest.raises(InstallError):
        postgen.install(tmp_path, python_version="3.11", command=COMMAND)
    assert asked == []
