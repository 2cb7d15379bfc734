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
        ("GET", "/favicon.ico"),
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


def test_favicon(client: FlaskClient) -> None:
    assert 'href="/static/favicon.svg"' in client.get("/").text
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"


def test_pages_hold_no_inline_style_or_script(client: FlaskClient) -> None:
    # The Content-Security-Policy would block them: every style comes from style.css.
    for path in ("/", "/no-such-page"):
        text = client.get(path).text
        assert "<script" not in text
        assert "<style" not in text
        assert " style=" not in text


def test_production_redirects_plain_http_to_https(app: Flask, client: FlaskClient) -> None:
    app.config["HTTPS_ONLY"] = True
    response = client.get("/?q=1")
    assert response.status_code == 308
    assert response.headers["Location"] == "https://localhost/?q=1"
    assert client.get("/", base_url="https://localhost").status_code == 200
    # Health checks come over plain HTTP from inside the network.
    assert client.get("/health").status_code == 200


def test_hsts_over_https_in_production(app: Flask, client: FlaskClient) -> None:
    app.config.update(HTTPS_ONLY=True, HSTS_SECONDS=3600)
    response = client.get("/health", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/health").headers


def test_no_hsts_when_plain_http_is_allowed(client: FlaskClient) -> None:
    response = client.get("/health", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers


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

{%- if cookiecutter.auth == 'yes' %}


def test_forms_need_a_csrf_token(app: Flask) -> None:
    app.add_url_rule("/form", "form", lambda: "accepted", methods=["POST"])
    response = app.test_client().post("/form", data={"name": "x"})
    assert response.status_code == 400
    assert "CSRF token is missing" in response.text
{%- endif %}
