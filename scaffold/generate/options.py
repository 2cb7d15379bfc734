"""Resolve a template's options: choices matched, free text checked for where it lands."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scaffold.errors import UnknownOptionError, did_you_mean, one_of, shown
from scaffold.template import NAME_KEY, Template
from scaffold.text import line_problem

#: The longest free-text value accepted: it lands on one line of pyproject.toml and README.md.
MAX_TEXT = 500


def _version(value: str) -> str | None:
    from packaging.version import InvalidVersion, Version

    try:
        Version(value)
    except InvalidVersion:
        return "is not a version number packaging accepts (PEP 440), e.g. 0.1.0 or 1.0rc1"
    return None


def _email(value: str) -> str | None:
    if not value:
        return None
    from email.errors import HeaderParseError  # the email package is slow to import
    from email.headerregistry import Address

    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError):
        address = None
    if address is None or address.addr_spec != value or not address.domain:
        return "is not an email address such as you@example.com (or leave it empty)"
    return None


#: Options of the common contract whose text must also have a format.
FORMATS: Mapping[str, Callable[[str], str | None]] = {
    "version": _version,
    "author_email": _email,
}


def check_text(key: str, value: str) -> str:
    """Return ``value`` when it is a valid value of free-text option ``key``; else raise."""
    problem = line_problem(value, limit=MAX_TEXT)
    if problem is None and key in FORMATS:
        problem = FORMATS[key](value)
    if problem:
        raise UnknownOptionError(
            f'Option {key}: "{shown(value)}" {problem}.', option=key, value=value
        )
    return value


def _choice(key: str, value: str, choices: tuple[str, ...]) -> str:
    match = next((c for c in choices if c.lower() == value.strip().lower()), None)
    if match is None:
        raise UnknownOptionError(
            f'Option {key} does not accept "{shown(value)}": choose '
            f"{one_of(choices)}.{did_you_mean(value, choices)}",
            option=key,
            value=value,
            choices=choices,
        )
    return match


def resolve_options(template: Template, given: Mapping[str, str]) -> dict[str, str]:
    """Return every option of ``template`` with ``given`` applied, or raise UnknownOptionError."""
    names = [o.name for o in template.options]
    resolved = {o.name: o.default for o in template.options}
    for key, value in given.items():
        if key == NAME_KEY:
            raise UnknownOptionError("project_name is set from NAME, not with -o.")
        option = template.option(key)
        if option is None:
            raise UnknownOptionError(
                f'Unknown option "{shown(key)}" for the {template.name} template. '
                f"Options: {one_of(names)}.{did_you_mean(key, names)}",
                option=key,
                choices=tuple(names),
            )
        resolved[key] = (
            _choice(key, value, option.choices) if option.choices else check_text(key, value)
        )
    return resolved
