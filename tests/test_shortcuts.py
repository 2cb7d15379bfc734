"""A built-in render's shortcuts give the very files cookiecutter's own way gives."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

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
        "import_without_init()\n"
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
