"""The project's .scaffold.json: what a generation records, and what reading one trusts."""

from __future__ import annotations

import json
import locale
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from scaffold import __version__
from scaffold.generate import PROVENANCE_FILE, generate
from scaffold.generate.plan import sha256
from scaffold.generate.provenance import _MAX_RECORD, Provenance, created_at, read_record
from scaffold.names import validate_name
from scaffold.template import Template, load_template


def test_the_record_says_what_made_the_project_and_hashes_what_it_wrote(
    mini: Template, tmp_path: Path
) -> None:
    why = Provenance(answers={"size": "small"}, recommendation={"framework": "mini"})
    name = validate_name("Demo Shop")
    generate(mini, name, options={"database": "none"}, output_dir=tmp_path, provenance=why)
    project = tmp_path / "demo-shop"
    record = json.loads((project / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert record["scaffold_version"] == __version__
    assert record["template"] == {"name": "mini", "sha256": mini.content_hash()}
    assert created_at(record) is not None and created_at(record).tzinfo is not None
    assert record["project"] == {"name": "Demo Shop", "slug": "demo-shop", "package": "demo_shop"}
    assert record["options"]["database"] == "none"
    assert record["answers"] == {"size": "small"}
    assert record["recommendation"] == {"framework": "mini"}
    assert record["import_package"] == "demo_shop"
    assert "serve_note" in record and "websocket" in record
    assert record["files"], "every file written is hashed"
    for rel, digest in record["files"].items():
        assert digest == sha256(project / rel), rel
    assert ".env" not in record["files"], "a secret file is never hashed into the record"
    assert read_record(project) == record


def test_without_provenance_there_are_no_answers_nor_recommendation(
    mini: Template, tmp_path: Path
) -> None:
    generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    record = read_record(tmp_path / "demo")
    assert isinstance(record, dict)
    assert record["answers"] == {} and record["recommendation"] is None


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {"created": "2026-12-02T10:00:00+00:00"},
            datetime.fromisoformat("2026-12-02T10:00:00+00:00"),
        ),
        ({"created": "yesterday"}, None),
        ({"created": 1}, None),
        (["created"], None),
        (None, None),
    ],
    ids=["iso", "not-a-date", "not-a-string", "a-list", "none"],
)
def test_created_at_reads_only_an_iso_time(record: object, expected: datetime | None) -> None:
    assert created_at(record) == expected


def test_a_record_that_is_a_link_or_too_large_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"files": {}}', encoding="utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / PROVENANCE_FILE).symlink_to(elsewhere)
    assert read_record(linked) is None

    large = tmp_path / "large"
    large.mkdir()
    padding = " " * (_MAX_RECORD - len("{}"))
    (large / PROVENANCE_FILE).write_text("{}" + padding, encoding="utf-8")
    assert read_record(large) == {}, "a record of exactly the limit is read"
    (large / PROVENANCE_FILE).write_text("{}" + padding + " ", encoding="utf-8")
    assert read_record(large) is None


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """Run under the C locale, where text files are read as ASCII unless told otherwise."""
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


@pytest.mark.usefixtures("ascii_locale")
def test_a_record_in_utf8_is_read_whatever_the_locale(tmp_path: Path) -> None:
    (tmp_path / PROVENANCE_FILE).write_bytes('{"project": {"name": "Café"}}'.encode())
    assert read_record(tmp_path) == {"project": {"name": "Café"}}


def test_the_record_names_the_package_the_template_says_the_project_installs(
    mini: Template, tmp_path: Path
) -> None:
    root = shutil.copytree(mini.path, tmp_path / "mini")
    config = json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))
    config["__import_package"] = "cubicweb_{{ cookiecutter.package_name }}"
    (root / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    generate(load_template(root), validate_name("Demo"), options={}, output_dir=tmp_path / "out")
    record = read_record(tmp_path / "out" / "demo")
    assert isinstance(record, dict)
    assert record["import_package"] == "cubicweb_demo"


def test_the_record_is_indented_json_keeping_non_ascii_text_as_it_is(
    mini: Template, tmp_path: Path
) -> None:
    generate(mini, validate_name("Café"), options={"author_name": "Zoë"}, output_dir=tmp_path)
    data = (tmp_path / "cafe" / PROVENANCE_FILE).read_bytes()
    text = data.decode("utf-8")
    assert text.startswith('{\n  "scaffold_version": ')
    assert '\n  "project": {\n    "name": "Café",\n' in text
    assert '"author_name": "Zoë"' in text
    assert text.endswith("}\n")
