"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def project(request: HttpRequest) -> dict[str, str]:
    """The project's name and description, from settings (templates escape them)."""
    return {
        "project_name": settings.PROJECT_NAME,
        "project_description": settings.PROJECT_DESCRIPTION,
    }
