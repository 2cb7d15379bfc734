from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "{{ cookiecutter.package_name }}.accounts"
