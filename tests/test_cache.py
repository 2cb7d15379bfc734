"""The cache of parsed data files: never stale, written atomically, skipped when unusable."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from scaffold import cache
from scaffold.catalog import load_catalog_in

DATA = Path(__file__).resolve().parents[1] / "scaffold" / "data"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's cache folder at a fresh one."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "scaffold"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the catalog's data files that a test may change."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def _retitle(data: Path, old: str, new: str) -> None:
    frameworks = data / "frameworks.toml"
    text = frameworks.read_text(encoding="utf-8")
    assert f'title = "{old}"' in text
    frameworks.write_text(text.replace(f'title = "{old}"', f'title = "{new}"', 1), "utf-8")


def test_a_changed_data_file_is_seen_at_once(cache_home: Path, data: Path) -> None:
    assert load_catalog_in(data).framework("flask").title == "Flask"
    assert list((cache_home / "catalog").glob("*.json"))
    _retitle(data, "Flask", "Flask (changed)")
    assert load_catalog_in(data).framework("flask").title == "Flask (changed)"
    _retitle(data, "Flask (changed)", "Flask")
    assert load_catalog_in(data).framework("flask").title == "Flask"


def test_a_cached_catalog_equals_a_parsed_one(cache_home: Path, data: Path) -> None:
    first = load_catalog_in(data)
    assert load_catalog_in(data) == first
    assert len(list((cache_home / "catalog").glob("*.json"))) == 1


def test_a_same_size_edit_within_the_same_second_is_seen(cache_home: Path, data: Path) -> None:
    assert load_catalog_in(data).framework("bottle").title == "Bottle"
    _retitle(data, "Bottle", "Battle")
    assert load_catalog_in(data).framework("bottle").title == "Battle"


def test_an_unwritable_cache_is_skipped_silently(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_catalog_in(data).framework("django").title == "Django"


def test_a_damaged_entry_is_rebuilt(cache_home: Path) -> None:
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2]

    assert cache.derived("test", [b"source"], build) == [1, 2]
    (entry,) = (cache_home / "test").glob("*.json")
    entry.write_text("[1, 2")
    assert cache.derived("test", [b"source"], build) == [1, 2]
    assert cache.derived("test", [b"source"], build) == [1, 2]
    assert len(calls) == 2
    assert not list((cache_home / "test").glob(".*.tmp"))


def test_an_invalid_data_file_is_never_cached(cache_home: Path, data: Path) -> None:
    from scaffold.errors import CatalogError

    (data / "questions.toml").write_text("not toml [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogError, match="invalid TOML"):
            load_catalog_in(data)
    assert not list((cache_home / "catalog").glob("*.json"))


def test_without_xdg_cache_home_the_cache_is_under_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "scaffold"


def test_an_entry_is_kept_as_readable_json_and_served_without_building(cache_home: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, str]:
        built.append(1)
        return {"title": "Café"}

    assert cache.derived("demo", [b"source"], build) == {"title": "Café"}
    (entry,) = (cache_home / "demo").glob("*.json")
    assert entry.read_text(encoding="utf-8") == '{"title": "Café"}'
    assert cache.derived("demo", [b"source"], build) == {"title": "Café"}
    assert built == [1], "the second call is served from the entry"
    assert cache.derived("other", [b"source"], build) == {"title": "Café"}
    assert built == [1, 1], "another kind of entry is another entry"


def test_a_value_json_cannot_hold_is_returned_and_not_cached(cache_home: Path) -> None:
    value = {"when": object()}
    assert cache.derived("demo", [b"x"], lambda: value) is value
    assert not list((cache_home / "demo").glob("*.json"))


def test_a_value_json_refuses_as_circular_is_returned_and_not_cached(cache_home: Path) -> None:
    value: list[object] = []
    value.append(value)
    assert cache.derived("demo", [b"x"], lambda: value) is value
    assert not list((cache_home / "demo").glob("*.json"))


def test_the_cache_folder_is_private_to_the_user(cache_home: Path) -> None:
    cache.derived("demo", [b"x"], lambda: [1])
    assert (cache_home / "demo").stat().st_mode & 0o077 == 0


def test_an_entry_is_written_as_a_hidden_temporary_file_beside_it(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a crash mid-write can leave is a hidden .tmp file, never a truncated entry."""
    seen: list[tuple[str, bytes]] = []
    replace = os.replace

    def spy(source: str, target: Path) -> None:
        seen.extend((p.name, p.read_bytes()) for p in (cache_home / "demo").iterdir())
        replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    cache.derived("demo", [b"x"], lambda: [1, 2])
    ((name, data),) = seen
    assert name.startswith(".") and name.endswith(".tmp")
    assert data == b"[1, 2]"
    assert [p.suffix for p in (cache_home / "demo").iterdir()] == [".json"]


def test_the_cache_works_when_the_temporary_folder_does_not(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    cache.derived("demo", [b"x"], lambda: [1])
    assert len(list((cache_home / "demo").glob("*.json"))) == 1


def test_a_failed_write_leaves_no_temporary_file(cache_home: Path) -> None:
    cache.derived("demo", [b"x"], lambda: [1])
    (entry,) = (cache_home / "demo").glob("*.json")
    entry.unlink()
    entry.mkdir()
    assert cache.derived("demo", [b"x"], lambda: [2]) == [2]
    assert [p.name for p in (cache_home / "demo").iterdir()] == [entry.name]


def test_an_interrupt_while_an_entry_is_put_in_place_is_not_swallowed(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C just after the entry moved in: the temporary file is gone, the interrupt stays."""
    replace = os.replace

    def interrupted(source: str, target: Path) -> None:
        replace(source, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.derived("demo", [b"x"], lambda: [1])
    assert [p.suffix for p in (cache_home / "demo").iterdir()] == [".json"]
