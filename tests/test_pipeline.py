"""The generation pipeline: its JSON result, and the folders it made for nothing."""

from __future__ import annotations

import json
from pathlib import Path

from scaffold.generate import generate
from scaffold.generate.pipeline import produce
from scaffold.names import validate_name
from scaffold.template import Template


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
