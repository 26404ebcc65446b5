from django.db import migrations

from hocvuso.indicators.catalogue import create_city_targets, create_default_indicators

HAI_PHONG = "31"


def forwards(apps, schema_editor):
    # Adds the students' indicator of Plan 01-KH/BCĐTW; the others exist.
    create_default_indicators(apps.get_model("indicators", "Indicator"))
    # The units are loaded by a command, after the migrations on a new
    # database; then `load_demo` sets the targets (hocvuso/demo/targets.py).
    Unit = apps.get_model("units", "Unit")
    province = Unit.objects.filter(level="province", code=HAI_PHONG).first()
    if province is not None:
        create_city_targets(
            apps.get_model("indicators", "Indicator"),
            apps.get_model("indicators", "Target"),
            province,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_default_indicators"),
        ("units", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
