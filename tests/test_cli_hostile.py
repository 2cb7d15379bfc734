"""Hostile input at the command line: one clear line, exit 2, nothing written, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs scaffold in a child process (which mutation testing cannot reach).
pytestmark = pytest.mark.process

REPO = Path(__file__).parent.parent


def _scaffold(*args: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        [b"new", b"\xffname"],
        [b"new", b"ok\x1b[2Jname"],
        [b"new", b"ok\x07"],
        [b"new", b"okname", b"-o", b"description=\xfe\xff"],
        [b"new", b"okname", b"-o", b"author_name=Ada\nEvil"],
        [b"new", b"okname", b"-o", b"version=latest"],
        [b"new", b"okname", b"-o", b"author_email=me at example"],
        [b"new", b"okname", b"-o", b"description=" + b"x" * 100_000],
    ],
    ids=[
        "undecodable-name",
        "escape-name",
        "bell-name",
        "undecodable-value",
        "newline-value",
        "bad-version",
        "bad-email",
        "huge-value",
    ],
)
def test_hostile_values_are_refused_in_one_clean_line(tmp_path: Path, args: list[bytes]) -> None:
    result = _scaffold(*args, b"--framework", b"flask", b"--no-git", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:"), lines
    assert len(lines[0]) < 300, "the value is shortened"
    assert not any(ord(c) < 32 for c in lines[0]), "no raw control character reaches the terminal"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [[b"-a", b"size=" + b"x" * 100_000], [b"-a", b"x" * 100_000 + b"=yes"]],
    ids=["huge-answer", "huge-question"],
)
def test_a_huge_answer_is_shortened_in_its_message(tmp_path: Path, args: list[bytes]) -> None:
    result = _scaffold(b"recommend", *args, b"--no-input", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr) < 1000


@pytest.mark.parametrize("name", [b"dotenv", b"werkzeug", b"gunicorn", b"jinja2"])
def test_a_name_from_the_dependency_closure_is_refused(tmp_path: Path, name: bytes) -> None:
    result = _scaffold(b"new", name, b"--framework", b"flask", b"--no-git", cwd=tmp_path)
    assert result.returncode == 2
    assert b"depends on" in result.stderr or b"shadow" in result.stderr
    assert list(tmp_path.iterdir()) == []
