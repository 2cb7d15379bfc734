"""Property: any free-text value is refused (exit 2) or yields a valid project."""

from __future__ import annotations

import tomllib
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from validate_pyproject.api import Validator

from scaffold.errors import UnknownOptionError
from scaffold.generate import generate
from scaffold.names import validate_name
from scaffold.template import Template, discover

VALIDATE = Validator()
#: Text as people and attackers type it: any code point, template syntax, quotes, escapes.
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "{{ 7*7 }}",
            "{% raw %}",
            '"""',
            "'''",
            "\\",
            "\\u0000",
            "${HOME}",
            "</script>",
            "O'Brien",
            "a@b.c",
            "1.0.post1",
            "0.1.0",
            "",
            " ",
            "é😀",
            "--",
            "# not a comment",
        ]
    ),
)


def _text_options(template: Template) -> list[str]:
    return [option.name for option in template.options if not option.choices]


def _check_project(project: Path) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    VALIDATE(pyproject)
    for source in project.rglob("*.py"):
        compile(source.read_text(encoding="utf-8"), str(source), "exec")
    for config in project.rglob("*.toml"):
        tomllib.loads(config.read_text(encoding="utf-8"))


@pytest.mark.parametrize("template", discover(), ids=lambda template: template.name)
def test_every_value_accepted_makes_a_valid_project(template: Template) -> None:
    keys = _text_options(template)

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries({key: TEXT for key in keys}))
    @example({**dict.fromkeys(keys, ""), **({"version": "0"} if "version" in keys else {})})
    def check(values: dict[str, str]) -> None:
        with TemporaryDirectory() as out:
            try:
                generate(template, validate_name("demo"), options=values, output_dir=Path(out))
            except UnknownOptionError:
                assert list(Path(out).iterdir()) == [], "refused before anything was written"
                return
            _check_project(Path(out) / "demo")

    check()
