from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "{{ cookiecutter.package_name }}.pages"
