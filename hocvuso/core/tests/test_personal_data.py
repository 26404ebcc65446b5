"""Every field of ours is tagged in the personal data inventory, and the docs hold the inventory."""

import pathlib

from django.apps import apps

from hocvuso.core.personal_data import INVENTORY, inventory_markdown

DOC = pathlib.Path(__file__).resolve().parents[3] / "docs" / "personal-data.md"


def our_models():
    return [m for m in apps.get_models() if m.__module__.startswith("hocvuso.")]


def fields_of(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if f.concrete and not f.auto_created]


def test_every_field_of_every_model_is_tagged_once():
    untagged, twice = [], []
    for model in our_models():
        holding = INVENTORY.get(model._meta.label)
        tagged = [
            n for names in (holding.fields.values() if holding else []) for n in names.split()
        ]
        untagged += [f"{model._meta.label}.{n}" for n in fields_of(model) if n not in tagged]
        twice += [f"{model._meta.label}.{n}" for n in set(tagged) if tagged.count(n) > 1]
    assert untagged == [], "Tag these fields in hocvuso/core/personal_data.py"
    assert twice == []


def test_the_inventory_names_no_field_that_is_gone():
    models = {m._meta.label: m for m in our_models()}
    gone = [
        f"{label}.{name}"
        for label, holding in INVENTORY.items()
        for names in holding.fields.values()
        for name in names.split()
        if label not in models or name not in fields_of(models[label])
    ]
    assert gone == []


def test_the_docs_hold_the_current_inventory():
    assert inventory_markdown() in DOC.read_text(encoding="utf-8"), (
        "Update docs/personal-data.md: python manage.py personal_data_inventory"
    )
