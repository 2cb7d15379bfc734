"""A bare single-file Django app answering /health, for the throughput benchmark."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path

COMMAND = "gunicorn bare_django:application"


def health(request: HttpRequest) -> JsonResponse:
    """Answer that the process is up."""
    return JsonResponse({"status": "ok"})


settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="benchmark-only-not-a-secret",
    MIDDLEWARE=[],
)
urlpatterns = [path("health", health)]
application = get_wsgi_application()
