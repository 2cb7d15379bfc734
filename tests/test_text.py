"""line_problem: the exact words a user reads when a value cannot be one line of a file."""

from __future__ import annotations

import pytest

from scaffold.text import line_problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("a\x07b", "contains a line break or control character (\\x07)"),
        ("two\nlines", "contains a line break or control character (\\n)"),
        ("line\u2028break", "contains a line break or control character (\\u2028)"),
        ("para\u2029graph", "contains a line break or control character (\\u2029)"),
        ("\ud800", "is not valid UTF-8 text (check your terminal's encoding)"),
    ],
    ids=["bell", "newline", "line-separator", "paragraph-separator", "lone-surrogate"],
)
def test_the_problem_names_the_character(value: str, problem: str) -> None:
    assert line_problem(value) == problem


def test_the_limit_is_inclusive() -> None:
    assert line_problem("abc", limit=3) is None
    assert line_problem("abcd", limit=3) == "is 4 characters long; use at most 3"


def test_plain_text_of_any_script_has_no_problem() -> None:
    assert line_problem("Café — 東京 🚀") is None
