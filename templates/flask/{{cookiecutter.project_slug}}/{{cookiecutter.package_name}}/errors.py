"""Error responses: JSON under ``/api``, an HTML page elsewhere, never a traceback."""

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse


def wants_json() -> bool:
    """Tell whether the request is for the JSON API."""
    return request.path == "/api" or request.path.startswith("/api/")


def handle_http_exception(error: HTTPException) -> BaseResponse:
    """Render ``error`` (unexpected exceptions arrive as a 500) keeping its status and headers."""
    response = error.get_response()
    if wants_json():
        response.set_data(current_app.json.dumps({"error": error.description}))
        response.content_type = "application/json"
    else:
        response.set_data(render_template("error.html", error=error))
    return response


def init_app(app: Flask) -> None:
    """Register the error handler on ``app``."""
    app.register_error_handler(HTTPException, handle_http_exception)
