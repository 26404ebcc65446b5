"""The migrations say what the models say: a model changed without its migration fails here
(the SQLite test database is made from the models, so the suite would not see it there)."""

from io import StringIO

from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        raise AssertionError(f"A migration is missing:\n{out.getvalue()}") from None
