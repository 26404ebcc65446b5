from django.db import migrations

from hocvuso.learning.catalogue import create_default_platforms


def forwards(apps, schema_editor):
    create_default_platforms(apps.get_model("learning", "Platform"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
