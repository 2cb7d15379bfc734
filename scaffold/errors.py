"""ScaffoldError and its subclasses: each carries an exit code and says what to do next."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: How much of a user's value a message quotes.
QUOTE_LIMIT = 80


class ScaffoldError(Exception):
    """Root of every error a user can cause; the CLI prints it as one line."""

    exit_code = 1


class UsageError(ScaffoldError):
    """Bad input: an unknown name, option, question or value (exit 2)."""

    exit_code = 2


class UnknownFrameworkError(UsageError):
    """A framework name that is not in the catalog."""


class UnknownOptionError(UsageError):
    """A template option the template does not declare, or a value it does not accept.

    ``option`` is the option's name, ``value`` the refused value (None when the
    option itself is unknown) and ``choices`` what would have been accepted.
    """

    def __init__(
        self,
        message: str,
        *,
        option: str | None = None,
        value: str | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.option, self.value, self.choices = option, value, choices


class InvalidNameError(UsageError):
    """A project name that cannot become a directory and a Python package."""


class AnswerError(UsageError):
    """An unknown question, a value it does not accept, or an unreadable answers file."""


class NoTerminalError(UsageError):
    """A choice only a person can make, asked without a terminal."""


class TargetExistsError(ScaffoldError):
    """The target exists and cannot be written as asked: not empty, a link, a clash (exit 3)."""

    exit_code = 3

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class Interrupted(ScaffoldError):
    """SIGINT or SIGTERM stopped the work; the message states what is done and what is not."""

    exit_code = 130


class CatalogError(ScaffoldError):
    """A data file or a template folder is malformed (a bug in the package, exit 1)."""


class GenerationError(ScaffoldError):
    """Rendering a template failed; nothing was written."""


class InstallError(ScaffoldError):
    """Creating the project's virtual environment or installing into it failed."""


def shown(value: str, *, limit: int = QUOTE_LIMIT) -> str:
    """Return ``value`` fit for a one-line message: control characters escaped, shortened."""
    text = "".join(
        c if unicodedata.category(c) not in ("Cc", "Cs") else repr(c)[1:-1] for c in value
    )
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' Did you mean "x"?' for the closest choice, or '' when none is close."""
    import difflib  # only when a name is wrong: it costs every start otherwise

    close = difflib.get_close_matches(word.lower(), list(choices))  # best first, similarity >= 0.6
    return f' Did you mean "{close[0]}"?' if close else ""


def one_of(choices: Iterable[str]) -> str:
    """Return 'a, b or c' for listing the accepted values in a message."""
    items = list(choices)
    if len(items) <= 1:
        return items[0] if items else ""
    return f"{', '.join(items[:-1])} or {items[-1]}"
