"""A built-in render's shortcuts give the very files cookiecutter's own way gives."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from scaffold.generate.context import build_context, importable
from scaffold.generate.render import render
from scaffold.generate.shortcuts import (
    EMPTY_FOLDER_HOOK,
    HOOK_NAME,
    Moment,
    _VersionOnRead,
    defer_import,
    import_without_init,
    only_the_empty_folder_hook,
    plain_names_environment,
    remove_empty_folders,
)
from scaffold.names import validate_name
from scaffold.template import Template, load_template

SHARED_HOOK = Path(__file__).resolve().parents[1] / "template-shared" / "hooks" / HOOK_NAME


def _tree(root: Path) -> dict[str, bytes | None]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def _python(code: str) -> list[str]:
    """Run ``code`` in a new Python (a clean sys.modules); return the words it printed."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


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


@pytest.mark.parametrize("zone", ["utc", "UTC", "local", "Europe/Paris", "+05:00"])
@pytest.mark.parametrize("form", ["%Y", "%Y-%m-%d %H:%M:%S %Z %z"])
def test_now_formats_as_arrow_formats(zone: str, form: str) -> None:
    import arrow

    moment = datetime(2026, 12, 31, 23, 30, 5, tzinfo=UTC)
    assert Moment(moment, zone).strftime(form) == arrow.get(moment).to(zone).strftime(form)
    shifted = arrow.get(moment).to(zone).shift(days=1).strftime(form)
    assert Moment(moment, zone).shift(days=1).strftime(form) == shifted


