from django.db import migrations

from hocvuso.indicators.catalogue import create_default_indicators


def forwards(apps, schema_editor):
    # The catalogue's names no longer say "thôn" or "xã": every commune reads them.
    create_default_indicators(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_alter_indicator_unit_label_and_more")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
