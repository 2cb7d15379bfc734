{%- set items = cookiecutter.database != 'none' -%}
"""The pages every project has: home, health, errors, static files, security headers, XSRF."""

from __future__ import annotations

from tornado.httpclient import HTTPResponse

from {{ cookiecutter.package_name }}.config import PROJECT_NAME
from {{ cookiecutter.package_name }}.web import HSTS, SECURITY_HEADERS

from .support import AppTestCase, parsed


def assert_security_headers(response: HTTPResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.effective_url, name)


class TestPages(AppTestCase):
    def test_home_page_shows_the_project_name_escaped(self) -> None:
        response = self.fetch("/")
        assert response.code == 200
        assert response.headers["Content-Type"].startswith("text/html")
        page = response.body.decode()
        escaped = (
            PROJECT_NAME.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;")
        )
        assert escaped in page
        assert "<script>" not in page  # no inline script: the CSP forbids it
{%- if items %}
        assert "live.js" in page
{%- endif %}

    def test_health(self) -> None:
        response = self.fetch("/health")
        assert (response.code, parsed(response)) == (200, {"status": "ok"})

    def test_unknown_route_is_an_html_404(self) -> None:
        response = self.fetch("/no/such/page")
        assert response.code == 404
        assert response.headers["Content-Type"].startswith("text/html")
        assert b"Traceback" not in response.body

    def test_unknown_api_route_is_a_json_404(self) -> None:
        response = self.fetch("/api/nothing")
        assert response.code == 404
        assert "error" in parsed(response)

    def test_static_files_and_favicon(self) -> None:
        for path in ("/static/style.css", "/static/favicon.svg"{% if items %}, "/static/live.js"{% endif %}):
            response = self.fetch(path)
            assert response.code == 200, path
            assert_security_headers(response)

    def test_security_headers_on_every_kind_of_response(self) -> None:
        for path in ("/", "/health", "/no/such/page"{% if items %}, "/api/items", "/api/items/999"{% endif %}):
            assert_security_headers(self.fetch(path))

    def test_hsts_over_https_only(self) -> None:
        assert "Strict-Transport-Security" not in self.fetch("/").headers
        behind_proxy = self.fetch("/", headers={"X-Forwarded-Proto": "https"})
        assert behind_proxy.headers["Strict-Transport-Security"] == HSTS

    def test_a_post_without_its_xsrf_token_is_refused(self) -> None:
        response = self.fetch("/", method="POST", body="")
        assert response.code == 403
        assert_security_headers(response)

    def test_health_refuses_other_methods(self) -> None:
        response = self.fetch("/health", method="DELETE")
        assert response.code == 405
        assert "error" in parsed(response)
