"""The git operations update relies on, against a real repository in tmp_path."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from gitrun import git

from scaffold.errors import UsageError
from scaffold.gitrepo import GitError, Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository with one commit holding ``a.txt``."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "a.txt").write_text("a\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return Repo.at(root)


def test_tree_of_names_the_commits_tree(repo: Repo) -> None:
    assert repo.tree_of("HEAD") == git(repo.root, "rev-parse", "HEAD^{tree}")


def test_a_scratch_repository_creates_its_missing_object_folders(
    repo: Repo, tmp_path: Path
) -> None:
    """Objects go to the new folder (made with its parents), the real store stays as it was."""
    objects = tmp_path / "deep" / "scratch" / "objects"
    before = git(repo.root, "count-objects")
    scratch = repo.scratch(objects)
    folder = tmp_path / "render"
    folder.mkdir()
    (folder / "b.txt").write_text("b\n")
    commit = scratch.snapshot(folder, parents=[repo.out("rev-parse", "HEAD")], message="m")
    assert any(path.is_file() for path in objects.rglob("*"))
    assert scratch.out("show", f"{commit}:b.txt") == "b"
    assert git(repo.root, "count-objects") == before
    assert repo.resolve(commit) is None, "the real repository never saw the commit"


def test_a_scratch_folder_that_exists_already_is_reused(repo: Repo, tmp_path: Path) -> None:
    objects = tmp_path / "objects"
    objects.mkdir()
    scratch = repo.scratch(objects)
    assert scratch.env["GIT_OBJECT_DIRECTORY"] == str(objects)


def test_a_folder_inside_a_repository_is_not_its_top(repo: Repo) -> None:
    inner = repo.root / "inner"
    inner.mkdir()
    with pytest.raises(UsageError, match="is not the top folder of a git repository"):
        Repo.at(inner)


def test_staged_changes_are_dirty_path_by_path(repo: Repo) -> None:
    (repo.root / "a.txt").write_text("changed\n")
    (repo.root / "b.txt").write_text("new\n")
    (repo.root / "untracked.txt").write_text("not tracked\n")
    git(repo.root, "add", "a.txt", "b.txt")
    assert repo.is_dirty() == ["a.txt", "b.txt"]


def test_a_clean_tree_is_not_dirty(repo: Repo) -> None:
    (repo.root / "untracked.txt").write_text("not tracked\n")
    assert repo.is_dirty() == []


def test_an_unstaged_change_is_dirty_by_its_full_path(repo: Repo) -> None:
    (repo.root / "a.txt").write_text("changed\n")
    assert repo.is_dirty() == ["a.txt"]


def test_a_failed_git_command_says_which_and_its_last_line(repo: Repo) -> None:
    with pytest.raises(GitError) as failed:
        repo.run("rev-parse", "--verify", "nope")
    assert str(failed.value) == "git rev-parse failed: fatal: Needed a single revision"


def test_an_unchecked_failure_is_returned(repo: Repo) -> None:
    done = repo.run("rev-parse", "--verify", "nope", check=False)
    assert done.returncode == 128 and done.stderr.strip() == "fatal: Needed a single revision"


def test_extra_variables_reach_git(repo: Repo) -> None:
    ident = repo.out("var", "GIT_AUTHOR_IDENT", env={"GIT_AUTHOR_NAME": "Zed"})
    assert ident.startswith("Zed <")


def test_git_never_reads_the_callers_stdin(repo: Repo) -> None:
    """A command that reads stdin gets an empty one, even when the caller's holds input."""
    empty_blob = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    read, write = os.pipe()
    os.write(write, b"typed ahead\n")
    os.close(write)
    saved = os.dup(0)
    os.dup2(read, 0)
    os.close(read)
    try:
        blob = repo.out("hash-object", "--stdin")
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    assert blob == empty_blob


def test_resolve_names_a_commit_or_none(repo: Repo) -> None:
    assert repo.resolve("HEAD") == git(repo.root, "rev-parse", "HEAD")
    assert repo.resolve("refs/scaffold/template") is None
    assert repo.resolve("HEAD^{tree}") is None, "a tree is not a commit"


def test_entries_lists_the_paths_that_exist_as_mode_blob_path(repo: Repo) -> None:
    blob = git(repo.root, "rev-parse", "HEAD:a.txt")
    assert repo.entries("HEAD", ["a.txt", "missing.txt"]) == [f"100644,{blob},a.txt"]
    assert repo.entries("HEAD", ["missing.txt"]) == []


def test_a_snapshot_commits_a_folder_and_the_carried_entries_only(
    repo: Repo, tmp_path: Path
) -> None:
    folder = tmp_path / "render"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "b.txt").write_text("b\n")
    head = git(repo.root, "rev-parse", "HEAD")
    index_before = (repo.root / ".git" / "index").read_bytes()
    carried = repo.entries("HEAD", ["a.txt"])
    commit = repo.snapshot(folder, parents=[head], message="Render", carry=carried)
    assert git(repo.root, "ls-tree", "-r", "--name-only", commit).split() == [
        "a.txt",
        "sub/b.txt",
    ]
    shown = git(repo.root, "log", "-1", "--format=%P|%an <%ae>|%cn|%s", commit)
    assert shown == f"{head}|scaffold <scaffold@localhost>|scaffold|Render"
    assert (repo.root / ".git" / "index").read_bytes() == index_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["render", "repo"], "no index left"
    assert git(repo.root, "status", "--porcelain") == ""


