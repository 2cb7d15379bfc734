"""The WSGI application: the instance's repository behind Pyramid, built by cubicweb.pyramid.

gunicorn calls ``make_app()`` in each worker (see the serve command in the README), so
every worker opens its own repository and database connections.
"""

from urllib.parse import urlsplit

from pyramid.router import Router

from .security import (
    ALLOW_HTTP_SETTING,
    DEBUG_SETTING,
    HSTS_SECONDS_SETTING,
    SECRET_KEY_SETTING,
    configure_csrf,
)
from .settings import prepare_environment


def make_app(*, debug: bool | None = None) -> Router:
    """Build the application of this project's instance, in production configuration.

    ``debug`` overrides ``DEBUG`` (the development server passes True).
    """
    settings = prepare_environment()
    debug = settings.debug if debug is None else debug
    # cubicweb.cwconfig reads CW_MODE when imported: after prepare_environment.
    from cubicweb.cwconfig import CubicWebConfiguration
    from cubicweb.pyramid import config_from_cwconfig

    cwconfig = CubicWebConfiguration.config_for(settings.instance, debugmode=False)
    config = config_from_cwconfig(
        cwconfig,
        settings={
            SECRET_KEY_SETTING: settings.secret_key,
            DEBUG_SETTING: str(debug).lower(),
            ALLOW_HTTP_SETTING: str(settings.allow_http).lower(),
            HSTS_SECONDS_SETTING: str(settings.hsts_seconds),
            # Pyramid checks the Origin (or Referer) of form posts over HTTPS: other host
            # names in front of this one, from CSRF_TRUSTED_ORIGINS.
            "pyramid.csrf_trusted_origins": " ".join(
                urlsplit(origin).netloc or origin for origin in settings.csrf_trusted_origins
            ),
        },
    )
    configure_csrf(config)
    return config.make_wsgi_app()
