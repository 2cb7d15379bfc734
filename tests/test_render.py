"""Rendering's plain reasons for OS errors, and the sweep of staging folders a crash left."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scaffold.errors import GenerationError
from scaffold.generate import render as render_module
from scaffold.generate.context import build_context
from scaffold.generate.render import STAGING_PREFIX, describe, frozen_clock, render, sweep_stale
from scaffold.names import validate_name
from scaffold.template import Template, load_template


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (OSError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EPERM, "Operation not permitted"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "the file system is read-only"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "file name too long"),
        (FileNotFoundError(), "filenotfounderror"),
    ],
    ids=["full", "eacces", "eperm", "read-only", "other", "no-strerror"],
)
def test_an_os_error_is_described_in_plain_lower_case_words(error: OSError, reason: str) -> None:
    assert describe(error) == reason


def _staging(output_dir: Path, owner: str) -> Path:
    folder = output_dir / f"{STAGING_PREFIX}demo-{owner}"
    folder.mkdir()
    (folder / "owner.pid").write_text(owner)
    return folder


def test_a_staging_folder_of_another_users_process_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that may not be signalled is alive: its staging folder stays."""

    def not_permitted(pid: int, sig: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    folder = _staging(tmp_path, "4242")
    monkeypatch.setattr(render_module.os, "kill", not_permitted)
    assert sweep_stale(tmp_path) == []
    assert folder.is_dir()


def test_checking_that_an_owner_is_alive_sends_it_no_signal(tmp_path: Path) -> None:
    """The sweep only probes the owner (signal 0): a live owner receives nothing."""
    script = 'trap "echo signalled" HUP INT TERM; read line; echo done'
    owner = subprocess.Popen(
        ["sh", "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    folder = _staging(tmp_path, str(owner.pid))
    assert sweep_stale(tmp_path) == []
    out, _ = owner.communicate("\n", timeout=10)
    assert (out, owner.returncode) == ("done\n", 0)
    assert folder.is_dir()


def test_a_staging_folder_whose_owner_is_gone_is_swept_and_named(tmp_path: Path) -> None:
    owner = subprocess.Popen(["true"])
    owner.wait()
    stale = _staging(tmp_path, str(owner.pid))
    (stale / "render").mkdir()
    assert sweep_stale(tmp_path) == [stale]
    assert not stale.exists()


@pytest.mark.parametrize(
    ("zone", "shown"), [("utc", "2026-12-31 23:30"), ("Europe/Paris", "2027-01-01 00:30")]
)
def test_now_renders_the_frozen_moment_in_the_zone_asked(zone: str, shown: str) -> None:
    from cookiecutter.environment import StrictEnvironment

    moment = datetime(2026, 12, 31, 23, 30, 5, tzinfo=UTC)
    with frozen_clock(moment):
        env = StrictEnvironment(context={"cookiecutter": {}})
        text = env.from_string(f"{{% now '{zone}', '%Y-%m-%d %H:%M' %}}").render()
    assert text == shown


def _copy(mini: Template, where: Path, **config: object) -> Template:
    root = shutil.copytree(mini.path, where)
    values = json.loads((root / "cookiecutter.json").read_text(encoding="utf-8"))
    values.update(config)
    (root / "cookiecutter.json").write_text(json.dumps(values), encoding="utf-8")
    return load_template(root)


def _render(template: Template, into: Path) -> Path:
    context = build_context(template, validate_name("demo"), {})
    return render(template, context, into)


def _cached(cache_home: Path) -> set[str]:
    """Return the keys of the templates the cache holds entries of (``KEY/__SOURCE.cache``)."""
    root = cache_home / "scaffold" / "jinja2"
    return {folder.name for folder in root.iterdir() if list(folder.glob("__*.cache"))}


def test_a_render_fails_naming_the_template_and_the_error(mini: Template, tmp_path: Path) -> None:
    broken = _copy(mini, tmp_path / "broken")
    (broken.path / "{{cookiecutter.project_slug}}" / "zz.txt").write_text("{{ nope.missing }}\n")
    with pytest.raises(GenerationError) as raised:
        _render(broken, tmp_path / "out")
    message = str(raised.value)
    assert message.startswith(
        "The broken template failed to render (UndefinedVariableInTemplate: "
        "Unable to create file 'zz.txt'. Error message: 'nope' is undefined."
    )
    assert message.endswith("…). Nothing was written.")


def test_the_templates_jinja_settings_shape_its_files(mini: Template, tmp_path: Path) -> None:
    template = _copy(mini, tmp_path / "mini", _jinja2_env_vars={"trim_blocks": True})
    (template.path / "{{cookiecutter.project_slug}}" / "BLOCK").write_text(
        "{% if true %}\nyes\n{% endif %}\n"
    )
    project = _render(template, tmp_path / "out")
    assert (project / "BLOCK").read_text() == "yes\n"


def test_compiled_files_are_cached_per_template_folder_in_a_private_folder(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = _copy(mini, tmp_path / "first")
    _render(first, tmp_path / "out1")
    of_first = _cached(tmp_path / "cache")
    assert len(of_first) == 1
    assert (tmp_path / "cache" / "scaffold" / "jinja2").stat().st_mode & 0o777 == 0o700
    _render(first, tmp_path / "out2")
    assert _cached(tmp_path / "cache") == of_first, "a second render reuses the entries"
    _render(_copy(mini, tmp_path / "second"), tmp_path / "out3")
    assert len(_cached(tmp_path / "cache")) == 2, "another template folder has entries of its own"


def test_an_existing_cache_folder_is_used(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "cache" / "scaffold" / "jinja2").mkdir(parents=True)
    _render(_copy(mini, tmp_path / "mini"), tmp_path / "out")
    assert _cached(tmp_path / "cache")


@pytest.mark.parametrize(
    ("setting", "before", "after"),
    [
        (
            "_jinja2_env_vars",
            {"lstrip_blocks": False},
            {"lstrip_blocks": False, "trim_blocks": False},
        ),
        (
            "_extensions",
            ["local_extensions.ScaffoldExtension"],
            ["local_extensions.ScaffoldExtension", "jinja2.ext.do"],
        ),
    ],
)
def test_changing_the_templates_jinja_settings_compiles_its_files_anew(
    mini: Template,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    before: object,
    after: object,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _render(_copy(mini, tmp_path / "mini", **{setting: before}), tmp_path / "out1")
    entries = _cached(tmp_path / "cache")
    shutil.rmtree(tmp_path / "mini")
    _render(_copy(mini, tmp_path / "mini", **{setting: after}), tmp_path / "out2")
    assert len(_cached(tmp_path / "cache")) == len(entries) + 1


def test_the_order_of_the_jinja_settings_does_not_matter_to_the_cache(
    mini: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    settings = {"lstrip_blocks": False, "trim_blocks": False}
    _render(_copy(mini, tmp_path / "mini", _jinja2_env_vars=settings), tmp_path / "out1")
    entries = _cached(tmp_path / "cache")
    shutil.rmtree(tmp_path / "mini")
    reordered = dict(reversed(settings.items()))
    _render(_copy(mini, tmp_path / "mini", _jinja2_env_vars=reordered), tmp_path / "out2")
    assert _cached(tmp_path / "cache") == entries


def test_a_link_or_a_file_named_like_staging_is_never_swept(tmp_path: Path) -> None:
    owner = subprocess.Popen(["true"])
    owner.wait()
    (tmp_path / "real").mkdir()
    real = _staging(tmp_path / "real", str(owner.pid))
    link = tmp_path / f"{STAGING_PREFIX}demo-link"
    link.symlink_to(real)
    (tmp_path / f"{STAGING_PREFIX}demo-file").write_text(str(owner.pid))
    assert sweep_stale(tmp_path) == []
    assert link.is_symlink() and (real / "owner.pid").is_file()


def test_every_stale_folder_is_swept_past_those_it_skips(tmp_path: Path) -> None:
    owner = subprocess.Popen(["true"])
    owner.wait()
    stale = set()
    for n in range(4):
        folder = _staging(tmp_path, str(owner.pid))
        stale.add(folder.rename(tmp_path / f"{STAGING_PREFIX}stale-{n}"))
        (tmp_path / f"{STAGING_PREFIX}file-{n}").write_text("")
        (tmp_path / f"{STAGING_PREFIX}no-owner-{n}").mkdir()
    assert set(sweep_stale(tmp_path)) == stale
    assert not any(folder.exists() for folder in stale)


def test_an_owner_that_cannot_be_a_process_keeps_its_folder(tmp_path: Path) -> None:
    folder = _staging(tmp_path, "9" * 30)
    assert sweep_stale(tmp_path) == []
    assert folder.is_dir()
