"""A real SIGINT or SIGTERM to a real `scaffold new` leaves a stated state at every stage."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from children import sigint_as_on_a_terminal

#: Runs scaffold in a child process (which mutation testing cannot reach).
pytestmark = pytest.mark.process

REPO = Path(__file__).parent.parent
#: Runs the CLI with the fixture templates as the built-in ones.
LAUNCHER = (
    "import sys; from pathlib import Path; import scaffold.template as t; "
    "root = Path(sys.argv.pop(1)); t.templates_root = lambda: root; from scaffold.cli import app; "
    "app(prog_name='scaffold')"
)
SLOW_EXTENSION = """
import os, time
from pathlib import Path
from jinja2.ext import Extension


def slow(value):
    Path(os.environ["SCAFFOLD_TEST_READY"]).write_text("rendering")
    time.sleep(600)
    return value


class Slow(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["slow"] = slow
"""
SLOW_GIT = """#!/bin/sh
case "$1" in
  rev-parse) exit 1 ;;
  init) mkdir -p .git/objects && echo git > "$SCAFFOLD_TEST_READY" && exec sleep 600 ;;
esac
"""


@pytest.fixture
def templates(fixture_templates: Path, tmp_path: Path) -> Path:
    """The fixture templates plus ``slow``, whose rendering waits until it is interrupted."""
    root = tmp_path / "templates"
    shutil.copytree(fixture_templates, root)
    slow = shutil.copytree(root / "mini", root / "slow")
    config = json.loads((slow / "cookiecutter.json").read_text())
    config["_extensions"] = [*config["_extensions"], "slow_ext.Slow"]
    (slow / "cookiecutter.json").write_text(json.dumps(config))
    (slow / "slow_ext.py").write_text(SLOW_EXTENSION)
    # A variable, not a constant: Jinja folds constant filter calls at compile time.
    slow_file = slow / "{{cookiecutter.project_slug}}" / "slow.txt"
    slow_file.write_text("{{ cookiecutter.project_name|slow }}\n")
    return root


def _start(
    templates: Path, out: Path, ready: Path, framework: str, *, path: str = ""
) -> subprocess.Popen[str]:
    env = {**os.environ, "SCAFFOLD_TEST_READY": str(ready), "PYTHONPATH": str(REPO)}
    if path:
        env["PATH"] = f"{path}{os.pathsep}{env['PATH']}"
    command = [sys.executable, "-c", LAUNCHER, str(templates), "new", "demo"]
    command += ["--framework", framework, "--output-dir", str(out), "--no-input"]
    return subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=sigint_as_on_a_terminal,
    )


def _interrupt_when_ready(process: subprocess.Popen[str], ready: Path, signum: int) -> str:
    """Send ``signum`` once the stage is reached; return what scaffold said (generous on a busy
    machine: the waits bound a hang, they time nothing)."""
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the stage was never reached"
            time.sleep(0.05)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    return stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_rendering_leaves_nothing(
    templates: Path, tmp_path: Path, signum: int
) -> None:
    out, ready = tmp_path / "out", tmp_path / "ready"
    process = _start(templates, out, ready, "slow")
    stderr = _interrupt_when_ready(process, ready, signum)
    assert "nothing was written" in stderr
    assert not out.exists(), f"left behind: {list(out.iterdir())}"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_git_keeps_the_project_and_says_how_to_finish(
    templates: Path, tmp_path: Path, signum: int
) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "git").write_text(SLOW_GIT)
    (bindir / "git").chmod(0o755)
    out, ready = tmp_path / "out", tmp_path / "ready"
    process = _start(templates, out, ready, "mini", path=str(bindir))
    stderr = _interrupt_when_ready(process, ready, signum)
    project = out / "demo"
    assert (project / "pyproject.toml").is_file(), "the project stays"
    assert not (project / ".git").exists(), "no half-made repository"
    assert "without a repository. Finish with: cd" in " ".join(stderr.split())
    assert [p.name for p in out.iterdir()] == ["demo"], "no staging folder"
