"""After generation: a first git commit, and the project's own virtual environment."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from scaffold.errors import InstallError, Interrupted, shown
from scaffold.gitrepo import TEMPLATE_REF
from scaffold.signals import held

GIT_AUTHOR = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")
FIRST_COMMIT = "Initial commit from scaffold"
#: How many of the installer's last lines a failure shows.
SHOWN_LINES = 5
#: Told each line an installer prints, as it prints it.
Progress = Callable[[str], None]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``args`` in ``cwd`` with no input; return what it printed (a failure is no error)."""
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def git_command(project: Path) -> str:
    """Return the shell command that makes ``project`` a repository with a first commit."""
    return (
        f"cd {shlex.quote(str(project))} && git init && git add -A && "
        f"git commit -m {shlex.quote(FIRST_COMMIT)}"
    )


def init_git(project: Path) -> str:
    """Make ``project`` a git repository with a first commit; return what was done.

    An interruption removes the half-made repository and says how to make it.
    """
    git = shutil.which("git")
    if git is None:
        return "git was not found: no repository was created (install git, then run git init)."
    inside = _run([git, "rev-parse", "--is-inside-work-tree"], project.parent)
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return "Inside an existing git repository: no new one was created."
    steps = [[git, "init", "-q"], [git, "add", "-A"]]
    configured = _run([git, "config", "user.email"], project).returncode == 0
    author = [] if configured else list(GIT_AUTHOR)
    steps.append([git, *author, "commit", "-q", "-m", FIRST_COMMIT])
    # The first commit is the pristine render: the base of every later scaffold update.
    steps.append([git, "update-ref", TEMPLATE_REF, "HEAD"])
    try:
        for step in steps:
            done = _run(step, project)
            if done.returncode != 0:
                message = (done.stderr or done.stdout).strip().splitlines()
                reason = message[-1] if message else f"exit {done.returncode}"
                _remove(project / ".git")
                return (
                    f"git failed ({shown(reason)}): the project is in place without a "
                    f"repository; make one with: {git_command(project)}"
                )
    except KeyboardInterrupt:
        _remove(project / ".git")
        raise Interrupted(
            f"Interrupted while creating the git repository: the project is complete in "
            f"{project}, without a repository. Finish with: {git_command(project)}"
        ) from None
    return "Initialised a git repository with a first commit."


def _remove(folder: Path) -> None:
    with held():
        shutil.rmtree(folder, ignore_errors=True)


def find_python(version: str) -> str:
    """Return a working interpreter for ``version`` (e.g. "3.12"), else this one.

    Looks on PATH, then among pyenv's versions; a pyenv shim for a version that is
    installed but not selected fails when run, so each candidate is tried.
    """
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [shutil.which(f"python{version}")]
    candidates += [str(p) for p in sorted(pyenv.glob(f"{version}.*/bin/python{version}"))]
    for candidate in filter(None, candidates):
        probe = [candidate, "-c", "import sys; print(sys.version_info[:2])"]
        if version and _run(probe, Path.cwd()).returncode == 0:
            return candidate
    return sys.executable


def install_command(project: Path, command: str) -> str:
    """Return the shell command that creates ``project``'s .venv and installs into it."""
    return (
        f"cd {shlex.quote(str(project))} && python -m venv .venv && "
        f". .venv/bin/activate && {command}"
    )


def last_lines(output: str, *, count: int = SHOWN_LINES) -> list[str]:
    """Return the installer's last lines that say something (not blank, not a hint)."""
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    meaningful = [
        line for line in lines if not line.lstrip().lower().startswith(("note:", "hint:"))
    ]
    return [shown(line, limit=200) for line in (meaningful or lines)[-count:]]


def find_uv() -> str | None:
    """Return the uv scaffold brings (a dependency), else one on PATH; None to use pip.

    SCAFFOLD_INSTALLER=pip chooses pip whatever is installed.
    """
    if os.environ.get("SCAFFOLD_INSTALLER", "").lower() == "pip":
        return None
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def with_uv(command: str, uv: str) -> str | None:
    """Return the install ``command`` with uv doing pip's installs; None if pip does more."""
    pip = "python -m pip install"
    rest = command.replace(pip, "")
    if pip not in command or "pip" in rest:
        return None
    return command.replace(pip, f"{shlex.quote(uv)} pip install")