def test_a_deferred_module_becomes_the_real_one_at_its_first_attribute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    (tmp_path / "scaffold_late_module.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    request.addfinalizer(lambda: sys.modules.pop("scaffold_late_module", None))
    defer_import("scaffold_late_module")
    stand_in = sys.modules["scaffold_late_module"]
    assert stand_in.VALUE == 42
    real = sys.modules["scaffold_late_module"]
    assert real is not stand_in and real.VALUE == 42


def test_only_a_module_that_exists_and_is_not_imported_yet_is_deferred(
    request: pytest.FixtureRequest,
) -> None:
    request.addfinalizer(lambda: sys.modules.pop("scaffold_no_such_module", None))
    defer_import("scaffold_no_such_module")
    assert "scaffold_no_such_module" not in sys.modules
    real = sys.modules["json"]
    defer_import("json")
    assert sys.modules["json"] is real


def _package(root: Path, name: str, init: str) -> str:
    """Write package ``name`` (with a submodule) under ``root``; return its init's sha256."""
    (root / name).mkdir()
    (root / name / "__init__.py").write_text(init)
    (root / name / "sub.py").write_text("VALUE = 7\n")
    return hashlib.sha256(init.encode()).hexdigest()


def test_a_package_whose_init_is_known_is_imported_without_running_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    name = "scaffold_known_package"
    digest = _package(tmp_path, name, "RAN = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    request.addfinalizer(lambda: [sys.modules.pop(n, None) for n in (name, f"{name}.sub")])
    import_without_init(name, init=digest)
    package = sys.modules[name]
    assert not hasattr(package, "RAN"), "the __init__ did not run"
    assert package.__file__ == str(tmp_path / name / "__init__.py")
    assert (package.__package__, package.__spec__.name) == (name, name)
    assert package.__loader__ is package.__spec__.loader
    assert importlib.import_module(f"{name}.sub").VALUE == 7


def test_a_package_whose_init_is_unknown_is_left_to_import_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    name = "scaffold_unknown_package"
    _package(tmp_path, name, "RAN = True\n")
    (tmp_path / "scaffold_plain_module.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    request.addfinalizer(lambda: sys.modules.pop(name, None))
    import_without_init(name, init="0" * 64)
    import_without_init("scaffold_plain_module", init=hashlib.sha256(b"").hexdigest())
    import_without_init("scaffold_no_such_package")
    assert {name, "scaffold_plain_module", "scaffold_no_such_package"}.isdisjoint(sys.modules)
    assert importlib.import_module(name).RAN is True


def test_a_package_whose_init_cannot_be_read_is_not_taken_as_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.machinery import ModuleSpec

    name = "scaffold_vanished_package"
    spec = ModuleSpec(name, None, origin=str(tmp_path / "gone.py"), is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: spec)
    import_without_init(name, init=hashlib.sha256(b"").hexdigest())
    assert name not in sys.modules


def test_an_imported_package_is_left_as_it_is() -> None:
    real = sys.modules["json"]
    init = hashlib.sha256(Path(real.__file__).read_bytes()).hexdigest()
    import_without_init("json", init=init)
    assert sys.modules["json"] is real


def test_a_package_without_its_init_reads_its_version_when_asked() -> None:
    from importlib.metadata import version

    package = _VersionOnRead("cookiecutter")
    assert package.__version__ == version("cookiecutter")
    with pytest.raises(AttributeError, match=r"^missing$"):
        _ = package.missing


@pytest.mark.process
def test_a_render_of_utc_years_loads_no_arrow(mini: Template, tmp_path: Path) -> None:
    code = (
        "import sys, importlib.util\n"
        "from pathlib import Path\n"
        "from scaffold.generate.context import build_context\n"
        "from scaffold.generate.render import frozen_clock, render\n"
        "from scaffold.generate.pipeline import creation_moment\n"
        "from scaffold.names import validate_name\n"
        "from scaffold.template import load_template\n"
        f"t = load_template(Path({str(mini.path)!r}))\n"
        "with frozen_clock(creation_moment()):\n"
        "    c = build_context(t, validate_name('My App'), {})\n"
        f"    render(t, c, Path({str(tmp_path / 'out')!r}))\n"
        "print(type(sys.modules['arrow']).__name__)\n"
    )
    assert _python(code) == ["_Deferred"]


@pytest.mark.process
def test_a_deferred_module_is_the_real_one_at_first_use() -> None:
    code = (
        "import sys\n"
        "from scaffold.generate.shortcuts import defer_import\n"
        "defer_import('arrow')\n"
        "import arrow\n"
        "assert type(arrow).__name__ == '_Deferred'\n"
        "print(arrow.get(0).year, type(sys.modules['arrow']).__name__)\n"
        "import arrow\n"
        "print(type(arrow).__name__)\n"
    )
    assert _python(code) == ["1970", "module", "module"]


@pytest.mark.process
def test_cookiecutter_is_imported_without_a_metadata_lookup_and_keeps_its_version() -> None:
    code = (
        "import sys\n"
        "from scaffold.generate.shortcuts import import_without_init\n"
        "import_without_init('cookiecutter')\n"
        "from cookiecutter.generate import generate_files\n"
        "print('importlib.metadata' in sys.modules)\n"
        "import cookiecutter\n"
        "from importlib.metadata import version\n"
        "print(cookiecutter.__version__ == version('cookiecutter'))\n"
    )
    assert _python(code) == ["False", "True"]


@pytest.mark.process
def test_an_unknown_package_init_runs_as_usual() -> None:
    code = (
        "import sys\n"
        "from scaffold.generate.shortcuts import import_without_init\n"
        "import_without_init('cookiecutter', init='0' * 64)\n"
        "import cookiecutter\n"
        "print(type(cookiecutter).__name__, 'importlib.metadata' in sys.modules)\n"
    )
    assert _python(code) == ["module", "True"]


def _hooks(tmp_path: Path, *names: str) -> Path:
    template = tmp_path / "template"
    (template / "hooks").mkdir(parents=True)
    for name in names:
        shutil.copy(SHARED_HOOK, template / "hooks" / name)
    return template


def test_the_known_hook_beside_its_bytecode_is_still_the_only_hook(tmp_path: Path) -> None:
    template = _hooks(tmp_path, HOOK_NAME)
    (template / "hooks" / "__pycache__").mkdir()
    assert only_the_empty_folder_hook(template)


def test_another_hook_beside_the_known_one_is_not_skipped(tmp_path: Path) -> None:
    assert not only_the_empty_folder_hook(_hooks(tmp_path, HOOK_NAME, "pre_gen_project.py"))


def test_a_template_without_hooks_has_not_the_known_hook(tmp_path: Path) -> None:
    assert not only_the_empty_folder_hook(tmp_path)


def test_empty_folders_are_removed_to_the_top_but_not_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "a" / "b" / "c").mkdir(parents=True)
    (project / "kept" / "empty").mkdir(parents=True)
    (project / "kept" / "file.txt").write_text("x")
    remove_empty_folders(project)
    assert _tree(project) == {"kept": None, "kept/file.txt": b"x"}
    remove_empty_folders(project / "kept" / "file.txt")
    (project / "kept" / "file.txt").unlink()
    (project / "kept").rmdir()
    remove_empty_folders(project)
    assert project.is_dir(), "the project itself stays, even empty"


@pytest.fixture
def jinja_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's cache at ``tmp_path``; return where Jinja's entries go."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "scaffold" / "jinja2"


def _render_mini(mini: Template, into: Path, **options: str) -> Path:
    return render(mini, build_context(mini, validate_name("My App"), options), into)


def _cache_entry(folder: Path, name: str) -> list[Path]:
    key = hashlib.sha1(f"name:{name}".encode()).hexdigest()  # the key Jinja gives it
    return list(folder.rglob(f"*{key}.cache"))


def test_only_names_with_syntax_are_compiled_into_the_cache(
    mini: Template, tmp_path: Path, jinja_cache: Path
) -> None:
    _render_mini(mini, tmp_path / "out")
    assert _cache_entry(jinja_cache, "{{cookiecutter.project_slug}}")
    assert not _cache_entry(jinja_cache, "README.md")


def _cached_env(tmp_path: Path, **env_vars: object) -> Any:
    from jinja2 import FileSystemBytecodeCache

    cache = FileSystemBytecodeCache(str(tmp_path))
    context = {"cookiecutter": {"_jinja2_env_vars": {"bytecode_cache": cache, **env_vars}}}
    return plain_names_environment(context)


def test_a_cached_name_sees_the_environments_globals(tmp_path: Path) -> None:
    env = _cached_env(tmp_path)
    for _ in range(2):  # compiled, then read from the cache
        assert env.from_string("{{ range(2) | list }}.txt").render() == "[0, 1].txt"


def test_a_name_given_globals_or_a_template_class_is_compiled_as_jinja_does(
    tmp_path: Path,
) -> None:
    from jinja2 import Template as JinjaTemplate

    class Mine(JinjaTemplate):
        pass

    env = _cached_env(tmp_path)
    assert env.from_string("{{ x }}.txt", globals={"x": "g"}).render() == "g.txt"
    made = env.from_string("{{ 1 }}.txt", template_class=Mine)
    assert isinstance(made, Mine) and made.render() == "1.txt"
    assert not list(tmp_path.iterdir()), "neither is cached"


def test_a_line_comment_prefix_makes_a_name_template_code(tmp_path: Path) -> None:
    env = _cached_env(tmp_path, line_comment_prefix="##")
    assert env.from_string("a.txt ## note").render() == "a.txt"


def test_a_context_without_cookiecutters_values_gives_the_default_environment() -> None:
    assert plain_names_environment({}).from_string("a{{ 1 }}.txt").render() == "a1.txt"


def test_utc_is_formatted_without_arrow_and_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "arrow", None)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        moment = datetime(2026, 12, 31, 23, 30, 5, tzinfo=UTC)
        for zone in ("utc", "UTC", "Utc"):
            assert Moment(moment, zone).strftime("%Y-%m-%d %H:%M") == "2026-12-31 23:30"
    finally:
        monkeypatch.undo()
        time.tzset()


def _cache_files(cache: Path) -> set[Path]:
    return {path for path in cache.rglob("*") if path.is_file()}


def test_a_second_render_into_another_folder_adds_nothing_to_the_cache(
    mini: Template, tmp_path: Path, jinja_cache: Path
) -> None:
    """A folder's name starts with the output folder, new each run: it must not be the key."""
    _render_mini(mini, tmp_path / "first", docker="yes")
    cached = _cache_files(jinja_cache)
    assert _cache_entry(jinja_cache, "{{cookiecutter.package_name}}")
    _render_mini(mini, tmp_path / "second" / "deeper", docker="yes")
    assert _cache_files(jinja_cache) == cached
    assert (tmp_path / "second" / "deeper" / "my-app" / "my_app" / "__init__.py").is_file()


def test_the_cache_keeps_the_most_recently_rendered_templates_only(
    mini: Template, tmp_path: Path, jinja_cache: Path
) -> None:
    from scaffold.generate.render import KEPT_TEMPLATES

    root = jinja_cache
    root.mkdir(parents=True)
    (root / "__0123_abcd.cache").write_bytes(b"an entry of the older, flat layout")
    for number in range(KEPT_TEMPLATES + 3):
        (root / f"other-{number:02}").mkdir()
        (root / f"other-{number:02}" / "__x.cache").write_bytes(b"x")
        os.utime(root / f"other-{number:02}", (1_000_000 + number, 1_000_000 + number))
    os.utime(root / "other-00", None)  # used a moment ago: the oldest by creation, kept
    _render_mini(mini, tmp_path / "out")
    left = sorted(entry.name for entry in root.iterdir())
    assert len(left) == KEPT_TEMPLATES
    assert "other-00" in left and "__0123_abcd.cache" not in left
    assert "other-01" not in left and f"other-{KEPT_TEMPLATES + 2:02}" in left
    ours = next(iter(set(left) - {f"other-{n:02}" for n in range(KEPT_TEMPLATES + 3)}))
    assert list((root / ours).glob("*.cache")), "the render's own entries"


def test_rendering_a_template_again_keeps_its_entries_and_marks_them_used(
    mini: Template, tmp_path: Path, jinja_cache: Path
) -> None:
    _render_mini(mini, tmp_path / "first")
    (folder,) = jinja_cache.iterdir()
    os.utime(folder, (1_000_000, 1_000_000))
    _render_mini(mini, tmp_path / "second")
    assert folder.stat().st_mtime > 1_000_000
    assert list(folder.glob("*.cache"))


@pytest.mark.parametrize(
    "settings",
    [{}, {"lstrip_blocks": True}, {"trim_blocks": True, "lstrip_blocks": True}],
    ids=["default", "lstrip", "trim-and-lstrip"],
)
@pytest.mark.parametrize(
    "source",
    [
        "/out/staging/app/{{ cookiecutter.slug }}",
        "/out/a b/{{ cookiecutter.slug }}/{% if 1 %}x{% endif %}",
        "/out/dir/ {% if 1 %}x{% endif %}",
        "/out/dir/   {%- if 1 %}x{% endif %}",
        "/out/dir/{# note #}name",
        "/out/line\nbreak/{{ cookiecutter.slug }}",
        "/out/crlf\r\n/{{ cookiecutter.slug }}",
        "{{ cookiecutter.slug }}/plain/after",
        "no separator {{ cookiecutter.slug }}",
        "/out/{{ cookiecutter.slug }}\n",
    ],
)
def test_a_name_renders_as_jinja_renders_it(source: str, settings: dict[str, Any]) -> None:
    from cookiecutter.environment import StrictEnvironment

    context = {"cookiecutter": {"slug": "app", "_jinja2_env_vars": settings}}
    ours = plain_names_environment(context).from_string(source)
    theirs = StrictEnvironment(context=context, keep_trailing_newline=True, **settings)
    assert ours.render(**context) == theirs.from_string(source).render(**context)


def test_a_delimiter_holding_a_separator_keeps_the_whole_name_one_template() -> None:
    from cookiecutter.environment import StrictEnvironment

    settings = {"comment_start_string": "/*", "comment_end_string": "*/"}
    context = {"cookiecutter": {"_jinja2_env_vars": settings}}
    source = "/out/x//* note */name"
    ours = plain_names_environment(context).from_string(source).render()
    theirs = StrictEnvironment(context=context, keep_trailing_newline=True, **settings)
    assert ours == theirs.from_string(source).render() == "/out/x/name"


def test_an_extension_that_rewrites_the_source_makes_every_name_template_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shouting.py").write_text(
        "from jinja2.ext import Extension\n"
        "class Shout(Extension):\n"
        "    def preprocess(self, source, name, filename=None):\n"
        "        return source.upper()\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    context = {"cookiecutter": {"_extensions": ["shouting.Shout"]}}
    env = plain_names_environment(context)
    env.add_extension("shouting.Shout")
    assert env.from_string("readme.md").render() == "README.MD"
