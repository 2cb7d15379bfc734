"""The home page, the health check, unknown routes, errors and the security headers."""

import pydal.objects
import pytest

from {{ cookiecutter.package_name }}.settings import PROJECT_NAME

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def assert_secured(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "X-Powered-By" not in response.headers


def test_home_page_shows_the_project_name_escaped(client):
    response = client.get("/")
    assert response.status_int == 200
    assert response.content_type == "text/html"
    assert response.html.h1.string == PROJECT_NAME
    assert response.html.title.string == PROJECT_NAME
    assert_secured(response)


def test_home_page_links_the_api_formats(client):
    links = {a["href"] for a in client.get("/").html.find_all("a")}
    assert {"/api/items", "/api/items.xml", "/api/items.rss", "/health"} <= links


def test_stylesheet_is_served_with_the_headers(client):
    response = client.get("/static/css/app.css")
    assert response.status_int == 200
    assert response.content_type == "text/css"
    assert_secured(response)


def test_health_answers_plain_http_without_a_cookie(plain_client):
    response = plain_client.get("/health")
    assert response.status_int == 200
    assert response.content_type == "application/json"
    assert response.json == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert_secured(response)


def test_https_responses_ask_for_strict_transport_security(client, plain_client):
    assert client.get("/health").headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in plain_client.get("/health").headers


@pytest.mark.parametrize(
    "path",
    ["/nope", "/api/nope", "/default/nope", "/api", "/error", "/static/nope.css", "/admin"],
)
def test_unknown_routes_are_404_with_the_headers(client, path):
    response = client.get(path, status=404)
    assert_secured(response)


def test_an_internal_error_on_a_page_is_a_plain_page(client, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gluon.globals.Response.json", fail)
    response = client.get("/health", status=500)
    assert response.content_type == "text/html"
    assert "Internal error" in response.text
    assert "boom" not in response.text
    assert "ticket" not in response.text.lower()
    assert_secured(response)


def test_an_internal_error_in_the_api_is_json(client, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pydal.objects.Set, "select", fail)
    response = client.get("/api/items", status=500)
    assert response.json == {"error": "internal server error"}
    assert_secured(response)


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.content_type == "image/svg+xml"
    assert response.body.startswith(b"<svg")
    assert "Set-Cookie" not in response.headers
    assert client.get("/static/favicon.svg").body == response.body


def test_pages_have_no_inline_style_or_script(client):
    html = client.get("/").html
    assert not html.find_all(style=True)
    assert not html.find_all(["script", "style"])
    assert html.find("link", rel="icon")
