from django.db import migrations

from hocvuso.indicators.catalogue import create_default_indicators


def forwards(apps, schema_editor):
    create_default_indicators(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
