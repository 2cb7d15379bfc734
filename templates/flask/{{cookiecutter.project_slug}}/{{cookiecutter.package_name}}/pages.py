"""HTML pages rendered by Jinja."""

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    """Show the home page with the project's name."""
    return render_template("index.html")
