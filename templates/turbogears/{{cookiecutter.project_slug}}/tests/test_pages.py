"""The home page, the health check, static files, errors, security headers and CSRF."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from webtest import TestApp

from {{ cookiecutter.package_name }}.security import (
    SecurityHeadersMiddleware,
)
from {{ cookiecutter.package_name }}.settings import PROJECT_NAME

PATHS = ["/", "/health", "/style.css", "/no/such/page"{% if cookiecutter.database != 'none' %}, "/api/items"{% endif %}]


def test_home_page_shows_the_escaped_project_name(app: TestApp) -> None:
    page = app.get("/")
    assert page.status_int == 200
    assert page.content_type == "text/html"
    # Kajiki escapes every value: the name shows as text, never as markup.
    assert PROJECT_NAME in html.unescape(page.text)
    assert "<" not in PROJECT_NAME or PROJECT_NAME not in page.text
    assert 'href="/favicon.svg"' in page.text


def test_health(app: TestApp) -> None:
    answer = app.get("/health")
    assert (answer.status_int, answer.json) == (200, {"status": "ok"})


@pytest.mark.parametrize(
    ("path", "content_type"), [("/style.css", "text/css"), ("/favicon.svg", "image/svg+xml")]
)
def test_static_files(app: TestApp, path: str, content_type: str) -> None:
    answer = app.get(path)
    assert (answer.status_int, answer.content_type) == (200, content_type)


def test_unknown_route_is_404(app: TestApp) -> None:
    assert app.get("/no/such/page", status=404).status_int == 404


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(app: TestApp, path: str) -> None:
    headers = app.get(path, expect_errors=True).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def test_no_hsts_over_plain_http(app: TestApp) -> None:
    headers = app.get("/health", extra_environ={"wsgi.url_scheme": "http"}).headers
    assert "Strict-Transport-Security" not in headers
    assert headers["X-Frame-Options"] == "DENY"


def test_favicon_ico_is_the_icon(app: TestApp) -> None:
    icon = app.get("/favicon.ico")
    assert icon.content_type == "image/svg+xml"
    assert icon.body == app.get("/favicon.svg").body


def _hello(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


def test_hsts_lasts_hsts_seconds() -> None:
    app = TestApp(SecurityHeadersMiddleware(_hello, hsts_seconds=31536000))
    headers = app.get("/", extra_environ={"wsgi.url_scheme": "https"}).headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_hsts_with_allow_http() -> None:
    app = TestApp(SecurityHeadersMiddleware(_hello, hsts_seconds=None))
    headers = app.get("/", extra_environ={"wsgi.url_scheme": "https"}).headers
    assert "Strict-Transport-Security" not in headers
    assert headers["X-Frame-Options"] == "DENY"


def test_a_form_post_without_csrf_token_is_refused(app: TestApp) -> None:
    assert app.post("/", {"field": "value"}, status=403).status_int == 403
