from django.db import migrations

from hocvuso.support.catalogue import create_default_services


def forwards(apps, schema_editor):
    create_default_services(apps.get_model("support", "Service"))


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
