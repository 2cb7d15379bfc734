"""Generation: options validated first, values kept literal, output all or nothing."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from scaffold.errors import GenerationError, Interrupted, TargetExistsError, UnknownOptionError
from scaffold.generate import PROVENANCE_FILE, Provenance, generate, pipeline, resolve_options
from scaffold.names import validate_name
from scaffold.template import Template, load_template

NASTY = 'He said "hi" \\ {{ 7*7 }} {% if x %} é 😀 \u00a0 `$(id)` <b>&amp;</b>'


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_defaults_render_every_file_and_record_provenance(mini: Template, tmp_path: Path) -> None:
    result = generate(mini, validate_name("My App"), options={}, output_dir=tmp_path)
    project = tmp_path / "my-app"
    assert result.path == project
    assert set(result.files) == {
        ".env",
        ".gitignore",
        ".scaffold.json",
        "README.md",
        "my_app/__init__.py",
        "pyproject.toml",
    }
    assert not (project / "Dockerfile").exists()
    assert not (project / "docs").exists(), "directories left empty are removed"
    record = json.loads((project / PROVENANCE_FILE).read_text())
    assert record["template"]["name"] == "mini"
    assert record["template"]["sha256"] == mini.content_hash()
    assert record["project"] == {"name": "My App", "slug": "my-app", "package": "my_app"}
    assert record["options"]["database"] == "sqlite"
    assert record["commands"] == {
        "install": "python -m pip install -e '.[dev]'",
        "dev": "python -m my_app --dev",
        "serve": "python -m my_app",
        "test": "python -m pytest",
    }
    assert record["websocket"] == "/ws"
    assert ".env" not in record["files"], "the secret's file is never hashed into provenance"
    assert [p.name for p in tmp_path.iterdir()] == ["my-app"], "no staging folder is left"


def test_user_values_land_literally_and_keep_files_valid(mini: Template, tmp_path: Path) -> None:
    generate(
        mini,
        validate_name("demo"),
        options={"description": NASTY, "author_name": "O'Brien {{x}}"},
        output_dir=tmp_path,
    )
    project = tmp_path / "demo"
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == NASTY
    assert pyproject["project"]["authors"] == [
        {"name": "O'Brien {{x}}", "email": "ada@example.com"}
    ]
    namespace: dict[str, object] = {}
    exec((project / "demo" / "__init__.py").read_text(), namespace)
    assert namespace["DESCRIPTION"] == NASTY
    assert "49" not in (project / "README.md").read_text()


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("description", "two\nlines", "line break"),
        ("author_name", "Ada\r\nEvil: header", "line break"),
        ("description", "bell\x07", "control character"),
        ("description", "escape\x1b[31m", "control character"),
        ("description", "del\x7f", "control character"),
        ("description", "para\u2029graph", "line break"),
        ("author_name", "bad \udcff byte", "not valid UTF-8"),
        ("description", "x" * 100_000, "use at most 500"),
        ("version", "latest", "PEP 440"),
        ("version", "", "PEP 440"),
        ("author_email", "me at example", "email address"),
        ("author_email", "Ada <ada@example.com>", "email address"),
        ("author_email", "ada@", "email address"),
    ],
    ids=lambda value: re.sub(r"[^\w@.+-]", "_", value[:20], flags=re.ASCII),
)
def test_a_value_that_would_break_the_project_is_refused_before_anything_is_written(
    mini: Template, tmp_path: Path, option: str, value: str, says: str
) -> None:
    with pytest.raises(UnknownOptionError, match=says) as raised:
        generate(mini, validate_name("demo"), options={option: value}, output_dir=tmp_path)
    assert raised.value.exit_code == 2
    assert (raised.value.option, raised.value.value) == (option, value)
    assert len(str(raised.value)) < 300, "the value is shortened in the message"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("author_email", ""),
        ("author_email", "ada.lovelace+py@example.co.uk"),
        ("version", "1.0rc1"),
    ],
)
def test_well_formed_values_are_accepted(
    mini: Template, tmp_path: Path, option: str, value: str
) -> None:
    generate(mini, validate_name("demo"), options={option: value}, output_dir=tmp_path)
    assert (tmp_path / "demo" / "pyproject.toml").is_file()


def test_a_websocket_is_recorded_only_where_the_options_give_one(
    mini: Template, tmp_path: Path
) -> None:
    generate(mini, validate_name("demo"), options={"database": "none"}, output_dir=tmp_path)
    record = json.loads((tmp_path / "demo" / PROVENANCE_FILE).read_text())
    assert record["websocket"] is None


def test_secrets_differ_between_projects(mini: Template, tmp_path: Path) -> None:
    for name in ("one", "two"):
        generate(mini, validate_name(name), options={}, output_dir=tmp_path)
    first, second = ((tmp_path / n / ".env").read_text() for n in ("one", "two"))
    assert first.startswith("SECRET_KEY=") and len(first.strip()) == len("SECRET_KEY=") + 64
    assert first != second


def test_optional_files_follow_their_option(mini: Template, tmp_path: Path) -> None:
    result = generate(mini, validate_name("demo"), options={"docker": "yes"}, output_dir=tmp_path)
    assert {"Dockerfile", "docs/docker.md"} <= set(result.files)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"dockr": "yes"}, 'Unknown option "dockr".*Did you mean "docker"'),
        ({"database": "mysql"}, "choose sqlite, postgresql or none"),
        ({"project_name": "x"}, "set from NAME"),
        ({"project_slug": "x"}, 'Unknown option "project_slug"'),
    ],
    ids=["unknown-option", "invalid-choice", "name-is-not-an-option", "derived-key"],
)
def test_bad_options_are_refused_listing_the_valid_ones(
    mini: Template, tmp_path: Path, given: dict[str, str], message: str
) -> None:
    with pytest.raises(UnknownOptionError, match=message):
        generate(mini, validate_name("demo"), options=given, output_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_refused_choice_carries_the_option_and_its_choices(mini: Template) -> None:
    with pytest.raises(UnknownOptionError) as raised:
        resolve_options(mini, {"database": "mysql"})
    error = raised.value
    assert (error.option, error.value) == ("database", "mysql")
    assert error.choices == ("sqlite", "postgresql", "none")


def test_choices_are_case_insensitive(mini: Template) -> None:
    assert resolve_options(mini, {"database": "PostgreSQL"})["database"] == "postgresql"


def test_an_existing_project_is_refused_untouched(mini: Template, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(TargetExistsError, match="--force") as caught:
        generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    assert caught.value.exit_code == 3
    assert _files(target) == ["notes.txt"]
    assert _files(tmp_path) == ["demo", "demo/notes.txt"]


def test_an_empty_target_directory_is_used(mini: Template, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    assert (tmp_path / "demo" / "pyproject.toml").is_file()


def test_force_adds_missing_files_and_never_replaces_the_users(
    mini: Template, tmp_path: Path
) -> None:
    generate(mini, validate_name("demo"), options={}, output_dir=tmp_path)
    project = tmp_path / "demo"
    secret = (project / ".env").read_text()
    (project / "README.md").write_text("my own readme")
    (project / "notes.txt").write_text("mine")
    result = generate(
        mini, validate_name("demo"), options={"docker": "yes"}, output_dir=tmp_path, force=True
    )
    assert (project / "README.md").read_text() == "my own readme"
    assert (project / "notes.txt").read_text() == "mine"
    assert (project / ".env").read_text() == secret, "an existing secret is never rotated"
    assert (project / "Dockerfile").is_file()
    assert set(result.skipped) == {"README.md", ".env"}
    assert "pyproject.toml" in result.files, "unchanged generated files are refreshed"


def test_force_into_a_folder_it_did_not_generate_keeps_everything(
    mini: Template, tmp_path: Path
) -> None:
    project = tmp_path / "demo"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    result = generate(mini, validate_name("demo"), options={}, output_dir=tmp_path, force=True)
    assert (project / "pyproject.toml").read_text() == "[project]\nname = 'mine'\n"
    assert "pyproject.toml" in result.skipped


def test_dry_run_writes_nothing(mini: Template, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    result = generate(mini, validate_name("demo"), options={}, output_dir=out, dry_run=True)
    assert result.dry_run
    assert "pyproject.toml" in result.files
    assert list(tmp_path.iterdir()) == [], "not even the output folder is created"


def test_a_broken_template_leaves_nothing_behind(mini: Template, tmp_path: Path) -> None:
    broken_root = tmp_path / "broken"
    shutil.copytree(mini.path, broken_root)
    bad = broken_root / "{{cookiecutter.project_slug}}" / "zz_broken.py"
    bad.write_text("{{ cookiecutter.nope.missing }}\n")
    out = tmp_path / "out"
    with pytest.raises(GenerationError, match=r"failed to render.*Nothing was written"):
        generate(load_template(broken_root), validate_name("demo"), options={}, output_dir=out)
    assert not out.exists()


def test_a_syntax_error_in_a_template_leaves_nothing_behind(mini: Template, tmp_path: Path) -> None:
    broken_root = tmp_path / "broken"
    shutil.copytree(mini.path, broken_root)
    (broken_root / "{{cookiecutter.project_slug}}" / "zz.txt").write_text("{% if %}\n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GenerationError):
        generate(load_template(broken_root), validate_name("demo"), options={}, output_dir=out)
    assert list(out.iterdir()) == []


def test_ctrl_c_while_rendering_leaves_nothing_behind(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_render = pipeline.render

    def interrupted(*args: object, **kwargs: object) -> Path:
        real_render(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "render", interrupted)
    out = tmp_path / "out"
    with pytest.raises(Interrupted, match="nothing was written"):
        generate(mini, validate_name("demo"), options={}, output_dir=out)
    assert not out.exists()


def test_provenance_records_answers_and_the_recommendation(mini: Template, tmp_path: Path) -> None:
    why = Provenance(
        answers={"size": "small"},
        recommendation={"framework": "mini", "score": 3, "reasons": [], "concerns": []},
    )
    generate(mini, validate_name("demo"), options={}, output_dir=tmp_path, provenance=why)
    record = json.loads((tmp_path / "demo" / PROVENANCE_FILE).read_text())
    assert record["answers"] == {"size": "small"}
    assert record["recommendation"]["framework"] == "mini"


def test_bytecode_beside_the_template_never_reaches_the_project(
    mini: Template, tmp_path: Path
) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(mini.path, copy)
    cache = copy / "{{cookiecutter.project_slug}}" / "{{cookiecutter.package_name}}" / "__pycache__"
    cache.mkdir()
    (cache / "__init__.cpython-311.pyc").write_bytes(b"\x00bytecode")
    result = generate(load_template(copy), validate_name("demo"), options={}, output_dir=tmp_path)
    assert not list(result.path.rglob("__pycache__"))
    assert not any("__pycache__" in path for path in result.files)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "version",
            "latest",
            'Option version: "latest" is not a version number packaging accepts (PEP 440), '
            "e.g. 0.1.0 or 1.0rc1.",
        ),
        (
            "author_email",
            "ada(work)@example.com",
            'Option author_email: "ada(work)@example.com" is not an email address such as '
            "you@example.com (or leave it empty).",
        ),
        (
            "author_email",
            '"ada"@example.com',
            'Option author_email: ""ada"@example.com" is not an email address such as '
            "you@example.com (or leave it empty).",
        ),
    ],
    ids=["version", "email-comment", "email-quoted"],
)
def test_a_badly_formed_value_is_refused_saying_what_is_expected(
    mini: Template, option: str, value: str, message: str
) -> None:
    """An address the email parser reads as another one (a comment, quotes) is refused too."""
    with pytest.raises(UnknownOptionError) as raised:
        resolve_options(mini, {option: value})
    assert str(raised.value) == message


def test_the_project_name_as_an_option_is_refused_pointing_at_name(mini: Template) -> None:
    with pytest.raises(UnknownOptionError) as raised:
        resolve_options(mini, {"project_name": "x"})
    assert str(raised.value) == "project_name is set from NAME, not with -o."


def test_an_unknown_option_carries_its_name_and_the_options_there_are(mini: Template) -> None:
    with pytest.raises(UnknownOptionError) as raised:
        resolve_options(mini, {"databse": "sqlite"})
    assert (raised.value.option, raised.value.value) == ("databse", None)
    assert raised.value.choices == (
        "description",
        "author_name",
        "author_email",
        "version",
        "database",
        "docker",
    )
