"""The plugins on a bare Bottle app, for route results the application does not use yet."""

import pytest
from bottle import Bottle, HTTPResponse, redirect
from webtest import TestApp

from {{ cookiecutter.package_name }}.plugins import (
    SECURITY_HEADERS,
    CSRFPlugin,
    SecurityHeadersPlugin,
)


@pytest.fixture
def bare_client() -> TestApp:
    app = Bottle()
    app.install(SecurityHeadersPlugin(hsts_seconds=0))
    app.install(CSRFPlugin("secret", secure_cookie=False))
    app.get("/text", callback=lambda: "text")
    app.get("/response", callback=lambda: HTTPResponse("made", status=202))
    app.get("/redirect", callback=lambda: redirect("/text"))
    app.post("/form", callback=lambda: "posted")
    app.post("/no-form", callback=lambda: "posted", skip=[CSRFPlugin])
    return TestApp(app)


@pytest.mark.parametrize("path", ["/text", "/response", "/redirect"])
def test_security_headers_on_returned_and_raised_responses(bare_client: TestApp, path: str) -> None:
    res = bare_client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert res.headers[name] == value


def test_csrf_guards_unsafe_methods_unless_the_route_skips_it(bare_client: TestApp) -> None:
    bare_client.post("/form", status=403)
    assert bare_client.post("/no-form").text == "posted"
