"""The home page and the health check."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The home page."""
    return render(request, "pages/home.html")


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer or container runtime that the application is up."""
    return JsonResponse({"status": "ok"})