def _stream(
    args: list[str], cwd: Path, *, env: dict[str, str], progress: Progress | None
) -> subprocess.CompletedProcess[str]:
    """Run ``args``, passing each line it prints to ``progress``; return all it printed."""
    lines = []
    with subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        errors="replace",  # makes the output text; bytes that are not UTF-8 are replaced
    ) as process:
        assert process.stdout is not None
        try:
            for line in process.stdout:
                lines.append(line)
                if progress and line.strip():
                    progress(shown(line.strip(), limit=100))
        except BaseException:
            process.kill()  # as subprocess.run does: an interrupted install stops at once
            raise
    return subprocess.CompletedProcess(args, process.returncode, "".join(lines), "")


def offline_first(env: dict[str, str]) -> dict[str, str] | None:
    """Return ``env`` for uv to install from its cache alone, first; None if the user chose.

    The template's lock pins every package, so the cache gives what the index would;
    online, uv asks the index again about every package whose answer is over ten
    minutes old (1.8 s of CubicWeb's 3.0 s install on an index that never answers
    "not modified"). Anything missing from the cache fails that attempt, and the
    install runs again with the index.
    """
    if "UV_OFFLINE" in env:
        return None
    return {**env, "UV_OFFLINE": "1"}


def _attempt(
    args: list[str], cwd: Path, *, env: dict[str, str], progress: Progress | None
) -> subprocess.CompletedProcess[str]:
    """Run one install step; a command that cannot start is a failure saying why."""
    try:
        return _stream(args, cwd, env=env, progress=progress)
    except OSError as error:
        return subprocess.CompletedProcess(args, 1, "", str(error))


def install(
    project: Path, *, python_version: str, command: str, progress: Progress | None = None
) -> None:
    """Create ``project``/.venv and install the project with its dev extra into it.

    ``command``, the template's install command, runs with the new environment first
    on PATH; with uv (scaffold's dependency, see find_uv) the environment is made by
    ``uv venv`` and its ``python -m pip install`` is ``uv pip install``, from uv's
    cache alone first (see offline_first); its modules then get their bytecode from
    scaffold's cache (see bytecode.warm) unless PYTHONDONTWRITEBYTECODE is set. Each
    line the installer prints goes to ``progress``. Raises InstallError with the
    installer's own last lines and the retry command when anything fails; an
    interruption removes the partial .venv. The project stays.
    """
    venv = project / ".venv"
    python = find_python(python_version)
    uv = find_uv()
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    fast = with_uv(command, uv) if uv else None
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    steps: list[tuple[list[str], dict[str, str] | None]]
    if uv and fast:
        steps = [([uv, "venv", "--quiet", "--seed", "--python", python, str(venv)], None)]
        steps.append((["sh", "-c", fast], offline_first(env)))
    else:
        steps = [([python, "-m", "venv", str(venv)], None), (["sh", "-c", command], None)]
    retry = install_command(project, command)
    try:
        for step, first in steps:
            done = _attempt(step, project, env=first, progress=progress) if first else None
            if done is None or done.returncode != 0:
                if done is not None and progress:
                    progress("Not all of it is in uv's cache: asking the package index")
                done = _attempt(step, project, env=env, progress=progress)
            if done.returncode != 0:
                said = last_lines(f"{done.stdout}\n{done.stderr}") or [f"exit {done.returncode}"]
                raise InstallError(
                    f"Installing failed. The project is in place; retry with: {retry}\n"
                    + "\n".join(f"  {line}" for line in said)
                )
        if uv and fast and not env.get("PYTHONDONTWRITEBYTECODE"):
            from scaffold import bytecode  # here: `new` without --install never needs it

            bytecode.warm(bindir / "python", progress=progress)
    except KeyboardInterrupt:
        _remove(venv)
        raise Interrupted(
            f"Interrupted while installing: the project is complete in {project}; "
            f"the partial .venv was removed. Install with: {retry}"
        ) from None
