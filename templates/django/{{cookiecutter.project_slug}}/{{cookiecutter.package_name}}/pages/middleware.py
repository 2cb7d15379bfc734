"""Answer the health check before the middleware that only pages and forms need."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .views import health


class HealthCheckMiddleware:
    """Send ``/health`` straight to its view, skipping sessions, CSRF, users and messages.

    A load balancer asks for ``/health`` every few seconds on every instance; it has no
    session, user or form. Placed after the middleware that sets the security headers
    and redirects to HTTPS (see ``MIDDLEWARE``), the answer still carries the same
    headers as every other response. Other methods than GET and HEAD get the view's 405.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/health":
            return health(request)
        return self.get_response(request)
