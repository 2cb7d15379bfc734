"""Compiled bytecode for a new environment's packages, from a cache keyed by source hash.

uv installs without compiling, so a project's first test run compiles everything it
imports: about 3 s of Dash's first run, 2 s of Flask's. Every project of the same
template installs the same files, so scaffold keeps each ``.pyc`` once, named by the
SHA-256 of its source, and links it into each new environment.

Safe by construction: the files are checked hash-based pycs (PEP 552). Python
compares the hash each holds with its source's at every import and compiles afresh
on a mismatch, so a pyc is never used for any source but its own. A source's hash
comes from its distribution's RECORD; a file compiled into the cache is hashed again
first, and one that does not match its RECORD is left to Python.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scaffold.cache import cache_dir, write_atomically

#: Entries no environment has linked (or unlinked) for this long are removed.
UNUSED_FOR = 30 * 24 * 3600
#: How often the cache looks for such entries.
PRUNE_EVERY = 24 * 3600

#: Run by the environment's Python: its bytecode tag, magic number and package folders.
_PROBE = (
    "import importlib.util, json, sys, sysconfig; print(json.dumps(["
    "sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex(), "
    "sorted({sysconfig.get_path('purelib'), sysconfig.get_path('platlib')})]))"
)
#: Run by the environment's Python: compiles [source, pyc] pairs read as JSON, on every core.
#: ``py_compile.compile`` itself is what the pool runs, so it works with any start method.
_COMPILE = """
import concurrent.futures, itertools, json, os, py_compile, sys
jobs = json.load(sys.stdin)
args = ([s for s, _ in jobs], [c for _, c in jobs], itertools.repeat(None),
        itertools.repeat(False), itertools.repeat(-1),
        itertools.repeat(py_compile.PycInvalidationMode.CHECKED_HASH), itertools.repeat(2))
