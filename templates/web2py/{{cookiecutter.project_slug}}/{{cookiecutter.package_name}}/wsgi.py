"""The WSGI application: web2py serving this folder, with security headers on every response.

Like web2py's own handlers/wsgihandler.py: gunicorn serves ``application`` (see the serve
command) and the development server (devserver.py) runs it in web2py's Rocket server.
"""

import os
from collections.abc import Callable, Iterable

from {{ cookiecutter.package_name }}.settings import (
    APPLICATION,
    ROOT,
    get_settings,
)

SETTINGS = get_settings()  # refuses to start without SECRET_KEY in production

# gluon finds its root (VERSION, routes.py, applications/: the project root, read by path)
# through web2py_path when it is first imported; the tests point it at a throwaway copy.
os.environ.setdefault("web2py_path", str(ROOT))

from gluon.settings import global_settings  # noqa: E402

global_settings.web2py_runtime_handler = True  # served through WSGI, not by web2py.py

import gluon.main  # noqa: E402
from gluon.shell import env  # noqa: E402

from {{ cookiecutter.package_name }} import database  # noqa: E402

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
)

StartResponse = Callable[..., Callable[[bytes], object]]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


def harden_cookie(cookie: str, *, secure: bool) -> str:
    """Add HttpOnly, SameSite=Lax and (in production) Secure to a Set-Cookie value."""
    present = {part.split("=", 1)[0].strip().lower() for part in cookie.split(";")[1:]}
    wanted = [("httponly", "HttpOnly"), ("samesite", "SameSite=Lax")]
    if secure:
        wanted.append(("secure", "Secure"))
    return "; ".join([cookie, *(flag for name, flag in wanted if name not in present)])


def secured(app: WSGIApp, *, https_only: bool, hsts_seconds: int) -> WSGIApp:
    """Wrap ``app``: security headers on every response, errors included; hardened cookies.

    web2py raises its errors (404, 400, tickets) before or outside the application code,
    so the headers are set here, around everything gluon answers. With ``https_only``
    (production, unless ALLOW_HTTP=true), cookies are Secure and HTTPS responses carry
    Strict-Transport-Security for ``hsts_seconds``.
    """
    hsts = ("Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains")

    def application(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        https = "https" in (environ.get("wsgi.url_scheme"), environ.get("HTTP_X_FORWARDED_PROTO"))

        def start(status: str, headers: list, exc_info: object = None) -> Callable[[bytes], object]:
            dropped = {"x-powered-by"}
            if status[:3] in ("204", "304"):  # no body, so no Content-Type (gluon sets one)
                dropped.add("content-type")
            headers = [
                (name, harden_cookie(value, secure=https_only))
                if name.lower() == "set-cookie"
                else (name, value)
                for name, value in headers
                if name.lower() not in dropped
            ]
            extra = [*SECURITY_HEADERS, hsts] if https_only and https else SECURITY_HEADERS
            present = {name.lower() for name, _ in headers}
            headers.extend(header for header in extra if header[0].lower() not in present)
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return application


application = secured(
    gluon.main.wsgibase, https_only=SETTINGS.https_only, hsts_seconds=SETTINGS.hsts_seconds
)


def migrate() -> None:
    """Create or alter the tables the models define.

    The servers call it once at start; requests never migrate (models/db.py). It runs the
    models as web2py's shell does, with ``request.is_shell`` set, which defines the tables
    with migrations on; then it drops that DAL, so that requests get one without.
    """
    folder = os.path.join(global_settings.applications_parent, "applications", APPLICATION)
    env(APPLICATION, import_models=True, dir=folder, extra_request={"is_shell": True})
    database.forget()
