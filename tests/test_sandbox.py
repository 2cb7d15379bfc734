"""The sandbox's refusals name where the template tried to escape, and say what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader, UndefinedError
from jinja2.sandbox import SecurityError

from scaffold.errors import UsageError
from scaffold.generate.sandbox import (
    check_names,
    confined,
    environment,
    local_extensions,
    refuse_escape,
    where,
)

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
    assert where(None) is None


def test_where_does_not_take_generated_code_for_a_template_file() -> None:
    code = compile("raise SecurityError('no')", "<generated>", "exec")
    with pytest.raises(SecurityError) as raised:
        exec(code, {"SecurityError": SecurityError})
    assert where(raised.value.__traceback__) is None


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


def test_an_escape_from_a_file_loaded_by_a_relative_path_keeps_that_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tpl").mkdir()
    Path("tpl/x.txt").write_text(f"{ESCAPE}\n")
    error = _escape_from_file(Path("tpl"), "x.txt")
    refused = refuse_escape(error, template=tmp_path / "elsewhere")
    assert str(refused).startswith(
        f"The template tried to leave Jinja's sandbox (tpl{os.sep}x.txt, line 1: "
    )


def test_the_sandbox_refuses_undefined_values_and_changes_to_the_context() -> None:
    env = environment({"cookiecutter": {"items": [1]}}, trusted=False)
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ cookiecutter['items'].append(2) }}").render(cookiecutter={"items": [1]})
    trusted = environment({"cookiecutter": {}}, trusted=True)
    with pytest.raises(UndefinedError):
        trusted.from_string("{{ missing }}").render()


def _names(tmp_path: Path, top: str, *inner: str) -> None:
    """Check the names of a template whose project folder is ``top`` holding files ``inner``."""
    folder = tmp_path / top
    folder.mkdir()
    for name in inner:
        (folder / name).write_text("x")
    env = environment({"cookiecutter": {}}, trusted=False)
    context = {"cookiecutter": {"up": "..", "root": "/etc", "empty": "", "nested": "a/b"}}
    check_names(folder, env, context)


@pytest.mark.parametrize(
    ("top", "shown_as"),
    [
        ("{{ cookiecutter.empty }}", ""),
        ("{{ cookiecutter.up }}", ".."),
        ("{{ cookiecutter.root }}", "/etc"),
        ("{{ cookiecutter.nested }}", "a/b"),
    ],
)
def test_a_project_folder_that_is_not_one_plain_name_is_refused(
    tmp_path: Path, top: str, shown_as: str
) -> None:
    with pytest.raises(UsageError) as refused:
        _names(tmp_path, top)
    assert str(refused.value) == (
        f'The template\'s project folder renders to "{shown_as}", which is not a plain '
        "folder name. Nothing was written."
    )
    assert refused.value.exit_code == 2


def test_a_project_folder_named_with_template_syntax_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        _names(tmp_path, "{{ '{{' }}x")
    assert str(refused.value) == (
        'The project folder would be named "{{x": cookiecutter renders that path again as a '
        "template, so a value would run as template code. Choose values without {{, {% or {#."
    )


def test_a_file_name_rendering_outside_the_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        _names(tmp_path, "project", "{{ cookiecutter.up }}")
    assert str(refused.value) == (
        'The template\'s {{ cookiecutter.up }} renders to "..", outside the project. '
        "Nothing was written."
    )
    _names(tmp_path, "fine", "{{ cookiecutter.nested }}.txt")  # a sub-folder stays inside


def test_an_untrusted_template_keeps_its_syntax_settings_but_no_other_setting() -> None:
    settings = {"variable_start_string": "[[", "variable_end_string": "]]", "autoescape": True}
    context = {"cookiecutter": {"_jinja2_env_vars": settings}}
    untrusted = environment(context, trusted=False)
    assert untrusted.from_string("[[ '<a>' ]]").render() == "<a>", "no autoescape"
    trusted = environment(context, trusted=True)
    assert trusted.from_string("[[ '<a>' ]]").render() == "&lt;a&gt;"


def test_an_untrusted_template_keeps_jinjas_own_extensions() -> None:
    context = {"cookiecutter": {"_extensions": ["jinja2.ext.loopcontrols", "ext.Mine"]}}
    env = environment(context, trusted=False)
    loop = "{% for i in [1, 2, 3] %}{{ i }}{% if i == 2 %}{% break %}{% endif %}{% endfor %}"
    assert env.from_string(loop).render() == "12"


def test_a_trusted_template_may_change_what_it_is_given() -> None:
    env = environment({"cookiecutter": {}}, trusted=True)
    items: list[int] = []
    env.from_string("{{ items.append(2) }}").render(items=items)
    assert items == [2]


def test_a_context_without_cookiecutter_values_still_renders() -> None:
    assert environment({}, trusted=False).from_string("{{ 6 * 7 }}").render() == "42"
