"""The HTML pages, the health check, error pages, security headers and CSRF protection."""

import dataclasses
from collections.abc import Callable

import cherrypy
import pytest
import webtest
from markupsafe import escape

from {{ cookiecutter.package_name }}.app import Root, make_app
from {{ cookiecutter.package_name }}.config import (
    PROJECT_NAME,
    Settings,
)
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.store import ItemStore
{%- endif %}
from {{ cookiecutter.package_name }}.tools import SECURITY_HEADERS

HTTPS = {"wsgi.url_scheme": "https", "HTTP_HOST": "localhost", "SERVER_PORT": "443"}


def test_home_page_shows_the_project_name_escaped(client: webtest.TestApp) -> None:
    page = client.get("/", status=200)
    assert page.content_type == "text/html"
    assert f"<h1>{escape(PROJECT_NAME)}</h1>" in page.text


def test_form_keeps_the_visitor_name_in_the_session(client: webtest.TestApp) -> None:
    form = client.get("/").form
    form["name"] = "<script>alert(1)</script>"
    redirect = form.submit(status=303)
    assert redirect.headers["Location"] == "https://localhost/"
    page = redirect.follow(status=200)
    assert "Hello, &lt;script&gt;alert(1)&lt;/script&gt;!" in page.text
    assert "<script>" not in page.text


def test_session_cookie_is_secure_and_http_only(client: webtest.TestApp) -> None:
    cookie = client.get("/").headers["Set-Cookie"].lower()
    assert "secure" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_session_cookie_is_not_secure_in_debug_mode(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    debug_client = make_client(dataclasses.replace(settings, debug=True))
    assert "secure" not in debug_client.get("/").headers["Set-Cookie"].lower()


def test_form_without_csrf_token_is_refused(client: webtest.TestApp) -> None:
    client.get("/")
    page = client.post("/greet", {"name": "Ada"}, status=403)
    assert "CSRF" in page.text


def test_csrf_token_from_another_session_is_refused(
    client: webtest.TestApp, make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    other_token = make_client(settings).get("/").form["csrf_token"].value
    client.get("/")
    client.post("/greet", {"name": "Ada", "csrf_token": other_token}, status=403)


def test_csrf_token_is_accepted_in_a_header(client: webtest.TestApp) -> None:
    token = client.get("/").form["csrf_token"].value
    client.post("/greet", {"name": "Ada"}, headers={"X-CSRF-Token": token}, status=303)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101], ids=["empty", "blank", "too-long"])
def test_form_refuses_an_invalid_name(client: webtest.TestApp, name: str) -> None:
    form = client.get("/").form
    form["name"] = name
    form.submit(status=400)


def test_greet_only_accepts_post(client: webtest.TestApp) -> None:
    response = client.get("/greet", status=405)
    assert response.headers["Allow"] == "POST"


def test_health(client: webtest.TestApp) -> None:
    response = client.get("/health", status=200)
    assert response.json == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_static_files_are_served_with_an_expiry(client: webtest.TestApp) -> None:
    response = client.get("/static/style.css", status=200)
    assert response.content_type == "text/css"
    assert "Expires" in response.headers


def test_unknown_route_is_404_and_escaped(client: webtest.TestApp) -> None:
    page = client.get("/%3Cscript%3E", status=404)
    assert "&lt;script&gt;" in page.text
    assert "<script>" not in page.text


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/health", 200),
        ("GET", "/static/style.css", 200),
        ("GET", "/nowhere", 404),
        ("GET", "/greet", 405),
        ("POST", "/greet", 403),
{%- if cookiecutter.database != 'none' %}
        ("GET", "/api/items", 200),
        ("GET", "/api/items/0", 404),
        ("POST", "/api/items", 415),
{%- endif %}
    ],
)
def test_security_headers_are_on_every_response(
    client: webtest.TestApp, method: str, path: str, status: int
) -> None:
    response = client.request(path, method=method, body=b"{}", status=status)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_unexpected_error_shows_a_traceback_only_in_debug_mode(
    make_client: Callable[[Settings], webtest.TestApp],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    debug: bool,
) -> None:
    def broken(self: Root) -> str:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Root, "index", cherrypy.expose(broken))
    page = make_client(dataclasses.replace(settings, debug=debug)).get("/", status=500)
    assert page.headers["X-Frame-Options"] == "DENY"
    assert ("secret detail" in page.text) is debug


