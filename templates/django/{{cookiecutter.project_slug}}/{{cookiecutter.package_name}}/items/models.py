from django.db import models


class Item(models.Model):
    """A named item, the resource of the JSON API."""

    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
{%- if cookiecutter.rest_api == "none" %}

    def to_dict(self) -> dict[str, int | str]:
        """The item as the API returns it."""
        return {"id": self.pk, "name": self.name}
{%- endif %}
