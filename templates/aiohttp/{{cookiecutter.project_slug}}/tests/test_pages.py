"""The home page, /health, static files, errors and the security headers."""

from __future__ import annotations

from dataclasses import replace

import pytest
from aiohttp import web
from markupsafe import escape
from pytest_aiohttp import AiohttpClient

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import (
    PROJECT_NAME,
    Settings,
)
from {{ cookiecutter.package_name }}.security import SECURITY_HEADERS

from .conftest import Client


async def test_home_page_shows_the_project_name(client: Client) -> None:
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    assert f"<h1>{escape(PROJECT_NAME)}</h1>" in page


async def test_home_page_escapes_the_project_name(
    aiohttp_client: AiohttpClient, settings: Settings
) -> None:
    odd = replace(settings, project_name="<script>x</script>")
    client = await aiohttp_client(create_app(odd))
    page = await (await client.get("/")).text()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


async def test_page_scripts_and_styles_are_files(client: Client) -> None:
    page = await (await client.get("/")).text()
    assert "<style" not in page
    assert "<script>" not in page  # no inline script: the CSP allows none
    for path in ["/static/style.css", "/static/favicon.svg"{% if cookiecutter.database != 'none' %}, "/static/live.js"{% endif %}]:
        assert path in page
        response = await client.get(path)
        assert response.status == 200, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_favicon_ico_is_the_icon(client: Client) -> None:
    response = await client.get("/favicon.ico")
    assert response.status == 200
    assert response.content_type == "image/svg+xml"
    assert await response.read() == await (await client.get("/static/favicon.svg")).read()


async def test_health(client: Client) -> None:
    response = await client.get("/health")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_unknown_page_is_a_404_page(client: Client) -> None:
    response = await client.get("/no/such/page")
    assert response.status == 404
    assert response.content_type == "text/html"
    assert "404 Not Found" in await response.text()


async def test_unknown_static_file_is_404(client: Client) -> None:
    assert (await client.get("/static/nothing.css")).status == 404


async def test_wrong_method_is_405_with_allow(client: Client) -> None:
    response = await client.post("/health")
    assert response.status == 405
    assert "GET" in response.headers["Allow"]


PATHS = ["/", "/health", "/no/such/page", "/static/style.css"{% if cookiecutter.database != 'none' %}, "/api/items", "/api/items/0"{% endif %}]


@pytest.mark.parametrize("path", PATHS)
async def test_security_headers_on_every_response(client: Client, path: str) -> None:
    response = await client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert response.headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


async def test_csp_allows_nothing_inline() -> None:
    policy = SECURITY_HEADERS["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy


async def test_no_hsts_in_debug_mode(aiohttp_client: AiohttpClient, settings: Settings) -> None:
    debug = replace(settings, debug=True)
    client = await aiohttp_client(create_app(debug))
    response = await client.get("/health")
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


async def _boom(request: web.Request) -> web.Response:
    raise RuntimeError("secret detail")


@pytest.mark.parametrize("path", ["/boom", "/api/boom"])
async def test_unexpected_error_is_a_500_without_details(
    aiohttp_client: AiohttpClient, app: web.Application, path: str
) -> None:
    app.router.add_get(path, _boom)
    client = await aiohttp_client(app)
    response = await client.get(path)
    assert response.status == 500
    body = await response.text()
    assert "secret detail" not in body and "Traceback" not in body
    assert response.headers["X-Frame-Options"] == "DENY"
    if path.startswith("/api/"):
        assert await response.json() == {"error": "Internal Server Error"}
    else:
        assert response.content_type == "text/html"


async def test_hsts_seconds(aiohttp_client: AiohttpClient, settings: Settings) -> None:
    client = await aiohttp_client(create_app(replace(settings, hsts_seconds=31536000)))
    response = await client.get("/health")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


async def test_no_hsts_with_allow_http(aiohttp_client: AiohttpClient, settings: Settings) -> None:
    client = await aiohttp_client(create_app(replace(settings, allow_http=True)))
    response = await client.get("/health")
    assert "Strict-Transport-Security" not in response.headers