def test_forwarded_scheme_and_host_are_trusted_only_from_a_trusted_proxy(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.org"}
    cases = [
        (frozenset({"*"}), "https://example.org/"),
        (frozenset({"192.0.2.1"}), "https://localhost/"),
    ]
    for trusted, location in cases:
        browser = make_client(dataclasses.replace(settings, forwarded_allow_ips=trusted))
        token = browser.get("/", headers=forwarded).form["csrf_token"].value
        redirect = browser.post(
            "/greet", {"name": "Ada", "csrf_token": token}, headers=forwarded, status=303
        )
        assert redirect.headers["Location"] == location


def test_forwarded_allow_ips_is_read_from_the_environment() -> None:
    environ = {"SECRET_KEY": "x" * 32}
    assert Settings.from_env(environ).forwarded_allow_ips == {"127.0.0.1", "::1"}
    chosen = Settings.from_env({**environ, "FORWARDED_ALLOW_IPS": "10.0.0.1, 10.0.0.2"})
    assert chosen.forwarded_allow_ips == {"10.0.0.1", "10.0.0.2"}


def test_favicon_is_served(client: webtest.TestApp) -> None:
    response = client.get("/favicon.ico", status=200)
    assert response.content_type == "image/svg+xml"
    assert response.body.startswith(b"<svg")
    assert "Set-Cookie" not in response.headers


def test_pages_have_no_inline_style_or_script(client: webtest.TestApp) -> None:
    page = client.get("/")
    assert not page.html.find_all(style=True)
    assert not page.html.find_all(["script", "style"])
    assert page.html.find("link", rel="icon")


def test_https_responses_carry_hsts_in_production(client: webtest.TestApp) -> None:
    assert client.get("/health").headers["Strict-Transport-Security"] == (
        "max-age=3600; includeSubDomains"
    )
    plain = client.get("/health", extra_environ={"wsgi.url_scheme": "http"})
    assert "Strict-Transport-Security" not in plain.headers


def test_allow_http_drops_hsts_and_secure_cookies(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    browser = make_client(dataclasses.replace(settings, allow_http=True, hsts_seconds=60))
    response = browser.get("/")
    assert "Strict-Transport-Security" not in response.headers
    assert "secure" not in response.headers["Set-Cookie"].lower()


def test_hsts_seconds(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    browser = make_client(dataclasses.replace(settings, hsts_seconds=31536000))
    assert browser.get("/health").headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_sessions_and_csrf_tokens_survive_a_restart(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> None:
    browser = make_client(settings)
    form = browser.get("/").form
    form["name"] = "Ada"
    form.submit(status=303)
    token = browser.get("/").form["csrf_token"].value
    restarted = make_client(settings)  # a new application on the same session folder
    restarted.cookiejar = browser.cookiejar
    page = restarted.get("/")
    assert "Hello, Ada!" in page.text
    assert page.form["csrf_token"].value == token
    restarted.post("/greet", {"name": "Grace", "csrf_token": token}, status=303)


def test_links_follow_the_mount_point(settings: Settings{% if cookiecutter.database != 'none' %}, store: ItemStore{% endif %}) -> None:
    app = make_app(settings{% if cookiecutter.database != 'none' %}, store=store{% endif %})
    app.script_name = "/prefix"
    browser = webtest.TestApp(app, extra_environ={**HTTPS, "SCRIPT_NAME": "/prefix"})
    page = browser.get("/prefix/")
    tags = page.html.find_all(["a", "link", "form"])
    links = {tag.get("href") or tag.get("action") for tag in tags}
    assert {"/prefix/static/style.css", "/prefix/greet", "/prefix/health"} <= links
    form = page.form
    form["name"] = "Ada"
    assert form.submit(status=303).headers["Location"] == "https://localhost/prefix/"
