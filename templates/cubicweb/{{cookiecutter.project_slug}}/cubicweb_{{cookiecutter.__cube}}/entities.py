"""Python classes of the entity types: CubicWeb returns Item entities as instances of these."""

from typing import Any

from cubicweb.entities import AnyEntity, fetch_config


class Item(AnyEntity):
    """An Item of the schema, as an object."""

    __regid__ = "Item"
    # Attributes fetched with the entity, and the default order of Item result sets.
    fetch_attrs, cw_fetch_order = fetch_config(["name"])

    def dc_title(self) -> str:
        """The title CubicWeb shows for the item: its name."""
        return str(self.name)

    def as_json(self) -> dict[str, Any]:
        """The item as the JSON API answers it."""
        return {"id": self.eid, "name": self.name}
