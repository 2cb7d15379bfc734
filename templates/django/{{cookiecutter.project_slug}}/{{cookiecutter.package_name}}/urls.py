"""URL configuration: the pages, the items API{% if cookiecutter.auth == "yes" %}, the accounts{% endif %} and the admin."""

from django.contrib import admin
from django.urls import include, path
{% if cookiecutter.auth == "yes" %}
from .accounts import urls as accounts_urls
{%- endif %}
from .items import urls as items_urls
from .pages import urls as pages_urls

urlpatterns = [
    path("", include(pages_urls)),
    path("api/", include(items_urls)),
{%- if cookiecutter.auth == "yes" %}
    path("accounts/", include(accounts_urls)),
{%- endif %}
    path("admin/", admin.site.urls),
]
