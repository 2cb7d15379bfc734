"""Whether a user's text can land as one line of a file: valid UTF-8, no control characters."""

from __future__ import annotations

import unicodedata


def line_problem(value: str, *, limit: int | None = None) -> str | None:
    """Return why ``value`` cannot be one line of text in a file, or None when it can."""
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs":
            return "is not valid UTF-8 text (check your terminal's encoding)"
        if category in ("Cc", "Zl", "Zp"):
            return f"contains a line break or control character ({repr(char)[1:-1]})"
    if limit is not None and len(value) > limit:
        return f"is {len(value)} characters long; use at most {limit}"
    return None
