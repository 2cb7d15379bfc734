"""Security headers (a Pyramid tween), the session factory and the CSRF cookie policy."""

import json
from collections.abc import Callable
from typing import Any

from pyramid.config import Configurator
from pyramid.csrf import CookieCSRFStoragePolicy
from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.response import Response
from pyramid.session import SignedCookieSessionFactory

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
        " frame-ancestors 'none'; base-uri 'none'"
    ),
}
HSTS = "max-age=31536000; includeSubDomains"  # production only: browsers then insist on HTTPS

#: Pyramid settings this cube reads (set by wsgi.make_app, or by the tests).
SECRET_KEY_SETTING = "{{ cookiecutter.package_name }}.secret_key"
DEBUG_SETTING = "{{ cookiecutter.package_name }}.debug"

Handler = Callable[[Request], Response]


def security_headers_tween_factory(handler: Handler, registry: Registry) -> Handler:
    """Return a tween setting the security headers on every response, errors included.

    It sits above Pyramid's exception view tween, so 404s and error pages get them too.
    """
    headers = dict(SECURITY_HEADERS)
    if not _debug(registry.settings):
        headers["Strict-Transport-Security"] = HSTS

    def security_headers_tween(request: Request) -> Response:
        response = handler(request)
        response.headers.update(headers)
        return response

    return security_headers_tween


class JSONSerializer:
    """Session data as JSON: unlike Pyramid's default pickle, a stolen key runs no code."""

    def dumps(self, value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    def loads(self, value: bytes) -> Any:
        try:
            return json.loads(value)
        except ValueError as error:  # a malformed cookie is a new session, not a crash
            raise ValueError("malformed session cookie") from error


def configure_sessions(config: Configurator) -> None:
    """Install a signed-cookie session factory: JSON, HttpOnly, SameSite, Secure in production.

    It replaces ``cubicweb.pyramid.default_session`` (pickle, no Secure flag), which every
    worker warns about.
    """
    settings = config.get_settings()
    secret = settings.get(SECRET_KEY_SETTING)
    if not secret:
        raise ValueError(f"the Pyramid setting {SECRET_KEY_SETTING} (SECRET_KEY) is required")
    factory = SignedCookieSessionFactory(
        secret,
        cookie_name="session",
        secure=not _debug(settings),
        httponly=True,
        samesite="Strict",
        hashalg="sha512",
        salt="{{ cookiecutter.package_name }}.session",
        timeout=3600,
        serializer=JSONSerializer(),
    )
    config.set_session_factory(factory)


def configure_csrf(config: Configurator) -> None:
    """Keep CSRF tokens in a cookie (as CubicWeb does), HttpOnly and Secure in production.

    Call it from the root configuration: an include cannot override the policy that
    ``cubicweb.pyramid`` sets.
    """
    secure = not _debug(config.get_settings())
    config.set_csrf_storage_policy(
        CookieCSRFStoragePolicy(cookie_name="csrf_token", secure=secure, httponly=True)
    )


def _debug(settings: Any) -> bool:
    return str(settings.get(DEBUG_SETTING, "false")).lower() in {"1", "true", "yes", "on"}
