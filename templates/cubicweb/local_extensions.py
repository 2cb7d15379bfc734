"""Jinja filters that write a user's value literally into the file type it lands in.

Cookiecutter imports this module from the template folder (see ``_extensions`` in
cookiecutter.json). Every template carries an identical copy so that it also works
with plain ``cookiecutter templates/<name>``; a test keeps the copies identical.
"""

import json

from jinja2.ext import Extension


def quoted(value: object) -> str:
    """Return a double-quoted string literal valid in TOML, Python, JSON and YAML."""
    text = json.dumps(str(value), ensure_ascii=False)
    # JSON leaves DEL raw; TOML forbids it unescaped.
    return text.replace("\x7f", "\\u007f")


def one_line(value: object) -> str:
    """Return the value with line breaks folded into spaces (Markdown titles, comments)."""
    return " ".join(str(value).split())


class ScaffoldExtension(Extension):
    """Registers the ``quoted`` and ``one_line`` filters."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["quoted"] = quoted
        environment.filters["one_line"] = one_line
