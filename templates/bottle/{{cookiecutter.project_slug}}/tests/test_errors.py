"""Errors answer JSON without details, and every response carries the security headers."""

from dataclasses import replace

import pytest
from bottle import Bottle
from conftest import HTTPS
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.plugins import SECURITY_HEADERS


def crash() -> None:
    raise RuntimeError("secret detail")


@pytest.fixture
def crashing_client(app: Bottle) -> TestApp:
    app.get("/crash", callback=crash)
    return TestApp(app, extra_environ=HTTPS)


def test_unknown_route_is_404_json(client: TestApp) -> None:
    res = client.get("/no/such/page", status=404)
    assert res.content_type == "application/json"
    assert isinstance(res.json["error"], str)


def test_wrong_method_is_405_json(client: TestApp) -> None:
    res = client.delete("/health", status=405)
    assert isinstance(res.json["error"], str)


def test_crash_is_500_without_details(crashing_client: TestApp) -> None:
    res = crashing_client.get("/crash", expect_errors=True)  # the traceback goes to the log
    assert res.status_code == 500
    assert res.json == {"error": "Internal server error"}
    assert "secret detail" not in res.text


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/health", 200),
        ("GET", "/no/such/page", 404),
        ("DELETE", "/health", 405),
        ("POST", "/", 403),
{%- if cookiecutter.database != 'none' %}
        ("GET", "/api/items", 200),
        ("POST", "/api/items", 400),
        ("GET", "/api/items/999999", 404),
{%- endif %}
        ("GET", "/crash", 500),
    ],
)
def test_every_response_carries_the_security_headers(
    crashing_client: TestApp, method: str, path: str, status: int
) -> None:
    res = crashing_client.request(path, method=method, expect_errors=True, environ=dict(HTTPS))
    assert res.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert res.headers[name] == value
    assert res.headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def test_production_redirects_plain_http_to_https(app: Bottle) -> None:
    plain = TestApp(app)
    res = plain.get("/?q=1", status=308)
    assert res.headers["Location"] == "https://localhost:80/?q=1"
    assert res.headers["X-Frame-Options"] == "DENY"
    assert plain.post("/", status=308).headers["Location"].startswith("https://")
    # Health checks come over plain HTTP from inside the network.
    assert plain.get("/health").json == {"status": "ok"}


def test_allow_http_serves_production_over_plain_http(config: Config) -> None:
    plain = TestApp(create_app(replace(config, allow_http=True)))
    res = plain.get("/")
    assert res.status_code == 200
    assert "Strict-Transport-Security" not in res.headers
    assert "secure" not in res.headers["Set-Cookie"].lower()
    form = res.forms[0]
    form["name"] = "Ada"
    assert form.submit().html.output.get_text() == "Hello, Ada!"


def test_hsts_seconds(config: Config) -> None:
    client = TestApp(create_app(replace(config, hsts_seconds=31536000)), extra_environ=HTTPS)
    res = client.get("/")
    assert res.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_hsts_in_debug(config: Config) -> None:
    res = TestApp(create_app(replace(config, debug=True))).get("/")
    assert "Strict-Transport-Security" not in res.headers
