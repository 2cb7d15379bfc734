"""Parse, validate and complete the answers to the questionnaire (no prompting here)."""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scaffold.errors import AnswerError, did_you_mean, one_of, shown

if TYPE_CHECKING:
    from scaffold.catalog import Catalog, Question

_YES = frozenset({"yes", "y", "true", "1", "on"})
_NO = frozenset({"no", "n", "false", "0", "off"})


def normalize(question: Question, raw: str) -> str:
    """Return the canonical answer for `raw` ("yes"/"no" for bool questions, a choice else)."""
    value = raw.strip().lower()
    if question.kind == "bool":
        if value in _YES:
            return "yes"
        if value in _NO:
            return "no"
        accepted = "yes or no (also y/n, true/false, 1/0, on/off)"
    else:
        if value in question.choices:
            return value
        accepted = one_of(question.choices)
    raise AnswerError(
        f'Invalid answer "{shown(raw)}" for {question.key}: expected {accepted}.'
        + did_you_mean(value, question.choices)
    )


def parse_pairs(pairs: Sequence[str], catalog: Catalog) -> dict[str, str]:
    """Parse repeated `-a KEY=VALUE` arguments into canonical answers (later pairs win)."""
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise AnswerError(
                f'Expected an answer as KEY=VALUE (e.g. size=small), got "{shown(pair)}".'
            )
        question = catalog.question(key.strip())
        answers[question.key] = normalize(question, raw)
    return answers


#: An answers file larger than this is refused unread.
MAX_ANSWERS_FILE = 256 * 1024


def load_answers_file(path: Path, catalog: Catalog) -> dict[str, str]:
    """Read answers from a TOML or JSON file (by suffix, else by content) and validate them."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AnswerError(f"Cannot read answers file {path}: not a regular file.")
        if info.st_size > MAX_ANSWERS_FILE:
            raise AnswerError(
                f"Answers file {path} is larger than {MAX_ANSWERS_FILE // 1024} KiB: "
                "it holds a few answers, not data."
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else "not UTF-8 text"
        raise AnswerError(f"Cannot read answers file {path}: {reason}.") from None
    data = _parse_answers(path, text)
    if not isinstance(data, dict):
        raise AnswerError(
            f"Answers file {path}: expected a table of KEY = VALUE answers at the top level,"
            f" got {_describe(data)}."
        )
    answers: dict[str, str] = {}
    for key, value in data.items():
        try:
            question = catalog.question(key)
            answers[question.key] = normalize(question, _scalar(key, value))
        except AnswerError as error:
            raise AnswerError(f"Answers file {path}: {error}") from None
    return answers


def _scalar(key: str, value: object) -> str:
    """Return a file's answer as text: booleans become yes/no; tables and arrays are refused."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int):
        return str(value)
    raise AnswerError(f"The answer for {key} must be text or a boolean, got {_describe(value)}.")


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else f"a {type(value).__name__}"


def _parse_answers(path: Path, text: str) -> object:
    import tomllib  # only for an answers file: it costs every start otherwise

    suffix = path.suffix.lower()
    is_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith(("{", "[")))
    try:
        return json.loads(text) if is_json else tomllib.loads(text)
    except RecursionError:
        raise AnswerError(f"Answers file {path} is nested too deeply to be answers.") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise AnswerError(
            f"Answers file {path} is not valid {'JSON' if is_json else 'TOML'}: {error}."
        ) from None


def merge(*answer_dicts: Mapping[str, str]) -> dict[str, str]:
    """Merge answer dicts; a later one wins (the answers file, then `-a` pairs)."""
    merged: dict[str, str] = {}
    for answers in answer_dicts:
        merged.update(answers)
    return merged


def complete(answers: Mapping[str, str], catalog: Catalog) -> dict[str, str]:
    """Return every question's canonical answer, in questionnaire order, defaults for the rest."""
    given = {catalog.question(key).key: value for key, value in answers.items()}
    return {
        question.key: normalize(question, given[question.key])
        if question.key in given
        else question.default
        for question in catalog.questions
    }


def implied_options(
    answers: Mapping[str, str],
    catalog: Catalog,
    option_choices: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    """Return the template options the answers preselect, among those the template accepts.

    `option_choices` maps each option the template declares to its accepted values; an
    implied option is kept only when its value is one of them. Where two answers imply
    the same option, the later question in the questionnaire wins.
    """
    options: dict[str, str] = {}
    for key, value in complete(answers, catalog).items():
        for option, option_value in catalog.question(key).implies.get(value, {}).items():
            if option_value in option_choices.get(option, ()):
                options[option] = option_value
    return options
