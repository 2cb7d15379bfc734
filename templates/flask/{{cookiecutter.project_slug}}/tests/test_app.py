"""The pages, the health check, error responses and the security headers."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from {{ cookiecutter.package_name }}.config import PROJECT_NAME
from {{ cookiecutter.package_name }}.security import SECURITY_HEADERS


def test_index_shows_the_project_name(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert f"<h1>{escape(PROJECT_NAME)}</h1>" in response.text


def test_index_escapes_the_project_name(app: Flask, client: FlaskClient) -> None:
    app.config["PROJECT_NAME"] = "<script>alert(1)</script>"
    text = client.get("/").text
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_unknown_route_is_an_html_404(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "404 Not Found" in response.text


def test_unknown_api_route_is_a_json_404(client: FlaskClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert set(response.get_json()) == {"error"}


def test_wrong_method_keeps_the_allow_header(client: FlaskClient) -> None:
    response = client.post("/health")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/health"),
        ("GET", "/no-such-page"),
        ("GET", "/api/no-such-thing"),
        ("POST", "/health"),
        ("GET", "/static/style.css"),
{%- if cookiecutter.database != 'none' %}
        ("GET", "/api/items"),
        ("POST", "/api/items"),
{%- endif %}
    ],
    ids=str,
)
def test_security_headers_on_every_response(client: FlaskClient, method: str, path: str) -> None:
    response = client.open(path, method=method)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_over_https(client: FlaskClient) -> None:
    response = client.get("/health", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize(
    ("path", "mimetype"), [("/boom", "text/html"), ("/api/boom", "application/json")]
)
def test_unexpected_error_is_a_500_without_traceback(app: Flask, path: str, mimetype: str) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production, where TESTING is off

    def fail() -> str:
        raise RuntimeError("secret detail")

    app.add_url_rule(path, "boom", fail)
    response = app.test_client().get(path)
    assert response.status_code == 500
    assert response.mimetype == mimetype
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["X-Frame-Options"] == "DENY"


def test_forms_need_a_csrf_token(app: Flask) -> None:
    app.add_url_rule("/form", "form", lambda: "accepted", methods=["POST"])
    response = app.test_client().post("/form", data={"name": "x"})
    assert response.status_code == 400
    assert "CSRF token is missing" in response.text
