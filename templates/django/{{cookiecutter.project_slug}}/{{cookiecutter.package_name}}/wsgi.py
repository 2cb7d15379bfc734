"""WSGI entry point: gunicorn serves ``application`` in production (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE",
    "{{ cookiecutter.package_name }}.settings",
)

application = get_wsgi_application()