workers = min(os.cpu_count() or 1, len(jobs) // 64 + 1)
if workers > 1:
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        list(pool.map(py_compile.compile, *args, chunksize=32))
else:
    list(map(py_compile.compile, *args))
"""


@dataclass(frozen=True)
class Warmed:
    """What ``warm`` did: pycs linked from the cache, and compiled into it."""

    linked: int = 0
    compiled: int = 0


@dataclass(frozen=True)
class _Source:
    """An installed module: its path, its RECORD hash (hex) and where its pyc goes."""

    path: str
    digest: str
    pyc: str


def store() -> Path:
    """Return the cache's folder."""
    return cache_dir() / "bytecode"


def warm(
    python: Path,
    *,
    progress: Callable[[str], None] | None = None,
    root: Path | None = None,
    now: float | None = None,
) -> Warmed:
    """Give every installed module of ``python``'s environment its pyc, from the cache.

    Modules the cache lacks are compiled into it on every core first, saying so to
    ``progress``. Anything that fails leaves the environment as uv made it (Python
    compiles on import, as it would have).
    """
    root = root or store()
    try:
        if not _private(root):
            return Warmed()
        tag, magic, sites = _probe(python)
        shelf = str(root / f"{tag}-{magic}")
        sources = [source for site in sites for source in _sources(site, tag)]
        linked = _link_all(shelf, sources)
        missing = [source for source, done in zip(sources, linked, strict=True) if done is None]
        if missing and progress:
            progress(f"Compiling {len(missing):,} modules, once: later projects reuse them")
        compiled = _compile(python, shelf, missing)
        _link_all(shelf, missing)
        _prune(root, now=time.time() if now is None else now)
    except (OSError, ValueError, subprocess.SubprocessError):
        return Warmed()
    return Warmed(linked=linked.count(True), compiled=compiled)


def _private(root: Path) -> bool:
    """Make ``root`` if missing; tell whether only this user can write to it.

    Whoever can write a pyc there runs code in every project made after: a cache
    folder another user owns, or one group or others may write to, is not used.
    """
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    status = root.stat()
    if os.name != "posix":
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _probe(python: Path) -> tuple[str, str, list[str]]:
    """Return ``python``'s bytecode tag, magic number (hex) and package folders."""
    done = subprocess.run(
        [str(python), "-I", "-c", _PROBE],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    tag, magic, sites = json.loads(done.stdout)
    if not isinstance(tag, str) or not re.fullmatch(r"\w[\w.-]*", tag) or not magic.isalnum():
        raise ValueError("this Python writes no bytecode")
    return tag, magic, sites


def _sources(site: str, tag: str) -> Iterator[_Source]:
    """Yield the modules the RECORDs in ``site`` list with a SHA-256.

    A RECORD's paths are relative to ``site``; one that leads out of it is skipped.
    """
    real_site = os.path.realpath(site)
    inside: dict[str, bool] = {}
    for record in Path(site).glob("*.dist-info/RECORD"):
        with record.open(newline="", encoding="utf-8", errors="replace") as file:
            rows = list(csv.reader(file))
        for row in rows:
            if len(row) < 2 or not row[0].endswith(".py") or not row[1].startswith("sha256="):
                continue
            parts = row[0].replace("\\", "/").split("/")
            if os.path.isabs(row[0]) or ".." in parts or "" in parts:
                continue
            folder = os.path.join(site, *parts[:-1])
            if folder not in inside:
                real = os.path.realpath(folder)
                inside[folder] = os.path.commonpath([real, real_site]) == real_site
            digest = _hex(row[1].removeprefix("sha256="))
            if digest and inside[folder]:
                pyc = os.path.join(folder, "__pycache__", f"{parts[-1][:-3]}.{tag}.pyc")
                yield _Source(os.path.join(folder, parts[-1]), digest, pyc)


def _hex(urlsafe: str) -> str:
    """Return a RECORD's base64 digest in hex ("" if it is not a SHA-256)."""
    try:
        raw = base64.urlsafe_b64decode(urlsafe + "=" * (-len(urlsafe) % 4))
    except ValueError:
        return ""
    return raw.hex() if len(raw) == 32 else ""


def _entry(shelf: str, source: _Source) -> str:
    """Return the cache's file for ``source``'s pyc."""
    return os.path.join(shelf, source.digest[:2], f"{source.digest}.pyc")


def _compile(python: Path, shelf: str, missing: list[_Source]) -> int:
    """Compile the ``missing`` sources whose bytes match their RECORD into the cache."""
    jobs = [[source.path, _entry(shelf, source)] for source in missing if _matches_record(source)]
    if not jobs:
        return 0
    os.makedirs(shelf, mode=0o700, exist_ok=True)
    with subprocess.Popen(
        [str(python), "-I", "-c", _COMPILE],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its workers with it: killed together below
    ) as process:
        try:
            process.communicate(json.dumps(jobs), timeout=1800)
        except BaseException:  # interrupted, or too slow: no compiler is left running
            killpg = getattr(os, "killpg", None)
            if killpg:
                with contextlib.suppress(OSError):
                    killpg(process.pid, signal.SIGKILL)
            process.kill()
            raise
    return sum(os.path.isfile(pyc) for _, pyc in jobs)


def _matches_record(source: _Source) -> bool:
    """Tell whether ``source``'s bytes have the hash its RECORD gives."""
    try:
        with open(source.path, "rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest() == source.digest
    except OSError:
        return False


def _link_all(shelf: str, sources: list[_Source]) -> list[bool | None]:
    """Link each source's pyc from the cache (see _link), a thread per folder at a time.

    Making a folder waits on the file system's journal: threads overlap the waits
    (0.30 s to 0.15 s for Dash's 762 folders).
    """
    folders: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        folders.setdefault(os.path.dirname(source.pyc), []).append(index)
    done: list[bool | None] = [None] * len(sources)

    def fill(folder: str) -> None:
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        if os.path.islink(folder):  # nothing is written through a symlink
            return
        for index in folders[folder]:
            done[index] = _link(_entry(shelf, sources[index]), sources[index].pyc)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fill, folders))
    return done


def _link(entry: str, pyc: str) -> bool | None:
    """Put ``entry`` at ``pyc``, a hard link else a copy: True; False if ``pyc`` exists.

    None when the cache has no ``entry``.
    """
    try:
        os.link(entry, pyc)
    except FileExistsError:
        return False
    except FileNotFoundError:  # its folder is made first: the cache lacks the entry
        return None
    except OSError:  # another file system, or the link count at its limit
        return _copy(entry, pyc)
    return True


def _copy(entry: str, pyc: str) -> bool:
    """Copy ``entry`` to ``pyc``, atomically: True."""
    write_atomically(Path(pyc), Path(entry).read_bytes())
    return True


def _prune(root: Path, *, now: float) -> None:
    """Once a day, remove the entries no environment has linked for ``UNUSED_FOR``.

    A hard link changes its file's ctime, so an entry with one link (the cache's) and
    an old ctime is in no environment made since.
    """
    mark = root / ".pruned"
    with contextlib.suppress(FileNotFoundError):
        if now - mark.stat().st_mtime < PRUNE_EVERY:
            return
    mark.touch()
    os.utime(mark, (now, now))
    for entry in root.glob("*/*/*.pyc"):
        with contextlib.suppress(OSError):
            status = entry.stat()
            if status.st_nlink == 1 and now - status.st_ctime > UNUSED_FOR:
                entry.unlink()
