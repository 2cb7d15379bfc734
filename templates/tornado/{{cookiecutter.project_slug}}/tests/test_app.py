{%- set items = cookiecutter.database != 'none' -%}
"""The pages every project has: home, health, errors, static files, security headers, XSRF."""

from __future__ import annotations

from tornado.httpclient import HTTPResponse

from {{ cookiecutter.package_name }}.app import Application
from {{ cookiecutter.package_name }}.config import PROJECT_NAME
from {{ cookiecutter.package_name }}.web import SECURITY_HEADERS

from .support import AppTestCase, parsed, settings


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

    def test_favicon_ico_is_the_icon(self) -> None:
        response = self.fetch("/favicon.ico")
        assert response.code == 200
        assert response.headers["Content-Type"] == "image/svg+xml"
        assert response.body == self.fetch("/static/favicon.svg").body

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
        hsts = behind_proxy.headers["Strict-Transport-Security"]
        assert hsts == "max-age=3600; includeSubDomains"

    def test_cookies_are_secure(self) -> None:
        assert self.app.settings["secure_cookies"] is True
        assert self.app.settings["xsrf_cookie_kwargs"]["secure"] is True

    def test_a_post_without_its_xsrf_token_is_refused(self) -> None:
        response = self.fetch("/", method="POST", body="")
        assert response.code == 403
        assert_security_headers(response)

    def test_health_refuses_other_methods(self) -> None:
        response = self.fetch("/health", method="DELETE")
        assert response.code == 405
        assert "error" in parsed(response)


class TestHstsSeconds(AppTestCase):
    def get_app(self) -> Application:
        self.app = Application(settings(hsts_seconds=31536000))
        return self.app

    def test_hsts_lasts_hsts_seconds(self) -> None:
        response = self.fetch("/", headers={"X-Forwarded-Proto": "https"})
        hsts = response.headers["Strict-Transport-Security"]
        assert hsts == "max-age=31536000; includeSubDomains"


class TestAllowHttp(AppTestCase):
    def get_app(self) -> Application:
        self.app = Application(settings(allow_http=True))
        return self.app

    def test_no_hsts_and_cookies_without_secure(self) -> None:
        response = self.fetch("/", headers={"X-Forwarded-Proto": "https"})
        assert "Strict-Transport-Security" not in response.headers
        assert self.app.settings["secure_cookies"] is False
        assert self.app.settings["xsrf_cookie_kwargs"]["secure"] is False
