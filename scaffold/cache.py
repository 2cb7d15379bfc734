"""A JSON cache in the user's cache folder, keyed on the content of the files it derives from.

An entry's name is a hash of its sources' bytes, so a changed source is a different
entry: a stale one is never served. Entries are written atomically; a cache that
cannot be read or written is silently skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Bumped when the shape of what scaffold caches changes.
FORMAT = "1"


def cache_dir() -> Path:
    """Return scaffold's folder in the user's cache ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "scaffold"


def _key(kind: str, sources: Sequence[bytes]) -> str:
    import hashlib

    digest = hashlib.sha256(f"{kind}\0{FORMAT}\0".encode())
    for data in sources:
        digest.update(len(data).to_bytes(8) + data)
    return digest.hexdigest()


def derived(kind: str, sources: Sequence[bytes], build: Callable[[], Any]) -> Any:
    """Return ``build()``'s JSON-able value for ``sources``, from the cache when it holds it."""
    entry = cache_dir() / kind / f"{_key(kind, sources)}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(entry.read_bytes())
    value = build()
    with contextlib.suppress(OSError, TypeError, ValueError):
        write_atomically(entry, json.dumps(value, ensure_ascii=False).encode())
    return value


def write_atomically(entry: Path, data: bytes) -> None:
    """Write ``data`` to ``entry`` through a temporary file beside it: all or nothing."""
    import tempfile

    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
