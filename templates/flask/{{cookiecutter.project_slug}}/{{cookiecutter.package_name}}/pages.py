"""HTML pages rendered by Jinja, and the favicon."""

from flask import Blueprint, Response, current_app, render_template, send_from_directory

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    """Show the home page with the project's name."""
    return render_template("index.html")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Serve the SVG icon where browsers look for one when a page names none (JSON, files)."""
    static = current_app.static_folder
    assert static is not None
    return send_from_directory(static, "favicon.svg", mimetype="image/svg+xml")
