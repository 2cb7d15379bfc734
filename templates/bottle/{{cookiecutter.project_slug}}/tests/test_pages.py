"""The home page and its form, which the CSRF plugin protects."""

from dataclasses import replace
from http.cookies import SimpleCookie

import pytest
from conftest import HTTPS
from webtest import TestApp

from {{ cookiecutter.package_name }} import PROJECT_NAME
from {{ cookiecutter.package_name }} import app as app_module
from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.plugins import (
    CSRF_COOKIE,
    CSRF_FIELD,
)


def test_home_page_shows_the_project_name(client: TestApp) -> None:
    res = client.get("/")
    assert res.status_code == 200
    assert res.content_type == "text/html"
    assert res.html.h1.get_text() == PROJECT_NAME
    assert res.html.title.get_text() == PROJECT_NAME


def test_home_page_escapes_what_it_shows(client: TestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "PROJECT_NAME", "<script>alert('hi')</script>")
    res = client.get("/")
    assert "<script>" not in res.text
    assert res.html.h1.get_text() == "<script>alert('hi')</script>"


def test_form_with_its_token_is_accepted_and_the_answer_escaped(client: TestApp) -> None:
    form = client.get("/").forms[0]
    form["name"] = "<b>Zoë</b> 😀"
    res = form.submit()
    assert res.status_code == 200
    assert res.html.output.get_text() == "Hello, <b>Zoë</b> 😀!"
    assert "<b>" not in res.text


def test_form_without_token_is_forbidden(client: TestApp) -> None:
    client.get("/")
    res = client.post("/", {"name": "Ada"}, status=403)
    assert res.content_type == "application/json"
    assert "CSRF" in res.json["error"]


def test_form_with_a_forged_token_is_forbidden(client: TestApp) -> None:
    client.get("/")
    client.post("/", {"name": "Ada", CSRF_FIELD: "0" * 64}, status=403)


def test_token_without_its_cookie_is_forbidden(client: TestApp) -> None:
    token = client.get("/").forms[0][CSRF_FIELD].value
    client.reset()  # forget the cookie, as a cross-site request cannot send it
    client.post("/", {"name": "Ada", CSRF_FIELD: token}, status=403)


def test_token_of_another_visitor_is_forbidden(client: TestApp) -> None:
    token = client.get("/").forms[0][CSRF_FIELD].value
    other = TestApp(client.app, extra_environ=HTTPS)
    other.get("/")
    other.post("/", {"name": "Ada", CSRF_FIELD: token}, status=403)


def csrf_cookie(client: TestApp) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(client.get("/").headers["Set-Cookie"])
    return cookie


def test_csrf_cookie_is_secure_in_production(client: TestApp) -> None:
    morsel = csrf_cookie(client)[CSRF_COOKIE]
    assert morsel["secure"]
    assert morsel["httponly"]
    assert morsel["samesite"].lower() == "strict"


def test_csrf_cookie_works_over_plain_http_in_debug(config: Config) -> None:
    client = TestApp(create_app(replace(config, debug=True)))
    assert not csrf_cookie(client)[CSRF_COOKIE]["secure"]
    form = client.get("/").forms[0]
    assert form.submit().status_code == 200


def test_page_uses_the_stylesheet_and_icon_without_inline_code(client: TestApp) -> None:
    res = client.get("/")
    assert res.html.find("link", rel="stylesheet")["href"] == "/static/style.css"
    assert res.html.find("link", rel="icon")["href"] == "/static/favicon.svg"
    assert res.html.find("script") is None
    assert res.html.find("style") is None
    assert res.html.find(style=True) is None
    policy = res.headers["Content-Security-Policy"]
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/style.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/svg+xml"),
    ],
)
def test_static_files_and_favicon(client: TestApp, path: str, content_type: str) -> None:
    res = client.get(path)
    assert res.content_type == content_type
    assert res.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/static/missing.css", "/static/../app.py", "/static/%2e%2e/app.py"])
def test_static_serves_nothing_else(client: TestApp, path: str) -> None:
    res = client.get(path, expect_errors=True)
    assert res.status_code in {403, 404}
    assert "error" in res.json
