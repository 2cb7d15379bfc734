"""Error responses: JSON under ``/api``, Werkzeug's plain HTML page elsewhere, never a traceback."""

from flask import Flask, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response


def wants_json() -> bool:
    """Tell whether the request is for the JSON API."""
    return request.path == "/api" or request.path.startswith("/api/")


def handle_http_exception(error: HTTPException) -> Response:
    """Answer ``error`` (unexpected exceptions arrive as a 500) keeping its status and headers."""
    response = error.get_response()
    if wants_json():
        response.set_data(current_app.json.dumps({"error": error.description}))
        response.content_type = "application/json"
    return response


def init_app(server: Flask) -> None:
    """Register the error handler on ``server``."""
    server.register_error_handler(HTTPException, handle_http_exception)
