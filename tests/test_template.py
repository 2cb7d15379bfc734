"""Template discovery, and the contract every bundled template keeps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scaffold import template as template_module
from scaffold.catalog import load_catalog
from scaffold.errors import CatalogError, UnknownFrameworkError
from scaffold.template import (
    COMMAND_KEYS,
    Template,
    discover,
    find_template,
    load_template,
    template_named,
    templates_root,
)

REPO = Path(__file__).resolve().parent.parent

BUNDLED = discover()
COMMON = REPO / "template-shared"
#: Options every template shares, with the same names and choices (DESIGN section 4).
LICENSES = ("MIT", "BSD-3-Clause", "Apache-2.0", "GPL-3.0-or-later", "Proprietary")
#: The versions with upstream support (3.10 ended in October 2026): a template offers those
#: its framework supports, no other.
SUPPORTED_PYTHONS = {"3.11", "3.12", "3.13"}


def test_discovery_skips_folders_without_cookiecutter_json(tmp_path: Path) -> None:
    (tmp_path / "_common").mkdir()
    (tmp_path / "notes").mkdir()
    assert discover(tmp_path) == ()


def test_find_template_suggests_a_close_name(mini_root: Path) -> None:
    assert find_template("MINI").name == "mini"
    with pytest.raises(UnknownFrameworkError, match='Did you mean "mini"'):
        find_template("minni")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[]", "must be a JSON object"),
        ("{not json", "cannot be read"),
        ('{"project_name": "x"}', "missing commands: install, dev, serve, test"),
        (
            json.dumps({f"__{key}_command": "true" for key in COMMAND_KEYS}),
            "must be a JSON object with a 'project_name' key",
        ),
    ],
    ids=["not-an-object", "malformed", "no-commands", "no-project-name"],
)
def test_a_malformed_template_names_its_file(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "cookiecutter.json").write_text(config)
    with pytest.raises(CatalogError, match=message):
        load_template(tmp_path)


def test_the_content_hash_changes_with_any_file(mini: Template, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "mini"
    shutil.copytree(mini.path, copy)
    assert load_template(copy).content_hash() == mini.content_hash()
    (copy / "{{cookiecutter.project_slug}}" / "README.md").write_text("changed")
    assert load_template(copy).content_hash() != mini.content_hash()


def test_every_template_file_is_tracked_by_git() -> None:
    """A template's own .gitignore (it lists .env) must not hide its files from a clone."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        [git, "ls-files", "--others", "--ignored", "--exclude-standard", "templates"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    hidden = [
        path
        for path in listed
        if path and "__pycache__" not in path and not path.endswith((".pyc", ".pyo"))
    ]
    assert hidden == [], "git add -f these template files"


def test_bundled_templates_have_a_catalog_profile() -> None:
    names = {f.name for f in load_catalog().frameworks}
    assert {t.name for t in BUNDLED} <= names


@pytest.mark.parametrize("template", BUNDLED, ids=[t.name for t in BUNDLED])
class TestBundledTemplate:
    """The contract of templates/README.md, checked on every bundled template."""

    def test_carries_the_shared_files_unchanged(self, template: Template) -> None:
        for shared in ("local_extensions.py", "hooks/post_gen_project.py"):
            assert (template.path / shared).read_bytes() == (COMMON / shared).read_bytes()

    def test_declares_the_common_options(self, template: Template) -> None:
        config = template.config
        assert list(config)[:3] == ["project_name", "project_slug", "package_name"]
        assert tuple(config["license"]) == LICENSES
        assert config["python_version"] and set(config["python_version"]) <= SUPPORTED_PYTHONS
        assert config["python_version"][0] == "3.11"
        assert config["database"][0] == "sqlite" and "postgresql" in config["database"]
        assert tuple(config["docker"]) == ("no", "yes")
        assert tuple(config["ci"]) == ("github", "gitlab", "none")
        for key in ("description", "author_name", "author_email", "version"):
            assert isinstance(config[key], str), key

    def test_every_option_has_a_prompt(self, template: Template) -> None:
        prompts = template.config["__prompts__"]
        assert {o.name for o in template.options} <= set(prompts)

    def test_declares_its_commands(self, template: Template) -> None:
        for key in COMMAND_KEYS:
            assert template.config[f"__{key}_command"].strip(), key

    def test_the_package_is_cookiecutter_json_valid(self, template: Template) -> None:
        json.loads((template.path / "cookiecutter.json").read_text())

    def test_every_file_is_small_text(self, template: Template) -> None:
        """A generated project is source and small images: no stray wheel or database."""
        for path in template.path.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                data = path.read_bytes()
                if path.suffix in {".ico", ".png", ".svg"}:
                    assert len(data) <= 16 * 1024, path
                else:
                    assert len(data) <= 64 * 1024, path
                    data.decode("utf-8")


