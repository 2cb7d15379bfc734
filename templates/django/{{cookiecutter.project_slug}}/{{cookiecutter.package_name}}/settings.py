"""Django settings, read from the environment with environs.

DJANGO_ENV selects the configuration: ``development`` (the default) or
``production`` (debug off, HTTPS only, secure cookies, SECRET_KEY required).
Values come from the environment, after ``environment.py`` has loaded .env
(real environment variables win over it).
"""

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from .database import database_settings
from .environment import BASE_DIR, env, env_list

PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
PROJECT_DESCRIPTION = {{ cookiecutter.description|quoted }}

DJANGO_ENV = env.str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}."
    )
PRODUCTION = DJANGO_ENV == "production"

# Production never runs in debug mode, whatever DEBUG says.
DEBUG = not PRODUCTION and env.bool("DEBUG", True)

SECRET_KEY = env.str("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: production needs a long random secret key "
            "in the environment or in .env."
        )
    # Development only: a new key at each start, so sessions end on restart.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Origins (scheme://host[:port]) allowed to POST forms from another host, such as a
# front end on its own domain: Django checks the Origin header against these.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
{%- if cookiecutter.rest_api == "drf" %}
    "rest_framework",
{%- endif %}
    "{{ cookiecutter.package_name }}.accounts",
    "{{ cookiecutter.package_name }}.pages",
    "{{ cookiecutter.package_name }}.items",
]

# The project's own user model, from the first migration, as Django recommends.
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    # The header middlewares come first so that every response carries the
    # headers, HTTPS redirects and static files included.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # In production WhiteNoise serves the static files; in development, runserver does.
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),
    # /health is answered here, without the session, CSRF, user and messages below.
    "{{ cookiecutter.package_name }}.pages.middleware.HealthCheckMiddleware",
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
# (see database.py for every form).
DATABASES = {
    "default": database_settings(
        env.str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
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

# Security headers, sent with every response (see MIDDLEWARE). The policy allows no
# inline style or script anywhere: Django's debug error pages (DEBUG on only) are
# the one exception django-csp makes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = (
    # Django's CSRF failure page has inline styles: the project renders its own.
    "{{ cookiecutter.package_name }}.pages.views.csrf_failure"
)
# Plain-HTTP health checks keep working when HTTPS is enforced.
SECURE_REDIRECT_EXEMPT = [r"^health$"]

# Production answers HTTPS only. ALLOW_HTTP=true lets you try it over plain HTTP on
# your own machine (no redirect, no HSTS, cookies without Secure); never in a deployment.
ALLOW_HTTP = PRODUCTION and env.bool("ALLOW_HTTP", False)

if PRODUCTION and not ALLOW_HTTP:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Browsers refuse plain HTTP for the domain and its subdomains for this long. One
    # hour by default, so that a mistake is soon undone; raise it once HTTPS works.
    SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Asks browsers to ship the domain as HTTPS-only: a commitment that takes months
    # to undo, hence off unless HSTS_PRELOAD=true (and then `check --deploy` is quiet).
    SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
{%- if cookiecutter.rest_api == "drf" %}

REST_FRAMEWORK = {
    # The API is JSON only and reads no cookie-based credentials, so it is not
    # exposed to CSRF. It is open to everyone: add authentication and permissions
    # to guard it (see the README).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Per client address, counted in each process's own cache (see CACHES to share it).
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_THROTTLE_RATE", "120/minute")},
    "EXCEPTION_HANDLER": (
        # Errors answered as {"error": "..."}, like every other API error.
        "{{ cookiecutter.package_name }}.exceptions.json_error_handler"
    ),
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
