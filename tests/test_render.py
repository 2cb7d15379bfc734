"""Rendering's plain reasons for OS errors, and the sweep of staging folders a crash left."""

from __future__ import annotations

import errno
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scaffold.generate import render as render_module
from scaffold.generate.render import STAGING_PREFIX, describe, frozen_clock, sweep_stale


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (OSError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EPERM, "Operation not permitted"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "the file system is read-only"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "file name too long"),
        (FileNotFoundError(), "filenotfounderror"),
    ],
    ids=["full", "eacces", "eperm", "read-only", "other", "no-strerror"],
)
def test_an_os_error_is_described_in_plain_lower_case_words(error: OSError, reason: str) -> None:
    assert describe(error) == reason


def _staging(output_dir: Path, owner: str) -> Path:
    folder = output_dir / f"{STAGING_PREFIX}demo-{owner}"
    folder.mkdir()
    (folder / "owner.pid").write_text(owner)
    return folder


def test_a_staging_folder_of_another_users_process_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that may not be signalled is alive: its staging folder stays."""

    def not_permitted(pid: int, sig: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    folder = _staging(tmp_path, "4242")
    monkeypatch.setattr(render_module.os, "kill", not_permitted)
    assert sweep_stale(tmp_path) == []
    assert folder.is_dir()


def test_checking_that_an_owner_is_alive_sends_it_no_signal(tmp_path: Path) -> None:
    """The sweep only probes the owner (signal 0): a live owner receives nothing."""
    script = 'trap "echo signalled" HUP INT TERM; read line; echo done'
    owner = subprocess.Popen(
        ["sh", "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    folder = _staging(tmp_path, str(owner.pid))
    assert sweep_stale(tmp_path) == []
    out, _ = owner.communicate("\n", timeout=10)
    assert (out, owner.returncode) == ("done\n", 0)
    assert folder.is_dir()


def test_a_staging_folder_whose_owner_is_gone_is_swept_and_named(tmp_path: Path) -> None:
    owner = subprocess.Popen(["true"])
    owner.wait()
    stale = _staging(tmp_path, str(owner.pid))
    (stale / "render").mkdir()
    assert sweep_stale(tmp_path) == [stale]
    assert not stale.exists()


@pytest.mark.parametrize(
    ("zone", "shown"), [("utc", "2026-12-31 23:30"), ("Europe/Paris", "2027-01-01 00:30")]
)
def test_now_renders_the_frozen_moment_in_the_zone_asked(zone: str, shown: str) -> None:
    from cookiecutter.environment import StrictEnvironment

    moment = datetime(2026, 12, 31, 23, 30, 5, tzinfo=UTC)
    with frozen_clock(moment):
        env = StrictEnvironment(context={"cookiecutter": {}})
        text = env.from_string(f"{{% now '{zone}', '%Y-%m-%d %H:%M' %}}").render()
    assert text == shown