def test_a_snapshot_without_parents_is_a_root_commit(repo: Repo, tmp_path: Path) -> None:
    folder = tmp_path / "render"
    folder.mkdir()
    (folder / "c.txt").write_text("c\n")
    commit = repo.snapshot(folder, parents=[], message="m")
    assert git(repo.root, "log", "-1", "--format=%P", commit) == ""


def test_a_snapshot_step_that_fails_says_which_and_leaves_no_index(
    repo: Repo, tmp_path: Path
) -> None:
    folder = tmp_path / "render"
    folder.mkdir()
    with pytest.raises(GitError) as failed:
        repo.snapshot(folder, parents=[], message="m", carry=["100644,nothex,x.txt"])
    assert str(failed.value) == (
        "git update-index failed: error: option 'cacheinfo' expects <mode>,<sha1>,<path>"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["render", "repo"]


def test_a_folder_outside_any_repository_is_told_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        Repo.at(tmp_path)
    assert str(refused.value) == (
        f"{tmp_path} is not the top folder of a git repository: scaffold update merges with "
        f"git. Make it one: cd {tmp_path} && git init && git add -A && "
        "git commit -m 'Project as it is'"
    )


def test_without_git_the_update_says_to_install_it(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UsageError) as refused:
        Repo.at(repo.root)
    assert str(refused.value) == "git was not found: scaffold update needs git. Install it."


def test_a_repository_is_found_at_its_top_folder(repo: Repo) -> None:
    found = Repo.at(repo.root)
    assert found.root == repo.root.resolve() and Path(found.git).name == "git"
    assert found.env == {}


def test_a_failure_that_prints_nothing_says_so(repo: Repo) -> None:
    with pytest.raises(GitError) as failed:
        repo.run("rev-parse", "--verify", "--quiet", "nope")
    assert str(failed.value) == "git rev-parse failed: no output"


#: Prints the session of the process git runs it in.
SESSION = (
    shlex.quote(sys.executable) + " -c 'import os, sys; sys.stdin.read(); print(os.getsid(0))'"
)


def test_git_runs_in_the_callers_session_unless_asked_to_run_in_its_own(repo: Repo) -> None:
    """So that Ctrl-C at the terminal reaches it; only the merge is kept out of its reach."""
    alias = f"alias.session=!{SESSION}"
    assert repo.out("-c", alias, "session") == str(os.getsid(0))
    assert repo.run("-c", alias, "session", own_group=True).stdout.strip() != str(os.getsid(0))


def test_a_snapshot_runs_git_in_the_callers_session(repo: Repo, tmp_path: Path) -> None:
    """The clean filter that ``git add`` runs on the folder's files shows the session."""
    git(repo.root, "config", "filter.session.clean", SESSION)
    folder = tmp_path / "render"
    folder.mkdir()
    (folder / ".gitattributes").write_text("*.session filter=session\n")
    (folder / "where.session").write_text("\n")
    commit = repo.snapshot(folder, parents=[], message="m")
    assert git(repo.root, "show", f"{commit}:where.session") == str(os.getsid(0))


def test_a_snapshot_commits_the_folder_where_the_repository_names_its_work_tree(
    repo: Repo, tmp_path: Path
) -> None:
    """core.worktree names the repository's own folder: the snapshot still takes ``folder``."""
    git(repo.root, "config", "core.worktree", str(repo.root))
    folder = tmp_path / "render"
    folder.mkdir()
    (folder / "c.txt").write_text("c\n")
    commit = repo.snapshot(folder, parents=[], message="m")
    assert git(repo.root, "ls-tree", "-r", "--name-only", commit) == "c.txt"


NAMES = ["-d", "a\tb.txt", "café.txt", 'say "hi".txt', "trailing .txt "]


def test_entries_name_every_path_as_it_is_and_a_snapshot_carries_them(
    repo: Repo, tmp_path: Path
) -> None:
    """Names git would quote, or read as an option, come back as they are, ready to carry."""
    for name in NAMES:
        (repo.root / name).write_text(f"{name}\n")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "names")
    entries = repo.entries("HEAD", NAMES)
    blobs = {name: git(repo.root, "rev-parse", f"HEAD:{name}") for name in NAMES}
    assert entries == [f"100644,{blobs[name]},{name}" for name in sorted(NAMES)]
    folder = tmp_path / "render"
    folder.mkdir()
    commit = repo.snapshot(folder, parents=[], message="m", carry=entries)
    listed = git(repo.root, "ls-tree", "-z", "--name-only", commit).split("\0")
    assert sorted(filter(None, listed)) == sorted(NAMES)
