"""Hooks: rules the repository applies to every change, whatever made it (API, shell, import)."""

from cubicweb import ValidationError
from cubicweb.predicates import is_instance
from cubicweb.server.hook import Hook


class NormalizeItemName(Hook):
    """Strip the spaces around an item's name, and refuse a name left empty."""

    __regid__ = "{{ cookiecutter.__cube }}.normalize_item_name"
    __select__ = Hook.__select__ & is_instance("Item")
    events = ("before_add_entity", "before_update_entity")

    def __call__(self) -> None:
        edited = self.entity.cw_edited
        if "name" not in edited:
            return
        name = (edited["name"] or "").strip()
        if not name:
            raise ValidationError(self.entity.eid, {"name": "the name must not be empty"})
        edited["name"] = name
