"""The home page, the health check, the favicon, error pages and the security headers."""

import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils.html import escape

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def assert_security_headers(response: HttpResponseBase) -> None:
    for header, value in SECURITY_HEADERS.items():
        assert response[header] == value, header
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_home_shows_the_project_name(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert escape(settings.PROJECT_NAME) in response.content.decode()


@override_settings(PROJECT_NAME='<script>alert("hi")</script>')
def test_home_escapes_the_project_name(client: Client) -> None:
    body = client.get("/").content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in body


def test_health(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_is_answered_before_sessions_users_and_messages(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    request = response.wsgi_request
    assert not any(hasattr(request, name) for name in ("session", "user", "_messages"))
    assert not response.cookies
    assert_security_headers(response)


def test_health_takes_only_get_and_head(client: Client) -> None:
    assert client.head("/health").status_code == 200
    assert client.post("/health").status_code == 405


def test_unknown_route_is_404(client: Client) -> None:
    assert client.get("/no/such/page").status_code == 404


def test_favicon_leads_to_the_static_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    assert 'rel="icon"' in client.get("/").content.decode()


def test_unknown_route_has_the_project_page_without_inline_style(client: Client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "<style" not in body and "style=" not in body


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "500.html"])
def test_error_templates_have_no_inline_style_or_script(template: str) -> None:
    body = render_to_string(template)
    assert "<style" not in body and "style=" not in body and "<script" not in body


def test_csrf_failure_is_the_project_page_without_inline_style() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Form expired" in body
    assert "<style" not in body and "style=" not in body
    assert_security_headers(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/health", "/favicon.ico", "/api/items", "/api/items/999999", "/no/such/page"],
    ids=["home", "health", "favicon", "api", "api-404", "404"],
)
def test_every_response_has_the_security_headers(client: Client, path: str) -> None:
    assert_security_headers(client.get(path))


@override_settings(DEBUG=True)
def test_debug_error_pages_keep_their_inline_styles(client: Client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Content-Security-Policy" not in response
    assert client.get("/")["Content-Security-Policy"]


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_https_is_enforced_except_for_the_health_check(client: Client) -> None:
    redirect = client.get("/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/"
    assert_security_headers(redirect)
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    assert client.get("/health").status_code == 200
