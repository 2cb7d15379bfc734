"""Django settings, read from the environment.

DJANGO_ENV selects the configuration: ``development`` (the default) or
``production`` (debug off, HTTPS only, secure cookies, SECRET_KEY required).
manage.py, {{ cookiecutter.package_name }}/wsgi.py and gunicorn.conf.py load .env first; real
environment variables win over it. The tests do not read .env.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
PROJECT_DESCRIPTION = {{ cookiecutter.description|quoted }}


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no environment variable: 1/0, true/false, yes/no or on/off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}."
    )
PRODUCTION = DJANGO_ENV == "production"

# Production never runs in debug mode, whatever DEBUG says.
DEBUG = not PRODUCTION and env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: production needs a long random secret key "
            "in the environment or in .env."
        )
    # Development only: a new key at each start, so sessions end on restart.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # First, so that its runserver (listening on $HOST:$PORT) replaces Django's.
    "{{ cookiecutter.package_name }}.pages",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if cookiecutter.rest_api == "drf" %}
    "rest_framework",
{%- endif %}
    "{{ cookiecutter.package_name }}.items",
{%- if cookiecutter.auth == "yes" %}
    "{{ cookiecutter.package_name }}.accounts",
{%- endif %}
]

MIDDLEWARE = [
    # The header middlewares come first so that every response carries the
    # headers, HTTPS redirects and static files included.
    "{{ cookiecutter.package_name }}.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # In production WhiteNoise serves the static files; in development, runserver does.
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "{{ cookiecutter.package_name }}.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "{{ cookiecutter.package_name }}.pages.context_processors.project",
            ],
        },
    },
]

WSGI_APPLICATION = "{{ cookiecutter.package_name }}.wsgi.application"

# DATABASE_URL: sqlite:///path/to/db.sqlite3 or postgresql://user:password@host:port/dbname
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    ),
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
{%- if cookiecutter.auth == "yes" %}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "profile"
LOGOUT_REDIRECT_URL = "home"
{%- endif %}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production serves the files collectstatic compressed and fingerprinted.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Security headers, sent with every response (see MIDDLEWARE).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'; object-src 'none'"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Plain-HTTP health checks keep working when HTTPS is enforced.
SECURE_REDIRECT_EXEMPT = [r"^health$"]

# Production answers HTTPS only. ALLOW_HTTP=true lets you try it over plain HTTP on
# your own machine (no redirect, no HSTS, cookies without Secure); never in a deployment.
ALLOW_HTTP = PRODUCTION and env_bool("ALLOW_HTTP", default=False)

if PRODUCTION and not ALLOW_HTTP:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # One year, as `manage.py check --deploy` asks: browsers will then refuse
    # plain HTTP for the domain and its subdomains for that long.
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
{%- if cookiecutter.rest_api == "drf" %}

REST_FRAMEWORK = {
    # The API is JSON only and uses no cookie-based authentication, so it is
    # not exposed to CSRF. Add authentication and permissions to guard it.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "{{ cookiecutter.package_name }}.exceptions.json_error_handler",
}
{%- endif %}

# Log to the console (gunicorn passes it on), errors included, in every configuration.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
