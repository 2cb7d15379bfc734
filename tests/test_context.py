"""build_context: what each key of a template's cookiecutter.json becomes for a project."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from scaffold.generate.context import build_context
from scaffold.names import validate_name
from scaffold.template import COMMAND_KEYS, load_template

EXTENSION = """
from jinja2.ext import Extension


class Shout(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["shout"] = lambda text: text.upper() + "!"
"""


def _template(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "local_shout.py").write_text(EXTENSION, encoding="utf-8")
    config = {
        "project_name": "Default",
        "project_slug": "{{ cookiecutter.project_name|slugify }}",
        "package_name": "{{ cookiecutter.project_slug|replace('-', '_') }}",
        "database": ["sqlite", "postgresql"],
        "ci": ["github", "none"],
        "author": "{{ cookiecutter.project_name }} team",
        "__loud": "{{ cookiecutter.package_name|shout }}",
        "_copy_without_render": ["*.png"],
        "__prompts__": {"database": "Database"},
        "_extensions": ["local_shout.Shout"],
        **{f"__{key}_command": "true" for key in COMMAND_KEYS},
    }
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def test_every_kind_of_key_gets_its_value(tmp_path: Path) -> None:
    template = load_template(_template(tmp_path))
    context = build_context(template, validate_name("My Shop"), {"ci": "none"})["cookiecutter"]
    assert context["project_name"] == "My Shop"
    assert (context["project_slug"], context["package_name"]) == ("my-shop", "my_shop")
    assert context["database"] == "sqlite", "a choice not given takes its first value"
    assert context["ci"] == "none", "an option given wins"
    assert context["author"] == "My Shop team", "a default is rendered with the values"
    assert context["__loud"] == "MY_SHOP!", "the template's local extension is loaded"
    assert context["_copy_without_render"] == ["*.png"], "private keys stay as written"
    assert context["__prompts__"] == {"database": "Database"}
    assert context["_template"] == str(template.path)
    assert str(template.path) not in sys.path, "the template's folder leaves sys.path"


def test_a_value_given_is_data_never_template_code(tmp_path: Path) -> None:
    template = load_template(_template(tmp_path))
    given = {"author": "{{ 7 * 7 }}", "database": "postgresql"}
    context = build_context(template, validate_name("Shop"), given)["cookiecutter"]
    assert context["author"] == "{{ 7 * 7 }}"
    assert context["database"] == "postgresql"


def test_a_template_extension_never_imported_before_is_found_in_its_folder(
    tmp_path: Path,
) -> None:
    module = f"local_shout_{uuid.uuid4().hex}"
    folder = _template(tmp_path)
    (folder / "local_shout.py").rename(folder / f"{module}.py")
    config = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    config["_extensions"] = [f"{module}.Shout"]
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    context = build_context(load_template(folder), validate_name("Shop"), {})["cookiecutter"]
    assert context["__loud"] == "SHOP!"


def test_a_default_that_is_neither_text_nor_a_choice_is_kept_as_it_is(tmp_path: Path) -> None:
    folder = _template(tmp_path)
    config = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    config.update({"__port": 8000, "__debug": False, "__extra": {"a": 1}})
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    context = build_context(load_template(folder), validate_name("Shop"), {})["cookiecutter"]
    assert (context["__port"], context["__debug"], context["__extra"]) == (8000, False, {"a": 1})


def test_a_text_default_gives_what_jinja_renders_plain_or_not(tmp_path: Path) -> None:
    from cookiecutter.environment import StrictEnvironment

    folder = _template(tmp_path)
    config = json.loads((folder / "cookiecutter.json").read_text(encoding="utf-8"))
    defaults = {
        "__plain": "python -m pytest",
        "__trailing": "ends with a newline\n",
        "__crlf": "two\r\nlines",
        "__braces": "a { b } c",
    }
    config.update(defaults)
    (folder / "cookiecutter.json").write_text(json.dumps(config), encoding="utf-8")
    context = build_context(load_template(folder), validate_name("Shop"), {})["cookiecutter"]
    env = StrictEnvironment(context={"cookiecutter": config})
    for key, raw in defaults.items():
        assert context[key] == env.from_string(raw).render(), key
    assert context["__trailing"] == "ends with a newline", "Jinja drops the last newline"
