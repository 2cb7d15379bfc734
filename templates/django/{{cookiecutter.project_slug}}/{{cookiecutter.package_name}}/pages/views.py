"""The home page, the health check, the favicon and the CSRF failure page."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The home page."""
    return render(request, "pages/home.html")


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer or container runtime that the application is up."""
    return JsonResponse({"status": "ok"})


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Send browsers that ask for /favicon.ico to the icon among the static files."""
    return HttpResponseRedirect(static("favicon.svg"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The 403 page for a form posted without a valid CSRF token (CSRF_FAILURE_VIEW).

    Django's own page has inline styles, which the Content-Security-Policy blocks.
    """
    return render(request, "403_csrf.html", status=403)
