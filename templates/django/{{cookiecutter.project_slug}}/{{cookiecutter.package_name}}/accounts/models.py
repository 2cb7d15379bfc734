from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user (AUTH_USER_MODEL), Django's default user for now.

    It exists from the first migration because Django cannot easily swap the user
    model later: add fields here when the project needs them.
    """
