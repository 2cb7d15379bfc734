"""The generation pipeline: its JSON result, and the folders it made for nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from scaffold.errors import GenerationError, Interrupted, TargetExistsError
from scaffold.generate import generate, pipeline
from scaffold.generate.pipeline import produce
from scaffold.names import validate_name
from scaffold.template import Template, load_template


def test_a_results_json_says_what_was_written_kept_and_planned(
    mini: Template, tmp_path: Path
) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "README.md").write_text("mine\n")
    result = generate(
        mini, validate_name("demo"), options={}, output_dir=tmp_path, force=True, dry_run=True
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["path"] == str(target)
    assert data["framework"] == "mini"
    assert data["commands"]["test"] == "python -m pytest"
    assert data["skipped"] == ["README.md"]
    assert "README.md" not in data["files"] and ".scaffold.json" in data["files"]
    assert data["plan"] == {
        "fresh": False,
        "add": list(result.plan.add),
        "replace": [],
        "keep": ["README.md"],
    }
    assert data["dry_run"] is True


def test_a_dry_run_keeps_a_folder_it_made_once_something_else_is_in_it(tmp_path: Path) -> None:
    """The folders made for the output are removed again, unless another writer used them."""
    output_dir = tmp_path / "new" / "deeper"

    def render_into(folder: Path) -> Path:
        (tmp_path / "new" / "theirs.txt").write_text("another program's\n")
        project = folder / "demo"
        project.mkdir(parents=True)
        (project / "README.md").write_text("hi\n")
        return project

    planned = produce(output_dir / "demo", render_into, lambda *_: b"{}", force=False, dry_run=True)
    assert planned.add == ("README.md",)
    assert not output_dir.exists()
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["theirs.txt"]


def _one_file(folder: Path) -> Path:
    project = folder / "demo"
    project.mkdir(parents=True)
    (project / "README.md").write_text("hi\n")
    return project


def _refusal(target: Path, *, force: bool = True) -> TargetExistsError:
    """Produce a one-file project at ``target``; return the refusal it must meet."""
    with pytest.raises(TargetExistsError) as raised:
        produce(target, _one_file, lambda *_: b"{}", force=force, dry_run=False)
    return raised.value


def test_a_link_as_target_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "demo"
    target.symlink_to(tmp_path / "elsewhere")
    refused = _refusal(target)
    assert str(refused) == (
        f"{target} is a symbolic link; scaffold never writes through links. "
        "Choose another name or --output-dir."
    )
    assert refused.path == target
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_file_as_target_is_refused_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.write_text("mine\n")
    refused = _refusal(target)
    assert str(refused) == f"{target} exists and is not a directory. Choose another name."
    assert refused.path == target
    assert target.read_text() == "mine\n"


def test_a_folder_with_files_is_refused_without_force_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    refused = _refusal(target, force=False)
    assert str(refused) == (
        f"{target} already exists and is not empty. Choose another name or "
        "--output-dir, or pass --force to add the missing files (your files are kept)."
    )
    assert refused.path == target


def test_an_output_dir_that_cannot_be_made_is_refused_saying_why(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder\n")
    output_dir = tmp_path / "file" / "sub"
    with pytest.raises(GenerationError) as raised:
        produce(output_dir / "demo", _one_file, lambda *_: b"{}", force=False, dry_run=False)
    assert str(raised.value) == f"Cannot create {output_dir}: not a directory."
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_the_render_goes_to_a_hidden_staging_folder_named_for_the_project(
    tmp_path: Path,
) -> None:
    seen: list[Path] = []

    def render_into(folder: Path) -> Path:
        seen.append(folder)
        assert not folder.exists(), "the render gets a folder of its own"
        return _one_file(folder)

    produce(tmp_path / "demo", render_into, lambda *_: b"{}", force=False, dry_run=False)
    (folder,) = seen
    assert folder.parent.parent == tmp_path
    assert folder.parent.name.startswith(".scaffold-staging-demo-")
    assert [p.name for p in tmp_path.iterdir()] == ["demo"], "staging is removed"


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_a_record_that_is_a_folder_or_link_is_a_clash_and_nothing_is_written(
    tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    record = target / ".scaffold.json"
    if kind == "folder":
        record.mkdir()
    else:
        (tmp_path / "real.json").write_text("{}\n")
        record.symlink_to(tmp_path / "real.json")
    refused = _refusal(target)
    assert str(refused) == (
        f"Cannot merge into {target}: .scaffold.json: scaffold's own record is a link or a "
        "folder. Nothing was written; move that path aside and run again."
    )
    assert refused.path == record
    assert [p.name for p in target.iterdir()] == [".scaffold.json"]


def test_ctrl_c_during_the_move_into_place_says_the_project_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_apply = pipeline.apply

    def apply_then_sigint(*args: Any, **kwargs: Any) -> None:
        real_apply(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(pipeline, "apply", apply_then_sigint)
    target = tmp_path / "out" / "demo"
    with pytest.raises(Interrupted) as raised:
        produce(target, _one_file, lambda *_: b"{}", force=False, dry_run=False)
    assert str(raised.value) == (
        f"Interrupted: {target} was written in full, but nothing after that was done "
        "(no git repository, no install)."
    )
    assert (target / "README.md").read_text() == "hi\n"


def _mini_with(tmp_path: Path, mini: Template, **values: str) -> Template:
    """A copy of ``mini`` whose cookiecutter.json also holds ``values``, and a file for each."""
    root = shutil.copytree(mini.path, tmp_path / "mini")
    config = json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))
    config.update(values)
    (root / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    for key in values:
        (root / "{{cookiecutter.project_slug}}" / key.strip("_").upper()).write_text(
            f"{{{{ cookiecutter.{key} }}}}\n"
        )
    return load_template(root)


def test_the_templates_serve_note_is_in_the_result_and_the_record(
    mini: Template, tmp_path: Path
) -> None:
    template = _mini_with(tmp_path, mini, __serve_note="Set SECRET_KEY before serving.")
    result = generate(template, validate_name("demo"), options={}, output_dir=tmp_path / "out")
    assert result.serve_note == "Set SECRET_KEY before serving."
    record = json.loads((result.path / ".scaffold.json").read_text(encoding="utf-8"))
    assert record["serve_note"] == "Set SECRET_KEY before serving."


def test_without_a_serve_note_there_is_none(mini: Template, tmp_path: Path) -> None:
    result = generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    assert result.serve_note is None
    record = json.loads((result.path / ".scaffold.json").read_text(encoding="utf-8"))
    assert record["serve_note"] is None


def test_the_options_now_renders_the_creation_moment_source_date_epoch_gives(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(366 * 86400 + 3600))
    template = _mini_with(tmp_path, mini, __copyright="{% now 'utc', '%Y-%m-%d %H:%M' %} Ada")
    result = generate(template, validate_name("demo"), options={}, output_dir=tmp_path / "out")
    assert (result.path / "COPYRIGHT").read_text() == "1971-01-02 01:00 Ada\n"
    record = json.loads((result.path / ".scaffold.json").read_text(encoding="utf-8"))
    assert record["created"] == "1971-01-02T01:00:00+00:00"


def test_the_creation_moment_is_now_in_utc_to_the_second(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    result = generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    record = json.loads((result.path / ".scaffold.json").read_text(encoding="utf-8"))
    created = datetime.fromisoformat(record["created"])
    assert created.microsecond == 0 and created.utcoffset() == timedelta(0)
    assert before <= created <= datetime.now(UTC)


def test_a_project_that_cannot_be_moved_into_place_is_refused_saying_why(tmp_path: Path) -> None:
    from scaffold.generate.apply import apply
    from scaffold.generate.plan import plan

    rendered = _one_file(tmp_path / "render")
    target = tmp_path / "gone" / "demo"
    with pytest.raises(GenerationError) as raised:
        apply(plan(rendered, target, recorded=None), rendered, b"{}", backup=tmp_path / "backup")
    assert str(raised.value) == f"Cannot create {target}: no such file or directory."