def test_reserved_names_cover_dependencies_and_top_level_modules(mini: Template) -> None:
    assert {"mini", "docs", "scaffold_fixture_framework"} <= mini.reserved_names
    assert "readme" not in mini.reserved_names
    assert "my_app" not in mini.reserved_names


@pytest.mark.parametrize("name", ["manage", "templates", "static", "tests", "django"])
def test_django_reserves_the_top_of_its_projects(name: str) -> None:
    if "django" not in {t.name for t in BUNDLED}:
        pytest.skip("needs the django template")
    assert name in find_template("django").reserved_names


def test_only_what_an_import_can_reach_is_reserved(tmp_path: Path) -> None:
    """Folders and .py files at the top of a project take import names; README.md does not."""
    config = {"project_name": "x", **{f"__{key}_command": "true" for key in COMMAND_KEYS}}
    (tmp_path / "cookiecutter.json").write_text(json.dumps(config))
    project = tmp_path / "{{cookiecutter.project_slug}}"
    for folder in ("docs", "{{cookiecutter.package_name}}", "{% if x %}migrations{% endif %}"):
        (project / folder).mkdir(parents=True)
    for file in (
        "README.md",
        "LICENSE",
        "Dockerfile",
        "manage.py",
        "pyproject.toml",
        "{% if cookiecutter.docker == 'yes' %}tasks.py{% endif %}",
        ".env",
    ):
        (project / file).write_text("")
    reserved = load_template(tmp_path).reserved_names
    assert reserved == {tmp_path.name, "docs", "migrations", "manage", "tasks"}


def _template_with(tmp_path: Path, **config: object) -> Path:
    """Write a template folder whose cookiecutter.json has the commands and ``config``."""
    commands = {f"__{key}_command": "true" for key in COMMAND_KEYS}
    folder = tmp_path / "tpl"
    folder.mkdir()
    text = json.dumps({"project_name": "P", **commands, **config}, ensure_ascii=False)
    (folder / "cookiecutter.json").write_text(text, encoding="utf-8")
    return folder


def test_options_carry_their_prompt_default_and_choices(tmp_path: Path) -> None:
    folder = _template_with(
        tmp_path,
        database=["sqlite", "postgresql"],
        author_name="Zoë",
        project_slug="{{ cookiecutter.project_name|slugify }}",
        _hidden="x",
        __prompts__={"database": "Database", "author_name": "Author"},
    )
    options = {o.name: o for o in load_template(folder).options}
    assert set(options) == {"database", "author_name"}, "derived and private keys are not options"
    database, author = options["database"], options["author_name"]
    assert (database.default, database.choices, database.prompt) == (
        "sqlite",
        ("sqlite", "postgresql"),
        "Database",
    )
    assert (author.default, author.choices, author.prompt) == ("Zoë", (), "Author")


def test_an_option_without_a_prompt_has_an_empty_one(tmp_path: Path) -> None:
    ci, author = load_template(_template_with(tmp_path, ci=["github", "none"], author="A")).options
    assert (ci.name, ci.prompt) == ("ci", "")
    assert (author.name, author.prompt) == ("author", "")


