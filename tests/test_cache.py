"""The cache of parsed data files: never stale, written atomically, skipped when unusable."""

from __future__ import annotations

import shutil
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
