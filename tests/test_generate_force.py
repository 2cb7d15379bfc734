"""--force: confined to the target, planned before the first write, all or nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
from pathlib import Path

import pytest

from scaffold.errors import GenerationError, Interrupted, TargetExistsError
from scaffold.generate import PROVENANCE_FILE, generate
from scaffold.generate import apply as apply_module
from scaffold.generate.plan import Clash, Plan, plan, trusted_hashes
from scaffold.names import validate_name
from scaffold.signals import terminate_as_interrupt
from scaffold.template import Template


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: file contents, link targets, folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "dir"
    return found


def _generate(mini: Template, out: Path, **kwargs: object):
    return generate(mini, validate_name("demo"), options={}, output_dir=out, **kwargs)


@pytest.fixture
def project(mini: Template, tmp_path: Path) -> Path:
    """A generated project the user has since worked in."""
    out = tmp_path / "out"
    _generate(mini, out)
    return out / "demo"


def test_a_symlinked_folder_inside_the_target_is_never_written_through(
    mini: Template, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "__init__.py").write_text("theirs\n")
    package = project / "demo"
    for child in package.iterdir():
        child.unlink()
    package.rmdir()
    package.symlink_to(outside, target_is_directory=True)
    before = _snapshot(outside)

    result = _generate(mini, project.parent, force=True)

    assert _snapshot(outside) == before
    assert "demo/__init__.py" in result.skipped
    assert package.is_symlink(), "the user's link is kept"


def test_a_record_listing_a_file_outside_or_a_secret_changes_nothing_there(
    mini: Template, project: Path, tmp_path: Path
) -> None:
    env_before = (project / ".env").read_bytes()
    victim = tmp_path / "out" / "victim.txt"
    victim.write_text("keep me\n")
    record = json.loads((project / PROVENANCE_FILE).read_text())
    digest = record["files"]["README.md"]
    record["files"].update({".env": digest, "../victim.txt": digest, "/etc/passwd": digest})
    (project / PROVENANCE_FILE).write_text(json.dumps(record))

    _generate(mini, project.parent, force=True)

    assert (project / ".env").read_bytes() == env_before, ".env is never replaced"
    assert victim.read_text() == "keep me\n"


@pytest.mark.parametrize("record", ["{not json", "[1, 2]", '{"files": [1]}', "1" * 10])
def test_a_corrupt_record_is_distrusted_not_fatal(
    mini: Template, project: Path, record: str
) -> None:
    (project / "README.md").write_text("mine\n")
    (project / PROVENANCE_FILE).write_text(record)
    result = _generate(mini, project.parent, force=True)
    assert (project / "README.md").read_text() == "mine\n"
    assert "README.md" in result.skipped
    assert json.loads((project / PROVENANCE_FILE).read_text())["template"]["name"] == "mini"


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda p: (p / "demo").mkdir() or (p / "demo" / "x").write_text(""), "demo"),
        (lambda p: (p / "README.md").mkdir(), "README.md"),
        (lambda p: (p / "demo").write_text("a file where the package goes\n"), "demo"),
    ],
    ids=["folder-ok-control", "folder-for-file", "file-for-folder"],
)
def test_a_clash_is_refused_naming_the_path_with_nothing_written(
    mini: Template, tmp_path: Path, make, named: str
) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    make(target)
    before = _snapshot(target)
    try:
        result = _generate(mini, tmp_path, force=True)
    except TargetExistsError as error:
        assert error.exit_code == 3
        assert named in str(error)
        assert _snapshot(target) == before, "nothing was written"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"], "no staging folder left"
    else:
        assert named == "demo" and "demo/__init__.py" in result.files


def test_a_failure_while_merging_puts_everything_back(
    mini: Template, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "demo" / "__init__.py").unlink()  # missing: to be added
    (project / "extra.txt").write_text("mine\n")
    before = _snapshot(project)
    real_replace = os.replace
    calls = []

    def failing(source: Path, dest: Path) -> None:
        calls.append(dest)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, dest)

    monkeypatch.setattr(apply_module, "_move", failing)
    with pytest.raises(GenerationError, match=r"disk is full.*left as it was"):
        _generate(mini, project.parent, force=True)
    monkeypatch.undo()
    assert _snapshot(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["demo"]


def test_a_signal_during_the_merge_waits_until_it_is_complete(
    mini: Template, project: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    (project / "README.md").unlink()
    real_replace = os.replace
    previous = signal.getsignal(signal.SIGTERM)
    terminate_as_interrupt()
    request.addfinalizer(lambda: signal.signal(signal.SIGTERM, previous))

    def signalled(source: Path, dest: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        real_replace(source, dest)

    monkeypatch.setattr(apply_module, "_move", signalled)
    with pytest.raises(Interrupted, match="written in full"):
        _generate(mini, project.parent, force=True)
    monkeypatch.undo()
    assert (project / "README.md").is_file()
    record = json.loads((project / PROVENANCE_FILE).read_text())
    assert all((project / rel).is_file() for rel in record["files"]), "the record matches"
    assert sorted(p.name for p in project.parent.iterdir()) == ["demo"]


def test_a_target_that_is_a_link_is_refused(mini: Template, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "demo").symlink_to(elsewhere)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for name in ("demo", "dangling"):
        with pytest.raises(TargetExistsError, match="symbolic link") as raised:
            generate(mini, validate_name(name), options={}, output_dir=tmp_path, force=True)
        assert raised.value.exit_code == 3
    assert list(elsewhere.iterdir()) == []


def test_a_target_created_meanwhile_by_another_run_is_exit_3(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.generate import pipeline

    real_plan = pipeline.plan

    def racing(rendered: Path, target: Path, **kwargs: object):
        decided = real_plan(rendered, target, **kwargs)
        target.mkdir()
        (target / "theirs.txt").write_text("the other run\n")
        return decided

    monkeypatch.setattr(pipeline, "plan", racing)
    with pytest.raises(TargetExistsError) as raised:
        _generate(mini, tmp_path)
    target = tmp_path / "demo"
    assert raised.value.path == target
    assert str(raised.value) == (
        f"{target} appeared while the project was being generated (another run?). "
        "Nothing was written; choose another name or run again with --force."
    )
    assert [p.name for p in (tmp_path / "demo").iterdir()] == ["theirs.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]


def test_an_unwritable_folder_is_one_clear_error(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.generate import render

    def denied(**kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(render.tempfile, "mkdtemp", denied)
    with pytest.raises(GenerationError, match=r"Cannot write in .*: permission denied\.$"):
        _generate(mini, tmp_path / "new")
    assert list(tmp_path.iterdir()) == [], "the output folder it made is removed again"


def test_a_staging_folder_left_by_a_killed_run_is_swept(mini: Template, tmp_path: Path) -> None:
    stale = tmp_path / ".scaffold-staging-demo-abc123"
    (stale / "render").mkdir(parents=True)
    (stale / "owner.pid").write_text("999999999")
    alive = tmp_path / ".scaffold-staging-other-def456"
    alive.mkdir()
    (alive / "owner.pid").write_text(str(os.getppid()))
    _generate(mini, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "demo"]


def test_the_plan_of_force_says_each_files_fate(mini: Template, project: Path) -> None:
    (project / "README.md").write_text("mine\n", encoding="utf-8")
    rendered = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    removed = next(rel for rel in rendered if rel not in {"README.md", PROVENANCE_FILE})
    (project / removed).unlink()
    result = _generate(mini, project.parent, force=True, dry_run=True)
    plan = result.plan
    assert plan.fresh is False
    assert plan.action("README.md") == "keep", "a file the user changed is kept"
    assert plan.action(removed) == "add", "a missing file is added back"
    untouched = set(rendered) - {"README.md", removed, PROVENANCE_FILE}
    assert set(plan.replace) == untouched, "files as scaffold wrote them are rewritten"
    assert {plan.action(rel) for rel in untouched} == {"replace"}
    assert plan.to_dict() == {
        "fresh": False,
        "add": list(plan.add),
        "replace": list(plan.replace),
        "keep": list(plan.keep),
    }
    assert removed in plan.to_dict()["add"] and "README.md" in plan.to_dict()["keep"]
    assert plan.written == tuple(sorted((*plan.add, *plan.replace)))


def test_the_plan_of_a_new_folder_adds_everything(mini: Template, tmp_path: Path) -> None:
    result = _generate(mini, tmp_path, dry_run=True)
    plan = result.plan
    assert plan.fresh is True and plan.replace == () and plan.keep == ()
    assert plan.to_dict()["fresh"] is True and plan.to_dict()["add"] == list(plan.add)
    assert {plan.action(rel) for rel in plan.add} == {"add"}
    assert not (tmp_path / "demo").exists(), "a dry run writes nothing"


def _files(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_file_scaffold_wrote_and_nobody_changed_takes_the_new_version(tmp_path: Path) -> None:
    rendered = _files(tmp_path / "render", {"a.txt": "new\n", "b.txt": "new\n"})
    target = _files(tmp_path / "demo", {"a.txt": "old\n", "b.txt": "edited\n"})
    recorded = {"files": {"a.txt": _digest("old\n"), "b.txt": _digest("old\n")}}
    decided = plan(rendered, target, recorded=recorded)
    assert (decided.replace, decided.keep) == (("a.txt",), ("b.txt",))


def test_links_in_the_target_are_kept_whether_file_or_folder(tmp_path: Path) -> None:
    rendered = _files(tmp_path / "render", {"pkg/mod.py": "x\n", "top.txt": "x\n", "new.txt": ""})
    outside = _files(tmp_path / "outside", {"mod.py": "theirs\n", "top.txt": "theirs\n"})
    target = tmp_path / "demo"
    target.mkdir()
    (target / "pkg").symlink_to(outside, target_is_directory=True)
    (target / "top.txt").symlink_to(outside / "top.txt")
    recorded = {"files": {"pkg/mod.py": _digest("theirs\n"), "top.txt": _digest("theirs\n")}}
    decided = plan(rendered, target, recorded=recorded)
    assert decided.keep == ("pkg/mod.py", "top.txt") and decided.add == ("new.txt",)


@pytest.mark.parametrize(
    ("existing", "rel", "reason"),
    [
        ({"pkg": "a file\n"}, "pkg/mod.py", "pkg is a file, not a folder"),
        ({"pkg/mod.py/x": ""}, "pkg/mod.py", "a folder stands where the template has a file"),
    ],
    ids=["file-for-folder", "folder-for-file"],
)
def test_a_clash_says_which_path_and_why(
    tmp_path: Path, existing: dict[str, str], rel: str, reason: str
) -> None:
    rendered = _files(tmp_path / "render", {"pkg/mod.py": "x\n"})
    target = _files(tmp_path / "demo", existing)
    with pytest.raises(Clash) as raised:
        plan(rendered, target)
    assert (raised.value.rel, raised.value.reason) == (rel, reason)
    assert str(raised.value) == f"{rel}: {reason}"


def test_a_record_is_trusted_only_for_plain_relative_paths_and_text_hashes() -> None:
    recorded = {
        "files": {
            "ok.txt": "abc",
            "sub/ok.txt": "def",
            "../outside.txt": "abc",
            "sub/../../outside.txt": "abc",
            "/etc/passwd": "abc",
            "": "abc",
            ".env": "abc",
            "number.txt": 5,
        }
    }
    assert trusted_hashes(recorded) == {"ok.txt": "abc", "sub/ok.txt": "def"}


def test_a_file_replaced_deep_in_the_project_is_backed_up_and_replaced(tmp_path: Path) -> None:
    rendered = _files(tmp_path / "stage" / "render", {"a/b/c.txt": "new\n"})
    target = _files(tmp_path / "demo", {"a/b/c.txt": "old\n"})
    the_plan = Plan(target, fresh=False, add=(), replace=("a/b/c.txt",))
    apply_module.apply(the_plan, rendered, b"{}\n", backup=tmp_path / "stage" / "backup")
    assert (target / "a/b/c.txt").read_text() == "new\n"
    assert (target / PROVENANCE_FILE).read_bytes() == b"{}\n"


def test_a_merge_failing_while_another_program_changes_the_target_undoes_what_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the undo cannot do (a file gone, a folder no longer empty), the rest is done."""
    rendered = _files(tmp_path / "stage" / "render", {"new/dir/x.txt": "x\n", "z.txt": "z\n"})
    target = _files(tmp_path / "demo", {"mine.txt": "mine\n"})
    real_replace = os.replace

    def meddled(source: Path, dest: Path) -> None:
        if dest == target / "z.txt":
            (target / "new" / "dir" / "x.txt").unlink()
            (target / "new" / "theirs.txt").write_text("theirs\n")
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, dest)

    monkeypatch.setattr(apply_module, "_move", meddled)
    the_plan = Plan(target, fresh=False, add=("new/dir/x.txt", "z.txt"))
    with pytest.raises(GenerationError, match=r"disk is full.*left as it was"):
        apply_module.apply(the_plan, rendered, b"{}\n", backup=tmp_path / "stage" / "backup")
    assert _snapshot(target) == {
        "mine.txt": b"mine\n",
        "new": "dir",
        "new/theirs.txt": b"theirs\n",
    }


def test_a_file_that_cannot_be_put_back_does_not_stop_the_others_being_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = _files(tmp_path / "stage" / "render", {"a.txt": "new\n", "b.txt": "new\n"})
    target = _files(tmp_path / "demo", {"a.txt": "old\n", "b.txt": "old\n"})
    real_replace = os.replace

    def refusing_b(source: Path, dest: Path) -> None:
        if dest == target / "b.txt":
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, dest)

    monkeypatch.setattr(apply_module, "_move", refusing_b)
    the_plan = Plan(target, fresh=False, add=(), replace=("a.txt", "b.txt"))
    with pytest.raises(GenerationError, match="permission denied"):
        apply_module.apply(the_plan, rendered, b"{}\n", backup=tmp_path / "stage" / "backup")
    assert (target / "a.txt").read_text() == "old\n"
    assert (tmp_path / "stage" / "backup" / "b.txt").read_text() == "old\n"
