"""Project names become a directory and a Python package, or a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scaffold.errors import InvalidNameError
from scaffold.names import MAX_LENGTH, validate_name


@pytest.mark.parametrize(
    ("name", "slug", "package"),
    [
        ("my-app", "my-app", "my_app"),
        ("My App", "my-app", "my_app"),
        ("myapp2", "myapp2", "myapp2"),
        ("  shop_front ", "shop-front", "shop_front"),
        ("Café Crème", "cafe-creme", "cafe_creme"),
    ],
    ids=["dashes", "spaces-and-capitals", "digits", "underscore-and-blanks", "accents"],
)
def test_valid_names_give_directory_and_package(name: str, slug: str, package: str) -> None:
    project = validate_name(name)
    assert (project.slug, project.package) == (slug, package)
    assert project.name == name.strip()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("..", "starts with a dot"),
        (".hidden", "starts with a dot"),
        ("a/b", "path separator"),
        ("../escape", "path separator"),
        ("a\\b", "path separator"),
        ("123", "does not make a Python package name"),
        ("{{ 7*7 }}", "does not make a Python package name"),
        ("---", "does not make a Python package name"),
        ("class", "Python keyword"),
        ("match", "Python keyword"),
        ("json", "standard library"),
        ("os", "standard library"),
        ("pytest", "installed module"),
        ("x" * (MAX_LENGTH + 1), "at most"),
    ],
    ids=[
        "empty",
        "blank",
        "dotdot",
        "dotfile",
        "slash",
        "parent-path",
        "backslash",
        "digits-only",
        "jinja",
        "punctuation-only",
        "keyword",
        "soft-keyword",
        "stdlib-json",
        "stdlib-os",
        "installed",
        "overlong",
    ],
)
def test_bad_names_are_refused_with_a_way_out(name: str, message: str) -> None:
    with pytest.raises(InvalidNameError, match=message) as caught:
        validate_name(name)
    assert caught.value.exit_code == 2


def test_a_template_reserves_its_framework_modules() -> None:
    with pytest.raises(InvalidNameError, match="flask_login"):
        validate_name("flask-login", reserved={"flask", "flask_login"})
    assert validate_name("flask-shop", reserved={"flask"}).package == "flask_shop"


def test_a_folder_in_the_current_directory_is_not_an_installed_module(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shopfront").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert validate_name("shopfront").package == "shopfront"


@pytest.mark.parametrize(
    "name",
    ["esc\x1b[2Japp", "bell\x07", "two\nlines", "nul\x00", "bad\udcffbyte", "sep\u2028x"],
    ids=["escape", "bell", "newline", "nul", "undecodable", "line-separator"],
)
def test_control_characters_and_undecodable_bytes_are_refused(name: str) -> None:
    with pytest.raises(InvalidNameError) as raised:
        validate_name(name)
    message = str(raised.value)
    assert raised.value.exit_code == 2
    assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in message), message


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "The project name is empty. Give a name such as my-app."),
        ("a/b", "parent folder with --output-dir."),
        ("---", "Start with a letter and use letters, digits, spaces, - or _, e.g. my-app."),
    ],
    ids=["empty", "path", "no-letters"],
)
def test_each_refusal_ends_with_what_to_do_instead(name: str, says: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        validate_name(name)
    assert str(caught.value).endswith(says)


def test_a_refused_control_character_is_named_not_printed() -> None:
    with pytest.raises(InvalidNameError) as caught:
        validate_name("a\x07b")
    assert str(caught.value).startswith('The project name "a')


def test_the_longest_name_accepted_is_max_length() -> None:
    assert validate_name("x" * MAX_LENGTH).package == "x" * MAX_LENGTH


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x07b", 'The project name "a\\x07b" contains a line break or control character'
                   " (\\x07)."),
        ("a/b", '"a/b" contains a path separator. Give a plain name and choose the parent folder'
                " with --output-dir."),
        (".hidden", '".hidden" starts with a dot. Give a name such as my-app.'),
        ("x" * 65, "The project name is 65 characters long; use at most 64."),
        ("1st app", '"1st app" does not make a Python package name (it becomes "1st_app"). Start'
                    " with a letter and use letters, digits, spaces, - or _, e.g. my-app."),
        ("Class", '"class" is a Python keyword. Choose another name, e.g. class-app.'),
        ("JSON", '"json" would shadow the standard library module json. Choose another name,'
                 " e.g. my-json."),
        ("pytest", '"pytest" would shadow the installed module pytest. Choose another name,'
                   " e.g. my-pytest."),
    ],
    ids=["control", "path", "dot", "overlong", "not-a-package", "keyword", "stdlib", "installed"],
)  # fmt: skip
def test_each_refusal_says_exactly_what_is_wrong(name: str, message: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        validate_name(name)
    assert str(caught.value) == message


def test_a_reserved_module_refusal_offers_another_name() -> None:
    with pytest.raises(InvalidNameError) as caught:
        validate_name("Flask Login", reserved={"flask_login"})
    assert str(caught.value) == (
        '"flask_login" is a module the starter itself uses or depends on.'
        " Choose another name, e.g. my-flask-login."
    )


def test_the_current_directory_as_an_empty_path_entry_is_not_installed_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python -c and the REPL put "" (the current directory) first on sys.path."""
    (tmp_path / "shopfront").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", *sys.path])
    assert validate_name("shopfront").package == "shopfront"
