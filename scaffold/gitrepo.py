"""The few git operations update needs, run as git itself runs them, never reading stdin."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from scaffold.errors import ScaffoldError, UsageError, shown

#: The ref that holds the pristine renders of the project's template, one commit each.
TEMPLATE_REF = "refs/scaffold/template"
AUTHOR = {
    "GIT_AUTHOR_NAME": "scaffold",
    "GIT_AUTHOR_EMAIL": "scaffold@localhost",
    "GIT_COMMITTER_NAME": "scaffold",
    "GIT_COMMITTER_EMAIL": "scaffold@localhost",
}


class GitError(ScaffoldError):
    """A git command failed where it should not have."""


@dataclass(frozen=True)
class Repo:
    """A git repository whose work tree is ``root``."""

    root: Path
    git: str
    #: Variables every git command of this repository runs with (see ``scratch``).
    env: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def at(cls, path: Path) -> Repo:
        """Return the repository whose top folder is ``path``, or raise UsageError."""
        git = shutil.which("git")
        if git is None:
            raise UsageError("git was not found: scaffold update needs git. Install it.")
        probe = _run([git, "rev-parse", "--show-toplevel"], path)
        top = Path(probe.stdout.strip()).resolve() if probe.returncode == 0 else None
        if top != path.resolve():
            raise UsageError(
                f"{path} is not the top folder of a git repository: scaffold update merges "
                f"with git. Make it one: cd {path} && git init && git add -A && "
                "git commit -m 'Project as it is'"
            )
        return cls(path.resolve(), git)

    def scratch(self, objects: Path) -> Repo:
        """Return this repository writing new objects to ``objects`` only, reading both.

        Dry runs build their commits there, so that they leave the repository as it was.
        """
        real = self.out("rev-parse", "--git-path", "objects")
        own = str((self.root / real).resolve())
        objects.mkdir(parents=True, exist_ok=True)
        overlay = {"GIT_OBJECT_DIRECTORY": str(objects), "GIT_ALTERNATE_OBJECT_DIRECTORIES": own}
        return replace(self, env={**self.env, **overlay})

    def run(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        check: bool = True,
        own_group: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        """Run ``git ARGS`` in the repository; raise GitError on failure when ``check``."""
        merged = {**os.environ, **self.env, **(env or {})}
        done = _run([self.git, *args], self.root, env=merged, own_group=own_group)
        if check and done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise GitError(f"git {args[0]} failed: {shown(said[-1] if said else 'no output')}")
        return done

    def out(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        """Return what ``git ARGS`` prints, stripped."""
        return self.run(*args, env=env).stdout.strip()

    def resolve(self, rev: str) -> str | None:
        """Return the commit ``rev`` names, or None."""
        done = self.run("rev-parse", "--verify", f"{rev}^{{commit}}", check=False)
        return done.stdout.strip() or None

    def tree_of(self, commit: str) -> str:
        """Return the tree id of ``commit``."""
        return self.out("rev-parse", f"{commit}^{{tree}}")

    def is_dirty(self) -> list[str]:
        """Return the tracked paths with uncommitted changes (staged or not)."""
        # Not ``out``: stripping would eat the first line's leading status column.
        status = self.run("status", "--porcelain", "--untracked-files=no").stdout
        return [line[3:] for line in status.splitlines() if line.strip()]

    def entries(self, commit: str, paths: Sequence[str]) -> list[str]:
        """Return ``commit``'s tree entries for ``paths`` as ``mode,blob,path`` strings.

        A path comes as it is named (``-z``: git quotes a name with a tab, a quote or a
        non-ASCII letter otherwise), fit for ``update-index --cacheinfo``.
        """
        listing = self.out("ls-tree", "-z", "--full-tree", commit, "--", *paths)
        found = []
        for entry in listing.split("\0"):
            if entry:
                meta, _, path = entry.partition("\t")
                mode, _kind, blob = meta.split()
                found.append(f"{mode},{blob},{path}")
        return found

    def snapshot(
        self,
        folder: Path,
        *,
        parents: Sequence[str],
        message: str,
        carry: Sequence[str] = (),
    ) -> str:
        """Commit every file of ``folder`` (not the work tree) as a new commit; return its id.

        ``carry`` holds tree entries (``mode,blob,path``) added as they are. A temporary
        index keeps the repository's own index and work tree untouched.
        """
        index = folder.parent / f".{folder.name}.index"
        env = {
            **os.environ,
            **self.env,
            **AUTHOR,
            "GIT_DIR": self.out("rev-parse", "--absolute-git-dir"),
            "GIT_INDEX_FILE": str(index),
            "GIT_WORK_TREE": str(folder),
        }
        try:
            added = [["update-index", "--add", "--cacheinfo", entry] for entry in carry]
            for step in (["add", "--all", "."], *added, ["write-tree"]):
                done = _run([self.git, *step], folder, env=env)
                if done.returncode != 0:
                    raise GitError(f"git {step[0]} failed: {shown(done.stderr.strip())}")
            tree = done.stdout.strip()
        finally:
            index.unlink(missing_ok=True)
        flags = [arg for parent in parents for arg in ("-p", parent)]
        return self.out("commit-tree", tree, *flags, "-m", message, env=AUTHOR)


def _run(
    args: list[str], cwd: Path, *, env: Mapping[str, str] | None = None, own_group: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        start_new_session=own_group,
    )
