"""A stand-in for the installer, for the tests of --install in the CLI and the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scaffold import postgen

#: What the installer was asked: the arguments a test chose to record, by name.
Installed = dict[str, object]


def recorded_installs(
    monkeypatch: pytest.MonkeyPatch, *keys: str, says: str | None = None
) -> list[Installed]:
    """Make postgen.install record its ``keys`` (project, python, command, progress) instead.

    Given a progress callback and ``says``, it says that one line.
    """
    calls: list[Installed] = []

    def record(
        project: Path,
        *,
        python_version: str,
        command: str,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        given = {
            "project": project,
            "python": python_version,
            "command": command,
            "progress": progress,
        }
        calls.append({key: given[key] for key in keys})
        if progress is not None and says is not None:
            progress(says)

    monkeypatch.setattr(postgen, "install", record)
    return calls
