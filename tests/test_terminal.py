"""The real terminal check, through a pseudo-terminal: a person is asked, a pipe is not."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from children import sigint_as_on_a_terminal

#: Runs scaffold in a child process (which mutation testing cannot reach).
pytestmark = pytest.mark.process

#: What the adaptive questionnaire prints before its first question, whichever it picks.
FIRST_QUESTION = "Question 1,"


def _read_until(fd: int, wanted: str, *, timeout: float) -> str:
    """Read from ``fd`` until ``wanted`` shows up or ``timeout`` seconds pass."""
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed its side
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_gets_the_questions_and_ctrl_c_leaves_nothing(tmp_path: Path) -> None:
    leader, follower = os.openpty()
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "120", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "scaffold", "new", "demo", "--auto", "--no-git"]
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        preexec_fn=sigint_as_on_a_terminal,
    )
    os.close(follower)
    try:
        shown = _read_until(leader, FIRST_QUESTION, timeout=30)
        assert FIRST_QUESTION in shown
        assert "No question was asked" not in shown
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert list(tmp_path.iterdir()) == []


def test_a_pipe_is_not_a_terminal(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "scaffold", "new", "demo", "--auto", "--no-git"]
    result = subprocess.run(
        command, cwd=tmp_path, stdin=subprocess.PIPE, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "No question was asked (no terminal)" in result.stderr + result.stdout
    assert FIRST_QUESTION not in result.stdout
    assert (tmp_path / "demo" / "manage.py").is_file()
