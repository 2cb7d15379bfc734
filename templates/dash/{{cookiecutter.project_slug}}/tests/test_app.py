"""The pages, the health check, errors, and the headers on every kind of response."""

import html
import re

import pytest
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import App, config


def test_home_page_names_the_project_in_its_html(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert f"<title>{html.escape(config.PROJECT_NAME)}</title>".encode() in response.data


def test_analytics_page_is_served(client: FlaskClient) -> None:
    response = client.get("/analytics")
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_title_is_escaped(app: App) -> None:
    with app.server.test_request_context("/"):
        page = app.interpolate_index(
            metas="", title="<b>&</b>", css="", config="", scripts="", app_entry="", renderer=""
        )
    assert "<title>&lt;b&gt;&amp;&lt;/b&gt;</title>" in page


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/no/such/page", "/analytics/more", "/_dash-nothing"])
def test_unknown_route_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_unknown_api_route_is_a_json_404(client: FlaskClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert "error" in response.get_json()


@pytest.mark.parametrize("path", ["/", "/analytics", "/health", "/no/such/page"])
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "Strict-Transport-Security" not in headers


def test_hsts_over_https(client: FlaskClient) -> None:
    response = client.get("/health", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"




def test_policy_allows_the_inline_script_of_the_page_by_hash(
    app: App, client: FlaskClient
) -> None:
    response = client.get("/")
    inline = re.findall(rb"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", response.data)
    assert inline, "Dash's page has its renderer script inline"
    for script_hash in app.csp_hashes():
        assert script_hash in response.headers["Content-Security-Policy"]


def test_fingerprinted_bundles_are_cached_for_a_year(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+\.v[^"]+\.js)"', page)
    assert bundles
    response = client.get(bundles[0])
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache_control
    assert "immutable" in cache_control


def test_assets_are_cached_by_version(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    stylesheet = re.search(r'href="(/assets/style\.css\?m=[^"]+)"', page)
    assert stylesheet
    response = client.get(stylesheet.group(1))
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    unversioned = client.get("/assets/style.css")
    assert "no-cache" in unversioned.headers["Cache-Control"]


def test_favicon(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    icon = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', page)
    assert icon
    assert client.get(icon.group(1)).status_code == 200


def test_favicon_ico(client: FlaskClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype in {"image/vnd.microsoft.icon", "image/x-icon"}


def test_cross_site_callbacks_are_refused(client: FlaskClient) -> None:
    response = client.post(
        "/_dash-update-component", json={}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403

