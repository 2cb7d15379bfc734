"""How a user's value is shown inside an error message: escaped, one line, bounded."""

from __future__ import annotations

from scaffold.errors import did_you_mean, one_of, shown


def test_shown_escapes_control_characters_and_lone_surrogates() -> None:
    assert shown("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert shown("x\ud800y") == "x\\ud800y"
    assert shown("Café 東京") == "Café 東京", "printable text of any script is kept"
    assert shown("C:\\new\tab") == "C:\\new\\tab", "only control characters are escaped"
    assert shown("a\u00a0b's") == "a\u00a0b's"


def test_shown_shortens_to_exactly_the_limit() -> None:
    assert shown("abcde", limit=5) == "abcde"
    assert shown("abcdef", limit=5) == "abcd…"
    assert len(shown("x" * 500)) == len(shown("x" * 1000))


def test_did_you_mean_offers_the_single_closest_choice() -> None:
    assert did_you_mean("flsk", ["flask", "falcon", "flake"]) == ' Did you mean "flask"?'
    assert did_you_mean("DJANGO", ["django"]) == ' Did you mean "django"?'
    assert did_you_mean("zzz", ["django", "flask"]) == ""


def test_one_of_lists_choices_as_a_sentence() -> None:
    assert one_of([]) == ""
    assert one_of(["yes"]) == "yes"
    assert one_of(["yes", "no"]) == "yes or no"
    assert one_of(["a", "b", "c"]) == "a, b or c"
