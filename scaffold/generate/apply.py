"""Carry out a plan: move the render into place all or nothing, the record written last."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from scaffold.errors import GenerationError, TargetExistsError
from scaffold.generate.plan import PROVENANCE_FILE, Plan
from scaffold.generate.render import describe
from scaffold.signals import held

_TAKEN = (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR)
#: Every move into the target: one atomic rename (a seam for tests of failures and signals).
_move = os.replace


def apply(plan: Plan, rendered: Path, record: bytes, *, backup: Path) -> None:
    """Put the ``rendered`` project in place as ``plan`` says, with ``record`` as provenance.

    Signals are held meanwhile: the target ends either as it was or complete.
    ``backup`` is an empty folder (in the staging area) for the files being replaced.
    """
    with held():
        if plan.fresh:
            _move_new(plan.target, rendered, record)
        else:
            _merge(plan, rendered, record, backup)


def _move_new(target: Path, rendered: Path, record: bytes) -> None:
    (rendered / PROVENANCE_FILE).write_bytes(record)
    try:
        _move(rendered, target)
    except OSError as error:
        if error.errno in _TAKEN:
            raise TargetExistsError(
                f"{target} appeared while the project was being generated (another run?). "
                "Nothing was written; choose another name or run again with --force.",
                path=target,
            ) from error
        raise GenerationError(f"Cannot create {target}: {describe(error)}.") from error


class _Journal:
    """The moves made so far, so that a failure puts everything back."""

    def __init__(self, target: Path, backup: Path) -> None:
        self.target, self.backup = target, backup
        self.placed: list[Path] = []
        self.saved: list[str] = []
        self.folders: list[Path] = []

    def make_parents(self, dest: Path) -> None:
        missing = []
        parent = dest.parent
        while not parent.exists():
            missing.append(parent)
            parent = parent.parent
        for folder in reversed(missing):
            folder.mkdir()
            self.folders.append(folder)

    def save(self, rel: str) -> None:
        kept = self.backup / rel
        kept.parent.mkdir(parents=True, exist_ok=True)
        _move(self.target / rel, kept)
        self.saved.append(rel)

    def place(self, source: Path, rel: str) -> None:
        dest = self.target / rel
        self.make_parents(dest)
        _move(source, dest)
        self.placed.append(dest)

    def undo(self) -> None:
        for dest in reversed(self.placed):
            with contextlib.suppress(OSError):
                dest.unlink()
        for rel in reversed(self.saved):
            with contextlib.suppress(OSError):
                _move(self.backup / rel, self.target / rel)
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _merge(plan: Plan, rendered: Path, record: bytes, backup: Path) -> None:
    (rendered / PROVENANCE_FILE).write_bytes(record)
    journal = _Journal(plan.target, backup)
    replaced = [*plan.replace]
    if (plan.target / PROVENANCE_FILE).is_file():
        replaced.append(PROVENANCE_FILE)
    try:
        for rel in replaced:
            journal.save(rel)
        for rel in (*plan.written, PROVENANCE_FILE):
            journal.place(rendered / rel, rel)
    except OSError as error:
        journal.undo()
        raise GenerationError(
            f"Cannot write into {plan.target} ({describe(error)}): it was left as it was."
        ) from error
    except BaseException:
        journal.undo()
        raise
