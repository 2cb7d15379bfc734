"""Errors answer JSON without details, and every response carries the security headers."""

from dataclasses import replace

import pytest
from bottle import Bottle
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.plugins import SECURITY_HEADERS


def crash() -> None:
    raise RuntimeError("secret detail")


@pytest.fixture
def crashing_client(app: Bottle) -> TestApp:
    app.get("/crash", callback=crash)
    return TestApp(app)


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
    res = crashing_client.request(path, method=method, expect_errors=True)
    assert res.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert res.headers[name] == value
    assert "Strict-Transport-Security" in res.headers


def test_no_hsts_in_debug(config: Config) -> None:
    res = TestApp(create_app(replace(config, debug=True))).get("/")
    assert "Strict-Transport-Security" not in res.headers
