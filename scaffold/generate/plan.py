"""Decide, before any write, what a render does to its target: add, replace, keep or refuse."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

#: Files never recorded by hash nor replaced: they hold the project's secrets.
SECRET_FILES = frozenset({".env"})
PROVENANCE_FILE = ".scaffold.json"

Action = Literal["add", "replace", "keep"]


@dataclass(frozen=True)
class Plan:
    """What applying a render does: a new folder, or each file's fate in an existing one."""

    target: Path
    fresh: bool
    add: tuple[str, ...]
    replace: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()

    @property
    def written(self) -> tuple[str, ...]:
        """Return the files the render puts in place, sorted."""
        return tuple(sorted((*self.add, *self.replace)))

    def action(self, rel: str) -> Action:
        """Return what happens to file ``rel`` of the render."""
        if rel in self.replace:
            return "replace"
        return "keep" if rel in self.keep else "add"

    def to_dict(self) -> dict[str, object]:
        """Return the plan as plain data for JSON output."""
        return {
            "fresh": self.fresh,
            "add": list(self.add),
            "replace": list(self.replace),
            "keep": list(self.keep),
        }


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(root: Path) -> list[str]:
    """Return the relative POSIX paths of every file under ``root``, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _safe_relative(rel: str) -> bool:
    path = PurePosixPath(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts


def trusted_hashes(recorded: object) -> dict[str, str]:
    """Return the file hashes of an existing ``.scaffold.json``'s data, distrusting all of it.

    Only relative paths inside the project count; the secret files never do,
    whatever the record says.
    """
    if not isinstance(recorded, dict) or not isinstance(recorded.get("files"), dict):
        return {}
    return {
        rel: digest
        for rel, digest in recorded["files"].items()
        if isinstance(rel, str)
        and isinstance(digest, str)
        and _safe_relative(rel)
        and rel not in SECRET_FILES
    }


class Clash(Exception):
    """A rendered file meets something it cannot be merged with (a folder, a file as folder)."""

    def __init__(self, rel: str, reason: str) -> None:
        super().__init__(f"{rel}: {reason}")
        self.rel = rel
        self.reason = reason


def _fate(target: Path, rel: str, rendered: Path, hashes: Mapping[str, str]) -> Action:
    """Return what to do with one rendered file in an existing target, or raise Clash."""
    parts = PurePosixPath(rel).parts
    here = target
    for part in parts[:-1]:
        here = here / part
        if here.is_symlink():
            return "keep"  # the user's link: never written through
        if here.exists() and not here.is_dir():
            raise Clash(rel, f"{here.relative_to(target).as_posix()} is a file, not a folder")
    dest = target / rel
    if dest.is_symlink():
        return "keep"
    if not dest.exists():
        return "add"
    if not dest.is_file():
        raise Clash(rel, "a folder stands where the template has a file")
    if rel in SECRET_FILES or rel not in hashes:
        return "keep"
    current = sha256(dest)
    if current == sha256(rendered / rel):
        return "replace"  # identical: refreshing it changes nothing
    return "replace" if hashes[rel] == current else "keep"


def plan(rendered: Path, target: Path, *, recorded: object = None) -> Plan:
    """Return the plan for moving the ``rendered`` project to ``target``; raise Clash first.

    A new or empty target takes the whole render. In an existing one, a file is
    added where nothing is, replaced only when scaffold wrote it before and it is
    unchanged since (by the hashes of ``recorded``), and kept in every other case:
    the user's files, their links, and anything reached through a link. The
    provenance file is not part of the plan: it is always written, last.
    """
    files = [rel for rel in tree(rendered) if rel != PROVENANCE_FILE]
    if not target.is_dir() or not any(target.iterdir()):
        return Plan(target, fresh=True, add=tuple(files))
    record = target / PROVENANCE_FILE
    if record.is_symlink() or (record.exists() and not record.is_file()):
        raise Clash(PROVENANCE_FILE, "scaffold's own record is a link or a folder")
    hashes = trusted_hashes(recorded)
    fates: dict[Action, list[str]] = {"add": [], "replace": [], "keep": []}
    for rel in files:
        fates[_fate(target, rel, rendered, hashes)].append(rel)
    return Plan(
        target,
        fresh=False,
        add=tuple(fates["add"]),
        replace=tuple(fates["replace"]),
        keep=tuple(fates["keep"]),
    )
