"""The HTML pages, rendered by Bottle's SimpleTemplate, which escapes every value it inserts."""

from pathlib import Path

from bottle import Bottle, request, view

from .. import PROJECT_NAME
from ..plugins import csrf_token

# An absolute lookup path: bottle.TEMPLATE_PATH is relative to the working directory.
VIEWS = [str(Path(__file__).resolve().parent.parent / "views")]


def register(app: Bottle) -> None:
    """Add the home page and its CSRF-protected demo form."""
    app.get("/", callback=home)
    app.post("/", callback=greet)


@view("index", template_lookup=VIEWS)
def home() -> dict[str, str | None]:
    """Show the project's name and a form."""
    return {"project_name": PROJECT_NAME, "csrf_token": csrf_token(), "greeting": None}


@view("index", template_lookup=VIEWS)
def greet() -> dict[str, str | None]:
    """Greet whoever submitted the form (the CSRF plugin has checked its token)."""
    name = (request.forms.getunicode("name") or "").strip() or "stranger"
    return {
        "project_name": PROJECT_NAME,
        "csrf_token": csrf_token(),
        "greeting": f"Hello, {name}!",
    }
