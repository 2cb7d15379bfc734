"""After generation: a first git commit, and the project's own virtual environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scaffold.errors import InstallError

GIT_AUTHOR = ("-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost")


def _run(
    args: list[str], cwd: Path, *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def init_git(project: Path) -> str:
    """Make ``project`` a git repository with a first commit; return what was done."""
    git = shutil.which("git")
    if git is None:
        return "git was not found: no repository was created (install git, then run git init)."
    inside = _run([git, "rev-parse", "--is-inside-work-tree"], project.parent)
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return "Inside an existing git repository: no new one was created."
    steps = [[git, "init", "-q"], [git, "add", "-A"]]
    configured = _run([git, "config", "user.email"], project).returncode == 0
    author = [] if configured else list(GIT_AUTHOR)
    steps.append([git, *author, "commit", "-q", "-m", "Initial commit from scaffold"])
    for step in steps:
        done = _run(step, project)
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            reason = message[-1] if message else f"exit {done.returncode}"
            return f"git failed ({reason}): the project is in place without a first commit."
    return "Initialised a git repository with a first commit."


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


def install(project: Path, *, python_version: str, command: str) -> None:
    """Create ``project``/.venv and install the project with its dev extra into it.

    ``command`` is the template's install command, run with the new environment
    first on PATH; uv, when it is on PATH, does the same much faster. Raises
    InstallError with the retry command when anything fails; the project stays.
    """
    venv = project / ".venv"
    python = find_python(python_version)
    uv = shutil.which("uv")
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    if uv:
        steps = [
            [uv, "venv", "--quiet", "--python", python, str(venv)],
            [uv, "pip", "install", "--quiet", "--python", str(bindir / "python"), "-e", ".[dev]"],
        ]
    else:
        steps = [[python, "-m", "venv", str(venv)], ["sh", "-c", command]]
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    for step in steps:
        try:
            done = _run(step, project, env=env)
        except OSError as error:
            done = subprocess.CompletedProcess(step, 1, "", str(error))
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            detail = lines[-1] if lines else f"exit {done.returncode}"
            raise InstallError(
                f"Installing failed ({detail}). The project is in place; retry with: "
                f"cd {project} && python -m venv .venv && . .venv/bin/activate && {command}"
            )
