"""The option sets the harness bakes: every value of every option, in as few bakes as possible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bakery import LONG_NAME, PROJECT_NAME, Option, Template, discover_templates, variants

from scaffold.names import MAX_LENGTH, validate_name

COLOURS = Option("colour", ("red", "green", "blue"))
SWITCH = Option("switch", ("no", "yes"))


def test_variant_k_sets_the_kth_non_default_value_of_every_option() -> None:
    found = variants(Template("demo", (COLOURS, SWITCH)))
    assert [v.id for v in found] == [
        "demo-default",
        "demo-v1[colour=green,switch=yes]",
        "demo-v2[colour=blue]",
    ]
    assert [v.chosen for v in found] == [
        {"colour": "red", "switch": "no"},
        {"colour": "green", "switch": "yes"},
        {"colour": "blue", "switch": "no"},
    ]


def test_a_template_without_choices_is_baked_once() -> None:
    assert [v.id for v in variants(Template("plain", ()))] == ["plain-default"]


def test_only_choices_are_options(tmp_path: Path) -> None:
    config = {
        "project_name": "My Project",
        "project_slug": "{{ cookiecutter.project_name|slugify }}",
        "description": "free text",
        "database": ["sqlite", "postgresql"],
        "_extensions": ["local_extensions.ScaffoldExtension"],
        "__prompts__": {"database": "Database"},
    }
    (tmp_path / "cookiecutter.json").write_text(json.dumps(config))
    assert Template.load(tmp_path).options == (Option("database", ("sqlite", "postgresql")),)


@pytest.mark.parametrize("template", discover_templates(), ids=lambda template: template.name)
def test_every_value_of_every_option_is_baked(template: Template) -> None:
    baked = {(key, value) for variant in variants(template) for key, value in variant.options}
    assert baked == {(o.name, value) for o in template.options for value in o.choices}


def test_the_first_variant_is_baked_with_the_longest_name_the_cli_accepts() -> None:
    default, first, second = variants(Template("demo", (COLOURS, SWITCH)))
    assert (default.project_name, second.project_name) == (PROJECT_NAME, PROJECT_NAME)
    assert first.project_name == LONG_NAME
    assert len(LONG_NAME) == MAX_LENGTH
    package = validate_name(LONG_NAME).package
    assert package == "cafe_co_demo_project_with_a_name_as_long_as_scaffold_takes_1"
