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

#: Pyramid settings this cube reads (set by wsgi.make_app, or by the tests).
SECRET_KEY_SETTING = "{{ cookiecutter.__cube }}.secret_key"
DEBUG_SETTING = "{{ cookiecutter.__cube }}.debug"
#: "true": production over plain HTTP on your own machine (no HSTS, no Secure cookies).
ALLOW_HTTP_SETTING = "{{ cookiecutter.__cube }}.allow_http"
#: Strict-Transport-Security max-age in seconds (default 3600).
HSTS_SECONDS_SETTING = "{{ cookiecutter.__cube }}.hsts_seconds"

Handler = Callable[[Request], Response]


def security_headers_tween_factory(handler: Handler, registry: Registry) -> Handler:
    """Return a tween setting the security headers on every response, errors included.

    It sits above Pyramid's exception view tween, so 404s and error pages get them too.
    """
    headers = dict(SECURITY_HEADERS)
    if _secure(registry.settings):  # browsers heed HSTS over HTTPS only
        seconds = int(registry.settings.get(HSTS_SECONDS_SETTING, 3600))
        headers["Strict-Transport-Security"] = f"max-age={seconds}; includeSubDomains"

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
        secure=_secure(settings),
        httponly=True,
        samesite="Strict",
        hashalg="sha512",
        salt="{{ cookiecutter.__cube }}.session",
        timeout=3600,
        serializer=JSONSerializer(),
    )
    config.set_session_factory(factory)


def configure_csrf(config: Configurator) -> None:
    """Keep CSRF tokens in a cookie (as CubicWeb does), HttpOnly and Secure in production.

    Call it from the root configuration: an include cannot override the policy that
    ``cubicweb.pyramid`` sets.
    """
    secure = _secure(config.get_settings())
    config.set_csrf_storage_policy(
        CookieCSRFStoragePolicy(cookie_name="csrf_token", secure=secure, httponly=True)
    )


def _flag(settings: Any, name: str) -> bool:
    return str(settings.get(name, "false")).lower() in {"1", "true", "yes", "on"}


def _secure(settings: Any) -> bool:
    """HTTPS only (HSTS, Secure cookies) unless DEBUG or ALLOW_HTTP."""
    return not (_flag(settings, DEBUG_SETTING) or _flag(settings, ALLOW_HTTP_SETTING))
