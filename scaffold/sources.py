"""Fetch a cookiecutter template from a folder, git URL, zip or abbreviation."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import UsageError, shown


@dataclass(frozen=True)
class Source:
    """Where a template came from, and where it lies now on this machine."""

    given: str
    path: Path
    checkout: str | None = None
    directory: str | None = None
    commit: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """Return the source as plain data for the project's record."""
        return {
            "source": self.given,
            "checkout": self.checkout,
            "directory": self.directory,
            "commit": self.commit,
        }


def _commit_of(folder: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run(
        [git, "rev-parse", "HEAD"],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


@contextmanager
def fetched(
    given: str, *, checkout: str | None = None, directory: str | None = None
) -> Iterator[Source]:
    """Yield the template ``given`` names, fetched into a temporary folder removed afterwards.

    Uses cookiecutter's own repository handling (abbreviations ``gh:``, ``gl:``,
    ``bb:``; git and Mercurial URLs; zip files and URLs); it never asks anything.
    """
    from cookiecutter.config import BUILTIN_ABBREVIATIONS
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.repository import determine_repo_dir

    if directory and (Path(directory).is_absolute() or ".." in Path(directory).parts):
        raise UsageError(f'--directory "{shown(directory)}" must be a folder inside the template.')
    clones = Path(tempfile.mkdtemp(prefix="scaffold-source-"))
    try:
        try:
            found, _cleanup = determine_repo_dir(
                template=given,
                abbreviations=dict(BUILTIN_ABBREVIATIONS),
                clone_to_dir=clones,
                checkout=checkout,
                no_input=True,
                directory=directory,
            )
        except (CookiecutterException, OSError, subprocess.CalledProcessError) as error:
            detail = " ".join(str(error).split())
            raise UsageError(
                f'Cannot get the template "{shown(given)}": {shown(detail, limit=300)}'
            ) from None
        path = Path(found).resolve()
        root = path.parents[len(Path(directory).parts) - 1] if directory else path
        commit = _commit_of(root) if (root / ".git").exists() or clones in path.parents else None
        yield Source(given, path, checkout, directory, commit)
    finally:
        shutil.rmtree(clones, ignore_errors=True)
