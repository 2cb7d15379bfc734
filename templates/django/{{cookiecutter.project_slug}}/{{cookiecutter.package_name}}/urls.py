"""URL configuration: the pages, the items API{% if cookiecutter.auth == "yes" %}, the accounts{% endif %} and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("{{ cookiecutter.package_name }}.pages.urls")),
    path("api/", include("{{ cookiecutter.package_name }}.items.urls")),
{%- if cookiecutter.auth == "yes" %}
    path("accounts/", include("{{ cookiecutter.package_name }}.accounts.urls")),
{%- endif %}
    path("admin/", admin.site.urls),
]
