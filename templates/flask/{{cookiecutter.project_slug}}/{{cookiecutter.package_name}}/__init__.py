"""The application factory: ``create_app()`` builds and configures the Flask app."""
{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import {% if cookiecutter.auth == 'yes' %}auth, {% endif %}config, errors, health, {% if cookiecutter.database != 'none' %}items, {% endif %}pages, security
{%- if uses_db %}
from .extensions import {% if cookiecutter.auth == 'yes' %}csrf, {% endif %}db{% if cookiecutter.auth == 'yes' %}, limiter, login_manager{% endif %}, migrate
{%- endif %}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the application, configured from the environment or from ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        app.config.from_mapping(config.from_environment())
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)
{% if cookiecutter.auth == 'yes' %}
    csrf.init_app(app)
{%- endif %}
{%- if uses_db %}
    db.init_app(app)
    migrate.init_app(app, db)
{%- endif %}
{%- if cookiecutter.auth == 'yes' %}
    login_manager.init_app(app)
    limiter.init_app(app)
{%- endif %}
    security.init_app(app)
    errors.init_app(app)

    app.register_blueprint(pages.bp)
    app.register_blueprint(health.bp)
{%- if cookiecutter.database != 'none' %}
    app.register_blueprint(items.bp)
{%- if cookiecutter.auth == 'yes' %}
    # The JSON API authenticates no browser session, so CSRF tokens would only get in its way.
    csrf.exempt(items.bp)
{%- endif %}
{%- endif %}
{%- if cookiecutter.auth == 'yes' %}
    app.register_blueprint(auth.bp)
{%- endif %}
    return app
