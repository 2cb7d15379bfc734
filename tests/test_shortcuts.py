"""A built-in render's shortcuts give the very files cookiecutter's own way gives."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from scaffold.generate.context import build_context, importable
from scaffold.generate.render import render
from scaffold.generate.shortcuts import (
    EMPTY_FOLDER_HOOK,
    HOOK_NAME,
    only_the_empty_folder_hook,
    plain_names_environment,
)
from scaffold.names import validate_name
from scaffold.template import Template, load_template

SHARED_HOOK = Path(__file__).resolve().parents[1] / "template-shared" / "hooks" / HOOK_NAME


def _tree(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def test_the_known_hook_is_the_shared_one() -> None:
    assert hashlib.sha256(SHARED_HOOK.read_bytes()).hexdigest() == EMPTY_FOLDER_HOOK


def test_the_in_process_hook_and_plain_names_give_cookiecutters_files(
    mini: Template, tmp_path: Path
) -> None:
    from cookiecutter.generate import generate_files

    assert only_the_empty_folder_hook(mini.path)
    context = build_context(mini, validate_name("My App"), {"docker": "no"})
    ours = render(mini, context, tmp_path / "ours")
    with importable(mini.path):
        theirs = generate_files(mini.path, context, output_dir=tmp_path / "theirs")
    mine, cookiecutters = _tree(ours), _tree(Path(theirs))
    assert mine.keys() == cookiecutters.keys()
    assert {k: v for k, v in mine.items() if k != ".env"} == {
        k: v for k, v in cookiecutters.items() if k != ".env"
    }
    assert "docs" not in mine


def test_a_changed_hook_runs_as_cookiecutter_runs_it(mini: Template, tmp_path: Path) -> None:
    template = Path(shutil.copytree(mini.path, tmp_path / "mini"))
    hook = template / "hooks" / HOOK_NAME
    hook.write_text(hook.read_text() + "open('hook-ran', 'w').close()\n")
    assert not only_the_empty_folder_hook(template)
    copy = load_template(template)
    context = build_context(copy, validate_name("My App"), {})
    assert (render(copy, context, tmp_path / "out") / "hook-ran").is_file()


def test_only_names_without_syntax_skip_jinja() -> None:
    env = plain_names_environment({"cookiecutter": {"slug": "app"}})
    assert env.from_string("README.md").render() == "README.md"
    named = env.from_string("{{ cookiecutter.slug }}.py")
    assert named.render(cookiecutter={"slug": "a"}) == "a.py"
    custom = plain_names_environment(
        {"cookiecutter": {"_jinja2_env_vars": {"variable_start_string": "<<"}}}
    )
    assert custom.from_string("<< 1 + 1 }}.txt").render() == "2.txt"
    assert custom.from_string("{{ plain here").render() == "{{ plain here"


def test_names_compiled_from_the_cache_render_as_compiled_afresh(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    context = build_context(mini, validate_name("My App"), {"docker": "yes"})
    first = _tree(render(mini, context, tmp_path / "first"))
    assert list((tmp_path / "cache" / "scaffold" / "jinja2").iterdir())
    second = _tree(render(mini, context, tmp_path / "second"))
    first.pop(".env"), second.pop(".env")  # a fresh secret each time
    assert first == second and "Dockerfile" in first
