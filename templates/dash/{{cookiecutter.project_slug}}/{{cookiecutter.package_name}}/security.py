"""Security and caching headers on every response of Dash's Flask server, errors included.

The Content-Security-Policy lets the page run scripts from this site only, plus the inline
script Dash writes into it (``new DashRenderer()``), allowed by its hash
(``Dash.csp_hashes()``). Dash's bundles add their CSS as ``<style>`` elements: those carry a
fresh nonce per page, which ``static/csp-nonce.js`` (loaded first, with the nonce) gives them.
No ``'unsafe-inline'``, no ``'unsafe-eval'``.
"""

import secrets
from urllib.parse import urlsplit

from dash import Dash
from flask import Flask, Response, abort, current_app, g, request

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

#: ``{script_hashes}`` is filled in once per process, ``{nonce}`` per response. Plotly draws
#: its charts as SVG and exports images as ``data:`` URLs.
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self' {script_hashes}; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

ONE_YEAR = 31536000
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def csp_nonce() -> str:
    """Return the nonce of the current response, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    nonce: str = g.csp_nonce
    return nonce


def refuse_cross_site_writes() -> None:
    """Refuse a write that a browser says comes from another site (CSRF protection).

    Dash's callbacks and the items API accept JSON only, which a page elsewhere cannot send
    without the browser asking first; checking Origin as well stops the rest. Origins listed
    in CSRF_TRUSTED_ORIGINS (another host name in front of this one) are let through.
    """
    origin = request.headers.get("Origin")
    if request.method not in UNSAFE_METHODS or not origin:
        return
    trusted = current_app.config.get("CSRF_TRUSTED_ORIGINS", ())
    if urlsplit(origin).netloc != request.host and origin.rstrip("/") not in trusted:
        abort(403, description="Cross-site request refused.")


def set_cache_headers(response: Response) -> None:
    """Cache what never changes under its URL for a year; revalidate the other assets.

    Dash fingerprints its component bundles (``dash_core_components.v4_4_1m1700000000.js``) and
    adds ``?m=<modification time>`` to the files of ``assets/``: a new version, a new URL.
    """
    path = request.path
    fingerprinted = path.startswith("/_dash-component-suites/") and response.cache_control.max_age
    versioned_asset = path.startswith("/assets/") and "m" in request.args
    if response.status_code == 200 and (fingerprinted or versioned_asset):
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    elif path.startswith(("/assets/", "/static/")):
        response.cache_control.no_cache = True


def init_app(server: Flask, app: Dash) -> None:
    """Register the headers and the cross-site check on ``server``, the Flask server of ``app``."""
    policies: list[str] = []

    def policy() -> str:
        if not policies:  # once, after Dash's first request has registered its inline scripts
            hashes = " ".join(app.csp_hashes())
            policies.append(CSP_TEMPLATE.replace("{script_hashes}", hashes))
        return policies[0].replace("{nonce}", csp_nonce())

    def set_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", policy())
        hsts = server.config.get("HSTS")
        if hsts and request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", hsts)
        set_cache_headers(response)
        return response

    server.before_request(refuse_cross_site_writes)
    server.after_request(set_headers)
