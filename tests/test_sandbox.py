"""The sandbox's refusals name where the template tried to escape, and say what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import FileSystemLoader
from jinja2.sandbox import SecurityError

from scaffold.generate.sandbox import confined, environment, local_extensions, refuse_escape, where

ESCAPE = "{{ cycler.__init__.__globals__ }}"
ADVICE = "Nothing was written. Read the template; pass --trust only if you trust its author."


def _escape_from_file(template: Path, rel: str) -> SecurityError:
    """Render file ``rel`` of ``template`` in the sandbox; return the SecurityError it raises."""
    env = environment({"cookiecutter": {}}, trusted=False)
    env.loader = FileSystemLoader(str(template))
    with pytest.raises(SecurityError) as raised:
        env.get_template(rel).render()
    return raised.value


def _escape_from_a_name() -> SecurityError:
    env = environment({"cookiecutter": {}}, trusted=False)
    with pytest.raises(SecurityError) as raised:
        env.from_string(ESCAPE).render()
    return raised.value


def test_an_escape_from_a_file_names_the_file_inside_the_template_and_its_line(
    tmp_path: Path,
) -> None:
    template = tmp_path / "tpl"
    (template / "sub").mkdir(parents=True)
    (template / "sub" / "x.txt").write_text(f"fine\n{ESCAPE}\n")
    error = _escape_from_file(template, "sub/x.txt")

    refused = refuse_escape(error, template=template)

    assert str(refused) == (
        f"The template tried to leave Jinja's sandbox (sub/x.txt, line 2: {error}). {ADVICE}"
    )
    assert refused.exit_code == 2


def test_an_escape_from_a_name_says_it_came_from_a_name(tmp_path: Path) -> None:
    error = _escape_from_a_name()
    refused = refuse_escape(error, template=tmp_path)
    assert str(refused) == (
        f"The template tried to leave Jinja's sandbox (a file or folder name: {error}). {ADVICE}"
    )


def test_an_escape_from_a_default_says_where_the_caller_says(tmp_path: Path) -> None:
    error = _escape_from_a_name()
    refused = refuse_escape(error, template=tmp_path, unknown="a default in cookiecutter.json")
    assert str(refused).startswith(
        "The template tried to leave Jinja's sandbox (a default in cookiecutter.json: "
    )


def test_where_is_unknown_without_a_template_frame() -> None:
    assert where(None) == "a file or folder name"
    assert where(None, unknown="somewhere") == "somewhere"


def test_where_does_not_take_generated_code_for_a_template_file() -> None:
    code = compile("raise SecurityError('no')", "<generated>", "exec")
    with pytest.raises(SecurityError) as raised:
        exec(code, {"SecurityError": SecurityError})
    assert where(raised.value.__traceback__) == "a file or folder name"


def test_only_extensions_that_are_not_cookiecutters_or_jinjas_are_code() -> None:
    config = {
        "_extensions": ["jinja2.ext.do", "shout.Shout", "cookiecutter.extensions.UUIDExtension"]
    }
    assert local_extensions(config) == ["shout.Shout"]
    assert local_extensions({}) == []


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("a/b.txt", True),
        ("a\\b.txt", True),
        ("..\\outside.txt", False),
        ("a\\..\\..\\outside.txt", False),
        ("/etc/x", False),
    ],
)
def test_a_name_with_backslashes_is_judged_as_a_path(name: str, inside: bool) -> None:
    assert confined(name) is inside