def test_a_value_with_a_jinja_tag_only_is_derived_not_an_option(tmp_path: Path) -> None:
    folder = _template_with(tmp_path, note="{% if cookiecutter.ci %}CI{% endif %}", ci="yes")
    assert [option.name for option in load_template(folder).options] == ["ci"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "ci: a choice must be a non-empty list of strings"),
        (["github", 3], "ci: a choice must be a non-empty list of strings"),
        (3, "ci: options are strings or lists of strings"),
    ],
    ids=["empty", "not-strings", "a-number"],
)
def test_a_bad_option_names_the_file_and_the_key(
    tmp_path: Path, value: object, message: str
) -> None:
    folder = _template_with(tmp_path, ci=value)
    with pytest.raises(CatalogError) as raised:
        load_template(folder)
    assert str(raised.value) == f"{folder / 'cookiecutter.json'}: {message}"


def test_the_content_hash_ignores_bytecode_caches(mini: Template, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "mini"
    shutil.copytree(mini.path, copy)
    (copy / "hooks" / "__pycache__").mkdir(parents=True, exist_ok=True)
    (copy / "hooks" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0compiled")
    assert load_template(copy).content_hash() == mini.content_hash()


def test_the_bundled_templates_are_found_by_any_case_of_their_name() -> None:
    from scaffold.template import template_named, templates_root

    assert templates_root().name == "templates"
    assert (templates_root() / "flask" / "cookiecutter.json").is_file()
    found = template_named(" Flask ")
    assert found is not None and found.name == "flask"
    assert find_template("DJANGO").name == "django"
    assert template_named("_shared") is None and template_named("nope") is None


def test_an_installed_package_finds_the_templates_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a wheel the templates lie beside the package's modules, not in a source tree."""
    package = tmp_path / "site-packages" / "scaffold"
    (package / "templates").mkdir(parents=True)
    monkeypatch.setattr(template_module, "__file__", str(package / "template.py"))
    assert templates_root() == package / "templates"


def test_a_source_tree_finds_the_templates_at_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "scaffold").mkdir()
    monkeypatch.setattr(template_module, "__file__", str(tmp_path / "scaffold" / "template.py"))
    assert templates_root() == tmp_path / "templates"


@pytest.mark.parametrize("folder", ["_shared", ".hidden"])
def test_a_hidden_or_private_folder_is_no_template(
    fixture_templates: Path, tmp_path: Path, folder: str
) -> None:
    shutil.copytree(fixture_templates / "mini", tmp_path / folder)
    shutil.copytree(fixture_templates / "mini", tmp_path / "shown")
    assert template_named(folder, tmp_path) is None
    assert template_named("Shown", tmp_path).name == "shown"


def test_find_template_looks_in_the_folder_it_is_given(
    fixture_templates: Path, tmp_path: Path
) -> None:
    shutil.copytree(fixture_templates / "mini", tmp_path / "only")
    assert find_template("Only", tmp_path).path == tmp_path / "only"
    with pytest.raises(UnknownFrameworkError) as raised:
        find_template("mini", tmp_path)
    assert str(raised.value) == 'No template for "mini". Templates: only.'


def test_find_template_in_a_folder_without_templates_says_there_are_none(tmp_path: Path) -> None:
    with pytest.raises(UnknownFrameworkError) as raised:
        find_template("flask", tmp_path)
    assert str(raised.value) == 'No template for "flask". Templates: none.'


def test_the_content_hash_is_the_one_earlier_versions_recorded(tmp_path: Path) -> None:
    """Projects record it to know whether update can render their template again: it is fixed."""
    folder = tmp_path / "tpl"
    (folder / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    commands = ", ".join(f'"__{key}_command": "true"' for key in COMMAND_KEYS)
    (folder / "cookiecutter.json").write_bytes(f'{{"project_name": "P", {commands}}}'.encode())
    (folder / "{{cookiecutter.project_slug}}" / "README.md").write_bytes(b"# P\n")
    assert load_template(folder).content_hash() == (
        "9dcc18fe5a06618a487f489d97cd1208e4bb3bd9c4710844ffaeffb0f8b91fa1"
    )
