"""``runserver`` listening on $HOST:$PORT (from the environment or .env) by default."""

import os

from django.contrib.staticfiles.management.commands import runserver


class Command(runserver.Command):
    default_addr = os.environ.get("HOST", "127.0.0.1")
    default_port = os.environ.get("PORT", "8000")
