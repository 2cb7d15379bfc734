"""The home page, /health, static files, errors and the security headers."""

from cwtest import AppTest
from markupsafe import escape

from cubicweb_{{ cookiecutter.__cube }}.security import (
    SECURITY_HEADERS,
)
from cubicweb_{{ cookiecutter.__cube }}.settings import (
    PROJECT_NAME,
)


class PagesTest(AppTest):
    def test_home_page_shows_the_project_name(self) -> None:
        page = self.webapp.get("/", status=200)
        assert page.content_type == "text/html"
        assert str(escape(PROJECT_NAME)) in page.text  # as Jinja2 escapes it

    def test_home_page_lists_items_with_rql(self) -> None:
        with self.admin_access.cnx() as cnx:
            cnx.create_entity("Item", name="<b>listed</b>")
            cnx.commit()
        page = self.webapp.get("/", status=200)
        assert "&lt;b&gt;listed&lt;/b&gt;" in page.text  # escaped by Jinja2
        assert "Any X, N ORDERBY X DESC" in page.text

    def test_the_form_adds_an_item_with_a_csrf_token(self) -> None:
        form = self.webapp.get("/").forms[0]
        form["name"] = "from the form"
        answer = form.submit(status=303)
        assert "from the form" in answer.follow().text

    def test_the_form_without_csrf_token_is_refused(self) -> None:
        self.webapp.get("/")
        answer = self.webapp.post("/", {"name": "forged"}, status=403)
        assert "error" in answer.json
        assert "forged" not in self.webapp.get("/").text

    def test_csrf_cookie_is_secure(self) -> None:
        page = self.webapp.get("/")
        cookie = page.headers["Set-Cookie"].lower()
        assert "secure" in cookie
        assert "httponly" in cookie

    def test_health(self) -> None:
        answer = self.webapp.get("/health", status=200)
        assert answer.content_type == "application/json"
        assert answer.json == {"status": "ok"}

    def test_unknown_route_is_a_json_404(self) -> None:
        answer = self.webapp.get("/no/such/page", status=404)
        assert answer.json == {"error": "not found"}

    def test_static_files_and_favicon(self) -> None:
        self.webapp.get("/static/style.css", status=200)
        icon = self.webapp.get("/favicon.ico", status=200)
        assert icon.content_type == "image/svg+xml"

    def test_security_headers_on_every_kind_of_response(self) -> None:
        answers = [
            self.webapp.get("/"),
            self.webapp.get("/health"),
            self.webapp.get("/api/items"),
            self.webapp.get("/no/such/page", status=404),
            self.webapp.post("/api/items", b"{", content_type="application/json", status=400),
        ]
        for answer in answers:
            for name, value in SECURITY_HEADERS.items():
                assert answer.headers[name] == value, (answer.request.path, name)
            hsts = answer.headers["Strict-Transport-Security"]
            assert hsts == "max-age=3600; includeSubDomains"
