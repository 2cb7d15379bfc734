{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""The pages, the health check, errors and the security headers."""

from dataclasses import replace

import pytest
from falcon import testing
from markupsafe import escape

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import (
    PROJECT_NAME,
    Settings,
)
from {{ cookiecutter.package_name }}.middleware import SECURITY_HEADERS

from .client import Client

PATHS = ["/", "/health", "/static/style.css", "/no/such/page"{% if db %}, "/api/items"{% endif %}]


def test_home_page_shows_the_project_name(client: Client) -> None:
    page = client.simulate_get("/")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert f"<h1>{escape(PROJECT_NAME)}</h1>" in page.text


def test_home_page_escapes_the_project_name(settings: Settings) -> None:
    hostile = Settings(
        secret_key=settings.secret_key,
{%- if db %}
        database_url=settings.database_url,
{%- endif %}
        project_name="<script>alert(1)</script>",
    )
{%- if asgi %}
    with Client(create_app(hostile)) as client:
        page = client.simulate_get("/")
{%- else %}
    page = Client(create_app(hostile)).simulate_get("/")
{%- endif %}
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_home_page_obeys_its_content_security_policy(client: Client) -> None:
    page = client.simulate_get("/").text
    # default-src 'self' without 'unsafe-inline': no inline script, style or handler.
    assert "<script" not in page
    assert "<style" not in page
    assert "style=" not in page
    assert 'href="/static/favicon.svg"' in page


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/static/style.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/svg+xml"),
    ],
)
def test_static_files(client: Client, path: str, media_type: str) -> None:
    answer = client.simulate_get(path)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith(media_type)


def test_health(client: Client) -> None:
    answer = client.simulate_get("/health")
    assert answer.status_code == 200
    assert answer.json == {"status": "ok"}


def test_unknown_route_is_a_json_404(client: Client) -> None:
    answer = client.simulate_get("/no/such/page")
    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/json"
    assert "error" in answer.json


def test_wrong_method_is_a_json_405(client: Client) -> None:
    answer = client.simulate_post("/health")
    assert answer.status_code == 405
    assert "error" in answer.json


def test_unexpected_error_is_a_json_500_without_traceback(client: Client) -> None:
    class Broken:
        {% if asgi %}async {% endif %}def on_get(self, req: object, resp: object) -> None:
            raise RuntimeError("secret detail")

    client.app.add_route("/broken", Broken())
    answer = client.simulate_get("/broken")
    assert answer.status_code == 500
    assert "error" in answer.json
    assert "secret detail" not in answer.text
    assert "Traceback" not in answer.text


@pytest.mark.parametrize("path", PATHS)
def test_security_headers_on_every_response(client: Client, path: str) -> None:
    headers = client.simulate_get(path).headers
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert "Strict-Transport-Security" not in headers
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_hsts_over_https(client: Client) -> None:
    headers = client.simulate_get("/health", protocol="https").headers
    assert headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def get_over_https(settings: Settings) -> testing.Result:
    """Return GET /health over HTTPS from an app with these settings."""
{%- if asgi %}
    with Client(create_app(settings)) as client:
        return client.simulate_get("/health", protocol="https")
{%- else %}
    return Client(create_app(settings)).simulate_get("/health", protocol="https")
{%- endif %}


def test_hsts_seconds(settings: Settings) -> None:
    headers = get_over_https(replace(settings, hsts_seconds=31536000)).headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_allow_http_drops_hsts_and_secure_cookies(settings: Settings) -> None:
    allow_http = replace(settings, allow_http=True)
    assert not create_app(allow_http).resp_options.secure_cookies_by_default
    assert "Strict-Transport-Security" not in get_over_https(allow_http).headers


def test_cookies_are_secure_outside_debug_mode(settings: Settings) -> None:
    assert create_app(settings).resp_options.secure_cookies_by_default
    debug = Settings(
        secret_key=settings.secret_key,
{%- if db %}
        database_url=settings.database_url,
{%- endif %}
        debug=True,
    )
    assert not create_app(debug).resp_options.secure_cookies_by_default
