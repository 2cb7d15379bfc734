"""Tests for scaffold.questionnaire: normalising, parsing, answers files, defaults, options."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaffold.catalog import Catalog, load_catalog
from scaffold.errors import AnswerError
from scaffold.questionnaire import (
    complete,
    implied_options,
    load_answers_file,
    merge,
    normalize,
    parse_pairs,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", "yes"), ("YES", "yes"), ("y", "yes"), ("Y", "yes"), ("true", "yes"),
        ("True", "yes"), ("1", "yes"), ("on", "yes"), ("ON", "yes"), (" yes ", "yes"),
        ("no", "no"), ("No", "no"), ("n", "no"), ("false", "no"), ("FALSE", "no"),
        ("0", "no"), ("off", "no"), ("Off", "no"),
    ],
)  # fmt: skip
def test_normalize_bool(catalog: Catalog, raw: str, expected: str) -> None:
    assert normalize(catalog.question("rest_api"), raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("small", "small"), ("LARGE", "large")])
def test_normalize_choice_ignores_case(catalog: Catalog, raw: str, expected: str) -> None:
    assert normalize(catalog.question("size"), raw) == expected


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("rest_api", "maybe", 'Invalid answer "maybe" for rest_api: expected yes or no'),
        ("rest_api", "", 'Invalid answer "" for rest_api'),
        ("size", "huge", 'Invalid answer "huge" for size: expected small, medium or large.'),
        ("size", "smal", 'Did you mean "small"?'),
        ("size", "yes", "for size: expected small, medium or large"),
    ],
    ids=["bool-maybe", "bool-empty", "choice-unknown", "choice-typo", "choice-bool"],
)
def test_normalize_rejects_with_key_and_accepted_values(
    catalog: Catalog, key: str, raw: str, message: str
) -> None:
    with pytest.raises(AnswerError) as error:
        normalize(catalog.question(key), raw)
    assert message in str(error.value)
    assert error.value.exit_code == 2


def test_parse_pairs(catalog: Catalog) -> None:
    pairs = ["size=Large", "rest_api=y", "AUTH = true", "oop=0", "size=small"]
    assert parse_pairs(pairs, catalog) == {
        "size": "small",
        "rest_api": "yes",
        "auth": "yes",
        "oop": "no",
    }


def test_parse_pairs_keeps_equals_signs_in_the_value(catalog: Catalog) -> None:
    with pytest.raises(AnswerError, match='Invalid answer "small=1" for size'):
        parse_pairs(["size=small=1"], catalog)


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("size", 'Expected an answer as KEY=VALUE (e.g. size=small), got "size"'),
        ("=yes", 'Expected an answer as KEY=VALUE (e.g. size=small), got "=yes"'),
        ("restapi=yes", 'Unknown question "restapi". Known: size, rest_api,'),
        ("restapi=yes", 'Did you mean "rest_api"?'),
        ("oop=maybe", 'Invalid answer "maybe" for oop'),
    ],
    ids=["missing-equals", "missing-key", "unknown-key", "unknown-key-suggests", "bad-value"],
)
def test_parse_pairs_errors(catalog: Catalog, pair: str, message: str) -> None:
    with pytest.raises(AnswerError) as error:
        parse_pairs([pair], catalog)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("answers.toml", 'size = "large"\nrest_api = true\nauth = "Y"\noop = false\n'),
        ("answers.json", '{"size": "large", "rest_api": true, "auth": "Y", "oop": false}'),
        ("answers.JSON", '{"size": "large", "rest_api": true, "auth": "Y", "oop": false}'),
        ("answers", '  {"size": "large", "rest_api": true, "auth": "Y", "oop": false}'),
        ("answers.txt", 'size = "large"\nrest_api = true\nauth = "Y"\noop = false\n'),
        ("answers.toml", 'size = "large"\nrest_api = 1\nauth = "on"\noop = 0\n'),
    ],
    ids=["toml", "json", "json-upper-suffix", "sniffed-json", "sniffed-toml", "toml-integers"],
)
def test_load_answers_file(catalog: Catalog, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_answers_file(path, catalog) == {
        "size": "large",
        "rest_api": "yes",
        "auth": "yes",
        "oop": "no",
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.toml", 'size = "large"\nrest_api = \n', "is not valid TOML"),
        ("a.json", '{"size": "large",}', "is not valid JSON"),
        ("a.cfg", "{not json", "is not valid JSON"),
        ("a.json", '["size", "large"]', "expected a table of KEY = VALUE answers at the top level,"
                                        " got an array"),
        ("a.json", '"large"', "got a string"),
        ("a.toml", "size = [\"large\"]", "The answer for size must be text or a boolean,"
                                         " got an array"),
        ("a.toml", "[size]\nvalue = \"large\"", "size must be text or a boolean, got a table"),
        ("a.json", '{"size": null}', "size must be text or a boolean, got null"),
        ("a.toml", "size = 1.5", "size must be text or a boolean, got a float"),
        ("a.toml", 'szie = "large"', 'Unknown question "szie"'),
        ("a.toml", "size = true", 'Invalid answer "yes" for size'),
        ("a.toml", "size = false", 'Invalid answer "no" for size'),
        ("a.cfg", '[{"size": "large"}]', "expected a table of KEY = VALUE answers at the top"
                                         " level, got an array"),
        ("a.json", '{"oop": "maybe"}', 'Invalid answer "maybe" for oop'),
    ],
    ids=[
        "malformed-toml", "malformed-json", "malformed-sniffed-json", "top-level-array",
        "top-level-string", "value-array", "value-table", "value-null", "value-float",
        "unknown-key", "bool-for-choice", "false-for-choice", "sniffed-json-array", "bad-value",
    ],
)  # fmt: skip
def test_load_answers_file_errors_name_the_file(
    catalog: Catalog, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswerError) as error:
        load_answers_file(path, catalog)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_load_answers_file_missing(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(AnswerError, match=r"Cannot read answers file .*nope\.toml: No such file"):
        load_answers_file(path, catalog)


def test_load_answers_file_directory(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match=r"Cannot read answers file .*: not a regular file"):
        load_answers_file(tmp_path, catalog)


def test_load_answers_file_not_text(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(b"\xff\xfe\x00size")
    with pytest.raises(AnswerError, match=r"Cannot read answers file .*: not UTF-8 text"):
        load_answers_file(path, catalog)


def test_merge_later_wins() -> None:
    from_file = {"size": "large", "auth": "yes"}
    from_pairs = {"size": "small"}
    assert merge(from_file, from_pairs) == {"size": "small", "auth": "yes"}
    assert merge() == {}


def test_complete_fills_defaults_in_questionnaire_order(catalog: Catalog) -> None:
    answers = complete({"oop": "Y", "size": "small"}, catalog)
    assert list(answers) == [question.key for question in catalog.questions]
    assert answers["size"] == "small"
    assert answers["oop"] == "yes"
    assert answers["rest_api"] == "no"


def test_complete_rejects_unknown_keys_and_values(catalog: Catalog) -> None:
    with pytest.raises(AnswerError, match='Unknown question "colour"'):
        complete({"colour": "blue"}, catalog)
    with pytest.raises(AnswerError, match='Invalid answer "huge" for size'):
        complete({"size": "huge"}, catalog)


DJANGO_OPTIONS = {"database": ["sqlite", "postgresql"], "rest_api": ["none", "drf"],
                  "auth": ["no", "yes"]}  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "option_choices", "expected"),
    [
        ({}, DJANGO_OPTIONS, {}),
        ({"rest_api": "yes"}, DJANGO_OPTIONS, {"rest_api": "drf"}),
        ({"rest_api": "yes", "auth": "yes"}, DJANGO_OPTIONS, {"rest_api": "drf", "auth": "yes"}),
        ({"rest_api": "no", "auth": "no"}, DJANGO_OPTIONS, {}),
        ({"rest_api": "yes", "auth": "yes"}, {"auth": ["no", "yes"]}, {"auth": "yes"}),
        ({"rest_api": "yes"}, {"rest_api": ["no", "yes"]}, {}),
        ({"auth": "yes"}, {}, {}),
        ({"async": "yes"}, {"interface": ["wsgi", "asgi"]}, {"interface": "asgi"}),
        ({"async": "no"}, {"interface": ["wsgi", "asgi"]}, {}),
        ({"async": "yes"}, DJANGO_OPTIONS, {}),
    ],
    ids=[
        "nothing", "rest-api", "rest-api-and-auth", "answered-no", "undeclared-option",
        "value-not-a-choice", "template-without-options", "async-asgi-interface",
        "sync-keeps-the-default-interface", "async-without-an-interface-option",
    ],
)  # fmt: skip
def test_implied_options(
    catalog: Catalog,
    answers: dict[str, str],
    option_choices: dict[str, list[str]],
    expected: dict[str, str],
) -> None:
    assert implied_options(answers, catalog, option_choices) == expected


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"size": "' + "x" * 300_000 + '"}', "larger than 256 KiB"),
    ],
    ids=["deep", "huge"],
)
def test_deep_or_huge_answers_files_are_refused_as_bad_input(
    tmp_path: Path, content: str, says: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    with pytest.raises(AnswerError, match=says) as raised:
        load_answers_file(path, load_catalog())
    assert raised.value.exit_code == 2


def test_an_answers_file_of_exactly_the_size_limit_is_read(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "answers.json"
    answers = '{"size": "large"}'
    path.write_text(answers + " " * (256 * 1024 - len(answers)))
    assert path.stat().st_size == 256 * 1024
    assert load_answers_file(path, catalog) == {"size": "large"}


def test_a_larger_answers_file_says_what_it_is_for(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(" " * (256 * 1024 + 1))
    with pytest.raises(AnswerError) as raised:
        load_answers_file(path, catalog)
    assert str(raised.value) == (
        f"Answers file {path} is larger than 256 KiB: it holds a few answers, not data."
    )


def test_a_read_error_without_an_errno_still_says_what_happened(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('size = "large"\n')

    def fail(self: Path, encoding: str | None = None) -> str:
        raise OSError("the device went away")

    monkeypatch.setattr(Path, "read_text", fail)
    with pytest.raises(AnswerError) as raised:
        load_answers_file(path, catalog)
    assert str(raised.value) == f"Cannot read answers file {path}: the device went away."


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """Run under the C locale, whose encoding is ASCII, as some servers and containers do."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


def test_an_answers_file_is_read_as_utf8_whatever_the_locale(
    catalog: Catalog, tmp_path: Path, ascii_locale: None
) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('# Café Ünïcode\nsize = "large"\n', encoding="utf-8")
    assert load_answers_file(path, catalog) == {"size": "large"}
