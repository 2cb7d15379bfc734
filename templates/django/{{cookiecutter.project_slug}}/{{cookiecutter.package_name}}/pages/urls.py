from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
